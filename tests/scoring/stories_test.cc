// The attack stories (docs/ARCHITECTURE.md), scored by the built-in scorer with the
// default configuration against a hand-built history. (The corpus-based
// evaluation replays real Enron history; these pin the logic down.)
#include <catch2/catch.hpp>

#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kVendor = "jane.doe@txu.com";
constexpr std::string_view kStaff = "daren.farmer@enron.com";

// Two years of TXU mail to Daren: statements linking the usual portal, and a
// thread "Nomination for March" known by Message-ID and by subject.
FakeHistory Organisation() {
  FakeHistory history;
  history.AddCorrespondent(kVendor, kStaff, kNow - 730 * kDay, kNow - kDay, 150, 60);
  history.AddCorrespondent("mike.carson@txu.com", kStaff, kNow - 500 * kDay, kNow - kDay, 40, 12);
  history.AddCorrespondent("news@energycentral.com", "sally.beck@enron.com", kNow - 300 * kDay,
                           kNow - kDay, 200, 0);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "energyexchange.com", 90);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "txu.com", 70);
  history.SetLinkDomain("energyexchange.com", 400, 15);
  history.SetLinkDomain("txu.com", 600, 25);
  history.SetLinkDomain("energycentral.com", 200, 1);
  history.AddDisplayName("jane doe", {std::string(kVendor), 150, false});
  ThreadRecord thread;
  thread.root_id = "root.nomination@txu.com";
  thread.subject = "nomination for march";
  thread.first_seen = kNow - 10 * kDay;
  thread.last_seen = kNow - kDay;
  thread.messages = 5;
  thread.participants = {std::string(kVendor), std::string(kStaff)};
  thread.link_domains = {"energyexchange.com"};
  history.AddThread(thread, {"root.nomination@txu.com", "r4.nomination@enron.com"});
  return history;
}

void RequireHeld(const Verdict& verdict) {
  INFO(Explain(verdict));
  CHECK(verdict.score >= 70);
  CHECK(verdict.action == Action::kHold);
  for (const SignalHit& hit : verdict.signals) CHECK_FALSE(hit.evidence.empty());
}

TEST_CASE("story: compromised vendor sends a statement on a first-seen r2.dev page", "[stories]") {
  FakeHistory history = Organisation();
  Message m = MailFrom(Address(kVendor, "Jane Doe"), {std::string(kStaff)},
                       "New Approved Statement From TXU");
  m.auth_results = {{std::string(kTrustedAuthserv), "dmarc", "pass", "txu.com"}};
  m.links = {WebLink("pub-ac94c5d2e1f04b7a.r2.dev", "/offline.html", "View Statement")};
  Verdict verdict = ScoreDefault(m, history);
  RequireHeld(verdict);
  CHECK(FindHit(verdict, "FIRST_FILESHARE_DOMAIN") != nullptr);
  CHECK(FindHit(verdict, "NEW_LINK_DOMAIN_FOR_SENDER") != nullptr);
  CHECK(FindHit(verdict, "AUTH_FAILURE") == nullptr);

  // A week-old sender doing the same is less alarming than the two-year vendor.
  FakeHistory young = Organisation();
  young.AddCorrespondent("new.rep@gulfpower.com", kStaff, kNow - 7 * kDay, kNow - kDay, 3, 1);
  Message from_young = m;
  from_young.from = Address("new.rep@gulfpower.com");
  const SignalHit* vendor_hit = FindHit(verdict, "NEW_LINK_DOMAIN_FOR_SENDER");
  const Verdict young_verdict = ScoreDefault(from_young, young);
  const SignalHit* young_hit = FindHit(young_verdict, "NEW_LINK_DOMAIN_FOR_SENDER");
  REQUIRE(young_hit != nullptr);
  CHECK(young_hit->strength < vendor_hit->strength / 2);
}

// Qualtrics gives anyone a free account with a survey host of its own
// ("qualtricsxm....qualtrics.com"): a form a lure asks the reader to fill
// in, on a platform no one here has received.
TEST_CASE("story: a two-year vendor's first link to a Qualtrics form is held", "[stories]") {
  FakeHistory history = Organisation();
  Message m = MailFrom(Address(kVendor, "Jane Doe"), {std::string(kStaff)},
                       "Updated remittance details - please confirm");
  m.auth_results = {{std::string(kTrustedAuthserv), "dmarc", "pass", "txu.com"}};
  m.links = {
      WebLink("qualtricsxm7rw2kq9pzd.qualtrics.com", "/jfe/form/SV_3KxYzAb12Cd", "Click here")};
  Verdict verdict = ScoreDefault(m, history);
  RequireHeld(verdict);
  const SignalHit* fileshare = FindHit(verdict, "FIRST_FILESHARE_DOMAIN");
  REQUIRE(fileshare != nullptr);
  CHECK(fileshare->context == "qualtricsxm7rw2kq9pzd.qualtrics.com");
}

