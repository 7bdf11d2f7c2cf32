#include "message/link_target.h"

#include <cstring>

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

// One IPv4 part as a browser reads it: decimal, 0x-hex or 0-octal.
bool IsIpv4Number(std::string_view part) {
  if (part.empty()) return false;
  if (part.size() > 2 && part[0] == '0' && (part[1] == 'x' || part[1] == 'X')) {
    for (char c : part.substr(2)) {
      if (!IsAsciiHexDigit(c)) return false;
    }
    return true;
  }
  for (char c : part) {
    if (!IsAsciiDigit(c)) return false;
  }
  return true;
}

// "1.2.3.4", "3232235777", "0xC0A80001", "0300.0250.1.1": up to four
// numeric parts, which browsers resolve as an IPv4 address.
bool IsIpv4Literal(std::string_view host) {
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  int parts = 0;
  size_t start = 0;
  while (true) {
    size_t dot = host.find('.', start);
    std::string_view part =
        host.substr(start, dot == std::string_view::npos ? host.npos : dot - start);
    if (!IsIpv4Number(part) || ++parts > 4) return false;
    if (dot == std::string_view::npos) return true;
    start = dot + 1;
  }
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

}  // namespace

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
  link->has_credentials = authority.has_userinfo && !authority.userinfo.empty();

  std::string host = PercentDecode(authority.host);
  if (host.size() >= 2 && host.front() == '[' && host.back() == ']') {
    link->host_is_ip_literal = true;
    for (char c : host) link->host.push_back(AsciiLower(c));
  } else if (IsIpv4Literal(host)) {
    link->host_is_ip_literal = true;
    for (char c : host) link->host.push_back(AsciiLower(c));
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
}

std::string HostNamedByText(std::string_view text) {
  text = TrimAsciiSpace(text);
  while (!text.empty() && text.back() == '.') text.remove_suffix(1);
  if (text.empty() || text.size() > 2048) return std::string();
  for (char c : text) {
    if (IsAsciiSpace(c)) return std::string();
  }

  Link probe;
  probe.url = std::string(text);
  if (SchemeLength(text) == 0 && text.substr(0, 2) != "//" && !StartsWithNoCase(text, "www.")) {
    // A bare domain: "paypal.com" or "paypal.com/login", never an address.
    if (text.find('@') != std::string_view::npos) return std::string();
    probe.url = "//" + probe.url;
  }
  DescribeLinkTarget(&probe);
  if (probe.host.empty()) return std::string();
  if (!probe.host_is_ip_literal && !HasKnownTopLevelDomain(probe.host)) return std::string();
  return probe.host;
}

}  // namespace rapport
