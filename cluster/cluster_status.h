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
  // PaymentKeyId() of the key it fingerprints payment coordinates with, as
  // its publisher last wrote it; empty before that or before it had a key.
  std::string payment_key_id;
};

// True when a node whose store's key id is `local_key_id` refuses `peer`'s
// payment fingerprints: both have a key and the keys differ, so under this
// node's key the peer's known accounts would read as new (the applier
// leaves them out and applies the rest of each event).
bool RefusesPaymentFingerprints(const std::string& local_key_id, const NodeStatus& peer);

// One line, for the applier's log and for cluster status: `node` refuses
// `peer`'s payment fingerprints and how to give every node one key. The
// one home of this advice.
std::string RefusedPaymentKeyAdvice(const std::string& node, const std::string& peer);

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
