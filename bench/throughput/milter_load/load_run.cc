#include "bench/throughput/milter_load/load_run.h"

#include <atomic>
#include <chrono>
#include <cstdio>
#include <thread>

namespace rapport::bench {
namespace {

using Clock = std::chrono::steady_clock;

constexpr int kMaxConnections = 1024;

// State the connection threads share: the next message to hand out.
struct SharedRun {
  std::atomic<uint64_t> next{0};
  uint64_t total = 0;
  Clock::time_point deadline = Clock::time_point::max();
};

// A Postfix-like queue id, unique within the run.
std::string QueueId(uint64_t n) {
  char id[24];
  std::snprintf(id, sizeof(id), "%010llX", static_cast<unsigned long long>(n + 1));
  return id;
}

class ConnectionWorker {
 public:
  ConnectionWorker(const SocketAddress& address, const Corpus& corpus, const LoadOptions& options,
                   SharedRun* shared)
      : address_(address), corpus_(corpus), options_(options), shared_(shared) {}

  void Run() {
    int failed_connects = 0;
    uint64_t in_session = 0;
    while (Clock::now() < shared_->deadline) {
      if (!session_) {
        if (!Connect()) {
          if (++failed_connects >= options_.max_failed_connects) break;
          continue;
        }
        failed_connects = 0;
        in_session = 0;
      }
      const uint64_t n = shared_->next.fetch_add(1, std::memory_order_relaxed);
      if (n >= shared_->total) break;
      const CorpusMessage& message = corpus_.messages[n % corpus_.messages.size()];
      MessageOutcome outcome;
      const Clock::time_point start = Clock::now();
      Status s = session_->SendMessage(QueueId(n), message, &outcome);
      const auto elapsed =
          std::chrono::duration_cast<std::chrono::microseconds>(Clock::now() - start);
      if (!s.ok()) {
        tally_.RecordError("message " + QueueId(n) + ": " + s.ToString());
        session_.reset();
        continue;
      }
      tally_.Record(outcome, static_cast<uint32_t>(std::min<int64_t>(elapsed.count(), UINT32_MAX)));
      ++in_session;
      if (outcome.action == FinalAction::kShutdown) {
        session_.reset();
      } else if (options_.messages_per_session > 0 && in_session >= options_.messages_per_session) {
        Close();
      }
    }
    if (session_) Close();
  }

  const LoadTally& tally() const { return tally_; }

 private:
  bool Connect() {
    std::unique_ptr<MilterSocket> socket;
    Status s = MilterSocket::Connect(address_, options_.timeout_ms, options_.ack_mode, &socket);
    if (s.ok()) {
      session_ = std::make_unique<MtaSession>(std::move(socket), options_.session);
      s = session_->Open();
    }
    if (!s.ok()) {
      tally_.RecordError("connection: " + s.ToString());
      session_.reset();
      return false;
    }
    if (tally_.sessions++ == 0) {
      tally_.protocol = session_->protocol();
      tally_.actions_flags = session_->actions();
    }
    return true;
  }

  void Close() {
    Status s = session_->Quit();
    if (!s.ok()) tally_.RecordError("quit: " + s.ToString());
    session_.reset();
  }

  const SocketAddress& address_;
  const Corpus& corpus_;
  const LoadOptions& options_;
  SharedRun* shared_;
  std::unique_ptr<MtaSession> session_;
  LoadTally tally_;
};

}  // namespace

Status RunLoad(const SocketAddress& address, const Corpus& corpus, const LoadOptions& options,
               LoadTally* tally, double* seconds) {
  if (options.connections < 1 || options.connections > kMaxConnections) {
    return Status::InvalidArgument("connections must be 1.." + std::to_string(kMaxConnections));
  }
  if (corpus.messages.empty()) return Status::InvalidArgument("the corpus is empty");
  if (options.repeat < 1 || options.timeout_ms < 1 || options.duration_seconds < 0) {
    return Status::InvalidArgument("repeat and timeout must be positive, duration not negative");
  }
  SharedRun shared;
  if (options.messages > 0) {
    shared.total = options.messages;
  } else if (options.duration_seconds > 0) {
    shared.total = UINT64_MAX;
  } else {
    shared.total = corpus.messages.size() * static_cast<uint64_t>(options.repeat);
  }
  const Clock::time_point start = Clock::now();
  if (options.duration_seconds > 0) {
    shared.deadline = start + std::chrono::duration_cast<Clock::duration>(
                                  std::chrono::duration<double>(options.duration_seconds));
  }
  std::vector<std::unique_ptr<ConnectionWorker>> workers;
  std::vector<std::thread> threads;
  for (int i = 0; i < options.connections; ++i) {
    workers.push_back(std::make_unique<ConnectionWorker>(address, corpus, options, &shared));
  }
  for (auto& worker : workers) threads.emplace_back([&worker] { worker->Run(); });
  for (std::thread& thread : threads) thread.join();
  *seconds = std::chrono::duration<double>(Clock::now() - start).count();
  for (const auto& worker : workers) tally->Merge(worker->tally());
  return Status::Ok();
}

}  // namespace rapport::bench
