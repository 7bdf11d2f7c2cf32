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
  // Workday: a tenant first in the path, or behind the sign-in gateway.
  CHECK(tenant("https://wd5.myworkday.com/acme/d/home.htm") == "acme.wd5.myworkday.com");
  CHECK(tenant("https://wd1.myworkday.com/wday/authgwy/Acme/login.htmld") ==
        "acme.wd1.myworkday.com");
  // The same bucket host-style, and hosts whose path names no tenant.
  CHECK(tenant("https://acme-files.s3.amazonaws.com/x.html") == "acme-files.s3.amazonaws.com");
  CHECK(tenant("https://s3.amazonaws.com/") == "s3.amazonaws.com");
  CHECK(tenant("https://sites.google.com/a/b") == "google.com");
  // A service site of its own (data/tenant_platforms.txt), whose path names
  // a file, no tenant.
  CHECK(tenant("https://docs.google.com/document/d/1abc/edit") == "docs.google.com");
  CHECK(tenant("https://example.com/acme-files/x") == "example.com");
  CHECK(tenant("https://wd1.myworkday.com/wday/drs/outage") == "myworkday.com");
  CHECK(tenant("https://wd5.myworkday.com/") == "myworkday.com");
  CHECK(tenant("https://www.myworkday.com/acme/") == "myworkday.com");
}

