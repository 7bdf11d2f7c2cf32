#include <set>
#include <string>

#include "base/status.h"
#include "scoring/signal_registry.h"

namespace rapport {

namespace {

// Compares what the reader trusts at a glance (the sender's domain and
// display name, and every link) with the names the organisation knows: its
// own domains, its correspondents (weighted by how real the relationship
// is) and commonly imitated brands. The engine lives in scoring/lookalike/.
Status DetectLookalikeDomain(const ScoringContext& context, std::vector<Detection>* out) {
  const LookalikeIndex* index = context.environment().lookalike;
  if (index == nullptr) return Status::Ok();
  const Message& message = context.message();
  std::vector<LookalikeMatch> matches;
  if (!context.sender_domain().empty() && !context.sender_is_local()) {
    index->Check(context.sender_domain(), CandidateKind::kHost, context.now(), &matches);
  }
  // A display name naming a brand is only suspect from a domain the
  // organisation does not know ("PayPal" from paypal.com is the real thing).
  if (!message.from.display_name.empty() && !index->IsKnownDomain(context.sender_domain())) {
    index->Check(message.from.display_name, CandidateKind::kDisplayName, context.now(), &matches);
  }
  std::set<std::string_view> checked_urls;
  for (const Link* link : context.web_links()) {
    if (!checked_urls.insert(link->url).second) continue;
    index->CheckLink(*link, context.now(), &matches);
  }
  for (const LookalikeMatch& match : matches) {
    // Brands and the organisation's own domains are imitated at full
    // strength; a correspondent's imitation counts as much as the
    // relationship it abuses, but never less than half.
    const double strength = std::max(0.5, match.strength);
    out->push_back({strength, match.explanation, match.candidate});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterLookalikeDomain(SignalRegistry* registry) {
  return registry->Add({"LOOKALIKE_DOMAIN", SignalGroup::kLookalike, 50,
                        "sender, display name or link imitating a known domain or brand with "
                        "look-alike characters, typos or added words",
                        SignalScope::kInboundOnly, DetectLookalikeDomain});
}

}  // namespace rapport
