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
  HistoryStore* store = nullptr;
  const Status broken = handle.Get(&store);
  CHECK_FALSE(broken.ok());
  CHECK(store == nullptr);
  CHECK(handle.Flush().ok());  // nothing open, nothing to flush

  std::filesystem::remove(state);
  REQUIRE(handle.Get(&store).ok());
  REQUIRE(store != nullptr);
  HistoryStore* again = nullptr;
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
  HistoryStore* store = nullptr;
  const Status first = handle.Get(&store);
  REQUIRE_FALSE(first.ok());
  std::filesystem::remove(state);  // repaired, but the retry interval has not passed
  const Status second = handle.Get(&store);
  CHECK_FALSE(second.ok());
  CHECK(second.ToString() == first.ToString());
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rapport
