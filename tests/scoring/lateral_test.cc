// Lateral phishing: internal mail judged against the sending account's own
// history (Ho et al., USENIX Security 2019).

#include <catch2/catch.hpp>

#include "message/utf8.h"
#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kAccount = "sally.beck@enron.com";

// Sally: two years of internal mail, always to the same three colleagues,
// linking the organisation's intranet and a news site colleagues circulate.
FakeHistory SteadyAccount() {
  FakeHistory history;
  SenderProfile& profile = history.Profile(kAccount);
  profile.first_seen = kNow - 700 * kDay;
  profile.last_seen = kNow - kDay;
  profile.active_days = 300;
  profile.messages_sent = 400;
  profile.recipients_total = 800;
  profile.max_recipients = 4;
  for (std::string_view colleague :
       {"daren.farmer@enron.com", "mike.grigsby@enron.com", "kim.ward@enron.com"}) {
    history.SetAttribute(kAccount, SenderAttributeKind::kColleague, colleague, 120);
  }
  // Kim writes to Sally but Sally never wrote to Kim's assistant: one way is enough.
  history.SetAttribute("rita.wynne@enron.com", SenderAttributeKind::kColleague, kAccount, 8);
  history.SetAttribute(kAccount, SenderAttributeKind::kLinkDomain, "cnn.com", 12);
  history.SetLinkDomain("cnn.com", 40, 12);
  history.SetLinkDomain("reuters.com", 25, 9, 6);
  return history;
}

std::vector<std::string> Colleagues(size_t n) {
  std::vector<std::string> out;
  for (size_t i = 0; i < n; ++i) out.push_back("staff" + std::to_string(i) + "@enron.com");
  return out;
}

// A store that has heard the organisation write for a year and knows
// nothing of Sally: her first mail would be her first here.
FakeHistory HeardOrganisation() {
  FakeHistory history;
  history.Profile("enron.com").active_days = 250;
  return history;
}

// The same, knowing Sally only as a recipient.
FakeHistory SilentAccount() {
  FakeHistory history = HeardOrganisation();
  history.Profile(kAccount).messages_received = 2;
  return history;
}

Message InternalMail(const std::vector<std::string>& to, std::string_view url_host = "",
                     std::string_view path = "/") {
  Message m = MailFrom(Address(kAccount, "Sally Beck"), to, "Please sign");
  if (!url_host.empty()) m.links.push_back(WebLink(url_host, path, "Review Document"));
  return m;
}

TEST_CASE("A compromised account mailing 30 colleagues a new file-share link is held",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  Message attack = InternalMail(Colleagues(30), "pub-0a1b2c3d4e5f.r2.dev", "/offline.html");
  Verdict verdict = ScoreDefault(attack, history, Direction::kOutbound);
  INFO(Explain(verdict));
  CHECK(verdict.action == Action::kHold);
  const SignalHit* link = FindHit(verdict, "INTERNAL_NEW_LINK_DOMAIN");
  REQUIRE(link != nullptr);
  const SignalHit* platform = FindHit(verdict, "FIRST_FILESHARE_DOMAIN");
  REQUIRE(platform != nullptr);
  CHECK(platform->evidence.find("file-share/hosting platform r2.dev") != std::string::npos);
  CHECK(platform->evidence.find("half strength between colleagues") != std::string::npos);
  CHECK(link->evidence.find("no one in the organisation has received it before") !=
        std::string::npos);
  CHECK(link->evidence.find("over 400 messages it linked 1 domains") != std::string::npos);
  const SignalHit* fanout = FindHit(verdict, "COLLEAGUE_FANOUT");
  REQUIRE(fanout != nullptr);
  CHECK(fanout->strength == 1.0);
  CHECK(fanout->evidence.find("wrote to 30 of 30 colleagues it never exchanged mail with") !=
        std::string::npos);
  CHECK(fanout->evidence.find("it wrote to 3 colleagues, at most 4 recipients at once") !=
        std::string::npos);
}

TEST_CASE("Ordinary internal mail is accepted", "[lateral]") {
  FakeHistory history = SteadyAccount();
  // To the usual colleagues, and to one who wrote to Sally before, with a
  // link colleagues already circulate.
  Message usual = InternalMail({"daren.farmer@enron.com", "mike.grigsby@enron.com",
                                "kim.ward@enron.com", "rita.wynne@enron.com"},
                               "www.reuters.com", "/article");
  Verdict verdict = ScoreDefault(usual, history, Direction::kOutbound);
  INFO(Explain(verdict));
  CHECK(verdict.action == Action::kAccept);
  CHECK(verdict.score == 0);
  // A first-seen link alone, to the usual colleagues, is not held.
  Message new_link = InternalMail({"daren.farmer@enron.com"}, "www.example-news.com", "/story");
  verdict = ScoreDefault(new_link, history, Direction::kOutbound);
  INFO(Explain(verdict));
  CHECK(HasHit(verdict, "INTERNAL_NEW_LINK_DOMAIN"));
  CHECK(verdict.action < Action::kHold);
  // Many new colleagues without a link (a team announcement) is not held either.
  verdict = ScoreDefault(InternalMail(Colleagues(30)), history, Direction::kOutbound);
  INFO(Explain(verdict));
  CHECK(HasHit(verdict, "COLLEAGUE_FANOUT"));
  CHECK(verdict.action < Action::kHold);
}

TEST_CASE("Lateral signals judge internal mail only", "[lateral]") {
  FakeHistory history = SteadyAccount();
  // The same message to outside recipients is outbound mail, never acted on.
  Message outside =
      InternalMail({"a@txu.com", "b@txu.com", "c@txu.com", "d@txu.com"}, "pub-0a1b2c3d4e5f.r2.dev");
  Verdict verdict = ScoreDefault(outside, history, Direction::kOutbound);
  CHECK_FALSE(HasHit(verdict, "INTERNAL_NEW_LINK_DOMAIN"));
  CHECK_FALSE(HasHit(verdict, "COLLEAGUE_FANOUT"));
  CHECK_FALSE(HasHit(verdict, "FIRST_FILESHARE_DOMAIN"));
  CHECK(verdict.action == Action::kAccept);
  // Inbound mail claiming the account is judged as inbound, not by its habits.
  Message spoof = InternalMail(Colleagues(30), "pub-0a1b2c3d4e5f.r2.dev");
  verdict = ScoreDefault(spoof, history, Direction::kInbound);
  CHECK_FALSE(HasHit(verdict, "INTERNAL_NEW_LINK_DOMAIN"));
  CHECK_FALSE(HasHit(verdict, "COLLEAGUE_FANOUT"));
}

TEST_CASE("INTERNAL_NEW_LINK_DOMAIN: new to the account and (almost) new to the organisation",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  const std::vector<std::string> usual = {"daren.farmer@enron.com"};
  auto strength = [&](std::string_view host) {
    return Strength("INTERNAL_NEW_LINK_DOMAIN", InternalMail(usual, host), history,
                    Direction::kOutbound);
  };
  // Never received, a platform or not: FIRST_FILESHARE_DOMAIN says which.
  CHECK(strength("pub-0a1b2c3d4e5f.r2.dev") == 0.8);
  CHECK(strength("www.example-news.com") == 0.8);
  history.SetLinkDomain("example-news.com", 2, 1);
  CHECK(strength("www.example-news.com") == 0.4);  // received twice
  CHECK(strength("www.cnn.com") == 0);             // the account links it
  CHECK(strength("www.reuters.com") == 0);         // colleagues circulate it
  CHECK(strength("intranet.enron.com") == 0);      // the organisation's own
}

