#include "milter/store_handle.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

namespace rapport {
namespace {

std::filesystem::path ScratchDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "rapport-store-handle.XXXXXX");
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

TEST_CASE("A store that cannot open fails by status and is picked up once repaired",
          "[milter][store]") {
  const std::filesystem::path dir = ScratchDir();
  const std::filesystem::path state = dir / "state";
  // A plain file where the state directory should be: the store cannot open.
  std::ofstream(state) << "not a directory";

  StoreOptions options;
  options.path = state.string();
  options.local_domains = {"example.test"};
  StoreHandle handle(options, std::chrono::seconds(0));
  std::shared_ptr<HistoryStore> store;
  const Status broken = handle.Get(&store);
  CHECK_FALSE(broken.ok());
  CHECK(store == nullptr);
  CHECK(handle.Flush().ok());  // nothing open, nothing to flush

  std::filesystem::remove(state);
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
  const std::filesystem::path state = dir / "state";
  std::ofstream(state) << "not a directory";
  StoreOptions options;
  options.path = state.string();
  StoreHandle handle(options, std::chrono::hours(1));
  std::shared_ptr<HistoryStore> store;
  const Status first = handle.Get(&store);
  REQUIRE_FALSE(first.ok());
  std::filesystem::remove(state);  // repaired, but the retry interval has not passed
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

}  // namespace
}  // namespace rapport
