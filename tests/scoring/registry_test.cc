#include <algorithm>
#include <catch2/catch.hpp>
#include <sstream>
#include <string>
#include <vector>

#include "base/data_file.h"
#include "message/link_target.h"
#include "message/tenant_platforms.h"
#include "scoring/fileshare_catalogue.h"
#include "scoring/signal_registry.h"
#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

Status Nothing(const ScoringContext&, std::vector<Detection>*) { return Status::Ok(); }

TEST_CASE("every built-in signal of the attack stories is registered with a weight and description",
          "[registry]") {
  const SignalRegistry& registry = BuiltInSignals();
  for (std::string_view name : {"FIRST_CONTACT",
                                "NEW_SENDER_DOMAIN",
                                "HIDDEN_RECIPIENTS",
                                "UNUSUAL_FANOUT",
                                "DISPLAY_NAME_IMPERSONATION",
                                "STAFF_NAME_NEW_LINK_DOMAIN",
                                "REPLY_TO_DIVERTED",
                                "LOCAL_SENDER_FROM_OUTSIDE",
                                "AUTH_FAILURE",
                                "FIRST_FILESHARE_DOMAIN",
                                "NEW_LINK_DOMAIN_FOR_SENDER",
                                "RARE_LINK_DOMAIN",
                                "MASKED_LINK",
                                "IMAGE_LINK",
                                "GENERIC_LINK_TEXT",
                                "URL_CREDENTIALS",
                                "IP_LITERAL_LINK",
                                "PUNYCODE_LINK",
                                "THREAD_NEW_LINK_DOMAIN",
                                "THREAD_OUTSIDER",
                                "THREAD_REPLY_TO_OUTSIDER",
                                "THREAD_REVIVED",
                                "THREAD_FIRST_LINK",
                                "UNKNOWN_THREAD_REPLY",
                                "MAILER_CHANGED",
                                "INFRASTRUCTURE_CHANGED",
                                "RECIPIENT_PATTERN_CHANGED",
                                "LOOKALIKE_DOMAIN",
                                "BRAND_IMPERSONATION",
                                "PAYMENT_DETAILS_CHANGED"}) {
    INFO(name);
    const SignalDefinition* signal = registry.Find(name);
    REQUIRE(signal != nullptr);
    CHECK(signal->default_weight > 0);
    CHECK(signal->default_weight <= 100);
    CHECK_FALSE(signal->description.empty());
  }
  CHECK(registry.Find("NO_SUCH_SIGNAL") == nullptr);
  std::vector<std::string> names = RegisteredSignalNames();
  CHECK(names.size() == registry.signals().size());
  CHECK(std::is_sorted(names.begin(), names.end()));
}

TEST_CASE(
    "the signals of hidden document links and of what a sender's name claims are registered, "
    "inbound only, in their groups",
    "[registry]") {
  const SignalRegistry& registry = BuiltInSignals();
  const std::pair<std::string_view, SignalGroup> signals[] = {
      {"STAFF_NAME_NEW_LINK_DOMAIN", SignalGroup::kLink},
      {"ATTACHED_DOCUMENT_LINK_HIDDEN", SignalGroup::kLink},
      {"NAME_OUTSIDE_MAILBOX", SignalGroup::kLookalike},
      {"DISPLAY_NAME_OTHER_DOMAIN", SignalGroup::kLookalike},
      {"MIXED_SCRIPT_WORD", SignalGroup::kLookalike}};
  for (const auto& [name, group] : signals) {
    INFO(name);
    const SignalDefinition* signal = registry.Find(name);
    REQUIRE(signal != nullptr);
    CHECK(signal->group == group);
    CHECK(signal->scope == SignalScope::kInboundOnly);
    CHECK(signal->default_weight > 0);
    CHECK_FALSE(signal->description.empty());
  }
}

TEST_CASE("the registry refuses malformed and duplicate signals", "[registry]") {
  SignalRegistry registry;
  REQUIRE(
      registry.Add({"GOOD_NAME", SignalGroup::kLink, 10, "d", SignalScope::kInboundOnly, Nothing})
          .ok());
  CHECK(registry.Add({"GOOD_NAME", SignalGroup::kLink, 10, "d", SignalScope::kInboundOnly, Nothing})
            .IsInvalidArgument());
  CHECK(
      registry.Add({"lower_case", SignalGroup::kLink, 10, "d", SignalScope::kInboundOnly, Nothing})
          .IsInvalidArgument());
  CHECK(registry.Add({"NEGATIVE", SignalGroup::kLink, -1, "d", SignalScope::kInboundOnly, Nothing})
            .IsInvalidArgument());
  CHECK(
      registry.Add({"NO_DETECTOR", SignalGroup::kLink, 1, "d", SignalScope::kInboundOnly, nullptr})
          .IsInvalidArgument());
  REQUIRE(
      registry.Add({"A_FIRST", SignalGroup::kThread, 1, "d", SignalScope::kInboundOnly, Nothing})
          .ok());
  CHECK(registry.NameList() == "A_FIRST, GOOD_NAME");
  CHECK(std::string(SignalGroupName(SignalGroup::kCompromise)) == "compromise");
}

