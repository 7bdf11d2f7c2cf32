#pragma once

#include <sys/types.h>

#include <chrono>
#include <condition_variable>
#include <cstdint>
#include <functional>
#include <map>
#include <memory>
#include <mutex>
#include <string>
#include <thread>
#include <tuple>
#include <vector>

#include "base/status.h"
#include "store/history_store.h"
#include "store/store_stats.h"

namespace rapport {

// The history store as the daemon sees it: opened on first use and, while
// it cannot be opened (unreadable, locked, corrupt), retried at most every
// `retry_interval` so that a broken store makes messages fail by policy
// (on_error) instead of stopping the daemon, and a repaired one is picked up
// without a restart. A store whose directory is removed or replaced while
// open is let go at once (writes to it would vanish with it), and so is one
// that refuses writes after a failed one (disk full); either is opened
// again from the directory as soon as that works. Until the refusing store's
// last user lets it go, Get() answers with the write failure that let it go.
//
// At start the store may be opened in the background (OpenInBackground):
// after a crash RocksDB first replays the write-ahead log, and meanwhile
// Get() answers Busy, so that the MTA gets the on_error answer instead of
// waiting on a silent socket. A clean open takes a fraction of a second, so
// messages arriving within `open_grace` of the start wait for it instead
// (up to the end of the grace, not longer); only a long replay sends them
// on_error. Safe for concurrent use.
class StoreHandle {
 public:
  // Opens the store at `options` into *out; OpenRocksDbStore unless a test
  // injects its own.
  using Opener = std::function<Status(const StoreOptions&, std::unique_ptr<HistoryStore>*)>;
  // Told how the background open ended and how long it took.
  using OpenedCallback = std::function<void(const Status&, std::chrono::steady_clock::duration)>;

  // `open_grace`: how long after OpenInBackground starts a Get() waits for
  // the open to end (0: it answers Busy at once).
  explicit StoreHandle(StoreOptions options,
                       std::chrono::seconds retry_interval = std::chrono::seconds(5),
                       Opener opener = OpenRocksDbStore,
                       std::chrono::milliseconds open_grace = std::chrono::milliseconds(0));
  // Waits for a background open still running.
  ~StoreHandle();
  StoreHandle(const StoreHandle&) = delete;
  StoreHandle& operator=(const StoreHandle&) = delete;

  // Starts opening the store on a thread of its own and returns at once;
  // `opened` runs on that thread when the open ends, after the store (if it
  // opened) is in place. Until then Get() returns Busy, after waiting
  // for the open at most until `open_grace` after this call. A failed open
  // is retried by Get() as usual. Call at most once.
  void OpenInBackground(OpenedCallback opened);

  // Sets *out to the open store, opening it if needed; the store stays
  // valid while *out holds it, even if the handle lets it go meanwhile.
  // Otherwise returns the reason it cannot be opened: Busy, saying so and
  // for how long, while a background open runs; else the fresh error, or
  // the last one between retries.
  Status Get(std::shared_ptr<HistoryStore>* out);

  // Adds `counts` to the store's counters of the day of `now`. While the
  // store is not open (still opening, or unavailable) they are kept in
  // memory, summed per day and counter, and written as soon as it opens;
  // then the status is OK. Fails only when the open store refuses them.
  Status AddStats(const std::vector<StatsCount>& counts, int64_t now);

  // Flushes the store if it is open (shutdown).
  Status Flush();

 private:
  // True while the state directory is still the one the store was opened
  // in (same device and inode).
  bool SameDirectory() const;
  // Makes `store`, just opened, the one Get() hands out, and writes the
  // counters kept while there was none. Requires mutex_.
  void AdoptLocked(std::unique_ptr<HistoryStore> store);

  const StoreOptions options_;
  const std::chrono::seconds retry_interval_;
  const Opener opener_;
  const std::chrono::milliseconds open_grace_;
  std::thread background_open_;
  std::mutex mutex_;                    // guards every field below
  std::condition_variable open_ended_;  // signalled when a background open ends
  std::shared_ptr<HistoryStore> store_;
  dev_t device_ = 0;
  ino_t inode_ = 0;
  Status last_error_;
  // The store let go because it refused writes (WriteRefusal), and why:
  // while messages in flight still hold it, it holds the directory's lock.
  std::weak_ptr<HistoryStore> refused_store_;
  Status refusal_;
  std::chrono::steady_clock::time_point last_attempt_{};
  bool attempted_ = false;
  bool opening_ = false;  // a background open runs
  std::chrono::steady_clock::time_point opening_since_{};
  // Counters added while no store was open: (UTC day, kind, name) -> sum.
  std::map<std::tuple<int64_t, StatsKind, std::string>, uint64_t> unwritten_stats_;
};

}  // namespace rapport
