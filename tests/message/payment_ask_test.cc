#include "message/payment_ask.h"

#include <catch2/catch.hpp>
#include <utility>

#include "tests/message/message_bodies.h"

namespace rapport {
namespace {

using testing::Html;
using testing::PlainText;

// PlainText() with a subject.
Message PlainText(std::string_view text, std::string_view subject) {
  Message message = testing::PlainText(text);
  message.subject = std::string(subject);
  return message;
}

TEST_CASE("ReadPaymentAsk: a change of where payment goes", "[payment_ask]") {
  PaymentAsk ask = ReadPaymentAsk(
      Html("<p>Hello,</p><p>Our invoice and new remittance details are on our portal: <a "
           "href=\"https://portal.txi.com/invoice/3f2a1b\">View invoice</a></p>"));
  CHECK(ask.ask == "to change remittance or bank details");
  CHECK(ask.words == "new remittance details");
  // Each way of writing it, with the words the evidence quotes.
  for (const auto& [text, words] :
       {std::pair{"We have changed banks; please update our remittance details before the next "
                  "payment run.",
                  "changed banks"},
        std::pair{"Please note our new payment instructions below.", "new payment instructions"},
        std::pair{"Please update your records with our new bank account details.",
                  "new bank account"},
        std::pair{"Our remittance details will change next month.",
                  "remittance details will change"}}) {
    INFO(text);
    ask = ReadPaymentAsk(PlainText(text));
    CHECK(ask.ask == "to change remittance or bank details");
    CHECK(ask.words == words);
  }
  // The subject alone.
  ask = ReadPaymentAsk(PlainText("Please see below.", "Change of bank details"));
  CHECK(ask.words == "change of bank details");
}

TEST_CASE("ReadPaymentAsk: a request to pay at a link", "[payment_ask]") {
  PaymentAsk ask = ReadPaymentAsk(
      PlainText("Please pay the attached invoice at https://pay.txi.com/i/1 today."));
  CHECK(ask.ask == "to pay at a link");
  CHECK(ask.words == "pay the attached invoice");
  // Without a link, the same words ask nothing the rule reads.
  ask = ReadPaymentAsk(PlainText("Please pay the attached invoice by Friday."));
  CHECK(ask.ask.empty());
  // A change of details outranks a payment.
  ask = ReadPaymentAsk(
      PlainText("Please pay the invoice to our new bank account: https://pay.txi.com/i/1"));
  CHECK(ask.ask == "to change remittance or bank details");
}

TEST_CASE("ReadPaymentAsk: what is not a payment ask", "[payment_ask]") {
  // Signing and returning, an invoice for information, an account that is
  // not money's, and a bank named without a change.
  for (const std::string_view text :
       {"Please sign and return the enclosed agreement: https://docs.txi.com/a/1",
        "Please find attached our invoice for March, for your records.",
        "I have opened a new account on the trading system: https://txi.com/t",
        "Our bank details are unchanged; the statement is at https://txi.com/s",
        "The new bank holiday schedule is attached.",
        "Utilities could not settle generator bills: https://news.example.com/crisis",
        // A change denied.
        "There is no change to our bank details: https://txi.com/s",
        "Our bank details have not changed; the statement is at https://txi.com/s",
        "We have not changed banks."}) {
    INFO(text);
    const PaymentAsk ask = ReadPaymentAsk(PlainText(text));
    CHECK(ask.ask.empty());
    CHECK(ask.words.empty());
  }
}

TEST_CASE("ReadPaymentAsk: quoted lines and text past the bound are not read", "[payment_ask]") {
  PaymentAsk ask =
      ReadPaymentAsk(PlainText("Thanks, done.\n\n> Please note our new bank details below.\n"));
  CHECK(ask.ask.empty());
  ask = ReadPaymentAsk(
      PlainText(std::string(kPaymentAskBytes, 'x') + " Please note our new bank details below."));
  CHECK(ask.ask.empty());
  // A bound inside a UTF-8 sequence keeps the text whole characters.
  Message cut = PlainText("x");
  cut.subject = std::string(kPaymentAskBytes - 6, 'x') + " new \xc3\xa9";
  cut.text_body = "bank details";
  ask = ReadPaymentAsk(cut);
  CHECK(ask.words == "new bank details");
  // Tags are not words: a style rule or an attribute asks nothing.
  ask = ReadPaymentAsk(
      Html("<style>.new-bank-details{}</style><p class=\"new bank details\">Hi</p>"));
  CHECK(ask.ask.empty());
}

}  // namespace
}  // namespace rapport