TEST_CASE("the file-share catalogue matches hosts, subdomains and path prefixes", "[registry]") {
  FileShareCatalogue catalogue;
  REQUIRE(
      catalogue.Parse("# comment\nr2.dev\n\nDocs.Google.com/forms  # forms only\n", "test").ok());
  REQUIRE(catalogue.Match("pub-ac94.r2.dev", "/offline.html") != nullptr);
  CHECK(*catalogue.Match("pub-ac94.r2.dev", "/offline.html") == "r2.dev");
  CHECK(catalogue.Match("r2.dev", "") != nullptr);
  CHECK(catalogue.Match("notr2.dev", "/") == nullptr);
  CHECK(catalogue.Match("docs.google.com", "/forms/d/e/1") != nullptr);
  CHECK(catalogue.Match("docs.google.com", "/formsx") == nullptr);
  CHECK(catalogue.Match("docs.google.com", "/document/d/1") == nullptr);
  Status bad = catalogue.Parse("r2.dev\nbad host!\n", "cat.txt");
  CHECK(bad.IsInvalidArgument());
  CHECK(bad.message().find("cat.txt:2") != std::string::npos);
  CHECK(catalogue.Load("/nonexistent/fileshare.txt").IsIoError());
}

TEST_CASE("the file-share catalogue says which platforms serve forms or a site's pages",
          "[registry]") {
  FileShareCatalogue catalogue;
  REQUIRE(catalogue
              .Parse("r2.dev\njotform.com form\nDocs.Google.com/forms  Form  # forms\n"
                     "wixsite.com\tsite\n",
                     "test")
              .ok());
  CHECK(catalogue.size() == 4);
  REQUIRE(catalogue.Find("pub-ac94.r2.dev", "/x") != nullptr);
  CHECK(catalogue.Find("pub-ac94.r2.dev", "/x")->serves == PlatformServes::kFiles);
  REQUIRE(catalogue.Find("form.jotform.com", "/2ad3") != nullptr);
  REQUIRE(catalogue.Find("docs.google.com", "/forms/d/1") != nullptr);
  REQUIRE(catalogue.Find("acme.wixsite.com", "/files") != nullptr);
  CHECK(catalogue.Find("form.jotform.com", "/2ad3")->serves == PlatformServes::kForms);
  CHECK(catalogue.Find("form.jotform.com", "/2ad3")->text == "jotform.com");
  CHECK(catalogue.Find("docs.google.com", "/forms/d/1")->serves == PlatformServes::kForms);
  CHECK(catalogue.Find("acme.wixsite.com", "/files")->serves == PlatformServes::kSitePages);
  CHECK(*catalogue.Match("acme.wixsite.com", "/files") == "wixsite.com");
  // Anything else after the host is a mistake, named with its line.
  Status bad = catalogue.Parse("r2.dev\njotform.com forms\n", "cat.txt");
  CHECK(bad.IsInvalidArgument());
  CHECK(bad.message().find("cat.txt:2") != std::string::npos);
  CHECK(bad.message().find("\"form\", \"site\"") != std::string::npos);
  CHECK(catalogue.Parse("jotform.com form site\n", "cat.txt").IsInvalidArgument());
  // The shipped catalogue marks the form and site builders, not the drives.
  const auto shipped = [](std::string_view host, std::string_view path) {
    const FileShareCatalogue::Platform* platform = ShippedCatalogue().Find(host, path);
    REQUIRE(platform != nullptr);
    return platform->serves;
  };
  CHECK(shipped("form.jotform.com", "/1") == PlatformServes::kForms);
  CHECK(shipped("forms.office.com", "/r/1") == PlatformServes::kForms);
  CHECK(shipped("sites.google.com", "/view/x") == PlatformServes::kSitePages);
  CHECK(shipped("x.godaddysites.com", "/") == PlatformServes::kSitePages);
  CHECK(shipped("docs.google.com", "/document/d/1") == PlatformServes::kFiles);
  CHECK(shipped("www.dropbox.com", "/s/1") == PlatformServes::kFiles);
  CHECK(shipped("x.notion.site", "/") == PlatformServes::kFiles);
}

