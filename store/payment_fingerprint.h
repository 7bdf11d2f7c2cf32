#pragma once

#include <string>
#include <string_view>

#include "message/payment_coordinates.h"

namespace rapport {

// History never keeps an account number in clear: a payment coordinate is
// kept as its kind's letter, lower-case, and 16 hex digits of SipHash-2-4
// keyed with the store's own random key (kPaymentKeyBytes, made when the
// store is created or upgraded to schema version 7). Whoever reads the
// history without the key cannot test guessed account numbers against it;
// the same coordinate always gets the same fingerprint in one store.
inline constexpr size_t kPaymentKeyBytes = 16;

// The fingerprint of `coordinate` under `key` (kPaymentKeyBytes bytes):
// "i" (IBAN), "r" (routing and account) or "b" (BIC and account), then 16
// lower-case hex digits.
std::string PaymentFingerprint(std::string_view key, const PaymentCoordinate& coordinate);

// What a fingerprint's first letter says: "an IBAN", "a US account", "a
// SWIFT account"; "an account" for an unknown letter. Inline, for the
// scorer, which reads history without linking the store.
inline std::string_view PaymentFingerprintKind(std::string_view fingerprint) {
  switch (fingerprint.empty() ? '\0' : fingerprint.front()) {
    case 'i':
      return "an IBAN";
    case 'r':
      return "a US account";
    case 'b':
      return "a SWIFT account";
    default:
      return "an account";
  }
}

// Names the key (kPaymentKeyBytes bytes) without revealing it: 8 lower-case
// hex digits of SipHash-2-4 of a fixed string under it. Cluster events
// that carry payment fingerprints carry it too, so that a node whose key
// differs (one upgraded to schema 7 on its own rather than joined from a
// copy) refuses them instead of reading a known account as a new one.
std::string PaymentKeyId(std::string_view key);

// SipHash-2-4 of `data` under the 16-byte `key` (Aumasson and Bernstein).
uint64_t SipHash24(std::string_view key, std::string_view data);

}  // namespace rapport
