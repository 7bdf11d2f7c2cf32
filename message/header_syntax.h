#pragma once

#include <string_view>
#include <vector>

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

// Where the next comma outside quotes, comments and angle brackets is in an
// address header value, from `from` on; npos when there is none.
inline size_t AddressListComma(std::string_view value, size_t from) {
  bool quoted = false;
  int nesting = 0;  // inside (comment) or <address>
  for (size_t i = from; i < value.size(); ++i) {
    char c = value[i];
    if (quoted) {
      if (c == '\\') ++i;
      if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '(' || c == '<') {
      ++nesting;
    } else if ((c == ')' || c == '>') && nesting > 0) {
      --nesting;
    } else if (c == ',' && nesting == 0) {
      return i;
    }
  }
  return std::string_view::npos;
}

// The items of an address header value, split at the commas outside
// quotes, comments and angle brackets (AddressListComma()), untrimmed:
// the parser's reading of a list, and the one attack_eval's rewriter
// folds a list by.
inline std::vector<std::string_view> SplitAddressList(std::string_view value) {
  std::vector<std::string_view> items;
  size_t start = 0;
  for (size_t comma; (comma = AddressListComma(value, start)) != std::string_view::npos;
       start = comma + 1) {
    items.push_back(value.substr(start, comma - start));
  }
  items.push_back(value.substr(start));
  return items;
}

}  // namespace rapport
