#include "milter/reloader.h"

#include "config/config.h"

namespace rapport {

ConfigReloader::ConfigReloader(std::string config_path, RuntimeSlot* slot, Logger* logger,
                               MilterMetrics* metrics, std::string tenant_platforms_path)
    : config_path_(std::move(config_path)),
      tenant_platforms_path_(std::move(tenant_platforms_path)),
      slot_(slot),
      logger_(logger),
      metrics_(metrics) {
  thread_ = std::thread([this] { Run(); });
}

ConfigReloader::~ConfigReloader() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_one();
  thread_.join();
}

void ConfigReloader::Request() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    pending_ = true;
  }
  wake_.notify_one();
}

void ConfigReloader::Run() {
  std::unique_lock<std::mutex> lock(mutex_);
  for (;;) {
    wake_.wait(lock, [this] { return pending_ || stopping_; });
    if (stopping_) return;
    pending_ = false;
    lock.unlock();
    Reload();
    lock.lock();
  }
}

void ConfigReloader::Reload() {
  try {
    std::vector<std::string> kept;
    bool platforms_edited = false;
    const Status status =
        slot_->Rebuild([&](const Runtime& running, std::shared_ptr<const Runtime>* next) {
          Config loaded;
          const Status read = LoadConfig(config_path_, &loaded, tenant_platforms_path_);
          if (!read.ok()) return read;
          kept = KeepRestartOnlySettings(running.config, &loaded);
          platforms_edited = loaded.tenant_platforms_edited;
          return BuildRuntime(std::move(loaded), running.stored_policy, next);
        });
    if (!status.ok()) {
      metrics_->CountReload(ReloadResult::kRefused);
      logger_->Error("reload refused, keeping the running configuration: " + status.ToString());
      return;
    }
    LogLevel level = LogLevel::kInfo;
    if (ParseLogLevel(slot_->Load()->config.log_level, &level)) logger_->SetLevel(level);
    metrics_->CountReload(ReloadResult::kApplied);
    logger_->Info("configuration reloaded from " + config_path_);
    for (const std::string& name : kept) {
      logger_->Warning("'" + name + "' changed in " + config_path_ +
                       "; it takes effect only when rapport-milter restarts");
    }
    // LoadConfig checked the list: it refused a broken one above; a mended
    // or edited one is read only at the start, as every link's owner rests
    // on it.
    if (platforms_edited) {
      logger_->Warning(tenant_platforms_path_ +
                       " changed; it takes effect only when rapport-milter restarts");
    }
  } catch (const std::exception& e) {
    metrics_->CountReload(ReloadResult::kRefused);
    logger_->Error(std::string("reload failed, keeping the running configuration: ") + e.what());
  }
}

}  // namespace rapport
