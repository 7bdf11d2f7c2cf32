#include "message/html_links.h"

#include <cstring>

#include "message/ascii.h"
#include "message/html_entities.h"
#include "message/link_target.h"
#include "message/text_links.h"

namespace rapport {

namespace {

constexpr size_t kMaxVisibleText = 1024;
constexpr size_t kMaxTagName = 16;
// The text outside anchors read for URLs a mail client turns into links.
constexpr size_t kMaxLooseText = 64 * 1024;

// Inline elements whose boundaries do not separate words of visible text.
bool IsInlineTag(std::string_view name) {
  static constexpr std::string_view kInline[] = {"a",    "b",    "i",      "u",   "em",   "strong",
                                                 "font", "span", "small",  "big", "sub",  "sup",
                                                 "img",  "s",    "strike", "tt",  "abbr", "wbr"};
  for (std::string_view tag : kInline) {
    if (name == tag) return true;
  }
  return false;
}

// One start or end tag as read from the source.
struct Tag {
  std::string name;  // lower-case, at most kMaxTagName bytes
  bool end_tag = false;
  std::string href;  // decoded href, action for <form>, content for <meta>
  bool has_href = false;
  bool refresh = false;  // <meta http-equiv="refresh">
};

// The URL of a refresh's content, "5; url='https://x/'" (HTML's "shared
// declarative refresh steps"); empty when it names none.
std::string_view RefreshUrl(std::string_view content) {
  size_t separator = content.find_first_of(";,");
  if (separator == std::string_view::npos) return {};
  std::string_view rest = TrimAsciiSpace(content.substr(separator + 1));
  if (StartsWithNoCase(rest, "url")) {
    std::string_view after = TrimAsciiSpace(rest.substr(3));
    if (!after.empty() && after.front() == '=') rest = TrimAsciiSpace(after.substr(1));
  }
  if (!rest.empty() && (rest.front() == '"' || rest.front() == '\'')) {
    size_t close = rest.find(rest.front(), 1);
    rest = rest.substr(1, close == std::string_view::npos ? std::string_view::npos : close - 1);
  }
  return rest;
}

// The quoted URLs a script sends the browser to: a string literal assigned
// to `location` or to its `href`, or passed to its replace() or assign().
// Obfuscated targets (atob(), concatenation) are not evaluated.
std::vector<std::string_view> ScriptRedirects(std::string_view script) {
  std::vector<std::string_view> urls;
  constexpr size_t kMaxUrl = 4096;
  size_t at = 0;
  while ((at = FindNoCase(script, "location", at)) != std::string_view::npos) {
    size_t i = at + 8;
    at = i;
    auto skip_space = [&] {
      while (i < script.size() && IsAsciiSpace(script[i])) ++i;
    };
    auto follows = [&](std::string_view word) {
      if (script.substr(i, word.size()) != word) return false;
      i += word.size();
      return true;
    };
    skip_space();
    if (follows(".href")) {
      skip_space();
      if (!follows("=") || follows("=")) continue;  // an assignment, not "=="
    } else if (follows(".replace") || follows(".assign")) {
      skip_space();
      if (!follows("(")) continue;
    } else if (!follows("=") || follows("=")) {
      continue;
    }
    skip_space();
    if (i >= script.size()) break;
    char quote = script[i];
    if (quote != '"' && quote != '\'' && quote != '`') continue;
    size_t close = script.find(quote, i + 1);
    if (close == std::string_view::npos || close - i - 1 > kMaxUrl) continue;
    urls.push_back(script.substr(i + 1, close - i - 1));
    at = close + 1;
  }
  return urls;
}

// The length of a character at the start of `s` that renders as nothing:
// soft hyphen, zero-width space/joiners, word joiner, BOM. Phishing puts them
// inside "pay\u200Bpal.com" so that the text no longer reads as a domain.
size_t InvisibleLength(std::string_view s) {
  if (s.substr(0, 2) == "\xC2\xAD") return 2;  // U+00AD
  if (s.size() < 3 || (s[0] != '\xE2' && s[0] != '\xEF')) return 0;
  std::string_view c = s.substr(0, 3);
  bool zero_width = c == "\xE2\x80\x8B" || c == "\xE2\x80\x8C" || c == "\xE2\x80\x8D" ||
                    c == "\xE2\x81\xA0" || c == "\xEF\xBB\xBF";
  return zero_width ? 3 : 0;
}

// True when `text` holds "www." in any case; found by its dots, far rarer
// in text than letters.
bool HasWwwDot(std::string_view text) {
  for (size_t dot = text.find('.', 3); dot != std::string_view::npos;
       dot = text.find('.', dot + 1)) {
    if (EqualsNoCase(text.substr(dot - 3, 3), "www")) return true;
  }
  return false;
}

// Collapses whitespace (including no-break spaces) of decoded text into
// single spaces, and drops invisible characters, while appending it to a
// bounded visible text.
class VisibleText {
 public:
  void Append(std::string_view decoded) {
    for (size_t i = 0; i < decoded.size(); ++i) {
      char c = decoded[i];
      bool nbsp = c == '\xC2' && i + 1 < decoded.size() && decoded[i + 1] == '\xA0';
      if (IsAsciiSpace(c) || nbsp) {
        pending_space_ = true;
        if (nbsp) ++i;
        continue;
      }
      if (size_t invisible = InvisibleLength(decoded.substr(i)); invisible > 0) {
        i += invisible - 1;
        continue;
      }
      if (text_.size() >= kMaxVisibleText) {
        // Only finish a UTF-8 sequence already started, then stop.
        if ((static_cast<unsigned char>(c) & 0xC0) != 0x80) return;
      } else if (pending_space_ && !text_.empty()) {
        text_.push_back(' ');
      }
      pending_space_ = false;
      text_.push_back(c);
    }
  }
  void Break() { pending_space_ = true; }
  std::string Take() {
    pending_space_ = false;
    return std::move(text_);
  }

