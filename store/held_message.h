#pragma once

#include <cstdint>
#include <string>
#include <vector>

namespace rapport {

// Where held mail stands in its review.
enum class HeldStatus { kHeld, kReleased, kDeleted, kReported };
inline constexpr int kHeldStatusCount = 4;

// How many held-mail records stand in each HeldStatus, indexed by
// static_cast<int>(status).
struct HeldCounts {
  uint64_t by_status[kHeldStatusCount] = {};
};

// "held", "released", "deleted", "reported": the names rapportctl prints,
// the admin protocol sends and the stats counters use.
const char* HeldStatusName(HeldStatus status);
// The inverse of HeldStatusName; false for any other word.
bool ParseHeldStatus(const std::string& name, HeldStatus* out);

// One signal of a held message, as the scorer explained it.
struct HeldSignal {
  std::string name;
  double weight = 0;
  double contribution = 0;
  std::string evidence;
  std::string context;
};

// One link of a held message: what the reader saw and where it goes.
struct HeldLink {
  std::string visible_text;
  std::string url;
  std::string domain;  // private registrable domain
};

// A message the milter put in the MTA's hold queue, for review with
// rapportctl held. The mail itself stays in the MTA's queue.
struct HeldMessage {
  std::string queue_id;
  int64_t received_at = 0;
  std::string mail_from;
  std::vector<std::string> rcpt_to;
  std::string from;  // From header address
  std::string subject;
  std::string message_id;
  int score = 0;
  std::vector<HeldSignal> signals;
  std::vector<HeldLink> links;
  HeldStatus status = HeldStatus::kHeld;
  int64_t status_changed_at = 0;
};

// The records of `held` counted by status.
HeldCounts CountByStatus(const std::vector<HeldMessage>& held);

}  // namespace rapport

namespace rapport {

// What `rapportctl held report` remembers as confirmed bad, recorded with
// HistoryStore::RecordFeedback(kReported) under the pseudo-signal
// kReportedFeedbackSignal (never a scorer signal, so deliveries of later
// mail do not soften it) and read back by the REPORTED_INDICATOR signal.
inline constexpr const char* kReportedFeedbackSignal = "REPORTED";
// Context key of a reported link's private registrable domain.
inline std::string ReportedLinkDomainKey(const std::string& domain) { return "link:" + domain; }
// Context key of a reported sender address (From, normalised).
inline std::string ReportedSenderKey(const std::string& address) { return "sender:" + address; }

}  // namespace rapport
