#include "cli/held_review.h"

#include <catch2/catch.hpp>
#include <map>

#include "cli/policy_admin.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

constexpr int64_t kNow = 1700000000;
constexpr int64_t kDay = 86400;
constexpr const char* kQueued =
    "From: Mallory <mallory@attack.test>\n"
    "To: alice@acme.com\n"
    "Subject: Invoice\n"
    "Message-ID: <m1@attack.test>\n"
    "\n"
    "Pay at https://pay.evil-portal.test/now\n";

// An MTA whose queue is a map; it records what it was asked to do.
class FakeMta : public MtaQueue {
 public:
  Status Release(const std::string& id) override { return Act("release", id); }
  Status Remove(const std::string& id) override { return Act("remove", id); }
  Status Show(const std::string& id, std::string* output) override {
    calls.push_back("show " + id);
    if (!queue.count(id)) return Status::IoError("postcat: fatal: no such queue file " + id);
    *output = "*** MESSAGE CONTENTS hold/" + id + " ***\n" + queue[id] +
              "*** HEADER EXTRACTED hold/" + id + " ***\n";
    return Status::Ok();
  }

  std::map<std::string, std::string> queue;
  std::vector<std::string> calls;
  bool fail = false;

 private:
  Status Act(const std::string& what, const std::string& id) {
    calls.push_back(what + " " + id);
    if (fail || !queue.count(id)) return Status::IoError("postsuper: " + id + ": not found");
    queue.erase(id);
    return Status::Ok();
  }
};

HeldMessage Held(const std::string& id, int64_t received_at, int score = 80) {
  HeldMessage held;
  held.queue_id = id;
  held.received_at = received_at;
  held.mail_from = "mallory@attack.test";
  held.rcpt_to = {"alice@acme.com"};
  held.from = "mallory@attack.test";
  held.subject = "Invoice";
  held.score = score;
  held.signals = {{"FIRST_CONTACT", 15, 15, "never seen", "mallory@attack.test"},
                  {"RARE_LINK_DOMAIN", 30, 30, "rare", "evil-portal.test"}};
  held.links = {{"Pay now", "https://pay.evil-portal.test/now", "evil-portal.test"},
                {"Our site", "https://www.acme.com/", "acme.com"}};
  return held;
}

struct Fixture {
  test::TempDir dir;
  std::unique_ptr<HistoryStore> store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  StoreAdminOperations admin{store.get(), ParseOptions()};
  FakeMta mta;
  HeldReview review{&admin, &mta, {"acme.com"}};

  void Queue(const HeldMessage& held) {
    REQUIRE(store->PutHeld(held).ok());
    mta.queue[held.queue_id] = kQueued;
  }
  HeldStatus StatusOf(const std::string& id) {
    HeldMessage held;
    REQUIRE(store->GetHeld(id, &held).ok());
    return held.status;
  }
  SignalContextStats Context(const std::string& signal, const std::string& context) {
    SignalContextStats stats;
    const Status status = store->GetSignalContext(signal, context, &stats);
    REQUIRE((status.ok() || status.IsNotFound()));
    return stats;
  }
};

TEST_CASE("release frees the mail, learns it and softens its signals", "[held][review]") {
  Fixture f;
  f.Queue(Held("3F2A81C2B4", kNow - 60));
  REQUIRE(f.review.Release("3F2A81C2B4", true, kNow).ok());
  CHECK(f.mta.calls == std::vector<std::string>{"show 3F2A81C2B4", "release 3F2A81C2B4"});
  CHECK(f.StatusOf("3F2A81C2B4") == HeldStatus::kReleased);
  SenderProfile profile;
  REQUIRE(f.store->GetSenderProfile("mallory@attack.test", &profile).ok());
  CHECK(profile.messages_sent == 1);
  SenderAttributeStats linked;
  CHECK(f.store
            ->GetSenderAttribute("mallory@attack.test", SenderAttributeKind::kLinkDomain,
                                 "evil-portal.test", &linked)
            .ok());
  const SignalContextStats rare = f.Context("RARE_LINK_DOMAIN", "evil-portal.test");
  CHECK(rare.released == 1);
  CHECK(rare.delivered == 1);
}

