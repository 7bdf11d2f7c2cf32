#pragma once

#include <rocksdb/merge_operator.h>

#include <array>
#include <cstddef>
#include <cstdint>
#include <memory>
#include <span>
#include <string>
#include <string_view>

namespace rapport {

// How a merge combines one field of a counter record with the same field
// of another. kMin and kMax compare as signed 64-bit values (times).
enum class FieldRule : uint8_t {
  kAdd,
  kMin,
  kMax,
  // Distinct UTC days of activity. Must be followed by a kFirstDay and a
  // kLastDay field: the range of days counted so far. A record whose days
  // lie wholly before or after that range adds its count; one that shares
  // only the range's first or last day adds its count less that day; one
  // that overlaps it further can only hold days already counted, so the
  // larger count is kept. Exact for messages learned in Date order, however
  // their records are grouped before merging (a bulk load's batches, RocksDB's
  // partial merges), and for any message older or newer than all before it;
  // a day inside the range learned late is missed.
  kDayCount,
  kFirstDay,
  kLastDay,
};

// What a merge keeps of the text that may follow a record's fields.
enum class TextRule : uint8_t {
  kNone,      // records carry no text
  kEarliest,  // the text of the record with the smallest field 0 (a time)
  kLatest,    // the text of the record with the largest field 0; ties go to the newer write
};

// The fixed shape of one kind of counter record.
struct RecordLayout {
  std::span<const FieldRule> rules;
  TextRule text = TextRule::kNone;
  // Trailing fields added to the layout after records of it were written
  // (only for TextRule::kNone, where a record's length says where it
  // ends): a record written without them reads them as 0.
  size_t added_fields = 0;
};

// One counter record: up to kMaxFields uint64 fields and an optional text.
// Encoded as the fields in order, 8 bytes little-endian each, then the text.
// Times are int64 seconds stored bit for bit.
class CounterRecord {
 public:
  static constexpr size_t kMaxFields = 12;

  // An all-zero record with no text.
  explicit CounterRecord(const RecordLayout& layout) : layout_(&layout) {}

  uint64_t Get(size_t field) const { return fields_[field]; }
  int64_t GetTime(size_t field) const { return static_cast<int64_t>(fields_[field]); }
  void Set(size_t field, uint64_t value) { fields_[field] = value; }
  void SetTime(size_t field, int64_t value) { fields_[field] = static_cast<uint64_t>(value); }
  // Marks one active day at `now` in the kDayCount group starting at `field`.
  void SetActiveDay(size_t field, int64_t now);
  const std::string& text() const { return text_; }
  void set_text(std::string_view text) { text_.assign(text); }

  // Replaces this record's content with `value`. Returns false, leaving the
  // record unspecified, when `value` is shorter than the layout (less its
  // added_fields, which then read as 0).
  bool Decode(std::string_view value);
  void EncodeTo(std::string* dst) const;
  std::string Encode() const;

  // Folds `other` (of the same layout) into this record, field by field.
  void MergeFrom(const CounterRecord& other);

 private:
  const RecordLayout* layout_;
  std::array<uint64_t, kMaxFields> fields_{};
  std::string text_;
};

// The merge operator of one column family of counter records. Malformed
// operands (never written by this code) are skipped, and a malformed stored
// value is treated as absent, so one bad value never makes a key unreadable.
class CounterMergeOperator : public rocksdb::MergeOperator {
 public:
  // `name` is recorded by RocksDB in the store's OPTIONS file; keep it stable.
  CounterMergeOperator(const RecordLayout& layout, const char* name)
      : layout_(layout), name_(name) {}

  bool FullMergeV2(const MergeOperationInput& merge_in,
                   MergeOperationOutput* merge_out) const override;
  bool PartialMerge(const rocksdb::Slice& key, const rocksdb::Slice& left_operand,
                    const rocksdb::Slice& right_operand, std::string* new_value,
                    rocksdb::Logger* logger) const override;
  const char* Name() const override { return name_; }

 private:
  const RecordLayout& layout_;
  const char* name_;
};

// Floor of `seconds` / kSecondsPerDay (base/clock.h): the UTC day a time falls on.
int64_t UtcDay(int64_t seconds);

}  // namespace rapport
