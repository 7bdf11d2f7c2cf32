// Mailing-list mail: a known list's posts are ordinary correspondence, and
// forged list headers switch off nothing that catches an attack.

#include <catch2/catch.hpp>

#include "scoring/signal_support.h"
#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kListId = "exmh-users.lists.example.org";
constexpr std::string_view kPosting = "exmh-users@lists.example.org";
constexpr std::string_view kListServerIp = "192.0.2.10";
constexpr std::string_view kReader = "reader@enron.com";

// History in which the organisation has received `messages` of the list's
// mail since `first_seen`, through the list server's network.
FakeHistory ListHistory(uint64_t messages = 40, int64_t first_seen = kNow - 90 * kDay) {
  FakeHistory history;
  history.SetAttribute(kPosting, SenderAttributeKind::kMailingList, kListId, messages, first_seen);
  history.SetAttribute(kPosting, SenderAttributeKind::kInfrastructure, "192.0.2.0/24", messages,
                       first_seen);
  return history;
}

// A first-time poster's message as the list delivers it: addressed to the
// list, delivered to two readers here in one envelope, neither in To nor
// Cc (one reader alone is bulk mail's shape and halves HIDDEN_RECIPIENTS,
// which is correspondent_signals_test's subject, not this file's).
Message ListPost(std::string_view poster = "poster@university.example") {
  Message m = MailFrom(Address(poster), {});
  m.to = {Address(kPosting)};
  m.delivered_to = {std::string(kReader), "colleague@enron.com"};
  m.mailing_list.id = std::string(kListId);
  m.mailing_list.posting_address = std::string(kPosting);
  m.origin_ip = std::string(kListServerIp);
  return m;
}

// A thread begun on the list a day ago: its question went to the posting
// address, which the store counts among the participants of list mail.
ThreadRecord ListThread() {
  ThreadRecord thread;
  thread.root_id = "question-1@isp.example";
  thread.subject = "[exmh] sequences after upgrade";
  thread.messages = 3;
  thread.first_seen = kNow - kDay;
  thread.participants = {"asker@isp.example", std::string(kPosting), std::string(kReader)};
  return thread;
}

// A private thread between an outside asker and the reader, on the
// list thread's subject: no list ever took part in it.
ThreadRecord PrivateThread() {
  ThreadRecord thread = ListThread();
  thread.root_id = "private-1@isp.example";
  thread.participants = {"asker@isp.example", std::string(kReader)};
  return thread;
}

// Checks that `signal` fires once on `message`, weakened as a reply on the
// list at kPosting that the thread's earlier messages went to (ThreadList).
void CheckReadAsListThread(std::string_view signal, const Message& message,
                           const FakeHistory& history) {
  auto found = Detect(signal, message, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == Approx(kKnownListFactor));
  CHECK(found[0].evidence.find("went to mailing list " + std::string(kPosting)) !=
        std::string::npos);
}

// The BCC phishing run of DESIGN.md: a never-seen sender, the staff in
// blind copy, a "Proposal Document" link to a page nobody received before.
Message BccPhish() {
  Message m = MailFrom(Address("sales@proposal-docs.com"), {});
  m.to = {Address("sales@proposal-docs.com")};
  m.delivered_to = {std::string(kReader), "b@enron.com", "c@enron.com"};
  m.subject = "Proposal Document";
  m.links = {WebLink("proposal-docs-view.com", "/doc", "View Document")};
  m.origin_ip = "203.0.113.5";
  return m;
}

TEST_CASE("A new poster on a known list is ordinary correspondence", "[list]") {
  FakeHistory history = ListHistory();
  Message post = ListPost();
  CHECK(Strength("HIDDEN_RECIPIENTS", post, history) == 0);
  auto first = Detect("FIRST_CONTACT", post, history);
  REQUIRE(first.size() == 1);
  CHECK(first[0].strength == Approx(kKnownListFactor));
  CHECK(first[0].evidence.find("mailing list exmh-users.lists.example.org "
                               "(exmh-users@lists.example.org, 40 messages since") !=
        std::string::npos);
  CHECK(first[0].evidence.find("its posters are new to readers") != std::string::npos);
  CHECK(Strength("NEW_SENDER_DOMAIN", post, history) == Approx(kKnownListFactor));

  Verdict verdict = ScoreDefault(post, history);
  INFO(Explain(verdict));
  CHECK(verdict.action == Action::kAccept);
  CHECK(verdict.score < DefaultOptions().tag_threshold);
}

