#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "message/message.h"
#include "scoring/scoring_context.h"

namespace rapport {

// Small pieces several detectors share, so that they judge and word the
// same facts the same way.

// A link domain the organisation has received in fewer messages than this
// counts as rare.
inline constexpr uint64_t kRareLinkMessages = 3;

// "a@acme.com (known for 412 days, 58 messages)" or "a@acme.com (never seen before)".
std::string DescribeSender(const ScoringContext& context);

// How much weight the sender's history carries, 0.2..1: grows with the
// relationship's age (full at a year) and volume (full at 50 messages), so
// that a two-year correspondent departing from habit is far more alarming
// than a week-old one.
double RelationshipDepth(const ScoringContext& context);

// The first web link of each distinct private registrable domain, skipping
// links without one and links to bare IP addresses.
std::vector<const Link*> DistinctLinkDomains(const ScoringContext& context);

// Messages in which the organisation received `domain`; 0 when never.
// Stores in *outbound whether the organisation itself ever linked it.
Status OrgWideLinkMessages(const ScoringContext& context, std::string_view domain,
                           uint64_t* messages, bool* outbound);

// True when the link points into one of the organisation's own domains.
bool IsLocalLink(const ScoringContext& context, const Link& link);

// Text from mail, made safe for one line of evidence: control characters
// dropped, cut to `max_bytes` on a UTF-8 boundary with "…", in quotes.
std::string Quoted(std::string_view text, size_t max_bytes = 60);

// "2001-03-02" for a time in seconds since the epoch.
std::string FormatDate(int64_t seconds);

}  // namespace rapport
