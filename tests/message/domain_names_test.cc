#include "message/domain_names.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

TEST_CASE("NormaliseHost lower-cases ASCII hosts and strips the trailing dot") {
  std::string a, u;
  REQUIRE(NormaliseHost("Mail.Example.COM.", &a, &u));
  CHECK(a == "mail.example.com");
  CHECK(u == "mail.example.com");
}

TEST_CASE("NormaliseHost converts a Cyrillic look-alike to its A-label") {
  std::string a, u;
  REQUIRE(NormaliseHost("\xD0\xB0pple.com", &a, &u));  // Cyrillic а
  CHECK(a == "xn--pple-43d.com");
  CHECK(u == "\xD0\xB0pple.com");
}

TEST_CASE("NormaliseHost gives the U-label of a punycode host") {
  std::string a, u;
  REQUIRE(NormaliseHost("XN--PPLE-43D.com", &a, &u));
  CHECK(a == "xn--pple-43d.com");
  CHECK(u == "\xD0\xB0pple.com");
}

TEST_CASE("NormaliseHost keeps sharp s distinct (non-transitional)") {
  std::string a;
  REQUIRE(
      NormaliseHost("stra\xC3\x9F"
                    "e.de",
                    &a, nullptr));
  CHECK(a == "xn--strae-oqa.de");
}

TEST_CASE("NormaliseHost rejects what cannot be a DNS name") {
  std::string a = "stale", u = "stale";
  CHECK_FALSE(NormaliseHost("", &a, &u));
  CHECK(a.empty());
  CHECK(u.empty());
  CHECK_FALSE(NormaliseHost("bad host.com", &a, nullptr));
  CHECK_FALSE(NormaliseHost("a..b.com", &a, nullptr));
  CHECK_FALSE(NormaliseHost(std::string(64, 'a') + ".com", &a, nullptr));
  CHECK(NormaliseHost(std::string(63, 'a') + ".com", &a, nullptr));
}

TEST_CASE("Registrable domains distinguish ICANN and private suffixes") {
  CHECK(IcannRegistrableDomain("pub-ac94.r2.dev") == "r2.dev");
  CHECK(PrivateRegistrableDomain("pub-ac94.r2.dev") == "pub-ac94.r2.dev");
  CHECK(PrivateRegistrableDomain("files.pub-ac94.r2.dev") == "pub-ac94.r2.dev");
  CHECK(IcannRegistrableDomain("mail.acme.com") == "acme.com");
  CHECK(PrivateRegistrableDomain("mail.acme.com") == "acme.com");
  CHECK(IcannRegistrableDomain("www.bbc.co.uk") == "bbc.co.uk");
  CHECK(IcannRegistrableDomain("bucket.s3.amazonaws.com") == "amazonaws.com");
  CHECK(PrivateRegistrableDomain("bucket.s3.amazonaws.com") == "bucket.s3.amazonaws.com");
}

TEST_CASE("Every S3 region's buckets are private registrable domains") {
  CHECK(PrivateRegistrableDomain("b1.s3.eu-north-1.amazonaws.com") ==
        "b1.s3.eu-north-1.amazonaws.com");
  CHECK(PrivateRegistrableDomain("b2.s3-website-us-east-1.amazonaws.com") ==
        "b2.s3-website-us-east-1.amazonaws.com");
  CHECK(IcannRegistrableDomain("b1.s3.eu-north-1.amazonaws.com") == "amazonaws.com");
  CHECK(PrivateRegistrableDomain("www.amazonaws.com") == "amazonaws.com");
}

TEST_CASE("IsS3BucketEndpoint: the S3-named endpoints that carry buckets, host- and path-style") {
  // Amazon's, new and old naming, and those the Public Suffix List lists
  // beyond the patterns (China's regions).
  CHECK(IsS3BucketEndpoint("s3.amazonaws.com"));
  CHECK(IsS3BucketEndpoint("s3.eu-north-1.amazonaws.com"));
  CHECK(IsS3BucketEndpoint("s3-us-west-2.amazonaws.com"));
  CHECK(IsS3BucketEndpoint("s3.dualstack.us-east-1.amazonaws.com"));
  CHECK(IsS3BucketEndpoint("s3.cn-north-1.amazonaws.com.cn"));
  // The stores that copied it name their endpoints "s3" only.
  CHECK(IsS3BucketEndpoint("s3.us-west-004.backblazeb2.com"));
  CHECK(IsS3BucketEndpoint("s3.wasabisys.com"));
  CHECK_FALSE(IsS3BucketEndpoint("s3-x.wasabisys.com"));
  // A bucket under an endpoint, Alibaba's endpoints (no path-style), a
  // site's own "s3" host, a label that only begins "s3".
  CHECK_FALSE(IsS3BucketEndpoint("acme.s3.amazonaws.com"));
  CHECK_FALSE(IsS3BucketEndpoint("oss-cn-hangzhou.aliyuncs.com"));
  CHECK_FALSE(IsS3BucketEndpoint("s3.example.com"));
  CHECK_FALSE(IsS3BucketEndpoint("s3files.amazonaws.com"));
  CHECK_FALSE(IsS3BucketEndpoint(""));
}

