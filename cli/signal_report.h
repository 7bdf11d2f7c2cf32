#pragma once

#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "base/status.h"
#include "scoring/base_rate.h"
#include "scoring/scorer.h"
#include "scoring/signal_registry.h"

namespace rapport {

class HistoryReader;

// What `rapportctl signals` shows: the detection model as the loaded
// configuration weighs it, and as this organisation's history calibrates
// it.
struct SignalsReport {
  struct MeasuredRate {
    BaseRatePopulation population = BaseRatePopulation::kInbound;
    BaseRate rate;
    std::string description;  // DescribeBaseRate(), as explanations state it
  };
  struct Row {
    const SignalDefinition* signal = nullptr;  // in the registry given
    double weight = 0;                         // ConfiguredWeight()
    // One rate per route the signal judges: inbound mail counted over the
    // signal's own population, internal mail over kInternal. Empty when no
    // history was read.
    std::vector<MeasuredRate> base_rates;
  };
  int tag_threshold = 0;
  int hold_threshold = 0;
  int reject_threshold = 0;
  BaseRateOptions base_rate_options;
  bool history_read = false;
  std::vector<Row> rows;  // registry order
};

// The report of every signal of `registry` under `options`, with its base
// rates read from `history` when it is not null (ReadBaseRate(), the
// scorer's own reading). Returns the store's read error.
Status BuildSignalsReport(const SignalRegistry& registry, const ScoringOptions& options,
                          const HistoryReader* history, SignalsReport* out);

// The report for a terminal: thresholds, then per signal a line of name,
// group, scope and weight ("25 (default 15)" when [weights] changed it),
// its description indented below it, and its base rates below that.
std::string FormatSignalsReport(const SignalsReport& report);

// The report as JSON: "thresholds" (tag, hold, reject), "history_read",
// and "signals", in registry order, each with name, group, scope, weight,
// default_weight, description and "base_rates" (route, population, events,
// messages, surprise, text), the last empty when no history was read.
nlohmann::json SignalsReportToJson(const SignalsReport& report);

}  // namespace rapport
