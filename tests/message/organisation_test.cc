#include "message/organisation.h"

#include <catch2/catch.hpp>

#include "base/network.h"

namespace rapport {
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

MailAddress Address(std::string_view address) {
  MailAddress a;
  a.address = std::string(address);
  a.domain = std::string(address.substr(address.find('@') + 1));
  return a;
}

Message MailFrom(std::string_view from, const std::vector<std::string>& to) {
  Message m;
  m.from = Address(from);
  for (const std::string& r : to) m.to.push_back(Address(r));
  return m;
}

TEST_CASE("ParseNetwork accepts CIDR and bare addresses and rejects junk", "[organisation]") {
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

TEST_CASE("InNetworks matches by prefix, v4-mapped v6 and brackets", "[organisation]") {
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

TEST_CASE("IsLocalDomain takes the domain and its subdomains only", "[organisation]") {
  std::vector<std::string> local = {"enron.com"};
  CHECK(IsLocalDomain("enron.com", local));
  CHECK(IsLocalDomain("ect.enron.com", local));
  CHECK_FALSE(IsLocalDomain("notenron.com", local));
  CHECK_FALSE(IsLocalDomain("enron.com.evil.net", local));
  CHECK_FALSE(IsLocalDomain("enron.co", local));
  CHECK_FALSE(IsLocalDomain("", local));
  CHECK_FALSE(IsLocalDomain("enron.com", {}));
  CHECK_FALSE(IsLocalDomain("enron.com", {""}));
}

TEST_CASE("IsLocalDomain ignores ASCII case and a trailing dot on either side", "[organisation]") {
  std::vector<std::string> local = {"enron.com"};
  CHECK(IsLocalDomain("ENRON.COM", local));
  CHECK(IsLocalDomain("Ect.Enron.Com", local));
  CHECK(IsLocalDomain("enron.com.", local));
  CHECK_FALSE(IsLocalDomain("NotEnron.com", local));
  std::vector<std::string> configured_upper = {"Enron.COM."};
  CHECK(IsLocalDomain("enron.com", configured_upper));
  CHECK(IsLocalDomain("hou.ect.enron.com", configured_upper));
  CHECK_FALSE(IsLocalDomain("xenron.com", configured_upper));
}

TEST_CASE("IsLocalAddress and AnyLocalAddress read the domain after the last @", "[organisation]") {
  std::vector<std::string> local = {"enron.com"};
  CHECK(IsLocalAddress("Sally.Beck@ENRON.com", local));
  CHECK(IsLocalAddress("\"a@b\"@ect.enron.com", local));
  CHECK_FALSE(IsLocalAddress("enron.com@txu.com", local));
  CHECK_FALSE(IsLocalAddress("enron.com", local));  // no address at all
  CHECK_FALSE(IsLocalAddress("", local));
  CHECK(AnyLocalAddress({"a@txu.com", "B@Enron.Com"}, local));
  CHECK_FALSE(AnyLocalAddress({"a@txu.com"}, local));
  CHECK_FALSE(AnyLocalAddress({}, local));
}

TEST_CASE("GatewayDirection: SASL or internal network with a local sender is outbound",
          "[organisation]") {
  std::vector<std::string> local = {"enron.com"};
  auto internal = Networks({"10.0.0.0/8"});
  Message m = MailFrom("sally.beck@enron.com", {"a@txu.com"});
  m.envelope.client_ip = "203.0.113.9";
  CHECK(GatewayDirection(m, local, internal) == Direction::kInbound);  // local claim from outside
  m.envelope.client_ip = "10.1.1.1";
  CHECK(GatewayDirection(m, local, internal) == Direction::kOutbound);
  m.from = Address("sally.beck@ECT.Enron.com");  // the same sender, another spelling
  CHECK(GatewayDirection(m, local, internal) == Direction::kOutbound);
  m.from = Address("a@txu.com");
  CHECK(GatewayDirection(m, local, internal) == Direction::kInbound);  // relay of external mail
  m.envelope.client_ip = "203.0.113.9";
  m.envelope.sasl_user = "roaming";
  CHECK(GatewayDirection(m, local, internal) == Direction::kOutbound);
}

TEST_CASE("ArchiveDirection follows the From domain, in any case", "[organisation]") {
  std::vector<std::string> local = {"enron.com"};
  CHECK(ArchiveDirection(MailFrom("x@ect.enron.com", {}), local) == Direction::kOutbound);
  CHECK(ArchiveDirection(MailFrom("x@ECT.ENRON.COM", {}), local) == Direction::kOutbound);
  CHECK(ArchiveDirection(MailFrom("x@txu.com", {}), local) == Direction::kInbound);
  CHECK(ArchiveDirection(Message{}, local) == Direction::kInbound);
}

TEST_CASE("IsInternalMail: outbound, a local From and at least one local recipient",
          "[organisation]") {
  std::vector<std::string> local = {"enron.com"};
  CHECK(IsInternalMail(Direction::kOutbound, "enron.com", {"a@txu.com", "b@ect.enron.com"}, local));
  CHECK(IsInternalMail(Direction::kOutbound, "ECT.enron.com", {"B@ENRON.COM"}, local));
  CHECK_FALSE(IsInternalMail(Direction::kOutbound, "enron.com", {"a@txu.com"}, local));
  CHECK_FALSE(IsInternalMail(Direction::kOutbound, "enron.com", {}, local));
  // SASL users may relay another domain's mail: not the organisation's account.
  CHECK_FALSE(IsInternalMail(Direction::kOutbound, "txu.com", {"b@enron.com"}, local));
  CHECK_FALSE(IsInternalMail(Direction::kInbound, "enron.com", {"b@enron.com"}, local));
}

TEST_CASE("EffectiveRecipients: envelope, then Delivered-To, then headers, de-duplicated",
          "[organisation]") {
  Message m = MailFrom("a@txu.com", {"b@enron.com", "c@enron.com"});
  m.cc.push_back(Address("b@enron.com"));
  m.bcc.push_back(Address("d@enron.com"));
  CHECK(EffectiveRecipients(m, {"enron.com"}) ==
        std::vector<std::string>{"b@enron.com", "c@enron.com", "d@enron.com"});
  m.delivered_to = {"e@enron.com", "e@enron.com"};
  CHECK(EffectiveRecipients(m, {"enron.com"}) == std::vector<std::string>{"e@enron.com"});
  m.envelope.rcpt_to = {"f@enron.com", "g@enron.com"};
  CHECK(EffectiveRecipients(m, {"enron.com"}) ==
        std::vector<std::string>{"f@enron.com", "g@enron.com"});
}

TEST_CASE("SameLocalMailbox: one local part, or it with a sub-address extension, at local domains",
          "[organisation]") {
  std::vector<std::string> local = {"example.com", "netnoteinc.com"};
  CHECK(SameLocalMailbox("ann@example.com", "ann@localhost.netnoteinc.com", local));
  CHECK(SameLocalMailbox("ann-use-perl@example.com", "ann@localhost.netnoteinc.com", local));
  CHECK(SameLocalMailbox("ann+blogged@example.com", "ann@example.com", local));
  CHECK_FALSE(SameLocalMailbox("anne@example.com", "ann@example.com", local));  // no delimiter
  CHECK_FALSE(SameLocalMailbox("ann-@example.com", "ann@example.com", local));  // no extension
  CHECK_FALSE(SameLocalMailbox("info@example.com", "ann@example.com", local));
  CHECK_FALSE(SameLocalMailbox("ann@attacker.example", "ann@example.com", local));  // not local
  CHECK_FALSE(SameLocalMailbox("ann@example.com", "ann@attacker.example", local));
}

TEST_CASE("EffectiveRecipients: a Delivered-To mailbox stands for its address in To/Cc",
          "[organisation]") {
  std::vector<std::string> local = {"example.com", "netnoteinc.com"};
  // A list writes to the owner's sub-address; fetchmail delivers to the mailbox.
  Message list = MailFrom("pudge@perl.example", {"ann-use-perl@example.com"});
  list.delivered_to = {"ann@localhost.netnoteinc.com"};
  CHECK(EffectiveRecipients(list, local) == std::vector<std::string>{"ann-use-perl@example.com"});
  // A blind copy stays one: To names the sender, another colleague, or no one local.
  for (const std::string to : {"attacker@evil.example", "info@example.com", "ann@evil.example"}) {
    Message blind = MailFrom("attacker@evil.example", {to});
    blind.delivered_to = {"ann@example.com"};
    CHECK(EffectiveRecipients(blind, local) == std::vector<std::string>{"ann@example.com"});
  }
  // The envelope, when known (the milter), is what the gateway saw.
  list.envelope.rcpt_to = {"ann@example.com"};
  CHECK(EffectiveRecipients(list, local) == std::vector<std::string>{"ann@example.com"});
}

TEST_CASE(
    "DeliveredToMailbox: a mailbox's archive reached its owner where no header names a "
    "local address",
    "[organisation]") {
  const std::vector<std::string> local = {"enron.com"};
  const std::string owner = "daren.farmer@enron.com";
  // List mail written to the list's address: the owner is its RCPT TO.
  Message list = MailFrom("ann@halliburton.com", {"brcc.yf@topica.com"});
  DeliveredToMailbox(owner, local, &list);
  CHECK(EffectiveRecipients(list, local) == std::vector<std::string>{owner});
  // Mail from inside left through the gateway with its outside recipients
  // in RCPT TO: a colleague's copy, and the owner's sent mail under
  // another of its addresses, are read as their headers name them.
  Message colleague = MailFrom("bob@enron.com", {"carol@txu.com"});
  DeliveredToMailbox(owner, local, &colleague);
  CHECK(colleague.delivered_to.empty());
  Message alias = MailFrom("dfarmer@enron.com", {"carol@txu.com"});
  DeliveredToMailbox(owner, local, &alias);
  CHECK(EffectiveRecipients(alias, local) == std::vector<std::string>{"carol@txu.com"});
  // Undisclosed recipients: no address at all.
  Message undisclosed = MailFrom("events@pandaenergy.com", {});
  DeliveredToMailbox(owner, local, &undisclosed);
  CHECK(EffectiveRecipients(undisclosed, local) == std::vector<std::string>{owner});
  // A header already names a local recipient: the headers say who it reached.
  Message named = MailFrom("ann@halliburton.com", {"brcc.yf@topica.com", "sally.beck@enron.com"});
  DeliveredToMailbox(owner, local, &named);
  CHECK(named.delivered_to.empty());
  // The owner's own mail to outside addresses is its sent mail.
  Message sent = MailFrom(owner, {"carol@txu.com"});
  DeliveredToMailbox(owner, local, &sent);
  CHECK(sent.delivered_to.empty());
  // No owner given: nothing read.
  Message unknown = MailFrom("ann@halliburton.com", {"brcc.yf@topica.com"});
  DeliveredToMailbox("", local, &unknown);
  CHECK(unknown.delivered_to.empty());
}

}  // namespace
}  // namespace rapport
