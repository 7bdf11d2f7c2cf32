#pragma once

#include <sys/types.h>

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
// without a restart. A store whose directory is removed or replaced while
// open is let go at once (writes to it would vanish with it), and so is one
// that refuses writes after a failed one (disk full); either is opened
// again from the directory as soon as that works. Safe for concurrent use.
class StoreHandle {
 public:
  explicit StoreHandle(StoreOptions options,
                       std::chrono::seconds retry_interval = std::chrono::seconds(5));
  StoreHandle(const StoreHandle&) = delete;
  StoreHandle& operator=(const StoreHandle&) = delete;

  // Sets *out to the open store, opening it if needed; the store stays
  // valid while *out holds it, even if the handle lets it go meanwhile.
  // Otherwise returns the reason it cannot be opened: the fresh error, or
  // the last one between retries.
  Status Get(std::shared_ptr<HistoryStore>* out);

  // Flushes the store if it is open (shutdown).
  Status Flush();

 private:
  // True while the state directory is still the one the store was opened
  // in (same device and inode).
  bool SameDirectory() const;

  const StoreOptions options_;
  const std::chrono::seconds retry_interval_;
  std::mutex mutex_;  // guards every field below
  std::shared_ptr<HistoryStore> store_;
  dev_t device_ = 0;
  ino_t inode_ = 0;
  Status last_error_;
  std::chrono::steady_clock::time_point last_attempt_{};
  bool attempted_ = false;
};

}  // namespace rapport
