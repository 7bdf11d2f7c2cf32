#pragma once

#include <cstddef>
#include <cstdint>
#include <string>
#include <unordered_set>
#include <vector>

#include "message/message.h"

namespace rapport::bench {

// A small deterministic generator (splitmix64): the same seed gives the
// same history on every machine and standard library.
class Random {
 public:
  explicit Random(uint64_t seed) : state_(seed) {}
  uint64_t Next();
  // Uniform in [0, n); n > 0.
  size_t Below(size_t n) { return static_cast<size_t>(Next() % n); }
  // Uniform in [0, 1).
  double Unit() { return static_cast<double>(Next() >> 11) * 0x1.0p-53; }
  // In [0, n), skewed towards 0 (about a third of draws land in the first
  // 4% of the range): the top correspondents of a sender get most mail.
  size_t Skewed(size_t n);

 private:
  uint64_t state_;
};

// Draws ranks 0..n-1 with probability proportional to 1 / (rank + 1)^exponent.
class ZipfSampler {
 public:
  ZipfSampler(size_t n, double exponent);
  size_t Sample(Random* random) const;

 private:
  std::vector<double> cumulative_;
};

// Pronounceable made-up names, unique within one NameMaker: invented
// domains that are not each other's look-alikes by construction (no
// numbered series such as vendor1.com, vendor2.com).
class NameMaker {
 public:
  explicit NameMaker(uint64_t seed) : random_(seed) {}
  // A new label of 2 to 4 syllables.
  std::string Label();
  // A new registrable domain: a label and a common suffix.
  std::string Domain();

 private:
  Random random_;
  std::unordered_set<std::string> used_;
};

// A person's first and last name for index i (cycling through fixed lists).
std::string FirstName(size_t i);
std::string LastName(size_t i);

// A normalised address with its domain, as the parser gives it.
MailAddress Address(const std::string& address, const std::string& display_name);

}  // namespace rapport::bench
