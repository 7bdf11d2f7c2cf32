// Measures what a /metrics scrape pays to count held-mail records by
// status: listing every record (what the scrape did before the store kept
// the counts) against HistoryStore::CountHeld, on a store of N records.
//
//   held_count_bench [N] [STATE_DIR]   (default 20000 records, a temp dir)

#include <unistd.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <string>
#include <vector>

#include "store/rocksdb_history_store.h"

namespace rapport {
namespace {

constexpr int kScrapes = 20;

template <typename Fn>
double Milliseconds(Fn fn) {
  const auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double, std::milli>(std::chrono::steady_clock::now() - start)
      .count();
}

// A record about the size the milter writes: four signals with evidence,
// three links, two recipients.
HeldMessage SampleRecord(int i) {
  HeldMessage held;
  held.queue_id = "4F" + std::to_string(100000000 + i);
  held.received_at = 1700000000 + i;
  held.mail_from = "billing" + std::to_string(i) + "@vendor.example";
  held.rcpt_to = {"ann@acme.com", "bob@acme.com"};
  held.from = held.mail_from;
  held.subject = "Invoice " + std::to_string(i) + " is ready for your approval";
  held.message_id = "<" + std::to_string(i) + "@vendor.example>";
  held.score = 75;
  for (const char* name :
       {"FIRST_FILESHARE_DOMAIN", "NEW_LINK_DOMAIN", "FIRST_CONTACT", "HIDDEN_LINK_TARGET"}) {
    held.signals.push_back({name, 30, 20,
                            "pub-5d1e0c7a9b3f.r2.dev never linked by vendor.example in 412 "
                            "messages over 3 years",
                            "r2.dev"});
  }
  for (int l = 0; l < 3; ++l) {
    held.links.push_back({"View document",
                          "https://pub-5d1e0c7a9b3f.r2.dev/offline.html?id=" + std::to_string(l),
                          "r2.dev"});
  }
  held.status = i % 10 == 0 ? HeldStatus::kReleased : HeldStatus::kHeld;
  return held;
}

int Run(int records, const std::string& dir) {
  StoreOptions options;
  options.path = dir;
  options.local_domains = {"acme.com"};
  std::unique_ptr<HistoryStore> store;
  Status status = RocksDbHistoryStore::Open(options, &store);
  if (!status.ok()) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return 1;
  }
  const double put_ms = Milliseconds([&] {
    for (int i = 0; i < records; ++i) store->PutHeld(SampleRecord(i));
  });
  std::printf("%d held records put in %.0f ms (%.3f ms each, counts not kept yet)\n", records,
              put_ms, put_ms / records);

  uint64_t listed_held = 0;
  const double list_ms = Milliseconds([&] {
    for (int i = 0; i < kScrapes; ++i) {
      std::vector<HeldMessage> held;
      store->ListHeld(&held);
      listed_held = CountByStatus(held).by_status[0];
    }
  });
  HeldCounts counts;
  const double first_ms = Milliseconds([&] { store->CountHeld(&counts); });
  const double count_ms = Milliseconds([&] {
    for (int i = 0; i < kScrapes; ++i) store->CountHeld(&counts);
  });
  std::printf("list every record and count:  %8.3f ms per scrape (held=%llu)\n", list_ms / kScrapes,
              static_cast<unsigned long long>(listed_held));
  std::printf("CountHeld, first call:        %8.3f ms (one pass, once per open)\n", first_ms);
  std::printf("CountHeld, later calls:       %8.3f us per scrape (held=%llu)\n",
              1000 * count_ms / kScrapes, static_cast<unsigned long long>(counts.by_status[0]));
  // What a hold costs now that the counts are kept: PutHeld reads the
  // record it replaces.
  const double kept_put_ms = Milliseconds([&] {
    for (int i = records; i < records + 1000; ++i) store->PutHeld(SampleRecord(i));
  });
  std::printf("PutHeld with counts kept:     %8.3f ms per record\n", kept_put_ms / 1000);
  // The kept counts still agree with a full listing.
  std::vector<HeldMessage> held;
  store->ListHeld(&held);
  store->CountHeld(&counts);
  const bool agree = CountByStatus(held).by_status[0] == counts.by_status[0];
  std::printf("kept counts agree with a listing: %s\n", agree ? "yes" : "NO");
  return agree ? 0 : 2;
}

}  // namespace
}  // namespace rapport

int main(int argc, char** argv) {
  const int records = argc > 1 ? std::atoi(argv[1]) : 20000;
  std::string dir = argc > 2 ? argv[2] : "";
  const bool temporary = dir.empty();
  if (temporary) {
    dir =
        (std::filesystem::temp_directory_path() / ("held_count_bench." + std::to_string(getpid())))
            .string();
  }
  const int code = rapport::Run(records, dir);
  if (temporary) std::filesystem::remove_all(dir);
  return code;
}
