// The store's operations for rapportctl stats and store: daily counters,
// retention, backup, check and compaction, on a real store in a temp dir.

#include <rocksdb/db.h>
#include <sys/stat.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "store/history_store.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

namespace fs = std::filesystem;
using test::March2024;

constexpr int64_t kDay = 86400;

uint64_t CountOf(const std::vector<StatsCount>& counts, StatsKind kind, const std::string& name) {
  for (const StatsCount& c : counts) {
    if (c.kind == kind && c.name == name) return c.count;
  }
  return 0;
}

uint64_t KeysOf(const StoreReport& report, const std::string& family) {
  for (const FamilyReport& f : report.families) {
    if (f.name == family) return f.keys;
  }
  FAIL("no family " << family);
  return 0;
}

// An inbound message from `sender` to ann@acme.com, learned at `now`.
void LearnFrom(HistoryStore* store, const std::string& sender, int64_t now) {
  Message m;
  m.from = test::Address(sender, "Sender " + sender);
  m.message_id = sender + "-" + std::to_string(now);
  m.subject = "hello";
  m.links = {
      test::LinkTo(sender.substr(sender.find('@') + 1), sender.substr(sender.find('@') + 1))};
  test::LearnOrFail(store, m, Direction::kInbound, now, {"ann@acme.com"});
}

TEST_CASE("score buckets are ten points wide with 100 on its own", "[store][stats]") {
  CHECK(ScoreBucket(0) == 0);
  CHECK(ScoreBucket(9) == 0);
  CHECK(ScoreBucket(10) == 1);
  CHECK(ScoreBucket(99) == 9);
  CHECK(ScoreBucket(100) == 10);
  CHECK(ScoreBucket(250) == 10);
  CHECK(ScoreBucket(-3) == 0);
  CHECK(ScoreCount(87).name == "80");
  CHECK(ScoreCount(100).name == "100");
  CHECK(ScoreCount(87).kind == StatsKind::kScore);
}

TEST_CASE("stats counters add up per day and read back over a window", "[store][stats]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  const int64_t day1 = March2024(4, 10);
  REQUIRE(
      store->AddStats({{StatsKind::kRoute, "inbound"}, {StatsKind::kAction, "hold"}}, day1).ok());
  REQUIRE(store->AddStats({{StatsKind::kRoute, "inbound"}, {StatsKind::kSignal, "A", 3}}, day1 + 60)
              .ok());
  REQUIRE(store
              ->AddStats({{StatsKind::kRoute, "inbound"}, {StatsKind::kHeld, "released"}},
                         day1 + 2 * kDay)
              .ok());

  std::vector<StatsCount> all;
  REQUIRE(store->ReadStats(day1 - kDay, &all).ok());
  CHECK(CountOf(all, StatsKind::kRoute, "inbound") == 3);
  CHECK(CountOf(all, StatsKind::kAction, "hold") == 1);
  CHECK(CountOf(all, StatsKind::kSignal, "A") == 3);
  CHECK(CountOf(all, StatsKind::kHeld, "released") == 1);
  CHECK(all.size() == 4);  // one entry per counter, whatever the days

  // A window starting any time on the third day counts that whole day only.
  std::vector<StatsCount> recent;
  REQUIRE(store->ReadStats(day1 + 2 * kDay + 3600, &recent).ok());
  CHECK(CountOf(recent, StatsKind::kRoute, "inbound") == 1);
  CHECK(CountOf(recent, StatsKind::kAction, "hold") == 0);
  CHECK(CountOf(recent, StatsKind::kHeld, "released") == 1);

  // A read-only view (beside the daemon) sees the same counters.
  StoreOptions read_only = test::AcmeOptions(dir.path());
  read_only.mode = StoreOptions::Mode::kReadOnly;
  auto reader = test::OpenOrFail(read_only);
  std::vector<StatsCount> seen;
  REQUIRE(reader->ReadStats(day1 - kDay, &seen).ok());
  CHECK(CountOf(seen, StatsKind::kRoute, "inbound") == 3);
  CHECK(reader->AddStats({{StatsKind::kRoute, "inbound"}}, day1).code() ==
        Status::Code::kUnsupported);
}

