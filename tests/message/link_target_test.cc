#include "message/link_target.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

TEST_CASE("a URL splits into host, userinfo and decoded path") {
  const Link link = LinkNamedByText("https://PayPal.com@Evil.NET:8080/a%20b/c.html?x=1#top");
  CHECK(link.userinfo == "PayPal.com");
  CHECK(link.host == "evil.net");
  CHECK(DecodedPath(link) == "/a b/c.html");
}

TEST_CASE("a URL without a scheme is host and path") {
  const Link link = LinkNamedByText("s3cure0line.s3.amazonaws.com/login.html");
  CHECK(link.host == "s3cure0line.s3.amazonaws.com");
  CHECK(DecodedPath(link) == "/login.html");
}

TEST_CASE("IP literal hosts are not names") {
  CHECK(LinkNamedByText("http://[2001:db8::1]/x").host_is_ip_literal);
}

}  // namespace
}  // namespace rapport
