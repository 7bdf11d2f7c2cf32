#include "tests/store/test_support.h"

#include <rocksdb/db.h>
#include <stdlib.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <functional>
#include <stdexcept>

namespace rapport::test {

TempDir::TempDir() {
  std::string pattern = "/tmp/rapport-store-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add, ec);
  std::filesystem::remove_all(path_, ec);
}

MailAddress Address(const std::string& address, const std::string& display_name) {
  MailAddress out;
  out.address = address;
  out.display_name = display_name;
  out.domain = address.substr(address.rfind('@') + 1);
  return out;
}

Link LinkTo(const std::string& icann_domain, const std::string& private_domain) {
  Link link;
  link.scheme = "https";
  link.host = private_domain;
  link.url = "https://" + private_domain + "/doc";
  link.icann_domain = icann_domain;
  link.private_domain = private_domain;
  return link;
}

StoreOptions AcmeOptions(const std::string& path) {
  StoreOptions options;
  options.path = path;
  options.local_domains = {"acme.com"};
  options.sizing.block_cache_bytes = 8 << 20;
  return options;
}

std::unique_ptr<HistoryStore> OpenOrFail(const StoreOptions& options) {
  std::unique_ptr<HistoryStore> store;
  const Status status = OpenRocksDbStore(options, &store);
  INFO(status.ToString());
  REQUIRE(status.ok());
  return store;
}

void LearnOrFail(HistoryStore* store, const Message& message, Direction direction, int64_t now,
                 const std::vector<std::string>& recipients) {
  LearnRequest request;
  request.message = &message;
  request.direction = direction;
  request.now = now;
  request.recipients = recipients;
  const Status status = store->Learn(request);
  INFO(status.ToString());
  REQUIRE(status.ok());
}

int64_t March2024(int day, int hour) {
  constexpr int64_t kMarch1 = 1709251200;  // 2024-03-01T00:00:00Z
  return kMarch1 + (day - 1) * 86400 + hour * 3600;
}

void PutRaw(const std::string& path, const std::string& family, const std::string& key,
            const std::string& value) {
  PutRaw(path, family, {{key, value}});
}

namespace {

// Opens the closed store in `path` through RocksDB directly, every family
// with default options, and runs `change` on it with the family names and
// their handles, in the same order.
void ChangeRaw(
    const std::string& path,
    const std::function<void(rocksdb::DB*, const std::vector<std::string>&,
                             const std::vector<rocksdb::ColumnFamilyHandle*>&)>& change) {
  std::vector<std::string> names;
  REQUIRE(rocksdb::DB::ListColumnFamilies(rocksdb::DBOptions(), path, &names).ok());
  std::vector<rocksdb::ColumnFamilyDescriptor> families;
  for (const std::string& name : names) families.emplace_back(name, rocksdb::ColumnFamilyOptions());
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  REQUIRE(rocksdb::DB::Open(rocksdb::DBOptions(), path, families, &handles, &db).ok());
  change(db, names, handles);
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  delete db;
}

}  // namespace

void PutRaw(const std::string& path, const std::string& family,
            const std::vector<std::pair<std::string, std::string>>& entries) {
  ChangeRaw(path, [&](rocksdb::DB* db, const std::vector<std::string>& names,
                      const std::vector<rocksdb::ColumnFamilyHandle*>& handles) {
    const size_t index = std::find(names.begin(), names.end(), family) - names.begin();
    REQUIRE(index < names.size());
    for (const auto& [key, value] : entries) {
      REQUIRE(db->Put(rocksdb::WriteOptions(), handles[index], key, value).ok());
    }
  });
}

void DeleteRaw(const std::string& path, const std::string& family, const std::string& key) {
  ChangeRaw(path, [&](rocksdb::DB* db, const std::vector<std::string>& names,
                      const std::vector<rocksdb::ColumnFamilyHandle*>& handles) {
    const size_t index = std::find(names.begin(), names.end(), family) - names.begin();
    REQUIRE(index < names.size());
    REQUIRE(db->Delete(rocksdb::WriteOptions(), handles[index], key).ok());
  });
}

void DropFamilies(const std::string& path, const std::vector<std::string>& dropped) {
  ChangeRaw(path, [&](rocksdb::DB* db, const std::vector<std::string>& names,
                      const std::vector<rocksdb::ColumnFamilyHandle*>& handles) {
    for (size_t i = 0; i < names.size(); ++i) {
      if (std::find(dropped.begin(), dropped.end(), names[i]) != dropped.end()) {
        REQUIRE(db->DropColumnFamily(handles[i]).ok());
      }
    }
  });
}

std::vector<std::pair<std::string, std::string>> RawEntries(const std::string& path,
                                                            const std::string& family) {
  std::vector<rocksdb::ColumnFamilyDescriptor> families = {
      {rocksdb::kDefaultColumnFamilyName, rocksdb::ColumnFamilyOptions()},
      {family, rocksdb::ColumnFamilyOptions()}};
  std::vector<rocksdb::ColumnFamilyHandle*> handles;
  rocksdb::DB* db = nullptr;
  REQUIRE(rocksdb::DB::OpenForReadOnly(rocksdb::DBOptions(), path, families, &handles, &db).ok());
  std::vector<std::pair<std::string, std::string>> entries;
  std::unique_ptr<rocksdb::Iterator> it(db->NewIterator(rocksdb::ReadOptions(), handles[1]));
  for (it->SeekToFirst(); it->Valid(); it->Next()) {
    entries.emplace_back(it->key().ToString(), it->value().ToString());
  }
  REQUIRE(it->status().ok());
  it.reset();
  for (auto* handle : handles) db->DestroyColumnFamilyHandle(handle);
  delete db;
  return entries;
}

}  // namespace rapport::test
