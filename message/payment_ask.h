#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "message/message.h"

namespace rapport {

// What a message asks about payment, read from the words a reader sees: a
// change of where money goes ("new remittance details", "update our bank
// details", "we have changed banks", "new payment instructions"), else a
// request to pay at a link ("pay the invoice" with a link in the message).
// A supplier's invoice sent for information asks neither, nor does "please
// sign and return": what payment-diversion fraud must say, whether it names
// the new account (message/payment_coordinates.h) or keeps it on a page of
// its own, is that payment should go somewhere new. Read in English,
// German, Spanish, Portuguese, French, Italian and Dutch, accented and
// unaccented spellings alike (AskWords, message/ask_words.h).

// One payment ask.
struct PaymentAsk {
  // What the reader is asked, to follow "asks": "to change remittance or
  // bank details", "to pay at a link". Empty when the text asks neither.
  std::string_view ask;
  // The words as written, lower-cased and joined by one space ("new
  // remittance details", "pay the invoice"), for the evidence.
  std::string words;
};

// The strongest payment ask in `message`'s subject and first
// kPaymentAskBytes of body text, read from at most 4 * kPaymentAskBytes
// bytes of the body (the plain text, lines quoted with '>' skipped; else
// the HTML as HtmlShownText() shows it), cut only between characters. A
// change of details, the stronger, is a word of change ("new", "updated",
// "changed", "revised", "amended", "different"; "nuevos", "novos",
// "nouvelles", "neue", "nuove", "nieuwe"...) followed within three words
// by a word of money ("remittance", "bank", "payment", "wire") and what is
// kept of it, next or one word on ("details", "instructions", "account",
// "coordinates"), or, outside English, what is kept before the money
// ("datos bancarios", "instrucciones de pago", "coordonnées bancaires") or
// both in one word ("Bankverbindung", "bankgegevens"); or those followed
// within three words by a word of change ("change", "changed", "ha
// cambiado", "foram alterados", "hat sich geändert"); or a change of banks
// ("changed banks", "mudamos de banco", "changé de banque", "Bank
// gewechselt"); none of them denied ("no", "not", "never", "nothing",
// "não", "pas", "nicht", "geen"... among or just before them). A request
// to pay is "pay", "remit" or "settle" (or a translation) followed within
// three words by "invoice" or "balance" ("pague la factura"), or in German
// and Dutch such an object followed within three words by the infinitive
// ("die Rechnung zu bezahlen"), counted only when the message has a link.
// The word lists are payment_ask.cc's. Empty `ask` when none. Linear in
// the bytes read, which the bounds cap whatever the message holds.
PaymentAsk ReadPaymentAsk(const Message& message);

inline constexpr size_t kPaymentAskBytes = 4096;

}  // namespace rapport
