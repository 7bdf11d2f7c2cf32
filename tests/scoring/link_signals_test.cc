#include <catch2/catch.hpp>
#include <string>
#include <utility>
#include <vector>

#include "scoring/signal_support.h"
#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kVendor = "jane.doe@txu.com";
constexpr std::string_view kStaff = "daren.farmer@enron.com";

// A vendor that routinely links its own site and its usual portal,
// portal.energyexchange.com, which the organisation knows well.
FakeHistory VendorHistory(int64_t age_days = 730, uint64_t messages = 120) {
  FakeHistory history;
  history.AddCorrespondent(kVendor, kStaff, kNow - age_days * kDay, kNow - kDay, messages,
                           messages / 3);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "energyexchange.com", 60);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "txu.com", 80);
  history.SetLinkDomain("energyexchange.com", 300, 12);
  history.SetLinkDomain("txu.com", 500, 20);
  return history;
}

Message VendorMailWith(std::vector<Link> links) {
  Message m = MailFrom(Address(kVendor, "Jane Doe"), {std::string(kStaff)},
                       "New Approved Statement From TXU");
  m.links = std::move(links);
  return m;
}

TEST_CASE("a known correspondent's usual link domain scores about 0", "[link]") {
  FakeHistory history = VendorHistory();
  Verdict verdict = ScoreDefault(
      VendorMailWith({WebLink("portal.energyexchange.com", "/statements/2001-03", "View statement"),
                      WebLink("www.txu.com", "/")}),
      history);
  INFO(Explain(verdict));
  CHECK(verdict.score <= 5);
  CHECK(verdict.action == Action::kAccept);
}

TEST_CASE("the same correspondent with a first-seen r2.dev link is held", "[link]") {
  FakeHistory history = VendorHistory();
  Verdict verdict = ScoreDefault(
      VendorMailWith({WebLink("pub-ac94c5d2e1f0.r2.dev", "/offline.html", "View statement")}),
      history);
  INFO(Explain(verdict));
  CHECK(verdict.action == Action::kHold);
  const SignalHit* fileshare = FindHit(verdict, "FIRST_FILESHARE_DOMAIN");
  REQUIRE(fileshare != nullptr);
  CHECK(fileshare->evidence.find("no one in the organisation has received a link to r2.dev") !=
        std::string::npos);
  const SignalHit* new_for_sender = FindHit(verdict, "NEW_LINK_DOMAIN_FOR_SENDER");
  REQUIRE(new_for_sender != nullptr);
  CHECK(new_for_sender->evidence.find("known for 730 days") != std::string::npos);
  CHECK(new_for_sender->evidence.find("has never linked r2.dev") != std::string::npos);
  CHECK(new_for_sender->context == "jane.doe@txu.com>pub-ac94c5d2e1f0.r2.dev");
}

TEST_CASE("NEW_LINK_DOMAIN_FOR_SENDER grows with the relationship's age and volume", "[link]") {
  Message m = VendorMailWith({WebLink("pub-ac94.r2.dev", "/x")});
  double two_years = Strength("NEW_LINK_DOMAIN_FOR_SENDER", m, VendorHistory(730, 400));
  double two_months = Strength("NEW_LINK_DOMAIN_FOR_SENDER", m, VendorHistory(60, 20));
  double one_week = Strength("NEW_LINK_DOMAIN_FOR_SENDER", m, VendorHistory(7, 3));
  CHECK(two_years == Approx(1.0));
  CHECK(two_months < two_years);
  CHECK(one_week < two_months);
  CHECK(one_week < 0.5);
  CHECK(one_week > 0);
}

// The vendor of VendorHistory(), its `messages` over `days` days that
// ended `silent_days` ago.
FakeHistory VendorHistoryEnded(int64_t days, int64_t silent_days, uint64_t messages) {
  FakeHistory history;
  history.AddCorrespondent(kVendor, kStaff, kNow - (silent_days + days) * kDay,
                           kNow - silent_days * kDay, messages, messages / 3);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "txu.com", messages);
  history.SetLinkDomain("txu.com", 500, 20);
  return history;
}

TEST_CASE("a correspondent silent for years keeps its relationship's depth", "[link][timegap]") {
  // Known since three years and a month ago: a partner silent since is
  // still a partner of three years, as one that wrote yesterday.
  Message m = VendorMailWith({WebLink("pub-ac94.r2.dev", "/x")});
  const double dormant =
      Strength("NEW_LINK_DOMAIN_FOR_SENDER", m, VendorHistoryEnded(28, 3 * 365, 9));
  const double active =
      Strength("NEW_LINK_DOMAIN_FOR_SENDER", m, VendorHistoryEnded(3 * 365 + 27, 1, 9));
  CHECK(dormant > 0);
  CHECK(dormant == Approx(active));
}

TEST_CASE("a dormant correspondent's description says when it last wrote", "[link][timegap]") {
  Message m = VendorMailWith({WebLink("pub-ac94.r2.dev", "/x")});
  Verdict dormant = ScoreDefault(m, VendorHistoryEnded(28, 9000, 9));
  const SignalHit* hit = FindHit(dormant, "NEW_LINK_DOMAIN_FOR_SENDER");
  REQUIRE(hit != nullptr);
  INFO(hit->evidence);
  CHECK(hit->evidence.find("(known for 9028 days, 12 messages, the last on " +
                           FormatDate(kNow - 9000 * kDay) + ")") != std::string::npos);
  // A month is the least silence said; a correspondent of last week is
  // described as it always was.
  Verdict month = ScoreDefault(m, VendorHistoryEnded(28, 30, 9));
  hit = FindHit(month, "NEW_LINK_DOMAIN_FOR_SENDER");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("the last on") != std::string::npos);
  Verdict recent = ScoreDefault(m, VendorHistoryEnded(28, 7, 9));
  hit = FindHit(recent, "NEW_LINK_DOMAIN_FOR_SENDER");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("(known for 35 days, 12 messages)") != std::string::npos);
}

TEST_CASE("NEW_LINK_DOMAIN_FOR_SENDER is softened by colleagues, tenants and common domains",
          "[link]") {
  FakeHistory history = VendorHistory();
  Message m = VendorMailWith({WebLink("pub-ac94.r2.dev", "/x")});
  // The sender's own site and a domain it linked before never fire.
  CHECK(Strength("NEW_LINK_DOMAIN_FOR_SENDER", VendorMailWith({WebLink("www.txu.com")}), history) ==
        0);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "r2.dev", 3);
  CHECK(Strength("NEW_LINK_DOMAIN_FOR_SENDER", m, history) == Approx(0.5));  // new tenant only
  // A company's service site is no tenant: the sender's links to the
  // company's other sites (a map, a search) are no habit of it.
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "google.com", 3);
  CHECK(Strength("NEW_LINK_DOMAIN_FOR_SENDER",
                 VendorMailWith({WebLink("docs.google.com", "/document/d/1abc/edit")}),
                 history) == Approx(1.0));
  FakeHistory colleague = VendorHistory();
  colleague.SetAttribute("txu.com", SenderAttributeKind::kLinkDomain, "pub-ac94.r2.dev", 3);
  CHECK(Strength("NEW_LINK_DOMAIN_FOR_SENDER", m, colleague) == Approx(0.4));
  // The organisation is the registrable domain, whichever host its people
  // write from: history learns a host's links under txu.com too.
  Message from_host = m;
  from_host.from = Address("jane.doe@energy.txu.com", "Jane Doe");
  FakeHistory host_history = colleague;
  host_history.AddCorrespondent("jane.doe@energy.txu.com", kStaff, kNow - 730 * kDay, kNow - kDay,
                                120, 40);
  CHECK(Strength("NEW_LINK_DOMAIN_FOR_SENDER", from_host, host_history) == Approx(0.4));
  // At a consumer mailbox provider the organisation is the address: the
  // provider's other users are no colleagues.
  Message from_provider = m;
  from_provider.from = Address("jdoe@aol.com", "Jane Doe");
  FakeHistory provider = VendorHistory();
  provider.AddCorrespondent("jdoe@aol.com", kStaff, kNow - 730 * kDay, kNow - kDay, 120, 40);
  provider.SetAttribute("aol.com", SenderAttributeKind::kLinkDomain, "pub-ac94.r2.dev", 3);
  CHECK(Strength("NEW_LINK_DOMAIN_FOR_SENDER", from_provider, provider) == Approx(1.0));
  // One more domain from a sender that links twenty or more is less telling.
  FakeHistory linker = VendorHistory();
  for (int i = 0; i < 17; ++i) {
    linker.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "site" + std::to_string(i), 1);
  }
  CHECK(Strength("NEW_LINK_DOMAIN_FOR_SENDER", m, linker) == Approx(1.0));  // 19 domains
  linker.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "site17", 1);
  CHECK(Strength("NEW_LINK_DOMAIN_FOR_SENDER", m, linker) == Approx(0.6));  // 20 domains
  // A first-contact sender has no linking habits to depart from.
  Message stranger = MailFrom(Address("x@newco.com"), {std::string(kStaff)});
  stranger.links = {WebLink("pub-ac94.r2.dev", "/x")};
  CHECK(Strength("NEW_LINK_DOMAIN_FOR_SENDER", stranger, history) == 0);
}

