#include <string>
#include <string_view>
#include <utility>
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

// Strength kept when the sender's address is the mailbox an institution
// issued to the person named (FromInstitutionMailboxOfName()). What
// remains is that person's mail from another of their addresses; the
// reading stays, weak, to add to other signals.
constexpr double kInstitutionMailboxFactor = 0.25;

// STAFF_NAME_NEW_LINK_DOMAIN. Messages a named colleague must have sent
// for their linking habit to be read at full strength.
constexpr uint64_t kStaffHabitMessages = 10;
constexpr double kThinHabitFactor = 0.5;
// Distinct link domains read of the colleague's habit; one who links this
// many is expected to link new ones (as kPromiscuousDomains of
// NEW_LINK_DOMAIN_FOR_SENDER).
constexpr size_t kStaffHabitDomains = 20;
constexpr double kStaffPromiscuousFactor = 0.6;
// Other staff already circulate the domain in their own mail.
constexpr double kStaffCirculateFactor = 0.4;

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

// True when `registrable_domain`'s public suffix is one under which only
// an accredited institution holds a domain: a university, a government,
// an army (the US's edu, gov and mil; a country's ac, edu, gov or mil
// level: ac.uk, edu.au, gov.uk, ac.cy). No one can register a name there
// to impersonate from.
bool UnderInstitutionOnlySuffix(std::string_view registrable_domain) {
  const size_t dot = registrable_domain.find('.');
  if (dot == std::string_view::npos) return false;
  std::string_view suffix = registrable_domain.substr(dot + 1);
  const size_t second = suffix.find('.');
  // A country's second level (ac.uk) counts; a deeper suffix is a
  // registry's own zone, not the state's.
  if (second != std::string_view::npos && suffix.find('.', second + 1) != std::string_view::npos) {
    return false;
  }
  const std::string_view first = suffix.substr(0, second);
  if (second == std::string_view::npos) {
    return first == "edu" || first == "gov" || first == "mil";
  }
  return first == "ac" || first == "edu" || first == "gov" || first == "mil";
}

// True when the sender's address is the mailbox an institution issued to
// the person its display name names: on a domain only an institution can
// hold (UnderInstitutionOnlySuffix()), with a local part that spells the
// name by a scheme organisations name mailboxes with (any scheme: the host
// is the institution's own). An impersonator can neither register such a
// domain nor have it name a mailbox after someone else; one who took over
// an account there writes from its owner's name, not the one displayed.
// What sends it is the person, from their university or agency: an
// academic's new affiliation ("Francis X. Diebold" from
// fdiebold@mail.sas.upenn.edu, known at stern.nyu.edu), a colleague who
// teaches ("Vince Kaminski" from vincek@stanford.edu).
bool FromInstitutionMailboxOfName(const ScoringContext& context) {
  if (!UnderInstitutionOnlySuffix(context.sender_registrable_domain())) return false;
  const std::string_view local_part = AddressLocalPart(context.sender());
  for (const std::string& mailbox :
       MailboxesNamedBy(context.message().from.display_name, NameSpelling::kAnyScheme)) {
    if (mailbox == local_part) return true;
  }
  return false;
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
                             const SenderProfile** profile) {
  owner->clear();
  const std::vector<std::string> mailboxes =
      MailboxesNamedBy(context.message().from.display_name, NameSpelling::kWholeNames);
  for (const std::string& domain : context.environment().local_domains) {
    for (const std::string& mailbox : mailboxes) {
      const std::string address = mailbox + "@" + domain;
      Status status = context.SenderProfileOf(address, profile);
      if (!status.ok()) return status;
      if (*profile == nullptr || (*profile)->messages_sent == 0) continue;
      *owner = address;
      return Status::Ok();
    }
  }
  return Status::Ok();
}

// Whose name the sender's display name is: the address history saw use it
// (an internal user's, or a known contact's), or the staff mailbox it
// spells. The one reading of a display name that both
// DISPLAY_NAME_IMPERSONATION and STAFF_NAME_NEW_LINK_DOMAIN judge, made
// once per message (NameOwnerOf()).
struct NameOwner {
  std::string address;    // empty when the name is no one's
  uint64_t messages = 0;  // the owner's messages (sent, when spelled)
  bool internal = false;
  bool spelled = false;  // named by its mailbox, not seen in use
  double strength = 0;
  // The sender's address is the named person's own at an institution
  // (FromInstitutionMailboxOfName()).
  bool institution_mailbox = false;
};

