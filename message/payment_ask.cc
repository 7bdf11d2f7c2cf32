#include "message/payment_ask.h"

#include <array>
#include <string_view>
#include <vector>

#include "message/ascii.h"
#include "message/link_ask.h"

namespace rapport {

namespace {

constexpr std::string_view kChangeDetails = "to change remittance or bank details";
constexpr std::string_view kPayAtLink = "to pay at a link";

// How far apart the words of one ask may stand.
constexpr size_t kAskSpan = 3;

constexpr std::array<std::string_view, 9> kChangeWords = {
    "new", "updated", "update", "change", "changed", "changing", "revised", "amended", "different"};
constexpr std::array<std::string_view, 6> kMoneyWords = {"remittance", "bank",     "banking",
                                                         "payment",    "payments", "wire"};
constexpr std::array<std::string_view, 7> kKeptWords = {
    "details", "instructions", "information", "info", "account", "accounts", "coordinates"};
constexpr std::array<std::string_view, 3> kPayVerbs = {"pay", "remit", "settle"};
// What is paid: an invoice or what is owed on one. Not "bill" nor
// "amount": news and chat pay bills ("settle generator bills", "pay that
// amount"; Enron inbound and easy_ham, branch lookalike13).
constexpr std::array<std::string_view, 3> kPayObjects = {"invoice", "invoices", "balance"};

// Words that deny a change standing among its words or just before them:
// "no change to our bank details", "our bank details have not changed".
constexpr std::array<std::string_view, 4> kDenials = {"no", "not", "never", "nothing"};

std::string Joined(const std::vector<std::string>& words, size_t from, size_t to) {
  std::string phrase = words[from];
  for (size_t k = from + 1; k <= to; ++k) phrase += " " + words[k];
  return phrase;
}

// Where a word of money followed by what is kept of it ("bank details")
// ends, when one starts at `i`; 0 when none.
size_t MoneyKeptEnd(const std::vector<std::string>& words, size_t i) {
  if (!InWordList(kMoneyWords, words[i])) return 0;
  // "bank account details": the kept word may follow one more.
  for (size_t j = i + 1; j < words.size() && j <= i + 2; ++j) {
    if (InWordList(kKeptWords, words[j])) return j;
  }
  return 0;
}

// Whether a word of kDenials stands in words[from, to] or just before it.
bool Denied(const std::vector<std::string>& words, size_t from, size_t to) {
  for (size_t k = from == 0 ? 0 : from - 1; k <= to; ++k) {
    if (InWordList(kDenials, words[k])) return true;
  }
  return false;
}

PaymentAsk ChangeAsk(const std::vector<std::string>& words) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (InWordList(kChangeWords, words[i])) {
      if ((words[i] == "changed" || words[i] == "changing") && i + 1 < words.size() &&
          words[i + 1] == "banks" && !Denied(words, i, i + 1)) {
        return {kChangeDetails, Joined(words, i, i + 1)};
      }
      for (size_t j = i + 1; j < words.size() && j <= i + kAskSpan; ++j) {
        if (const size_t end = MoneyKeptEnd(words, j); end != 0 && !Denied(words, i, end)) {
          return {kChangeDetails, Joined(words, i, end)};
        }
      }
    } else if (const size_t end = MoneyKeptEnd(words, i); end != 0) {
      // "our remittance details will change"
      for (size_t j = end + 1; j < words.size() && j <= end + kAskSpan; ++j) {
        if ((words[j] == "change" || words[j] == "changed") && !Denied(words, i, j))
          return {kChangeDetails, Joined(words, i, j)};
      }
    }
  }
  return {};
}

PaymentAsk PayAsk(const std::vector<std::string>& words) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (!InWordList(kPayVerbs, words[i])) continue;
    for (size_t j = i + 1; j < words.size() && j <= i + kAskSpan; ++j) {
      if (InWordList(kPayObjects, words[j])) return {kPayAtLink, Joined(words, i, j)};
    }
  }
  return {};
}

// The first `bound` bytes of `s`, fewer when that would cut a UTF-8
// sequence: a word cut short must not join the words of an ask.
std::string_view WholeCharacters(std::string_view s, size_t bound) {
  if (s.size() <= bound) return s;
  size_t cut = bound;
  while (cut > 0 && (static_cast<unsigned char>(s[cut]) & 0xC0) == 0x80) --cut;
  return s.substr(0, cut);
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
  const std::vector<std::string> words = LowerWords(text);
  PaymentAsk ask = ChangeAsk(words);
  if (ask.ask.empty() && !message.links.empty()) ask = PayAsk(words);
  return ask;
}

}  // namespace rapport
