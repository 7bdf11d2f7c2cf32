#include "base/status.h"
#include "scoring/signal_registry.h"

namespace rapport {

namespace {

// The look-alike engine (scoring/lookalike/) plugs in here and only here:
// it will compare the sender domain and link hosts against known
// correspondents, local domains and brands. Until it is wired, this
// detector finds nothing, but the signal's name and weight are already
// valid in [weights].
Status DetectLookalikeDomain(const ScoringContext&, std::vector<Detection>*) {
  return Status::Ok();
}

}  // namespace

Status RegisterLookalikeDomain(SignalRegistry* registry) {
  return registry->Add({"LOOKALIKE_DOMAIN", SignalGroup::kLookalike, 50,
                        "sender or link domain imitating a known one with look-alike characters",
                        SignalScope::kInboundOnly, DetectLookalikeDomain});
}

}  // namespace rapport
