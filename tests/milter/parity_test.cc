// Every detection figure is measured by parsing whole messages from an
// archive (ParseMessage, as rapportctl replay and explain do); users run the
// milter, which rebuilds each message from what libmilter hands it (fields
// one by one, folds as the MTA keeps them, the body in CRLF chunks). The
// two must give the same verdict, or the figures do not describe what users
// get: each message here is scored both ways, with the same envelope, against
// the same history at the same moment.

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <fstream>
#include <set>
#include <sstream>
#include <tuple>

#include "base/network.h"
#include "bench/detection/attack_eval/rewrite.h"
#include "message/organisation.h"
#include "message/parser.h"
#include "milter/message_processor.h"
#include "milter/route.h"
#include "scoring/delivery.h"
#include "tests/message/rich_message.h"
#include "tests/milter/hostile_mail.h"
#include "tests/milter/mta_feed.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

namespace fs = std::filesystem;

constexpr int64_t kNow = 1007373600;  // 3 Dec 2001, after every message here
const std::vector<std::string> kLocalDomains = {"enron.com", "corp.example", "example.test"};

// One message and the envelope it came with.
struct Case {
  std::string name;
  std::string raw;
  Envelope envelope;
};

std::string ReadFile(const fs::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The envelope a border MTA would give `raw`: the From address as MAIL FROM,
// its local To/Cc addresses (else a local mailbox) as RCPT TO, from outside.
Envelope EnvelopeFor(std::string_view raw) {
  Envelope envelope;
  envelope.queue_id = "4ABC123";
  envelope.client_ip = "203.0.113.9";
  Message message;
  if (ParseMessage(raw, Envelope{}, ParseOptions(), &message).ok()) {
    envelope.mail_from = message.from.address;
    for (const auto* list : {&message.to, &message.cc}) {
      for (const MailAddress& a : *list) {
        if (IsLocalAddress(a.address, kLocalDomains)) envelope.rcpt_to.push_back(a.address);
      }
    }
  }
  if (envelope.rcpt_to.empty()) envelope.rcpt_to = {"alice@corp.example"};
  return envelope;
}

// Messages rich in what signals read: the rich message in every written
// form a mail program or an MTA gives it, and the message and attack
// fixtures; the hostile messages are generated one at a time below.
std::vector<Case> Cases() {
  std::vector<Case> cases;
  cases.push_back({"rich", std::string(kRich), EnvelopeFor(kRich)});
  for (const char* name : {"crlf", "folded", "base64", "qp,encoded-words,folded,crlf",
                           "base64,encoded-words,folded,crlf", "filenames"}) {
    RewriteForms form;
    REQUIRE(ParseRewriteForms(name, &form));
    std::string raw = RewriteMessage(kRich, form);
    cases.push_back({std::string("rich ") + name, raw, EnvelopeFor(raw)});
  }
  for (const char* dir : {"message", "scoring/attacks"}) {
    for (const auto& entry : fs::directory_iterator(fs::path(RAPPORT_FIXTURES_DIR) / dir)) {
      if (entry.path().extension() != ".eml") continue;
      std::string raw = ReadFile(entry.path());
      cases.push_back({entry.path().filename().string(), raw, EnvelopeFor(raw)});
    }
  }
  return cases;
}

// A store with some history: the organisation has written to the senders of
// every other message, so that signals reading history fire both ways.
struct Fixture {
  // `max_recipients`: the RCPT TO the milter keeps (limits.max_recipients).
  explicit Fixture(size_t max_recipients = Config().max_recipients) {
    Config config;
    config.max_recipients = max_recipients;
    config.local_domains = kLocalDomains;
    config.scoring.local_domains = kLocalDomains;
    Network internal;
    REQUIRE(ParseNetwork("10.0.0.0/8", &internal));
    config.internal_networks = {internal};
    REQUIRE(BuildRuntime(config, &runtime).ok());
    StoreOptions options;
    options.path = dir.Sub("store");
    options.local_domains = kLocalDomains;
    store = test::OpenOrFail(options);
  }

  void LearnRepliesTo(const std::vector<Case>& cases) {
    for (size_t i = 0; i < cases.size(); i += 2) {
      Message original;
      if (!ParseMessage(cases[i].raw, Envelope{}, ParseOptions(), &original).ok()) continue;
      if (original.from.address.empty() || cases[i].envelope.rcpt_to.empty()) continue;
      Message reply;
      reply.from = test::Address(cases[i].envelope.rcpt_to.front());
      reply.to = {original.from};
      reply.subject = "Re: " + original.subject;
      reply.message_id = "reply-" + std::to_string(i) + "@corp.example";
      reply.date = kNow - 86400;
      test::LearnOrFail(store.get(), reply, Direction::kOutbound, kNow - 86400,
                        {original.from.address});
    }
    REQUIRE(runtime->scorer->RefreshKnownNames(*store).ok());
  }

  // The milter's verdict: `raw` fed as libmilter hands it, then evaluated.
  std::string ByMilter(const Case& c, const test::MtaFeed& feed) {
    InFlightMessages in_flight;
    MessageState state(runtime, &in_flight);
    for (const std::string& rcpt : c.envelope.rcpt_to) AddRecipient(rcpt, &state);
    state.envelope.mail_from = c.envelope.mail_from;
    state.envelope.client_ip = c.envelope.client_ip;
    state.envelope.sasl_user = c.envelope.sasl_user;
    state.envelope.queue_id = c.envelope.queue_id;
    test::FeedAsMta(test::WithMtaReceived(c.raw, c.envelope), feed, &state);
    Evaluation evaluation;
    const Status status =
        EvaluateMessage(*runtime, *store, Collected(state), kNow,
                        std::chrono::steady_clock::now() + std::chrono::hours(1), &evaluation);
    REQUIRE(status.ok());
    return test::DescribeVerdict(evaluation.route, evaluation.verdict);
  }

  // Replay's verdict: the archived message (the MTA's Received on top, as
  // delivered) parsed whole with the same envelope, as far as the milter
  // keeps it: RCPT TO past max_recipients is only counted (session.h).
  std::string ByArchive(const Case& c) {
    const Config& config = runtime->config;
    Envelope envelope = c.envelope;
    const bool dropped = envelope.rcpt_to.size() > config.max_recipients;
    if (dropped) envelope.rcpt_to.resize(config.max_recipients);
    Message message;
    REQUIRE(ParseMessage(test::WithMtaReceived(c.raw, c.envelope), envelope, config.parse, &message)
                .ok());
    message.truncated.recipients = dropped;
    const Route route = DecideRoute(message, config.local_domains, config.internal_networks);
    Verdict verdict;
    if (route == Route::kInbound || route == Route::kInternal) {
      const Direction direction =
          route == Route::kInternal ? Direction::kOutbound : Direction::kInbound;
      REQUIRE(runtime->scorer->Score(message, direction, *store, kNow, &verdict).ok());
    }
    return test::DescribeVerdict(route, verdict);
  }

  test::TempDir dir;
  std::shared_ptr<const Runtime> runtime;
  std::unique_ptr<HistoryStore> store;
};

TEST_CASE("The milter and an archive replay give every message the same verdict") {
  const std::vector<Case> cases = Cases();
  REQUIRE(cases.size() >= 15);
  Fixture fixture;
  fixture.LearnRepliesTo(cases);
  std::set<std::string> fired;
  auto compare = [&](const Case& c) {
    const std::string archived = fixture.ByArchive(c);
    // The chunk libmilter sends, and odd sizes that cut lines, CRLF pairs
    // and encoded words; folds as Postfix keeps them (LF) and in CRLF.
    for (const size_t chunk : {size_t{65535}, size_t{1}, size_t{7}, size_t{4093}}) {
      for (const std::string_view fold : {std::string_view("\n"), std::string_view("\r\n")}) {
        // Small chunks of a large message prove no more than of a small one.
        if (chunk < 4000 && c.raw.size() > 100000) continue;
        INFO(c.name << " chunk " << chunk << (fold == "\n" ? " LF folds" : " CRLF folds"));
        CHECK(fixture.ByMilter(c, test::MtaFeed{chunk, fold}) == archived);
      }
    }
    std::istringstream lines(archived);
    std::string line;
    while (std::getline(lines, line)) {
      if (line.starts_with("  ")) fired.insert(line.substr(2, line.find(' ', 2) - 2));
    }
  };
  for (const Case& c : cases) compare(c);
  // Every hostile message, one at a time (together they are over 70 MB):
  // past max_message_size the milter keeps what the parser would read.
  for (const std::string& name : test::HostileMailNames()) {
    test::HostileMail hostile = test::HostileMailNamed(name);
    hostile.envelope.client_ip = "203.0.113.9";
    compare(Case{hostile.name, std::move(hostile.raw), hostile.envelope});
  }
  // The comparison covers verdicts with signals, not only clean accepts.
  INFO("signals fired: " << fired.size());
  CHECK(fired.size() >= 8);
}

// The one difference that remains is in the facts, not in how a message is
// built: an archive holds no RCPT TO, so replay cannot see that a mailbox
// got a message as a blind copy (a Bcc, a list), which the milter reads
// from the envelope. bench/detection/parity --as-archived counts it.
TEST_CASE("Replay lacks the RCPT TO of a blind copy, which the milter reads") {
  Fixture fixture;
  Case bcc{"bcc", std::string(kRich), EnvelopeFor(kRich)};
  bcc.envelope.rcpt_to = {"zoe@corp.example"};  // in neither To nor Cc
  const std::string milter = fixture.ByMilter(bcc, test::MtaFeed{});
  CHECK(milter.find("HIDDEN_RECIPIENTS") != std::string::npos);
  CHECK(fixture.ByArchive(bcc) == milter);

  Message archived;  // as rapportctl replay reads it
  REQUIRE(ParseMessage(kRich, Envelope{}, ParseOptions(), &archived).ok());
  Verdict verdict;
  REQUIRE(
      fixture.runtime->scorer->Score(archived, Direction::kInbound, *fixture.store, kNow, &verdict)
          .ok());
  CHECK(test::DescribeVerdict(Route::kInbound, verdict).find("HIDDEN_RECIPIENTS") ==
        std::string::npos);
}

// The line of signal `name` in a DescribeVerdict() text, or "".
std::string SignalLine(const std::string& described, std::string_view name) {
  std::istringstream lines(described);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with("  " + std::string(name) + " ")) return line;
  }
  return "";
}

