// REPORTED_INDICATOR: the message links a domain, or comes from a sender,
// that an admin confirmed as malicious with `rapportctl held report`. The
// report is organisation-wide: a new message from another sender linking the
// same domain scores higher too.

#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"
#include "store/held_message.h"

namespace rapport {

namespace {

// A reported domain the organisation also receives from many senders is
// probably a shared platform the attack abused, not the attacker's own.
constexpr uint64_t kCommonMessages = 50;
constexpr uint64_t kCommonSenders = 10;
constexpr double kCommonFactor = 0.5;

// Sets *reported to the number of reports of `key`; 0 when never reported.
Status Reports(const ScoringContext& context, const std::string& key, uint64_t* reported) {
  SignalContextStats stats;
  Status status = context.history().GetSignalContext(kReportedFeedbackSignal, key, &stats);
  *reported = status.ok() ? stats.reported : 0;
  return status.IsNotFound() ? Status::Ok() : status;
}

std::string Times(uint64_t n) { return n == 1 ? "once" : std::to_string(n) + " times"; }

Status DetectReportedIndicator(const ScoringContext& context, std::vector<Detection>* out) {
  uint64_t reported = 0;
  if (!context.sender().empty() && !context.sender_is_local()) {
    const std::string key = ReportedSenderKey(context.sender());
    Status status = Reports(context, key, &reported);
    if (!status.ok()) return status;
    if (reported > 0) {
      out->push_back({1.0,
                      "sender " + context.sender() + " was reported as malicious " +
                          Times(reported) + " by an admin",
                      key});
    }
  }
  for (const Link* link : DistinctLinkDomains(context, BareAddresses::kInclude)) {
    if (IsLocalLink(context, *link)) continue;
    const std::string key = ReportedLinkDomainKey(link->private_domain);
    Status status = Reports(context, key, &reported);
    if (!status.ok()) return status;
    if (reported == 0) continue;
    const LinkDomainStats* org = nullptr;
    status = context.LinkDomain(link->private_domain, &org);
    if (!status.ok()) return status;
    const bool common =
        org && org->messages >= kCommonMessages && org->distinct_senders >= kCommonSenders;
    out->push_back({common ? kCommonFactor : 1.0,
                    "link to " + link->host_unicode + LinkOrigin(*link) + ": " +
                        link->private_domain + " was in mail reported as malicious " +
                        Times(reported) + " by an admin",
                    key});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterReportedIndicator(SignalRegistry* registry) {
  return registry->Add({"REPORTED_INDICATOR", SignalGroup::kLink, 50,
                        "links a domain or comes from a sender an admin reported as malicious",
                        SignalScope::kInboundOnly, DetectReportedIndicator});
}

}  // namespace rapport
