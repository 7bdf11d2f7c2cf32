#include <catch2/catch.hpp>

#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kVendor = "jane.doe@txu.com";
constexpr std::string_view kStaff = "daren.farmer@enron.com";

// A thread of `messages` between `party` and staff, from ten days ago to
// yesterday, which linked only energyexchange.com.
ThreadRecord ThreadWithStaff(std::string_view root_id, std::string_view subject,
                             std::string_view party, uint64_t messages) {
  ThreadRecord thread;
  thread.root_id = std::string(root_id);
  thread.subject = std::string(subject);
  thread.first_seen = kNow - 10 * kDay;
  thread.last_seen = kNow - kDay;
  thread.messages = messages;
  thread.participants = {std::string(party), std::string(kStaff)};
  thread.link_domains = {"energyexchange.com"};
  return thread;
}

// A thread "Nomination for March" between the vendor and staff, reachable
// by two Message-IDs.
FakeHistory ThreadHistory() {
  FakeHistory history;
  history.AddCorrespondent(kVendor, kStaff, kNow - 400 * kDay, kNow - kDay, 60, 30);
  history.SetLinkDomain("energyexchange.com", 300, 12);
  history.AddThread(ThreadWithStaff("root@txu.com", "nomination for march", kVendor, 6),
                    {"root@txu.com", "reply2@enron.com"});
  return history;
}

Message Reply(std::string_view from, std::string_view in_reply_to,
              std::string_view subject = "RE: Nomination for March") {
  Message m = MailFrom(Address(from), {std::string(kStaff)}, subject);
  m.in_reply_to = std::string(in_reply_to);
  return m;
}

TEST_CASE("THREAD_NEW_LINK_DOMAIN: a reply brings a link domain new to its thread", "[thread]") {
  FakeHistory history = ThreadHistory();
  Message m = Reply(kVendor, "reply2@enron.com");
  m.links = {WebLink("txu-statements.myclickfunnels.com", "/view")};
  auto found = Detect("THREAD_NEW_LINK_DOMAIN", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("\"nomination for march\" (6 message(s)") != std::string::npos);
  CHECK(found[0].evidence.find("matched by Message-ID") != std::string::npos);

  m.links = {WebLink("www.energyexchange.com", "/nominations")};
  CHECK(Detect("THREAD_NEW_LINK_DOMAIN", m, history).empty());
}

