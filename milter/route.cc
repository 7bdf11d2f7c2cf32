#include "milter/route.h"

#include <algorithm>

#include "message/domain_names.h"
#include "scoring/direction.h"

namespace rapport {
namespace {

bool HasLocalRecipient(const Envelope& envelope, const std::vector<std::string>& local_domains) {
  return std::any_of(envelope.rcpt_to.begin(), envelope.rcpt_to.end(),
                     [&](const std::string& rcpt) {
                       const std::string_view domain = AddressDomain(rcpt);
                       return !domain.empty() && IsLocalDomain(domain, local_domains);
                     });
}

}  // namespace

Route DecideRoute(const Message& message, const std::vector<std::string>& local_domains,
                  const std::vector<Network>& internal_networks) {
  if (GatewayDirection(message, local_domains, internal_networks) == Direction::kOutbound) {
    return Route::kOutbound;
  }
  return HasLocalRecipient(message.envelope, local_domains) ? Route::kInbound : Route::kTransit;
}

}  // namespace rapport
