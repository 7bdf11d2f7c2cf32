#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rapport {

// A meeting invitation (text/calendar, RFC 5545: inline beside the
// message's text or attached as invite.ics) is what calendar clients show
// their reader: its summary, description, location and link. Phishing
// writes its lure there, where a reader of text/plain and text/html never
// looks. These read an invitation as the text a reader sees.

// The properties a calendar client shows as text or opens as a link.
// "X-ALT-DESC" is Outlook's HTML description.
bool IsShownCalendarProperty(std::string_view name);

// The values of `calendar`'s shown properties (IsShownCalendarProperty),
// one a line, after RFC 5545 unfolding (a line end followed by a space or
// a tab is removed) and TEXT unescaping ("\n" and "\N" a line end, "\,"
// "\;" "\\" the character); other properties (ORGANIZER, ATTENDEE's
// mailto:, DTSTART, an ATTACH written inline as base64) are left out. At
// most kMaxCalendarProperties content lines are read, and at most
// `max_bytes` of text kept.
std::string CalendarShownText(std::string_view calendar, size_t max_bytes);

// Content lines read from one calendar part, as the parser's other
// counts bound what a part may cost.
inline constexpr size_t kMaxCalendarProperties = 4096;

}  // namespace rapport