TEST_CASE("NEW_LINK_DOMAIN_FOR_SENDER: a shortener's familiarity is not its target's", "[link]") {
  Link shortened = WebLink("bit.ly", "/3xYz9Qa");
  shortened.shortened = true;
  Link plain = WebLink("www.bit.ly", "/about");  // the service's own page: its site
  // bit.ly common here (60 messages from 25 senders) and linked by a
  // colleague at the vendor's domain.
  FakeHistory history = VendorHistory();
  history.SetLinkDomain("bit.ly", 60, 25);
  history.SetAttribute("txu.com", SenderAttributeKind::kLinkDomain, "bit.ly", 4);
  CHECK(Strength("NEW_LINK_DOMAIN_FOR_SENDER", VendorMailWith({plain}), history) ==
        Approx(0.4 * 0.5));
  auto found = Detect("NEW_LINK_DOMAIN_FOR_SENDER", VendorMailWith({shortened}), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == Approx(1.0));  // neither weakens a link hidden behind it
  CHECK_THAT(found[0].evidence,
             Catch::EndsWith("has never linked bit.ly before; a shortened link: where it leads "
                             "only bit.ly knows, so how common bit.ly is here says nothing of "
                             "it"));
  // The sender's own habit of shortening its links still speaks for it.
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "bit.ly", 5);
  CHECK(Detect("NEW_LINK_DOMAIN_FOR_SENDER", VendorMailWith({shortened}), history).empty());
}

TEST_CASE("FIRST_FILESHARE_DOMAIN at platform and tenant level", "[link]") {
  FakeHistory history = VendorHistory();
  Message m = VendorMailWith({WebLink("vendor.myclickfunnels.com", "/statement")});
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", m, history) == 1.0);
  // Other tenants of the platform are familiar; this one is as new as a new
  // platform: each tenant is a separate owner.
  history.SetLinkDomain("myclickfunnels.com", 40, 5);
  auto tenant = Detect("FIRST_FILESHARE_DOMAIN", m, history);
  REQUIRE(tenant.size() == 1);
  CHECK(tenant[0].strength == 1.0);
  CHECK(tenant[0].context == "vendor.myclickfunnels.com");
  CHECK_THAT(tenant[0].evidence, Catch::Contains("myclickfunnels.com is known (40 messages)") &&
                                     Catch::Contains("each tenant is a separate owner"));
  history.SetLinkDomain("vendor.myclickfunnels.com", 40, 5);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", m, history) == 0);
  // Not a file-share platform at all.
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", VendorMailWith({WebLink("newsite.com")}), history) == 0);
  // Mailchimp hosts pages on list-manage.com, and tracks a newsletter's
  // clicks there: the tracker (Link::email_service_tracker) is no page.
  Link page = WebLink("txu.us4.list-manage.com", "/survey?u=51f0&id=08bc");
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", VendorMailWith({page}), history) == 1.0);
  Link tracked = WebLink("txu.us4.list-manage.com", "/track/click?u=51f0&id=08bc");
  tracked.email_service_tracker = true;
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", VendorMailWith({tracked}), history) == 0);
  // A site is judged by its first link that is a page on the platform,
  // whatever came before it: the tracker, or a page of a host the
  // catalogue lists only under a path (mailchimp.com/landing).
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", VendorMailWith({tracked, page}), history) == 1.0);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN",
                 VendorMailWith({WebLink("mailchimp.com", "/about"),
                                 WebLink("mailchimp.com", "/landing/txu-remittance")}),
                 history) == 1.0);
  // On a platform no one here received, a tenant named after the sender is
  // no sign of whose it is: anyone may open one under a name still free.
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", VendorMailWith({WebLink("txu.sharepoint.com")}),
                 history) == 1.0);
  // On a platform the organisation receives, it is probably the sender's own.
  history.SetLinkDomain("sharepoint.com", 40, 5);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", VendorMailWith({WebLink("txu.sharepoint.com")}),
                 history) == Approx(0.6));
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", VendorMailWith({WebLink("txu-my.sharepoint.com")}),
                 history) == Approx(0.6));
  // An impostor's tenant that merely contains the sender's name is not its own.
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", VendorMailWith({WebLink("txu-billing.sharepoint.com")}),
                 history) == 1.0);
}

TEST_CASE("FIRST_FILESHARE_DOMAIN: a platform one other organisation brought is still new",
          "[link]") {
  // Another organisation's one sender linked WeTransfer here twice; the
  // vendor, no one at txu.com, and no one else ever did.
  FakeHistory history = VendorHistory();
  history.SetLinkDomain("wetransfer.com", 2, 1);
  const Message share =
      VendorMailWith({WebLink("wetransfer.com", "/downloads/9f8e7d", "Download")});
  auto found = Detect("FIRST_FILESHARE_DOMAIN", share, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK_THAT(found[0].evidence,
             Catch::Contains("from one correspondent only (2 messages)") &&
                 Catch::Contains("one correspondent's use is not yet the organisation's"));
  Verdict verdict = ScoreDefault(share, history);
  INFO(Explain(verdict));
  CHECK(verdict.action == Action::kHold);
  // However often that one sender linked it.
  history.SetLinkDomain("wetransfer.com", 9, 1);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", share, history) == 1.0);
  // Two people at one other organisation, from two of its hosts: one
  // partner's use, still new here.
  FakeHistory partner = history;
  partner.SetLinkDomain("wetransfer.com", 3, 2);
  partner.AddLinkDomainSender("wetransfer.com", "ann@acme.com");
  partner.AddLinkDomainSender("wetransfer.com", "bob@mail.acme.com");
  found = Detect("FIRST_FILESHARE_DOMAIN", share, partner);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK_THAT(found[0].evidence,
             Catch::Contains("from 2 correspondents at acme.com only (3 messages)") &&
                 Catch::Contains("one partner's use is not yet the organisation's"));
  // A store that cannot list them is an error, never an answer.
  FakeHistory unlisted = partner;
  unlisted.FailLinkDomainSenders();
  std::unique_ptr<Scorer> scorer;
  REQUIRE(Scorer::Create(DefaultOptions(), &scorer).ok());
  Verdict failed;
  CHECK(scorer->Score(share, Direction::kInbound, unlisted, kNow, &failed).IsIoError());
  // Two senders of two organisations: the platform is rare here, no longer
  // new; so it is from two users of one consumer mailbox provider, each its
  // own organisation. With a third message it is known (silent), as it is
  // when the store no longer lists every sender (retention), or lists more
  // than are read one by one, though every one listed is at acme.com.
  FakeHistory two = history;
  two.SetLinkDomain("wetransfer.com", 2, 2);
  two.AddLinkDomainSender("wetransfer.com", "ann@acme.com");
  two.AddLinkDomainSender("wetransfer.com", "carl@globex.com");
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", share, two) == Approx(0.3));
  FakeHistory provider = history;
  provider.SetLinkDomain("wetransfer.com", 2, 2);
  provider.AddLinkDomainSender("wetransfer.com", "ann.smith@gmail.com");
  provider.AddLinkDomainSender("wetransfer.com", "carl.jones@gmail.com");
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", share, provider) == Approx(0.3));
  FakeHistory dropped = history;
  dropped.SetLinkDomain("wetransfer.com", 3, 3);
  dropped.AddLinkDomainSender("wetransfer.com", "ann@acme.com");
  dropped.AddLinkDomainSender("wetransfer.com", "bob@acme.com");
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", share, dropped) == 0);
  dropped.AddLinkDomainSender("wetransfer.com", "cid@acme.com");
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", share, dropped) == 1.0);  // all three listed
  FakeHistory many = history;
  for (int i = 0; i < 9; ++i) {
    many.AddLinkDomainSender("wetransfer.com", "staff" + std::to_string(i) + "@acme.com");
  }
  many.SetLinkDomain("wetransfer.com", 12, 8);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", share, many) == 1.0);  // eight: read one by one
  many.SetLinkDomain("wetransfer.com", 12, 9);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", share, many) == 0);
  // The one sender was the vendor itself, or someone at its organisation
  // (learned under txu.com from whichever host they wrote): its habit.
  history.SetLinkDomain("wetransfer.com", 2, 1);
  FakeHistory own = history;
  own.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "wetransfer.com", 2);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", share, own) == Approx(0.3));
  FakeHistory colleague = history;
  colleague.SetAttribute("txu.com", SenderAttributeKind::kLinkDomain, "wetransfer.com", 2);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", share, colleague) == Approx(0.3));
  Message from_host = share;
  from_host.from = Address("jane.doe@energy.txu.com", "Jane Doe");
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", from_host, colleague) == Approx(0.3));
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", from_host, history) == 1.0);
}

TEST_CASE("FIRST_FILESHARE_DOMAIN judges a company's service by itself, not its other sites",
          "[link]") {
  // Staff link Google's search and the organisation receives it often; no
  // one here ever received a Google document (data/tenant_platforms.txt
  // lists docs.google.com as a service site of its own).
  FakeHistory history = VendorHistory();
  history.SetLinkDomain("google.com", 40, 12, 9);
  const Message statement = VendorMailWith(
      {WebLink("docs.google.com", "/document/d/1AbCdEf/edit", "New Approved Statement")});
  auto found = Detect("FIRST_FILESHARE_DOMAIN", statement, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].context == "docs.google.com");
  CHECK_THAT(found[0].evidence,
             Catch::Contains("no one in the organisation has received a link to docs.google.com "
                             "before") &&
                 !Catch::Contains("tenant"));
  Verdict verdict = ScoreDefault(statement, history);
  INFO(Explain(verdict));
  CHECK(verdict.action == Action::kHold);
  // Once the organisation receives Google documents, they are no news.
  history.SetLinkDomain("docs.google.com", 40, 12);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", statement, history) == 0);
}

