#include "cluster/cluster_options.h"

#include <algorithm>
#include <charconv>
#include <utility>

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

bool StreamIdBefore(std::string_view a, std::string_view b) {
  const auto split = [](std::string_view id) {
    const size_t dash = std::min(id.find('-'), id.size());
    uint64_t millis = 0;
    uint64_t sequence = 0;
    std::from_chars(id.data(), id.data() + dash, millis);
    if (dash < id.size()) std::from_chars(id.data() + dash + 1, id.data() + id.size(), sequence);
    return std::pair(millis, sequence);
  };
  return split(a) < split(b);
}

int64_t StreamIdMillis(std::string_view id) {
  int64_t millis = 0;
  const auto [end, error] = std::from_chars(id.data(), id.data() + id.size(), millis);
  return error == std::errc() && (end == id.data() + id.size() || *end == '-') ? millis : 0;
}

}  // namespace rapport
