#pragma once

// The random draws attack_eval's families share (attack_eval.cc,
// masked_forms.cc).

#include <array>
#include <cstddef>
#include <random>
#include <string>

namespace rapport {

// `digits` random lower-case hex digits.
inline std::string Hex(std::mt19937_64* rng, int digits) {
  std::string s;
  for (int i = 0; i < digits; ++i) s.push_back("0123456789abcdef"[(*rng)() % 16]);
  return s;
}

// One of `items`, drawn.
template <typename T, size_t N>
const T& Pick(const std::array<T, N>& items, std::mt19937_64* rng) {
  return items[(*rng)() % N];
}

}  // namespace rapport