// How many readers one delivery reaches is the envelope's, which the
// milter reads from RCPT TO: a stranger's mail to one reader not named in
// To/Cc is how a list or a newsletter delivers (HIDDEN_RECIPIENTS at half),
// the same to three staff in one envelope is the BCC lure (full), and an
// envelope the milter cut to its max_recipients was not one reader's. The
// subject names no document, which would keep one reader at full strength.
TEST_CASE("The milter counts a blind copy's readers from RCPT TO") {
  const std::string raw =
      "From: Sales <sales@proposal-docs.test>\r\nTo: sales@proposal-docs.test\r\n"
      "Subject: Our spring catalogue\r\nMessage-ID: <proposal-1@proposal-docs.test>\r\n"
      "Date: Mon, 3 Dec 2001 09:00:00 +0000\r\n\r\n"
      "Please review: https://docview-share.test/d/7e58771927\r\n";
  Envelope envelope;
  envelope.queue_id = "6AB0123";
  envelope.mail_from = "sales@proposal-docs.test";
  envelope.client_ip = "203.0.113.9";
  envelope.rcpt_to = {"zoe@corp.example"};
  Envelope three = envelope;
  three.rcpt_to = {"zoe@corp.example", "yan@corp.example", "xu@corp.example"};

  Fixture fixture;
  const std::string one_reader = fixture.ByMilter(Case{"one", raw, envelope}, test::MtaFeed{});
  const std::string three_readers = fixture.ByMilter(Case{"three", raw, three}, test::MtaFeed{});
  INFO(one_reader << three_readers);
  CHECK(SignalLine(one_reader, "HIDDEN_RECIPIENTS")
            .find("1 of 1 internal recipients were blind copies (not in To or Cc) (one reader "
                  "here") != std::string::npos);
  CHECK(SignalLine(three_readers, "HIDDEN_RECIPIENTS")
            .find("3 of 3 internal recipients were blind copies (not in To or Cc), from") !=
        std::string::npos);
  CHECK(one_reader.find("action=tag") != std::string::npos);
  CHECK(three_readers.find("action=hold") != std::string::npos);
  CHECK(fixture.ByArchive(Case{"one", raw, envelope}) == one_reader);

  // limits.max_recipients = 1 keeps zoe of the three: still several readers.
  Fixture cut(1);
  const std::string kept_one = cut.ByMilter(Case{"cut", raw, three}, test::MtaFeed{});
  INFO(kept_one);
  CHECK(SignalLine(kept_one, "HIDDEN_RECIPIENTS").find("one reader here") == std::string::npos);
  CHECK(kept_one.find("action=hold") != std::string::npos);
}

