// crashed_store: leaves a history store as a daemon killed with a long
// write-ahead log would: MEGABYTES of operational counters written through
// the WAL and never flushed to a table file, then the process ends without
// closing the store. The next open replays them all (recovery_e2e).
//
//   crashed_store STATE_DIR MEGABYTES

#include <unistd.h>

#include <cstdio>
#include <cstdlib>
#include <string>
#include <vector>

#include "store/history_store.h"

int main(int argc, char** argv) {
  if (argc != 3 || std::atoi(argv[2]) <= 0) {
    std::fprintf(stderr, "usage: crashed_store STATE_DIR MEGABYTES\n");
    return 2;
  }
  rapport::StoreOptions options;
  options.path = argv[1];
  // Nothing is flushed before the end: every byte stays in the log.
  options.sizing.memtable_bytes = size_t{8} << 30;
  options.sizing.max_wal_bytes = size_t{8} << 30;
  std::unique_ptr<rapport::HistoryStore> store;
  rapport::Status status = rapport::OpenRocksDbStore(options, &store);
  if (!status.ok()) {
    std::fprintf(stderr, "crashed_store: %s\n", status.ToString().c_str());
    return 1;
  }
  const size_t bytes = static_cast<size_t>(std::atoi(argv[2])) << 20;
  const std::string name(100, 'n');
  std::vector<rapport::StatsCount> counts;
  for (size_t i = 0, written = 0; written < bytes; ++i, written += name.size() + 32) {
    counts.push_back({rapport::StatsKind::kSignal, name + std::to_string(i), 1});
    if (counts.size() < 1000) continue;
    status = store->AddStats(counts, 1700000000);
    if (!status.ok()) {
      std::fprintf(stderr, "crashed_store: %s\n", status.ToString().c_str());
      return 1;
    }
    counts.clear();
  }
  _exit(0);  // no close, no flush: a crash
}