// Dynamics 365 puts each organisation under its region's host
// ("acme.crm4.dynamics.com"); a store that knows the vendor's own
// organisation there does not know an impostor's.
TEST_CASE("story: a new Dynamics 365 organisation beside a familiar one is new", "[stories]") {
  FakeHistory history = Organisation();
  history.SetLinkDomain("txu.crm.dynamics.com", 80, 6);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "txu.crm.dynamics.com", 30);
  // Learned before the platform was listed: its tenants' links under the platform.
  history.SetLinkDomain("dynamics.com", 80, 6);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "dynamics.com", 30);
  Message m = MailFrom(Address(kVendor, "Jane Doe"), {std::string(kStaff)}, "Invoice portal");
  m.auth_results = {{std::string(kTrustedAuthserv), "dmarc", "pass", "txu.com"}};
  m.links = {WebLink("txu-remit.crm4.dynamics.com", "/main.aspx", "Open invoice")};
  Verdict verdict = ScoreDefault(m, history);
  INFO(Explain(verdict));
  // As new as any domain the vendor never linked (on main it scored 0).
  CHECK(verdict.score >= 30);
  const SignalHit* rare = FindHit(verdict, "RARE_LINK_DOMAIN");
  REQUIRE(rare != nullptr);
  CHECK(rare->context == "txu-remit.crm4.dynamics.com");
  CHECK(FindHit(verdict, "NEW_LINK_DOMAIN_FOR_SENDER") != nullptr);
  // The vendor's own organisation there is nothing new.
  m.links = {WebLink("txu.crm.dynamics.com", "/main.aspx", "Open invoice")};
  CHECK(ScoreDefault(m, history).score == 0);
}

TEST_CASE("story: a never-seen sender BCCs several staff a proposal document", "[stories]") {
  FakeHistory history = Organisation();
  Message m = MailFrom(Address("j.whitfield@apex-advisory-partners.com", "James Whitfield"), {},
                       "Proposal Document");
  m.undisclosed_recipients = true;
  m.bcc = {Address(kStaff), Address("sally.beck@enron.com"), Address("vince.kaminski@enron.com")};
  m.links = {WebLink("apex-proposal-share.com", "/doc/7731", "View Document")};
  RequireHeld(ScoreDefault(m, history));
}

TEST_CASE("story: a ClickFunnels link replied into a real thread; the thread itself scores 0",
          "[stories]") {
  FakeHistory history = Organisation();
  // The thread's legitimate messages.
  Message earlier = MailFrom(Address(kVendor), {std::string(kStaff)}, "RE: Nomination for March");
  earlier.in_reply_to = "r4.nomination@enron.com";
  earlier.links = {WebLink("www.energyexchange.com", "/nominations/march")};
  Verdict legit = ScoreDefault(earlier, history);
  INFO(Explain(legit));
  CHECK(legit.score <= 5);
  Message staff_reply =
      MailFrom(Address(kStaff), {std::string(kVendor)}, "RE: Nomination for March");
  CHECK(ScoreDefault(staff_reply, history, Direction::kOutbound).score <= 5);

  // The compromised vendor's inserted reply.
  Message attack = earlier;
  attack.links = {WebLink("txu-billing.myclickfunnels.com", "/statement", "Open")};
  Verdict verdict = ScoreDefault(attack, history);
  RequireHeld(verdict);
  CHECK(FindHit(verdict, "THREAD_NEW_LINK_DOMAIN") != nullptr);

  // An outsider doing it Enron-style, with only a "RE:" subject.
  Message outsider = MailFrom(Address("jane.doe@txu-energy-billing.com", "Jane Doe"),
                              {std::string(kStaff)}, "RE: Nomination for March");
  outsider.links = {WebLink("txu-billing.myclickfunnels.com", "/statement")};
  Verdict outsider_verdict = ScoreDefault(outsider, history);
  RequireHeld(outsider_verdict);
  CHECK(FindHit(outsider_verdict, "THREAD_OUTSIDER") != nullptr);
  CHECK(FindHit(outsider_verdict, "DISPLAY_NAME_IMPERSONATION") != nullptr);
}

