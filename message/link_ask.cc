#include "message/link_ask.h"

#include <algorithm>
#include <array>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "message/ascii.h"

namespace rapport {

namespace {

constexpr std::string_view kSignIn = "to sign in";
constexpr std::string_view kPassword = "for a password";
constexpr std::string_view kConfirmAccount = "to confirm an account";

// Words that ask for a sign-in or a password by themselves.
constexpr std::array<std::pair<std::string_view, std::string_view>, 13> kAskWords = {{
    {"login", kSignIn},
    {"logon", kSignIn},
    {"signin", kSignIn},
    {"anmelden", kSignIn},
    {"einloggen", kSignIn},
    {"password", kPassword},
    {"passwords", kPassword},
    {"passwd", kPassword},
    {"passcode", kPassword},
    {"credentials", kPassword},
    {"passwort", kPassword},
    {"kennwort", kPassword},
    {"zugangsdaten", kPassword},
}};
// Two words that read as one ("sign in", "log-in", "log into").
constexpr std::array<std::pair<std::string_view, std::string_view>, 4> kAskPairs = {
    {{"sign", "in"}, {"log", "in"}, {"log", "on"}, {"log", "into"}}};
// A verb asking to confirm what a sign-in protects, then what it protects,
// the reader's own ("verify your account", "confirm their mailbox",
// "validate your e-mail account"); "confirm the account number" is not.
constexpr std::array<std::string_view, 7> kConfirmVerbs = {
    "verify", "confirm", "validate", "reactivate", "unlock", "restore", "upgrade"};
constexpr std::array<std::string_view, 6> kOwners = {"your", "their", "our", "my", "ihr", "ihre"};
constexpr std::array<std::string_view, 5> kConfirmObjects = {"account", "mailbox", "identity",
                                                             "credentials", "login"};
// Words naming which account, between the owner and the object.
constexpr std::array<std::string_view, 5> kAccountKinds = {"email", "e", "mail", "network",
                                                           "office"};
// What of the reader's own mail or network account an ask may name, after
// "your" and a kind (kAccountKinds): LinkAsk::own_account.
constexpr std::array<std::string_view, 6> kOwnAccountObjects = {
    "password", "passwords", "account", "credentials", "login", "mailbox"};

// For a <style> or <script> tag (opening or closing), the closing tag
// that ends its block, "</style>" or "</script>"; else empty.
std::string_view HiddenBlock(std::string_view tag) {
  if (!tag.empty() && tag.front() == '/') tag.remove_prefix(1);
  for (const std::string_view name : {std::string_view("style"), std::string_view("script")}) {
    if (StartsWithNoCase(tag, name) &&
        (tag.size() == name.size() || IsAsciiSpace(tag[name.size()]) || tag[name.size()] == '/')) {
      return name == "style" ? "</style>" : "</script>";
    }
  }
  return {};
}

// The sentences of `text`: ended by '.', '!', '?' or ':' before white
// space, or by a blank line.
std::vector<std::string_view> Sentences(std::string_view text) {
  std::vector<std::string_view> sentences;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    bool end = false;
    if ((c == '.' || c == '!' || c == '?' || c == ':') && i + 1 < text.size() &&
        IsAsciiSpace(text[i + 1])) {
      end = true;
    } else if (c == '\n') {
      size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
      end = j < text.size() && text[j] == '\n';
    }
    if (end) {
      sentences.push_back(text.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  sentences.push_back(text.substr(start));
  return sentences;
}

// The text before the link a reader reads with it: the sentence it stands
// in (or that introduces it) and the one before (a lure's "Your password
// expires today. Keep it here: <link>"), the last `bound` bytes of them.
std::string_view TextBefore(std::string_view text, size_t bound) {
  std::vector<std::string_view> sentences = Sentences(text);
  size_t keep = 0;
  size_t taken = 0;
  // The last two sentences with words: the link's own ("Keep it at"), or
  // the one introducing it ("Keep it here:"), and the one before; a blank
  // line's empty sentences do not count.
  for (size_t i = sentences.size(); i-- > 0 && taken < 2;) {
    keep += sentences[i].size();
    if (!TrimAsciiSpace(sentences[i]).empty()) ++taken;
  }
  std::string_view before = text.substr(text.size() - keep);
  if (before.size() > bound) before = before.substr(before.size() - bound);
  return before;
}

// The text after the link up to the first sentence end, at most `bound`.
std::string_view TextAfter(std::string_view text, size_t bound) {
  std::vector<std::string_view> sentences = Sentences(text);
  std::string_view after = sentences.front();
  return after.substr(0, bound);
}

LinkAsk FirstAskIn(const std::vector<std::string>& words, bool in_anchor) {
  for (size_t i = 0; i < words.size(); ++i) {
    const std::string& word = words[i];
    for (const auto& [ask_word, ask] : kAskWords) {
      if (word == ask_word) return {ask, word, in_anchor, {}};
    }
    for (const auto& [first, second] : kAskPairs) {
      if (word == first && i + 1 < words.size() && words[i + 1] == second) {
        return {kSignIn, word + " " + words[i + 1], in_anchor, {}};
      }
    }
    if (!InWordList(kConfirmVerbs, word)) continue;
    size_t j = i + 1;
    if (j < words.size() && InWordList(kOwners, words[j])) ++j;
    while (j < words.size() && j <= i + 4 && InWordList(kAccountKinds, words[j])) ++j;
    if (j >= words.size() || !InWordList(kConfirmObjects, words[j])) continue;
    std::string phrase = word;
    for (size_t k = i + 1; k <= j; ++k) phrase += " " + words[k];
    return {kConfirmAccount, std::move(phrase), in_anchor, {}};
  }
  return {};
}

// "your network password", "your e mail account", "your mailbox" in
// `words`, or empty: the reader's own mail or network account named.
std::string OwnAccountIn(const std::vector<std::string>& words) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (words[i] != "your") continue;
    size_t j = i + 1;
    while (j < words.size() && j <= i + 2 && InWordList(kAccountKinds, words[j])) ++j;
    if (j >= words.size() || !InWordList(kOwnAccountObjects, words[j])) continue;
    if (j == i + 1 && words[j] != "mailbox") continue;  // "your password": whose?
    std::string phrase = words[i];
    for (size_t k = i + 1; k <= j; ++k) phrase += " " + words[k];
    return phrase;
  }
  return {};
}

LinkAsk AskIn(std::string_view text, bool in_anchor) {
  const std::vector<std::string> words = LowerWords(text);
  LinkAsk ask = FirstAskIn(words, in_anchor);
  if (!ask.ask.empty()) ask.own_account = OwnAccountIn(words);
  return ask;
}

// The first place `lower_needle` is written in `text`, ignoring case; npos
// when none. Boyer-Moore (with its good-suffix rule), so linear in the text
// whatever both hold: a host and a body are both the sender's to choose,
// and FindNoCase()'s naive scan of a 1 MiB body of "aaaa..." for a host of
// sixty a's costs sixty compares a byte.
size_t FindNoCaseLinear(std::string_view text, std::string_view lower_needle) {
  if (lower_needle.empty() || lower_needle.size() > text.size()) return std::string_view::npos;
  const auto hash = [](char c) { return std::hash<char>()(AsciiLower(c)); };
  const auto equal = [](char a, char b) { return AsciiLower(a) == AsciiLower(b); };
  const std::boyer_moore_searcher searcher(lower_needle.begin(), lower_needle.end(), hash, equal);
  const auto found = std::search(text.begin(), text.end(), searcher);
  return found == text.end() ? std::string_view::npos : static_cast<size_t>(found - text.begin());
}

// Where `link` is first written in `body`: its URL, else its host.
size_t FindLink(std::string_view body, const Link& link) {
  if (!link.url.empty()) {
    const size_t at = body.find(link.url);
    if (at != std::string_view::npos) return at;
  }
  return FindNoCaseLinear(body, link.host);
}

// Raw bytes read on each side of the link before tags are dropped: enough
// for kLinkAskBefore bytes of text in markup-heavy HTML, and a bound.
constexpr size_t kRawBefore = 4 * kLinkAskBefore;
constexpr size_t kRawAfter = 4 * kLinkAskAfter;

// The ask in the text around `at`, where `link` is written in `body`.
LinkAsk AskAround(std::string_view body, bool html, const Link& link, size_t at) {
  const size_t from = at > kRawBefore ? at - kRawBefore : 0;
  std::string_view raw_before = body.substr(from, at - from);
  // A window cut inside a tag would read its attributes as text
  // (class="login-box"): it starts past that tag's end.
  if (html && from > 0) {
    const size_t close = raw_before.find('>');
    if (close != std::string_view::npos && close < raw_before.find('<')) {
      raw_before.remove_prefix(close + 1);
    }
  }
  // In HTML the link stands in an attribute: the text after it begins
  // where its tag ends (the anchor text, read apart, then the rest).
  size_t after_at = at + (link.url.empty() ? link.host.size() : link.url.size());
  if (html) {
    const size_t tag_open = raw_before.rfind('<');
    if (tag_open != std::string_view::npos &&
        raw_before.find('>', tag_open) == std::string_view::npos) {
      raw_before = raw_before.substr(0, tag_open);
      // Past the anchor's end when near: its text is read apart.
      const std::string_view near = body.substr(0, at + kRawAfter);
      const size_t tag_end = near.find('>', at);
      const size_t anchor_end = FindNoCase(near, "</a>", at);
      after_at = anchor_end != std::string_view::npos ? anchor_end + 4
                 : tag_end == std::string_view::npos  ? body.size()
                                                      : tag_end + 1;
    }
  }
  after_at = std::min(after_at, body.size());
  const std::string_view raw_after = body.substr(after_at, kRawAfter);
  const std::string before_text = html ? HtmlShownText(raw_before) : std::string(raw_before);
  const std::string after_text = html ? HtmlShownText(raw_after) : std::string(raw_after);
  LinkAsk ask = AskIn(TextBefore(before_text, kLinkAskBefore), false);
  if (ask.ask.empty()) ask = AskIn(TextAfter(after_text, kLinkAskAfter), false);
  return ask;
}

}  // namespace

std::string HtmlShownText(std::string_view html) {
  std::string text;
  for (size_t i = 0; i < html.size();) {
    if (html[i] != '<') {
      text.push_back(html[i++]);
      continue;
    }
    if (html.substr(i + 1, 3) == "!--") {
      const size_t close = html.find("-->", i + 4);
      if (close == std::string_view::npos) break;
      i = close + 3;
      continue;
    }
    const size_t end = html.find('>', i);
    if (end == std::string_view::npos) break;
    const std::string_view tag = html.substr(i + 1, end - i - 1);
    if (const std::string_view hidden = HiddenBlock(tag); !hidden.empty()) {
      if (tag.front() == '/') {
        text.clear();  // the block opened before the window: all so far was in it
      } else {
        const size_t close = FindNoCase(html, hidden, end + 1);
        if (close == std::string_view::npos) break;
        i = close + hidden.size();
        continue;
      }
    } else if (StartsWithNoCase(tag, "br") || StartsWithNoCase(tag, "/p") ||
               StartsWithNoCase(tag, "/div") || StartsWithNoCase(tag, "/td") ||
               StartsWithNoCase(tag, "/li") || StartsWithNoCase(tag, "/tr") ||
               StartsWithNoCase(tag, "/h")) {
      text += "\n\n";
    }
    i = end + 1;
  }
  return text;
}

std::vector<std::string> LowerWords(std::string_view text) {
  std::vector<std::string> words;
  std::string word;
  for (char c : text) {
    // Bytes of a UTF-8 sequence stay in their word ("contraseña").
    if (IsAsciiAlnum(c) || static_cast<unsigned char>(c) >= 0x80) {
      word.push_back(AsciiLower(c));
    } else if (!word.empty()) {
      words.push_back(std::move(word));
      word.clear();
    }
  }
  if (!word.empty()) words.push_back(std::move(word));
  return words;
}

LinkAsk ReadLinkAsk(const Message& message, const Link& link) {
  // An anchor whose text is a URL is read by its address (SignInWord).
  LinkAsk ask = link.text_looks_like_url ? LinkAsk{} : AskIn(link.visible_text, true);
  if (!ask.ask.empty() || !link.attachment.empty()) return ask;
  // Where the reader sees the link: the plain text when it is written
  // there, else the HTML.
  if (const size_t at = FindLink(message.text_body, link); at != std::string_view::npos) {
    return AskAround(message.text_body, false, link, at);
  }
  const size_t at = FindLink(message.html_body, link);
  if (at == std::string_view::npos) return {};
  return AskAround(message.html_body, true, link, at);
}

}  // namespace rapport
