#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

namespace rapport {

// How the readers of what a message asks (message/link_ask.h,
// message/payment_ask.h) read its text: what HTML shows, its words as
// written and without accents, and the word lists each word is in. One
// home for both readers, in every language they read.

// The markup `html` would show as text: tags dropped, a block's end (and a
// <br>) a line break, so sentences and paragraphs keep their bounds.
// Comments and the contents of <style> and <script> are not shown (a style
// rule ".login-box" asks nothing); a window that begins inside such a block
// drops what precedes its close. An unclosed tag, comment or block drops the
// rest; entities are left as written. Linear in `html`. The readers of what
// a message asks (message/link_ask.h, message/payment_ask.h) read HTML
// through it.
std::string HtmlShownText(std::string_view html);

// The words of `text`, lower-cased as written ("CONTRASEÑA" is
// "contraseña"): runs of letters and digits, Unicode's, decoded from UTF-8
// (a combining accent stays in its word). A byte that is not well-formed
// UTF-8 (a sequence cut short, an overlong form, a surrogate, a code point
// past U+10FFFF) ends a word and is dropped, so every word is well-formed
// UTF-8, whole characters only. Linear in `text`.
std::vector<std::string> LowerWords(std::string_view text);

// `word` (one of LowerWords()) with the accents of its letters dropped
// ("contraseña" is "contrasena", "geändert" "geandert", "sécurité"
// "securite"): a letter whose canonical decomposition begins with an ASCII
// letter is that letter, a combining mark is dropped, anything else is
// kept. Mail writes both spellings, and the word lists of the readers of
// what a message asks are written without accents.
std::string Unaccented(std::string_view word);

// The words of a text as the readers of what a message asks read them.
struct AskWords {
  // LowerWords(): what the evidence quotes, as written.
  std::vector<std::string> written;
  // Unaccented(written[i]) for a word beyond ASCII, else empty (most
  // words are ASCII: no copy).
  std::vector<std::string> unaccented;

  size_t size() const { return written.size(); }
  // What the word lists are matched against: written[i] without accents.
  std::string_view Key(size_t i) const {
    return unaccented[i].empty() ? std::string_view(written[i]) : std::string_view(unaccented[i]);
  }
};
// The words of `text` (LowerWords()) and the key of each (Unaccented()).
AskWords ReadAskWords(std::string_view text);

// written[from..to] joined by one space ("confirme sua senha"), for the
// evidence.
std::string JoinedWords(const AskWords& words, size_t from, size_t to);

// One word list of one language, for WordRoles: its words, written
// without accents and separated by single spaces, and the bit that names
// the list.
struct RoleWords {
  uint32_t role;
  std::string_view words;
};

// The lists a reader's words may be in (a word of change, of money, an
// owner...), each a bit, and the words of each: one lookup a word tells
// every list it is in, whatever the lists hold in all the languages read.
// Keeps views of the words it is given, which must outlive it (the
// readers' lists are constants).
class WordRoles {
 public:
  // Every list of each language of `languages`.
  template <size_t... N>
  explicit WordRoles(const RoleWords (&... languages)[N]) {
    (Add(languages), ...);
  }
  // Adds `list`'s words to its bit: a list beyond the languages' own (the
  // first words of link_ask.cc's phrases).
  void Add(const RoleWords& list);
  // The bits of the lists `key` (an AskWords::Key()) is in; 0 when none.
  uint32_t Of(std::string_view key) const {
    const auto found = roles_.find(key);
    return found == roles_.end() ? 0 : found->second;
  }
  // Of() for each key of `words`.
  std::vector<uint32_t> Of(const AskWords& words) const;

 private:
  // Adds each list of one language.
  template <size_t N>
  void Add(const RoleWords (&lists)[N]) {
    for (const RoleWords& list : lists) Add(list);
  }

  std::unordered_map<std::string_view, uint32_t> roles_;
};

}  // namespace rapport
