#include "message/payment_ask.h"

#include <catch2/catch.hpp>
#include <utility>

#include "message/utf8.h"
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

TEST_CASE("ReadPaymentAsk: a change of details beyond English", "[payment_ask]") {
  for (const auto& [text, words] : {
           // Spanish: what is kept before the money, the change before or after.
           std::pair{"Le informamos de nuestros nuevos datos bancarios.", "nuevos datos bancarios"},
           std::pair{"Nuestra cuenta bancaria ha cambiado.", "cuenta bancaria ha cambiado"},
           std::pair{"Por favor, use las nuevas instrucciones de pago.",
                     "nuevas instrucciones de pago"},
           std::pair{"Hemos cambiado de banco.", "cambiado de banco"},
           // Portuguese.
           std::pair{"Seguem os novos dados bancários para pagamento.", "novos dados bancários"},
           std::pair{"Nossos dados bancários foram alterados.", "dados bancários foram alterados"},
           std::pair{"Mudamos de banco este mês.", "mudamos de banco"},
           // French, with and without its accents.
           std::pair{"Veuillez noter nos nouvelles coordonnées bancaires.",
                     "nouvelles coordonnées bancaires"},
           std::pair{"Veuillez noter nos nouvelles coordonnees bancaires.",
                     "nouvelles coordonnees bancaires"},
           std::pair{"Nos coordonnées bancaires ont changé.", "coordonnées bancaires ont changé"},
           std::pair{"Mettez à jour vos coordonnées bancaires.",
                     "à jour vos coordonnées bancaires"},
           // German: money and what is kept of it in one word.
           std::pair{"Bitte beachten Sie unsere neue Bankverbindung.", "neue bankverbindung"},
           std::pair{"Unsere Bankverbindung hat sich geändert.",
                     "bankverbindung hat sich geändert"},
           std::pair{"Unsere Bankverbindung hat sich geaendert.",
                     "bankverbindung hat sich geaendert"},
           std::pair{"Wir haben die Bank gewechselt.", "bank gewechselt"},
           std::pair{"Ändern Sie Ihre Bankverbindung bis Freitag.",
                     "ändern sie ihre bankverbindung"},
           // Italian.
           std::pair{"Vi comunichiamo le nuove coordinate bancarie.", "nuove coordinate bancarie"},
           std::pair{"I nostri estremi bancari sono cambiati.", "estremi bancari sono cambiati"},
           // Dutch.
           std::pair{"Let op: onze nieuwe bankgegevens staan hieronder.", "nieuwe bankgegevens"},
           std::pair{"Onze bankgegevens zijn gewijzigd.", "bankgegevens zijn gewijzigd"},
           std::pair{"Wijzig uw bankgegevens voor de volgende betaling.", "wijzig uw bankgegevens"},
       }) {
    INFO(text);
    const PaymentAsk ask = ReadPaymentAsk(PlainText(text));
    CHECK(ask.ask == "to change remittance or bank details");
    CHECK(ask.words == words);
  }
  // Capitals in the subject, lower-cased beyond ASCII.
  PaymentAsk ask = ReadPaymentAsk(PlainText("Ver abajo.", "NUEVOS DATOS BANCARIOS"));
  CHECK(ask.words == "nuevos datos bancarios");
  ask = ReadPaymentAsk(PlainText("Siehe unten.", "ÄNDERUNG DER BANKVERBINDUNG"));
  CHECK(ask.words == "änderung der bankverbindung");
  CHECK(IsUtf8(ask.words));
}

TEST_CASE("ReadPaymentAsk: a request to pay at a link beyond English", "[payment_ask]") {
  for (const auto& [text, words] : {
           std::pair{"Pague la factura en https://pay.txi.com/i/1 hoy.", "pague la factura"},
           std::pair{"Pague o boleto em https://pay.txi.com/i/1", "pague o boleto"},
           std::pair{"Veuillez régler la facture : https://pay.txi.com/i/1", "régler la facture"},
           std::pair{"Bitte begleichen Sie die Rechnung unter https://pay.txi.com/i/1",
                     "begleichen sie die rechnung"},
           // German and Dutch: the infinitive last.
           std::pair{"Bitte die Rechnung heute bezahlen: https://pay.txi.com/i/1",
                     "rechnung heute bezahlen"},
           std::pair{"Paghi la fattura qui: https://pay.txi.com/i/1", "paghi la fattura"},
           std::pair{"Gelieve de factuur te betalen via https://pay.txi.com/i/1",
                     "factuur te betalen"},
       }) {
    INFO(text);
    const PaymentAsk ask = ReadPaymentAsk(PlainText(text));
    CHECK(ask.ask == "to pay at a link");
    CHECK(ask.words == words);
  }
  // Without a link, none.
  CHECK(ReadPaymentAsk(PlainText("Pague la factura antes del viernes.")).ask.empty());
}

TEST_CASE("ReadPaymentAsk: what business mail writes beyond English asks nothing",
          "[payment_ask]") {
  for (const std::string_view text : {
           "Actualizamos nuestra política de privacidad: https://txi.com/p",
           "Adjuntamos su cuenta de resultados del trimestre: https://txi.com/r",
           "Rechnung im Anhang: https://txi.com/r",
           "Die Zahlen der Rechnung stehen unter https://txi.com/r",
           "Découvrez notre nouveau site web : https://txi.com/w",
           "Atenciosamente,\nJoão Silva\nBanco do Brasil - conta corrente 12345-6\n"
           "https://txi.com/w",
           "Le nuove tariffe di pagamento sono online: https://txi.com/t",
           // "jour" is a change only after "à".
           "Chaque jour, nos coordonnées bancaires reçoivent vos virements.",
           "Unsere neue Adresse finden Sie unter https://txi.com/a",
           // A change denied.
           "Nuestros datos bancarios no han cambiado.",
           "Os dados bancários não foram alterados.",
           "Nos coordonnées bancaires n'ont pas changé.",
           "Ne mettez pas à jour vos coordonnées bancaires sans nous appeler.",
           "Unsere Bankverbindung hat sich nicht geändert.",
           "Le nostre coordinate bancarie non sono cambiate.",
           "Onze bankgegevens zijn niet gewijzigd.",
           // English words of other languages' lists ask nothing new in English.
           "The new payment process: coordinate with AP at https://txi.com/a",
           "We pay diverse bank accounts.",
           "It is quite a balance to strike: https://txi.com/b",
           "The payer invoice report is at https://txi.com/b",
       }) {
    INFO(text);
    const PaymentAsk ask = ReadPaymentAsk(PlainText(text));
    CHECK(ask.ask.empty());
    CHECK(ask.words.empty());
  }
}

}  // namespace
}  // namespace rapport
