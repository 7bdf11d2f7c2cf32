// Sharing history between stores: the outbox every local change goes
// through, and other nodes' events applied exactly once.

#include <catch2/catch.hpp>
#include <filesystem>
#include <memory>
#include <string>
#include <vector>

#include "store/history_event.h"
#include "store/history_store.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

using test::Address;
using test::LinkTo;
using test::March2024;

StoreOptions NodeOptions(const std::string& path, const std::string& node) {
  StoreOptions options = test::AcmeOptions(path);
  options.cluster_node = node;
  return options;
}

Message FromPartner(const std::string& from, const std::string& id) {
  Message m;
  m.from = Address(from, "Partner");
  m.to = {Address("ann@acme.com")};
  m.subject = "Order " + id;
  m.message_id = id + "@partner.example";
  m.links = {LinkTo("r2.dev", "pub-ac94.r2.dev")};
  return m;
}

// A stream that numbers entries as Redis would: "<ms>-<n>".
class FakeStream {
 public:
  // Moves every event in `store`'s outbox to the stream.
  void Publish(HistoryStore* store) {
    std::vector<OutboxEvent> events;
    REQUIRE(store->replica()->ReadOutbox(1000, &events).ok());
    for (const OutboxEvent& event : events) Append(event.bytes);
    if (!events.empty()) REQUIRE(store->replica()->RemoveFromOutbox(events.back().sequence).ok());
  }
  void Append(std::string bytes) {
    entries_.push_back(
        StreamEntry{"1700000000000-" + std::to_string(entries_.size()), std::move(bytes)});
  }
  const std::vector<StreamEntry>& entries() const { return entries_; }

 private:
  std::vector<StreamEntry> entries_;
};

ApplyOutcome ApplyOrFail(HistoryStore* store, const std::vector<StreamEntry>& entries) {
  ApplyOutcome outcome;
  REQUIRE(store->replica()->ApplyStreamEntries(entries, &outcome).ok());
  return outcome;
}

SenderProfile ProfileOrFail(HistoryStore* store, const std::string& key) {
  SenderProfile profile;
  REQUIRE(store->GetSenderProfile(key, &profile).ok());
  return profile;
}

TEST_CASE("a history event survives encoding, and every damaged form is refused",
          "[store][cluster]") {
  HistoryEvent event;
  event.origin = "mx1";
  event.sequence = 300;
  event.time = March2024(4);
  event.changes = {
      {HistoryChange::Kind::kMerge, "sender_profile", "a@b.example", std::string("\x01\x02", 2)},
      {HistoryChange::Kind::kPut, "message_id", "id@x", "entry"},
      {HistoryChange::Kind::kDelete, "sender_profile", "gone", ""},
  };
  std::string bytes;
  EncodeHistoryEvent(event, &bytes);
  HistoryEvent decoded;
  REQUIRE(DecodeHistoryEvent(bytes, &decoded).ok());
  CHECK(decoded.origin == "mx1");
  CHECK(decoded.sequence == 300);
  CHECK(decoded.time == March2024(4));
  REQUIRE(decoded.changes.size() == 3);
  for (size_t i = 0; i < 3; ++i) {
    CHECK(decoded.changes[i].kind == event.changes[i].kind);
    CHECK(decoded.changes[i].family == event.changes[i].family);
    CHECK(decoded.changes[i].key == event.changes[i].key);
    CHECK(decoded.changes[i].value == event.changes[i].value);
  }

  for (size_t length = 0; length < bytes.size(); ++length) {
    INFO(length);
    const Status s = DecodeHistoryEvent(bytes.substr(0, length), &decoded);
    CHECK(s.IsCorruption());
    CHECK_THAT(s.message(), Catch::StartsWith("undecodable history event"));
  }
  CHECK(DecodeHistoryEvent(bytes + "x", &decoded).IsCorruption());
  std::string_view origin;
  REQUIRE(PeekHistoryEventOrigin(bytes, &origin));
  CHECK(origin == "mx1");
  CHECK_FALSE(PeekHistoryEventOrigin(bytes.substr(0, 2), &origin));
  // Without payment fingerprints an event keeps version 2's bytes, which
  // a Rapport before version 3 reads.
  CHECK(bytes[0] == 2);
  std::string newer = bytes;
  newer[0] = 4;
  CHECK_THAT(DecodeHistoryEvent(newer, &decoded).message(), Catch::Contains("version 4"));
  CHECK_FALSE(PeekHistoryEventOrigin(newer, &origin));
  // A node not yet upgraded to schema 5 writes version 1, the same bytes.
  std::string older = bytes;
  older[0] = 1;
  REQUIRE(DecodeHistoryEvent(older, &decoded).ok());
  CHECK(decoded.changes.size() == 3);
  CHECK(PeekHistoryEventOrigin(older, &origin));
}

