// The attack stories (docs/ARCHITECTURE.md) against a real history: farmer-d.mbox is
// replayed (scored, then learned as the gateway would) into a scratch store,
// and each attack is built from what that mailbox really holds — its most
// frequent TXU correspondent, its most-mailed staff, a real TXU thread.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "cli/archive_walk.h"
#include "message/parser.h"
#include "message/subject.h"
#include "scoring/delivery.h"
#include "scoring/scorer.h"
#include "store/history_store.h"
#include "tests/corpus.h"
#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

namespace fs = std::filesystem;

constexpr std::string_view kMailbox = "enron/farmer-d.mbox";
// A real thread of TXU nominations (four inbound messages from two TXU staff).
constexpr std::string_view kThreadSubject = "NOMS/ACTUAL FLOW FOR 3/19/01";

// One inbound message of the replay, as scored before it was learned.
struct Replayed {
  std::string from;
  std::string display_name;
  std::string message_id;
  std::string subject;
  std::vector<std::string> to;
  Verdict verdict;
};

// farmer-d.mbox replayed once for all tests, with what the attacks borrow.
class ReplayedMailbox {
 public:
  explicit ReplayedMailbox(const std::string& mailbox_path)
      : dir_(fs::temp_directory_path() / ("rapport-stories-" + std::to_string(getpid()))) {
    config_.local_domains = {"enron.com"};
    config_.scoring.local_domains = config_.local_domains;
    REQUIRE(Scorer::Create(config_.scoring, &scorer_).ok());
    StoreOptions options;
    options.path = dir_.string();
    options.local_domains = config_.local_domains;
    REQUIRE(OpenRocksDbStore(options, &store_).ok());
    WalkSummary summary;
    const Status s = WalkArchives(
        {mailbox_path}, config_, /*delivered_to=*/"",
        [this](const ArchivedMessage& archived) {
          Verdict verdict;
          Status scored =
              ScoreAndLearn(*scorer_, store_.get(), *archived.message, archived.direction,
                            archived.clock, archived.recipients, &verdict);
          if (!scored.ok()) return scored;
          last_clock_ = std::max(last_clock_, archived.clock);
          if (archived.direction == Direction::kInbound) Record(*archived.message, verdict);
          return Status::Ok();
        },
        &summary);
    REQUIRE(s.ok());
    REQUIRE(scorer_->RefreshKnownNames(*store_).ok());
  }

  ~ReplayedMailbox() {
    store_.reset();
    std::error_code ignored;
    fs::remove_all(dir_, ignored);
  }

  // The verdict for a raw attack delivered to `rcpt_to`, a day after the mailbox ends.
  Verdict Score(const std::string& raw, const std::vector<std::string>& rcpt_to) const {
    Envelope envelope;
    envelope.rcpt_to = rcpt_to;
    Message message;
    REQUIRE(ParseMessage(raw, envelope, config_.parse, &message).ok());
    Verdict verdict;
    REQUIRE(
        scorer_->Score(message, Direction::kInbound, *store_, last_clock_ + 86400, &verdict).ok());
    return verdict;
  }

  // The external correspondent of `domain` who sent the most inbound mail.
  const Replayed& TopSender(std::string_view domain) const {
    const std::string* best = nullptr;
    for (const auto& [address, count] : sent_) {
      if (address.ends_with("@" + std::string(domain)) &&
          (best == nullptr || count > sent_.at(*best))) {
        best = &address;
      }
    }
    REQUIRE(best != nullptr);
    return *last_from_.at(*best);
  }

  // The `n` local addresses that received the most inbound mail.
  std::vector<std::string> TopStaff(size_t n) const {
    std::vector<std::pair<int, std::string>> ranked;
    for (const auto& [address, count] : received_) ranked.emplace_back(-count, address);
    std::sort(ranked.begin(), ranked.end());
    std::vector<std::string> staff;
    for (size_t i = 0; i < n && i < ranked.size(); ++i) staff.push_back(ranked[i].second);
    return staff;
  }

