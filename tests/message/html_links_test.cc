#include "message/html_links.h"

#include <catch2/catch.hpp>

#include "message/link_target.h"

namespace rapport {
namespace {

std::vector<Link> Extract(std::string_view html, size_t max_links = 100) {
  std::vector<Link> links;
  ExtractHtmlLinks(html, HtmlDocument::kMailBody, max_links, &links);
  return links;
}

std::vector<Link> ExtractPage(std::string_view html) {
  std::vector<Link> links;
  ExtractHtmlLinks(html, HtmlDocument::kBrowserPage, 100, &links);
  return links;
}

TEST_CASE("Anchor text is whitespace-collapsed and entity-decoded") {
  auto links = Extract(
      "<p><a href=\"https://a.example.com/x?a=1&amp;b=2\">  Caf&eacute;\n  "
      "<b>menu</b>&nbsp;&amp;&#32;more&#x21;</a></p>");
  REQUIRE(links.size() == 1);
  CHECK(links[0].url == "https://a.example.com/x?a=1&b=2");
  CHECK(links[0].visible_text == "Caf\xC3\xA9 menu & more!");
  CHECK(links[0].source == LinkSource::kHtmlAnchor);
  CHECK_FALSE(links[0].wraps_image);
}

TEST_CASE("Entities without a semicolon stay literal inside an href") {
  auto links = Extract("<a href='http://a.example.com/?x=1&copy=2'>x</a>");
  REQUIRE(links.size() == 1);
  CHECK(links[0].url == "http://a.example.com/?x=1&copy=2");
}

TEST_CASE("An image inside an anchor marks it as wrapping an image") {
  auto links = Extract("<A HREF=http://img.example.com/><IMG SRC=\"logo.png\"></A>");
  REQUIRE(links.size() == 1);
  CHECK(links[0].wraps_image);
  CHECK(links[0].visible_text.empty());
}

TEST_CASE("Masked link: text names one domain, href goes to another") {
  auto links = Extract("<a href=\"http://evil.example.net/\">www.PayPal.com</a>");
  REQUIRE(links.size() == 1);
  CHECK(links[0].text_looks_like_url);
  CHECK(links[0].text_host == "www.paypal.com");
  CHECK(links[0].host == "evil.example.net");
}

TEST_CASE("Invisible characters do not hide a domain in the anchor text") {
  auto links = Extract("<a href=\"http://evil.example.net/\">pay&#x200B;pal&shy;.com&#xFEFF;</a>");
  REQUIRE(links.size() == 1);
  CHECK(links[0].visible_text == "paypal.com");
  CHECK(links[0].text_host == "paypal.com");
}

TEST_CASE("A masked link's text reads as its domain however it is written") {
  // Without a scheme, the bare host, split by inline tags, dots as
  // entities, a soft hyphen or zero-width space inside, in upper case.
  const char* texts[] = {"www.txu.com/invoices",
                         "txu.com/portal",
                         "www.txu.com",
                         "<span>www.</span><b>txu</b>.com/invoices",
                         "www&#46;txu&#46;com/invoices",
                         "https://www.t&shy;xu.com/invoices",
                         "www.t&#8203;xu.com/invoices",
                         "HTTPS://WWW.TXU.COM/INVOICES"};
  for (const char* text : texts) {
    INFO(text);
    auto links =
        Extract(std::string("<a href=\"https://remit-4f2a-online.com/x\">") + text + "</a>");
    REQUIRE(links.size() == 1);
    CHECK(links[0].text_looks_like_url);
    CHECK(LinkNamedByText(links[0].text_host).icann_domain == "txu.com");
  }
  // The href's host upper case, percent-encoded or an IDN reads as the host.
  for (const char* href : {"https://REMIT-ONLINE.COM/x", "https://%72emit-online.com/x"}) {
    INFO(href);
    auto links = Extract(std::string("<a href=\"") + href + "\">www.txu.com</a>");
    REQUIRE(links.size() == 1);
    CHECK(links[0].icann_domain == "remit-online.com");
  }
  auto idn = Extract("<a href=\"https://rechnungspr&#252;fung.com/x\">www.txu.com</a>");
  REQUIRE(idn.size() == 1);
  CHECK(idn[0].icann_domain == "xn--rechnungsprfung-9vb.com");
}

TEST_CASE("Generic anchor text is not taken for a URL") {
  auto links = Extract(
      "<a href=\"http://x.example.com/\">View Document</a>"
      "<a href=\"http://x.example.com/\">invoice.pdf</a>");
  REQUIRE(links.size() == 2);
  CHECK_FALSE(links[0].text_looks_like_url);
  CHECK_FALSE(links[1].text_looks_like_url);
  CHECK(links[1].text_host.empty());
}

TEST_CASE("Area and form targets are links") {
  auto links = Extract(
      "<map><area href=\"http://area.example.com/\"></map>"
      "<form method=post action='https://post.example.org/s'></form>");
  REQUIRE(links.size() == 2);
  CHECK(links[0].source == LinkSource::kHtmlArea);
  CHECK(links[0].host == "area.example.com");
  CHECK(links[1].source == LinkSource::kHtmlForm);
  CHECK(links[1].host == "post.example.org");
}

TEST_CASE("Comments, scripts, styles and fragment links yield nothing") {
  auto links = Extract(
      "<!-- <a href=\"http://c.example/\">c</a> -->"
      "<script>document.write('<a href=\"http://s.example/\">s</a>')</script>"
      "<STYLE>a{}</STYLE><a href=\"#top\">top</a><a name=x>n</a>");
  CHECK(links.empty());
}

TEST_CASE("An attached page's refresh and script redirects are links; a mail body's are not") {
  const std::string_view page =
      "<meta http-equiv=\"Refresh\" content=\"0; URL='https://refresh.example.net/a'\">"
      "<script>var location_id = 'x'; if (a == b) {}\n"
      "window.location.href = \"https://script.example.net/login?u=1\";\n"
      "top.location.replace('https://replace.example.org/p');\n"
      "if (document.location == 'http://compare.example.com/') {}\n"
      "location = atob('aHR0cHM6Ly9oaWRkZW4uZXhhbXBsZS8=');</script>"
      "<meta http-equiv=\"content-type\" content=\"text/html; url=https://no.example/\">";
  auto links = ExtractPage(page);
  REQUIRE(links.size() == 3);
  CHECK(links[0].host == "refresh.example.net");
  CHECK(links[0].url == "https://refresh.example.net/a");
  CHECK(links[1].host == "script.example.net");
  CHECK(links[2].host == "replace.example.org");
  for (const Link& link : links) CHECK(link.source == LinkSource::kHtmlRedirect);
  CHECK(Extract(page).empty());
}

TEST_CASE("An SVG link's xlink:href is its target") {
  auto links = ExtractPage(
      "<svg xmlns:xlink=\"http://www.w3.org/1999/xlink\"><a "
      "xlink:href=\"https://svg.example.com/\">"
      "<text>Open</text></a></svg>");
  REQUIRE(links.size() == 1);
  CHECK(links[0].host == "svg.example.com");
  CHECK(links[0].visible_text == "Open");
}

TEST_CASE("A new anchor closes an unclosed one") {
  auto links =
      Extract("<a href=\"http://one.example.com/\">one <a href=\"http://two.example.com/\">two");
  REQUIRE(links.size() == 2);
  CHECK(links[0].visible_text == "one");
  CHECK(links[1].visible_text == "two");
}

TEST_CASE("Unterminated markup ends the scan without crashing") {
  for (std::string_view html :
       {"<a href=\"http://x.example.com/", "<!-- never closed <a href=x>", "<a href=", "<", "</",
        "<a", "<a href='http://q.example.com/'>text <b", "<script>no end", "&#xFFFFFFFFFF;<a"}) {
    std::vector<Link> links;
    CHECK(ExtractHtmlLinks(html, HtmlDocument::kMailBody, 10, &links));
  }
  auto links = Extract("<a href='http://q.example.com/'>text <b");
  REQUIRE(links.size() == 1);
  CHECK(links[0].visible_text == "text");
}

TEST_CASE("Link extraction stops at the cap and says so") {
  std::string html;
  for (int i = 0; i < 50; ++i)
    html += "<a href=\"http://h" + std::to_string(i) + ".example.com/\">x</a>";
  std::vector<Link> links;
  CHECK_FALSE(ExtractHtmlLinks(html, HtmlDocument::kMailBody, 20, &links));
  CHECK(links.size() == 20);
  links.clear();
  CHECK(ExtractHtmlLinks(html, HtmlDocument::kMailBody, 50, &links));
  CHECK(links.size() == 50);
}

TEST_CASE("Brackets that hold no IPv6 address give no host") {
  // Found by the link_target and html_links fuzz targets: the bytes between
  // the brackets, whatever they were, became the host and registrable domain.
  for (const char* url : {"https://[2001:DB8\xc1\xc1]/x", "http://[not an address]/", "http://[]/",
                          "http://[\x12"
                          "001:d\xff"
                          "b8::1]/"}) {
    INFO(url);
    Link link;
    link.url = url;
    DescribeLinkTarget(&link);
    CHECK(link.host.empty());
    CHECK_FALSE(link.host_is_ip_literal);
    CHECK(link.icann_domain.empty());
    CHECK(link.private_domain.empty());
  }
}

TEST_CASE("IPv4 literals in every browser spelling, and numbers that are not addresses") {
  auto links = Extract(
      "<a href=\"http://0300.0250.0.01/\">octal</a>"
      "<a href=\"http://10.1/\">two parts</a>"
      "<a href=\"http://1.2.3.256/\">out of range</a>"
      "<a href=\"http://1.2.3.4.5/\">five parts</a>"
      "<a href=\"http://08.1.1.1/\">bad octal</a>");
  REQUIRE(links.size() == 5);
  CHECK(links[0].host == "192.168.0.1");
  CHECK(links[1].host == "10.0.0.1");
  CHECK(links[2].host_is_ip_literal);
  CHECK(links[2].host == "1.2.3.256");
  CHECK_FALSE(links[3].host_is_ip_literal);
  CHECK_FALSE(links[4].host_is_ip_literal);
}

TEST_CASE("Link targets are described: credentials, IP literals, punycode") {
  auto links = Extract(
      "<a href=\"http://user:pw@Login.Example.com:8080/p?q#f\">a</a>"
      "<a href=\"http://3232235777/x\">b</a>"
      "<a href=\"http://0xC0.0xA8.1.1/\">c</a>"
      "<a href=\"http://[2001:DB8:0::1]/v6\">d</a>"
      "<a href=\"https://xn--pple-43d.com/\">e</a>"
      "<a href=\"https://\xD0\xB0pple.com/\">f</a>"
      "<a href=\"mailto:someone@example.com\">g</a>"
      "<a href=\"HTTPS:\\\\back.example.com\\path\">h</a>");
  REQUIRE(links.size() == 8);
  CHECK(links[0].has_credentials);
  CHECK(links[0].host == "login.example.com");
  CHECK(links[0].path == "/p?q#f");
  CHECK(links[0].scheme == "http");
  CHECK(links[1].host_is_ip_literal);
  CHECK(links[1].host == "192.168.1.1");
  CHECK(links[1].icann_domain == "192.168.1.1");
  CHECK(links[2].host_is_ip_literal);
  CHECK(links[2].host == "192.168.1.1");
  CHECK(links[3].host_is_ip_literal);
  CHECK(links[3].host == "[2001:db8::1]");
  CHECK(links[4].host_has_punycode);
  CHECK(links[4].host_unicode == "\xD0\xB0pple.com");
  CHECK(links[5].host == "xn--pple-43d.com");
  CHECK(links[5].host_has_punycode);
  CHECK(links[6].scheme == "mailto");
  CHECK(links[6].host.empty());
  CHECK(links[7].scheme == "https");
  CHECK(links[7].host == "back.example.com");
  CHECK(links[7].path == "/path");
  CHECK_FALSE(links[4].has_credentials);
  CHECK_FALSE(links[0].host_is_ip_literal);
}

TEST_CASE("A URL in a mail body's text outside any anchor is a link, as clients show it") {
  auto links = Extract(
      "<p>Verify here: https://ledger-rectify.catalog.example.io/ today</p>"
      "<div>or copy <span>transfer705.pages.dev/evas?x&amp;y=1</span></div>"
      "<a href=\"https://shop.example.com/\">www.shop.example.com</a>");
  REQUIRE(links.size() == 3);
  CHECK(links[0].source == LinkSource::kHtmlAnchor);
  CHECK(links[1].url == "https://ledger-rectify.catalog.example.io/");
  CHECK(links[1].source == LinkSource::kPlainText);
  CHECK(links[1].visible_text.empty());
  CHECK(links[2].url == "//transfer705.pages.dev/evas?x&y=1");
  CHECK(links[2].host == "transfer705.pages.dev");
}

TEST_CASE("Text that no client turns into a link gives none") {
  // A style sheet's url(), a URL an anchor already leads to, a block break
  // between a host and a path, and any text of a page opened in a browser.
  CHECK(Extract("<style>@import url(https://fonts.example.com/css);</style>"
                "<p>example.com</p><p>/path</p>")
            .empty());
  auto anchored =
      Extract("<a href=\"https://a.example.com/x\">here</a> or https://a.example.com/x");
  REQUIRE(anchored.size() == 1);
  CHECK(anchored[0].source == LinkSource::kHtmlAnchor);
  CHECK(ExtractPage("<p>Verify here: https://ledger-rectify.catalog.example.io/</p>").empty());
}

TEST_CASE("A www. host in a body's text is a link; text past the bound is not read") {
  // No '/' in the text: only its "www." (in any case) makes it worth reading.
  auto links = Extract("<p>Sign in at WWW.Portal-Verify.example.net today</p>");
  REQUIRE(links.size() == 1);
  CHECK(links[0].url == "WWW.Portal-Verify.example.net");
  CHECK(links[0].host == "www.portal-verify.example.net");
  CHECK(links[0].source == LinkSource::kPlainText);
  // Loose text is read up to 64 KB; a URL written after that is not.
  const std::string padded =
      "<p>" + std::string(64 * 1024, '/') + "</p><p>https://late.example.com/x</p>";
  CHECK(Extract(padded).empty());
  CHECK(Extract("<p>" + std::string(1024, '/') + "</p><p>https://late.example.com/x</p>").size() ==
        1);
}

}  // namespace
}  // namespace rapport
