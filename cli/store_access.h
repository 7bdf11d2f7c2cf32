#pragma once

#include <memory>

#include "admin/admin_operations.h"
#include "base/status.h"
#include "config/config.h"
#include "scoring/scorer.h"
#include "store/history_store.h"

namespace rapport {

// How a subcommand uses the store.
enum class StoreUse {
  kRead,       // explain, sender, domain: never writes
  kWrite,      // replay: writes as the gateway would
  kAdmin,      // held, store: the daemon's operations, with its history retention
  kBulkImport  // learn: writes without a WAL, flushed at the end
};

// Opens the history store of `config` for `use` into *out. The status
// message is one line naming the state directory and what to do. Run as
// root, kWrite and kBulkImport first become the state directory's owner
// (DropToOwnerOf), so the daemon can still open what they write.
Status OpenHistory(const Config& config, StoreUse use, std::unique_ptr<HistoryStore>* out);

// The scorer of `config` with the policy entries kept in `store` after the
// file's, as the daemon scores: for explain and replay. The status names a
// bad data file or weight, or a store entry that no longer parses.
Status CreateScorer(const Config& config, const HistoryStore& store, std::unique_ptr<Scorer>* out);

// The operations of `rapportctl held` and `rapportctl store`: through the
// daemon's admin socket when it runs, else on the store opened here for
// kAdmin (kept alive in *store).
Status OpenAdmin(const Config& config, std::unique_ptr<AdminOperations>* admin,
                 std::unique_ptr<HistoryStore>* store);

}  // namespace rapport
