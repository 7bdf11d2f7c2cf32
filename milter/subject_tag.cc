#include "milter/subject_tag.h"

namespace rapport {
namespace {

// Header values may arrive with the whitespace after the colon.
std::string_view TrimLeadingSpace(std::string_view text) {
  while (!text.empty() && (text.front() == ' ' || text.front() == '\t')) text.remove_prefix(1);
  return text;
}

}  // namespace

std::optional<std::string> TaggedSubject(std::optional<std::string_view> subject,
                                         std::string_view tag) {
  if (tag.empty()) return std::nullopt;
  if (!subject.has_value()) return std::string(tag);
  const std::string_view text = TrimLeadingSpace(*subject);
  if (text.starts_with(tag)) return std::nullopt;
  if (text.empty()) return std::string(tag);
  std::string tagged(tag);
  tagged.append(" ").append(text);
  return tagged;
}

}  // namespace rapport
