#include "scoring/lookalike/known_names.h"

#include <algorithm>

#include "scoring/lookalike/brand_list.h"

namespace rapport {

namespace {

// Weighted messages at which a relationship counts as fully established.
constexpr double kEstablishedMessages = 20;
// Messages each way, and active days, of an established two-way relationship.
constexpr uint64_t kTwoWayMessages = 2;
constexpr uint32_t kTwoWayDays = 2;
// Distinct staff who wrote to the domain, of an established two-way
// relationship. The organisation's relationships involve several of its
// people (the partner's contact, a colleague copied, the one who takes
// over); one employee answering a look-alike domain, however often (a
// reply to the attacker, a thread the attacker keeps going), is one
// person's exchange, which the look-alike asked for.
constexpr uint64_t kTwoWayStaff = 2;
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

Status IsEstablishedTwoWay(const HistoryReader& history, std::string_view domain,
                           const SenderProfile& domain_profile, bool* two_way) {
  *two_way = false;
  if (domain_profile.messages_sent < kTwoWayMessages ||
      domain_profile.messages_received < kTwoWayMessages ||
      domain_profile.active_days < kTwoWayDays) {
    return Status::Ok();
  }
  size_t staff = 0;
  Status status = history.CountSenderAttributes(domain, SenderAttributeKind::kStaffCorrespondent,
                                                kTwoWayStaff, &staff);
  if (status.IsNotFound()) return Status::Ok();
  *two_way = status.ok() && staff >= kTwoWayStaff;
  return status;
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
