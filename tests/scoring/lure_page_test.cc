// INBOUND_LURE_PAGE: a known correspondent's link judged by what its page
// asks of the reader (message/link_page.h).

#include <catch2/catch.hpp>

#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kVendor = "jane.doe@txu.com";
constexpr std::string_view kStaff = "daren.farmer@enron.com";

// A vendor of two years that links its own site and its usual portal.
FakeHistory VendorHistory() {
  FakeHistory history;
  history.AddCorrespondent(kVendor, kStaff, kNow - 730 * kDay, kNow - kDay, 120, 40);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "energyexchange.com", 60);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "txu.com", 80);
  history.SetLinkDomain("energyexchange.com", 300, 12);
  history.SetLinkDomain("txu.com", 500, 20);
  // A university's site the organisation receives, that the vendor never linked.
  history.SetLinkDomain("example-univ.edu", 40, 12);
  return history;
}

Message VendorMail(std::string_view host, std::string_view path, std::string_view from = kVendor) {
  Message m = MailFrom(Address(from, "Jane Doe"), {std::string(kStaff)}, "Statement");
  m.links.push_back(WebLink(host, path, "View statement"));
  return m;
}

double LurePage(std::string_view host, std::string_view path, const FakeHistory& history) {
  return Strength("INBOUND_LURE_PAGE", VendorMail(host, path), history);
}

TEST_CASE("INBOUND_LURE_PAGE: a sign-in page on a third party's site new to everyone", "[link]") {
  FakeHistory history = VendorHistory();
  CHECK(LurePage("statement-96c5-online.com", "/login", history) == 1.0);
  CHECK(LurePage("www.example-portal.com", "/client/sign-in.html", history) == 1.0);
  // Received once or twice: half; three times, or linked by the
  // organisation itself: none.
  history.SetLinkDomain("example-portal.com", 2, 1);
  CHECK(LurePage("www.example-portal.com", "/login", history) == 0.5);
  history.SetLinkDomain("example-portal.com", 3, 1);
  CHECK(LurePage("www.example-portal.com", "/login", history) == 0);
  history.SetLinkDomain("example-hr.com", 1, 1, 1);
  CHECK(LurePage("www.example-hr.com", "/login", history) == 0);
  // A page that asks for nothing.
  CHECK(LurePage("www.example-news.com", "/2001/story.html", history) == 0);
}

TEST_CASE("INBOUND_LURE_PAGE: a correspondent's own sign-in page and its habits are ordinary",
          "[link]") {
  FakeHistory history = VendorHistory();
  // "Log in to your account": its own site, even one it never linked.
  CHECK(LurePage("myaccount.txu.com", "/login", history) == 0);
  CHECK(LurePage("www.txu.com", "/account/signin", history) == 0);
  // Its usual portal.
  CHECK(LurePage("portal.energyexchange.com", "/login", history) == 0);
  // A new tenant of a platform it links: half.
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "r2.dev", 3);
  CHECK(LurePage("pub-0a1b2c3d4e5f.r2.dev", "/login.html", history) == 0.5);
}

TEST_CASE("INBOUND_LURE_PAGE: a page planted in a known site's upload folder", "[link]") {
  FakeHistory history = VendorHistory();
  CHECK(LurePage("www.example-univ.edu", "/wp-content/uploads/2f1a/invoice.html", history) == 1.0);
  CHECK(LurePage("www.example-univ.edu", "/wp-content/uploads/2024/05/", history) == 1.0);
  // Files there, and a site the vendor links as a habit (its own too).
  CHECK(LurePage("www.txu.com", "/wp-content/uploads/a/index.html", history) == 0);
  CHECK(LurePage("www.example-univ.edu", "/wp-content/uploads/2024/05/report.pdf", history) == 0);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "example-univ.edu", 4);
  CHECK(LurePage("www.example-univ.edu", "/wp-content/uploads/2f1a/invoice.html", history) == 0);
}

