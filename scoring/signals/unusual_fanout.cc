#include <algorithm>
#include <cstdio>

#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// History needed before a sender's habits mean anything.
constexpr uint64_t kMinMessages = 10;
// Fewer recipients than this is never unusual.
constexpr size_t kMinFanout = 4;

Status DetectUnusualFanout(const ScoringContext& context, std::vector<Detection>* out) {
  const SenderProfile* profile = context.sender_profile();
  if (profile == nullptr || profile->messages_sent < kMinMessages || context.sender_is_local()) {
    return Status::Ok();
  }
  size_t count = context.recipients().size();
  double average =
      static_cast<double>(profile->recipients_total) / static_cast<double>(profile->messages_sent);
  if (count < kMinFanout || count <= profile->max_recipients || count < 2 * average) {
    return Status::Ok();
  }
  double usual_max = std::max<double>(profile->max_recipients, 3);
  double strength =
      std::min(1.0, (static_cast<double>(count) - profile->max_recipients) / usual_max);
  char usual[96];
  std::snprintf(usual, sizeof(usual), "%.1f recipients on average and never more than %u", average,
                profile->max_recipients);
  out->push_back({strength,
                  DescribeSender(context) + " wrote to " + std::to_string(count) +
                      " recipients; over " + std::to_string(profile->messages_sent) +
                      " messages it wrote to " + usual,
                  context.sender()});
  return Status::Ok();
}

}  // namespace

Status RegisterUnusualFanout(SignalRegistry* registry) {
  return registry->Add({"UNUSUAL_FANOUT", SignalGroup::kCorrespondent, 15,
                        "more recipients than this sender ever addressed",
                        SignalScope::kInboundOnly, DetectUnusualFanout});
}

}  // namespace rapport
