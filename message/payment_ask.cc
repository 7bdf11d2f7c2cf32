#include "message/payment_ask.h"

#include <array>
#include <cstdint>
#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "message/ascii.h"
#include "message/ask_words.h"
#include "message/utf8.h"

namespace rapport {

namespace {

constexpr std::string_view kChangeDetails = "to change remittance or bank details";
constexpr std::string_view kPayAtLink = "to pay at a link";

// How far apart the words of one ask may stand.
constexpr size_t kAskSpan = 3;

// The lists' bits (WordRoles).
// A word of change before the money and what is kept of it.
constexpr uint32_t kChange = 1u << 0;
// A word of change after them: "our remittance details will change",
// "nuestra cuenta bancaria ha cambiado", "unsere Bankverbindung hat sich
// geändert".
constexpr uint32_t kChanged = 1u << 1;
// A word of money before what is kept of it: "bank details", "Bank-Daten".
constexpr uint32_t kMoney = 1u << 2;
// What is kept of money: after it in English, before it elsewhere.
constexpr uint32_t kKept = 1u << 3;
// What is kept of money that an English word spells, read only before a
// word of money after it ("coordinate bancarie"; "new payment process,
// coordinate with AP" asks nothing).
constexpr uint32_t kKeptBefore = 1u << 4;
// A word of money after what is kept of it: "datos bancarios",
// "instrucciones de pago", "coordonnées bancaires", "estremi bancari".
constexpr uint32_t kMoneyAfter = 1u << 5;
// Money and what is kept of it in one word: German and Dutch compounds.
constexpr uint32_t kMoneyKept = 1u << 6;
// Changing banks: a word of changing, perhaps an of-word, then a bank:
// "cambiado de banco", "mudamos de banco", "changé de banque", "cambiato
// banca" (and kBankChangedPairs).
constexpr uint32_t kBankChange = 1u << 7;
constexpr uint32_t kBank = 1u << 8;
constexpr uint32_t kOf = 1u << 9;
// Pay, then within kAskSpan words what is paid: an invoice or what is owed
// on one. Not "bill" nor "amount": news and chat pay bills ("settle
// generator bills", "pay that amount"; Enron inbound and easy_ham, branch
// lookalike13).
constexpr uint32_t kPayVerb = 1u << 10;
// German and Dutch also put the infinitive last: "die Rechnung zu
// bezahlen", "de factuur te betalen".
constexpr uint32_t kPayVerbLast = 1u << 11;
constexpr uint32_t kPayObject = 1u << 12;
// Words that deny a change standing among its words or just before them:
// "no change to our bank details", "our bank details have not changed",
// "nuestros datos bancarios no han cambiado".
constexpr uint32_t kDenial = 1u << 13;
// A word of change after "a" (French "mettez à jour", "mise à jour": an
// update), and nothing alone ("chaque jour").
constexpr uint32_t kChangeAfterA = 1u << 14;

// The word lists of each language, written without accents (AskWords::Key()).
// Each was read for words that business mail writes without asking
// anything; what they ask is in their order (a word of change, then money
// and what is kept of it), never in one word alone: "cuenta" is any
// account or bill, "actualizamos" any update, "Rechnung im Anhang" an
// invoice sent. No word English spells changes what English text asks: not
// French "payer" ("the payer's invoice"), "changes", "modifies" nor
// "modification", Portuguese "quite" ("quite a balance"), Italian "diverse"
// ("diverse bank accounts"), German "zahlen" (figures: "die Zahlen der
// Rechnung").
constexpr RoleWords kEnglish[] = {
    {kChange, "new updated update change changed changing revised amended different"},
    {kChanged, "change changed"},
    {kMoney, "remittance bank banking payment payments wire"},
    {kKept, "details instructions information info account accounts coordinates"},
    {kPayVerb, "pay remit settle"},
    {kPayObject, "invoice invoices balance"},
    {kDenial, "no not never nothing"},
};
// German written without umlauts spells "ä" "ae": both are listed.
constexpr RoleWords kGerman[] = {
    {kChange,
     "neue neuen neuer neues geandert geanderte geanderten geaendert geaenderte geaenderten "
     "aktualisiert aktualisierte aktualisierten aktualisieren anderung aenderung andern aendern"},
    {kChanged, "geandert geaendert"},
    {kMoney, "bank"},
    {kKept, "daten angaben konto informationen"},
    {kMoneyKept,
     "bankverbindung bankverbindungen kontoverbindung bankdaten kontodaten bankkonto "
     "zahlungsinformationen zahlungsdaten"},
    {kPayVerb | kPayVerbLast, "bezahlen begleichen"},
    {kPayObject, "rechnung rechnungen"},
    {kDenial, "nicht kein keine keinen keiner nie niemals"},
};
constexpr RoleWords kSpanish[] = {
    {kChange,
     "nuevo nueva nuevos nuevas actualizado actualizada actualizados actualizadas actualizar "
     "actualice cambio cambiado cambiada cambiados cambiadas cambiar modificado modificada "
     "modificados modificadas diferente diferentes cambie modifique modificar actualicen"},
    {kChanged,
     "cambiado cambiada cambiados cambiadas cambiaron cambio modificado modificada modificados "
     "modificadas"},
    {kKept, "datos detalles instrucciones informacion cuenta cuentas coordenadas"},
    {kMoneyAfter, "bancario bancaria bancarios bancarias banco pago pagos transferencia"},
    {kBankChange, "cambiado cambiamos cambiar cambio"},
    {kBank, "banco"},
    {kOf, "de"},
    {kPayVerb, "pagar pague paguen abonar abone liquidar liquide"},
    {kPayObject, "factura facturas saldo"},
    {kDenial, "no nunca ningun ninguna nada"},
};
constexpr RoleWords kPortuguese[] = {
    {kChange,
     "novo nova novos novas atualizado atualizada atualizados atualizadas atualizar atualize "
     "alterado alterada alterados alteradas alteracao alterar mudanca diferente diferentes altere "
     "mude mudar atualizem"},
    {kChanged, "mudou mudaram mudado alterado alterada alterados alteradas alterou alteraram"},
    {kKept, "dados detalhes instrucoes informacoes informacao conta contas coordenadas"},
    {kMoneyAfter, "bancario bancaria bancarios bancarias banco pagamento pagamentos transferencia"},
    {kBankChange, "mudamos mudou mudar mudanca"},
    {kBank, "banco"},
    {kOf, "de"},
    {kPayVerb, "pagar pague quitar liquidar liquide"},
    {kPayObject, "fatura faturas boleto boletos saldo"},
    {kDenial, "nao nunca nenhum nenhuma nada"},
};
constexpr RoleWords kFrench[] = {
    {kChange,
     "nouveau nouvel nouvelle nouveaux nouvelles changement modifie modifiee modifiees "
     "differente differentes modifiez changez"},
    {kChangeAfterA, "jour"},
    {kChanged, "change changee changees modifie modifiee modifiees"},
    {kKept, "coordonnees informations details instructions compte comptes"},
    {kMoneyAfter, "bancaire bancaires banque paiement paiements virement virements"},
    {kBankChange, "change changeons changer changement"},
    {kBank, "banque"},
    {kOf, "de"},
    {kPayVerb, "payez regler reglez acquitter acquittez"},
    {kPayObject, "facture factures solde"},
    {kDenial, "pas jamais aucun aucune rien"},
};
constexpr RoleWords kItalian[] = {
    {kChange,
     "nuovo nuova nuovi nuove aggiornato aggiornata aggiornati aggiornate aggiornare aggiorna "
     "cambiato cambiata cambiati cambiate modificato modificata modificati modificate modifica "
     "variazione diverso diversa diversi cambia cambiare"},
    {kChanged,
     "cambiato cambiata cambiati cambiate modificato modificata modificati modificate variato "
     "variata variati"},
    {kKept, "dati estremi conto informazioni istruzioni dettagli"},
    {kKeptBefore, "coordinate"},
    {kMoneyAfter, "bancario bancari bancaria bancarie banca pagamento pagamenti bonifico"},
    {kBankChange, "cambiato cambiamo cambiare"},
    {kBank, "banca"},
    {kOf, "di"},
    {kPayVerb, "pagare paga paghi pagate saldare salda saldate"},
    {kPayObject, "fattura fatture saldo"},
    {kDenial, "non mai nessun nessuna nessuno niente"},
};
constexpr RoleWords kDutch[] = {
    {kChange,
     "nieuw nieuwe gewijzigd gewijzigde wijziging veranderd veranderde aangepast aangepaste "
     "bijgewerkt bijgewerkte wijzig wijzigen bijwerken verander veranderen"},
    {kChanged, "gewijzigd veranderd"},
    {kMoney, "bank"},
    {kKept, "gegevens rekening informatie instructies"},
    {kMoneyAfter, "betaling betalingen"},
    {kMoneyKept, "bankgegevens bankrekening bankrekeningnummer betaalgegevens rekeninggegevens"},
    {kPayVerb, "betaal voldoe"},
    {kPayVerb | kPayVerbLast, "betalen voldoen"},
    {kPayObject, "factuur facturen saldo"},
    {kDenial, "niet geen nooit niets"},
};
// Two words that change banks by themselves: English, and German "wir
// haben die Bank gewechselt".
constexpr std::pair<std::string_view, std::string_view> kBankChangedPairs[] = {
    {"changed", "banks"},  // English
    {"changing", "banks"},
    {"bank", "gewechselt"},  // German
};

const WordRoles& PaymentAskRoles() {
  static const WordRoles* const roles =
      new WordRoles(kEnglish, kGerman, kSpanish, kPortuguese, kFrench, kItalian, kDutch);
  return *roles;
}

// Where money and what is kept of it, starting at `i`, end: "bank
// details", "bank account details", "datos bancarios", "instrucciones de
// pago", "Bankverbindung"; nothing when none starts there.
std::optional<size_t> MoneyKeptEnd(const std::vector<uint32_t>& roles, size_t i) {
  if (roles[i] & kMoneyKept) return i;
  // "bank account details": the second word may follow one more.
  const uint32_t second = (roles[i] & kMoney)                  ? kKept
                          : (roles[i] & (kKept | kKeptBefore)) ? kMoneyAfter
                                                               : 0;
  if (second == 0) return std::nullopt;
  for (size_t j = i + 1; j < roles.size() && j <= i + 2; ++j) {
    if (roles[j] & second) return j;
  }
  return std::nullopt;
}

// Whether a word of kDenial stands in words[from, to] or just before it.
bool Denied(const std::vector<uint32_t>& roles, size_t from, size_t to) {
  for (size_t k = from == 0 ? 0 : from - 1; k <= to; ++k) {
    if (roles[k] & kDenial) return true;
  }
  return false;
}

// Where a change of banks starting at `i` ends ("changed banks", "mudamos
// de banco", "Bank gewechselt"); nothing when none starts there.
std::optional<size_t> BankChangeEnd(const AskWords& words, const std::vector<uint32_t>& roles,
                                    size_t i) {
  for (const auto& [first, second] : kBankChangedPairs) {
    if (i + 1 < roles.size() && words.Key(i) == first && words.Key(i + 1) == second) return i + 1;
  }
  if (!(roles[i] & kBankChange)) return std::nullopt;
  size_t bank = i + 1;
  if (bank < roles.size() && (roles[bank] & kOf)) ++bank;
  if (bank < roles.size() && (roles[bank] & kBank)) return bank;
  return std::nullopt;
}

PaymentAsk ChangeAsk(const AskWords& words, const std::vector<uint32_t>& roles) {
  for (size_t i = 0; i < roles.size(); ++i) {
    if (const std::optional<size_t> end = BankChangeEnd(words, roles, i);
        end && !Denied(roles, i, *end)) {
      return {kChangeDetails, JoinedWords(words, i, *end)};
    }
    const bool after_a =
        !(roles[i] & kChange) && (roles[i] & kChangeAfterA) && i > 0 && words.Key(i - 1) == "a";
    if ((roles[i] & kChange) || after_a) {
      // "à jour" begins at "à": "ne mettez pas à jour" is denied by the word before it.
      const size_t start = after_a ? i - 1 : i;
      for (size_t j = i + 1; j < roles.size() && j <= i + kAskSpan; ++j) {
        if (const std::optional<size_t> end = MoneyKeptEnd(roles, j);
            end && !Denied(roles, start, *end)) {
          // "à jour vos coordonnées bancaires": the update quoted whole.
          return {kChangeDetails, JoinedWords(words, start, *end)};
        }
      }
    } else if (const std::optional<size_t> end = MoneyKeptEnd(roles, i); end) {
      // "our remittance details will change"
      for (size_t j = *end + 1; j < roles.size() && j <= *end + kAskSpan; ++j) {
        if ((roles[j] & kChanged) && !Denied(roles, i, j)) {
          return {kChangeDetails, JoinedWords(words, i, j)};
        }
      }
    }
  }
  return {};
}

PaymentAsk PayAsk(const AskWords& words, const std::vector<uint32_t>& roles) {
  for (size_t i = 0; i < roles.size(); ++i) {
    // "pay the invoice", "bezahlen Sie die Rechnung"
    if (roles[i] & kPayVerb) {
      for (size_t j = i + 1; j < roles.size() && j <= i + kAskSpan; ++j) {
        if (roles[j] & kPayObject) return {kPayAtLink, JoinedWords(words, i, j)};
      }
    }
    // "die Rechnung zu bezahlen", "de factuur te betalen"
    if (roles[i] & kPayObject) {
      for (size_t j = i + 1; j < roles.size() && j <= i + kAskSpan; ++j) {
        if (roles[j] & kPayVerbLast) return {kPayAtLink, JoinedWords(words, i, j)};
      }
    }
  }
  return {};
}

// The first `bound` bytes of `s`, fewer when that would cut a UTF-8
// sequence: a word cut short must not join the words of an ask.
std::string_view WholeCharacters(std::string_view s, size_t bound) {
  return s.substr(0, Utf8Prefix(s, bound));
}

// The first `bound` bytes of `text` without its lines quoted with '>',
// read from at most 4 * `bound` bytes: a long quote ends the reading.
std::string Unquoted(std::string_view text, size_t bound) {
  text = WholeCharacters(text, 4 * bound);
  std::string kept;
  while (!text.empty() && kept.size() < bound) {
    const size_t end = text.find('\n');
    const std::string_view line =
        text.substr(0, end == std::string_view::npos ? text.size() : end + 1);
    text.remove_prefix(line.size());
    if (TrimAsciiSpace(line).substr(0, 1) == ">") continue;
    const size_t room = bound - kept.size();
    kept.append(WholeCharacters(line, room));
    if (line.size() > room) break;
  }
  return kept;
}

}  // namespace

PaymentAsk ReadPaymentAsk(const Message& message) {
  std::string text(WholeCharacters(message.subject, kPaymentAskBytes));
  text += "\n\n";
  if (!message.text_body.empty()) {
    text += Unquoted(message.text_body, kPaymentAskBytes);
  } else {
    const std::string shown =
        HtmlShownText(WholeCharacters(message.html_body, 4 * kPaymentAskBytes));
    text += WholeCharacters(shown, kPaymentAskBytes);
  }
  const AskWords words = ReadAskWords(text);
  const std::vector<uint32_t> roles = PaymentAskRoles().Of(words);
  PaymentAsk ask = ChangeAsk(words, roles);
  if (ask.ask.empty() && !message.links.empty()) ask = PayAsk(words, roles);
  return ask;
}

}  // namespace rapport
