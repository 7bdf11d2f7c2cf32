#include "milter/route.h"

#include "message/organisation.h"

namespace rapport {

Route DecideRoute(const Message& message, const std::vector<std::string>& local_domains,
                  const std::vector<Network>& internal_networks) {
  const Direction direction = GatewayDirection(message, local_domains, internal_networks);
  if (direction == Direction::kOutbound) {
    return IsInternalMail(direction, message.from.domain,
                          EffectiveRecipients(message, local_domains), local_domains)
               ? Route::kInternal
               : Route::kOutbound;
  }
  return AnyLocalAddress(message.envelope.rcpt_to, local_domains) ? Route::kInbound
                                                                  : Route::kTransit;
}

}  // namespace rapport
