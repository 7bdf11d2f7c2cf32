#include "scoring/lookalike/tokenizer.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

using Tokens = std::vector<std::string>;

TEST_CASE("a URL splits into host, userinfo and decoded path", "[lookalike]") {
  UrlParts parts = SplitUrl("https://PayPal.com@Evil.NET:8080/a%20b/c.html?x=1#top");
  CHECK(parts.userinfo == "PayPal.com");
  CHECK(parts.host == "evil.net");
  CHECK(parts.path == "/a b/c.html");
}

TEST_CASE("a URL without a scheme is host and path", "[lookalike]") {
  UrlParts parts = SplitUrl("s3cure0line.s3.amazonaws.com/login.html");
  CHECK(parts.host == "s3cure0line.s3.amazonaws.com");
  CHECK(parts.path == "/login.html");
}

TEST_CASE("IP literal hosts are not names", "[lookalike]") {
  CHECK(SplitUrl("http://[2001:db8::1]/x").host.empty());
}

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
