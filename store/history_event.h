#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace rapport {

// One change to one key of a history column family, exactly as the store
// wrote it: a merge operand (counters: add, min, max), or an index entry
// put or deleted.
struct HistoryChange {
  enum class Kind : uint8_t { kMerge = 1, kPut = 2, kDelete = 3 };
  Kind kind = Kind::kMerge;
  std::string family;  // the column family's name (stable on disk)
  std::string key;
  std::string value;  // empty for kDelete
};

// What one gateway changed in history in one atomic write, for every other
// gateway to apply to its own store. Events name families by name rather
// than by number, so a family that one Rapport version adds is carried
// without per-family code and refused, by name, by a version that lacks it.
struct HistoryEvent {
  std::string origin;     // the [cluster] node that wrote it
  uint64_t sequence = 0;  // increases with every event of that origin, across restarts
  int64_t time = 0;       // when the origin wrote it, seconds since the epoch
  std::vector<HistoryChange> changes;
  // PaymentKeyId() of the key the payment fingerprints among `changes`
  // were made with; empty when they hold none. Set by the origin's store.
  std::string payment_key_id;
};

// Appends the versioned binary form of `event` to *dst: a version byte,
// the origin, sequence and time, the family names it uses once each, then
// every change (kind, family index, key, value), then, only when the event
// has a payment_key_id, that id.
void EncodeHistoryEvent(const HistoryEvent& event, std::string* dst);

// Decodes what EncodeHistoryEvent wrote into *out. A truncated, malformed
// or unknown-version input returns Status::Corruption naming what is wrong
// and leaves *out unspecified; no input makes it crash or allocate more
// than a small multiple of the input's size.
Status DecodeHistoryEvent(std::string_view input, HistoryEvent* out);

// Reads only the origin of an encoded event, without decoding its
// changes: false when `input` is not an event this code can decode.
bool PeekHistoryEventOrigin(std::string_view input, std::string_view* origin);

}  // namespace rapport
