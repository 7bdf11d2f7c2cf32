#include <algorithm>
#include <catch2/catch.hpp>
#include <cmath>
#include <numeric>
#include <vector>

#include "scoring/registry_scorer.h"
#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

Status Full(const ScoringContext&, std::vector<Detection>* out) {
  out->push_back({1.0, "full evidence", "full-context"});
  return Status::Ok();
}
Status Half(const ScoringContext&, std::vector<Detection>* out) {
  out->push_back({0.5, "half evidence", "half-context"});
  return Status::Ok();
}
Status Two(const ScoringContext&, std::vector<Detection>* out) {
  out->push_back({0.4, "weaker", "a"});
  out->push_back({0.9, "stronger", "b"});
  return Status::Ok();
}
Status Nothing(const ScoringContext&, std::vector<Detection>*) { return Status::Ok(); }

// A registry of FULL (weight 30), HALF (weight 20), TWO (weight 10), NOTHING (50).
const SignalRegistry& TestRegistry() {
  static const SignalRegistry* registry = [] {
    auto* r = new SignalRegistry;
    REQUIRE(r->Add({"FULL", SignalGroup::kLink, 30, "d", SignalScope::kInboundOnly, Full}).ok());
    REQUIRE(r->Add({"HALF", SignalGroup::kLink, 20, "d", SignalScope::kBothDirections, Half}).ok());
    REQUIRE(r->Add({"TWO", SignalGroup::kLink, 10, "d", SignalScope::kInboundOnly, Two}).ok());
    REQUIRE(
        r->Add({"NOTHING", SignalGroup::kLink, 50, "d", SignalScope::kInboundOnly, Nothing}).ok());
    return r;
  }();
  return *registry;
}

Verdict ScoreWith(const ScoringOptions& options, const HistoryReader& history,
                  Direction direction = Direction::kInbound) {
  std::unique_ptr<Scorer> scorer;
  Status status = CreateScorerWithRegistry(options, TestRegistry(), &scorer);
  REQUIRE(status.ok());
  Verdict verdict;
  REQUIRE(scorer
              ->Score(MailFrom(Address("a@txu.com"), {"b@enron.com"}), direction, history, kNow,
                      &verdict)
              .ok());
  return verdict;
}

double SumOfContributions(const Verdict& verdict) {
  return std::accumulate(verdict.signals.begin(), verdict.signals.end(), 0.0,
                         [](double sum, const SignalHit& hit) { return sum + hit.contribution; });
}

TEST_CASE("the score is the sum of weight x strength, explained hit by hit", "[combination]") {
  FakeHistory history;
  Verdict verdict = ScoreWith(DefaultOptions(), history);
  // FULL 30x1 + HALF 20x0.5 + TWO 10x0.9 = 49.
  CHECK(verdict.score == 49);
  REQUIRE(verdict.signals.size() == 3);
  CHECK(verdict.signals[0].name == "FULL");
  CHECK(verdict.signals[0].contribution == Approx(30));
  CHECK(verdict.signals[1].name == "HALF");
  CHECK(verdict.signals[1].contribution == Approx(10));
  CHECK(verdict.signals[2].name == "TWO");
  CHECK(verdict.signals[2].strength == Approx(0.9));
  CHECK(verdict.signals[2].context == "b");
  // The evidence ends with the base rate it was weighed by (none measured).
  CHECK(verdict.signals[2].evidence ==
        "stronger (and 1 more like it); base rate here: not measured yet (1% assumed); weight "
        "x1.00");
  CHECK(SumOfContributions(verdict) == Approx(49));
  CHECK(verdict.action == Action::kTag);
}

TEST_CASE("past 100 the contributions shrink together and still sum to the score",
          "[combination]") {
  ScoringOptions options = DefaultOptions();
  options.weights = {{"FULL", 90}, {"HALF", 60}};  // raw = 90 + 30 + 9 = 129
  FakeHistory history;
  Verdict verdict = ScoreWith(options, history);
  CHECK(verdict.score == 100);
  CHECK(SumOfContributions(verdict) == Approx(100));
  CHECK(verdict.signals[0].contribution / verdict.signals[1].contribution == Approx(90.0 / 30.0));
  CHECK(verdict.action == Action::kHold);
}

