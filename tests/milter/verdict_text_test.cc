#include "milter/verdict_text.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

Verdict MakeVerdict(int score, std::vector<std::string> names) {
  Verdict verdict;
  verdict.score = score;
  for (auto& name : names) {
    SignalHit hit;
    hit.name = std::move(name);
    verdict.signals.push_back(hit);
  }
  return verdict;
}

TEST_CASE("Signal lists keep the verdict's order", "[milter][text]") {
  const Verdict verdict = MakeVerdict(87, {"FIRST_FILESHARE_DOMAIN", "GENERIC_LINK_TEXT"});
  CHECK(SignalList(verdict, ", ") == "FIRST_FILESHARE_DOMAIN, GENERIC_LINK_TEXT");
  CHECK(SignalList(verdict, ",") == "FIRST_FILESHARE_DOMAIN,GENERIC_LINK_TEXT");
  CHECK(SignalList(Verdict{}, ",").empty());
}

TEST_CASE("The deciding policy entry comes first in X-Rapport-Signals, made safe",
          "[milter][text][policy]") {
  Verdict verdict = MakeVerdict(87, {"FIRST_CONTACT"});
  CHECK(SignalsHeader(verdict) == "FIRST_CONTACT");
  verdict.policy = PolicyMatch{PolicyList::kTrustedDomains, "vendor.test", "rapport.conf:3"};
  CHECK(PolicyLabel(*verdict.policy) == "policy=trusted_domains:vendor.test");
  CHECK(SignalsHeader(verdict) == "policy=trusted_domains:vendor.test, FIRST_CONTACT");
  CHECK(SignalList(verdict, ",") == "FIRST_CONTACT");  // the log line names it apart
  verdict.signals.clear();
  CHECK(SignalsHeader(verdict) == "policy=trusted_domains:vendor.test");
  verdict.policy->list = PolicyList::kBlockedSenders;
  verdict.policy->entry = "o'brien\r\nInjected: 1@spam.test";
  CHECK(PolicyLabel(*verdict.policy) == "policy=blocked_senders:o?brien???njected??1@spam.test");
}

TEST_CASE("The deciding entry's origin ends the log line, quoted and made safe",
          "[milter][text][policy]") {
  PolicyMatch match{PolicyList::kBlockedSenders, "x@partner.test",
                    "added by 0/root (sudo alice) at 2026-12-03T12:40:00Z"};
  CHECK(PolicyOriginLabel(match) ==
        "policy_origin=\"added by 0/root (sudo alice) at 2026-12-03T12:40:00Z\"");
  match.origin = "/etc/rapport/a\"b\\c\nd.conf:3";
  CHECK(PolicyOriginLabel(match) == "policy_origin=\"/etc/rapport/a?b?c?d.conf:3\"");
}

TEST_CASE("Signal names cannot smuggle text into headers or logs", "[milter][text]") {
  const Verdict verdict = MakeVerdict(1, {"BAD\r\nX-Injected: 1", "lower_case"});
  CHECK(SignalList(verdict, ",") == "BADXINJECTED1,LOWER_CASE");
}

TEST_CASE("Signal lists are bounded", "[milter][text]") {
  std::vector<std::string> names(kMaxListedSignals + 5, "S");
  const std::string list = SignalList(MakeVerdict(1, names), ",");
  CHECK(list.size() == 2 * kMaxListedSignals - 1);
}

TEST_CASE("The quarantine reason names the score and the top signals", "[milter][text]") {
  const Verdict verdict = MakeVerdict(
      91, {"FIRST_FILESHARE_DOMAIN", "GENERIC_LINK_TEXT", "BCC_FIRST_CONTACT", "NEW_MAILER"});
  CHECK(QuarantineReason(verdict) ==
        "Rapport score 91: FIRST_FILESHARE_DOMAIN, GENERIC_LINK_TEXT, BCC_FIRST_CONTACT");
  CHECK(QuarantineReason(verdict, 1) == "Rapport score 91: FIRST_FILESHARE_DOMAIN");
  CHECK(QuarantineReason(MakeVerdict(75, {})) == "Rapport score 75");
}

TEST_CASE("The reject text names nothing internal", "[milter][text]") {
  CHECK(kRejectCode == "550");
  CHECK(kRejectText.find("Rapport") == std::string_view::npos);
  CHECK(kRejectText.find("score") == std::string_view::npos);
}

}  // namespace
}  // namespace rapport
