// BRAND_IMPERSONATION: a sender named as a brand that does not come from, or
// does not lead to, the brand (scoring/signals/brand_impersonation.cc).
#include <catch2/catch.hpp>

#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kStaff = "sally.beck@enron.com";

Message From(std::string_view address, std::string_view name) {
  return MailFrom(Address(address, name), {std::string(kStaff)}, "Account notice");
}

TEST_CASE("A brand's name on an address outside its domains is borrowed", "[brand]") {
  FakeHistory history;
  Message m = From("no-reply@access-accsecurity.example", "Microsoft account team");
  auto found = Detect("BRAND_IMPERSONATION", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("presents the sender as microsoft, but the address "
                               "no-reply@access-accsecurity.example is not on a microsoft "
                               "domain (its domains are microsoft.com") != std::string::npos);
  CHECK(found[0].context == "microsoft>access-accsecurity.example");

  // A brand written over several words, beside service words.
  CHECK(Strength("BRAND_IMPERSONATION", From("alerts@boa-online.example", "Bank of America Alerts"),
                 history) == 1.0);
  // The display name may be an address of the brand.
  CHECK(Strength("BRAND_IMPERSONATION", From("x@mailer.example", "service@paypal.com"), history) ==
        1.0);
}

TEST_CASE("A brand's mail about its sister brand is its own; a mailbox is a person's", "[brand]") {
  FakeHistory history;
  Message sister = From("no-reply@microsoft.com", "OneDrive");
  sister.links = {WebLink("onedrive.live.com", "/view", "Open")};
  CHECK(Strength("BRAND_IMPERSONATION", sister, history) == 0);
  // A consumer mailbox is a person's, even at a provider a brand runs: the
  // name is borrowed, link or none (a reply or a call-back is the lure).
  Message mailbox = From("paypal.service.team@outlook.com", "PayPal Service");
  auto found = Detect("BRAND_IMPERSONATION", mailbox, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("presents the sender as paypal, but the address "
                               "paypal.service.team@outlook.com is not on a paypal domain") !=
        std::string::npos);
  CHECK(found[0].context == "paypal>outlook.com");
  // The provider's own brand at its own mailbox domain is judged by where
  // the mail leads.
  Message own = From("account-team@hotmail.com", "Microsoft account team");
  CHECK(Strength("BRAND_IMPERSONATION", own, history) == 0);
  own.links = {WebLink("paypal-resolution.example", "/case", "Resolve")};
  CHECK(Strength("BRAND_IMPERSONATION", own, history) == 1.0);
}

TEST_CASE("A person who shares a brand's name is not a claim", "[brand]") {
  FakeHistory history;
  CHECK(Strength("BRAND_IMPERSONATION", From("chase@miller-law.example", "Chase Miller"),
                 history) == 0);
  CHECK(Strength("BRAND_IMPERSONATION", From("gale@interior.example", "Gale Norton"), history) ==
        0);
  // Nor is a name that merely contains a brand's letters.
  CHECK(Strength("BRAND_IMPERSONATION", From("ops@groups.example", "Groups Support"), history) ==
        0);
}

TEST_CASE("Mail from a brand's own domain is judged by where it leads", "[brand]") {
  FakeHistory history;
  Message real = From("service@paypal.com", "PayPal");
  real.links = {WebLink("www.paypal.com", "/signin", "Log in"),
                WebLink("www.paypalobjects.com", "/logo.gif")};
  CHECK(Strength("BRAND_IMPERSONATION", real, history) == 0);

  Message ip = real;
  Link bare = WebLink("211.235.2.17", "/paypal/login.php", "Log in");
  bare.host_is_ip_literal = true;
  bare.icann_domain.clear();
  bare.private_domain.clear();
  ip.links.push_back(bare);
  auto found = Detect("BRAND_IMPERSONATION", ip, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("links to 211.235.2.17, a bare IP address and not paypal's") !=
        std::string::npos);

  Message away = real;
  away.links.push_back(WebLink("secure-update.example", "/login", "Log in"));
  CHECK(Strength("BRAND_IMPERSONATION", away, history) == 1.0);
  // A domain the organisation receives all the time (a mailing service) is
  // where brands' mail often leads.
  history.SetLinkDomain("secure-update.example", 50, 12);
  CHECK(Strength("BRAND_IMPERSONATION", away, history) == 0);
}

