#pragma once

#include <cstddef>
#include <cstdint>
#include <string_view>

namespace rapport {

// The size of the longest prefix of `text` no longer than `limit` bytes
// that does not cut a UTF-8 sequence: where text bounded in bytes is cut.
inline size_t Utf8Prefix(std::string_view text, size_t limit) {
  if (text.size() <= limit) return text.size();
  size_t end = limit;
  while (end > 0 && (static_cast<unsigned char>(text[end]) & 0xC0) == 0x80) --end;
  return end;
}

// True when `s` is well-formed UTF-8 by RFC 3629: no overlong forms, no
// surrogates, nothing past U+10FFFF. What every string of a parsed Message
// promises to be; the fuzz drivers and the hostile-mail tests check it.
inline bool IsUtf8(std::string_view s) {
  size_t i = 0;
  while (i < s.size()) {
    const auto lead = static_cast<unsigned char>(s[i]);
    size_t extra = 0;
    uint32_t code_point = 0;
    if (lead < 0x80) {
      ++i;
      continue;
    } else if (lead >= 0xC2 && lead <= 0xDF) {
      extra = 1;
      code_point = lead & 0x1F;
    } else if (lead >= 0xE0 && lead <= 0xEF) {
      extra = 2;
      code_point = lead & 0x0F;
    } else if (lead >= 0xF0 && lead <= 0xF4) {
      extra = 3;
      code_point = lead & 0x07;
    } else {
      return false;
    }
    if (i + extra >= s.size()) return false;
    for (size_t k = 1; k <= extra; ++k) {
      const auto next = static_cast<unsigned char>(s[i + k]);
      if ((next & 0xC0) != 0x80) return false;
      code_point = (code_point << 6) | (next & 0x3F);
    }
    if ((extra == 2 && (code_point < 0x800 || (code_point >= 0xD800 && code_point <= 0xDFFF))) ||
        (extra == 3 && (code_point < 0x10000 || code_point > 0x10FFFF))) {
      return false;
    }
    i += extra + 1;
  }
  return true;
}

}  // namespace rapport
