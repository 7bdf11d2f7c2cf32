#pragma once

#include <atomic>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "config/config.h"
#include "scoring/scorer.h"

namespace rapport {

// What every message reads and a reload replaces as a whole: the
// configuration and the scorer built from it. Immutable once built, so any
// number of threads share one without locking.
struct Runtime {
  Config config;
  std::unique_ptr<const Scorer> scorer;
};

// Builds a Runtime from `config` (creating its Scorer, which validates
// weights and data files) into *out. On failure *out is unchanged and the
// status names what is wrong.
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

 private:
  std::atomic<std::shared_ptr<const Runtime>> current_;
};

}  // namespace rapport
