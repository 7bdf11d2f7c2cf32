// Payment coordinates in history: fingerprints only, learned from
// delivered mail, kept apart when unconfirmed mail was flagged for them.

#include <catch2/catch.hpp>

#include "store/history_store.h"
#include "store/payment_fingerprint.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

using test::March2024;

TEST_CASE("SipHash-2-4 gives the reference output", "[store][payment]") {
  std::string key;
  for (char c = 0; c < 16; ++c) key.push_back(c);
  CHECK(SipHash24(key, "") == 0x726fdb47dd0e0e31ULL);
  std::string fifteen;
  for (char c = 0; c < 15; ++c) fifteen.push_back(c);
  CHECK(SipHash24(key, fifteen) == 0xa129ca6149be45e5ULL);
}

TEST_CASE("A fingerprint names the kind, never the account", "[store][payment]") {
  const std::string key(16, 'k');
  const PaymentCoordinate iban{PaymentCoordinateKind::kIban, "DE89370400440532013000", ""};
  const std::string fingerprint = PaymentFingerprint(key, iban);
  CHECK(fingerprint.size() == 17);
  CHECK(fingerprint.front() == 'i');
  CHECK(PaymentFingerprintKind(fingerprint) == "an IBAN");
  CHECK(fingerprint.find("0532") == std::string::npos);
  // Another key, another fingerprint: the key is what keeps guesses out.
  CHECK(PaymentFingerprint(std::string(16, 'j'), iban) != fingerprint);
  PaymentCoordinate other = iban;
  other.account = "GB29NWBK60161331926819";
  CHECK(PaymentFingerprint(key, other) != fingerprint);
}

Message Invoice() {
  Message m;
  m.from = test::Address("bob@vendor.example");
  m.subject = "invoice";
  m.payment_coordinates = {
      {PaymentCoordinateKind::kIban, "DE89370400440532013000", "IBAN DE.. ending 3000"}};
  return m;
}

bool Knows(const HistoryStore& store, const std::string& sender_key) {
  std::string fingerprint;
  REQUIRE(store.GetPaymentFingerprint(Invoice().payment_coordinates.front(), &fingerprint).ok());
  SenderAttributeStats stats;
  const Status status = store.GetSenderAttribute(
      sender_key, SenderAttributeKind::kPaymentCoordinate, fingerprint, &stats);
  REQUIRE((status.ok() || status.IsNotFound()));
  return status.ok();
}

TEST_CASE("Payment coordinates are learned for the sender and its domain from delivered mail",
          "[store][payment]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  const Message invoice = Invoice();
  LearnRequest request;
  request.message = &invoice;
  request.now = March2024(1);
  request.recipients = {"ann@acme.com"};

  SECTION("held mail teaches nothing") {
    request.trust = LearnTrust::kObservedOnly;
    REQUIRE(store->Learn(request).ok());
    CHECK_FALSE(Knows(*store, "bob@vendor.example"));
  }
  SECTION("tagged mail flagged for its coordinates leaves them unknown") {
    std::string fingerprint;
    REQUIRE(store->GetPaymentFingerprint(invoice.payment_coordinates.front(), &fingerprint).ok());
    request.trust = LearnTrust::kUnconfirmed;
    request.signal_contexts = {{"PAYMENT_DETAILS_CHANGED", "bob@vendor.example>" + fingerprint}};
    REQUIRE(store->Learn(request).ok());
    CHECK_FALSE(Knows(*store, "bob@vendor.example"));
    CHECK_FALSE(Knows(*store, "vendor.example"));
  }
  SECTION("tagged mail flagged for something else teaches them") {
    request.trust = LearnTrust::kUnconfirmed;
    request.signal_contexts = {{"FIRST_CONTACT", "bob@vendor.example"}};
    REQUIRE(store->Learn(request).ok());
    CHECK(Knows(*store, "bob@vendor.example"));
  }
  SECTION("accepted mail teaches them to the address and the domain") {
    REQUIRE(store->Learn(request).ok());
    CHECK(Knows(*store, "bob@vendor.example"));
    CHECK(Knows(*store, "vendor.example"));
    size_t count = 0;
    REQUIRE(store
                ->CountSenderAttributes("bob@vendor.example",
                                        SenderAttributeKind::kPaymentCoordinate, 10, &count)
                .ok());
    CHECK(count == 1);
  }
}

}  // namespace
}  // namespace rapport
