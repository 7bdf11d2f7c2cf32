#pragma once

#include <optional>
#include <string>
#include <string_view>

namespace rapport {

// The Subject value for mail at or above the tag threshold: `tag`, a space,
// then the subject as it was (encoded words and folding untouched). Returns
// nullopt when there is nothing to change: an empty tag, or a subject that
// already starts with the tag (a reply to tagged mail, or mail tagged by an
// earlier Rapport hop), so that tags never pile up. A message without a
// Subject gets the tag alone.
std::optional<std::string> TaggedSubject(std::optional<std::string_view> subject,
                                         std::string_view tag);

}  // namespace rapport
