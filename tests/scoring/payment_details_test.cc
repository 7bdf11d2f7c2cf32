#include <catch2/catch.hpp>

#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kVendor = "jane.doe@txu.com";
constexpr std::string_view kStaff = "daren.farmer@enron.com";

const PaymentCoordinate kOldAccount{PaymentCoordinateKind::kRoutingAccount, "021000021/48213377",
                                    "routing 021000021, account ending 3377"};
const PaymentCoordinate kNewAccount{PaymentCoordinateKind::kRoutingAccount, "121000358/99012345",
                                    "routing 121000358, account ending 2345"};

// txu.com's jane.doe: two years, 120 messages in and 40 replies out, and
// a thread of hers with daren.
FakeHistory VendorHistory() {
  FakeHistory history;
  history.AddCorrespondent(kVendor, kStaff, kNow - 730 * kDay, kNow - kDay, 120, 40);
  ThreadRecord thread;
  thread.root_id = "root@txu.com";
  thread.subject = "invoice 2231";
  thread.first_seen = kNow - 20 * kDay;
  thread.last_seen = kNow - 10 * kDay;
  thread.messages = 3;
  thread.participants = {std::string(kVendor), std::string(kStaff)};
  history.AddThread(thread, {"root@txu.com"});
  return history;
}

// The fingerprint FakeHistory gives `coordinate`.
std::string Fingerprint(const FakeHistory& history, const PaymentCoordinate& coordinate) {
  std::string fingerprint;
  REQUIRE(history.GetPaymentFingerprint(coordinate, &fingerprint).ok());
  return fingerprint;
}

Message Asking(std::string_view from, const PaymentCoordinate& coordinate, bool in_thread = false) {
  Message m = MailFrom(Address(from), {std::string(kStaff)},
                       in_thread ? "RE: invoice 2231" : "Invoice 2232");
  if (in_thread) m.in_reply_to = "root@txu.com";
  m.payment_coordinates = {coordinate};
  return m;
}

TEST_CASE("PAYMENT_DETAILS_CHANGED: an account other than the one the sender always named",
          "[payment]") {
  FakeHistory history = VendorHistory();
  history.SetAttribute(kVendor, SenderAttributeKind::kPaymentCoordinate,
                       Fingerprint(history, kOldAccount), 12);
  // The same account again, in every invoice, is its normal business.
  CHECK(Detect("PAYMENT_DETAILS_CHANGED", Asking(kVendor, kOldAccount), history).empty());
  // Another one is a change of bank details.
  auto found = Detect("PAYMENT_DETAILS_CHANGED", Asking(kVendor, kNewAccount), history);
  REQUIRE(found.size() == 1);
  CHECK(found[0].strength == 1.0);
  CHECK(found[0].evidence.find("routing 121000358, account ending 2345") != std::string::npos);
  CHECK(found[0].evidence.find("1 other account before (a US account)") != std::string::npos);
  CHECK(found[0].evidence.find("99012345") == std::string::npos);
  CHECK(found[0].context == std::string(kVendor) + ">" + Fingerprint(history, kNewAccount));
}

TEST_CASE("PAYMENT_DETAILS_CHANGED: a colleague at the sender's organisation counts", "[payment]") {
  FakeHistory history = VendorHistory();
  // Accounts payable at txu.com always sent the old account.
  history.SetAttribute("txu.com", SenderAttributeKind::kPaymentCoordinate,
                       Fingerprint(history, kOldAccount), 30);
  // Learned for jane's address too: still one other account, not two.
  history.SetAttribute(kVendor, SenderAttributeKind::kPaymentCoordinate,
                       Fingerprint(history, kOldAccount), 2);
  auto changed = Detect("PAYMENT_DETAILS_CHANGED", Asking(kVendor, kNewAccount), history);
  REQUIRE(changed.size() == 1);
  CHECK(changed[0].evidence.find("sent 1 other account before") != std::string::npos);
  CHECK(Detect("PAYMENT_DETAILS_CHANGED", Asking(kVendor, kOldAccount), history).empty());
  CHECK(Strength("PAYMENT_DETAILS_CHANGED", Asking(kVendor, kNewAccount), history) == 1.0);
}

TEST_CASE("PAYMENT_DETAILS_CHANGED: first bank details, by who sends them", "[payment]") {
  FakeHistory history = VendorHistory();
  // A known participant sends bank details into its thread for the first time.
  auto in_thread = Detect("PAYMENT_DETAILS_CHANGED", Asking(kVendor, kNewAccount, true), history);
  REQUIRE(in_thread.size() == 1);
  CHECK(in_thread[0].strength == Approx(0.8));
  CHECK(in_thread[0].evidence.find("into the thread \"invoice 2231\"") != std::string::npos);
  // The same correspondent outside a thread.
  CHECK(Strength("PAYMENT_DETAILS_CHANGED", Asking(kVendor, kNewAccount), history) == Approx(0.25));
  // A new supplier's first invoice: weak; first-contact signals judge it.
  CHECK(Strength("PAYMENT_DETAILS_CHANGED", Asking("billing@newsupplier.com", kNewAccount),
                 history) == Approx(0.15));
  // No coordinates, no local senders, no judgement.
  CHECK(
      Detect("PAYMENT_DETAILS_CHANGED", MailFrom(Address(kVendor), {std::string(kStaff)}), history)
          .empty());
}

TEST_CASE("PAYMENT_DETAILS_CHANGED holds a participant's new bank details at default weights",
          "[payment]") {
  FakeHistory history = VendorHistory();
  history.SetAttribute(kVendor, SenderAttributeKind::kPaymentCoordinate,
                       Fingerprint(history, kOldAccount), 12);
  const Verdict changed = ScoreDefault(Asking(kVendor, kNewAccount, true), history);
  CHECK(HasHit(changed, "PAYMENT_DETAILS_CHANGED"));
  CHECK(changed.action >= Action::kHold);
  const Verdict same = ScoreDefault(Asking(kVendor, kOldAccount, true), history);
  CHECK_FALSE(HasHit(same, "PAYMENT_DETAILS_CHANGED"));
  CHECK(same.action == Action::kAccept);
}

}  // namespace
}  // namespace rapport::testing