TEST_CASE("INTERNAL_NEW_LINK_DOMAIN: a site only ever received from outside is new to colleagues",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  const std::vector<std::string> usual = {"daren.farmer@enron.com"};
  auto hit = [&](std::string_view host, std::string_view path) {
    return ScoredHit("INTERNAL_NEW_LINK_DOMAIN", InternalMail(usual, host, path), history,
                     Direction::kOutbound);
  };
  // caiso.com reached staff in 22 messages, and no one here ever linked it:
  // a page on it is as new inside as a rare site.
  history.SetLinkDomain("caiso.com", 22, 4);
  SignalHit received = hit("www.caiso.com", "/wp-content/uploads/f1f744/index.html");
  CHECK(received.strength == 0.4);
  CHECK(received.evidence.find("never linked caiso.com before") != std::string::npos);
  CHECK(received.evidence.find("no one here ever linked it: the organisation has only "
                               "received it, in 22 messages from outside") != std::string::npos);
  // Once someone here has linked it, it circulates here: silent.
  history.SetLinkDomain("caiso.com", 23, 5, 1);
  CHECK(hit("www.caiso.com", "/wp-content/uploads/f1f744/index.html").strength == 0);
  // A site the account itself linked is its habit, however the rest received it.
  history.SetLinkDomain("ou.edu", 5, 2);
  history.SetAttribute(kAccount, SenderAttributeKind::kLinkDomain, "ou.edu", 1);
  CHECK(hit("www.ou.edu", "/news").strength == 0);
}

TEST_CASE("LOOKALIKE_DOMAIN on internal mail: a link dressed as a brand on a site new here",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  const std::vector<std::string> usual = {"daren.farmer@enron.com", "mike.grigsby@enron.com"};
  auto hit = [&](const Message& message) {
    return ScoredHit("LOOKALIKE_DOMAIN", message, history, Direction::kOutbound);
  };
  // A compromised account's lure borrows a platform's name, even to the
  // writer's usual colleagues, even from an attached document.
  SignalHit dressed = hit(InternalMail(usual, "adobe-docview-b2c.com", "/d/7e58771927"));
  CHECK(dressed.strength == 1.0);
  CHECK(dressed.evidence.find("internal mail links adobe-docview-b2c.com: ") == 0);
  CHECK(dressed.evidence.find(": adobe-docview-b2c.com looks like adobe") != std::string::npos);
  CHECK(dressed.evidence.find("no one in the organisation has received adobe-docview-b2c.com "
                              "before and no one here ever linked it") != std::string::npos);
  Message attached = InternalMail(usual);
  attached.links.push_back(WebLink("onedrive-fileshare-8dc.com", "/d/4e33d906c1"));
  attached.links.back().attachment = "Review_9735.pdf";
  SignalHit in_file = hit(attached);
  CHECK(in_file.strength == 1.0);
  CHECK(in_file.evidence.find("(in attachment \"Review_9735.pdf\")") != std::string::npos);
  // A tenant named so on a platform anyone can open one on.
  CHECK(hit(InternalMail(usual, "docusign-review.web.app", "/d/e257f0e766")).strength == 1.0);
  // Citrix ShareFile, a platform whose name file-share lures borrow.
  CHECK(hit(InternalMail(usual, "sharefile-portal-3ac.com", "/d/5b1c")).strength == 1.0);
  // Received once from outside and never linked here: still rare.
  history.SetLinkDomain("docusign-review-b65.com", 1, 1);
  CHECK(hit(InternalMail(usual, "docusign-review-b65.com", "/d/e257f0e766")).strength == 1.0);

  // The brand's own domain is no imitation; a host dressed as nothing but
  // words ("secure", "docs") is left to INTERNAL_NEW_LINK_DOMAIN; a brand in
  // the path is the page's word, not what someone registered.
  for (const char* own :
       {"www.adobe.com", "acrobat.adobe.com", "outlook.office365.com", "login.microsoftonline.com",
        "docs.google.com", "us02web.zoom.us", "www.dropbox.com", "contoso.sharepoint.com",
        "paypal.me", "s3.amazonaws.com", "mail.yahoo.com", "docusign.net",
        // A brand's own secondary domains, which data/brands.txt lists.
        "secure.na1.adobesign.com", "www.google-analytics.com", "www.paypal-community.com",
        // A catalogued platform's own domain, whatever it resembles (pCloud
        // is one letter from iCloud).
        "u.pcloud.link"}) {
    INFO(own);
    CHECK(hit(InternalMail(usual, own, "/acrobat")).strength == 0);
  }
  CHECK(hit(InternalMail(usual, "secure-e-docs-fb7.com", "/d/1ccc2e9c9b")).strength == 0);
  CHECK(hit(InternalMail(usual, "www.example-news.com", "/adobe-docview/story")).strength == 0);
  // A site dressed so that staff link, or that the organisation received
  // in three messages or more, is part of its mail, not a stranger's page.
  history.SetLinkDomain("dropbox-partners.com", 1, 1, 2);
  CHECK(hit(InternalMail(usual, "dropbox-partners.com", "/news")).strength == 0);
  history.SetLinkDomain("adobe-events.com", 3, 2);
  CHECK(hit(InternalMail(usual, "www.adobe-events.com", "/summit")).strength == 0);
  // Inbound, the same link is judged as before (a look-alike from outside).
  Message inbound = MailFrom(Address("news@example-news.com"), usual, "Shared");
  inbound.links.push_back(WebLink("adobe-docview-b2c.com", "/d/7e58771927"));
  CHECK(HasHit(ScoreDefault(inbound, history, Direction::kInbound), "LOOKALIKE_DOMAIN"));
}

TEST_CASE("LOOKALIKE_DOMAIN on internal mail: each site once, brands only", "[lateral]") {
  FakeHistory history = SteadyAccount();
  const std::vector<std::string> usual = {"daren.farmer@enron.com", "mike.grigsby@enron.com"};
  auto hit = [&](const Message& message, Direction direction = Direction::kOutbound) {
    return ScoredHit("LOOKALIKE_DOMAIN", message, history, direction);
  };
  // A site's plain host may come first; its host dressed as a brand is
  // still read.
  Message second = InternalMail(usual, "www.docview-b2c.com", "/");
  second.links.push_back(WebLink("adobe.com.docview-b2c.com", "/d/7e58771927"));
  SignalHit dressed = hit(second);
  CHECK(dressed.strength == 1.0);
  CHECK(dressed.evidence.find("internal mail links adobe.com.docview-b2c.com: ") == 0);
  // Many dressed sites make one hit: the first, and how many more.
  Message many = InternalMail(usual, "adobe-docview-b2c.com", "/d/1");
  many.links.push_back(WebLink("onedrive-fileshare-8dc.com", "/d/2"));
  many.links.push_back(WebLink("onedrive-fileshare-8dc.com", "/d/3"));
  many.links.push_back(WebLink("docusign-review-b65.com", "/d/4"));
  SignalHit first = hit(many);
  CHECK(first.evidence.find("(and 2 more like it)") != std::string::npos);
  CHECK(first.more_contexts.size() == 2);
  CHECK(first.evidence.find("; base rate here: ") != std::string::npos);
  // A host dressed as the organisation's own domain naming no sign-in is
  // left to inbound mail, where its impersonators write from: a local
  // sender's mail from outside is inbound and read whole.
  CHECK(hit(InternalMail(usual, "enron-benefits-portal.com", "/news")).strength == 0);
  Message spoofed = MailFrom(Address(kAccount, "Sally Beck"), usual, "Benefits");
  spoofed.links.push_back(WebLink("enron-benefits-portal.com", "/news"));
  CHECK(hit(spoofed, Direction::kInbound).strength > 0);
}