TEST_CASE("thresholds map the score to an action; outbound is never acted on", "[combination]") {
  FakeHistory history;
  ScoringOptions options = DefaultOptions();
  options.hold_threshold = 49;
  CHECK(ScoreWith(options, history).action == Action::kHold);
  options.reject_threshold = 49;
  CHECK(ScoreWith(options, history).action == Action::kReject);
  options = DefaultOptions();
  options.tag_threshold = 50;
  options.hold_threshold = 80;
  CHECK(ScoreWith(options, history).action == Action::kAccept);
  options.tag_threshold = 0;  // off
  CHECK(ScoreWith(options, history).action == Action::kAccept);

  Verdict outbound = ScoreWith(DefaultOptions(), history, Direction::kOutbound);
  REQUIRE(outbound.signals.size() == 1);  // only HALF judges outbound mail
  CHECK(outbound.signals[0].name == "HALF");
  CHECK(outbound.score == 10);
  CHECK(outbound.action == Action::kAccept);
  CHECK(std::string(ActionName(Action::kHold)) == "hold");
  CHECK(std::string(ActionName(Action::kAccept)) == "accept");
  CHECK(std::string(ActionName(Action::kTag)) == "tag");
  CHECK(std::string(ActionName(Action::kReject)) == "reject");
}

TEST_CASE("[weights] overrides by name; 0 disables; unknown names list the valid ones",
          "[combination]") {
  FakeHistory history;
  ScoringOptions options = DefaultOptions();
  options.weights = {{"FULL", 0}, {"HALF", 40}};
  Verdict verdict = ScoreWith(options, history);
  CHECK(FindHit(verdict, "FULL") == nullptr);
  REQUIRE(FindHit(verdict, "HALF") != nullptr);
  CHECK(FindHit(verdict, "HALF")->weight == 40);
  CHECK(verdict.score == 29);  // 40x0.5 + 10x0.9

  options.weights = {{"FULLL", 10}};
  std::unique_ptr<Scorer> scorer;
  Status status = CreateScorerWithRegistry(options, TestRegistry(), &scorer);
  REQUIRE(status.IsInvalidArgument());
  CHECK(status.message().find("FULLL") != std::string::npos);
  CHECK(status.message().find("FULL, HALF, NOTHING, TWO") != std::string::npos);
  CHECK(scorer == nullptr);

  options = DefaultOptions();
  options.weights = {{"NEW_SENDER_DOMAIN", 7}};
  CHECK(Scorer::Create(options, &scorer).ok());
  options.weights = {{"NEW_SENDER_DOMIAN", 7}};
  status = Scorer::Create(options, &scorer);
  CHECK(status.IsInvalidArgument());
  CHECK(status.message().find("FIRST_FILESHARE_DOMAIN") != std::string::npos);
}

TEST_CASE("bad thresholds and a missing catalogue stop Create", "[combination]") {
  std::unique_ptr<Scorer> scorer;
  ScoringOptions options = DefaultOptions();
  options.tag_threshold = 80;
  options.hold_threshold = 70;
  CHECK(Scorer::Create(options, &scorer).IsInvalidArgument());
  options = DefaultOptions();
  options.reject_threshold = 50;
  CHECK(Scorer::Create(options, &scorer).IsInvalidArgument());
  options = DefaultOptions();
  options.hold_threshold = 101;
  CHECK(Scorer::Create(options, &scorer).IsInvalidArgument());
  options = DefaultOptions();
  options.self_regulation_half_life = 0;
  CHECK(Scorer::Create(options, &scorer).IsInvalidArgument());
  options = DefaultOptions();
  options.fileshare_domains_file = "/nonexistent/fileshare.txt";
  Status status = Scorer::Create(options, &scorer);
  CHECK(status.IsIoError());
  CHECK(status.message().find("/nonexistent/fileshare.txt") != std::string::npos);
  options = DefaultOptions();
  options.consumer_domains_file = "/nonexistent/providers.txt";
  status = Scorer::Create(options, &scorer);
  CHECK(status.IsIoError());
  CHECK(status.message().find("/nonexistent/providers.txt") != std::string::npos);
}

