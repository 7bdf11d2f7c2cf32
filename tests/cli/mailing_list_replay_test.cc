// A mailing list replayed as rapportctl replay does (score, then learn what
// is delivered) into a real store: what the store learns of a list is what
// scoring reads back, so that the list becomes familiar by itself.

#include <catch2/catch.hpp>
#include <fstream>
#include <memory>
#include <sstream>
#include <string>

#include "message/organisation.h"
#include "message/parser.h"
#include "scoring/delivery.h"
#include "scoring/scorer.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

const std::string kFixture = std::string(RAPPORT_FIXTURES_DIR) + "/message/list_mailman.eml";

// `text` with the first line starting with `field` replaced by `line`.
std::string WithHeader(std::string text, std::string_view field, const std::string& line) {
  const size_t start = text.find(std::string(field) + ":");
  REQUIRE(start != std::string::npos);
  text.replace(start, text.find("\r\n", start) - start, line);
  return text;
}

// The fixture's list post as `poster` sent it on `day` of August 2002:
// a new thread, or a reply when `subject` starts with "Re:".
std::string Post(const std::string& poster, int day, const std::string& subject) {
  std::ifstream in(kFixture, std::ios::binary);
  REQUIRE(in.good());
  std::stringstream buffer;
  buffer << in.rdbuf();
  std::string text = buffer.str();
  text = WithHeader(text, "From", "From: " + poster);
  text = WithHeader(text, "Message-Id", "Message-Id: <" + std::to_string(day) + "." + poster + ">");
  text = WithHeader(text, "Date", "Date: " + std::to_string(day) + " Aug 2002 12:00:00 +0000");
  text = WithHeader(text, "Subject", "Subject: " + subject);
  if (subject.rfind("Re:", 0) != 0) text = WithHeader(text, "In-Reply-To", "X-No-Reply: 1");
  return text;
}

class ListReplay {
 public:
  explicit ListReplay(const std::string& dir) {
    options_.local_domains = {"corp.example"};
    REQUIRE(Scorer::Create(options_, &scorer_).ok());
    StoreOptions store_options;
    store_options.path = dir;
    store_options.local_domains = options_.local_domains;
    store_ = test::OpenOrFail(store_options);
  }

  // Scores the raw message as of its Date, then learns it when delivered.
  Verdict Replay(const std::string& raw) {
    Message message;
    REQUIRE(ParseMessage(raw, Envelope(), ParseOptions(), &message).ok());
    REQUIRE(message.date.has_value());
    const Direction direction = ArchiveDirection(message, options_.local_domains);
    Verdict verdict;
    REQUIRE(ScoreAndLearn(*scorer_, store_.get(), message, direction, *message.date,
                          EffectiveRecipients(message, options_.local_domains), &verdict)
                .ok());
    return verdict;
  }

 private:
  ScoringOptions options_;
  std::unique_ptr<Scorer> scorer_;
  std::unique_ptr<HistoryStore> store_;
};

const SignalHit* Hit(const Verdict& verdict, std::string_view name) {
  for (const SignalHit& hit : verdict.signals) {
    if (hit.name == name) return &hit;
  }
  return nullptr;
}

TEST_CASE("A list becomes familiar by replay: its readers stop being hidden recipients",
          "[list][replay]") {
  test::TempDir dir;
  ListReplay replay(dir.path());

  // Its first post: a first contact whose reader is not in To/Cc, which the
  // list, new to history, explains; the first contact itself still counts.
  Verdict first = replay.Replay(Post("alice@university.example", 1, "[Exmh] sequences lost"));
  CHECK(Hit(first, "HIDDEN_RECIPIENTS") == nullptr);
  REQUIRE(Hit(first, "FIRST_CONTACT") != nullptr);
  CHECK(Hit(first, "FIRST_CONTACT")->strength == 1.0);
  CHECK(Hit(first, "REPLY_TO_DIVERTED") == nullptr);  // a first contact's reply to its list
  REQUIRE((first.action == Action::kAccept || first.action == Action::kTag));
  replay.Replay(Post("bob@isp.example", 2, "[Exmh] colour of unseen"));
  replay.Replay(Post("carol@college.example", 3, "[Exmh] mh-e vs exmh"));

  // Three delivered posts over three days later, a new poster's reply.
  Verdict reply = replay.Replay(Post("dave@lab.example", 4, "Re: [Exmh] sequences lost"));
  INFO("score " << reply.score);
  CHECK(Hit(reply, "HIDDEN_RECIPIENTS") == nullptr);
  CHECK(Hit(reply, "REPLY_TO_DIVERTED") == nullptr);
  const SignalHit* first_contact = Hit(reply, "FIRST_CONTACT");
  REQUIRE(first_contact != nullptr);
  CHECK(first_contact->evidence.find("mailing list exmh-users.lists.example.org "
                                     "(exmh-users@lists.example.org, 3 messages since "
                                     "2002-08-01)") != std::string::npos);
  CHECK(reply.action == Action::kAccept);
}

