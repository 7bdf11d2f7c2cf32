#pragma once

#include <string>
#include <vector>

#include "base/network.h"
#include "message/message.h"
#include "store/history.h"

namespace rapport {

// True when `domain` (normalised) is one of `local_domains` or a subdomain of one.
bool IsLocalDomain(std::string_view domain, const std::vector<std::string>& local_domains);

// Direction at the gateway (docs/ARCHITECTURE.md): outbound when the client
// authenticated (SASL) or connected from `internal_networks` with a sender
// in a local domain; inbound otherwise.
Direction GatewayDirection(const Message& message, const std::vector<std::string>& local_domains,
                           const std::vector<Network>& internal_networks);

// Direction in learn/replay, where there is no SMTP session: outbound when
// the From domain is local.
Direction ArchiveDirection(const Message& message, const std::vector<std::string>& local_domains);

// The recipients a message was delivered to, normalised and de-duplicated:
// the envelope's RCPT TO when known, else X-Original-To/Delivered-To (they
// reveal BCC in archives), else To, Cc and Bcc.
std::vector<std::string> EffectiveRecipients(const Message& message);

}  // namespace rapport
