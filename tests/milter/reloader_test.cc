#include "milter/reloader.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
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

}  // namespace
}  // namespace rapport