TEST_CASE("an event with payment fingerprints names their key, as version 3",
          "[store][cluster][payment]") {
  HistoryEvent event;
  event.origin = "mx1";
  event.sequence = 7;
  event.changes = {{HistoryChange::Kind::kMerge, "sender_attribute", "x@b.example\x1fP\x1fi00",
                    std::string("\x01", 1)}};
  event.payment_key_id = "0123abcd";
  std::string bytes;
  EncodeHistoryEvent(event, &bytes);
  CHECK(bytes[0] == 3);
  HistoryEvent decoded;
  REQUIRE(DecodeHistoryEvent(bytes, &decoded).ok());
  CHECK(decoded.payment_key_id == "0123abcd");
  REQUIRE(decoded.changes.size() == 1);
  CHECK(decoded.changes[0].key == event.changes[0].key);
  for (size_t length = 0; length < bytes.size(); ++length) {
    INFO(length);
    CHECK(DecodeHistoryEvent(bytes.substr(0, length), &decoded).IsCorruption());
  }
  // Version 3 always names a key: one without is damaged.
  event.payment_key_id.clear();
  std::string without;
  EncodeHistoryEvent(event, &without);
  REQUIRE(without[0] == 2);
  without[0] = 3;
  CHECK(DecodeHistoryEvent(without, &decoded).IsCorruption());
}

TEST_CASE("another node's events teach this store exactly what they taught theirs",
          "[store][cluster]") {
  test::TempDir dir;
  auto a = test::OpenOrFail(NodeOptions(dir.Sub("a"), "a"));
  auto b = test::OpenOrFail(NodeOptions(dir.Sub("b"), "b"));
  REQUIRE(a->replica() != nullptr);

  // The relay (a) writes to a new partner; the MX (b) has its own history.
  Message outbound;
  outbound.from = Address("ann@acme.com");
  outbound.to = {Address("sales@partner.example")};
  outbound.message_id = "q1@acme.com";
  test::LearnOrFail(a.get(), outbound, Direction::kOutbound, March2024(4),
                    {"sales@partner.example"});
  test::LearnOrFail(b.get(), FromPartner("sales@partner.example", "o1"), Direction::kInbound,
                    March2024(4, 13), {"ann@acme.com"});
  test::LearnOrFail(a.get(), FromPartner("sales@partner.example", "o2"), Direction::kInbound,
                    March2024(5), {"ann@acme.com"});

  FakeStream stream;
  stream.Publish(a.get());
  stream.Publish(b.get());
  REQUIRE(stream.entries().size() == 3);
  std::vector<OutboxEvent> left;
  REQUIRE(a->replica()->ReadOutbox(10, &left).ok());
  CHECK(left.empty());

  const ApplyOutcome on_a = ApplyOrFail(a.get(), stream.entries());
  CHECK(on_a.own == 2);
  CHECK(on_a.applied == 1);
  const ApplyOutcome on_b = ApplyOrFail(b.get(), stream.entries());
  CHECK(on_b.own == 1);
  CHECK(on_b.applied == 2);
  CHECK(on_b.undecodable == 0);

  for (HistoryStore* store : {a.get(), b.get()}) {
    const SenderProfile partner = ProfileOrFail(store, "sales@partner.example");
    CHECK(partner.messages_sent == 2);
    CHECK(partner.messages_received == 1);
    CHECK(partner.first_seen == March2024(4));
    CHECK(partner.last_seen == March2024(5));
    Relationship relationship;
    REQUIRE(store->GetRelationship("sales@partner.example", "ann@acme.com", &relationship).ok());
    CHECK(relationship.inbound_messages == 2);
    CHECK(relationship.outbound_messages == 1);
    LinkDomainStats link;
    REQUIRE(store->GetLinkDomain("pub-ac94.r2.dev", &link).ok());
    CHECK(link.messages == 2);
    ThreadRecord thread;
    CHECK(store->FindThreadByMessageId("o1@partner.example", &thread).ok());
    CHECK(store->FindThreadByMessageId("q1@acme.com", &thread).ok());
  }

  // The same entries again (a publisher that crashed before clearing its
  // outbox re-sends them) change nothing.
  const ApplyOutcome again = ApplyOrFail(b.get(), stream.entries());
  CHECK(again.duplicates == 2);
  CHECK(again.applied == 0);
  CHECK(ProfileOrFail(b.get(), "sales@partner.example").messages_sent == 2);
  ReplicaState state;
  REQUIRE(b->replica()->DescribeReplica(&state).ok());
  CHECK(state.node == "b");
  CHECK(state.stream_position == stream.entries().back().id);
  CHECK(state.outbox_length == 0);
  CHECK(state.sequences == std::vector<std::pair<std::string, uint64_t>>{{"b", 1}, {"a", 2}});
}

