#include "scoring/lookalike/known_names.h"

#include <algorithm>

#include "scoring/lookalike/brand_list.h"

namespace rapport {

namespace {

// Weighted messages at which a relationship counts as fully established.
constexpr double kEstablishedMessages = 20;
// The most a domain the organisation never wrote to counts for. Such a
// domain is a source of mail (a list, a newsletter, notices), not a
// relationship, however much it sent: this stays below
// LookalikeOptions::min_fuzzy_strength's default, so its name is matched
// only when disguised (digits, confusables, rn for m), never by a typo,
// another suffix or an added word. python.net is not python.org's
// look-alike because python.org's lists posted here. An impersonator reusing
// such a sender's local part or display name is still caught by that reuse.
constexpr double kReceiveOnlyStrength = 0.25;

}  // namespace

double CorrespondentStrength(const SenderProfile& domain_profile) {
  double weighted = 3.0 * static_cast<double>(domain_profile.messages_received) +
                    static_cast<double>(domain_profile.messages_sent);
  double strength = std::min(1.0, weighted / kEstablishedMessages);
  if (domain_profile.messages_received == 0) strength = std::min(strength, kReceiveOnlyStrength);
  return domain_profile.active_days >= 2 ? strength : strength / 2;
}

KnownName CorrespondentName(std::string_view domain, const SenderProfile& domain_profile) {
  return {std::string(domain), KnownNameKind::kCorrespondent, CorrespondentStrength(domain_profile),
          domain_profile.first_seen};
}

Status BuildLookalikeIndex(const LookalikeOptions& options,
                           const std::vector<std::string>& own_domains,
                           const std::string& brands_file, std::unique_ptr<LookalikeIndex>* out) {
  std::unique_ptr<LookalikeIndex> index;
  Status status = LookalikeIndex::Create(options, &index);
  if (!status.ok()) return status;
  std::vector<KnownName> brands;
  status = LoadBrandList(brands_file.empty() ? DefaultBrandListPath() : brands_file, &brands);
  if (!status.ok()) return status;
  for (const KnownName& brand : brands) {
    status = index->Add(brand);
    if (!status.ok()) return status;
  }
  for (const std::string& domain : own_domains) {
    status = index->Add({domain, KnownNameKind::kLocalDomain, 1, 0});
    if (!status.ok()) return Status::InvalidArgument("organisation domain: " + status.message());
  }
  *out = std::move(index);
  return Status::Ok();
}

}  // namespace rapport
