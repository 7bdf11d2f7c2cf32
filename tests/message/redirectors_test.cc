#include "message/redirectors.h"

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "message/link_target.h"

namespace rapport {
namespace {

const Redirectors& TestList() {
  static const Redirectors list = [] {
    Redirectors r;
    const Status s = r.Parse(
        "# the forms the brief names\n"
        "google.com/url param q\n"
        "google.com/url param url\n"
        "r.search.yahoo.com after RU=\n"
        "rds.yahoo.com after *\n"
        "l.facebook.com/l.php param u\n"
        "safelinks.protection.outlook.com param url\n"
        "adclick.g.doubleclick.net param adurl\n"
        "doubleclick.net/clk after ?\n"
        "www.youtube.com/redirect param q\n"
        "clicktime.symantec.com param u\n"
        "awstrack.me/L0 after /\n"
        "urldefense.proofpoint.com/v2/url proofpoint-v2 u\n"
        "urldefense.com/v3 proofpoint-v3 __\n",
        "test");
    REQUIRE(s.ok());
    return r;
  }();
  return list;
}

std::string TargetOf(std::string_view url) { return TestList().Target(LinkNamedByText(url)); }

TEST_CASE("a redirector's target is read from its parameter or after its marker") {
  CHECK(TargetOf("https://www.google.com/url?q=https://evil.example/x&sa=D") ==
        "https://evil.example/x");
  CHECK(TargetOf("https://www.google.com/url?sa=t&url=https%3A%2F%2Fevil.example%2Fa%3Fb%3D1") ==
        "https://evil.example/a?b=1");
  CHECK(TargetOf("https://r.search.yahoo.com/_ylt=A/RV=2/RE=1/RO=10/"
                 "RU=https%3a%2f%2fevil.example%2flogin/RK=2/RS=x") ==
        "https://evil.example/login");
  CHECK(TargetOf("https://l.facebook.com/l.php?u=http%3A%2F%2Fevil.example%2F&h=AT0") ==
        "http://evil.example/");
  CHECK(TargetOf("https://eur01.safelinks.protection.outlook.com/?url=https%3A%2F%2Fevil.example"
                 "%2Fp&data=05") == "https://evil.example/p");
  CHECK(TargetOf("https://adclick.g.doubleclick.net/pcs/click?xai=A&adurl=https://evil.example/") ==
        "https://evil.example/");
  CHECK(TargetOf("https://www.youtube.com/redirect?event=x&q=https%3A%2F%2Fevil.example%2F") ==
        "https://evil.example/");
  CHECK(TargetOf(
            "http://ebay.doubleclick.net/clk;14820154;1093873;a?http://evil.example/s?a=1&b=2") ==
        "http://evil.example/s?a=1&b=2");
  CHECK(TargetOf("http://rds.yahoo.com/_ylt=A0/*http://evil.example/x") == "http://evil.example/x");
  CHECK(TargetOf("https://clicktime.symantec.com/39e8Te?u=http%3A%2F%2Fevil.example%2F") ==
        "http://evil.example/");
  // Amazon SES encodes only the slashes, and the target ends at the next '/'.
  CHECK(
      TargetOf("https://x1.r.us-east-1.awstrack.me/L0/https:%2F%2Fevil.example%2Fa%3Fb=1/1/0100") ==
      "https://evil.example/a?b=1");
  CHECK(TargetOf("https://x1.r.us-east-1.awstrack.me/l0/https:%2F%2Fevil.example%2F/1/").empty());
}

TEST_CASE("a link that is no redirect, or carries no web URL, has no target") {
  CHECK(TargetOf("https://www.google.com/search?q=https://evil.example/").empty());  // not /url
  CHECK(TargetOf("https://www.google.com/urls?q=https://evil.example/").empty());
  CHECK(TargetOf("https://example.com/url?q=https://evil.example/").empty());
  CHECK(TargetOf("https://www.google.com/url?q=evil.example/x").empty());  // no scheme
  CHECK(TargetOf("https://www.google.com/url?q=/relative").empty());
  CHECK(TargetOf("https://www.google.com/url?q=javascript:alert(1)").empty());
  CHECK(TargetOf("https://www.google.com/url?q=data:text/html,hi").empty());
  CHECK(TargetOf("https://www.google.com/url?q=https%3A%2").empty());  // escape cut short
  CHECK(TargetOf("https://www.google.com/url?q=https%3A%2F").empty());
  CHECK(TargetOf("https://www.google.com/url?q=").empty());
  CHECK(TargetOf("https://www.google.com/url").empty());
  CHECK(TargetOf("https://r.search.yahoo.com/RU=/RK=2").empty());
  CHECK(TargetOf("mailto:a@www.google.com").empty());
  CHECK(TargetOf("https://www.google.com/url?q=https://" + std::string(kMaxTargetLength, 'a'))
            .empty());
}

TEST_CASE("Proofpoint URL Defense links are decoded to the link they protect") {
  // v2: the target's escapes written with '-' for '%', its slashes as '_'.
  CHECK(TargetOf("https://urldefense.proofpoint.com/v2/url?u=https-3A__evil.example_login-2Dpage"
                 "-3Fid-3D1-26a-5Fb-3D2&d=DwMFaQ&c=euGZst&r=x1&m=y2&s=z3&e=") ==
        "https://evil.example/login-page?id=1&a_b=2");
  CHECK(TargetOf("https://urldefense.proofpoint.com/v2/url?u=evil.example_x&d=DwMFaQ").empty());
  // v3: the target between "__" and "__;"; each '*' is the next character
  // of the base64url after ';' ("JSM" is "%#"), "**B" the next three.
  CHECK(TargetOf("https://urldefense.com/v3/__https://firebasestorage.googleapis.com/v0/b/"
                 "gund.appspot.com/o/owa*2Findex.html?alt=media*vicky@example.com__;JSM!!Fjc1LP"
                 "Etn8I!Zx9$") ==
        "https://firebasestorage.googleapis.com/v0/b/gund.appspot.com/o/owa%2Findex.html"
        "?alt=media#vicky@example.com");
  CHECK(TargetOf("https://urldefense.com/v3/__https://evil.example/a**Bb__;e3x9!!Fjc1!x$") ==
        "https://evil.example/a{|}b");
  CHECK(TargetOf("https://urldefense.com/v3/__https://evil.example/caf*__;w6k!!Fjc1!x$") ==
        "https://evil.example/caf\xC3\xA9");
  CHECK(TargetOf("https://urldefense.com/v3/__https:/evil.example/x__;!!Fjc1!x$") ==
        "https://evil.example/x");
  // Cut short or not adding up: no target, rather than a wrong one.
  CHECK(TargetOf("https://urldefense.com/v3/__https://evil.example/a*b__;!!Fjc1!x$").empty());
  CHECK(TargetOf("https://urldefense.com/v3/__https://evil.example/a*b__;Jx.!!Fjc1!x$").empty());
  CHECK(TargetOf("https://urldefense.com/v3/__https://evil.example/ab").empty());
  CHECK(TargetOf("https://urldefense.com/v3/__evil.example/ab__;!!Fjc1!x$").empty());
  // The link judged is the one protected, found through the wrapper.
  std::vector<Link> links = {
      LinkNamedByText("https://urldefense.com/v3/__https://evil.example/x__;!!Fjc1!x$")};
  AddRedirectTargets(TestList(), 10, &links);
  REQUIRE(links.size() == 2);
  CHECK(links[0].host == "evil.example");
  CHECK(links[0].redirected_via == "urldefense.com");
}

std::vector<Link> Extracted(std::vector<std::string> urls, size_t max_links = 100) {
  std::vector<Link> links;
  for (const std::string& url : urls) {
    Link link = LinkNamedByText(url);
    link.visible_text = "Your account";
    link.source = LinkSource::kHtmlAnchor;
    links.push_back(link);
  }
  AddRedirectTargets(TestList(), max_links, &links);
  return links;
}

TEST_CASE("a redirect adds a link to its target, keeping what the reader sees") {
  const auto links = Extracted({"https://www.google.com/url?q=https://evil.example/x"});
  REQUIRE(links.size() == 2);
  // Where the reader lands first, then the link as written.
  CHECK(links[0].url == "https://evil.example/x");
  CHECK(links[0].host == "evil.example");
  CHECK(links[0].icann_domain == "evil.example");
  CHECK(links[0].visible_text == "Your account");
  CHECK(links[0].source == LinkSource::kHtmlAnchor);
  CHECK(links[0].redirected_via == "www.google.com");
  CHECK(links[1].host == "www.google.com");
  CHECK(links[1].redirected_via.empty());
}

TEST_CASE("nested redirectors are followed to a bounded depth") {
  const auto links = Extracted(
      {"http://rds.yahoo.com/_ylt=A/*http://www.google.com/url?q=http%3A%2F%2Fevil.example%2F"});
  REQUIRE(links.size() == 3);
  CHECK(links[0].url == "http://evil.example/");
  CHECK(links[0].redirected_via == "rds.yahoo.com -> www.google.com");
  CHECK(links[1].host == "www.google.com");
  CHECK(links[1].redirected_via == "rds.yahoo.com");
  CHECK(links[2].host == "rds.yahoo.com");

  // A target encoded twice is a redirect on the same redirector, decoded a
  // level at each step.
  const auto ses = Extracted(
      {"https://v8.r.us-east-1.awstrack.me/L0/https:%2F%2Fv8.r.us-east-1.awstrack.me%2FL0%2F"
       "https:%252F%252Fshop.example%252Fssm%2F1%2F0100/1/0100"});
  REQUIRE(ses.size() == 3);
  CHECK(ses[0].url == "https://shop.example/ssm");

  // A chain longer than kMaxRedirectDepth stops there.
  std::string url = "https://evil.example/";
  for (int i = 0; i < kMaxRedirectDepth + 2; ++i) url = "https://www.google.com/url?q=" + url;
  CHECK(Extracted({url}).size() == 1 + kMaxRedirectDepth);
}

TEST_CASE("a redirect to itself, or to a link already there, adds nothing") {
  const std::string self = "https://www.google.com/url?q=https://www.google.com/url";
  CHECK(Extracted({self}).size() == 2);  // its target is no redirect
  CHECK(Extracted({"https://evil.example/", "https://www.google.com/url?q=https://evil.example/"})
            .size() == 2);
}

TEST_CASE("targets stop at the link cap") {
  std::vector<Link> links = {LinkNamedByText("https://www.google.com/url?q=https://a.example/"),
                             LinkNamedByText("https://www.google.com/url?q=https://b.example/")};
  CHECK_FALSE(AddRedirectTargets(TestList(), 3, &links));
  REQUIRE(links.size() == 3);
  CHECK(links[0].host == "a.example");
  CHECK(links[1].host == "www.google.com");
  CHECK(links[2].url == "https://www.google.com/url?q=https://b.example/");
}

TEST_CASE("the redirector list rejects lines that are not one entry") {
  Redirectors r;
  CHECK(r.Parse("google.com/url param q\n", "x").ok());
  CHECK(r.size() == 1);
  const Status bad = r.Parse("google.com/url q\n", "list.txt");
  CHECK(bad.IsInvalidArgument());
  CHECK(bad.message().find("list.txt:1") != std::string::npos);
  CHECK_FALSE(r.Parse("google.com/url via q\n", "x").ok());
  CHECK_FALSE(r.Parse(".google.com param q\n", "x").ok());
  CHECK_FALSE(r.Parse("google.com param q extra\n", "x").ok());
  CHECK_FALSE(r.Parse("urldefense.com/v3 proofpoint-v4 __\n", "x").ok());
}

TEST_CASE("a URL shortener keeps its target: its links are marked, nothing is followed") {
  Redirectors r;
  REQUIRE(r.Parse("tinyurl.com shortener\nbit.ly/x shortener\ngoogle.com/url param q\n", "x").ok());
  CHECK(r.size() == 3);
  CHECK(r.Shortens(LinkNamedByText("https://tinyurl.com/2521a29")));
  CHECK(r.Shortens(LinkNamedByText("https://www.tinyurl.com/2521a29")));  // subdomains too
  CHECK(r.Shortens(LinkNamedByText("https://bit.ly/x/abc")));
  CHECK_FALSE(r.Shortens(LinkNamedByText("https://bit.ly/abc")));  // not under its path
  CHECK_FALSE(r.Shortens(LinkNamedByText("https://nottinyurl.com/2521a29")));
  CHECK_FALSE(r.Shortens(LinkNamedByText("https://www.google.com/url?q=https://a.example/")));
  CHECK(r.Target(LinkNamedByText("https://tinyurl.com/2521a29")).empty());
  // Marked where written, and where a redirector sends the reader.
  std::vector<Link> links = {LinkNamedByText("https://tinyurl.com/2521a29"),
                             LinkNamedByText("https://www.google.com/url?q=https://tinyurl.com/b"),
                             LinkNamedByText("https://a.example/")};
  REQUIRE(AddRedirectTargets(r, 10, &links));
  REQUIRE(links.size() == 4);
  CHECK(links[0].shortened);
  CHECK(links[1].host == "tinyurl.com");
  CHECK(links[1].shortened);
  CHECK_FALSE(links[2].shortened);  // google.com itself
  CHECK_FALSE(links[3].shortened);
  // "shortener" takes no third word; other carriers need theirs.
  CHECK_FALSE(r.Parse("tinyurl.com shortener x\n", "x").ok());
  CHECK_FALSE(r.Parse("tinyurl.com param\n", "x").ok());
}

TEST_CASE("an email service's click tracker keeps its target: its links are marked") {
  Redirectors r;
  REQUIRE(r.Parse("list-manage.com/track tracker\nct.sendgrid.net tracker\n"
                  "tinyurl.com shortener\ngoogle.com/url param q\n",
                  "x")
              .ok());
  CHECK(r.size() == 4);
  const Link mailchimp =
      LinkNamedByText("https://txu.us5.list-manage.com/track/click?u=1a2b&id=3c4d");
  CHECK(r.TracksClicks(mailchimp));
  CHECK(r.TracksClicks(LinkNamedByText("https://u1234567.ct.sendgrid.net/ls/click?upn=AbC")));
  // Mailchimp's host serves sign-up pages too: only its tracking path is the tracker.
  CHECK_FALSE(r.TracksClicks(LinkNamedByText("https://txu.us5.list-manage.com/subscribe?u=1")));
  CHECK_FALSE(r.TracksClicks(LinkNamedByText("https://tinyurl.com/2521a29")));
  CHECK_FALSE(r.Shortens(mailchimp));
  CHECK(r.Target(mailchimp).empty());
  // Marked where written, and where a redirector sends the reader (the
  // target comes before google.com's link that carried it).
  std::vector<Link> links = {
      mailchimp, LinkNamedByText("https://www.google.com/url?q=https://u1.ct.sendgrid.net/ls/c"),
      LinkNamedByText("https://a.example/")};
  REQUIRE(AddRedirectTargets(r, 10, &links));
  std::vector<std::string> marked;
  for (const Link& link : links) {
    if (link.email_service_tracker) marked.push_back(link.host);
  }
  CHECK(marked == std::vector<std::string>{"txu.us5.list-manage.com", "u1.ct.sendgrid.net"});
  CHECK(links.size() == 4);
  // "tracker" takes no third word.
  CHECK_FALSE(r.Parse("ct.sendgrid.net tracker x\n", "x").ok());
}

TEST_CASE("the shipped redirector list loads") {
  Redirectors r;
  REQUIRE(r.Load(DefaultRedirectorsPath()).ok());
  CHECK(r.size() > 5);
  CHECK(r.Shortens(LinkNamedByText("https://bit.ly/3xYz")));
  // The email services' trackers the attack_eval newsletters go through.
  CHECK(r.TracksClicks(LinkNamedByText("https://acme.us12.list-manage.com/track/click?u=9&id=1")));
  CHECK(r.TracksClicks(LinkNamedByText("https://u2345678.ct.sendgrid.net/ls/click?upn=Ab")));
  CHECK(r.TracksClicks(LinkNamedByText("https://r20.rs6.net/tn.jsp?f=001Ab&c=Cd")));
  CHECK(r.Target(LinkNamedByText("https://www.google.com/url?q=https://evil.example/")) ==
        "https://evil.example/");
  CHECK(r.Target(LinkNamedByText("https://urldefense.proofpoint.com/v2/url?u=https-3A__evil"
                                 ".example_x&d=DwMFaQ")) == "https://evil.example/x");
  CHECK(r.Target(LinkNamedByText("https://urldefense.com/v3/__https://evil.example/x__;!!Fjc1!"
                                 "x$")) == "https://evil.example/x");
  // Barracuda's own documented example of a rewritten link.
  CHECK(r.Target(LinkNamedByText("https://linkprotect.cudasvc.com/url?a=http://www.codestore.net&"
                                 "c=E,1,5bEVim247z1fGhtU&typo=1")) == "http://www.codestore.net");
}

TEST_CASE("a tracker's query that carries a URL sends its reader there") {
  CHECK(
      TrackedTarget(LinkNamedByText(
          "https://click.vendor.example/t?id=9f2&u=https%3A%2F%2Fevil.example%2Fs%2Fx%3Fa%3D1")) ==
      "https://evil.example/s/x?a=1");
  CHECK(TrackedTarget(LinkNamedByText("https://t.news.example/r?url=https://www.news.example/a")) ==
        "https://www.news.example/a");
  // No URL in the query: an opaque tracker, whose target no reader can see.
  CHECK(TrackedTarget(LinkNamedByText("https://click.vendor.example/t/AbC9xYz?e=1")).empty());
  CHECK(TrackedTarget(LinkNamedByText("https://www.example.com/page?next=/home")).empty());
  CHECK(TrackedTarget(LinkNamedByText("mailto:x@example.com?body=https://a.example/")).empty());

  std::vector<Link> links = {
      LinkNamedByText("https://click.vendor.example/t?u=https%3A%2F%2Fevil.example%2Fs")};
  REQUIRE(AddRedirectTargets(Redirectors(), 10, &links));
  REQUIRE(links.size() == 2);
  CHECK(links[0].host == "evil.example");
  CHECK(links[0].redirected_via.find("click.vendor.example") == 0);
  CHECK(links[0].redirected_via.find("tracker") != std::string::npos);
  CHECK(links[1].host == "click.vendor.example");
}

}  // namespace
}  // namespace rapport
