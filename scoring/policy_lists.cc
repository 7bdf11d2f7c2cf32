#include "scoring/policy_lists.h"

#include "message/domain_names.h"
#include "scoring/verdict.h"

namespace rapport {
namespace {

bool Matches(const PolicyEntry& entry, std::string_view address) {
  if (address.empty()) return false;
  const std::string_view domain = AddressDomain(address);
  switch (entry.kind) {
    case PolicyEntry::Kind::kAddress:
      return address == entry.value;
    case PolicyEntry::Kind::kDomain:
      return domain == entry.value;
    case PolicyEntry::Kind::kDomainTree:
      return domain == entry.value ||
             (domain.size() > entry.value.size() && domain.ends_with(entry.value) &&
              domain[domain.size() - entry.value.size() - 1] == '.');
  }
  return false;
}

// The first entry of a trusted (or of a blocked) list matching `address`.
const PolicyEntry* FindEntry(const PolicyLists& lists, bool trusted, std::string_view address) {
  for (const PolicyEntry& entry : lists.entries) {
    if (IsTrusted(entry.list) == trusted && Matches(entry, address)) return &entry;
  }
  return nullptr;
}

bool IsSendersList(PolicyList list) {
  return list == PolicyList::kTrustedSenders || list == PolicyList::kBlockedSenders;
}

}  // namespace

const char* PolicyListName(PolicyList list) {
  switch (list) {
    case PolicyList::kTrustedSenders:
      return "trusted_senders";
    case PolicyList::kTrustedDomains:
      return "trusted_domains";
    case PolicyList::kBlockedSenders:
      return "blocked_senders";
    case PolicyList::kBlockedDomains:
      return "blocked_domains";
  }
  return "trusted_senders";
}

bool ParsePolicyList(std::string_view name, PolicyList* out) {
  for (const PolicyList list : {PolicyList::kTrustedSenders, PolicyList::kTrustedDomains,
                                PolicyList::kBlockedSenders, PolicyList::kBlockedDomains}) {
    if (name == PolicyListName(list)) {
      *out = list;
      return true;
    }
  }
  return false;
}

bool IsTrusted(PolicyList list) {
  return list == PolicyList::kTrustedSenders || list == PolicyList::kTrustedDomains;
}

std::string PolicyEntryText(const PolicyEntry& entry) {
  return entry.kind == PolicyEntry::Kind::kDomain ? "@" + entry.value : entry.value;
}

Status ParsePolicyEntry(std::string_view text, PolicyList list, PolicyEntry* out) {
  const bool senders = IsSendersList(list);
  auto refuse = [&] {
    return Status::InvalidArgument(
        "'" + std::string(text) + "' is not " +
        (senders ? "an address (name@domain) or @domain" : "a domain (vendor.example) or @domain"));
  };
  PolicyEntry entry;
  entry.list = list;
  std::string host;
  if (text.size() > 1 && text.front() == '@') {
    if (!NormaliseHost(text.substr(1), &host, nullptr) || host.find('.') == std::string::npos) {
      return refuse();
    }
    entry.kind = PolicyEntry::Kind::kDomain;
    entry.value = host;
  } else if (senders) {
    const size_t at = text.rfind('@');
    entry.value = NormaliseAddress(text);
    if (at == 0 || at == std::string_view::npos || entry.value.empty() ||
        AddressDomain(entry.value).find('.') == std::string_view::npos) {
      return refuse();
    }
    entry.kind = PolicyEntry::Kind::kAddress;
  } else {
    if (!NormaliseHost(text, &host, nullptr) || host.find('.') == std::string::npos) {
      return refuse();
    }
    entry.kind = PolicyEntry::Kind::kDomainTree;
    entry.value = host;
  }
  *out = std::move(entry);
  return Status::Ok();
}

const PolicyEntry* DecidingPolicyEntry(const PolicyLists& lists, const Message& message) {
  if (lists.entries.empty()) return nullptr;
  const std::string& from = message.from.address;
  const std::string& mail_from = message.envelope.mail_from;
  if (const PolicyEntry* blocked = FindEntry(lists, false, from)) return blocked;
  if (const PolicyEntry* blocked = FindEntry(lists, false, mail_from)) return blocked;
  const PolicyEntry* trusted = FindEntry(lists, true, from);
  if (trusted == nullptr) return nullptr;
  // Mail through an MTA has envelope recipients; archives have none, and
  // there the From is all there is. Through an MTA a null sender (<>) earns
  // no trust: it is what a forger of the From header would choose.
  const bool through_mta = !message.envelope.rcpt_to.empty();
  if (!through_mta) return trusted;
  if (FindEntry(lists, true, mail_from) == nullptr) return nullptr;
  return trusted;
}

void ApplyPolicy(const PolicyLists& lists, const Message& message, Verdict* verdict) {
  const PolicyEntry* entry = DecidingPolicyEntry(lists, message);
  if (entry == nullptr) return;
  verdict->policy = PolicyMatch{entry->list, PolicyEntryText(*entry), entry->origin};
  if (IsTrusted(entry->list)) {
    verdict->action = Action::kAccept;
  } else {
    verdict->action =
        lists.blocked_action == BlockedAction::kReject ? Action::kReject : Action::kHold;
  }
}

}  // namespace rapport
