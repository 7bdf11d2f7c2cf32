#include "milter/store_handle.h"

#include <sys/stat.h>

#include <cstdio>

#include "base/clock.h"

namespace rapport {

StoreHandle::StoreHandle(StoreOptions options, std::chrono::seconds retry_interval, Opener opener,
                         std::chrono::milliseconds open_grace)
    : options_(std::move(options)),
      retry_interval_(retry_interval),
      opener_(std::move(opener)),
      open_grace_(open_grace) {}

StoreHandle::~StoreHandle() {
  if (background_open_.joinable()) background_open_.join();
}

bool StoreHandle::SameDirectory() const {
  struct stat now {};
  return stat(options_.path.c_str(), &now) == 0 && now.st_dev == device_ && now.st_ino == inode_;
}

void StoreHandle::AdoptLocked(std::unique_ptr<HistoryStore> store) {
  // Gone again already: the next call sees another directory and reopens.
  struct stat opened {};
  stat(options_.path.c_str(), &opened);
  device_ = opened.st_dev;
  inode_ = opened.st_ino;
  store_ = std::move(store);
  for (auto it = unwritten_stats_.begin(); it != unwritten_stats_.end();) {
    const auto& [day, kind, name] = it->first;
    if (!store_->AddStats({{kind, name, it->second}}, day * kSecondsPerDay).ok()) break;
    it = unwritten_stats_.erase(it);
  }
}

void StoreHandle::OpenInBackground(OpenedCallback opened) {
  std::lock_guard<std::mutex> lock(mutex_);
  opening_ = true;
  opening_since_ = std::chrono::steady_clock::now();
  background_open_ = std::thread([this, opened = std::move(opened)] {
    std::unique_ptr<HistoryStore> store;
    const Status status = opener_(options_, &store);
    std::chrono::steady_clock::duration took;
    {
      std::lock_guard<std::mutex> done(mutex_);
      const auto now = std::chrono::steady_clock::now();
      took = now - opening_since_;
      attempted_ = true;
      last_attempt_ = now;
      last_error_ = status;
      if (status.ok()) AdoptLocked(std::move(store));
      opening_ = false;
    }
    open_ended_.notify_all();
    opened(status, took);
  });
}

Status StoreHandle::Get(std::shared_ptr<HistoryStore>* out) {
  std::unique_lock<std::mutex> lock(mutex_);
  if (opening_)
    open_ended_.wait_until(lock, opening_since_ + open_grace_, [this] { return !opening_; });
  if (opening_) {
    const std::chrono::duration<double> waited = std::chrono::steady_clock::now() - opening_since_;
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.1f", waited.count());
    return Status::Busy("history store in " + options_.path +
                        " is still opening (after an unclean stop it first replays its "
                        "write-ahead log), " +
                        seconds + "s so far");
  }
  if (store_ && SameDirectory()) {
    const Status refusal = store_->WriteRefusal();
    if (refusal.ok()) {
      *out = store_;
      return Status::Ok();
    }
    refusal_ = refusal;
    refused_store_ = store_;
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
  last_error_ = opener_(options_, &store);
  if (!last_error_.ok()) {
    // The store that refused writes still holds its directory's lock while
    // messages in flight finish with it, so the open fails for a reason of
    // this process's own making: report the refusal, which is what to fix.
    if (!refused_store_.expired()) {
      const std::string text = refusal_.message() +
                               " (the store refuses writes until it is reopened, once the "
                               "messages still using it finish)";
      last_error_ = refusal_.IsCorruption() ? Status::Corruption(text) : Status::IoError(text);
    }
    return last_error_;
  }
  refused_store_.reset();
  AdoptLocked(std::move(store));
  *out = store_;
  return Status::Ok();
}

Status StoreHandle::AddStats(const std::vector<StatsCount>& counts, int64_t now) {
  std::shared_ptr<HistoryStore> store;
  if (!Get(&store).ok()) {
    std::lock_guard<std::mutex> lock(mutex_);
    if (!store_) {
      for (const StatsCount& count : counts) {
        unwritten_stats_[{now / kSecondsPerDay, count.kind, count.name}] += count.count;
      }
      return Status::Ok();
    }
    store = store_;  // opened meanwhile, after writing what was kept
  }
  return store->AddStats(counts, now);
}

Status StoreHandle::Flush() {
  std::lock_guard<std::mutex> lock(mutex_);
  return store_ ? store_->Flush() : Status::Ok();
}

}  // namespace rapport
