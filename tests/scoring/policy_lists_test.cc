#include "scoring/policy_lists.h"

#include <catch2/catch.hpp>

#include "scoring/registry_scorer.h"
#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

PolicyEntry Entry(std::string_view text, PolicyList list) {
  PolicyEntry entry;
  const Status status = ParsePolicyEntry(text, list, &entry);
  INFO(status.ToString());
  REQUIRE(status.ok());
  return entry;
}

TEST_CASE("policy entries are addresses, @domains and domain trees, normalised", "[policy]") {
  PolicyEntry entry = Entry(" Alice@Vendor.TEST ", PolicyList::kTrustedSenders);
  CHECK(entry.kind == PolicyEntry::Kind::kAddress);
  CHECK(entry.value == "alice@vendor.test");
  CHECK(PolicyEntryText(entry) == "alice@vendor.test");

  entry = Entry("@Vendor.test", PolicyList::kBlockedSenders);
  CHECK(entry.kind == PolicyEntry::Kind::kDomain);
  CHECK(entry.value == "vendor.test");
  CHECK(PolicyEntryText(entry) == "@vendor.test");

  entry = Entry("bücher.example", PolicyList::kTrustedDomains);
  CHECK(entry.kind == PolicyEntry::Kind::kDomainTree);
  CHECK(entry.value == "xn--bcher-kva.example");

  entry = Entry("@vendor.test", PolicyList::kBlockedDomains);
  CHECK(entry.kind == PolicyEntry::Kind::kDomain);
}

