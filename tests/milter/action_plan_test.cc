#include "milter/action_plan.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

PlanInput InboundInput(Action action, int score, const RapportHeaderIndex* headers) {
  PlanInput input;
  input.route = Route::kInbound;
  input.verdict.score = score;
  input.verdict.action = action;
  SignalHit hit;
  hit.name = "FIRST_CONTACT";
  input.verdict.signals.push_back(hit);
  input.rapport_headers = headers;
  input.subject = "Statement";
  input.subject_tag = "[SUSPICIOUS]";
  return input;
}

RapportHeaderIndex ForgedIndex() {
  RapportHeaderIndex index;
  index.Add("X-Rapport-Score");
  index.Add("x-rapport-signals");
  return index;
}

TEST_CASE("Accepted inbound mail gets score headers and is learned", "[milter][plan]") {
  const RapportHeaderIndex forged = ForgedIndex();
  const ActionPlan plan = PlanActions(InboundInput(Action::kAccept, 12, &forged));
  CHECK(plan.remove_headers.size() == 2);
  REQUIRE(plan.add_headers.size() == 2);
  CHECK(plan.add_headers[0] == std::pair<std::string, std::string>("X-Rapport-Score", "12"));
  CHECK(plan.add_headers[1] ==
        std::pair<std::string, std::string>("X-Rapport-Signals", "FIRST_CONTACT"));
  CHECK_FALSE(plan.subject.has_value());
  CHECK_FALSE(plan.quarantine_reason.has_value());
  CHECK_FALSE(plan.reject);
  CHECK(plan.learn);
}

TEST_CASE("Tagged inbound mail gets a tagged subject and is learned", "[milter][plan]") {
  const ActionPlan plan = PlanActions(InboundInput(Action::kTag, 55, nullptr));
  CHECK(plan.subject == "[SUSPICIOUS] Statement");
  CHECK(plan.subject_exists);
  CHECK_FALSE(plan.quarantine_reason.has_value());
  CHECK(plan.learn);
}

TEST_CASE("Held inbound mail is tagged, quarantined and not learned", "[milter][plan]") {
  const ActionPlan plan = PlanActions(InboundInput(Action::kHold, 88, nullptr));
  CHECK(plan.subject == "[SUSPICIOUS] Statement");
  CHECK(plan.quarantine_reason == "Rapport score 88: FIRST_CONTACT");
  CHECK(plan.add_headers.size() == 2);
  CHECK_FALSE(plan.learn);
}

TEST_CASE("Rejected mail is only rejected", "[milter][plan]") {
  const RapportHeaderIndex forged = ForgedIndex();
  const ActionPlan plan = PlanActions(InboundInput(Action::kReject, 99, &forged));
  CHECK(plan.reject);
  CHECK(plan.remove_headers.empty());
  CHECK(plan.add_headers.empty());
  CHECK_FALSE(plan.learn);
}

TEST_CASE("Outbound mail is learned, not marked; forged headers still go", "[milter][plan]") {
  const RapportHeaderIndex forged = ForgedIndex();
  PlanInput input = InboundInput(Action::kHold, 90, &forged);
  input.route = Route::kOutbound;
  const ActionPlan plan = PlanActions(input);
  CHECK(plan.learn);
  CHECK(plan.add_headers.empty());
  CHECK_FALSE(plan.subject.has_value());
  CHECK_FALSE(plan.quarantine_reason.has_value());
  CHECK(plan.remove_headers.size() == 2);
}

TEST_CASE("Internal mail is acted on like inbound and learned when delivered", "[milter][plan]") {
  const RapportHeaderIndex forged = ForgedIndex();
  PlanInput input = InboundInput(Action::kHold, 90, &forged);
  input.route = Route::kInternal;
  ActionPlan plan = PlanActions(input);
  CHECK(plan.quarantine_reason.has_value());
  CHECK_FALSE(plan.learn);
  CHECK(plan.add_headers.size() == 2);
  input = InboundInput(Action::kAccept, 5, &forged);
  input.route = Route::kInternal;
  plan = PlanActions(input);
  CHECK_FALSE(plan.quarantine_reason.has_value());
  CHECK(plan.learn);
}

TEST_CASE("Transit mail is neither marked nor learned", "[milter][plan]") {
  const RapportHeaderIndex forged = ForgedIndex();
  PlanInput input = InboundInput(Action::kHold, 90, &forged);
  input.route = Route::kTransit;
  const ActionPlan plan = PlanActions(input);
  CHECK_FALSE(plan.learn);
  CHECK(plan.add_headers.empty());
  CHECK(plan.remove_headers.size() == 2);
}

TEST_CASE("A failure removes the forged headers and nothing else", "[milter][plan]") {
  const RapportHeaderIndex forged = ForgedIndex();
  const ActionPlan plan = PlanForFailure(&forged);
  CHECK(plan.remove_headers == forged.ForRemoval());
  CHECK(plan.add_headers.empty());
  CHECK_FALSE(plan.learn);
  CHECK(PlanForFailure(nullptr).remove_headers.empty());
}

}  // namespace
}  // namespace rapport
