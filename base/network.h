#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

// An IPv4 or IPv6 network in CIDR form.
struct Network {
  bool ipv6 = false;
  unsigned char address[16] = {};  // network byte order; IPv4 uses the first 4
  int prefix_length = 0;
};

// Parses "10.0.0.0/8", "192.168.1.5" (a /32), "::1/128" into *out.
// Returns false on anything malformed.
bool ParseNetwork(std::string_view text, Network* out);

// True when the textual IP `ip` (v4 or v6, brackets allowed) lies inside one
// of `networks`; false for an unparsable ip.
bool InNetworks(std::string_view ip, const std::vector<Network>& networks);

// An IP address and TCP port to listen on.
struct ListenAddress {
  bool ipv6 = false;
  unsigned char address[16] = {};  // network byte order; IPv4 uses the first 4
  uint16_t port = 0;
};

// Parses "127.0.0.1:9894" or "[::1]:9894" (a literal address, brackets
// required around IPv6, and a port 1 to 65535) into *out. Returns false on
// anything else, host names included: nothing is resolved.
bool ParseListenAddress(std::string_view text, ListenAddress* out);

}  // namespace rapport
