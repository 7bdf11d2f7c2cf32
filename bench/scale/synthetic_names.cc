#include "bench/scale/synthetic_names.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <string_view>

namespace rapport::bench {
namespace {

constexpr std::array<std::string_view, 48> kSyllables = {
    "ka",  "lo",  "mi",  "ren", "sa",  "tor", "vi",  "qua", "bel", "dor", "fen", "gar",
    "hal", "jun", "kel", "lum", "mar", "nor", "pel", "ros", "sil", "tam", "ul",  "ven",
    "wes", "yar", "zen", "bri", "cor", "dal", "est", "fa",  "gri", "hol", "ist", "jor",
    "kra", "lin", "mo",  "nex", "or",  "pra", "ru",  "ste", "tri", "und", "vol", "xa"};
constexpr std::array<std::string_view, 8> kSuffixes = {".com", ".com", ".com",   ".net",
                                                       ".org", ".de",  ".co.uk", ".io"};
constexpr std::array<std::string_view, 32> kFirstNames = {
    "james", "mary",  "john",   "patricia", "robert", "jennifer", "michael", "linda",
    "david", "susan", "thomas", "sarah",    "daniel", "karen",    "paul",    "nancy",
    "mark",  "lisa",  "steven", "betty",    "andrew", "sandra",   "kevin",   "ashley",
    "brian", "emily", "george", "donna",    "edward", "michelle", "ronald",  "carol"};
constexpr std::array<std::string_view, 32> kLastNames = {
    "smith",    "johnson", "williams", "brown", "jones",  "garcia",   "miller", "davis",
    "rodrigez", "martin",  "hernand",  "lopez", "wilson", "anderson", "taylor", "moore",
    "jackson",  "lee",     "perez",    "white", "harris", "clark",    "lewis",  "walker",
    "hall",     "allen",   "young",    "king",  "wright", "scott",    "green",  "baker"};

}  // namespace

uint64_t Random::Next() {
  uint64_t z = (state_ += 0x9e3779b97f4a7c15ULL);
  z = (z ^ (z >> 30)) * 0xbf58476d1ce4e5b9ULL;
  z = (z ^ (z >> 27)) * 0x94d049bb133111ebULL;
  return z ^ (z >> 31);
}

size_t Random::Skewed(size_t n) {
  const double u = Unit();
  return std::min(n - 1, static_cast<size_t>(static_cast<double>(n) * u * u * u));
}

ZipfSampler::ZipfSampler(size_t n, double exponent) : cumulative_(n) {
  double total = 0;
  for (size_t i = 0; i < n; ++i) {
    total += 1.0 / std::pow(static_cast<double>(i + 1), exponent);
    cumulative_[i] = total;
  }
  for (double& c : cumulative_) c /= total;
}

size_t ZipfSampler::Sample(Random* random) const {
  const double u = random->Unit();
  const auto it = std::upper_bound(cumulative_.begin(), cumulative_.end(), u);
  return std::min(static_cast<size_t>(it - cumulative_.begin()), cumulative_.size() - 1);
}

std::string NameMaker::Label() {
  while (true) {
    std::string label;
    const size_t syllables = 2 + random_.Below(3);
    for (size_t i = 0; i < syllables; ++i) label += kSyllables[random_.Below(kSyllables.size())];
    if (used_.insert(label).second) return label;
  }
}

std::string NameMaker::Domain() {
  std::string domain = Label();
  domain += kSuffixes[random_.Below(kSuffixes.size())];
  return domain;
}

std::string FirstName(size_t i) { return std::string(kFirstNames[i % kFirstNames.size()]); }

std::string LastName(size_t i) { return std::string(kLastNames[i % kLastNames.size()]); }

MailAddress Address(const std::string& address, const std::string& display_name) {
  MailAddress out;
  out.address = address;
  out.display_name = display_name;
  out.domain = address.substr(address.rfind('@') + 1);
  return out;
}

}  // namespace rapport::bench
