// rapportctl learn's bulk load (writes gathered across messages, counters
// put as values into a new store, compaction skipped where nothing needs
// folding) must leave exactly the store that learning one message at a
// time leaves.

#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <string>
#include <vector>

#include "cli/archive_walk.h"
#include "scoring/delivery.h"
#include "store/rocksdb_history_store.h"
#include "tests/corpus.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

namespace fs = std::filesystem;

const std::string kFixtureArchive = std::string(RAPPORT_FIXTURES_DIR) + "/message/archive";

// The fixture archive and a real Enron mailbox.
std::vector<std::string> Archives() {
  return {kFixtureArchive, testing::CorpusFile("enron/beck-s.mbox")};
}

StoreOptions Options(const std::string& path, bool bulk_load, size_t pending_keys) {
  StoreOptions options;
  options.path = path;
  options.local_domains = {"enron.com", "corp.example"};
  options.bulk_load = bulk_load;
  options.bulk_load_pending_keys = pending_keys;
  return options;
}

// Learns `paths` into the store `options` opens, as rapportctl learn does.
void Learn(const std::vector<std::string>& paths, const StoreOptions& options) {
  std::unique_ptr<HistoryStore> store;
  REQUIRE(OpenRocksDbStore(options, &store).ok());
  Config config;
  config.local_domains = options.local_domains;
  WalkSummary summary;
  const Status walked = WalkArchives(
      paths, config, /*delivered_to=*/"",
      [&](const ArchivedMessage& archived) {
        return store->Learn(LearnRequestFor(*archived.message, archived.direction, archived.clock,
                                            archived.recipients, Verdict{},
                                            Disposition::kAccepted));
      },
      &summary);
  REQUIRE(walked.ok());
  REQUIRE(summary.messages_read > 0);
  REQUIRE(store->Flush().ok());
}

// Every key and value of every column family: family name, key -> value.
std::map<std::pair<std::string, std::string>, std::string> Contents(const std::string& path) {
  std::unique_ptr<HistoryStore> store;
  REQUIRE(RocksDbHistoryStore::Open(Options(path, false, 0), &store).ok());
  const auto& rocksdb_store = static_cast<const RocksDbHistoryStore&>(*store);
  std::map<std::pair<std::string, std::string>, std::string> contents;
  for (size_t i = 0; i < RocksDbHistoryStore::kFamilyNames.size(); ++i) {
    const std::string family = RocksDbHistoryStore::kFamilyNames[i];
    const Status scanned =
        rocksdb_store.ForEachEntry(static_cast<RocksDbHistoryStore::Family>(i),
                                   [&](std::string_view key, std::string_view value) {
                                     // Each store makes its own random key of payment fingerprints.
                                     if (key == RocksDbHistoryStore::kPaymentKeyKey)
                                       return Status::Ok();
                                     contents[{family, std::string(key)}] = value;
                                     return Status::Ok();
                                   });
    REQUIRE(scanned.ok());
  }
  return contents;
}

using Contents_t = std::map<std::pair<std::string, std::string>, std::string>;

// Requires equal contents, naming the first entry where they differ.
void RequireSame(const Contents_t& actual, const Contents_t& expected) {
  auto a = actual.begin();
  auto e = expected.begin();
  for (; a != actual.end() && e != expected.end(); ++a, ++e) {
    INFO("family " << e->first.first << ", key " << e->first.second);
    REQUIRE(a->first == e->first);
    REQUIRE(a->second == e->second);
  }
  REQUIRE(actual.size() == expected.size());
}

// The keys of `family` in `contents`.
size_t CountFamily(const std::map<std::pair<std::string, std::string>, std::string>& contents,
                   const std::string& family) {
  size_t count = 0;
  for (const auto& [key, value] : contents) count += key.first == family ? 1 : 0;
  return count;
}

TEST_CASE("a bulk load stores what learning one message at a time stores", "[cli][learn]") {
  // One drain at the end, or a drain every few dozen keys (counters put
  // into the new store first, merged on top after).
  const size_t pending_keys = GENERATE(size_t{256} * 1024, size_t{64});
  INFO("bulk_load_pending_keys " << pending_keys);
  test::TempDir dir;
  const std::vector<std::string> archives = Archives();
  Learn(archives, Options(dir.Sub("single"), false, 0));
  Learn(archives, Options(dir.Sub("bulk"), true, pending_keys));

  const auto single = Contents(dir.Sub("single"));
  REQUIRE(CountFamily(single, "sender_profile") > 0);
  REQUIRE(CountFamily(single, "relationship") > 0);
  REQUIRE(CountFamily(single, "thread") > 0);
  RequireSame(Contents(dir.Sub("bulk")), single);
}

TEST_CASE("a bulk load into a store with history adds to it", "[cli][learn]") {
  test::TempDir dir;
  const std::vector<std::string> archives = Archives();
  // The same archive learned twice: every counter doubles on top of
  // history, every membership is already known.
  for (const char* store : {"single", "bulk"}) {
    Learn(archives, Options(dir.Sub(store), false, 0));
  }
  Learn(archives, Options(dir.Sub("single"), false, 0));
  Learn(archives, Options(dir.Sub("bulk"), true, size_t{256} * 1024));
  RequireSame(Contents(dir.Sub("bulk")), Contents(dir.Sub("single")));
}

}  // namespace
}  // namespace rapport
