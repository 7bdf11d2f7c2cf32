#include "store/counter_record.h"

#include <algorithm>

#include "base/clock.h"
#include "store/coding.h"

namespace rapport {
namespace {

int64_t AsSigned(uint64_t value) { return static_cast<int64_t>(value); }

}  // namespace

int64_t UtcDay(int64_t seconds) {
  int64_t day = seconds / kSecondsPerDay;
  if (seconds % kSecondsPerDay < 0) --day;
  return day;
}

void CounterRecord::SetActiveDay(size_t field, int64_t now) {
  const int64_t day = UtcDay(now);
  fields_[field] = 1;
  fields_[field + 1] = static_cast<uint64_t>(day);
  fields_[field + 2] = static_cast<uint64_t>(day);
}

bool CounterRecord::Decode(std::string_view value) {
  size_t count = layout_->rules.size();
  if (layout_->text == TextRule::kNone) {
    if (value.size() % 8 != 0 || value.size() > count * 8) return false;
    const size_t written = value.size() / 8;
    if (written + layout_->added_fields < count) return false;
    for (size_t i = written; i < count; ++i) fields_[i] = 0;
    count = written;
  } else if (value.size() < count * 8) {
    return false;
  }
  for (size_t i = 0; i < count; ++i) fields_[i] = DecodeFixed64(value.data() + 8 * i);
  text_.assign(value.substr(count * 8));
  return true;
}

void CounterRecord::EncodeTo(std::string* dst) const {
  const size_t count = layout_->rules.size();
  dst->reserve(dst->size() + count * 8 + text_.size());
  for (size_t i = 0; i < count; ++i) PutFixed64(dst, fields_[i]);
  dst->append(text_);
}

std::string CounterRecord::Encode() const {
  std::string value;
  EncodeTo(&value);
  return value;
}

void CounterRecord::MergeFrom(const CounterRecord& other) {
  // The text rule compares field 0 before the fields are merged.
  if (layout_->text == TextRule::kEarliest && AsSigned(other.fields_[0]) < AsSigned(fields_[0])) {
    text_ = other.text_;
  } else if (layout_->text == TextRule::kLatest &&
             AsSigned(other.fields_[0]) >= AsSigned(fields_[0])) {
    text_ = other.text_;
  }
  const std::span<const FieldRule> rules = layout_->rules;
  for (size_t i = 0; i < rules.size(); ++i) {
    uint64_t& mine = fields_[i];
    const uint64_t theirs = other.fields_[i];
    switch (rules[i]) {
      case FieldRule::kAdd:
        mine += theirs;
        break;
      case FieldRule::kMin:
        mine = static_cast<uint64_t>(std::min(AsSigned(mine), AsSigned(theirs)));
        break;
      case FieldRule::kMax:
        mine = static_cast<uint64_t>(std::max(AsSigned(mine), AsSigned(theirs)));
        break;
      case FieldRule::kDayCount: {
        uint64_t& first = fields_[i + 1];
        uint64_t& last = fields_[i + 2];
        const int64_t their_first = AsSigned(other.fields_[i + 1]);
        const int64_t their_last = AsSigned(other.fields_[i + 2]);
        if (theirs == 0) break;
        if (mine == 0) {
          mine = theirs;
          first = static_cast<uint64_t>(their_first);
          last = static_cast<uint64_t>(their_last);
          break;
        }
        const bool disjoint = their_first > AsSigned(last) || their_last < AsSigned(first);
        // Records of consecutive spans of Date-ordered mail meet at most on
        // one day, which both have counted.
        const bool adjoining = their_first == AsSigned(last) || their_last == AsSigned(first);
        if (disjoint) {
          mine += theirs;
        } else if (adjoining) {
          mine += theirs - 1;
        } else {
          mine = std::max(mine, theirs);
        }
        first = static_cast<uint64_t>(std::min(AsSigned(first), their_first));
        last = static_cast<uint64_t>(std::max(AsSigned(last), their_last));
        break;
      }
      case FieldRule::kFirstDay:
      case FieldRule::kLastDay:
        break;  // merged with their kDayCount field
    }
  }
}

bool CounterMergeOperator::FullMergeV2(const MergeOperationInput& merge_in,
                                       MergeOperationOutput* merge_out) const {
  CounterRecord result(layout_);
  bool have_result = false;
  if (merge_in.existing_value != nullptr) {
    have_result = result.Decode(merge_in.existing_value->ToStringView());
  }
  CounterRecord operand(layout_);
  for (const rocksdb::Slice& slice : merge_in.operand_list) {
    if (!operand.Decode(slice.ToStringView())) continue;
    if (have_result) {
      result.MergeFrom(operand);
    } else {
      result = operand;
      have_result = true;
    }
  }
  if (!have_result) result = CounterRecord(layout_);
  merge_out->new_value.clear();
  result.EncodeTo(&merge_out->new_value);
  return true;
}

bool CounterMergeOperator::PartialMerge(const rocksdb::Slice& /*key*/,
                                        const rocksdb::Slice& left_operand,
                                        const rocksdb::Slice& right_operand, std::string* new_value,
                                        rocksdb::Logger* /*logger*/) const {
  CounterRecord left(layout_);
  CounterRecord right(layout_);
  const bool left_ok = left.Decode(left_operand.ToStringView());
  const bool right_ok = right.Decode(right_operand.ToStringView());
  if (!left_ok && !right_ok) return false;  // let the full merge skip both
  if (!left_ok) {
    left = right;
  } else if (right_ok) {
    left.MergeFrom(right);
  }
  new_value->clear();
  left.EncodeTo(new_value);
  return true;
}

}  // namespace rapport
