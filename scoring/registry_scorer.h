#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "scoring/scorer.h"
#include "scoring/signal_registry.h"

namespace rapport {

// Like Scorer::Create, but running the signals of `registry` instead of the
// built-in ones (tests use it to check the combination with detectors of
// their own). `registry` must outlive the scorer.
Status CreateScorerWithRegistry(const ScoringOptions& options, const SignalRegistry& registry,
                                std::unique_ptr<Scorer>* out);

// Self-regulation: the strength left to a hit of `strength` given what
// history holds of its (signal, context).
//
// Feedback: each trusted delivery (accepted mail; tagged mail is not
// trusted) moves it towards 0 at the pace of `half_life` deliveries; an
// admin's release counts as kReleaseHalfLives half-lives at once; a report
// undoes as much and, past zero, moves the strength towards 1 at the same
// pace.
//
// Corroboration: unconfirmed mail (tagged or held) that showed the same
// anomaly, from established correspondents of distinct organisations on
// distinct days (store/history.h, AnomalyObservations), halves it once per
// IndependentCorroborations(). A report starts a new epoch, so
// corroboration gathered before it no longer counts.
double RegulatedStrength(double strength, const SignalContextStats& feedback,
                         const AnomalyObservations& observed, double half_life);

// The organisations corroborating an anomaly independently: distinct
// established organisations, counted no higher than the distinct days they
// first showed it on (one campaign's burst is one day), less the first
// kUncorroboratedOrganisations of them (the first organisation to show an
// anomaly may be the one compromised; it cannot vouch for itself); and no
// more than kOneDayCorroborations beyond the organisations that showed it
// again on a later day (returning_organisations). Adopters keep using a
// platform they adopted; a campaign through compromised vendors of
// distinct organisations, one lure each on a day of its own, looks like
// adoption in every other count, and is one vendor's day after another.
uint64_t IndependentCorroborations(const AnomalyObservations& observed);

// Why corroboration was withheld, for the evidence: empty when
// IndependentCorroborations() counts every organisation that showed the
// anomaly on a day of its own, otherwise what was seen and what counted.
std::string DescribeWithheldCorroboration(const AnomalyObservations& observed);

inline constexpr uint64_t kUncorroboratedOrganisations = 1;

// Corroborations counted from organisations that showed an anomaly on one
// day only: enough that a platform adopted by several partners stops
// being held before any of them has used it twice (at the default
// weights: tagged, not held, after the third), not enough to halve a
// departure twice, so at the default weights it stays tagged.
inline constexpr uint64_t kOneDayCorroborations = 1;

// How many deliveries one release (or, negatively, one report) is worth,
// in half-lives: a release quarters the strength at once.
inline constexpr double kReleaseHalfLives = 2;

}  // namespace rapport
