#include "message/html_entities.h"

#include <cstring>

#include "message/ascii.h"
namespace rapport {

namespace {

struct NamedEntity {
  const char* name;
  char32_t code_point;
  bool legacy;  // also recognised without the trailing ';' in text
};

// The references that occur in real mail; the full HTML list has 2,000+ names
// but anything missing here is simply left as written.
constexpr NamedEntity kNamedEntities[] = {
    {"amp", '&', true},        {"lt", '<', true},         {"gt", '>', true},
    {"quot", '"', true},       {"apos", '\'', false},     {"nbsp", 0xA0, true},
    {"copy", 0xA9, true},      {"reg", 0xAE, true},       {"trade", 0x2122, false},
    {"hellip", 0x2026, false}, {"mdash", 0x2014, false},  {"ndash", 0x2013, false},
    {"lsquo", 0x2018, false},  {"rsquo", 0x2019, false},  {"ldquo", 0x201C, false},
    {"rdquo", 0x201D, false},  {"bull", 0x2022, false},   {"middot", 0xB7, true},
    {"euro", 0x20AC, false},   {"pound", 0xA3, true},     {"yen", 0xA5, true},
    {"cent", 0xA2, true},      {"sect", 0xA7, true},      {"deg", 0xB0, true},
    {"laquo", 0xAB, true},     {"raquo", 0xBB, true},     {"times", 0xD7, true},
    {"divide", 0xF7, true},    {"shy", 0xAD, true},       {"zwnj", 0x200C, false},
    {"zwj", 0x200D, false},    {"thinsp", 0x2009, false}, {"ensp", 0x2002, false},
    {"emsp", 0x2003, false},   {"eacute", 0xE9, true},    {"egrave", 0xE8, true},
    {"agrave", 0xE0, true},    {"aacute", 0xE1, true},    {"ccedil", 0xE7, true},
    {"uuml", 0xFC, true},      {"ouml", 0xF6, true},      {"auml", 0xE4, true},
    {"Uuml", 0xDC, true},      {"Ouml", 0xD6, true},      {"Auml", 0xC4, true},
    {"szlig", 0xDF, true},     {"ntilde", 0xF1, true},    {"oacute", 0xF3, true},
    {"iacute", 0xED, true},    {"uacute", 0xFA, true},    {"Eacute", 0xC9, true},
    {"frasl", 0x2044, false},  {"sol", '/', false},       {"period", '.', false},
    {"colon", ':', false},     {"commat", '@', false},    {"num", '#', false},
    {"quest", '?', false},     {"equals", '=', false},    {"lowbar", '_', false},
};

constexpr size_t kMaxNameLength = 8;

// Decodes a numeric reference starting after "&#"; returns the bytes used
// (0 when it is not one).
size_t DecodeNumeric(std::string_view s, std::string* out) {
  size_t i = 0;
  bool hex = !s.empty() && (s[0] == 'x' || s[0] == 'X');
  if (hex) ++i;
  size_t digits_start = i;
  uint32_t value = 0;
  for (; i < s.size(); ++i) {
    char c = s[i];
    int digit;
    if (c >= '0' && c <= '9') {
      digit = c - '0';
    } else if (hex && c >= 'a' && c <= 'f') {
      digit = c - 'a' + 10;
    } else if (hex && c >= 'A' && c <= 'F') {
      digit = c - 'A' + 10;
    } else {
      break;
    }
    if (value <= 0x10FFFF) value = value * (hex ? 16 : 10) + digit;
  }
  if (i == digits_start) return 0;
  if (i < s.size() && s[i] == ';') ++i;
  AppendUtf8(value == 0 ? 0xFFFD : value, out);
  return i;
}

// Decodes a named reference starting after "&"; returns the bytes used.
size_t DecodeNamed(std::string_view s, EntityContext context, std::string* out) {
  size_t length = 0;
  while (length < s.size() && length <= kMaxNameLength && IsAsciiAlnum(s[length])) ++length;
  if (length == 0 || length > kMaxNameLength) return 0;
  std::string_view name = s.substr(0, length);
  bool terminated = length < s.size() && s[length] == ';';
  for (const NamedEntity& entity : kNamedEntities) {
    if (name != entity.name) continue;
    if (!terminated && (context == EntityContext::kAttribute || !entity.legacy)) return 0;
    AppendUtf8(entity.code_point, out);
    return terminated ? length + 1 : length;
  }
  return 0;
}

}  // namespace

void AppendUtf8(char32_t cp, std::string* out) {
  if (cp > 0x10FFFF || (cp >= 0xD800 && cp <= 0xDFFF)) cp = 0xFFFD;
  if (cp < 0x80) {
    out->push_back(static_cast<char>(cp));
  } else if (cp < 0x800) {
    out->push_back(static_cast<char>(0xC0 | (cp >> 6)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else if (cp < 0x10000) {
    out->push_back(static_cast<char>(0xE0 | (cp >> 12)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  } else {
    out->push_back(static_cast<char>(0xF0 | (cp >> 18)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 12) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | ((cp >> 6) & 0x3F)));
    out->push_back(static_cast<char>(0x80 | (cp & 0x3F)));
  }
}

void AppendHtmlDecoded(std::string_view in, EntityContext context, std::string* out) {
  size_t i = 0;
  while (i < in.size()) {
    const void* amp = std::memchr(in.data() + i, '&', in.size() - i);
    size_t next = amp ? static_cast<const char*>(amp) - in.data() : in.size();
    out->append(in.substr(i, next - i));
    if (next == in.size()) return;
    std::string_view rest = in.substr(next + 1);
    size_t used = (!rest.empty() && rest[0] == '#') ? DecodeNumeric(rest.substr(1), out)
                                                    : DecodeNamed(rest, context, out);
    if (used == 0) {
      out->push_back('&');
      i = next + 1;
    } else {
      i = next + 1 + used + (rest[0] == '#' ? 1 : 0);
    }
  }
}

}  // namespace rapport
