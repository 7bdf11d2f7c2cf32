// What the sender's name and the subject show the reader:
// DISPLAY_NAME_OTHER_DOMAIN (scoring/signals/display_name_other_domain.cc)
// MIXED_SCRIPT_WORD (scoring/signals/mixed_script_word.cc) and
// NAME_OUTSIDE_MAILBOX (scoring/signals/name_outside_mailbox.cc).
#include <catch2/catch.hpp>

#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kStaff = "sally.beck@enron.com";

Message From(std::string_view address, std::string_view name,
             std::string_view subject = "Account notice") {
  return MailFrom(Address(address, name), {std::string(kStaff)}, subject);
}

TEST_CASE("A display name spelling another domain dresses the sender", "[sender-name]") {
  FakeHistory history;
  auto found = Detect("DISPLAY_NAME_OTHER_DOMAIN",
                      From("no-reply@comparisonadvantage.com.au", "Stellar.org Team"), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("display name \"Stellar.org Team\" spells the domain stellar.org, "
                               "but the address no-reply@comparisonadvantage.com.au is on "
                               "comparisonadvantage.com.au") != std::string::npos);
  CHECK(found[0].context == "stellar.org>comparisonadvantage.com.au");
  // An address as the name, and a domain alone.
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", From("x@mailer-42.net", "service@paypal.com"),
                 history) == 1.0);
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN",
                 From("support@tik.toyota-industries.com", "proton.me"), history) == 1.0);
}

TEST_CASE("A display name spelling the sender's own domain, or none, is no claim",
          "[sender-name]") {
  FakeHistory history;
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", From("store-news@amazon.com", "Amazon.com"),
                 history) == 0);
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", From("alerts@mail.amazon.com", "news.amazon.com"),
                 history) == 0);
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", From("jd@acme-corp.com", "J.D. Smith"), history) ==
        0);
  // Words with dots that name no domain the Public Suffix List knows.
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", From("a@acme-corp.com", "Acme Inc."), history) == 0);
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", From("a@acme-corp.com", "Release v2.1"), history) ==
        0);
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", From("a@acme-corp.com", "invoice.pdf"), history) ==
        0);
  // A capital after a dot is a name's, even on a top-level domain
  // (.hughes, .ltd); so is an initial.
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", From("craig@deersoft.com", "Craig R.Hughes"),
                 history) == 0);
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", From("a@acme-corp.com", "Acme Co.Ltd"), history) ==
        0);
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", From("a@acme-corp.com", "r.hughes"), history) == 0);
  // A relay that names itself and the person it relays for hides nothing.
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN",
                 From("group@googlegroups.com", "jane@acme-corp.com via Fans"), history) == 0);
}

TEST_CASE("A correspondent may sign with its other domain", "[sender-name]") {
  Message m = From("jd@acme-corp.com", "jd@acme-labs.org");
  FakeHistory answered;
  answered.AddCorrespondent("jd@acme-corp.com", kStaff, kNow - 5 * kDay, kNow - kDay, 2, 1);
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", m, answered) == 0.5);
  FakeHistory established;
  established.AddCorrespondent("jd@acme-corp.com", kStaff, kNow - 400 * kDay, kNow - kDay, 60, 20);
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", m, established) == 0);
}

TEST_CASE("A shop's offer through a mailing house that leads only to the shop is weakened",
          "[sender-name]") {
  // Enron, farmer-d: "Golfboxx.com" <sales@dpi.net>, one link, to the shop.
  FakeHistory history;
  Message m = From("sales@dpi.net", "Golfboxx.com", "Great Golf Offer");
  m.links = {WebLink("www.golfboxx.com")};
  auto found = Detect("DISPLAY_NAME_OTHER_DOMAIN", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 0.25);
  CHECK(found[0].evidence.find("every link leads to golfboxx.com itself, where the name says the "
                               "mail comes from (weakened)") != std::string::npos);
  // Its own subdomains are the named domain too.
  m.links = {WebLink("www.golfboxx.com"), WebLink("offers.golfboxx.com", "/june")};
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", m, history) == 0.25);
}

TEST_CASE("A brand's name leading anywhere but the brand keeps full strength", "[sender-name]") {
  FakeHistory history;
  Message m = From("x@mailer-42.net", "PayPal.com");
  // Brand phishing: the brand's own link for show, the page elsewhere.
  m.links = {WebLink("www.paypal.com"), WebLink("paypal-verify.example", "/login")};
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", m, history) == 1.0);
  // No link at all: nothing shows where the mail leads.
  m.links.clear();
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", m, history) == 1.0);
  // A tenant of the named platform is not the platform.
  Message tenant = From("x@mailer-42.net", "SharePoint.com");
  tenant.links = {WebLink("evil.sharepoint.com", "/sites/pay")};
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", tenant, history) == 1.0);
  // A shortened link hides where it leads, even on the named domain.
  m.links = {WebLink("paypal.com", "/x")};
  m.links[0].shortened = true;
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", m, history) == 1.0);
  // A mailto link leads the reply elsewhere.
  Link reply;
  reply.scheme = "mailto";
  reply.url = "mailto:verify@paypal-help.example";
  m.links = {WebLink("www.paypal.com"), reply};
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", m, history) == 1.0);
  // An attachment may carry what the links do not.
  m.links = {WebLink("www.paypal.com")};
  m.attachments.push_back({"invoice.html", "text/html", 2000, {}});
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", m, history) == 1.0);
}

