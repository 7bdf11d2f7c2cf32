#include "milter/reloader.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>

namespace rapport {
namespace {

// Waits, without a time limit of its own (ctest's applies), until
// `reloads` of `result` were counted.
void WaitForReloads(const MilterMetrics& metrics, ReloadResult result, uint64_t reloads) {
  while (metrics.Snapshot().reloads[static_cast<int>(result)] < reloads) {
    std::this_thread::sleep_for(std::chrono::milliseconds(1));
  }
}

TEST_CASE("Reloads are counted by result, and the counters outlive the Runtime they replace",
          "[milter][reload][metrics]") {
  char name[] = "/tmp/rapport-reload-XXXXXX";
  const int fd = mkstemp(name);
  REQUIRE(fd >= 0);
  close(fd);
  const std::string path = name;
  std::ofstream(path) << "subject_tag = [FIRST]\n";

  Config initial;
  StoredPolicyEntry kept;
  kept.list = "trusted_domains";
  kept.entry = "partner.test";
  std::shared_ptr<const Runtime> runtime;
  REQUIRE(BuildRuntime(initial, {kept}, &runtime).ok());
  RuntimeSlot slot(runtime);
  Logger logger(LogSink::kStderr, "reloader_test");
  MilterMetrics metrics({});
  metrics.CountMessage(Route::kInbound, Action::kAccept);
  {
    ConfigReloader reloader(path, &slot, &logger, &metrics);
    reloader.Request();
    WaitForReloads(metrics, ReloadResult::kApplied, 1);
    CHECK(slot.Load()->config.subject_tag == "[FIRST]");
    // The entries kept in the store are not the file's to drop.
    REQUIRE(slot.Load()->stored_policy.size() == 1);
    CHECK(slot.Load()->stored_policy[0].entry == "partner.test");

    std::ofstream(path) << "subject_tag = [SECOND]\ntreshold = 3\n";
    reloader.Request();
    WaitForReloads(metrics, ReloadResult::kRefused, 1);
    CHECK(slot.Load()->config.subject_tag == "[FIRST]");
  }
  const MetricsSnapshot snapshot = metrics.Snapshot();
  CHECK(snapshot.reloads[static_cast<int>(ReloadResult::kApplied)] == 1);
  CHECK(snapshot.reloads[static_cast<int>(ReloadResult::kRefused)] == 1);
  CHECK(snapshot.messages[0][0] == 1);  // what was counted before the reloads stays
  std::remove(path.c_str());
}

// Sends what this process writes to stderr to a file while it lives, so that
// the Logger's lines can be read back.
class StderrCapture {
 public:
  StderrCapture() {
    char name[] = "/tmp/rapport-reload-log-XXXXXX";
    const int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    path_ = name;
    std::fflush(stderr);
    saved_ = dup(STDERR_FILENO);
    REQUIRE(dup2(fd, STDERR_FILENO) >= 0);
    close(fd);
  }
  ~StderrCapture() {
    std::fflush(stderr);
    dup2(saved_, STDERR_FILENO);
    close(saved_);
    std::remove(path_.c_str());
  }
  std::string Text() const {
    std::fflush(stderr);
    std::stringstream text;
    text << std::ifstream(path_).rdbuf();
    return text.str();
  }

 private:
  std::string path_;
  int saved_ = -1;
};

TEST_CASE("A reload says that an edited tenant platform list waits for the restart",
          "[milter][reload]") {
  char config_name[] = "/tmp/rapport-reload-XXXXXX";
  const int config_fd = mkstemp(config_name);
  REQUIRE(config_fd >= 0);
  close(config_fd);
  const std::string config_path = config_name;
  std::ofstream(config_path) << "subject_tag = [R]\n";
  char list_name[] = "/tmp/rapport-platforms-XXXXXX";
  const int list_fd = mkstemp(list_name);
  REQUIRE(list_fd >= 0);
  close(list_fd);
  const std::string list_path = list_name;
  {
    std::ifstream shipped(DefaultTenantPlatformsPath());
    REQUIRE(shipped.good());
    std::ofstream(list_path) << shipped.rdbuf();
  }

  std::shared_ptr<const Runtime> runtime;
  REQUIRE(BuildRuntime(Config(), {}, &runtime).ok());
  RuntimeSlot slot(runtime);
  Logger logger(LogSink::kStderr, "reloader_test");
  MilterMetrics metrics({});
  const std::string warning = list_path + " changed; it takes effect only when";
  StderrCapture log;
  // Each reloader's lines are all written once it is gone (its thread
  // joined): the metrics count a reload before its lines are logged.
  {
    ConfigReloader reloader(config_path, &slot, &logger, &metrics, list_path);
    reloader.Request();
    WaitForReloads(metrics, ReloadResult::kApplied, 1);
  }
  CHECK(log.Text().find("configuration reloaded") != std::string::npos);
  CHECK(log.Text().find(warning) == std::string::npos);  // the same list as running

  std::ofstream(list_path, std::ios::app) << "newly-listed-platform.test\n";
  {
    ConfigReloader reloader(config_path, &slot, &logger, &metrics, list_path);
    reloader.Request();
    WaitForReloads(metrics, ReloadResult::kApplied, 2);
  }
  CHECK(log.Text().find(warning) != std::string::npos);
  std::remove(config_path.c_str());
  std::remove(list_path.c_str());
}

}  // namespace
}  // namespace rapport
