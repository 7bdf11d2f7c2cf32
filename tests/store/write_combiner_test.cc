#include "store/write_combiner.h"

#include <rocksdb/db.h>
#include <rocksdb/write_batch.h>

#include <catch2/catch.hpp>

#include "store/history_records.h"

namespace rapport {
namespace {

// Records what a drain writes, per batch, as "family:kind:key".
class BatchRecorder : public rocksdb::WriteBatch::Handler {
 public:
  rocksdb::Status PutCF(uint32_t family, const rocksdb::Slice& key,
                        const rocksdb::Slice& value) override {
    writes.push_back(std::to_string(family) + ":put:" + key.ToString() + "=" + value.ToString());
    return rocksdb::Status::OK();
  }
  rocksdb::Status MergeCF(uint32_t family, const rocksdb::Slice& key,
                          const rocksdb::Slice& value) override {
    CounterRecord record(kSenderAttributeLayout);
    REQUIRE(record.Decode(value.ToStringView()));
    writes.push_back(std::to_string(family) + ":merge:" + key.ToString() + "=" +
                     std::to_string(record.Get(attribute_field::kMessages)));
    return rocksdb::Status::OK();
  }
  std::vector<std::string> writes;
};

CounterRecord Seen(int64_t now) {
  CounterRecord record = SeenAt(kSenderAttributeLayout, now);
  record.Set(attribute_field::kMessages, 1);
  return record;
}

// Column family handles are only compared by id in a WriteBatch; a DB-less
// stand-in is enough to drain into batches.
class FakeHandle : public rocksdb::ColumnFamilyHandle {
 public:
  explicit FakeHandle(uint32_t id) : id_(id) {}
  const std::string& GetName() const override { return name_; }
  uint32_t GetID() const override { return id_; }
  rocksdb::Status GetDescriptor(rocksdb::ColumnFamilyDescriptor*) override {
    return rocksdb::Status::NotSupported();
  }
  const rocksdb::Comparator* GetComparator() const override { return nullptr; }

 private:
  uint32_t id_;
  std::string name_ = "fake";
};

TEST_CASE("the combiner merges repeated keys and drains them in key order", "[store][combiner]") {
  FakeHandle zero(0), one(1);
  const std::vector<rocksdb::ColumnFamilyHandle*> handles = {&zero, &one};
  WriteCombiner combiner(handles.size());
  combiner.Merge(0, "b", Seen(10));
  combiner.Merge(0, "a", Seen(20));
  combiner.Merge(0, "b", Seen(5));
  combiner.Put(1, "id", "root-1");
  combiner.Put(1, "id", "root-2");
  REQUIRE(combiner.entries() == 3);
  REQUIRE(*combiner.FindPut(1, "id") == "root-2");
  REQUIRE(combiner.FindPut(1, "other") == nullptr);
  REQUIRE(combiner.FindPut(0, "id") == nullptr);

  std::vector<std::vector<std::string>> batches;
  const Status status =
      combiner.Drain(handles, 0, WriteCombiner::Counters::kMerge, [&](rocksdb::WriteBatch* batch) {
        BatchRecorder recorder;
        REQUIRE(batch->Iterate(&recorder).ok());
        batches.push_back(recorder.writes);
        return Status::Ok();
      });
  REQUIRE(status.ok());
  REQUIRE(batches.size() == 1);
  REQUIRE(batches[0] == std::vector<std::string>{"0:merge:a=1", "0:merge:b=2", "1:put:id=root-2"});
  REQUIRE(combiner.empty());
  REQUIRE(combiner.FindPut(1, "id") == nullptr);
}

TEST_CASE("the combiner can write new counters as Puts of their merged value",
          "[store][combiner]") {
  FakeHandle zero(0);
  const std::vector<rocksdb::ColumnFamilyHandle*> handles = {&zero};
  WriteCombiner combiner(1);
  combiner.Merge(0, "a", Seen(20));
  combiner.Merge(0, "a", Seen(5));
  CounterRecord merged = Seen(20);
  merged.MergeFrom(Seen(5));

  std::vector<std::string> writes;
  REQUIRE(combiner
              .Drain(handles, 0, WriteCombiner::Counters::kPutNew,
                     [&](rocksdb::WriteBatch* batch) {
                       BatchRecorder recorder;
                       REQUIRE(batch->Iterate(&recorder).ok());
                       writes = recorder.writes;
                       return Status::Ok();
                     })
              .ok());
  REQUIRE(writes == std::vector<std::string>{"0:put:a=" + merged.Encode()});
}

TEST_CASE("the combiner splits large drains and forgets everything on failure",
          "[store][combiner]") {
  FakeHandle zero(0);
  const std::vector<rocksdb::ColumnFamilyHandle*> handles = {&zero};
  WriteCombiner combiner(1);
  for (int i = 0; i < 10; ++i) combiner.Put(0, "k" + std::to_string(i), "v");
  std::vector<uint32_t> sizes;
  REQUIRE(combiner
              .Drain(handles, 4, WriteCombiner::Counters::kMerge,
                     [&](rocksdb::WriteBatch* batch) {
                       sizes.push_back(batch->Count());
                       return Status::Ok();
                     })
              .ok());
  REQUIRE(sizes == std::vector<uint32_t>{4, 4, 2});

  for (int i = 0; i < 10; ++i) combiner.Put(0, "k" + std::to_string(i), "v");
  int calls = 0;
  const Status status =
      combiner.Drain(handles, 4, WriteCombiner::Counters::kMerge, [&](rocksdb::WriteBatch*) {
        ++calls;
        return Status::IoError("disk full");
      });
  REQUIRE(status.IsIoError());
  REQUIRE(calls == 1);
  REQUIRE(combiner.empty());
}

}  // namespace
}  // namespace rapport
