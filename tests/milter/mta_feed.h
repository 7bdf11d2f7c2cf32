#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "message/message.h"
#include "milter/route.h"
#include "milter/session.h"
#include "scoring/verdict.h"

namespace rapport::test {

// How an MTA hands one message to the milter. Postfix (milter8.c) sends each
// header field as its name (blanks before the colon dropped) and its value
// (the first space after the colon eaten, as Sendmail does; a folded value
// keeps its line breaks as the MTA stores them, LF alone), then the body with
// CRLF line ends in chunks of at most libmilter's MILTER_CHUNK_SIZE.
struct MtaFeed {
  size_t body_chunk = 65535;     // bytes per xxfi_body call
  std::string_view fold = "\n";  // the line end inside a folded value
};

// Calls what milter/milter_callbacks.cc calls for each header, the end of
// headers and each body chunk of `raw` (a message with LF or CRLF line
// ends), in order, into `message`. The header section ends at the first
// empty line, or, as in Postfix, at the first line that is not a field.
void FeedAsMta(std::string_view raw, const MtaFeed& feed, MessageState* message);

// `raw` with the Received field an MTA writes on top of what it accepts
// from `envelope.client_ip` (and hands the milter first), so that the milter
// and an archive of the delivered mail read the same trace.
std::string WithMtaReceived(std::string_view raw, const Envelope& envelope);

// What a verdict says, for comparing two: the route, score, action, and
// every signal with its contribution, context and evidence, one per line
// ("  NAME 12.5 [context] evidence"), sorted.
std::string DescribeVerdict(Route route, const Verdict& verdict);

}  // namespace rapport::test
