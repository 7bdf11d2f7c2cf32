#pragma once

#include <catch2/catch.hpp>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "message/domain_names.h"
#include "message/message.h"
#include "scoring/fileshare_catalogue.h"
#include "scoring/lookalike/brand_list.h"
#include "scoring/mailbox_providers.h"
#include "scoring/scorer.h"
#include "scoring/scoring_context.h"
#include "scoring/signal_registry.h"
#include "tests/scoring/fake_history.h"

namespace rapport::testing {

constexpr int64_t kDay = 86400;
constexpr int64_t kNow = 1000000000 + 400 * kDay;  // the clock of every test
constexpr std::string_view kLocalDomain = "enron.com";
constexpr std::string_view kTrustedAuthserv = "mx.enron.com";

inline MailAddress Address(std::string_view address, std::string_view name = "") {
  MailAddress a;
  a.address = std::string(address);
  a.display_name = std::string(name);
  a.domain = std::string(address.substr(address.find('@') + 1));
  return a;
}

// A web link as the parser would produce it for https://host/path.
inline Link WebLink(std::string_view host, std::string_view path = "/",
                    std::string_view visible_text = "") {
  Link link;
  link.scheme = "https";
  link.host = std::string(host);
  link.host_unicode = link.host;
  link.path = std::string(path);
  link.url = "https://" + link.host + link.path;
  link.icann_domain = IcannRegistrableDomain(host);
  link.private_domain = PrivateRegistrableDomain(host);
  link.visible_text = std::string(visible_text);
  link.source = visible_text.empty() ? LinkSource::kPlainText : LinkSource::kHtmlAnchor;
  return link;
}

// A link to a bare IP address as DescribeLinkTarget writes it: the address
// stands as its own registrable domain.
inline Link AddressLink(std::string_view address, std::string_view path = "/",
                        std::string_view visible_text = "") {
  Link link = WebLink(address, path, visible_text);
  link.host_is_ip_literal = true;
  link.icann_domain = link.private_domain = link.host;
  return link;
}

// An inbound message from `from` to the internal `to` addresses.
inline Message MailFrom(const MailAddress& from, const std::vector<std::string>& to,
                        std::string_view subject = "Hello") {
  Message m;
  m.from = from;
  for (const std::string& r : to) m.to.push_back(Address(r));
  m.subject = std::string(subject);
  m.date = kNow;
  m.message_id = "new-" + from.address;
  return m;
}

inline ScoringOptions DefaultOptions() {
  ScoringOptions options;
  options.local_domains = {std::string(kLocalDomain)};
  options.trusted_authserv_ids = {std::string(kTrustedAuthserv)};
  return options;
}

// A shipped data list (a type with Load(path)) read from `path`, loaded
// once per type.
template <class List>
const List& LoadedOnce(const std::string& path) {
  static const List* list = [&] {
    auto* loaded = new List;
    Status status = loaded->Load(path);
    if (!status.ok()) FAIL(status.ToString());
    return loaded;
  }();
  return *list;
}

inline const FileShareCatalogue& ShippedCatalogue() {
  return LoadedOnce<FileShareCatalogue>(DefaultFileShareCataloguePath());
}

inline const MailboxProviders& ShippedMailboxProviders() {
  return LoadedOnce<MailboxProviders>(DefaultMailboxProvidersPath());
}

// The shipped brand list's brands, loaded once.
inline const std::vector<Brand>& ShippedBrands() {
  static const std::vector<Brand>* brands = [] {
    auto* file = new BrandFile;
    Status status = ReadBrandFile(DefaultBrandListPath(), file);
    if (!status.ok()) FAIL(status.ToString());
    return &file->brands;
  }();
  return *brands;
}

// What one built-in signal's detector finds in `message`, before weighting.
inline std::vector<Detection> Detect(std::string_view signal, const Message& message,
                                     const HistoryReader& history,
                                     Direction direction = Direction::kInbound) {
  ScoringEnvironment environment;
  environment.local_domains = {std::string(kLocalDomain)};
  environment.trusted_authserv_ids = {std::string(kTrustedAuthserv)};
  environment.fileshare = &ShippedCatalogue();
  environment.mailbox_providers = &ShippedMailboxProviders();
  environment.brands = &ShippedBrands();
  std::unique_ptr<ScoringContext> context;
  Status status = ScoringContext::Create(message, direction, history, kNow, environment, &context);
  REQUIRE(status.ok());
  const SignalDefinition* definition = BuiltInSignals().Find(signal);
  REQUIRE(definition != nullptr);
  std::vector<Detection> detections;
  REQUIRE(definition->detect(*context, &detections).ok());
  return detections;
}

// The strongest strength `signal` finds; 0 when it does not fire.
inline double Strength(std::string_view signal, const Message& message,
                       const HistoryReader& history, Direction direction = Direction::kInbound) {
  double best = 0;
  for (const Detection& d : Detect(signal, message, history, direction)) {
    best = std::max(best, d.strength);
  }
  return best;
}

// The verdict of the built-in scorer with the default options.
inline Verdict ScoreDefault(const Message& message, const HistoryReader& history,
                            Direction direction = Direction::kInbound) {
  std::unique_ptr<Scorer> scorer;
  Status status = Scorer::Create(DefaultOptions(), &scorer);
  REQUIRE(status.ok());
  Verdict verdict;
  REQUIRE(scorer->Score(message, direction, history, kNow, &verdict).ok());
  return verdict;
}

// The hit of signal `name` in `verdict`, or null; points into `verdict`.
inline const SignalHit* FindHit(const Verdict& verdict, std::string_view name) {
  for (const SignalHit& hit : verdict.signals) {
    if (hit.name == name) return &hit;
  }
  return nullptr;
}
// A pointer into a temporary verdict would dangle: use HasHit() or keep the verdict.
const SignalHit* FindHit(Verdict&& verdict, std::string_view name) = delete;

// Whether signal `name` fired in `verdict`.
inline bool HasHit(const Verdict& verdict, std::string_view name) {
  return FindHit(verdict, name) != nullptr;
}

// "FIRST_CONTACT=15.0 (first contact: ...)" lines, for failure messages.
inline std::string Explain(const Verdict& verdict) {
  std::string text = "score " + std::to_string(verdict.score) + "\n";
  for (const SignalHit& hit : verdict.signals) {
    text += "  " + hit.name + " " + std::to_string(hit.contribution) + ": " + hit.evidence + "\n";
  }
  return text;
}

// Signal `name`'s hit when `message` is scored with the default config (a
// hit of strength 0 when it does not fire); the verdict's explanation is
// reported with the next assertion.
inline SignalHit ScoredHit(std::string_view name, const Message& message,
                           const HistoryReader& history, Direction direction) {
  Verdict verdict = ScoreDefault(message, history, direction);
  UNSCOPED_INFO(Explain(verdict));
  const SignalHit* found = FindHit(verdict, name);
  return found == nullptr ? SignalHit{} : *found;
}

}  // namespace rapport::testing
