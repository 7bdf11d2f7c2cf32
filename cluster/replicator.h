#pragma once

#include <chrono>
#include <condition_variable>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <thread>

#include "base/status.h"
#include "cluster/cluster_options.h"
#include "store/history_store.h"

namespace rapport {

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

 private:
  class Worker;

  const ClusterOptions options_;
  const StoreGetter store_;
  const LogLine log_error_;
  const LogLine log_info_;
  std::unique_ptr<Worker> publisher_;
  std::unique_ptr<Worker> applier_;
  // When the applier trims the stream next; its thread's alone.
  std::chrono::steady_clock::time_point next_trim_{};
};

}  // namespace rapport
