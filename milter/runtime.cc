#include "milter/runtime.h"

namespace rapport {

Status BuildRuntime(Config config, std::shared_ptr<const Runtime>* out) {
  std::unique_ptr<Scorer> scorer;
  Status status = Scorer::Create(config.scoring, &scorer);
  if (!status.ok()) return status;
  auto runtime = std::make_shared<Runtime>();
  runtime->config = std::move(config);
  runtime->scorer = std::move(scorer);
  *out = std::move(runtime);
  return Status::Ok();
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
  loaded->scoring.local_domains = running.scoring.local_domains;
  return changed;
}

}  // namespace rapport