TEST_CASE("self-regulation: deliveries halve a signal every half-life", "[combination]") {
  SignalContextStats stats;
  CHECK(RegulatedStrength(0.8, stats, 0, 5) == Approx(0.8));
  stats.delivered = 5;
  CHECK(RegulatedStrength(0.8, stats, 0, 5) == Approx(0.4));
  stats.delivered = 10;
  CHECK(RegulatedStrength(0.8, stats, 0, 5) == Approx(0.2));
  CHECK(RegulatedStrength(0.8, stats, 0, 10) == Approx(0.4));  // a slower pace
}

TEST_CASE("self-regulation: a release teaches at once, a report restores and raises",
          "[combination]") {
  SignalContextStats stats;
  stats.delivered = 1;
  stats.released = 1;
  double released = RegulatedStrength(1.0, stats, 0, 5);
  CHECK(released < 0.25);  // one release is worth two half-lives, plus its delivery
  stats.released = 0;
  stats.delivered = 0;
  stats.reported = 1;
  double reported = RegulatedStrength(0.5, stats, 0, 5);
  CHECK(reported > 0.5);
  CHECK(reported < 1.0);
  stats.delivered = 10;
  stats.reported = 1;  // a report undoes two half-lives of deliveries
  CHECK(RegulatedStrength(0.5, stats, 0, 5) == Approx(0.5));
}

TEST_CASE("self-regulation: only independent established organisations on distinct days soften",
          "[combination]") {
  SignalContextStats feedback;
  AnomalyObservations observed;
  observed.messages = 40;  // one compromised vendor, forty recipients
  observed.organisations = 1;
  observed.corroboration_days = 1;
  CHECK(CorroborationAt(observed, kNow).counted == 0);
  CHECK(RegulatedStrength(1.0, feedback, CorroborationAt(observed, kNow).counted, 5) ==
        Approx(1.0));
  observed.organisations = 10;  // ten domains in a one-day burst: one campaign
  CHECK(CorroborationAt(observed, kNow).counted == 0);
  observed.corroboration_days = 3;  // three organisations over three days
  observed.organisations = 3;
  CHECK(CorroborationAt(observed, kNow).counted == 1);  // none used it again
  observed.returning_organisations = 1;                 // one did
  CHECK(CorroborationAt(observed, kNow).counted == 2);
  CHECK(RegulatedStrength(1.0, feedback, CorroborationAt(observed, kNow).counted, 5) ==
        Approx(0.25));
  observed.corroboration_days = 10;  // days count no higher than organisations
  CHECK(CorroborationAt(observed, kNow).counted == 2);
}

TEST_CASE(
    "self-regulation: organisations that showed an anomaly once each corroborate it once; "
    "those that return, fully",
    "[combination]") {
  SignalContextStats feedback;
  AnomalyObservations observed;
  // Eight compromised vendors of distinct organisations, one lure each on
  // a day of its own.
  observed.messages = 8;
  observed.organisations = 8;
  observed.corroboration_days = 8;
  CHECK(CorroborationAt(observed, kNow).counted == kOneDayCorroborations);
  CHECK(RegulatedStrength(1.0, feedback, CorroborationAt(observed, kNow).counted, 5) ==
        Approx(0.5));
  const std::string withheld = CorroborationAt(observed, kNow).withheld;
  CHECK(withheld.find("not counted as adoption: 8 established organisations showed it on 8 days, "
                      "8 of them on one day only and never again") != std::string::npos);
  CHECK(withheld.find("so 1 of 7 corroborations counted") != std::string::npos);
  // Adopters keep using it: each returning organisation counts.
  observed.returning_organisations = 3;
  CHECK(CorroborationAt(observed, kNow).counted == 4);
  CHECK(CorroborationAt(observed, kNow).withheld.find("5 of them on one day only") !=
        std::string::npos);
  observed.returning_organisations = 6;
  CHECK(CorroborationAt(observed, kNow).counted == 7);
  CHECK(CorroborationAt(observed, kNow).withheld.empty());
  // Returning never lifts the limits before it: one campaign's day, or
  // one organisation vouching for itself.
  observed.corroboration_days = 1;
  CHECK(CorroborationAt(observed, kNow).counted == 0);
  observed.organisations = 1;
  observed.corroboration_days = 4;
  observed.returning_organisations = 1;
  CHECK(CorroborationAt(observed, kNow).counted == 0);
  CHECK(CorroborationAt(observed, kNow).withheld.empty());
}

