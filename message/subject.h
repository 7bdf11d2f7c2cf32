#pragma once

#include <string>
#include <string_view>

namespace rapport {

// The thread key form of a decoded subject: leading reply/forward markers in
// the usual languages ("Re:", "RE[2]:", "Fw:", "Fwd:", "AW:", "WG:", "SV:",
// "VS:") and bracketed gateway tags ("[External]", "[SPAM]") removed however
// often they repeat, whitespace collapsed to single spaces, and the text
// lower-cased by Unicode rules. "RE: [External] Fwd:  Invoice 42" and
// "invoice 42" give the same key.
std::string NormaliseSubject(std::string_view subject);

// Whether `subject` begins, after any bracketed gateway tags, with a reply
// or forward marker NormaliseSubject() removes ("Re:", "AW:", "Fwd:"): the
// subject of a conversation the message answers or passes on, not one it
// opens.
bool HasReplyMarker(std::string_view subject);

}  // namespace rapport
