#include "message/ask_words.h"

#include <catch2/catch.hpp>
#include <cstdint>
#include <string>
#include <vector>

#include "message/utf8.h"

namespace rapport {
namespace {

TEST_CASE("LowerWords: letters beyond ASCII, lower-cased whole", "[ask_words]") {
  CHECK(LowerWords("CONTRASEÑA Été STRASSE Straße «confirme» l’account") ==
        std::vector<std::string>{"contraseña", "été", "strasse", "straße", "confirme", "l",
                                 "account"});
  // A no-break space and an em dash part words; a combining accent stays.
  CHECK(LowerWords("senha\xc2\xa0"
                   "atual\xe2\x80\x94"
                   "Cafe\xcc\x81") == std::vector<std::string>{"senha", "atual", "cafe\xcc\x81"});
  // The root locale: "I" is "i" whatever the server's.
  CHECK(LowerWords("LOGIN") == std::vector<std::string>{"login"});
  CHECK(Unaccented("contraseña") == "contrasena");
  CHECK(Unaccented("geändert") == "geandert");
  CHECK(Unaccented("sécurité") == "securite");
  CHECK(Unaccented("cafe\xcc\x81") == "cafe");
  CHECK(Unaccented("straße") == "straße");
  CHECK(Unaccented("login") == "login");
  const AskWords words = ReadAskWords("Confirme SUA SENHA, Mot De Passe");
  CHECK(words.written ==
        std::vector<std::string>{"confirme", "sua", "senha", "mot", "de", "passe"});
  CHECK(JoinedWords(words, 3, 5) == "mot de passe");
}

TEST_CASE("LowerWords: bytes that are not well-formed UTF-8 end a word and are dropped",
          "[ask_words]") {
  // Cut short (mid-text and at the end), overlong, a surrogate, past
  // U+10FFFF, a lone continuation byte.
  CHECK(LowerWords("abc\xc3"
                   "def \xc3") == std::vector<std::string>{"abc", "def"});
  CHECK(LowerWords("a\xc0\xafz") == std::vector<std::string>{"a", "z"});
  CHECK(LowerWords("a\xe0\x80\xafz") == std::vector<std::string>{"a", "z"});
  CHECK(LowerWords("a\xed\xa0\x80z") == std::vector<std::string>{"a", "z"});
  CHECK(LowerWords("a\xf4\x90\x80\x80z") == std::vector<std::string>{"a", "z"});
  CHECK(LowerWords("se\x80nha") == std::vector<std::string>{"se", "nha"});
  // Whatever the bytes, every word is well-formed, and reading stays in them.
  uint32_t state = 20011203;
  for (int round = 0; round < 2000; ++round) {
    std::string bytes(1 + round % 97, '\0');
    for (char& c : bytes) {
      state = state * 1103515245u + 12345u;
      const uint32_t pick = state >> 24;
      // Mostly lead and continuation bytes, some ASCII.
      c = static_cast<char>(pick < 64 ? 'A' + pick % 26 : 0x80 + pick % 0x78);
    }
    INFO(round);
    const AskWords words = ReadAskWords(std::string_view(bytes.data(), bytes.size()));
    REQUIRE(words.unaccented.size() == words.written.size());
    for (size_t i = 0; i < words.written.size(); ++i) {
      CHECK(IsUtf8(words.written[i]));
      CHECK(IsUtf8(words.Key(i)));
      CHECK(!words.written[i].empty());
    }
  }
}

}  // namespace
}  // namespace rapport
