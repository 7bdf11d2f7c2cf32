#include "store/history_event.h"

#include <algorithm>

#include "store/coding.h"

namespace rapport {
namespace {

// The first byte of an encoded event. A new layout gets a new version;
// decoders reject versions they do not know. Version 2 (schema 5) has
// version 1's bytes but may carry link-domain operands with their outbound
// senders and 'O' members, which a Rapport reading version 1 would
// misread (its merge refuses the longer operand, making the record
// unreadable, and it counts an 'O' member as a recipient): it skips them
// whole instead, as a newer version. Version 1 events are read as they
// are: their link-domain operands lack the last field, which reads as 0
// (RecordLayout::added_fields), and they hold no 'O' members. Version 3
// (payment fingerprints, schema 7) is version 2 followed by the id of the
// key its payment fingerprints were made with. Only events that carry
// payment fingerprints are written as version 3, so a Rapport reading up
// to version 2 skips just those, which it cannot check, and reads every
// other event as before.
constexpr char kHistoryEventVersion = 3;
constexpr char kHistoryEventVersionWithoutPaymentKey = 2;
constexpr char kOldestHistoryEventVersion = 1;

bool ReadableVersion(char version) {
  return version >= kOldestHistoryEventVersion && version <= kHistoryEventVersion;
}

Status Malformed(std::string_view what) {
  return Status::Corruption("undecodable history event: " + std::string(what));
}

}  // namespace

void EncodeHistoryEvent(const HistoryEvent& event, std::string* dst) {
  std::vector<std::string_view> families;
  for (const HistoryChange& change : event.changes) {
    if (std::find(families.begin(), families.end(), change.family) == families.end()) {
      families.push_back(change.family);
    }
  }
  dst->push_back(event.payment_key_id.empty() ? kHistoryEventVersionWithoutPaymentKey
                                              : kHistoryEventVersion);
  PutLengthPrefixed(dst, event.origin);
  PutVarint64(dst, event.sequence);
  PutFixed64(dst, static_cast<uint64_t>(event.time));
  PutVarint64(dst, families.size());
  for (std::string_view family : families) PutLengthPrefixed(dst, family);
  PutVarint64(dst, event.changes.size());
  for (const HistoryChange& change : event.changes) {
    dst->push_back(static_cast<char>(change.kind));
    const auto index = std::find(families.begin(), families.end(), change.family);
    PutVarint64(dst, static_cast<uint64_t>(index - families.begin()));
    PutLengthPrefixed(dst, change.key);
    if (change.kind != HistoryChange::Kind::kDelete) PutLengthPrefixed(dst, change.value);
  }
  if (!event.payment_key_id.empty()) PutLengthPrefixed(dst, event.payment_key_id);
}

bool PeekHistoryEventOrigin(std::string_view input, std::string_view* origin) {
  if (input.empty() || !ReadableVersion(input.front())) return false;
  input.remove_prefix(1);
  return GetLengthPrefixed(&input, origin) && !origin->empty();
}

Status DecodeHistoryEvent(std::string_view input, HistoryEvent* out) {
  if (input.empty()) return Malformed("empty");
  if (!ReadableVersion(input.front())) {
    return Malformed("version " + std::to_string(static_cast<unsigned char>(input.front())) +
                     ", this Rapport reads " + std::to_string(kOldestHistoryEventVersion) + " to " +
                     std::to_string(kHistoryEventVersion));
  }
  const char version = input.front();
  input.remove_prefix(1);
  HistoryEvent event;
  std::string_view origin;
  uint64_t time = 0;
  if (!GetLengthPrefixed(&input, &origin) || origin.empty() ||
      !GetVarint64(&input, &event.sequence) || !GetFixed64(&input, &time)) {
    return Malformed("truncated header");
  }
  event.origin.assign(origin);
  event.time = static_cast<int64_t>(time);
  // Every family name and every change takes at least one byte, so a
  // count larger than what is left is corrupt; this bounds allocations.
  uint64_t family_count = 0;
  if (!GetVarint64(&input, &family_count) || family_count > input.size()) {
    return Malformed("bad family count");
  }
  std::vector<std::string_view> families(family_count);
  for (std::string_view& family : families) {
    if (!GetLengthPrefixed(&input, &family) || family.empty()) return Malformed("bad family name");
  }
  uint64_t change_count = 0;
  if (!GetVarint64(&input, &change_count) || change_count > input.size()) {
    return Malformed("bad change count");
  }
  event.changes.resize(change_count);
  for (HistoryChange& change : event.changes) {
    if (input.empty()) return Malformed("truncated change");
    const auto kind = static_cast<HistoryChange::Kind>(input.front());
    input.remove_prefix(1);
    if (kind != HistoryChange::Kind::kMerge && kind != HistoryChange::Kind::kPut &&
        kind != HistoryChange::Kind::kDelete) {
      return Malformed("unknown change kind");
    }
    change.kind = kind;
    uint64_t family = 0;
    std::string_view key;
    std::string_view value;
    if (!GetVarint64(&input, &family) || family >= families.size() ||
        !GetLengthPrefixed(&input, &key) ||
        (kind != HistoryChange::Kind::kDelete && !GetLengthPrefixed(&input, &value))) {
      return Malformed("truncated change");
    }
    change.family.assign(families[family]);
    change.key.assign(key);
    change.value.assign(value);
  }
  if (version == kHistoryEventVersion) {
    std::string_view payment_key_id;
    if (!GetLengthPrefixed(&input, &payment_key_id) || payment_key_id.empty()) {
      return Malformed("no payment key id");
    }
    event.payment_key_id.assign(payment_key_id);
  }
  if (!input.empty()) return Malformed("trailing bytes");
  *out = std::move(event);
  return Status::Ok();
}

}  // namespace rapport
