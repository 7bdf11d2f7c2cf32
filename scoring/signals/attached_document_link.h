#pragma once

#include "base/status.h"
#include "scoring/scoring_context.h"

namespace rapport {

// Sets *first_seen to true when `link` goes to a private registrable domain
// that is not the sender's own (nor a tenant named after the sender), not
// ours, and that no one in the organisation has ever received nor linked:
// where a correspondent's document has no reason to send its reader.
// ATTACHED_DOCUMENT_LINK_FIRST_SEEN's rule, which
// ATTACHED_DOCUMENT_LINK_HIDDEN applies to a redirector's destination.
// Returns the store's error; *first_seen is false then.
Status IsFirstSeenStrangerSite(const ScoringContext& context, const Link& link, bool* first_seen);

}  // namespace rapport
