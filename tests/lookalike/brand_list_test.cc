#include "scoring/lookalike/brand_list.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

const std::string kFixtures = RAPPORT_LOOKALIKE_FIXTURES;

TEST_CASE("brand list lines become brands, brand domains and words", "[lookalike]") {
  std::vector<KnownName> names;
  REQUIRE(LoadBrandList(kFixtures + "/brands.txt", &names).ok());
  REQUIRE(names.size() == 6);
  CHECK(names[0].name == "paypal");
  CHECK(names[0].kind == KnownNameKind::kBrand);
  CHECK(names[1].name == "paypal.com");
  CHECK(names[1].kind == KnownNameKind::kBrandDomain);
  CHECK(names[2].name == "paypalobjects.com");
  CHECK(names[3].name == "dhl");
  CHECK(names[4].name == "secure");
  CHECK(names[4].kind == KnownNameKind::kWord);
  CHECK(names[5].name == "login");
}

TEST_CASE("the brand list keeps each brand with its own domains", "[lookalike]") {
  BrandFile file;
  REQUIRE(ReadBrandFile(kFixtures + "/brands.txt", &file).ok());
  REQUIRE(file.brands.size() == 2);
  CHECK(file.brands[0].name == "paypal");
  CHECK(file.brands[0].domains == std::vector<std::string>{"paypal.com", "paypalobjects.com"});
  CHECK(file.brands[1].name == "dhl");
  CHECK(file.brands[1].domains.empty());
  CHECK(file.words == std::vector<std::string>{"secure", "login"});
  CHECK(ReadBrandFile(kFixtures + "/brands_bad.txt", &file).IsInvalidArgument());
}

TEST_CASE("a bad brand list line is named in the error", "[lookalike]") {
  std::vector<KnownName> names;
  Status status = LoadBrandList(kFixtures + "/brands_bad.txt", &names);
  REQUIRE(status.IsInvalidArgument());
  CHECK(status.message().find("brands_bad.txt:2") != std::string::npos);
}

TEST_CASE("a missing brand list is an I/O error", "[lookalike]") {
  std::vector<KnownName> names;
  CHECK(LoadBrandList(kFixtures + "/no-such-file.txt", &names).IsIoError());
}

TEST_CASE("the shipped brand list loads and indexes", "[lookalike]") {
  std::vector<KnownName> names;
  REQUIRE(LoadBrandList(DefaultBrandListPath(), &names).ok());
  std::unique_ptr<LookalikeIndex> index;
  REQUIRE(LookalikeIndex::Create(LookalikeOptions(), &index).ok());
  for (const KnownName& name : names) CHECK(index->Add(name).ok());
  CHECK(index->IsKnownDomain("www.paypal.com"));
  CHECK(index->size() > 100);
}

}  // namespace
}  // namespace rapport
