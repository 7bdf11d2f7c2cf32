#pragma once

#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "message/message.h"
#include "store/history_store.h"

namespace rapport::test {

// A fresh directory under /tmp, removed with everything in it on destruction.
class TempDir {
 public:
  TempDir();
  ~TempDir();
  TempDir(const TempDir&) = delete;
  TempDir& operator=(const TempDir&) = delete;

  const std::string& path() const { return path_; }
  // A path inside the directory (not created).
  std::string Sub(const std::string& name) const { return path_ + "/" + name; }

 private:
  std::string path_;
};

// An address as the parser would give it.
MailAddress Address(const std::string& address, const std::string& display_name = "");

// A link as the parser would give it, to `host` with the given registrable domains.
Link LinkTo(const std::string& icann_domain, const std::string& private_domain);

// Store options for acme.com as the organisation.
StoreOptions AcmeOptions(const std::string& path);

// Opens a store or fails the test.
std::unique_ptr<HistoryStore> OpenOrFail(const StoreOptions& options);

// Learns `message` to `recipients` at `now`, requiring success.
void LearnOrFail(HistoryStore* store, const Message& message, Direction direction, int64_t now,
                 const std::vector<std::string>& recipients);

// Puts `value` under `key` of column family `family` of the closed store
// in `path` through RocksDB directly, as damage or another program might.
void PutRaw(const std::string& path, const std::string& family, const std::string& key,
            const std::string& value);
// The same for several keys and values at once.
void PutRaw(const std::string& path, const std::string& family,
            const std::vector<std::pair<std::string, std::string>>& entries);

// Deletes `key` of column family `family` of the closed store in `path`.
void DeleteRaw(const std::string& path, const std::string& family, const std::string& key);

// Drops column families `families` from the closed store in `path`, as a
// store written before they existed lacks them.
void DropFamilies(const std::string& path, const std::vector<std::string>& families);

// Every key and value of plain-value column family `family` (not a
// counter family) of the closed store in `path`, read through RocksDB
// directly.
std::vector<std::pair<std::string, std::string>> RawEntries(const std::string& path,
                                                            const std::string& family);

// Seconds since the epoch of 2024-03-DD hh:00 UTC.
int64_t March2024(int day, int hour = 12);

}  // namespace rapport::test
