#include <catch2/catch.hpp>

#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kVendor = "jane.doe@txu.com";
constexpr std::string_view kStaff = "daren.farmer@enron.com";

// A vendor with a long, steady history: always Outlook, always from 192.0.2.0/24.
FakeHistory SteadyVendor() {
  FakeHistory history;
  history.AddCorrespondent(kVendor, kStaff, kNow - 700 * kDay, kNow - kDay, 80, 20);
  history.SetAttribute(kVendor, SenderAttributeKind::kMailer, "microsoft outlook", 78);
  history.SetAttribute(kVendor, SenderAttributeKind::kInfrastructure, "192.0.2.0/24", 80);
  return history;
}

Message VendorMail() {
  Message m = MailFrom(Address(kVendor), {std::string(kStaff)});
  m.mailer = "Microsoft Outlook 16.0.5095";
  m.origin_ip = "192.0.2.77";
  return m;
}

TEST_CASE("MAILER_CHANGED fires only for a departure from substantial history", "[compromise]") {
  FakeHistory history = SteadyVendor();
  CHECK(Strength("MAILER_CHANGED", VendorMail(), history) == 0);
  Message m = VendorMail();
  m.mailer = "PHPMailer 6.1.4 (https://github.com/PHPMailer/PHPMailer)";
  auto found = Detect("MAILER_CHANGED", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("\"phpmailer\"") != std::string::npos);
  CHECK(found[0].evidence.find("\"microsoft outlook\"") != std::string::npos);
  m.mailer.clear();  // Enron: no X-Mailer at all
  CHECK(Strength("MAILER_CHANGED", m, history) == 0);

  FakeHistory thin;
  thin.AddCorrespondent(kVendor, kStaff, kNow - 5 * kDay, kNow - kDay, 4, 0);
  thin.SetAttribute(kVendor, SenderAttributeKind::kMailer, "microsoft outlook", 4);
  m.mailer = "PHPMailer 6.1.4";
  CHECK(Strength("MAILER_CHANGED", m, thin) == 0);
}

TEST_CASE("INFRASTRUCTURE_CHANGED compares the origin network, allowing the domain's own",
          "[compromise]") {
  FakeHistory history = SteadyVendor();
  CHECK(Strength("INFRASTRUCTURE_CHANGED", VendorMail(), history) == 0);
  Message m = VendorMail();
  m.origin_ip = "203.0.113.50";
  CHECK(Strength("INFRASTRUCTURE_CHANGED", m, history) == 1.0);
  history.SetAttribute("txu.com", SenderAttributeKind::kInfrastructure, "203.0.113.0/24", 30);
  CHECK(Strength("INFRASTRUCTURE_CHANGED", m, history) == 0);
  m.origin_ip.clear();  // archives without Received headers
  CHECK(Strength("INFRASTRUCTURE_CHANGED", m, history) == 0);
}

TEST_CASE("RECIPIENT_PATTERN_CHANGED: a known sender writing to strangers inside", "[compromise]") {
  FakeHistory history = SteadyVendor();
  Message m = MailFrom(Address(kVendor), {"cfo@enron.com", "treasury@enron.com", "ap@enron.com",
                                          "payroll@enron.com"});
  auto found = Detect("RECIPIENT_PATTERN_CHANGED", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == Approx(1.0));
  CHECK(found[0].evidence.find("4 of 4 internal recipients") != std::string::npos);
  m.to.push_back(Address(kStaff));
  m.to.push_back(Address(kStaff));  // duplicates count once
  CHECK(Strength("RECIPIENT_PATTERN_CHANGED", m, history) == Approx(0.8));
  CHECK(Strength("RECIPIENT_PATTERN_CHANGED", MailFrom(Address(kVendor), {std::string(kStaff)}),
                 history) == 0);
}

}  // namespace
}  // namespace rapport::testing
