#pragma once

#include <optional>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "milter/header_index.h"
#include "scoring/verdict.h"

namespace rapport {

// How a message crosses the gateway, as the milter treats it.
enum class Route {
  kInbound,   // to at least one local recipient from outside: scored and acted on
  kOutbound,  // from the organisation (SASL, or internal network + local sender): learned
  // Outbound from one of the organisation's accounts to colleagues
  // (IsInternalMail()): scored against the account's own history (lateral
  // phishing), acted on like inbound mail, learned as outbound when delivered.
  kInternal,
  // From outside to outside only (an authorised relay client, a forwarder):
  // neither scored nor learned. Rapport protects the organisation's own
  // recipients, and third parties' mail says nothing about whom the
  // organisation knows, so learning it would only dilute history.
  kTransit,
};

// "inbound", "outbound", "internal", "transit": the names used in the log line.
const char* RouteName(Route route);

// Everything the milter will ask of the MTA for one message, decided before
// any of it is done. Built by PlanActions(); carried out by the libmilter
// glue in this order: removals, additions, subject, quarantine; or the
// rejection alone.
struct ActionPlan {
  std::vector<HeaderRef> remove_headers;  // forged X-Rapport-* headers
  std::vector<std::pair<std::string, std::string>> add_headers;
  // New Subject value; replaces the first Subject header, or is added when
  // the message has none (subject_exists).
  std::optional<std::string> subject;
  bool subject_exists = false;
  std::optional<std::string> quarantine_reason;  // hold
  bool reject = false;  // answer with kRejectCode/kRejectText; nothing else is done
  // Learn the message as delivered once the actions succeeded: outbound
  // always, inbound and internal when accepted or tagged (scoring/delivery.h
  // decides how far it is trusted), held or rejected never.
  bool learn = false;
  // Record what held mail showed as unconfirmed observations (never as
  // history) once the actions succeeded.
  bool observe = false;
};

// What PlanActions() needs to know about the message.
struct PlanInput {
  Route route = Route::kTransit;
  Verdict verdict;                                      // meaningful for inbound and internal
  const RapportHeaderIndex* rapport_headers = nullptr;  // not owned; null = none seen
  std::optional<std::string_view> subject;              // raw value of the first Subject header
  std::string_view subject_tag;
};

// The actions for one message. Forged X-Rapport-* headers are removed on
// every route; score headers, subject tag, quarantine and rejection apply to
// inbound and internal mail according to verdict.action.
ActionPlan PlanActions(const PlanInput& input);

// The actions when processing failed and policy says accept: only the
// forged headers go, so that no X-Rapport-* header that Rapport did not
// write is ever delivered.
ActionPlan PlanForFailure(const RapportHeaderIndex* rapport_headers);

}  // namespace rapport
