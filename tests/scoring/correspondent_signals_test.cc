#include <catch2/catch.hpp>

#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kVendor = "jane.doe@txu.com";
constexpr std::string_view kStaff = "daren.farmer@enron.com";

// txu.com's jane.doe: two years, 120 messages in and 40 replies out.
FakeHistory VendorHistory() {
  FakeHistory history;
  history.AddCorrespondent(kVendor, kStaff, kNow - 730 * kDay, kNow - kDay, 120, 40);
  return history;
}

TEST_CASE("FIRST_CONTACT fires for a never-seen address and not for a correspondent",
          "[correspondent]") {
  FakeHistory history = VendorHistory();
  auto stranger =
      Detect("FIRST_CONTACT", MailFrom(Address("bob@newco.com"), {std::string(kStaff)}), history);
  REQUIRE(stranger.size() == 1);
  CHECK(stranger[0].strength == 1.0);
  CHECK(stranger[0].evidence.find("bob@newco.com") != std::string::npos);
  CHECK(
      Detect("FIRST_CONTACT", MailFrom(Address(kVendor), {std::string(kStaff)}), history).empty());
  // Someone the organisation wrote to (but who never wrote) is no stranger.
  history.Profile("carol@newco.com").messages_received = 1;
  CHECK(
      Detect("FIRST_CONTACT", MailFrom(Address("carol@newco.com"), {std::string(kStaff)}), history)
          .empty());
}

TEST_CASE("NEW_SENDER_DOMAIN fires for a domain no one corresponded with", "[correspondent]") {
  FakeHistory history = VendorHistory();
  CHECK(Strength("NEW_SENDER_DOMAIN", MailFrom(Address("x@newco.com"), {std::string(kStaff)}),
                 history) == 1.0);
  // A new colleague of a known vendor is a new address, not a new domain.
  CHECK(Strength("NEW_SENDER_DOMAIN", MailFrom(Address("new.hire@txu.com"), {std::string(kStaff)}),
                 history) == 0);
  // Inbound-only signals are not run on outbound mail.
  CHECK(!HasHit(ScoreDefault(MailFrom(Address("x@newco.com"), {std::string(kStaff)}), history,
                             Direction::kOutbound),
                "NEW_SENDER_DOMAIN"));
}

TEST_CASE("HIDDEN_RECIPIENTS: blind copies from a first-contact sender", "[correspondent]") {
  FakeHistory history = VendorHistory();
  Message bcc = MailFrom(Address("sales@proposal-docs.com"), {});
  bcc.bcc = {Address("a@enron.com"), Address("b@enron.com"), Address("c@enron.com")};
  auto found = Detect("HIDDEN_RECIPIENTS", bcc, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("3 of 3 internal recipients were blind copies") !=
        std::string::npos);

  Message undisclosed = MailFrom(Address("sales@proposal-docs.com"), {});
  undisclosed.undisclosed_recipients = true;
  undisclosed.delivered_to = {"a@enron.com"};
  CHECK(Strength("HIDDEN_RECIPIENTS", undisclosed, history) == 1.0);

  Message visible = MailFrom(Address("sales@proposal-docs.com"), {"a@enron.com"});
  CHECK(Strength("HIDDEN_RECIPIENTS", visible, history) == 0);

  Message vendor_bcc = MailFrom(Address(kVendor), {});
  vendor_bcc.bcc = {Address(kStaff)};
  CHECK(Strength("HIDDEN_RECIPIENTS", vendor_bcc, history) == 0);  // established sender
}

TEST_CASE("UNUSUAL_FANOUT: a sender who writes to one person writes to many", "[correspondent]") {
  FakeHistory history = VendorHistory();
  std::vector<std::string> many;
  for (int i = 0; i < 8; ++i) many.push_back("staff" + std::to_string(i) + "@enron.com");
  CHECK(Strength("UNUSUAL_FANOUT", MailFrom(Address(kVendor), many), history) == Approx(1.0));
  CHECK(Strength("UNUSUAL_FANOUT", MailFrom(Address(kVendor), {std::string(kStaff)}), history) ==
        0);
  history.Profile(kVendor).max_recipients = 10;  // it has done this before
  CHECK(Strength("UNUSUAL_FANOUT", MailFrom(Address(kVendor), many), history) == 0);
  CHECK(Strength("UNUSUAL_FANOUT", MailFrom(Address("new@x.com"), many), history) == 0);
}

TEST_CASE("DISPLAY_NAME_IMPERSONATION: an internal user's name on an outside address",
          "[correspondent]") {
  FakeHistory history = VendorHistory();
  history.AddDisplayName("jeff skilling", {"jeff.skilling@enron.com", 300, true});
  auto found = Detect(
      "DISPLAY_NAME_IMPERSONATION",
      MailFrom(Address("ceo.office@gmail.com", "Jeff Skilling"), {std::string(kStaff)}), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("internal user jeff.skilling@enron.com") != std::string::npos);

  // The owner of the name using it is no impersonation.
  history.AddDisplayName("jane doe", {std::string(kVendor), 120, false});
  CHECK(Strength("DISPLAY_NAME_IMPERSONATION",
                 MailFrom(Address(kVendor, "Jane Doe"), {"x@enron.com"}), history) == 0);
  // Nor a second address of the same organisation.
  CHECK(Strength("DISPLAY_NAME_IMPERSONATION",
                 MailFrom(Address("jdoe@txu.com", "Jane Doe"), {"x@enron.com"}), history) == 0);
  CHECK(Strength("DISPLAY_NAME_IMPERSONATION",
                 MailFrom(Address("jane@evil.example", "\"Jane Doe\""), {"x@enron.com"}),
                 history) == Approx(0.8));
  // A role name many addresses share says nothing.
  for (int i = 0; i < 6; ++i) {
    history.AddDisplayName("accounts payable", {"ap" + std::to_string(i) + "@x.com", 9, false});
  }
  CHECK(Strength("DISPLAY_NAME_IMPERSONATION",
                 MailFrom(Address("ap@evil.example", "Accounts Payable"), {"x@enron.com"}),
                 history) == 0);
}

