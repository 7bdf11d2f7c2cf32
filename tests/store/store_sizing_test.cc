#include <catch2/catch.hpp>
#include <chrono>
#include <functional>
#include <string>
#include <thread>

#include "store/history_store.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

constexpr size_t kMiB = 1 << 20;
constexpr int64_t kNow = 1700000000;

// Opens a store and writes one held record (the held family then sees no
// other write), then about `bytes` of distinct stats counters: a busy
// family beside a quiet one.
std::unique_ptr<HistoryStore> WriteBusyBesideQuiet(const StoreOptions& options, size_t bytes) {
  auto store = test::OpenOrFail(options);
  HeldMessage held;
  held.queue_id = "4XyZ1q2w3e";
  REQUIRE(store->PutHeld(held).ok());
  const std::string padding(200, 'x');
  std::vector<StatsCount> counts;
  for (size_t i = 0; i * (padding.size() + 16) < bytes; ++i) {
    counts.push_back({StatsKind::kSignal, padding + std::to_string(i), 1});
    if (counts.size() < 500) continue;
    REQUIRE(store->AddStats(counts, kNow).ok());
    counts.clear();
  }
  return store;
}

StoreReport Describe(const HistoryStore& store) {
  StoreReport report;
  REQUIRE(store.Describe(&report).ok());
  return report;
}

// Flushes run in the background and delete the logs they free when they
// end, later on a busy machine: waits until `done` holds of the store's
// report. No time limit (ctest's timeout fails a store that never gets
// there), so the test does not depend on the machine's load.
StoreReport WaitUntil(const HistoryStore& store,
                      const std::function<bool(const StoreReport&)>& done) {
  for (;;) {
    const StoreReport report = Describe(store);
    if (done(report)) return report;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
}

// The table bytes of the held family, which WriteBusyBesideQuiet leaves quiet.
uint64_t HeldTableBytes(const StoreReport& report) {
  for (const FamilyReport& family : report.families) {
    if (family.name == "held") return family.sst_bytes;
  }
  FAIL("no held family in the report");
  return 0;
}

TEST_CASE("past max_wal_bytes a quiet family is flushed instead of pinning the log",
          "[store][sizing]") {
  // Its one small write would never fill a memtable: only the WAL limit
  // flushes it, and that frees the log files behind it.
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.Sub("state"));
  options.sizing.max_wal_bytes = 1 * kMiB;
  auto store = WriteBusyBesideQuiet(options, 16 * kMiB);
  WaitUntil(*store, [](const StoreReport& r) { return HeldTableBytes(r) > 0; });
}

TEST_CASE("without a low WAL limit the quiet family pins every log", "[store][sizing]") {
  // The control for the case above: nothing is flushed (each family's
  // memtable and the budget are larger than what was written), so the same
  // writes keep all their log.
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.Sub("state"));
  options.sizing.max_wal_bytes = 1024 * kMiB;
  auto store = WriteBusyBesideQuiet(options, 16 * kMiB);
  const StoreReport report = Describe(*store);
  INFO("wal bytes " << report.wal_bytes);
  CHECK(report.wal_bytes > 12 * kMiB);
  CHECK(report.sst_bytes == 0);
  CHECK(HeldTableBytes(report) == 0);
}

TEST_CASE("the memtable budget flushes the busy family to a table file", "[store][sizing]") {
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.Sub("state"));
  options.sizing.max_wal_bytes = 1024 * kMiB;
  options.sizing.memtable_bytes = StoreSizing::kMinMemtableBytes;
  auto store = WriteBusyBesideQuiet(options, 16 * kMiB);
  WaitUntil(*store, [](const StoreReport& r) { return r.sst_bytes > 0; });
}

}  // namespace
}  // namespace rapport
