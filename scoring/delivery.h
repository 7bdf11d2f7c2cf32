#pragma once

#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "message/message.h"
#include "scoring/scorer.h"
#include "scoring/verdict.h"
#include "store/history_store.h"

namespace rapport {

// What became of a scored message: it decides what learning may trust.
enum class Disposition {
  kAccepted,  // outbound, or judged below the tag threshold
  kTagged,    // delivered with a warning: unconfirmed
  kHeld,      // waiting for review: nothing reached anyone
  kRejected,  // refused: never learned
  kReleased,  // held, then released by an admin: trusted at once
};

// The scorer accepts outbound mail whatever its score, except internal mail
// (to colleagues only), which it judges like inbound mail (lateral
// phishing): the action alone says what became of a message.
inline Disposition DispositionOf(Action action) {
  switch (action) {
    case Action::kAccept:
      return Disposition::kAccepted;
    case Action::kTag:
      return Disposition::kTagged;
    case Action::kHold:
      return Disposition::kHeld;
    case Action::kReject:
      return Disposition::kRejected;
  }
  return Disposition::kRejected;
}

// Whether a message so disposed is learned at all (as trusted history or
// as observations): everything but rejected mail.
inline bool IsLearned(Disposition disposition) { return disposition != Disposition::kRejected; }

// The one builder of what learning records of a scored message, the same
// in the milter, replay and held-mail release. Accepted and released mail
// is trusted history, every anomaly of its verdict counted as delivered
// without complaint. Tagged mail is learned without the link domains its
// anomalies were about, and held
// mail not at all: what they showed is kept as unconfirmed observations,
// which corroborate an anomaly only when its sender is an established
// correspondent (verdict.sender). Accepted and tagged mail, scored inbound,
// is a base-rate sample (scoring/base_rate.h).
inline LearnRequest LearnRequestFor(const Message& message, Direction direction, int64_t now,
                                    std::vector<std::string> recipients, const Verdict& verdict,
                                    Disposition disposition) {
  LearnRequest request;
  request.message = &message;
  request.direction = direction;
  request.now = now;
  request.recipients = std::move(recipients);
  for (const SignalHit& hit : verdict.signals) {
    request.signal_contexts.emplace_back(hit.name, hit.context);
    request.other_anomalies.insert(request.other_anomalies.end(), hit.more_contexts.begin(),
                                   hit.more_contexts.end());
  }
  request.sender = verdict.sender;
  switch (disposition) {
    case Disposition::kAccepted:
      request.trust = LearnTrust::kTrusted;
      break;
    case Disposition::kReleased:
      // The admin's judgement is the feedback; the verdict's sample was
      // taken on mail that was held, not on mail known to be legitimate.
      request.trust = LearnTrust::kTrusted;
      request.sender.scored = false;
      break;
    case Disposition::kTagged:
      request.trust = LearnTrust::kUnconfirmed;
      break;
    case Disposition::kHeld:
    case Disposition::kRejected:
      request.trust = LearnTrust::kObservedOnly;
      break;
  }
  return request;
}

// Scores `message` as of `now` against `store`, stores the verdict in
// *verdict, then learns the message as its disposition allows (everything
// but rejected mail, through LearnRequestFor): what replay, the detection
// benches and the story tests do for each message, in order, as the milter
// does with its learning in the background. Returns the scorer's or the
// store's error; *verdict is filled whenever scoring succeeded.
// `held_becomes` is what happens to a held message before it is learned:
// kHeld (it waits for an admin) or kReleased (a bench playing an admin
// who releases it at once).
inline Status ScoreAndLearn(const Scorer& scorer, HistoryStore* store, const Message& message,
                            Direction direction, int64_t now, std::vector<std::string> recipients,
                            Verdict* verdict, Disposition held_becomes = Disposition::kHeld) {
  Status status = scorer.Score(message, direction, *store, now, verdict);
  if (!status.ok()) return status;
  Disposition disposition = DispositionOf(verdict->action);
  if (disposition == Disposition::kHeld) disposition = held_becomes;
  if (!IsLearned(disposition)) return Status::Ok();
  return store->Learn(
      LearnRequestFor(message, direction, now, std::move(recipients), *verdict, disposition));
}

}  // namespace rapport
