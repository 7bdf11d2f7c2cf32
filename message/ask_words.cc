#include "message/ask_words.h"

#include <unicode/normalizer2.h>
#include <unicode/uchar.h>
#include <unicode/unistr.h>
#include <unicode/utf8.h>

#include <algorithm>

#include "message/ascii.h"

namespace rapport {

namespace {

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
  const auto end_word = [&] {
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
  };
  const auto* bytes = reinterpret_cast<const uint8_t*>(text.data());
  const auto length = static_cast<int32_t>(std::min<size_t>(text.size(), INT32_MAX));
  for (int32_t i = 0; i < length;) {
    if (bytes[i] < 0x80) {
      const char c = static_cast<char>(bytes[i++]);
      if (IsAsciiAlnum(c)) {
        word.push_back(AsciiLower(c));
      } else {
        end_word();
      }
      continue;
    }
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    // Not well-formed (U8_NEXT steps past the bad bytes), or no letter.
    if (c < 0 || !(u_isalnum(c) || (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0)) {
      end_word();
      continue;
    }
    // The root mapping, whatever the server's locale ("I" is "i").
    uint8_t lowered[U8_MAX_LENGTH];
    int32_t size = 0;
    U8_APPEND_UNSAFE(lowered, size, u_tolower(c));
    word.append(reinterpret_cast<const char*>(lowered), size);
  }
  end_word();
  return words;
}

std::string Unaccented(std::string_view word) {
  if (std::all_of(word.begin(), word.end(),
                  [](char c) { return static_cast<unsigned char>(c) < 0x80; })) {
    return std::string(word);
  }
  UErrorCode status = U_ZERO_ERROR;
  const icu::Normalizer2* nfd = icu::Normalizer2::getNFDInstance(status);
  std::string key;
  const auto* bytes = reinterpret_cast<const uint8_t*>(word.data());
  const auto length = static_cast<int32_t>(std::min<size_t>(word.size(), INT32_MAX));
  for (int32_t i = 0; i < length;) {
    const int32_t start = i;
    UChar32 c = 0;
    U8_NEXT(bytes, i, length, c);
    if (c >= 0 && c < 0x80) {
      key.push_back(static_cast<char>(c));
      continue;
    }
    if (c >= 0 && (U_GET_GC_MASK(c) & U_GC_M_MASK) != 0) continue;  // a combining accent
    icu::UnicodeString decomposition;
    if (c >= 0 && U_SUCCESS(status) && nfd->getDecomposition(c, decomposition) &&
        decomposition.char32At(0) < 0x80 &&
        IsAsciiAlpha(static_cast<char>(decomposition.char32At(0)))) {
      key.push_back(static_cast<char>(decomposition.char32At(0)));
      continue;
    }
    key.append(word.substr(start, i - start));
  }
  return key;
}

AskWords ReadAskWords(std::string_view text) {
  AskWords words;
  words.written = LowerWords(text);
  words.unaccented.resize(words.written.size());
  for (size_t i = 0; i < words.written.size(); ++i) {
    const std::string& word = words.written[i];
    if (std::any_of(word.begin(), word.end(),
                    [](char c) { return static_cast<unsigned char>(c) >= 0x80; })) {
      words.unaccented[i] = Unaccented(word);
    }
  }
  return words;
}

std::string JoinedWords(const AskWords& words, size_t from, size_t to) {
  std::string phrase = words.written[from];
  for (size_t k = from + 1; k <= to; ++k) phrase += " " + words.written[k];
  return phrase;
}

void WordRoles::Add(const RoleWords& list) {
  std::string_view words = list.words;
  while (!words.empty()) {
    const size_t end = std::min(words.find(' '), words.size());
    if (end > 0) roles_[words.substr(0, end)] |= list.role;
    words.remove_prefix(std::min(end + 1, words.size()));
  }
}

std::vector<uint32_t> WordRoles::Of(const AskWords& words) const {
  std::vector<uint32_t> roles;
  roles.reserve(words.size());
  for (size_t i = 0; i < words.size(); ++i) roles.push_back(Of(words.Key(i)));
  return roles;
}

}  // namespace rapport
