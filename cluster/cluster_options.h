#pragma once

#include <chrono>
#include <cstdint>
#include <string>

#include "cluster/redis_client.h"
#include "config/config.h"

namespace rapport {

// How a gateway shares history with the others (docs/SCALE-OUT.md).
struct ClusterOptions {
  RedisOptions redis;
  std::string node;                     // this gateway's name, unique in the cluster
  std::string key_prefix = "rapport:";  // every Redis key used starts with it
  // Stream entries older than this many days are trimmed as new ones are
  // added (XADD MINID ~); 0 keeps them all.
  uint32_t retention_days = 0;
  size_t batch_events = 256;  // events per round trip, publishing and applying
  // How often the publisher looks at an empty outbox.
  std::chrono::milliseconds idle_poll{20};
  // How long one XREAD waits for new entries; less than redis.timeout.
  std::chrono::milliseconds read_block{500};
  // The pause after Redis or the store failed, before trying again.
  std::chrono::milliseconds retry_interval{1000};
  // How often the applier trims the stream below what every node applied.
  std::chrono::milliseconds trim_interval{10000};

  // The stream every node appends to and reads.
  std::string StreamKey() const { return key_prefix + "history"; }
  // The set of node names, and each node's hash of progress (the
  // publisher's last sequence and time, the applier's position and time).
  std::string NodesKey() const { return key_prefix + "nodes"; }
  std::string NodeKey(std::string_view name) const {
    return key_prefix + "node:" + std::string(name);
  }
};

// The [cluster] section and retention_days of `config`.
ClusterOptions ClusterOptionsFromConfig(const Config& config);

// Wall-clock milliseconds since the epoch, the unit of stream ids.
int64_t WallClockMillis();

// True when stream id `a` comes before `b` in the stream.
bool StreamIdBefore(std::string_view a, std::string_view b);

// The milliseconds part of a stream id ("<ms>-<n>"); 0 when malformed.
int64_t StreamIdMillis(std::string_view id);

}  // namespace rapport