TEST_CASE("THREAD_NEW_LINK_DOMAIN: the farther the domain from the conversation, the stronger",
          "[thread]") {
  FakeHistory history = ThreadHistory();
  Message m = Reply(kVendor, "reply2@enron.com");
  auto strength = [&](std::string_view host) {
    m.links = {WebLink(host, "/file")};
    return Strength("THREAD_NEW_LINK_DOMAIN", m, history);
  };
  // Never received here: what a hijacked mailbox links.
  CHECK(strength("transfer-2e8b-online.com") == 1.0);
  auto found = Detect("THREAD_NEW_LINK_DOMAIN", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].evidence.find("a domain of no party to it, never linked in it, that no one "
                               "here has received before") != std::string::npos);
  history.SetLinkDomain("transfer-2e8b-online.com", 3, 2);
  CHECK(strength("transfer-2e8b-online.com") == Approx(0.75));  // received here, elsewhere
  history.SetLinkDomain("transfer-2e8b-online.com", 40, 9);
  CHECK(strength("transfer-2e8b-online.com") == Approx(0.4));  // common here
  // A shortener common here hides a target no one here can see: the
  // shortener's own familiarity does not weaken it.
  history.SetLinkDomain("bit.ly", 400, 60);
  Link shortened = WebLink("bit.ly", "/3xYz9Qa");
  shortened.shortened = true;
  m.links = {shortened};
  found = Detect("THREAD_NEW_LINK_DOMAIN", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK_THAT(found[0].evidence, Catch::Contains("never linked in it, a shortened link: where it "
                                                "leads only bit.ly knows"));
  CHECK(strength("bit.ly") == Approx(0.4));  // the service's own page is its site
  // Another party's site: one participant linking another's.
  CHECK(strength("www.enron.com") == 0);  // ours
  ThreadRecord thread;
  thread.root_id = "root@txu.com";
  thread.subject = "nomination for march";
  thread.messages = 7;
  thread.participants = {std::string(kVendor), std::string(kStaff), "bob@calpine.com"};
  thread.link_domains = {"energyexchange.com"};
  history.AddThread(thread, {"root@txu.com", "reply2@enron.com"});
  CHECK(strength("www.calpine.com") == 0);
  CHECK(strength("www.calpine-docs.com") == 1.0);  // three parties: a private conversation

  // A discussion among many (a list thread): participants bring new sites.
  thread.participants = {std::string(kVendor), std::string(kStaff), "bob@calpine.com",
                         "list@lists.example.org", "eve@example.net"};
  history.AddThread(thread, {"root@txu.com", "reply2@enron.com"});
  CHECK(strength("www.calpine-docs.com") == Approx(0.6));
  auto found_in_discussion = Detect("THREAD_NEW_LINK_DOMAIN", m, history);
  REQUIRE(found_in_discussion.size() == 1);
  CHECK(found_in_discussion[0].evidence.find("a discussion among 5 parties") != std::string::npos);
  // One message to as many (a newsletter) is one party speaking: private.
  thread.messages = 1;
  history.AddThread(thread, {"root@txu.com", "reply2@enron.com"});
  CHECK(strength("www.calpine-docs.com") == 1.0);
}

TEST_CASE("THREAD_NEW_LINK_DOMAIN: a colleague's reply into an internal thread", "[thread]") {
  // A thread among colleagues that linked only energyexchange.com.
  constexpr std::string_view kColleague = "mike.grigsby@enron.com";
  FakeHistory history;
  SenderProfile& profile = history.Profile(kColleague);
  profile.first_seen = kNow - 400 * kDay;
  profile.last_seen = kNow - kDay;
  profile.messages_sent = 80;
  profile.recipients_total = 80;
  profile.max_recipients = 2;
  history.SetAttribute(kColleague, SenderAttributeKind::kColleague, kStaff, 80);
  history.SetLinkDomain("energyexchange.com", 300, 12, 40);
  history.AddThread(ThreadWithStaff("root@enron.com", "storage report", kColleague, 3),
                    {"root@enron.com"});
  Message m = MailFrom(Address(kColleague), {std::string(kStaff)}, "RE: Storage report");
  m.in_reply_to = "root@enron.com";
  m.links = {WebLink("secure-filecenter.net", "/q2dogw64p289/index.html")};
  // A compromised account answers its colleagues' threads as a hijacked
  // partner answers ours.
  Verdict verdict = ScoreDefault(m, history, Direction::kOutbound);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "THREAD_NEW_LINK_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->strength == 1.0);
  CHECK_THAT(hit->evidence, Catch::Contains("reply into the thread \"storage report\""));
  CHECK(HasHit(verdict, "INTERNAL_NEW_LINK_DOMAIN"));
  CHECK(verdict.action == Action::kHold);
  // THREAD_FIRST_LINK reads an outside correspondent's habit only.
  CHECK_FALSE(HasHit(verdict, "THREAD_FIRST_LINK"));
  // The conversation's own site is no hijacker's.
  m.links = {WebLink("www.energyexchange.com", "/nominations")};
  CHECK_FALSE(HasHit(ScoreDefault(m, history, Direction::kOutbound), "THREAD_NEW_LINK_DOMAIN"));
}

