#include "milter/message_processor.h"

#include <catch2/catch.hpp>
#include <chrono>

#include "base/network.h"
#include "tests/milter/empty_store.h"

namespace rapport {
namespace {

// Answers every message with a fixed verdict and counts the calls.
class FixedScorer : public Scorer {
 public:
  FixedScorer(Verdict verdict, Status status) : verdict_(std::move(verdict)), status_(status) {}
  Status Score(const Message&, Direction, const HistoryReader&, int64_t,
               Verdict* out) const override {
    ++calls;
    if (!status_.ok()) return status_;
    *out = verdict_;
    return Status::Ok();
  }
  Status RefreshKnownNames(const HistoryReader&) const override { return Status::Ok(); }
  size_t KnownNameCount() const override { return 0; }
  mutable int calls = 0;

 private:
  Verdict verdict_;
  Status status_;
};

Verdict HoldVerdict() {
  Verdict verdict;
  verdict.score = 87;
  verdict.action = Action::kHold;
  verdict.signals.push_back(
      SignalHit{"FIRST_FILESHARE_DOMAIN", 45, 1, 45, "first link to pub-1.r2.dev", "pub-1.r2.dev"});
  verdict.signals.push_back(SignalHit{"GENERIC_LINK_TEXT", 20, 1, 20, "View Document", "r2.dev"});
  return verdict;
}

struct Fixture {
  explicit Fixture(Verdict verdict = Verdict{}, Status status = Status::Ok()) {
    auto owned = std::make_unique<FixedScorer>(std::move(verdict), status);
    scorer = owned.get();
    runtime.scorer = std::move(owned);
    runtime.config.local_domains = {"example.test"};
    runtime.config.scoring.local_domains = {"example.test"};
    Network internal;
    REQUIRE(ParseNetwork("10.0.0.0/8", &internal));
    runtime.config.internal_networks = {internal};
  }

  Status Evaluate(const Envelope& envelope, Evaluation* out,
                  std::chrono::steady_clock::time_point deadline =
                      std::chrono::steady_clock::now() + std::chrono::hours(1)) {
    CollectedMessage collected;
    collected.envelope = envelope;
    collected.raw = raw;
    collected.rapport_headers = &headers;
    collected.subject = "Statement";
    collected.dropped_bytes = dropped_bytes;
    return EvaluateMessage(runtime, store, collected, 1700000000, deadline, out);
  }

