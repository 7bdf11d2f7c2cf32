#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// Internal mail only (lateral phishing, Ho et al., USENIX Security 2019): a
// colleague's account links a domain it never linked and that the
// organisation has (almost) never received, or only ever received from
// outside. Passing on a link colleagues already circulate is ordinary; a
// page no one inside has seen or passed on is what a compromised account
// sends.

// What counts is whether anyone here ever linked the site, to colleagues or
// out (LinkDomainStats::outbound_messages: internal mail is learned as the
// organisation's own, Direction::kOutbound), not how often the outside sent
// it here: a site only ever received (a university, a
// grid operator, a club whose mail reaches a few staff) is as new to
// colleagues as a rare one, and it is what a compromised account links when
// the attacker plants a page on a site it broke into. Measured on Enron's
// 13,258 real internal messages (docs/DETECTION-HISTORY.md, branch lateral5): an
// account linking a site received here in three or more messages that no
// one here ever linked happens in 5 (hotmail.com, msn.com twice,
// bluemountain.com, yahoo.com), none tagged; the organisation's own
// circulation (outbound_messages) covers everything else it receives.

// New to the organisation. Whether it is also a file-share or hosting
// platform new to the organisation (the lure of lateral phishing) is
// FIRST_FILESHARE_DOMAIN's to say, in internal mail as in inbound.
constexpr double kFirstSeenDomain = 0.8;
// Received by the organisation in fewer than kRareLinkMessages messages, or
// in more but only ever from outside (no one here ever linked it).
constexpr double kRareDomain = 0.4;
// Distinct link domains read to describe the sender's habit.
constexpr size_t kHabitDomains = 100;

std::string DescribeHabit(const ScoringContext& context, size_t domains) {
  const SenderProfile* profile = context.sender_profile();
  const uint64_t messages = profile == nullptr ? 0 : profile->messages_sent;
  return "over " + std::to_string(messages) + " messages it linked " +
         (domains >= kHabitDomains ? "at least " : "") + std::to_string(domains) + " domains";
}

Status JudgeLink(const ScoringContext& context, const Link& link, size_t habit_domains,
                 std::vector<Detection>* out) {
  const SenderAttributeStats* linked = nullptr;
  Status status = context.SenderAttribute(context.sender(), SenderAttributeKind::kLinkDomain,
                                          link.private_domain, &linked);
  if (!status.ok() || linked != nullptr) return status;
  uint64_t messages = 0;
  bool outbound = false;
  status = OrgWideLinkMessages(context, link.private_domain, &messages, &outbound);
  if (!status.ok()) return status;
  if (messages >= kRareLinkMessages && outbound) return Status::Ok();  // staff link it
  double strength = kRareDomain;
  std::string seen =
      "the organisation has received it in only " + std::to_string(messages) + " message(s)";
  if (messages >= kRareLinkMessages) {
    seen = "no one here ever linked it: the organisation has only received it, in " +
           std::to_string(messages) + " messages from outside";
  } else if (messages == 0) {
    strength = kFirstSeenDomain;
    seen = "no one in the organisation has received it before";
  }
  out->push_back({strength,
                  "internal mail links " + link.host_unicode + LinkOrigin(link) + ": " +
                      DescribeSender(context) + " never linked " + link.private_domain +
                      " before (" + DescribeHabit(context, habit_domains) + ") and " + seen,
                  context.sender() + ">" + link.private_domain});
  return Status::Ok();
}

Status DetectInternalNewLinkDomain(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty()) return Status::Ok();
  size_t habit_domains = 0;
  bool counted = false;
  for (const Link* link : DistinctLinkDomains(context, BareAddresses::kSkip)) {
    if (IsLocalLink(context, *link)) continue;
    if (!counted) {
      Status status = context.history().CountSenderAttributes(
          context.sender(), SenderAttributeKind::kLinkDomain, kHabitDomains, &habit_domains);
      if (!status.ok()) return status;
      counted = true;
    }
    Status status = JudgeLink(context, *link, habit_domains, out);
    if (!status.ok()) return status;
  }
  return Status::Ok();
}

}  // namespace

Status RegisterInternalNewLinkDomain(SignalRegistry* registry) {
  return registry->Add({"INTERNAL_NEW_LINK_DOMAIN", SignalGroup::kCompromise, 45,
                        "internal account links a domain it never linked and the organisation "
                        "has (almost) never received, or only received from outside",
                        SignalScope::kInternalOnly, DetectInternalNewLinkDomain});
}

}  // namespace rapport