TEST_CASE("the file-share catalogue names the most specific entry", "[registry]") {
  FileShareCatalogue catalogue;
  REQUIRE(catalogue
              .Parse("google.com/amp\ndocs.google.com\ndocs.google.com/forms\nx.google.com/amp\n",
                     "test")
              .ok());
  CHECK(catalogue.size() == 4);
  // The longer path of the same host first...
  CHECK(*catalogue.Match("docs.google.com", "/forms/d/1") == "docs.google.com/forms");
  CHECK(*catalogue.Match("docs.google.com", "/document/d/1") == "docs.google.com");
  // ...and the longer host before a shorter one, path or none.
  CHECK(*catalogue.Match("a.docs.google.com", "/forms") == "docs.google.com/forms");
  CHECK(*catalogue.Match("x.google.com", "/amp/s") == "x.google.com/amp");
  CHECK(*catalogue.Match("y.google.com", "/amp/s") == "google.com/amp");
  CHECK(catalogue.Match("y.google.com", "/search") == nullptr);
  CHECK(catalogue.Match("com", "/amp") == nullptr);
}

TEST_CASE("the shipped catalogue covers transfer services, one-click hosts and cloud drives",
          "[registry]") {
  const FileShareCatalogue& catalogue = ShippedCatalogue();
  for (auto [host, path] : std::vector<std::pair<std::string_view, std::string_view>>{
           {"acme.egnyte.com", "/fl/x"},
           {"acme.sharefile.com", "/d-s1"},
           {"acme.files.com", "/f/x"},
           {"acme.kiteworks.com", "/w/x"},
           {"www.swisstransfer.com", "/d/x"},
           {"www.transfernow.net", "/dl/x"},
           {"gofile.io", "/d/x"},
           {"pixeldrain.com", "/u/x"},
           {"1fichier.com", "/?x"},
           {"disk.yandex.ru", "/d/x"},
           {"www.terabox.com", "/s/x"},
           {"send.tresorit.com", "/a#x"},
           {"workdrive.zohoexternal.com", "/file/x"},
           {"cdn.discordapp.com", "/attachments/1/2/x.html"},
           {"remit.my.site.com", "/s/login"},
           {"acme.powerappsportals.com", "/"},
           {"indd.adobe.com", "/view/x"},
           {"share.hsforms.com", "/1x"}}) {
    INFO(host << path);
    CHECK(catalogue.Match(host, path) != nullptr);
  }
  // A help desk, a chat or a sign-in portal is a tenant platform, not a place
  // to park a page: data/tenant_platforms.txt lists them, this does not.
  CHECK(catalogue.Match("acme.zendesk.com", "/hc/x") == nullptr);
  CHECK(catalogue.Match("acme.slack.com", "/archives/x") == nullptr);
  CHECK(catalogue.Match("acme.okta.com", "/app/x") == nullptr);
  CHECK(catalogue.Match("archive.org", "/details/x") == nullptr);
}

TEST_CASE("the shipped catalogue covers the platforms of the attack stories", "[registry]") {
  const FileShareCatalogue& catalogue = ShippedCatalogue();
  for (auto [host, path] : std::vector<std::pair<std::string_view, std::string_view>>{
           {"pub-ac94c5d2.r2.dev", "/offline.html"},
           {"mybucket.s3.amazonaws.com", "/x"},
           {"s3.us-east-1.amazonaws.com", "/bucket/x"},
           {"acct.blob.core.windows.net", "/c/x"},
           {"storage.googleapis.com", "/b/x"},
           {"www.googleapis.com", "/download/storage/v1/b/bucket/o/x.html"},
           {"www.googleapis.com", "/storage/v1/b/bucket/o/x.html"},
           {"vendor.sharepoint.com", "/:b:/g/x"},
           {"vendor-my.sharepoint.com", "/personal"},
           {"1drv.ms", "/b/s!x"},
           {"www.dropbox.com", "/s/x"},
           {"app.box.com", "/s/x"},
           {"wetransfer.com", "/downloads/x"},
           {"drive.google.com", "/file/d/x"},
           {"docs.google.com", "/document/d/x"},
           {"sites.google.com", "/view/x"},
           {"forms.gle", "/x"},
           {"docsend.com", "/view/x"},
           {"vendor.myclickfunnels.com", "/statement"},
           {"x.clickfunnels.com", "/"},
           {"www.canva.com", "/design/x"},
           {"acme.notion.site", "/x"},
           {"acme.weebly.com", "/"},
           {"acme.wixsite.com", "/x"},
           {"acme.web.app", "/"},
           {"acme.firebaseapp.com", "/"},
           {"x.acme.workers.dev", "/"},
           {"acme.pages.dev", "/"},
           {"ipfs.io", "/ipfs/x"},
           {"x.ipfs.dweb.link", "/"},
           {"cloudflare-ipfs.com", "/ipfs/x"},
           {"x.ipfs.w3s.link", "/"},
           {"x.ipfs.nftstorage.link", "/"},
           {"acme.github.io", "/"},
           {"acme.glitch.me", "/"},
           {"acme.netlify.app", "/"},
           {"acme.vercel.app", "/"},
           {"acme.herokuapp.com", "/"},
           {"acme.000webhostapp.com", "/"},
           {"form.jotform.com", "/x"},
           {"acme.typeform.com", "/to/x"},
           {"mailchimpsites.com", "/x"}}) {
    INFO(host << path);
    CHECK(catalogue.Match(host, path) != nullptr);
  }
  CHECK(catalogue.Match("txu.com", "/") == nullptr);
  CHECK(catalogue.Match("www.google.com", "/search") == nullptr);
  // Google's shared API host serves Cloud Storage only under its paths.
  CHECK(catalogue.Match("www.googleapis.com", "/oauth2/v1/userinfo") == nullptr);
}