TEST_CASE("a known vendor's link to a new tenant of a familiar file-sharing platform is held",
          "[link]") {
  // The organisation trades files with a partner on Egnyte; each Egnyte
  // customer is its own subdomain (data/tenant_platforms.txt).
  FakeHistory history = VendorHistory();
  history.SetLinkDomain("egnyte.com", 40, 5);
  history.SetLinkDomain("partner.egnyte.com", 40, 5);
  Verdict verdict = ScoreDefault(
      VendorMailWith({WebLink("txu-remit.egnyte.com", "/fl/Ab12Cd", "View statement")}), history);
  INFO(Explain(verdict));
  CHECK(verdict.action == Action::kHold);
  const SignalHit* fileshare = FindHit(verdict, "FIRST_FILESHARE_DOMAIN");
  REQUIRE(fileshare != nullptr);
  CHECK(fileshare->strength == 1.0);
  CHECK_THAT(fileshare->evidence, Catch::Contains("egnyte.com is known (40 messages)") &&
                                      Catch::Contains("each tenant is a separate owner"));
  // The tenant the organisation knows is no news...
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", VendorMailWith({WebLink("partner.egnyte.com", "/fl/x")}),
                 history) == 0);
  // ...nor is the platform's own site a tenant...
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", VendorMailWith({WebLink("www.egnyte.com", "/pricing")}),
                 history) == 0);
  // ...and the sender's own tenant, on a platform received here, is new but
  // probably its own.
  history.SetLinkDomain("sharefile.com", 12, 3);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", VendorMailWith({WebLink("txu.egnyte.com", "/fl/x")}),
                 history) == Approx(0.6));
  CHECK(Strength("FIRST_FILESHARE_DOMAIN",
                 VendorMailWith({WebLink("txu.sharefile.com", "/d-s1234")}),
                 history) == Approx(0.6));
}

// A vendor's name on a platform it was never seen to use is the name its
// impersonator would choose: the platform's first link here is judged in
// full, whoever's name its tenant bears (IsSendersOwnTenant).
TEST_CASE("a known vendor's first link to a workspace named after itself on a new platform is held",
          "[link]") {
  FakeHistory history = VendorHistory();
  for (const char* host : {"txu.typeform.com", "txu.notion.site", "txu.mypinata.cloud"}) {
    const Message lure = VendorMailWith({WebLink(host, "/to/AbC12", "View statement")});
    Verdict verdict = ScoreDefault(lure, history);
    INFO(host << "\n" << Explain(verdict));
    CHECK(verdict.action == Action::kHold);
    const SignalHit* fileshare = FindHit(verdict, "FIRST_FILESHARE_DOMAIN");
    REQUIRE(fileshare != nullptr);
    CHECK(fileshare->strength == 1.0);
    CHECK_THAT(fileshare->evidence, Catch::Contains("the tenant bears the sender's name"));
    CHECK(Strength("RARE_LINK_DOMAIN", lure, history) == 1.0);
  }
}

// Onehub gives each account its own login host ("accounturl.onehub.com"),
// as Egnyte does: a tenant beside the one a partner shares from is another
// owner's.
TEST_CASE("a known vendor's link to a new Onehub account beside a familiar one is held", "[link]") {
  FakeHistory history = VendorHistory();
  history.SetLinkDomain("onehub.com", 40, 5);
  history.SetLinkDomain("partner.onehub.com", 40, 5);
  Verdict verdict = ScoreDefault(
      VendorMailWith({WebLink("txu-statements.onehub.com", "/folders/abc", "View statement")}),
      history);
  INFO(Explain(verdict));
  CHECK(verdict.action == Action::kHold);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN",
                 VendorMailWith({WebLink("txu-statements.onehub.com", "/folders/abc")}),
                 history) == 1.0);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN",
                 VendorMailWith({WebLink("partner.onehub.com", "/folders/abc")}), history) == 0);
}

// The e-signature, form and survey platforms anyone can send a document
// or a form from on a free account, and the sovereign clouds' SharePoint.
TEST_CASE("FIRST_FILESHARE_DOMAIN: e-signature, survey and form platforms", "[link]") {
  FakeHistory history = VendorHistory();
  for (const auto& [host, path] : std::vector<std::pair<std::string, std::string>>{
           {"na4.docusign.net", "/Signing/EmailStart.aspx?a=1"},
           {"secure.na1.adobesign.com", "/public/esignWidget?wid=CBF"},
           {"acme.qualtrics.com", "/jfe/form/SV_1a"},
           {"survey.alchemer.com", "/s3/7012345/Vendor-update"},
           {"airtable.com", "/appAbC/shrXyZ"},
           {"forms.monday.com", "/forms/abc123"},
           {"app.smartsheet.com", "/b/publish?EQBCT=abc"},
           {"agency.sharepoint.us", "/:b:/g/x"},
           {"docs.zoom.us", "/doc/abc"},
           {"remit-portal.square.site", "/"}}) {
    INFO(host + path);
    CHECK(Strength("FIRST_FILESHARE_DOMAIN", VendorMailWith({WebLink(host, path)}), history) ==
          1.0);
  }
  // Zoom's meetings and Smartsheet's app are no place to publish a page.
  CHECK(Strength("FIRST_FILESHARE_DOMAIN",
                 VendorMailWith({WebLink("us02web.zoom.us", "/j/81234567890")}), history) == 0);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN",
                 VendorMailWith({WebLink("app.smartsheet.com", "/sheets/abc")}), history) == 0);
  // A tenant of a familiar survey platform is its own owner.
  history.SetLinkDomain("qualtrics.com", 40, 5);
  history.SetLinkDomain("partner.qualtrics.com", 40, 5);
  auto found = Detect(
      "FIRST_FILESHARE_DOMAIN",
      VendorMailWith({WebLink("qualtricsxm7rw2kq9pzd.ca1.qualtrics.com", "/jfe/form/SV_3K")}),
      history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].context == "qualtricsxm7rw2kq9pzd.ca1.qualtrics.com");
  CHECK(Strength("FIRST_FILESHARE_DOMAIN",
                 VendorMailWith({WebLink("partner.qualtrics.com", "/jfe/form/SV_1a")}),
                 history) == 0);
}

TEST_CASE("a new Salesforce Experience Cloud site is a tenant of its own", "[link]") {
  FakeHistory history = VendorHistory();
  history.SetLinkDomain("site.com", 30, 4);
  history.SetLinkDomain("txu.my.site.com", 30, 4);
  auto found =
      Detect("FIRST_FILESHARE_DOMAIN",
             VendorMailWith({WebLink("remit-portal-4f2a.my.site.com", "/s/login")}), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].context == "remit-portal-4f2a.my.site.com");
  CHECK(Strength("RARE_LINK_DOMAIN",
                 VendorMailWith({WebLink("remit-portal-4f2a.my.site.com", "/s/login")}),
                 history) == 1.0);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", VendorMailWith({WebLink("txu.my.site.com", "/s/")}),
                 history) == 0);
}

TEST_CASE("RARE_LINK_DOMAIN: rare organisation-wide, never a known sender's own", "[link]") {
  FakeHistory history = VendorHistory();
  CHECK(Strength("RARE_LINK_DOMAIN", VendorMailWith({WebLink("never-seen.com")}), history) == 1.0);
  history.SetLinkDomain("once-seen.com", 1, 1);
  CHECK(Strength("RARE_LINK_DOMAIN", VendorMailWith({WebLink("once-seen.com")}), history) ==
        Approx(2.0 / 3.0));
  CHECK(Strength("RARE_LINK_DOMAIN", VendorMailWith({WebLink("www.energyexchange.com")}),
                 history) == 0);
  // A known correspondent linking its own site is ordinary, even when no
  // one has linked that site before...
  history.AddCorrespondent("bob@quiet-vendor.com", kStaff, kNow - 400 * kDay, kNow - kDay, 30, 5);
  Message known_own = MailFrom(Address("bob@quiet-vendor.com"), {std::string(kStaff)});
  known_own.links = {WebLink("www.quiet-vendor.com", "/invoice")};
  CHECK(Strength("RARE_LINK_DOMAIN", known_own, history) == 0);
  // ...but a domain new to the organisation linking to itself is still rare:
  // the first-contact "Proposal Document" on the sender's fresh domain.
  Message own = MailFrom(Address("news@brand-new.com"), {std::string(kStaff)});
  own.links = {WebLink("www.brand-new.com", "/offer")};
  CHECK(Strength("RARE_LINK_DOMAIN", own, history) == 1.0);
  // So is one the organisation knows only as a tagged first contact left
  // it (SenderDomainWarnedOnly), to a new address there...
  SenderProfile& warned = history.Profile("brand-new.com");
  warned.first_seen = kNow - 30 * kDay;
  warned.messages_sent = 1;
  CHECK(Strength("RARE_LINK_DOMAIN", own, history) == 0);
  AnomalyObservations observed;
  observed.messages = 1;
  history.SetObservations("NEW_SENDER_DOMAIN", "brand-new.com", 0, observed);
  CHECK(Strength("RARE_LINK_DOMAIN", own, history) == 1.0);
  // ...but not to the address that wrote that message.
  history.Profile("news@brand-new.com").messages_sent = 1;
  CHECK(Strength("RARE_LINK_DOMAIN", own, history) == 0);
  history.SetLinkDomain("we-sent-it.com", 1, 1, 1);
  CHECK(Strength("RARE_LINK_DOMAIN", VendorMailWith({WebLink("we-sent-it.com")}), history) == 0);
}