TEST_CASE("LOOKALIKE_DOMAIN on internal mail: a sign-in page dressed as our own domain",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  // One colleague Sally always writes to: within her reach.
  const std::vector<std::string> usual = {"daren.farmer@enron.com"};
  auto hit = [&](std::string_view host, std::string_view path) {
    return ScoredHit("LOOKALIKE_DOMAIN", InternalMail(usual, host, path), history,
                     Direction::kOutbound);
  };
  // The organisation signs its staff in on its own domains: Outlook's web
  // sign-in on a new site wearing enron.com's name is an impostor's, to
  // one usual colleague as to thirty strangers.
  SignalHit owa = hit("mail.enron-corp.net", "/owa/auth/logon.aspx");
  CHECK(owa.strength > 0);
  CHECK(owa.evidence.find("internal mail links mail.enron-corp.net: ") == 0);
  CHECK(owa.evidence.find("its address names signing in (\"owa\")") != std::string::npos);
  CHECK(owa.evidence.find("no one in the organisation has received enron-corp.net before and "
                          "no one here ever linked it, as staff sign in on the organisation's "
                          "own domains") != std::string::npos);
  CHECK(hit("login.enron-secure.com", "/d/8f3a").strength > 0);
  // Naming no sign-in, such a host is as often the organisation's own
  // other domain not yet seen linked here.
  CHECK(hit("www.enron-corp.net", "/news/story").strength == 0);
  // The organisation's own domain is no imitation, nor a site staff link.
  CHECK(hit("login.enron.com", "/owa/").strength == 0);
  history.SetLinkDomain("enron-online.com", 1, 1, 3);
  CHECK(hit("login.enron-online.com", "/signin").strength == 0);
}

TEST_CASE("FIRST_FILESHARE_DOMAIN judges internal mail, at half strength", "[lateral]") {
  FakeHistory history = SteadyAccount();
  const std::vector<std::string> usual = {"daren.farmer@enron.com"};
  auto strength = [&](std::string_view host) {
    return Strength("FIRST_FILESHARE_DOMAIN", InternalMail(usual, host), history,
                    Direction::kOutbound);
  };
  CHECK(strength("pub-0a1b2c3d4e5f.r2.dev") == 0.5);  // a platform no one here received
  CHECK(strength("www.example-news.com") == 0);       // a site, no platform
  // The organisation's own tenant, which its outbound mail links.
  history.SetLinkDomain("sharepoint.com", 3, 1, 3);
  history.SetLinkDomain("enron.sharepoint.com", 3, 1, 3);
  CHECK(strength("enron.sharepoint.com") == 0);
  CHECK(strength("fabrikam1a2.sharepoint.com") == 0.5);  // another tenant: its own owner
  // A colleague sharing a first-seen platform with the usual circle is a
  // new tool, not yet lateral phishing: tagged at most.
  Verdict verdict =
      ScoreDefault(InternalMail(usual, "pub-0a1b2c3d4e5f.r2.dev"), history, Direction::kOutbound);
  INFO(Explain(verdict));
  CHECK(HasHit(verdict, "FIRST_FILESHARE_DOMAIN"));
  CHECK(verdict.action < Action::kHold);
}

TEST_CASE("FIRST_FILESHARE_DOMAIN: an account's first mail to many gets no colleague's doubt",
          "[lateral]") {
  // A dormant account (the history knows it only as a recipient) sharing a
  // platform no one here received with 20 colleagues: no writing of its own
  // vouches for a new tool, and COLLEAGUE_FANOUT has no circle to read.
  FakeHistory fresh = SilentAccount();
  const Message sprayed = InternalMail(Colleagues(20), "www.dropbox.com", "/s/8983f6b5/remit.pdf");
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", sprayed, fresh, Direction::kOutbound) == 1.0);
  // With no profile of the account at all, the same.
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", sprayed, HeardOrganisation(), Direction::kOutbound) ==
        1.0);
  Verdict verdict = ScoreDefault(sprayed, fresh, Direction::kOutbound);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "FIRST_FILESHARE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("the account's first mail here, to 20 recipients") != std::string::npos);
  CHECK(verdict.action == Action::kHold);
  // A first note to four colleagues keeps the benefit of the doubt.
  CHECK(Strength("FIRST_FILESHARE_DOMAIN",
                 InternalMail(Colleagues(4), "www.dropbox.com", "/s/8983f6b5/remit.pdf"), fresh,
                 Direction::kOutbound) == 0.5);
  // So does an account that has written before, to as many.
  FakeHistory steady = SteadyAccount();
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", InternalMail(Colleagues(20), "www.dropbox.com"), steady,
                 Direction::kOutbound) == 0.5);
}

TEST_CASE("A first mail is no first mail until the history has heard the organisation a month",
          "[lateral]") {
  // A store that has learned nothing, or a few weeks of mail: every
  // account's mail is its first, and its silence says nothing.
  const Message share = InternalMail(Colleagues(20), "www.dropbox.com", "/s/8983f6b5/remit.pdf");
  const Message sign_in = InternalMail(Colleagues(20), "statement-96c5-online.com", "/login");
  for (uint32_t days : {0u, 29u}) {
    INFO(days << " days of the organisation's mail");
    FakeHistory young;
    if (days > 0) young.Profile("enron.com").active_days = days;
    CHECK(Strength("FIRST_FILESHARE_DOMAIN", share, young, Direction::kOutbound) == 0.5);
    CHECK(Strength("INTERNAL_LURE_PAGE", sign_in, young, Direction::kOutbound) == 0);
  }
  FakeHistory heard;
  heard.Profile("enron.com").active_days = 30;
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", share, heard, Direction::kOutbound) == 1.0);
  CHECK(Strength("INTERNAL_LURE_PAGE", sign_in, heard, Direction::kOutbound) == 1.0);
}