// The hosts of the shipped tenant list's section that begins with the
// comment line starting `header`, up to the next blank line.
std::vector<std::string> TenantListSection(std::string_view header) {
  std::string text;
  Status status = ReadDataFile(DefaultTenantPlatformsPath(), "tenant platform list", &text);
  REQUIRE(status.ok());
  std::vector<std::string> hosts;
  bool inside = false;
  std::istringstream lines(text);
  for (std::string line; std::getline(lines, line);) {
    if (line.starts_with(header)) {
      inside = true;
    } else if (inside && line.empty()) {
      break;
    } else if (inside && !line.starts_with("#")) {
      hosts.push_back(line);
    }
  }
  return hosts;
}

TEST_CASE("every object store whose buckets are read as tenants is a platform in the catalogue",
          "[registry]") {
  // A bucket is a tenant (message/link_target.h, data/tenant_platforms.txt)
  // and a place to park a page: the store is a file-share platform too, or
  // FIRST_FILESHARE_DOMAIN would never judge a bucket there.
  const FileShareCatalogue& catalogue = ShippedCatalogue();
  // Every store the tenant list names by host, read from the list itself,
  // so that a store added there and not here fails.
  const std::vector<std::string> stores = TenantListSection("# Object stores and CDNs");
  REQUIRE(stores.size() >= 10);
  for (const std::string& store : stores) {
    const std::string host =
        store.starts_with("*.") ? "bucket.zone1." + store.substr(2) : "bucket." + store;
    INFO(host);
    const Link link = LinkNamedByText("https://" + host + "/c/x.html");
    CHECK(link.private_domain != link.icann_domain);  // the bucket is read
    CHECK(catalogue.Match(link.host, link.path) != nullptr);
  }
  // The stores read in the path or by pattern (message/link_target.cc,
  // message/domain_names.cc), one URL of each form.
  for (std::string_view url :
       {"https://acct.dfs.core.windows.net/fs/x.pdf",
        "https://acct.file.core.windows.net/share/x.pdf",
        "https://acct.z21.blob.storage.azure.net/c/x.html",
        "https://acct.blob.core.usgovcloudapi.net/c/x.html",
        "https://acct.blob.core.chinacloudapi.cn/c/x.html",
        "https://bucket.ewr1.vultrobjects.com/x.html", "https://bucket.s3.fr-par.scw.cloud/x.html",
        "https://bucket.oss-cn-hangzhou.aliyuncs.com/x.html",
        "https://objectstorage.uk-london-1.oraclecloud.com/n/ns1/b/bucket/o/x.html",
        "https://objectstorage.uk-london-1.oraclecloud.com/p/par1/n/ns1/b/bucket/o/x.html",
        "https://ns1.objectstorage.us-ashburn-1.oci.customer-oci.com/n/ns1/b/bucket/o/x.html",
        "https://bucket.nyc3.cdn.digitaloceanspaces.com/x.html",
        "https://bucket.s3.us-west-004.backblazeb2.com/x.html",
        "https://s3.wasabisys.com/bucket/x.html",
        "https://s3.us-south.cloud-object-storage.appdomain.cloud/bucket/x.html"}) {
    INFO(url);
    const Link link = LinkNamedByText(url);
    CHECK(link.private_domain != link.icann_domain);  // the bucket is read
    CHECK(catalogue.Match(link.host, link.path) != nullptr);
  }
  // Oracle Cloud's own pages are no store.
  CHECK(catalogue.Match("console.us-ashburn-1.oraclecloud.com", "/") == nullptr);
  CHECK(catalogue.Match("login.us-ashburn-1.oraclecloud.com", "/oauth2/v1/authorize") == nullptr);
}

}  // namespace
}  // namespace rapport::testing