// Every URL form in which a cloud-storage service shows the customer's
// chosen name (bucket, account, container, space, namespace), one row each:
// the name is the owner, as it would be host-style.
TEST_CASE("a bucket is its own owner in every URL form of the storage services") {
  struct Row {
    const char* url;
    const char* private_domain;
  };
  const Row rows[] = {
      // Google Cloud Storage: XML API both styles, the browser host, the
      // JSON API's download, object and upload paths, Firebase Storage.
      {"https://storage.googleapis.com/enr0n-sso/view.html", "enr0n-sso.storage.googleapis.com"},
      {"https://enr0n-sso.storage.googleapis.com/view.html", "enr0n-sso.storage.googleapis.com"},
      {"https://storage.cloud.google.com/enr0n-sso/a.pdf", "enr0n-sso.storage.cloud.google.com"},
      {"https://storage.googleapis.com/download/storage/v1/b/enr0n-sso/o/a.html?alt=media",
       "enr0n-sso.storage.googleapis.com"},
      // The JSON API on www.googleapis.com serves the same bucket: the
      // bucket's own host, not a tenant of www.googleapis.com.
      {"https://www.googleapis.com/storage/v1/b/enr0n-sso/o/a.html?alt=media",
       "enr0n-sso.storage.googleapis.com"},
      {"https://www.googleapis.com/download/storage/v1/b/enr0n-sso/o/a.html",
       "enr0n-sso.storage.googleapis.com"},
      {"https://www.googleapis.com/upload/storage/v1/b/enr0n-sso/o",
       "enr0n-sso.storage.googleapis.com"},
      {"https://storage.googleapis.com/upload/storage/v1/b/enr0n-sso/o",
       "enr0n-sso.storage.googleapis.com"},
      {"https://firebasestorage.googleapis.com/v0/b/enr0n-sso.appspot.com/o/a.html?alt=media",
       "enr0n-sso.firebasestorage.googleapis.com"},
      // Amazon S3: virtual-hosted global, regional, legacy s3-REGION,
      // dualstack, accelerate, both website forms; path-style on each.
      {"https://enr0n-sso.s3.amazonaws.com/a.html", "enr0n-sso.s3.amazonaws.com"},
      {"https://enr0n-sso.s3.eu-north-1.amazonaws.com/a.html",
       "enr0n-sso.s3.eu-north-1.amazonaws.com"},
      {"https://enr0n-sso.s3-us-west-2.amazonaws.com/a.html",
       "enr0n-sso.s3-us-west-2.amazonaws.com"},
      {"https://enr0n-sso.s3.dualstack.us-east-1.amazonaws.com/a.html",
       "enr0n-sso.s3.dualstack.us-east-1.amazonaws.com"},
      {"https://enr0n-sso.s3-accelerate.amazonaws.com/a.html",
       "enr0n-sso.s3-accelerate.amazonaws.com"},
      {"http://enr0n-sso.s3-website-us-east-1.amazonaws.com/",
       "enr0n-sso.s3-website-us-east-1.amazonaws.com"},
      {"http://enr0n-sso.s3-website.eu-west-3.amazonaws.com/",
       "enr0n-sso.s3-website.eu-west-3.amazonaws.com"},
      {"https://s3.amazonaws.com/enr0n-sso/a.html", "enr0n-sso.s3.amazonaws.com"},
      {"https://s3.eu-north-1.amazonaws.com/enr0n-sso/a.html",
       "enr0n-sso.s3.eu-north-1.amazonaws.com"},
      {"https://s3-us-west-2.amazonaws.com/enr0n-sso/a.html",
       "enr0n-sso.s3-us-west-2.amazonaws.com"},
      {"https://s3.dualstack.us-east-1.amazonaws.com/enr0n-sso/a.html",
       "enr0n-sso.s3.dualstack.us-east-1.amazonaws.com"},
      // Azure: the storage account in the host of blob, static website,
      // file and Data Lake endpoints, and of the newer DNS zones.
      {"https://enr0nsso.blob.core.windows.net/docs/a.html", "enr0nsso.blob.core.windows.net"},
      {"https://enr0nsso.z13.web.core.windows.net/", "enr0nsso.z13.web.core.windows.net"},
      {"https://enr0nsso.file.core.windows.net/share/a.pdf", "enr0nsso.file.core.windows.net"},
      {"https://enr0nsso.dfs.core.windows.net/fs/a.pdf", "enr0nsso.dfs.core.windows.net"},
      {"https://enr0nsso.z21.blob.storage.azure.net/docs/a.html",
       "enr0nsso.z21.blob.storage.azure.net"},
      // DigitalOcean Spaces: origin both styles, CDN.
      {"https://enr0n-sso.nyc3.digitaloceanspaces.com/a.html",
       "enr0n-sso.nyc3.digitaloceanspaces.com"},
      {"https://nyc3.digitaloceanspaces.com/enr0n-sso/a.html",
       "enr0n-sso.nyc3.digitaloceanspaces.com"},
      {"https://enr0n-sso.nyc3.cdn.digitaloceanspaces.com/a.html",
       "enr0n-sso.nyc3.cdn.digitaloceanspaces.com"},
      // Backblaze B2: the friendly download URL, the S3 API both styles.
      {"https://f003.backblazeb2.com/file/enr0n-sso/a.html", "enr0n-sso.f003.backblazeb2.com"},
      {"https://enr0n-sso.s3.us-west-004.backblazeb2.com/a.html",
       "enr0n-sso.s3.us-west-004.backblazeb2.com"},
      {"https://s3.us-west-004.backblazeb2.com/enr0n-sso/a.html",
       "enr0n-sso.s3.us-west-004.backblazeb2.com"},
      // Oracle: the bucket within its namespace, plain, behind a
      // pre-authenticated request, on the per-namespace host, S3-compatible.
      {"https://objectstorage.us-ashburn-1.oraclecloud.com/n/axq1z/b/enr0n-sso/o/a.html",
       "enr0n-sso.axq1z.objectstorage.us-ashburn-1.oraclecloud.com"},
      {"https://objectstorage.us-ashburn-1.oraclecloud.com/p/Xy-9_z/n/axq1z/b/enr0n-sso/o/a.html",
       "enr0n-sso.axq1z.objectstorage.us-ashburn-1.oraclecloud.com"},
      {"https://axq1z.objectstorage.us-ashburn-1.oci.customer-oci.com/n/axq1z/b/enr0n-sso/o/a",
       "enr0n-sso.axq1z.objectstorage.us-ashburn-1.oci.customer-oci.com"},
      {"https://axq1z.compat.objectstorage.us-ashburn-1.oraclecloud.com/enr0n-sso/a.html",
       "enr0n-sso.axq1z.compat.objectstorage.us-ashburn-1.oraclecloud.com"},
      // Peers: Wasabi, Linode, Vultr, IBM, Alibaba OSS, Scaleway.
      {"https://enr0n-sso.s3.us-east-2.wasabisys.com/a.html",
       "enr0n-sso.s3.us-east-2.wasabisys.com"},
      {"https://s3.wasabisys.com/enr0n-sso/a.html", "enr0n-sso.s3.wasabisys.com"},
      {"https://s3.us-east-2.wasabisys.com/enr0n-sso/a.html",
       "enr0n-sso.s3.us-east-2.wasabisys.com"},
      {"https://enr0n-sso.us-east-1.linodeobjects.com/a.html",
       "enr0n-sso.us-east-1.linodeobjects.com"},
      {"https://us-east-1.linodeobjects.com/enr0n-sso/a.html",
       "enr0n-sso.us-east-1.linodeobjects.com"},
      {"https://enr0n-sso.ewr1.vultrobjects.com/a.html", "enr0n-sso.ewr1.vultrobjects.com"},
      {"https://ewr1.vultrobjects.com/enr0n-sso/a.html", "enr0n-sso.ewr1.vultrobjects.com"},
      {"https://s3.us-south.cloud-object-storage.appdomain.cloud/enr0n-sso/a.html",
       "enr0n-sso.s3.us-south.cloud-object-storage.appdomain.cloud"},
      {"https://enr0n-sso.s3.eu-de.cloud-object-storage.appdomain.cloud/a.html",
       "enr0n-sso.s3.eu-de.cloud-object-storage.appdomain.cloud"},
      {"https://enr0n-sso.oss-cn-hangzhou.aliyuncs.com/a.html",
       "enr0n-sso.oss-cn-hangzhou.aliyuncs.com"},
      {"https://enr0n-sso.s3.nl-ams.scw.cloud/a.html", "enr0n-sso.s3.nl-ams.scw.cloud"},
      {"https://s3.nl-ams.scw.cloud/enr0n-sso/a.html", "enr0n-sso.s3.nl-ams.scw.cloud"},
      // Cloudflare R2's public bucket host names no one (a random id).
      {"https://pub-3f9a01c2.r2.dev/a.html", "pub-3f9a01c2.r2.dev"},
  };
  for (const Row& row : rows) {
    INFO(row.url);
    CHECK(LinkNamedByText(row.url).private_domain == row.private_domain);
  }
}

