#include "message/link_target.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstdint>
#include <cstring>
#include <iterator>
#include <utility>

#include "message/ascii.h"
#include "message/domain_names.h"

namespace rapport {

namespace {

constexpr size_t kMaxUrlLength = 8192;

int HexValue(char c) {
  if (IsAsciiDigit(c)) return c - '0';
  return AsciiLower(c) - 'a' + 10;
}

// Browsers drop tabs and newlines anywhere in a URL and read '\' as '/'.
std::string CleanUrl(std::string_view url) {
  std::string out;
  out.reserve(std::min(url.size(), kMaxUrlLength));
  for (char c : url.substr(0, kMaxUrlLength)) {
    if (c == '\t' || c == '\n' || c == '\r') continue;
    out.push_back(c == '\\' ? '/' : c);
  }
  return out;
}

// Length of a "scheme:" prefix, 0 when there is none.
size_t SchemeLength(std::string_view url) {
  if (url.empty() || !IsAsciiAlpha(url[0])) return 0;
  for (size_t i = 1; i < url.size(); ++i) {
    char c = url[i];
    if (c == ':') return i;
    if (!IsAsciiAlpha(c) && !IsAsciiDigit(c) && c != '+' && c != '-' && c != '.') return 0;
  }
  return 0;
}

// One IPv4 part as a browser reads it: decimal, 0x-hex or 0-octal. False
// when it is not a number; *value saturates instead of overflowing.
bool ParseIpv4Number(std::string_view part, uint64_t* value) {
  if (part.empty()) return false;
  int base = 10;
  if (part.size() >= 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    base = 16;
    part.remove_prefix(2);
  } else if (part.size() >= 2 && part[0] == '0') {
    base = 8;
    part.remove_prefix(1);
  }
  *value = 0;
  for (char c : part) {
    int digit = IsAsciiDigit(c) ? c - '0' : IsAsciiHexDigit(c) ? HexValue(c) : 99;
    if (digit >= base) return false;
    if (*value < (uint64_t{1} << 40)) *value = *value * base + digit;
  }
  return true;
}

// True when `host` is an IPv4 address as browsers read one: "1.2.3.4",
// "3232235777", "0xC0.0xA8.1.1", "0300.0250.1.1" (one to four numeric
// parts). *canonical gets the dotted-quad form, or the host as written when
// a part is out of range.
bool ParseIpv4Literal(std::string_view host, std::string* canonical) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  uint64_t parts[4];
  size_t count = 0;
  size_t start = 0;
  while (true) {
    size_t dot = host.find('.', start);
    std::string_view part =
        host.substr(start, dot == std::string_view::npos ? host.npos : dot - start);
    if (count == 4 || !ParseIpv4Number(part, &parts[count])) return false;
    ++count;
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  // The last part fills all the bytes the earlier parts leave.
  uint64_t address = 0;
  bool in_range = parts[count - 1] < (uint64_t{1} << (8 * (5 - count)));
  for (size_t i = 0; i + 1 < count; ++i) {
    in_range &= parts[i] <= 255;
    address |= parts[i] << (8 * (3 - i));
  }
  if (!in_range) {
    *canonical = AsciiLowered(host);
    return true;
  }
  address |= parts[count - 1];
  *canonical = std::to_string(address >> 24) + "." + std::to_string((address >> 16) & 255) + "." +
               std::to_string((address >> 8) & 255) + "." + std::to_string(address & 255);
  return true;
}

// "[2001:DB8:0::1]" -> "[2001:db8::1]"; empty when the brackets hold no
// IPv6 address (a browser refuses such a URL, and its bytes, which can be
// anything, must not become a host or a registrable domain).
std::string CanonicalIpv6Literal(std::string_view bracketed) {
  std::string inner(bracketed.substr(1, bracketed.size() - 2));
  unsigned char address[16];
  char text[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET6, inner.c_str(), address) != 1 ||
      inet_ntop(AF_INET6, address, text, sizeof text) == nullptr) {
    return std::string();
  }
  return "[" + std::string(text) + "]";
}

// The parts of a URL's authority.
struct Authority {
  std::string_view userinfo;
  std::string_view host;
  bool has_userinfo = false;
};

Authority SplitAuthority(std::string_view authority) {
  Authority out;
  size_t at = authority.rfind('@');
  if (at != std::string_view::npos) {
    out.userinfo = authority.substr(0, at);
    out.has_userinfo = true;
    authority = authority.substr(at + 1);
  }
  if (!authority.empty() && authority[0] == '[') {
    size_t close = authority.find(']');
    out.host = authority.substr(0, close == std::string_view::npos ? authority.npos : close + 1);
    return out;
  }
  size_t colon = authority.find(':');
  out.host = authority.substr(0, colon);
  return out;
}

// Whether `label` can be one DNS label naming a bucket or site: 1 to 63
// lower-case letters, digits and hyphens.
bool IsTenantLabel(std::string_view label) {
  if (label.empty() || label.size() > 63) return false;
  for (char c : label) {
    if (!IsAsciiDigit(c) && !(c >= 'a' && c <= 'z') && c != '-') return false;
  }
  return true;
}

// The first segment of `path` after `prefix` ("/v0/b/"), lower-cased; empty
// when the path does not start with the prefix.
std::string PathSegmentAfter(std::string_view path, std::string_view prefix) {
  if (path.substr(0, prefix.size()) != prefix) return std::string();
  path.remove_prefix(prefix.size());
  std::string segment;
  for (char c : path.substr(0, path.find_first_of("/?#"))) segment.push_back(AsciiLower(c));
  return segment;
}

// The first label of `host` and the rest after its dot ("nyc3",
// "digitaloceanspaces.com"); the rest is empty for a single label.
std::pair<std::string_view, std::string_view> SplitFirstLabel(std::string_view host) {
  const size_t dot = host.find('.');
  if (dot == std::string_view::npos) return {host, std::string_view()};
  return {host.substr(0, dot), host.substr(dot + 1)};
}

// A bucket's or site's name as the path gives it, or empty when it cannot
// be one DNS label (IsTenantLabel).
std::string TenantOrEmpty(std::string tenant) {
  return IsTenantLabel(tenant) ? tenant : std::string();
}

// Oracle Object Storage names a bucket within its namespace in every path
// ("/n/NAMESPACE/b/BUCKET/o/OBJECT"), behind "/p/PAR" for a
// pre-authenticated request. Sets *ns and returns the bucket, or empty.
std::string OracleBucket(std::string_view path, std::string* ns) {
  if (path.substr(0, 3) == "/p/") {
    const size_t end = path.find('/', 3);
    if (end == std::string_view::npos) return std::string();
    path.remove_prefix(end);
  }
  *ns = TenantOrEmpty(PathSegmentAfter(path, "/n/"));
  if (ns->empty()) return std::string();
  return TenantOrEmpty(PathSegmentAfter(path.substr(3 + ns->size()), "/b/"));
}

// Workday serves every customer of a data centre from one host and names
// the customer (its tenant) first in the path, or after "/wday/authgwy/"
// on the sign-in gateway; "wday" itself is Workday's, never a tenant.
std::string WorkdayTenant(std::string_view path) {
  std::string tenant = PathSegmentAfter(path, "/");
  if (tenant != "wday") return tenant;
  return PathSegmentAfter(path, "/wday/authgwy/");
}

// The stores and sites that name the tenant in the path rather than in the
// host, and the private domain the tenant would have as a subdomain there
// (its name, then the host); empty when `host` is none of them or the path
// names no tenant:
// - a bucket addressed path-style on an S3 bucket endpoint
//   (IsS3BucketEndpoint: Amazon S3 in every region, dualstack included, and
//   the stores that copied it, Backblaze B2, Wasabi, Scaleway, IBM;
//   "s3.us-east-2.amazonaws.com/BUCKET/...") or on a region of DigitalOcean
//   Spaces, Linode or Vultr ("nyc3.digitaloceanspaces.com/BUCKET/...");
// - Google Cloud Storage: "storage.googleapis.com/BUCKET/...",
//   "storage.cloud.google.com/BUCKET/...", and its JSON API,
//   "/storage/v1/b/BUCKET/", "/download/storage/v1/b/BUCKET/" or
//   "/upload/storage/v1/b/BUCKET/" on storage.googleapis.com or
//   www.googleapis.com (either way "BUCKET.storage.googleapis.com", the
//   bucket's own host, so that one bucket is one owner in every form);
// - a Firebase Storage bucket, "firebasestorage.googleapis.com/v0/b/
//   PROJECT.appspot.com/o/..." (the project);
// - Backblaze B2's download hosts, "f002.backblazeb2.com/file/BUCKET/...";
// - Oracle Object Storage, "objectstorage.REGION.oraclecloud.com/n/NS/b/
//   BUCKET/o/..." (OracleBucket; a bucket is named within its namespace, so
//   it is "BUCKET.NS.objectstorage..."), its per-namespace hosts
//   "NS.objectstorage.REGION.oci.customer-oci.com" and its S3-compatible
//   "NS.compat.objectstorage.REGION.oraclecloud.com/BUCKET/";
// - a Google Site, "sites.google.com/view/NAME" or "/site/NAME";
// - a Workday tenant on its data centre's host, "wd5.myworkday.com/TENANT/
//   d/home.htm", or behind the sign-in gateway, "/wday/authgwy/TENANT/"
//   (WorkdayTenant).
// `private_domain` is PrivateRegistrableDomain(host), already read for the
// link: a regional endpoint that is its own private domain is the store's.
std::string PathStyleTenantDomain(std::string_view host, std::string_view path,
                                  std::string_view private_domain) {
  static constexpr std::string_view kGcsJsonPrefixes[] = {
      "/storage/v1/b/", "/download/storage/v1/b/", "/upload/storage/v1/b/"};
  static constexpr std::string_view kRegionalStores[] = {"digitaloceanspaces.com",
                                                         "linodeobjects.com", "vultrobjects.com"};
  const auto [first_label, parent] = SplitFirstLabel(host);
  const auto under = [&host](std::string_view domain) {
    return host.size() > domain.size() && host.ends_with(domain) &&
           host[host.size() - domain.size() - 1] == '.';
  };
  std::string tenant;
  if (host == "storage.googleapis.com" || host == "www.googleapis.com") {
    const bool storage_host = host == "storage.googleapis.com";
    // One bucket is one owner in every form: its own host.
    host = "storage.googleapis.com";
    for (std::string_view prefix : kGcsJsonPrefixes) {
      if (tenant.empty()) tenant = PathSegmentAfter(path, prefix);
    }
    // The API's other paths name no bucket.
    const std::string first = PathSegmentAfter(path, "/");
    if (tenant.empty() && storage_host && first != "storage" && first != "download" &&
        first != "upload" && first != "batch") {
      tenant = first;
    }
  } else if (host == "storage.cloud.google.com" || IsS3BucketEndpoint(host)) {
    tenant = PathSegmentAfter(path, "/");
  } else if (private_domain == host &&
             std::find(std::begin(kRegionalStores), std::end(kRegionalStores), parent) !=
                 std::end(kRegionalStores)) {
    tenant = PathSegmentAfter(path, "/");
  } else if (host == "firebasestorage.googleapis.com") {
    tenant = PathSegmentAfter(path, "/v0/b/");
    tenant = tenant.substr(0, tenant.find('.'));
  } else if (parent == "backblazeb2.com" && first_label.starts_with("f")) {
    tenant = PathSegmentAfter(path, "/file/");
  } else if (under("oraclecloud.com") || under("oci.customer-oci.com")) {
    if (host.find(".compat.objectstorage.") != std::string_view::npos) {
      tenant = PathSegmentAfter(path, "/");
    } else if (host.starts_with("objectstorage.") ||
               host.find(".objectstorage.") != std::string_view::npos) {
      std::string ns;
      tenant = OracleBucket(path, &ns);
      if (tenant.empty()) return std::string();
      // The per-namespace host carries the namespace already.
      return host.starts_with(ns + ".") ? tenant + "." + std::string(host)
                                        : tenant + "." + ns + "." + std::string(host);
    }
  } else if (host == "sites.google.com") {
    tenant = PathSegmentAfter(path, "/view/");
    if (tenant.empty()) tenant = PathSegmentAfter(path, "/site/");
  } else if (parent == "myworkday.com" && first_label.starts_with("wd")) {
    tenant = WorkdayTenant(path);
  }
  tenant = TenantOrEmpty(std::move(tenant));
  return tenant.empty() ? std::string() : tenant + "." + std::string(host);
}

}  // namespace

