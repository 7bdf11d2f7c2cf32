#include <string>
#include <vector>

#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"
#include "scoring/signals/attached_document_link.h"

namespace rapport {

namespace {

// A correspondent's document links the site it means: a vendor's invoice
// its own portal, a partner's report its own pages, written out as the
// author copied them. A document link put behind a URL shortener, whose
// destination only the service knows, or behind an open redirector in
// front of a site no one here has received, hides where the click lands
// from the reader (a PDF reader shows the reputable host, if anything) and
// from every scanner that judges the link as written; that is what a
// document lure does to get its first-seen page past the URL reputation a
// gateway checks. Unlike a mail body, a document has no click tracking of
// a bulk-mail service to explain a wrapped link. A shortener the sender
// has linked in its mail before is its habit, not a hiding place; a
// redirector in front of the sender's own site, ours, or a site the
// organisation already receives is a wrapper (a mail gateway's link
// protection kept in a printed mail). Forms and redirects of attached
// pages are ATTACHED_PAGE_LEADS_AWAY's. Inbound only, as
// ATTACHED_DOCUMENT_LINK_FIRST_SEEN.
Status DetectAttachedDocumentLinkHidden(const ScoringContext& context,
                                        std::vector<Detection>* out) {
  for (const Link* link : context.web_links()) {
    if (link->attachment.empty() || link->source == LinkSource::kHtmlForm ||
        link->source == LinkSource::kHtmlRedirect) {
      continue;
    }
    if (link->shortened) {
      // A correspondent that shortens the links of its mail (a marketing
      // habit) does so in its documents too.
      const SenderAttributeStats* habit = nullptr;
      Status status = context.SenderAttribute(context.sender(), SenderAttributeKind::kLinkDomain,
                                              link->private_domain, &habit);
      if (!status.ok()) return status;
      if (habit != nullptr) continue;
      out->push_back({1.0,
                      "a link in an attached document hides where it goes: " + link->host_unicode +
                          LinkOrigin(*link) +
                          " is a URL shortener, whose destination only the service knows",
                      link->private_domain});
      return Status::Ok();
    }
    if (link->redirected_via.empty()) continue;
    bool first_seen = false;
    Status status = IsFirstSeenStrangerSite(context, *link, &first_seen);
    if (!status.ok()) return status;
    if (!first_seen) continue;
    out->push_back({1.0,
                    "a link in an attached document hides where it goes: " + link->host_unicode +
                        LinkOrigin(*link) +
                        ", a site no one here has received, is reached through a redirector",
                    link->private_domain});
    return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace

Status RegisterAttachedDocumentLinkHidden(SignalRegistry* registry) {
  return registry->Add({"ATTACHED_DOCUMENT_LINK_HIDDEN", SignalGroup::kLink, 15,
                        "a link in an attached document hides where it goes (a URL shortener, "
                        "or a redirector in front of a first-seen site)",
                        SignalScope::kInboundOnly, DetectAttachedDocumentLinkHidden});
}

}  // namespace rapport
