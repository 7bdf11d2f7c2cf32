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

TEST_CASE("a tenant named in the path is the private domain its host-style name has") {
  const auto tenant = [](std::string_view url) { return LinkNamedByText(url).private_domain; };
  CHECK(tenant("https://s3.amazonaws.com/acme-files/x.html") == "acme-files.s3.amazonaws.com");
  CHECK(tenant("https://s3.us-east-2.amazonaws.com/Acme-Files/x") ==
        "acme-files.s3.us-east-2.amazonaws.com");
  CHECK(tenant("https://storage.googleapis.com/remit-4f2a/view.html") ==
        "remit-4f2a.storage.googleapis.com");
  CHECK(tenant("https://firebasestorage.googleapis.com/v0/b/acme-prod.appspot.com/o/x?alt=media") ==
        "acme-prod.firebasestorage.googleapis.com");
  CHECK(tenant("https://sites.google.com/view/acme-portal/home") == "acme-portal.sites.google.com");
  // The same bucket host-style, and hosts whose path names no tenant.
  CHECK(tenant("https://acme-files.s3.amazonaws.com/x.html") == "acme-files.s3.amazonaws.com");
  CHECK(tenant("https://s3.amazonaws.com/") == "s3.amazonaws.com");
  CHECK(tenant("https://sites.google.com/a/b") == "google.com");
  CHECK(tenant("https://docs.google.com/document/d/1abc/edit") == "google.com");
  CHECK(tenant("https://example.com/acme-files/x") == "example.com");
}

TEST_CASE("a link to a tenant of a listed platform has the tenant as its private domain") {
  const Link egnyte = LinkNamedByText("https://Acme-Legal.Egnyte.com/dl/AbC123?x=1");
  CHECK(egnyte.host == "acme-legal.egnyte.com");
  CHECK(egnyte.icann_domain == "egnyte.com");
  CHECK(egnyte.private_domain == "acme-legal.egnyte.com");
  const Link portal = LinkNamedByText("https://remit-4f2a.my.site.com/s/login");
  CHECK(portal.icann_domain == "site.com");
  CHECK(portal.private_domain == "remit-4f2a.my.site.com");
  // The platform's own pages have no tenant.
  const Link own = LinkNamedByText("https://www.egnyte.com/pricing");
  CHECK(own.private_domain == own.icann_domain);
}

TEST_CASE("IP literal hosts are not names") {
  CHECK(LinkNamedByText("http://[2001:db8::1]/x").host_is_ip_literal);
}

}  // namespace
}  // namespace rapport
