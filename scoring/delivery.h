#pragma once

#include <string>
#include <utility>
#include <vector>

#include "message/message.h"
#include "scoring/verdict.h"
#include "store/history_store.h"

namespace rapport {

// Whether a message with this verdict reaches its recipients, and so is
// learned: outbound mail always; inbound mail when accepted or tagged. Held
// mail is learned only when an admin releases it; rejected mail never.
inline bool IsDelivered(Direction direction, Action action) {
  return direction == Direction::kOutbound || action == Action::kAccept || action == Action::kTag;
}

// The request that learns a delivered message, with each (signal, context)
// of `signal_contexts` counted as delivered without complaint
// (self-regulation). The one builder of such requests: the milter, learn,
// replay and held-mail release all build theirs here.
inline LearnRequest DeliveredLearnRequest(
    const Message& message, Direction direction, int64_t now, std::vector<std::string> recipients,
    std::vector<std::pair<std::string, std::string>> signal_contexts) {
  LearnRequest request;
  request.message = &message;
  request.direction = direction;
  request.now = now;
  request.recipients = std::move(recipients);
  request.signal_contexts = std::move(signal_contexts);
  return request;
}

// The same with every anomaly of `verdict` counted as delivered.
inline LearnRequest DeliveredLearnRequest(const Message& message, Direction direction, int64_t now,
                                          std::vector<std::string> recipients,
                                          const Verdict& verdict) {
  std::vector<std::pair<std::string, std::string>> signal_contexts;
  for (const SignalHit& hit : verdict.signals) signal_contexts.emplace_back(hit.name, hit.context);
  return DeliveredLearnRequest(message, direction, now, std::move(recipients),
                               std::move(signal_contexts));
}

}  // namespace rapport