TEST_CASE("RARE_LINK_DOMAIN judges a tenant, not its familiar platform", "[link]") {
  FakeHistory history = VendorHistory();
  // The organisation receives and sends other tenants of web.app...
  history.SetLinkDomain("web.app", 80, 12, 3);
  history.SetLinkDomain("enron-reports.web.app", 60, 10, 3);
  auto rare = Detect("RARE_LINK_DOMAIN", VendorMailWith({WebLink("remit-4f2a.web.app")}), history);
  REQUIRE(rare.size() == 1);
  CHECK(rare[0].strength == 1.0);
  CHECK(rare[0].context == "remit-4f2a.web.app");
  CHECK_THAT(rare[0].evidence, Catch::Contains("remit-4f2a.web.app: no one"));
  // ...and the tenants it knows are not rare.
  CHECK(Strength("RARE_LINK_DOMAIN", VendorMailWith({WebLink("enron-reports.web.app")}), history) ==
        0);
  // A known sender's own tenant is its own site, like its own domain...
  CHECK(Strength("RARE_LINK_DOMAIN", VendorMailWith({WebLink("txu.web.app")}), history) == 0);
  // ...on a platform the organisation receives: on one no one here
  // received, its name is anyone's to take.
  CHECK(Strength("RARE_LINK_DOMAIN", VendorMailWith({WebLink("txu.notion.site")}), history) == 1.0);
  CHECK(Strength("RARE_LINK_DOMAIN", VendorMailWith({WebLink("txu-billing.web.app")}), history) ==
        1.0);
}

TEST_CASE("a tenant named after a consumer mailbox's address is that person's own", "[link]") {
  FakeHistory history;
  history.AddCorrespondent("jdoe@gmail.com", kStaff, kNow - 400 * kDay, kNow - kDay, 30, 5);
  Message m = MailFrom(Address("jdoe@gmail.com"), {std::string(kStaff)});
  m.links = {WebLink("jdoe.github.io", "/paper/")};
  history.SetLinkDomain("github.io", 20, 6);
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", m, history) == Approx(0.6));
  // The provider's name is no person's: anyone at gmail.com could claim it.
  m.links = {WebLink("gmail.github.io", "/paper/")};
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", m, history) == 1.0);
}

TEST_CASE("a tenant named after the sender without its hyphens is its own", "[link]") {
  FakeHistory history;
  history.AddCorrespondent("bob@duke-energy.com", kStaff, kNow - 400 * kDay, kNow - kDay, 30, 5);
  Message m = MailFrom(Address("bob@duke-energy.com"), {std::string(kStaff)});
  // An Azure storage account's name has no hyphens.
  history.SetLinkDomain("windows.net", 20, 6);
  history.SetLinkDomain("web.app", 20, 6);
  m.links = {WebLink("dukeenergy.blob.core.windows.net", "/docs/x.pdf")};
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", m, history) == Approx(0.6));
  m.links = {WebLink("duke-energy.web.app", "/x")};
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", m, history) == Approx(0.6));
  // Run together with a word, it is what an impostor registers.
  m.links = {WebLink("dukeenergybilling.blob.core.windows.net", "/docs/x.pdf")};
  CHECK(Strength("FIRST_FILESHARE_DOMAIN", m, history) == 1.0);
}

TEST_CASE("MASKED_LINK: the text shows one domain, the link goes to another", "[link]") {
  FakeHistory history = VendorHistory();
  Link masked = WebLink("login.evil-host.net", "/paypal", "www.paypal.com");
  masked.text_looks_like_url = true;
  masked.text_host = "www.paypal.com";
  auto found = Detect("MASKED_LINK", VendorMailWith({masked}), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence ==
        "link text shows www.paypal.com but the link goes to login.evil-host.net");
  Link honest = WebLink("www.paypal.com", "/", "paypal.com");
  honest.text_looks_like_url = true;
  honest.text_host = "paypal.com";
  CHECK(Detect("MASKED_LINK", VendorMailWith({honest}), history).empty());
  // Also judged on outbound mail.
  CHECK(Strength("MASKED_LINK", VendorMailWith({masked}), history, Direction::kOutbound) == 1.0);
}

TEST_CASE("MASKED_LINK: a tenant of a familiar platform is judged as its own owner", "[link]") {
  FakeHistory history = VendorHistory();
  history.SetLinkDomain("sharepoint.com", 400, 30);
  auto masked = [](std::string_view host) {
    Link link = WebLink(host, "/:b:/g/personal/ap/EaB1", "https://www.txu.com/invoices");
    link.text_looks_like_url = true;
    link.text_host = "www.txu.com";
    return link;
  };
  // Another organisation's SharePoint no one here received: a familiar
  // platform does not make its tenant a click tracker.
  const Link tenant = masked("txu-billing-my.sharepoint.com");
  REQUIRE(tenant.private_domain != tenant.icann_domain);
  auto found = Detect("MASKED_LINK", VendorMailWith({tenant}), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("a tenant of sharepoint.com, judged as its own owner") !=
        std::string::npos);
  // A tenant the organisation receives often is softened as any known
  // target once the sender is known to link it (the hosting platform's
  // rule below); not before.
  history.SetLinkDomain("txu-billing-my.sharepoint.com", 40, 5);
  CHECK(Strength("MASKED_LINK", VendorMailWith({tenant}), history) == 1.0);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "txu-billing-my.sharepoint.com",
                       5);
  CHECK(Strength("MASKED_LINK", VendorMailWith({tenant}), history) == 0.5);
  // A tracker on a familiar domain that is no tenant keeps the softening.
  history.SetLinkDomain("example-esp.com", 400, 30);
  CHECK(Strength("MASKED_LINK", VendorMailWith({masked("click.trk.example-esp.com")}), history) ==
        0.5);
}

TEST_CASE("MASKED_LINK: a hosting platform's page the sender never linked is no tracker",
          "[link]") {
  FakeHistory history = VendorHistory();
  history.SetLinkDomain("docs.google.com", 400, 30);
  history.SetLinkDomain("list-manage.com", 400, 30);
  auto masked = [](std::string_view host, std::string_view path) {
    Link link = WebLink(host, path, "https://www.txu.com/invoices");
    link.text_looks_like_url = true;
    link.text_host = "www.txu.com";
    return link;
  };
  const Link doc = masked("docs.google.com", "/document/d/1AbC/edit");
  // Google is familiar here, but this vendor never linked a Google page.
  auto found = Detect("MASKED_LINK", VendorMailWith({doc}), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK_THAT(found[0].evidence,
             Catch::Contains("file-share/hosting platform docs.google.com, which txu.com never "
                             "linked before"));
  // A vendor whose newsletters go through Mailchimp's tracker (a host of
  // pages too) keeps the softening; so does one whose colleagues linked it.
  const Link tracker = masked("txu.us5.list-manage.com", "/track/click?u=1&id=2");
  CHECK(Strength("MASKED_LINK", VendorMailWith({tracker}), history) == 1.0);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "list-manage.com", 12);
  CHECK(Strength("MASKED_LINK", VendorMailWith({tracker}), history) == 0.5);
  history.SetAttribute("txu.com", SenderAttributeKind::kLinkDomain, "docs.google.com", 3);
  CHECK(Strength("MASKED_LINK", VendorMailWith({doc}), history) == 0.5);
  // A shortener common here is no tracker of a vendor that never used it:
  // where it leads only the service knows.
  history.SetLinkDomain("bit.ly", 400, 30);
  Link shortened = masked("bit.ly", "/3xYz9Qa");
  CHECK(Strength("MASKED_LINK", VendorMailWith({shortened}), history) == 0.5);  // unmarked
  shortened.shortened = true;
  CHECK_THAT(Detect("MASKED_LINK", VendorMailWith({shortened}), history).at(0).evidence,
             Catch::Contains("(a URL shortener hiding where it leads, which txu.com never linked "
                             "before: no click tracker of its)"));
  CHECK(Strength("MASKED_LINK", VendorMailWith({shortened}), history) == 1.0);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "bit.ly", 12);  // its habit
  CHECK(Strength("MASKED_LINK", VendorMailWith({shortened}), history) == 0.5);
}

TEST_CASE("MASKED_LINK: an email service's tracker showing the sender's own site is no mask",
          "[link]") {
  FakeHistory history = VendorHistory();
  auto through = [](std::string_view host, std::string_view path, std::string_view shown) {
    Link link = WebLink(host, path, "https://" + std::string(shown) + "/news/2001-03");
    link.text_looks_like_url = true;
    link.text_host = std::string(shown);
    return link;
  };
  // The vendor's newsletter through SendGrid, which no one here linked before.
  Link newsletter = through("u1234567.ct.sendgrid.net", "/ls/click?upn=AbC9", "www.txu.com");
  CHECK(Strength("MASKED_LINK", VendorMailWith({newsletter}), history) == 1.0);  // unmarked
  newsletter.email_service_tracker = true;
  CHECK(Detect("MASKED_LINK", VendorMailWith({newsletter}), history).empty());
  // Through the tracker, text showing anyone else's site still masks: a
  // brand's, another organisation's, a tenant's (even one named after the
  // sender, on a platform's domain).
  for (std::string_view other :
       {"www.paypal.com", "www.energyexchange.com", "txu.sharepoint.com"}) {
    Link masked = through("u1234567.ct.sendgrid.net", "/ls/click?upn=AbC9", other);
    masked.email_service_tracker = true;
    CHECK(Strength("MASKED_LINK", VendorMailWith({masked}), history) == 1.0);
  }
  // A compromised vendor's text showing its own site over a lure page, which
  // is no email service's tracker, is still masked.
  const Link lure = through("txu-statements.com", "/login", "www.txu.com");
  CHECK(Strength("MASKED_LINK", VendorMailWith({lure}), history) == 1.0);
  // Another sender's mail showing txu.com through the tracker is not txu.com's newsletter.
  Message stranger = VendorMailWith({newsletter});
  stranger.from = Address("news@txu-energy-update.com", "TXU");
  CHECK(Strength("MASKED_LINK", stranger, history) == 1.0);
}

