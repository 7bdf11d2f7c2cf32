#include "store/write_combiner.h"

#include <algorithm>

namespace rapport {

void WriteCombiner::Merge(size_t family, std::string_view key, const CounterRecord& record) {
  KeyMap<CounterRecord>& map = merges_[family];
  if (auto it = map.find(key); it != map.end()) {
    it->second.MergeFrom(record);
    return;
  }
  map.emplace(std::string(key), record);
  ++entries_;
}

void WriteCombiner::Put(size_t family, std::string_view key, std::string_view value) {
  KeyMap<std::string>& map = puts_[family];
  if (auto it = map.find(key); it != map.end()) {
    it->second.assign(value);
    return;
  }
  map.emplace(std::string(key), std::string(value));
  ++entries_;
}

const std::string* WriteCombiner::FindPut(size_t family, std::string_view key) const {
  const KeyMap<std::string>& map = puts_[family];
  const auto it = map.find(key);
  return it == map.end() ? nullptr : &it->second;
}

void WriteCombiner::Clear() {
  // clear() keeps the bucket arrays, so the next round of a bulk load does
  // not rehash its way up again.
  for (auto& map : merges_) map.clear();
  for (auto& map : puts_) map.clear();
  entries_ = 0;
}

Status WriteCombiner::Drain(const std::vector<rocksdb::ColumnFamilyHandle*>& handles,
                            size_t max_batch_entries, Counters counters,
                            const std::function<Status(rocksdb::WriteBatch*)>& write) {
  if (empty()) return Status::Ok();  // clearing big empty maps still costs a memset
  rocksdb::WriteBatch batch;
  std::string value;
  Status status;
  // Sorted keys let the memtable reuse its insert position from key to key.
  const auto flush_if_full = [&] {
    if (max_batch_entries == 0 || batch.Count() < max_batch_entries) return;
    status = write(&batch);
    batch.Clear();
  };
  for (size_t family = 0; family < handles.size() && status.ok(); ++family) {
    std::vector<const std::pair<const std::string, CounterRecord>*> merges;
    merges.reserve(merges_[family].size());
    for (const auto& entry : merges_[family]) merges.push_back(&entry);
    std::sort(merges.begin(), merges.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
    for (const auto* entry : merges) {
      value.clear();
      entry->second.EncodeTo(&value);
      if (counters == Counters::kPutNew) {
        batch.Put(handles[family], entry->first, value);
      } else {
        batch.Merge(handles[family], entry->first, value);
      }
      flush_if_full();
      if (!status.ok()) break;
    }
    std::vector<const std::pair<const std::string, std::string>*> puts;
    puts.reserve(puts_[family].size());
    for (const auto& entry : puts_[family]) puts.push_back(&entry);
    std::sort(puts.begin(), puts.end(),
              [](const auto* a, const auto* b) { return a->first < b->first; });
    for (const auto* entry : puts) {
      if (!status.ok()) break;
      batch.Put(handles[family], entry->first, entry->second);
      flush_if_full();
    }
  }
  if (status.ok() && batch.Count() > 0) status = write(&batch);
  Clear();
  return status;
}

}  // namespace rapport
