#include "milter/known_names_refresher.h"

namespace rapport {
namespace {

// How often the thread looks for a reloaded scorer or a store that opened late.
constexpr std::chrono::seconds kPollInterval(5);

}  // namespace

KnownNamesRefresher::KnownNamesRefresher(RuntimeSlot* slot, StoreHandle* store, Logger* logger,
                                         std::chrono::seconds interval)
    : slot_(slot), store_(store), logger_(logger), interval_(interval), thread_([this] {
        Run();
      }) {}

KnownNamesRefresher::~KnownNamesRefresher() {
  {
    std::lock_guard<std::mutex> lock(mutex_);
    stopping_ = true;
  }
  wake_.notify_all();
  thread_.join();
}

bool KnownNamesRefresher::Refresh(const Runtime& runtime) {
  std::shared_ptr<HistoryStore> store;
  if (!store_->Get(&store).ok()) return false;
  const Status status = runtime.scorer->RefreshKnownNames(*store);
  if (!status.ok()) {
    logger_->Warning("look-alike names not refreshed: " + status.ToString());
    return false;
  }
  logger_->Debug("look-alike names refreshed from history");
  return true;
}

void KnownNamesRefresher::Run() {
  const Runtime* refreshed = nullptr;
  auto last = std::chrono::steady_clock::now();
  std::unique_lock<std::mutex> lock(mutex_);
  while (!stopping_) {
    const std::shared_ptr<const Runtime> runtime = slot_->Load();
    const bool due =
        runtime.get() != refreshed || std::chrono::steady_clock::now() - last >= interval_;
    if (due) {
      lock.unlock();
      const bool done = Refresh(*runtime);
      lock.lock();
      if (done) {
        refreshed = runtime.get();
        last = std::chrono::steady_clock::now();
      }
    }
    wake_.wait_for(lock, kPollInterval, [this] { return stopping_; });
  }
}

}  // namespace rapport