// An organisation that first showed an anomaly `days_ago` days before kNow.
AnomalyObservations::Organisation ShownDaysAgo(int days_ago, bool returning = false) {
  const int64_t shown = kNow - static_cast<int64_t>(days_ago) * kDay;
  return {shown, shown / kDay, returning};
}

// The counts GetObservations() keeps beside the organisations it lists.
AnomalyObservations Listing(std::vector<AnomalyObservations::Organisation> organisations) {
  AnomalyObservations observed;
  std::vector<int64_t> days;
  for (const auto& organisation : organisations) {
    ++observed.messages;
    ++observed.organisations;
    observed.returning_organisations += organisation.returning ? 1 : 0;
    if (std::find(days.begin(), days.end(), organisation.first_day) == days.end()) {
      days.push_back(organisation.first_day);
    }
  }
  observed.corroboration_days = static_cast<uint32_t>(days.size());
  observed.by_organisation = std::move(organisations);
  return observed;
}

TEST_CASE("self-regulation: a one-day organisation corroborates only while its day is recent",
          "[combination]") {
  SignalContextStats feedback;
  // Two organisations linked it once each, days ago: an adoption spreading.
  AnomalyObservations observed = Listing({ShownDaysAgo(9), ShownDaysAgo(3)});
  CHECK(CorroborationAt(observed, kNow).counted == 1);
  CHECK(RegulatedStrength(1.0, feedback, CorroborationAt(observed, kNow).counted, 5) ==
        Approx(0.5));
  CHECK(CorroborationAt(observed, kNow).withheld.empty());
  // The window is kOneDayCorroborationDays, whole: 14 days ago still counts.
  observed = Listing({ShownDaysAgo(kOneDayCorroborationDays), ShownDaysAgo(3)});
  CHECK(CorroborationAt(observed, kNow).counted == 1);
  // Months apart, none of them ever again: separate one-off lures. The
  // next vendor is judged as the first was.
  observed = Listing({ShownDaysAgo(95), ShownDaysAgo(41)});
  CHECK(CorroborationAt(observed, kNow).counted == 0);
  CHECK(RegulatedStrength(1.0, feedback, CorroborationAt(observed, kNow).counted, 5) ==
        Approx(1.0));
  const std::string withheld = CorroborationAt(observed, kNow).withheld;
  CHECK(withheld ==
        "not counted as adoption: 2 established organisations showed it on one day each, the "
        "last 41 days ago, and never again (adoption is sustained: adopters use a platform again "
        "and others follow within 14 days), so 0 of 1 corroborations counted");
  // One of them lapsed, one recent: one organisation vouches for nothing.
  observed = Listing({ShownDaysAgo(15), ShownDaysAgo(2)});
  CHECK(CorroborationAt(observed, kNow).counted == 0);
  CHECK(CorroborationAt(observed, kNow)
            .withheld.find(
                "1 established organisation showed it on one day only, 15 days ago, and never") !=
        std::string::npos);
  // Without the list (a store that did not read it) the counts stand alone.
  observed.by_organisation.clear();
  CHECK(CorroborationAt(observed, kNow).counted == 1);
}

