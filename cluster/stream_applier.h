#pragma once

#include "base/status.h"
#include "cluster/cluster_options.h"
#include "cluster/redis_client.h"
#include "store/history_replica.h"

namespace rapport {

// Reads the stream after the store's position (waiting up to
// options.read_block for new entries), applies up to options.batch_events
// entries to the store in one atomic write with the new position (see
// HistoryReplica::ApplyStreamEntries), and records this node's position in
// its hash. *outcome says what became of the entries; it is empty when
// none came. IoError when Redis is unreachable or refuses the read
// (nothing is applied); the store's error when it fails.
Status ApplyStream(const ClusterOptions& options, RedisClient* redis, HistoryReplica* replica,
                   ApplyOutcome* outcome);

}  // namespace rapport
