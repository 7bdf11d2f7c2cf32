#include "tests/milter/mta_feed.h"

#include <strings.h>

#include <algorithm>
#include <sstream>
#include <vector>

namespace rapport::test {
namespace {

// The next line of `text` from *pos without its line end (LF or CRLF).
std::string_view NextLine(std::string_view text, size_t* pos) {
  const size_t start = *pos;
  size_t end = text.find('\n', start);
  if (end == std::string_view::npos) {
    *pos = text.size();
    end = text.size();
  } else {
    *pos = end + 1;
  }
  std::string_view line = text.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

bool IsFieldName(std::string_view name) {
  if (name.empty()) return false;
  return std::all_of(name.begin(), name.end(),
                     [](char c) { return c > ' ' && c < 127 && c != ':'; });
}

void AddHeader(std::string_view name, std::string_view value, MessageState* message) {
  // As OnHeader() does.
  message->buffer.AddHeader(name, value);
  message->rapport_headers.Add(name);
  if (!message->subject.has_value() && strcasecmp(std::string(name).c_str(), "Subject") == 0) {
    message->subject = std::string(value);
  }
}

}  // namespace

void FeedAsMta(std::string_view raw, const MtaFeed& feed, MessageState* message) {
  size_t pos = 0;
  std::string name;
  std::string value;
  bool in_field = false;
  size_t body_start = raw.size();
  while (pos < raw.size()) {
    const size_t line_start = pos;
    const std::string_view line = NextLine(raw, &pos);
    if (in_field && !line.empty() && (line[0] == ' ' || line[0] == '\t')) {
      value.append(feed.fold).append(line);
      continue;
    }
    if (in_field) AddHeader(name, value, message);
    in_field = false;
    const size_t colon = line.find(':');
    std::string_view field_name =
        colon == std::string_view::npos ? std::string_view() : line.substr(0, colon);
    field_name = field_name.substr(0, field_name.find_last_not_of(" \t") + 1);
    if (line.empty() || !IsFieldName(field_name)) {
      body_start = line.empty() ? pos : line_start;
      break;
    }
    name = std::string(field_name);
    std::string_view rest = line.substr(colon + 1);
    if (!rest.empty() && rest[0] == ' ') rest.remove_prefix(1);
    value = std::string(rest);
    in_field = true;
  }
  if (in_field) AddHeader(name, value, message);
  message->buffer.EndHeaders();

  std::string body;
  pos = body_start;
  while (pos < raw.size()) {
    const std::string_view line = NextLine(raw, &pos);
    body.append(line).append("\r\n");
  }
  for (size_t at = 0; at < body.size(); at += feed.body_chunk) {
    message->buffer.AddBody(std::string_view(body).substr(at, feed.body_chunk));
  }
}

std::string WithMtaReceived(std::string_view raw, const Envelope& envelope) {
  // In the message's own line ends, so that only the field is new.
  const size_t first_end = raw.find('\n');
  const std::string_view eol =
      first_end != std::string_view::npos && first_end > 0 && raw[first_end - 1] == '\r' ? "\r\n"
                                                                                         : "\n";
  std::string out = "Received: from client.sender.test (client.sender.test [";
  out.append(envelope.client_ip).append("])").append(eol);
  out.append("\tby mx.rapport.test (Postfix) with ESMTPS id ").append(envelope.queue_id);
  out.append(";").append(eol).append("\tMon, 3 Dec 2001 10:00:00 +0000").append(eol);
  out.append(raw);
  return out;
}

std::string DescribeVerdict(Route route, const Verdict& verdict) {
  std::ostringstream out;
  out << RouteName(route) << " score=" << verdict.score << " action=" << ActionName(verdict.action)
      << "\n";
  std::vector<std::string> lines;
  for (const SignalHit& hit : verdict.signals) {
    std::ostringstream line;
    line << "  " << hit.name << " " << hit.contribution << " [" << hit.context << "] "
         << hit.evidence << "\n";
    lines.push_back(line.str());
  }
  std::sort(lines.begin(), lines.end());
  for (const std::string& line : lines) out << line;
  return out.str();
}

}  // namespace rapport::test