std::string PercentDecode(std::string_view s) {
  std::string out;
  out.reserve(s.size());
  for (size_t i = 0; i < s.size(); ++i) {
    if (s[i] == '%' && i + 2 < s.size() && IsAsciiHexDigit(s[i + 1]) && IsAsciiHexDigit(s[i + 2])) {
      out.push_back(static_cast<char>(HexValue(s[i + 1]) * 16 + HexValue(s[i + 2])));
      i += 2;
    } else {
      out.push_back(s[i]);
    }
  }
  return out;
}

void DescribeLinkTarget(Link* link) {
  const std::string url = CleanUrl(link->url);
  std::string_view rest(url);
  while (!rest.empty() && (rest.front() == ' ' || rest.front() == '\f')) rest.remove_prefix(1);

  size_t scheme_length = SchemeLength(rest);
  if (scheme_length > 0) {
    link->scheme.clear();
    for (char c : rest.substr(0, scheme_length)) link->scheme.push_back(AsciiLower(c));
    rest.remove_prefix(scheme_length + 1);
  }
  bool http_like = link->scheme == "http" || link->scheme == "https";
  bool has_authority = false;
  if (rest.substr(0, 2) == "//") {
    has_authority = true;
    rest.remove_prefix(2);
    // Browsers accept any number of slashes after http: and https:.
    while (http_like && !rest.empty() && rest.front() == '/') rest.remove_prefix(1);
  } else if (http_like || (link->scheme.empty() && StartsWithNoCase(rest, "www."))) {
    has_authority = true;
  }
  if (!has_authority) {
    link->path = std::string(rest);
    return;
  }

  size_t end = rest.find_first_of("/?#");
  Authority authority = SplitAuthority(rest.substr(0, end));
  link->path = end == std::string_view::npos ? std::string() : std::string(rest.substr(end));
  link->userinfo = std::string(authority.userinfo);
  link->has_credentials = authority.has_userinfo && !authority.userinfo.empty();

  std::string host = PercentDecode(authority.host);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    link->host = CanonicalIpv6Literal(host);
    if (link->host.empty()) return;
    link->host_is_ip_literal = true;
  } else if (ParseIpv4Literal(host, &link->host)) {
    link->host_is_ip_literal = true;
  } else if (!NormaliseHost(host, &link->host, &link->host_unicode)) {
    return;
  }
  if (link->host_is_ip_literal) {
    // An address has no registrable domain; it stands for itself.
    link->host_unicode = link->host;
    link->icann_domain = link->host;
    link->private_domain = link->host;
    return;
  }
  link->host_has_punycode = HasPunycodeLabel(link->host);
  link->icann_domain = IcannRegistrableDomain(link->host);
  link->private_domain = PrivateRegistrableDomain(link->host);
  std::string tenant_domain = PathStyleTenantDomain(link->host, link->path, link->private_domain);
  if (!tenant_domain.empty()) link->private_domain = std::move(tenant_domain);
}

