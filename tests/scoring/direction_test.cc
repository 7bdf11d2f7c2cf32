#include "scoring/direction.h"

#include <catch2/catch.hpp>

#include "base/network.h"
#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

std::vector<Network> Networks(std::initializer_list<std::string_view> texts) {
  std::vector<Network> networks;
  for (std::string_view text : texts) {
    Network network;
    REQUIRE(ParseNetwork(text, &network));
    networks.push_back(network);
  }
  return networks;
}

TEST_CASE("ParseNetwork accepts CIDR and bare addresses and rejects junk", "[direction]") {
  Network n;
  REQUIRE(ParseNetwork("10.0.0.0/8", &n));
  CHECK_FALSE(n.ipv6);
  CHECK(n.prefix_length == 8);
  REQUIRE(ParseNetwork("192.168.1.5", &n));
  CHECK(n.prefix_length == 32);
  REQUIRE(ParseNetwork("2001:db8::/32", &n));
  CHECK(n.ipv6);
  CHECK(n.prefix_length == 32);
  for (std::string_view bad : {"", "10.0.0.0/33", "::1/129", "10.0.0/8", "example.com", "10.0.0.0/",
                               "10.0.0.0/-1", "10.0.0.0/8x"}) {
    CHECK_FALSE(ParseNetwork(bad, &n));
  }
}

TEST_CASE("InNetworks matches by prefix, v4-mapped v6 and brackets", "[direction]") {
  auto networks = Networks({"10.0.0.0/8", "192.168.1.0/25", "2001:db8::/32"});
  CHECK(InNetworks("10.200.3.4", networks));
  CHECK(InNetworks("192.168.1.127", networks));
  CHECK_FALSE(InNetworks("192.168.1.128", networks));
  CHECK(InNetworks("::ffff:10.1.2.3", networks));
  CHECK(InNetworks("[2001:db8:1::5]", networks));
  CHECK_FALSE(InNetworks("2001:db9::1", networks));
  CHECK_FALSE(InNetworks("not an ip", networks));
  CHECK_FALSE(InNetworks("", networks));
}

TEST_CASE("IsLocalDomain takes the domain and its subdomains only", "[direction]") {
  std::vector<std::string> local = {"enron.com"};
  CHECK(IsLocalDomain("enron.com", local));
  CHECK(IsLocalDomain("ect.enron.com", local));
  CHECK_FALSE(IsLocalDomain("notenron.com", local));
  CHECK_FALSE(IsLocalDomain("enron.com.evil.net", local));
  CHECK_FALSE(IsLocalDomain("", local));
}

TEST_CASE("GatewayDirection: SASL or internal network with a local sender is outbound",
          "[direction]") {
  std::vector<std::string> local = {"enron.com"};
  auto internal = Networks({"10.0.0.0/8"});
  Message m = MailFrom(Address("sally.beck@enron.com"), {"a@txu.com"});
  m.envelope.client_ip = "203.0.113.9";
  CHECK(GatewayDirection(m, local, internal) == Direction::kInbound);  // local claim from outside
  m.envelope.client_ip = "10.1.1.1";
  CHECK(GatewayDirection(m, local, internal) == Direction::kOutbound);
  m.from = Address("a@txu.com");
  CHECK(GatewayDirection(m, local, internal) == Direction::kInbound);  // relay of external mail
  m.envelope.client_ip = "203.0.113.9";
  m.envelope.sasl_user = "roaming";
  CHECK(GatewayDirection(m, local, internal) == Direction::kOutbound);
}

TEST_CASE("ArchiveDirection follows the From domain", "[direction]") {
  std::vector<std::string> local = {"enron.com"};
  CHECK(ArchiveDirection(MailFrom(Address("x@ect.enron.com"), {}), local) == Direction::kOutbound);
  CHECK(ArchiveDirection(MailFrom(Address("x@txu.com"), {}), local) == Direction::kInbound);
  CHECK(ArchiveDirection(Message{}, local) == Direction::kInbound);
}

TEST_CASE("EffectiveRecipients: envelope, then Delivered-To, then headers, de-duplicated",
          "[direction]") {
  Message m = MailFrom(Address("a@txu.com"), {"b@enron.com", "c@enron.com"});
  m.cc.push_back(Address("b@enron.com"));
  m.bcc.push_back(Address("d@enron.com"));
  CHECK(EffectiveRecipients(m) ==
        std::vector<std::string>{"b@enron.com", "c@enron.com", "d@enron.com"});
  m.delivered_to = {"e@enron.com", "e@enron.com"};
  CHECK(EffectiveRecipients(m) == std::vector<std::string>{"e@enron.com"});
  m.envelope.rcpt_to = {"f@enron.com", "g@enron.com"};
  CHECK(EffectiveRecipients(m) == std::vector<std::string>{"f@enron.com", "g@enron.com"});
}

}  // namespace
}  // namespace rapport::testing