  // The inbound messages of the thread with this subject, in Date order.
  const std::vector<Replayed>& Thread(std::string_view subject) const {
    return threads_.at(NormaliseSubject(subject));
  }

 private:
  void Record(const Message& message, const Verdict& verdict) {
    Replayed r{message.from.address,
               message.from.display_name,
               message.message_id,
               message.subject,
               {},
               verdict};
    for (const MailAddress& a : message.to) r.to.push_back(a.address);
    for (const MailAddress& a : message.to) {
      if (a.domain == "enron.com") ++received_[a.address];
    }
    ++sent_[r.from];
    std::vector<Replayed>& thread = threads_[NormaliseSubject(message.subject)];
    thread.push_back(std::move(r));
    last_from_[message.from.address] = &thread.back();
  }

  fs::path dir_;
  Config config_;
  std::unique_ptr<Scorer> scorer_;
  std::unique_ptr<HistoryStore> store_;
  int64_t last_clock_ = 0;
  std::map<std::string, std::vector<Replayed>> threads_;  // by normalised subject
  std::map<std::string, int> sent_;                       // inbound messages by sender
  std::map<std::string, int> received_;                   // inbound messages by local recipient
  std::map<std::string, const Replayed*> last_from_;      // sender -> its latest message
};

// The shared replay; fails the test when the corpus lacks the mailbox.
const ReplayedMailbox& Mailbox() {
  static const ReplayedMailbox mailbox(CorpusFile(kMailbox));
  return mailbox;
}

// A raw HTML message; `extra` holds more header lines, each ending "\n".
std::string Mail(const std::string& from, const std::string& to, const std::string& subject,
                 const std::string& html, const std::string& extra = "") {
  return "Message-ID: <attack." + std::to_string(std::hash<std::string>{}(subject + html)) +
         "@mail.example>\nDate: Mon, 3 Dec 2001 09:12:00 -0600\nFrom: " + from + "\nTo: " + to +
         "\nSubject: " + subject + "\n" + extra +
         "Mime-Version: 1.0\nContent-Type: text/html; charset=us-ascii\n\n<html><body>" + html +
         "</body></html>\n";
}

std::string Named(const Replayed& sender) {
  return sender.display_name.empty() ? sender.from
                                     : "\"" + sender.display_name + "\" <" + sender.from + ">";
}

void RequireHeld(const Verdict& verdict) {
  INFO(Explain(verdict));
  CHECK(verdict.score >= 70);
  CHECK(verdict.action == Action::kHold);
  for (const SignalHit& hit : verdict.signals) CHECK_FALSE(hit.evidence.empty());
}

TEST_CASE("corpus story: TXU's long-standing sender links a first-seen r2.dev statement",
          "[stories][corpus]") {
  const ReplayedMailbox* mailbox = &Mailbox();
  const Replayed& vendor = mailbox->TopSender("txu.com");
  const std::string staff = mailbox->TopStaff(1).at(0);
  const Verdict verdict = mailbox->Score(
      Mail(Named(vendor), staff, "New Approved Statement From TXU",
           "<p>Please find the approved statement for November.</p>"
           "<p><a href=\"https://pub-5e0c27a1b9d84f6e.r2.dev/offline.html\">View Document</a></p>"),
      {staff});
  RequireHeld(verdict);
  CHECK(FindHit(verdict, "FIRST_FILESHARE_DOMAIN") != nullptr);
  CHECK(FindHit(verdict, "NEW_LINK_DOMAIN_FOR_SENDER") != nullptr);
}

