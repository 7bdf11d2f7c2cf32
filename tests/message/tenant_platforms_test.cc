#include "message/tenant_platforms.h"

#include <catch2/catch.hpp>
#include <string>

#include "message/domain_names.h"

namespace rapport {
namespace {

TEST_CASE("the tenant platform list reads hosts and one-label wildcards") {
  TenantPlatforms platforms;
  REQUIRE(platforms
              .Parse("# comment\n"
                     "Egnyte.com   # a tenant a company\n"
                     "\n"
                     "*.web.core.windows.net\n",
                     "test")
              .ok());
  CHECK(platforms.size() == 2);
  CHECK(platforms.IsPlatform("egnyte.com"));
  CHECK_FALSE(platforms.IsPlatform("acme.egnyte.com"));
  CHECK_FALSE(platforms.IsPlatform("com"));
  CHECK(platforms.IsPlatform("z13.web.core.windows.net"));
  // The wildcard's parent is no platform itself, nor are two labels under it.
  CHECK_FALSE(platforms.IsPlatform("web.core.windows.net"));
  CHECK_FALSE(platforms.IsPlatform("acct.z13.web.core.windows.net"));
}

TEST_CASE("the tenant platform list reads a company's service sites") {
  TenantPlatforms platforms;
  REQUIRE(platforms.Parse("egnyte.com\nservice Docs.Google.com\n", "test").ok());
  CHECK(platforms.size() == 2);
  CHECK(platforms.ServiceSite("docs.google.com") == "docs.google.com");
  CHECK(platforms.ServiceSite("a.docs.google.com") == "docs.google.com");
  // The company's other sites, and a service's name as a label elsewhere.
  CHECK(platforms.ServiceSite("www.google.com").empty());
  CHECK(platforms.ServiceSite("google.com").empty());
  CHECK(platforms.ServiceSite("docs.google.com.example.net").empty());
  CHECK(platforms.ServiceSite("xdocs.google.com").empty());
  // A service is no platform of tenants.
  CHECK_FALSE(platforms.IsPlatform("docs.google.com"));
  // A service lies under a company's domain: three labels at least.
  CHECK_FALSE(platforms.Parse("service google.com\n", "t").ok());
  CHECK_FALSE(platforms.Parse("service *.google.com\n", "t").ok());
  CHECK_FALSE(platforms.Parse("service\n", "t").ok());
  CHECK_FALSE(platforms.Parse("services docs.google.com\n", "t").ok());
}

TEST_CASE("a bad line in the tenant platform list is named with its line") {
  TenantPlatforms platforms;
  REQUIRE(platforms.Parse("egnyte.com\n", "test").ok());
  Status s = platforms.Parse("egnyte.com\nsharefile.com extra\n", "platforms.txt");
  CHECK_FALSE(s.ok());
  CHECK(s.message().find("platforms.txt:2:") != std::string::npos);
  CHECK(s.message().find("'sharefile.com extra'") != std::string::npos);
  // A failed parse keeps what was there.
  CHECK(platforms.IsPlatform("egnyte.com"));
  // A top-level domain alone, a path or a wildcard in the middle is no platform.
  CHECK_FALSE(platforms.Parse("com\n", "t").ok());
  CHECK_FALSE(platforms.Parse("box.com/folder\n", "t").ok());
  CHECK_FALSE(platforms.Parse("a.*.windows.net\n", "t").ok());
  CHECK_FALSE(platforms.Parse("*.\n", "t").ok());
}

TEST_CASE("the shipped tenant platform list loads and lists no PSL platform twice") {
  REQUIRE(CheckTenantPlatforms(DefaultTenantPlatformsPath()).ok());
  const TenantPlatforms& shipped = ShippedTenantPlatforms();
  CHECK(shipped.size() > 50);
  CHECK(shipped.IsPlatform("sharepoint.com"));
  CHECK(shipped.IsPlatform("egnyte.com"));
  CHECK(shipped.IsPlatform("onehub.com"));
  CHECK(PrivateRegistrableDomain("accounturl.onehub.com") == "accounturl.onehub.com");
  // What the Public Suffix List has need not be repeated.
  CHECK_FALSE(shipped.IsPlatform("github.io"));
  CHECK_FALSE(shipped.IsPlatform("r2.dev"));
  CHECK(PrivateRegistrableDomain("acme.github.io") == "acme.github.io");
}

std::string Fixture(const std::string& name) {
  return std::string(RAPPORT_MESSAGE_FIXTURES) + "/" + name;
}

TEST_CASE("checking a tenant platform list names a bad line by file and line") {
  const std::string broken = Fixture("tenant_platforms_bad_line.txt");
  bool differs = false;
  const Status s = CheckTenantPlatforms(broken, &differs);
  REQUIRE(s.IsInvalidArgument());
  CHECK(s.message().find(broken + ":3:") != std::string::npos);
  CHECK(s.message().find('\n') == std::string::npos);
  CHECK(CheckTenantPlatforms("/nonexistent/tenant_platforms.txt").IsIoError());
}

TEST_CASE("a tenant platform list edited after the start differs from the one in use") {
  bool differs = true;
  REQUIRE(CheckTenantPlatforms(DefaultTenantPlatformsPath(), &differs).ok());
  CHECK_FALSE(differs);
  // Another list: the process keeps the one it started with.
  REQUIRE(CheckTenantPlatforms(Fixture("tenant_platforms_edited.txt"), &differs).ok());
  CHECK(differs);
  CHECK_FALSE(ShippedTenantPlatforms().IsPlatform("example-portal.test"));
  CHECK(PrivateRegistrableDomain("acme.example-portal.test") == "example-portal.test");
}

TEST_CASE("enterprise file-sharing tenants are their own registrable domains") {
  CHECK(PrivateRegistrableDomain("acme.sharefile.com") == "acme.sharefile.com");
  CHECK(PrivateRegistrableDomain("acme.sharefile.eu") == "acme.sharefile.eu");
  CHECK(PrivateRegistrableDomain("files.acme.egnyte.com") == "acme.egnyte.com");
  CHECK(IcannRegistrableDomain("acme.egnyte.com") == "egnyte.com");
  CHECK(PrivateRegistrableDomain("acme.files.com") == "acme.files.com");
  CHECK(PrivateRegistrableDomain("acme.brickftp.com") == "acme.brickftp.com");
  CHECK(PrivateRegistrableDomain("acme.kiteworks.com") == "acme.kiteworks.com");
  CHECK(PrivateRegistrableDomain("acme.accellion.net") == "acme.accellion.net");
  CHECK(PrivateRegistrableDomain("acme.smartfile.com") == "acme.smartfile.com");
  CHECK(PrivateRegistrableDomain("acme.ent.box.com") == "acme.ent.box.com");
}

TEST_CASE("SaaS portals with a subdomain per customer are their own registrable domains") {
  CHECK(PrivateRegistrableDomain("acme.zendesk.com") == "acme.zendesk.com");
  CHECK(PrivateRegistrableDomain("acme.freshdesk.com") == "acme.freshdesk.com");
  CHECK(PrivateRegistrableDomain("acme.atlassian.net") == "acme.atlassian.net");
  CHECK(PrivateRegistrableDomain("acme.my.salesforce.com") == "acme.my.salesforce.com");
  CHECK(PrivateRegistrableDomain("acme.my.site.com") == "acme.my.site.com");
  CHECK(PrivateRegistrableDomain("acme.secure.force.com") == "acme.secure.force.com");
  CHECK(PrivateRegistrableDomain("acme.okta.com") == "acme.okta.com");
  CHECK(PrivateRegistrableDomain("acme.my.webex.com") == "acme.my.webex.com");
  CHECK(PrivateRegistrableDomain("acme.enterprise.slack.com") == "acme.enterprise.slack.com");
  CHECK(PrivateRegistrableDomain("acme.powerappsportals.com") == "acme.powerappsportals.com");
  CHECK(PrivateRegistrableDomain("acme.typeform.com") == "acme.typeform.com");
}

TEST_CASE("free hosts, site builders and pull zones give each site its own registrable domain") {
  // Hosts that give anyone a site under their name, none on the Public
  // Suffix List: each site is its own owner.
  for (const char* host : {"acme.neocities.org", "acme.rf.gd", "acme.epizy.com", "acme.wuaze.com",
                           "acme.b-cdn.net", "acme.firebasestorage.app", "acme-space.hf.space",
                           "acme.ukit.me", "acme.weblium.site", "acme.glideapp.io"}) {
    INFO(host);
    CHECK(PrivateRegistrableDomain(host) == host);
  }
  CHECK(PrivateRegistrableDomain("www.neocities.org") == "neocities.org");
}

TEST_CASE("a wildcard platform names each zone; a platform's www is its own site") {
  CHECK(PrivateRegistrableDomain("acct.z13.web.core.windows.net") ==
        "acct.z13.web.core.windows.net");
  CHECK(IcannRegistrableDomain("acct.z13.web.core.windows.net") == "windows.net");
  // "www.box.com" is Box's own site, not a customer called "www".
  CHECK(PrivateRegistrableDomain("www.box.com") == "box.com");
  CHECK(PrivateRegistrableDomain("www.wetransfer.com") == "wetransfer.com");
  CHECK(PrivateRegistrableDomain("www.acme.box.com") == "acme.box.com");
  // Only for the listed platforms: the list's own private suffixes keep theirs.
  CHECK(PrivateRegistrableDomain("www.github.io") == "www.github.io");
  // A company's ordinary domain is untouched.
  CHECK(PrivateRegistrableDomain("www.acme.com") == "acme.com");
}

TEST_CASE("a company's service site is its own registrable domain, no tenant") {
  CHECK(PrivateRegistrableDomain("docs.google.com") == "docs.google.com");
  CHECK(PrivateRegistrableDomain("drive.google.com") == "drive.google.com");
  CHECK(PrivateRegistrableDomain("forms.office.com") == "forms.office.com");
  CHECK(IcannRegistrableDomain("docs.google.com") == "google.com");
  // The company's other sites stay the company's.
  CHECK(PrivateRegistrableDomain("www.google.com") == "google.com");
  CHECK(PrivateRegistrableDomain("maps.google.com") == "google.com");
  CHECK(IsServiceSite("docs.google.com"));
  CHECK_FALSE(IsServiceSite("google.com"));
  CHECK_FALSE(IsServiceSite("acme.sharepoint.com"));
  CHECK_FALSE(IsServiceSite(""));
}

}  // namespace
}  // namespace rapport
