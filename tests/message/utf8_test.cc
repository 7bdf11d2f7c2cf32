#include "message/utf8.h"

#include <catch2/catch.hpp>
#include <string_view>

namespace rapport {
namespace {

TEST_CASE("Utf8Prefix cuts text to a byte bound between characters", "[utf8]") {
  // "café": the é is C3 A9, bytes 3 and 4.
  const std::string_view cafe = "caf\xC3\xA9";
  CHECK(Utf8Prefix(cafe, 10) == 5);  // shorter than the bound: whole
  CHECK(Utf8Prefix(cafe, 5) == 5);
  CHECK(Utf8Prefix(cafe, 4) == 3);  // would cut the é: before it
  CHECK(Utf8Prefix(cafe, 3) == 3);
  CHECK(Utf8Prefix(cafe, 0) == 0);
  // A four-byte character (U+1F600) cut anywhere inside is left out whole.
  const std::string_view smile = "a\xF0\x9F\x98\x80";
  for (size_t limit = 1; limit <= 4; ++limit) CHECK(Utf8Prefix(smile, limit) == 1);
  CHECK(Utf8Prefix(smile, 5) == 5);
  // Continuation bytes alone: nothing can be kept.
  CHECK(Utf8Prefix("\x80\x80\x80", 2) == 0);
}

}  // namespace
}  // namespace rapport
