#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rapport {

class HistoryReader;
enum class BaseRateRoute;  // store/history.h

// Calibrated strength. Learning counts, over the inbound mail it scored and
// delivered (accepted or tagged; store/history.h, kBaseRate*), how many
// messages there were and on how many each signal fired: the
// organisation's own base rate of each anomaly. Held mail is no sample.
// The scorer turns a rate into a surprise and multiplies the configured
// weight by it, so that [weights] scale a calibrated quantity:
//
//   rate     = (events + prior_messages * reference_rate)
//              / (messages + prior_messages)
//   surprise = clamp(log(1/rate) / log(1/reference_rate),
//                    min_surprise, max_surprise)
//
// An anomaly that delivered mail here shows once in a hundred messages
// (the reference rate) is worth exactly its weight; rarer, more, up to
// max_surprise. More common anomalies keep their weight by default
// (min_surprise 1): attacks combine anomalies that are each common here (a
// new sender, a new domain, a rare link) and only their conjunction is
// rare, which per-signal rates do not see; discounting them (min_surprise
// 0.5) cut the tuning set's held attacks from 99.1% to 85.6%
// (docs/SELF_REGULATION.md). The prior stands for prior_messages
// messages at the reference rate, so a new installation scores as before
// calibration and its own mail takes over as it accumulates. Summing
// weight x surprise over independent anomalies is adding their surprisals:
// the score of two rare anomalies together is the surprise of seeing both,
// under independence.
struct BaseRateOptions {
  double reference_rate = 0.01;
  double prior_messages = 200;
  double min_surprise = 1;
  double max_surprise = 1.5;
};

// Which messages an anomaly's rate is counted over.
enum class BaseRatePopulation {
  kInbound,       // every delivered, scored inbound message
  kKnownSenders,  // those from senders with enough history (ScoringContext::known_sender)
  // Every delivered, scored internal message (colleague to colleague): the
  // population of any signal judging internal mail, whatever it declares.
  kInternal,
};

// What learning measured for one signal.
struct BaseRate {
  uint64_t events = 0;    // messages of the population on which it fired
  uint64_t messages = 0;  // delivered, scored messages of the population
};

// The route whose counts a rate over `population` is read from: internal
// mail's for kInternal, inbound mail's for the others (known senders' mail
// is inbound mail). ReadBaseRate()'s reading, and the route `rapportctl
// signals --json` names beside each population.
BaseRateRoute BaseRateRouteOf(BaseRatePopulation population);

// How many messages of `population` learning counted in `history` (0 when
// none yet): read once and shared by every signal's ReadBaseRate().
Status ReadBaseRateMessages(const HistoryReader& history, BaseRatePopulation population,
                            uint64_t* messages);

// The base rate of `signal` over `population`, of which there are
// `messages`: the messages on which it fired, counted on its route
// (BaseRateRouteOf()). The one reading of a
// base rate, for the scorer's surprise and evidence and for `rapportctl
// signals`.
Status ReadBaseRate(const HistoryReader& history, std::string_view signal,
                    BaseRatePopulation population, uint64_t messages, BaseRate* out);

// The smoothed rate and the surprise factor defined above.
double SmoothedRate(const BaseRate& rate, const BaseRateOptions& options);
double CalibratedSurprise(const BaseRate& rate, const BaseRateOptions& options);

// One sentence for the evidence: "base rate here: 0.2% of legitimate
// messages from known senders show it (3 of 1,500); weight x1.35".
std::string DescribeBaseRate(const BaseRate& rate, BaseRatePopulation population,
                             const BaseRateOptions& options);

}  // namespace rapport