// A post written to brcc.yf@topica.example by `poster` on `day` of
// September 2001, as a gateway delivers it to ann@corp.example, a reader
// it does not name: no List-* headers (an archive that kept none, or a
// list that writes none), a link to the list's site.
Message DeliveredPost(const std::string& poster, int day) {
  const std::string raw =
      "From: " + poster + "\r\nTo: brcc.yf@topica.example\r\nSubject: Youth group news " +
      std::to_string(day) + "\r\nDate: " + std::to_string(day) +
      " Sep 2001 12:00:00 +0000\r\nMessage-ID: <" + std::to_string(day) + "." + poster +
      ">\r\n\r\nPhotos of the picnic: http://www.topica.example/photos/" + std::to_string(day) +
      "\r\n";
  Envelope envelope;
  envelope.mail_from = poster;
  envelope.rcpt_to = {"ann@corp.example"};
  Message message;
  REQUIRE(ParseMessage(raw, envelope, ParseOptions(), &message).ok());
  REQUIRE(message.date.has_value());
  return message;
}

// Scores `post` against `store`; learns it as the gateway's disposition
// does, or, with `released`, as an admin's release of it does.
Verdict Deliver(const Scorer& scorer, HistoryStore* store, const Message& post, bool released) {
  Verdict verdict;
  REQUIRE(scorer.Score(post, Direction::kInbound, *store, *post.date, &verdict).ok());
  const Disposition disposition = released ? Disposition::kReleased : DispositionOf(verdict.action);
  REQUIRE(store
              ->Learn(LearnRequestFor(post, Direction::kInbound, *post.date, {"ann@corp.example"},
                                      verdict, disposition))
              .ok());
  return verdict;
}

TEST_CASE(
    "A list without List-* headers becomes known by delivery once two posters' domains "
    "reached its hidden reader",
    "[list][replay]") {
  ScoringOptions options;
  options.local_domains = {"corp.example"};
  std::unique_ptr<Scorer> scorer;
  REQUIRE(Scorer::Create(options, &scorer).ok());
  test::TempDir dir;
  StoreOptions store_options;
  store_options.path = dir.path();
  store_options.local_domains = options.local_domains;
  auto store = test::OpenOrFail(store_options);

  // A list new here: its first posts, from new posters to a reader not in
  // To/Cc, are held as the blind-copy attack is.
  for (const auto& [poster, day] : {std::pair<std::string, int>{"amy@halliburton.example", 3},
                                    std::pair<std::string, int>{"bob@wm.example", 4}}) {
    const Verdict first = Deliver(*scorer, store.get(), DeliveredPost(poster, day), false);
    INFO(poster << " score " << first.score);
    REQUIRE(Hit(first, "HIDDEN_RECIPIENTS") != nullptr);
    CHECK(Hit(first, "HIDDEN_RECIPIENTS")->strength == 1.0);
    CHECK(first.action == Action::kHold);
  }
  // Held mail teaches no list: a third poster is held the same.
  const Message third = DeliveredPost("carol@ev1.example", 5);
  Verdict unknown;
  REQUIRE(scorer->Score(third, Direction::kInbound, *store, *third.date, &unknown).ok());
  CHECK(Hit(unknown, "HIDDEN_RECIPIENTS")->strength == 1.0);
  CHECK(unknown.action == Action::kHold);

  // An admin releases the first two: their posts reached the reader
  // through the list's address, from two domains.
  Deliver(*scorer, store.get(), DeliveredPost("amy@halliburton.example", 3), true);
  Deliver(*scorer, store.get(), DeliveredPost("bob@wm.example", 4), true);
  Verdict listed;
  REQUIRE(scorer->Score(third, Direction::kInbound, *store, *third.date, &listed).ok());
  INFO("score " << listed.score);
  const SignalHit* hidden = Hit(listed, "HIDDEN_RECIPIENTS");
  REQUIRE(hidden != nullptr);
  CHECK(hidden->strength < 0.5);
  CHECK(hidden->evidence.find("written to brcc.yf@topica.example, through which 2 delivered "
                              "messages from 2 senders' domains") != std::string::npos);
  CHECK(listed.action != Action::kHold);
}

}  // namespace
}  // namespace rapport
