#pragma once

#include <memory>

#include "base/status.h"
#include "scoring/scorer.h"
#include "scoring/signal_registry.h"

namespace rapport {

// Like Scorer::Create, but running the signals of `registry` instead of the
// built-in ones (tests use it to check the combination with detectors of
// their own). `registry` must outlive the scorer.
Status CreateScorerWithRegistry(const ScoringOptions& options, const SignalRegistry& registry,
                                std::unique_ptr<Scorer>* out);

// Self-regulation: the strength left to a hit of `strength` after its
// (signal, context) pair was delivered, released and reported as `stats`
// says. Each delivery without complaint moves it towards 0 at the pace of
// `half_life` deliveries; an admin's release counts as kReleaseHalfLives
// half-lives of deliveries at once; a report undoes as many and, past zero,
// moves the strength towards 1 at the same pace.
double RegulatedStrength(double strength, const SignalContextStats& stats, double half_life);

// How many deliveries one release (or, negatively, one report) is worth,
// in half-lives: a release quarters the strength at once.
inline constexpr double kReleaseHalfLives = 2;

}  // namespace rapport
