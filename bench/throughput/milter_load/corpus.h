#pragma once

#include <cstddef>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace rapport::bench {

// One header field as the MTA hands it to a milter.
struct CorpusHeader {
  std::string name;
  std::string value;  // everything after the colon, leading space kept; folds joined by "\n"
};

// A message ready to be replayed through the milter protocol: split into
// the pieces the MTA sends, with the envelope taken from its headers.
struct CorpusMessage {
  std::vector<CorpusHeader> headers;
  std::string body;                     // CRLF line ends, as an MTA sends it
  std::string mail_from;                // without angle brackets; empty for the null sender
  std::vector<std::string> recipients;  // never empty
};

struct CorpusOptions {
  size_t sample = 0;                    // 0: every message; else this many, evenly spaced
  size_t max_message_bytes = 16 << 20;  // larger messages are skipped and counted
  size_t max_headers = 1000;            // header fields beyond this go to the body
  size_t max_recipients = 32;           // recipients beyond this are dropped
  int max_depth = 8;                    // directory levels searched below each path
  std::string default_recipient = "postmaster@localhost";  // when no header names one
};

// Messages loaded from archives.
struct Corpus {
  std::vector<CorpusMessage> messages;
  size_t skipped = 0;  // messages over max_message_bytes
};

// Loads every message of `paths`: mbox files (mboxrd quoting undone),
// Maildir folders, single .eml files, and directories holding any of these,
// searched recursively in name order. A file is an mbox when it starts with
// "From ". Returns an IoError naming the path that cannot be read, or
// InvalidArgument when no message was found.
Status LoadCorpus(const std::vector<std::string>& paths, const CorpusOptions& options, Corpus* out);

// Splits the contents of an mbox file into its messages, From_ lines
// removed and still mboxrd-quoted. The views point into `mbox`.
std::vector<std::string_view> SplitMbox(std::string_view mbox);

// Splits one raw message into headers and body and derives its envelope:
// the sender from Return-Path, else From; the recipients from
// X-Original-To and Delivered-To, else To, Cc and Bcc. With `mboxrd`, lines
// matching ^>+From lose one '>'. A line that is not a header field ends the
// header section and starts the body, as in Postfix.
CorpusMessage PrepareMessage(std::string_view raw, bool mboxrd, const CorpusOptions& options);

// The addresses (local@domain, without brackets) in an address-list header
// value, at most `max` of them. Display names, comments and groups are
// skipped; elements without '@' are ignored.
std::vector<std::string> ExtractAddresses(std::string_view value, size_t max);

}  // namespace rapport::bench
