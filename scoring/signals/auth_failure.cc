#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// How much one failed result says, by method and result. DKIM and SPF break
// on forwarding; a DMARC failure already accounts for that.
double FailureStrength(const AuthResult& result) {
  if (result.result == "fail") {
    if (result.method == "dmarc") return 1.0;
    if (result.method == "dkim" || result.method == "spf") return 0.5;
  }
  if (result.result == "softfail" && result.method == "spf") return 0.2;
  return 0;
}

Status DetectAuthFailure(const ScoringContext& context, std::vector<Detection>* out) {
  for (const AuthResult& result : context.message().auth_results) {
    if (!IsTrustedAuthResult(context, result)) continue;
    double strength = FailureStrength(result);
    if (strength <= 0) continue;
    std::string domain = result.domain.empty() ? context.sender_domain() : result.domain;
    out->push_back({strength,
                    result.method + "=" + result.result + " for " + domain + " according to " +
                        result.authserv_id,
                    result.method + ":" + domain});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterAuthFailure(SignalRegistry* registry) {
  return registry->Add({"AUTH_FAILURE", SignalGroup::kAuthentication, 30,
                        "DMARC, DKIM or SPF failure reported by a trusted authserv-id",
                        SignalScope::kInboundOnly, DetectAuthFailure});
}

}  // namespace rapport
