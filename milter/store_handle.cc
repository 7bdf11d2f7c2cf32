#include "milter/store_handle.h"

namespace rapport {

StoreHandle::StoreHandle(StoreOptions options, std::chrono::seconds retry_interval)
    : options_(std::move(options)), retry_interval_(retry_interval) {}

Status StoreHandle::Get(HistoryStore** out) {
  if (HistoryStore* store = open_.load(std::memory_order_acquire)) {
    *out = store;
    return Status::Ok();
  }
  std::lock_guard<std::mutex> lock(mutex_);
  if (store_) {
    *out = store_.get();
    return Status::Ok();
  }
  const auto now = std::chrono::steady_clock::now();
  if (attempted_ && now - last_attempt_ < retry_interval_) return last_error_;
  attempted_ = true;
  last_attempt_ = now;
  std::unique_ptr<HistoryStore> store;
  last_error_ = OpenRocksDbStore(options_, &store);
  if (!last_error_.ok()) return last_error_;
  store_ = std::move(store);
  open_.store(store_.get(), std::memory_order_release);
  *out = store_.get();
  return Status::Ok();
}

Status StoreHandle::Flush() {
  std::lock_guard<std::mutex> lock(mutex_);
  return store_ ? store_->Flush() : Status::Ok();
}

}  // namespace rapport
