#pragma once

#include <chrono>
#include <condition_variable>
#include <memory>
#include <mutex>
#include <thread>

#include "milter/logger.h"
#include "milter/runtime.h"
#include "milter/store_handle.h"
#include "scoring/scorer.h"

namespace rapport {

// Keeps the running scorer's look-alike names (the correspondent domains
// it compares senders and links against) in step with history: refreshes
// at start, soon after a reload installs a new scorer, and every
// `interval`. Runs on its own thread so no message waits for a rebuild.
class KnownNamesRefresher {
 public:
  KnownNamesRefresher(
      RuntimeSlot* slot, StoreHandle* store, Logger* logger,
      std::chrono::seconds interval = std::chrono::seconds(kKnownNamesRefreshSeconds));
  KnownNamesRefresher(const KnownNamesRefresher&) = delete;
  KnownNamesRefresher& operator=(const KnownNamesRefresher&) = delete;
  // Stops the thread, waiting for a rebuild in progress.
  ~KnownNamesRefresher();

 private:
  void Run();
  // Rebuilds the names of `runtime`'s scorer; false when the store is not open yet.
  bool Refresh(const Runtime& runtime);

  RuntimeSlot* const slot_;
  StoreHandle* const store_;
  Logger* const logger_;
  const std::chrono::seconds interval_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace rapport
