#pragma once

#include <optional>
#include <string>
#include <vector>

#include "scoring/policy_lists.h"
#include "store/history_store.h"

namespace rapport {

// What the gateway does with a message, in increasing severity.
enum class Action { kAccept, kTag, kHold, kReject };

// "accept", "tag", "hold", "reject": the names used in logs, JSON and config.
const char* ActionName(Action action);

// One signal that fired for one message, with why.
struct SignalHit {
  std::string name;     // registry name, UPPER_SNAKE: "FIRST_FILESHARE_DOMAIN"
  double weight = 0;    // configured weight (points at full strength, surprise 1)
  double strength = 0;  // 0..1: how strongly the evidence supports it
  // Points this hit adds to the score; the contributions of all hits sum to
  // Verdict::score (before rounding).
  double contribution = 0;
  std::string evidence;  // one sentence an admin understands without reading code
  std::string context;   // what it was about ("pub-ac94.r2.dev"), key for self-regulation
  // The calibrated surprise (scoring/base_rate.h) the weight was scaled by:
  // contribution = weight x strength x surprise, before the score's cap.
  double surprise = 1;
  // The contexts of the signal's other detections on the message ("and N
  // more like it"), distinct, for learning (LearnRequest::other_anomalies):
  // a tagged message must not make any domain they name familiar, though
  // only `context` counts as delivered or observed.
  std::vector<std::string> more_contexts{};
  // The independent organisations that corroborated `context`
  // (Corroboration::counted), each halving the strength.
  uint64_t corroborations = 0;
};

// The organisation's policy entry that decided a verdict's action.
struct PolicyMatch {
  PolicyList list = PolicyList::kTrustedSenders;
  std::string entry;   // as written: PolicyEntryText()
  std::string origin;  // "rapport.conf:42"
};

// The scorer's answer for one message: a score 0-100 explained by its hits.
struct Verdict {
  int score = 0;
  Action action = Action::kAccept;
  std::vector<SignalHit> signals;  // strongest contribution first
  // What scoring found of the sender, for learning (scoring/delivery.h).
  SenderStanding sender;
  // Set when a [policy] entry decided the action instead of the thresholds
  // (see ApplyPolicy()); the score and signals are still the scorer's.
  std::optional<PolicyMatch> policy;
};

}  // namespace rapport