TEST_CASE("what was applied, and the sequence, survive a reopen", "[store][cluster]") {
  test::TempDir dir;
  FakeStream stream;
  {
    auto a = test::OpenOrFail(NodeOptions(dir.Sub("a"), "a"));
    test::LearnOrFail(a.get(), FromPartner("x@partner.example", "1"), Direction::kInbound,
                      March2024(4), {"ann@acme.com"});
    stream.Publish(a.get());
  }
  {
    auto b = test::OpenOrFail(NodeOptions(dir.Sub("b"), "b"));
    CHECK(ApplyOrFail(b.get(), stream.entries()).applied == 1);
  }
  // a's next event after a restart with an empty outbox is a new one.
  {
    auto a = test::OpenOrFail(NodeOptions(dir.Sub("a"), "a"));
    test::LearnOrFail(a.get(), FromPartner("x@partner.example", "2"), Direction::kInbound,
                      March2024(5), {"ann@acme.com"});
    stream.Publish(a.get());
  }
  auto b = test::OpenOrFail(NodeOptions(dir.Sub("b"), "b"));
  const ApplyOutcome outcome = ApplyOrFail(b.get(), stream.entries());
  CHECK(outcome.duplicates == 1);
  CHECK(outcome.applied == 1);
  CHECK(ProfileOrFail(b.get(), "x@partner.example").messages_sent == 2);
}

TEST_CASE("a read-only view describes the node as its writer left it", "[store][cluster]") {
  test::TempDir dir;
  {
    auto a = test::OpenOrFail(NodeOptions(dir.path(), "a"));
    for (const char* id : {"1", "2"}) {
      test::LearnOrFail(a.get(), FromPartner("x@partner.example", id), Direction::kInbound,
                        March2024(4), {"ann@acme.com"});
    }
  }
  StoreOptions options = NodeOptions(dir.path(), "a");
  options.mode = StoreOptions::Mode::kReadOnly;
  auto view = test::OpenOrFail(options);
  ReplicaState state;
  REQUIRE(view->replica()->DescribeReplica(&state).ok());
  CHECK(state.outbox_length == 2);
  CHECK(state.stream_position == "0-0");
  CHECK(state.sequences == std::vector<std::pair<std::string, uint64_t>>{{"a", 2}});
}

