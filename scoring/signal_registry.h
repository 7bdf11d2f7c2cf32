#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "scoring/base_rate.h"
#include "scoring/scoring_context.h"

namespace rapport {

// What a signal is about; shown beside its name in explanations.
enum class SignalGroup {
  kCorrespondent,
  kLink,
  kThread,
  kCompromise,
  kAuthentication,
  kLookalike,
};

// "correspondent", "link", "thread", "compromise", "authentication", "lookalike".
const char* SignalGroupName(SignalGroup group);

// Which mail a detector judges. Internal mail (IsInternalMail() of
// message/organisation.h: an account of the organisation writing to
// colleagues) is judged against the sending account's own history and acted
// on like inbound mail; other outbound mail is scored for replay statistics
// only. Most anomalies only mean something on the way in.
enum class SignalScope {
  kInboundOnly,
  kInboundAndInternal,  // inbound mail and internal mail
  kInternalOnly,        // internal mail only (lateral phishing)
  kBothDirections,      // all mail, inbound and outbound
};

// "inbound", "inbound and internal", "internal", "all mail".
const char* SignalScopeName(SignalScope scope);

// Whether a signal of `scope` judges mail travelling in `direction`;
// `internal` is IsInternalMail() of that mail.
bool Judges(SignalScope scope, Direction direction, bool internal);

// One finding of a detector, before weighting and self-regulation.
struct Detection {
  double strength = 0;   // 0..1; values outside are clamped by the scorer
  std::string evidence;  // one sentence an admin understands without reading code
  // What it was about ("pub-ac94.r2.dev", "a@acme.com>r2.dev"): the key of
  // self-regulation, so deliveries of the same anomaly soften it.
  std::string context;
};

// A detector appends what it finds to *out and returns non-OK only when a
// history read failed. It must not keep references to the context.
using Detector = Status (*)(const ScoringContext& context, std::vector<Detection>* out);

// A named signal: declared once, weighted by name in [weights], printed by
// the same name in logs, headers and explanations.
struct SignalDefinition {
  std::string name;  // UPPER_SNAKE
  SignalGroup group = SignalGroup::kCorrespondent;
  double default_weight = 0;  // points added at full strength
  std::string description;    // one line
  SignalScope scope = SignalScope::kInboundOnly;
  Detector detect = nullptr;
  // The messages its base rate is counted over (scoring/base_rate.h): a
  // signal that only judges known senders is compared with their mail.
  BaseRatePopulation population = BaseRatePopulation::kInbound;
  // The sender's own first use of the domain its context names after '>'
  // ("alice@acme.com>tresorit.com"): one correspondent's change of habit,
  // which other organisations never corroborate. Where every other anomaly
  // of a message is an adoption of that domain independent organisations
  // corroborate, it says no more than the adoption does, and the scorer
  // tags the message at most (scorer.cc, AdoptionInProgress).
  bool sender_novelty = false;
  // How the message presents a link to the domain its context names: behind
  // generic text or an image while the domain is rare here, brought into a
  // thread none of whose parties used it. Where independent organisations
  // corroborate the adoption of that domain, a partner presenting its link
  // as partners do (the platform's "Download" button, a reply in an open
  // conversation) says no more than the adoption does, and the scorer tags
  // the message at most, as for sender_novelty (scorer.cc,
  // AdoptionInProgress).
  bool link_presentation = false;
};

// The population whose base rate calibrates `signal` on a message:
// internal mail is counted over kInternal whatever the signal, other mail
// over the signal's own. What the scorer weighs a hit by, and what
// `rapportctl signals` lists for each route a signal judges.
inline BaseRatePopulation CalibrationPopulation(const SignalDefinition& signal,
                                                bool internal_mail) {
  return internal_mail ? BaseRatePopulation::kInternal : signal.population;
}

// The set of signals a Scorer runs, in registration order. Not thread-safe
// while being filled; read-only use afterwards is safe from many threads.
class SignalRegistry {
 public:
  // Adds a signal. Returns InvalidArgument for a name that is not
  // UPPER_SNAKE or already registered, a negative weight or a null detector.
  Status Add(SignalDefinition definition);

  // The signal with this name, or nullptr.
  const SignalDefinition* Find(std::string_view name) const;

  const std::vector<SignalDefinition>& signals() const { return signals_; }

  // Every name, sorted and comma-separated, for error messages.
  std::string NameList() const;

 private:
  std::vector<SignalDefinition> signals_;
};

// Fills *registry with every built-in signal: each file under
// scoring/signals/ registers its own (see scoring/CMakeLists.txt). Returns
// the first registration error.
Status RegisterBuiltInSignals(SignalRegistry* registry);

// The built-in signals, registered once per process. A malformed built-in
// registration is a programming error and aborts at first use (the
// scoring tests catch it).
const SignalRegistry& BuiltInSignals();

}  // namespace rapport
