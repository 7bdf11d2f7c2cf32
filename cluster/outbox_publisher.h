#pragma once

#include <cstddef>

#include "base/status.h"
#include "cluster/cluster_options.h"
#include "cluster/redis_client.h"
#include "store/history_replica.h"

namespace rapport {

// Moves up to options.batch_events of the oldest outbox events to the
// stream, in order, in one round trip, then removes those Redis took from
// the outbox and records this node's progress in its hash. Sets
// *published to how many went out. An event is never lost: a crash after
// XADD and before the removal sends it again, and appliers skip it by its
// sequence. IoError when Redis is unreachable or refuses a command (the
// events stay in the outbox); the store's error when it fails.
Status PublishOutbox(const ClusterOptions& options, RedisClient* redis, HistoryReplica* replica,
                     size_t* published);

}  // namespace rapport
