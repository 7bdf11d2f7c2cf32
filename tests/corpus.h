#pragma once

// The shared corpus (Enron mailboxes, phishing and ham samples) for the
// tests that read it. CMake passes its directory as RAPPORT_CORPUS_DIR: the
// RAPPORT_CORPUS setting, by default ../shared/corpus beside the checkout.

#include <catch2/catch.hpp>
#include <filesystem>
#include <string>
#include <string_view>

namespace rapport::testing {

// The path of `relative` (e.g. "enron/farmer-d.mbox") in the corpus. When
// it is missing, fails the test with what is missing and where it comes
// from; a missing corpus is a failure, never a skip.
inline std::string CorpusFile(std::string_view relative) {
  const std::filesystem::path path = std::filesystem::path(RAPPORT_CORPUS_DIR) / relative;
  if (!std::filesystem::exists(path)) {
    FAIL("missing corpus file " << path.string()
                                << ": the shared corpus comes from RAPPORT_CORPUS (default "
                                   "../shared/corpus beside the checkout); set it and re-run "
                                   "cmake");
  }
  return path.string();
}

}  // namespace rapport::testing
