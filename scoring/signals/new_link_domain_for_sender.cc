#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// A colleague at the sender's organisation already linked it.
constexpr double kColleagueFactor = 0.4;
// A domain the organisation receives from many senders is no surprise.
constexpr uint64_t kCommonMessages = 50;
constexpr uint64_t kCommonSenders = 10;
constexpr double kCommonFactor = 0.5;
// A sender that already links many domains is expected to link new ones.
constexpr size_t kPromiscuousDomains = 20;
constexpr double kPromiscuousFactor = 0.6;

Status JudgeLink(const ScoringContext& context, const Link& link, double habit_factor,
                 std::vector<Detection>* out) {
  double departure = 0;
  std::string never;
  Status status = LinkHabitDeparture(context, context.sender(), link, &departure, &never);
  if (!status.ok() || departure == 0) return status;
  double strength = RelationshipDepth(context) * habit_factor * departure;
  // The colleagues' and the organisation's familiarity with a shortener is
  // not with where this link leads (DescribeHiddenTarget).
  if (!link.shortened) {
    double organisation = 0;
    status = OrganisationLinkDeparture(context, link, &organisation);
    if (!status.ok()) return status;
    if (organisation == 0) strength *= kColleagueFactor;
    const LinkDomainStats* org = nullptr;
    status = context.LinkDomain(link.icann_domain, &org);
    if (!status.ok()) return status;
    if (org && org->messages >= kCommonMessages && org->distinct_senders >= kCommonSenders) {
      strength *= kCommonFactor;
    }
  }
  Detection detection{strength,
                      "link to " + link.host_unicode + LinkOrigin(link) + ": " +
                          DescribeSender(context) + " has never linked " + never + " before" +
                          (link.shortened ? "; " + DescribeHiddenTarget(link) : ""),
                      context.sender() + ">" + link.private_domain};
  SoftenForKnownList(context, kListPostLinks, &detection);
  out->push_back(std::move(detection));
  return Status::Ok();
}

Status DetectNewLinkDomainForSender(const ScoringContext& context, std::vector<Detection>* out) {
  // Only a known sender's linking habits mean anything.
  if (!context.known_sender() || context.sender_is_local()) return Status::Ok();
  // Only whether the sender links many domains matters, so no more than
  // that many are read (a big vendor's history holds thousands).
  size_t habits = 0;
  Status status = context.history().CountSenderAttributes(
      context.sender(), SenderAttributeKind::kLinkDomain, kPromiscuousDomains, &habits);
  if (!status.ok()) return status;
  double habit_factor = habits >= kPromiscuousDomains ? kPromiscuousFactor : 1.0;
  for (const Link* link : DistinctLinkDomains(context, BareAddresses::kSkip)) {
    if (context.IsSendersOwnDomain(*link) || IsLocalLink(context, *link)) continue;
    status = JudgeLink(context, *link, habit_factor, out);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace

Status RegisterNewLinkDomainForSender(SignalRegistry* registry) {
  return registry->Add({"NEW_LINK_DOMAIN_FOR_SENDER", SignalGroup::kLink, 40,
                        "known correspondent links a domain it never linked before",
                        SignalScope::kInboundOnly, DetectNewLinkDomainForSender,
                        BaseRatePopulation::kKnownSenders, /*sender_novelty=*/true});
}

}  // namespace rapport
