#include "milter/milter_metrics.h"

#include <algorithm>

namespace rapport {
namespace {

std::vector<std::string> Sorted(std::vector<std::string> names) {
  std::sort(names.begin(), names.end());
  names.erase(std::unique(names.begin(), names.end()), names.end());
  return names;
}

// kScoringLatencyBounds in nanoseconds, so that an observation is placed
// by integer comparisons.
constexpr std::array<int64_t, kScoringLatencyBounds.size()> BoundsInNanoseconds() {
  std::array<int64_t, kScoringLatencyBounds.size()> bounds = {};
  for (size_t i = 0; i < bounds.size(); ++i) {
    bounds[i] = static_cast<int64_t>(kScoringLatencyBounds[i] * 1e9 + 0.5);
  }
  return bounds;
}
constexpr auto kBoundsInNanoseconds = BoundsInNanoseconds();

}  // namespace

MilterMetrics::MilterMetrics(std::vector<std::string> signal_names)
    : signal_names_(Sorted(std::move(signal_names))),
      signals_(std::make_unique<Counter[]>(signal_names_.size())) {}

void MilterMetrics::CountMessage(Route route, Action action) {
  Add(&messages_[static_cast<int>(route)][static_cast<int>(action)]);
}

void MilterMetrics::CountSignal(std::string_view name) {
  const auto it = std::lower_bound(signal_names_.begin(), signal_names_.end(), name);
  if (it == signal_names_.end() || *it != name) return;
  Add(&signals_[static_cast<size_t>(it - signal_names_.begin())]);
}

void MilterMetrics::CountForgedHeadersRemoved(uint64_t headers) {
  if (headers > 0) Add(&forged_headers_removed_, headers);
}

void MilterMetrics::CountFailure(ErrorPolicy answer, FailureKind kind) {
  Add(&on_error_[static_cast<int>(answer)]);
  Add(&failures_[static_cast<int>(kind)]);
}

void MilterMetrics::CountLearnFailure() { Add(&learn_failures_); }

void MilterMetrics::CountReload(ReloadResult result) { Add(&reloads_[static_cast<int>(result)]); }

void MilterMetrics::ObserveScoring(std::chrono::nanoseconds elapsed) {
  const int64_t nanoseconds = std::max<int64_t>(0, elapsed.count());
  const auto bucket =
      std::lower_bound(kBoundsInNanoseconds.begin(), kBoundsInNanoseconds.end(), nanoseconds);
  Add(&scoring_buckets_[static_cast<size_t>(bucket - kBoundsInNanoseconds.begin())]);
  Add(&scoring_nanoseconds_, static_cast<uint64_t>(nanoseconds));
}

MetricsSnapshot MilterMetrics::Snapshot() const {
  auto read = [](const Counter& counter) { return counter.load(std::memory_order_relaxed); };
  MetricsSnapshot out;
  for (int route = 0; route < kRoutes; ++route) {
    for (int action = 0; action < kActions; ++action) {
      out.messages[route][action] = read(messages_[route][action]);
    }
  }
  for (size_t i = 0; i < signal_names_.size(); ++i) {
    out.signals.emplace_back(signal_names_[i], read(signals_[i]));
  }
  for (int i = 0; i < 2; ++i) out.on_error[i] = read(on_error_[i]);
  for (int i = 0; i < kFailureKinds; ++i) out.failures[i] = read(failures_[i]);
  out.forged_headers_removed = read(forged_headers_removed_);
  out.learn_failures = read(learn_failures_);
  for (int i = 0; i < 2; ++i) out.reloads[i] = read(reloads_[i]);
  for (size_t i = 0; i < out.scoring_buckets.size(); ++i) {
    out.scoring_buckets[i] = read(scoring_buckets_[i]);
  }
  out.scoring_nanoseconds = read(scoring_nanoseconds_);
  return out;
}

}  // namespace rapport
