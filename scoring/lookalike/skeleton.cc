#include "scoring/lookalike/skeleton.h"

#include <unicode/uchar.h>
#include <unicode/uscript.h>
#include <unicode/uspoof.h>
#include <unicode/utf16.h>
#include <unicode/utf8.h>

namespace rapport {

namespace {

// Skeletons are computed on bounded text: names are DNS labels or tokens.
constexpr size_t kMaxFoldInput = 256;

char32_t FoldDigit(char32_t c) {
  switch (c) {
    case U'0':
      return U'o';
    case U'1':
      return U'l';
    case U'3':
      return U'e';
    case U'4':
      return U'a';
    case U'5':
      return U's';
    case U'7':
      return U't';
    case U'8':
      return U'b';
    case U'9':
      return U'g';
    case U'|':
      return U'l';
    case U'i':
      return U'l';
    default:
      return c;
  }
}

// Letter pairs that read as one letter; applied after the TR39 skeleton,
// which itself writes m as rn.
char32_t FoldPair(char32_t a, char32_t b) {
  if (a == U'r' && b == U'n') return U'm';
  if (a == U'v' && b == U'v') return U'w';
  if (a == U'c' && b == U'l') return U'd';
  return 0;
}

bool Dropped(char32_t c) {
  if (c == U'-' || c == U'_' || c == U'.') return true;
  int8_t category = u_charType(static_cast<UChar32>(c));
  return category == U_NON_SPACING_MARK || category == U_ENCLOSING_MARK;
}

}  // namespace

std::u32string DecodeUtf8(std::string_view text) {
  std::u32string out;
  out.reserve(text.size());
  int32_t i = 0;
  const int32_t length = static_cast<int32_t>(text.size());
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  while (i < length) {
    UChar32 c;
    U8_NEXT(bytes, i, length, c);
    if (c < 0) return {};
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

std::string EncodeUtf8(std::u32string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char32_t c : text) {
    uint8_t buffer[U8_MAX_LENGTH];
    int32_t n = 0;
    UBool error = false;
    U8_APPEND(buffer, n, U8_MAX_LENGTH, static_cast<UChar32>(c), error);
    if (!error) out.append(reinterpret_cast<const char*>(buffer), static_cast<size_t>(n));
  }
  return out;
}

std::u32string LowerCase(std::u32string_view text) {
  std::u32string out(text);
  for (char32_t& c : out) c = static_cast<char32_t>(u_tolower(static_cast<UChar32>(c)));
  return out;
}

const char* ForeignScriptName(char32_t c) {
  UErrorCode status = U_ZERO_ERROR;
  UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
  if (U_FAILURE(status) || script == USCRIPT_LATIN || script == USCRIPT_COMMON ||
      script == USCRIPT_INHERITED) {
    return "";
  }
  return uscript_getName(script);
}

std::string_view KeyboardNeighbours(char32_t c) {
  // Letters a-z, then digits 0-9.
  static constexpr std::string_view kLetters[26] = {
      "qwsz",   "vghn",   "xdfv",   "erfscx", "34rwds", "rtgdvc", "tyhfbv", "yujgnb", "89oukj",
      "uikhmn", "iolmj",  "opk",    "njk",    "bhjm",   "90pilk", "0ol",    "12wa",   "45tefd",
      "weadzx", "56yrgf", "78iyjh", "cfgb",   "23eqsa", "zsdc",   "67uthg", "asx"};
  static constexpr std::string_view kDigits[10] = {"9po",  "2q",   "13wq", "24ew", "35re",
                                                   "46tr", "57yt", "68uy", "79iu", "80oi"};
  if (c >= U'a' && c <= U'z') return kLetters[c - U'a'];
  if (c >= U'0' && c <= U'9') return kDigits[c - U'0'];
  return {};
}

Status SkeletonMaker::Create(std::unique_ptr<SkeletonMaker>* out) {
  UErrorCode status = U_ZERO_ERROR;
  USpoofChecker* checker = uspoof_open(&status);
  if (U_FAILURE(status)) {
    return Status::Unsupported(std::string("ICU spoof checker unavailable: ") +
                               u_errorName(status));
  }
  out->reset(new SkeletonMaker(checker));
  return Status::Ok();
}

SkeletonMaker::SkeletonMaker(USpoofChecker* checker) : checker_(checker) {}

SkeletonMaker::~SkeletonMaker() { uspoof_close(checker_); }

std::u32string SkeletonMaker::Tr39(const std::u16string& text) const {
  UChar buffer[4 * kMaxFoldInput];
  UErrorCode status = U_ZERO_ERROR;
  int32_t n = uspoof_getSkeleton(checker_, 0, reinterpret_cast<const UChar*>(text.data()),
                                 static_cast<int32_t>(text.size()), buffer,
                                 static_cast<int32_t>(std::size(buffer)), &status);
  if (U_FAILURE(status)) return {};
  std::u32string out;
  for (int32_t i = 0; i < n;) {
    UChar32 c;
    U16_NEXT(buffer, i, n, c);
    out.push_back(static_cast<char32_t>(c));
  }
  return out;
}

std::u32string SkeletonMaker::Fold(std::string_view text) const {
  if (text.size() > kMaxFoldInput) text = text.substr(0, kMaxFoldInput);
  std::u32string decoded = LowerCase(DecodeUtf8(text));
  // TR39 reads the Cyrillic palochka as i; in a name it passes for an l.
  for (char32_t& c : decoded) {
    if (c == U'\u04CF') c = U'l';
  }
  std::u16string utf16;
  for (char32_t c : decoded) {
    if (c > 0xFFFF) {
      utf16.push_back(static_cast<char16_t>(U16_LEAD(c)));
      utf16.push_back(static_cast<char16_t>(U16_TRAIL(c)));
    } else {
      utf16.push_back(static_cast<char16_t>(c));
    }
  }
  std::u32string skeleton = LowerCase(Tr39(utf16));
  std::u32string folded;
  folded.reserve(skeleton.size());
  // Pairs are read after digits become letters but before i becomes l:
  // "cl" and "c1" read as d, "ci" does not.
  char32_t previous = 0;
  for (char32_t c : skeleton) {
    if (Dropped(c)) continue;
    char32_t letter = c == U'i' ? c : FoldDigit(c);
    char32_t pair = FoldPair(previous, letter);
    previous = letter;
    if (pair != 0) {
      folded.back() = pair;
      previous = 0;
      continue;
    }
    folded.push_back(FoldDigit(c));
  }
  return folded;
}

std::u32string SkeletonMaker::FoldCodePoint(char32_t c) const {
  std::u32string one(1, c);
  return Fold(EncodeUtf8(one));
}

ScriptUse SkeletonMaker::Scripts(std::string_view text) {
  UScriptCode seen = USCRIPT_INVALID_CODE;
  bool mixed = false;
  for (char32_t c : DecodeUtf8(text)) {
    if (!u_isalpha(static_cast<UChar32>(c))) continue;
    UErrorCode status = U_ZERO_ERROR;
    UScriptCode script = uscript_getScript(static_cast<UChar32>(c), &status);
    if (U_FAILURE(status) || script == USCRIPT_COMMON || script == USCRIPT_INHERITED) continue;
    if (seen == USCRIPT_INVALID_CODE) {
      seen = script;
    } else if (script != seen) {
      mixed = true;
    }
  }
  if (mixed) return ScriptUse::kMixed;
  if (seen == USCRIPT_INVALID_CODE) return ScriptUse::kNone;
  return seen == USCRIPT_LATIN ? ScriptUse::kLatin : ScriptUse::kSingleOther;
}

}  // namespace rapport