TEST_CASE("MASKED_LINK: an anchor showing its own address hides nothing", "[link]") {
  FakeHistory history = VendorHistory();
  // As a client writes a plain-text URL into its HTML alternative.
  Link shown = AddressLink("24.27.98.30", "/pictures", "http://24.27.98.30/pictures");
  shown.text_looks_like_url = true;
  shown.text_host = "24.27.98.30";
  CHECK(Detect("MASKED_LINK", VendorMailWith({shown}), history).empty());
  // Another address, or a name, shown over it is still masked.
  Link other = shown;
  other.text_host = "24.27.98.31";
  CHECK(Detect("MASKED_LINK", VendorMailWith({other}), history).size() == 1);
  Link named = shown;
  named.text_host = "www.paypal.com";
  CHECK(Detect("MASKED_LINK", VendorMailWith({named}), history).size() == 1);
  Link address_over_name = WebLink("login.evil-host.net", "/", "http://24.27.98.30/");
  address_over_name.text_looks_like_url = true;
  address_over_name.text_host = "24.27.98.30";
  CHECK(Detect("MASKED_LINK", VendorMailWith({address_over_name}), history).size() == 1);
}

TEST_CASE("ATTACHED_PAGE_LEADS_AWAY: an attached page's form or redirect to another site",
          "[link]") {
  FakeHistory history = VendorHistory();
  Link form = WebLink("collect-docs.net", "/p");
  form.source = LinkSource::kHtmlForm;
  form.attachment = "Remittance.html";
  auto found = Detect("ATTACHED_PAGE_LEADS_AWAY", VendorMailWith({form}), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence ==
        "an attached page submits a form to collect-docs.net (in attachment "
        "\"Remittance.html\"), a site rare in the organisation");
  // The link signals say where they found it, too.
  auto rare = Detect("RARE_LINK_DOMAIN", VendorMailWith({form}), history);
  REQUIRE(rare.size() == 1);
  CHECK(rare[0].evidence.find("collect-docs.net (in attachment \"Remittance.html\")") !=
        std::string::npos);
  // A redirect to a site the organisation knows well: half as strong.
  Link redirect = WebLink("portal.energyexchange.com", "/");
  redirect.source = LinkSource::kHtmlRedirect;
  redirect.attachment = "statement.htm";
  CHECK(Strength("ATTACHED_PAGE_LEADS_AWAY", VendorMailWith({redirect}), history) == 0.5);
  // The known vendor's own site, a form in the body, an anchor in a page.
  Link own = WebLink("www.txu.com", "/pay");
  own.source = LinkSource::kHtmlForm;
  own.attachment = "pay.html";
  Link body_form = WebLink("collect-docs.net", "/p");
  body_form.source = LinkSource::kHtmlForm;
  Link anchor = WebLink("collect-docs.net", "/p", "Open");
  anchor.attachment = "a.html";
  CHECK(Detect("ATTACHED_PAGE_LEADS_AWAY", VendorMailWith({own, body_form, anchor}), history)
            .empty());
  // A first contact's page posting to its own new domain is no less a lure.
  Message stranger = MailFrom(Address("billing@fresh-remit.com"), {std::string(kStaff)});
  Link self = WebLink("secure.fresh-remit.com", "/login");
  self.source = LinkSource::kHtmlForm;
  self.attachment = "login.html";
  stranger.links = {self};
  CHECK(Strength("ATTACHED_PAGE_LEADS_AWAY", stranger, history) == 1.0);
}

TEST_CASE("EXECUTABLE_ATTACHMENT: a program attached, or inside an attached archive",
          "[attachment]") {
  FakeHistory history = VendorHistory();
  Message zipped = VendorMailWith({});
  zipped.attachments.push_back(
      {"email-doc.zip", "application/octet-stream", 33404, {"readme.txt", "email-doc.scr"}});
  auto found = Detect("EXECUTABLE_ATTACHMENT", zipped, history);
  REQUIRE(found.size() == 1);
  // Full strength from a known vendor too: worms send from their victims.
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence ==
        "attached archive \"email-doc.zip\" holds \"email-doc.scr\", a program (.scr) that "
        "runs when opened");
  CHECK(found[0].context == "*.scr");
  Message direct = VendorMailWith({});
  direct.attachments.push_back({"Invoice.PDF.Exe", "application/octet-stream", 2048, {}});
  found = Detect("EXECUTABLE_ATTACHMENT", direct, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].evidence ==
        "attachment \"Invoice.PDF.Exe\" is a program (.exe) that runs when opened");
  // The name is the sender's text: one line of evidence, cut, whatever it holds.
  Message padded = VendorMailWith({});
  padded.attachments.push_back(
      {"invoice\r\n" + std::string(200, ' ') + ".exe", "application/octet-stream", 2048, {}});
  found = Detect("EXECUTABLE_ATTACHMENT", padded, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].evidence.find('\n') == std::string::npos);
  CHECK(found[0].evidence.size() < 140);
  CHECK(found[0].evidence.find("is a program (.exe)") != std::string::npos);
  // Documents, and archives of documents, are what correspondents exchange.
  Message documents = VendorMailWith({});
  documents.attachments.push_back({"statement.pdf", "application/pdf", 4096, {}});
  documents.attachments.push_back({"q1.zip", "application/zip", 4096, {"q1.xls", "notes.doc"}});
  documents.attachments.push_back({"exe", "application/octet-stream", 10, {}});
  CHECK(Detect("EXECUTABLE_ATTACHMENT", documents, history).empty());
}

TEST_CASE("LINK_DRESSED_AS_SENDER: a rare domain spelling the sender's name with a word added",
          "[link]") {
  FakeHistory history;
  Message bank = MailFrom(Address("support-team@bankone.com", "Bank One"), {std::string(kStaff)});
  bank.links = {WebLink("www.bankone.com", "/"),
                WebLink("confirm-bankone.com", "/login", "Log in")};
  auto found = Detect("LINK_DRESSED_AS_SENDER", bank, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("link to confirm-bankone.com spells the sender's bankone.com on "
                               "another domain, one no one in the organisation has received") !=
        std::string::npos);
  CHECK(found[0].context == "bankone.com>confirm-bankone.com");
  // A digit parts the words too, and a host is read by its registrable domain.
  Message wamu = MailFrom(Address("support@wamu.com"), {std::string(kStaff)});
  wamu.links = {WebLink("logon.personal.wamu4u.com", "/")};
  CHECK(Strength("LINK_DRESSED_AS_SENDER", wamu, history) == 1.0);
  // Not read: a name run into other letters, a short name, a subdomain of
  // the sender's own domain.
  Message cera = MailFrom(Address("events@cera.com"), {std::string(kStaff)});
  cera.links = {WebLink("ceramics-fair.example", "/"), WebLink("events.cera.com", "/")};
  CHECK(Detect("LINK_DRESSED_AS_SENDER", cera, history).empty());
  Message key = MailFrom(Address("support@key.com"), {std::string(kStaff)});
  key.links = {WebLink("key-online.example", "/")};
  CHECK(Detect("LINK_DRESSED_AS_SENDER", key, history).empty());
  // A domain the organisation receives often is the sender's real portal.
  history.SetLinkDomain("confirm-bankone.com", 40, 12);
  CHECK(Detect("LINK_DRESSED_AS_SENDER", bank, history).empty());
  // An established correspondent's other domains are its own business.
  FakeHistory partner;
  partner.AddCorrespondent("support-team@bankone.com", kStaff, kNow - 730 * kDay, kNow - kDay, 120,
                           40);
  CHECK(Detect("LINK_DRESSED_AS_SENDER", bank, partner).empty());
  // A consumer mailbox has no name of its own to dress a link in.
  Message person = MailFrom(Address("jlpnymex@hotmail.com"), {std::string(kStaff)});
  person.links = {WebLink("hotmail-verify.example", "/")};
  CHECK(Detect("LINK_DRESSED_AS_SENDER", person, history).empty());
}

// A PDF's URI action, as the parser reads it from an attachment.
Link DocumentLink(std::string_view host, std::string_view attachment) {
  Link link = WebLink(host, "/view");
  link.source = LinkSource::kPdfAction;
  link.attachment = std::string(attachment);
  return link;
}

