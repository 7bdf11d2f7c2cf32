#include "cli/store_access.h"

namespace rapport {

Status OpenHistory(const Config& config, StoreUse use, std::unique_ptr<HistoryStore>* out) {
  StoreOptions options;
  options.path = config.state_dir;
  options.local_domains = config.local_domains;
  options.mode =
      use == StoreUse::kRead ? StoreOptions::Mode::kReadOnly : StoreOptions::Mode::kReadWrite;
  options.bulk_load = use == StoreUse::kBulkImport;
  return OpenRocksDbStore(options, out);
}

}  // namespace rapport