TEST_CASE("a storage host whose path names no bucket has no tenant") {
  const auto tenant = [](std::string_view url) { return LinkNamedByText(url).private_domain; };
  // The JSON API's other paths, Backblaze's native download by id, an
  // Oracle path without its namespace, a region's own page.
  CHECK(tenant("https://storage.googleapis.com/storage/v1/projects/x") == "storage.googleapis.com");
  CHECK(tenant("https://f003.backblazeb2.com/b2api/v2/b2_download_file_by_id?fileId=4_z") ==
        "backblazeb2.com");
  CHECK(tenant("https://objectstorage.us-ashburn-1.oraclecloud.com/b/x/o/y") == "oraclecloud.com");
  CHECK(tenant("https://nyc3.digitaloceanspaces.com/") == "nyc3.digitaloceanspaces.com");
  CHECK(tenant("https://www.googleapis.com/oauth2/v1/x") == "www.googleapis.com");
  // Only a store's endpoint: a site's own "s3" host is a host of the site.
  CHECK(tenant("https://s3.example.com/acme/x") == "example.com");
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

TEST_CASE("a tenant's name is the first label of its private domain, in either URL form") {
  const auto name = [](std::string_view url) {
    return std::string(TenantName(LinkNamedByText(url)));
  };
  CHECK(name("https://acme-files.s3.amazonaws.com/a.html") == "acme-files");
  CHECK(name("https://s3.us-east-2.amazonaws.com/acme-files/a.html") == "acme-files");
  CHECK(name("https://pub-ac94.r2.dev/x") == "pub-ac94");
  // No tenant: a domain of its own, a platform's own host, no host at all.
  CHECK(name("https://www.acme.com/files/a.html").empty());
  CHECK(name("https://www.egnyte.com/pricing").empty());
  CHECK(name("https://docs.google.com/document/d/1abc/edit").empty());  // a service
  CHECK(TenantName(Link()).empty());
}

TEST_CASE("a name has another spelling only where a tenant's name allows no hyphen") {
  CHECK(TenantNameWithoutHyphens("duke-energy") == "dukeenergy");
  CHECK(TenantNameWithoutHyphens("a-b-c") == "abc");
  // No hyphen, no other spelling.
  CHECK(TenantNameWithoutHyphens("txu").empty());
  CHECK(TenantNameWithoutHyphens("").empty());
}

TEST_CASE("IP literal hosts are not names") {
  CHECK(LinkNamedByText("http://[2001:db8::1]/x").host_is_ip_literal);
}

}  // namespace
}  // namespace rapport
