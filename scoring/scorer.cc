#include "scoring/scorer.h"

#include <algorithm>
#include <atomic>
#include <cmath>
#include <optional>
#include <vector>

#include "base/clock.h"
#include "message/history_keys.h"
#include "scoring/fileshare_catalogue.h"
#include "scoring/lookalike/brand_list.h"
#include "scoring/lookalike/known_names.h"
#include "scoring/registry_scorer.h"
#include "scoring/scoring_context.h"
#include "scoring/signal_registry.h"

namespace rapport {

namespace {

constexpr double kMaxScore = 100;

Status ValidateThresholds(const ScoringOptions& options) {
  auto in_range = [](int v) { return v >= 0 && v <= kMaxScore; };
  if (!in_range(options.tag_threshold) || !in_range(options.hold_threshold) ||
      !in_range(options.reject_threshold)) {
    return Status::InvalidArgument("[thresholds] tag, hold and reject must be between 0 and 100");
  }
  if (options.tag_threshold > 0 && options.hold_threshold > 0 &&
      options.tag_threshold > options.hold_threshold) {
    return Status::InvalidArgument("[thresholds] tag must not be above hold");
  }
  if (options.reject_threshold > 0 && options.reject_threshold < options.hold_threshold) {
    return Status::InvalidArgument("[thresholds] reject must be 0 (off) or at least hold");
  }
  if (!(options.self_regulation_half_life > 0)) {
    return Status::InvalidArgument("self_regulation_half_life must be greater than 0");
  }
  return Status::Ok();
}

// A threshold of 0 is off.
bool Reaches(double score, int threshold) { return threshold > 0 && score >= threshold; }

// The look-alike index before history adds correspondents: the
// organisation's own domains, local or not, and the brand list.
Status BuildOwnNames(const ScoringOptions& options, std::unique_ptr<LookalikeIndex>* out) {
  std::vector<std::string> own = options.local_domains;
  own.insert(own.end(), options.organisation_domains.begin(), options.organisation_domains.end());
  return BuildLookalikeIndex(LookalikeOptions(), own, options.brands_file, out);
}

class RegistryScorer : public Scorer {
 public:
  RegistryScorer(const ScoringOptions& options, const SignalRegistry& registry,
                 std::vector<double> weights, std::unique_ptr<FileShareCatalogue> catalogue,
                 std::unique_ptr<LookalikeIndex> known_names, std::vector<Brand> brands,
                 MailboxProviders mailbox_providers)
      : options_(options),
        registry_(registry),
        weights_(std::move(weights)),
        catalogue_(std::move(catalogue)),
        brands_(std::move(brands)),
        mailbox_providers_(std::move(mailbox_providers)),
        known_names_(std::shared_ptr<const LookalikeIndex>(std::move(known_names))) {
    environment_.local_domains = options.local_domains;
    environment_.trusted_authserv_ids = options.trusted_authserv_ids;
    environment_.fileshare = catalogue_.get();
    environment_.brands = &brands_;
    environment_.mailbox_providers = &mailbox_providers_;
  }

  Status Score(const Message& message, Direction direction, const HistoryReader& history,
               int64_t now, Verdict* out) const override;
  Status RefreshKnownNames(const HistoryReader& history) const override;
  size_t KnownNameCount() const override { return known_names_.load()->size(); }

 private:
  // The population counts of the base rates, read at most once per Score().
  struct BaseRateCache {
    std::optional<uint64_t> inbound;
    std::optional<uint64_t> known_senders;
    std::optional<uint64_t> internal;
  };

  // Applies self-regulation (RegulatedStrength) to one detection's
  // *strength from what history holds of its (signal, context); *counted
  // is its independent corroborations, *withheld says why corroboration
  // was withheld, if it was.
  Status RegulateDetection(const SignalDefinition& signal, const ScoringContext& context,
                           const Detection& detection, double* strength, uint64_t* counted,
                           std::string* withheld) const;
  // ReadBaseRate() of `signal` over `population` (its own on inbound
  // mail, kInternal on internal mail), the population's count read once
  // per Score() into *cache.
  Status ReadCachedBaseRate(const SignalDefinition& signal, BaseRatePopulation population,
                            const HistoryReader& history, BaseRateCache* cache,
                            BaseRate* out) const;
  // Runs one signal; appends a hit when it fires after self-regulation,
  // with the surprise of its base rate.
  Status RunSignal(const SignalDefinition& signal, double weight, const ScoringContext& context,
                   BaseRateCache* rates, std::vector<SignalHit>* hits) const;

