#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "admin/admin_operations.h"
#include "base/status.h"
#include "cli/held_mta.h"
#include "store/held_message.h"

namespace rapport {

// Which held records `rapportctl held list` shows.
struct HeldFilter {
  int64_t since_seconds = 0;  // received within this many seconds of now; 0 = any time
  int min_score = 0;
  std::string signal;  // a signal the message carried; empty = any
  bool all = false;    // also records already released, deleted or reported
};

// How many of a held message's signals `held list` and the digest name.
inline constexpr size_t kTopSignals = 3;

// The `count` signals of `held` that added the most to its score, strongest
// first (pointers into held.signals).
std::vector<const HeldSignal*> StrongestSignals(const HeldMessage& held, size_t count);

// "90s", "30m", "24h", "30d", "2w" as seconds; false for anything else.
bool ParseAge(std::string_view text, int64_t* seconds);

// The records of `records` (newest first, as listed) that `filter` keeps.
std::vector<HeldMessage> FilterHeld(const std::vector<HeldMessage>& records,
                                    const HeldFilter& filter, int64_t now);

// The review of held mail: each action checks the record first, then runs
// the MTA command, then changes the record, so that an unknown id, a
// record no longer held or a failing MTA command leaves the record as it
// was.
class HeldReview {
 public:
  // Neither pointer is owned. `local_domains` (normalised) are never
  // remembered as reported link domains.
  HeldReview(AdminOperations* admin, MtaQueue* mta, std::vector<std::string> local_domains)
      : admin_(admin), mta_(mta), local_domains_(std::move(local_domains)) {}

  // The record and, in *message, the message as queued (the show command's
  // output reduced to the message). The mail stays in the queue. A record
  // no longer held has no message to show (*message is left empty).
  Status Show(const std::string& queue_id, HeldMessage* held, std::string* message);

  // Releases the message from the hold queue. Unless !learn, learns it as
  // delivered and records every signal context as released, so the same
  // anomaly from the same sender softens (self-regulation).
  Status Release(const std::string& queue_id, bool learn, int64_t now);

  // Deletes the message from the queue; the record becomes kDeleted.
  Status Delete(const std::string& queue_id, int64_t now);

  // Deletes the message, records its signal contexts as reported, and
  // remembers its sender and link domains as bad organisation-wide
  // (ReportedSenderKey, ReportedLinkDomainKey) for REPORTED_INDICATOR.
  Status Report(const std::string& queue_id, int64_t now);

  // Adds the sender of a reviewed record to a senders list of the store,
  // audited as a policy change with the queue id in its comment: its From
  // address, and for kTrustedSenders also its envelope MAIL FROM when that
  // differs (trust needs both to match, scoring/policy_lists.h). For
  // `held release --trust-sender` and `held report --block-sender`.
  Status ListSender(const std::string& queue_id, PolicyList list, int64_t now,
                    std::vector<std::string>* added);

  // Forgets records older than `older_than` seconds (by their last status
  // change, or their arrival while still held) that are no longer held, or
  // still held but whose mail is gone from the queue. Appends the ids
  // forgotten to *purged.
  Status Purge(int64_t older_than, int64_t now, std::vector<std::string>* purged);

 private:
  // The record of an id that is valid and still held.
  Status Reviewable(const std::string& queue_id, HeldMessage* held);

  AdminOperations* const admin_;
  MtaQueue* const mta_;
  const std::vector<std::string> local_domains_;
};

}  // namespace rapport
