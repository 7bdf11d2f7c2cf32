#include "milter/runtime.h"

#include "admin/admin_operations.h"

namespace rapport {

Status BuildRuntime(Config config, std::vector<StoredPolicyEntry> stored_policy,
                    std::shared_ptr<const Runtime>* out) {
  std::unique_ptr<Scorer> scorer;
  const Status status = CreateScorerWithStoredPolicy(config.scoring, stored_policy, &scorer);
  if (!status.ok()) return status;
  auto runtime = std::make_shared<Runtime>();
  runtime->config = std::move(config);
  runtime->stored_policy = std::move(stored_policy);
  runtime->scorer = std::move(scorer);
  *out = std::move(runtime);
  return Status::Ok();
}

Status BuildRuntime(Config config, std::shared_ptr<const Runtime>* out) {
  return BuildRuntime(std::move(config), {}, out);
}

Status RuntimeSlot::Rebuild(const Builder& build) {
  std::lock_guard<std::mutex> lock(rebuild_mu_);
  std::shared_ptr<const Runtime> next;
  const Status status = build(*Load(), &next);
  if (status.ok()) Replace(std::move(next));
  return status;
}

Status ApplyStoredPolicy(const HistoryStore& store, RuntimeSlot* slot) {
  std::vector<StoredPolicyEntry> stored;
  const Status status = store.ListPolicyEntries(&stored);
  if (!status.ok()) return status;
  return slot->Rebuild([&](const Runtime& running, std::shared_ptr<const Runtime>* next) {
    Status built = BuildRuntime(running.config, stored, next);
    // A new scorer knows only local domains and brands as look-alike
    // targets until KnownNamesRefresher reaches it: give it the
    // correspondents before it scores. Should this read fail, the refresher
    // tries again.
    if (built.ok()) static_cast<void>((*next)->scorer->RefreshKnownNames(store));
    return built;
  });
}

std::vector<std::string> KeepRestartOnlySettings(const Config& running, Config* loaded) {
  std::vector<std::string> changed;
  auto keep = [&]<typename T>(const char* name, T Config::*field) {
    if (loaded->*field != running.*field) changed.push_back(name);
    loaded->*field = running.*field;
  };
  keep("socket", &Config::socket);
  keep("socket_mode", &Config::socket_mode);
  keep("socket_group", &Config::socket_group);
  keep("user", &Config::user);
  keep("group", &Config::group);
  keep("admin_socket", &Config::admin_socket);
  keep("metrics_listen", &Config::metrics_listen);
  keep("state_dir", &Config::state_dir);
  keep("local_domains", &Config::local_domains);
  keep("cluster", &Config::cluster);
  keep("store", &Config::store);
  loaded->scoring.local_domains = running.scoring.local_domains;
  return changed;
}

}  // namespace rapport
