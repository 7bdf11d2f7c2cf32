#include "cluster/cluster_options.h"

#include <charconv>

namespace rapport {

ClusterOptions ClusterOptionsFromConfig(const Config& config) {
  ClusterOptions options;
  options.redis.address = config.cluster.redis;
  options.redis.password = config.cluster.password;
  options.node = config.cluster.node;
  options.key_prefix = config.cluster.key_prefix;
  options.retention_days = static_cast<uint32_t>(config.retention_days);
  return options;
}

int64_t WallClockMillis() {
  return std::chrono::duration_cast<std::chrono::milliseconds>(
             std::chrono::system_clock::now().time_since_epoch())
      .count();
}

int64_t StreamIdMillis(std::string_view id) {
  int64_t millis = 0;
  const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), millis);
  return error == std::errc() && (end == id.data() + id.size() || *end == '-') ? millis : 0;
}

}  // namespace rapport
