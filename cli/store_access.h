#pragma once

#include <memory>

#include "base/status.h"
#include "config/config.h"
#include "store/history_store.h"

namespace rapport {

// How a subcommand uses the store.
enum class StoreUse {
  kRead,       // explain, sender, domain: never writes
  kWrite,      // replay: writes as the gateway would
  kBulkImport  // learn: writes without a WAL, flushed at the end
};

// Opens the history store of `config` for `use` into *out. The status
// message is one line naming the state directory and what to do.
Status OpenHistory(const Config& config, StoreUse use, std::unique_ptr<HistoryStore>* out);

}  // namespace rapport
