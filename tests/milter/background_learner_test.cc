#include "milter/background_learner.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <condition_variable>
#include <mutex>
#include <string>
#include <thread>
#include <vector>

namespace rapport {
namespace {

// A learn function that records the `now` of each request, optionally
// fails some, and can hold the learner thread until Open().
class FakeStore {
 public:
  explicit FakeStore(bool gated = false) : open_(!gated) {}

  Status Learn(const LearnRequest& request) {
    std::unique_lock<std::mutex> lock(mutex_);
    opened_.wait(lock, [this] { return open_; });
    learned_.push_back(request.now);
    if (request.now % 2 == 1 && fail_odd_) return Status::IoError("disk full");
    return Status::Ok();
  }

  void Open() {
    {
      std::lock_guard<std::mutex> lock(mutex_);
      open_ = true;
    }
    opened_.notify_all();
  }

  void FailOdd() { fail_odd_ = true; }

  std::vector<int64_t> learned() {
    std::lock_guard<std::mutex> lock(mutex_);
    return learned_;
  }

 private:
  std::mutex mutex_;
  std::condition_variable opened_;
  bool open_;
  bool fail_odd_ = false;
  std::vector<int64_t> learned_;
};

DeliveredMessage Delivered(int64_t now) {
  DeliveredMessage delivered;
  auto message = std::make_unique<Message>();
  message->envelope.queue_id = "Q" + std::to_string(now);
  delivered.queue_id = message->envelope.queue_id;
  delivered.request.message = message.get();
  delivered.request.now = now;
  delivered.message = std::move(message);
  return delivered;
}

BackgroundLearner::LearnFunction LearnInto(FakeStore* store) {
  return [store](const LearnRequest& request) { return store->Learn(request); };
}

void IgnoreFailure(std::string_view, const Status&) {}

TEST_CASE("Stop learns everything still queued, in order", "[milter][learner]") {
  FakeStore store(/*gated=*/true);
  BackgroundLearner learner(LearnInto(&store), IgnoreFailure);
  for (int64_t i = 1; i <= 20; ++i) learner.Add(Delivered(i));
  // The learner thread is held inside the first learn; the rest wait queued.
  store.Open();
  learner.Stop();
  std::vector<int64_t> expected;
  for (int64_t i = 1; i <= 20; ++i) expected.push_back(i);
  CHECK(store.learned() == expected);
}

TEST_CASE("The queue depth counts the queued messages and the batch being learned",
          "[milter][learner][metrics]") {
  FakeStore store(/*gated=*/true);
  BackgroundLearner learner(LearnInto(&store), IgnoreFailure);
  CHECK(learner.queued() == 0);
  for (int64_t i = 1; i <= 3; ++i) learner.Add(Delivered(i));
  // However the thread split them into batches, none is learned yet.
  CHECK(learner.queued() == 3);
  store.Open();
  learner.Stop();
  CHECK(learner.queued() == 0);
  CHECK(store.learned().size() == 3);
}

TEST_CASE("A failed learn is reported with its queue id", "[milter][learner]") {
  FakeStore store;
  store.FailOdd();
  std::vector<std::string> failures;
  BackgroundLearner learner(LearnInto(&store), [&](std::string_view queue_id, const Status& s) {
    failures.push_back(std::string(queue_id) + " " + s.ToString());
  });
  for (int64_t i = 1; i <= 4; ++i) learner.Add(Delivered(i));
  learner.Stop();
  CHECK(store.learned().size() == 4);
  CHECK(failures == std::vector<std::string>{"Q1 disk full", "Q3 disk full"});
}

TEST_CASE("A full queue makes senders wait; nothing is dropped", "[milter][learner]") {
  FakeStore store(/*gated=*/true);
  BackgroundLearnerOptions options;
  options.max_queued = 1;
  BackgroundLearner learner(LearnInto(&store), IgnoreFailure, options);
  std::vector<std::thread> senders;
  for (int t = 0; t < 4; ++t) {
    senders.emplace_back([&learner, t] {
      for (int64_t i = 0; i < 50; ++i) learner.Add(Delivered(t * 1000 + i));
    });
  }
  store.Open();
  for (std::thread& sender : senders) sender.join();
  learner.Stop();
  std::vector<int64_t> learned = store.learned();
  std::sort(learned.begin(), learned.end());
  std::vector<int64_t> expected;
  for (int64_t t = 0; t < 4; ++t) {
    for (int64_t i = 0; i < 50; ++i) expected.push_back(t * 1000 + i);
  }
  CHECK(learned == expected);
}

TEST_CASE("After Stop a delivered message is learned on the caller's thread", "[milter][learner]") {
  FakeStore store;
  BackgroundLearner learner(LearnInto(&store), IgnoreFailure);
  learner.Stop();
  learner.Add(Delivered(7));
  CHECK(store.learned() == std::vector<int64_t>{7});
  learner.Stop();  // a second Stop does nothing
}

}  // namespace
}  // namespace rapport
