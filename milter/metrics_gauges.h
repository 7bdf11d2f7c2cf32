#pragma once

#include <cstddef>
#include <cstdint>

#include "milter/background_learner.h"
#include "milter/runtime.h"
#include "milter/store_handle.h"
#include "store/held_message.h"
#include "store/store_stats.h"

namespace rapport {

// What the daemon holds at the moment of a scrape, as opposed to what it
// counted (MetricsSnapshot).
struct MetricsGauges {
  size_t learn_queue_depth = 0;      // delivered messages waiting to be learned
  size_t lookalike_known_names = 0;  // names in the running scorer's look-alike index
  bool store_open = false;           // the fields below are read only when it is
  HeldCounts held;                   // held-mail records by HeldStatus
  StoreReport store;                 // size on disk and keys per column family
};

// Reads the gauges from the daemon's parts. Opens the store through
// `store` if it is not open yet (as a message would); when that fails,
// store_open is false and the store's fields stay 0. Costs RocksDB's
// property reads and the store's held-record counts (kept by the store, so
// one pass over the records on the daemon's first scrape only): call it
// when scraped, never on the answer path.
MetricsGauges ReadMetricsGauges(StoreHandle* store, const BackgroundLearner& learner,
                                const Runtime& runtime);

}  // namespace rapport
