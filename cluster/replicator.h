#pragma once

#include <atomic>
#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <memory>
#include <mutex>
#include <set>
#include <string>
#include <thread>

#include "base/status.h"
#include "cluster/cluster_options.h"
#include "store/history_store.h"

namespace rapport {

// What a Replicator counted since it started, for /metrics
// (milter/metrics_exposition.cc).
struct ReplicationCounters {
  enum Worker { kPublisher, kApplier, kWorkers };
  // What started an outage: Redis could not be reached or refused the
  // password; the connection broke mid-round; Redis answered a command with
  // an error (XADD refused when full); the store could not be read or
  // written.
  enum Failure { kConnect, kConnectionLost, kRefused, kStore, kFailureKinds };

  uint64_t published = 0;    // events this node put in the stream
  uint64_t applied = 0;      // other nodes' events applied to the store
  uint64_t undecodable = 0;  // stream entries skipped whole
  // Outages, each counted once when it starts (as logged), by thread and
  // by what started it.
  uint64_t failures[kWorkers][kFailureKinds] = {};
  bool redis_reachable = false;  // both threads' last round reached Redis
  // How long ago the newest entry the applier read was added to the
  // stream, when it read it; 0 once a read finds nothing new.
  double apply_lag_seconds = 0;
};

// The label values of ReplicationCounters' enums.
inline const char* ReplicationWorkerName(int worker) {
  return worker == ReplicationCounters::kPublisher ? "publisher" : "applier";
}
inline const char* ReplicationFailureName(int failure) {
  switch (failure) {
    case ReplicationCounters::kConnect:
      return "connect";
    case ReplicationCounters::kConnectionLost:
      return "connection_lost";
    case ReplicationCounters::kRefused:
      return "refused";
    default:
      return "store";
  }
}

// Keeps a store opened with a [cluster] node in step with the other nodes:
// one thread publishes its outbox to the stream, another applies the
// other nodes' events from it, each on its own Redis connection. Neither
// is on the path of a message: while Redis is away, changes wait in the
// outbox and scoring goes on from the local store. A failure is logged
// once when it starts (and once when it ends) and counted in the store's
// stats (kReplicationFailures); both threads retry every
// options.retry_interval meanwhile. Start() and
// Stop() are called from one thread.
class Replicator {
 public:
  // Gets the open store (or why it is not), as milter/store_handle.h does.
  using StoreGetter = std::function<Status(std::shared_ptr<HistoryStore>*)>;
  using LogLine = std::function<void(const std::string& line)>;

  Replicator(ClusterOptions options, StoreGetter store, LogLine log_error, LogLine log_info);
  ~Replicator();
  Replicator(const Replicator&) = delete;
  Replicator& operator=(const Replicator&) = delete;

  void Start();
  // Publishes what the outbox holds if Redis is reachable now, then stops
  // both threads.
  void Stop();

  // What both threads counted so far. Safe from any thread.
  ReplicationCounters Counters() const;

 private:
  class Worker;

  // Written by the threads, read by Counters(): relaxed, each on its own.
  std::atomic<uint64_t> published_{0};
  std::atomic<uint64_t> applied_{0};
  std::atomic<uint64_t> undecodable_{0};
  std::atomic<uint64_t> failures_[ReplicationCounters::kWorkers]
                                 [ReplicationCounters::kFailureKinds] = {};
  std::atomic<bool> reachable_[ReplicationCounters::kWorkers] = {};
  std::atomic<int64_t> apply_lag_ms_{0};

  const ClusterOptions options_;
  const StoreGetter store_;
  const LogLine log_error_;
  const LogLine log_info_;
  std::unique_ptr<Worker> publisher_;
  std::unique_ptr<Worker> applier_;
  // When the applier trims the stream next; its thread's alone.
  std::chrono::steady_clock::time_point next_trim_{};
  // Peers already named for fingerprinting payment coordinates with another
  // key, so that each gets one log line; the applier thread's alone.
  std::set<std::string> foreign_payment_key_peers_;
};

}  // namespace rapport
