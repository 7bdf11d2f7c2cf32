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

// The domain whose familiarity may soften a masked link: the link's owner.
// A tenant of a multi-tenant platform ("acme-billing.sharepoint.com") is
// another owner than the platform, so a platform the organisation knows
// says nothing of it: the tenant is judged as itself (*note says so). A
// company's service site ("docs.google.com", IsServiceSite) is judged as
// itself too: the company's other sites say nothing of it.
std::string_view FamiliarityOwner(const Link& link, std::string* note) {
  if (link.private_domain == link.icann_domain) return link.icann_domain;
  *note = IsServiceSite(link.private_domain)
              ? " (a service of " + link.icann_domain + ", judged as its own site)"
              : " (a tenant of " + link.icann_domain + ", judged as its own owner)";
  return link.private_domain;
}

// Whether a familiar target may still be a newsletter's click tracker. A
// tracker is the sender's habit, every newsletter of it going through the
// same email service (or its own site); a page on a file-share or hosting
// platform is anyone's content, so one the sender and its colleagues never
// linked ("docs.google.com/document/d/…" from a vendor that never sent a
// Google document) is no tracker of theirs, however familiar the platform
// is here. A URL shortener (Link::shortened) likewise: one the sender and
// its colleagues never linked is no tracker of theirs, and how familiar
// the shortener is here says nothing of where it leads. The catalogue alone cannot tell the two
// (Mailchimp's list-manage.com is both its click tracker and a host of pages); the sender's habit
// can. *note says why when it may not.
Status MayBeTracker(const ScoringContext& context, const Link& link, bool* tracker,
                    std::string* note) {
  *tracker = true;
  const std::string* platform = FileSharePlatformOf(context, link);
  // A shortener is anyone's too: where it leads only the service knows.
  if ((platform == nullptr && !link.shortened) || context.sender().empty()) return Status::Ok();
  for (std::string_view key : {context.sender(), context.sender_domain()}) {
    const SenderAttributeStats* linked = nullptr;
    Status status = context.SenderAttribute(key, SenderAttributeKind::kLinkDomain,
                                            link.private_domain, &linked);
    if (!status.ok() || linked != nullptr) return status;
  }
  *tracker = false;
  *note += std::string(" (") +
           (platform ? "a page on file-share/hosting platform " + *platform
                     : "a URL shortener hiding where it leads") +
           ", which " + std::string(context.sender_domain()) +
           " never linked before: no click tracker of its)";
  return Status::Ok();
}

Status DetectMaskedLink(const ScoringContext& context, std::vector<Detection>* out) {
  for (const Link* link : context.web_links()) {
    if (!link->text_looks_like_url || link->text_host.empty() || link->icann_domain.empty()) {
      continue;
    }
    // The text's host read as the link's own is (DescribeLinkTarget): an
    // address shown stands for itself, as the address linked does, so an
    // anchor showing its own "http://192.0.2.7/x" hides nothing.
    const Link named = LinkNamedByText(link->text_host);
    const std::string& shown = named.icann_domain;
    if (shown.empty() || shown == link->icann_domain) continue;
    // An email service's click tracker (Link::email_service_tracker)
    // forwards the reader to the page its customer linked, so a newsletter
    // whose text shows the sender's own site through it says truly where
    // the reader lands. Text showing any other site (a brand's, a tenant's,
    // another organisation's) still names a place the sender cannot vouch
    // for, tracker or not.
    if (link->email_service_tracker && context.IsSendersOwnDomain(named)) continue;
    uint64_t messages = 0;
    bool rare = false;
    std::string note;
    Status status = IsRareLinkDomain(context, FamiliarityOwner(*link, &note), &rare, &messages);
    if (!status.ok()) return status;
    if (!rare) {
      bool tracker = true;
      status = MayBeTracker(context, *link, &tracker, &note);
      if (!status.ok()) return status;
      rare = !tracker;
    }
    out->push_back({rare ? 1.0 : kKnownTargetFactor,
                    "link text shows " + link->text_host + " but the link goes to " +
                        link->host_unicode + LinkOrigin(*link) + note,
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
