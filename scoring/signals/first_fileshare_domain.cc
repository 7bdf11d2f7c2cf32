#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "message/domain_names.h"
#include "message/link_target.h"
#include "scoring/mailbox_providers.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// The sender's own tenant (IsSendersOwnTenant: named after it, on a
// platform the organisation receives) is most likely its own space: new,
// but less alarming.
constexpr double kOwnTenantFactor = 0.6;
// Between colleagues a platform new to the organisation is as often a new
// tool as a lure (a feed or a team adopting a blog or a form service): it
// holds only with the rest of lateral phishing's shape, the account new to
// the link (INTERNAL_NEW_LINK_DOMAIN) and writing to colleagues it never
// wrote to (COLLEAGUE_FANOUT). On spamassassin/easy_ham's internal mail a
// feed account's first-seen blog platforms were held at full strength.
// That benefit of the doubt is a writer's: an account's first mail to many
// (FirstMailToMany) has no writing here to vouch for a new tool, and
// COLLEAGUE_FANOUT no circle to see the spray, so the platform counts in
// full. This is the issue's own lateral case, a compromised account mailing
// many colleagues a new file-share link, from a dormant account.
constexpr double kInternalFactor = 0.5;

// Senders of a platform read one by one to tell whether they all write for
// one organisation; a platform more senders linked is not one's.
constexpr size_t kOneOrganisationSenders = 8;

// Who brought a platform here, when it was one correspondent or one
// organisation: "one correspondent only", "2 correspondents at acme.com
// only", and whose use that is ("one correspondent's").
struct OneSource {
  std::string brought_by;  // empty when several organisations did
  std::string whose;
};

// Sets *source to who brought `site` here when it was one organisation: the
// one sender (LinkDomainStats::distinct_senders at most 1), or the one
// organisation (MailboxProviders::CorrespondentOrganisation) every sender
// writes for. Leaves it empty when several did, or when the store no
// longer lists every sender (retention). The caller passes only a `site`
// of at most kOneOrganisationSenders senders (KnownFromAnotherOnly), as
// the store lists them one by one. Two people of one partner are one
// organisation's use, which corroborates nothing independently
// (self-regulation, docs/DETECTION.md).
Status OneOrganisationSource(const ScoringContext& context, const std::string& site,
                             const LinkDomainStats& stats, OneSource* source) {
  *source = {};
  if (stats.distinct_senders <= 1) {
    *source = {"one correspondent only", "one correspondent's"};
    return Status::Ok();
  }
  std::vector<std::string> senders;
  Status status = context.history().ListLinkDomainSenders(site, stats.distinct_senders, &senders);
  if (!status.ok() || senders.size() < stats.distinct_senders) return status;
  const MailboxProviders& providers = *context.environment().mailbox_providers;
  const std::string organisation = providers.CorrespondentOrganisation(senders.front());
  if (organisation.empty()) return Status::Ok();
  for (const std::string& sender : senders) {
    if (providers.CorrespondentOrganisation(sender) != organisation) return Status::Ok();
  }
  *source = {std::to_string(senders.size()) + " correspondents at " + organisation + " only",
             "one partner's"};
  return Status::Ok();
}

// Sets *source (OneOrganisationSource) when everything the organisation
// received of `site` (the platform, or the link's tenant of it) came from
// one other organisation: neither the message's sender nor anyone at its
// organisation ever linked it (OrganisationLinkDeparture). Empty otherwise.
// Returns the store's error.
Status KnownFromAnotherOnly(const ScoringContext& context, const Link& link,
                            const std::string& site, OneSource* source) {
  *source = {};
  if (context.sender().empty()) return Status::Ok();
  const LinkDomainStats* stats = nullptr;
  Status status = context.LinkDomain(site, &stats);
  if (!status.ok() || stats == nullptr || stats->distinct_senders > kOneOrganisationSenders) {
    return status;
  }
  // The habits first: the context reads each once per message, where the
  // senders are a scan of the store.
  double departure = 0;
  std::string unused;
  status = LinkHabitDeparture(context, context.sender(), link, &departure, &unused);
  if (!status.ok() || departure < 1) return status;
  status = OrganisationLinkDeparture(context, link, &departure);
  if (!status.ok() || departure < 1) return status;
  return OneOrganisationSource(context, site, *stats, source);
}