TEST_CASE("threads are found by subject when archives carry no References (Enron)", "[thread]") {
  FakeHistory history = ThreadHistory();
  Message m = MailFrom(Address(kVendor), {std::string(kStaff)}, "Re:  NOMINATION for March");
  m.links = {WebLink("txu-statements.myclickfunnels.com", "/view")};
  auto found = Detect("THREAD_NEW_LINK_DOMAIN", m, history);
  REQUIRE(found.size() == 1);
  // Weaker than the same reply citing the thread's Message-IDs (1.0 above).
  CHECK(found[0].strength == Approx(0.3));
  CHECK(found[0].evidence.find("matched by subject") != std::string::npos);
  // Without a reply marker the same subject is a new conversation.
  m.subject = "Nomination for March";
  CHECK(Detect("THREAD_NEW_LINK_DOMAIN", m, history).empty());
  // A forward alone is not a reply.
  m.subject = "FW: Nomination for March";
  CHECK(Detect("THREAD_NEW_LINK_DOMAIN", m, history).empty());
  m.subject = "Fw: RE: Nomination for March";
  CHECK(Detect("THREAD_NEW_LINK_DOMAIN", m, history).size() == 1);
}

TEST_CASE("THREAD_REPLY_TO_OUTSIDER: a reply sends answers out of the conversation", "[thread]") {
  FakeHistory history = ThreadHistory();
  Message m = Reply(kVendor, "reply2@enron.com");
  m.reply_to = {Address("jane.doe.7c1@gmail.com")};
  auto found = Detect("THREAD_REPLY_TO_OUTSIDER", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("asks that answers go to jane.doe.7c1@gmail.com, no party to it") !=
        std::string::npos);
  // Answers that stay with the conversation's parties: the sender's own
  // organisation, a participant, ours.
  for (std::string_view kept : {"assistant@txu.com", "daren.farmer@enron.com", "desk@enron.com"}) {
    m.reply_to = {Address(kept)};
    CHECK(Detect("THREAD_REPLY_TO_OUTSIDER", m, history).empty());
  }
  // At a mailbox provider the domain names no organisation: another address
  // there is another mailbox, not a colleague's.
  ThreadRecord personal;
  personal.root_id = "root@yahoo.com";
  personal.subject = "site visit";
  personal.last_seen = kNow - kDay;
  personal.messages = 3;
  personal.participants = {"pat.lee@yahoo.com", std::string(kStaff)};
  history.AddThread(personal, {"root@yahoo.com"});
  Message free_mail = Reply("pat.lee@yahoo.com", "root@yahoo.com", "RE: Site visit");
  free_mail.reply_to = {Address("pat.lee.accounts@yahoo.com")};
  CHECK(Strength("THREAD_REPLY_TO_OUTSIDER", free_mail, history) == 1.0);
  free_mail.reply_to = {Address("pat.lee@yahoo.com")};
  CHECK(Detect("THREAD_REPLY_TO_OUTSIDER", free_mail, history).empty());
  // A thread matched by subject alone is weaker evidence of a conversation.
  Message by_subject =
      MailFrom(Address(kVendor), {std::string(kStaff)}, "RE: Nomination for March");
  by_subject.reply_to = {Address("jane.doe.7c1@gmail.com")};
  CHECK(Strength("THREAD_REPLY_TO_OUTSIDER", by_subject, history) == Approx(0.3));
  // No known thread, no conversation to leave (REPLY_TO_DIVERTED judges it).
  by_subject.subject = "RE: lunch";
  CHECK(Detect("THREAD_REPLY_TO_OUTSIDER", by_subject, history).empty());
}