  Runtime runtime;
  FixedScorer* scorer = nullptr;
  test::EmptyStore store;
  RapportHeaderIndex headers;
  size_t dropped_bytes = 0;
  std::string raw =
      "From: Vendor <billing@vendor.test>\r\nTo: alice@example.test\r\n"
      "Subject: Statement\r\nMessage-ID: <m1@vendor.test>\r\n\r\n"
      "See https://pub-1.r2.dev/offline.html\r\n";
};

Envelope InboundEnvelope() {
  Envelope envelope;
  envelope.queue_id = "4ABC123";
  envelope.mail_from = "billing@vendor.test";
  envelope.rcpt_to = {"alice@example.test", "bob@example.test"};
  envelope.client_ip = "192.0.2.7";
  return envelope;
}

// Alice, on an internal network, writes to the vendor.
Envelope OutboundEnvelope() {
  Envelope envelope;
  envelope.mail_from = "alice@example.test";
  envelope.rcpt_to = {"billing@vendor.test"};
  envelope.client_ip = "10.1.2.3";
  return envelope;
}
constexpr const char* kOutboundRaw =
    "From: alice@example.test\r\nTo: billing@vendor.test\r\n\r\nhello\r\n";

TEST_CASE("Inbound mail is scored and planned from its verdict", "[milter][processor]") {
  Fixture fixture(HoldVerdict());
  Evaluation evaluation;
  REQUIRE(fixture.Evaluate(InboundEnvelope(), &evaluation).ok());
  CHECK(evaluation.route == Route::kInbound);
  CHECK(fixture.scorer->calls == 1);
  CHECK(evaluation.verdict.score == 87);
  CHECK(evaluation.plan.quarantine_reason ==
        "Rapport score 87: FIRST_FILESHARE_DOMAIN, GENERIC_LINK_TEXT");
  CHECK(evaluation.plan.subject == "[SUSPICIOUS] Statement");
  CHECK_FALSE(evaluation.plan.learn);
  CHECK(evaluation.plan.observe);  // held mail is recorded as observations only
  CHECK(evaluation.message.from.address == "billing@vendor.test");
  CHECK(MessageLogLine("4ABC123", evaluation) ==
        "4ABC123: inbound score=87 action=hold signals=FIRST_FILESHARE_DOMAIN,GENERIC_LINK_TEXT "
        "observed");
}

// The counters as "kind:name" strings, in order.
std::vector<std::string> CounterNames(const std::vector<StatsCount>& counts) {
  std::vector<std::string> names;
  for (const StatsCount& c : counts) {
    CHECK(c.count == 1);
    names.push_back(std::string(1, static_cast<char>(c.kind)) + ":" + c.name);
  }
  return names;
}

TEST_CASE("Held inbound mail counts its route, action, score, signals and hold",
          "[milter][processor][stats]") {
  Fixture fixture(HoldVerdict());
  Evaluation evaluation;
  REQUIRE(fixture.Evaluate(InboundEnvelope(), &evaluation).ok());
  CHECK(CounterNames(MessageStats(evaluation)) ==
        std::vector<std::string>{"r:inbound", "a:hold", "b:80", "s:FIRST_FILESHARE_DOMAIN",
                                 "s:GENERIC_LINK_TEXT", "h:held"});
}

TEST_CASE("Accepted inbound mail counts no hold; outbound mail counts only its route",
          "[milter][processor][stats]") {
  Fixture inbound;
  Evaluation accepted;
  REQUIRE(inbound.Evaluate(InboundEnvelope(), &accepted).ok());
  CHECK(CounterNames(MessageStats(accepted)) ==
        std::vector<std::string>{"r:inbound", "a:accept", "b:0"});

  Fixture outbound(HoldVerdict());
  const Envelope envelope = OutboundEnvelope();
  outbound.raw = kOutboundRaw;
  Evaluation evaluation;
  REQUIRE(outbound.Evaluate(envelope, &evaluation).ok());
  CHECK(CounterNames(MessageStats(evaluation)) == std::vector<std::string>{"r:outbound"});
}

TEST_CASE(
    "Answered mail is counted in the metrics by direction, action, signals and forged headers",
    "[milter][processor][metrics]") {
  MilterMetrics metrics({"FIRST_FILESHARE_DOMAIN", "GENERIC_LINK_TEXT", "FIRST_CONTACT"});
  Fixture inbound(HoldVerdict());
  inbound.headers.Add("X-Rapport-Score");
  inbound.headers.Add("X-Rapport-Signals");
  Evaluation held;
  REQUIRE(inbound.Evaluate(InboundEnvelope(), &held).ok());
  CountAnswered(held, &metrics);

  Fixture outbound(HoldVerdict());
  const Envelope envelope = OutboundEnvelope();
  outbound.raw = kOutboundRaw;
  Evaluation sent;
  REQUIRE(outbound.Evaluate(envelope, &sent).ok());
  CountAnswered(sent, &metrics);

  const MetricsSnapshot snapshot = metrics.Snapshot();
  const int inbound_route = static_cast<int>(Route::kInbound);
  const int outbound_route = static_cast<int>(Route::kOutbound);
  CHECK(snapshot.messages[inbound_route][static_cast<int>(Action::kHold)] == 1);
  CHECK(snapshot.messages[inbound_route][static_cast<int>(Action::kAccept)] == 0);
  // An outbound verdict is never acted on: counted as accepted, its signals not at all.
  CHECK(snapshot.messages[outbound_route][static_cast<int>(Action::kAccept)] == 1);
  CHECK(snapshot.messages[outbound_route][static_cast<int>(Action::kHold)] == 0);
  CHECK(snapshot.signals ==
        std::vector<std::pair<std::string, uint64_t>>{
            {"FIRST_CONTACT", 0}, {"FIRST_FILESHARE_DOMAIN", 1}, {"GENERIC_LINK_TEXT", 1}});
  CHECK(snapshot.forged_headers_removed == 2);
}

TEST_CASE("Outbound mail from an internal network is learned, not scored", "[milter][processor]") {
  Fixture fixture(HoldVerdict());
  const Envelope envelope = OutboundEnvelope();
  fixture.raw = kOutboundRaw;
  Evaluation evaluation;
  REQUIRE(fixture.Evaluate(envelope, &evaluation).ok());
  CHECK(evaluation.route == Route::kOutbound);
  CHECK(fixture.scorer->calls == 0);
  CHECK(evaluation.plan.learn);
  CHECK(evaluation.plan.add_headers.empty());
  CHECK(MessageLogLine("", evaluation) == "NOQUEUE: outbound action=accept learned");
}

TEST_CASE("Mail from an account to colleagues is internal: scored and held like inbound",
          "[milter][processor]") {
  Fixture fixture(HoldVerdict());
  Envelope envelope;
  envelope.queue_id = "5DEF456";
  envelope.mail_from = "alice@example.test";
  envelope.rcpt_to = {"bob@EXAMPLE.test", "billing@vendor.test"};
  envelope.sasl_user = "alice";
  fixture.raw = "From: alice@Example.Test\r\nTo: bob@example.test\r\n\r\nsign this\r\n";
  Evaluation evaluation;
  REQUIRE(fixture.Evaluate(envelope, &evaluation).ok());
  CHECK(evaluation.route == Route::kInternal);
  CHECK(fixture.scorer->calls == 1);
  CHECK(evaluation.plan.quarantine_reason.has_value());
  CHECK_FALSE(evaluation.plan.learn);  // held: learned only when released
  CHECK(MessageLogLine("5DEF456", evaluation) ==
        "5DEF456: internal score=87 action=hold "
        "signals=FIRST_FILESHARE_DOMAIN,GENERIC_LINK_TEXT observed");
  CHECK(CounterNames(MessageStats(evaluation)) ==
        std::vector<std::string>{"r:internal", "a:hold", "b:80", "s:FIRST_FILESHARE_DOMAIN",
                                 "s:GENERIC_LINK_TEXT", "h:held"});
}

TEST_CASE("Authenticated mail is outbound whatever the client address", "[milter][processor]") {
  Fixture fixture;
  Envelope envelope;
  envelope.mail_from = "alice@example.test";
  envelope.rcpt_to = {"billing@vendor.test"};
  envelope.client_ip = "198.51.100.4";
  envelope.sasl_user = "alice";
  Evaluation evaluation;
  REQUIRE(fixture.Evaluate(envelope, &evaluation).ok());
  CHECK(evaluation.route == Route::kOutbound);
}

TEST_CASE("Mail between two outside parties is transit", "[milter][processor]") {
  Fixture fixture(HoldVerdict());
  Envelope envelope;
  envelope.mail_from = "billing@vendor.test";
  envelope.rcpt_to = {"someone@elsewhere.test"};
  envelope.client_ip = "192.0.2.7";
  fixture.headers.Add("X-Rapport-Score");
  Evaluation evaluation;
  REQUIRE(fixture.Evaluate(envelope, &evaluation).ok());
  CHECK(evaluation.route == Route::kTransit);
  CHECK(fixture.scorer->calls == 0);
  CHECK_FALSE(evaluation.plan.learn);
  CHECK(evaluation.plan.remove_headers.size() == 1);
  CHECK(MessageLogLine("Q", evaluation) == "Q: transit action=accept removed_forged_headers=1");
}

TEST_CASE("A local sender from outside is inbound, not outbound", "[milter][processor]") {
  Fixture fixture;
  Envelope envelope = InboundEnvelope();
  envelope.mail_from = "ceo@example.test";
  Evaluation evaluation;
  REQUIRE(fixture.Evaluate(envelope, &evaluation).ok());
  CHECK(evaluation.route == Route::kInbound);
}

TEST_CASE("A scoring failure is returned for the failure policy", "[milter][processor]") {
  Fixture fixture(Verdict{}, Status::IoError("disk on fire"));
  Evaluation evaluation;
  const Status status = fixture.Evaluate(InboundEnvelope(), &evaluation);
  CHECK_FALSE(status.ok());
  CHECK(status.ToString().find("disk on fire") != std::string::npos);
  CHECK(evaluation.failure == FailureKind::kScore);
}

TEST_CASE("A passed deadline is a timeout error", "[milter][processor]") {
  Fixture fixture;
  Evaluation evaluation;
  const Status status = fixture.Evaluate(
      InboundEnvelope(), &evaluation, std::chrono::steady_clock::now() - std::chrono::seconds(1));
  CHECK_FALSE(status.ok());
  CHECK(status.ToString().find("timeout") != std::string::npos);
  CHECK(evaluation.failure == FailureKind::kTimeout);
}

TEST_CASE("Truncated mail is still scored and says so", "[milter][processor]") {
  Fixture fixture;
  fixture.dropped_bytes = 5000;
  Evaluation evaluation;
  REQUIRE(fixture.Evaluate(InboundEnvelope(), &evaluation).ok());
  CHECK(fixture.scorer->calls == 1);
  CHECK(evaluation.message.truncated.message_size);
  CHECK(MessageLogLine("Q", evaluation).find("truncated_bytes=5000") != std::string::npos);
}

TEST_CASE("The held-mail record carries envelope, verdict and links", "[milter][processor]") {
  Fixture fixture(HoldVerdict());
  Evaluation evaluation;
  REQUIRE(fixture.Evaluate(InboundEnvelope(), &evaluation).ok());
  const HeldMessage held = BuildHeldMessage(evaluation, 1700000100);
  CHECK(held.queue_id == "4ABC123");
  CHECK(held.mail_from == "billing@vendor.test");
  CHECK(held.rcpt_to == std::vector<std::string>{"alice@example.test", "bob@example.test"});
  CHECK(held.subject == "Statement");
  CHECK(held.message_id == "m1@vendor.test");
  CHECK(held.score == 87);
  REQUIRE(held.signals.size() == 2);
  CHECK(held.signals[0].name == "FIRST_FILESHARE_DOMAIN");
  CHECK(held.signals[0].evidence == "first link to pub-1.r2.dev");
  CHECK(held.signals[0].context == "pub-1.r2.dev");
  REQUIRE_FALSE(held.links.empty());
  CHECK(held.links[0].url.find("pub-1.r2.dev") != std::string::npos);
  CHECK(held.status == HeldStatus::kHeld);
  CHECK(held.received_at == 1700000100);
}

TEST_CASE("Learning uses the envelope recipients and the signal contexts", "[milter][processor]") {
  Verdict verdict = HoldVerdict();
  verdict.action = Action::kTag;
  Fixture fixture(verdict);
  Evaluation evaluation;
  REQUIRE(fixture.Evaluate(InboundEnvelope(), &evaluation).ok());
  REQUIRE(evaluation.plan.learn);
  const std::string subject = evaluation.message.subject;
  const DeliveredMessage delivered =
      TakeDelivered(&evaluation, fixture.runtime.config.local_domains, 1700000200);
  CHECK(delivered.queue_id == "4ABC123");
  REQUIRE(delivered.message != nullptr);
  const LearnRequest& request = delivered.request;
  CHECK(request.message == delivered.message.get());
  CHECK(request.message->subject == subject);
  CHECK_FALSE(request.message->links.empty());
  CHECK(request.message->text_body.empty());  // not queued: learning does not read it
  CHECK(request.direction == Direction::kInbound);
  CHECK(request.now == 1700000200);
  CHECK(request.recipients == std::vector<std::string>{"alice@example.test", "bob@example.test"});
  CHECK(request.signal_contexts ==
        std::vector<std::pair<std::string, std::string>>{{"FIRST_FILESHARE_DOMAIN", "pub-1.r2.dev"},
                                                         {"GENERIC_LINK_TEXT", "r2.dev"}});
  // What the log line and the answer read stays in the evaluation.
  CHECK(evaluation.verdict.action == Action::kTag);
  CHECK(evaluation.plan.learn);
}

}  // namespace
}  // namespace rapport
