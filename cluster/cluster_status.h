#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"
#include "cluster/cluster_options.h"

namespace rapport {

// One node as Redis knows it, from the hash its publisher and applier keep.
struct NodeStatus {
  std::string name;
  uint64_t published_sequence = 0;  // its last event in the stream
  int64_t published_at_ms = 0;      // when it published last; 0: never
  std::string applied_position;     // the last stream id it applied; empty: none yet
  int64_t applied_at_ms = 0;
  // How far its position is behind the stream's last entry, in the
  // milliseconds of their ids: 0 when it has applied everything.
  int64_t lag_ms = 0;
};

// The shared side of a cluster (rapportctl cluster status).
struct ClusterStatus {
  uint64_t used_memory_bytes = 0;  // Redis INFO memory
  uint64_t stream_length = 0;      // entries in the stream now
  std::string last_id;             // the stream's last entry; empty when it has none
  std::vector<NodeStatus> nodes;   // by name
};

// Reads the stream, every node's hash and Redis's memory into *out.
// IoError, one line naming the address, when Redis is unreachable or
// refuses (a wrong password).
Status ReadClusterStatus(const ClusterOptions& options, ClusterStatus* out);

}  // namespace rapport
