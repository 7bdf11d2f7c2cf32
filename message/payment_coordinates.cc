#include "message/payment_coordinates.h"

#include <unicode/uloc.h>

#include <algorithm>
#include <array>
#include <cstdint>
#include <cstring>
#include <set>
#include <utility>

#include "message/ascii.h"

namespace rapport {

namespace {

// IBAN lengths by country (the SWIFT IBAN registry): a string of another
// length, or of a country with no IBAN, is not one, whatever its check
// digits say.
constexpr std::pair<std::string_view, size_t> kIbanLengths[] = {
    {"AD", 24}, {"AE", 23}, {"AL", 28}, {"AT", 20}, {"AZ", 28}, {"BA", 20}, {"BE", 16}, {"BG", 22},
    {"BH", 22}, {"BR", 29}, {"BY", 28}, {"CH", 21}, {"CR", 22}, {"CY", 28}, {"CZ", 24}, {"DE", 22},
    {"DK", 18}, {"DO", 28}, {"EE", 20}, {"EG", 29}, {"ES", 24}, {"FI", 18}, {"FO", 18}, {"FR", 27},
    {"GB", 22}, {"GE", 22}, {"GI", 23}, {"GL", 18}, {"GR", 27}, {"GT", 28}, {"HR", 21}, {"HU", 28},
    {"IE", 22}, {"IL", 23}, {"IQ", 23}, {"IS", 26}, {"IT", 27}, {"JO", 30}, {"KW", 30}, {"KZ", 20},
    {"LB", 28}, {"LC", 32}, {"LI", 21}, {"LT", 20}, {"LU", 20}, {"LV", 21}, {"MC", 27}, {"MD", 24},
    {"ME", 22}, {"MK", 19}, {"MR", 27}, {"MT", 31}, {"MU", 30}, {"NL", 18}, {"NO", 15}, {"PK", 24},
    {"PL", 28}, {"PS", 29}, {"PT", 25}, {"QA", 29}, {"RO", 24}, {"RS", 22}, {"SA", 24}, {"SC", 31},
    {"SE", 24}, {"SI", 19}, {"SK", 24}, {"SM", 27}, {"ST", 25}, {"SV", 28}, {"TL", 23}, {"TN", 24},
    {"TR", 26}, {"UA", 29}, {"VA", 22}, {"VG", 24}, {"XK", 20},
};

// How far from a routing number or a BIC its account number may be written
// ("routing 021000021, account 12345678"; "Account: 12345678 / ABA:
// 021000021"), and how close before an account number the word that
// introduces it.
constexpr size_t kAccountWindow = 60;
constexpr size_t kAccountCueWindow = 24;
// How close before a BIC the word "SWIFT" or "BIC".
constexpr size_t kBicCueWindow = 24;
// Account numbers: long enough not to be a quantity or a year, no longer
// than the longest US account number.
constexpr size_t kMinAccountDigits = 6;
// The bytes of a part read: a payment instruction stands near the top of
// the message it is in, above the quoted thread and the signature, so the
// tail of a long newsletter or report is not worth reading on the answer
// path.
constexpr size_t kMaxPartBytesRead = 16 * 1024;
constexpr size_t kMaxAccountDigits = 17;

bool IsUpper(char c) { return c >= 'A' && c <= 'Z'; }
bool IsUpperAlnum(char c) { return IsUpper(c) || IsAsciiDigit(c); }

// The words that introduce an account number ("Account:", "acct #",
// "A/C", "acc. no"), lower-case.
constexpr std::string_view kAccountCues[] = {"account", "acct", "a/c", "acc.", "acc:", "acc no"};

// True when an account cue starts at `i` of `text`.
bool AccountCueAt(std::string_view text, size_t i) {
  if (i + 2 >= text.size() || AsciiLower(text[i]) != 'a') return false;
  const char next = AsciiLower(text[i + 1]);
  if (next != 'c' && next != '/') return false;  // every cue goes on with one of them
  for (std::string_view cue : kAccountCues) {
    if (StartsWithNoCase(text.substr(i), cue)) return true;
  }
  return false;
}

size_t IbanLength(std::string_view country) {
  for (const auto& [code, length] : kIbanLengths) {
    if (code == country) return length;
  }
  return 0;
}

// The remainder mod 97 of the number the IBAN convention reads from
// `text`: a digit as itself, a letter as 10 (A) to 35 (Z).
unsigned Mod97(std::string_view text) {
  unsigned remainder = 0;
  for (char c : text) {
    if (IsAsciiDigit(c)) {
      remainder = (remainder * 10 + static_cast<unsigned>(c - '0')) % 97;
    } else {
      remainder = (remainder * 100 + static_cast<unsigned>(c - 'A' + 10)) % 97;
    }
  }
  return remainder;
}

// ISO 3166 country codes, from ICU's region list.
bool IsCountryCode(std::string_view code) {
  static const std::set<std::string, std::less<>> kCountries = [] {
    std::set<std::string, std::less<>> countries;
    for (const char* const* c = uloc_getISOCountries(); c != nullptr && *c != nullptr; ++c) {
      countries.emplace(*c);
    }
    return countries;
  }();
  return kCountries.find(code) != kCountries.end();
}

int Digit(char c) { return c - '0'; }

int RoutingChecksum(std::string_view d) {
  return 3 * (Digit(d[0]) + Digit(d[3]) + Digit(d[6])) +
         7 * (Digit(d[1]) + Digit(d[4]) + Digit(d[7])) + (Digit(d[2]) + Digit(d[5]));
}

bool AllDigits(std::string_view text) {
  return std::all_of(text.begin(), text.end(), IsAsciiDigit);
}

std::string LastFour(std::string_view account) {
  return std::string(account.substr(account.size() - std::min<size_t>(account.size(), 4)));
}

// The text of one part as the reader sees it, for the scan: quoted lines
// and blockquotes left out, tags and entities turned into spaces. Copies
// whole runs of text, so that a long part costs little more than a copy.
std::string ReadableText(std::string_view text, PaymentText kind) {
  std::string out;
  out.reserve(text.size());
  size_t i = 0;
  if (kind == PaymentText::kPlain) {
    while (i < text.size()) {
      size_t end = text.find('\n', i);
      if (end == std::string_view::npos) end = text.size();
      std::string_view line = text.substr(i, end - i);
      if (TrimAsciiSpace(line).substr(0, 1) != ">") out.append(line).push_back('\n');
      i = end + 1;
    }
    return out;
  }
  size_t next_tag = text.find('<');
  size_t next_entity = text.find('&');
  while (i < text.size()) {
    if (next_tag < i) next_tag = text.find('<', i);
    if (next_entity < i) next_entity = text.find('&', i);
    const size_t stop = std::min({next_tag, next_entity, text.size()});
    out.append(text.substr(i, stop - i));
    i = stop;
    if (i == text.size()) break;
    if (i == next_tag) {
      if (StartsWithNoCase(text.substr(i), "<blockquote")) {
        const size_t close = FindNoCase(text, "</blockquote", i);
        i = close == std::string_view::npos ? text.size() : close;
      }
      const size_t end = text.find('>', i);
      i = end == std::string_view::npos ? text.size() : end + 1;
    } else {
      const size_t end = text.find(';', i);
      i = end == std::string_view::npos || end - i > 10 ? i + 1 : end + 1;
    }
    out.push_back(' ');
  }
  return out;
}

// The first byte b from `p` on with ((b | fold) ^ base) < n, or `end`:
// eight bytes at a time while none of them is one, which is most of a
// text and nearly all of an HTML part's markup. Bytes from 0x80 up (UTF-8)
// never match for base and n below 0x80.
const char* FindByteClass(const char* p, const char* end, uint8_t fold, uint8_t base, uint8_t n) {
  constexpr uint64_t kOnes = 0x0101010101010101ULL;
  while (end - p >= 8) {
    uint64_t word = 0;
    std::memcpy(&word, p, sizeof(word));
    const uint64_t x = (word | (kOnes * fold)) ^ (kOnes * base);
    // Whether a byte of x is below n: exact for "any" (n <= 128).
    if (((x - kOnes * n) & ~x & (kOnes * 0x80)) != 0) break;
    p += 8;
  }
  while (p != end && static_cast<uint8_t>((static_cast<uint8_t>(*p) | fold) ^ base) >= n) ++p;
  return p;
}

const char* NextDigit(const char* p, const char* end) { return FindByteClass(p, end, 0, '0', 10); }
// An 'a' or 'A', which every account cue starts with.
const char* NextA(const char* p, const char* end) { return FindByteClass(p, end, 0x20, 'a', 1); }

// Whether `text` may hold a coordinate, read cheaply: an IBAN starts a
// word with two capitals and two digits; any other coordinate needs an
// account number (six digits or more in a row) and a word that introduces
// it. Phone numbers, dates and amounts pass neither. Every coordinate
// holds two digits in a row, so the first pass skips to digit runs and
// looks around them only; the cues are looked for only in a text with an
// account-length run.
bool MayHoldCoordinates(std::string_view text) {
  const char* const begin = text.data();
  const char* const end = begin + text.size();
  bool long_run = false;
  for (const char* p = NextDigit(begin, end); p != end; p = NextDigit(p, end)) {
    const size_t start = static_cast<size_t>(p - begin);
    while (p != end && IsAsciiDigit(*p)) ++p;
    const size_t run = static_cast<size_t>(p - begin) - start;
    if (run >= 2 && start >= 2 && IsUpper(text[start - 2]) && IsUpper(text[start - 1]) &&
        (start == 2 || !IsAsciiAlnum(text[start - 3]))) {
      return true;
    }
    long_run |= run >= kMinAccountDigits;
  }
  if (!long_run) return false;
  for (const char* p = NextA(begin, end); p != end; p = NextA(p + 1, end)) {
    if (AccountCueAt(text, static_cast<size_t>(p - begin))) return true;
  }
  return false;
}

// One scan of one readable text.
class CoordinateScanner {
 public:
  CoordinateScanner(std::string_view text, size_t max, std::vector<PaymentCoordinate>* out)
      : text_(text), max_(max), out_(out) {}

