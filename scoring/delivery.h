#pragma once

#include <string>
#include <utility>
#include <vector>

#include "message/message.h"
#include "scoring/verdict.h"
#include "store/history_store.h"

namespace rapport {

// Whether a message with this verdict's action reaches its recipients, and
// so is learned: when accepted or tagged (outbound mail other than internal
// mail is always accepted, see Scorer::Score). Held mail is learned only
// when an admin releases it; rejected mail never.
inline bool IsDelivered(Action action) {
  return action == Action::kAccept || action == Action::kTag;
}

// The request that learns a delivered message, with every anomaly of its
// verdict counted as delivered without complaint (self-regulation). The
// same in the milter, replay and held-mail release.
inline LearnRequest DeliveredLearnRequest(const Message& message, Direction direction, int64_t now,
                                          std::vector<std::string> recipients,
                                          const Verdict& verdict) {
  LearnRequest request;
  request.message = &message;
  request.direction = direction;
  request.now = now;
  request.recipients = std::move(recipients);
  for (const SignalHit& hit : verdict.signals) {
    request.signal_contexts.emplace_back(hit.name, hit.context);
  }
  return request;
}

}  // namespace rapport
