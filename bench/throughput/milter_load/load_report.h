#pragma once

#include <array>
#include <cstdint>
#include <string>
#include <vector>

#include "bench/throughput/milter_load/mta_session.h"

namespace rapport::bench {

// What the connections of one run saw, tallied per connection thread and
// merged at the end so that threads share nothing while they run.
struct LoadTally {
  std::vector<uint32_t> latencies_us;  // one per completed message, MAIL to final reply
  std::array<uint64_t, kFinalActionCount> actions{};  // indexed by FinalAction
  uint64_t added_headers = 0;
  uint64_t changed_headers = 0;
  uint64_t quarantines = 0;
  uint64_t other_changes = 0;
  uint64_t rejected_recipients = 0;
  uint64_t sessions = 0;  // connections opened and negotiated
  uint64_t errors = 0;    // failed connections and messages lost to a broken conversation
  std::string first_error;
  uint32_t protocol = 0;  // the SMFIP_* flags the milter negotiated
  uint32_t actions_flags = 0;

  // Adds one completed message.
  void Record(const MessageOutcome& outcome, uint32_t latency_us);
  // Adds an error; the first one's text is kept for the report.
  void RecordError(const std::string& what);
  // Adds everything of `other` to this tally.
  void Merge(const LoadTally& other);
};

// The latency at quantile `q` (0..1) of sorted `latencies_us`, nearest rank,
// in milliseconds; 0 when there are none.
double PercentileMs(const std::vector<uint32_t>& sorted, double q);

// Describes a run for the report.
struct RunDescription {
  std::string socket;
  int connections = 1;
  double seconds = 0;
};

// The report of a run: messages/second, latency percentiles, final actions,
// modifications and errors; as text for a reader or as one JSON object for
// scripts. Sorts tally->latencies_us.
std::string FormatReport(const RunDescription& run, LoadTally* tally, bool json);

}  // namespace rapport::bench
