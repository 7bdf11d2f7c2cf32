#pragma once

#include <string>
#include <string_view>

#include "scoring/verdict.h"

namespace rapport {

// The SMTP reply text for rejected mail. It names no signal, score or
// threshold: a sender probing the filter learns nothing from it.
inline constexpr std::string_view kRejectCode = "550";
inline constexpr std::string_view kRejectStatus = "5.7.1";
inline constexpr std::string_view kRejectText = "Message rejected by local policy";

// The verdict's signal names, strongest first, joined by `separator`
// (", " for the X-Rapport-Signals header, "," for the log line). At most
// kMaxListedSignals names; names are reduced to [A-Z0-9_] so that nothing
// from a message can reach a header or a log line.
inline constexpr size_t kMaxListedSignals = 20;
std::string SignalList(const Verdict& verdict, std::string_view separator);

// The policy entry that decided, for the log line and X-Rapport-Signals:
// "policy=trusted_domains:vendor.example". The entry is reduced to
// [a-z0-9.@_+-] (anything else becomes '?') so that nothing from a message
// reaches a header or a log line.
std::string PolicyLabel(const PolicyMatch& policy);

// Where that entry was written, for the log line: `policy_origin="..."`
// with the origin reduced to printable ASCII and no quote, e.g.
// `policy_origin="/etc/rapport/rapport.conf:42"` or
// `policy_origin="added by 0/root at 2026-12-03T12:40:00Z"`.
std::string PolicyOriginLabel(const PolicyMatch& policy);

// The X-Rapport-Signals value: the PolicyLabel() of the entry that decided,
// if any, then SignalList(verdict, ", ").
std::string SignalsHeader(const Verdict& verdict);

// The reason given to smfi_quarantine, shown by the MTA's queue tools:
// "Rapport score 87: FIRST_FILESHARE_DOMAIN, GENERIC_LINK_TEXT, BCC_FIRST_CONTACT",
// naming at most `max_signals` of the strongest signals. One line.
std::string QuarantineReason(const Verdict& verdict, size_t max_signals = 3);

}  // namespace rapport
