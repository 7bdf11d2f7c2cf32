#pragma once

#include <rocksdb/compaction_filter.h>

#include <cstdint>
#include <string>

#include "base/clock.h"

namespace rapport {

// Drops, during compaction, counter records (store/counter_record.h) whose
// last-seen time is more than `retention_seconds` before `clock()`: history
// nobody has written for that long. The time is read from field
// `last_seen_field` of the value; values too short to hold it are kept, and
// merge operands are never dropped (a record merged from recent operands
// carries a recent last-seen time and survives). Thread-safe; `clock` must
// be too.
class RetentionFilter : public rocksdb::CompactionFilter {
 public:
  RetentionFilter(Clock clock, int64_t retention_seconds, size_t last_seen_field, std::string name)
      : clock_(std::move(clock)),
        retention_seconds_(retention_seconds),
        last_seen_field_(last_seen_field),
        name_(std::move(name)) {}

  bool Filter(int level, const rocksdb::Slice& key, const rocksdb::Slice& value,
              std::string* new_value, bool* value_changed) const override;
  const char* Name() const override { return name_.c_str(); }

 private:
  const Clock clock_;
  const int64_t retention_seconds_;
  const size_t last_seen_field_;
  const std::string name_;
};

}  // namespace rapport
