// rapportctl stats and store: the reports, and the store operations over
// the admin socket as they run beside the daemon.

#include <pwd.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>

#include "admin/admin_client.h"
#include "admin/admin_server.h"
#include "base/privileges.h"
#include "cli/held_mta.h"
#include "cli/ops_report.h"
#include "store/rocksdb_history_store.h"
#include "tests/cli/admin_daemon.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

constexpr int64_t kNow = 1700000000;  // 2023-11-14 22:13:20 UTC

StatsReport SampleReport() {
  StatsReport report;
  report.since = kNow - 7 * 86400;
  report.counts = {
      {StatsKind::kRoute, "inbound", 20},    {StatsKind::kRoute, "outbound", 5},
      {StatsKind::kAction, "accept", 15},    {StatsKind::kAction, "tag", 2},
      {StatsKind::kAction, "hold", 3},       {StatsKind::kHeld, "held", 3},
      {StatsKind::kHeld, "released", 1},     {StatsKind::kSignal, "FIRST_CONTACT", 10},
      {StatsKind::kSignal, "IMAGE_LINK", 5}, {StatsKind::kScore, "0", 120},
      {StatsKind::kScore, "40", 30},         {StatsKind::kScore, "100", 1},
      {StatsKind::kCluster, "published", 7}, {StatsKind::kCluster, "failures", 1},
  };
  report.store.path = "/var/lib/rapport";
  report.store.schema_version = "1";
  report.store.families = {{"relationship", 1234, 4096}, {"held", 3, 512}};
  report.store.sst_bytes = 4608;
  report.store.wal_bytes = 2 * 1024 * 1024;
  return report;
}

TEST_CASE("the stats report as JSON names every counter and the histogram", "[stats][report]") {
  const nlohmann::json json = StatsReportToJson(SampleReport());
  CHECK(json["since"] == "2023-11-07");
  CHECK(json["messages"]["inbound"] == 20);
  CHECK(json["messages"]["outbound"] == 5);
  CHECK(json["messages"]["transit"] == 0);
  CHECK(json["messages"]["internal"] == 0);  // mail between colleagues, scored apart
  CHECK(json["actions"]["hold"] == 3);
  CHECK(json["actions"]["reject"] == 0);
  CHECK(json["actions"]["error_accept"] == 0);
  CHECK(json["held"]["released"] == 1);
  CHECK(json["held"]["reported"] == 0);
  CHECK(json["cluster"]["published"] == 7);
  CHECK(json["cluster"]["applied"] == 0);
  CHECK(json["cluster"]["failures"] == 1);
  REQUIRE(json["signals"].size() == 2);
  CHECK(json["signals"][0]["name"] == "FIRST_CONTACT");
  CHECK(json["signals"][0]["count"] == 10);
  CHECK(json["signals"][0]["share"].get<double>() == Approx(0.5));
  CHECK(json["signals"][1]["name"] == "IMAGE_LINK");
  REQUIRE(json["score_histogram"].size() == kScoreBuckets);
  CHECK(json["score_histogram"][0] == nlohmann::json({{"from", 0}, {"to", 9}, {"count", 120}}));
  CHECK(json["score_histogram"][4]["count"] == 30);
  CHECK(json["score_histogram"][10] == nlohmann::json({{"from", 100}, {"to", 100}, {"count", 1}}));
  CHECK(json["store"]["families"][0]["keys"] == 1234);
  CHECK(json["store"]["wal_bytes"] == 2 * 1024 * 1024);
}

TEST_CASE("the stats report draws the histogram with bars scaled to the largest",
          "[stats][report]") {
  const std::string text = FormatStatsReport(SampleReport());
  INFO(text);
  CHECK_THAT(text, Catch::Contains("since 2023-11-07"));
  CHECK_THAT(text, Catch::Contains("inbound 20  outbound 5  internal 0  transit 0"));
  CHECK_THAT(text, Catch::Contains("held 3  released 1  deleted 0  reported 0"));
  CHECK_THAT(text, Catch::Contains("published 7  applied 0  undecodable 0  failures 1"));
  CHECK_THAT(text, Catch::Contains("FIRST_CONTACT") && Catch::Contains("50.0%"));
  // 120 is the largest bucket: a full bar; 30 is a quarter of it; 1 still shows.
  CHECK_THAT(text, Catch::Contains("0-9 |" + std::string(kHistogramWidth, '#') + " 120"));
  CHECK_THAT(text, Catch::Contains("40-49 |" + std::string(kHistogramWidth / 4, '#') +
                                   std::string(kHistogramWidth * 3 / 4, ' ') + " 30"));
  CHECK_THAT(text, Catch::Contains("100 |#" + std::string(kHistogramWidth - 1, ' ') + " 1"));
  CHECK_THAT(text, Catch::Contains("10-19 |" + std::string(kHistogramWidth, ' ') + " 0"));
  CHECK_THAT(text, Catch::Contains("4.5 KiB in tables, 2.0 MiB write-ahead log"));
  CHECK_THAT(text, Catch::Contains("relationship") && Catch::Contains("1234"));
}

TEST_CASE("an empty window draws an empty histogram", "[stats][report]") {
  StatsReport report;
  report.since = kNow;
  const std::string text = FormatStatsReport(report);
  CHECK_THAT(text, Catch::Contains("(none)"));
  CHECK(text.find('#') == std::string::npos);
}

