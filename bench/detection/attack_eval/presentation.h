#pragma once

#include <cstdint>
#include <string>
#include <string_view>

// A test instrument, not the product: writes one of attack_eval's lures
// (a single text/html part whose lure is its first <a href>) in a form
// 2025 mail writes links in, so that the evaluation can check that a
// verdict depends on what a message says and not on how its link is
// presented (attack_eval's "presentations" family). rewrite.h re-encodes
// whole messages; this re-presents the one link.

namespace rapport {

enum class LureForm {
  kPlain,             // as attack_eval writes it: <a href> in text/html
  kCalendarInline,    // text/calendar; method=REQUEST beside a text part without the link
  kCalendarAttached,  // the same invitation attached as invite.ics
  kSenderTracker,     // behind click.<sender-domain>/t?u=<target percent-encoded>
  kOpaqueTracker,     // behind click.<sender-domain>/t/<token>: no target visible
  kShortener,         // behind a public shortener the sender never linked
  kHtmlOnly,          // multipart/alternative, the link only in the HTML
  kTextOnly,          // multipart/alternative, the link only in the text
  kHostSpelling,      // the host upper-case, percent-encoded or with a trailing dot
  kWindows1252,       // windows-1252 QP or base64 body, encoded-word Subject and name
  kAttachedPage,      // the lure only in an attached HTML page
  kCount
};

// "calendar inline", "sender's tracker", ... for the report's lines.
std::string_view LureFormName(LureForm form);

// True for the forms whose target no reader (nor Rapport) can judge
// without visiting the link: reported, not counted toward a target.
bool HidesTarget(LureForm form);

// `raw` with its lure presented in `form`; `draw` picks among a form's
// spellings (DESCRIPTION or URL, inline alternative or mixed, which
// shortener, QP or base64). A message without an <a href> is returned
// unchanged.
std::string PresentLure(std::string_view raw, LureForm form, uint64_t draw);

// The legitimate mail shaped like the forms, scored not learned.
enum class ControlForm {
  kMeetingInvite,          // a known correspondent's Teams/Zoom/Webex invitation, inline
  kMeetingInviteAttached,  // the same as invite.ics
  kNewsletterTracker,      // a known sender's newsletter through its own click tracker
  kColleagueInvite,        // a colleague's invitation to 20+ colleagues, usual conferencing
  kCount
};

std::string_view ControlFormName(ControlForm form);

// `raw`'s headers (From, To, Date, Message-ID; a lure's Subject replaced)
// with a legitimate body of `form`: the conferencing link and the
// sender's own site, or the sender's tracker leading to its own site.
std::string PresentControl(std::string_view raw, ControlForm form, uint64_t draw);

}  // namespace rapport
