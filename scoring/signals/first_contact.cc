#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// An external address that has never written to the organisation nor been
// written to: the usual start of BEC and of every BCC phishing run.
Status DetectFirstContact(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty() || context.sender_is_local() || !context.first_contact()) {
    return Status::Ok();
  }
  Detection detection{1.0,
                      "first contact: no one in the organisation has exchanged mail with " +
                          context.sender() + " before",
                      context.sender()};
  SoftenForKnownList(context, "its posters are new to readers as a matter of course", &detection);
  out->push_back(std::move(detection));
  return Status::Ok();
}

}  // namespace

Status RegisterFirstContact(SignalRegistry* registry) {
  return registry->Add({"FIRST_CONTACT", SignalGroup::kCorrespondent, 15,
                        "sender address never seen either way", SignalScope::kInboundOnly,
                        DetectFirstContact});
}

}  // namespace rapport