TEST_CASE("A brand's mailing signed with the brand's own key is the brand's", "[sender-name]") {
  FakeHistory history;
  Message m = From("expedia.com_007739@expedia.customer-email.com", "Expedia.com");
  m.links = {WebLink("redir.cq0.net", "/r/default.asp")};
  m.auth_results = {{std::string(kTrustedAuthserv), "dkim", "pass", "expedia.com"}};
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", m, history) == 0);
  m.auth_results = {{std::string(kTrustedAuthserv), "dkim", "pass", "e.expedia.com"}};
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", m, history) == 0);
  // The mailing house's own signature, a failed one, or one reported by a
  // host the gateway does not trust, says nothing about the brand.
  m.auth_results = {{std::string(kTrustedAuthserv), "dkim", "pass", "customer-email.com"}};
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", m, history) == 1.0);
  m.auth_results = {{std::string(kTrustedAuthserv), "dkim", "fail", "expedia.com"}};
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", m, history) == 1.0);
  m.auth_results = {{"mx.forger.example", "dkim", "pass", "expedia.com"}};
  CHECK(Strength("DISPLAY_NAME_OTHER_DOMAIN", m, history) == 1.0);
}

TEST_CASE("A word mixing Latin letters with Cyrillic or Greek look-alikes", "[sender-name]") {
  FakeHistory history;
  // "Yоur" with Cyrillic о (U+043E) in the subject.
  auto found = Detect("MIXED_SCRIPT_WORD",
                      From("kirk@actdental.example", "Wallet", "Y\xD0\xBEur wallet"), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("subject word \"Y\xD0\xBEur\" mixes Latin letters with Cyrillic "
                               "ones") != std::string::npos);
  CHECK(found[0].context == "Cyrillic");
  // "Μetamask" with Greek Μ (U+039C) in the display name.
  auto greek = Detect("MIXED_SCRIPT_WORD",
                      From("x@kajabimail.example",
                           "\xCE\x9C"
                           "etamask"),
                      history);
  REQUIRE(greek.size() == 1);
  CHECK(greek[0].evidence.find("display name word") != std::string::npos);
  CHECK(greek[0].context == "Greek");
}

TEST_CASE("Words each of one script are no trick", "[sender-name]") {
  FakeHistory history;
  // Russian, and Russian beside a Latin word or behind a hyphen.
  CHECK(Strength("MIXED_SCRIPT_WORD",
                 From("ivan@example.ru", "\xD0\x98\xD0\xB2\xD0\xB0\xD0\xBD",
                      "IT-\xD0\xBE\xD1\x82\xD0\xB4\xD0\xB5\xD0\xBB Windows"),
                 history) == 0);
  // Latin with accents, and Japanese kana run into a Latin word.
  CHECK(Strength("MIXED_SCRIPT_WORD",
                 From("a@example.fr", "Ren\xC3\xA9", "Windows\xE3\x81\xAE update"), history) == 0);
  CHECK(Strength("MIXED_SCRIPT_WORD", From("a@example.com", "Plain Name", "Plain subject"),
                 history) == 0);
  // An established correspondent with a keyboard in the wrong layout.
  FakeHistory established;
  established.AddCorrespondent("ivan@example.ru", kStaff, kNow - 400 * kDay, kNow - kDay, 60, 20);
  CHECK(Strength("MIXED_SCRIPT_WORD", From("ivan@example.ru", "Ivan", "Y\xD0\xBEur report"),
                 established) == 0);
}

TEST_CASE("A name in a From entry of its own, beside a nameless mailbox", "[sender-name]") {
  FakeHistory history;
  Message m = From("service@stayfriends.de", "ADAC");
  CHECK(Strength("NAME_OUTSIDE_MAILBOX", m, history) == 0);
  m.from_name_outside_mailbox = true;  // "From: ADAC, <service@stayfriends.de>"
  auto found = Detect("NAME_OUTSIDE_MAILBOX", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("the From header shows the name \"ADAC\" in an entry of its own, "
                               "with no address, beside the nameless mailbox "
                               "service@stayfriends.de") != std::string::npos);
  FakeHistory established;
  established.AddCorrespondent("service@stayfriends.de", kStaff, kNow - 400 * kDay, kNow - kDay, 60,
                               20);
  CHECK(Strength("NAME_OUTSIDE_MAILBOX", m, established) == 0);
}

}  // namespace
}  // namespace rapport::testing
