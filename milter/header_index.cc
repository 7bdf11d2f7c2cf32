#include "milter/header_index.h"

#include <cctype>

namespace rapport {
namespace {

constexpr std::string_view kRapportPrefix = "x-rapport-";

std::string Lower(std::string_view text) {
  std::string out(text);
  for (char& c : out) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
  return out;
}

}  // namespace

bool IsRapportHeader(std::string_view name) {
  if (name.size() < kRapportPrefix.size()) return false;
  return Lower(name.substr(0, kRapportPrefix.size())) == kRapportPrefix;
}

void RapportHeaderIndex::Add(std::string_view name) {
  if (!IsRapportHeader(name)) return;
  // "X-Rapport-Score :" is one more X-Rapport-Score to the MTA (Postfix
  // sends the name without the blanks and counts it with the others).
  name = name.substr(0, name.find_last_not_of(" \t") + 1);
  ++total_;
  auto [it, inserted] = counts_.try_emplace(Lower(name), std::string(name), 0);
  ++it->second.second;
}

std::vector<HeaderRef> RapportHeaderIndex::ForRemoval() const {
  std::vector<HeaderRef> out;
  out.reserve(total_);
  for (const auto& [lower, entry] : counts_) {
    const auto& [name, count] = entry;
    for (int index = count; index >= 1; --index) out.push_back(HeaderRef{name, index});
  }
  return out;
}

}  // namespace rapport