TEST_CASE("undecodable entries and node-local families are skipped whole", "[store][cluster]") {
  test::TempDir dir;
  auto b = test::OpenOrFail(NodeOptions(dir.Sub("b"), "b"));
  FakeStream stream;
  stream.Append("not an event");
  HistoryEvent held;
  held.origin = "a";
  held.sequence = 1;
  held.changes = {
      {HistoryChange::Kind::kMerge, "sender_profile", "x@partner.example", std::string(80, '\0')},
      {HistoryChange::Kind::kPut, "held", "Q1", "forged"}};
  std::string bytes;
  EncodeHistoryEvent(held, &bytes);
  stream.Append(bytes);
  HistoryEvent future = held;
  future.sequence = 2;
  future.changes = {{HistoryChange::Kind::kMerge, "a_family_from_a_later_release", "k", "v"}};
  bytes.clear();
  EncodeHistoryEvent(future, &bytes);
  stream.Append(bytes);

  const ApplyOutcome outcome = ApplyOrFail(b.get(), stream.entries());
  CHECK(outcome.undecodable == 3);
  CHECK(outcome.applied == 0);
  CHECK_THAT(outcome.first_error, Catch::StartsWith("1700000000000-0: undecodable history event"));
  SenderProfile profile;
  CHECK(b->GetSenderProfile("x@partner.example", &profile).IsNotFound());
  HeldMessage message;
  CHECK(b->GetHeld("Q1", &message).IsNotFound());
  ReplicaState state;
  REQUIRE(b->replica()->DescribeReplica(&state).ok());
  CHECK(state.stream_position == "1700000000000-2");
}

TEST_CASE("index entries keep the one written last, whatever the order of arrival",
          "[store][cluster]") {
  test::TempDir dir;
  auto a = test::OpenOrFail(NodeOptions(dir.Sub("a"), "a"));
  auto b = test::OpenOrFail(NodeOptions(dir.Sub("b"), "b"));
  // The same reply learned on both: a's copy later than b's.
  Message reply = FromPartner("x@partner.example", "r1");
  reply.in_reply_to = "root-b@acme.com";
  test::LearnOrFail(b.get(), reply, Direction::kInbound, March2024(4), {"ann@acme.com"});
  reply.in_reply_to = "root-a@acme.com";
  test::LearnOrFail(a.get(), reply, Direction::kInbound, March2024(6), {"ann@acme.com"});
  FakeStream stream;
  stream.Publish(a.get());
  stream.Publish(b.get());
  ApplyOrFail(a.get(), stream.entries());
  ApplyOrFail(b.get(), stream.entries());
  for (HistoryStore* store : {a.get(), b.get()}) {
    ThreadRecord thread;
    REQUIRE(store->FindThreadByMessageId("r1@partner.example", &thread).ok());
    CHECK(thread.root_id == "root-a@acme.com");
  }
}

// The encoded events in `store`'s outbox, oldest first.
std::vector<std::string> OutboxOf(HistoryStore* store) {
  std::vector<OutboxEvent> events;
  REQUIRE(store->replica()->ReadOutbox(1000, &events).ok());
  std::vector<std::string> bytes;
  for (OutboxEvent& event : events) bytes.push_back(std::move(event.bytes));
  return bytes;
}

