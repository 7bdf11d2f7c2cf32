#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// True when a trusted Authentication-Results says DKIM or DMARC passed for
// the sender's domain: a SaaS sending on the organisation's behalf.
bool AuthenticatedForSender(const ScoringContext& context) {
  for (const AuthResult& result : context.message().auth_results) {
    if (!IsTrustedAuthResult(context, result)) continue;
    if ((result.method == "dkim" || result.method == "dmarc") && result.result == "pass" &&
        result.domain == context.sender_domain()) {
      return true;
    }
  }
  return false;
}

Status DetectLocalSenderFromOutside(const ScoringContext& context, std::vector<Detection>* out) {
  if (!context.sender_is_local()) return Status::Ok();
  bool authenticated = AuthenticatedForSender(context);
  out->push_back({authenticated ? 0.3 : 1.0,
                  "From claims the local address " + context.sender() +
                      " but the message came from outside (no SMTP login, not from an internal "
                      "network)" +
                      (authenticated ? "; DKIM/DMARC passed for " + context.sender_domain() : ""),
                  context.sender()});
  return Status::Ok();
}

}  // namespace

Status RegisterLocalSenderFromOutside(SignalRegistry* registry) {
  return registry->Add({"LOCAL_SENDER_FROM_OUTSIDE", SignalGroup::kCorrespondent, 50,
                        "a local sender claimed by mail from outside", SignalScope::kInboundOnly,
                        DetectLocalSenderFromOutside});
}

}  // namespace rapport
