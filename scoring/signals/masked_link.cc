#include "base/status.h"
#include "message/domain_names.h"
#include "message/link_target.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// A masked link to a domain the organisation knows well is more often a
// newsletter's click tracker than a lure.
constexpr double kKnownTargetFactor = 0.5;

Status DetectMaskedLink(const ScoringContext& context, std::vector<Detection>* out) {
  for (const Link* link : context.web_links()) {
    if (!link->text_looks_like_url || link->text_host.empty() || link->icann_domain.empty()) {
      continue;
    }
    // The text's host read as the link's own is (DescribeLinkTarget): an
    // address shown stands for itself, as the address linked does, so an
    // anchor showing its own "http://192.0.2.7/x" hides nothing.
    const std::string shown = LinkNamedByText(link->text_host).icann_domain;
    if (shown.empty() || shown == link->icann_domain) continue;
    uint64_t messages = 0;
    bool rare = false;
    Status status = IsRareLinkDomain(context, link->icann_domain, &rare, &messages);
    if (!status.ok()) return status;
    out->push_back({rare ? 1.0 : kKnownTargetFactor,
                    "link text shows " + link->text_host + " but the link goes to " +
                        link->host_unicode + LinkOrigin(*link),
                    shown + ">" + link->icann_domain});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterMaskedLink(SignalRegistry* registry) {
  return registry->Add({"MASKED_LINK", SignalGroup::kLink, 45,
                        "link text shows one domain while the link goes to another",
                        SignalScope::kBothDirections, DetectMaskedLink});
}

}  // namespace rapport