// True when the sender has a history of its own here: as many messages as
// another address needs before a name counts as its own (kEstablishedUses),
// or mail the organisation wrote to it.
bool SenderHasOwnHistory(const ScoringContext& context) {
  const SenderProfile* profile = context.sender_profile();
  return (profile != nullptr && profile->messages_sent >= kEstablishedUses) ||
         OrganisationWroteToSender(context);
}

// Read by NameOwnerOf(), for an outside sender whose display name is long
// enough to be a person's.
Status FindNameOwner(const ScoringContext& context, NameOwner* found) {
  *found = NameOwner();
  // A one-word name ("Julie") is a first name, which many correspondents
  // share: julie@lacimagroup.com and julie@lacima.co.uk both sign "Julie".
  // From a sender with its own history here it is that sender's signature,
  // not a claim to be the other one; BEC borrows a name for an address the
  // organisation does not know. A full name is still read.
  if (NormaliseDisplayName(context.message().from.display_name).find(' ') == std::string::npos &&
      SenderHasOwnHistory(context)) {
    return Status::Ok();
  }
  const std::vector<DisplayNameUse>* uses = nullptr;
  Status status = context.DisplayNameUses(&uses);
  if (!status.ok() || uses->size() >= kGenericNameAddresses) return status;

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
  // No internal user was seen using the name, but it may still spell one's
  // mailbox. Not for a correspondent the organisation has written to: the
  // staff know that sender, and a namesake's name is its own.
  if ((owner == nullptr || !owner->internal) && !OrganisationWroteToSender(context)) {
    std::string spelled;
    const SenderProfile* profile = nullptr;
    status = FindStaffMailboxNamed(context, &spelled, &profile);
    if (!status.ok()) return status;
    if (!spelled.empty()) {
      found->address = std::move(spelled);
      found->messages = profile->messages_sent;
      found->internal = true;
      found->spelled = true;
      found->strength = 1.0;
      return Status::Ok();
    }
  }
  if (owner == nullptr) return Status::Ok();
  found->address = owner->address;
  found->messages = owner->messages;
  found->internal = owner->internal;
  found->strength = strength;
  return Status::Ok();
}

// The context's key for FindNameOwner()'s reading (ScoringContext::Remember).
constexpr char kNameOwnerReading = 0;

// FindNameOwner(), read once per message: the second signal to ask is
// given the first one's reading. Sets *owner to it (an empty address when
// the name is no one's); returns the store's error.
Status NameOwnerOf(const ScoringContext& context, const NameOwner** owner) {
  static const NameOwner kNoOne;
  *owner = &kNoOne;
  // Most mail (a local sender's, or one showing no person's name) is
  // answered without history, so is not worth remembering.
  if (context.sender().empty() || context.sender_is_local()) return Status::Ok();
  if (NormaliseDisplayName(context.message().from.display_name).size() < kMinNameLength) {
    return Status::Ok();
  }
  *owner = context.Recalled<NameOwner>(&kNameOwnerReading);
  if (*owner != nullptr) return Status::Ok();
  NameOwner found;
  Status status = FindNameOwner(context, &found);
  if (!status.ok()) return status;
  if (!found.address.empty()) found.institution_mailbox = FromInstitutionMailboxOfName(context);
  *owner = &context.Remember(&kNameOwnerReading, std::move(found));
  return Status::Ok();
}

Status DetectDisplayNameImpersonation(const ScoringContext& context, std::vector<Detection>* out) {
  const NameOwner* found = nullptr;
  Status status = NameOwnerOf(context, &found);
  if (!status.ok() || found->address.empty()) return status;
  const NameOwner& owner = *found;
  double strength = owner.strength;
  std::string whose = owner.internal ? "the internal user " : "the known contact ";
  std::string evidence = "display name " + Quoted(context.message().from.display_name) +
                         (owner.spelled ? " spells the mailbox of " : " belongs to ") + whose +
                         owner.address + " (" + std::to_string(owner.messages) +
                         (owner.spelled ? " messages sent" : " messages") +
                         "), but this message comes from " + DescribeSender(context);
  if (owner.institution_mailbox) {
    strength *= kInstitutionMailboxFactor;
    evidence += "; " + context.sender_registrable_domain() +
                " is an institution's, where no one registers a name, and its mailbox spells "
                "the name shown: the person's own address there (weakened)";
  }
  if (owner.internal && ReachesOnly(context, owner.address)) {
    strength *= kOnlyToNamedPersonFactor;
    evidence += "; it reaches no one but " + owner.address +
                " themselves, whom their own name cannot deceive (weakened)";
  }
  Detection detection{strength, std::move(evidence), context.sender() + ">" + owner.address};
  SoftenForKnownList(context, kListPosterIdentity, &detection);
  out->push_back(std::move(detection));
  return Status::Ok();
}

