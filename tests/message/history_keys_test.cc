#include "message/history_keys.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

TEST_CASE("thread subjects drop reply markers and tags, bounded", "[store][normalise]") {
  REQUIRE(NormaliseThreadSubject("RE: Invoice 42") == "invoice 42");
  REQUIRE(NormaliseThreadSubject("Re: [External] FW: re[2]: Fwd :  Invoice   42 ") == "invoice 42");
  REQUIRE(NormaliseThreadSubject("Request: access") == "request: access");
  REQUIRE(NormaliseThreadSubject("RE:") == "");
  REQUIRE(NormaliseThreadSubject(std::string(1000, 'x')).size() == 256);
  std::string accents;
  for (int i = 0; i < 200; ++i) accents += "\xC3\xA9";  // é
  const std::string cut = NormaliseThreadSubject(accents);
  REQUIRE(cut.size() <= 256);
  REQUIRE(cut.size() % 2 == 0);  // never half a character
}

TEST_CASE("display names drop quotes, case and extra space", "[store][normalise]") {
  REQUIRE(NormaliseDisplayName("\"Smith,  John\"") == "smith, john");
  REQUIRE(NormaliseDisplayName("  'Jane'\tDOE ") == "jane doe");
  REQUIRE(NormaliseDisplayName("Zoë Ünger") == "zoë Ünger");  // only ASCII is lower-cased
  // Cut at 128 bytes without splitting a UTF-8 character.
  std::string long_name;
  for (int i = 0; i < 100; ++i) long_name += "é";
  const std::string cut = NormaliseDisplayName(long_name);
  REQUIRE(cut.size() <= 128);
  REQUIRE(cut.size() % 2 == 0);
}

TEST_CASE("mailer families drop versions and comments", "[store][normalise]") {
  REQUIRE(MailerFamily("Microsoft Outlook 16.0.4266.1001") == "microsoft outlook");
  REQUIRE(MailerFamily("Microsoft Outlook 15.0") == MailerFamily("Microsoft Outlook 16.0"));
  REQUIRE(MailerFamily("Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:91.0) Gecko/20100101 "
                       "Thunderbird/91.13.0") == "mozilla gecko thunderbird");
  REQUIRE(MailerFamily("Apple Mail (2.3445.104.11)") == "apple mail");
  REQUIRE(MailerFamily("1.0 2.0") == "");
  REQUIRE(MailerFamily(std::string(500, 'a')).size() <= 64);
}

TEST_CASE("infrastructure is the /24 or /48 of the origin", "[store][normalise]") {
  REQUIRE(InfrastructureOf("192.0.2.77") == "192.0.2.0/24");
  REQUIRE(InfrastructureOf("[192.0.2.1]") == "192.0.2.0/24");
  REQUIRE(InfrastructureOf("2001:db8:1:2::5") == "2001:db8:1::/48");
  REQUIRE(InfrastructureOf("IPv6:2001:db8:1:2::5") == "2001:db8:1::/48");
  REQUIRE(InfrastructureOf("mail.example.com") == "");
  REQUIRE(InfrastructureOf("") == "");
  REQUIRE(InfrastructureOf(std::string(200, '1')) == "");
}

TEST_CASE("a signal context is about what follows a party's '>'", "[store][normalise]") {
  REQUIRE(SignalContextSubject("a@acme.com>pub-ac94.r2.dev") == "pub-ac94.r2.dev");
  REQUIRE(SignalContextSubject("brand>x>y.example") == "y.example");
  REQUIRE(SignalContextSubject("pub-ac94.r2.dev") == "pub-ac94.r2.dev");
  REQUIRE(SignalContextSubject("a@acme.com>") == "");
  REQUIRE(SignalContextSubject("") == "");
}

}  // namespace
}  // namespace rapport
