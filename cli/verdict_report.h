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

// Every link Rapport read in the message, as explain and `links --json`
// print them: source ("a", "area", "form", "text", "redirect", "pdf"),
// visible_text, wraps_image, url, host, host_unicode, icann_domain,
// private_domain, redirected_via and attachment.
nlohmann::json LinksJson(const Message& message);

// The links table for a person, one line per link: what the reader sees ->
// where it goes [its registrable domain]. Prints nothing for no links.
void PrintLinks(std::ostream& out, const Message& message);

// The summary plus each signal's weight, strength, contribution, evidence
// and context, and the links table: what `explain --json` prints.
nlohmann::json VerdictDetailJson(const Message& message, const Verdict& verdict);

// The same detail for a person: score and action, one paragraph per signal,
// then the links table (visible text -> real target).
void PrintVerdict(std::ostream& out, const Message& message, const Verdict& verdict);

}  // namespace rapport