TEST_CASE("distinct counts are exact whichever node saw a member first and in any order",
          "[store][cluster]") {
  test::TempDir dir;
  auto a = test::OpenOrFail(NodeOptions(dir.Sub("a"), "a"));
  auto b = test::OpenOrFail(NodeOptions(dir.Sub("b"), "b"));
  const auto learn = [](HistoryStore* store, const std::string& from,
                        const std::vector<std::string>& to, int day) {
    Message m = FromPartner(from, from + std::to_string(day));
    m.links = {LinkTo("files.example", "share.files.example")};
    test::LearnOrFail(store, m, Direction::kInbound, March2024(day), to);
  };
  const auto observe = [](HistoryStore* store, const std::string& id, int day) {
    const Message m = FromPartner("billing@one.example", id);
    LearnRequest request;
    request.message = &m;
    request.direction = Direction::kInbound;
    request.now = March2024(day);
    request.recipients = {"ann@acme.com"};
    request.trust = LearnTrust::kObservedOnly;
    request.signal_contexts = {{"NEW_LINK_DOMAIN", "files.example"}};
    request.sender.established_organisation = "one.example";
    REQUIRE(store->Learn(request).ok());
  };
  // Before either hears of the other: both see x@one.example and ann first,
  // and one.example corroborating the same anomaly.
  learn(a.get(), "x@one.example", {"ann@acme.com", "bob@acme.com"}, 4);
  learn(a.get(), "z@three.example", {"ann@acme.com"}, 5);
  observe(a.get(), "obs-a", 5);
  learn(b.get(), "x@one.example", {"ann@acme.com", "carol@acme.com"}, 4);
  learn(b.get(), "y@two.example", {"ann@acme.com"}, 6);
  observe(b.get(), "obs-b", 6);
  const std::vector<std::string> from_a = OutboxOf(a.get());
  const std::vector<std::string> from_b = OutboxOf(b.get());
  REQUIRE(from_a.size() == 3);
  REQUIRE(from_b.size() == 3);

  // a and b apply each other's; c, d and e, empty nodes, apply both in
  // three orders: a's first, b's first, and one of each in turn.
  std::vector<std::unique_ptr<HistoryStore>> others;
  for (const char* node : {"c", "d", "e"}) {
    others.push_back(test::OpenOrFail(NodeOptions(dir.Sub(node), node)));
  }
  FakeStream a_then_b;
  FakeStream b_then_a;
  FakeStream alternating;
  for (const std::string& event : from_a) a_then_b.Append(event);
  for (const std::string& event : from_b) {
    a_then_b.Append(event);
    b_then_a.Append(event);
  }
  for (const std::string& event : from_a) b_then_a.Append(event);
  for (size_t i = 0; i < 3; ++i) {
    alternating.Append(from_b[i]);
    alternating.Append(from_a[i]);
  }
  CHECK(ApplyOrFail(a.get(), a_then_b.entries()).applied == 3);
  CHECK(ApplyOrFail(b.get(), b_then_a.entries()).applied == 3);
  CHECK(ApplyOrFail(others[0].get(), a_then_b.entries()).applied == 6);
  CHECK(ApplyOrFail(others[1].get(), b_then_a.entries()).applied == 6);
  // One entry per batch, as a slow applier reads them.
  for (const StreamEntry& entry : alternating.entries()) ApplyOrFail(others[2].get(), {entry});

  for (HistoryStore* store :
       {a.get(), b.get(), others[0].get(), others[1].get(), others[2].get()}) {
    for (const char* domain : {"files.example", "share.files.example"}) {
      INFO(domain);
      LinkDomainStats stats;
      REQUIRE(store->GetLinkDomain(domain, &stats).ok());
      CHECK(stats.messages == 4);
      CHECK(stats.distinct_senders == 3);     // x, y, z
      CHECK(stats.distinct_recipients == 3);  // ann, bob, carol
      CHECK(stats.first_seen == March2024(4));
      CHECK(stats.last_seen == March2024(6));
      std::vector<std::string> senders;
      REQUIRE(store->ListLinkDomainSenders(domain, 10, &senders).ok());
      CHECK(senders ==
            std::vector<std::string>{"x@one.example", "y@two.example", "z@three.example"});
    }
    AnomalyObservations observed;
    REQUIRE(store->GetObservations("NEW_LINK_DOMAIN", "files.example", 0, &observed).ok());
    CHECK(observed.messages == 2);
    CHECK(observed.organisations == 1);  // one.example, on both nodes
    CHECK(observed.corroboration_days == 1);
  }

  // Once converged, a member already known is not counted again anywhere.
  learn(b.get(), "z@three.example", {"bob@acme.com"}, 7);
  FakeStream later;
  for (const std::string& event : OutboxOf(b.get())) later.Append(event);
  ApplyOrFail(a.get(), later.entries());
  for (HistoryStore* store : {a.get(), b.get()}) {
    LinkDomainStats stats;
    REQUIRE(store->GetLinkDomain("files.example", &stats).ok());
    CHECK(stats.messages == 5);
    CHECK(stats.distinct_senders == 3);
    CHECK(stats.distinct_recipients == 3);
  }

  // one.example shows the anomaly again on a later day at a: it returns,
  // at b too, and only once however often it shows it.
  observe(a.get(), "obs-a2", 8);
  observe(a.get(), "obs-a3", 9);
  FakeStream returning;
  for (const std::string& event : OutboxOf(a.get())) returning.Append(event);
  ApplyOrFail(b.get(), returning.entries());
  for (HistoryStore* store : {a.get(), b.get()}) {
    AnomalyObservations observed;
    REQUIRE(store->GetObservations("NEW_LINK_DOMAIN", "files.example", 0, &observed).ok());
    CHECK(observed.organisations == 1);
    CHECK(observed.returning_organisations == 1);
  }
}