TEST_CASE("ATTACHED_DOCUMENT_LINK_FIRST_SEEN: a document links a site no one here received",
          "[link]") {
  FakeHistory history = VendorHistory();
  Link lure = DocumentLink("secure.view-statement.net", "Statement_0412.pdf");
  // Two links to one site are one finding.
  Link again = DocumentLink("www.view-statement.net", "Statement_0412.pdf");
  auto found = Detect("ATTACHED_DOCUMENT_LINK_FIRST_SEEN", VendorMailWith({lure, again}), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].context == "view-statement.net");
  CHECK(found[0].evidence ==
        "a link in an attached document goes to secure.view-statement.net (in attachment "
        "\"Statement_0412.pdf\"): no one in the organisation has received view-statement.net "
        "before, and it is not the sender's own");
  // An anchor in an attached page is a document link too; its form or
  // redirect is ATTACHED_PAGE_LEADS_AWAY's.
  Link anchor = WebLink("view-statement.net", "/", "Open");
  anchor.attachment = "statement.html";
  CHECK(Strength("ATTACHED_DOCUMENT_LINK_FIRST_SEEN", VendorMailWith({anchor}), history) == 1.0);
  Link form = anchor;
  form.source = LinkSource::kHtmlForm;
  CHECK(Detect("ATTACHED_DOCUMENT_LINK_FIRST_SEEN", VendorMailWith({form}), history).empty());
  // The same link in the body is left to the body's link signals.
  CHECK(Detect("ATTACHED_DOCUMENT_LINK_FIRST_SEEN",
               VendorMailWith({WebLink("secure.view-statement.net")}), history)
            .empty());
  // The vendor's own site, the portal the organisation knows, one of ours,
  // a site received once or linked by us: what a real invoice links.
  history.SetLinkDomain("received-once.com", 1, 1);
  history.SetLinkDomain("we-sent-it.com", 1, 1, 1);
  CHECK(Detect("ATTACHED_DOCUMENT_LINK_FIRST_SEEN",
               VendorMailWith({DocumentLink("www.txu.com", "inv.pdf"),
                               DocumentLink("portal.energyexchange.com", "inv.pdf"),
                               DocumentLink("www.enron.com", "inv.pdf"),
                               DocumentLink("pay.received-once.com", "inv.pdf"),
                               DocumentLink("we-sent-it.com", "inv.pdf")}),
               history)
            .empty());
  // A new supplier's first invoice links its own new site: not this signal's
  // (the correspondent signals judge a new sender)...
  Message supplier = MailFrom(Address("billing@fresh-supplier.com"), {std::string(kStaff)});
  supplier.links = {DocumentLink("pay.fresh-supplier.com", "Invoice 1001.pdf")};
  CHECK(Detect("ATTACHED_DOCUMENT_LINK_FIRST_SEEN", supplier, history).empty());
  // ...and a first contact's document sending the reader elsewhere is.
  supplier.links.push_back(DocumentLink("pub-4f1c.r2.dev", "Invoice 1001.pdf"));
  found = Detect("ATTACHED_DOCUMENT_LINK_FIRST_SEEN", supplier, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].context == "pub-4f1c.r2.dev");
}

TEST_CASE("a first contact's document linking a first-seen site is held; its own site is not",
          "[link]") {
  FakeHistory history = VendorHistory();
  Message lure = MailFrom(Address("accounts@harbor-remit.com"), {std::string(kStaff)});
  lure.links = {DocumentLink("docs-view.net", "Remittance.pdf")};
  Verdict verdict = ScoreDefault(lure, history);
  CHECK(HasHit(verdict, "ATTACHED_DOCUMENT_LINK_FIRST_SEEN"));
  CHECK(verdict.action == Action::kHold);
  lure.links = {DocumentLink("www.harbor-remit.com", "Remittance.pdf")};
  verdict = ScoreDefault(lure, history);
  CHECK_FALSE(HasHit(verdict, "ATTACHED_DOCUMENT_LINK_FIRST_SEEN"));
  CHECK(verdict.action < Action::kHold);
}

TEST_CASE("ATTACHED_DOCUMENT_LINK_HIDDEN: a document's link behind a shortener or a redirector",
          "[link]") {
  FakeHistory history = VendorHistory();
  // A shortener: where it leads only the service knows, whoever sends it.
  Link shortened = DocumentLink("tinyurl.com", "Statement 1749.pdf");
  shortened.shortened = true;
  auto found = Detect("ATTACHED_DOCUMENT_LINK_HIDDEN", VendorMailWith({shortened}), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence ==
        "a link in an attached document hides where it goes: tinyurl.com (in attachment "
        "\"Statement 1749.pdf\") is a URL shortener, whose destination only the service knows");
  history.SetLinkDomain("tinyurl.com", 40, 5);  // received often: still hidden
  CHECK(Strength("ATTACHED_DOCUMENT_LINK_HIDDEN", VendorMailWith({shortened}), history) == 1.0);
  // A correspondent that has linked that shortener in its mail before
  // shortens its links by habit.
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "tinyurl.com", 3);
  CHECK(Detect("ATTACHED_DOCUMENT_LINK_HIDDEN", VendorMailWith({shortened}), history).empty());
  // The same shortened link in the body is the body's.
  Link in_body = shortened;
  in_body.attachment.clear();
  in_body.source = LinkSource::kPlainText;
  CHECK(Detect("ATTACHED_DOCUMENT_LINK_HIDDEN", VendorMailWith({in_body}), history).empty());
  // A redirector in front of a first-seen site.
  Link target = DocumentLink("e-statements9bd.co", "PO-3833.pdf");
  target.redirected_via = "www.google.com";
  found = Detect("ATTACHED_DOCUMENT_LINK_HIDDEN", VendorMailWith({target}), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].context == "e-statements9bd.co");
  CHECK(found[0].evidence ==
        "a link in an attached document hides where it goes: e-statements9bd.co (behind "
        "redirector www.google.com) (in attachment \"PO-3833.pdf\"), a site no one here has "
        "received, is reached through a redirector");
  // The same site written out is ATTACHED_DOCUMENT_LINK_FIRST_SEEN's alone.
  CHECK(Detect("ATTACHED_DOCUMENT_LINK_HIDDEN",
               VendorMailWith({DocumentLink("e-statements9bd.co", "PO-3833.pdf")}), history)
            .empty());
  // A redirector in front of the sender's own site, the portal the
  // organisation knows, or one of ours is a wrapper (a gateway's link
  // protection kept in a printed mail), not a hiding place.
  std::vector<Link> wrapped;
  for (std::string_view host : {"www.txu.com", "portal.energyexchange.com", "www.enron.com"}) {
    Link link = DocumentLink(host, "inv.pdf");
    link.redirected_via = "nam02.safelinks.protection.outlook.com";
    wrapped.push_back(link);
  }
  CHECK(Detect("ATTACHED_DOCUMENT_LINK_HIDDEN", VendorMailWith(wrapped), history).empty());
  // An attached page's form through a redirector is ATTACHED_PAGE_LEADS_AWAY's.
  Link form = target;
  form.source = LinkSource::kHtmlForm;
  CHECK(Detect("ATTACHED_DOCUMENT_LINK_HIDDEN", VendorMailWith({form}), history).empty());
}

TEST_CASE("a known vendor's document whose link hides a first-seen site is held", "[link]") {
  // A compromised vendor with a short history (8 messages): the first-seen
  // link alone leaves it tagged; hidden behind a shortener it is held.
  FakeHistory history = VendorHistory(60, 8);
  Link plain = DocumentLink("paperless-mail411.info", "Scan_8255.pdf");
  Verdict verdict = ScoreDefault(VendorMailWith({plain}), history);
  INFO(Explain(verdict));
  CHECK_FALSE(HasHit(verdict, "ATTACHED_DOCUMENT_LINK_HIDDEN"));
  CHECK(verdict.action == Action::kTag);
  Link shortened = DocumentLink("tinyurl.com", "Scan_8255.pdf");
  shortened.shortened = true;
  verdict = ScoreDefault(VendorMailWith({shortened}), history);
  INFO(Explain(verdict));
  CHECK(HasHit(verdict, "ATTACHED_DOCUMENT_LINK_HIDDEN"));
  CHECK(HasHit(verdict, "ATTACHED_DOCUMENT_LINK_FIRST_SEEN"));
  CHECK(verdict.action == Action::kHold);
}

TEST_CASE(
    "RARE_LINK_DOMAIN and GENERIC_LINK_TEXT: a shortened link is as rare as the sender's "
    "shortened links",
    "[link]") {
  FakeHistory history = VendorHistory();
  history.SetLinkDomain("bit.ly", 400, 60, 5);  // received from many, linked by staff too
  Link shortened = WebLink("bit.ly", "/3xYz9Qa", "View Document");
  shortened.shortened = true;
  Link plain = WebLink("bit.ly", "/", "View Document");  // the service's own page
  CHECK(Strength("RARE_LINK_DOMAIN", VendorMailWith({plain}), history) == 0);
  CHECK(Strength("GENERIC_LINK_TEXT", VendorMailWith({plain}), history) == 0);
  auto found = Detect("RARE_LINK_DOMAIN", VendorMailWith({shortened}), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence ==
        "link to bit.ly: a shortened link: where it leads only bit.ly knows, so how common bit.ly "
        "is here says nothing of it; the organisation never received bit.ly links from "
        "jane.doe@txu.com before");
  CHECK(Strength("GENERIC_LINK_TEXT", VendorMailWith({shortened}), history) == 1.0);
  // A sender whose mail went through the shortener once is still rare...
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "bit.ly", 1);
  CHECK(Strength("RARE_LINK_DOMAIN", VendorMailWith({shortened}), history) ==
        Approx(1.0 - 1.0 / 3));
  // ...one that shortens its links by habit is not.
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "bit.ly", 3);
  CHECK(Strength("RARE_LINK_DOMAIN", VendorMailWith({shortened}), history) == 0);
  CHECK(Strength("GENERIC_LINK_TEXT", VendorMailWith({shortened}), history) == 0);
}

TEST_CASE(
    "a vendor's first shortened link is judged as a link to an unknown place, however "
    "common the shortener",
    "[link]") {
  // bit.ly received here from 60 senders, linked by staff and by a colleague
  // of the vendor: before, that familiarity scaled the one reading left
  // (NEW_LINK_DOMAIN_FOR_SENDER x0.4 x0.5, 8 points) and silenced the rarity.
  FakeHistory history = VendorHistory();
  history.SetLinkDomain("bit.ly", 400, 60, 5);
  history.SetAttribute("txu.com", SenderAttributeKind::kLinkDomain, "bit.ly", 4);
  Link shortened = WebLink("bit.ly", "/3xYz9Qa", "View Statement");
  shortened.shortened = true;
  Verdict verdict = ScoreDefault(VendorMailWith({shortened}), history);
  CHECK(HasHit(verdict, "NEW_LINK_DOMAIN_FOR_SENDER"));
  CHECK(HasHit(verdict, "RARE_LINK_DOMAIN"));
  CHECK(HasHit(verdict, "GENERIC_LINK_TEXT"));
  CHECK(verdict.action == Action::kHold);
  // A vendor whose mail shortens its links by habit is judged by that habit.
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "bit.ly", 9);
  verdict = ScoreDefault(VendorMailWith({shortened}), history);
  CHECK(verdict.signals.empty());
  CHECK(verdict.action == Action::kAccept);
}