// The message claims to be a member of staff, so its links are judged
// against the links that person's own mail carried, as
// NEW_LINK_DOMAIN_FOR_SENDER judges a correspondent's against its own:
// the unknown outside address has no habit to depart from, but the person
// it names does. A domain the organisation already receives is no
// surprise to the organisation (FIRST_FILESHARE_DOMAIN and
// RARE_LINK_DOMAIN stay silent), yet it is still one the named colleague
// never sent anyone.
Status JudgeStaffLink(const ScoringContext& context, const NameOwner& owner, uint64_t sent,
                      const Link& link, double habit_factor, size_t habit_domains,
                      std::vector<Detection>* out) {
  double departure = 0;
  std::string never;
  Status status = LinkHabitDeparture(context, owner.address, link, &departure, &never);
  if (!status.ok() || departure == 0) return status;
  double strength = habit_factor * departure;
  uint64_t received = 0;
  bool circulated = false;
  status = OrgWideLinkMessages(context, link.private_domain, &received, &circulated);
  if (!status.ok()) return status;
  std::string seen;
  if (circulated) {
    strength *= kStaffCirculateFactor;
    seen = "; colleagues have linked it in their own mail";
  }
  if (owner.institution_mailbox) {
    seen += "; sent from their own mailbox at the institution " +
            context.sender_registrable_domain() + " (weakened)";
  }
  out->push_back({strength,
                  "link to " + link.host_unicode + LinkOrigin(link) +
                      ": the message claims to be " + owner.address + ", who never linked " +
                      never + " (over " + std::to_string(sent) + " messages sent they linked " +
                      (habit_domains >= kStaffHabitDomains ? "at least " : "") +
                      std::to_string(habit_domains) + " domains)" + seen,
                  owner.address + ">" + link.private_domain});
  return Status::Ok();
}

Status DetectStaffNameNewLinkDomain(const ScoringContext& context, std::vector<Detection>* out) {
  // The links first: they are in hand, and most mail that carries none
  // need not have its display name looked up in the store.
  std::vector<const Link*> links;
  for (const Link* link : DistinctLinkDomains(context, BareAddresses::kSkip)) {
    if (!context.IsSendersOwnDomain(*link) && !IsLocalLink(context, *link)) links.push_back(link);
  }
  if (links.empty()) return Status::Ok();
  const NameOwner* found = nullptr;
  Status status = NameOwnerOf(context, &found);
  if (!status.ok() || found->address.empty() || !found->internal) return status;
  const NameOwner& owner = *found;
  size_t habit_domains = 0;
  status = context.history().CountSenderAttributes(owner.address, SenderAttributeKind::kLinkDomain,
                                                   kStaffHabitDomains, &habit_domains);
  if (!status.ok()) return status;
  const SenderProfile* sending = nullptr;  // the named colleague's own
  status = context.SenderProfileOf(owner.address, &sending);
  if (!status.ok() || sending == nullptr) return status;
  const SenderProfile& profile = *sending;
  // A colleague who sent little has little habit to depart from, and one
  // who already links many domains is expected to link new ones.
  double habit_factor = profile.messages_sent >= kStaffHabitMessages ? 1.0 : kThinHabitFactor;
  if (habit_domains >= kStaffHabitDomains) habit_factor *= kStaffPromiscuousFactor;
  // Their own name cannot deceive the named person, and their own
  // institution's mailbox is theirs to link from (as above).
  if (ReachesOnly(context, owner.address)) habit_factor *= kOnlyToNamedPersonFactor;
  if (owner.institution_mailbox) habit_factor *= kInstitutionMailboxFactor;
  for (const Link* link : links) {
    status = JudgeStaffLink(context, owner, profile.messages_sent, *link, habit_factor,
                            habit_domains, out);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace

Status RegisterDisplayNameImpersonation(SignalRegistry* registry) {
  Status status =
      registry->Add({"DISPLAY_NAME_IMPERSONATION", SignalGroup::kCorrespondent, 40,
                     "display name of a known contact or internal user on another address",
                     SignalScope::kInboundOnly, DetectDisplayNameImpersonation});
  if (!status.ok()) return status;
  return registry->Add({"STAFF_NAME_NEW_LINK_DOMAIN", SignalGroup::kLink, 30,
                        "mail in an internal user's name from another address links a domain "
                        "that user never linked",
                        SignalScope::kInboundOnly, DetectStaffNameNewLinkDomain});
}

}  // namespace rapport