TEST_CASE("A list's first posts are judged as any first contact's", "[list]") {
  FakeHistory empty;
  Message post = ListPost();
  // Its readers are not in To/Cc because the list delivered to them; with
  // no history of the list, that is how every list first looks.
  CHECK(Strength("HIDDEN_RECIPIENTS", post, empty) == 0);
  CHECK(Strength("FIRST_CONTACT", post, empty) == 1.0);
  CHECK(Strength("NEW_SENDER_DOMAIN", post, empty) == 1.0);
  Verdict verdict = ScoreDefault(post, empty);
  INFO(Explain(verdict));
  CHECK(verdict.action != Action::kHold);
  // Still young (2 messages): its readers are explained the same way.
  CHECK(Strength("HIDDEN_RECIPIENTS", post, ListHistory(2)) == 0);
  // A sender "listing" its own domain is one bulk mailer blind-copying.
  Message own = ListPost("news@lists.example.org");
  auto hidden = Detect("HIDDEN_RECIPIENTS", own, empty);
  REQUIRE(hidden.size() == 1);
  CHECK(hidden[0].strength == 1.0);
  CHECK(hidden[0].evidence.find("presents itself as mailing list exmh-users.lists.example.org, "
                                "which history does not vouch for (too few of its messages") !=
        std::string::npos);

  // Too few messages, or all within the last day, do not make a list known.
  CHECK(Strength("FIRST_CONTACT", post, ListHistory(2)) == 1.0);
  CHECK(Strength("FIRST_CONTACT", post, ListHistory(40, kNow - 3600)) == 1.0);
  CHECK(Strength("FIRST_CONTACT", post, ListHistory(3, kNow - kDay)) == Approx(kKnownListFactor));
}

TEST_CASE("A young list the organisation posts to is known at once", "[list]") {
  FakeHistory history = ListHistory(1, kNow - 3600);
  Message post = ListPost();
  CHECK(Strength("FIRST_CONTACT", post, history) == 1.0);
  history.Profile(kPosting).messages_received = 2;  // staff wrote to the list
  auto first = Detect("FIRST_CONTACT", post, history);
  REQUIRE(first.size() == 1);
  CHECK(first[0].strength == Approx(kKnownListFactor));
  CHECK(first[0].evidence.find("1 messages since") != std::string::npos);
  CHECK(first[0].evidence.find("the organisation posted to it 2 times") != std::string::npos);
  CHECK(Strength("HIDDEN_RECIPIENTS", post, history) == 0);
  // Writing to an address that never delivered list mail makes no list:
  // a forged List-Post naming a known correspondent gains nothing.
  FakeHistory correspondent;
  correspondent.Profile(kPosting).messages_received = 5;
  CHECK(Strength("FIRST_CONTACT", post, correspondent) == 1.0);
  CHECK(Strength("HIDDEN_RECIPIENTS", post, correspondent) == 1.0);
}