TEST_CASE("COLLEAGUE_FANOUT needs history, several strangers and most recipients new",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  auto strength = [&](const std::vector<std::string>& to) {
    return Strength("COLLEAGUE_FANOUT", InternalMail(to), history, Direction::kOutbound);
  };
  CHECK(strength(Colleagues(30)) == 1.0);
  CHECK(strength(Colleagues(5)) == Approx(0.5));
  CHECK(strength(Colleagues(2)) == 0);  // two new people: ordinary
  std::vector<std::string> mostly_known = {"daren.farmer@enron.com", "mike.grigsby@enron.com",
                                           "kim.ward@enron.com", "rita.wynne@enron.com"};
  for (const std::string& c : Colleagues(3)) mostly_known.push_back(c);
  CHECK(strength(mostly_known) == 0);  // 3 of 7 new: under half
  FakeHistory fresh;
  fresh.Profile(kAccount).messages_received = 2;  // it never wrote: no circle yet
  CHECK(Strength("COLLEAGUE_FANOUT", InternalMail(Colleagues(30)), fresh, Direction::kOutbound) ==
        0);
  fresh.Profile(kAccount).messages_sent = 1;  // one message to one colleague is a circle
  CHECK(Strength("COLLEAGUE_FANOUT", InternalMail(Colleagues(30)), fresh, Direction::kOutbound) ==
        1.0);
}

// Sally's usual three colleagues and three more: beyond the four she ever
// wrote to at once, yet none of COLLEAGUE_FANOUT's strangers in number.
std::vector<std::string> BeyondReach() {
  return {"daren.farmer@enron.com", "mike.grigsby@enron.com", "kim.ward@enron.com",
          "rita.wynne@enron.com",   "staff1@enron.com",       "staff2@enron.com"};
}

// The default verdict on internal `lure` once checked that `signal` reads
// it at full strength, INTERNAL_LURE_PAGE leaving the page to it, and that
// the message is held with `signal` among its hits: the lateral readings
// whose whole shape holds alone.
Verdict HeldAloneBy(std::string_view signal, const Message& lure, const FakeHistory& history) {
  CHECK(Strength(signal, lure, history, Direction::kOutbound) == 1.0);
  CHECK(Strength("INTERNAL_LURE_PAGE", lure, history, Direction::kOutbound) == 0);
  Verdict verdict = ScoreDefault(lure, history, Direction::kOutbound);
  INFO(Explain(verdict));
  CHECK(verdict.action == Action::kHold);
  REQUIRE(FindHit(verdict, signal) != nullptr);
  return verdict;
}

TEST_CASE("INTERNAL_LURE_PAGE: a sign-in page on a site the organisation never received",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  auto strength = [&](std::string_view host, std::string_view path) {
    return Strength("INTERNAL_LURE_PAGE", InternalMail(BeyondReach(), host, path), history,
                    Direction::kOutbound);
  };
  CHECK(strength("statement-96c5-online.com", "/login") == 1.0);
  CHECK(strength("docusign-review-3fa.com", "/login?id=5a293ffd") == 1.0);
  CHECK(strength("www.example-hr.com", "/benefits/sign-in.html") == 1.0);
  CHECK(strength("www.example-hr.com", "/client/updateaccount") == 1.0);
  CHECK(strength("webmail.example-mail.com", "/") == 1.0);
  CHECK(strength("www.example-hr.com", "/owa/") == 1.0);
  // A story, a notice, a download: no sign-in named.
  CHECK(strength("www.example-news.com", "/2001/business/story.html") == 0);
  CHECK(strength("www.example-hr.com", "/enroll/plan.html") == 0);
  // Words that only contain a short sign-in word, or an account's trade.
  CHECK(strength("www.iowa.gov", "/author/accounting-rules.html") == 0);
  CHECK(strength("www.example-news.com", "/story?next=/login") == 0);  // in the query only
  // A site the organisation received twice: half; three times or more but
  // never linked by anyone here, half too (a site received only is as new
  // to colleagues); one the account linked before, or one the
  // organisation links: none.
  history.SetLinkDomain("example-hr.com", 2, 1);
  CHECK(strength("www.example-hr.com", "/login") == 0.5);
  history.SetLinkDomain("example-hr.com", 14, 3);
  CHECK(strength("www.example-hr.com", "/login") == 0.5);
  history.SetLinkDomain("example-hr.com", 14, 3, 1);
  CHECK(strength("www.example-hr.com", "/login") == 0);
  history.SetAttribute(kAccount, SenderAttributeKind::kLinkDomain, "example-portal.com", 2);
  CHECK(strength("www.example-portal.com", "/login") == 0);
  history.SetLinkDomain("example-vendor.com", 1, 1, 1);
  CHECK(strength("www.example-vendor.com", "/login") == 0);
  CHECK(strength("intranet.enron.com", "/login") == 0);  // the organisation's own
}

TEST_CASE("INTERNAL_LURE_PAGE: an account's first mail to five or more is beyond its reach",
          "[lateral]") {
  // The account never wrote here (a dormant account, or one the history
  // knows only as a recipient): COLLEAGUE_FANOUT has no circle to compare
  // with, but five recipients are more than it ever addressed.
  FakeHistory fresh = SilentAccount();
  const Message sprayed = InternalMail(Colleagues(20), "statement-96c5-online.com", "/login");
  CHECK(Strength("INTERNAL_LURE_PAGE", sprayed, fresh, Direction::kOutbound) == 1.0);
  Verdict verdict = ScoreDefault(sprayed, fresh, Direction::kOutbound);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "INTERNAL_LURE_PAGE");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("its first mail here: it never wrote before") != std::string::npos);
  CHECK(verdict.action == Action::kHold);
  // With no profile of the account at all, the same.
  CHECK(Strength("INTERNAL_LURE_PAGE", sprayed, HeardOrganisation(), Direction::kOutbound) == 1.0);
  // A first note to a colleague or two, or four, is no spray.
  CHECK(Strength("INTERNAL_LURE_PAGE",
                 InternalMail(Colleagues(4), "statement-96c5-online.com", "/login"), fresh,
                 Direction::kOutbound) == 0);
  // An ask for the colleagues' own account in a first mail holds too.
  Message ask = InternalMail(Colleagues(20));
  Link link = WebLink("www.example-university.edu", "/d/8f3a");
  ask.text_body = "Your mailbox is full. Sign in with your network password at " + link.url + "\n";
  ask.links.push_back(link);
  fresh.SetLinkDomain("example-university.edu", 40, 12, 9);  // staff link it
  CHECK(Strength("INTERNAL_ACCOUNT_ASK", ask, fresh, Direction::kOutbound) == 1.0);
}

TEST_CASE("INTERNAL_LURE_PAGE: a sign-in page within the account's reach is its own business",
          "[lateral]") {
  FakeHistory history = SteadyAccount();  // at most 4 recipients, 2 on average
  auto strength = [&](const std::vector<std::string>& to) {
    return Strength("INTERNAL_LURE_PAGE", InternalMail(to, "statement-96c5-online.com", "/login"),
                    history, Direction::kOutbound);
  };
  CHECK(strength({"daren.farmer@enron.com"}) == 0);
  CHECK(strength({"daren.farmer@enron.com", "mike.grigsby@enron.com", "kim.ward@enron.com",
                  "staff3@enron.com"}) == 0);             // as many as ever, to its circle
  CHECK(strength(BeyondReach()) == 1.0);                  // more than ever
  history.Profile(kAccount).max_recipients = 40;          // once, to forty
  CHECK(strength(BeyondReach()) == 1.0);                  // but 2 on average
  history.Profile(kAccount).recipients_total = 400 * 10;  // usually ten
  CHECK(strength(BeyondReach()) == 0);
  // An announcer writing to its hundred colleagues, as always.
  history.Profile(kAccount).recipients_total = 400 * 100;
  history.Profile(kAccount).max_recipients = 120;
  for (const std::string& colleague : Colleagues(100)) {
    history.SetAttribute(kAccount, SenderAttributeKind::kColleague, colleague, 30);
  }
  CHECK(strength(Colleagues(100)) == 0);
  // An account's first mail is judged apart (the test before this one).
}