TEST_CASE("a store answers to the node that wrote it unless joined", "[store][cluster]") {
  test::TempDir dir;
  {
    auto a = test::OpenOrFail(NodeOptions(dir.Sub("a"), "a"));
    test::LearnOrFail(a.get(), FromPartner("x@partner.example", "1"), Direction::kInbound,
                      March2024(4), {"ann@acme.com"});
  }
  std::unique_ptr<HistoryStore> store;
  Status s = OpenRocksDbStore(NodeOptions(dir.Sub("a"), "c"), &store);
  REQUIRE(s.IsInvalidArgument());
  CHECK_THAT(s.message(), Catch::Contains("was written as cluster node 'a', not 'c'"));
  CHECK_THAT(s.message(), Catch::Contains("rapportctl cluster join"));

  StoreOptions own = NodeOptions(dir.Sub("a"), "a");
  own.join_from_copy = true;
  s = OpenRocksDbStore(own, &store);
  REQUIRE(s.IsInvalidArgument());
  CHECK_THAT(s.message(), Catch::Contains("already node 'a's own"));

  // The copy's unpublished event is a's to publish: c drops it and skips
  // it when it comes through the stream.
  std::vector<OutboxEvent> unpublished;
  {
    auto a = test::OpenOrFail(NodeOptions(dir.Sub("a"), "a"));
    REQUIRE(a->replica()->ReadOutbox(10, &unpublished).ok());
    REQUIRE(unpublished.size() == 1);
  }
  StoreOptions join = NodeOptions(dir.Sub("a"), "c");
  join.join_from_copy = true;
  auto c = test::OpenOrFail(join);
  std::vector<OutboxEvent> outbox;
  REQUIRE(c->replica()->ReadOutbox(10, &outbox).ok());
  CHECK(outbox.empty());
  FakeStream stream;
  stream.Append(unpublished.front().bytes);
  CHECK(ApplyOrFail(c.get(), stream.entries()).duplicates == 1);
  CHECK(ProfileOrFail(c.get(), "x@partner.example").messages_sent == 1);

  StoreOptions never = NodeOptions(dir.Sub("fresh"), "c");
  never.join_from_copy = true;
  s = OpenRocksDbStore(never, &store);
  REQUIRE(s.IsInvalidArgument());
  CHECK_THAT(s.message(), Catch::Contains("was never a cluster node's"));
}

TEST_CASE("a joined node fingerprints payment coordinates as the node it was copied from",
          "[store][cluster][payment]") {
  test::TempDir dir;
  { auto a = test::OpenOrFail(NodeOptions(dir.Sub("a"), "a")); }
  std::filesystem::copy(dir.Sub("a"), dir.Sub("b"), std::filesystem::copy_options::recursive);
  StoreOptions join = NodeOptions(dir.Sub("b"), "b");
  join.join_from_copy = true;
  auto b = test::OpenOrFail(join);
  auto a = test::OpenOrFail(NodeOptions(dir.Sub("a"), "a"));

  Message invoice = FromPartner("x@partner.example", "7");
  invoice.payment_coordinates = {
      {PaymentCoordinateKind::kIban, "DE89370400440532013000", "IBAN DE.. ending 3000"}};
  test::LearnOrFail(a.get(), invoice, Direction::kInbound, March2024(4), {"ann@acme.com"});
  FakeStream stream;
  stream.Publish(a.get());
  CHECK(ApplyOrFail(b.get(), stream.entries()).foreign_payment_key_origins.empty());

  std::string on_a, on_b;
  REQUIRE(a->GetPaymentFingerprint(invoice.payment_coordinates.front(), &on_a).ok());
  REQUIRE(b->GetPaymentFingerprint(invoice.payment_coordinates.front(), &on_b).ok());
  CHECK(on_a == on_b);
  SenderAttributeStats stats;
  CHECK(b->GetSenderAttribute("x@partner.example", SenderAttributeKind::kPaymentCoordinate, on_b,
                              &stats)
            .ok());
  CHECK(b->GetSenderAttribute("partner.example", SenderAttributeKind::kPaymentCoordinate, on_b,
                              &stats)
            .ok());
}