TEST_CASE("THREAD_REVIVED: a reply to a thread silent for weeks brings something new", "[thread]") {
  FakeHistory history = ThreadHistory();  // last message a day ago
  Message m = Reply(kVendor, "reply2@enron.com");
  m.links = {WebLink("www.statements-4e1a.com", "/view")};
  CHECK(Detect("THREAD_REVIVED", m, history).empty());  // a live conversation

  ThreadRecord quiet;
  quiet.root_id = "root@txu.com";
  quiet.subject = "nomination for march";
  quiet.first_seen = kNow - 60 * kDay;
  quiet.last_seen = kNow - 40 * kDay;
  quiet.messages = 6;
  quiet.participants = {std::string(kVendor), std::string(kStaff)};
  quiet.link_domains = {"energyexchange.com"};
  history.AddThread(quiet, {"root@txu.com", "reply2@enron.com"});
  auto found = Detect("THREAD_REVIVED", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("silent for 40 days") != std::string::npos);
  CHECK(found[0].evidence.find("a link to www.statements-4e1a.com") != std::string::npos);
  // What the conversation already had, or a party's own site, is no news.
  m.links = {WebLink("www.energyexchange.com", "/nominations"), WebLink("www.txu.com", "/")};
  CHECK(Detect("THREAD_REVIVED", m, history).empty());
  // No link, but answers sent outside the conversation: new bank details.
  m.links.clear();
  m.reply_to = {Address("jane.doe.7c1@gmail.com")};
  found = Detect("THREAD_REVIVED", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].evidence.find("a Reply-To of jane.doe.7c1@gmail.com") != std::string::npos);
  // A subject match is often a new conversation under an old subject.
  Message by_subject =
      MailFrom(Address(kVendor), {std::string(kStaff)}, "RE: Nomination for March");
  by_subject.links = {WebLink("www.statements-4e1a.com", "/view")};
  CHECK(Detect("THREAD_REVIVED", by_subject, history).empty());
  // Thirteen days is not yet dormant.
  quiet.last_seen = kNow - 13 * kDay;
  history.AddThread(quiet, {"root@txu.com", "reply2@enron.com"});
  CHECK(Detect("THREAD_REVIVED", m, history).empty());
}

// A real business thread taken up again after weeks, as clients write it:
// In-Reply-To and the References chain, the last message quoted under the
// answer. Measured: THREAD_REVIVED fires on none of the Enron mailboxes'
// inbound mail (no References) nor on any of easy_ham's 2,550 messages
// (References kept), so what a legitimate revival brings is judged here.
TEST_CASE("THREAD_REVIVED: a vendor takes up its quiet thread again with its own site",
          "[thread]") {
  FakeHistory history;
  history.AddCorrespondent(kVendor, kStaff, kNow - 400 * kDay, kNow - 30 * kDay, 60, 30);
  ThreadRecord quiet;
  quiet.root_id = "a1@txu.com";
  quiet.subject = "q3 capacity release";
  quiet.first_seen = kNow - 50 * kDay;
  quiet.last_seen = kNow - 35 * kDay;
  quiet.messages = 4;
  quiet.participants = {std::string(kVendor), std::string(kStaff)};
  history.AddThread(quiet, {"a1@txu.com", "b2@enron.com", "a3@txu.com", "b4@enron.com"});

  Message m = MailFrom(Address(kVendor), {std::string(kStaff)}, "RE: Q3 capacity release");
  m.in_reply_to = "b4@enron.com";
  m.references = {"a1@txu.com", "b2@enron.com", "a3@txu.com", "b4@enron.com"};
  m.text_body =
      "Daren, the Q3 release is now posted on our customer site:\n"
      "https://www.txu.com/customers/capacity/q3-release.pdf\n\n"
      "-----Original Message-----\nFrom: Farmer, Daren\nSubject: RE: Q3 capacity release\n\n"
      "> Thanks Jane, let us know when the numbers are final.\n";
  // The sender's own organisation's site is no news from a party to it,
  // however long the thread was quiet.
  m.links = {WebLink("www.txu.com", "/customers/capacity/q3-release.pdf")};
  CHECK(Detect("THREAD_REVIVED", m, history).empty());
  // Nor ours.
  m.links = {WebLink("www.enron.com", "/capacity")};
  CHECK(Detect("THREAD_REVIVED", m, history).empty());
  // The same answer linking a page no party to the thread owns is what a
  // reply-chain hijack looks like, whatever the quoting around it.
  m.links = {WebLink("txu-capacity-release.web.app", "/q3")};
  auto found = Detect("THREAD_REVIVED", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("silent for 35 days") != std::string::npos);
}