  void Scan() {
    size_t i = 0;
    while (i < text_.size() && out_->size() < max_) {
      if (!IsAsciiAlnum(text_[i])) {
        ++i;
        continue;
      }
      const size_t word_end = WordEnd(i);
      const size_t next = ReadIban(i);
      if (next != i) {
        i = next;
      } else {
        const size_t length = word_end - i;
        if (length == 9) ReadRoutingNumber(i, word_end);
        if (length == 8 || length == 11) ReadBic(i, word_end);
        i = word_end;
      }
    }
  }

 private:
  size_t WordEnd(size_t i) const {
    while (i < text_.size() && IsAsciiAlnum(text_[i])) ++i;
    return i;
  }

  // An IBAN starting at `i`, written whole or in groups of four separated
  // by one space; the position after it, or `i` when there is none.
  size_t ReadIban(size_t i) {
    if (i + 4 > text_.size() || !IsUpper(text_[i]) || !IsUpper(text_[i + 1]) ||
        !IsAsciiDigit(text_[i + 2]) || !IsAsciiDigit(text_[i + 3])) {
      return i;
    }
    const size_t length = IbanLength(text_.substr(i, 2));
    if (length == 0) return i;
    std::string iban;
    size_t j = i;
    while (iban.size() < length && j < text_.size()) {
      if (IsUpperAlnum(text_[j])) {
        iban.push_back(text_[j++]);
      } else if (text_[j] == ' ' && iban.size() % 4 == 0 && j + 1 < text_.size() &&
                 IsUpperAlnum(text_[j + 1])) {
        ++j;
      } else {
        break;
      }
    }
    if (iban.size() != length || (j < text_.size() && IsAsciiAlnum(text_[j]))) return i;
    if (!IsValidIban(iban)) return i;
    Add({PaymentCoordinateKind::kIban, iban,
         "IBAN " + iban.substr(0, 2) + ".. ending " + LastFour(iban)});
    return j;
  }

