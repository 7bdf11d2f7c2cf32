#include <set>

#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

Status DetectRareLinkDomain(const ScoringContext& context, std::vector<Detection>* out) {
  std::set<std::string_view> judged;
  for (const Link* link : DistinctLinkDomains(context)) {
    if (!judged.insert(link->icann_domain).second) continue;
    // A sender's own domain is no surprise, unless the domain itself is new
    // to the organisation: a fresh domain linking to itself is still rare.
    const bool known_own_domain =
        context.IsSendersOwnDomain(*link) && context.domain_profile() != nullptr;
    if (known_own_domain || IsLocalLink(context, *link)) continue;
    uint64_t messages = 0;
    bool outbound = false;
    Status status = OrgWideLinkMessages(context, link->icann_domain, &messages, &outbound);
    if (!status.ok()) return status;
    if (outbound || messages >= kRareLinkMessages) continue;
    double strength = 1.0 - static_cast<double>(messages) / kRareLinkMessages;
    std::string seen = messages == 0 ? "no one in the organisation has received it before"
                                     : "the organisation received it in only " +
                                           std::to_string(messages) + " message(s)";
    out->push_back({strength, "link to " + link->icann_domain + ": " + seen, link->icann_domain});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterRareLinkDomain(SignalRegistry* registry) {
  return registry->Add({"RARE_LINK_DOMAIN", SignalGroup::kLink, 15,
                        "link domain rare across the organisation", SignalScope::kInboundOnly,
                        DetectRareLinkDomain});
}

}  // namespace rapport