TEST_CASE("A brand's mail whose replies go elsewhere does not lead where the brand would",
          "[brand]") {
  FakeHistory history;
  Message named = From("no-reply@microsoft.com", "Microsoft account team");
  named.links = {WebLink("account.live.com", "/activity", "Review")};
  CHECK(Strength("BRAND_IMPERSONATION", named, history) == 0);
  // Replies to the brand's own domains, or the sender's, stay.
  named.reply_to = {Address("support@outlook.com")};
  CHECK(Strength("BRAND_IMPERSONATION", named, history) == 0);
  named.reply_to = {Address("media-protection@usual-assist.example")};
  auto found = Detect("BRAND_IMPERSONATION", named, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("from its domain, but Reply-To sends answers to "
                               "media-protection@usual-assist.example and not microsoft's") !=
        std::string::npos);
  CHECK(found[0].context == "microsoft>usual-assist.example");
  // The address alone claims the brand, too.
  Message address = From("service@paypal.com", "");
  address.reply_to = {Address("help@paypal-claims.example")};
  CHECK(Strength("BRAND_IMPERSONATION", address, history) == 1.0);
  // A link away is named before a reply.
  named.links.push_back(WebLink("secure-update.example", "/login", "Log in"));
  CHECK(Detect("BRAND_IMPERSONATION", named, history)[0].context ==
        "microsoft>secure-update.example");
}

TEST_CASE("An address on a brand's own domain claims the brand without a display name", "[brand]") {
  FakeHistory history;
  Message real = From("service@paypal.com", "");
  real.links = {WebLink("www.paypal.com", "/signin", "Log in")};
  CHECK(Strength("BRAND_IMPERSONATION", real, history) == 0);

  Message away = real;
  away.links.push_back(WebLink("paypal-verify.example", "/login", "Log in"));
  auto found = Detect("BRAND_IMPERSONATION", away, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("the address service@paypal.com presents the sender as paypal, "
                               "but links to paypal-verify.example, a domain no one in the "
                               "organisation has received and not paypal's") != std::string::npos);
  CHECK(found[0].context == "paypal>paypal-verify.example");

  // A mailbox provider's users are people, not the brand: hotmail.com is a
  // microsoft domain, and a hotmail user's link is theirs to share.
  Message person = From("jlpnymex@hotmail.com", "");
  person.links = {WebLink("secure-update.example", "/login", "Log in")};
  CHECK(Strength("BRAND_IMPERSONATION", person, history) == 0);
  // A person at the brand speaks from its domain too: the address is the
  // claim, whatever the name (a relationship weakens it, as below).
  Message named = From("ann@ebay.com", "Ann Lee");
  named.links = {WebLink("ebay-claims.example", "/x", "Claim")};
  CHECK(Strength("BRAND_IMPERSONATION", named, history) == 1.0);
}

TEST_CASE("A correspondent the organisation writes to weakens or silences the claim", "[brand]") {
  Message m = From("support@reseller.example", "Microsoft Support Team");
  FakeHistory answered;
  answered.AddCorrespondent("support@reseller.example", kStaff, kNow - 5 * kDay, kNow - kDay, 2, 1);
  CHECK(Strength("BRAND_IMPERSONATION", m, answered) == 0.5);
  // Received only, however often: a campaign repeating its From.
  FakeHistory received;
  received.AddCorrespondent("support@reseller.example", kStaff, kNow - 50 * kDay, kNow - kDay, 30,
                            0);
  CHECK(Strength("BRAND_IMPERSONATION", m, received) == 1.0);
  FakeHistory established;
  established.AddCorrespondent("support@reseller.example", kStaff, kNow - 400 * kDay, kNow - kDay,
                               60, 20);
  CHECK(Strength("BRAND_IMPERSONATION", m, established) == 0);
}

TEST_CASE("story: a bank's name from nowhere, linking a new domain, is held", "[brand][stories]") {
  FakeHistory history;
  Message m = MailFrom(Address("no-reply@access-accsecurity.example", "Microsoft account team"),
                       {std::string(kStaff)}, "Microsoft account unusual sign-in activity");
  m.links = {WebLink("thebandalisty.example", "/review", "Review recent activity")};
  Verdict verdict = ScoreDefault(m, history);
  INFO(Explain(verdict));
  CHECK(HasHit(verdict, "BRAND_IMPERSONATION"));
  CHECK(verdict.action == Action::kHold);
  const SignalHit* hit = FindHit(verdict, "BRAND_IMPERSONATION");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("base rate") != std::string::npos);

  // The spoofed brand address with a link to a bare IP, from an address
  // history has received before (a campaign's earlier mail): tagged at
  // least, with no first contact to add.
  FakeHistory known;
  known.AddCorrespondent("service@paypal.com", kStaff, kNow - 300 * kDay, kNow - 30 * kDay, 4, 0);
  Message spoof = MailFrom(Address("service@paypal.com", "PayPal"), {std::string(kStaff)},
                           "PayPal Account Security Measures");
  Link bare = WebLink("211.235.2.17", "/paypal/login.php", "Click here");
  bare.host_is_ip_literal = true;
  bare.icann_domain.clear();
  bare.private_domain.clear();
  spoof.links = {WebLink("www.paypal.com", "/"), bare};
  Verdict spoofed = ScoreDefault(spoof, known);
  INFO(Explain(spoofed));
  CHECK(HasHit(spoofed, "BRAND_IMPERSONATION"));
  CHECK(spoofed.score >= DefaultOptions().tag_threshold);
}

}  // namespace
}  // namespace rapport::testing