TEST_CASE("release --no-learn only releases", "[held][review]") {
  Fixture f;
  f.Queue(Held("3F2A81C2B4", kNow - 60));
  REQUIRE(f.review.Release("3F2A81C2B4", false, kNow).ok());
  CHECK(f.mta.calls == std::vector<std::string>{"release 3F2A81C2B4"});
  CHECK(f.StatusOf("3F2A81C2B4") == HeldStatus::kReleased);
  SenderProfile profile;
  CHECK(f.store->GetSenderProfile("mallory@attack.test", &profile).IsNotFound());
  CHECK(f.Context("RARE_LINK_DOMAIN", "evil-portal.test").released == 0);
}

TEST_CASE("an unknown id is an error and runs nothing", "[held][review][errors]") {
  Fixture f;
  const Status status = f.review.Release("ABCDEF1234", true, kNow);
  CHECK(status.IsNotFound());
  CHECK(status.message() == "ABCDEF1234: no held message with that id");
  CHECK(f.review.Delete("ABCDEF1234", kNow).IsNotFound());
  CHECK(f.review.Report("ABCDEF1234", kNow).IsNotFound());
  CHECK(f.mta.calls.empty());
}

TEST_CASE("an invalid id is refused before the store or the MTA", "[held][review][errors]") {
  Fixture f;
  const Status status = f.review.Delete("ABC;rm -rf /", kNow);
  CHECK(status.IsInvalidArgument());
  CHECK(status.message() == "'ABC;rm -rf /' is not a Postfix or Sendmail queue id");
  CHECK(f.mta.calls.empty());
}

TEST_CASE("a second release is refused and changes nothing", "[held][review][errors]") {
  Fixture f;
  f.Queue(Held("3F2A81C2B4", kNow - 60));
  REQUIRE(f.review.Release("3F2A81C2B4", true, kNow).ok());
  f.mta.calls.clear();
  const Status again = f.review.Release("3F2A81C2B4", true, kNow + 5);
  CHECK(again.IsInvalidArgument());
  CHECK(again.message() == "3F2A81C2B4: already released");
  CHECK(f.review.Delete("3F2A81C2B4", kNow + 5).message() == "3F2A81C2B4: already released");
  CHECK(f.mta.calls.empty());
  HeldMessage held;
  REQUIRE(f.store->GetHeld("3F2A81C2B4", &held).ok());
  CHECK(held.status_changed_at == kNow);
  CHECK(f.Context("RARE_LINK_DOMAIN", "evil-portal.test").released == 1);
}

TEST_CASE("a failing MTA command leaves the record held", "[held][review][errors]") {
  Fixture f;
  f.Queue(Held("3F2A81C2B4", kNow - 60));
  f.mta.fail = true;
  CHECK(f.review.Release("3F2A81C2B4", true, kNow).message() == "postsuper: 3F2A81C2B4: not found");
  CHECK(f.review.Delete("3F2A81C2B4", kNow).IsIoError());
  CHECK(f.review.Report("3F2A81C2B4", kNow).IsIoError());
  CHECK(f.StatusOf("3F2A81C2B4") == HeldStatus::kHeld);
  CHECK(f.Context(kReportedFeedbackSignal, ReportedSenderKey("mallory@attack.test")).reported == 0);
  SenderProfile profile;
  CHECK(f.store->GetSenderProfile("mallory@attack.test", &profile).IsNotFound());
}

TEST_CASE("release fails without learning when the queue file is gone", "[held][review][errors]") {
  Fixture f;
  REQUIRE(f.store->PutHeld(Held("3F2A81C2B4", kNow - 60)).ok());  // not in the queue
  CHECK(f.review.Release("3F2A81C2B4", true, kNow).IsIoError());
  CHECK(f.StatusOf("3F2A81C2B4") == HeldStatus::kHeld);
}

TEST_CASE("delete removes the mail and marks the record", "[held][review]") {
  Fixture f;
  f.Queue(Held("3F2A81C2B4", kNow - 60));
  REQUIRE(f.review.Delete("3F2A81C2B4", kNow).ok());
  CHECK(f.mta.queue.empty());
  CHECK(f.StatusOf("3F2A81C2B4") == HeldStatus::kDeleted);
  CHECK(f.Context("RARE_LINK_DOMAIN", "evil-portal.test").reported == 0);
}

