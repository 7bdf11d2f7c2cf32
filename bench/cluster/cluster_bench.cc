// cluster_bench: two nodes sharing history through a Redis Stream on
// loopback, in one process, as two gateways would (docs/SCALE-OUT.md).
//
//   cluster_bench --redis 127.0.0.1:PORT [--rate 1000] [--seconds 10]
//                 [--backlog 20000] [--dir PATH]
//
// 1. Replication lag: node a learns --rate messages a second (each from a
//    new sender) for --seconds while both replicators run; node b polls
//    for each sender in order. Prints the lag from a's Learn() returning to
//    the sender being readable on b: p50, p99, max.
// 2. Apply rate: with the replicators stopped, a learns --backlog
//    messages, publishes them all, and b applies them from the stream as
//    fast as it can: events applied per second, and the Redis memory the
//    stream took, per million events.
// 3. Learn cost: messages learned per second on a store without and with
//    a cluster node (its outbox write), alternated three times each.
// Redis must be private to the bench: it writes under the key prefix
// "bench:" and deletes that stream first.

#include <algorithm>
#include <atomic>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <ctime>
#include <filesystem>
#include <string>
#include <thread>
#include <vector>

#include "cluster/outbox_publisher.h"
#include "cluster/redis_client.h"
#include "cluster/replicator.h"
#include "cluster/stream_applier.h"
#include "store/history_store.h"

namespace {

using namespace rapport;
using Clock = std::chrono::steady_clock;

struct Args {
  std::string redis;
  int rate = 1000;
  int seconds = 10;
  int backlog = 20000;
  std::string dir;
};

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const bool has_value = i + 1 < argc;
    if (flag == "--redis" && has_value) {
      args.redis = argv[++i];
    } else if (flag == "--rate" && has_value) {
      args.rate = std::atoi(argv[++i]);
    } else if (flag == "--seconds" && has_value) {
      args.seconds = std::atoi(argv[++i]);
    } else if (flag == "--backlog" && has_value) {
      args.backlog = std::atoi(argv[++i]);
    } else if (flag == "--dir" && has_value) {
      args.dir = argv[++i];
    } else {
      args.redis.clear();
      break;
    }
  }
  if (args.redis.empty() || args.rate <= 0 || args.seconds <= 0 || args.backlog <= 0) {
    std::fprintf(stderr,
                 "usage: cluster_bench --redis HOST:PORT [--rate N] [--seconds N] [--backlog N] "
                 "[--dir PATH]\n");
    std::exit(2);
  }
  return args;
}

void Check(const Status& status, const char* what) {
  if (status.ok()) return;
  std::fprintf(stderr, "cluster_bench: %s: %s\n", what, status.ToString().c_str());
  std::exit(1);
}

// A typical inbound message: one sender, two internal recipients, a link.
// The request points into the message: not copyable.
struct Sample {
  Sample(const Sample&) = delete;
  Sample& operator=(const Sample&) = delete;
  Message message;
  LearnRequest request;
  explicit Sample(const std::string& sender) {
    message.from.address = sender;
    message.to = {MailAddress{}, MailAddress{}};
    message.to[0].address = "ann@acme.example";
    message.to[1].address = "bob@acme.example";
    message.message_id = sender + ".id";
    Link link;
    link.icann_domain = "files.example";
    link.private_domain = "share.files.example";
    message.links = {link};
    request.message = &message;
    request.direction = Direction::kInbound;
    request.now = std::time(nullptr);
    request.recipients = {"ann@acme.example", "bob@acme.example"};
  }
};

std::unique_ptr<HistoryStore> OpenStore(const std::string& path, const std::string& node) {
  StoreOptions options;
  options.path = path;
  options.local_domains = {"acme.example"};
  options.cluster_node = node;
  std::unique_ptr<HistoryStore> store;
  Check(OpenRocksDbStore(options, &store), "opening a store");
  return store;
}

ClusterOptions Options(const Args& args, const std::string& node) {
  ClusterOptions options;
  options.redis.address = args.redis;
  options.node = node;
  options.key_prefix = "bench:";
  return options;
}

uint64_t UsedMemory(RedisClient* redis) {
  RedisReply reply;
  Check(redis->Run({"INFO", "memory"}, &reply), "INFO memory");
  const size_t at = reply.text.find("used_memory:");
  return at == std::string::npos ? 0 : std::strtoull(reply.text.c_str() + at + 12, nullptr, 10);
}

double Millis(Clock::duration d) { return std::chrono::duration<double, std::milli>(d).count(); }

