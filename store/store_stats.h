#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rapport {

// The daemon's operational counters, kept per UTC day in the store's
// `stats` family so that `rapportctl stats --since` can sum any window of
// days. A counter is a (kind, name) pair; the kind byte is part of the key.
enum class StatsKind : char {
  kRoute = 'r',    // messages by route: inbound, outbound, transit
  kAction = 'a',   // inbound actions (accept, tag, hold, reject) and on_error answers
  kHeld = 'h',     // held records by outcome: held, released, deleted, reported
  kSignal = 's',   // hits per signal name, inbound mail only
  kScore = 'b',    // inbound scores by ScoreBucket(), named by the bucket's lower bound
  kCluster = 'c',  // history shared with other gateways (cluster/replicator.h)
};

// One counter and the amount to add to it (or, read back, its sum).
struct StatsCount {
  StatsKind kind = StatsKind::kRoute;
  std::string name;
  uint64_t count = 1;
};

// Scores are counted in 10-point buckets 0-9 ... 90-99 and one for 100.
inline constexpr int kScoreBucketWidth = 10;
inline constexpr int kScoreBuckets = 11;

// The bucket of `score`, 0 to kScoreBuckets - 1; out-of-range scores fall
// in the nearest end bucket.
int ScoreBucket(int score);

// The counter of `score`'s bucket: kind kScore, named by its lower bound
// ("0", "10", ... "100").
StatsCount ScoreCount(int score);

// The name of an on_error answer in the kAction counters.
inline constexpr const char* kErrorAcceptAction = "error_accept";
inline constexpr const char* kErrorTempfailAction = "error_tempfail";

// The kCluster counters (cluster/replicator.h): events this node
// published and applied, stream entries it could not apply, and failures to
// reach Redis or the store, one per outage rather than per retry.
inline constexpr const char* kPublishedEvents = "published";
inline constexpr const char* kAppliedEvents = "applied";
inline constexpr const char* kUndecodableEvents = "undecodable";
inline constexpr const char* kReplicationFailures = "failures";

// What `rapportctl stats` and `rapportctl store check` report of the store
// itself.
struct FamilyReport {
  std::string name;
  uint64_t keys = 0;       // RocksDB's estimate (rocksdb.estimate-num-keys)
  uint64_t sst_bytes = 0;  // live table files (rocksdb.total-sst-files-size)
};

struct StoreReport {
  std::string path;
  std::string schema_version;
  std::vector<FamilyReport> families;
  uint64_t sst_bytes = 0;  // sum over the families
  uint64_t wal_bytes = 0;  // live write-ahead log files
};

}  // namespace rapport
