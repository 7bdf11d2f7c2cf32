#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// A page to a site the organisation knows well (a bank's or a supplier's
// own form saved as a file) is less often a lure than one to a site no one
// here has received.
constexpr double kKnownTargetFactor = 0.5;

// An attached page opens in a browser from the reader's disk: a form in it
// can only submit to a web site, and its refresh or script sends the
// browser on without a click. Correspondents exchange documents, seldom
// web pages, and almost never pages that collect input or redirect; a
// sign-in page sent as a file is how credential phishing keeps its link
// out of the body that link scanners read. A page posting to, or sending
// the browser to, a known sender's own site or ours is not this.
Status DetectAttachedPageLeadsAway(const ScoringContext& context, std::vector<Detection>* out) {
  for (const Link* link : context.web_links()) {
    if (link->attachment.empty()) continue;
    const bool form = link->source == LinkSource::kHtmlForm;
    if (!form && link->source != LinkSource::kHtmlRedirect) continue;
    // Ours, or the sender's own site once its domain is known: a fresh
    // domain's page posting to itself is no less a lure.
    bool own = false;
    Status status = LinksOwnSite(context, *link, &own);
    if (!status.ok()) return status;
    if (own) continue;
    uint64_t messages = 0;
    bool rare = false;
    status = IsRareLinkDomain(context, link->private_domain, &rare, &messages);
    if (!status.ok()) return status;
    out->push_back(
        {rare ? 1.0 : kKnownTargetFactor,
         std::string(form ? "an attached page submits a form to "
                          : "an attached page sends the browser by itself to ") +
             link->host_unicode + LinkOrigin(*link) +
             (rare ? ", a site rare in the organisation" : ", a site often linked in mail here"),
         link->private_domain});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterAttachedPageLeadsAway(SignalRegistry* registry) {
  return registry->Add({"ATTACHED_PAGE_LEADS_AWAY", SignalGroup::kLink, 40,
                        "an attached page submits a form to, or redirects to, another site",
                        SignalScope::kInboundAndInternal, DetectAttachedPageLeadsAway});
}

}  // namespace rapport
