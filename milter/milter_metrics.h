#pragma once

#include <array>
#include <atomic>
#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "config/config.h"
#include "milter/action_plan.h"
#include "milter/failure_kind.h"
#include "scoring/verdict.h"

namespace rapport {

// Upper bounds, in seconds, of the buckets of the scoring latency
// histogram (parse, route and score of one message); one more bucket
// (+Inf) takes the rest.
inline constexpr std::array<double, 14> kScoringLatencyBounds = {
    0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5, 10};

// Why a configuration reload ended as it did.
enum class ReloadResult { kApplied, kRefused };

inline constexpr int kRoutes = 3;   // Route values
inline constexpr int kActions = 4;  // Action values

// The counters at one moment, read one by one: each is exact, the set is
// not one atomic cut (a message counted between two reads shows in one).
struct MetricsSnapshot {
  uint64_t messages[kRoutes][kActions] = {};              // by Route, then Action
  std::vector<std::pair<std::string, uint64_t>> signals;  // every counted name, sorted
  uint64_t on_error[2] = {};                              // by ErrorPolicy
  uint64_t failures[kFailureKinds] = {};                  // by FailureKind
  uint64_t forged_headers_removed = 0;
  uint64_t learn_failures = 0;
  uint64_t reloads[2] = {};  // by ReloadResult
  // Observations per bucket of kScoringLatencyBounds, the last one +Inf;
  // not cumulative.
  std::array<uint64_t, kScoringLatencyBounds.size() + 1> scoring_buckets = {};
  uint64_t scoring_nanoseconds = 0;  // sum of every observation
};

// The daemon's counters for monitoring, kept in memory for the life of the
// process (a reload keeps them; a restart starts them at 0). Counting is a
// relaxed atomic add, with no lock and no allocation, so the answer path
// pays a few instructions per counter; the exposition is built from
// Snapshot() when scraped. Safe for concurrent use by any number of
// threads.
class MilterMetrics {
 public:
  // Counts signals by the names in `signal_names` (the registered ones);
  // a hit of any other name is not counted.
  explicit MilterMetrics(std::vector<std::string> signal_names);
  MilterMetrics(const MilterMetrics&) = delete;
  MilterMetrics& operator=(const MilterMetrics&) = delete;

  // One message answered by its plan; `action` is kAccept for mail that
  // is not inbound.
  void CountMessage(Route route, Action action);
  // One hit of the signal `name`.
  void CountSignal(std::string_view name);
  // Forged X-Rapport-* headers removed from one message.
  void CountForgedHeadersRemoved(uint64_t headers);
  // One message answered by the on_error policy `answer` after a failure
  // of `kind`.
  void CountFailure(ErrorPolicy answer, FailureKind kind);
  // One delivered message that could not be learned.
  void CountLearnFailure();
  void CountReload(ReloadResult result);
  // How long parsing, routing and scoring one message took.
  void ObserveScoring(std::chrono::nanoseconds elapsed);

  MetricsSnapshot Snapshot() const;

 private:
  using Counter = std::atomic<uint64_t>;
  static void Add(Counter* counter, uint64_t amount = 1) {
    counter->fetch_add(amount, std::memory_order_relaxed);
  }

  const std::vector<std::string> signal_names_;  // sorted
  const std::unique_ptr<Counter[]> signals_;     // by index in signal_names_
  Counter messages_[kRoutes][kActions] = {};
  Counter on_error_[2] = {};
  Counter failures_[kFailureKinds] = {};
  Counter forged_headers_removed_{0};
  Counter learn_failures_{0};
  Counter reloads_[2] = {};
  Counter scoring_buckets_[kScoringLatencyBounds.size() + 1] = {};
  Counter scoring_nanoseconds_{0};
};

}  // namespace rapport
