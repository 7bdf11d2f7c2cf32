#include "cluster/outbox_publisher.h"

#include <string>
#include <vector>

#include "base/clock.h"
#include "store/history_event.h"

namespace rapport {
namespace {

constexpr int64_t kMillisPerDay = kSecondsPerDay * 1000;

}  // namespace

Status PublishOutbox(const ClusterOptions& options, RedisClient* redis, HistoryReplica* replica,
                     size_t* published) {
  *published = 0;
  std::vector<OutboxEvent> events;
  Status status = replica->ReadOutbox(options.batch_events, &events);
  if (!status.ok() || events.empty()) return status;

  const std::string stream = options.StreamKey();
  const int64_t now = WallClockMillis();
  const std::string min_id = std::to_string(
      options.retention_days == 0 ? 0 : now - options.retention_days * kMillisPerDay);
  std::vector<std::vector<std::string_view>> commands;
  commands.reserve(events.size() + 2);
  for (const OutboxEvent& event : events) {
    if (options.retention_days == 0) {
      commands.push_back({"XADD", stream, "*", "e", event.bytes});
    } else {
      commands.push_back({"XADD", stream, "MINID", "~", min_id, "*", "e", event.bytes});
    }
  }
  const std::string node_key = options.NodeKey(options.node);
  const std::string last_sequence = std::to_string(events.back().sequence);
  const std::string now_text = std::to_string(now);
  // The key id lets `rapportctl cluster status` on each node name the peers
  // whose payment fingerprints it refuses (RefusesPaymentFingerprints).
  const std::string payment_key_id = replica->PaymentKeyIdOfStore();
  commands.push_back({"HSET", node_key, "published_sequence", last_sequence, "published_at",
                      now_text, "payment_key_id", payment_key_id});
  commands.push_back({"SADD", options.NodesKey(), options.node});
  std::vector<RedisReply> replies;
  status = redis->RunPipelined(commands, &replies);
  if (!status.ok()) return status;

  // Redis applies pipelined commands in order: those before the first
  // refusal are in the stream.
  size_t taken = 0;
  std::string refusal;
  for (; taken < events.size(); ++taken) {
    if (replies[taken].type != RedisReply::Type::kString) {
      refusal = replies[taken].text;
      break;
    }
  }
  if (taken > 0) {
    status = replica->RemoveFromOutbox(events[taken - 1].sequence);
    if (!status.ok()) return status;
    *published = taken;
  }
  if (!refusal.empty() || taken < events.size()) {
    return Status::IoError("redis refused XADD to " + stream + ": " + refusal);
  }
  return Status::Ok();
}

}  // namespace rapport