TEST_CASE("A known list's headers from other infrastructure do not pass for the list", "[list]") {
  FakeHistory history = ListHistory();
  Message forged = ListPost("sales@proposal-docs.com");
  forged.origin_ip = "203.0.113.5";  // the attacker's own server, not the list's
  CHECK(Strength("HIDDEN_RECIPIENTS", forged, history) == 1.0);
  CHECK(Strength("FIRST_CONTACT", forged, history) == 1.0);
  CHECK(Strength("NEW_SENDER_DOMAIN", forged, history) == 1.0);
  auto hidden = Detect("HIDDEN_RECIPIENTS", forged, history);
  REQUIRE(hidden.size() == 1);
  CHECK(hidden[0].evidence.find("came through other infrastructure") != std::string::npos);
  Message blind = forged;
  blind.to = {Address("sales@proposal-docs.com")};
  hidden = Detect("HIDDEN_RECIPIENTS", blind, history);
  REQUIRE(hidden.size() == 1);
  CHECK(hidden[0].evidence.find("exmh-users.lists.example.org, but no list posting address is in "
                                "To/Cc") != std::string::npos);
  // Another List-Id under the known posting address is another list.
  Message other = ListPost();
  other.mailing_list.id = "payroll.lists.example.org";
  CHECK(Strength("FIRST_CONTACT", other, history) == 1.0);
}

TEST_CASE("Forged list headers on the BCC phishing run change no score", "[list][attack]") {
  FakeHistory history = ListHistory();
  const Message plain = BccPhish();
  const Verdict before = ScoreDefault(plain, history);

  // The attacker's own "list": unknown to history.
  Message own_list = plain;
  own_list.mailing_list.id = "proposals.proposal-docs.com";
  own_list.mailing_list.posting_address = "sales@proposal-docs.com";
  // A known list's headers copied onto the blind copy: the list is not in To/Cc.
  Message copied = plain;
  copied.mailing_list.id = std::string(kListId);
  copied.mailing_list.posting_address = std::string(kPosting);
  // The known list's address in To as well, but sent from the attacker's server.
  Message addressed = copied;
  addressed.to = {Address(kPosting)};

  for (const Message* forged : {&own_list, &copied, &addressed}) {
    Verdict after = ScoreDefault(*forged, history);
    INFO(Explain(before) << Explain(after));
    CHECK(after.score == before.score);
    CHECK(after.action == before.action);
    CHECK(HasHit(after, "HIDDEN_RECIPIENTS"));
    CHECK(FindHit(after, "FIRST_CONTACT")->strength == 1.0);
  }
}

TEST_CASE("A list that re-sent a post explains a reader missing from To/Cc only in part",
          "[list]") {
  FakeHistory empty;
  // A poster who blind-copied the list, re-sent under the list's envelope.
  Message blind = ListPost();
  blind.to.clear();
  blind.undisclosed_recipients = true;
  CHECK(Strength("HIDDEN_RECIPIENTS", blind, empty) == 1.0);
  blind.return_path = "exmh-users-admin@lists.example.org";
  auto hidden = Detect("HIDDEN_RECIPIENTS", blind, empty);
  REQUIRE(hidden.size() == 1);
  CHECK(hidden[0].strength == Approx(kKnownListFactor));
  CHECK(hidden[0].evidence.find("mailing list exmh-users.lists.example.org re-sent it under its "
                                "own envelope (exmh-users-admin@lists.example.org)") !=
        std::string::npos);
  // A poster on the list server's own domain (its commit notices).
  Message own = ListPost("jm@users.example.org");
  CHECK(Strength("HIDDEN_RECIPIENTS", own, empty) == 1.0);
  own.return_path = "exmh-users-bounces@lists.example.org";
  CHECK(Strength("HIDDEN_RECIPIENTS", own, empty) == Approx(kKnownListFactor));
  // A known list's headers and envelope from other infrastructure are a forgery.
  Message forged = blind;
  forged.origin_ip = "203.0.113.5";
  CHECK(Strength("HIDDEN_RECIPIENTS", forged, ListHistory()) == 1.0);
}

TEST_CASE("A forged list envelope on the BCC phishing run leaves it held", "[list][attack]") {
  FakeHistory history = ListHistory();
  Message forged = BccPhish();
  forged.mailing_list.id = "proposals.proposal-docs.com";
  forged.mailing_list.posting_address = "sales@proposal-docs.com";
  forged.return_path = "sales-bounces@proposal-docs.com";
  Verdict verdict = ScoreDefault(forged, history);
  INFO(Explain(verdict));
  CHECK(FindHit(verdict, "HIDDEN_RECIPIENTS")->strength == Approx(kKnownListFactor));
  CHECK(FindHit(verdict, "RARE_LINK_DOMAIN") != nullptr);
  CHECK(verdict.action == Action::kHold);
}

