#include "store/retention_filter.h"

#include "store/coding.h"

namespace rapport {

bool RetentionFilter::Filter(int, const rocksdb::Slice&, const rocksdb::Slice& value, std::string*,
                             bool*) const {
  const size_t offset = last_seen_field_ * 8;
  if (value.size() < offset + 8) return false;
  const int64_t last_seen = static_cast<int64_t>(DecodeFixed64(value.data() + offset));
  return last_seen < clock_() - retention_seconds_;
}

}  // namespace rapport