TEST_CASE("story: a quiet thread answered weeks later, answers sent to a free-mail address",
          "[stories]") {
  FakeHistory history = Organisation();
  ThreadRecord quiet;
  quiet.root_id = "root.invoice@txu.com";
  quiet.subject = "q3 invoice reconciliation";
  quiet.first_seen = kNow - 70 * kDay;
  quiet.last_seen = kNow - 45 * kDay;
  quiet.messages = 3;
  quiet.participants = {std::string(kVendor), std::string(kStaff)};
  history.AddThread(quiet, {"root.invoice@txu.com", "r2.invoice@enron.com"});
  Message reply = MailFrom(Address(kVendor, "Jane Doe"), {std::string(kStaff)},
                           "RE: Q3 invoice reconciliation");
  reply.in_reply_to = "r2.invoice@enron.com";
  // The vendor's own answer, even weeks later, scores nothing.
  Verdict legit = ScoreDefault(reply, history);
  INFO(Explain(legit));
  CHECK(legit.score <= 5);

  // The compromised mailbox: no link, new bank details, answers elsewhere.
  Message attack = reply;
  attack.reply_to = {Address("jane.doe.7c1@gmail.com", "Jane Doe")};
  Verdict verdict = ScoreDefault(attack, history);
  RequireHeld(verdict);
  CHECK(FindHit(verdict, "THREAD_REPLY_TO_OUTSIDER") != nullptr);
  CHECK(FindHit(verdict, "THREAD_REVIVED") != nullptr);
  CHECK(FindHit(verdict, "REPLY_TO_DIVERTED") != nullptr);
}

TEST_CASE("story: links that hide their target", "[stories]") {
  FakeHistory history = Organisation();
  // Masked: a known colleague of the vendor shows txu.com, links elsewhere.
  Message masked = MailFrom(Address("mike.carson@txu.com"), {std::string(kStaff)}, "Invoice 4471");
  Link link = WebLink("secure-txu-payments.com", "/login", "https://www.txu.com/billing");
  link.text_looks_like_url = true;
  link.text_host = "www.txu.com";
  masked.links = {link};
  RequireHeld(ScoreDefault(masked, history));

  // Image-wrapped, from a first-contact sender.
  Message image = MailFrom(Address("billing@docu-notice.com"), {std::string(kStaff)},
                           "You have a new document");
  Link wrapped = WebLink("docu-view-portal.net", "/d/1");
  wrapped.wraps_image = true;
  wrapped.source = LinkSource::kHtmlAnchor;
  image.links = {wrapped};
  RequireHeld(ScoreDefault(image, history));
}

TEST_CASE("ordinary mail stays near 0", "[stories]") {
  FakeHistory history = Organisation();
  // A newsletter the organisation has received for months.
  Message newsletter =
      MailFrom(Address("news@energycentral.com"), {"sally.beck@enron.com"}, "Energy Central Daily");
  for (int i = 0; i < 20; ++i) {
    Link l = WebLink("www.energycentral.com", "/article/" + std::to_string(i), "Read more");
    newsletter.links.push_back(l);
  }
  Verdict verdict = ScoreDefault(newsletter, history);
  INFO(Explain(verdict));
  CHECK(verdict.score <= 5);
  // A first-contact sender without links or other oddities is below tag.
  Message hello =
      MailFrom(Address("recruiter@headhunters.com"), {std::string(kStaff)}, "Opportunity");
  Verdict first = ScoreDefault(hello, history);
  INFO(Explain(first));
  CHECK(first.action == Action::kAccept);
  // Outbound mail is scored but never acted on.
  Message out = MailFrom(Address(kStaff), {"someone@new-partner.com"}, "Hello");
  out.links = {WebLink("pub-1.r2.dev", "/x")};
  CHECK(ScoreDefault(out, history, Direction::kOutbound).action == Action::kAccept);
}

TEST_CASE("self-regulation: a file-share the company now uses loses severity", "[stories]") {
  FakeHistory history = Organisation();
  Message m = MailFrom(Address(kVendor), {std::string(kStaff)}, "Drawings");
  m.links = {WebLink("txuengineering.sharepoint.com", "/:f:/s/x", "shared folder")};
  history.SetLinkDomain("sharepoint.com", 30, 8);
  Verdict before = ScoreDefault(m, history);
  const SignalHit* hit = FindHit(before, "FIRST_FILESHARE_DOMAIN");
  REQUIRE(hit != nullptr);
  // Twenty deliveries of the same tenant without complaint.
  history.SetSignalContext("FIRST_FILESHARE_DOMAIN", hit->context, {1, 1, 20, 0, 0});
  Verdict after = ScoreDefault(m, history);
  const SignalHit* decayed = FindHit(after, "FIRST_FILESHARE_DOMAIN");
  REQUIRE(decayed != nullptr);
  CHECK(decayed->strength < hit->strength / 10);
  CHECK(after.score < before.score);
  // An admin's release teaches the same at once.
  FakeHistory released = Organisation();
  released.SetLinkDomain("sharepoint.com", 30, 8);
  released.SetSignalContext("FIRST_FILESHARE_DOMAIN", hit->context, {1, 1, 1, 1, 0});
  const Verdict released_verdict = ScoreDefault(m, released);
  const SignalHit* after_release = FindHit(released_verdict, "FIRST_FILESHARE_DOMAIN");
  REQUIRE(after_release != nullptr);
  CHECK(after_release->strength < hit->strength / 4);
}

}  // namespace
}  // namespace rapport::testing
