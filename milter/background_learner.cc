#include "milter/background_learner.h"

#include <algorithm>
#include <utility>

namespace rapport {

BackgroundLearner::BackgroundLearner(LearnFunction learn, FailureFunction on_failure,
                                     BackgroundLearnerOptions options)
    : learn_(std::move(learn)),
      on_failure_(std::move(on_failure)),
      max_queued_(std::max<size_t>(options.max_queued, 1)) {
  thread_ = std::thread([this] { Run(); });
}

BackgroundLearner::~BackgroundLearner() { Stop(); }

void BackgroundLearner::Add(DeliveredMessage delivered) {
  std::unique_lock<std::mutex> lock(mutex_);
  room_.wait(lock, [this] { return stopping_ || queue_.size() < max_queued_; });
  if (stopping_) {
    lock.unlock();
    LearnOne(delivered);
    return;
  }
  queue_.push_back(std::move(delivered));
  work_.notify_one();
}

void BackgroundLearner::Stop() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  work_.notify_one();
  room_.notify_all();
  if (thread_.joinable()) thread_.join();
}

void BackgroundLearner::Run() {
  std::deque<DeliveredMessage> batch;
  for (;;) {
    {
      std::unique_lock<std::mutex> lock(mutex_);
      work_.wait(lock, [this] { return stopping_ || !queue_.empty(); });
      if (queue_.empty()) return;  // stopping, and everything learned
      batch.swap(queue_);
      learning_ = batch.size();
    }
    room_.notify_all();
    for (const DeliveredMessage& delivered : batch) LearnOne(delivered);
    batch.clear();
    std::lock_guard<std::mutex> lock(mutex_);
    learning_ = 0;
  }
}

size_t BackgroundLearner::queued() const {
  std::lock_guard<std::mutex> lock(mutex_);
  return queue_.size() + learning_;
}

void BackgroundLearner::LearnOne(const DeliveredMessage& delivered) {
  const Status status = learn_(delivered.request);
  if (!status.ok()) on_failure_(delivered.queue_id, status);
}

}  // namespace rapport
