#pragma once

#include <atomic>
#include <chrono>
#include <memory>
#include <mutex>

#include "base/status.h"
#include "store/history_store.h"

namespace rapport {

// The history store as the daemon sees it: opened on first use and, while
// it cannot be opened (unreadable, locked, corrupt), retried at most every
// `retry_interval` so that a broken store makes messages fail by policy
// (on_error) instead of stopping the daemon, and a repaired one is picked up
// without a restart. Safe for concurrent use; once open, Get() takes no lock.
class StoreHandle {
 public:
  explicit StoreHandle(StoreOptions options,
                       std::chrono::seconds retry_interval = std::chrono::seconds(5));
  StoreHandle(const StoreHandle&) = delete;
  StoreHandle& operator=(const StoreHandle&) = delete;

  // Sets *out to the open store (owned by this handle, valid until it is
  // destroyed), opening it if needed. Otherwise returns the reason it
  // cannot be opened: the fresh error, or the last one between retries.
  Status Get(HistoryStore** out);

  // Flushes the store if it is open (shutdown).
  Status Flush();

 private:
  const StoreOptions options_;
  const std::chrono::seconds retry_interval_;
  std::atomic<HistoryStore*> open_{nullptr};
  std::mutex mutex_;  // guards the fields below and the opening itself
  std::unique_ptr<HistoryStore> store_;
  Status last_error_;
  std::chrono::steady_clock::time_point last_attempt_{};
  bool attempted_ = false;
};

}  // namespace rapport
