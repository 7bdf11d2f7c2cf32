#pragma once

#include <string>
#include <vector>

#include "message/message.h"

namespace rapport::test {

// One hostile message, generated in memory: what a stranger can send to
// make a mail filter crash, hang or grow without bound.
struct HostileMail {
  std::string name;
  Envelope envelope;
  std::string raw;  // CRLF line ends, as the MTA hands mail to a milter
};

// The names of the hostile set: a 50 MB body, 10,000 recipients, 10,000
// headers, MIME nested 500 deep, 100,000 links (HTML and text), NUL bytes,
// invalid UTF-8 and bogus charsets, RFC 2047 encoded-word bombs (many and
// huge), a 1 MB header line, base64 garbage, HTML with unclosed tags and a
// comment that never closes, attachments read for links (a PDF inflation
// bomb, a PDF past the attachment budget, a page that never closes).
std::vector<std::string> HostileMailNames();

// Generates one message of the set (one at a time: the set together is
// over 70 MB). Deterministic: the same bytes on every call. Fails the
// calling test when `name` is unknown.
HostileMail HostileMailNamed(const std::string& name);

}  // namespace rapport::test
