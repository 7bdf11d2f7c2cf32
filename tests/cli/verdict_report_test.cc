#include "cli/verdict_report.h"

#include <catch2/catch.hpp>
#include <sstream>

namespace rapport {
namespace {

Verdict TrustedVerdict() {
  Verdict verdict;
  verdict.score = 74;
  verdict.action = Action::kAccept;
  SignalHit hit;
  hit.name = "FIRST_FILESHARE_DOMAIN";
  hit.weight = 45;
  hit.strength = 1;
  hit.contribution = 45;
  hit.evidence = "first link to pub-1.r2.dev";
  verdict.signals.push_back(hit);
  verdict.policy =
      PolicyMatch{PolicyList::kTrustedDomains, "vendor.test", "/etc/rapport/rapport.conf:42"};
  return verdict;
}

Message VendorMessage() {
  Message message;
  message.from.address = "billing@vendor.test";
  message.subject = "Statement";
  message.message_id = "m1@vendor.test";
  return message;
}

TEST_CASE("explain and replay name the policy entry that decided", "[cli][policy]") {
  const Message message = VendorMessage();
  Verdict verdict = TrustedVerdict();
  const nlohmann::json summary = VerdictSummaryJson(message, verdict);
  CHECK(summary.at("action") == "accept");
  CHECK(summary.at("score") == 74);
  CHECK(summary.at("policy") == nlohmann::json{{"list", "trusted_domains"},
                                               {"entry", "vendor.test"},
                                               {"origin", "/etc/rapport/rapport.conf:42"}});
  CHECK(VerdictDetailJson(message, verdict).at("policy").at("list") == "trusted_domains");

  std::ostringstream text;
  PrintVerdict(text, message, verdict);
  CHECK_THAT(text.str(), Catch::StartsWith("score 74 -> accept\n"
                                           "decided by policy: trusted_domains entry "
                                           "'vendor.test' (/etc/rapport/rapport.conf:42): "
                                           "trusted, never tagged, held or rejected\n"));

  verdict.policy->list = PolicyList::kBlockedSenders;
  verdict.policy->entry = "mallory@vendor.test";
  verdict.action = Action::kHold;
  std::ostringstream blocked;
  PrintVerdict(blocked, message, verdict);
  CHECK_THAT(blocked.str(), Catch::Contains("decided by policy: blocked_senders entry "
                                            "'mallory@vendor.test' (/etc/rapport/rapport.conf:42): "
                                            "blocked\n"));

  verdict.policy.reset();
  CHECK_FALSE(VerdictSummaryJson(message, verdict).contains("policy"));
  std::ostringstream plain;
  PrintVerdict(plain, message, verdict);
  CHECK_THAT(plain.str(), !Catch::Contains("decided by policy"));
}

TEST_CASE("replay's held lines carry each signal's evidence by name", "[cli]") {
  Verdict verdict = TrustedVerdict();
  SignalHit second;
  second.name = "FIRST_CONTACT";
  second.evidence = "first message from billing@vendor.test";
  verdict.signals.push_back(second);
  CHECK(SignalEvidenceJson(verdict) ==
        nlohmann::json{{"FIRST_FILESHARE_DOMAIN", "first link to pub-1.r2.dev"},
                       {"FIRST_CONTACT", "first message from billing@vendor.test"}});
  CHECK(SignalEvidenceJson(Verdict()) == nlohmann::json::object());
}

}  // namespace
}  // namespace rapport
