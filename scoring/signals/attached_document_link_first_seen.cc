#include <algorithm>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"
#include "scoring/signals/attached_document_link.h"

namespace rapport {

namespace {

// A link inside an attached document (a PDF's URI action, an anchor in an
// attached page) is clicked in a PDF reader or a browser opened from the
// reader's disk, outside the mail client's link warnings and rewriting,
// and is what a body link scanner never reads. Correspondents' documents
// link what their business already is: a vendor's invoice or statement
// links its own site or a payment portal the organisation has long
// received, a partner's report links its own pages. A document whose link
// goes to a registrable domain no one here has ever received (nor linked
// from here), and that is not the sender's own, is the shape of a document
// lure: a note with no link and a "view" or "sign in" button in the file.
// The sender's own domain is left to the correspondent signals even when
// new (a new supplier's first invoice links its own site); a first-seen
// domain is judged by its private registrable domain, so a new tenant of
// a familiar file-share platform counts as first seen, as in
// RARE_LINK_DOMAIN. Only never-received counts: a site met once in
// trusted mail is one a reader has seen, and a campaign's repeats stay
// first-seen because tagged mail is learned without the link domains its
// anomalies were about (scoring/delivery.h). Pages that post a form or
// redirect by themselves are ATTACHED_PAGE_LEADS_AWAY's. Inbound only:
// colleagues' own documents link all sorts of sites, and lateral phishing
// has signals of its own.
Status DetectAttachedDocumentLinkFirstSeen(const ScoringContext& context,
                                           std::vector<Detection>* out) {
  std::vector<std::string_view> judged;
  for (const Link* link : context.web_links()) {
    if (link->attachment.empty() || link->private_domain.empty()) continue;
    if (link->source == LinkSource::kHtmlForm || link->source == LinkSource::kHtmlRedirect) {
      continue;
    }
    if (std::find(judged.begin(), judged.end(), link->private_domain) != judged.end()) continue;
    judged.push_back(link->private_domain);
    bool first_seen = false;
    Status status = IsFirstSeenStrangerSite(context, *link, &first_seen);
    if (!status.ok()) return status;
    if (!first_seen) continue;
    out->push_back({1.0,
                    "a link in an attached document goes to " + link->host_unicode +
                        LinkOrigin(*link) + ": no one in the organisation has received " +
                        link->private_domain + " before, and it is not the sender's own",
                    link->private_domain});
  }
  return Status::Ok();
}

}  // namespace

Status IsFirstSeenStrangerSite(const ScoringContext& context, const Link& link, bool* first_seen) {
  *first_seen = false;
  if (link.private_domain.empty() || context.IsSendersOwnDomain(link) ||
      IsLocalLink(context, link)) {
    return Status::Ok();
  }
  bool own_tenant = false;
  Status status = IsSendersOwnTenant(context, link, &own_tenant);
  if (!status.ok() || own_tenant) return status;
  uint64_t messages = 0;
  bool outbound = false;
  status = OrgWideLinkMessages(context, link.private_domain, &messages, &outbound);
  if (!status.ok()) return status;
  *first_seen = !outbound && messages == 0;
  return Status::Ok();
}

Status RegisterAttachedDocumentLinkFirstSeen(SignalRegistry* registry) {
  return registry->Add({"ATTACHED_DOCUMENT_LINK_FIRST_SEEN", SignalGroup::kLink, 30,
                        "a link in an attached document goes to a site no one here has received",
                        SignalScope::kInboundOnly, DetectAttachedDocumentLinkFirstSeen});
}

}  // namespace rapport