std::string_view TenantName(const Link& link) {
  if (link.private_domain.empty() || link.private_domain == link.icann_domain ||
      IsServiceSite(link.private_domain)) {
    return {};
  }
  const std::string_view tenant = link.private_domain;
  return tenant.substr(0, tenant.find('.'));
}

std::string TenantNameWithoutHyphens(std::string_view name) {
  if (name.find('-') == std::string_view::npos) return "";
  std::string unhyphenated(name);
  std::erase(unhyphenated, '-');
  return unhyphenated;
}

bool IsListedHostName(std::string_view host) {
  return !host.empty() && host.front() != '.' && host.back() != '.' &&
         std::all_of(host.begin(), host.end(), [](char c) {
           return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' ||
                  c == '_';
         });
}

bool HostIsOrIsUnder(std::string_view host, std::string_view entry_host) {
  if (host.size() < entry_host.size()) return false;
  if (host.substr(host.size() - entry_host.size()) != entry_host) return false;
  return host.size() == entry_host.size() || host[host.size() - entry_host.size() - 1] == '.';
}

bool PathIsUnder(std::string_view path, std::string_view prefix) {
  if (prefix.empty()) return true;
  if (path.substr(0, prefix.size()) != prefix) return false;
  if (path.size() == prefix.size()) return true;
  char next = path[prefix.size()];
  return next == '/' || next == '?' || next == '#' || next == ';';
}