  // A whole word of digits of account-number length, within kAccountWindow
  // of [from, to) and introduced as an account; empty when there is none.
  std::string_view AccountNear(size_t from, size_t to) const {
    const size_t begin = from > kAccountWindow ? from - kAccountWindow : 0;
    const size_t end = std::min(text_.size(), to + kAccountWindow);
    std::string_view before;
    for (size_t i = begin; i < end;) {
      if (!IsAsciiAlnum(text_[i])) {
        ++i;
        continue;
      }
      const size_t word_end = WordEnd(i);
      std::string_view word = text_.substr(i, word_end - i);
      if ((i < from || i >= to) && (i == 0 || !IsAsciiAlnum(text_[i - 1])) && AllDigits(word) &&
          word.size() >= kMinAccountDigits && word.size() <= kMaxAccountDigits &&
          IntroducedAsAccount(i)) {
        if (i >= to) return word;  // the nearest after wins
        before = word;             // else the nearest before
      }
      i = word_end;
    }
    return before;
  }

  bool IntroducedAsAccount(size_t at) const {
    for (size_t i = at > kAccountCueWindow ? at - kAccountCueWindow : 0; i < at; ++i) {
      if (AccountCueAt(text_, i)) return true;
    }
    return false;
  }

  void ReadRoutingNumber(size_t i, size_t word_end) {
    std::string_view routing = text_.substr(i, word_end - i);
    if (!IsValidRoutingNumber(routing)) return;
    std::string_view account = AccountNear(i, word_end);
    if (account.empty()) return;
    Add({PaymentCoordinateKind::kRoutingAccount, std::string(routing) + "/" + std::string(account),
         "routing " + std::string(routing) + ", account ending " + LastFour(account)});
  }

