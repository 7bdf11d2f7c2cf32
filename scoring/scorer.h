#pragma once

#include <cstdint>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "base/status.h"
#include "message/message.h"
#include "scoring/base_rate.h"
#include "scoring/policy_lists.h"
#include "scoring/verdict.h"
#include "store/history.h"

namespace rapport {

struct ScoringOptions {
  int tag_threshold = 40;    // score at or above which the subject is tagged
  int hold_threshold = 70;   // score at or above which mail is held
  int reject_threshold = 0;  // 0 = never reject
  // Weight overrides by signal name; names must exist in the registry.
  std::map<std::string, double> weights;
  // Deliveries of the same (signal, context) without complaint after which
  // the signal's strength is halved: the pace of self-regulation.
  double self_regulation_half_life = 5;
  // How each signal's weight is scaled by this organisation's base rate
  // of it (scoring/base_rate.h).
  BaseRateOptions base_rates;
  // Authentication-Results from these authserv-ids are trusted; others ignored.
  std::vector<std::string> trusted_authserv_ids;
  std::vector<std::string> local_domains;  // normalised, lower-case
  // The organisation's other domains, whose mail is not delivered here (a
  // subsidiary's, its product site): normalised, lower-case; empty by
  // default. They are nobody's look-alike, and imitating them is judged
  // like imitating a local domain. Nothing else treats them as local.
  std::vector<std::string> organisation_domains;
  // Editable data files; empty means the shipped defaults.
  std::string fileshare_domains_file;
  std::string brands_file;
  std::string consumer_domains_file;
  // [policy]: trusted and blocked senders, applied to inbound verdicts.
  PolicyLists policy;
};

struct SignalDefinition;

// The weight `options` give `signal`: its [weights] entry, else its
// default. What the scorer weighs a hit by, and what `rapportctl signals`
// shows.
double ConfiguredWeight(const ScoringOptions& options, const SignalDefinition& signal);

// The names of every registered signal, sorted: what [weights] may name.
std::vector<std::string> RegisteredSignalNames();

// Scores messages against history. Built once from options (which it
// validates: unknown weight names, unreadable data files) and then shared:
// Score() is const and safe to call from many threads at once.
class Scorer {
 public:
  // Stores a new Scorer in *out on success; on failure returns a status
  // naming the bad option or file and leaves *out unchanged.
  static Status Create(const ScoringOptions& options, std::unique_ptr<Scorer>* out);
  virtual ~Scorer() = default;

  // The verdict for `message` travelling in `direction`, as of `now`.
  // Outbound mail is scored too (for replay statistics); the action is set
  // for inbound mail and for internal mail (IsInternalMail() of
  // message/organisation.h, judged against the sending account's own
  // history), and is kAccept for other outbound mail. Store read errors are
  // returned; a message the detectors cannot understand scores 0 with no
  // error.
  virtual Status Score(const Message& message, Direction direction, const HistoryReader& history,
                       int64_t now, Verdict* out) const = 0;

  // Rebuilds the names look-alikes are compared against (local domains,
  // brands, and the correspondent domains `history` knows) and swaps them
  // in; Score() calls running meanwhile finish with the previous set. Call
  // it after opening the store and then now and then (the milter does so
  // periodically). Until the first call only local domains and brands are
  // known. Returns the store's error, leaving the previous set in place.
  virtual Status RefreshKnownNames(const HistoryReader& history) const = 0;

  // How many distinct names the look-alike index holds now (for the
  // daemon's metrics). Safe to call concurrently with everything else.
  virtual size_t KnownNameCount() const = 0;
};

// How often the milter rebuilds a scorer's look-alike names from history.
// Replay and the detection benches rebuild them as often on the mail's own
// clock, so that each verdict sees the correspondents it would have seen
// at the gateway (a rebuild every N messages can lag weeks of archive time).
inline constexpr int64_t kKnownNamesRefreshSeconds = 600;

// RefreshKnownNames on the mail's clock, for replay and the benches. A
// gateway sees hundreds of messages in ten minutes; one mailbox's archive
// may see a message a day, and a rebuild reads every correspondent, so
// rebuilds are also kept kKnownNamesRefreshMessages apart.
class KnownNamesSchedule {
 public:
  static constexpr int kKnownNamesRefreshMessages = 20;

  // Called once per message, before it is scored. Refreshes `scorer`'s
  // names from `history` on the first call, and then once at least
  // kKnownNamesRefreshMessages messages have passed and `now` (the
  // message's time) is kKnownNamesRefreshSeconds or more after the last
  // refresh, or before it (archives with a bogus Date). Returns
  // RefreshKnownNames' error.
  Status Advance(const Scorer& scorer, const HistoryReader& history, int64_t now) {
    if (refreshed_) {
      const bool due = now < last_ || now - last_ >= kKnownNamesRefreshSeconds;
      if (++messages_since_ < kKnownNamesRefreshMessages || !due) return Status::Ok();
    }
    refreshed_ = true;
    last_ = now;
    messages_since_ = 0;
    return scorer.RefreshKnownNames(history);
  }

 private:
  bool refreshed_ = false;
  int64_t last_ = 0;
  int messages_since_ = 0;
};

}  // namespace rapport