TEST_CASE("IMAGE_LINK and GENERIC_LINK_TEXT hide a rare target", "[link]") {
  FakeHistory history = VendorHistory();
  Link image = WebLink("docs-review.net", "/d");
  image.wraps_image = true;
  image.source = LinkSource::kHtmlAnchor;
  CHECK(Strength("IMAGE_LINK", VendorMailWith({image}), history) == 1.0);
  Link usual_image = WebLink("portal.energyexchange.com", "/");
  usual_image.wraps_image = true;
  CHECK(Strength("IMAGE_LINK", VendorMailWith({usual_image}), history) == 0);

  CHECK(Strength("GENERIC_LINK_TEXT",
                 VendorMailWith({WebLink("docs-review.net", "/d", "  View Document >> ")}),
                 history) == 1.0);
  CHECK(Strength("GENERIC_LINK_TEXT",
                 VendorMailWith({WebLink("docs-review.net", "/d", "Q1 invoice for Daren")}),
                 history) == 0);
  CHECK(Strength("GENERIC_LINK_TEXT",
                 VendorMailWith({WebLink("portal.energyexchange.com", "/", "Click here")}),
                 history) == 0);
}

TEST_CASE("IMAGE_LINK and GENERIC_LINK_TEXT: only a known sender's own site is its own", "[link]") {
  FakeHistory history = VendorHistory();
  // A known correspondent's "View Document" or logo to its own site, or to
  // its own tenant on a platform received here, hides nothing the reader
  // does not know...
  CHECK(Strength("GENERIC_LINK_TEXT",
                 VendorMailWith({WebLink("www.txu.com", "/statements", "View Document")}),
                 history) == 0);
  history.SetLinkDomain("web.app", 80, 12, 3);
  CHECK(Strength("GENERIC_LINK_TEXT",
                 VendorMailWith({WebLink("txu.web.app", "/statements", "View Document")}),
                 history) == 0);
  // ...but a domain new to the organisation, behind the same text or an
  // image, leads where the reader has never been, its own site or not: the
  // first-contact lure on the sender's fresh domain.
  Message fresh = MailFrom(Address("accounts@fresh-proposals.com"), {std::string(kStaff)});
  fresh.links = {WebLink("portal.fresh-proposals.com", "/d/7f3a", "View Document")};
  CHECK(Strength("GENERIC_LINK_TEXT", fresh, history) == 1.0);
  Link logo = WebLink("portal.fresh-proposals.com", "/d/7f3a");
  logo.wraps_image = true;
  logo.source = LinkSource::kHtmlAnchor;
  fresh.links = {logo};
  CHECK(Strength("IMAGE_LINK", fresh, history) == 1.0);
  // Ours is never hidden, from anyone.
  fresh.links = {WebLink("intranet.enron.com", "/", "click here")};
  CHECK(Strength("GENERIC_LINK_TEXT", fresh, history) == 0);
}

TEST_CASE("IMAGE_LINK and GENERIC_LINK_TEXT: a host the message shows elsewhere", "[link]") {
  FakeHistory history = VendorHistory();
  // easy_ham's Media Unspun: its masthead image links the site whose name
  // a text link beside it shows and goes to.
  Link image = WebLink("www.mediaunspun.example", "/");
  image.wraps_image = true;
  image.source = LinkSource::kHtmlAnchor;
  Link shown = WebLink("www.mediaunspun.example", "/", "www.mediaunspun.example");
  shown.text_host = shown.host;
  const Link click = WebLink("www.mediaunspun.example", "/subscribe.html", "click here");
  CHECK(Strength("IMAGE_LINK", VendorMailWith({image, shown}), history) == 0);
  CHECK(Strength("GENERIC_LINK_TEXT", VendorMailWith({click, shown}), history) == 0);
  // Shown text that goes elsewhere shows nothing; nor does the site's
  // other host, nor a link to a shortener, whose target no host names.
  Link masked = shown;
  masked.host = masked.host_unicode = "www.login-check.example";
  masked.icann_domain = masked.private_domain = "login-check.example";
  CHECK(Strength("IMAGE_LINK", VendorMailWith({image, masked}), history) == 1.0);
  Link other_host = WebLink("news.mediaunspun.example", "/", "news.mediaunspun.example");
  other_host.text_host = other_host.host;
  CHECK(Strength("IMAGE_LINK", VendorMailWith({image, other_host}), history) == 1.0);
  Link short_image = WebLink("tinyurl.example", "/1usn");
  short_image.wraps_image = true;
  short_image.shortened = true;
  Link short_shown = WebLink("tinyurl.example", "/", "tinyurl.example");
  short_shown.text_host = short_shown.host;
  short_shown.shortened = true;
  CHECK(Strength("IMAGE_LINK", VendorMailWith({short_image, short_shown}), history) == 1.0);
}

TEST_CASE("URL_CREDENTIALS, IP_LITERAL_LINK and PUNYCODE_LINK", "[link]") {
  FakeHistory history = VendorHistory();
  Link credentials = WebLink("evil.example", "/");
  credentials.url = "https://www.paypal.com:secure@evil.example/";
  credentials.userinfo = "www.paypal.com:secure";
  credentials.has_credentials = true;
  auto found_credentials = Detect("URL_CREDENTIALS", VendorMailWith({credentials}), history);
  REQUIRE(found_credentials.size() == 1);
  CHECK(found_credentials[0].strength == 1.0);
  CHECK(found_credentials[0].evidence.find("\"www.paypal.com\"") != std::string::npos);
  // A list address written as a URL is not a disguise.
  Link list_address = WebLink("lists.clubcorp.com", "/");
  list_address.url = "http://subscribe-90027-members@lists.clubcorp.com/";
  list_address.userinfo = "subscribe-90027-members";
  list_address.has_credentials = true;
  CHECK(Strength("URL_CREDENTIALS", VendorMailWith({list_address}), history) == Approx(0.3));
  CHECK(Strength("URL_CREDENTIALS", VendorMailWith({WebLink("evil.example")}), history) == 0);

  const Link ip = AddressLink("198.51.100.7", "/login");
  Message stranger = MailFrom(Address("x@newco.com"), {std::string(kStaff)});
  stranger.links = {ip};
  CHECK(Strength("IP_LITERAL_LINK", stranger, history) == 1.0);
  CHECK(Strength("IP_LITERAL_LINK", VendorMailWith({ip}), history) == Approx(0.5));
  // Words offering a way out cost a lure nothing to copy: no softening.
  Message lure = stranger;
  lure.text_body = "To be removed from this list, reply with \"UNSUBSCRIBE\" in the subject.";
  CHECK(Strength("IP_LITERAL_LINK", lure, history) == 1.0);
  // A newsletter's click tracker: one script on the mailer's server serves
  // its links, each with its own query (Expedia's FareTracker, 2000).
  Message newsletter = stranger;
  newsletter.links.clear();
  for (std::string_view id : {"00000433b006e2ba7", "000004367006e2ba7", "0000043c9006e2ba7"}) {
    newsletter.links.push_back(
        AddressLink("216.32.31.189", "/tracker/default.asp?r=" + std::string(id)));
  }
  auto found_tracker = Detect("IP_LITERAL_LINK", newsletter, history);
  REQUIRE(found_tracker.size() == 3);
  CHECK(found_tracker[0].strength == Approx(0.5));
  CHECK(
      found_tracker[0].evidence.find(
          "click tracker: 3 of the message's links go through 216.32.31.189/tracker/default.asp") !=
      std::string::npos);
  // Two are not yet a tracker's many; nor are many pages on one server.
  newsletter.links.pop_back();
  CHECK(Strength("IP_LITERAL_LINK", newsletter, history) == 1.0);
  newsletter.links = {AddressLink("162.0.228.240", "/t/4EBQnP6833"),
                      AddressLink("162.0.228.240", "/t/4OaFIs6833"),
                      AddressLink("162.0.228.240", "/t/4kKpuN6833")};
  CHECK(Strength("IP_LITERAL_LINK", newsletter, history) == 1.0);
  // A tracker whose query names the site it sends the reader on to.
  newsletter.links = {AddressLink(
      "207.49.16.150",
      "/ct.cgi?url=http%3a%2f%2fpull.xmr3.com%2fp%2f1-AC4A%2fbody.htm&appno=467&url_no=1")};
  auto found_named = Detect("IP_LITERAL_LINK", newsletter, history);
  REQUIRE(found_named.size() == 1);
  CHECK(found_named[0].strength == Approx(0.5));
  CHECK(found_named[0].evidence.find("its query sends the reader on to pull.xmr3.com") !=
        std::string::npos);
  // Another bare IP named in the query is no named destination.
  newsletter.links = {AddressLink("207.49.16.150", "/ct.cgi?url=http://198.51.100.9/login")};
  CHECK(Strength("IP_LITERAL_LINK", newsletter, history) == 1.0);

  Link puny = WebLink("xn--pple-43d.com", "/");
  puny.host_has_punycode = true;
  puny.host_unicode = "\xD0\xB0pple.com";
  auto found = Detect("PUNYCODE_LINK", VendorMailWith({puny}), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  history.SetLinkDomain("xn--pple-43d.com", 50, 9);
  CHECK(Strength("PUNYCODE_LINK", VendorMailWith({puny}), history) == Approx(0.3));
}

TEST_CASE("a bare IP is a link host like any other: rare until the organisation receives it",
          "[link]") {
  FakeHistory history = VendorHistory();
  const Link ip = AddressLink("198.51.100.7");
  auto rare = Detect("RARE_LINK_DOMAIN", VendorMailWith({ip}), history);
  REQUIRE(rare.size() == 1);
  CHECK(rare[0].strength == 1.0);
  CHECK(rare[0].evidence.find("link to 198.51.100.7: no one in the organisation") !=
        std::string::npos);
  // An address is leased, not kept: a known sender's new one is no news of its own.
  CHECK(Strength("NEW_LINK_DOMAIN_FOR_SENDER", VendorMailWith({ip}), history) == 0);
  // A server the organisation receives links to often is no rare place.
  history.SetLinkDomain("198.51.100.7", 40, 3);
  CHECK(Strength("RARE_LINK_DOMAIN", VendorMailWith({ip}), history) == 0);
}

TEST_CASE("detectors share history reads: a link domain is read once per message", "[link]") {
  FakeHistory history = VendorHistory();
  Link masked = WebLink("pub-ac94.r2.dev", "/offline.html", "www.txu.com");
  masked.text_looks_like_url = true;
  masked.text_host = "www.txu.com";
  masked.wraps_image = false;
  Verdict verdict =
      ScoreDefault(VendorMailWith({masked, WebLink("pub-ac94.r2.dev", "/2")}), history);
  CHECK(FindHit(verdict, "MASKED_LINK") != nullptr);
  CHECK(FindHit(verdict, "RARE_LINK_DOMAIN") != nullptr);
  CHECK(history.LinkDomainReads("r2.dev") == 1);
  CHECK(history.LinkDomainReads("pub-ac94.r2.dev") == 1);
}

// INBOUND_LURE_PAGE: a known correspondent's link judged by what its page
// asks of the reader (message/link_page.h).
double LurePage(std::string_view host, std::string_view path, const FakeHistory& history) {
  return Strength("INBOUND_LURE_PAGE", VendorMailWith({WebLink(host, path, "View statement")}),
                  history);
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

TEST_CASE("INBOUND_LURE_PAGE reads the page's address, not what the text asks", "[link]") {
  // The text's reading (message/link_ask.h) is internal mail's only
  // (INTERNAL_LURE_PAGE, INTERNAL_ACCOUNT_ASK):
  // on real phishing replayed inbound it moved a later message of the same
  // phisher below the tag line (docs/DETECTION-HISTORY.md, branch lateral4).
  FakeHistory history = VendorHistory();
  CHECK(Strength("INBOUND_LURE_PAGE",
                 VendorMailWith({WebLink("statement-96c5-online.com", "/d/8f3a",
                                         "Sign in to view the statement")}),
                 history) == 0);
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
  // A university's site the organisation receives, that the vendor never linked.
  history.SetLinkDomain("example-univ.edu", 40, 12);
  CHECK(LurePage("www.example-univ.edu", "/wp-content/uploads/2f1a/invoice.html", history) == 1.0);
  CHECK(LurePage("www.example-univ.edu", "/wp-content/uploads/2024/05/", history) == 1.0);
  // Files there, and the vendor's own site, which it links as a habit.
  CHECK(LurePage("www.txu.com", "/wp-content/uploads/a/index.html", history) == 0);
  CHECK(LurePage("www.example-univ.edu", "/wp-content/uploads/2024/05/report.pdf", history) == 0);
  // A third party's site the vendor links as a habit: its stories and
  // files, not a page in its upload folder.
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "example-univ.edu", 4);
  CHECK(LurePage("www.example-univ.edu", "/wp-content/uploads/2f1a/invoice.html", history) == 1.0);
  CHECK(LurePage("www.example-univ.edu", "/news/2024/05/story.html", history) == 0);
  const std::vector<Detection> found = Detect(
      "INBOUND_LURE_PAGE",
      VendorMailWith({WebLink("www.example-univ.edu", "/wp-content/uploads/2f1a/invoice.html")}),
      history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].evidence.find("linked example-univ.edu before, but not such a page") !=
        std::string::npos);
}