TEST_CASE("INTERNAL_LURE_PAGE: an account's reach is its audience as well as its numbers",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  // Once to sixty, usually to twenty: twenty colleagues are within its numbers.
  history.Profile(kAccount).max_recipients = 60;
  history.Profile(kAccount).recipients_total = 400 * 20;
  std::vector<std::string> usual = Colleagues(20);
  for (const std::string& colleague : usual) {
    history.SetAttribute(kAccount, SenderAttributeKind::kColleague, colleague, 30);
  }
  auto lure = [&](const std::vector<std::string>& to) {
    return InternalMail(to, "statement-96c5-online.com", "/login");
  };
  auto strength = [&](const std::vector<std::string>& to) {
    return Strength("INTERNAL_LURE_PAGE", lure(to), history, Direction::kOutbound);
  };
  // Its twenty usual colleagues: its own business.
  CHECK(strength(usual) == 0);
  // Twenty others it never wrote with (staff20..39), or mostly others.
  std::vector<std::string> others;
  for (size_t i = 20; i < 40; ++i) others.push_back("staff" + std::to_string(i) + "@enron.com");
  const Verdict sprayed = ScoreDefault(lure(others), history, Direction::kOutbound);
  const SignalHit* hit = FindHit(sprayed, "INTERNAL_LURE_PAGE");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("to 20 recipients, 20 of 20 colleagues it never exchanged mail with, "
                           "beyond its circle though not its numbers (over 400 messages it "
                           "wrote to 20.0 on average, at most 60 at once)") != std::string::npos);
  std::vector<std::string> mixed(usual.begin(), usual.begin() + 9);
  mixed.insert(mixed.end(), others.begin(), others.begin() + 9);
  CHECK(strength(mixed) == 1.0);  // half are strangers
  mixed.push_back(usual[10]);
  CHECK(strength(mixed) == 0);  // most are its own
}

TEST_CASE("INTERNAL_LURE_PAGE: a page planted in a known site's upload folder", "[lateral]") {
  FakeHistory history = SteadyAccount();
  // The organisation receives the site, and links it itself.
  history.SetLinkDomain("example-univ.edu", 40, 12, 3);
  const std::vector<std::string> usual = {"daren.farmer@enron.com"};
  auto strength = [&](std::string_view path) {
    return Strength("INTERNAL_LURE_PAGE", InternalMail(usual, "www.example-univ.edu", path),
                    history, Direction::kOutbound);
  };
  CHECK(strength("/wp-content/uploads/adfedd/index.html") == 1.0);
  CHECK(strength("/wp-content/uploads/2024/05/") == 1.0);  // a folder: the server shows a page
  CHECK(strength("/wp-includes/js/doc.php?id=1") == 1.0);
  // Files are what upload folders serve; pages elsewhere are the site's own.
  CHECK(strength("/wp-content/uploads/2024/05/annual-report.pdf") == 0);
  CHECK(strength("/wp-content/plugins/newsletter/statistics/link.php") == 0);
  CHECK(strength("/news/index.html") == 0);
  // Within the account's reach, INTERNAL_PLANTED_PAGE is silent.
  CHECK(
      Strength("INTERNAL_PLANTED_PAGE",
               InternalMail(usual, "www.example-univ.edu", "/wp-content/uploads/adfedd/index.html"),
               history, Direction::kOutbound) == 0);
  // A site the account itself links: its habit is the site's stories and
  // files, not a page in its upload folder.
  history.SetAttribute(kAccount, SenderAttributeKind::kLinkDomain, "example-univ.edu", 3);
  CHECK(strength("/wp-content/uploads/adfedd/index.html") == 1.0);
  CHECK(strength("/wp-content/uploads/2024/05/annual-report.pdf") == 0);
  CHECK(strength("/news/index.html") == 0);
}

TEST_CASE("INTERNAL_PLANTED_PAGE: a planted page sent beyond the account's reach holds alone",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  // The organisation receives the site and links it itself: nothing but
  // the page and the mailing is out of character.
  history.SetLinkDomain("example-univ.edu", 40, 12, 3);
  constexpr std::string_view kPlanted = "/wp-content/uploads/adfedd/index.html";
  const Message lure = InternalMail(BeyondReach(), "www.example-univ.edu", kPlanted);
  // One reading of one page: INTERNAL_LURE_PAGE leaves it to this signal.
  Verdict verdict = HeldAloneBy("INTERNAL_PLANTED_PAGE", lure, history);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "INTERNAL_PLANTED_PAGE");
  CHECK(hit->evidence.find("upload folder /wp-content/uploads/") != std::string::npos);
  CHECK(hit->evidence.find("sent to 6 recipients, beyond its reach (over 400 messages it wrote to "
                           "2.0 on average, at most 4 at once)") != std::string::npos);
  CHECK(hit->evidence.find("although the organisation has received example-univ.edu") !=
        std::string::npos);
  // A file in the upload folder is what the folder serves.
  CHECK(Strength("INTERNAL_PLANTED_PAGE",
                 InternalMail(BeyondReach(), "www.example-univ.edu",
                              "/wp-content/uploads/2024/05/annual-report.pdf"),
                 history, Direction::kOutbound) == 0);
  // A site the account itself links: the page is still no file of the site.
  history.SetAttribute(kAccount, SenderAttributeKind::kLinkDomain, "example-univ.edu", 3);
  verdict = ScoreDefault(lure, history, Direction::kOutbound);
  hit = FindHit(verdict, "INTERNAL_PLANTED_PAGE");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("and sally.beck@enron.com") != std::string::npos);
  CHECK(hit->evidence.find("linked it before") != std::string::npos);
  CHECK(verdict.action == Action::kHold);
  // Inbound mail is not judged by it.
  CHECK_FALSE(
      HasHit(ScoreDefault(lure, SteadyAccount(), Direction::kInbound), "INTERNAL_PLANTED_PAGE"));
}

TEST_CASE("INTERNAL_LURE_PAGE: a shortened link hides where colleagues land", "[lateral]") {
  FakeHistory history = SteadyAccount();
  history.SetLinkDomain("bit.ly", 50, 20, 5);  // received and linked: its targets are unseen
  Link shortened = WebLink("bit.ly", "/3a78375");
  shortened.shortened = true;
  Message message = InternalMail(BeyondReach());
  message.links.push_back(shortened);
  CHECK(Strength("INTERNAL_LURE_PAGE", message, history, Direction::kOutbound) == 1.0);
  Verdict verdict = ScoreDefault(message, history, Direction::kOutbound);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "INTERNAL_LURE_PAGE");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("to 6 recipients, beyond its reach (over 400 messages it wrote to "
                           "2.0 on average, at most 4 at once)") != std::string::npos);
  CHECK_FALSE(HasHit(ScoreDefault(message, history, Direction::kInbound), "INTERNAL_LURE_PAGE"));
  // Within its reach, in an organisation whose staff link that shortener,
  // or from an account that shortens its links as a habit.
  Message usual = InternalMail({"daren.farmer@enron.com"});
  usual.links.push_back(shortened);
  CHECK(Strength("INTERNAL_LURE_PAGE", usual, history, Direction::kOutbound) == 0);
  history.SetAttribute(kAccount, SenderAttributeKind::kLinkDomain, "bit.ly", 9);
  CHECK(Strength("INTERNAL_LURE_PAGE", message, history, Direction::kOutbound) == 0);
}

