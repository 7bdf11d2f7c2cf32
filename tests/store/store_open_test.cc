#include <rocksdb/db.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

#include "store/history_store.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

namespace fs = std::filesystem;

bool OneLine(const Status& status) {
  return !status.message().empty() && status.message().find('\n') == std::string::npos;
}

void WriteFile(const std::string& path, const std::string& content) {
  std::ofstream out(path, std::ios::binary | std::ios::trunc);
  out << content;
}

// Creates a store with a little history, then closes it.
void CreateStore(const std::string& path) {
  auto store = test::OpenOrFail(test::AcmeOptions(path));
  Message m;
  m.from = test::Address("x@vendor.example");
  test::LearnOrFail(store.get(), m, Direction::kInbound, 1000, {"ann@acme.com"});
}

Status TryOpen(const StoreOptions& options) {
  std::unique_ptr<HistoryStore> store;
  Status status = OpenRocksDbStore(options, &store);
  if (!status.ok()) REQUIRE(store == nullptr);
  return status;
}

// Runs `child` in a forked process and returns its exit code. The child
// must not touch RocksDB state shared with this process.
template <typename Child>
int InChild(Child child) {
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) _exit(child());
  int wstatus = 0;
  REQUIRE(waitpid(pid, &wstatus, 0) == pid);
  REQUIRE(WIFEXITED(wstatus));
  return WEXITSTATUS(wstatus);
}

TEST_CASE("a new state directory is created with mode 0700", "[store][open]") {
  test::TempDir dir;
  const std::string path = dir.Sub("var/lib/rapport");
  CreateStore(path);
  struct stat st;
  REQUIRE(stat(path.c_str(), &st) == 0);
  REQUIRE((st.st_mode & 0777) == 0700);
}

TEST_CASE("a second writer in this process gets Busy in one line", "[store][open]") {
  test::TempDir dir;
  auto first = test::OpenOrFail(test::AcmeOptions(dir.path()));
  const Status status = TryOpen(test::AcmeOptions(dir.path()));
  INFO(status.ToString());
  REQUIRE(status.IsBusy());
  REQUIRE(OneLine(status));
  REQUIRE(status.message().find(dir.path()) != std::string::npos);
  REQUIRE(status.message().find("rapport-milter") != std::string::npos);
}

TEST_CASE("a second writer in another process gets Busy", "[store][open]") {
  test::TempDir dir;
  auto first = test::OpenOrFail(test::AcmeOptions(dir.path()));
  const int code = InChild([&] {
    std::unique_ptr<HistoryStore> store;
    const Status status = OpenRocksDbStore(test::AcmeOptions(dir.path()), &store);
    return status.IsBusy() && OneLine(status) ? 0 : 1;
  });
  REQUIRE(code == 0);
}

TEST_CASE("a state directory that is a file, or under one, is an IoError", "[store][open]") {
  test::TempDir dir;
  const std::string file = dir.Sub("plain");
  WriteFile(file, "not a directory");
  for (const std::string& path : {file, file + "/state"}) {
    const Status status = TryOpen(test::AcmeOptions(path));
    INFO(status.ToString());
    REQUIRE(status.IsIoError());
    REQUIRE(OneLine(status));
    REQUIRE(status.message().find(path) != std::string::npos);
  }
}

TEST_CASE("a state directory this user cannot write is an IoError naming the user",
          "[store][open]") {
  test::TempDir dir;
  const std::string path = dir.Sub("state");
  CreateStore(path);
  // Root ignores file modes, so a root test run checks as "nobody" in a child.
  if (geteuid() == 0) {
    const int code = InChild([&] {
      if (setgid(65534) != 0 || setuid(65534) != 0) return 2;
      std::unique_ptr<HistoryStore> store;
      const Status status = OpenRocksDbStore(test::AcmeOptions(path), &store);
      const bool names_user = status.message().find("nobody") != std::string::npos ||
                              status.message().find("65534") != std::string::npos;
      return status.IsIoError() && OneLine(status) && names_user ? 0 : 1;
    });
    REQUIRE(code == 0);
  } else {
    REQUIRE(chmod(path.c_str(), 0500) == 0);
    const Status status = TryOpen(test::AcmeOptions(path));
    INFO(status.ToString());
    REQUIRE(status.IsIoError());
    REQUIRE(OneLine(status));
  }
}