TEST_CASE("Link signals judge what a known list's links are as anyone's", "[list][attack]") {
  FakeHistory history = ListHistory();
  Link masked = WebLink("paypa1-login.example", "/", "www.paypal.com");
  masked.text_looks_like_url = true;
  masked.text_host = "www.paypal.com";
  Message post = ListPost();
  post.links = {masked};
  Message direct = post;
  direct.mailing_list = MailingList();
  for (std::string_view signal : {"MASKED_LINK", "LOOKALIKE_DOMAIN"}) {
    INFO(signal);
    CHECK(Strength(signal, post, history) == Strength(signal, direct, history));
  }
  CHECK(Strength("MASKED_LINK", post, history) > 0);
}

// A list regular's first link to a blog platform, as FoRK's posters linked
// blogspot.com in spamassassin/easy_ham: written for every subscriber, so a
// link new to our readers says what the list discusses. The readings of
// newness to the reader (to the organisation, to the poster, a platform
// new here) weaken as a known list's first-contact readings do; through
// other infrastructure the headers are no list's and change nothing.
TEST_CASE("A known list's post linking a platform new here is a list's discussion", "[list]") {
  FakeHistory history = ListHistory();
  constexpr std::string_view kRegular = "owen@permafrost.example";
  history.AddCorrespondent(kRegular, kReader, kNow - 30 * kDay, kNow - kDay, 15, 0);
  history.SetAttribute(kRegular, SenderAttributeKind::kLinkDomain, "news.example", 4);
  Message post = ListPost(kRegular);
  post.links = {WebLink("poorman.blogspot.com", "/2002/09/avast.html")};
  Message forged = post;
  forged.origin_ip = "203.0.113.5";
  for (std::string_view signal :
       {"FIRST_FILESHARE_DOMAIN", "NEW_LINK_DOMAIN_FOR_SENDER", "RARE_LINK_DOMAIN"}) {
    INFO(signal);
    const double full = Strength(signal, forged, history);
    CHECK(full > 0);
    CHECK(Strength(signal, post, history) == Approx(full * kKnownListFactor));
    auto hits = Detect(signal, post, history);
    REQUIRE(hits.size() == 1);
    CHECK(hits[0].evidence.find("mailing list exmh-users.lists.example.org") != std::string::npos);
    CHECK(hits[0].evidence.find("the list, not the poster, chose our readers") !=
          std::string::npos);
  }
  Verdict verdict = ScoreDefault(post, history);
  INFO(Explain(verdict));
  CHECK(verdict.action != Action::kHold);
  CHECK(ScoreDefault(forged, history).action == Action::kHold);
}

TEST_CASE("Replies to a known list go to the list, not elsewhere", "[list]") {
  FakeHistory history = ListHistory();
  Message post = ListPost();
  post.reply_to = {Address(kPosting)};
  CHECK(Strength("REPLY_TO_DIVERTED", post, history) == 0);
  post.reply_to = {Address("collect@payments.example")};
  CHECK(Strength("REPLY_TO_DIVERTED", post, history) > 0);
  // On a list history does not vouch for, a first-contact poster's replies
  // go where the mail visibly went: the list in its To.
  Message unknown = ListPost();
  unknown.reply_to = {Address(kPosting)};
  CHECK(Strength("REPLY_TO_DIVERTED", unknown, FakeHistory()) == 0);
  Message not_addressed = unknown;
  not_addressed.to = {Address(kReader)};
  CHECK(Strength("REPLY_TO_DIVERTED", not_addressed, FakeHistory()) > 0);
}

