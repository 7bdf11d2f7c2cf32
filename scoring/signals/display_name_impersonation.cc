#include <string>
#include <vector>

#include "base/status.h"
#include "message/domain_names.h"
#include "message/history_keys.h"
#include "message/organisation.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"
#include "store/history.h"

namespace rapport {

namespace {

// A name used by this many addresses is a role ("Accounts Payable"), not a person.
constexpr size_t kGenericNameAddresses = 5;
// Names shorter than this ("Bob", "IT") match too much to mean anything.
constexpr size_t kMinNameLength = 5;
// Uses of a name by an external address before it counts as that contact's name.
constexpr uint64_t kEstablishedUses = 5;
// Strength kept when the mail reaches no one but the person named. BEC
// borrows one person's name to persuade someone else; the named person
// knows what they wrote, so the name buys an impersonator nothing with
// them. What remains is a person's own mail from an outside address (their
// commit notices, a forward from their private account), so the signal
// stays to add to others rather than vanish: a forger who writes to the
// named person and a colleague keeps full strength.
constexpr double kOnlyToNamedPersonFactor = 0.25;

// True when every internal recipient is the mailbox of internal user
// `named` (SameLocalMailbox: one local part, or it with a sub-address
// extension, in any local domain) and there is at least one.
bool ReachesOnly(const ScoringContext& context, std::string_view named) {
  const std::vector<std::string>& recipients = context.internal_recipients();
  const std::vector<std::string>& local_domains = context.environment().local_domains;
  if (recipients.empty()) return false;
  for (const std::string& recipient : recipients) {
    if (!SameLocalMailbox(recipient, named, local_domains)) return false;
  }
  return true;
}

// The internal user whose mailbox the sender's display name spells by a
// scheme that names both names whole (MailboxesNamedBy(), kWholeNames) at
// one of the local domains: an address that sent mail from here, so it is
// a member of staff, not a name a stranger happens to share with a
// recipient. Organisations name mailboxes after their people, so the
// gateway knows its staff's names from their addresses even when their
// mail carries no display name (Enron's From headers carry none). Sets
// *owner empty when none; *profile is the owner's.
Status FindStaffMailboxNamed(const ScoringContext& context, std::string* owner,
                             SenderProfile* profile) {
  owner->clear();
  const std::vector<std::string> mailboxes =
      MailboxesNamedBy(context.message().from.display_name, NameSpelling::kWholeNames);
  for (const std::string& domain : context.environment().local_domains) {
    for (const std::string& mailbox : mailboxes) {
      const std::string address = mailbox + "@" + domain;
      Status status = context.history().GetSenderProfile(address, profile);
      if (status.IsNotFound()) continue;
      if (!status.ok()) return status;
      if (profile->messages_sent == 0) continue;
      *owner = address;
      return Status::Ok();
    }
  }
  return Status::Ok();
}

Status DetectDisplayNameImpersonation(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty() || context.sender_is_local()) return Status::Ok();
  std::string name = NormaliseDisplayName(context.message().from.display_name);
  if (name.size() < kMinNameLength) return Status::Ok();
  const std::vector<DisplayNameUse>* uses = nullptr;
  Status status = context.DisplayNameUses(&uses);
  if (!status.ok() || uses->size() >= kGenericNameAddresses) return status;

  DisplayNameUse spelled;  // the staff mailbox the name spells, when history lacks the name
  const DisplayNameUse* owner = nullptr;
  double strength = 0;
  for (const DisplayNameUse& use : *uses) {
    if (use.address == context.sender()) return Status::Ok();  // the sender's own name
    // Two addresses of one organisation with one name are one person's.
    if (IcannRegistrableDomain(AddressDomain(use.address)) == context.sender_registrable_domain()) {
      continue;
    }
    double s = use.internal ? 1.0 : (use.messages >= kEstablishedUses ? 0.8 : 0.4);
    if (s > strength) {
      strength = s;
      owner = &use;
    }
  }
  std::string how = "belongs to";
  // No internal user was seen using the name, but it may still spell one's
  // mailbox. Not for a correspondent the organisation has written to: the
  // staff know that sender, and a namesake's name is its own.
  const SenderProfile* sender = context.sender_profile();
  if ((owner == nullptr || !owner->internal) &&
      (sender == nullptr || sender->messages_received == 0)) {
    SenderProfile profile;
    status = FindStaffMailboxNamed(context, &spelled.address, &profile);
    if (!status.ok()) return status;
    if (!spelled.address.empty()) {
      spelled.messages = profile.messages_sent;
      spelled.internal = true;
      owner = &spelled;
      strength = 1.0;
      how = "spells the mailbox of";
    }
  }
  if (owner == nullptr) return Status::Ok();
  std::string whose = owner->internal ? "the internal user " : "the known contact ";
  std::string evidence = "display name " + Quoted(context.message().from.display_name) + " " + how +
                         " " + whose + owner->address + " (" + std::to_string(owner->messages) +
                         (owner == &spelled ? " messages sent" : " messages") +
                         "), but this message comes from " + DescribeSender(context);
  if (owner->internal && ReachesOnly(context, owner->address)) {
    strength *= kOnlyToNamedPersonFactor;
    evidence += "; it reaches no one but " + owner->address +
                " themselves, whom their own name cannot deceive (weakened)";
  }
  out->push_back({strength, std::move(evidence), context.sender() + ">" + owner->address});
  return Status::Ok();
}

}  // namespace

Status RegisterDisplayNameImpersonation(SignalRegistry* registry) {
  return registry->Add({"DISPLAY_NAME_IMPERSONATION", SignalGroup::kCorrespondent, 40,
                        "display name of a known contact or internal user on another address",
                        SignalScope::kInboundOnly, DetectDisplayNameImpersonation});
}

}  // namespace rapport
