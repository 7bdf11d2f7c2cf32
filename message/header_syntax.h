#pragma once

#include <string_view>

namespace rapport {

// True when `text` begins with a header field name and its colon: printable
// ASCII other than ':', then optional spaces or tabs before the ':' (as the
// obsolete syntax of RFC 5322 allows: "From : x").
inline bool StartsWithHeaderField(std::string_view text) {
  size_t i = 0;
  while (i < text.size() && text[i] > ' ' && text[i] < 127 && text[i] != ':') ++i;
  if (i == 0) return false;
  while (i < text.size() && (text[i] == ' ' || text[i] == '\t')) ++i;
  return i < text.size() && text[i] == ':';
}

}  // namespace rapport