TEST_CASE("A known sender's mail dressed as a list keeps its Reply-To diversion",
          "[list][attack]") {
  // The vendor-compromise diversion: an established correspondent's mailbox
  // sends with Reply-To to the attacker, who adds List-Post and To for it.
  FakeHistory history = ListHistory();
  history.AddCorrespondent("jane.doe@txu.com", std::string(kReader), kNow - 400 * kDay, kNow - kDay,
                           60, 20);
  Message m = MailFrom(Address("jane.doe@txu.com"), {std::string(kReader)});
  m.reply_to = {Address("payments@txu-remit.example")};
  const double before = Strength("REPLY_TO_DIVERTED", m, history);
  REQUIRE(before == 1.0);
  m.to.push_back(Address("payments@txu-remit.example"));
  m.mailing_list.id = "payments.txu-remit.example";
  m.mailing_list.posting_address = "payments@txu-remit.example";
  CHECK(Strength("REPLY_TO_DIVERTED", m, history) == before);
}

TEST_CASE("A reply on a known list to a thread the reader never saw is ordinary", "[list]") {
  FakeHistory history = ListHistory();
  Message reply = ListPost();
  reply.subject = "Re: [Exmh] sequences after upgrade";
  reply.in_reply_to = "question-1@isp.example";
  auto found = Detect("UNKNOWN_THREAD_REPLY", reply, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == Approx(kKnownListFactor));
  CHECK(found[0].evidence.find("mailing list exmh-users.lists.example.org") != std::string::npos);
  CHECK(Strength("UNKNOWN_THREAD_REPLY", reply, FakeHistory()) == 1.0);

  history.AddThread(ListThread(), {"question-1@isp.example"});
  CHECK(Strength("THREAD_OUTSIDER", reply, history) == Approx(kKnownListFactor));

  // A subscriber's link into a list discussion, new to the thread and to
  // the organisation, is ordinary there.
  reply.links = {WebLink("www.exmh-tips.example", "/sequences")};
  auto link = Detect("THREAD_NEW_LINK_DOMAIN", reply, history);
  REQUIRE(link.size() == 1);
  CHECK(link[0].strength == Approx(kKnownListFactor));
  CHECK(link[0].evidence.find("any subscriber may link") != std::string::npos);

  // So is its direct copy: a reply-all's copy to a reader it names, with no
  // list headers, the list withholding its own. The thread's history, not
  // the copy, says the list took part.
  Message direct = reply;
  direct.mailing_list = MailingList();
  direct.delivered_to.clear();
  direct.cc = {Address(kReader)};
  CheckReadAsListThread("THREAD_NEW_LINK_DOMAIN", direct, history);
  CHECK(Strength("THREAD_OUTSIDER", direct, history) == Approx(kKnownListFactor));
  // The same reply off the list (the list not named) is not ordinary.
  Message aside = direct;
  aside.to = {Address(kReader)};
  aside.cc.clear();
  CHECK(Strength("THREAD_NEW_LINK_DOMAIN", aside, history) == 1.0);
  // Nor is a copy naming a list history does not vouch for: too few of its
  // messages, or none.
  FakeHistory thin = ListHistory(2);
  thin.AddThread(ListThread(), {"question-1@isp.example"});
  CHECK(Strength("THREAD_NEW_LINK_DOMAIN", direct, thin) == 1.0);
  FakeHistory unknown;
  unknown.AddThread(ListThread(), {"question-1@isp.example"});
  CHECK(Strength("THREAD_NEW_LINK_DOMAIN", direct, unknown) == 1.0);
  // Nor a private thread whose hijacker names the list: the list never
  // took part in it.
  history.AddThread(PrivateThread(), {"private-1@isp.example"});
  Message hijack = direct;
  hijack.in_reply_to = "private-1@isp.example";
  CHECK(Strength("THREAD_NEW_LINK_DOMAIN", hijack, history) == 1.0);
  CHECK(Strength("THREAD_OUTSIDER", hijack, history) == 1.0);
}