TEST_CASE("self-regulation: an organisation that returned counts however long ago",
          "[combination]") {
  // It returned, months ago; another linked it once, recently.
  AnomalyObservations observed = Listing({ShownDaysAgo(120, true), ShownDaysAgo(5)});
  CHECK(CorroborationAt(observed, kNow).counted == 1);
  CHECK(CorroborationAt(observed, kNow).withheld.empty());
  // Returning inside the window counts as well, and lifts the one-day
  // limit by one as before.
  observed = Listing({ShownDaysAgo(10, true), ShownDaysAgo(8, true), ShownDaysAgo(5)});
  CHECK(CorroborationAt(observed, kNow).counted == 2);
  // A lapsed one-day organisation beside returning ones is left out, and
  // the evidence says why; the limit on the recent ones still applies.
  observed = Listing({ShownDaysAgo(200, true), ShownDaysAgo(60), ShownDaysAgo(6), ShownDaysAgo(4),
                      ShownDaysAgo(1)});
  CHECK(CorroborationAt(observed, kNow).counted == 2);  // 4 counted, 1 returning: min(3, 2)
  const std::string withheld = CorroborationAt(observed, kNow).withheld;
  CHECK(withheld.find("1 established organisation showed it on one day only, 60 days ago, and "
                      "never again") != std::string::npos);
  CHECK(withheld.find("; of the others, 4 established organisations showed it on 4 days, 3 of "
                      "them on one day only") != std::string::npos);
  CHECK(withheld.find("so 2 of 4 corroborations counted") != std::string::npos);
}

TEST_CASE("self-regulation: the evidence names a lapse only where it changed the count",
          "[combination]") {
  // A lapsed one-day organisation beside returning ones, the limit on the
  // others not reached: the lapse alone is what was withheld.
  AnomalyObservations observed =
      Listing({ShownDaysAgo(200, true), ShownDaysAgo(60), ShownDaysAgo(5, true)});
  CHECK(CorroborationAt(observed, kNow).counted == 1);
  CHECK(CorroborationAt(observed, kNow).withheld ==
        "not counted as adoption: 1 established organisation showed it on one day only, 60 days "
        "ago, and never again (adoption is sustained: adopters use a platform again and others "
        "follow within 14 days), so 1 of 2 corroborations counted");
  // A lapsed organisation whose day another, returning, shares: the days
  // bound the count before and after, so nothing was withheld and the
  // evidence is silent.
  observed = Listing({ShownDaysAgo(20, true), ShownDaysAgo(20), ShownDaysAgo(3)});
  CHECK(CorroborationAt(observed, kNow).counted == 1);
  CHECK(CorroborationAt(observed, kNow).withheld.empty());
  // Lapsed by hours past the window: not "14 days ago" beside "within 14
  // days".
  const int64_t just_past = kNow - kOneDayCorroborationDays * kDay - 3600;
  observed = Listing({{just_past, just_past / kDay, false}, ShownDaysAgo(2)});
  CHECK(CorroborationAt(observed, kNow).counted == 0);
  CHECK(CorroborationAt(observed, kNow)
            .withheld.find("on one day only, more than 14 days ago, and never again") !=
        std::string::npos);
}

TEST_CASE("the scorer applies self-regulation per (signal, context)", "[combination]") {
  FakeHistory history;
  history.SetSignalContext("FULL", "full-context", {1, 1, 5, 0, 0});
  history.SetSignalContext("TWO", "b", {1, 1, 100, 0, 0});  // b decays away; a is kept
  Verdict verdict = ScoreWith(DefaultOptions(), history);
  REQUIRE(FindHit(verdict, "FULL") != nullptr);
  CHECK(FindHit(verdict, "FULL")->strength == Approx(0.5));
  REQUIRE(FindHit(verdict, "TWO") != nullptr);
  CHECK(FindHit(verdict, "TWO")->context == "a");
  CHECK(FindHit(verdict, "TWO")->strength == Approx(0.4));
  CHECK(verdict.score == 29);  // 15 + 10 + 4
}

