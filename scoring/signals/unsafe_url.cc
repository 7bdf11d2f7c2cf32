#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// Punycode on a domain the organisation knows well is a real IDN, not a lure.
constexpr double kKnownPunycodeFactor = 0.3;

Status DetectUrlCredentials(const ScoringContext& context, std::vector<Detection>* out) {
  for (const Link* link : context.web_links()) {
    if (!link->has_credentials) continue;
    out->push_back({1.0,
                    "link to " + link->host_unicode +
                        " carries a user name before the host, which can make it read as "
                        "another site",
                    link->host});
  }
  return Status::Ok();
}

Status DetectIpLiteralLink(const ScoringContext& context, std::vector<Detection>* out) {
  for (const Link* link : context.web_links()) {
    if (!link->host_is_ip_literal) continue;
    out->push_back(
        {1.0, "link goes to a bare IP address, " + link->host + ", not a named site", link->host});
  }
  return Status::Ok();
}

Status DetectPunycodeLink(const ScoringContext& context, std::vector<Detection>* out) {
  for (const Link* link : context.web_links()) {
    if (!link->host_has_punycode) continue;
    uint64_t messages = 0;
    bool outbound = false;
    Status status = OrgWideLinkMessages(context, link->icann_domain, &messages, &outbound);
    if (!status.ok()) return status;
    bool known = outbound || messages >= kRareLinkMessages;
    out->push_back({known ? kKnownPunycodeFactor : 1.0,
                    "link host " + link->host + " is punycode for " + Quoted(link->host_unicode) +
                        ", which can imitate another name",
                    link->icann_domain});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterUnsafeUrl(SignalRegistry* registry) {
  Status status = registry->Add({"URL_CREDENTIALS", SignalGroup::kLink, 40,
                                 "link with user:password@ before the host",
                                 SignalScope::kBothDirections, DetectUrlCredentials});
  if (!status.ok()) return status;
  status = registry->Add({"IP_LITERAL_LINK", SignalGroup::kLink, 30, "link to a bare IP address",
                          SignalScope::kBothDirections, DetectIpLiteralLink});
  if (!status.ok()) return status;
  return registry->Add({"PUNYCODE_LINK", SignalGroup::kLink, 25,
                        "link host in punycode (internationalised name)",
                        SignalScope::kBothDirections, DetectPunycodeLink});
}

}  // namespace rapport