  const ScoringOptions options_;
  const SignalRegistry& registry_;
  const std::vector<double> weights_;  // by registry index
  const std::unique_ptr<FileShareCatalogue> catalogue_;
  const std::vector<Brand> brands_;
  const MailboxProviders mailbox_providers_;
  ScoringEnvironment environment_;
  // Swapped whole by RefreshKnownNames(); each Score() holds the set it
  // started with.
  mutable std::atomic<std::shared_ptr<const LookalikeIndex>> known_names_;
};

// Correspondent domains beyond this many are left out of the look-alike
// index: the strongest relationships are the ones worth imitating, and the
// index stays bounded in memory on a busy gateway.
constexpr size_t kMaxCorrespondentNames = 200000;

// The adoption: partners of several organisations taking up one
// platform are held for the first two or three, then tagged at most. A
// platform's own signals weaken as independent established organisations
// corroborate them, but each adopter's own first use of it
// (SignalDefinition::sender_novelty) never does, and for a partner of a
// year and fifty messages it alone nearly reaches the hold threshold. So
// when every anomaly of a message is either corroborated by independent
// organisations, or its sender's first use of a domain one of those
// anomalies is about, or how the message presents a link to that domain
// (SignalDefinition::link_presentation), the message shows an adoption in
// progress and nothing else: the sender_novelty hit that says so, for the
// evidence; nullptr otherwise (any anomaly of another kind, none
// corroborated, or no sender_novelty hit: a partner that linked the
// platform before adopts nothing new).
// A compromised partner riding others' adoption of a platform is tagged
// then, as the issue accepts; one repeating itself, or a campaign of one
// day, corroborates nothing and is judged in full.
SignalHit* AdoptionInProgress(const SignalRegistry& registry, std::vector<SignalHit>* hits) {
  std::vector<const std::string*> adopted;
  for (const SignalHit& hit : *hits) {
    if (hit.corroborations > 0) adopted.push_back(&hit.context);
  }
  if (adopted.empty()) return nullptr;
  SignalHit* novelty = nullptr;
  for (SignalHit& hit : *hits) {
    if (hit.corroborations > 0) continue;
    const SignalDefinition* signal = registry.Find(hit.name);
    if (signal == nullptr || !(signal->sender_novelty || signal->link_presentation)) {
      return nullptr;
    }
    const std::string_view domain = SignalContextSubject(hit.context);
    if (std::none_of(adopted.begin(), adopted.end(),
                     [&](const std::string* context) { return *context == domain; })) {
      return nullptr;
    }
    if (signal->sender_novelty) novelty = &hit;
  }
  return novelty;
}

Status RegistryScorer::RefreshKnownNames(const HistoryReader& history) const {
  std::unique_ptr<LookalikeIndex> index;
  Status status = BuildOwnNames(options_, &index);
  if (!status.ok()) return status;
  status = history.ForEachDomainProfile(kMaxCorrespondentNames,
                                        [&](std::string_view domain, const SenderProfile& profile) {
                                          // A name that cannot be a host is skipped; the rest of
                                          // the set is still useful.
                                          index->Add(CorrespondentName(domain, profile)).ok();
                                        });
  if (!status.ok() && !status.IsNotFound()) return status;
  known_names_.store(std::shared_ptr<const LookalikeIndex>(std::move(index)));
  return Status::Ok();
}

Status RegistryScorer::RegulateDetection(const SignalDefinition& signal,
                                         const ScoringContext& context, const Detection& detection,
                                         double* strength, uint64_t* counted,
                                         std::string* withheld) const {
  *counted = 0;
  if (detection.context.empty()) return Status::Ok();
  const AnomalyHistory* anomaly = nullptr;
  Status status = context.AnomalyHistoryOf(signal.name, detection.context, &anomaly);
  if (!status.ok()) return status;
  Corroboration corroboration = CorroborationAt(anomaly->observed, context.now());
  *strength = RegulatedStrength(*strength, anomaly->feedback, corroboration.counted,
                                options_.self_regulation_half_life);
  *counted = corroboration.counted;
  *withheld = std::move(corroboration.withheld);
  return Status::Ok();
}

Status RegistryScorer::ReadCachedBaseRate(const SignalDefinition& signal,
                                          BaseRatePopulation population,
                                          const HistoryReader& history, BaseRateCache* cache,
                                          BaseRate* out) const {
  std::optional<uint64_t>& messages = population == BaseRatePopulation::kInternal ? cache->internal
                                      : population == BaseRatePopulation::kKnownSenders
                                          ? cache->known_senders
                                          : cache->inbound;
  if (!messages) {
    uint64_t count = 0;
    Status status = ReadBaseRateMessages(history, population, &count);
    if (!status.ok()) return status;
    messages = count;
  }
  return ReadBaseRate(history, signal.name, population, *messages, out);
}

Status RegistryScorer::RunSignal(const SignalDefinition& signal, double weight,
                                 const ScoringContext& context, BaseRateCache* rates,
                                 std::vector<SignalHit>* hits) const {
  std::vector<Detection> detections;
  Status status = signal.detect(context, &detections);
  if (!status.ok()) return status;
  const Detection* best = nullptr;
  double best_strength = 0;
  uint64_t best_counted = 0;
  std::string best_withheld;
  size_t fired = 0;
  for (const Detection& detection : detections) {
    double strength = std::clamp(detection.strength, 0.0, 1.0);
    if (strength <= 0) continue;
    ++fired;
    uint64_t counted = 0;
    std::string withheld;
    status = RegulateDetection(signal, context, detection, &strength, &counted, &withheld);
    if (!status.ok()) return status;
    if (strength > best_strength) {
      best_strength = strength;
      best = &detection;
      best_counted = counted;
      best_withheld = std::move(withheld);
    }
  }
  if (best == nullptr) return Status::Ok();
  std::vector<std::string> more_contexts;
  if (fired > 1) {
    for (const Detection& detection : detections) {
      if (detection.strength <= 0 || detection.context.empty() ||
          detection.context == best->context ||
          std::find(more_contexts.begin(), more_contexts.end(), detection.context) !=
              more_contexts.end()) {
        continue;
      }
      more_contexts.push_back(detection.context);
    }
  }
  const BaseRatePopulation population = CalibrationPopulation(signal, context.internal_mail());
  BaseRate rate;
  status = ReadCachedBaseRate(signal, population, context.history(), rates, &rate);
  if (!status.ok()) return status;
  SignalHit hit;
  hit.name = signal.name;
  hit.weight = weight;
  hit.strength = best_strength;
  hit.surprise = CalibratedSurprise(rate, options_.base_rates);
  hit.evidence = best->evidence;
  if (fired > 1) hit.evidence += " (and " + std::to_string(fired - 1) + " more like it)";
  if (!best_withheld.empty()) hit.evidence += "; " + best_withheld;
  hit.evidence += "; " + DescribeBaseRate(rate, population, options_.base_rates);
  hit.context = best->context;
  hit.more_contexts = std::move(more_contexts);
  hit.corroborations = best_counted;
  hits->push_back(std::move(hit));
  return Status::Ok();
}

Status RegistryScorer::Score(const Message& message, Direction direction,
                             const HistoryReader& history, int64_t now, Verdict* out) const {
  const std::shared_ptr<const LookalikeIndex> known_names = known_names_.load();
  ScoringEnvironment environment = environment_;
  environment.lookalike = known_names.get();
  std::unique_ptr<ScoringContext> context;
  Status status = ScoringContext::Create(message, direction, history, now, environment, &context);
  if (!status.ok()) return status;

  std::vector<SignalHit> hits;
  BaseRateCache rates;
  const std::vector<SignalDefinition>& signals = registry_.signals();
  for (size_t i = 0; i < signals.size(); ++i) {
    if (weights_[i] <= 0) continue;
    if (!Judges(signals[i].scope, direction, context->internal_mail())) continue;
    status = RunSignal(signals[i], weights_[i], *context, &rates, &hits);
    if (!status.ok()) return status;
  }

  // The score is the capped sum of weight x strength x surprise; when the
  // cap bites, every contribution shrinks by the same factor so they still
  // add up.
  double raw = 0;
  for (const SignalHit& hit : hits) raw += hit.weight * hit.strength * hit.surprise;
  double score = std::min(raw, kMaxScore);
  double scale = raw > 0 ? score / raw : 0;
  for (SignalHit& hit : hits) hit.contribution = hit.weight * hit.strength * hit.surprise * scale;
  std::stable_sort(hits.begin(), hits.end(), [](const SignalHit& a, const SignalHit& b) {
    return a.contribution > b.contribution;
  });

  Verdict verdict;
  verdict.score = static_cast<int>(std::lround(score));
  verdict.signals = std::move(hits);
  verdict.sender.scored = true;
  verdict.sender.known = context->known_sender();
  verdict.sender.established_organisation = context->established_organisation();
  verdict.sender.route =
      context->internal_mail() ? BaseRateRoute::kInternal : BaseRateRoute::kInbound;
  // Inbound mail and internal mail are acted on; other outbound mail only
  // scored.
  if (direction == Direction::kInbound || context->internal_mail()) {
    if (Reaches(verdict.score, options_.reject_threshold)) {
      verdict.action = Action::kReject;
    } else if (Reaches(verdict.score, options_.hold_threshold)) {
      verdict.action = Action::kHold;
    } else if (Reaches(verdict.score, options_.tag_threshold)) {
      verdict.action = Action::kTag;
    }
    if (verdict.action > Action::kTag && options_.tag_threshold > 0) {
      if (SignalHit* novelty = AdoptionInProgress(registry_, &verdict.signals)) {
        verdict.action = Action::kTag;
        novelty->evidence +=
            "; every other anomaly here is the adoption of " +
            std::string(SignalContextSubject(novelty->context)) +
            " that independent established organisations corroborate, so the message is tagged, "
            "not held";
      }
    }
    ApplyPolicy(options_.policy, message, &verdict);
  }
  *out = std::move(verdict);
  return Status::Ok();
}

}  // namespace

const char* ActionName(Action action) {
  switch (action) {
    case Action::kAccept:
      return "accept";
    case Action::kTag:
      return "tag";
    case Action::kHold:
      return "hold";
    case Action::kReject:
      return "reject";
  }
  return "accept";
}

double RegulatedStrength(double strength, const SignalContextStats& feedback,
                         uint64_t corroborations, double half_life) {
  const double deliveries =
      static_cast<double>(feedback.delivered) +
      kReleaseHalfLives * half_life *
          (static_cast<double>(feedback.released) - static_cast<double>(feedback.reported));
  strength = deliveries >= 0 ? strength * std::exp2(-deliveries / half_life)
                             : 1 - (1 - strength) * std::exp2(deliveries / half_life);
  return strength * std::exp2(-static_cast<double>(corroborations));
}

namespace {

// Corroborations from `organisations` distinct organisations first seen on
// `days` distinct days, before the one-day organisations are limited.
uint64_t DistinctCorroborations(uint64_t organisations, uint64_t days) {
  const uint64_t corroborations = std::min(organisations, days);
  return corroborations > kUncorroboratedOrganisations
             ? corroborations - kUncorroboratedOrganisations
             : 0;
}

// The organisations that still corroborate at `now`, and those that lapsed.
struct Corroborators {
  uint64_t organisations = 0;
  uint64_t days = 0;
  uint64_t returning = 0;
  uint64_t lapsed = 0;
  int64_t last_lapsed = 0;  // when the latest lapsed organisation showed it
};

Corroborators CorroboratorsAt(const AnomalyObservations& observed, int64_t now) {
  Corroborators counted;
  if (observed.by_organisation.empty()) {
    counted.organisations = observed.organisations;
    counted.days = observed.corroboration_days;
    counted.returning = observed.returning_organisations;
    return counted;
  }
  std::vector<int64_t> days;
  for (const AnomalyObservations::Organisation& organisation : observed.by_organisation) {
    if (!organisation.returning &&
        now - organisation.first_shown > kOneDayCorroborationDays * kSecondsPerDay) {
      ++counted.lapsed;
      counted.last_lapsed = std::max(counted.last_lapsed, organisation.first_shown);
      continue;
    }
    ++counted.organisations;
    counted.returning += organisation.returning ? 1 : 0;
    days.push_back(organisation.first_day);
  }
  std::sort(days.begin(), days.end());
  counted.days = static_cast<uint64_t>(std::unique(days.begin(), days.end()) - days.begin());
  return counted;
}

}  // namespace

Corroboration CorroborationAt(const AnomalyObservations& observed, int64_t now) {
  const Corroborators counted = CorroboratorsAt(observed, now);
  const uint64_t corroborations =
      std::min(DistinctCorroborations(counted.organisations, counted.days),
               counted.returning + kOneDayCorroborations);
  const uint64_t distinct =
      DistinctCorroborations(observed.organisations, observed.corroboration_days);
  if (corroborations >= distinct) return {corroborations, ""};
  std::string why = "not counted as adoption: ";
  if (counted.lapsed > 0) {
    // Whole days, floored: an organisation lapsed a few hours past the
    // window's fourteenth day says "more than 14 days ago", not "14 days
    // ago" beside "within 14 days".
    const int64_t days = (now - counted.last_lapsed) / kSecondsPerDay;
    const std::string days_ago = (days > kOneDayCorroborationDays
                                      ? std::to_string(days)
                                      : "more than " + std::to_string(kOneDayCorroborationDays)) +
                                 " days ago";
    why += std::to_string(counted.lapsed) +
           (counted.lapsed == 1
                ? " established organisation showed it on one day only, " + days_ago
                : " established organisations showed it on one day each, the last " + days_ago) +
           ", and never again (adoption is sustained: adopters use a platform again and others "
           "follow within " +
           std::to_string(kOneDayCorroborationDays) + " days)";
  }
  if (DistinctCorroborations(counted.organisations, counted.days) > corroborations) {
    const uint64_t once =
        counted.organisations - std::min(counted.organisations, counted.returning);
    why += std::string(counted.lapsed > 0 ? "; of the others, " : "") +
           std::to_string(counted.organisations) + " established organisations showed it on " +
           std::to_string(counted.days) + " days, " + std::to_string(once) +
           " of them on one day only and never again (adopters keep using a platform, a "
           "compromised vendor's lure is one day's)";
  }
  return {corroborations, why + ", so " + std::to_string(corroborations) + " of " +
                              std::to_string(distinct) + " corroborations counted"};
}

Status CreateScorerWithRegistry(const ScoringOptions& options, const SignalRegistry& registry,
                                std::unique_ptr<Scorer>* out) {
  Status status = ValidateThresholds(options);
  if (!status.ok()) return status;
  std::vector<double> weights;
  for (const SignalDefinition& signal : registry.signals())
    weights.push_back(ConfiguredWeight(options, signal));
  for (const auto& [name, weight] : options.weights) {
    const SignalDefinition* signal = registry.Find(name);
    if (signal == nullptr) {
      return Status::InvalidArgument("unknown signal '" + name +
                                     "' in [weights]; valid names: " + registry.NameList());
    }
    if (!(weight >= 0 && weight <= kMaxScore)) {
      return Status::InvalidArgument("[weights] " + name + " must be between 0 and 100");
    }
  }
  auto catalogue = std::make_unique<FileShareCatalogue>();
  std::string path = options.fileshare_domains_file.empty() ? DefaultFileShareCataloguePath()
                                                            : options.fileshare_domains_file;
  status = catalogue->Load(path);
  if (!status.ok()) return status;
  std::unique_ptr<LookalikeIndex> known_names;
  status = BuildOwnNames(options, &known_names);
  if (!status.ok()) return status;
  BrandFile brands;
  status = ReadBrandFile(options.brands_file.empty() ? DefaultBrandListPath() : options.brands_file,
                         &brands);
  if (!status.ok()) return status;
  MailboxProviders mailbox_providers;
  status =
      mailbox_providers.Load(options.consumer_domains_file.empty() ? DefaultMailboxProvidersPath()
                                                                   : options.consumer_domains_file);
  if (!status.ok()) return status;
  *out = std::make_unique<RegistryScorer>(options, registry, std::move(weights),
                                          std::move(catalogue), std::move(known_names),
                                          std::move(brands.brands), std::move(mailbox_providers));
  return Status::Ok();
}

double ConfiguredWeight(const ScoringOptions& options, const SignalDefinition& signal) {
  const auto configured = options.weights.find(signal.name);
  return configured != options.weights.end() ? configured->second : signal.default_weight;
}

std::vector<std::string> RegisteredSignalNames() {
  std::vector<std::string> names;
  for (const SignalDefinition& signal : BuiltInSignals().signals()) names.push_back(signal.name);
  std::sort(names.begin(), names.end());
  return names;
}

Status Scorer::Create(const ScoringOptions& options, std::unique_ptr<Scorer>* out) {
  return CreateScorerWithRegistry(options, BuiltInSignals(), out);
}

}  // namespace rapport
