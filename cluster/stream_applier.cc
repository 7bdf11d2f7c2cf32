#include "cluster/stream_applier.h"

#include <string>
#include <vector>

namespace rapport {
namespace {

// The event field of one entry ([id, [field, value, ...]]); an entry
// without one gets an empty event, which the store counts undecodable.
StreamEntry ToStreamEntry(const RedisReply& entry) {
  StreamEntry out;
  if (entry.type != RedisReply::Type::kArray || entry.elements.size() != 2) return out;
  out.id = entry.elements[0].text;
  const std::vector<RedisReply>& fields = entry.elements[1].elements;
  for (size_t i = 0; i + 1 < fields.size(); i += 2) {
    if (fields[i].text == "e") {
      out.event = fields[i + 1].text;
      break;
    }
  }
  return out;
}

}  // namespace

Status ApplyStream(const ClusterOptions& options, RedisClient* redis, HistoryReplica* replica,
                   ApplyOutcome* outcome) {
  *outcome = ApplyOutcome();
  std::string position;
  Status status = replica->GetStreamPosition(&position);
  if (!status.ok()) return status;
  const std::string stream = options.StreamKey();
  const std::string count = std::to_string(options.batch_events);
  const std::string block = std::to_string(options.read_block.count());
  RedisReply reply;
  status =
      redis->Run({"XREAD", "COUNT", count, "BLOCK", block, "STREAMS", stream, position}, &reply);
  if (!status.ok()) return status;
  if (reply.type == RedisReply::Type::kError) {
    return Status::IoError("redis refused XREAD of " + stream + ": " + reply.text);
  }
  // Nil: nothing new within the block. Else [[stream, [entry, ...]]].
  if (reply.type != RedisReply::Type::kArray || reply.elements.empty()) return Status::Ok();
  const RedisReply& streams = reply.elements.front();
  if (streams.type != RedisReply::Type::kArray || streams.elements.size() != 2) {
    return Status::IoError("redis answered XREAD of " + stream + " with an unexpected shape");
  }
  std::vector<StreamEntry> entries;
  for (const RedisReply& entry : streams.elements[1].elements) {
    entries.push_back(ToStreamEntry(entry));
    if (entries.back().id.empty()) {
      return Status::IoError("redis answered XREAD of " + stream + " with an entry without id");
    }
  }
  if (entries.empty()) return Status::Ok();
  status = replica->ApplyStreamEntries(entries, outcome);
  if (!status.ok()) return status;
  const std::string now = std::to_string(WallClockMillis());
  std::vector<RedisReply> replies;
  return redis->RunPipelined({{"HSET", options.NodeKey(options.node), "applied_position",
                               entries.back().id, "applied_at", now},
                              {"SADD", options.NodesKey(), options.node}},
                             &replies);
}

Status TrimStream(const ClusterOptions& options, RedisClient* redis, uint64_t* trimmed) {
  *trimmed = 0;
  RedisReply nodes;
  Status status = redis->Run({"SMEMBERS", options.NodesKey()}, &nodes);
  if (!status.ok()) return status;
  if (nodes.type != RedisReply::Type::kArray || nodes.elements.empty()) return Status::Ok();
  std::vector<std::string> keys;
  for (const RedisReply& node : nodes.elements) keys.push_back(options.NodeKey(node.text));
  std::vector<std::vector<std::string_view>> reads;
  for (const std::string& key : keys) reads.push_back({"HGET", key, "applied_position"});
  std::vector<RedisReply> positions;
  status = redis->RunPipelined(reads, &positions);
  if (!status.ok()) return status;
  std::string lowest;
  for (const RedisReply& position : positions) {
    if (position.type != RedisReply::Type::kString) return Status::Ok();  // has applied nothing
    if (lowest.empty() || StreamIdBefore(position.text, lowest)) lowest = position.text;
  }
  RedisReply reply;
  status = redis->Run({"XTRIM", options.StreamKey(), "MINID", lowest}, &reply);
  if (!status.ok()) return status;
  if (reply.type == RedisReply::Type::kError) {
    return Status::IoError("redis refused XTRIM of " + options.StreamKey() + ": " + reply.text);
  }
  *trimmed = static_cast<uint64_t>(reply.integer);
  return Status::Ok();
}

}  // namespace rapport
