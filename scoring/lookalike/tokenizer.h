#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rapport {

// Splits text (a path, a subdomain label, a display name) into candidate
// tokens, lower-cased and de-duplicated, at most `max_tokens`:
// - runs of letters and digits (non-ASCII letters included), broken at
//   '.', '/', '?', '=', '&', spaces and other punctuation;
// - a run joined by '-' or '_' is a token as a whole and each part is one too;
// - a leading or trailing run of two or more digits is split off
//   ("login2024" gives "login2024" and "login"), while single digits inside
//   letters stay, since they are how names are disguised ("s3cure0line").
// Tokens with no letter, or shorter than three characters, are dropped.
std::vector<std::string> SplitTokens(std::string_view text, size_t max_tokens);

}  // namespace rapport
