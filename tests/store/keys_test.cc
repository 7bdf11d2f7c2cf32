#include "store/keys.h"

#include <catch2/catch.hpp>
#include <string>

namespace rapport {
namespace {

TEST_CASE("KeyBuilder joins parts and mends the bytes that would join them", "[store][keys]") {
  KeyBuilder key;
  key.Lower("Ann@ACME.com").Exact("Msg-ID").Tag('c');
  CHECK(key.key() == std::string("ann@acme.com\x1fMsg-ID\x1f") + "c");

  key.Clear();
  key.Lower(std::string("A\x1f") + "B" + std::string(1, '\0') + "C").Separator();
  CHECK(key.key() == "a?b?c\x1f");

  key.Clear();
  key.Exact(std::string("X\x1fY", 3));
  CHECK(key.key() == "X?Y");
}

TEST_CASE("KeyBuilder cuts each part at kMaxKeyPartBytes", "[store][keys]") {
  KeyBuilder key;
  key.Exact(std::string(KeyBuilder::kMaxKeyPartBytes + 10, 'x')).Lower("TAIL");
  CHECK(key.key() == std::string(KeyBuilder::kMaxKeyPartBytes, 'x') + "\x1f" + "tail");
}

}  // namespace
}  // namespace rapport
