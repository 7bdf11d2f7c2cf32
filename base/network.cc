#include "base/network.h"

#include <arpa/inet.h>

#include <cstring>
#include <string>

namespace rapport {

namespace {

// Longest textual form accepted for an address: a full IPv6 address with an
// embedded IPv4 tail is 45 characters.
constexpr size_t kMaxAddressText = 64;

// Parses a bare IPv4 or IPv6 address (brackets around IPv6 allowed) into the
// first 4 or 16 bytes of `bytes`. inet_pton needs a NUL-terminated copy.
bool ParseAddress(std::string_view text, bool* ipv6, unsigned char bytes[16]) {
  if (text.size() >= 2 && text.front() == '[' && text.back() == ']') {
    text = text.substr(1, text.size() - 2);
  }
  if (text.empty() || text.size() > kMaxAddressText) return false;
  std::string copy(text);
  std::memset(bytes, 0, 16);
  if (inet_pton(AF_INET, copy.c_str(), bytes) == 1) {
    *ipv6 = false;
    return true;
  }
  if (inet_pton(AF_INET6, copy.c_str(), bytes) == 1) {
    *ipv6 = true;
    return true;
  }
  return false;
}

bool ParsePrefixLength(std::string_view text, int max, int* out) {
  if (text.empty() || text.size() > 3) return false;
  int value = 0;
  for (char c : text) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + (c - '0');
  }
  if (value > max) return false;
  *out = value;
  return true;
}

bool PrefixMatches(const unsigned char* a, const unsigned char* b, int prefix_length) {
  int full_bytes = prefix_length / 8;
  if (std::memcmp(a, b, full_bytes) != 0) return false;
  int rest = prefix_length % 8;
  if (rest == 0) return true;
  unsigned char mask = static_cast<unsigned char>(0xff << (8 - rest));
  return (a[full_bytes] & mask) == (b[full_bytes] & mask);
}

}  // namespace

bool ParseNetwork(std::string_view text, Network* out) {
  Network network;
  std::string_view address = text;
  std::string_view prefix;
  size_t slash = text.find('/');
  if (slash != std::string_view::npos) {
    address = text.substr(0, slash);
    prefix = text.substr(slash + 1);
  }
  if (!ParseAddress(address, &network.ipv6, network.address)) return false;
  int max = network.ipv6 ? 128 : 32;
  network.prefix_length = max;
  if (slash != std::string_view::npos && !ParsePrefixLength(prefix, max, &network.prefix_length)) {
    return false;
  }
  *out = network;
  return true;
}

bool ParseListenAddress(std::string_view text, ListenAddress* out) {
  const size_t colon = text.rfind(':');
  if (colon == std::string_view::npos) return false;
  const std::string_view host = text.substr(0, colon);
  const std::string_view port = text.substr(colon + 1);
  const bool bracketed = !host.empty() && host.front() == '[';
  ListenAddress address;
  if (!ParseAddress(host, &address.ipv6, address.address)) return false;
  if (address.ipv6 != bracketed) return false;  // "::1:80" is ambiguous; "[1.2.3.4]" is not IPv4
  if (port.empty() || port.size() > 5) return false;
  unsigned value = 0;
  for (char c : port) {
    if (c < '0' || c > '9') return false;
    value = value * 10 + static_cast<unsigned>(c - '0');
  }
  if (value == 0 || value > 65535) return false;
  address.port = static_cast<uint16_t>(value);
  *out = address;
  return true;
}

bool InNetworks(std::string_view ip, const std::vector<Network>& networks) {
  bool ipv6 = false;
  unsigned char bytes[16];
  if (!ParseAddress(ip, &ipv6, bytes)) return false;
  // A v4 client seen through a dual-stack socket arrives as ::ffff:a.b.c.d;
  // it must match the IPv4 networks an operator wrote.
  static constexpr unsigned char kV4Mapped[12] = {0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0xff, 0xff};
  if (ipv6 && std::memcmp(bytes, kV4Mapped, sizeof(kV4Mapped)) == 0) {
    std::memmove(bytes, bytes + 12, 4);
    std::memset(bytes + 4, 0, 12);
    ipv6 = false;
  }
  for (const Network& network : networks) {
    if (network.ipv6 == ipv6 && PrefixMatches(bytes, network.address, network.prefix_length)) {
      return true;
    }
  }
  return false;
}

}  // namespace rapport
