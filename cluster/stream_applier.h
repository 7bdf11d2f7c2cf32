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

// Trims the stream below the position every node in the cluster has
// applied (XTRIM MINID), so that it holds what the slowest node has still
// to read; XADD's MINID by retention_days caps it for a node that never
// comes back. Sets *trimmed to the entries removed. Nothing is trimmed while
// a known node has applied nothing. IoError when Redis fails.
Status TrimStream(const ClusterOptions& options, RedisClient* redis, uint64_t* trimmed);

}  // namespace rapport
