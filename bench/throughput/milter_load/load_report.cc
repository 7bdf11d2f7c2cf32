#include "bench/throughput/milter_load/load_report.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

namespace rapport::bench {
namespace {

std::string JsonString(std::string_view text) {
  std::string out = "\"";
  for (const char c : text) {
    if (c == '"' || c == '\\') {
      out.push_back('\\');
      out.push_back(c);
    } else if (static_cast<unsigned char>(c) < 0x20) {
      char escaped[8];
      std::snprintf(escaped, sizeof(escaped), "\\u%04x", c);
      out.append(escaped);
    } else {
      out.push_back(c);
    }
  }
  out.push_back('"');
  return out;
}

std::string Format(const char* format, auto... args) {
  char buffer[512];
  std::snprintf(buffer, sizeof(buffer), format, args...);
  return buffer;
}

uint64_t Completed(const LoadTally& tally) { return tally.latencies_us.size(); }

}  // namespace

void LoadTally::Record(const MessageOutcome& outcome, uint32_t latency_us) {
  latencies_us.push_back(latency_us);
  ++actions[static_cast<size_t>(outcome.action)];
  added_headers += outcome.added_headers;
  changed_headers += outcome.changed_headers;
  quarantines += outcome.quarantines;
  other_changes += outcome.other_changes;
  rejected_recipients += outcome.rejected_recipients;
}

void LoadTally::RecordError(const std::string& what) {
  if (errors++ == 0) first_error = what;
}

void LoadTally::Merge(const LoadTally& other) {
  latencies_us.insert(latencies_us.end(), other.latencies_us.begin(), other.latencies_us.end());
  for (size_t i = 0; i < actions.size(); ++i) actions[i] += other.actions[i];
  added_headers += other.added_headers;
  changed_headers += other.changed_headers;
  quarantines += other.quarantines;
  other_changes += other.other_changes;
  rejected_recipients += other.rejected_recipients;
  if (sessions == 0) {
    protocol = other.protocol;
    actions_flags = other.actions_flags;
  }
  sessions += other.sessions;
  if (errors == 0) first_error = other.first_error;
  errors += other.errors;
}

double PercentileMs(const std::vector<uint32_t>& sorted, double q) {
  if (sorted.empty()) return 0;
  const size_t rank = static_cast<size_t>(std::ceil(q * static_cast<double>(sorted.size())));
  return sorted[std::clamp<size_t>(rank, 1, sorted.size()) - 1] / 1000.0;
}

std::string FormatReport(const RunDescription& run, LoadTally* tally, bool json) {
  std::sort(tally->latencies_us.begin(), tally->latencies_us.end());
  const auto& lat = tally->latencies_us;
  const double rate = run.seconds > 0 ? static_cast<double>(Completed(*tally)) / run.seconds : 0;
  const double p50 = PercentileMs(lat, 0.50), p95 = PercentileMs(lat, 0.95);
  const double p99 = PercentileMs(lat, 0.99), max = PercentileMs(lat, 1.0);
  std::string out;
  if (json) {
    out = "{\"socket\":" + JsonString(run.socket) +
          Format(
              ",\"connections\":%d,\"messages\":%llu,\"seconds\":%.3f,\"msg_per_s\":%.1f,"
              "\"p50_ms\":%.3f,\"p95_ms\":%.3f,\"p99_ms\":%.3f,\"max_ms\":%.3f,\"actions\":{",
              run.connections, static_cast<unsigned long long>(Completed(*tally)), run.seconds,
              rate, p50, p95, p99, max);
    for (size_t i = 0; i < kFinalActionCount; ++i) {
      out += (i ? "," : "") + JsonString(FinalActionName(static_cast<FinalAction>(i))) + ":" +
             std::to_string(tally->actions[i]);
    }
    out += Format(
        "},\"added_headers\":%llu,\"changed_headers\":%llu,\"quarantines\":%llu,"
        "\"other_changes\":%llu,\"rejected_recipients\":%llu,\"sessions\":%llu,"
        "\"protocol\":%u,\"errors\":%llu,\"first_error\":",
        static_cast<unsigned long long>(tally->added_headers),
        static_cast<unsigned long long>(tally->changed_headers),
        static_cast<unsigned long long>(tally->quarantines),
        static_cast<unsigned long long>(tally->other_changes),
        static_cast<unsigned long long>(tally->rejected_recipients),
        static_cast<unsigned long long>(tally->sessions), tally->protocol,
        static_cast<unsigned long long>(tally->errors));
    out += JsonString(tally->first_error) + "}\n";
    return out;
  }
  out = Format("milter_load: %s, %d connection(s), %llu messages in %.3f s\n", run.socket.c_str(),
               run.connections, static_cast<unsigned long long>(Completed(*tally)), run.seconds);
  out += Format("throughput: %.1f msg/s\n", rate);
  out +=
      Format("latency (MAIL to final reply): p50 %.3f ms  p95 %.3f ms  p99 %.3f ms  max %.3f ms\n",
             p50, p95, p99, max);
  out += "final actions:";
  for (size_t i = 0; i < kFinalActionCount; ++i) {
    if (tally->actions[i] == 0) continue;
    out += Format(" %s %llu", std::string(FinalActionName(static_cast<FinalAction>(i))).c_str(),
                  static_cast<unsigned long long>(tally->actions[i]));
  }
  out += Format(
      "\nmodifications: headers added %llu, changed %llu, quarantined %llu, other %llu; "
      "recipients rejected %llu\n",
      static_cast<unsigned long long>(tally->added_headers),
      static_cast<unsigned long long>(tally->changed_headers),
      static_cast<unsigned long long>(tally->quarantines),
      static_cast<unsigned long long>(tally->other_changes),
      static_cast<unsigned long long>(tally->rejected_recipients));
  out +=
      Format("negotiated: protocol flags 0x%06x, actions 0x%03x; sessions %llu\n", tally->protocol,
             tally->actions_flags, static_cast<unsigned long long>(tally->sessions));
  out += Format("errors: %llu", static_cast<unsigned long long>(tally->errors));
  if (tally->errors > 0) out += " (first: " + tally->first_error + ")";
  out += "\n";
  return out;
}

}  // namespace rapport::bench