TEST_CASE("a corrupt CURRENT file is Corruption in one line", "[store][open]") {
  test::TempDir dir;
  CreateStore(dir.path());
  WriteFile(dir.Sub("CURRENT"), "garbage\x01\x02");
  const Status status = TryOpen(test::AcmeOptions(dir.path()));
  INFO(status.ToString());
  REQUIRE(status.IsCorruption());
  REQUIRE(OneLine(status));
  REQUIRE(status.message().find(dir.path()) != std::string::npos);
  REQUIRE(status.message().find("rapportctl store check") != std::string::npos);
}

TEST_CASE("a corrupt MANIFEST is Corruption in one line", "[store][open]") {
  test::TempDir dir;
  CreateStore(dir.path());
  int corrupted = 0;
  for (const auto& entry : fs::directory_iterator(dir.path())) {
    if (entry.path().filename().string().starts_with("MANIFEST-")) {
      WriteFile(entry.path().string(), std::string(200, '\xA5'));
      ++corrupted;
    }
  }
  REQUIRE(corrupted > 0);
  const Status status = TryOpen(test::AcmeOptions(dir.path()));
  INFO(status.ToString());
  REQUIRE(status.IsCorruption());
  REQUIRE(OneLine(status));
}

void SetSchemaVersion(const std::string& path, const std::string& version) {
  test::PutRaw(path, "meta", "schema_version", version);
}

TEST_CASE("an unknown schema version is Corruption", "[store][open]") {
  test::TempDir dir;
  CreateStore(dir.path());
  SetSchemaVersion(dir.path(), GENERATE(std::string("10"), std::string("\xff\x00garbage", 9)));
  const Status status = TryOpen(test::AcmeOptions(dir.path()));
  INFO(status.ToString());
  REQUIRE(status.IsCorruption());
  REQUIRE(OneLine(status));
  REQUIRE(status.message().find("schema version") != std::string::npos);
}

TEST_CASE("damaged records read as Corruption, not a crash", "[store][open]") {
  test::TempDir dir;
  CreateStore(dir.path());
  test::PutRaw(dir.path(), "held", "Q1",
               std::string("\x01\x05"
                           "ab",
                           4));
  test::PutRaw(dir.path(), "sender_profile", "bad@vendor.example", "short");
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  HeldMessage held;
  Status status = store->GetHeld("Q1", &held);
  REQUIRE(status.IsCorruption());
  REQUIRE(status.message().find("Q1") != std::string::npos);
  std::vector<HeldMessage> all;
  REQUIRE(store->ListHeld(&all).IsCorruption());
  SenderProfile profile;
  REQUIRE(store->GetSenderProfile("bad@vendor.example", &profile).IsCorruption());
  // A damaged stored value is replaced by the next learned message rather
  // than blocking the key forever.
  Message m;
  m.from = test::Address("bad@vendor.example");
  test::LearnOrFail(store.get(), m, Direction::kInbound, 2000, {"ann@acme.com"});
  REQUIRE(store->GetSenderProfile("bad@vendor.example", &profile).ok());
  REQUIRE(profile.messages_sent == 1);
}

TEST_CASE("a RocksDB database that is not a Rapport store is refused", "[store][open]") {
  test::TempDir dir;
  {
    rocksdb::Options options;
    options.create_if_missing = true;
    rocksdb::DB* db = nullptr;
    REQUIRE(rocksdb::DB::Open(options, dir.path(), &db).ok());
    delete db;
  }
  const Status status = TryOpen(test::AcmeOptions(dir.path()));
  INFO(status.ToString());
  REQUIRE(status.IsCorruption());
  REQUIRE(OneLine(status));
}

TEST_CASE("read-only mode never creates a store", "[store][open]") {
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.Sub("missing"));
  options.mode = StoreOptions::Mode::kReadOnly;
  Status status = TryOpen(options);
  REQUIRE(status.IsNotFound());
  REQUIRE(OneLine(status));
  REQUIRE_FALSE(fs::exists(dir.Sub("missing")));
  options.path = dir.path();  // exists but holds no store
  status = TryOpen(options);
  REQUIRE(status.IsNotFound());
  REQUIRE_FALSE(fs::exists(dir.Sub("CURRENT")));
}

TEST_CASE("an empty path is refused", "[store][open]") {
  REQUIRE(TryOpen(StoreOptions()).IsInvalidArgument());
}

}  // namespace
}  // namespace rapport