Status JudgeLink(const ScoringContext& context, const Link& link, const std::string& platform,
                 std::vector<Detection>* out) {
  // A company's service site (IsServiceSite: "docs.google.com") is the
  // platform itself: what the organisation received of the company's other
  // sites (a search, a download page) is not this service.
  const bool service = IsServiceSite(link.private_domain);
  const std::string& platform_domain = service ? link.private_domain : link.icann_domain;
  uint64_t platform_messages = 0;
  bool platform_outbound = false;
  Status status =
      OrgWideLinkMessages(context, platform_domain, &platform_messages, &platform_outbound);
  if (!status.ok()) return status;
  uint64_t tenant_messages = platform_messages;
  bool tenant_outbound = platform_outbound;
  const bool has_tenant = !TenantName(link).empty();
  if (has_tenant) {
    status = OrgWideLinkMessages(context, link.private_domain, &tenant_messages, &tenant_outbound);
    if (!status.ok()) return status;
  }
  if (tenant_outbound) return Status::Ok();  // the organisation links it itself

  double strength = 0;
  std::string why;
  if (platform_messages == 0) {
    strength = 1.0;
    why = "no one in the organisation has received a link to " + platform_domain + " before";
  } else if (has_tenant && tenant_messages == 0) {
    // Each tenant is its own owner: anyone can open one on a platform the
    // organisation uses, so a first-seen tenant is as new as a first-seen
    // platform, however familiar the platform.
    strength = 1.0;
    why = link.icann_domain + " is known (" + std::to_string(platform_messages) +
          " messages) but no one has received a link to this tenant before, and each tenant "
          "is a separate owner";
  } else {
    OneSource source;
    status = KnownFromAnotherOnly(context, link, has_tenant ? link.private_domain : platform_domain,
                                  &source);
    if (!status.ok()) return status;
    if (!source.brought_by.empty()) {
      // One correspondent's use is not yet the organisation's: an adoption
      // weakens a new platform only as independent correspondents
      // corroborate it, never as one sender, or one partner, repeats itself
      // (self-regulation, docs/DETECTION.md). The second organisation to
      // link it finds it as new as the first did.
      strength = 1.0;
      why = "the organisation received it from " + source.brought_by + " (" +
            std::to_string(tenant_messages) + " messages), and neither " + context.sender() +
            " nor anyone at its organisation linked it: " + source.whose +
            " use is not yet the organisation's";
    } else if (tenant_messages < kRareLinkMessages) {
      strength = 0.3;
      why = "the organisation received it in only " + std::to_string(tenant_messages) + " messages";
    } else {
      return Status::Ok();
    }
  }
  bool own_tenant = false;
  status = IsSendersOwnTenant(context, link, &own_tenant);
  if (!status.ok()) return status;
  if (own_tenant) strength *= kOwnTenantFactor;
  // A tenant named after its sender that is not its own (on a platform no
  // one here received) is that organisation taking the platform up: its
  // anomaly is the platform, which self-regulation counts, so that
  // organisations taking it up each under their own name corroborate one
  // adoption, as they do a platform without tenants. Any other tenant is
  // its own owner's.
  const bool adopting = !own_tenant && TenantNamedAfterSender(context, link);
  if (adopting) {
    why +=
        "; the tenant bears the sender's name, which anyone may take on a platform no one here "
        "received";
  }
  if (context.internal_mail()) {
    if (FirstMailToMany(context)) {
      why += " (full strength between colleagues: the account's first mail here, to " +
             std::to_string(context.recipients().size()) +
             " recipients, and no writing of its own vouches for a new tool)";
    } else {
      strength *= kInternalFactor;
      why += " (half strength between colleagues, where a new platform is often a new tool)";
    }
  }
  Detection detection{strength,
                      "link to " + link.host_unicode + LinkOrigin(link) +
                          " (file-share/hosting platform " + platform + "): " + why,
                      adopting ? platform_domain : link.private_domain};
  SoftenForKnownList(context, kListPostLinks, &detection);
  out->push_back(std::move(detection));
  return Status::Ok();
}

// Internal mail too: a colleague's account linking a platform (or tenant)
// no one here has received is the lure of lateral phishing (Ho et al.,
// USENIX Security 2019), as it is from a vendor's mailbox. The
// organisation's own tenants are linked in its outbound mail, so they never
// fire; a news or corporate site a colleague passes on is no platform.
// Each site is judged once, from its first link that is a page on a
// platform: the catalogue may list only a path of a host
// ("docs.google.com/forms"), and an email service's click tracker on a
// platform that also hosts pages (Mailchimp's list-manage.com/track)
// forwards to the newsletter's link, no page there, so a site's first link
// need not be the one to judge.
Status DetectFirstFileshareDomain(const ScoringContext& context, std::vector<Detection>* out) {
  const FileShareCatalogue* catalogue = context.environment().fileshare;
  if (catalogue == nullptr) return Status::Ok();
  std::set<std::string_view> judged;
  for (const Link* link : context.web_links()) {
    if (link->private_domain.empty() || link->icann_domain.empty() || link->email_service_tracker ||
        judged.count(link->private_domain) != 0) {
      continue;
    }
    const std::string* platform = catalogue->Match(link->host, link->path);
    if (platform == nullptr || IsLocalLink(context, *link)) continue;
    judged.insert(link->private_domain);
    Status status = JudgeLink(context, *link, *platform, out);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace

Status RegisterFirstFileshareDomain(SignalRegistry* registry) {
  return registry->Add({"FIRST_FILESHARE_DOMAIN", SignalGroup::kLink, 45,
                        "link to a file-share or hosting platform (or tenant) new to the "
                        "organisation",
                        SignalScope::kInboundAndInternal, DetectFirstFileshareDomain});
}

}  // namespace rapport
