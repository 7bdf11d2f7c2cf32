#include <catch2/catch.hpp>

#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kStaff = "daren.farmer@enron.com";

// A correspondent of two years the organisation writes to often.
FakeHistory CalpineHistory() {
  FakeHistory history;
  history.AddCorrespondent("jane@calpine.com", kStaff, kNow - 730 * kDay, kNow - kDay, 80, 40);
  history.Profile("calpine.com").active_days = 200;
  return history;
}

Verdict ScoreWithKnownNames(const Message& message, const FakeHistory& history, bool refresh) {
  std::unique_ptr<Scorer> scorer;
  REQUIRE(Scorer::Create(DefaultOptions(), &scorer).ok());
  if (refresh) REQUIRE(scorer->RefreshKnownNames(history).ok());
  Verdict verdict;
  REQUIRE(scorer->Score(message, Direction::kInbound, history, kNow, &verdict).ok());
  return verdict;
}

TEST_CASE("LOOKALIKE_DOMAIN: a correspondent's domain imitated, once history is indexed",
          "[lookalike]") {
  const FakeHistory history = CalpineHistory();
  const Message message = MailFrom(Address("jane@ca1pine.com", "Jane"), {std::string(kStaff)});

  // Before the scorer has read history it knows only local domains and brands.
  CHECK(!HasHit(ScoreWithKnownNames(message, history, false), "LOOKALIKE_DOMAIN"));

  const Verdict verdict = ScoreWithKnownNames(message, history, true);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("ca1pine.com looks like calpine.com") != std::string::npos);
  CHECK(hit->context == "ca1pine.com");
  CHECK(hit->strength > 0.9);
}

TEST_CASE("LOOKALIKE_DOMAIN: the organisation's own domain and brands in links", "[lookalike]") {
  const FakeHistory history;
  Message message = MailFrom(Address("it@helpdesk-mail.test"), {std::string(kStaff)});
  message.links = {WebLink("enr0n.com", "/login"), WebLink("paypa1.com", "/verify")};
  const Verdict verdict = ScoreWithKnownNames(message, history, true);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->strength == Approx(1.0));
  CHECK(hit->evidence.find("(and 1 more like it)") != std::string::npos);
}

TEST_CASE("LOOKALIKE_DOMAIN: the real domains are not look-alikes of themselves", "[lookalike]") {
  const FakeHistory history = CalpineHistory();
  Message message = MailFrom(Address("jane@calpine.com", "Jane"), {std::string(kStaff)});
  message.links = {WebLink("www.calpine.com", "/invoice"), WebLink("www.paypal.com", "/")};
  const Verdict verdict = ScoreWithKnownNames(message, history, true);
  INFO(Explain(verdict));
  CHECK(FindHit(verdict, "LOOKALIKE_DOMAIN") == nullptr);
}

}  // namespace
}  // namespace rapport::testing