TEST_CASE("INTERNAL_LURE_PAGE: a first shortened link where no one here met the shortener is held",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  Link shortened = WebLink("ow.ly", "/kkso2Z0", "View letter");
  shortened.shortened = true;
  Message message = InternalMail({"daren.farmer@enron.com"});
  message.links.push_back(shortened);
  // To one colleague Sally always writes to, a shortener no one here ever
  // linked: with the site new to everyone, the compromised account's lure.
  Verdict verdict = ScoreDefault(message, history, Direction::kOutbound);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "INTERNAL_LURE_PAGE");
  REQUIRE(hit != nullptr);
  CHECK(hit->strength == 1.0);
  CHECK(hit->evidence.find("internal mail links ow.ly: a shortened link, whose destination "
                           "neither the colleagues nor Rapport can see, within its reach, though "
                           "the organisation has not met ow.ly (no one in the organisation has "
                           "received ow.ly before, and no one here linked it); "
                           "sally.beck@enron.com") == 0);
  CHECK(HasHit(verdict, "INTERNAL_NEW_LINK_DOMAIN"));
  CHECK(verdict.action == Action::kHold);
  // Received once or twice from outside, it is still a shortener unmet here.
  history.SetLinkDomain("ow.ly", 2, 2);
  CHECK(Strength("INTERNAL_LURE_PAGE", message, history, Direction::kOutbound) == 1.0);
  // Within reach, an organisation whose newsletters arrive through it sees
  // colleagues forward them; and once staff link it, it is their habit.
  history.SetLinkDomain("ow.ly", 40, 12);
  CHECK(Strength("INTERNAL_LURE_PAGE", message, history, Direction::kOutbound) == 0);
  history.SetLinkDomain("ow.ly", 2, 2, 1);
  CHECK(Strength("INTERNAL_LURE_PAGE", message, history, Direction::kOutbound) == 0);
}

TEST_CASE("A compromised account's sign-in page to its usual colleagues and more is held",
          "[lateral]") {
  // Half of them colleagues it writes to: COLLEAGUE_FANOUT stays silent, the
  // page and its novelty hold it.
  FakeHistory history = SteadyAccount();
  Verdict verdict = ScoreDefault(InternalMail(BeyondReach(), "statement-96c5-online.com", "/login"),
                                 history, Direction::kOutbound);
  INFO(Explain(verdict));
  CHECK_FALSE(HasHit(verdict, "COLLEAGUE_FANOUT"));
  CHECK(HasHit(verdict, "INTERNAL_NEW_LINK_DOMAIN"));
  CHECK(HasHit(verdict, "INTERNAL_LURE_PAGE"));
  CHECK(verdict.action == Action::kHold);
  // The same colleagues told of a story on a new site: tagged at most.
  verdict = ScoreDefault(InternalMail(BeyondReach(), "www.example-news.com", "/2001/story.html"),
                         history, Direction::kOutbound);
  CHECK_FALSE(HasHit(verdict, "INTERNAL_LURE_PAGE"));
  CHECK(verdict.action < Action::kHold);
}

}  // namespace
}  // namespace rapport::testing

namespace rapport::testing {
namespace {

// A colleague's link on a neutral path, introduced by `text` in the plain
// text before it.
Message NeutralLure(const std::vector<std::string>& to, std::string_view text,
                    std::string_view host = "secure-docs-4f1.com") {
  Message m = InternalMail(to);
  Link link = WebLink(host, "/d/8f3a");
  m.text_body = "Hi all,\n\n" + std::string(text) + " " + link.url + "\n\nThanks\n";
  m.links.push_back(link);
  return m;
}

TEST_CASE("INTERNAL_LURE_PAGE: a sign-in the message asks for at a neutral link", "[lateral]") {
  FakeHistory history = SteadyAccount();
  auto strength = [&](std::string_view text) {
    return Strength("INTERNAL_LURE_PAGE", NeutralLure(BeyondReach(), text), history,
                    Direction::kOutbound);
  };
  CHECK(strength("Sign in to view the document:") == 1.0);
  CHECK(strength("Payroll asks everyone to confirm their account at") == 1.0);
  // Naming the reader's own network account is INTERNAL_ACCOUNT_ASK's.
  CHECK(strength("Sign in with your network password to view the document:") == 0);
  CHECK(strength("Your password expires today. Keep it here:") == 1.0);
  // What asks for no sign-in: a document shared.
  CHECK(strength("I shared a document with you:") == 0);
  // The anchor text alone.
  Message anchor = InternalMail(BeyondReach(), "secure-docs-4f1.com", "/d/8f3a");
  anchor.links.front().visible_text = "Log in to view";
  CHECK(Strength("INTERNAL_LURE_PAGE", anchor, history, Direction::kOutbound) == 1.0);
  Verdict verdict = ScoreDefault(anchor, history, Direction::kOutbound);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "INTERNAL_LURE_PAGE");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("its anchor text asks the reader to sign in (\"log in\")") !=
        std::string::npos);
  CHECK(verdict.action == Action::kHold);
}

TEST_CASE("INTERNAL_LURE_PAGE: a lure whose subject asks and whose text only points", "[lateral]") {
  FakeHistory history = SteadyAccount();
  Message lure = NeutralLure(BeyondReach(), "Please see below:");
  lure.subject = "Action required: verify your account";
  Verdict verdict = ScoreDefault(lure, history, Direction::kOutbound);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "INTERNAL_LURE_PAGE");
  REQUIRE(hit != nullptr);
  CHECK(hit->strength == 1.0);
  CHECK(hit->evidence.find("the message's subject asks the reader to confirm an account "
                           "(\"verify your account\")") != std::string::npos);
  // The subject naming the reader's own mailbox holds alone.
  lure.subject = "Verify your mailbox today";
  CHECK(Strength("INTERNAL_ACCOUNT_ASK", lure, history, Direction::kOutbound) == 1.0);
  // A subject that asks nothing, or a signature (the document may be
  // attached: only the body says), leaves the link unread.
  for (const char* subject : {"Updated holiday schedule", "Contract: please sign and return"}) {
    lure.subject = subject;
    CHECK(Strength("INTERNAL_LURE_PAGE", lure, history, Direction::kOutbound) == 0);
  }
  // The subject keeps the reach's condition.
  Message within = NeutralLure({"daren.farmer@enron.com"}, "Please see below:");
  within.subject = "Action required: verify your account";
  CHECK(Strength("INTERNAL_LURE_PAGE", within, history, Direction::kOutbound) == 0);
}

