#include "scoring/base_rate.h"

#include <algorithm>
#include <cmath>
#include <cstdio>

#include "store/history.h"

namespace rapport {

BaseRateRoute BaseRateRouteOf(BaseRatePopulation population) {
  return population == BaseRatePopulation::kInternal ? BaseRateRoute::kInternal
                                                     : BaseRateRoute::kInbound;
}

Status ReadBaseRateMessages(const HistoryReader& history, BaseRatePopulation population,
                            uint64_t* messages) {
  *messages = 0;
  const Status status = history.GetBaseRateCount(
      population == BaseRatePopulation::kInternal       ? kBaseRateInternal
      : population == BaseRatePopulation::kKnownSenders ? kBaseRateKnownSenders
                                                        : kBaseRateInbound,
      messages);
  if (!status.ok() && !status.IsNotFound()) return status;
  return Status::Ok();
}

Status ReadBaseRate(const HistoryReader& history, std::string_view signal,
                    BaseRatePopulation population, uint64_t messages, BaseRate* out) {
  out->messages = messages;
  out->events = 0;
  const Status status =
      history.GetBaseRateCount(BaseRateName(BaseRateRouteOf(population), signal), &out->events);
  if (!status.ok() && !status.IsNotFound()) return status;
  // Counts read at different moments of a concurrent learn never make a
  // rate above 1.
  out->events = std::min(out->events, out->messages);
  return Status::Ok();
}

double SmoothedRate(const BaseRate& rate, const BaseRateOptions& options) {
  return (static_cast<double>(rate.events) + options.prior_messages * options.reference_rate) /
         (static_cast<double>(rate.messages) + options.prior_messages);
}

double CalibratedSurprise(const BaseRate& rate, const BaseRateOptions& options) {
  const double surprise =
      std::log(1 / SmoothedRate(rate, options)) / std::log(1 / options.reference_rate);
  return std::clamp(surprise, options.min_surprise, options.max_surprise);
}

std::string DescribeBaseRate(const BaseRate& rate, BaseRatePopulation population,
                             const BaseRateOptions& options) {
  const char* whose = population == BaseRatePopulation::kKnownSenders
                          ? "delivered messages from known senders"
                      : population == BaseRatePopulation::kInternal ? "delivered internal messages"
                                                                    : "delivered inbound messages";
  char text[200];
  if (rate.messages == 0) {
    std::snprintf(text, sizeof text,
                  "base rate here: not measured yet (%.0f%% assumed); weight x%.2f",
                  options.reference_rate * 100, CalibratedSurprise(rate, options));
  } else {
    const double measured = static_cast<double>(rate.events) / static_cast<double>(rate.messages);
    std::snprintf(
        text, sizeof text, "base rate here: %.3g%% of %s show it (%llu of %llu); weight x%.2f",
        measured * 100, whose, static_cast<unsigned long long>(rate.events),
        static_cast<unsigned long long>(rate.messages), CalibratedSurprise(rate, options));
  }
  return text;
}

}  // namespace rapport
