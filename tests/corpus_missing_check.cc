// Built with RAPPORT_CORPUS_DIR pointing where no corpus is: CorpusFile()
// must fail the test, naming the missing file and where the corpus comes
// from. ctest (corpus_missing_is_named) passes when that message is printed.

#include <catch2/catch.hpp>

#include "tests/corpus.h"

namespace rapport::testing {
namespace {

TEST_CASE("a missing corpus file fails the test and is named") {
  CorpusFile("enron/farmer-d.mbox");
  SUCCEED("not reached: the corpus directory does not exist");
}

}  // namespace
}  // namespace rapport::testing
