#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// Rarity is judged on the private registrable domain: on a multi-tenant
// platform ("pub-….r2.dev", "acme.sharepoint.com") each tenant is its own
// owner, so the organisation receiving other tenants of the platform says
// nothing about this one. Elsewhere the two domains are the same. A
// shortened link's site is hidden: its rarity is that of the sender's
// links through the shortener (IsRareLinkSite).
Status DetectRareLinkDomain(const ScoringContext& context, std::vector<Detection>* out) {
  for (const Link* link :
       DistinctLinkDomains(context, BareAddresses::kInclude)) {  // one per private domain
    const std::string& domain = link->private_domain;
    // Ours, or a sender's own domain (or its own tenant), is no surprise,
    // unless the sender's domain itself is new to the organisation: a
    // fresh domain linking to itself is still rare.
    bool own = false;
    Status status = LinksOwnSite(context, *link, &own);
    if (!status.ok()) return status;
    if (own) continue;
    uint64_t messages = 0;
    bool rare = false;
    status = IsRareLinkSite(context, *link, domain, &rare, &messages);
    if (!status.ok()) return status;
    if (!rare) continue;
    double strength = 1.0 - static_cast<double>(messages) / kRareLinkMessages;
    std::string seen = messages == 0 ? "no one in the organisation has received it before"
                                     : "the organisation received it in only " +
                                           std::to_string(messages) + " message(s)";
    if (link->shortened) {
      seen = DescribeHiddenTarget(*link) + "; " +
             (messages == 0 ? "the organisation never received " + domain + " links from " +
                                  std::string(context.sender()) + " before"
                            : "the organisation received " + domain + " links from " +
                                  std::string(context.sender()) + " in only " +
                                  std::to_string(messages) + " message(s)");
    }
    Detection detection{strength, "link to " + domain + LinkOrigin(*link) + ": " + seen, domain};
    SoftenForKnownList(context, kListPostLinks, &detection);
    out->push_back(std::move(detection));
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
