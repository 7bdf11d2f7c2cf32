// Publishing, applying and the replicator against a real redis-server on
// loopback.

#include <catch2/catch.hpp>
#include <chrono>
#include <mutex>
#include <thread>

#include "cluster/cluster_status.h"
#include "cluster/outbox_publisher.h"
#include "cluster/replicator.h"
#include "cluster/stream_applier.h"
#include "tests/cluster/redis_server.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

using test::Address;
using test::March2024;

ClusterOptions Options(const test::RedisServer& redis, const std::string& node) {
  ClusterOptions options;
  options.redis = redis.options();
  options.node = node;
  options.key_prefix = "test:";
  options.read_block = std::chrono::milliseconds(50);
  options.retry_interval = std::chrono::milliseconds(50);
  return options;
}

std::unique_ptr<HistoryStore> OpenNode(const test::TempDir& dir, const std::string& node) {
  StoreOptions options = test::AcmeOptions(dir.Sub(node));
  options.cluster_node = node;
  return test::OpenOrFail(options);
}

Message Inbound(const std::string& from, const std::string& id) {
  Message m;
  m.from = Address(from);
  m.to = {Address("ann@acme.com")};
  m.message_id = id;
  return m;
}

uint64_t MessagesSent(HistoryStore* store, const std::string& sender) {
  SenderProfile profile;
  const Status status = store->GetSenderProfile(sender, &profile);
  return status.ok() ? profile.messages_sent : 0;
}

size_t OutboxLength(HistoryStore* store) {
  ReplicaState state;
  REQUIRE(store->replica()->DescribeReplica(&state).ok());
  return state.outbox_length;
}

uint64_t Stat(HistoryStore* store, const char* name) {
  std::vector<StatsCount> counts;
  REQUIRE(store->ReadStats(0, &counts).ok());
  for (const StatsCount& count : counts) {
    if (count.kind == StatsKind::kCluster && count.name == name) return count.count;
  }
  return 0;
}

// Polls `done` every 20 ms; a hang guard of two minutes, not a speed bound.
template <typename Done>
bool Eventually(Done done) {
  for (int i = 0; i < 6000; ++i) {
    if (done()) return true;
    std::this_thread::sleep_for(std::chrono::milliseconds(20));
  }
  return done();
}

// Two nodes' stores and a client of the Redis between them.
struct TwoNodes {
  test::RedisServer redis;
  test::TempDir dir;
  std::unique_ptr<HistoryStore> a = OpenNode(dir, "a");
  std::unique_ptr<HistoryStore> b = OpenNode(dir, "b");
  std::unique_ptr<RedisClient> client = redis.Client();
};

TEST_CASE_METHOD(TwoNodes, "events go through the stream to the other node, once", "[cluster]") {
  for (int i = 0; i < 3; ++i) {
    test::LearnOrFail(a.get(), Inbound("x@partner.example", "m" + std::to_string(i)),
                      Direction::kInbound, March2024(4, i), {"ann@acme.com"});
  }
  const ClusterOptions on_a = Options(redis, "a");
  size_t published = 0;
  REQUIRE(PublishOutbox(on_a, client.get(), a->replica(), &published).ok());
  CHECK(published == 3);
  CHECK(OutboxLength(a.get()) == 0);
  RedisReply length;
  REQUIRE(client->Run({"XLEN", "test:history"}, &length).ok());
  CHECK(length.integer == 3);

  const ClusterOptions on_b = Options(redis, "b");
  ApplyOutcome outcome;
  REQUIRE(ApplyStream(on_b, client.get(), b->replica(), &outcome).ok());
  CHECK(outcome.applied == 3);
  CHECK(MessagesSent(b.get(), "x@partner.example") == 3);
  // Nothing new: the read times out and applies nothing.
  REQUIRE(ApplyStream(on_b, client.get(), b->replica(), &outcome).ok());
  CHECK(outcome.applied == 0);
  CHECK(MessagesSent(b.get(), "x@partner.example") == 3);

  // Each node's progress is in its hash for `rapportctl cluster status`.
  RedisReply hash;
  REQUIRE(client->Run({"HGET", "test:node:a", "published_sequence"}, &hash).ok());
  CHECK(hash.text == "3");
  std::string position;
  REQUIRE(b->replica()->GetStreamPosition(&position).ok());
  REQUIRE(client->Run({"HGET", "test:node:b", "applied_position"}, &hash).ok());
  CHECK(hash.text == position);
  REQUIRE(client->Run({"SISMEMBER", "test:nodes", "a"}, &hash).ok());
  CHECK(hash.integer == 1);

  // The stream keeps what a node has still to read: a has read nothing yet.
  uint64_t trimmed = 0;
  REQUIRE(TrimStream(on_a, client.get(), &trimmed).ok());
  CHECK(trimmed == 0);
  REQUIRE(ApplyStream(on_a, client.get(), a->replica(), &outcome).ok());
  CHECK(outcome.own == 3);
  REQUIRE(TrimStream(on_a, client.get(), &trimmed).ok());
  CHECK(trimmed == 2);  // all but the last, which both have applied
  REQUIRE(client->Run({"XLEN", "test:history"}, &length).ok());
  CHECK(length.integer == 1);
}

