#include "message/payment_coordinates.h"

#include <catch2/catch.hpp>

#include "message/parser.h"

namespace rapport {
namespace {

std::vector<PaymentCoordinate> Extract(std::string_view text,
                                       PaymentText kind = PaymentText::kPlain,
                                       size_t max = kMaxPaymentCoordinates) {
  std::vector<PaymentCoordinate> out;
  ExtractPaymentCoordinates(text, kind, max, &out);
  return out;
}

TEST_CASE("IBANs pass the mod-97 check and their country's length") {
  CHECK(IsValidIban("DE89370400440532013000"));
  CHECK(IsValidIban("GB29NWBK60161331926819"));
  CHECK(IsValidIban("FR1420041010050500013M02606"));
  CHECK(IsValidIban("NL91ABNA0417164300"));
  // One digit changed, two digits swapped: the check digits catch both.
  CHECK_FALSE(IsValidIban("DE89370400440532013001"));
  CHECK_FALSE(IsValidIban("DE89370400440532010300"));
  // A valid German check over a length Germany does not use.
  CHECK_FALSE(IsValidIban("DE8937040044053201300"));
  // No IBAN country, lower case, punctuation.
  CHECK_FALSE(IsValidIban("US64SVBKUS6S3300958879"));
  CHECK_FALSE(IsValidIban("de89370400440532013000"));
  CHECK_FALSE(IsValidIban("DE89-370400440532013000"));
  CHECK(IbanCheckDigits("DE", "370400440532013000") == "89");
  CHECK(IbanCheckDigits("GB", "NWBK60161331926819") == "29");
}

TEST_CASE("Routing numbers pass the ABA 3-7-1 checksum and a Federal Reserve prefix") {
  CHECK(IsValidRoutingNumber("021000021"));
  CHECK(IsValidRoutingNumber("011000015"));
  CHECK(IsValidRoutingNumber("121000358"));
  CHECK_FALSE(IsValidRoutingNumber("021000022"));   // checksum
  CHECK_FALSE(IsValidRoutingNumber("021000012"));   // two digits swapped
  CHECK_FALSE(IsValidRoutingNumber("400000004"));   // checksum holds, no such prefix
  CHECK_FALSE(IsValidRoutingNumber("02100002"));    // eight digits
  CHECK_FALSE(IsValidRoutingNumber("0210000211"));  // ten
  CHECK(RoutingCheckDigit("02100002") == '1');
  CHECK(RoutingCheckDigit("12100035") == '8');
  CHECK(RoutingCheckDigit("1210003") == '\0');
}

TEST_CASE("BICs have a real country code") {
  CHECK(IsValidBic("DEUTDEFF"));
  CHECK(IsValidBic("COBADEFFXXX"));
  CHECK(IsValidBic("CHASUS33"));
  CHECK_FALSE(IsValidBic("ABCDQQ12"));   // no country QQ
  CHECK_FALSE(IsValidBic("DEUTDEFF5"));  // nine characters
  CHECK_FALSE(IsValidBic("deutdeff"));   // lower case
  CHECK_FALSE(IsValidBic("DEU1DEFF"));   // a digit in the bank code
}

TEST_CASE("An IBAN is read whole or in groups of four, once") {
  auto found = Extract(
      "Please remit to IBAN DE89 3704 0044 0532 0130 00 by Friday.\n"
      "Again: DE89370400440532013000. UK office: GB29 NWBK 6016 1331 9268 19\n");
  REQUIRE(found.size() == 2);
  CHECK(found[0].kind == PaymentCoordinateKind::kIban);
  CHECK(found[0].account == "DE89370400440532013000");
  CHECK(found[0].shown == "IBAN DE.. ending 3000");
  CHECK(found[0].shown.find("0532") == std::string::npos);
  CHECK(found[1].account == "GB29NWBK60161331926819");
}

TEST_CASE("Strings shaped like an IBAN that fail its checks are not coordinates") {
  CHECK(Extract("Ref DE89 3704 0044 0532 0130 01 attached").empty());  // check digits
  CHECK(Extract("Part no. DE12 3456 7890 1234 5678 90").empty());
  CHECK(Extract("Ticket DE89370400440532013000X4").empty());  // runs on
}

TEST_CASE("A routing number counts with an account number introduced beside it") {
  auto found = Extract("New bank: First Coastal Bank, routing 021000021, account 48213377.");
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == PaymentCoordinateKind::kRoutingAccount);
  CHECK(found[0].account == "021000021/48213377");
  CHECK(found[0].shown == "routing 021000021, account ending 3377");
  auto before = Extract("Acct # 9876543210\nABA 121000358");
  REQUIRE(before.size() == 1);
  CHECK(before[0].account == "121000358/9876543210");
}

TEST_CASE("Numbers that look like routing and account numbers are not coordinates") {
  // The checksum fails.
  CHECK(Extract("routing 021000022, account 48213377").empty());
  // The generator's old draw: "0" and eight random digits, rarely valid.
  CHECK(Extract("routing 012345678, account 123456789").empty());
  // A valid nine-digit number that is an order id, beside a quantity.
  CHECK(Extract("Order 021000021 shipped: 48213377 units").empty());
  // Phone numbers and dates break into short runs.
  CHECK(Extract("Call 713-853-6543 or (212) 555-0100 re account 2001-12-03").empty());
  // A valid routing number with no account near it.
  CHECK(Extract("routing 021000021 as before; nothing else has changed.").empty());
}

TEST_CASE("A BIC counts after SWIFT or BIC, with an account number") {
  auto found = Extract("SWIFT: CHASUS33, account no. 000123456789");
  REQUIRE(found.size() == 1);
  CHECK(found[0].kind == PaymentCoordinateKind::kBicAccount);
  CHECK(found[0].account == "CHASUS33XXX/000123456789");
  CHECK(found[0].shown == "BIC CHASUS33, account ending 6789");
  // A word in capitals that spells a BIC (ATTA CH ED: Switzerland).
  CHECK(Extract("ATTACHED account 12345678").empty());
  // No account number.
  CHECK(Extract("BIC DEUTDEFF").empty());
}

TEST_CASE("Quoted text is the earlier message's, not this one's") {
  CHECK(Extract("Thanks, paid.\n> IBAN DE89 3704 0044 0532 0130 00\n").empty());
  CHECK(Extract("<p>Thanks</p><blockquote>IBAN DE89 3704 0044 0532 0130 00</blockquote>",
                PaymentText::kHtml)
            .empty());
  auto html = Extract("<p>IBAN:&nbsp;<b>DE89 3704 0044 0532 0130 00</b></p>", PaymentText::kHtml);
  REQUIRE(html.size() == 1);
  CHECK(html[0].account == "DE89370400440532013000");
}

TEST_CASE("Coordinates are found wherever they fall in the eight-byte pre-check") {
  // The pre-check skips eight bytes at a time: a coordinate at any offset,
  // in text with digits elsewhere or none, must still be read.
  for (size_t pad = 0; pad < 20; ++pad) {
    INFO(pad);
    const std::string words(pad, 'x');
    const auto iban = Extract(words + " IBAN DE89 3704 0044 0532 0130 00");
    REQUIRE(iban.size() == 1);
    CHECK(iban[0].account == "DE89370400440532013000");
    const auto routing = Extract(words + " routing 021000021 " + words + " Acct 48213377");
    REQUIRE(routing.size() == 1);
    CHECK(routing[0].kind == PaymentCoordinateKind::kRoutingAccount);
    CHECK(Extract(words + " call 555 0100 on 2024-03-04, ref 48213377").empty());
  }
}

TEST_CASE("A message keeps at most kMaxPaymentCoordinates") {
  std::string text;
  for (int bank = 10000000; bank < 10000020; ++bank) {
    const std::string bban = std::to_string(bank) + "0532013000";
    text += "DE" + IbanCheckDigits("DE", bban) + bban + "\n";
  }
  CHECK(Extract(text).size() == kMaxPaymentCoordinates);
  CHECK(Extract(text, PaymentText::kPlain, 3).size() == 3);
  CHECK(Extract("no digits at all, only words").empty());
}

TEST_CASE("The parser reads payment coordinates from the text parts") {
  Message message;
  REQUIRE(ParseMessage("From: a@vendor.example\nTo: b@org.example\nSubject: invoice\n\n"
                       "Kindly remit to routing 021000021, account 48213377.\n",
                       Envelope(), ParseOptions(), &message)
              .ok());
  REQUIRE(message.payment_coordinates.size() == 1);
  CHECK(message.payment_coordinates[0].kind == PaymentCoordinateKind::kRoutingAccount);
}

// A multipart/alternative of `text` and `html`, from a vendor.
Message Alternative(const std::string& text, const std::string& html) {
  Message message;
  REQUIRE(ParseMessage("From: a@vendor.example\nTo: b@org.example\nSubject: invoice\n"
                       "Content-Type: multipart/alternative; boundary=\"b\"\n\n--b\n"
                       "Content-Type: text/plain\n\n" +
                           text + "\n--b\nContent-Type: text/html\n\n" + html + "\n--b--\n",
                       Envelope(), ParseOptions(), &message)
              .ok());
  return message;
}

TEST_CASE("A body's HTML is read for coordinates beside its text") {
  // The reader sees the HTML: an account written only there counts.
  const Message html_only_account =
      Alternative("Please find our invoice attached.",
                  "<p>Please remit to <b>GB29 NWBK 6016 1331 9268 19</b></p>");
  REQUIRE(html_only_account.payment_coordinates.size() == 1);
  CHECK(html_only_account.payment_coordinates[0].account == "GB29NWBK60161331926819");

  const Message same = Alternative("IBAN DE89 3704 0044 0532 0130 00",
                                   "<p>IBAN DE89&nbsp;3704 0044 0532 0130 00</p>");
  REQUIRE(same.payment_coordinates.size() == 1);
  CHECK(same.payment_coordinates[0].account == "DE89370400440532013000");

  const Message different =
      Alternative("IBAN DE89 3704 0044 0532 0130 00", "<p>IBAN GB29 NWBK 6016 1331 9268 19</p>");
  REQUIRE(different.payment_coordinates.size() == 2);
  CHECK(different.payment_coordinates[0].account == "DE89370400440532013000");
  CHECK(different.payment_coordinates[1].account == "GB29NWBK60161331926819");

  // What the HTML quotes is the earlier message's.
  CHECK(Alternative("Paid, thanks.",
                    "<p>Paid, thanks.</p><blockquote>IBAN GB29 NWBK 6016 1331 9268 19</blockquote>")
            .payment_coordinates.empty());

  Message html_only;
  REQUIRE(ParseMessage(
              "From: a@vendor.example\nTo: b@org.example\nSubject: invoice\n"
              "Content-Type: text/html\n\n<p>Remit to <b>GB29 NWBK 6016 1331 9268 19</b></p>\n",
              Envelope(), ParseOptions(), &html_only)
              .ok());
  REQUIRE(html_only.payment_coordinates.size() == 1);
  CHECK(html_only.payment_coordinates[0].account == "GB29NWBK60161331926819");
}

}  // namespace
}  // namespace rapport