TEST_CASE("THREAD_FIRST_LINK: a participant whose mail never carried a link brings one",
          "[thread]") {
  FakeHistory history = ThreadHistory();  // the vendor: 60 messages, none with a link
  Message m = Reply(kVendor, "reply2@enron.com");
  m.links = {WebLink("www.shopnotes.com", "/wp-content/uploads/4e1a/invoice.html")};
  auto found = Detect("THREAD_FIRST_LINK", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("brings a link to www.shopnotes.com, the first link in 60 "
                               "messages from jane.doe@txu.com") != std::string::npos);
  // The sender's own first use of that domain: what an adoption of it by
  // others leaves to say (SignalDefinition::sender_novelty).
  CHECK(found[0].context == "jane.doe@txu.com>shopnotes.com");
  // What the conversation already linked, the sender's own site, ours: the
  // conversation's own, however new to the sender.
  for (std::string_view host : {"www.energyexchange.com", "www.txu.com", "www.enron.com"}) {
    m.links = {WebLink(host, "/nominations")};
    CHECK(Detect("THREAD_FIRST_LINK", m, history).empty());
  }
  // Matched by subject alone: weaker, as the other thread signals.
  Message by_subject =
      MailFrom(Address(kVendor), {std::string(kStaff)}, "RE: Nomination for March");
  by_subject.links = {WebLink("www.shopnotes.com", "/x.html")};
  CHECK(Strength("THREAD_FIRST_LINK", by_subject, history) == Approx(0.3));
  // A sender that links sites (any) has no such habit to break.
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "caiso.com", 2);
  m.links = {WebLink("www.shopnotes.com", "/x.html")};
  CHECK(Detect("THREAD_FIRST_LINK", m, history).empty());
}

TEST_CASE("THREAD_FIRST_LINK: no habit yet, or not a participant, is no departure", "[thread]") {
  FakeHistory history = ThreadHistory();
  // One message is no habit (known_sender()).
  ThreadRecord thread;
  thread.root_id = "root@txu.com";
  thread.subject = "nomination for march";
  thread.last_seen = kNow - kDay;
  thread.messages = 2;
  thread.participants = {std::string(kVendor), std::string(kStaff), "new.trader@txu.com"};
  history.AddThread(thread, {"root@txu.com", "reply2@enron.com"});
  history.AddCorrespondent("new.trader@txu.com", kStaff, kNow - 3 * kDay, kNow - kDay, 1, 1);
  Message m = Reply("new.trader@txu.com", "reply2@enron.com");
  m.links = {WebLink("www.shopnotes.com", "/x.html")};
  CHECK(Detect("THREAD_FIRST_LINK", m, history).empty());
  history.AddCorrespondent("new.trader@txu.com", kStaff, kNow - 3 * kDay, kNow - kDay, 1, 0);
  CHECK(Strength("THREAD_FIRST_LINK", m, history) == 1.0);  // two messages, no link
  // A known sender outside the thread is THREAD_OUTSIDER's to judge.
  history.AddCorrespondent("boss@txu.com", kStaff, kNow - 90 * kDay, kNow - kDay, 9, 3);
  m = Reply("boss@txu.com", "reply2@enron.com");
  m.links = {WebLink("www.shopnotes.com", "/x.html")};
  CHECK(Detect("THREAD_FIRST_LINK", m, history).empty());
}

