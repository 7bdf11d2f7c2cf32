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

}  // namespace rapport