TEST_CASE("A list is one list under each host of its organisation its readers write", "[list]") {
  // The thread's messages named the list at its organisation's domain, as
  // its readers often write it; the direct copy names its "lists." host,
  // which history knows from the list's own mail.
  constexpr std::string_view kAtDomain = "exmh-users@example.org";
  ThreadRecord at_domain = ListThread();
  at_domain.participants = {"asker@isp.example", std::string(kAtDomain), std::string(kReader)};
  FakeHistory history = ListHistory();
  history.AddThread(at_domain, {"question-1@isp.example"});
  Message direct = MailFrom(Address("poster@university.example"), {});
  direct.subject = "Re: [Exmh] sequences after upgrade";
  direct.in_reply_to = "question-1@isp.example";
  direct.to = {Address(kPosting)};
  direct.cc = {Address(kReader)};
  direct.links = {WebLink("www.exmh-tips.example", "/sequences")};
  CheckReadAsListThread("THREAD_NEW_LINK_DOMAIN", direct, history);

  // The other way round: the copy names the domain's spelling, which only
  // the thread knows; history vouches for the thread's spelling.
  FakeHistory named_by_thread = ListHistory();
  named_by_thread.AddThread(ListThread(), {"question-1@isp.example"});
  Message at_domain_copy = direct;
  at_domain_copy.to = {Address(kAtDomain)};
  CHECK(Strength("THREAD_NEW_LINK_DOMAIN", at_domain_copy, named_by_thread) ==
        Approx(kKnownListFactor));
  CHECK(Strength("THREAD_OUTSIDER", at_domain_copy, named_by_thread) == Approx(kKnownListFactor));
  // Also when the thread names the list both ways: the copy's own spelling,
  // unknown to history, does not hide the one history knows.
  ThreadRecord both = ListThread();
  both.participants.push_back(std::string(kAtDomain));
  FakeHistory named_both_ways = ListHistory();
  named_both_ways.AddThread(both, {"question-1@isp.example"});
  CHECK(Strength("THREAD_NEW_LINK_DOMAIN", at_domain_copy, named_both_ways) ==
        Approx(kKnownListFactor));

  // The list's own delivery of a post to that thread reads the same.
  Message post = ListPost();
  post.subject = direct.subject;
  post.in_reply_to = "question-1@isp.example";
  FakeHistory delivered;
  delivered.AddThread(at_domain, {"question-1@isp.example"});
  CHECK(Strength("THREAD_OUTSIDER", post, delivered) == Approx(kKnownListFactor));

  // The same local part under another registrable domain is another owner's
  // address, not the list.
  Message elsewhere = direct;
  elsewhere.to = {Address("exmh-users@example.net")};
  FakeHistory other_owner = ListHistory();
  ThreadRecord named_elsewhere = ListThread();
  named_elsewhere.participants = {"asker@isp.example", "exmh-users@example.net",
                                  std::string(kReader)};
  other_owner.AddThread(named_elsewhere, {"question-1@isp.example"});
  CHECK(Strength("THREAD_NEW_LINK_DOMAIN", elsewhere, other_owner) == 1.0);
  // And a private thread stays private, whichever host its hijacker names.
  history.AddThread(PrivateThread(), {"private-1@isp.example"});
  Message hijack = direct;
  hijack.in_reply_to = "private-1@isp.example";
  CHECK(Strength("THREAD_NEW_LINK_DOMAIN", hijack, history) == 1.0);
  hijack.to = {Address(kAtDomain)};
  CHECK(Strength("THREAD_NEW_LINK_DOMAIN", hijack, history) == 1.0);
}