TEST_CASE("payment fingerprints made with another key are not applied, the rest is",
          "[store][cluster][payment]") {
  // Two nodes each upgraded on their own: each made its own key.
  test::TempDir dir;
  auto a = test::OpenOrFail(NodeOptions(dir.Sub("a"), "a"));
  auto b = test::OpenOrFail(NodeOptions(dir.Sub("b"), "b"));
  Message invoice = FromPartner("x@partner.example", "7");
  invoice.payment_coordinates = {
      {PaymentCoordinateKind::kIban, "DE89370400440532013000", "IBAN DE.. ending 3000"}};
  test::LearnOrFail(a.get(), invoice, Direction::kInbound, March2024(4), {"ann@acme.com"});
  FakeStream stream;
  stream.Publish(a.get());
  REQUIRE(stream.entries().size() == 1);
  HistoryEvent event;
  REQUIRE(DecodeHistoryEvent(stream.entries().front().event, &event).ok());
  CHECK(event.payment_key_id.size() == 8);

  const ApplyOutcome outcome = ApplyOrFail(b.get(), stream.entries());
  CHECK(outcome.applied == 1);
  CHECK(outcome.foreign_payment_key_origins == std::vector<std::string>{"a"});
  CHECK(ProfileOrFail(b.get(), "x@partner.example").messages_sent == 1);
  std::string on_a, on_b;
  REQUIRE(a->GetPaymentFingerprint(invoice.payment_coordinates.front(), &on_a).ok());
  REQUIRE(b->GetPaymentFingerprint(invoice.payment_coordinates.front(), &on_b).ok());
  REQUIRE(on_a != on_b);
  SenderAttributeStats stats;
  for (const std::string& fingerprint : {on_a, on_b}) {
    CHECK(b->GetSenderAttribute("x@partner.example", SenderAttributeKind::kPaymentCoordinate,
                                fingerprint, &stats)
              .IsNotFound());
  }

  // A Rapport before key ids sends payment fingerprints in version 2,
  // with no key to check: they are not applied either.
  event.sequence = 1;
  event.origin = "old";
  event.payment_key_id.clear();
  std::string older;
  EncodeHistoryEvent(event, &older);
  REQUIRE(older[0] == 2);
  FakeStream from_old;
  from_old.Append(older);
  const ApplyOutcome from_old_outcome = ApplyOrFail(b.get(), from_old.entries());
  CHECK(from_old_outcome.applied == 1);
  CHECK(from_old_outcome.foreign_payment_key_origins == std::vector<std::string>{"old"});
  CHECK(b->GetSenderAttribute("x@partner.example", SenderAttributeKind::kPaymentCoordinate, on_a,
                              &stats)
            .IsNotFound());
  CHECK(ProfileOrFail(b.get(), "x@partner.example").messages_sent == 2);
}

TEST_CASE("a store without a cluster node shares nothing", "[store][cluster]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  CHECK(store->replica() == nullptr);
  StoreOptions bulk = NodeOptions(dir.Sub("bulk"), "a");
  bulk.bulk_load = true;
  std::unique_ptr<HistoryStore> refused;
  CHECK(OpenRocksDbStore(bulk, &refused).IsInvalidArgument());
}

}  // namespace
}  // namespace rapport