TEST_CASE_METHOD(TwoNodes, "an entry that cannot be decoded is skipped and the stream goes on",
                 "[cluster]") {
  RedisReply reply;
  REQUIRE(client->Run({"XADD", "test:history", "*", "e", "garbage"}, &reply).ok());
  REQUIRE(client->Run({"XADD", "test:history", "*", "other", "field"}, &reply).ok());
  test::LearnOrFail(a.get(), Inbound("x@partner.example", "m1"), Direction::kInbound, March2024(4),
                    {"ann@acme.com"});
  size_t published = 0;
  REQUIRE(PublishOutbox(Options(redis, "a"), client.get(), a->replica(), &published).ok());
  ApplyOutcome outcome;
  REQUIRE(ApplyStream(Options(redis, "b"), client.get(), b->replica(), &outcome).ok());
  CHECK(outcome.undecodable == 2);
  CHECK(outcome.applied == 1);
  CHECK_THAT(outcome.first_error, Catch::Contains("undecodable history event"));
  CHECK(MessagesSent(b.get(), "x@partner.example") == 1);
}

TEST_CASE("while Redis is away events wait in the outbox", "[cluster]") {
  test::RedisServer redis;
  test::TempDir dir;
  auto a = OpenNode(dir, "a");
  auto client = redis.Client();
  redis.Stop();
  test::LearnOrFail(a.get(), Inbound("x@partner.example", "m1"), Direction::kInbound, March2024(4),
                    {"ann@acme.com"});
  size_t published = 0;
  Status status = PublishOutbox(Options(redis, "a"), client.get(), a->replica(), &published);
  REQUIRE(status.IsIoError());
  CHECK_THAT(status.message(), Catch::StartsWith("redis " + redis.address()));
  CHECK(client->broken());
  CHECK(OutboxLength(a.get()) == 1);

  std::unique_ptr<RedisClient> refused;
  status = RedisClient::Connect(redis.options(), &refused);
  REQUIRE(status.IsIoError());
  CHECK_THAT(status.message(), Catch::Contains("cannot connect"));

  redis.Start();
  client = redis.Client();
  REQUIRE(PublishOutbox(Options(redis, "a"), client.get(), a->replica(), &published).ok());
  CHECK(published == 1);
  CHECK(OutboxLength(a.get()) == 0);
}

TEST_CASE("a wrong password is one line naming the address and the key", "[cluster]") {
  test::RedisServer redis("right");
  RedisOptions options = redis.options();
  options.password = "wrong";
  std::unique_ptr<RedisClient> client;
  const Status status = RedisClient::Connect(options, &client);
  REQUIRE(status.IsIoError());
  CHECK_THAT(status.message(),
             Catch::StartsWith("redis " + redis.address() + " refused the password"));
  CHECK_THAT(status.message(), Catch::Contains("password_file"));
  CHECK(status.message().find('\n') == std::string::npos);
  CHECK(redis.Client() != nullptr);  // the right one works
}

// Log lines gathered from the replicator's threads.
class Lines {
 public:
  Replicator::LogLine Sink() {
    return [this](const std::string& line) {
      std::lock_guard<std::mutex> lock(mutex_);
      lines_.push_back(line);
    };
  }
  size_t CountContaining(const std::string& text) {
    std::lock_guard<std::mutex> lock(mutex_);
    return std::count_if(lines_.begin(), lines_.end(), [&](const std::string& line) {
      return line.find(text) != std::string::npos;
    });
  }

