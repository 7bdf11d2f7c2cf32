#include "milter/reloader.h"

#include "config/config.h"

namespace rapport {

ConfigReloader::ConfigReloader(std::string config_path, RuntimeSlot* slot, Logger* logger,
                               MilterMetrics* metrics)
    : config_path_(std::move(config_path)), slot_(slot), logger_(logger), metrics_(metrics) {
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
    const std::shared_ptr<const Runtime> running = slot_->Load();
    Config loaded;
    Status status = LoadConfig(config_path_, &loaded);
    std::shared_ptr<const Runtime> next;
    std::vector<std::string> kept;
    if (status.ok()) {
      kept = KeepRestartOnlySettings(running->config, &loaded);
      status = BuildRuntime(std::move(loaded), &next);
    }
    if (!status.ok()) {
      metrics_->CountReload(ReloadResult::kRefused);
      logger_->Error("reload refused, keeping the running configuration: " + status.ToString());
      return;
    }
    LogLevel level = LogLevel::kInfo;
    if (ParseLogLevel(next->config.log_level, &level)) logger_->SetLevel(level);
    slot_->Replace(next);
    metrics_->CountReload(ReloadResult::kApplied);
    logger_->Info("configuration reloaded from " + config_path_);
    for (const std::string& name : kept) {
      logger_->Warning("'" + name + "' changed in " + config_path_ +
                       "; it takes effect only when rapport-milter restarts");
    }
  } catch (const std::exception& e) {
    metrics_->CountReload(ReloadResult::kRefused);
    logger_->Error(std::string("reload failed, keeping the running configuration: ") + e.what());
  }
}

}  // namespace rapport
