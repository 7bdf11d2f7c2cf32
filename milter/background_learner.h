#pragma once

#include <condition_variable>
#include <cstddef>
#include <deque>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <string_view>
#include <thread>

#include "base/status.h"
#include "message/message.h"
#include "store/history_store.h"

namespace rapport {

// How the background learner queues.
struct BackgroundLearnerOptions {
  // Delivered messages waiting to be learned. When the queue is full, the
  // milter thread delivering one more waits for room, so a store slower
  // than the mail flow slows answers instead of dropping what it learns.
  size_t max_queued = 1024;
};

// One delivered message waiting to be learned.
struct DeliveredMessage {
  std::string queue_id;                    // names the message in a failure's log line
  std::unique_ptr<const Message> message;  // what request.message points at
  LearnRequest request;
};

// Learns delivered mail on a thread of its own, so that the MTA has its
// answer before the store writes: learning a message is not on the answer
// path. Each wake-up takes everything queued and learns it in order. A
// learn that fails is handed to `on_failure` (which logs it); none is
// dropped silently. Stop(), or destruction, learns what is still queued
// before returning. Safe for concurrent use by any number of threads.
class BackgroundLearner {
 public:
  // Learns one message (the store's Learn()).
  using LearnFunction = std::function<Status(const LearnRequest&)>;
  // Told of each learn that failed, on the learner thread.
  using FailureFunction = std::function<void(std::string_view queue_id, const Status&)>;

  BackgroundLearner(LearnFunction learn, FailureFunction on_failure,
                    BackgroundLearnerOptions options = BackgroundLearnerOptions());
  BackgroundLearner(const BackgroundLearner&) = delete;
  BackgroundLearner& operator=(const BackgroundLearner&) = delete;
  ~BackgroundLearner();

  // Queues `delivered`, waiting while the queue is full. After Stop() it
  // learns on the caller's thread instead, so a message that ends during
  // shutdown is still learned.
  void Add(DeliveredMessage delivered);

  // Learns everything queued, then ends the thread. Later calls do nothing.
  void Stop();

  // Delivered messages not learned yet: those queued and those of the
  // batch being learned.
  size_t queued() const;

 private:
  void Run();
  void LearnOne(const DeliveredMessage& delivered);

  const LearnFunction learn_;
  const FailureFunction on_failure_;
  const size_t max_queued_;
  mutable std::mutex mutex_;      // guards the fields below
  std::condition_variable work_;  // something queued, or stopping
  std::condition_variable room_;  // the queue has room
  std::deque<DeliveredMessage> queue_;
  size_t learning_ = 0;  // messages of the batch the thread is learning
  bool stopping_ = false;
  std::thread thread_;
};

}  // namespace rapport
