#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "cluster/replicator.h"
#include "milter/background_learner.h"
#include "milter/runtime.h"
#include "milter/store_handle.h"
#include "store/held_message.h"
#include "store/store_stats.h"

namespace rapport {

// A cluster node's replication at the moment of a scrape
// (docs/SCALE-OUT.md).
struct ClusterGauges {
  bool enabled = false;  // [cluster] is configured; the fields below are read only then
  ReplicationCounters counters;
  bool store_read = false;     // the two below were read from the open store
  uint64_t outbox_length = 0;  // events written here, not yet published
  // The highest event sequence of each node the store holds, its own first.
  std::vector<std::pair<std::string, uint64_t>> sequences;
};

// What the daemon holds at the moment of a scrape, as opposed to what it
// counted (MetricsSnapshot).
struct MetricsGauges {
  size_t learn_queue_depth = 0;      // delivered messages waiting to be learned
  size_t lookalike_known_names = 0;  // names in the running scorer's look-alike index
  bool store_open = false;           // the fields below are read only when it is
  HeldCounts held;                   // held-mail records by HeldStatus
  StoreReport store;                 // size on disk and keys per column family
  ClusterGauges cluster;
};

// Reads the gauges from the daemon's parts. Opens the store through
// `store` if it is not open yet (as a message would); when that fails,
// store_open is false and the store's fields stay 0. Costs RocksDB's
// property reads and the store's held-record counts (kept by the store, so
// one pass over the records on the daemon's first scrape only): call it
// when scraped, never on the answer path.
MetricsGauges ReadMetricsGauges(StoreHandle* store, const BackgroundLearner& learner,
                                const Runtime& runtime);

// Fills gauges->cluster from the replicator's `counters` and, when the
// store is open, its outbox and the sequences it holds. Costs one pass
// over the outbox: call it when scraped.
void ReadClusterGauges(const ReplicationCounters& counters, StoreHandle* store,
                       MetricsGauges* gauges);

}  // namespace rapport