TEST_CASE("INTERNAL_LURE_PAGE: a sign-in asked in the text keeps the reach and site conditions",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  constexpr std::string_view kAsk = "Sign in with your network password to view the document:";
  // Within the account's reach.
  CHECK(Strength("INTERNAL_LURE_PAGE", NeutralLure({"daren.farmer@enron.com"}, kAsk), history,
                 Direction::kOutbound) == 0);
  // A site the organisation links, or the account links.
  history.SetLinkDomain("example-portal.com", 3, 1, 1);
  CHECK(Strength("INTERNAL_LURE_PAGE",
                 NeutralLure(BeyondReach(), "Sign in with your employee number to view it:",
                             "www.example-portal.com"),
                 history, Direction::kOutbound) == 0);
  history.SetAttribute(kAccount, SenderAttributeKind::kLinkDomain, "example-hr.com", 2);
  for (const char* signal : {"INTERNAL_LURE_PAGE", "INTERNAL_ACCOUNT_ASK"}) {
    CHECK(Strength(signal, NeutralLure(BeyondReach(), kAsk, "www.example-hr.com"), history,
                   Direction::kOutbound) == 0);
  }
}

TEST_CASE("INTERNAL_LURE_PAGE: a signature asked on a site no one here received or linked",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  constexpr std::string_view kContract = "Please sign and return the contract at";
  auto strength = [&](std::string_view text, const std::vector<std::string>& to) {
    return Strength("INTERNAL_LURE_PAGE", NeutralLure(to, text, "www.example-esign.com"), history,
                    Direction::kOutbound);
  };
  // Beyond the account's reach and to three colleagues it never wrote
  // with, on a site new here: the lure's whole shape.
  std::vector<std::string> spray = BeyondReach();
  spray.push_back("staff3@enron.com");
  CHECK(strength(kContract, spray) == 1.0);
  CHECK(strength("A document is waiting for your signature:", spray) == 1.0);
  Verdict verdict = ScoreDefault(NeutralLure(spray, kContract, "www.example-esign.com"), history,
                                 Direction::kOutbound);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "INTERNAL_LURE_PAGE");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("asks the reader to sign a document (\"sign and return the "
                           "contract\") there, where an organisation has its documents signed") !=
        std::string::npos);
  CHECK(verdict.action == Action::kHold);
  // A card or a petition is no document.
  CHECK(strength("Anna leaves on Friday. Please sign her farewell card here:", spray) == 0);
  CHECK(strength("Please sign the petition for a crossing at the garage:", spray) == 0);
  // Within the account's reach: a contract passed to the people it works with.
  CHECK(strength(kContract, {"daren.farmer@enron.com"}) == 0);
  // Beyond its numbers but to two colleagues only it never wrote with: a
  // sign-in asked there is read, a signature is not.
  CHECK(strength(kContract, BeyondReach()) == 0);
  CHECK(strength("Sign in to view the document:", BeyondReach()) == 1.0);
  // A site received here even once (a counterparty's, an e-signature
  // service's), or linked by staff: unlike a sign-in, not read at all.
  history.SetLinkDomain("example-esign.com", 1, 1);
  CHECK(strength(kContract, spray) == 0);
  history.SetLinkDomain("example-esign.com", 0, 0, 1);
  CHECK(strength(kContract, spray) == 0);
}

TEST_CASE("INTERNAL_LURE_PAGE: a document to open on a site no one here received or linked",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  std::vector<std::string> spray = BeyondReach();
  spray.push_back("staff3@enron.com");
  auto shared = [&](const std::vector<std::string>& to, std::string_view subject,
                    std::string_view host = "secure-energy-4f1.ws") {
    Message m = NeutralLure(to, "Comparto el presupuesto para revision:", host);
    m.subject = std::string(subject);
    return m;
  };
  // Its subject presents a document behind the one link, sent beyond the
  // account's reach to three colleagues it never wrote with, on a site no
  // one here received: a sharing kit's page.
  const Message lure = shared(spray, "Documento compartido: presupuesto 2002");
  CHECK(Strength("INTERNAL_LURE_PAGE", lure, history, Direction::kOutbound) == 1.0);
  Verdict verdict = ScoreDefault(lure, history, Direction::kOutbound);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "INTERNAL_LURE_PAGE");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("its subject presents a document to open (\"documento\") there, "
                           "where an organisation shares its documents on its own site or a "
                           "sharing platform") != std::string::npos);
  // Its label or its anchor text presents one as well.
  CHECK(Strength("INTERNAL_LURE_PAGE",
                 NeutralLure(spray, "Open the shared file:", "secure-energy-4f1.ws"), history,
                 Direction::kOutbound) == 1.0);
  CHECK(Strength("INTERNAL_LURE_PAGE", InternalMail(spray, "secure-energy-4f1.ws", "/d/8f3a"),
                 history, Direction::kOutbound) == 1.0);
  // A subject naming no document; a reply's subject, the thread's.
  CHECK(Strength("INTERNAL_LURE_PAGE", shared(spray, "Budget for review"), history,
                 Direction::kOutbound) == 0);
  CHECK(Strength("INTERNAL_LURE_PAGE", shared(spray, "RE: Documento compartido"), history,
                 Direction::kOutbound) == 0);
  // To two colleagues only it never wrote with, or within its reach: a
  // document passed to people it works with.
  CHECK(Strength("INTERNAL_LURE_PAGE", shared(BeyondReach(), "Documento compartido"), history,
                 Direction::kOutbound) == 0);
  CHECK(Strength("INTERNAL_LURE_PAGE", shared({"daren.farmer@enron.com"}, "Documento compartido"),
                 history, Direction::kOutbound) == 0);
  // A sharing platform is FIRST_FILESHARE_DOMAIN's to judge.
  CHECK(Strength("INTERNAL_LURE_PAGE", shared(spray, "Documento compartido", "www.dropbox.com"),
                 history, Direction::kOutbound) == 0);
  // A site received here even once, or linked by staff.
  history.SetLinkDomain("secure-energy-4f1.ws", 1, 1);
  CHECK(Strength("INTERNAL_LURE_PAGE", lure, history, Direction::kOutbound) == 0);
}

TEST_CASE("INTERNAL_LURE_PAGE: an ask on a site only ever received is read as on a rare one",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  constexpr std::string_view kAsk = "Your password expires today. Keep it here:";
  history.SetLinkDomain("example-club.org", 14, 4);  // received 14 times, never linked here
  CHECK(Strength("INTERNAL_LURE_PAGE", NeutralLure(BeyondReach(), kAsk, "www.example-club.org"),
                 history, Direction::kOutbound) == 0.5);
  Verdict verdict = ScoreDefault(NeutralLure(BeyondReach(), kAsk, "www.example-club.org"), history,
                                 Direction::kOutbound);
  const SignalHit* hit = FindHit(verdict, "INTERNAL_LURE_PAGE");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("in 14 message(s) but no one here ever linked it") != std::string::npos);
  // Once staff link it, an ask for a password of its own is its business.
  history.SetLinkDomain("example-club.org", 14, 4, 2);
  CHECK(Strength("INTERNAL_LURE_PAGE", NeutralLure(BeyondReach(), kAsk, "www.example-club.org"),
                 history, Direction::kOutbound) == 0);
  // Within the account's reach, nothing.
  history.SetLinkDomain("example-club.org", 14, 4);
  CHECK(Strength("INTERNAL_LURE_PAGE",
                 NeutralLure({"daren.farmer@enron.com"}, kAsk, "www.example-club.org"), history,
                 Direction::kOutbound) == 0);
}

