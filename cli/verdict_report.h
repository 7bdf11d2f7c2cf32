#pragma once

#include <iosfwd>
#include <nlohmann/json.hpp>

#include "message/message.h"
#include "scoring/verdict.h"

namespace rapport {

// The verdict of one message as JSON: message_id, date, from, score,
// action, signals (names, strongest first), and policy ({list, entry,
// origin}) when a [policy] entry decided the action. The shape `replay
// --json` prints one line of, and the first members of `explain --json`.
nlohmann::json VerdictSummaryJson(const Message& message, const Verdict& verdict);

// Each signal's evidence by name ({"FIRST_CONTACT": "first message from
// ..."}): what `replay --json` adds to the summary of a held message.
nlohmann::json SignalEvidenceJson(const Verdict& verdict);

// The summary plus each signal's weight, strength, contribution, evidence
// and context, and the links table: what `explain --json` prints.
nlohmann::json VerdictDetailJson(const Message& message, const Verdict& verdict);

// The same detail for a person: score and action, one paragraph per signal,
// then the links table (visible text -> real target).
void PrintVerdict(std::ostream& out, const Message& message, const Verdict& verdict);

}  // namespace rapport
