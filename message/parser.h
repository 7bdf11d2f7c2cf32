#pragma once

#include <cstddef>
#include <memory>
#include <string_view>

#include "base/status.h"
#include "message/message.h"
#include "message/redirectors.h"

namespace rapport {

// Bounds applied to untrusted mail. Anything past a bound is recorded in
// Message::truncated, never an error.
struct ParseOptions {
  size_t max_message_size = 32 * 1024 * 1024;  // bytes parsed; the rest is ignored
  int max_mime_depth = 32;                     // nesting of multiparts and message/rfc822
  int max_mime_parts = 512;                    // leaf parts visited
  int max_links = 1000;                        // links kept
  int max_headers = 2000;                      // top-level headers read
  size_t max_body_text = 1024 * 1024;          // bytes of decoded text and of html kept each
  // Decoded bytes of attached pages (HTML, SVG) and PDFs read for links and
  // of ZIP archives read for their file names, all attachments together;
  // one that does not fit in what is left is not read. An attached page's
  // text is also kept within max_body_text.
  size_t max_attachment_bytes = 4 * 1024 * 1024;
  // The open redirectors whose targets become links of their own
  // (AddRedirectTargets); null for the shipped list (ShippedRedirectors).
  // The config sets it from `[scoring] redirectors_file`.
  std::shared_ptr<const Redirectors> redirectors;
};

// Parses one RFC 5322 message (with or without CRLF line ends) into *out,
// copying `envelope` in as given. Never fails on malformed mail: what cannot
// be understood is left empty. Returns a non-OK status only when `raw` has
// no header section at all (not mail). Thread-safe: GMime is initialised
// once per process by the first call.
Status ParseMessage(std::string_view raw, const Envelope& envelope, const ParseOptions& options,
                    Message* out);

}  // namespace rapport