TEST_CASE("INTERNAL_ACCOUNT_ASK: an ask for the reader's own mail account holds alone",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  constexpr std::string_view kMailbox =
      "Your mailbox is full. Sign in with your network password to raise your quota at";
  history.SetLinkDomain("example-university.edu", 40, 12, 9);  // staff link it
  const Message lure = NeutralLure(BeyondReach(), kMailbox, "www.example-university.edu");
  Verdict verdict = HeldAloneBy("INTERNAL_ACCOUNT_ASK", lure, history);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "INTERNAL_ACCOUNT_ASK");
  CHECK(hit->evidence.find("names the reader's own account (\"your mailbox\")") !=
        std::string::npos);
  CHECK(hit->evidence.find("and staff link it") != std::string::npos);
  // A site staff link: nothing else fires, and the ask alone holds.
  CHECK(verdict.signals.size() == 1);
  // A provider's own sign-in on a site staff link, beyond reach: neither.
  const Message portal =
      NeutralLure(BeyondReach(), "Sign in with your employee number and password at",
                  "www.example-university.edu");
  CHECK(Strength("INTERNAL_ACCOUNT_ASK", portal, history, Direction::kOutbound) == 0);
  CHECK(Strength("INTERNAL_LURE_PAGE", portal, history, Direction::kOutbound) == 0);
  // Within the account's reach: nothing.
  CHECK(Strength("INTERNAL_ACCOUNT_ASK",
                 NeutralLure({"daren.farmer@enron.com"}, kMailbox, "www.example-university.edu"),
                 history, Direction::kOutbound) == 0);
  // An address naming a sign-in does not hide the text's ask: on a site
  // received twice, the address alone is a half-strength sign-in page, our
  // own account named is the ask.
  history.SetLinkDomain("example-club.org", 2, 1);
  Message named = NeutralLure(BeyondReach(), kMailbox, "www.example-club.org");
  named.links.front().path = "/accounts/64394f/index.php";
  named.links.front().url = "https://www.example-club.org/accounts/64394f/index.php";
  named.text_body = "Hi all,\n\n" + std::string(kMailbox) + " " + named.links.front().url + "\n";
  CHECK(Strength("INTERNAL_ACCOUNT_ASK", named, history, Direction::kOutbound) == 1.0);
  CHECK(Strength("INTERNAL_LURE_PAGE", named, history, Direction::kOutbound) == 0);
  named.text_body = "Hi all,\n\nThe club's page: " + named.links.front().url + "\n";
  CHECK(Strength("INTERNAL_ACCOUNT_ASK", named, history, Direction::kOutbound) == 0);
  CHECK(Strength("INTERNAL_LURE_PAGE", named, history, Direction::kOutbound) == 0.5);
  // A page planted in a site's upload folder is still read for the ask.
  Message planted = NeutralLure(BeyondReach(), kMailbox, "www.example-university.edu");
  planted.links.front().path = "/wp-content/uploads/64394f/index.html";
  planted.links.front().url =
      "https://www.example-university.edu/wp-content/uploads/64394f/index.html";
  planted.text_body =
      "Hi all,\n\n" + std::string(kMailbox) + " " + planted.links.front().url + "\n";
  CHECK(Strength("INTERNAL_ACCOUNT_ASK", planted, history, Direction::kOutbound) == 1.0);
  CHECK(Strength("INTERNAL_PLANTED_PAGE", planted, history, Direction::kOutbound) == 1.0);
  // A tenant named after the organisation on a platform no one here ever
  // received is anyone's to open (IsSendersOwnTenant)...
  CHECK(Strength("INTERNAL_ACCOUNT_ASK", NeutralLure(BeyondReach(), kMailbox, "enron.okta.com"),
                 history, Direction::kOutbound) == 1.0);
  // ...and the organisation's own sign-in tenant, once received, is ours to
  // name.
  history.SetLinkDomain("enron.okta.com", 40, 12, 9);
  CHECK(Strength("INTERNAL_ACCOUNT_ASK", NeutralLure(BeyondReach(), kMailbox, "enron.okta.com"),
                 history, Direction::kOutbound) == 0);
  // Inbound mail is not judged by it.
  CHECK_FALSE(HasHit(ScoreDefault(lure, history, Direction::kInbound), "INTERNAL_ACCOUNT_ASK"));
}

TEST_CASE("INTERNAL_LURE_PAGE: an ask beyond English, its words quoted as written", "[lateral]") {
  FakeHistory history = SteadyAccount();
  Verdict verdict =
      ScoreDefault(NeutralLure(BeyondReach(), "Su CONTRASEÑA caduca hoy. Cámbiela aquí:"), history,
                   Direction::kOutbound);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "INTERNAL_LURE_PAGE");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("the text beside it asks the reader for a password (\"contraseña\")") !=
        std::string::npos);
  CHECK(IsUtf8(hit->evidence));
  CHECK(IsUtf8(Explain(verdict)));
  // The reader's own mailbox, named in Spanish, on a site staff link.
  history.SetLinkDomain("example-university.edu", 40, 12, 9);
  verdict = ScoreDefault(
      NeutralLure(BeyondReach(), "Su buzón está lleno. Inicie sesión para ampliarlo en",
                  "www.example-university.edu"),
      history, Direction::kOutbound);
  hit = FindHit(verdict, "INTERNAL_ACCOUNT_ASK");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("names the reader's own account (\"su buzón\")") != std::string::npos);
  CHECK(IsUtf8(hit->evidence));
  // A Spanish announcement asks nothing.
  CHECK(Strength("INTERNAL_LURE_PAGE",
                 NeutralLure(BeyondReach(), "Actualizamos nuestra política de viajes:"), history,
                 Direction::kOutbound) == 0);
}

TEST_CASE("INTERNAL_LURE_PAGE reads the text beside the first eight links to new sites only",
          "[lateral]") {
  FakeHistory history = SteadyAccount();
  // Nine documents on nine new sites, neutral paths; the sign-in is asked
  // beside the link numbered `asked` only.
  auto strength = [&](size_t asked) {
    Message m = InternalMail(BeyondReach());
    for (size_t i = 1; i <= 9; ++i) {
      Link link = WebLink("docs" + std::to_string(i) + "-4f1.com", "/d/8f3a");
      m.text_body +=
          (i == asked ? "Sign in to view it:\n" : "Document " + std::to_string(i) + ":\n") +
          link.url + "\n\n";
      m.links.push_back(link);
    }
    return Strength("INTERNAL_LURE_PAGE", m, history, Direction::kOutbound);
  };
  CHECK(strength(1) == 1.0);
  CHECK(strength(8) == 1.0);
  // Past kMaxLinksAsked the text is not searched again.
  CHECK(strength(9) == 0);
}

}  // namespace
}  // namespace rapport::testing
