#include "message/organisation.h"

#include <algorithm>
#include <set>

#include "message/ascii.h"

namespace rapport {
namespace {

std::string_view WithoutTrailingDot(std::string_view domain) {
  if (!domain.empty() && domain.back() == '.') domain.remove_suffix(1);
  return domain;
}

bool EqualsIgnoringCase(std::string_view a, std::string_view b) {
  return a.size() == b.size() && std::equal(a.begin(), a.end(), b.begin(), [](char x, char y) {
           return AsciiLower(x) == AsciiLower(y);
         });
}

std::string_view DomainOf(std::string_view address) {
  const size_t at = address.rfind('@');
  return at == std::string_view::npos ? std::string_view() : address.substr(at + 1);
}

void AddUnique(std::string_view address, std::set<std::string, std::less<>>* seen,
               std::vector<std::string>* out) {
  if (address.empty() || seen->count(address) != 0) return;
  seen->emplace(address);
  out->emplace_back(address);
}

}  // namespace

bool IsLocalDomain(std::string_view domain, const std::vector<std::string>& local_domains) {
  domain = WithoutTrailingDot(domain);
  for (const std::string& configured : local_domains) {
    const std::string_view local = WithoutTrailingDot(configured);
    if (local.empty() || domain.size() < local.size()) continue;
    if (!EqualsIgnoringCase(domain.substr(domain.size() - local.size()), local)) continue;
    if (domain.size() == local.size() || domain[domain.size() - local.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

bool IsLocalAddress(std::string_view address, const std::vector<std::string>& local_domains) {
  const std::string_view domain = DomainOf(address);
  return !domain.empty() && IsLocalDomain(domain, local_domains);
}

bool AnyLocalAddress(const std::vector<std::string>& addresses,
                     const std::vector<std::string>& local_domains) {
  return std::any_of(addresses.begin(), addresses.end(), [&](const std::string& address) {
    return IsLocalAddress(address, local_domains);
  });
}

Direction GatewayDirection(const Message& message, const std::vector<std::string>& local_domains,
                           const std::vector<Network>& internal_networks) {
  if (!message.envelope.sasl_user.empty()) return Direction::kOutbound;
  if (IsLocalDomain(message.from.domain, local_domains) &&
      InNetworks(message.envelope.client_ip, internal_networks)) {
    return Direction::kOutbound;
  }
  return Direction::kInbound;
}

Direction ArchiveDirection(const Message& message, const std::vector<std::string>& local_domains) {
  return IsLocalDomain(message.from.domain, local_domains) ? Direction::kOutbound
                                                           : Direction::kInbound;
}

bool IsInternalMail(Direction direction, std::string_view from_domain,
                    const std::vector<std::string>& recipients,
                    const std::vector<std::string>& local_domains) {
  return direction == Direction::kOutbound && IsLocalDomain(from_domain, local_domains) &&
         AnyLocalAddress(recipients, local_domains);
}

bool SameLocalMailbox(std::string_view address, std::string_view mailbox,
                      const std::vector<std::string>& local_domains) {
  if (!IsLocalAddress(address, local_domains) || !IsLocalAddress(mailbox, local_domains)) {
    return false;
  }
  const std::string_view local = address.substr(0, address.rfind('@'));
  const std::string_view box = mailbox.substr(0, mailbox.rfind('@'));
  if (box.empty() || !local.starts_with(box)) return false;
  if (local.size() == box.size()) return true;
  const char delimiter = local[box.size()];
  return (delimiter == '+' || delimiter == '-') && local.size() > box.size() + 1;
}

std::string_view EnvelopeSender(const Message& message) {
  if (!message.envelope.rcpt_to.empty()) return message.envelope.mail_from;
  return message.return_path;
}

namespace {

// The address the border gateway saw for an archive's Delivered-To
// `mailbox`: the first local To/Cc address of that mailbox, else the
// mailbox itself.
std::string_view BorderAddress(const Message& message, std::string_view mailbox,
                               const std::vector<std::string>& local_domains) {
  for (const auto* list : {&message.to, &message.cc}) {
    for (const MailAddress& a : *list) {
      if (SameLocalMailbox(a.address, mailbox, local_domains)) return a.address;
    }
  }
  return mailbox;
}

}  // namespace

std::vector<std::string> EffectiveRecipients(const Message& message,
                                             const std::vector<std::string>& local_domains) {
  std::set<std::string, std::less<>> seen;
  std::vector<std::string> recipients;
  if (!message.envelope.rcpt_to.empty()) {
    for (const std::string& r : message.envelope.rcpt_to) AddUnique(r, &seen, &recipients);
    return recipients;
  }
  if (!message.delivered_to.empty()) {
    for (const std::string& delivered : message.delivered_to) {
      AddUnique(BorderAddress(message, delivered, local_domains), &seen, &recipients);
    }
    return recipients;
  }
  for (const auto* list : {&message.to, &message.cc, &message.bcc}) {
    for (const MailAddress& a : *list) AddUnique(a.address, &seen, &recipients);
  }
  return recipients;
}

void DeliveredToMailbox(std::string_view mailbox, const std::vector<std::string>& local_domains,
                        Message* message) {
  if (mailbox.empty() || IsLocalAddress(message->from.address, local_domains)) return;
  if (AnyLocalAddress(EffectiveRecipients(*message, local_domains), local_domains)) return;
  message->delivered_to.emplace_back(mailbox);
}

}  // namespace rapport
