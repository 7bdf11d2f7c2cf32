#pragma once

#include <string>
#include <vector>

#include "base/network.h"
#include "message/message.h"
#include "milter/action_plan.h"

namespace rapport {

// How the gateway treats `message` (its envelope filled from the SMTP
// session), by the rules of message/organisation.h: internal when
// GatewayDirection() says outbound and IsInternalMail() holds, outbound
// otherwise; else inbound when at least one envelope recipient is in a local
// domain, and transit (passed untouched, see Route) when none is.
Route DecideRoute(const Message& message, const std::vector<std::string>& local_domains,
                  const std::vector<Network>& internal_networks);

}  // namespace rapport
