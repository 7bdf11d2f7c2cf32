#pragma once

#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "scoring/lookalike/lookalike_index.h"
#include "store/history.h"

namespace rapport {

// How strongly history ties the organisation to a correspondent domain,
// 0..1: mail the organisation wrote to it counts three times as much as
// mail it received from it, and a domain seen on a single day counts half;
// a domain the organisation never wrote to counts for at most 0.25, too
// little to be matched by typo or another suffix.
double CorrespondentStrength(const SenderProfile& domain_profile);

// A correspondent domain as a known name, from its domain-level profile
// (the SenderProfile whose key is the domain itself).
KnownName CorrespondentName(std::string_view domain, const SenderProfile& domain_profile);

// Stores in *out an index of the organisation's own domains (`own_domains`:
// its local domains and its other domains; none imitates another) and the
// brand list at `brands_file` (empty: the shipped list). Correspondents are
// added by the caller with Add(CorrespondentName(...)). Returns the brand
// list's error, or InvalidArgument naming an own domain that is not a domain.
Status BuildLookalikeIndex(const LookalikeOptions& options,
                           const std::vector<std::string>& own_domains,
                           const std::string& brands_file, std::unique_ptr<LookalikeIndex>* out);

}  // namespace rapport