void MeasureLag(const Args& args, const std::string& dir) {
  std::shared_ptr<HistoryStore> a = OpenStore(dir + "/lag-a", "a");
  std::shared_ptr<HistoryStore> b = OpenStore(dir + "/lag-b", "b");
  const auto getter = [](std::shared_ptr<HistoryStore> store) {
    return [store](std::shared_ptr<HistoryStore>* out) {
      *out = store;
      return Status::Ok();
    };
  };
  const auto log = [](const std::string& line) { std::fprintf(stderr, "%s\n", line.c_str()); };
  Replicator on_a(Options(args, "a"), getter(a), log, [](const std::string&) {});
  Replicator on_b(Options(args, "b"), getter(b), log, [](const std::string&) {});
  on_a.Start();
  on_b.Start();

  const size_t total = static_cast<size_t>(args.rate) * args.seconds;
  std::vector<Clock::time_point> learned(total);
  std::atomic<size_t> learned_count{0};
  std::thread learner([&] {
    const Clock::time_point start = Clock::now();
    for (size_t i = 0; i < total; ++i) {
      std::this_thread::sleep_until(start + std::chrono::microseconds(i * 1000000 / args.rate));
      Sample sample("s" + std::to_string(i) + "@lag.example");
      Check(a->Learn(sample.request), "learning on a");
      learned[i] = Clock::now();
      learned_count.store(i + 1, std::memory_order_release);
    }
  });
  std::vector<double> lags;
  lags.reserve(total);
  SenderProfile profile;
  for (size_t i = 0; i < total;) {
    if (i >= learned_count.load(std::memory_order_acquire) ||
        !b->GetSenderProfile("s" + std::to_string(i) + "@lag.example", &profile).ok()) {
      std::this_thread::sleep_for(std::chrono::microseconds(200));
      continue;
    }
    lags.push_back(Millis(Clock::now() - learned[i]));
    ++i;
  }
  learner.join();
  on_a.Stop();
  on_b.Stop();
  std::sort(lags.begin(), lags.end());
  std::printf(
      "replication lag at %d msg/s learned for %d s (%zu messages): p50 %.1f ms, "
      "p99 %.1f ms, max %.1f ms\n",
      args.rate, args.seconds, lags.size(), lags[lags.size() / 2], lags[lags.size() * 99 / 100],
      lags.back());
}

void MeasureApply(const Args& args, const std::string& dir) {
  auto a = OpenStore(dir + "/apply-a", "a");
  auto b = OpenStore(dir + "/apply-b", "b");
  std::unique_ptr<RedisClient> redis;
  Check(RedisClient::Connect(Options(args, "a").redis, &redis), "connecting");
  RedisReply reply;
  Check(redis->Run({"DEL", "bench:history"}, &reply), "DEL");
  const uint64_t memory_before = UsedMemory(redis.get());
  for (int i = 0; i < args.backlog; ++i) {
    Sample sample("s" + std::to_string(i) + "@apply.example");
    Check(a->Learn(sample.request), "learning on a");
  }
  const ClusterOptions on_a = Options(args, "a");
  const Clock::time_point publish_start = Clock::now();
  size_t published = 0;
  for (size_t round = 0;;) {
    Check(PublishOutbox(on_a, redis.get(), a->replica(), &round), "publishing");
    if (round == 0) break;
    published += round;
  }
  const double publish_seconds = Millis(Clock::now() - publish_start) / 1000;
  const uint64_t memory_after = UsedMemory(redis.get());

  ClusterOptions on_b = Options(args, "b");
  on_b.read_block = std::chrono::milliseconds(1);
  const Clock::time_point apply_start = Clock::now();
  size_t applied = 0;
  while (applied < published) {
    ApplyOutcome outcome;
    Check(ApplyStream(on_b, redis.get(), b->replica(), &outcome), "applying");
    applied += outcome.applied;
  }
  const double apply_seconds = Millis(Clock::now() - apply_start) / 1000;
  std::printf(
      "backlog of %zu events: published %.0f events/s, applied %.0f events/s on one "
      "node; stream memory %.0f MB per million events\n",
      published, published / publish_seconds, applied / apply_seconds,
      (memory_after - memory_before) / 1e6 * (1e6 / published));
}

// Messages learned per second over `count` new senders.
double LearnRate(HistoryStore* store, int count, int round) {
  const Clock::time_point start = Clock::now();
  for (int i = 0; i < count; ++i) {
    Sample sample("r" + std::to_string(round) + "-" + std::to_string(i) + "@cost.example");
    Check(store->Learn(sample.request), "learning");
  }
  return count / (Millis(Clock::now() - start) / 1000);
}

void MeasureLearnCost(const Args& args, const std::string& dir) {
  auto plain = OpenStore(dir + "/cost-plain", "");
  auto shared = OpenStore(dir + "/cost-shared", "a");
  std::vector<double> off;
  std::vector<double> on;
  for (int round = 0; round < 3; ++round) {
    off.push_back(LearnRate(plain.get(), args.backlog / 2, round));
    on.push_back(LearnRate(shared.get(), args.backlog / 2, round));
  }
  std::sort(off.begin(), off.end());
  std::sort(on.begin(), on.end());
  std::printf(
      "learn: %.0f msg/s without [cluster], %.0f msg/s with its outbox (medians of 3, "
      "%d messages each): %+.1f%%\n",
      off[1], on[1], args.backlog / 2, 100.0 * (on[1] - off[1]) / off[1]);
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = ParseArgs(argc, argv);
  std::string dir = args.dir;
  bool temporary = false;
  if (dir.empty()) {
    char name[] = "/tmp/cluster_bench.XXXXXX";
    if (mkdtemp(name) == nullptr) return 1;
    dir = name;
    temporary = true;
  }
  MeasureLag(args, dir);
  MeasureApply(args, dir);
  MeasureLearnCost(args, dir);
  if (temporary) std::filesystem::remove_all(dir);
  return 0;
}
