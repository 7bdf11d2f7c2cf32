#include "milter/subject_tag.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

TEST_CASE("The tag is put before the subject", "[milter][subject]") {
  CHECK(TaggedSubject("Invoice 42", "[SUSPICIOUS]") == "[SUSPICIOUS] Invoice 42");
  CHECK(TaggedSubject(" Invoice 42", "[SUSPICIOUS]") == "[SUSPICIOUS] Invoice 42");
}

TEST_CASE("Encoded words and folding are left as they are", "[milter][subject]") {
  CHECK(TaggedSubject("=?UTF-8?B?w6l0w6k=?=\r\n more", "[X]") ==
        "[X] =?UTF-8?B?w6l0w6k=?=\r\n more");
}

TEST_CASE("Tags do not pile up", "[milter][subject]") {
  CHECK_FALSE(TaggedSubject("[SUSPICIOUS] Invoice", "[SUSPICIOUS]").has_value());
}

TEST_CASE("A missing or empty subject gets the tag alone", "[milter][subject]") {
  CHECK(TaggedSubject(std::nullopt, "[SUSPICIOUS]") == "[SUSPICIOUS]");
  CHECK(TaggedSubject("", "[SUSPICIOUS]") == "[SUSPICIOUS]");
}

TEST_CASE("An empty tag changes nothing", "[milter][subject]") {
  CHECK_FALSE(TaggedSubject("Invoice", "").has_value());
}

}  // namespace
}  // namespace rapport
