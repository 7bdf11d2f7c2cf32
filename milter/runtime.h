#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <mutex>
#include <string>
#include <vector>

#include "base/status.h"
#include "config/config.h"
#include "scoring/scorer.h"
#include "store/admin_records.h"
#include "store/history_store.h"

namespace rapport {

// What every message reads and a reload replaces as a whole: the
// configuration and the scorer built from it. Immutable once built, so any
// number of threads share one without locking.
struct Runtime {
  Config config;  // as the file says: its [policy] holds the file's entries only
  // The policy entries kept in the store (rapportctl policy add), which the
  // scorer applies after the file's. A reload keeps them.
  std::vector<StoredPolicyEntry> stored_policy;
  std::unique_ptr<const Scorer> scorer;
};

// Builds a Runtime from `config` and the store's `stored_policy` (creating
// its Scorer, which validates weights and data files, with the file's
// policy entries first, then the store's) into *out. On failure *out is
// unchanged and the status names what is wrong.
Status BuildRuntime(Config config, std::vector<StoredPolicyEntry> stored_policy,
                    std::shared_ptr<const Runtime>* out);
// BuildRuntime() with no entries from the store.
Status BuildRuntime(Config config, std::shared_ptr<const Runtime>* out);

// Settings fixed for the life of the process: the socket and the account
// are set up before privileges are dropped, and the store is opened once
// (state_dir, local_domains which the store uses to tell internal from
// external, and the [store] sizes). Copies them from `running` into *loaded and returns the names
// of those that the file changed, for a "restart to apply" warning.
std::vector<std::string> KeepRestartOnlySettings(const Config& running, Config* loaded);

// Holds the current Runtime. Load() and Replace() are safe to call from any
// thread at any time; a message keeps the Runtime it loaded until it ends,
// even if a reload replaces it meanwhile.
class RuntimeSlot {
 public:
  explicit RuntimeSlot(std::shared_ptr<const Runtime> initial) : current_(std::move(initial)) {}

  std::shared_ptr<const Runtime> Load() const { return current_.load(); }
  void Replace(std::shared_ptr<const Runtime> next) { current_.store(std::move(next)); }

  // Builds the next Runtime from the running one with `build` and replaces
  // it when `build` succeeds; returns what `build` returned. Rebuilds are
  // serialised, so a reload and a policy change at the same time cannot
  // undo each other.
  using Builder =
      std::function<Status(const Runtime& running, std::shared_ptr<const Runtime>* next)>;
  Status Rebuild(const Builder& build);

 private:
  std::atomic<std::shared_ptr<const Runtime>> current_;
  std::mutex rebuild_mu_;
};

// Reads the policy entries kept in `store` and rebuilds the Runtime of
// `slot` with them: what the daemon does once the store is open and after
// every `rapportctl policy add` or `remove`. The new scorer's look-alike
// names are refreshed from `store` before it is published. Counters and
// metrics live outside the Runtime and are untouched.
Status ApplyStoredPolicy(const HistoryStore& store, RuntimeSlot* slot);

}  // namespace rapport