TEST_CASE("INBOUND_LURE_PAGE judges known correspondents only", "[link]") {
  FakeHistory history = VendorHistory();
  // A first contact (a newsletter's first issue) has no habit to depart from.
  CHECK(Strength("INBOUND_LURE_PAGE",
                 VendorMail("statement-96c5-online.com", "/login", "news@example-letter.com"),
                 history) == 0);
  // Internal mail is INTERNAL_LURE_PAGE's.
  Message internal =
      MailFrom(Address("sally.beck@enron.com", "Sally Beck"), {std::string(kStaff)}, "Statement");
  internal.links.push_back(WebLink("statement-96c5-online.com", "/login"));
  history.Profile("sally.beck@enron.com").messages_sent = 40;
  CHECK(Strength("INBOUND_LURE_PAGE", internal, history, Direction::kOutbound) == 0);
}

TEST_CASE("INBOUND_LURE_PAGE: a party replying in its own conversation is a correspondent",
          "[link]") {
  // A consultant who wrote once, on a thread with staff; the organisation
  // receives the university site it will link.
  constexpr std::string_view kParty = "r.carroll@example-law.com";
  FakeHistory history;
  history.AddCorrespondent(kParty, kStaff, kNow - 60 * kDay, kNow - 60 * kDay, 1, 0);
  history.SetLinkDomain("example-univ.edu", 12, 4);
  ThreadRecord thread;
  thread.root_id = "root@example-law.com";
  thread.subject = "capacity study";
  thread.first_seen = kNow - 60 * kDay;
  thread.last_seen = kNow - 60 * kDay;
  thread.messages = 1;
  thread.participants = {std::string(kParty), std::string(kStaff)};
  history.AddThread(thread, {"root@example-law.com"});
  auto reply = [&](std::string_view from, std::string_view in_reply_to) {
    Message m = MailFrom(Address(from), {std::string(kStaff)}, "RE: Capacity study");
    m.in_reply_to = std::string(in_reply_to);
    m.links.push_back(WebLink("www.example-univ.edu", "/wp-content/uploads/3c1f/review.html"));
    return m;
  };
  CHECK(Strength("INBOUND_LURE_PAGE", reply(kParty, "root@example-law.com"), history) == 1.0);
  // Not by subject alone, and not from someone outside the conversation.
  CHECK(Strength("INBOUND_LURE_PAGE", reply(kParty, ""), history) == 0);
  CHECK(Strength("INBOUND_LURE_PAGE", reply("someone@example-other.com", "root@example-law.com"),
                 history) == 0);
}

TEST_CASE("A known vendor's sign-in page on a new site says what it asks, and is held", "[link]") {
  FakeHistory history = VendorHistory();
  // A plain-text link: no generic link text to add to it.
  auto plain = [](std::string_view host, std::string_view path) {
    Message m = MailFrom(Address(kVendor, "Jane Doe"), {std::string(kStaff)}, "Statement");
    m.links.push_back(WebLink(host, path));
    return m;
  };
  Verdict verdict = ScoreDefault(plain("statement-96c5-online.com", "/login"), history);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "INBOUND_LURE_PAGE");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("its address names signing in (\"login\")") != std::string::npos);
  CHECK(hit->evidence.find("no one in the organisation has received statement-96c5-online.com") !=
        std::string::npos);
  CHECK(hit->evidence.find("never linked statement-96c5-online.com before") != std::string::npos);
  CHECK(verdict.action == Action::kHold);
  // The same new site's story page is a departure from habit, not a lure:
  // tagged, not held.
  verdict = ScoreDefault(plain("statement-96c5-online.com", "/2001/story.html"), history);
  INFO(Explain(verdict));
  CHECK_FALSE(HasHit(verdict, "INBOUND_LURE_PAGE"));
  CHECK(verdict.action == Action::kTag);
}

}  // namespace
}  // namespace rapport::testing
