#include "milter/store_handle.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <future>
#include <thread>

#include "tests/milter/empty_store.h"

namespace rapport {
namespace {

std::filesystem::path ScratchDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "rapport-store-handle.XXXXXX");
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

// Options for a store that cannot open: a plain file stands in `dir` where
// its state directory should be. Removing options.path repairs it.
StoreOptions UnopenableStore(const std::filesystem::path& dir) {
  const std::filesystem::path state = dir / "state";
  std::ofstream(state) << "not a directory";
  StoreOptions options;
  options.path = state.string();
  options.local_domains = {"example.test"};
  return options;
}

TEST_CASE("A store that cannot open fails by status and is picked up once repaired",
          "[milter][store]") {
  const std::filesystem::path dir = ScratchDir();
  const StoreOptions options = UnopenableStore(dir);
  StoreHandle handle(options, std::chrono::seconds(0));
  std::shared_ptr<HistoryStore> store;
  const Status broken = handle.Get(&store);
  CHECK_FALSE(broken.ok());
  CHECK(store == nullptr);
  CHECK(handle.Flush().ok());  // nothing open, nothing to flush

  std::filesystem::remove(options.path);
  REQUIRE(handle.Get(&store).ok());
  REQUIRE(store != nullptr);
  std::shared_ptr<HistoryStore> again;
  REQUIRE(handle.Get(&again).ok());
  CHECK(again == store);
  CHECK(handle.Flush().ok());
  std::filesystem::remove_all(dir);
}

TEST_CASE("Between retries the last error is returned without reopening", "[milter][store]") {
  const std::filesystem::path dir = ScratchDir();
  const StoreOptions options = UnopenableStore(dir);
  StoreHandle handle(options, std::chrono::hours(1));
  std::shared_ptr<HistoryStore> store;
  const Status first = handle.Get(&store);
  REQUIRE_FALSE(first.ok());
  std::filesystem::remove(options.path);  // repaired, but the retry interval has not passed
  const Status second = handle.Get(&store);
  CHECK_FALSE(second.ok());
  CHECK(second.ToString() == first.ToString());
  std::filesystem::remove_all(dir);
}

TEST_CASE("A store whose directory is removed is let go and opened again once it is back",
          "[milter][store]") {
  const std::filesystem::path dir = ScratchDir();
  const std::filesystem::path state = dir / "state";
  StoreOptions options;
  options.path = state.string();
  options.local_domains = {"example.test"};
  StoreHandle handle(options, std::chrono::seconds(0));
  std::shared_ptr<HistoryStore> first;
  REQUIRE(handle.Get(&first).ok());
  HeldMessage held;
  held.queue_id = "3F2A81C2B4";
  REQUIRE(first->PutHeld(held).ok());

  // Removed, and a plain file in its place so that it cannot be recreated.
  std::filesystem::remove_all(state);
  std::ofstream(state) << "not a directory";
  std::shared_ptr<HistoryStore> gone;
  const Status removed = handle.Get(&gone);
  CHECK_FALSE(removed.ok());
  CHECK(gone == nullptr);
  // A message that had the store keeps a working one until it lets go.
  HeldMessage read;
  CHECK(first->GetHeld("3F2A81C2B4", &read).ok());
  first.reset();

  // Back (empty, as an administrator would recreate it): opened again.
  std::filesystem::remove(state);
  std::filesystem::create_directory(state);
  std::shared_ptr<HistoryStore> second;
  REQUIRE(handle.Get(&second).ok());
  CHECK(second->GetHeld("3F2A81C2B4", &read).IsNotFound());
  REQUIRE(second->PutHeld(held).ok());
  CHECK(handle.Flush().ok());
  std::filesystem::remove_all(dir);
}

// A store whose write failed on a full disk: it refuses every later write.
class RefusingStore : public test::EmptyStore {
 public:
  Status WriteRefusal() const override {
    return Status::IoError("history store write failed: No space left on device");
  }
};

TEST_CASE("A store that refuses writes is let go; while a message still holds it, Get names why",
          "[milter][store]") {
  StoreOptions options;
  options.path = ScratchDir().string();
  // The directory's lock is held while any user of the refusing store is
  // left, as RocksDB's LOCK file is; then the reopen finds it free.
  std::weak_ptr<HistoryStore> refusing;
  int opened = 0;
  auto opener = [&refusing, &opened](const StoreOptions& opening,
                                     std::unique_ptr<HistoryStore>* out) {
    if (!refusing.expired()) {
      return Status::Busy("state directory " + opening.path + " is in use by another process");
    }
    ++opened;
    if (opened == 1) {
      *out = std::make_unique<RefusingStore>();
    } else {
      *out = std::make_unique<test::EmptyStore>();
    }
    return Status::Ok();
  };
  StoreHandle handle(options, std::chrono::seconds(0), opener);
  std::shared_ptr<HistoryStore> in_flight;  // a message still writing to it
  REQUIRE(handle.Get(&in_flight).ok());
  refusing = in_flight;

  std::shared_ptr<HistoryStore> next;
  const Status refused = handle.Get(&next);
  CHECK(refused.IsIoError());
  CHECK(refused.ToString().find("No space left on device") != std::string::npos);
  CHECK(refused.ToString().find("in use by another process") == std::string::npos);
  CHECK(next == nullptr);

  // Once the last message lets it go, the directory is opened again.
  in_flight.reset();
  REQUIRE(handle.Get(&next).ok());
  CHECK(next->WriteRefusal().ok());
  CHECK(opened == 2);
  std::filesystem::remove_all(options.path);
}

// An opener that waits for the test's word before opening the real store,
// as a store replaying a long write-ahead log would keep the daemon waiting.
struct HeldBackOpener {
  std::promise<void> go;
  std::shared_future<void> gate = go.get_future().share();
  StoreHandle::Opener opener() {
    return [gate = gate](const StoreOptions& options, std::unique_ptr<HistoryStore>* out) {
      gate.wait();
      return OpenRocksDbStore(options, out);
    };
  }
};

TEST_CASE("While the store opens in the background, Get answers Busy at once and counts wait",
          "[milter][store][recovery]") {
  const std::filesystem::path dir = ScratchDir();
  StoreOptions options;
  options.path = (dir / "state").string();
  HeldBackOpener held_back;
  StoreHandle handle(options, std::chrono::seconds(5), held_back.opener());
  std::promise<Status> ended;
  handle.OpenInBackground([&ended](const Status& status, std::chrono::steady_clock::duration) {
    ended.set_value(status);
  });

  std::shared_ptr<HistoryStore> store;
  const Status opening = handle.Get(&store);
  CHECK(opening.IsBusy());
  CHECK_THAT(opening.message(), Catch::Contains("still opening"));
  CHECK(store == nullptr);
  constexpr int64_t kNow = 1700000000;  // a UTC day, then the next one
  REQUIRE(handle.AddStats({{StatsKind::kAction, kErrorTempfailAction, 2}}, kNow).ok());
  REQUIRE(handle.AddStats({{StatsKind::kAction, kErrorTempfailAction, 1}}, kNow + 86400).ok());
  CHECK(handle.Flush().ok());  // nothing open yet

  held_back.go.set_value();
  REQUIRE(ended.get_future().get().ok());
  REQUIRE(handle.Get(&store).ok());
  std::vector<StatsCount> counted;
  REQUIRE(store->ReadStats(kNow, &counted).ok());
  REQUIRE(counted.size() == 1);
  CHECK(counted[0].name == kErrorTempfailAction);
  CHECK(counted[0].count == 3);
  REQUIRE(store->ReadStats(kNow + 86400, &counted).ok());
  REQUIRE(counted.size() == 1);
  CHECK(counted[0].count == 1);
  // Once open, counts go straight to the store.
  REQUIRE(handle.AddStats({{StatsKind::kAction, kErrorTempfailAction, 4}}, kNow).ok());
  REQUIRE(store->ReadStats(kNow, &counted).ok());
  CHECK(counted[0].count == 7);
  store.reset();
  std::filesystem::remove_all(dir);
}

TEST_CASE("A message arriving within the open grace waits for the store instead of failing",
          "[milter][store][recovery]") {
  const std::filesystem::path dir = ScratchDir();
  StoreOptions options;
  options.path = (dir / "state").string();
  HeldBackOpener held_back;
  // A grace far longer than the open: Get must wait for the open, not
  // for the grace to run out.
  StoreHandle handle(options, std::chrono::seconds(5), held_back.opener(), std::chrono::hours(1));
  handle.OpenInBackground([](const Status&, std::chrono::steady_clock::duration) {});
  std::thread opener_released([&held_back] {
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
    held_back.go.set_value();
  });
  std::shared_ptr<HistoryStore> store;
  const Status got = handle.Get(&store);
  opener_released.join();
  CHECK(got.ok());
  CHECK(store != nullptr);
  store.reset();
  std::filesystem::remove_all(dir);
}

TEST_CASE("After the open grace, a message gets Busy while a long open goes on",
          "[milter][store][recovery]") {
  const std::filesystem::path dir = ScratchDir();
  StoreOptions options;
  options.path = (dir / "state").string();
  HeldBackOpener held_back;
  StoreHandle handle(options, std::chrono::seconds(5), held_back.opener(),
                     std::chrono::milliseconds(50));
  std::promise<Status> ended;
  handle.OpenInBackground([&ended](const Status& status, std::chrono::steady_clock::duration) {
    ended.set_value(status);
  });
  std::shared_ptr<HistoryStore> store;
  CHECK(handle.Get(&store).IsBusy());  // waited out the grace, the open still held back
  CHECK(store == nullptr);
  held_back.go.set_value();
  REQUIRE(ended.get_future().get().ok());
  CHECK(handle.Get(&store).ok());
  store.reset();
  std::filesystem::remove_all(dir);
}

TEST_CASE("A background open that fails is reported and retried by Get",
          "[milter][store][recovery]") {
  const std::filesystem::path dir = ScratchDir();
  const StoreOptions options = UnopenableStore(dir);
  StoreHandle handle(options, std::chrono::seconds(0));
  std::promise<Status> ended;
  handle.OpenInBackground([&ended](const Status& status, std::chrono::steady_clock::duration) {
    ended.set_value(status);
  });
  const Status failed = ended.get_future().get();
  CHECK_FALSE(failed.ok());
  CHECK_FALSE(failed.IsBusy());
  std::shared_ptr<HistoryStore> store;
  CHECK(handle.Get(&store).ToString() == failed.ToString());
  // Counted meanwhile, written by the open that works.
  REQUIRE(handle.AddStats({{StatsKind::kAction, kErrorAcceptAction, 1}}, 1700000000).ok());
  std::filesystem::remove(options.path);
  REQUIRE(handle.Get(&store).ok());
  std::vector<StatsCount> counted;
  REQUIRE(store->ReadStats(1700000000, &counted).ok());
  REQUIRE(counted.size() == 1);
  CHECK(counted[0].name == kErrorAcceptAction);
  store.reset();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rapport
