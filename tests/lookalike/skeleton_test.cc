#include "scoring/lookalike/skeleton.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

std::string Fold(std::string_view text) {
  static std::unique_ptr<SkeletonMaker> skeletons = [] {
    std::unique_ptr<SkeletonMaker> made;
    REQUIRE(SkeletonMaker::Create(&made).ok());
    return made;
  }();
  return EncodeUtf8(skeletons->Fold(text));
}

TEST_CASE("look-alike spellings share a folded skeleton", "[lookalike]") {
  CHECK(Fold("enr0n") == Fold("enron"));
  CHECK(Fold("rnicrosoft") == Fold("microsoft"));
  CHECK(Fold("vvellsfargo") == Fold("wellsfargo"));
  CHECK(Fold("clocusign") == Fold("docusign"));
  CHECK(Fold("paypa1") == Fold("paypal"));
  CHECK(Fold("m1crosoft") == Fold("microsoft"));
  CHECK(Fold("micro-soft") == Fold("microsoft"));
  CHECK(Fold("PayPal") == Fold("paypal"));
  CHECK(Fold("s3cur3") == Fold("secure"));
}

TEST_CASE("Cyrillic and Latin confusables fold to Latin", "[lookalike]") {
  CHECK(Fold("\u0430pple") == Fold("apple"));                      // Cyrillic а
  CHECK(Fold("\u0430\u0440\u0440\u04cf\u0435") == Fold("apple"));  // аррӏе
  CHECK(Fold("\u0261oogle") == Fold("google"));                    // Latin script ɡ
  CHECK(Fold("enr\u00f3n") == Fold("enron"));                      // accent dropped
}

TEST_CASE("different names keep different skeletons", "[lookalike]") {
  CHECK(Fold("enron") != Fold("enrun"));
  CHECK(Fold("dsp") != Fold("cisp"));  // c + i is not d
}

TEST_CASE("invalid UTF-8 folds to nothing", "[lookalike]") {
  CHECK(Fold("\xff\xfe").empty());
  CHECK(Fold("").empty());
}

TEST_CASE("scripts of a label are told apart", "[lookalike]") {
  CHECK(SkeletonMaker::Scripts("apple") == ScriptUse::kLatin);
  CHECK(SkeletonMaker::Scripts("\u010dau") == ScriptUse::kLatin);       // čau
  CHECK(SkeletonMaker::Scripts("7\u044f") == ScriptUse::kSingleOther);  // 7я
  CHECK(SkeletonMaker::Scripts("\u0430pple") == ScriptUse::kMixed);
  CHECK(SkeletonMaker::Scripts("1234") == ScriptUse::kNone);
}

}  // namespace
}  // namespace rapport