TEST_CASE(
    "A thread held on a list weakens the hijack reading; a private one dressed as it does not",
    "[list][attack]") {
  // The list is new to history: only the thread knows it carried the list.
  FakeHistory history;
  history.AddThread(ListThread(), {"question-1@isp.example"});
  Message reply = ListPost();
  reply.subject = "Re: [Exmh] sequences after upgrade";
  reply.in_reply_to = "question-1@isp.example";
  reply.links = {WebLink("patches.exmh-contrib.example", "/sequences.diff")};
  CheckReadAsListThread("THREAD_OUTSIDER", reply, history);
  CHECK(Strength("THREAD_NEW_LINK_DOMAIN", reply, history) == Approx(kKnownListFactor));

  // A hijack of a private thread with the list's headers and address added:
  // the list never took part in that thread, so both keep full strength.
  history.AddThread(PrivateThread(), {"private-1@isp.example"});
  Message hijack = reply;
  hijack.in_reply_to = "private-1@isp.example";
  CHECK(Strength("THREAD_OUTSIDER", hijack, history) == 1.0);
  CHECK(Strength("THREAD_NEW_LINK_DOMAIN", hijack, history) == 1.0);
  // Nor does a list thread soften a reply that is not addressed to the list.
  Message aside = reply;
  aside.to = {Address(kReader)};
  CHECK(Strength("THREAD_OUTSIDER", aside, history) == 1.0);
}

TEST_CASE("A list that re-sent a post delivered it, whatever name its To gives the list",
          "[list]") {
  // An alias, or an archive's renamed copy: To names "exmh-list@", the list
  // answers at its posting address, and the envelope is the list's.
  Message renamed = ListPost();
  renamed.to = {Address("exmh-list@lists.example.org")};
  renamed.reply_to = {Address(kPosting)};
  CHECK(Strength("REPLY_TO_DIVERTED", renamed, FakeHistory()) > 0);
  FakeHistory history;
  history.AddThread(ListThread(), {"question-1@isp.example"});
  renamed.in_reply_to = "question-1@isp.example";
  CHECK(Strength("THREAD_OUTSIDER", renamed, history) == 1.0);

  renamed.return_path = "exmh-users-admin@lists.example.org";
  CHECK(Strength("REPLY_TO_DIVERTED", renamed, FakeHistory()) == 0);
  CheckReadAsListThread("THREAD_OUTSIDER", renamed, history);

  // Answers sent anywhere but the list stay a diversion; a private thread
  // stays private.
  Message diverted = renamed;
  diverted.reply_to = {Address("collect@payments.example")};
  CHECK(Strength("REPLY_TO_DIVERTED", diverted, FakeHistory()) > 0);
  history.AddThread(PrivateThread(), {"private-1@isp.example"});
  Message hijack = renamed;
  hijack.in_reply_to = "private-1@isp.example";
  CHECK(Strength("THREAD_OUTSIDER", hijack, history) == 1.0);
}

TEST_CASE("A Reply-To to the alias a list was posted to and re-sent from is the list's", "[list]") {
  // crackmice's Mailman: posted to "mice@", List-Post "crackmice@", re-sent
  // under "crackmice-admin@", Reply-To munged to the alias.
  Message post = ListPost();
  post.to = {Address("exmh@lists.example.org")};
  post.reply_to = {Address("exmh@lists.example.org")};
  CHECK(Strength("REPLY_TO_DIVERTED", post, FakeHistory()) > 0);  // the poster's envelope
  post.return_path = "exmh-users-admin@lists.example.org";
  CHECK(Strength("REPLY_TO_DIVERTED", post, FakeHistory()) == 0);

  // An address on another host, or one the message was not sent to, stays
  // a diversion; so does a known correspondent's mail dressed as a list.
  Message elsewhere = post;
  elsewhere.to = {Address("exmh@example.org")};
  elsewhere.reply_to = {Address("exmh@example.org")};
  CHECK(Strength("REPLY_TO_DIVERTED", elsewhere, FakeHistory()) > 0);
  Message unsent = post;
  unsent.reply_to = {Address("billing@lists.example.org")};
  CHECK(Strength("REPLY_TO_DIVERTED", unsent, FakeHistory()) > 0);
  FakeHistory history;
  history.AddCorrespondent("poster@university.example", std::string(kReader), kNow - 400 * kDay,
                           kNow - kDay, 60, 20);
  CHECK(Strength("REPLY_TO_DIVERTED", post, history) > 0);
}

}  // namespace
}  // namespace rapport::testing
