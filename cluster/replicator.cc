#include "cluster/replicator.h"

#include <chrono>
#include <ctime>

#include "cluster/cluster_status.h"
#include "cluster/outbox_publisher.h"
#include "cluster/stream_applier.h"

namespace rapport {
namespace {

void Count(HistoryStore* store, const char* name, uint64_t count) {
  if (store == nullptr || count == 0) return;
  // A counter that cannot be written is not worth a log line of its own:
  // the store's failure shows in the next step.
  store->AddStats({StatsCount{StatsKind::kCluster, name, count}}, std::time(nullptr));
}

}  // namespace

// One thread running one step (publish, or apply) over and over with the
// open store and a connected client.
class Replicator::Worker {
 public:
  // Runs one round; *busy is set when there may be more to do at once.
  using Step = std::function<Status(RedisClient*, HistoryStore*, bool* busy)>;

  // What Stop() does once the loop ends.
  enum class OnStop { kEnd, kFinishWhileConnected };

  Worker(Replicator& owner, ReplicationCounters::Worker role, Step step,
         std::chrono::milliseconds idle, OnStop on_stop)
      : owner_(owner),
        role_(role),
        name_(ReplicationWorkerName(role)),
        step_(std::move(step)),
        idle_(idle),
        on_stop_(on_stop) {}

  void Start() {
    thread_ = std::thread([this] { Run(); });
  }

  void Stop() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      stopping_ = true;
    }
    wake_.notify_all();
    if (thread_.joinable()) thread_.join();
  }

 private:
  bool Stopping() {
    std::lock_guard<std::mutex> lock(mutex_);
    return stopping_;
  }

  void Wait(std::chrono::milliseconds pause) {
    std::unique_lock<std::mutex> lock(mutex_);
    wake_.wait_for(lock, pause, [this] { return stopping_; });
  }

  // One round: the store, a connection, the step. *busy as Step sets it.
  Status Round(bool* busy) {
    std::shared_ptr<HistoryStore> store;
    Status status = owner_.store_(&store);
    // A store still opening (the daemon replays a crash's write-ahead log
    // beside the listener) is no failure: wait for it without a log line.
    if (status.IsBusy()) return Status::Ok();
    if (!status.ok()) return Status::IoError("history store unavailable: " + status.message());
    if (store->replica() == nullptr) {
      return Status::InvalidArgument("history store was opened without a cluster node");
    }
    if (client_ == nullptr || client_->broken()) {
      client_.reset();
      status = RedisClient::Connect(owner_.options_.redis, &client_);
      if (!status.ok()) {
        client_.reset();
        Failed(status, store.get(), ReplicationCounters::kConnect);
        return status;
      }
    }
    status = step_(client_.get(), store.get(), busy);
    if (!status.ok()) {
      // Redis's failures name it (redis_client.h); the others are the store's.
      const bool from_redis = status.message().rfind("redis", 0) == 0;
      Failed(status, store.get(),
             client_->broken() ? ReplicationCounters::kConnectionLost
             : from_redis      ? ReplicationCounters::kRefused
                               : ReplicationCounters::kStore);
      return status;
    }
    owner_.reachable_[role_].store(true, std::memory_order_relaxed);
    if (!failure_.empty()) {
      owner_.log_info_("cluster " + name_ + ": working again after: " + failure_);
      failure_.clear();
    }
    return Status::Ok();
  }

  // Logs and counts a failure once, when it starts: a lost connection and
  // the refused reconnections after it are one outage.
  void Failed(const Status& status, HistoryStore* store, ReplicationCounters::Failure kind) {
    if (kind != ReplicationCounters::kStore) {
      owner_.reachable_[role_].store(false, std::memory_order_relaxed);
    }
    if (!failure_.empty()) return;
    owner_.failures_[role_][kind].fetch_add(1, std::memory_order_relaxed);
    failure_ = status.message();
    owner_.log_error_("cluster " + name_ + ": " + failure_ + "; retrying every " +
                      std::to_string(owner_.options_.retry_interval.count()) +
                      " ms, scoring goes on from the local store");
    Count(store, kReplicationFailures, 1);
  }

  void Run() {
    while (!Stopping()) {
      bool busy = false;
      const Status status = Round(&busy);
      if (!status.ok()) {
        // A store failure; Redis's are logged and counted already.
        Failed(status, nullptr, ReplicationCounters::kStore);
        Wait(owner_.options_.retry_interval);
      } else if (!busy) {
        Wait(idle_);
      }
    }
    // A last round while connected: what was learned just before stopping
    // goes out now rather than at the next start.
    if (on_stop_ != OnStop::kFinishWhileConnected) return;
    bool busy = true;
    while (client_ != nullptr && !client_->broken() && busy) {
      if (!Round(&busy).ok()) break;
    }
  }

  Replicator& owner_;
  const ReplicationCounters::Worker role_;
  const std::string name_;
  const Step step_;
  const std::chrono::milliseconds idle_;
  const OnStop on_stop_;
  std::thread thread_;
  std::mutex mutex_;
  std::condition_variable wake_;
  bool stopping_ = false;  // guarded by mutex_
  // Used by the thread alone.
  std::unique_ptr<RedisClient> client_;
  std::string failure_;  // the failure logged last; empty while working
};