TEST_CASE("sizes read in binary units", "[stats][report]") {
  CHECK(FormatBytes(812) == "812 B");
  CHECK(FormatBytes(4096) == "4.0 KiB");
  CHECK(FormatBytes(3u << 30) == "3.0 GiB");
}

using Daemon = test::AdminDaemon;

TEST_CASE("compact, check and backup run through the daemon's socket", "[store][admin]") {
  Daemon daemon;
  REQUIRE(daemon.store->AddStats({{StatsKind::kRoute, "inbound"}}, kNow).ok());
  std::unique_ptr<AdminOperations> client;
  REQUIRE(ConnectAdmin(daemon.path, &client).ok());

  StoreReport report;
  REQUIRE(client->CompactStore(&report).ok());
  CHECK(report.path == daemon.dir.Sub("state"));
  CHECK(report.schema_version == "9");
  REQUIRE(client->CheckStore(&report).ok());
  CHECK(report.families.size() == RocksDbHistoryStore::kFamilyNames.size());
  CHECK(report.sst_bytes > 0);

  const std::string backup = daemon.dir.Sub("backup");
  REQUIRE(client->BackupStore(backup).ok());
  CHECK(std::filesystem::exists(backup + "/CURRENT"));
  const Status again = client->BackupStore(backup);
  CHECK(again.IsInvalidArgument());
  CHECK_THAT(again.message(), Catch::Contains("not empty"));
}

TEST_CASE("a held record's outcome is counted in the day's stats", "[stats][admin]") {
  Daemon daemon;
  HeldMessage held;
  held.queue_id = "3F2A81C2B4";
  held.received_at = kNow;
  REQUIRE(daemon.store->PutHeld(held).ok());
  std::unique_ptr<AdminOperations> client;
  REQUIRE(ConnectAdmin(daemon.path, &client).ok());
  REQUIRE(client->SetHeldStatus("3F2A81C2B4", HeldStatus::kReported, kNow).ok());
  // Refused transitions count nothing.
  REQUIRE_FALSE(client->SetHeldStatus("3F2A81C2B4", HeldStatus::kReleased, kNow).ok());
  std::vector<StatsCount> counts;
  REQUIRE(daemon.store->ReadStats(kNow, &counts).ok());
  REQUIRE(counts.size() == 1);
  CHECK(counts[0].kind == StatsKind::kHeld);
  CHECK(counts[0].name == "reported");
  CHECK(counts[0].count == 1);
}

// Gives `dir` to user nobody, then runs `child(nobody's uid)` in a forked
// process (privilege changes are for good) and returns its exit code.
template <typename Child>
int InChildWithDirOfNobody(const std::string& dir, Child child) {
  const passwd* nobody = getpwnam("nobody");
  REQUIRE(nobody != nullptr);
  const uid_t nobody_uid = nobody->pw_uid;
  REQUIRE(chown(dir.c_str(), nobody_uid, nobody->pw_gid) == 0);
  const pid_t pid = fork();
  REQUIRE(pid >= 0);
  if (pid == 0) _exit(child(nobody_uid));
  int wstatus = 0;
  REQUIRE(waitpid(pid, &wstatus, 0) == pid);
  REQUIRE(WIFEXITED(wstatus));
  return WEXITSTATUS(wstatus);
}

TEST_CASE("run as root, rapportctl becomes the owner of the state directory",
          "[store][privileges]") {
  test::TempDir dir;
  if (geteuid() != 0) {
    // Not root: nothing to drop, nothing changes.
    REQUIRE(DropToOwnerOf(dir.path()).ok());
    CHECK(geteuid() == getuid());
    return;
  }
  // In a child, since the drop is for good.
  CHECK(InChildWithDirOfNobody(dir.path(), [&](uid_t nobody_uid) {
          return DropToOwnerOf(dir.path()).ok() && geteuid() == nobody_uid &&
                         getuid() == nobody_uid && setuid(0) != 0
                     ? 0
                     : 1;
        }) == 0);
  // A root-owned directory keeps root.
  REQUIRE(DropToOwnerOf("/").ok());
  CHECK(geteuid() == 0);
}

TEST_CASE("run as root, rapportctl held writes as the owner and runs MTA commands as root",
          "[store][privileges]") {
  test::TempDir dir;
  if (geteuid() != 0) {
    REQUIRE(ActAsOwnerOf(dir.path()).ok());
    CHECK(geteuid() == getuid());
    return;
  }
  CHECK(InChildWithDirOfNobody(dir.path(), [&](uid_t nobody_uid) {
          if (!ActAsOwnerOf(dir.path()).ok() || geteuid() != 0 ||
              static_cast<uid_t>(setfsuid(-1)) != nobody_uid) {
            return 1;
          }
          // What a direct open of the store creates belongs to the owner...
          std::unique_ptr<HistoryStore> store;
          if (!OpenRocksDbStore(test::AcmeOptions(dir.Sub("state")), &store).ok()) return 2;
          store.reset();
          for (const auto& entry : std::filesystem::recursive_directory_iterator(dir.path())) {
            struct stat st;
            if (lstat(entry.path().c_str(), &st) != 0 || st.st_uid != nobody_uid) return 3;
          }
          // ...while an MTA command runs as root.
          std::string output;
          if (!RunCommand({"id", "-u"}, &output).ok() || output != "0\n") return 4;
          return 0;
        }) == 0);
}

}  // namespace
}  // namespace rapport
