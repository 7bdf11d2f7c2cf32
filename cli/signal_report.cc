#include "cli/signal_report.h"

#include <fmt/format.h>

#include "store/history.h"

namespace rapport {
namespace {

// The populations a signal's weight is calibrated over, one per route it
// judges (CalibrationPopulation()): inbound mail, then internal mail.
std::vector<BaseRatePopulation> CalibratedOver(const SignalDefinition& signal) {
  std::vector<BaseRatePopulation> populations;
  if (Judges(signal.scope, Direction::kInbound, false)) {
    populations.push_back(CalibrationPopulation(signal, false));
  }
  if (Judges(signal.scope, Direction::kOutbound, true)) {
    populations.push_back(CalibrationPopulation(signal, true));
  }
  return populations;
}

// The JSON's names of a route and of a population.
const char* RouteKey(BaseRateRoute route) {
  return route == BaseRateRoute::kInternal ? "internal" : "inbound";
}

const char* PopulationKey(BaseRatePopulation population) {
  switch (population) {
    case BaseRatePopulation::kInbound:
      return "inbound";
    case BaseRatePopulation::kKnownSenders:
      return "known_senders";
    case BaseRatePopulation::kInternal:
      return "internal";
  }
  return "inbound";
}

// "15", "2.5": a weight as a config file would write it.
std::string FormatWeight(double weight) { return fmt::format("{:g}", weight); }

std::string FormatThreshold(int threshold) {
  return threshold > 0 ? std::to_string(threshold) : "off";
}

}  // namespace

Status BuildSignalsReport(const SignalRegistry& registry, const ScoringOptions& options,
                          const HistoryReader* history, SignalsReport* out) {
  SignalsReport report;
  report.tag_threshold = options.tag_threshold;
  report.hold_threshold = options.hold_threshold;
  report.reject_threshold = options.reject_threshold;
  report.base_rate_options = options.base_rates;
  report.history_read = history != nullptr;
  for (const SignalDefinition& signal : registry.signals()) {
    SignalsReport::Row row;
    row.signal = &signal;
    row.weight = ConfiguredWeight(options, signal);
    if (history != nullptr) {
      for (BaseRatePopulation population : CalibratedOver(signal)) {
        SignalsReport::MeasuredRate measured;
        measured.population = population;
        uint64_t messages = 0;
        Status status = ReadBaseRateMessages(*history, population, &messages);
        if (status.ok())
          status = ReadBaseRate(*history, signal.name, population, messages, &measured.rate);
        if (!status.ok()) return status;
        measured.description = DescribeBaseRate(measured.rate, population, options.base_rates);
        row.base_rates.push_back(std::move(measured));
      }
    }
    report.rows.push_back(std::move(row));
  }
  *out = std::move(report);
  return Status::Ok();
}

std::string FormatSignalsReport(const SignalsReport& report) {
  std::string text = fmt::format(
      "score = sum of weight x strength x surprise, at most 100; tag at {}, hold at {}, reject "
      "at {} ([thresholds])\n",
      FormatThreshold(report.tag_threshold), FormatThreshold(report.hold_threshold),
      FormatThreshold(report.reject_threshold));
  if (!report.history_read) text += "base rates: not read (--no-store)\n";
  for (const SignalsReport::Row& row : report.rows) {
    const SignalDefinition& signal = *row.signal;
    std::string weight = FormatWeight(row.weight);
    if (row.weight != signal.default_weight) {
      weight += " (default " + FormatWeight(signal.default_weight) + ")";
    }
    text += fmt::format("\n{:<34} {:<14} {:<21} weight {}\n", signal.name,
                        SignalGroupName(signal.group), SignalScopeName(signal.scope), weight);
    text += "  " + signal.description + "\n";
    for (const SignalsReport::MeasuredRate& measured : row.base_rates) {
      text += "  " + measured.description + "\n";
    }
  }
  return text;
}

nlohmann::json SignalsReportToJson(const SignalsReport& report) {
  nlohmann::json signals = nlohmann::json::array();
  for (const SignalsReport::Row& row : report.rows) {
    const SignalDefinition& signal = *row.signal;
    nlohmann::json rates = nlohmann::json::array();
    for (const SignalsReport::MeasuredRate& measured : row.base_rates) {
      rates.push_back({{"route", RouteKey(BaseRateRouteOf(measured.population))},
                       {"population", PopulationKey(measured.population)},
                       {"events", measured.rate.events},
                       {"messages", measured.rate.messages},
                       {"surprise", CalibratedSurprise(measured.rate, report.base_rate_options)},
                       {"text", measured.description}});
    }
    signals.push_back({{"name", signal.name},
                       {"group", SignalGroupName(signal.group)},
                       {"scope", SignalScopeName(signal.scope)},
                       {"weight", row.weight},
                       {"default_weight", signal.default_weight},
                       {"description", signal.description},
                       {"base_rates", std::move(rates)}});
  }
  return {{"thresholds",
           {{"tag", report.tag_threshold},
            {"hold", report.hold_threshold},
            {"reject", report.reject_threshold}}},
          {"history_read", report.history_read},
          {"signals", std::move(signals)}};
}

}  // namespace rapport