TEST_CASE("a bad policy entry is refused with what it must look like", "[policy]") {
  struct Case {
    const char* text;
    PolicyList list;
    const char* reason;
  };
  const Case cases[] = {
      {"vendor.test", PolicyList::kTrustedSenders, "is not an address (name@domain) or @domain"},
      {"alice@", PolicyList::kTrustedSenders, "is not an address"},
      {"@", PolicyList::kBlockedSenders, "is not an address"},
      {"alice@localhost", PolicyList::kBlockedSenders, "is not an address"},
      {"alice@vendor.test", PolicyList::kTrustedDomains,
       "is not a domain (vendor.example) or @domain"},
      {"not a domain!", PolicyList::kBlockedDomains, "is not a domain"},
      {"@no_dots", PolicyList::kBlockedDomains, "is not a domain"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    PolicyEntry entry;
    entry.value = "unchanged";
    const Status status = ParsePolicyEntry(c.text, c.list, &entry);
    REQUIRE(status.IsInvalidArgument());
    CHECK_THAT(status.message(), Catch::Contains(c.reason));
    CHECK(entry.value == "unchanged");
  }
}

Message From(std::string_view from, std::string_view mail_from) {
  Message message = MailFrom(Address(from), {"b@enron.com"});
  message.envelope.mail_from = std::string(mail_from);
  return message;
}

TEST_CASE("which entry decides: blocked first, trust only when From and MAIL FROM agree",
          "[policy]") {
  PolicyLists lists;
  lists.entries = {Entry("vendor.test", PolicyList::kTrustedDomains),
                   Entry("ceo@partner.test", PolicyList::kTrustedSenders),
                   Entry("@bounces.partner.test", PolicyList::kTrustedSenders),
                   Entry("mallory@vendor.test", PolicyList::kBlockedSenders),
                   Entry("@spam.test", PolicyList::kBlockedDomains)};
  auto decides = [&](std::string_view from, std::string_view mail_from) {
    const PolicyEntry* entry = DecidingPolicyEntry(lists, From(from, mail_from));
    return entry == nullptr
               ? std::string("none")
               : std::string(PolicyListName(entry->list)) + ":" + PolicyEntryText(*entry);
  };
  // A domain tree covers the domain and its subdomains, not look-alikes.
  CHECK(decides("ann@vendor.test", "ann@vendor.test") == "trusted_domains:vendor.test");
  CHECK(decides("ann@mail.vendor.test", "x@vendor.test") == "trusted_domains:vendor.test");
  CHECK(decides("ann@evilvendor.test", "ann@evilvendor.test") == "none");
  // From and MAIL FROM may match different trusted entries.
  CHECK(decides("ceo@partner.test", "b-1@bounces.partner.test") ==
        "trusted_senders:ceo@partner.test");
  // A forged From alone earns no trust; without an envelope sender (an
  // archive, a bounce) the From decides.
  CHECK(decides("ceo@partner.test", "attacker@elsewhere.test") == "none");
  CHECK(decides("ceo@partner.test", "") == "trusted_senders:ceo@partner.test");
  // @domain is that domain only.
  CHECK(decides("x@sub.spam.test", "x@sub.spam.test") == "none");
  // Blocked wins over trusted, whether in From or in MAIL FROM.
  CHECK(decides("mallory@vendor.test", "mallory@vendor.test") ==
        "blocked_senders:mallory@vendor.test");
  CHECK(decides("ann@vendor.test", "x@spam.test") == "blocked_domains:@spam.test");
  CHECK(decides("x@spam.test", "ann@vendor.test") == "blocked_domains:@spam.test");
  CHECK(DecidingPolicyEntry(PolicyLists(), From("x@spam.test", "x@spam.test")) == nullptr);
}

Status Strong(const ScoringContext&, std::vector<Detection>* out) {
  out->push_back({1.0, "strong evidence", "strong-context"});
  return Status::Ok();
}

// One signal worth 80 points: held at the default thresholds.
const SignalRegistry& StrongRegistry() {
  static const SignalRegistry* registry = [] {
    auto* r = new SignalRegistry;
    REQUIRE(
        r->Add({"STRONG", SignalGroup::kLink, 80, "d", SignalScope::kBothDirections, Strong}).ok());
    return r;
  }();
  return *registry;
}

Verdict ScoreWithPolicy(const PolicyLists& lists, const Message& message,
                        Direction direction = Direction::kInbound) {
  ScoringOptions options = DefaultOptions();
  options.policy = lists;
  std::unique_ptr<Scorer> scorer;
  REQUIRE(CreateScorerWithRegistry(options, StrongRegistry(), &scorer).ok());
  FakeHistory history;
  Verdict verdict;
  REQUIRE(scorer->Score(message, direction, history, kNow, &verdict).ok());
  return verdict;
}

TEST_CASE("the scorer applies the deciding entry: trusted is still scored, never held",
          "[policy]") {
  PolicyLists lists;
  lists.entries = {Entry("vendor.test", PolicyList::kTrustedDomains),
                   Entry("@spam.test", PolicyList::kBlockedDomains)};
  lists.entries[0].origin = "rapport.conf:12";

  const Verdict trusted = ScoreWithPolicy(lists, From("ann@vendor.test", "ann@vendor.test"));
  CHECK(trusted.score == 80);  // still scored and explained
  REQUIRE(trusted.signals.size() == 1);
  CHECK(trusted.action == Action::kAccept);
  REQUIRE(trusted.policy.has_value());
  CHECK(trusted.policy->list == PolicyList::kTrustedDomains);
  CHECK(trusted.policy->entry == "vendor.test");
  CHECK(trusted.policy->origin == "rapport.conf:12");

  Verdict blocked = ScoreWithPolicy(lists, From("x@spam.test", "x@spam.test"));
  CHECK(blocked.action == Action::kHold);
  REQUIRE(blocked.policy.has_value());
  CHECK(blocked.policy->entry == "@spam.test");

  lists.blocked_action = BlockedAction::kReject;
  blocked = ScoreWithPolicy(lists, From("x@spam.test", "x@spam.test"));
  CHECK(blocked.action == Action::kReject);

  // Nobody's entry: the thresholds decide, and no policy is named.
  const Verdict other = ScoreWithPolicy(lists, From("x@other.test", "x@other.test"));
  CHECK(other.action == Action::kHold);
  CHECK_FALSE(other.policy.has_value());

  // Outbound mail is never acted on, blocked or not.
  const Verdict outbound =
      ScoreWithPolicy(lists, From("x@spam.test", "x@spam.test"), Direction::kOutbound);
  CHECK(outbound.action == Action::kAccept);
  CHECK_FALSE(outbound.policy.has_value());
}

}  // namespace
}  // namespace rapport::testing
