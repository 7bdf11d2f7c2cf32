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

}  // namespace
}  // namespace rapport
