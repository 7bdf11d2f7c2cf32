#pragma once

#include <string>
#include <string_view>

#include "message/message.h"
#include "message/parser.h"

namespace rapport {

// What BoundRawMessage kept of a raw message.
struct BoundedRaw {
  std::string text;      // the bytes to hand to GMime, always ending in '\n'
  int header_count = 0;  // top-level header fields in the input, kept or not
};

// Copies `raw` into out->text within the structural bounds of `options`,
// before GMime sees it: GMime's cost grows with every header field and MIME
// part it builds (a 32 MB message of tiny parts or headers takes tens of
// seconds), so what lies past the bounds is cut here, not skipped later.
// Keeps the first max_message_size bytes, the first max_headers top-level
// header fields, and the body up to the line where boundary-like lines
// ("--...") or the header lines that follow them exceed what max_mime_parts
// and max_mime_depth (or max_headers) allow. Records every cut in *truncated.
void BoundRawMessage(std::string_view raw, const ParseOptions& options, BoundedRaw* out,
                     Truncation* truncated);

}  // namespace rapport
