#include "scoring/lookalike/tokenizer.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

using Tokens = std::vector<std::string>;

TEST_CASE("tokens keep single digits inside letters", "[lookalike]") {
  CHECK(SplitTokens("/s3cure0line/login.html", 16) == Tokens{"s3cure0line", "login", "html"});
}

TEST_CASE("hyphenated segments give the whole and each part", "[lookalike]") {
  CHECK(SplitTokens("micro-soft_update", 16) ==
        Tokens{"micro-soft_update", "micro", "soft", "update"});
}

TEST_CASE("digit runs at the ends of a word are split off", "[lookalike]") {
  CHECK(SplitTokens("Login2024 2024report", 16) ==
        Tokens{"login2024", "login", "2024report", "report"});
}

TEST_CASE("short, digit-only and repeated tokens are dropped", "[lookalike]") {
  CHECK(SplitTokens("/ab/12345/docs/docs/", 16) == Tokens{"docs"});
}

TEST_CASE("non-Latin words are tokens", "[lookalike]") {
  CHECK(SplitTokens("пример/файл", 16) == Tokens{"пример", "файл"});
}

TEST_CASE("token count is bounded", "[lookalike]") {
  std::string path;
  for (int i = 0; i < 100; ++i)
    path += "/word" + std::string(1, static_cast<char>('a' + i % 26)) + std::to_string(i % 7);
  CHECK(SplitTokens(path, 10).size() == 10);
}

}  // namespace
}  // namespace rapport