Replicator::Replicator(ClusterOptions options, StoreGetter store, LogLine log_error,
                       LogLine log_info)
    : options_(std::move(options)),
      store_(std::move(store)),
      log_error_(std::move(log_error)),
      log_info_(std::move(log_info)) {
  publisher_ = std::make_unique<Worker>(
      *this, ReplicationCounters::kPublisher,
      [this](RedisClient* redis, HistoryStore* store, bool* busy) {
        size_t published = 0;
        const Status status = PublishOutbox(options_, redis, store->replica(), &published);
        Count(store, kPublishedEvents, published);
        published_.fetch_add(published, std::memory_order_relaxed);
        *busy = published == options_.batch_events;
        return status;
      },
      options_.idle_poll, Worker::OnStop::kFinishWhileConnected);
  applier_ = std::make_unique<Worker>(
      *this, ReplicationCounters::kApplier,
      [this](RedisClient* redis, HistoryStore* store, bool* busy) {
        ApplyOutcome outcome;
        const Status status = ApplyStream(options_, redis, store->replica(), &outcome);
        Count(store, kAppliedEvents, outcome.applied);
        applied_.fetch_add(outcome.applied, std::memory_order_relaxed);
        undecodable_.fetch_add(outcome.undecodable, std::memory_order_relaxed);
        if (status.ok()) {
          apply_lag_ms_.store(
              outcome.position.empty() ? 0 : WallClockMillis() - StreamIdMillis(outcome.position),
              std::memory_order_relaxed);
        }
        if (outcome.undecodable > 0) {
          log_error_("cluster applier: skipped " + std::to_string(outcome.undecodable) +
                     " stream entries it cannot apply (first: " + outcome.first_error + ")");
          Count(store, kUndecodableEvents, outcome.undecodable);
        }
        for (const std::string& peer : outcome.foreign_payment_key_origins) {
          if (!foreign_payment_key_peers_.insert(peer).second) continue;
          log_error_("cluster applier: " + RefusedPaymentKeyAdvice(options_.node, peer));
        }
        // XREAD waits for new entries itself.
        *busy = true;
        if (!status.ok() || std::chrono::steady_clock::now() < next_trim_) return status;
        next_trim_ = std::chrono::steady_clock::now() + options_.trim_interval;
        uint64_t trimmed = 0;
        return TrimStream(options_, redis, &trimmed);
      },
      std::chrono::milliseconds(0), Worker::OnStop::kEnd);
}

Replicator::~Replicator() { Stop(); }

ReplicationCounters Replicator::Counters() const {
  ReplicationCounters counters;
  counters.published = published_.load(std::memory_order_relaxed);
  counters.applied = applied_.load(std::memory_order_relaxed);
  counters.undecodable = undecodable_.load(std::memory_order_relaxed);
  for (int worker = 0; worker < ReplicationCounters::kWorkers; ++worker) {
    for (int kind = 0; kind < ReplicationCounters::kFailureKinds; ++kind) {
      counters.failures[worker][kind] = failures_[worker][kind].load(std::memory_order_relaxed);
    }
  }
  counters.redis_reachable = reachable_[ReplicationCounters::kPublisher].load() &&
                             reachable_[ReplicationCounters::kApplier].load();
  counters.apply_lag_seconds =
      static_cast<double>(apply_lag_ms_.load(std::memory_order_relaxed)) / 1000;
  return counters;
}

void Replicator::Start() {
  publisher_->Start();
  applier_->Start();
}

void Replicator::Stop() {
  applier_->Stop();
  publisher_->Stop();
}

}  // namespace rapport
