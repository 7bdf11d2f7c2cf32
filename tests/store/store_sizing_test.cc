#include <catch2/catch.hpp>
#include <string>

#include "store/history_store.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

constexpr size_t kMiB = 1 << 20;
constexpr int64_t kNow = 1700000000;

// One held record (the held family then sees no other write), then about
// `bytes` of distinct stats counters: a busy family beside a quiet one.
StoreReport WriteBusyBesideQuiet(const StoreOptions& options, size_t bytes) {
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
  StoreReport report;
  REQUIRE(store->Describe(&report).ok());
  return report;
}

TEST_CASE("a quiet family does not keep the write-ahead log past max_wal_bytes",
          "[store][sizing]") {
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.Sub("state"));
  options.sizing.max_wal_bytes = 1 * kMiB;
  const StoreReport report = WriteBusyBesideQuiet(options, 16 * kMiB);
  INFO("wal bytes " << report.wal_bytes);
  CHECK(report.wal_bytes <= 4 * kMiB);
  CHECK(report.sst_bytes > 0);
}

TEST_CASE("without a low WAL limit the quiet family pins every log", "[store][sizing]") {
  // The control for the case above: the same writes keep all their log.
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.Sub("state"));
  options.sizing.max_wal_bytes = 1024 * kMiB;
  const StoreReport report = WriteBusyBesideQuiet(options, 16 * kMiB);
  INFO("wal bytes " << report.wal_bytes);
  CHECK(report.wal_bytes > 12 * kMiB);
}

TEST_CASE("the memtable budget flushes the busy family to a table file", "[store][sizing]") {
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.Sub("state"));
  options.sizing.max_wal_bytes = 1024 * kMiB;
  SECTION("a budget below what was written flushes") {
    options.sizing.memtable_bytes = StoreSizing::kMinMemtableBytes;
    CHECK(WriteBusyBesideQuiet(options, 16 * kMiB).sst_bytes > 0);
  }
  SECTION("the default budget holds it all in memory") {
    CHECK(WriteBusyBesideQuiet(options, 16 * kMiB).sst_bytes == 0);
  }
}

}  // namespace
}  // namespace rapport