TEST_CASE("report deletes and remembers sender and foreign link domains", "[held][review]") {
  Fixture f;
  f.Queue(Held("3F2A81C2B4", kNow - 60));
  REQUIRE(f.review.Report("3F2A81C2B4", kNow).ok());
  CHECK(f.mta.queue.empty());
  CHECK(f.StatusOf("3F2A81C2B4") == HeldStatus::kReported);
  CHECK(f.Context(kReportedFeedbackSignal, ReportedSenderKey("mallory@attack.test")).reported == 1);
  CHECK(f.Context(kReportedFeedbackSignal, ReportedLinkDomainKey("evil-portal.test")).reported ==
        1);
  CHECK(f.Context(kReportedFeedbackSignal, ReportedLinkDomainKey("acme.com")).reported == 0);
  CHECK(f.Context("RARE_LINK_DOMAIN", "evil-portal.test").reported == 1);
  CHECK(f.review.Report("3F2A81C2B4", kNow).message() == "3F2A81C2B4: already reported");
}

TEST_CASE("purge forgets old reviewed records and held ones whose mail is gone", "[held][purge]") {
  Fixture f;
  f.Queue(Held("AAAAAA0001", kNow - 40 * kDay));                         // old, still queued: kept
  REQUIRE(f.store->PutHeld(Held("AAAAAA0002", kNow - 40 * kDay)).ok());  // old, mail gone
  f.Queue(Held("AAAAAA0003", kNow - 40 * kDay));
  REQUIRE(f.review.Delete("AAAAAA0003", kNow - 35 * kDay).ok());  // reviewed long ago
  f.Queue(Held("AAAAAA0004", kNow - 40 * kDay));
  REQUIRE(f.review.Delete("AAAAAA0004", kNow - kDay).ok());         // reviewed recently: kept
  REQUIRE(f.store->PutHeld(Held("AAAAAA0005", kNow - kDay)).ok());  // recent, mail gone: kept
  std::vector<std::string> purged;
  REQUIRE(f.review.Purge(30 * kDay, kNow, &purged).ok());
  std::sort(purged.begin(), purged.end());
  CHECK(purged == std::vector<std::string>{"AAAAAA0002", "AAAAAA0003"});
  std::vector<HeldMessage> left;
  REQUIRE(f.store->ListHeld(&left).ok());
  CHECK(left.size() == 3);
}

TEST_CASE("list filters by age, score, signal and status", "[held][list]") {
  std::vector<HeldMessage> records = {Held("AAAAAA0001", kNow - 3600, 90),
                                      Held("AAAAAA0002", kNow - 2 * kDay, 75),
                                      Held("AAAAAA0003", kNow - 600, 72)};
  records[2].signals = {{"HIDDEN_RECIPIENTS", 20, 20, "bcc", ""}};
  records[1].status = HeldStatus::kReleased;
  auto ids = [](const std::vector<HeldMessage>& kept) {
    std::vector<std::string> out;
    for (const HeldMessage& h : kept) out.push_back(h.queue_id);
    return out;
  };
  HeldFilter filter;
  CHECK(ids(FilterHeld(records, filter, kNow)) ==
        std::vector<std::string>{"AAAAAA0001", "AAAAAA0003"});
  filter.all = true;
  CHECK(ids(FilterHeld(records, filter, kNow)).size() == 3);
  filter.since_seconds = kDay;
  CHECK(ids(FilterHeld(records, filter, kNow)) ==
        std::vector<std::string>{"AAAAAA0001", "AAAAAA0003"});
  filter.min_score = 80;
  CHECK(ids(FilterHeld(records, filter, kNow)) == std::vector<std::string>{"AAAAAA0001"});
  filter = HeldFilter();
  filter.signal = "HIDDEN_RECIPIENTS";
  CHECK(ids(FilterHeld(records, filter, kNow)) == std::vector<std::string>{"AAAAAA0003"});
}