TEST_CASE("A SharePoint tenant is its own private registrable domain") {
  CHECK(IcannRegistrableDomain("x.vendor.sharepoint.com") == "sharepoint.com");
  CHECK(PrivateRegistrableDomain("x.vendor.sharepoint.com") == "vendor.sharepoint.com");
}

TEST_CASE("Box, GCS and Azure Blob tenants are their own private registrable domains") {
  CHECK(PrivateRegistrableDomain("acme.app.box.com") == "acme.app.box.com");
  CHECK(PrivateRegistrableDomain("acme.box.com") == "acme.box.com");
  CHECK(PrivateRegistrableDomain("app.box.com") == "app.box.com");
  CHECK(PrivateRegistrableDomain("bucket.storage.googleapis.com") ==
        "bucket.storage.googleapis.com");
  CHECK(PrivateRegistrableDomain("acct.blob.core.windows.net") == "acct.blob.core.windows.net");
  CHECK(IcannRegistrableDomain("acct.blob.core.windows.net") == "windows.net");
}

// Platforms whose customers get their own subdomain and that the Public
// Suffix List lacks (data/tenant_platforms.txt): a new tenant there is as
// new as a new domain.
TEST_CASE("SaaS tenants under a region or data centre are their own private domains") {
  // A tenant is its own owner; the platform's own "www" is the platform's.
  for (const char* tenant :
       {"acme.qualtrics.com", "acme.ca1.qualtrics.com", "evil.crm4.dynamics.com",
        "acme.crm.dynamics.com", "acme.wd5.myworkdayjobs.com", "d-9067a1b2c3.awsapps.com",
        "agency.sharepoint.us", "acme.activehosted.com", "acct.blob.core.usgovcloudapi.net",
        "remit-portal.square.site"}) {
    CHECK(PrivateRegistrableDomain(tenant) == tenant);
  }
  CHECK(PrivateRegistrableDomain("www.qualtrics.com") == "qualtrics.com");
  CHECK(IcannRegistrableDomain("evil.crm4.dynamics.com") == "dynamics.com");
}

TEST_CASE("Registrable domain of a suffix or single label is the host itself") {
  CHECK(IcannRegistrableDomain("co.uk") == "co.uk");
  CHECK(IcannRegistrableDomain("localhost") == "localhost");
  CHECK(IcannRegistrableDomain("").empty());
}

TEST_CASE("HasKnownTopLevelDomain tells domains from file names") {
  CHECK(HasKnownTopLevelDomain("paypal.com"));
  CHECK(HasKnownTopLevelDomain("xn--pple-43d.com"));
  CHECK_FALSE(HasKnownTopLevelDomain("invoice.pdf"));
  CHECK_FALSE(HasKnownTopLevelDomain("localhost"));
}

TEST_CASE("HasPunycodeLabel looks at every label") {
  CHECK(HasPunycodeLabel("xn--pple-43d.com"));
  CHECK(HasPunycodeLabel("www.xn--kln-sna.example"));
  CHECK_FALSE(HasPunycodeLabel("www.example.com"));
  CHECK_FALSE(HasPunycodeLabel("axn--b.com"));
}

TEST_CASE("NormaliseAddress lower-cases and converts the domain") {
  CHECK(NormaliseAddress(" <Bob.Smith@Vendor.EXAMPLE> ") == "bob.smith@vendor.example");
  CHECK(NormaliseAddress("info@\xD0\xB0pple.com") == "info@xn--pple-43d.com");
  CHECK(NormaliseAddress("no-at-sign").empty());
  CHECK(NormaliseAddress("@example.com").empty());
  CHECK(NormaliseAddress("a@bad host").empty());
  CHECK(AddressDomain("a@b.example") == "b.example");
  CHECK(AddressDomain("nothing").empty());
  CHECK(AddressLocalPart("\"a@b\"@c.example") == "\"a@b\"");
  CHECK(AddressLocalPart("nothing").empty());
}

TEST_CASE("PlainAddress accepts only addresses safe as one argv word and in a header") {
  CHECK(PlainAddress(" <Admin+Digest@Example.TEST> ") == "admin+digest@example.test");
  CHECK(PlainAddress("o'brien@example.test") == "o'brien@example.test");
  for (const char* unsafe :
       {"-oQ/tmp@example.test", "\"a b\"@example.test", "a,b@example.test", "a;b@example.test",
        "a\r\nBcc: x@example.test", "a\\b@example.test", "caf\xC3\xA9@example.test",
        "admin@localhost", "admin@bad host.test", "@example.test", "admin"}) {
    INFO(unsafe);
    CHECK(PlainAddress(unsafe).empty());
  }
}

}  // namespace
}  // namespace rapport
