#include "cluster/cluster_status.h"

#include <algorithm>
#include <charconv>
#include <memory>

#include "cluster/redis_client.h"

namespace rapport {
namespace {

template <typename Number>
Number ParseNumber(std::string_view text) {
  Number value = 0;
  std::from_chars(text.data(), text.data() + text.size(), value);
  return value;
}

// The value of `field` in a reply of alternating fields and values (HGETALL,
// XINFO STREAM); null when absent.
const RedisReply* FieldOf(const RedisReply& pairs, std::string_view field) {
  for (size_t i = 0; i + 1 < pairs.elements.size(); i += 2) {
    if (pairs.elements[i].text == field) return &pairs.elements[i + 1];
  }
  return nullptr;
}

std::string TextOf(const RedisReply& pairs, std::string_view field) {
  const RedisReply* value = FieldOf(pairs, field);
  return value == nullptr ? std::string() : value->text;
}

// "used_memory:<bytes>" from INFO memory.
uint64_t UsedMemory(const std::string& info) {
  constexpr std::string_view kField = "used_memory:";
  const size_t at = info.find(kField);
  if (at == std::string::npos) return 0;
  const size_t start = at + kField.size();
  return ParseNumber<uint64_t>(
      std::string_view(info).substr(start, info.find('\r', start) - start));
}

}  // namespace

bool RefusesPaymentFingerprints(const std::string& local_key_id, const NodeStatus& peer) {
  return !local_key_id.empty() && !peer.payment_key_id.empty() &&
         peer.payment_key_id != local_key_id;
}

std::string RefusedPaymentKeyAdvice(const std::string& node, const std::string& peer) {
  return "node " + node + " refuses the payment fingerprints of node " + peer +
         ", made with another key (under another key a known account reads as new), and "
         "applies the rest of its events; give every node one key: `rapportctl store backup "
         "DIR` on one node, then `rapportctl cluster join DIR` on each other node, its daemon "
         "stopped";
}

Status ReadClusterStatus(const ClusterOptions& options, ClusterStatus* out) {
  std::unique_ptr<RedisClient> redis;
  Status status = RedisClient::Connect(options.redis, &redis);
  if (!status.ok()) return status;
  const std::string stream = options.StreamKey();
  std::vector<RedisReply> replies;
  status = redis->RunPipelined(
      {{"INFO", "memory"}, {"XINFO", "STREAM", stream}, {"SMEMBERS", options.NodesKey()}},
      &replies);
  if (!status.ok()) return status;
  for (const RedisReply* reply : {&replies[0], &replies[2]}) {
    if (reply->type == RedisReply::Type::kError) {
      return Status::IoError("redis " + options.redis.address + " refused: " + reply->text);
    }
  }
  ClusterStatus result;
  result.used_memory_bytes = UsedMemory(replies[0].text);
  // XINFO fails on a stream that does not exist yet: no entries.
  if (replies[1].type == RedisReply::Type::kArray) {
    if (const RedisReply* length = FieldOf(replies[1], "length")) {
      result.stream_length = static_cast<uint64_t>(length->integer);
    }
    if (result.stream_length > 0) result.last_id = TextOf(replies[1], "last-generated-id");
  }
  std::vector<std::vector<std::string_view>> reads;
  std::vector<std::string> names;
  for (const RedisReply& name : replies[2].elements) names.push_back(name.text);
  std::sort(names.begin(), names.end());
  std::vector<std::string> keys;
  for (const std::string& name : names) keys.push_back(options.NodeKey(name));
  for (const std::string& key : keys) reads.push_back({"HGETALL", key});
  status = redis->RunPipelined(reads, &replies);
  if (!status.ok()) return status;
  for (size_t i = 0; i < names.size(); ++i) {
    NodeStatus node;
    node.name = names[i];
    node.published_sequence = ParseNumber<uint64_t>(TextOf(replies[i], "published_sequence"));
    node.published_at_ms = ParseNumber<int64_t>(TextOf(replies[i], "published_at"));
    node.applied_position = TextOf(replies[i], "applied_position");
    node.applied_at_ms = ParseNumber<int64_t>(TextOf(replies[i], "applied_at"));
    node.payment_key_id = TextOf(replies[i], "payment_key_id");
    const std::string& position = node.applied_position.empty() ? "0-0" : node.applied_position;
    if (!result.last_id.empty() && StreamIdBefore(position, result.last_id)) {
      node.lag_ms = StreamIdMillis(result.last_id) - StreamIdMillis(position);
    }
    result.nodes.push_back(std::move(node));
  }
  *out = std::move(result);
  return Status::Ok();
}

}  // namespace rapport
