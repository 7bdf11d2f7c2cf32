#pragma once

#include <rocksdb/write_batch.h>

#include <cstddef>
#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "base/string_view_hash.h"
#include "store/counter_record.h"

namespace rapport {

// Gathers the writes of one or many Learn() calls in memory, merging
// counter records for the same key in the process (with the rules of their
// layout, exactly as the column family's merge operator would), so that
// RocksDB receives each distinct key once per drain, in key order. During a
// bulk load this turns millions of memtable inserts for a few hot keys into
// one each; in normal operation it holds one message at a time.
// Not thread-safe: the store serialises its use.
class WriteCombiner {
 public:
  explicit WriteCombiner(size_t family_count) : merges_(family_count), puts_(family_count) {}

  // Adds a merge operand for `key` of `family`.
  void Merge(size_t family, std::string_view key, const CounterRecord& record);
  // Records a Put; a later Put of the same key replaces it.
  void Put(size_t family, std::string_view key, std::string_view value);
  // The value of a pending Put of `key`, or null when there is none.
  const std::string* FindPut(size_t family, std::string_view key) const;

  // Distinct keys waiting to be written.
  size_t entries() const { return entries_; }
  bool empty() const { return entries_ == 0; }

  // How Drain() writes the counter records gathered by Merge().
  enum class Counters {
    kMerge,  // as merge operands, folded into whatever the database holds
    // As Puts of their merged value: the same content as kMerge, without
    // merge operands to fold later, but only when the database holds none
    // of these keys (a Put would replace what it holds).
    kPutNew,
  };

  // Writes every pending key through `write`, in key order per family, in
  // batches of at most `max_batch_entries` (0: one batch), and forgets them.
  // Stops at the first failed write, forgetting everything pending.
  Status Drain(const std::vector<rocksdb::ColumnFamilyHandle*>& handles, size_t max_batch_entries,
               Counters counters, const std::function<Status(rocksdb::WriteBatch*)>& write);

 private:
  template <typename Value>
  using KeyMap = std::unordered_map<std::string, Value, StringViewHash, std::equal_to<>>;

  void Clear();

  std::vector<KeyMap<CounterRecord>> merges_;  // by family
  std::vector<KeyMap<std::string>> puts_;      // by family
  size_t entries_ = 0;
};

}  // namespace rapport
