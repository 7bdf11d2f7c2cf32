#include "store/payment_fingerprint.h"

#include <algorithm>
#include <cstdint>

namespace rapport {

namespace {

uint64_t Rotl(uint64_t x, int bits) { return (x << bits) | (x >> (64 - bits)); }

// Appends the first `digits` hex digits of `hash`, lower-case.
void AppendHex(uint64_t hash, int digits, std::string* out) {
  static constexpr char kHex[] = "0123456789abcdef";
  for (int shift = 60; digits > 0; shift -= 4, --digits)
    out->push_back(kHex[(hash >> shift) & 0xf]);
}

uint64_t Load64(std::string_view bytes) {
  uint64_t value = 0;
  for (size_t i = 0; i < 8 && i < bytes.size(); ++i) {
    value |= static_cast<uint64_t>(static_cast<unsigned char>(bytes[i])) << (8 * i);
  }
  return value;
}

}  // namespace

uint64_t SipHash24(std::string_view key, std::string_view data) {
  const uint64_t k0 = Load64(key.substr(0, 8));
  const uint64_t k1 = Load64(key.substr(std::min<size_t>(8, key.size())));
  uint64_t v0 = 0x736f6d6570736575ULL ^ k0;
  uint64_t v1 = 0x646f72616e646f6dULL ^ k1;
  uint64_t v2 = 0x6c7967656e657261ULL ^ k0;
  uint64_t v3 = 0x7465646279746573ULL ^ k1;
  auto round = [&] {
    v0 += v1;
    v1 = Rotl(v1, 13);
    v1 ^= v0;
    v0 = Rotl(v0, 32);
    v2 += v3;
    v3 = Rotl(v3, 16);
    v3 ^= v2;
    v0 += v3;
    v3 = Rotl(v3, 21);
    v3 ^= v0;
    v2 += v1;
    v1 = Rotl(v1, 17);
    v1 ^= v2;
    v2 = Rotl(v2, 32);
  };
  size_t i = 0;
  for (; i + 8 <= data.size(); i += 8) {
    const uint64_t m = Load64(data.substr(i, 8));
    v3 ^= m;
    round();
    round();
    v0 ^= m;
  }
  // The last block: the bytes left and the length's low byte on top.
  const uint64_t last = Load64(data.substr(i)) | (static_cast<uint64_t>(data.size()) << 56);
  v3 ^= last;
  round();
  round();
  v0 ^= last;
  v2 ^= 0xff;
  for (int r = 0; r < 4; ++r) round();
  return v0 ^ v1 ^ v2 ^ v3;
}

std::string PaymentFingerprint(std::string_view key, const PaymentCoordinate& coordinate) {
  const char letter = static_cast<char>(coordinate.kind);
  std::string input(1, letter);
  input.push_back('\x1f');
  input.append(coordinate.account);
  const uint64_t hash = SipHash24(key, input);
  std::string out(1, static_cast<char>(letter - 'A' + 'a'));
  AppendHex(hash, 16, &out);
  return out;
}

std::string PaymentKeyId(std::string_view key) {
  const uint64_t hash = SipHash24(key, "rapport payment fingerprint key id");
  std::string out;
  AppendHex(hash, 8, &out);
  return out;
}

}  // namespace rapport