TEST_CASE("DISPLAY_NAME_IMPERSONATION: a user's own name, to that user alone, is weak",
          "[correspondent]") {
  FakeHistory history = VendorHistory();
  history.AddDisplayName("justin mason", {"jm@enron.com", 22, true});
  const MailAddress outside = Address("jm@users.sourceforge.net", "Justin Mason");

  // His commit mail, blind-copied to his own mailbox (any local domain, a
  // sub-address): no one else is there to deceive.
  Message own = MailFrom(outside, {});
  own.delivered_to = {"jm@localhost.mail.enron.com"};
  auto found = Detect("DISPLAY_NAME_IMPERSONATION", own, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == Approx(0.25));
  CHECK(found[0].evidence.find("reaches no one but jm@enron.com") != std::string::npos);
  CHECK(Strength("DISPLAY_NAME_IMPERSONATION", MailFrom(outside, {"jm-commits@enron.com"}),
                 history) == Approx(0.25));

  // The named person among colleagues, or absent: the colleagues may believe it.
  CHECK(Strength("DISPLAY_NAME_IMPERSONATION",
                 MailFrom(outside, {"jm@enron.com", std::string(kStaff)}), history) == 1.0);
  CHECK(Strength("DISPLAY_NAME_IMPERSONATION", MailFrom(outside, {std::string(kStaff)}), history) ==
        1.0);
  // Another local part that merely begins with the name's is someone else.
  CHECK(Strength("DISPLAY_NAME_IMPERSONATION", MailFrom(outside, {"jmorris@enron.com"}), history) ==
        1.0);
}

TEST_CASE("REPLY_TO_DIVERTED: a known sender's replies sent to a new domain", "[correspondent]") {
  FakeHistory history = VendorHistory();
  Message m = MailFrom(Address(kVendor), {std::string(kStaff)});
  m.reply_to = {Address("jane.doe.txu@gmail.com")};
  auto found = Detect("REPLY_TO_DIVERTED", m, history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].context == "jane.doe@txu.com>gmail.com");
  history.SetAttribute(kVendor, SenderAttributeKind::kReplyToDomain, "gmail.com", 4);
  CHECK(Strength("REPLY_TO_DIVERTED", m, history) == 0);
  m.reply_to = {Address("billing@mail.txu.com")};  // its own organisation
  CHECK(Strength("REPLY_TO_DIVERTED", m, history) == 0);
  Message stranger = MailFrom(Address("news@list.example"), {std::string(kStaff)});
  stranger.reply_to = {Address("replies@other.example")};
  CHECK(Strength("REPLY_TO_DIVERTED", stranger, history) == Approx(0.5));
}

TEST_CASE("LOCAL_SENDER_FROM_OUTSIDE: inbound mail claiming a local sender", "[correspondent]") {
  FakeHistory history;
  Message m = MailFrom(Address("kenneth.lay@enron.com"), {std::string(kStaff)});
  CHECK(Strength("LOCAL_SENDER_FROM_OUTSIDE", m, history) == 1.0);
  CHECK(!HasHit(ScoreDefault(m, history, Direction::kOutbound), "LOCAL_SENDER_FROM_OUTSIDE"));
  m.auth_results = {{std::string(kTrustedAuthserv), "dkim", "pass", "enron.com"}};
  CHECK(Strength("LOCAL_SENDER_FROM_OUTSIDE", m, history) == Approx(0.3));
  CHECK(Strength("LOCAL_SENDER_FROM_OUTSIDE", MailFrom(Address(kVendor), {}), history) == 0);
}

TEST_CASE("AUTH_FAILURE counts only trusted authserv-ids", "[correspondent]") {
  FakeHistory history;
  Message m = MailFrom(Address(kVendor), {std::string(kStaff)});
  m.auth_results = {{"forged.example", "dmarc", "fail", "txu.com"}};
  CHECK(Strength("AUTH_FAILURE", m, history) == 0);
  m.auth_results.push_back({std::string(kTrustedAuthserv), "spf", "fail", "txu.com"});
  CHECK(Strength("AUTH_FAILURE", m, history) == Approx(0.5));
  m.auth_results.push_back({std::string(kTrustedAuthserv), "dmarc", "fail", "txu.com"});
  auto found = Detect("AUTH_FAILURE", m, history);
  REQUIRE(found.size() == 2);
  CHECK(found[1].strength == 1.0);
  CHECK(found[1].evidence == "dmarc=fail for txu.com according to mx.enron.com");
  m.auth_results = {{std::string(kTrustedAuthserv), "dmarc", "pass", "txu.com"}};
  CHECK(Strength("AUTH_FAILURE", m, history) == 0);
}

}  // namespace
}  // namespace rapport::testing
