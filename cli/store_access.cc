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
  // Learn and replay run on the archive's clock; only the daemon's own
  // operations expire history by the wall clock.
  if (use == StoreUse::kAdmin)
    options.retention_days = static_cast<uint32_t>(config.retention_days);
  return OpenRocksDbStore(options, out);
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
