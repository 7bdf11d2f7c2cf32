#include "message/text_links.h"

#include <string>
#include <unordered_set>

#include "message/ascii.h"
#include "message/link_target.h"

namespace rapport {

namespace {

// The first letters of "http" and "www", either case.
bool MayStartUrl(char c) {
  char lower = static_cast<char>(c | 0x20);
  return lower == 'h' || lower == 'w';
}

// Bytes that end a URL in running text: whitespace, controls, and the
// quotes and brackets people put around URLs.
bool EndsUrl(char c) {
  unsigned char u = static_cast<unsigned char>(c);
  return u <= ' ' || c == '<' || c == '>' || c == '"' || c == '`' || c == '{' || c == '}' ||
         c == '|' || c == '^';
}

// Length of the URL at the start of `s`: it ends at a closing bracket
// that has no opening one inside the URL ("(see http://x.example)",
// markdown's "[text](http://x.example)") and before sentence punctuation.
size_t UrlLength(std::string_view s) {
  size_t end = 0;
  int parens = 0;
  int brackets = 0;
  for (; end < s.size() && !EndsUrl(s[end]); ++end) {
    char c = s[end];
    if (c == '(') ++parens;
    if (c == '[') ++brackets;
    if ((c == ')' && --parens < 0) || (c == ']' && --brackets < 0)) break;
  }
  while (end > 0) {
    char c = s[end - 1];
    if (c != '.' && c != ',' && c != ';' && c != ':' && c != '!' && c != '?' && c != '\'' &&
        c != '*') {
      break;
    }
    --end;
  }
  return end;
}

// The length of a URL prefix ("http://", "https://", "www.") at `s`, 0 when
// none starts there.
size_t PrefixLength(std::string_view s) {
  if (StartsWithNoCase(s, "http://")) return 7;
  if (StartsWithNoCase(s, "https://")) return 8;
  if (StartsWithNoCase(s, "www.")) return 4;
  return 0;
}

}  // namespace

bool ExtractTextLinks(std::string_view text, size_t max_links, std::vector<Link>* links) {
  std::unordered_set<std::string> seen;
  for (const Link& link : *links) seen.insert(link.url);

  size_t i = 0;
  while (i < text.size()) {
    size_t candidate = i;
    while (candidate < text.size() && !MayStartUrl(text[candidate])) ++candidate;
    if (candidate == text.size()) break;
    // A URL starts a word: "awww.x" and "xhttp://" are not URLs.
    bool word_start = candidate == 0 || (!IsAsciiAlnum(text[candidate - 1]) &&
                                         text[candidate - 1] != '.' && text[candidate - 1] != '-');
    size_t prefix = word_start ? PrefixLength(text.substr(candidate)) : 0;
    if (prefix == 0) {
      i = candidate + 1;
      continue;
    }
    size_t length = UrlLength(text.substr(candidate));
    i = candidate + std::max(length, prefix);
    if (length <= prefix) continue;
    std::string url(text.substr(candidate, length));
    if (!seen.insert(url).second) continue;
    if (links->size() >= max_links) return false;
    Link link;
    link.url = std::move(url);
    link.source = LinkSource::kPlainText;
    DescribeLinkTarget(&link);
    links->push_back(std::move(link));
  }
  return true;
}

}  // namespace rapport
