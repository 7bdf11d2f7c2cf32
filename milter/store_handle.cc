#include "milter/store_handle.h"

#include <sys/stat.h>

namespace rapport {

StoreHandle::StoreHandle(StoreOptions options, std::chrono::seconds retry_interval)
    : options_(std::move(options)), retry_interval_(retry_interval) {}

bool StoreHandle::SameDirectory() const {
  struct stat now {};
  return stat(options_.path.c_str(), &now) == 0 && now.st_dev == device_ && now.st_ino == inode_;
}

Status StoreHandle::Get(std::shared_ptr<HistoryStore>* out) {
  std::lock_guard<std::mutex> lock(mutex_);
  if (store_ && SameDirectory() && !store_->NeedsReopen()) {
    *out = store_;
    return Status::Ok();
  }
  if (store_) {
    // Messages still using the old store finish with it (and it closes
    // with the last of them); this one tries to open the directory there
    // now without waiting for a retry.
    store_.reset();
    attempted_ = false;
  }
  const auto now = std::chrono::steady_clock::now();
  if (attempted_ && now - last_attempt_ < retry_interval_) return last_error_;
  attempted_ = true;
  last_attempt_ = now;
  std::unique_ptr<HistoryStore> store;
  last_error_ = OpenRocksDbStore(options_, &store);
  if (!last_error_.ok()) return last_error_;
  // Gone again already: the next call sees another directory and reopens.
  struct stat opened {};
  stat(options_.path.c_str(), &opened);
  device_ = opened.st_dev;
  inode_ = opened.st_ino;
  store_ = std::move(store);
  *out = store_;
  return Status::Ok();
}

Status StoreHandle::Flush() {
  std::lock_guard<std::mutex> lock(mutex_);
  return store_ ? store_->Flush() : Status::Ok();
}

}  // namespace rapport
