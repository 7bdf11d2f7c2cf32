#pragma once

#include <cstddef>

namespace rapport {

// How much memory and write-ahead log the embedded store may use: the
// `[store]` section of rapport.conf. With the defaults the daemon stays
// under 200 MB resident through bench/soak (300,000 messages on a store
// warmed with Enron) and a restart after a crash replays a few megabytes
// of log (docs/RELIABILITY.md has the figures behind them).
struct StoreSizing {
  // RocksDB's block cache, shared by every column family: data blocks, and
  // the index and filter blocks of every table file.
  size_t block_cache_bytes = 64 << 20;
  // All memtables of all column families together (one WriteBufferManager):
  // past it the largest memtable is flushed to a table file.
  size_t memtable_bytes = 64 << 20;
  // The write-ahead log files together: past it, the column families whose
  // unflushed writes keep the oldest log alive are flushed so that it can
  // be deleted. A restart after a crash replays at most about this much.
  size_t max_wal_bytes = 8 << 20;

  // The smallest value each accepts (rapport.conf refuses less).
  static constexpr size_t kMinBlockCacheBytes = 1 << 20;
  static constexpr size_t kMinMemtableBytes = 4 << 20;
  static constexpr size_t kMinWalBytes = 1 << 20;

  bool operator==(const StoreSizing&) const = default;
};

}  // namespace rapport
