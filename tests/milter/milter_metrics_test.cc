#include "milter/milter_metrics.h"

#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <thread>
#include <vector>

#include "milter/metrics_exposition.h"
#include "milter/metrics_gauges.h"

namespace rapport {
namespace {

using Catch::Contains;

// The exposition's lines, for exact matches.
std::vector<std::string> Lines(const std::string& text) {
  std::vector<std::string> lines;
  std::istringstream in(text);
  for (std::string line; std::getline(in, line);) lines.push_back(line);
  return lines;
}

bool HasLine(const std::string& text, const std::string& line) {
  const std::vector<std::string> lines = Lines(text);
  return std::find(lines.begin(), lines.end(), line) != lines.end();
}

TEST_CASE("Counters add up by label and ignore signal names they were not given",
          "[milter][metrics]") {
  MilterMetrics metrics({"SIGNAL_B", "SIGNAL_A"});
  metrics.CountMessage(Route::kInbound, Action::kHold);
  metrics.CountMessage(Route::kInbound, Action::kHold);
  metrics.CountMessage(Route::kOutbound, Action::kAccept);
  metrics.CountSignal("SIGNAL_B");
  metrics.CountSignal("SIGNAL_B");
  metrics.CountSignal("NOT_REGISTERED");
  metrics.CountForgedHeadersRemoved(0);
  metrics.CountForgedHeadersRemoved(3);
  metrics.CountFailure(ErrorPolicy::kTempfail, FailureKind::kStore);
  metrics.CountFailure(ErrorPolicy::kAccept, FailureKind::kParse);
  metrics.CountFailure(ErrorPolicy::kAccept, FailureKind::kParse);
  metrics.CountLearnFailure();
  metrics.CountReload(ReloadResult::kApplied);
  metrics.CountReload(ReloadResult::kRefused);
  metrics.CountReload(ReloadResult::kRefused);

  const MetricsSnapshot snapshot = metrics.Snapshot();
  CHECK(snapshot.messages[static_cast<int>(Route::kInbound)][static_cast<int>(Action::kHold)] == 2);
  CHECK(snapshot.messages[static_cast<int>(Route::kInbound)][static_cast<int>(Action::kTag)] == 0);
  CHECK(snapshot.messages[static_cast<int>(Route::kOutbound)][static_cast<int>(Action::kAccept)] ==
        1);
  CHECK(snapshot.signals ==
        std::vector<std::pair<std::string, uint64_t>>{{"SIGNAL_A", 0}, {"SIGNAL_B", 2}});
  CHECK(snapshot.forged_headers_removed == 3);
  CHECK(snapshot.on_error[static_cast<int>(ErrorPolicy::kAccept)] == 2);
  CHECK(snapshot.on_error[static_cast<int>(ErrorPolicy::kTempfail)] == 1);
  CHECK(snapshot.failures[static_cast<int>(FailureKind::kParse)] == 2);
  CHECK(snapshot.failures[static_cast<int>(FailureKind::kStore)] == 1);
  CHECK(snapshot.failures[static_cast<int>(FailureKind::kTimeout)] == 0);
  CHECK(snapshot.learn_failures == 1);
  CHECK(snapshot.reloads[static_cast<int>(ReloadResult::kApplied)] == 1);
  CHECK(snapshot.reloads[static_cast<int>(ReloadResult::kRefused)] == 2);
}

TEST_CASE("Scoring latency falls in the first bucket whose bound it does not exceed",
          "[milter][metrics]") {
  using std::chrono::microseconds;
  MilterMetrics metrics({});
  metrics.ObserveScoring(microseconds(100));         // <= 0.0005
  metrics.ObserveScoring(microseconds(500));         // == 0.0005: still the first bucket
  metrics.ObserveScoring(microseconds(501));         // <= 0.001
  metrics.ObserveScoring(std::chrono::seconds(60));  // +Inf
  metrics.ObserveScoring(microseconds(-5));          // a clock step back counts as 0
  const MetricsSnapshot snapshot = metrics.Snapshot();
  CHECK(snapshot.scoring_buckets[0] == 3);
  CHECK(snapshot.scoring_buckets[1] == 1);
  CHECK(snapshot.scoring_buckets.back() == 1);
  CHECK(snapshot.scoring_nanoseconds == 100'000 + 500'000 + 501'000 + 60'000'000'000ULL);

  const std::string text = RenderMetrics(snapshot, MetricsGauges{});
  CHECK(HasLine(text, "# TYPE rapport_scoring_duration_seconds histogram"));
  CHECK(HasLine(text, "rapport_scoring_duration_seconds_bucket{le=\"0.0005\"} 3"));
  CHECK(HasLine(text, "rapport_scoring_duration_seconds_bucket{le=\"0.001\"} 4"));
  CHECK(HasLine(text, "rapport_scoring_duration_seconds_bucket{le=\"10\"} 4"));
  CHECK(HasLine(text, "rapport_scoring_duration_seconds_bucket{le=\"+Inf\"} 5"));
  CHECK(HasLine(text, "rapport_scoring_duration_seconds_sum 60.001101"));
  CHECK(HasLine(text, "rapport_scoring_duration_seconds_count 5"));
}

TEST_CASE("Counters from many threads lose nothing", "[milter][metrics]") {
  MilterMetrics metrics({"SIGNAL_A"});
  std::vector<std::thread> threads;
  for (int t = 0; t < 4; ++t) {
    threads.emplace_back([&metrics] {
      for (int i = 0; i < 10000; ++i) {
        metrics.CountMessage(Route::kInbound, Action::kAccept);
        metrics.CountSignal("SIGNAL_A");
      }
    });
  }
  for (std::thread& thread : threads) thread.join();
  const MetricsSnapshot snapshot = metrics.Snapshot();
  CHECK(snapshot.messages[0][0] == 40000);
  CHECK(snapshot.signals.front().second == 40000);
}

TEST_CASE("The exposition names every series, at 0 before anything happened", "[milter][metrics]") {
  MilterMetrics metrics({"FIRST_CONTACT"});
  metrics.CountMessage(Route::kInbound, Action::kTag);
  metrics.CountFailure(ErrorPolicy::kAccept, FailureKind::kTimeout);
  MetricsGauges gauges;
  gauges.learn_queue_depth = 7;
  gauges.lookalike_known_names = 1234;
  const std::string text = RenderMetrics(metrics.Snapshot(), gauges);

  for (const char* line : {
           "# HELP rapport_messages_total Messages answered by their plan, by direction and "
           "action (outbound and transit mail is always accepted).",
           "# TYPE rapport_messages_total counter",
           "rapport_messages_total{direction=\"inbound\",action=\"accept\"} 0",
           "rapport_messages_total{direction=\"inbound\",action=\"tag\"} 1",
           "rapport_messages_total{direction=\"inbound\",action=\"hold\"} 0",
           "rapport_messages_total{direction=\"inbound\",action=\"reject\"} 0",
           "rapport_messages_total{direction=\"internal\",action=\"hold\"} 0",
           "rapport_messages_total{direction=\"outbound\",action=\"accept\"} 0",
           "rapport_messages_total{direction=\"transit\",action=\"accept\"} 0",
           "rapport_signals_total{signal=\"FIRST_CONTACT\"} 0",
           "rapport_forged_headers_removed_total 0",
           "rapport_on_error_answers_total{answer=\"accept\"} 1",
           "rapport_on_error_answers_total{answer=\"tempfail\"} 0",
           "rapport_internal_errors_total{kind=\"timeout\"} 1",
           "rapport_internal_errors_total{kind=\"collect\"} 0",
           "rapport_internal_errors_total{kind=\"mta\"} 0",
           "rapport_reloads_total{result=\"applied\"} 0",
           "rapport_reloads_total{result=\"refused\"} 0",
           "rapport_learn_failures_total 0",
           "rapport_learn_queue_depth 7",
           "rapport_lookalike_known_names 1234",
           "rapport_store_up 0",
       }) {
    INFO(line);
    CHECK(HasLine(text, line));
  }
  // Outbound and transit mail is never tagged, held or rejected: no such series.
  CHECK_THAT(text, !Contains("direction=\"outbound\",action=\"hold\""));
  // The store's own metrics wait until it is open.
  CHECK_THAT(text, !Contains("rapport_held_messages"));
  CHECK_THAT(text, !Contains("rapport_store_keys"));
  // Every line is a sample, a HELP or a TYPE of a rapport_ metric.
  for (const std::string& line : Lines(text)) {
    INFO(line);
    const bool ours = line.rfind("rapport_", 0) == 0 || line.rfind("# HELP rapport_", 0) == 0 ||
                      line.rfind("# TYPE rapport_", 0) == 0;
    CHECK(ours);
  }
  CHECK(text.back() == '\n');
}

TEST_CASE("A cluster node's series appear with [cluster] alone, the store's once it is read",
          "[milter][metrics]") {
  MilterMetrics metrics({});
  MetricsGauges gauges;
  CHECK_THAT(RenderMetrics(metrics.Snapshot(), gauges), !Contains("rapport_cluster_"));

  gauges.cluster.enabled = true;
  gauges.cluster.counters.published = 12;
  gauges.cluster.counters.applied = 9;
  gauges.cluster.counters.undecodable = 1;
  gauges.cluster.counters.failures[ReplicationCounters::kPublisher][ReplicationCounters::kConnect] =
      2;
  gauges.cluster.counters.redis_reachable = true;
  gauges.cluster.counters.apply_lag_seconds = 0.25;
  std::string text = RenderMetrics(metrics.Snapshot(), gauges);
  for (const char* line : {
           "# TYPE rapport_cluster_events_published_total counter",
           "rapport_cluster_events_published_total 12",
           "rapport_cluster_events_applied_total 9",
           "rapport_cluster_undecodable_events_total 1",
           "rapport_cluster_failures_total{worker=\"publisher\",kind=\"connect\"} 2",
           "rapport_cluster_failures_total{worker=\"publisher\",kind=\"connection_lost\"} 0",
           "rapport_cluster_failures_total{worker=\"applier\",kind=\"refused\"} 0",
           "rapport_cluster_failures_total{worker=\"applier\",kind=\"store\"} 0",
           "# TYPE rapport_cluster_redis_up gauge",
           "rapport_cluster_redis_up 1",
           "rapport_cluster_apply_lag_seconds 0.25",
       }) {
    INFO(line);
    CHECK(HasLine(text, line));
  }
  CHECK_THAT(text, !Contains("rapport_cluster_outbox_events"));

  gauges.cluster.store_read = true;
  gauges.cluster.outbox_length = 3;
  gauges.cluster.sequences = {{"mx1", 40}, {"relay", 17}};
  text = RenderMetrics(metrics.Snapshot(), gauges);
  CHECK(HasLine(text, "rapport_cluster_outbox_events 3"));
  CHECK(HasLine(text, "rapport_cluster_node_sequence{node=\"mx1\"} 40"));
  CHECK(HasLine(text, "rapport_cluster_node_sequence{node=\"relay\"} 17"));
}

TEST_CASE("Label values are escaped as the text format requires", "[milter][metrics]") {
  MilterMetrics metrics({});
  MetricsGauges gauges;
  gauges.store_open = true;
  gauges.store.families.push_back(FamilyReport{"odd\"family\\with\nnewline", 5, 6});
  const std::string text = RenderMetrics(metrics.Snapshot(), gauges);
  CHECK(HasLine(text, "rapport_store_keys{family=\"odd\\\"family\\\\with\\nnewline\"} 5"));
  CHECK(HasLine(text, "rapport_store_size_bytes{family=\"odd\\\"family\\\\with\\nnewline\"} 6"));
}

std::filesystem::path ScratchDir() {
  std::string pattern = (std::filesystem::temp_directory_path() / "rapport-metrics.XXXXXX");
  REQUIRE(mkdtemp(pattern.data()) != nullptr);
  return pattern;
}

HeldMessage Held(const std::string& queue_id, HeldStatus status) {
  HeldMessage held;
  held.queue_id = queue_id;
  held.received_at = 1700000000;
  held.status = status;
  held.status_changed_at = 1700000000;
  return held;
}

TEST_CASE("Gauges read held records by state, the store's families and the look-alike index",
          "[milter][metrics]") {
  const std::filesystem::path dir = ScratchDir();
  StoreOptions options;
  options.path = (dir / "state").string();
  options.local_domains = {"example.test"};
  StoreHandle store(options, std::chrono::seconds(0));
  std::shared_ptr<HistoryStore> open;
  REQUIRE(store.Get(&open).ok());
  REQUIRE(open->PutHeld(Held("4ABC1", HeldStatus::kHeld)).ok());
  REQUIRE(open->PutHeld(Held("4ABC2", HeldStatus::kHeld)).ok());
  REQUIRE(open->PutHeld(Held("4ABC3", HeldStatus::kReported)).ok());

  Config config;
  config.scoring.local_domains = {"example.test"};
  std::shared_ptr<const Runtime> runtime;
  REQUIRE(BuildRuntime(config, &runtime).ok());
  BackgroundLearner learner([](const LearnRequest&) { return Status::Ok(); },
                            [](std::string_view, const Status&) {});

  const MetricsGauges gauges = ReadMetricsGauges(&store, learner, *runtime);
  CHECK(gauges.store_open);
  CHECK(gauges.held.by_status[static_cast<int>(HeldStatus::kHeld)] == 2);
  CHECK(gauges.held.by_status[static_cast<int>(HeldStatus::kReported)] == 1);
  CHECK(gauges.held.by_status[static_cast<int>(HeldStatus::kReleased)] == 0);
  CHECK(gauges.learn_queue_depth == 0);
  CHECK(gauges.lookalike_known_names >= 1);  // example.test at least
  REQUIRE_FALSE(gauges.store.families.empty());

  const std::string text = RenderMetrics(MilterMetrics({}).Snapshot(), gauges);
  CHECK(HasLine(text, "rapport_store_up 1"));
  CHECK(HasLine(text, "rapport_held_messages{state=\"held\"} 2"));
  CHECK(HasLine(text, "rapport_held_messages{state=\"reported\"} 1"));
  CHECK(HasLine(text, "rapport_held_messages{state=\"deleted\"} 0"));
  CHECK_THAT(text, Contains("rapport_store_keys{family=\"" + gauges.store.families.front().name));
  learner.Stop();
  open.reset();
  std::filesystem::remove_all(dir);
}

TEST_CASE("Gauges say the store is down when it cannot open", "[milter][metrics]") {
  const std::filesystem::path dir = ScratchDir();
  std::ofstream(dir / "state") << "not a directory";
  StoreOptions options;
  options.path = (dir / "state").string();
  StoreHandle store(options, std::chrono::seconds(0));
  std::shared_ptr<const Runtime> runtime;
  REQUIRE(BuildRuntime(Config(), &runtime).ok());
  BackgroundLearner learner([](const LearnRequest&) { return Status::Ok(); },
                            [](std::string_view, const Status&) {});
  const MetricsGauges gauges = ReadMetricsGauges(&store, learner, *runtime);
  CHECK_FALSE(gauges.store_open);
  CHECK(gauges.store.families.empty());
  learner.Stop();
  std::filesystem::remove_all(dir);
}

}  // namespace
}  // namespace rapport
