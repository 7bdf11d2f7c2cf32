#include "message/subject.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

TEST_CASE("NormaliseSubject strips repeated reply and forward markers") {
  CHECK(NormaliseSubject("RE: [External] Fwd:  Invoice   42") == "invoice 42");
  CHECK(NormaliseSubject("Re: RE: re[2]: Fw: FW: AW: WG: SV: VS: Budget") == "budget");
  CHECK(NormaliseSubject("Re(3): Budget") == "budget");
  CHECK(NormaliseSubject("  [EXTERNAL]  [SPAM] Re: Budget ") == "budget");
}

TEST_CASE("NormaliseSubject keeps words that merely start like a marker") {
  CHECK(NormaliseSubject("Reminder: meeting") == "reminder: meeting");
  CHECK(NormaliseSubject("Svelte release") == "svelte release");
  CHECK(NormaliseSubject("[unterminated tag") == "[unterminated tag");
}

TEST_CASE("NormaliseSubject lower-cases non-ASCII letters") {
  CHECK(NormaliseSubject("AW: \xC3\x9C"
                         "BERWEISUNG \xD0\x9F\xD0\xA0\xD0\x98") ==
        "\xC3\xBC"
        "berweisung \xD0\xBF\xD1\x80\xD0\xB8");
  CHECK(NormaliseSubject("Re\xEF\xBC\x9A Budget") == "budget");  // full-width colon
}

TEST_CASE("NormaliseSubject of an empty or marker-only subject is empty") {
  CHECK(NormaliseSubject("").empty());
  CHECK(NormaliseSubject("Re: ").empty());
}

TEST_CASE("HasReplyMarker: a subject answering or passing on a conversation") {
  CHECK(HasReplyMarker("Re: Budget"));
  CHECK(HasReplyMarker("  [External] AW: Budget"));
  CHECK(HasReplyMarker("Fwd: Documento compartido"));
  CHECK_FALSE(HasReplyMarker("Documento compartido: presupuesto 2002"));
  CHECK_FALSE(HasReplyMarker("Reminder: meeting"));
  CHECK_FALSE(HasReplyMarker("[External] Budget"));
  CHECK_FALSE(HasReplyMarker(""));
}

}  // namespace
}  // namespace rapport