 private:
  std::string text_;
  bool pending_space_ = false;
};

class HtmlLinkScanner {
 public:
  HtmlLinkScanner(std::string_view html, HtmlDocument document, size_t max_links,
                  std::vector<Link>* links)
      : html_(html), document_(document), max_links_(max_links), links_(links) {}

  bool Run() {
    size_t i = 0;
    while (i < html_.size() && !full_) {
      const void* lt = std::memchr(html_.data() + i, '<', html_.size() - i);
      size_t tag_start = lt ? static_cast<const char*>(lt) - html_.data() : html_.size();
      AddText(html_.substr(i, tag_start - i));
      if (tag_start == html_.size()) break;
      i = ReadMarkup(tag_start);
    }
    CloseAnchor();
    // A client shows a URL written in a body's text as a link, whether or
    // not an anchor wraps it; such text is read as plain text is.
    if (!full_ && !loose_text_.empty() && !ExtractTextLinks(loose_text_, max_links_, links_)) {
      full_ = true;
    }
    return !full_;
  }

 private:
  void AddText(std::string_view raw) {
    if (raw.empty()) return;
    if (!anchor_open_) {
      AddLooseText(raw);
      return;
    }
    decoded_.clear();
    AppendHtmlDecoded(raw, EntityContext::kText, &decoded_);
    text_.Append(decoded_);
  }

  // Keeps text outside anchors of a mail body that may hold a URL (a '/'
  // or "www."); other text only separates the words around it.
  void AddLooseText(std::string_view raw) {
    if (document_ != HtmlDocument::kMailBody || loose_text_.size() >= kMaxLooseText) return;
    if (std::memchr(raw.data(), '/', raw.size()) == nullptr && !HasWwwDot(raw)) {
      BreakLooseText();
      return;
    }
    decoded_.clear();
    AppendHtmlDecoded(raw, EntityContext::kText, &decoded_);
    loose_text_.append(decoded_, 0, kMaxLooseText - loose_text_.size());
  }