TEST_CASE("calibrated strength: the weight scales the surprise of the organisation's base rate",
          "[combination]") {
  FakeHistory history;
  history.SetBaseRateCount(kBaseRateInbound, 10000);
  history.SetBaseRateCount("FULL", 20);    // 0.2% of legitimate mail: rarer than the reference
  history.SetBaseRateCount("HALF", 1000);  // 10%: common here
  Verdict verdict = ScoreWith(DefaultOptions(), history);
  const SignalHit* full = FindHit(verdict, "FULL");
  const SignalHit* half = FindHit(verdict, "HALF");
  const SignalHit* two = FindHit(verdict, "TWO");
  REQUIRE(full != nullptr);
  REQUIRE(half != nullptr);
  REQUIRE(two != nullptr);
  // log(1 / ((20 + 2) / 10200)) / log(100)
  CHECK(full->surprise == Approx(std::log(10200.0 / 22) / std::log(100.0)));
  CHECK(full->contribution == Approx(30 * full->surprise));
  CHECK(half->surprise == Approx(1));  // common here: the weight as configured
  CHECK(two->surprise == Approx(BaseRateOptions().max_surprise));  // never seen: the bound
  CHECK(full->evidence.find("base rate here: 0.2% of delivered inbound messages show it "
                            "(20 of 10000); weight x1.33") != std::string::npos);
  CHECK(SumOfContributions(verdict) == Approx(verdict.score).margin(0.5));
}

TEST_CASE("calibrated strength: internal mail is weighed by the internal route's rate",
          "[combination]") {
  FakeHistory history;
  history.SetBaseRateCount(kBaseRateInbound, 10000);
  history.SetBaseRateCount("HALF", 5000);  // common inbound: no bearing on internal mail
  history.SetBaseRateCount(kBaseRateInternal, 1000);
  history.SetBaseRateCount(BaseRateName(BaseRateRoute::kInternal, "HALF"), 2);
  std::unique_ptr<Scorer> scorer;
  REQUIRE(CreateScorerWithRegistry(DefaultOptions(), TestRegistry(), &scorer).ok());
  Verdict verdict;
  REQUIRE(scorer
              ->Score(MailFrom(Address("c@enron.com"), {"b@enron.com"}), Direction::kOutbound,
                      history, kNow, &verdict)
              .ok());
  CHECK(verdict.sender.route == BaseRateRoute::kInternal);
  const SignalHit* half = FindHit(verdict, "HALF");
  REQUIRE(half != nullptr);
  // log(1 / ((2 + 2) / 1200)) / log(100)
  CHECK(half->surprise == Approx(std::log(1200.0 / 4) / std::log(100.0)));
  CHECK(half->evidence.find("base rate here: 0.2% of delivered internal messages show it "
                            "(2 of 1000)") != std::string::npos);
  CHECK(ScoreWith(DefaultOptions(), history).sender.route == BaseRateRoute::kInbound);
}

TEST_CASE("calibrated strength: without measurements the weight is taken as it is",
          "[combination]") {
  const BaseRateOptions options;
  BaseRate none;
  CHECK(CalibratedSurprise(none, options) == Approx(1.0));
  CHECK(DescribeBaseRate(none, BaseRatePopulation::kKnownSenders, options) ==
        "base rate here: not measured yet (1% assumed); weight x1.00");
  BaseRate common{1000, 10000};
  CHECK(CalibratedSurprise(common, options) == Approx(1));
  BaseRateOptions discounting;  // a floor below 1 lets common anomalies weigh less
  discounting.min_surprise = 0.5;
  CHECK(CalibratedSurprise(common, discounting) ==
        Approx(std::log(10200.0 / 1002) / std::log(100.0)));
  BaseRate measured{6, 100};
  CHECK(DescribeBaseRate(measured, BaseRatePopulation::kKnownSenders, options)
            .starts_with("base rate here: 6% of delivered messages from known senders"));
}

TEST_CASE("a store failure is returned, not scored", "[combination]") {
  FakeHistory history;
  history.FailReads();
  std::unique_ptr<Scorer> scorer;
  REQUIRE(Scorer::Create(DefaultOptions(), &scorer).ok());
  Verdict verdict;
  Status status = scorer->Score(MailFrom(Address("a@txu.com"), {"b@enron.com"}),
                                Direction::kInbound, history, kNow, &verdict);
  CHECK(status.IsIoError());
}

}  // namespace
}  // namespace rapport::testing
