#pragma once

#include <chrono>
#include <cstddef>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "message/message.h"
#include "milter/action_plan.h"
#include "milter/background_learner.h"
#include "milter/failure_kind.h"
#include "milter/header_index.h"
#include "milter/milter_metrics.h"
#include "milter/runtime.h"
#include "scoring/verdict.h"
#include "store/held_message.h"
#include "store/history_store.h"
#include "store/store_stats.h"

namespace rapport {

// What the milter collected for one message from the MTA.
struct CollectedMessage {
  Envelope envelope;
  std::string_view raw;           // headers and body as rebuilt by MessageBuffer
  size_t dropped_bytes = 0;       // bytes past max_message_size that were not kept
  size_t dropped_recipients = 0;  // RCPT TO past max_recipients, not in envelope
  const RapportHeaderIndex* rapport_headers = nullptr;  // not owned
  std::optional<std::string_view> subject;              // raw value of the first Subject header
};

// One message parsed, routed, scored (inbound only) and planned.
struct Evaluation {
  Message message;
  Route route = Route::kTransit;
  Verdict verdict;
  ActionPlan plan;
  size_t dropped_bytes = 0;
  size_t dropped_recipients = 0;
  // Where EvaluateMessage() failed, when it did.
  FailureKind failure = FailureKind::kInternal;
};

// Parses `collected`, decides its route and, for inbound mail, scores it
// against `history` as of `now`, then plans the actions. Returns a non-OK
// status (and leaves *out partly filled, with out->failure saying where)
// when parsing or scoring fails, or when `deadline` has passed after a
// stage: the caller answers by the failure policy. Reads history only.
Status EvaluateMessage(const Runtime& runtime, const HistoryReader& history,
                       const CollectedMessage& collected, int64_t now,
                       std::chrono::steady_clock::time_point deadline, Evaluation* out);

// The review record for a message about to be held: envelope, subject,
// score, every signal with its evidence, and up to kMaxHeldLinks links.
inline constexpr size_t kMaxHeldLinks = 100;
HeldMessage BuildHeldMessage(const Evaluation& evaluation, int64_t now);

// The learn of an evaluated message as delivered, for the background
// learner (call only when plan.learn): its effective recipients (in
// `local_domains`' organisation) and the
// signal contexts of its verdict, as of `now`. Moves the parsed message out
// of *evaluation, without its decoded bodies, which learning does not read;
// the evaluation's route, verdict and plan stay.
DeliveredMessage TakeDelivered(Evaluation* evaluation,
                               const std::vector<std::string>& local_domains, int64_t now);

// The operational counters of a message the milter answered by its plan:
// its route and, for inbound mail, its action, score bucket and signals,
// and "held" when it was quarantined.
std::vector<StatsCount> MessageStats(const Evaluation& evaluation);

// Adds a message the milter answered by its plan to `metrics`: its
// direction and action, its signals and the forged headers it lost.
void CountAnswered(const Evaluation& evaluation, MilterMetrics* metrics);

// The one log line for a processed message, in the Postfix manner:
// "3F2A81C2B4: inbound score=87 action=hold signals=A,B". `queue_id` empty
// reads "NOQUEUE".
std::string MessageLogLine(std::string_view queue_id, const Evaluation& evaluation);

}  // namespace rapport
