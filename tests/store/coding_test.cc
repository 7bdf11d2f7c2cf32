#include "store/coding.h"

#include <catch2/catch.hpp>
#include <limits>
#include <random>

namespace rapport {
namespace {

HeldMessage SampleHeld() {
  HeldMessage held;
  held.queue_id = "3F2A81C2B4";
  held.received_at = 1709294400;
  held.mail_from = "billing@vendor.example";
  held.rcpt_to = {"ann@acme.com", "bob@acme.com"};
  held.from = "billing@vendor.example";
  held.subject = "New Approved Statement From Vendor — März";
  held.message_id = "abc@vendor.example";
  held.score = 87;
  held.signals.push_back({"FIRST_FILESHARE_DOMAIN", 40.5, 38.25, "pub-ac94.r2.dev", "r2.dev"});
  held.signals.push_back({"HIDDEN_LINK_IMAGE", 10, 9.5, "", ""});
  held.links.push_back(
      {"View Document", "https://pub-ac94.r2.dev/offline.html", "pub-ac94.r2.dev"});
  held.status = HeldStatus::kReleased;
  held.status_changed_at = -5;  // times are signed
  return held;
}

void RequireEqual(const HeldMessage& a, const HeldMessage& b) {
  REQUIRE(a.queue_id == b.queue_id);
  REQUIRE(a.received_at == b.received_at);
  REQUIRE(a.mail_from == b.mail_from);
  REQUIRE(a.rcpt_to == b.rcpt_to);
  REQUIRE(a.from == b.from);
  REQUIRE(a.subject == b.subject);
  REQUIRE(a.message_id == b.message_id);
  REQUIRE(a.score == b.score);
  REQUIRE(a.signals.size() == b.signals.size());
  for (size_t i = 0; i < a.signals.size(); ++i) {
    REQUIRE(a.signals[i].name == b.signals[i].name);
    REQUIRE(a.signals[i].weight == b.signals[i].weight);
    REQUIRE(a.signals[i].contribution == b.signals[i].contribution);
    REQUIRE(a.signals[i].evidence == b.signals[i].evidence);
    REQUIRE(a.signals[i].context == b.signals[i].context);
  }
  REQUIRE(a.links.size() == b.links.size());
  for (size_t i = 0; i < a.links.size(); ++i) {
    REQUIRE(a.links[i].visible_text == b.links[i].visible_text);
    REQUIRE(a.links[i].url == b.links[i].url);
    REQUIRE(a.links[i].domain == b.links[i].domain);
  }
  REQUIRE(a.status == b.status);
  REQUIRE(a.status_changed_at == b.status_changed_at);
}

TEST_CASE("varints and fixed integers round-trip at their edges", "[store][coding]") {
  const uint64_t values[] = {0,     1,     127,        128,
                             16383, 16384, 1ull << 35, std::numeric_limits<uint64_t>::max()};
  std::string buffer;
  for (uint64_t v : values) {
    PutVarint64(&buffer, v);
    PutFixed64(&buffer, v);
  }
  std::string_view input(buffer);
  for (uint64_t v : values) {
    uint64_t varint = 0;
    uint64_t fixed = 0;
    REQUIRE(GetVarint64(&input, &varint));
    REQUIRE(GetFixed64(&input, &fixed));
    REQUIRE(varint == v);
    REQUIRE(fixed == v);
  }
  REQUIRE(input.empty());
}

TEST_CASE("readers refuse short and overlong input", "[store][coding]") {
  uint64_t value;
  std::string_view seven("1234567");
  REQUIRE_FALSE(GetFixed64(&seven, &value));
  std::string_view unterminated("\x80\x80");
  REQUIRE_FALSE(GetVarint64(&unterminated, &value));
  const std::string eleven(11, '\xff');
  std::string_view too_long(eleven);
  REQUIRE_FALSE(GetVarint64(&too_long, &value));

  std::string prefixed;
  PutVarint64(&prefixed, 10);
  prefixed += "abc";
  std::string_view input(prefixed), out;
  REQUIRE_FALSE(GetLengthPrefixed(&input, &out));
}

TEST_CASE("a held message round-trips through its encoding", "[store][coding]") {
  const HeldMessage held = SampleHeld();
  std::string encoded;
  EncodeHeldMessage(held, &encoded);
  HeldMessage decoded;
  REQUIRE(DecodeHeldMessage(encoded, &decoded).ok());
  RequireEqual(held, decoded);

  HeldMessage empty;
  encoded.clear();
  EncodeHeldMessage(empty, &encoded);
  REQUIRE(DecodeHeldMessage(encoded, &decoded).ok());
  RequireEqual(empty, decoded);
}

TEST_CASE("every truncation of a held message is Corruption", "[store][coding]") {
  std::string encoded;
  EncodeHeldMessage(SampleHeld(), &encoded);
  for (size_t size = 0; size < encoded.size(); ++size) {
    HeldMessage decoded;
    const Status status = DecodeHeldMessage(std::string_view(encoded).substr(0, size), &decoded);
    INFO("prefix of " << size << " bytes");
    REQUIRE(status.IsCorruption());
  }
  HeldMessage decoded;
  REQUIRE(DecodeHeldMessage(encoded + "x", &decoded).IsCorruption());
}

TEST_CASE("an unknown version or status is Corruption", "[store][coding]") {
  std::string encoded;
  EncodeHeldMessage(SampleHeld(), &encoded);
  HeldMessage decoded;
  std::string newer = encoded;
  newer[0] = 2;
  REQUIRE(DecodeHeldMessage(newer, &decoded).IsCorruption());

  HeldMessage held;
  held.queue_id = "Q";
  std::string plain;
  EncodeHeldMessage(held, &plain);
  // The status is the second-last varint; its value 0 sits before the final zigzag 0.
  plain[plain.size() - 2] = 9;
  REQUIRE(DecodeHeldMessage(plain, &decoded).IsCorruption());
}

TEST_CASE("garbage never crashes the held message decoder", "[store][coding]") {
  std::mt19937 random(42);
  std::string encoded;
  EncodeHeldMessage(SampleHeld(), &encoded);
  for (int round = 0; round < 2000; ++round) {
    std::string value = encoded;
    const int flips = 1 + static_cast<int>(random() % 4);
    for (int i = 0; i < flips; ++i) value[random() % value.size()] = static_cast<char>(random());
    HeldMessage decoded;
    const Status status = DecodeHeldMessage(value, &decoded);
    REQUIRE((status.ok() || status.IsCorruption()));
  }
  // A count claiming billions of elements is refused before allocating.
  std::string huge;
  huge.push_back(1);
  PutLengthPrefixed(&huge, "Q");
  PutVarint64(&huge, 0);
  PutLengthPrefixed(&huge, "");
  PutVarint64(&huge, 1ull << 40);
  HeldMessage decoded;
  REQUIRE(DecodeHeldMessage(huge, &decoded).IsCorruption());
}

}  // namespace
}  // namespace rapport