TEST_CASE("THREAD_OUTSIDER: a reply from someone who never took part", "[thread]") {
  FakeHistory history = ThreadHistory();
  CHECK(Strength("THREAD_OUTSIDER", Reply("attacker@txu-billing.com", "root@txu.com"), history) ==
        1.0);
  CHECK(Strength("THREAD_OUTSIDER", Reply(kVendor, "root@txu.com"), history) == 0);
  // A colleague of a participant, never seen before, is half as alarming.
  CHECK(Strength("THREAD_OUTSIDER", Reply("boss@txu.com", "root@txu.com"), history) == Approx(0.5));
  // An unknown id with another subject is no known thread.
  CHECK(Strength("THREAD_OUTSIDER", Reply("attacker@txu-billing.com", "unknown@x", "RE: lunch"),
                 history) == 0);
  // An unknown id with the thread's subject falls back to the subject, weaker.
  CHECK(Strength("THREAD_OUTSIDER", Reply("attacker@txu-billing.com", "unknown@x"), history) ==
        Approx(0.6));
}

TEST_CASE("UNKNOWN_THREAD_REPLY: a first-contact sender replying to nothing", "[thread]") {
  FakeHistory history = ThreadHistory();
  CHECK(Strength("UNKNOWN_THREAD_REPLY",
                 Reply("x@newco.com", "fabricated@newco.com", "RE: your invoice"), history) == 1.0);
  Message subject_only =
      MailFrom(Address("x@newco.com"), {std::string(kStaff)}, "RE: your invoice");
  CHECK(Strength("UNKNOWN_THREAD_REPLY", subject_only, history) == Approx(0.4));
  // Known correspondents and real threads do not fire.
  CHECK(Strength("UNKNOWN_THREAD_REPLY", Reply(kVendor, "fabricated@newco.com", "RE: your invoice"),
                 history) == 0);
  CHECK(Strength("UNKNOWN_THREAD_REPLY", Reply("x@newco.com", "root@txu.com"), history) == 0);
  CHECK(Strength("UNKNOWN_THREAD_REPLY",
                 MailFrom(Address("x@newco.com"), {std::string(kStaff)}, "Your invoice"),
                 history) == 0);
}

TEST_CASE("A thread whose record names no party of ours is no conversation to judge", "[thread]") {
  // An archive's list copies stripped to From, Subject and References: the
  // thread was learned from its senders alone, with no recipient of ours.
  FakeHistory history;
  ThreadRecord thread;
  thread.root_id = "question@attbi.example";
  thread.subject = "[spambayes] test sets?";
  thread.first_seen = kNow - kDay;
  thread.last_seen = kNow - kDay;
  thread.messages = 2;
  thread.participants = {"skip@attbi.example", "tim@comcast.example"};
  history.AddThread(thread, {"question@attbi.example"});
  Message reply = MailFrom(Address("greg@python.example"), {}, "Re: [Spambayes] test sets?");
  reply.in_reply_to = "question@attbi.example";
  reply.links = {WebLink("www.gerg.example", "/spambayes")};
  reply.reply_to = {Address("greg@gerg.example")};
  for (std::string_view signal : {"THREAD_OUTSIDER", "THREAD_NEW_LINK_DOMAIN",
                                  "THREAD_REPLY_TO_OUTSIDER", "UNKNOWN_THREAD_REPLY"}) {
    INFO(signal);
    CHECK(Detect(signal, reply, history).empty());
  }
  // A reply that names whom it reached, into that same record, is judged as
  // the gateway judges every reply (it always knows RCPT TO).
  Message addressed = reply;
  addressed.to = {Address(kStaff)};
  CHECK(Strength("THREAD_OUTSIDER", addressed, history) == 1.0);
  CHECK(Strength("THREAD_NEW_LINK_DOMAIN", addressed, history) == 1.0);
  // The same thread once one of its messages reached us: its parties are
  // known, and an outsider bringing a new link is judged as before.
  thread.participants.push_back(std::string(kStaff));
  history.AddThread(thread, {"question@attbi.example"});
  CHECK(Strength("THREAD_OUTSIDER", reply, history) == 1.0);
  CHECK(Strength("THREAD_NEW_LINK_DOMAIN", reply, history) == 1.0);
  CHECK(Strength("THREAD_REPLY_TO_OUTSIDER", reply, history) == 1.0);
}

}  // namespace
}  // namespace rapport::testing
