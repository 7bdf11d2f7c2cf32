#pragma once

#include <string>
#include <string_view>

namespace rapport {

// Locale-independent ASCII helpers shared by the message parsers. Mail
// syntax (header names, schemes, hosts, HTML tags) is ASCII case-insensitive
// whatever the process locale.

inline char AsciiLower(char c) {
  return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c;
}
inline bool IsAsciiSpace(char c) {
  return c == ' ' || c == '\t' || c == '\n' || c == '\r' || c == '\f';
}
inline bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
inline bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
inline bool IsAsciiAlnum(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c); }
inline bool IsAsciiHexDigit(char c) {
  return IsAsciiDigit(c) || (c >= 'a' && c <= 'f') || (c >= 'A' && c <= 'F');
}

// `s` lower-cased (ASCII letters only).
inline std::string AsciiLowered(std::string_view s) {
  std::string out(s);
  for (char& c : out) c = AsciiLower(c);
  return out;
}

// `s` without leading and trailing ASCII whitespace.
inline std::string_view TrimAsciiSpace(std::string_view s) {
  while (!s.empty() && IsAsciiSpace(s.front())) s.remove_prefix(1);
  while (!s.empty() && IsAsciiSpace(s.back())) s.remove_suffix(1);
  return s;
}

// True when `s` begins with `lower_prefix`, ignoring the case of `s`.
inline bool StartsWithNoCase(std::string_view s, std::string_view lower_prefix) {
  if (s.size() < lower_prefix.size()) return false;
  for (size_t i = 0; i < lower_prefix.size(); ++i) {
    if (AsciiLower(s[i]) != lower_prefix[i]) return false;
  }
  return true;
}

// True when `s` equals `lower`, ignoring the case of `s`.
inline bool EqualsNoCase(std::string_view s, std::string_view lower) {
  return s.size() == lower.size() && StartsWithNoCase(s, lower);
}

// The first position at or after `from` where `lower_needle` occurs in
// `haystack` ignoring case; npos when none.
inline size_t FindNoCase(std::string_view haystack, std::string_view lower_needle, size_t from) {
  if (lower_needle.empty()) return std::string_view::npos;
  for (size_t i = from; i + lower_needle.size() <= haystack.size(); ++i) {
    if (StartsWithNoCase(haystack.substr(i), lower_needle)) return i;
  }
  return std::string_view::npos;
}

}  // namespace rapport