// Mail from an account to colleagues, logged in (SASL) or from an
// internal network, reaches the scorer as internal mail
// (EvaluateMessage(), DecideRoute()): LOOKALIKE_DOMAIN reads its links
// for a brand's dress there, as the lateral tests score it directly.
TEST_CASE("The milter scores a colleague's link dressed as a brand as internal mail") {
  Fixture fixture;
  const std::string raw =
      "From: Alice <alice@corp.example>\r\nTo: bob@corp.example\r\n"
      "Subject: Please review\r\nMessage-ID: <review-1@corp.example>\r\n"
      "Date: Mon, 3 Dec 2001 09:00:00 +0000\r\n\r\n"
      "The contract: https://adobe-docview-b2c.com/d/7e58771927\r\n";
  Envelope envelope;
  envelope.queue_id = "5DEF456";
  envelope.mail_from = "alice@corp.example";
  envelope.rcpt_to = {"bob@corp.example"};
  Envelope logged_in = envelope;
  logged_in.client_ip = "198.51.100.4";
  logged_in.sasl_user = "alice";
  Envelope on_network = envelope;
  on_network.client_ip = "10.1.2.3";
  for (const Envelope& internal : {logged_in, on_network}) {
    INFO(internal.client_ip);
    const Case c{"internal", raw, internal};
    const std::string milter = fixture.ByMilter(c, test::MtaFeed{});
    INFO(milter);
    CHECK(milter.starts_with("internal "));
    CHECK(SignalLine(milter, "LOOKALIKE_DOMAIN")
              .find("[adobe-docview-b2c.com] internal mail links adobe-docview-b2c.com: "
                    "adobe-docview-b2c.com looks like adobe") != std::string::npos);
    CHECK(fixture.ByArchive(c) == milter);
  }
  // The same message from outside is inbound, read as inbound mail.
  Envelope outside = envelope;
  outside.client_ip = "203.0.113.9";
  const std::string inbound = fixture.ByMilter(Case{"spoofed", raw, outside}, test::MtaFeed{});
  INFO(inbound);
  CHECK(inbound.starts_with("inbound "));
  const std::string from_outside = SignalLine(inbound, "LOOKALIKE_DOMAIN");
  CHECK(from_outside.find("[adobe-docview-b2c.com] adobe-docview-b2c.com looks like adobe") !=
        std::string::npos);
}

TEST_CASE("The libmilter feed rebuilds fields and body as the MTA hands them") {
  test::TempDir dir;
  Config config;
  std::shared_ptr<const Runtime> runtime;
  REQUIRE(BuildRuntime(config, &runtime).ok());
  InFlightMessages in_flight;
  MessageState state(runtime, &in_flight);
  test::FeedAsMta("Subject:  two\n\tlines\nX-Rapport-Score : 1\nTo:a@b.example\n\nbody\nend\n",
                  test::MtaFeed{3, "\n"}, &state);
  CHECK(state.buffer.raw() ==
        "Subject:  two\n\tlines\r\nX-Rapport-Score: 1\r\nTo: a@b.example\r\n\r\nbody\r\nend\r\n");
  REQUIRE(state.subject.has_value());
  CHECK(*state.subject == " two\n\tlines");
  CHECK(state.rapport_headers.size() == 1);
}

}  // namespace
}  // namespace rapport
