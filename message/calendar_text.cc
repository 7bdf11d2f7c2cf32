#include "message/calendar_text.h"

#include "message/ascii.h"

namespace rapport {

namespace {

// The next content line of `rest`, unfolded (RFC 5545 3.1: a CRLF, or the
// LF a decoder left, followed by one space or tab continues the line);
// advances `rest` past it.
std::string NextUnfoldedLine(std::string_view* rest, size_t max_bytes) {
  std::string line;
  while (!rest->empty()) {
    const size_t end = rest->find('\n');
    std::string_view piece = rest->substr(0, end);
    if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
    if (line.size() < max_bytes) line.append(piece.substr(0, max_bytes - line.size()));
    if (end == std::string_view::npos) {
      *rest = std::string_view();
      break;
    }
    rest->remove_prefix(end + 1);
    if (rest->empty() || ((*rest)[0] != ' ' && (*rest)[0] != '\t')) break;
    rest->remove_prefix(1);  // the fold's one space or tab
  }
  return line;
}

// Where a content line's value starts: after the first ':' outside a
// quoted parameter value ("DESCRIPTION;ALTREP=\"cid:x\":text"); npos when
// it has none.
size_t ValueStart(std::string_view line) {
  bool quoted = false;
  for (size_t i = 0; i < line.size(); ++i) {
    if (line[i] == '"') quoted = !quoted;
    if (!quoted && line[i] == ':') return i + 1;
  }
  return std::string_view::npos;
}

// A TEXT value unescaped (RFC 5545 3.3.11), appended to `out`.
void AppendUnescaped(std::string_view value, std::string* out) {
  for (size_t i = 0; i < value.size(); ++i) {
    if (value[i] != '\\' || i + 1 == value.size()) {
      out->push_back(value[i]);
      continue;
    }
    const char escaped = value[++i];
    out->push_back(escaped == 'n' || escaped == 'N' ? '\n' : escaped);
  }
}

}  // namespace

bool IsShownCalendarProperty(std::string_view name) {
  for (std::string_view shown :
       {"summary", "description", "location", "comment", "url", "attach", "x-alt-desc"}) {
    if (EqualsNoCase(name, shown)) return true;
  }
  return false;
}

std::string CalendarShownText(std::string_view calendar, size_t max_bytes) {
  std::string text;
  for (size_t read = 0; !calendar.empty() && read < kMaxCalendarProperties; ++read) {
    const std::string line = NextUnfoldedLine(&calendar, max_bytes);
    const size_t value = ValueStart(line);
    if (value == std::string_view::npos) continue;
    std::string_view head = std::string_view(line).substr(0, value - 1);
    const std::string_view name = head.substr(0, head.find(';'));
    if (!IsShownCalendarProperty(name)) continue;
    // An ATTACH carried inline is a file, not a link.
    if (EqualsNoCase(name, "attach") && head.find(';') != std::string_view::npos &&
        AsciiLowered(head).find("encoding=base64") != std::string::npos) {
      continue;
    }
    if (text.size() >= max_bytes) break;
    if (!text.empty()) text.push_back('\n');
    AppendUnescaped(std::string_view(line).substr(value), &text);
  }
  if (text.size() > max_bytes) text.resize(max_bytes);
  return text;
}

}  // namespace rapport
