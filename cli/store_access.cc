#include "cli/store_access.h"

#include "admin/admin_client.h"
#include "admin/admin_server.h"
#include "base/privileges.h"

namespace rapport {

Status OpenHistory(const Config& config, StoreUse use, std::unique_ptr<HistoryStore>* out) {
  // learn and replay run no MTA command: they may become the store's owner
  // for good. held needs root for postsuper, so kAdmin only writes files as
  // the owner.
  if (use == StoreUse::kWrite || use == StoreUse::kBulkImport) {
    const Status dropped = DropToOwnerOf(config.state_dir);
    if (!dropped.ok()) return dropped;
  } else if (use == StoreUse::kAdmin) {
    const Status acting = ActAsOwnerOf(config.state_dir);
    if (!acting.ok()) return acting;
  }
  StoreOptions options;
  options.path = config.state_dir;
  options.local_domains = config.local_domains;
  options.mode =
      use == StoreUse::kRead ? StoreOptions::Mode::kReadOnly : StoreOptions::Mode::kReadWrite;
  options.bulk_load = use == StoreUse::kBulkImport;
  // What the daemon's operations and a replay change waits in the outbox
  // for the daemon to publish; a read-only view describes the node. An
  // import is not shared: it bootstraps one node, which the others join
  // from its backup (docs/SCALE-OUT.md).
  if (use != StoreUse::kBulkImport) options.cluster_node = config.cluster.node;
  options.sizing = config.store;
  options.audit_retention_days = static_cast<uint32_t>(config.audit_retention_days);
  // Learn and replay run on the archive's clock; only the daemon's own
  // operations expire history by the wall clock.
  if (use == StoreUse::kAdmin)
    options.retention_days = static_cast<uint32_t>(config.retention_days);
  return OpenRocksDbStore(options, out);
}

Status CreateScorer(const Config& config, const HistoryStore& store, std::unique_ptr<Scorer>* out) {
  std::vector<StoredPolicyEntry> stored;
  const Status status = store.ListPolicyEntries(&stored);
  if (!status.ok()) return status;
  return CreateScorerWithStoredPolicy(config.scoring, stored, out);
}

Status OpenAdmin(const Config& config, std::unique_ptr<AdminOperations>* admin,
                 std::unique_ptr<HistoryStore>* store) {
  Status status = ConnectAdmin(AdminSocketPath(config.admin_socket, config.state_dir), admin);
  if (!status.IsNotFound()) return status;
  status = OpenHistory(config, StoreUse::kAdmin, store);
  if (!status.ok()) return status;
  *admin = std::make_unique<StoreAdminOperations>(store->get(), config.parse);
  return Status::Ok();
}

}  // namespace rapport