Link LinkNamedByText(std::string_view text) {
  Link link;
  const bool bare = SchemeLength(text) == 0 && text.substr(0, 2) != "//";
  link.url = bare ? "//" + std::string(text) : std::string(text);
  DescribeLinkTarget(&link);
  link.url = std::string(text);
  return link;
}

std::string DecodedPath(const Link& link) {
  return PercentDecode(std::string_view(link.path).substr(0, link.path.find_first_of("?#")));
}

std::string HostNamedByText(std::string_view text) {
  text = TrimAsciiSpace(text);
  while (!text.empty() && text.back() == '.') text.remove_suffix(1);
  if (text.empty() || text.size() > 2048) return std::string();
  for (char c : text) {
    if (IsAsciiSpace(c)) return std::string();
  }

  // A bare domain: "paypal.com" or "paypal.com/login", never an address.
  if (SchemeLength(text) == 0 && text.substr(0, 2) != "//" && !StartsWithNoCase(text, "www.") &&
      text.find('@') != std::string_view::npos) {
    return std::string();
  }
  const Link probe = LinkNamedByText(text);
  if (probe.host.empty()) return std::string();
  if (!probe.host_is_ip_literal && !HasKnownTopLevelDomain(probe.host)) return std::string();
  return probe.host;
}

}  // namespace rapport
