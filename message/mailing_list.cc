#include "message/mailing_list.h"

#include <cstring>

#include "message/ascii.h"
#include "message/domain_names.h"
#include "message/organisation.h"

namespace rapport {

namespace {

// Header values are scanned this far only.
constexpr size_t kMaxListHeaderScan = 2048;

// RFC 5322 atext plus '.', as a dot-atom list identifier is made of.
bool IsListIdChar(char c) {
  return IsAsciiAlnum(c) || (c != '\0' && std::strchr("!#$%&'*+-/=?^_`{|}~.", c) != nullptr);
}

bool IsListId(std::string_view id) {
  if (id.empty() || id.size() > kMaxListIdBytes || id.find('.') == std::string_view::npos ||
      id.front() == '.' || id.back() == '.' || id.find("..") != std::string_view::npos) {
    return false;
  }
  for (char c : id) {
    if (!IsListIdChar(c)) return false;
  }
  return true;
}

}  // namespace

std::string ParseListId(std::string_view value) {
  value = TrimAsciiSpace(value.substr(0, kMaxListHeaderScan));
  std::string_view id = value;
  size_t open = value.rfind('<');
  if (open != std::string_view::npos) {
    size_t close = value.find('>', open);
    if (close == std::string_view::npos) return std::string();
    id = TrimAsciiSpace(value.substr(open + 1, close - open - 1));
  }
  return IsListId(id) ? AsciiLowered(id) : std::string();
}

std::string ParseListPost(std::string_view value) {
  value = value.substr(0, kMaxListHeaderScan);
  size_t at = 0;
  while ((at = value.find('<', at)) != std::string_view::npos) {
    size_t close = value.find('>', at);
    if (close == std::string_view::npos) return std::string();
    std::string_view url = TrimAsciiSpace(value.substr(at + 1, close - at - 1));
    at = close;
    if (!StartsWithNoCase(url, "mailto:")) continue;
    url.remove_prefix(7);
    url = url.substr(0, url.find('?'));
    std::string address = NormaliseAddress(url);
    if (!address.empty()) return address;
  }
  return std::string();
}

namespace {

// True when normalised `address` spells List-Id `id` as list servers build
// it from the list's address: "local-part.domain" ("ilug@linux.ie" for
// "ilug.linux.ie").
bool SpellsListId(std::string_view address, std::string_view id) {
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos || address.size() != id.size() || id[at] != '.') return false;
  return id.substr(0, at) == address.substr(0, at) && id.substr(at + 1) == address.substr(at + 1);
}

}  // namespace

void InferPostingAddress(const Message& message, MailingList* list) {
  if (!list->posting_address.empty() || list->id.empty()) return;
  for (const auto* addresses : {&message.to, &message.cc}) {
    for (const MailAddress& a : *addresses) {
      if (SpellsListId(a.address, list->id)) {
        list->posting_address = a.address;
        return;
      }
    }
  }
}

std::string ParseListCommandAddress(const Message& message, std::string_view value) {
  const std::string command = ParseListPost(value);
  const std::string_view command_local = AddressLocalPart(command);
  if (command_local.empty()) return std::string();
  for (const auto* addresses : {&message.to, &message.cc}) {
    for (const MailAddress& a : *addresses) {
      const std::string_view local = AddressLocalPart(a.address);
      if (!local.empty() && command_local.size() > local.size() + 1 &&
          command_local.starts_with(local) && command_local[local.size()] == '-' &&
          AddressDomain(a.address) == AddressDomain(command)) {
        return a.address;
      }
    }
  }
  return std::string();
}

bool SameListAddress(std::string_view address, std::string_view posting) {
  if (posting.empty() || address.empty()) return false;
  if (address == posting) return true;
  const std::string_view local = AddressLocalPart(address);
  if (local.empty() || local != AddressLocalPart(posting)) return false;
  const std::string domain = PrivateRegistrableDomain(AddressDomain(address));
  return !domain.empty() && domain == PrivateRegistrableDomain(AddressDomain(posting));
}

bool IsListAddress(std::string_view address, const MailingList& list) {
  const std::string& posting = list.posting_address;
  if (posting.empty() || address.empty()) return false;
  return SameListAddress(address, posting) || (!list.id.empty() && SpellsListId(address, list.id));
}

bool AddressedToList(const Message& message) {
  for (const auto* addresses : {&message.to, &message.cc}) {
    for (const MailAddress& a : *addresses) {
      if (IsListAddress(a.address, message.mailing_list)) return true;
    }
  }
  return false;
}

bool ResentByList(const Message& message) {
  const MailingList& list = message.mailing_list;
  const std::string_view sender = EnvelopeSender(message);
  if (IsListAddress(sender, list)) return true;
  const std::string_view name = AddressLocalPart(list.posting_address);
  const std::string_view local = AddressLocalPart(sender);
  if (name.empty() || local.empty()) return false;
  const bool bounce = (local.size() > name.size() + 1 && local.starts_with(name) &&
                       (local[name.size()] == '-' || local[name.size()] == '+')) ||
                      local == "owner-" + std::string(name);
  if (!bounce) return false;
  const std::string domain = IcannRegistrableDomain(AddressDomain(sender));
  return !domain.empty() && domain == IcannRegistrableDomain(AddressDomain(list.posting_address));
}

bool ListDelivered(const Message& message) {
  return AddressedToList(message) || ResentByList(message);
}

bool IsListAlias(const Message& message, std::string_view address) {
  const std::string& posting = message.mailing_list.posting_address;
  if (address.empty() || posting.empty() || AddressDomain(address) != AddressDomain(posting)) {
    return false;
  }
  bool named = false;
  for (const auto* addresses : {&message.to, &message.cc}) {
    for (const MailAddress& a : *addresses) named = named || a.address == address;
  }
  return named && !AddressedToList(message) && ResentByList(message);
}

std::string ParseMailingListHeader(std::string_view value) {
  value = value.substr(0, kMaxListHeaderScan);
  while (!value.empty()) {
    const size_t end = value.find(';');
    std::string_view item = TrimAsciiSpace(value.substr(0, end));
    value = end == std::string_view::npos ? std::string_view() : value.substr(end + 1);
    if (!StartsWithNoCase(item, "list") || item.size() < 5 || !IsAsciiSpace(item[4])) continue;
    return NormaliseAddress(TrimAsciiSpace(item.substr(5)));
  }
  return std::string();
}

std::string ParseDeliveredToList(std::string_view value) {
  value = TrimAsciiSpace(value.substr(0, kMaxListHeaderScan));
  constexpr std::string_view kPrefix = "mailing list";
  if (!StartsWithNoCase(value, kPrefix) || value.size() <= kPrefix.size() ||
      !IsAsciiSpace(value[kPrefix.size()])) {
    return std::string();
  }
  return NormaliseAddress(TrimAsciiSpace(value.substr(kPrefix.size())));
}

void AdoptMailingListAddress(std::string_view address, MailingList* list) {
  if (list->present()) return;
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos) return;
  std::string id = std::string(address.substr(0, at)) + "." + std::string(address.substr(at + 1));
  if (!IsListId(id)) return;
  list->id = std::move(id);
  list->posting_address = std::string(address);
}

}  // namespace rapport
