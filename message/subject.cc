#include "message/subject.h"

#include <unicode/locid.h>
#include <unicode/unistr.h>

#include "message/ascii.h"

namespace rapport {

namespace {

constexpr size_t kMaxTagLength = 32;

void TrimFront(std::string_view* s) {
  while (!s->empty() && IsAsciiSpace(s->front())) s->remove_prefix(1);
}

// Removes one "Re:"-style marker, with an optional counter ("Re[2]:",
// "Re(2):") and an ASCII or full-width colon. Returns false when none.
bool StripReplyMarker(std::string_view* s) {
  static constexpr std::string_view kMarkers[] = {"fwd", "re", "fw", "aw", "wg", "sv", "vs"};
  for (std::string_view marker : kMarkers) {
    if (s->size() <= marker.size()) continue;
    size_t i = 0;
    while (i < marker.size() && AsciiLower((*s)[i]) == marker[i]) ++i;
    if (i < marker.size()) continue;
    if ((*s)[i] == '[' || (*s)[i] == '(') {
      char close = (*s)[i] == '[' ? ']' : ')';
      size_t j = i + 1;
      while (j < s->size() && (*s)[j] >= '0' && (*s)[j] <= '9') ++j;
      if (j == i + 1 || j >= s->size() || (*s)[j] != close) continue;
      i = j + 1;
    }
    while (i < s->size() && (*s)[i] == ' ') ++i;
    std::string_view rest = s->substr(i);
    if (rest.substr(0, 1) == ":") {
      s->remove_prefix(i + 1);
      return true;
    }
    if (rest.substr(0, 3) == "\xEF\xBC\x9A") {  // U+FF1A FULLWIDTH COLON
      s->remove_prefix(i + 3);
      return true;
    }
  }
  return false;
}

// Removes one leading "[tag]" of at most kMaxTagLength bytes.
bool StripTag(std::string_view* s) {
  if (s->empty() || s->front() != '[') return false;
  size_t close = s->find(']');
  if (close == std::string_view::npos || close > kMaxTagLength || close == 1) return false;
  s->remove_prefix(close + 1);
  return true;
}

}  // namespace

bool HasReplyMarker(std::string_view subject) {
  TrimFront(&subject);
  while (StripTag(&subject)) TrimFront(&subject);
  return StripReplyMarker(&subject);
}

std::string NormaliseSubject(std::string_view subject) {
  TrimFront(&subject);
  while (StripReplyMarker(&subject) || StripTag(&subject)) TrimFront(&subject);

  std::string collapsed;
  collapsed.reserve(subject.size());
  bool pending_space = false;
  for (char c : subject) {
    if (IsAsciiSpace(c)) {
      pending_space = !collapsed.empty();
      continue;
    }
    if (pending_space) collapsed.push_back(' ');
    pending_space = false;
    collapsed.push_back(c);
  }

  // The root locale: a Turkish server must not turn "I" into a dotless "ı".
  std::string lowered;
  icu::UnicodeString::fromUTF8(collapsed).toLower(icu::Locale::getRoot()).toUTF8String(lowered);
  return lowered;
}

}  // namespace rapport
