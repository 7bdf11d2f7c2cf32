#include <catch2/catch.hpp>

#include "store/held_message.h"
#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kStaff = "daren.farmer@enron.com";

SignalContextStats Reported(uint64_t times) {
  SignalContextStats stats;
  stats.first_seen = kNow - kDay;
  stats.last_seen = kNow - kDay;
  stats.reported = times;
  return stats;
}

Message NewSenderLinking(std::string_view sender, std::string_view host) {
  Message m = MailFrom(Address(sender), {std::string(kStaff)}, "Invoice");
  m.links = {WebLink(host, "/pay", "Pay now")};
  return m;
}

TEST_CASE("a link domain an admin reported scores higher from another sender", "[reported]") {
  const Message message = NewSenderLinking("billing@other-sender.test", "pay.evil-portal.test");
  FakeHistory before;
  const Verdict unreported = ScoreDefault(message, before);
  CHECK(FindHit(unreported, "REPORTED_INDICATOR") == nullptr);

  FakeHistory after;
  after.SetSignalContext(kReportedFeedbackSignal, ReportedLinkDomainKey("evil-portal.test"),
                         Reported(1));
  const Verdict reported = ScoreDefault(message, after);
  INFO(Explain(reported));
  const SignalHit* hit = FindHit(reported, "REPORTED_INDICATOR");
  REQUIRE(hit != nullptr);
  CHECK(hit->strength == Approx(1.0));
  CHECK(hit->context == "link:evil-portal.test");
  CHECK(hit->evidence.find("evil-portal.test was in mail reported as malicious once") !=
        std::string::npos);
  CHECK(reported.score > unreported.score);
}

TEST_CASE("a bare IP an admin reported is matched like a domain", "[reported]") {
  // Reporting records a held link's private domain, which for an address is
  // the address itself (DescribeLinkTarget).
  Message message = MailFrom(Address("robot@other-sender.test"), {std::string(kStaff)}, "Verify");
  message.links = {AddressLink("203.0.113.9", "/webscr", "Verify now")};
  FakeHistory history;
  CHECK(Detect("REPORTED_INDICATOR", message, history).empty());
  history.SetSignalContext(kReportedFeedbackSignal, ReportedLinkDomainKey("203.0.113.9"),
                           Reported(1));
  const std::vector<Detection> found = Detect("REPORTED_INDICATOR", message, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].context == "link:203.0.113.9");
}

TEST_CASE("a reported sender is flagged even without links", "[reported]") {
  FakeHistory history;
  history.SetSignalContext(kReportedFeedbackSignal, ReportedSenderKey("mallory@attack.test"),
                           Reported(2));
  Message message = MailFrom(Address("mallory@attack.test"), {std::string(kStaff)}, "Hi");
  const std::vector<Detection> found = Detect("REPORTED_INDICATOR", message, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].context == "sender:mallory@attack.test");
  CHECK(found[0].evidence.find("reported as malicious 2 times") != std::string::npos);
  // Another sender of the same domain is not the reported address.
  Message colleague = MailFrom(Address("bob@attack.test"), {std::string(kStaff)}, "Hi");
  CHECK(Detect("REPORTED_INDICATOR", colleague, history).empty());
}

TEST_CASE("reports of other domains, and local links, do not fire", "[reported]") {
  FakeHistory history;
  history.SetSignalContext(kReportedFeedbackSignal, ReportedLinkDomainKey("enron.com"),
                           Reported(1));
  history.SetSignalContext(kReportedFeedbackSignal, ReportedLinkDomainKey("evil-portal.test"),
                           Reported(1));
  CHECK(Strength("REPORTED_INDICATOR", NewSenderLinking("a@b.test", "www.enron.com"), history) ==
        0);
  CHECK(Strength("REPORTED_INDICATOR", NewSenderLinking("a@b.test", "fine.test"), history) == 0);
}

TEST_CASE("a reported domain the whole organisation receives counts half", "[reported]") {
  FakeHistory history;
  history.SetSignalContext(kReportedFeedbackSignal, ReportedLinkDomainKey("bigplatform.test"),
                           Reported(1));
  const Message message = NewSenderLinking("a@b.test", "docs.bigplatform.test");
  CHECK(Strength("REPORTED_INDICATOR", message, history) == Approx(1.0));
  history.SetLinkDomain("bigplatform.test", 500, 40);
  CHECK(Strength("REPORTED_INDICATOR", message, history) == Approx(0.5));
}

}  // namespace
}  // namespace rapport::testing
