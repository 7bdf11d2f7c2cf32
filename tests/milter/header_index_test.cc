#include "milter/header_index.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

TEST_CASE("IsRapportHeader matches the prefix in any case", "[milter][headers]") {
  CHECK(IsRapportHeader("X-Rapport-Score"));
  CHECK(IsRapportHeader("x-rapport-signals"));
  CHECK(IsRapportHeader("X-RAPPORT-Anything"));
  CHECK_FALSE(IsRapportHeader("X-Rapport"));
  CHECK_FALSE(IsRapportHeader("X-Report-Score"));
  CHECK_FALSE(IsRapportHeader("Subject"));
  CHECK_FALSE(IsRapportHeader(""));
}

TEST_CASE("Forged headers are listed for removal, highest index first", "[milter][headers]") {
  RapportHeaderIndex index;
  for (const char* name : {"Received", "X-Rapport-Score", "Subject", "x-rapport-score",
                           "x-rapport-signals", "X-RAPPORT-SCORE"}) {
    index.Add(name);
  }
  CHECK(index.size() == 4);
  const std::vector<HeaderRef> removal = index.ForRemoval();
  // The three spellings of X-Rapport-Score are one name to the MTA.
  const std::vector<HeaderRef> expected = {{"X-Rapport-Score", 3},
                                           {"X-Rapport-Score", 2},
                                           {"X-Rapport-Score", 1},
                                           {"x-rapport-signals", 1}};
  CHECK(removal == expected);
}

TEST_CASE("Blanks before the colon do not make another name", "[milter][headers]") {
  RapportHeaderIndex index;
  for (const char* name : {"X-Rapport-Score", "X-Rapport-Score ", "x-rapport-score\t"}) {
    index.Add(name);
  }
  const std::vector<HeaderRef> expected = {
      {"X-Rapport-Score", 3}, {"X-Rapport-Score", 2}, {"X-Rapport-Score", 1}};
  CHECK(index.ForRemoval() == expected);
}

TEST_CASE("A message without forged headers needs no removal", "[milter][headers]") {
  RapportHeaderIndex index;
  index.Add("From");
  index.Add("X-Spam-Score");
  CHECK(index.size() == 0);
  CHECK(index.ForRemoval().empty());
}

}  // namespace
}  // namespace rapport
