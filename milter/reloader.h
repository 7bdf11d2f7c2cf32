#pragma once

#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>

#include "message/tenant_platforms.h"
#include "milter/logger.h"
#include "milter/milter_metrics.h"
#include "milter/runtime.h"

namespace rapport {

// Re-reads the configuration on request, on its own thread, so that the
// thread waiting for signals is back in sigwait at once. A valid file
// replaces the Runtime for messages that start afterwards (settings fixed
// for the process's life are kept, with a warning, as is the tenant
// platform list, data/tenant_platforms.txt, read once per process); an
// invalid one, or a broken tenant platform list, is refused and logged, and
// the running configuration stays. The policy
// entries kept in the store stay with either. Requests that
// arrive during a reload are merged into one more reload. Each reload is
// counted in `metrics` by its result. The tenant platform list the
// configuration is checked with is the one at `tenant_platforms_path`
// (LoadConfig); when it differs from the one the process runs on, a reload
// logs the edit as waiting for the restart.
class ConfigReloader {
 public:
  ConfigReloader(std::string config_path, RuntimeSlot* slot, Logger* logger, MilterMetrics* metrics,
                 std::string tenant_platforms_path = DefaultTenantPlatformsPath());
  // Finishes a reload in progress, then stops the thread.
  ~ConfigReloader();
  ConfigReloader(const ConfigReloader&) = delete;
  ConfigReloader& operator=(const ConfigReloader&) = delete;

  void Request();

 private:
  void Run();
  void Reload();

  const std::string config_path_;
  const std::string tenant_platforms_path_;
  RuntimeSlot* const slot_;
  Logger* const logger_;
  MilterMetrics* const metrics_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool pending_ = false;
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace rapport