  void ReadBic(size_t i, size_t word_end) {
    std::string_view bic = text_.substr(i, word_end - i);
    if (!IsValidBic(bic)) return;
    const size_t begin = i > kBicCueWindow ? i - kBicCueWindow : 0;
    std::string_view lead = text_.substr(begin, i - begin);
    if (FindNoCase(lead, "swift", 0) == std::string_view::npos &&
        FindNoCase(lead, "bic", 0) == std::string_view::npos) {
      return;
    }
    std::string_view account = AccountNear(i, word_end);
    if (account.empty()) return;
    std::string bank(bic);
    if (bank.size() == 8) bank += "XXX";  // the head office's branch code
    Add({PaymentCoordinateKind::kBicAccount, bank + "/" + std::string(account),
         "BIC " + std::string(bic) + ", account ending " + LastFour(account)});
  }

  void Add(PaymentCoordinate coordinate) {
    for (const PaymentCoordinate& known : *out_) {
      if (known.kind == coordinate.kind && known.account == coordinate.account) return;
    }
    if (out_->size() < max_) out_->push_back(std::move(coordinate));
  }

  std::string_view text_;
  size_t max_;
  std::vector<PaymentCoordinate>* out_;
};

}  // namespace

bool IsValidIban(std::string_view iban) {
  if (iban.size() < 5 || !IsUpper(iban[0]) || !IsUpper(iban[1]) || !IsAsciiDigit(iban[2]) ||
      !IsAsciiDigit(iban[3]) || !std::all_of(iban.begin(), iban.end(), IsUpperAlnum)) {
    return false;
  }
  if (IbanLength(iban.substr(0, 2)) != iban.size()) return false;
  std::string rearranged(iban.substr(4));
  rearranged.append(iban.substr(0, 4));
  return Mod97(rearranged) == 1;
}

std::string IbanCheckDigits(std::string_view country, std::string_view bban) {
  std::string rearranged(bban);
  rearranged.append(country).append("00");
  const unsigned check = 98 - Mod97(rearranged);
  return {static_cast<char>('0' + check / 10), static_cast<char>('0' + check % 10)};
}

bool IsValidRoutingNumber(std::string_view routing) {
  if (routing.size() != 9 || !AllDigits(routing)) return false;
  const int prefix = Digit(routing[0]) * 10 + Digit(routing[1]);
  const bool federal_reserve = (prefix >= 1 && prefix <= 12) || (prefix >= 21 && prefix <= 32) ||
                               (prefix >= 61 && prefix <= 72) || prefix == 80;
  return federal_reserve && (RoutingChecksum(routing) + Digit(routing[8])) % 10 == 0;
}

char RoutingCheckDigit(std::string_view first8) {
  if (first8.size() != 8 || !AllDigits(first8)) return '\0';
  return static_cast<char>('0' + (10 - RoutingChecksum(first8) % 10) % 10);
}

bool IsValidBic(std::string_view bic) {
  if (bic.size() != 8 && bic.size() != 11) return false;
  if (!std::all_of(bic.begin(), bic.begin() + 6, IsUpper)) return false;
  if (!std::all_of(bic.begin() + 6, bic.end(), IsUpperAlnum)) return false;
  return IsCountryCode(bic.substr(4, 2));
}

void ExtractPaymentCoordinates(std::string_view text, PaymentText kind, size_t max,
                               std::vector<PaymentCoordinate>* out) {
  text = text.substr(0, kMaxPartBytesRead);
  if (out->size() >= max || !MayHoldCoordinates(text)) return;
  const std::string readable = ReadableText(text, kind);
  if (MayHoldCoordinates(readable)) CoordinateScanner(readable, max, out).Scan();
}

}  // namespace rapport
