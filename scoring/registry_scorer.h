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
// one of `corroborations` (CorroborationAt()'s count at the time of the
// message scored). A report starts a new epoch, so corroboration gathered
// before it no longer counts.
double RegulatedStrength(double strength, const SignalContextStats& feedback,
                         uint64_t corroborations, double half_life);

// What corroborates an anomaly at a moment (CorroborationAt()), derived
// once per detection for both its strength and its evidence.
struct Corroboration {
  // The organisations corroborating it independently: RegulatedStrength()'s
  // `corroborations`.
  uint64_t counted = 0;
  // Why corroboration was withheld, for the evidence: empty when every
  // organisation that showed the anomaly on a day of its own counted,
  // otherwise what was seen and what counted.
  std::string withheld;
};

// The organisations corroborating an anomaly independently at `now`
// (Corroboration::counted):
// distinct established organisations, counted no higher than the distinct
// days they first showed it on (one campaign's burst is one day), less the
// first kUncorroboratedOrganisations of them (the first organisation to
// show an anomaly may be the one compromised; it cannot vouch for itself);
// and no more than kOneDayCorroborations beyond the organisations that
// showed it again on a later day (returning_organisations). Adopters keep
// using a platform they adopted; a campaign through compromised vendors of
// distinct organisations, one lure each on a day of its own, looks like
// adoption in every other count, and is one vendor's day after another.
//
// An organisation that showed it on one day only counts while that day is
// no more than kOneDayCorroborationDays before `now` (when the store lists
// the organisations, AnomalyObservations::by_organisation): adoption is
// sustained, adopters return and others follow within days, while
// separate compromised vendors, or one campaign working slowly through a
// supplier list, are one-off lures weeks or months apart. A lapsed
// organisation is left out of every count, so the next one to show the
// anomaly is judged as the first was. When the store lists none (more than
// kMaxObservingOrganisationsRead organisations showed it, or its members
// and counts disagree) nothing lapses and the counts stand alone: the
// one-day organisations still count no more than kOneDayCorroborations
// between them, so a campaign that wide is weakened by at most that much
// (tagged, not delivered untagged), and the read per detection stays
// bounded.
Corroboration CorroborationAt(const AnomalyObservations& observed, int64_t now);

inline constexpr uint64_t kUncorroboratedOrganisations = 1;

// How long, in days, the one day an organisation showed an anomaly on
// corroborates it: the two weeks within which the adoption example
// has fifteen partners of ten organisations start linking a platform.
// Adopters use a send-a-file platform for their next large file, days
// later, and partners of one another follow within days, so within two
// weeks of any day an adoption shows a return or another organisation;
// at least two organisations on distinct days within the window keep one
// corroboration, so a slow adoption of one message per organisation
// stays corroborated while they come at most a week apart.
inline constexpr int64_t kOneDayCorroborationDays = 14;

// Corroborations counted from organisations that showed an anomaly on one
// day only: enough to halve a platform's strength before any of its
// adopters has used it twice, not enough to halve a departure twice, so
// at the default weights a campaign through compromised vendors stays
// tagged. An adopter with a deep relationship (NEW_LINK_DOMAIN_FOR_SENDER
// near its full weight, never corroborated) would still reach the hold
// threshold at the halved strength; the scorer tags such a message at
// most when the adoption is all it shows (scorer.cc, AdoptionInProgress).
inline constexpr uint64_t kOneDayCorroborations = 1;

// How many deliveries one release (or, negatively, one report) is worth,
// in half-lives: a release quarters the strength at once.
inline constexpr double kReleaseHalfLives = 2;

}  // namespace rapport
