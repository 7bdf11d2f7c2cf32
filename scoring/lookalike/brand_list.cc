#include "scoring/lookalike/brand_list.h"

#include <fstream>
#include <sstream>

#include "base/data_file.h"
#include "message/ascii.h"

namespace rapport {

namespace {

constexpr size_t kMaxLineBytes = 4096;
constexpr size_t kMaxNames = 100000;

}  // namespace

Status ReadBrandFile(const std::string& path, BrandFile* out) {
  std::ifstream in(path);
  if (!in) return Status::IoError("cannot read brand list " + path);
  std::string line;
  size_t line_number = 0;
  size_t added = 0;
  while (std::getline(in, line)) {
    ++line_number;
    if (line.size() > kMaxLineBytes) {
      return Status::InvalidArgument(path + ":" + std::to_string(line_number) + ": line too long");
    }
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    std::istringstream fields(line);
    std::string keyword;
    if (!(fields >> keyword)) continue;
    std::string name;
    if (keyword == "brand") {
      if (!(fields >> name)) {
        return Status::InvalidArgument(path + ":" + std::to_string(line_number) +
                                       ": brand without a name");
      }
      Brand brand{AsciiLowered(name), {}};
      while (fields >> name) brand.domains.push_back(AsciiLowered(name));
      out->brands.push_back(std::move(brand));
    } else if (keyword == "word") {
      while (fields >> name) out->words.push_back(name);
    } else {
      return Status::InvalidArgument(path + ":" + std::to_string(line_number) +
                                     ": expected \"brand\" or \"word\", found \"" + keyword + "\"");
    }
    if (++added > kMaxNames) return Status::InvalidArgument(path + ": too many lines");
  }
  return Status::Ok();
}

Status LoadBrandList(const std::string& path, std::vector<KnownName>* out) {
  BrandFile file;
  Status status = ReadBrandFile(path, &file);
  if (!status.ok()) return status;
  for (const Brand& brand : file.brands) {
    out->push_back({brand.name, KnownNameKind::kBrand, 1, 0});
    for (const std::string& domain : brand.domains) {
      out->push_back({domain, KnownNameKind::kBrandDomain, 1, 0});
    }
  }
  for (const std::string& word : file.words) out->push_back({word, KnownNameKind::kWord, 1, 0});
  return Status::Ok();
}

std::string DefaultBrandListPath() { return DataFilePath("brands.txt"); }

}  // namespace rapport