TEST_CASE("a store made before the stats family still opens", "[store][stats][open]") {
  test::TempDir dir;
  {
    auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
    LearnFrom(store.get(), "x@vendor.example", 1000);
    REQUIRE(store->Flush().ok());  // the plain open below has no merge operators
  }
  {  // Take the stats family away, as in a store of the first release.
    std::vector<std::string> names;
    REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), dir.path(), &names).ok());
    std::vector<rocksdb::ColumnFamilyDescriptor> families;
    for (const std::string& name : names)
      families.emplace_back(name, rocksdb::ColumnFamilyOptions());
    std::vector<rocksdb::ColumnFamilyHandle*> handles;
    rocksdb::DB* db = nullptr;
    REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), dir.path(), families, &handles, &db).ok());
    for (rocksdb::ColumnFamilyHandle* h : handles) {
      if (h->GetName() == "stats") REQUIRE(db->DropColumnFamily(h).ok());
      REQUIRE(db->DestroyColumnFamilyHandle(h).ok());
    }
    delete db;
  }
  StoreOptions read_only = test::AcmeOptions(dir.path());
  read_only.mode = StoreOptions::Mode::kReadOnly;
  {
    auto reader = test::OpenOrFail(read_only);
    std::vector<StatsCount> counts;
    REQUIRE(reader->ReadStats(0, &counts).ok());
    CHECK(counts.empty());
    SenderProfile profile;
    const Status read = reader->GetSenderProfile("x@vendor.example", &profile);
    INFO(read.ToString());
    CHECK(read.ok());
  }
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));  // creates the family
  REQUIRE(store->AddStats({{StatsKind::kRoute, "outbound"}}, 1000).ok());
  std::vector<StatsCount> counts;
  REQUIRE(store->ReadStats(0, &counts).ok());
  CHECK(CountOf(counts, StatsKind::kRoute, "outbound") == 1);
}

TEST_CASE("compaction expires history last seen before the retention", "[store][retention]") {
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.path());
  options.retention_days = 30;
  int64_t now = March2024(1);
  options.clock = [&now] { return now; };
  auto store = test::OpenOrFail(options);
  LearnFrom(store.get(), "old@stale.example", March2024(1));
  LearnFrom(store.get(), "new@fresh.example", March2024(1));
  LearnFrom(store.get(), "new@fresh.example", March2024(1) + 50 * kDay);
  HeldMessage held;
  held.queue_id = "OLDHELD";
  held.received_at = March2024(1);
  REQUIRE(store->PutHeld(held).ok());
  REQUIRE(store->AddStats({{StatsKind::kRoute, "inbound"}}, March2024(1)).ok());

  // Nothing is old yet: compaction keeps everything.
  REQUIRE(store->Compact().ok());
  SenderProfile profile;
  REQUIRE(store->GetSenderProfile("old@stale.example", &profile).ok());

  now = March2024(1) + 60 * kDay;
  REQUIRE(store->Compact().ok());
  CHECK(store->GetSenderProfile("old@stale.example", &profile).IsNotFound());
  CHECK(store->GetSenderProfile("stale.example", &profile).IsNotFound());
  Relationship relationship;
  CHECK(store->GetRelationship("old@stale.example", "ann@acme.com", &relationship).IsNotFound());
  LinkDomainStats link;
  CHECK(store->GetLinkDomain("stale.example", &link).IsNotFound());
  ThreadRecord thread;
  CHECK(store->FindThreadByMessageId("old@stale.example-" + std::to_string(March2024(1)), &thread)
            .IsNotFound());
  std::vector<DisplayNameUse> names;
  REQUIRE(store->FindDisplayName("sender old@stale.example", 10, &names).ok());
  CHECK(names.empty());

  // Seen again within the retention: kept, with the counts of both visits.
  REQUIRE(store->GetSenderProfile("new@fresh.example", &profile).ok());
  CHECK(profile.messages_sent == 2);
  REQUIRE(store->GetRelationship("new@fresh.example", "ann@acme.com", &relationship).ok());
  REQUIRE(store->GetLinkDomain("fresh.example", &link).ok());
  // Held-mail records and counters are not history: retention keeps them.
  REQUIRE(store->GetHeld("OLDHELD", &held).ok());
  std::vector<StatsCount> counts;
  REQUIRE(store->ReadStats(0, &counts).ok());
  CHECK(CountOf(counts, StatsKind::kRoute, "inbound") == 1);

  // The index families expire with the history they index. fresh.example's
  // link-domain members were rewritten when seen again on day 51, so they
  // outlive their first writing.
  store.reset();
  const auto keys_naming = [&](const std::string& family, const std::string& text) {
    size_t n = 0;
    for (const auto& [key, value] : test::RawEntries(dir.path(), family)) {
      n += key.find(text) != std::string::npos ? 1 : 0;
    }
    return n;
  };
  for (const char* family : {"link_domain_member", "thread_member", "message_id"}) {
    INFO(family);
    CHECK(keys_naming(family, "stale.example") == 0);
    CHECK(keys_naming(family, "fresh.example") > 0);
  }
  CHECK(keys_naming("message_id", "new@fresh.example-" + std::to_string(March2024(1))) == 0);
  CHECK(keys_naming("message_id",
                    "new@fresh.example-" + std::to_string(March2024(1) + 50 * kDay)) == 1);

  // So a sender seen again is still not a new distinct sender of the domain.
  store = test::OpenOrFail(options);
  LearnFrom(store.get(), "new@fresh.example", March2024(1) + 55 * kDay);
  REQUIRE(store->GetLinkDomain("fresh.example", &link).ok());
  CHECK(link.distinct_senders == 1);
  CHECK(link.messages == 3);
}

