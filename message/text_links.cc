#include "message/text_links.h"

#include <string>
#include <unordered_set>

#include "message/ascii.h"
#include "message/domain_names.h"
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

// A byte that may stand in a host name written in text.
bool IsHostByte(char c) { return IsAsciiAlnum(c) || c == '.' || c == '-'; }

// Where a bare "host.tld/path" ends at the '/' at `slash`, the start of its
// host; npos when the text before the slash is no host name standing as a
// word of its own: "x@host.com/", "/usr/local.d/", "3.5/5", "invoice.pdf/"
// (no known top-level domain) are not.
size_t BareHostStart(std::string_view text, size_t slash) {
  constexpr size_t kMaxHost = 253;
  if (slash == 0 || !IsAsciiAlpha(text[slash - 1])) return std::string_view::npos;
  size_t start = slash;
  while (start > 0 && slash - start < kMaxHost && IsHostByte(text[start - 1])) --start;
  if (start > 0) {
    const char before = text[start - 1];
    if (IsHostByte(before) || before == '@' || before == '/' || before == ':' || before == '\\' ||
        before == '%' || before == '=' || before == '&' || before == '?' || before == '#' ||
        before == '_' || before == '~') {
      return std::string_view::npos;
    }
  }
  const std::string_view host = text.substr(start, slash - start);
  if (!IsAsciiAlnum(host.front()) || host.find('.') == std::string_view::npos) {
    return std::string_view::npos;
  }
  // Only the top-level domain is looked up: lower-case it alone (".com"),
  // not the whole host, for every '/' the text holds.
  const std::string top_level = AsciiLowered(host.substr(host.rfind('.')));
  return HasKnownTopLevelDomain(top_level) ? start : std::string_view::npos;
}

// Appends the link written as `url` unless it is already known; false when
// *links is full.
bool AddLink(std::string url, size_t max_links, std::unordered_set<std::string>* seen,
             std::vector<Link>* links) {
  if (!seen->insert(url).second) return true;
  if (links->size() >= max_links) return false;
  Link link;
  link.url = std::move(url);
  link.source = LinkSource::kPlainText;
  DescribeLinkTarget(&link);
  links->push_back(std::move(link));
  return true;
}

// Appends each bare "host.tld/path" of `text` that lies outside the spans
// of the URLs already read from it, its url written with "//" in front
// ("//transfer.pages.dev/x") so that it reads as a host and a path, as a
// browser given the text reads it.
bool ExtractBareHostLinks(std::string_view text, const std::vector<std::pair<size_t, size_t>>& read,
                          size_t max_links, std::unordered_set<std::string>* seen,
                          std::vector<Link>* links) {
  size_t next_span = 0;
  size_t slash = 0;
  while ((slash = text.find('/', slash)) != std::string_view::npos) {
    while (next_span < read.size() && read[next_span].second <= slash) ++next_span;
    if (next_span < read.size() && read[next_span].first <= slash) {
      slash = read[next_span].second;
      continue;
    }
    const size_t start = BareHostStart(text, slash);
    if (start == std::string_view::npos) {
      ++slash;
      continue;
    }
    const size_t length = UrlLength(text.substr(start));
    const size_t host_and_slash = slash - start + 1;
    slash = start + std::max(length, host_and_slash);
    // A host with nothing after its '/' is a domain named in prose.
    if (length <= host_and_slash) continue;
    // Written where its http or https URL already is (the text alternative
    // of an HTML anchor's), it is that link.
    const std::string url = "//" + std::string(text.substr(start, length));
    if (seen->count("http:" + url) > 0 || seen->count("https:" + url) > 0) continue;
    if (!AddLink(url, max_links, seen, links)) return false;
  }
  return true;
}

}  // namespace

bool ExtractTextLinks(std::string_view text, size_t max_links, std::vector<Link>* links) {
  std::unordered_set<std::string> seen;
  for (const Link& link : *links) seen.insert(link.url);
  std::vector<std::pair<size_t, size_t>> read;  // [begin, end) of each URL read

  size_t i = 0;
  while (i < text.size()) {
    size_t candidate = i;
    while (candidate < text.size() && !MayStartUrl(text[candidate])) ++candidate;
    if (candidate == text.size()) break;
    // A URL starts a word: "awww.x", "a.www.x" and "xhttp://" are not URLs.
    // A scheme may follow a full stop or a hyphen ("at this
    // meeting.http://x/"): no host name holds "http:", and mail clients
    // link it there; "www." there is a host name's label.
    const char before = candidate == 0 ? ' ' : text[candidate - 1];
    size_t prefix = IsAsciiAlnum(before) ? 0 : PrefixLength(text.substr(candidate));
    if ((before == '.' || before == '-') && StartsWithNoCase(text.substr(candidate), "www.")) {
      prefix = 0;
    }
    if (prefix == 0) {
      i = candidate + 1;
      continue;
    }
    size_t length = UrlLength(text.substr(candidate));
    i = candidate + std::max(length, prefix);
    if (length <= prefix) continue;
    read.emplace_back(candidate, candidate + length);
    if (!AddLink(std::string(text.substr(candidate, length)), max_links, &seen, links)) {
      return false;
    }
  }
  return ExtractBareHostLinks(text, read, max_links, &seen, links);
}

}  // namespace rapport
