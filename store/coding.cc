#include "store/coding.h"

#include <bit>

namespace rapport {
namespace {

// The first byte of an encoded HeldMessage. A new layout gets a new
// version; decoders reject versions they do not know.
constexpr char kHeldMessageVersion = 1;

uint64_t ZigZag(int64_t value) {
  return (static_cast<uint64_t>(value) << 1) ^ static_cast<uint64_t>(value >> 63);
}

int64_t UnZigZag(uint64_t value) {
  return static_cast<int64_t>(value >> 1) ^ -static_cast<int64_t>(value & 1);
}

void PutDouble(std::string* dst, double value) { PutFixed64(dst, std::bit_cast<uint64_t>(value)); }

bool GetDouble(std::string_view* input, double* value) {
  uint64_t bits;
  if (!GetFixed64(input, &bits)) return false;
  *value = std::bit_cast<double>(bits);
  return true;
}

// Reads an element count. Every element takes at least one byte, so a
// count larger than what is left is corrupt; this bounds allocations.
bool GetCount(std::string_view* input, size_t* count) {
  uint64_t raw;
  if (!GetVarint64(input, &raw) || raw > input->size()) return false;
  *count = static_cast<size_t>(raw);
  return true;
}

bool DecodeSignal(std::string_view* input, HeldSignal* signal) {
  return GetString(input, &signal->name) && GetDouble(input, &signal->weight) &&
         GetDouble(input, &signal->contribution) && GetString(input, &signal->evidence) &&
         GetString(input, &signal->context);
}

bool DecodeLink(std::string_view* input, HeldLink* link) {
  return GetString(input, &link->visible_text) && GetString(input, &link->url) &&
         GetString(input, &link->domain);
}

bool DecodeHeldBody(std::string_view* input, HeldMessage* out) {
  size_t count;
  if (!GetString(input, &out->queue_id) || !GetInt64(input, &out->received_at) ||
      !GetString(input, &out->mail_from) || !GetCount(input, &count)) {
    return false;
  }
  out->rcpt_to.resize(count);
  for (std::string& rcpt : out->rcpt_to) {
    if (!GetString(input, &rcpt)) return false;
  }
  int64_t score;
  if (!GetString(input, &out->from) || !GetString(input, &out->subject) ||
      !GetString(input, &out->message_id) || !GetInt64(input, &score) || !GetCount(input, &count)) {
    return false;
  }
  out->score = static_cast<int>(score);
  out->signals.resize(count);
  for (HeldSignal& signal : out->signals) {
    if (!DecodeSignal(input, &signal)) return false;
  }
  if (!GetCount(input, &count)) return false;
  out->links.resize(count);
  for (HeldLink& link : out->links) {
    if (!DecodeLink(input, &link)) return false;
  }
  uint64_t status;
  if (!GetVarint64(input, &status) || status > static_cast<uint64_t>(HeldStatus::kReported)) {
    return false;
  }
  out->status = static_cast<HeldStatus>(status);
  return GetInt64(input, &out->status_changed_at) && input->empty();
}

}  // namespace

void PutFixed64(std::string* dst, uint64_t value) {
  char buf[8];
  for (int i = 0; i < 8; ++i) buf[i] = static_cast<char>(value >> (8 * i));
  dst->append(buf, sizeof(buf));
}

void PutVarint64(std::string* dst, uint64_t value) {
  char buf[10];
  size_t n = 0;
  while (value >= 0x80) {
    buf[n++] = static_cast<char>(value | 0x80);
    value >>= 7;
  }
  buf[n++] = static_cast<char>(value);
  dst->append(buf, n);
}

void PutLengthPrefixed(std::string* dst, std::string_view value) {
  PutVarint64(dst, value.size());
  dst->append(value);
}

uint64_t DecodeFixed64(const char* ptr) {
  uint64_t value = 0;
  for (int i = 7; i >= 0; --i) value = (value << 8) | static_cast<unsigned char>(ptr[i]);
  return value;
}

bool GetFixed64(std::string_view* input, uint64_t* value) {
  if (input->size() < 8) return false;
  *value = DecodeFixed64(input->data());
  input->remove_prefix(8);
  return true;
}

bool GetVarint64(std::string_view* input, uint64_t* value) {
  uint64_t result = 0;
  for (size_t i = 0; i < input->size() && i < 10; ++i) {
    const uint64_t byte = static_cast<unsigned char>((*input)[i]);
    result |= (byte & 0x7f) << (7 * i);
    if ((byte & 0x80) == 0) {
      *value = result;
      input->remove_prefix(i + 1);
      return true;
    }
  }
  return false;
}

void PutInt64(std::string* dst, int64_t value) { PutVarint64(dst, ZigZag(value)); }

bool GetInt64(std::string_view* input, int64_t* value) {
  uint64_t raw;
  if (!GetVarint64(input, &raw)) return false;
  *value = UnZigZag(raw);
  return true;
}

bool GetString(std::string_view* input, std::string* value) {
  std::string_view view;
  if (!GetLengthPrefixed(input, &view)) return false;
  value->assign(view);
  return true;
}

bool GetLengthPrefixed(std::string_view* input, std::string_view* value) {
  uint64_t size;
  if (!GetVarint64(input, &size) || size > input->size()) return false;
  *value = input->substr(0, size);
  input->remove_prefix(size);
  return true;
}

void EncodeHeldMessage(const HeldMessage& held, std::string* dst) {
  dst->push_back(kHeldMessageVersion);
  PutLengthPrefixed(dst, held.queue_id);
  PutVarint64(dst, ZigZag(held.received_at));
  PutLengthPrefixed(dst, held.mail_from);
  PutVarint64(dst, held.rcpt_to.size());
  for (const std::string& rcpt : held.rcpt_to) PutLengthPrefixed(dst, rcpt);
  PutLengthPrefixed(dst, held.from);
  PutLengthPrefixed(dst, held.subject);
  PutLengthPrefixed(dst, held.message_id);
  PutVarint64(dst, ZigZag(held.score));
  PutVarint64(dst, held.signals.size());
  for (const HeldSignal& signal : held.signals) {
    PutLengthPrefixed(dst, signal.name);
    PutDouble(dst, signal.weight);
    PutDouble(dst, signal.contribution);
    PutLengthPrefixed(dst, signal.evidence);
    PutLengthPrefixed(dst, signal.context);
  }
  PutVarint64(dst, held.links.size());
  for (const HeldLink& link : held.links) {
    PutLengthPrefixed(dst, link.visible_text);
    PutLengthPrefixed(dst, link.url);
    PutLengthPrefixed(dst, link.domain);
  }
  PutVarint64(dst, static_cast<uint64_t>(held.status));
  PutVarint64(dst, ZigZag(held.status_changed_at));
}

Status DecodeHeldMessage(std::string_view input, HeldMessage* out) {
  if (input.empty() || input[0] != kHeldMessageVersion) {
    return Status::Corruption("held message record has an unknown format version");
  }
  input.remove_prefix(1);
  *out = HeldMessage();
  if (!DecodeHeldBody(&input, out)) {
    return Status::Corruption("held message record is truncated or malformed");
  }
  return Status::Ok();
}

}  // namespace rapport