TEST_CASE("corpus story: a never-seen sender BCCs the busiest staff a proposal document",
          "[stories][corpus]") {
  const ReplayedMailbox* mailbox = &Mailbox();
  const std::vector<std::string> staff = mailbox->TopStaff(4);
  REQUIRE(staff.size() == 4);
  const std::string html =
      "<p>Good morning,</p><p>Please review our proposal before Friday.</p>"
      "<p><a "
      "href=\"https://meridiancapital-my.sharepoint.com/:b:/g/personal/lbennett/EaX1c9\">Proposal "
      "Document</a></p>";
  SECTION("undisclosed recipients") {
    RequireHeld(mailbox->Score(Mail("\"Laura Bennett\" <lbennett@meridian-capital-advisors.com>",
                                    "undisclosed-recipients:;", "Proposal Document", html),
                               staff));
  }
  SECTION("the envelope reaches staff the To line does not name") {
    RequireHeld(
        mailbox->Score(Mail("\"Laura Bennett\" <lbennett@meridian-capital-advisors.com>",
                            "lbennett@meridian-capital-advisors.com", "Proposal Document", html),
                       staff));
  }
}

TEST_CASE("corpus story: a ClickFunnels reply inside a real TXU thread; the thread scored ~0",
          "[stories][corpus]") {
  const ReplayedMailbox* mailbox = &Mailbox();
  const std::vector<Replayed>& thread = mailbox->Thread(kThreadSubject);
  REQUIRE(thread.size() >= 3);
  for (const Replayed& legitimate : thread) {
    INFO(legitimate.from << " " << legitimate.subject << "\n" << Explain(legitimate.verdict));
    CHECK(legitimate.verdict.score <= 5);
  }
  const Replayed& last = thread.back();
  std::string to;
  for (const std::string& a : last.to) to += (to.empty() ? "" : ", ") + a;
  const std::vector<std::string> rcpt_to = mailbox->TopStaff(1);
  const std::string html =
      "<p>Updated actuals are posted here:</p>"
      "<p><a href=\"https://txu-gas-statements.myclickfunnels.com/flow\">Open</a></p>";
  SECTION("from a real participant, replying to the latest message") {
    const Verdict verdict = mailbox->Score(
        Mail(Named(last), to, "RE: " + last.subject, html,
             "In-Reply-To: <" + last.message_id + ">\nReferences: <" + last.message_id + ">\n"),
        rcpt_to);
    RequireHeld(verdict);
    CHECK(FindHit(verdict, "THREAD_NEW_LINK_DOMAIN") != nullptr);
  }
  SECTION("from an outsider, Enron-style with only the subject") {
    const Verdict verdict = mailbox->Score(
        Mail("\"" + (last.display_name.empty() ? std::string("Melissa Jones") : last.display_name) +
                 "\" <accounts@txu-gas-billing.com>",
             to, "RE: " + last.subject, html),
        rcpt_to);
    RequireHeld(verdict);
  }
}

TEST_CASE("corpus story: links that hide their target, from a real TXU sender",
          "[stories][corpus]") {
  const ReplayedMailbox* mailbox = &Mailbox();
  const Replayed& vendor = mailbox->TopSender("txu.com");
  const std::string staff = mailbox->TopStaff(1).at(0);
  SECTION("masked: the text shows txu.com, the href goes elsewhere") {
    const Verdict verdict = mailbox->Score(
        Mail(Named(vendor), staff, "Revised invoice",
             "<p>The revised invoice is at <a href=\"https://txu-invoices-secure.com/login\">"
             "https://www.txu.com/invoices</a></p>"),
        {staff});
    RequireHeld(verdict);
    CHECK(FindHit(verdict, "MASKED_LINK") != nullptr);
  }
  SECTION("image-wrapped link to a page no one has sent") {
    const Verdict verdict =
        mailbox->Score(Mail(Named(vendor), staff, "Statement available",
                            "<p><a href=\"https://statement-viewer-portal.net/d/4471\">"
                            "<img src=\"cid:button.png\" alt=\"\"></a></p>"),
                       {staff});
    RequireHeld(verdict);
    CHECK(FindHit(verdict, "IMAGE_LINK") != nullptr);
  }
}

}  // namespace
}  // namespace rapport::testing