TEST_CASE("ages read as s, m, h, d and w", "[held][list]") {
  int64_t seconds = 0;
  REQUIRE(ParseAge("24h", &seconds));
  CHECK(seconds == 86400);
  REQUIRE(ParseAge("30d", &seconds));
  CHECK(seconds == 30 * 86400);
  REQUIRE(ParseAge("2w", &seconds));
  CHECK(seconds == 14 * 86400);
  CHECK_FALSE(ParseAge("24", &seconds));
  CHECK_FALSE(ParseAge("h", &seconds));
  CHECK_FALSE(ParseAge("-3d", &seconds));
  CHECK_FALSE(ParseAge("0d", &seconds));
  CHECK_FALSE(ParseAge("3x", &seconds));
  CHECK_FALSE(ParseAge("99999999999999999d", &seconds));
}

}  // namespace
}  // namespace rapport

namespace rapport {
namespace {

TEST_CASE("release --trust-sender trusts From and envelope sender", "[held][review][policy]") {
  Fixture f;
  HeldMessage held = Held("3F2A81C2B4", kNow - 60);
  held.mail_from = "bounces@mailer.partner.test";
  f.Queue(held);
  REQUIRE(f.review.Release("3F2A81C2B4", false, kNow).ok());
  std::vector<std::string> added;
  REQUIRE(f.review.ListSender("3F2A81C2B4", PolicyList::kTrustedSenders, kNow, &added).ok());
  CHECK(added == std::vector<std::string>{"trusted_senders:mallory@attack.test",
                                          "trusted_senders:bounces@mailer.partner.test"});
  std::vector<StoredPolicyEntry> entries;
  REQUIRE(f.store->ListPolicyEntries(&entries).ok());
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].comment == "held release --trust-sender 3F2A81C2B4");
  std::vector<AuditRecord> audit;
  REQUIRE(f.store->ListAudit(0, &audit).ok());
  CHECK(audit.size() == 2);
  CHECK(audit[0].action == "policy add");
}

TEST_CASE("report --block-sender blocks the From address only", "[held][review][policy]") {
  Fixture f;
  HeldMessage held = Held("3F2A81C2B4", kNow - 60);
  held.mail_from = "bounces@mailer.attack.test";
  f.Queue(held);
  REQUIRE(f.review.Report("3F2A81C2B4", kNow).ok());
  std::vector<std::string> added;
  REQUIRE(f.review.ListSender("3F2A81C2B4", PolicyList::kBlockedSenders, kNow, &added).ok());
  CHECK(added == std::vector<std::string>{"blocked_senders:mallory@attack.test"});
  std::vector<std::string> none;
  CHECK(f.review.ListSender("ABCDEF1234", PolicyList::kBlockedSenders, kNow, &none).IsNotFound());
  CHECK(none.empty());
}

TEST_CASE("show of a record no longer held asks the MTA nothing", "[held][review]") {
  Fixture f;
  f.Queue(Held("3F2A81C2B4", kNow - 60));
  REQUIRE(f.review.Delete("3F2A81C2B4", kNow).ok());
  f.mta.calls.clear();
  HeldMessage held;
  std::string message = "stale";
  REQUIRE(f.review.Show("3F2A81C2B4", &held, &message).ok());
  CHECK(held.status == HeldStatus::kDeleted);
  CHECK(message.empty());
  CHECK(f.mta.calls.empty());
}

TEST_CASE("the review history of a queue id, newest first", "[held][review][audit]") {
  Fixture f;
  REQUIRE(Audited(&f.admin, "release", "3F2A81C2B4",
                  Status::IoError("postsuper: 3F2A81C2B4: not found"), kNow)
              .IsIoError());
  REQUIRE(Audited(&f.admin, "delete", "ABCDEF1234", Status::Ok(), kNow).ok());
  REQUIRE(Audited(&f.admin, "release", "3F2A81C2B4", Status::Ok(), kNow + 5).ok());
  std::vector<AuditRecord> history;
  REQUIRE(ReviewHistory(&f.admin, "3F2A81C2B4", &history).ok());
  REQUIRE(history.size() == 2);
  CHECK(history[0].outcome == "ok");
  CHECK(history[1].outcome == "error: postsuper: 3F2A81C2B4: not found");
  CHECK(AuditLine(history[1]) == "2023-11-14 22:13:20  release  3F2A81C2B4  by " +
                                     ActorText(CurrentActor()) +
                                     ": error: postsuper: 3F2A81C2B4: not found");
}

}  // namespace
}  // namespace rapport
