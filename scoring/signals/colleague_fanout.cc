#include <algorithm>

#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// Internal mail only (lateral phishing, Ho et al., USENIX Security 2019): an
// account writing at once to many colleagues it has never exchanged mail
// with, either way. Compromised accounts spray the address book; real
// colleagues mostly write to people they already work with.

// The account must have written before: a circle of colleagues, however
// small, to compare with. (A new account's first mail is judged by its links.)
constexpr uint64_t kMinMessages = 1;
// Strangers at which the signal is at full strength.
constexpr double kFullStrangers = 10;
// Distinct colleagues read to describe the account's circle.
constexpr size_t kCircleColleagues = 1000;

Status DetectColleagueFanout(const ScoringContext& context, std::vector<Detection>* out) {
  const SenderProfile* profile = context.sender_profile();
  if (profile == nullptr || profile->messages_sent < kMinMessages) return Status::Ok();
  const StrangersAddressed addressed = CountStrangers(context);
  if (!addressed.BeyondCircle()) return Status::Ok();
  const size_t strangers = addressed.strangers;
  const size_t judged = addressed.judged;
  size_t circle = 0;
  Status status = context.history().CountSenderAttributes(
      context.sender(), SenderAttributeKind::kColleague, kCircleColleagues, &circle);
  if (!status.ok()) return status;
  const double share = static_cast<double>(strangers) / static_cast<double>(judged);
  const double strength = share * std::min(1.0, static_cast<double>(strangers) / kFullStrangers);
  out->push_back({strength,
                  DescribeSender(context) + " wrote to " + std::to_string(strangers) + " of " +
                      std::to_string(judged) + " colleagues it never exchanged mail with: " +
                      addressed.names + "; over " + std::to_string(profile->messages_sent) +
                      " messages it wrote to " + (circle >= kCircleColleagues ? "at least " : "") +
                      std::to_string(circle) + " colleagues, at most " +
                      std::to_string(profile->max_recipients) + " recipients at once",
                  context.sender()});
  return Status::Ok();
}

}  // namespace

Status RegisterColleagueFanout(SignalRegistry* registry) {
  return registry->Add({"COLLEAGUE_FANOUT", SignalGroup::kCompromise, 35,
                        "internal account writing to many colleagues it never exchanged mail with",
                        SignalScope::kInternalOnly, DetectColleagueFanout});
}

}  // namespace rapport
