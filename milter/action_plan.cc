#include "milter/action_plan.h"

#include "milter/subject_tag.h"
#include "milter/verdict_text.h"
#include "scoring/delivery.h"

namespace rapport {

const char* RouteName(Route route) {
  switch (route) {
    case Route::kInbound:
      return "inbound";
    case Route::kOutbound:
      return "outbound";
    case Route::kInternal:
      return "internal";
    case Route::kTransit:
      return "transit";
  }
  return "transit";
}

ActionPlan PlanForFailure(const RapportHeaderIndex* rapport_headers) {
  ActionPlan plan;
  if (rapport_headers != nullptr) plan.remove_headers = rapport_headers->ForRemoval();
  return plan;
}

ActionPlan PlanActions(const PlanInput& input) {
  ActionPlan plan = PlanForFailure(input.rapport_headers);
  switch (input.route) {
    case Route::kTransit:
      return plan;
    case Route::kOutbound:
      plan.learn = true;
      return plan;
    case Route::kInbound:
    case Route::kInternal:
      break;
  }

  const Verdict& verdict = input.verdict;
  if (verdict.action == Action::kReject) {
    ActionPlan reject;
    reject.reject = true;
    return reject;
  }
  plan.add_headers.emplace_back("X-Rapport-Score", std::to_string(verdict.score));
  plan.add_headers.emplace_back("X-Rapport-Signals", SignalsHeader(verdict));
  if (verdict.action == Action::kTag || verdict.action == Action::kHold) {
    plan.subject = TaggedSubject(input.subject, input.subject_tag);
    plan.subject_exists = input.subject.has_value();
  }
  if (verdict.action == Action::kHold) plan.quarantine_reason = QuarantineReason(verdict);
  plan.learn = verdict.action == Action::kAccept || verdict.action == Action::kTag;
  plan.observe = verdict.action == Action::kHold;
  return plan;
}

}  // namespace rapport
