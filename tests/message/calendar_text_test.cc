#include "message/calendar_text.h"

#include <catch2/catch.hpp>
#include <string>

namespace rapport {
namespace {

TEST_CASE("an invitation's shown properties are read unfolded and unescaped") {
  const std::string ics =
      "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
      "ORGANIZER;CN=\"Kim, A\":mailto:kim@example.com\r\n"
      "SUMMARY:Quarterly review\\, please confirm\r\n"
      "DESCRIPTION:Review the document before the call:\\nhttps://files.exa\r\n"
      " mple.net/s/Ab3\\;x\r\n"
      "LOCATION;ALTREP=\"cid:x:y\":Room 4\r\n"
      "URL:https://meet.example.org/j/123\r\n"
      "ATTACH;ENCODING=BASE64;VALUE=BINARY:aHR0cHM6Ly9oaWRkZW4uZXhhbXBsZS8=\r\n"
      "DTSTART:20250301T100000Z\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  const std::string text = CalendarShownText(ics, 1 << 20);
  CHECK(text ==
        "Quarterly review, please confirm\n"
        "Review the document before the call:\nhttps://files.example.net/s/Ab3;x\n"
        "Room 4\n"
        "https://meet.example.org/j/123");
  CHECK(text.find("mailto:") == std::string::npos);
  CHECK(text.find("aHR0") == std::string::npos);
}

TEST_CASE("an invitation folded with LF and tabs, as a decoder leaves it, is unfolded") {
  CHECK(CalendarShownText("DESCRIPTION:one\n\ttwo\nX-ALT-DESC;FMTTYPE=text/html:<a>\n", 100) ==
        "onetwo\n<a>");
  CHECK(CalendarShownText("BEGIN:VEVENT\nDTSTART:20250301\nEND:VEVENT\n", 100).empty());
}

TEST_CASE("what an invitation yields is bounded") {
  std::string ics;
  for (int i = 0; i < 10; ++i) ics += "DESCRIPTION:0123456789\n";
  CHECK(CalendarShownText(ics, 25).size() <= 25);
  std::string many;
  for (size_t i = 0; i < kMaxCalendarProperties + 5; ++i) many += "SUMMARY:x\n";
  CHECK(CalendarShownText(many, 1 << 20).size() == kMaxCalendarProperties * 2 - 1);
  CHECK(IsShownCalendarProperty("Description"));
  CHECK_FALSE(IsShownCalendarProperty("ATTENDEE"));
}

}  // namespace
}  // namespace rapport
