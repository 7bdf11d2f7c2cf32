#include "milter/metrics_exposition.h"

#include <fmt/format.h>

#include <string_view>

#include "config/config.h"
#include "milter/action_plan.h"
#include "scoring/verdict.h"
#include "store/held_message.h"

namespace rapport {
namespace {

// Appends metric families to one text, one HELP and TYPE header each.
class Exposition {
 public:
  void Family(std::string_view name, std::string_view type, std::string_view help) {
    fmt::format_to(std::back_inserter(text_), "# HELP {} {}\n# TYPE {} {}\n", name, help, name,
                   type);
  }
  // A sample without labels.
  template <typename Value>
  void Sample(std::string_view name, Value value) {
    fmt::format_to(std::back_inserter(text_), "{} {}\n", name, value);
  }
  // A sample with labels, given as `labels` already escaped: label="value",...
  template <typename Value>
  void Sample(std::string_view name, std::string_view labels, Value value) {
    fmt::format_to(std::back_inserter(text_), "{}{{{}}} {}\n", name, labels, value);
  }
  std::string Take() { return std::move(text_); }

 private:
  std::string text_;
};

// A label value escaped as the text format requires (\\, \" and \n).
std::string LabelValue(std::string_view value) {
  std::string out;
  for (char c : value) {
    if (c == '\\' || c == '"') out.push_back('\\');
    if (c == '\n') {
      out.append("\\n");
      continue;
    }
    out.push_back(c);
  }
  return out;
}

std::string Label(std::string_view name, std::string_view value) {
  return fmt::format("{}=\"{}\"", name, LabelValue(value));
}

void RenderMessages(const MetricsSnapshot& counters, Exposition* out) {
  out->Family("rapport_messages_total", "counter",
              "Messages answered by their plan, by direction and action (outbound and transit "
              "mail is always accepted).");
  constexpr Route kRouteOrder[] = {Route::kInbound, Route::kInternal, Route::kOutbound,
                                   Route::kTransit};
  constexpr Action kActionOrder[] = {Action::kAccept, Action::kTag, Action::kHold, Action::kReject};
  for (const Route route : kRouteOrder) {
    for (const Action action : kActionOrder) {
      const bool judged = route == Route::kInbound || route == Route::kInternal;
      if (!judged && action != Action::kAccept) continue;
      out->Sample("rapport_messages_total",
                  Label("direction", RouteName(route)) + "," + Label("action", ActionName(action)),
                  counters.messages[static_cast<int>(route)][static_cast<int>(action)]);
    }
  }
  out->Family("rapport_signals_total", "counter",
              "Signals fired on inbound and internal mail, by name.");
  for (const auto& [name, count] : counters.signals) {
    out->Sample("rapport_signals_total", Label("signal", name), count);
  }
  out->Family("rapport_forged_headers_removed_total", "counter",
              "X-Rapport-* headers that arrived in mail and were removed.");
  out->Sample("rapport_forged_headers_removed_total", counters.forged_headers_removed);
}

void RenderFailures(const MetricsSnapshot& counters, Exposition* out) {
  out->Family("rapport_on_error_answers_total", "counter",
              "Messages answered by the on_error policy after an internal error, by answer.");
  out->Sample("rapport_on_error_answers_total", Label("answer", "accept"),
              counters.on_error[static_cast<int>(ErrorPolicy::kAccept)]);
  out->Sample("rapport_on_error_answers_total", Label("answer", "tempfail"),
              counters.on_error[static_cast<int>(ErrorPolicy::kTempfail)]);
  out->Family("rapport_internal_errors_total", "counter",
              "Internal errors while processing a message, by where they happened.");
  for (int kind = 0; kind < kFailureKinds; ++kind) {
    out->Sample("rapport_internal_errors_total",
                Label("kind", FailureKindName(static_cast<FailureKind>(kind))),
                counters.failures[kind]);
  }
  out->Family("rapport_reloads_total", "counter",
              "Configuration reloads (SIGHUP), by result: applied, or refused (invalid file, "
              "running configuration kept).");
  out->Sample("rapport_reloads_total", Label("result", "applied"),
              counters.reloads[static_cast<int>(ReloadResult::kApplied)]);
  out->Sample("rapport_reloads_total", Label("result", "refused"),
              counters.reloads[static_cast<int>(ReloadResult::kRefused)]);
}

void RenderScoringLatency(const MetricsSnapshot& counters, Exposition* out) {
  constexpr std::string_view kName = "rapport_scoring_duration_seconds";
  out->Family(kName, "histogram", "Time to parse, route and score one message.");
  uint64_t cumulative = 0;
  for (size_t i = 0; i < kScoringLatencyBounds.size(); ++i) {
    cumulative += counters.scoring_buckets[i];
    out->Sample(fmt::format("{}_bucket", kName),
                Label("le", fmt::format("{}", kScoringLatencyBounds[i])), cumulative);
  }
  cumulative += counters.scoring_buckets.back();
  out->Sample(fmt::format("{}_bucket", kName), Label("le", "+Inf"), cumulative);
  out->Sample(fmt::format("{}_sum", kName),
              static_cast<double>(counters.scoring_nanoseconds) / 1e9);
  out->Sample(fmt::format("{}_count", kName), cumulative);
}

void RenderGauges(const MetricsGauges& gauges, Exposition* out) {
  out->Family("rapport_learn_queue_depth", "gauge",
              "Delivered messages waiting to be learned by the background learner.");
  out->Sample("rapport_learn_queue_depth", gauges.learn_queue_depth);
  out->Family("rapport_lookalike_known_names", "gauge",
              "Names (local domains, brands, correspondent domains) in the look-alike index.");
  out->Sample("rapport_lookalike_known_names", gauges.lookalike_known_names);
  out->Family("rapport_store_up", "gauge", "1 when the history store is open, else 0.");
  out->Sample("rapport_store_up", gauges.store_open ? 1 : 0);
  if (!gauges.store_open) return;
  out->Family("rapport_held_messages", "gauge", "Held-mail records in the store, by state.");
  constexpr HeldStatus kStates[] = {HeldStatus::kHeld, HeldStatus::kReleased, HeldStatus::kDeleted,
                                    HeldStatus::kReported};
  for (const HeldStatus state : kStates) {
    out->Sample("rapport_held_messages", Label("state", HeldStatusName(state)),
                gauges.held.by_status[static_cast<int>(state)]);
  }
  out->Family("rapport_store_size_bytes", "gauge",
              "Live table files of the history store, by column family.");
  for (const FamilyReport& family : gauges.store.families) {
    out->Sample("rapport_store_size_bytes", Label("family", family.name), family.sst_bytes);
  }
  out->Family("rapport_store_wal_bytes", "gauge",
              "Live write-ahead log files of the history store.");
  out->Sample("rapport_store_wal_bytes", gauges.store.wal_bytes);
  out->Family("rapport_store_keys", "gauge",
              "Keys in the history store by column family (RocksDB's estimate).");
  for (const FamilyReport& family : gauges.store.families) {
    out->Sample("rapport_store_keys", Label("family", family.name), family.keys);
  }
}

void RenderCluster(const ClusterGauges& cluster, Exposition* out) {
  if (!cluster.enabled) return;
  const ReplicationCounters& counters = cluster.counters;
  out->Family("rapport_cluster_events_published_total", "counter",
              "History events this node added to the shared stream.");
  out->Sample("rapport_cluster_events_published_total", counters.published);
  out->Family("rapport_cluster_events_applied_total", "counter",
              "Other nodes' history events applied to this node's store.");
  out->Sample("rapport_cluster_events_applied_total", counters.applied);
  out->Family("rapport_cluster_undecodable_events_total", "counter",
              "Stream entries skipped whole: corrupt, a newer version, or a family this node "
              "lacks or keeps node-local.");
  out->Sample("rapport_cluster_undecodable_events_total", counters.undecodable);
  out->Family("rapport_cluster_failures_total", "counter",
              "Replication outages, each counted once when it starts (as logged), by thread and "
              "by what started it.");
  for (int worker = 0; worker < ReplicationCounters::kWorkers; ++worker) {
    for (int kind = 0; kind < ReplicationCounters::kFailureKinds; ++kind) {
      out->Sample("rapport_cluster_failures_total",
                  Label("worker", ReplicationWorkerName(worker)) + "," +
                      Label("kind", ReplicationFailureName(kind)),
                  counters.failures[worker][kind]);
    }
  }
  out->Family("rapport_cluster_redis_up", "gauge",
              "1 when the last round of both the publisher and the applier reached Redis.");
  out->Sample("rapport_cluster_redis_up", counters.redis_reachable ? 1 : 0);
  out->Family("rapport_cluster_apply_lag_seconds", "gauge",
              "Age of the newest stream entry the applier read, when it read it; 0 once it "
              "finds nothing new.");
  out->Sample("rapport_cluster_apply_lag_seconds", counters.apply_lag_seconds);
  if (!cluster.store_read) return;
  out->Family("rapport_cluster_outbox_events", "gauge",
              "History events written on this node and not yet published.");
  out->Sample("rapport_cluster_outbox_events", cluster.outbox_length);
  out->Family("rapport_cluster_node_sequence", "gauge",
              "The highest event sequence of each node this store holds (its own: the last it "
              "wrote); a peer's published sequence minus this is how many of its events are "
              "still to apply.");
  for (const auto& [node, sequence] : cluster.sequences) {
    out->Sample("rapport_cluster_node_sequence", Label("node", node), sequence);
  }
}

}  // namespace

std::string RenderMetrics(const MetricsSnapshot& counters, const MetricsGauges& gauges) {
  Exposition out;
  RenderMessages(counters, &out);
  RenderFailures(counters, &out);
  out.Family("rapport_learn_failures_total", "counter",
             "Delivered messages that could not be learned (logged with their queue id).");
  out.Sample("rapport_learn_failures_total", counters.learn_failures);
  RenderScoringLatency(counters, &out);
  RenderGauges(gauges, &out);
  RenderCluster(gauges.cluster, &out);
  return out.Take();
}

}  // namespace rapport
