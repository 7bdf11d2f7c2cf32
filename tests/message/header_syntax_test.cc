#include "message/header_syntax.h"

#include <catch2/catch.hpp>
#include <string_view>
#include <vector>

namespace rapport {
namespace {

using Items = std::vector<std::string_view>;

TEST_CASE("SplitAddressList: commas inside quotes, comments and angle brackets are the item's",
          "[header_syntax]") {
  CHECK(SplitAddressList("a@x.example, b@y.example") == Items{"a@x.example", " b@y.example"});
  CHECK(SplitAddressList("\"Doe, Jane\" <jane@x.example>, b@y.example") ==
        Items{"\"Doe, Jane\" <jane@x.example>", " b@y.example"});
  CHECK(SplitAddressList("jane@x.example (Doe, Jane), b@y.example") ==
        Items{"jane@x.example (Doe, Jane)", " b@y.example"});
  CHECK(SplitAddressList("Jane <jane,doe@x.example>, b@y.example") ==
        Items{"Jane <jane,doe@x.example>", " b@y.example"});
  // An escaped quote does not end the quoted name.
  CHECK(SplitAddressList(R"("Doe \", Jane" <jane@x.example>, b@y.example)") ==
        Items{R"("Doe \", Jane" <jane@x.example>)", " b@y.example"});
  // One item, and the empty ones a trailing or doubled comma leaves.
  CHECK(SplitAddressList("Jane Doe <jane@x.example>") == Items{"Jane Doe <jane@x.example>"});
  CHECK(SplitAddressList("a@x.example,,") == Items{"a@x.example", "", ""});
  CHECK(AddressListComma("a@x.example, b@y.example", 0) == 11);
  CHECK(AddressListComma("\"a, b\" <a@x.example>", 0) == std::string_view::npos);
}

}  // namespace
}  // namespace rapport