TEST_CASE("retention 0 keeps history forever", "[store][retention]") {
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.path());
  options.retention_days = 0;
  options.clock = [] { return March2024(1) + 10000 * kDay; };
  auto store = test::OpenOrFail(options);
  LearnFrom(store.get(), "old@stale.example", March2024(1));
  REQUIRE(store->Compact().ok());
  SenderProfile profile;
  CHECK(store->GetSenderProfile("old@stale.example", &profile).ok());
}

TEST_CASE("a backup is a store of its own, in a new 0700 directory", "[store][backup]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.Sub("state")));
  LearnFrom(store.get(), "x@vendor.example", March2024(2));
  REQUIRE(store->AddStats({{StatsKind::kRoute, "inbound"}}, March2024(2)).ok());

  const std::string backup = dir.Sub("backup");
  REQUIRE(store->Backup(backup).ok());
  struct stat st;
  REQUIRE(stat(backup.c_str(), &st) == 0);
  CHECK((st.st_mode & 0777) == 0700);
  auto copy = test::OpenOrFail(test::AcmeOptions(backup));
  SenderProfile profile;
  REQUIRE(copy->GetSenderProfile("x@vendor.example", &profile).ok());
  std::vector<StatsCount> counts;
  REQUIRE(copy->ReadStats(0, &counts).ok());
  CHECK(CountOf(counts, StatsKind::kRoute, "inbound") == 1);

  // An existing empty directory is accepted; one holding anything is not.
  fs::create_directory(dir.Sub("empty"));
  CHECK(store->Backup(dir.Sub("empty")).ok());
  const Status refused = store->Backup(backup);
  REQUIRE(refused.IsInvalidArgument());
  CHECK_THAT(refused.message(), Catch::Contains(backup) && Catch::Contains("not empty"));
  CHECK(store->Backup("relative/dir").IsInvalidArgument());
}

TEST_CASE("check verifies the store and reports its families", "[store][check]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  LearnFrom(store.get(), "x@vendor.example", March2024(2));
  LearnFrom(store.get(), "y@vendor.example", March2024(2));
  REQUIRE(store->Flush().ok());
  StoreReport report;
  REQUIRE(store->Check(&report).ok());
  CHECK(report.path == dir.path());
  CHECK(report.schema_version == "9");
  CHECK(report.families.size() == 20);
  CHECK(KeysOf(report, "outbox") == 0);
  CHECK(KeysOf(report, "relationship") == 2);
  CHECK(KeysOf(report, "held") == 0);
  CHECK(report.sst_bytes > 0);
}

TEST_CASE("check on a damaged table file fails in one clear line", "[store][check]") {
  test::TempDir dir;
  {
    auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
    for (int i = 0; i < 50; ++i) {
      LearnFrom(store.get(), "s" + std::to_string(i) + "@vendor.example", March2024(2));
    }
    REQUIRE(store->Flush().ok());
  }
  // Flip bytes in the first data block of the largest table file (not the
  // meta family's, which opening reads): opening reads only footers,
  // indexes and filters, so the store still opens.
  fs::path largest;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    if (entry.path().extension() != ".sst") continue;
    if (largest.empty() || entry.file_size() > fs::file_size(largest)) largest = entry.path();
  }
  REQUIRE_FALSE(largest.empty());
  {
    std::fstream file(largest, std::ios::in | std::ios::out | std::ios::binary);
    file.seekp(20);
    file.write("\xde\xad\xbe\xef", 4);
  }
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  StoreReport report;
  const Status status = store->Check(&report);
  INFO(status.ToString());
  REQUIRE(status.IsCorruption());
  CHECK(status.message().find('\n') == std::string::npos);
  CHECK_THAT(status.message(), Catch::Contains(dir.path()) && Catch::Contains("damaged") &&
                                   Catch::Contains("backup"));
}

TEST_CASE("describe reports sizes and key counts beside a writer", "[store][stats]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  LearnFrom(store.get(), "x@vendor.example", March2024(2));
  StoreOptions read_only = test::AcmeOptions(dir.path());
  read_only.mode = StoreOptions::Mode::kReadOnly;
  auto reader = test::OpenOrFail(read_only);
  StoreReport report;
  REQUIRE(reader->Describe(&report).ok());
  CHECK(report.schema_version == "9");
  CHECK(KeysOf(report, "relationship") == 1);  // still in the writer's memtable, via its log
  CHECK(report.wal_bytes > 0);
}

}  // namespace
}  // namespace rapport
