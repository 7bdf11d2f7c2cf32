#include "message/text_links.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

std::vector<Link> Extract(std::string_view text, size_t max_links = 100) {
  std::vector<Link> links;
  ExtractTextLinks(text, max_links, &links);
  return links;
}

TEST_CASE("Plain-text URLs end before sentence punctuation and brackets") {
  auto links = Extract(
      "See https://a.example.com/x. Or (http://b.example.com/y), "
      "<http://c.example.com/z> and \"www.d.example.com\".");
  REQUIRE(links.size() == 4);
  CHECK(links[0].url == "https://a.example.com/x");
  CHECK(links[1].url == "http://b.example.com/y");
  CHECK(links[2].url == "http://c.example.com/z");
  CHECK(links[3].url == "www.d.example.com");
  CHECK(links[3].host == "www.d.example.com");
  CHECK(links[3].scheme.empty());
  for (const Link& link : links) CHECK(link.source == LinkSource::kPlainText);
}

TEST_CASE("Balanced parentheses stay inside a URL") {
  auto links = Extract("https://en.example.org/wiki/Foo_(bar) is a page");
  REQUIRE(links.size() == 1);
  CHECK(links[0].url == "https://en.example.org/wiki/Foo_(bar)");
}

TEST_CASE("A markdown link ends at its closing bracket") {
  auto links =
      Extract("[Support](https://support.example.com/help)[Shop](https://shop.example.com)");
  REQUIRE(links.size() == 2);
  CHECK(links[0].url == "https://support.example.com/help");
  CHECK(links[1].url == "https://shop.example.com");
}

TEST_CASE("URL prefixes inside words are not URLs") {
  CHECK(Extract("awww.example.com xhttp://x.example.com http:// www.").empty());
}

TEST_CASE("A URL glued to a full stop or a hyphen before it is a URL") {
  // As Enron's EnTouch newsletter wrote it; a mail client links it there.
  auto links = Extract("at this meeting.http://172.28.92.190/bowne/ and see-https://x.example/y");
  REQUIRE(links.size() == 2);
  CHECK(links[0].url == "http://172.28.92.190/bowne/");
  CHECK(links[0].host_is_ip_literal);
  CHECK(links[1].url == "https://x.example/y");
  // "www." after a dot is inside a host name, which the bare-host reading
  // reads whole.
  links = Extract("mail.www.example.com today");
  CHECK(links.empty());
}

TEST_CASE("A URL already found is not added twice") {
  std::vector<Link> links(1);
  links[0].url = "http://a.example.com/";
  CHECK(ExtractTextLinks("http://a.example.com/ http://a.example.com/ http://b.example.com/", 10,
                         &links));
  REQUIRE(links.size() == 2);
  CHECK(links[1].url == "http://b.example.com/");
}

TEST_CASE("Plain-text extraction stops at the cap") {
  std::string text;
  for (int i = 0; i < 30; ++i) text += "http://h" + std::to_string(i) + ".example.com/ ";
  std::vector<Link> links;
  CHECK_FALSE(ExtractTextLinks(text, 10, &links));
  CHECK(links.size() == 10);
}

TEST_CASE("A bare host with a path in text is a link, read as host and path") {
  // As phishing_pot writes it: "copy and paste it in your browser".
  auto links = Extract(
      "order the withdrawal of funds -> transfer705.pages.dev/evas-dparun?flexchase now, "
      "or (update-kyc.s3.eu-north-1.amazonaws.com/index.html).");
  REQUIRE(links.size() == 2);
  CHECK(links[0].url == "//transfer705.pages.dev/evas-dparun?flexchase");
  CHECK(links[0].host == "transfer705.pages.dev");
  CHECK(links[0].private_domain == "transfer705.pages.dev");
  CHECK(links[0].path == "/evas-dparun?flexchase");
  CHECK(links[0].scheme.empty());
  CHECK(links[1].host == "update-kyc.s3.eu-north-1.amazonaws.com");
  CHECK(links[1].path == "/index.html");
  for (const Link& link : links) CHECK(link.source == LinkSource::kPlainText);
}

TEST_CASE("Slashes after what is no host standing alone are not bare links") {
  // An address, a file path, a number, a file name, a domain named with
  // nothing after its slash, a host inside a URL already read.
  CHECK(Extract("mail jo@example.com/x, see /usr/local.example.com/bin, score 3.5/5, "
                "open invoice.pdf/page2, and/or example.com/ or example.com/.")
            .empty());
  auto links = Extract("https://a.example.com/b.example.com/c");
  REQUIRE(links.size() == 1);
  CHECK(links[0].url == "https://a.example.com/b.example.com/c");
}

TEST_CASE("A bare link written where its URL already is adds nothing") {
  std::vector<Link> links(1);
  links[0].url = "https://transfer.pages.dev/x";
  CHECK(ExtractTextLinks("go to transfer.pages.dev/x or transfer.pages.dev/y", 10, &links));
  REQUIRE(links.size() == 2);
  CHECK(links[1].url == "//transfer.pages.dev/y");
}

}  // namespace
}  // namespace rapport