  // True when a URL read from loose text may still run on.
  bool LooseTextRunning() const { return !loose_text_.empty() && loose_text_.back() != '\n'; }

  // Markup that starts a new block (or text left out) ends a URL there.
  void BreakLooseText() {
    if (LooseTextRunning()) loose_text_.push_back('\n');
  }

  // Reads the markup at `start` ('<'); returns where text resumes, or the
  // end of input when the markup never closes.
  size_t ReadMarkup(size_t start) {
    std::string_view rest = html_.substr(start);
    if (rest.substr(0, 4) == "<!--") {
      size_t end = html_.find("-->", start + 4);
      return end == std::string_view::npos ? html_.size() : end + 3;
    }
    if (rest.size() < 2) return html_.size();
    char next = rest[1];
    if (next == '!' || next == '?') {
      size_t end = html_.find('>', start);
      return end == std::string_view::npos ? html_.size() : end + 1;
    }
    bool end_tag = next == '/';
    if (!IsAsciiAlpha(end_tag ? (rest.size() > 2 ? rest[2] : '\0') : next)) {
      AddText("<");
      return start + 1;
    }
    Tag tag;
    tag.end_tag = end_tag;
    size_t i = ReadTag(start + (end_tag ? 2 : 1), &tag);
    HandleTag(tag);
    if (LooseTextRunning() && (!IsInlineTag(tag.name) || tag.name == "a")) BreakLooseText();
    if (!tag.end_tag && (tag.name == "script" || tag.name == "style")) {
      std::string closing = "</" + tag.name;
      size_t end = FindNoCase(html_, closing, i);
      if (end == std::string_view::npos) end = html_.size();
      if (tag.name == "script" && document_ == HtmlDocument::kBrowserPage) {
        for (std::string_view url : ScriptRedirects(html_.substr(i, end - i))) {
          Emit(std::string(url), LinkSource::kHtmlRedirect, /*wraps_image=*/false);
        }
      }
      return end;
    }
    return i;
  }

  // Reads a tag name and its attributes from `i` up to and past '>'.
  size_t ReadTag(size_t i, Tag* tag) {
    const size_t n = html_.size();
    while (i < n && !IsAsciiSpace(html_[i]) && html_[i] != '/' && html_[i] != '>') {
      if (tag->name.size() < kMaxTagName) tag->name.push_back(AsciiLower(html_[i]));
      ++i;
    }
    const char* wanted = tag->name == "a" || tag->name == "area" ? "href"
                         : tag->name == "form"                   ? "action"
                         : tag->name == "meta"                   ? "content"
                                                                 : nullptr;
    while (i < n) {
      while (i < n && (IsAsciiSpace(html_[i]) || html_[i] == '/')) ++i;
      if (i >= n) return n;
      if (html_[i] == '>') return i + 1;
      size_t name_start = i;
      while (i < n && !IsAsciiSpace(html_[i]) && html_[i] != '/' && html_[i] != '>' &&
             html_[i] != '=') {
        ++i;
      }
      std::string_view name = html_.substr(name_start, i - name_start);
      while (i < n && IsAsciiSpace(html_[i])) ++i;
      if (i >= n || html_[i] != '=') continue;
      ++i;
      while (i < n && IsAsciiSpace(html_[i])) ++i;
      if (i >= n) return n;
      std::string_view value;
      if (html_[i] == '"' || html_[i] == '\'') {
        size_t close = html_.find(html_[i], i + 1);
        if (close == std::string_view::npos) return n;
        value = html_.substr(i + 1, close - i - 1);
        i = close + 1;
      } else {
        size_t value_start = i;
        while (i < n && !IsAsciiSpace(html_[i]) && html_[i] != '>') ++i;
        value = html_.substr(value_start, i - value_start);
      }
      // SVG 1.1 writes a link's target as xlink:href.
      const bool target = wanted && (EqualsNoCase(name, wanted) ||
                                     (tag->name == "a" && EqualsNoCase(name, "xlink:href")));
      if (target && !tag->has_href) {
        tag->has_href = true;
        AppendHtmlDecoded(value, EntityContext::kAttribute, &tag->href);
      } else if (tag->name == "meta" && EqualsNoCase(name, "http-equiv")) {
        tag->refresh = EqualsNoCase(TrimAsciiSpace(value), "refresh");
      }
    }
    return n;
  }