TEST_CASE("INBOUND_LURE_PAGE: a document presented at a form or site builder's page", "[link]") {
  FakeHistory history = VendorHistory();
  // "View statement" at a form and at a site builder's site, neither of
  // which the vendor or anyone at txu.com linked: however often the
  // organisation received the platform, each form is its author's.
  CHECK(LurePage("form.jotform.com", "/2ad33b644602", history) == 1.0);
  CHECK(LurePage("txu-billing.wixsite.com", "/documents", history) == 1.0);
  history.SetLinkDomain("jotform.com", 12, 5);
  CHECK(LurePage("form.jotform.com", "/2ad33b644602", history) == 1.0);
  const std::vector<Detection> found =
      Detect("INBOUND_LURE_PAGE",
             VendorMailWith({WebLink("form.jotform.com", "/2ad3", "View statement")}), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].evidence.find("presents a document (\"statement\") at a form builder's page "
                               "(jotform.com), a form to fill in, not a file") !=
        std::string::npos);
  CHECK(found[0].evidence.find("nor did anyone at txu.com") != std::string::npos);
  // A form that presents no document: a survey, a registration.
  CHECK(Strength("INBOUND_LURE_PAGE",
                 VendorMailWith({WebLink("form.jotform.com", "/2ad3", "Take the survey")}),
                 history) == 0);
  // A document on a platform that serves files is a share, judged elsewhere.
  CHECK(LurePage("www.dropbox.com", "/s/8f3a/statement.pdf", history) == 0);
  // The vendor's habit, or its organisation's: a colleague at txu.com
  // sent forms there before.
  history.SetAttribute("txu.com", SenderAttributeKind::kLinkDomain, "jotform.com", 2);
  CHECK(LurePage("form.jotform.com", "/2ad33b644602", history) == 0);
  history.SetAttribute(kVendor, SenderAttributeKind::kLinkDomain, "wixsite.com", 2);
  CHECK(LurePage("txu-billing.wixsite.com", "/documents", history) == 0.5);
  // A platform the organisation's own mail links: it works there.
  history.SetLinkDomain("tally.so", 4, 2, 3);
  CHECK(LurePage("tally.so", "/r/3xAbc", history) == 0);
}

TEST_CASE("INBOUND_LURE_PAGE finds a site once, from the first of its links that shows a lure",
          "[link]") {
  FakeHistory history = VendorHistory();
  history.SetLinkDomain("example-univ.edu", 40, 12);
  // The site's report, then the page planted beside it, then another:
  // ReadEachLinkSite reads on past a link that shows nothing, and stops at
  // the site's first finding.
  const std::vector<Detection> found = Detect(
      "INBOUND_LURE_PAGE",
      VendorMailWith(
          {WebLink("www.example-univ.edu", "/wp-content/uploads/2024/05/report.pdf", "Report"),
           WebLink("www.example-univ.edu", "/wp-content/uploads/2f1a/invoice.html", "Invoice"),
           WebLink("www.example-univ.edu", "/wp-includes/js/pay.php", "Pay")}),
      history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].evidence.find("/wp-content/uploads/") != std::string::npos);
}

TEST_CASE("INBOUND_LURE_PAGE reads a first contact's planted page only, and no colleague",
          "[link]") {
  FakeHistory history = VendorHistory();
  // A first contact (a newsletter's first issue) has no habit to depart
  // from: its sign-in pages and documents are not read.
  const auto first_contact = [](std::string_view from, Link link) {
    Message first = MailFrom(Address(from), {std::string(kStaff)}, "Issue 1");
    first.links.push_back(std::move(link));
    return first;
  };
  CHECK(Strength("INBOUND_LURE_PAGE",
                 first_contact("news@example-letter.com",
                               WebLink("statement-96c5-online.com", "/login")),
                 history) == 0);
  CHECK(Strength("INBOUND_LURE_PAGE",
                 first_contact("news@example-letter.com",
                               WebLink("form.jotform.com", "/2ad3", "View statement")),
                 history) == 0);
  // A page planted in an upload folder is read from its address: on a
  // third party's site, and on the stranger's own, which it has no habit
  // of filling.
  CHECK(Strength("INBOUND_LURE_PAGE",
                 first_contact("news@example-letter.com",
                               WebLink("www.example-univ.edu", "/wp-content/uploads/2f1a/")),
                 history) == 1.0);
  const Message own_site =
      first_contact("j.lind@example-college.edu",
                    WebLink("www.example-college.edu", "/wp-content/uploads/2001/lh85/index.html"));
  CHECK(Strength("INBOUND_LURE_PAGE", own_site, history) == 1.0);
  const std::vector<Detection> found = Detect("INBOUND_LURE_PAGE", own_site, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].evidence.find("never linked example-college.edu before") != std::string::npos);
  // Its files there are files.
  CHECK(Strength("INBOUND_LURE_PAGE",
                 first_contact("j.lind@example-college.edu",
                               WebLink("www.example-college.edu",
                                       "/wp-content/uploads/2001/05/programme.pdf")),
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
  // A consultant who wrote once, on a thread with staff, links a sign-in
  // page on a site new to the organisation (a first contact's sign-in
  // pages are not read).
  constexpr std::string_view kParty = "r.carroll@example-law.com";
  FakeHistory history;
  history.AddCorrespondent(kParty, kStaff, kNow - 60 * kDay, kNow - 60 * kDay, 1, 0);
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
    m.links.push_back(WebLink("review-3c1f-online.com", "/login"));
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
    return VendorMailWith({WebLink(host, path)});
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
