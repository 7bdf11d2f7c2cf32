#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "message/message.h"

namespace rapport {

// The organisation's own lists of senders, in [policy] of rapport.conf.
enum class PolicyList { kTrustedSenders, kTrustedDomains, kBlockedSenders, kBlockedDomains };

// "trusted_senders", "trusted_domains", "blocked_senders", "blocked_domains":
// the config keys, and the names in logs, headers and explanations.
const char* PolicyListName(PolicyList list);
// The inverse of PolicyListName; false for any other word.
bool ParsePolicyList(std::string_view name, PolicyList* out);

// One entry of a list, normalised (lower-case, IDN domains as A-labels).
struct PolicyEntry {
  enum class Kind {
    kAddress,     // "alice@vendor.test": that address
    kDomain,      // "@vendor.test": addresses at that domain exactly
    kDomainTree,  // "vendor.test": addresses at that domain and its subdomains
  };
  PolicyList list = PolicyList::kTrustedSenders;
  Kind kind = Kind::kAddress;
  std::string value;   // the address or the domain, without '@' for kDomain
  std::string origin;  // where it was written: "/etc/rapport/rapport.conf:42"
};

// The entry as an operator writes it: "alice@vendor.test", "@vendor.test"
// or "vendor.test".
std::string PolicyEntryText(const PolicyEntry& entry);

// Parses one entry of `list`. *_senders lists take addresses and @domain;
// *_domains lists take domains (with their subdomains) and @domain.
// InvalidArgument with one line saying what the entry must look like.
Status ParsePolicyEntry(std::string_view text, PolicyList list, PolicyEntry* out);

// What a blocked sender's mail gets.
enum class BlockedAction { kHold, kReject };

struct PolicyLists {
  std::vector<PolicyEntry> entries;  // every list, in the order written
  BlockedAction blocked_action = BlockedAction::kHold;
};

// The entry that decides for `message`, or nullptr. A blocked entry
// matching the From address or the envelope MAIL FROM decides first: a
// sender cannot escape a block by choosing which one to forge. A trusted
// entry decides when the From address matches one and the envelope MAIL
// FROM matches one too (the From's entry is returned): forging the From
// header alone earns no trust, and neither does a null sender (<>), which
// a forger would choose. Archives (explain, replay) have no envelope (no
// RCPT TO); the From decides there.
const PolicyEntry* DecidingPolicyEntry(const PolicyLists& lists, const Message& message);

// True for the trusted lists.
bool IsTrusted(PolicyList list);

struct Verdict;

// The one place the policy lists act, for the milter, explain and replay
// alike (the scorer calls it on every inbound verdict): when an entry
// decides for `message`, names it in verdict->policy and sets the action:
// accept for a trusted sender (however high the score), hold or reject
// (blocked_action) for a blocked one. Otherwise leaves *verdict as it is.
void ApplyPolicy(const PolicyLists& lists, const Message& message, Verdict* verdict);

}  // namespace rapport