  void HandleTag(const Tag& tag) {
    if (tag.name == "a") {
      if (tag.end_tag) {
        CloseAnchor();
      } else if (tag.has_href) {
        // An <a> inside an open <a> closes the first, as browsers do.
        CloseAnchor();
        OpenAnchor(tag.href);
      }
      return;
    }
    if (tag.end_tag) {
      if (anchor_open_ && !IsInlineTag(tag.name)) text_.Break();
      return;
    }
    if (tag.name == "img") {
      if (anchor_open_) anchor_.wraps_image = true;
    } else if (tag.name == "area" && tag.has_href) {
      // An area is a region of an image map: clicking it is clicking an image.
      Emit(tag.href, LinkSource::kHtmlArea, /*wraps_image=*/true);
    } else if (tag.name == "form" && tag.has_href) {
      Emit(tag.href, LinkSource::kHtmlForm, /*wraps_image=*/false);
    } else if (tag.name == "meta" && tag.refresh && tag.has_href &&
               document_ == HtmlDocument::kBrowserPage) {
      Emit(std::string(RefreshUrl(tag.href)), LinkSource::kHtmlRedirect, /*wraps_image=*/false);
    }
    if (anchor_open_ && !IsInlineTag(tag.name)) text_.Break();
  }

  static bool IsUsableTarget(std::string_view url) {
    while (!url.empty() && IsAsciiSpace(url.front())) url.remove_prefix(1);
    return !url.empty() && url.front() != '#';
  }

  void OpenAnchor(const std::string& href) {
    if (!IsUsableTarget(href)) return;
    anchor_ = Link();
    anchor_.url = href;
    anchor_.source = LinkSource::kHtmlAnchor;
    anchor_open_ = true;
  }

  void CloseAnchor() {
    if (!anchor_open_) return;
    anchor_open_ = false;
    anchor_.visible_text = text_.Take();
    Finish(std::move(anchor_));
  }

  void Emit(const std::string& url, LinkSource source, bool wraps_image) {
    if (!IsUsableTarget(url)) return;
    Link link;
    link.url = url;
    link.source = source;
    link.wraps_image = wraps_image;
    Finish(std::move(link));
  }

  void Finish(Link link) {
    if (links_->size() >= max_links_) {
      full_ = true;
      return;
    }
    auto trim = [](std::string* s) {
      size_t b = 0, e = s->size();
      while (b < e && IsAsciiSpace((*s)[b])) ++b;
      while (e > b && IsAsciiSpace((*s)[e - 1])) --e;
      *s = s->substr(b, e - b);
    };
    trim(&link.url);
    DescribeLinkTarget(&link);
    link.text_host = HostNamedByText(link.visible_text);
    link.text_looks_like_url = !link.text_host.empty();
    links_->push_back(std::move(link));
  }

  std::string_view html_;
  HtmlDocument document_;
  size_t max_links_;
  std::vector<Link>* links_;
  bool full_ = false;
  bool anchor_open_ = false;
  Link anchor_;
  VisibleText text_;
  std::string decoded_;
  std::string loose_text_;  // decoded text outside anchors, for URLs written in it
};

}  // namespace

bool ExtractHtmlLinks(std::string_view html, HtmlDocument document, size_t max_links,
                      std::vector<Link>* links) {
  return HtmlLinkScanner(html, document, max_links, links).Run();
}

}  // namespace rapport
