#include "tests/milter/mta_feed.h"

#include <algorithm>
#include <cstdint>
#include <sstream>
#include <vector>

#include "bench/throughput/milter_load/corpus.h"

namespace rapport::test {

void FeedAsMta(std::string_view raw, const MtaFeed& feed, MessageState* message) {
  // milter_load's split is the one home for how an MTA cuts a message into
  // fields and body; every field is kept here, as the MTA sends them all.
  bench::CorpusOptions options;
  options.max_headers = SIZE_MAX;
  const bench::CorpusMessage split = bench::PrepareMessage(raw, false, options);
  for (const bench::CorpusHeader& header : split.headers) {
    std::string_view value = header.value;
    if (value.starts_with(' ')) value.remove_prefix(1);  // Sendmail's and Postfix's manner
    std::string folded;
    for (const char c : value) {
      if (c == '\n') {
        folded.append(feed.fold);
      } else {
        folded.push_back(c);
      }
    }
    AddHeaderField(header.name, folded, message);
  }
  message->buffer.EndHeaders();
  const std::string_view body = split.body;
  for (size_t at = 0; at < body.size(); at += feed.body_chunk) {
    message->buffer.AddBody(body.substr(at, feed.body_chunk));
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
