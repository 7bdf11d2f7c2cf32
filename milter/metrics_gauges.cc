#include "milter/metrics_gauges.h"

#include <memory>

namespace rapport {

MetricsGauges ReadMetricsGauges(StoreHandle* store, const BackgroundLearner& learner,
                                const Runtime& runtime) {
  MetricsGauges gauges;
  gauges.learn_queue_depth = learner.queued();
  gauges.lookalike_known_names = runtime.scorer->KnownNameCount();
  std::shared_ptr<HistoryStore> open;
  if (!store->Get(&open).ok()) return gauges;
  HeldCounts held;
  StoreReport report;
  if (!open->CountHeld(&held).ok() || !open->Describe(&report).ok()) return gauges;
  gauges.store_open = true;
  gauges.held = held;
  gauges.store = std::move(report);
  return gauges;
}

void ReadClusterGauges(const ReplicationCounters& counters, StoreHandle* store,
                       MetricsGauges* gauges) {
  ClusterGauges& cluster = gauges->cluster;
  cluster.enabled = true;
  cluster.counters = counters;
  std::shared_ptr<HistoryStore> open;
  ReplicaState state;
  if (!store->Get(&open).ok() || open->replica() == nullptr ||
      !open->replica()->DescribeReplica(&state).ok()) {
    return;
  }
  cluster.store_read = true;
  cluster.outbox_length = state.outbox_length;
  cluster.sequences = std::move(state.sequences);
}

}  // namespace rapport
