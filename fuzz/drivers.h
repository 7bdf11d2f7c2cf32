#pragma once

#include <string_view>

#include "base/status.h"
#include "message/parser.h"

namespace rapport::fuzz {

// One driver per fuzz target. Each feeds one arbitrary input to the entry
// point it names and checks the promises that entry point's header makes
// about its output (caps respected, UTF-8 kept, counts consistent). A non-OK
// status names the broken promise: the libFuzzer targets abort on it, and
// the regression test (built with g++ in the normal suite) replays every
// kept crashing input through the same driver and asserts OK. A crash, leak
// or undefined behaviour inside the entry point shows up as such.

// The bounds DriveParser parses under: far below the shipped defaults so
// that small fuzz inputs reach every truncation path.
ParseOptions FuzzParseOptions();

// ParseMessage on `data` with a fixed envelope and FuzzParseOptions().
Status DriveParser(std::string_view data);

// DescribeLinkTarget and HostNamedByText on `data` as a URL, and the host
// and address normalisers of message/domain_names.h on `data` as a host.
Status DriveLinkTarget(std::string_view data);

// ExtractHtmlLinks on `data` as an HTML document.
Status DriveHtmlLinks(std::string_view data);

// ExtractPdfLinks on `data` as a PDF file.
Status DrivePdfLinks(std::string_view data);

// ExtractTextLinks on `data` as plain text.
Status DriveTextLinks(std::string_view data);

// ParseConfig on `data` as the text of rapport.conf.
Status DriveConfig(std::string_view data);

// The milter's accumulation of one message: `data` is read as a bound for
// MessageBuffer followed by a stream of header / end-of-headers / body
// events, each header also passing through RapportHeaderIndex; what the
// buffer kept is then parsed as the milter would.
Status DriveMilterBuffer(std::string_view data);

}  // namespace rapport::fuzz
