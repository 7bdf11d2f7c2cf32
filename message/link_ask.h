#pragma once

#include <array>
#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "message/message.h"

namespace rapport {

// What the message asks the reader to do at a link, read from the words
// the reader sees beside it: the link's anchor text, and the text around
// where the link stands in the body (the sentence before it and the words
// after it, up to a sentence end, a blank line or a bound). A phishing kit
// may sit on a neutral path ("/d/8f3a", "/index.html") whose URL names no
// sign-in (SignInWord, message/link_page.h), but the lure still has to tell
// the reader what to do there: "sign in to view", "verify your account",
// "your password expires", "enter your credentials". The page is never
// fetched; this is what the message says of it.

// One ask found beside a link.
struct LinkAsk {
  // What the reader is asked, to follow "asks the reader": "to sign in",
  // "for a password", "to confirm an account". Empty when the words beside
  // the link ask none of these.
  std::string_view ask;
  // The words as written, lower-cased and joined by one space ("log in",
  // "confirm your account"), for the evidence.
  std::string words;
  // Read from the anchor text rather than from the text around the link.
  bool in_anchor = false;
  // Where the words that ask also name the reader's own mail or network
  // account, as written, lower-cased ("your network password", "your
  // mailbox", "your e mail account"): "your", then a kind of account
  // (email, e mail, mail, network, office) and what of it is asked
  // (password, account, credentials, login, mailbox), or "your mailbox"
  // alone. Empty otherwise: "your password" and "your employee number and
  // password" name no account of ours (a provider's portal asks for its
  // own).
  std::string own_account;
};

// The first credential ask beside `link` in `message`, read in English,
// German, Spanish, Portuguese, French, Italian and Dutch (accented and
// unaccented spellings alike, AskWords): a word or phrase that asks for a
// sign-in ("sign in", "log on", "login", "anmelden", "iniciar sesión",
// "connectez-vous"), a password ("password", "credentials", "Passwort",
// "contraseña", "senha", "mot de passe", "wachtwoord"), or the confirmation
// of an account: a verb ("verify", "confirm", "validate", "reactivate",
// "unlock", "restore", "upgrade" and their translations), then perhaps the
// reader's own ("your", "su", "a sua", "Sie Ihr") and words naming which
// account ("email", "network", "office"), then, at most five words after
// the verb (six after a polite "Sie"), what a sign-in protects ("account",
// "mailbox", "identity", "cuenta", "conta", "compte", "Konto"); German and
// Dutch also put the verb last ("Ihr Konto zu bestätigen"). "Confirm the
// account number" asks none, nor an account a bank keeps ("su cuenta
// bancaria", "conta corrente"). The ask names the reader's own account
// where the same words name it (LinkAsk::own_account; "su cuenta de
// correo", "Ihr Postfach"). The word lists are link_ask.cc's. Reads the
// anchor text first, then at most kLinkAskBefore bytes of text before the
// link and kLinkAskAfter after it (tags dropped in HTML; after the link's
// tag only when it ends within 4 * kLinkAskAfter bytes), from the first
// place the link's URL (else its host, ignoring case) is written in the
// text or HTML body. Empty `ask` when none; never fetches the page. Costs
// time linear in the bodies' size whatever they and the link hold; a caller
// reading many links of one message bounds how many.
LinkAsk ReadLinkAsk(const Message& message, const Link& link);

// The markup `html` would show as text: tags dropped, a block's end (and a
// <br>) a line break, so sentences and paragraphs keep their bounds.
// Comments and the contents of <style> and <script> are not shown (a style
// rule ".login-box" asks nothing); a window that begins inside such a block
// drops what precedes its close. An unclosed tag, comment or block drops the
// rest; entities are left as written. Linear in `html`. The readers of what
// a message asks (this one, message/payment_ask.h) read HTML through it.
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

// The words of a text as the readers of what a message asks (this one,
// message/payment_ask.h) read them.
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

inline constexpr size_t kLinkAskBefore = 240;
inline constexpr size_t kLinkAskAfter = 120;

}  // namespace rapport
