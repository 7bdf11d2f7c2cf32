// rapportctl cluster status|join: the gateways that share history through
// Redis (docs/SCALE-OUT.md).

#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <filesystem>
#include <nlohmann/json.hpp>

#include "base/privileges.h"
#include "cli/command.h"
#include "cli/format.h"
#include "cli/store_access.h"
#include "cluster/cluster_status.h"

namespace rapport {
namespace {

using nlohmann::json;

constexpr const char* kUsage =
    "usage: rapportctl cluster status [--json]   every node, its last event and lag; the outbox\n"
    "       rapportctl cluster join BACKUP_DIR   start this node's store from another node's\n"
    "                                            `rapportctl store backup` (daemon stopped)";

int Usage(const CliContext& context) {
  *context.err << kUsage << "\n";
  return kExitUsage;
}

std::string FormatMillis(int64_t millis) { return FormatTime(millis / 1000); }

json NodeToJson(const NodeStatus& node, const ReplicaState& local) {
  json out = {{"node", node.name},
              {"published_sequence", node.published_sequence},
              {"last_event", FormatMillis(node.published_at_ms)},
              {"applied_position", node.applied_position},
              {"applied_at", FormatMillis(node.applied_at_ms)},
              {"lag_ms", node.lag_ms},
              {"payment_key_id", node.payment_key_id},
              {"payment_fingerprints_refused_here", false}};
  if (RefusesPaymentFingerprints(local.payment_key_id, node)) {
    out["payment_fingerprints_refused_here"] = true;
    out["fix"] = RefusedPaymentKeyAdvice(local.node, node.name);
  }
  return out;
}

int ShowStatus(const CliContext& context) {
  const Config& config = context.config;
  std::unique_ptr<HistoryStore> store;
  Status status = OpenHistory(config, StoreUse::kRead, &store);
  ReplicaState local;
  if (status.ok()) status = store->replica()->DescribeReplica(&local);
  if (!status.ok()) return Fail(context, status.message());

  ClusterStatus shared;
  const Status reached = ReadClusterStatus(ClusterOptionsFromConfig(config), &shared);
  if (context.json) {
    json nodes = json::array();
    for (const NodeStatus& node : shared.nodes) nodes.push_back(NodeToJson(node, local));
    json redis = {{"address", config.cluster.redis}, {"reachable", reached.ok()}};
    if (reached.ok()) {
      redis["used_memory_bytes"] = shared.used_memory_bytes;
      redis["stream_length"] = shared.stream_length;
      redis["last_id"] = shared.last_id;
    } else {
      redis["error"] = reached.message();
    }
    *context.out << json({{"node", local.node},
                          {"payment_key_id", local.payment_key_id},
                          {"outbox_length", local.outbox_length},
                          {"stream_position", local.stream_position},
                          {"redis", std::move(redis)},
                          {"nodes", std::move(nodes)}})
                        .dump(2)
                 << "\n";
  } else {
    std::string text = "this node " + local.node + ": " + std::to_string(local.outbox_length) +
                       " event(s) in the outbox, stream position " + local.stream_position +
                       ", payment key id " +
                       (local.payment_key_id.empty() ? "-" : local.payment_key_id) + "\n";
    if (reached.ok()) {
      text += "redis " + config.cluster.redis + ": reachable, " +
              std::to_string(shared.used_memory_bytes) + " bytes used, stream of " +
              std::to_string(shared.stream_length) + " entries, last " +
              (shared.last_id.empty() ? "-" : shared.last_id) + "\n";
      for (const NodeStatus& node : shared.nodes) {
        text += "  " + node.name + ": last event " + FormatMillis(node.published_at_ms) +
                " (sequence " + std::to_string(node.published_sequence) + "), applied " +
                (node.applied_position.empty() ? "-" : node.applied_position) + ", lag " +
                std::to_string(node.lag_ms) + " ms, payment key id " +
                (node.payment_key_id.empty() ? "-" : node.payment_key_id) + "\n";
        if (RefusesPaymentFingerprints(local.payment_key_id, node)) {
          text += "    REFUSED: " + RefusedPaymentKeyAdvice(local.node, node.name) + "\n";
        }
      }
    } else {
      text += "redis " + config.cluster.redis + ": UNREACHABLE: " + reached.message() + "\n";
    }
    *context.out << text;
  }
  return reached.ok() ? kExitOk : kExitFailure;
}

// Copies the backup into the (new or empty) state directory as the
// backup's owner, which is the daemon's user when the daemon wrote it.
Status CopyBackup(const std::string& backup, const std::string& state_dir) {
  std::error_code ec;
  if (!std::filesystem::exists(backup + "/CURRENT", ec)) {
    return Status::InvalidArgument(backup +
                                   " is not a store backup (no CURRENT file); make one "
                                   "with `rapportctl store backup DIR` on a running node");
  }
  if (std::filesystem::exists(state_dir, ec) && !std::filesystem::is_empty(state_dir, ec)) {
    return Status::InvalidArgument("state directory " + state_dir +
                                   " is not empty: join starts a new node's store; stop "
                                   "rapport-milter and move the old store away first");
  }
  struct stat owner {};
  if (stat(backup.c_str(), &owner) != 0) {
    return Status::IoError("cannot read " + backup + ": " + std::strerror(errno));
  }
  std::filesystem::create_directories(state_dir, ec);
  if (ec || chmod(state_dir.c_str(), 0700) != 0 ||
      (geteuid() == 0 && chown(state_dir.c_str(), owner.st_uid, owner.st_gid) != 0)) {
    return Status::IoError("cannot create state directory " + state_dir);
  }
  Status status = DropToOwnerOf(state_dir);
  if (!status.ok()) return status;
  std::filesystem::copy(backup, state_dir, std::filesystem::copy_options::recursive, ec);
  if (ec)
    return Status::IoError("cannot copy " + backup + " to " + state_dir + ": " + ec.message());
  return Status::Ok();
}

int Join(const CliContext& context, const std::string& backup_dir) {
  const Config& config = context.config;
  const std::string backup = std::filesystem::absolute(backup_dir).lexically_normal().string();
  Status status = CopyBackup(backup, config.state_dir);
  if (!status.ok()) return Fail(context, status.message());
  StoreOptions options;
  options.path = config.state_dir;
  options.local_domains = config.local_domains;
  options.cluster_node = config.cluster.node;
  options.join_from_copy = true;
  std::unique_ptr<HistoryStore> store;
  ReplicaState state;
  status = OpenRocksDbStore(options, &store);
  if (status.ok()) status = store->replica()->DescribeReplica(&state);
  if (!status.ok()) return Fail(context, status.message());
  if (context.json) {
    *context.out << json({{"ok", true},
                          {"node", state.node},
                          {"stream_position", state.stream_position}})
                        .dump(2)
                 << "\n";
  } else {
    *context.out << "joined as node " << state.node << " from " << backup
                 << "; rapport-milter applies the stream from " << state.stream_position
                 << " when it starts\n";
  }
  return kExitOk;
}

}  // namespace

int RunCluster(const CliContext& context, const std::vector<std::string>& args) {
  if (args.empty()) return Usage(context);
  if (!context.config.cluster.enabled()) {
    return Fail(context, context.config.path +
                             " has no [cluster] section: set redis and node to share history");
  }
  if (args[0] == "status" && args.size() == 1) return ShowStatus(context);
  if (args[0] == "join" && args.size() == 2) return Join(context, args[1]);
  return Usage(context);
}

}  // namespace rapport
