#include "scoring/direction.h"

#include <set>

namespace rapport {

namespace {

void AddUnique(std::string_view address, std::set<std::string, std::less<>>* seen,
               std::vector<std::string>* out) {
  if (address.empty() || seen->count(address) != 0) return;
  seen->emplace(address);
  out->emplace_back(address);
}

}  // namespace

bool IsLocalDomain(std::string_view domain, const std::vector<std::string>& local_domains) {
  for (const std::string& local : local_domains) {
    if (local.empty() || domain.size() < local.size()) continue;
    if (domain.substr(domain.size() - local.size()) != local) continue;
    if (domain.size() == local.size() || domain[domain.size() - local.size() - 1] == '.') {
      return true;
    }
  }
  return false;
}

Direction GatewayDirection(const Message& message, const std::vector<std::string>& local_domains,
                           const std::vector<Network>& internal_networks) {
  if (!message.envelope.sasl_user.empty()) return Direction::kOutbound;
  bool local_sender =
      !message.from.domain.empty() && IsLocalDomain(message.from.domain, local_domains);
  if (local_sender && InNetworks(message.envelope.client_ip, internal_networks)) {
    return Direction::kOutbound;
  }
  return Direction::kInbound;
}

Direction ArchiveDirection(const Message& message, const std::vector<std::string>& local_domains) {
  bool local_sender =
      !message.from.domain.empty() && IsLocalDomain(message.from.domain, local_domains);
  return local_sender ? Direction::kOutbound : Direction::kInbound;
}

std::vector<std::string> EffectiveRecipients(const Message& message) {
  std::set<std::string, std::less<>> seen;
  std::vector<std::string> recipients;
  if (!message.envelope.rcpt_to.empty()) {
    for (const std::string& r : message.envelope.rcpt_to) AddUnique(r, &seen, &recipients);
    return recipients;
  }
  if (!message.delivered_to.empty()) {
    for (const std::string& r : message.delivered_to) AddUnique(r, &seen, &recipients);
    return recipients;
  }
  for (const auto* list : {&message.to, &message.cc, &message.bcc}) {
    for (const MailAddress& a : *list) AddUnique(a.address, &seen, &recipients);
  }
  return recipients;
}

}  // namespace rapport
