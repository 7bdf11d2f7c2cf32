#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

// The kinds of bank account a payment instruction names. The letter is
// stable: history keeps it beside each coordinate's fingerprint.
enum class PaymentCoordinateKind : char {
  kIban = 'I',            // an IBAN (ISO 13616), which names bank and account at once
  kRoutingAccount = 'R',  // a US ABA routing number with an account number beside it
  kBicAccount = 'B',      // a SWIFT/BIC with an account number beside it
};

// One bank account a message asks money to be sent to, validated: an IBAN
// whose length fits its country and whose mod-97 check holds, a routing
// number that passes the ABA checksum, a BIC whose country exists. A
// correspondent's coordinates stay the same for years, so new ones are
// what payment-diversion fraud changes.
struct PaymentCoordinate {
  PaymentCoordinateKind kind = PaymentCoordinateKind::kIban;
  // The account, canonical: the IBAN in capitals without spaces;
  // "<routing>/<account>"; "<BIC, 11 characters>/<account>". Sensitive:
  // history keeps only a keyed fingerprint of it.
  std::string account;
  // How evidence shows it without the account number: "IBAN DE.. ending
  // 3000", "routing 021000021, account ending 4321", "BIC DEUTDEFF,
  // account ending 4321" (a routing number or a BIC names a bank, not an
  // account).
  std::string shown;
};

// How the text to read is written.
enum class PaymentText {
  kPlain,  // lines quoted with '>' are skipped: they are the earlier message's
  kHtml,   // tags and entities separate words; <blockquote> is skipped
};

// Coordinates kept per message: an invoice names one or two accounts; a
// message with more is a statement or a list, and the first few say enough.
inline constexpr size_t kMaxPaymentCoordinates = 8;

// Appends to *out the payment coordinates written in `text` that *out does
// not hold yet, in text order, until *out holds `max`. A routing number
// or a BIC counts only with an account number within a few words of it,
// introduced as one ("account", "acct", "a/c"), and a BIC only after the
// word "SWIFT" or "BIC": a nine-digit order number that happens to pass
// the ABA checksum, or a word in capitals that happens to spell a BIC, is
// not an instruction to pay. Reads the first 16 KB of `text`, and nothing
// more of it when it has neither an account number introduced as one nor
// a word starting with two capitals and two digits.
void ExtractPaymentCoordinates(std::string_view text, PaymentText kind, size_t max,
                               std::vector<PaymentCoordinate>* out);

// True when `iban` (capitals and digits, no spaces) has its country's
// length and passes the ISO 13616 mod-97 check.
bool IsValidIban(std::string_view iban);
// The two check digits of the IBAN of `country` (two capitals) and `bban`
// (capitals and digits): what a bank writes after the country code.
std::string IbanCheckDigits(std::string_view country, std::string_view bban);

// True when `routing` is nine digits with a Federal Reserve prefix (01-12,
// 21-32, 61-72, 80) that pass the ABA 3-7-1 checksum.
bool IsValidRoutingNumber(std::string_view routing);
// The ninth digit that makes the eight digits `first8` a valid routing
// number's checksum; '\0' when `first8` is not eight digits.
char RoutingCheckDigit(std::string_view first8);

// True when `bic` is a SWIFT/BIC: four letters (bank), an ISO 3166 country
// code, two letters or digits (location), optionally three more (branch),
// all in capitals.
bool IsValidBic(std::string_view bic);

}  // namespace rapport