 private:
  std::mutex mutex_;
  std::vector<std::string> lines_;
};

// A replicator running on `store` alone.
auto GetterOf(std::shared_ptr<HistoryStore> store) {
  return [store](std::shared_ptr<HistoryStore>* out) {
    *out = store;
    return Status::Ok();
  };
}

TEST_CASE("two replicators converge through an outage of Redis, counting exactly", "[cluster]") {
  test::RedisServer redis;
  test::TempDir dir;
  std::shared_ptr<HistoryStore> a = OpenNode(dir, "a");
  std::shared_ptr<HistoryStore> b = OpenNode(dir, "b");
  Lines errors;
  Lines infos;
  Replicator on_a(Options(redis, "a"), GetterOf(a), errors.Sink(), infos.Sink());
  Replicator on_b(Options(redis, "b"), GetterOf(b), errors.Sink(), infos.Sink());
  on_a.Start();
  on_b.Start();

  const auto learn = [](HistoryStore* store, const std::string& id, int hour) {
    test::LearnOrFail(store, Inbound("x@partner.example", id), Direction::kInbound,
                      March2024(4, hour), {"ann@acme.com"});
  };
  learn(a.get(), "a1", 1);
  learn(b.get(), "b1", 2);
  REQUIRE(Eventually([&] {
    return MessagesSent(a.get(), "x@partner.example") == 2 &&
           MessagesSent(b.get(), "x@partner.example") == 2;
  }));

  redis.Stop();
  for (int i = 0; i < 5; ++i) {
    learn(a.get(), "a-out" + std::to_string(i), 3 + i);
    learn(b.get(), "b-out" + std::to_string(i), 3 + i);
  }
  // Each thread says once that Redis is away, however often it retries.
  REQUIRE(Eventually([&] { return errors.CountContaining("retrying every") >= 4; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // several retries
  CHECK(errors.CountContaining("retrying every") == 4);
  CHECK(errors.CountContaining("redis " + redis.address()) == 4);
  CHECK(MessagesSent(a.get(), "x@partner.example") == 7);  // scoring reads its own history
  CHECK(OutboxLength(a.get()) == 5);

  redis.Start();
  REQUIRE(Eventually([&] {
    return MessagesSent(a.get(), "x@partner.example") == 12 &&
           MessagesSent(b.get(), "x@partner.example") == 12 && OutboxLength(a.get()) == 0 &&
           OutboxLength(b.get()) == 0;
  }));
  on_a.Stop();
  on_b.Stop();
  CHECK(infos.CountContaining("working again") == 4);
  for (HistoryStore* store : {a.get(), b.get()}) {
    SenderProfile profile;
    REQUIRE(store->GetSenderProfile("x@partner.example", &profile).ok());
    CHECK(profile.messages_sent == 12);
    CHECK(profile.first_seen == March2024(4, 1));
    CHECK(profile.last_seen == March2024(4, 7));
    CHECK(Stat(store, kReplicationFailures) == 2);
    CHECK(Stat(store, kPublishedEvents) == 6);
    CHECK(Stat(store, kAppliedEvents) == 6);
  }
}

TEST_CASE("a replicator logs and counts an entry it cannot apply, and goes on", "[cluster]") {
  test::RedisServer redis;
  test::TempDir dir;
  std::shared_ptr<HistoryStore> a = OpenNode(dir, "a");
  std::shared_ptr<HistoryStore> b = OpenNode(dir, "b");
  auto client = redis.Client();
  RedisReply reply;
  REQUIRE(client->Run({"XADD", "test:history", "*", "e", "garbage"}, &reply).ok());
  test::LearnOrFail(a.get(), Inbound("x@partner.example", "m1"), Direction::kInbound, March2024(4),
                    {"ann@acme.com"});
  size_t published = 0;
  REQUIRE(PublishOutbox(Options(redis, "a"), client.get(), a->replica(), &published).ok());

  Lines errors;
  Replicator on_b(Options(redis, "b"), GetterOf(b), errors.Sink(), [](const std::string&) {});
  on_b.Start();
  REQUIRE(Eventually([&] { return MessagesSent(b.get(), "x@partner.example") == 1; }));
  on_b.Stop();
  CHECK(errors.CountContaining("cluster applier: skipped 1 stream entries it cannot apply "
                               "(first: ") == 1);
  CHECK(errors.CountContaining("undecodable history event") == 1);
  CHECK(Stat(b.get(), kUndecodableEvents) == 1);
  CHECK(Stat(b.get(), kAppliedEvents) == 1);
}

TEST_CASE("a peer with another payment key is named once, with the fix", "[cluster][payment]") {
  // a and b were each made on their own, so each has its own key.
  test::RedisServer redis;
  test::TempDir dir;
  std::shared_ptr<HistoryStore> a = OpenNode(dir, "a");
  std::shared_ptr<HistoryStore> b = OpenNode(dir, "b");
  auto client = redis.Client();
  for (const std::string id : {"m1", "m2"}) {
    Message invoice = Inbound("x@partner.example", id);
    invoice.payment_coordinates = {
        {PaymentCoordinateKind::kIban, "DE89370400440532013000", "IBAN DE.. ending 3000"}};
    test::LearnOrFail(a.get(), invoice, Direction::kInbound, March2024(4), {"ann@acme.com"});
    size_t published = 0;
    REQUIRE(PublishOutbox(Options(redis, "a"), client.get(), a->replica(), &published).ok());
  }

  Lines errors;
  Replicator on_b(Options(redis, "b"), GetterOf(b), errors.Sink(), [](const std::string&) {});
  on_b.Start();
  REQUIRE(Eventually([&] { return MessagesSent(b.get(), "x@partner.example") == 2; }));
  on_b.Stop();
  CHECK(errors.CountContaining("node b refuses the payment fingerprints of node a") == 1);
  CHECK(errors.CountContaining("rapportctl cluster join") == 1);

  // cluster status on b names a, from the key id a's publisher recorded.
  ReplicaState on_b_state;
  REQUIRE(b->replica()->DescribeReplica(&on_b_state).ok());
  ClusterStatus shared;
  REQUIRE(ReadClusterStatus(Options(redis, "b"), &shared).ok());
  REQUIRE(!shared.nodes.empty());
  REQUIRE(shared.nodes[0].name == "a");
  CHECK(shared.nodes[0].payment_key_id == a->replica()->PaymentKeyIdOfStore());
  CHECK_FALSE(on_b_state.payment_key_id.empty());
  CHECK(RefusesPaymentFingerprints(on_b_state.payment_key_id, shared.nodes[0]));
  // a itself, sharing its own key, refuses nothing of its own.
  CHECK_FALSE(RefusesPaymentFingerprints(a->replica()->PaymentKeyIdOfStore(), shared.nodes[0]));
  std::string on_b_fingerprint;
  REQUIRE(b->GetPaymentFingerprint({PaymentCoordinateKind::kIban, "DE89370400440532013000", ""},
                                   &on_b_fingerprint)
              .ok());
  SenderAttributeStats stats;
  CHECK(b->GetSenderAttribute("x@partner.example", SenderAttributeKind::kPaymentCoordinate,
                              on_b_fingerprint, &stats)
            .IsNotFound());
  CHECK(Stat(b.get(), kAppliedEvents) == 2);
}

TEST_CASE("a replicator with a wrong password says so once and keeps the outbox", "[cluster]") {
  test::RedisServer redis("right");
  test::TempDir dir;
  std::shared_ptr<HistoryStore> a = OpenNode(dir, "a");
  test::LearnOrFail(a.get(), Inbound("x@partner.example", "m1"), Direction::kInbound, March2024(4),
                    {"ann@acme.com"});
  ClusterOptions options = Options(redis, "a");
  options.redis.password = "wrong";
  Lines errors;
  Replicator on_a(options, GetterOf(a), errors.Sink(), [](const std::string&) {});
  on_a.Start();
  REQUIRE(Eventually([&] { return errors.CountContaining("refused the password") == 2; }));
  std::this_thread::sleep_for(std::chrono::milliseconds(300));  // several retries
  on_a.Stop();
  CHECK(errors.CountContaining("refused the password") == 2);  // publisher and applier
  CHECK(errors.CountContaining("check [cluster] password_file") == 2);
  CHECK(Stat(a.get(), kReplicationFailures) == 2);
  CHECK(OutboxLength(a.get()) == 1);
  CHECK(MessagesSent(a.get(), "x@partner.example") == 1);
}

}  // namespace
}  // namespace rapport
