#include "bench/detection/attack_eval/presentation.h"

#include <array>
#include <cctype>
#include <vector>

namespace rapport {

namespace {

constexpr std::array<std::string_view, static_cast<size_t>(LureForm::kCount)> kLureFormNames = {
    "plain (<a href> in text/html)",
    "calendar invitation inline",
    "calendar invitation attached (invite.ics)",
    "behind the sender's click tracker (target in its query)",
    "behind an opaque tracker (no target visible)",
    "behind a public shortener",
    "HTML and text differ: link only in the HTML",
    "HTML and text differ: link only in the text",
    "host upper-case / percent-encoded / trailing dot",
    "windows-1252 QP or base64, encoded-word Subject and name",
    "only in an attached HTML page",
};

constexpr std::array<std::string_view, static_cast<size_t>(ControlForm::kCount)> kControlNames = {
    "known correspondent's meeting invitation, inline",
    "known correspondent's meeting invitation, invite.ics",
    "known sender's newsletter through its own tracker",
    "colleague's invitation to 20+ colleagues",
};

// A message as attack_eval writes it, taken apart.
struct Written {
  std::string head;  // header lines without Mime-Version and Content-Type, each ending "\n"
  std::string subject;
  std::string sender_domain;
  std::string html;  // the inside of <body>
};

std::string_view HeaderValue(std::string_view head, std::string_view name) {
  size_t at = 0;
  while (at < head.size()) {
    const size_t end = head.find('\n', at);
    std::string_view line = head.substr(at, end == std::string_view::npos ? end : end - at);
    if (line.size() > name.size() && line.substr(0, name.size()) == name &&
        line[name.size()] == ':') {
      std::string_view value = line.substr(name.size() + 1);
      while (!value.empty() && value.front() == ' ') value.remove_prefix(1);
      return value;
    }
    if (end == std::string_view::npos) break;
    at = end + 1;
  }
  return {};
}

bool TakeApart(std::string_view raw, Written* out) {
  const size_t blank = raw.find("\n\n");
  if (blank == std::string_view::npos) return false;
  const std::string_view head = raw.substr(0, blank + 1);
  size_t at = 0;
  while (at < head.size()) {
    const size_t end = head.find('\n', at);
    const std::string_view line = head.substr(at, end - at + 1);
    if (line.rfind("Mime-Version:", 0) != 0 && line.rfind("Content-Type:", 0) != 0) {
      out->head += line;
    }
    at = end + 1;
  }
  out->subject = std::string(HeaderValue(head, "Subject"));
  const std::string_view from = HeaderValue(head, "From");
  const size_t sign = from.rfind('@');
  if (sign == std::string_view::npos) return false;
  const std::string_view domain = from.substr(sign + 1);
  out->sender_domain = std::string(domain.substr(0, domain.find_first_of(">\" ")));
  std::string_view body = raw.substr(blank + 2);
  const size_t open = body.find("<body>");
  const size_t close = body.rfind("</body>");
  if (open == std::string_view::npos || close == std::string_view::npos || close < open) {
    return false;
  }
  out->html = std::string(body.substr(open + 6, close - open - 6));
  return true;
}

// Where the first <a href="..."> value lies in `html`.
bool FirstHref(std::string_view html, size_t* start, size_t* length) {
  const size_t attr = html.find("href=\"");
  if (attr == std::string_view::npos) return false;
  *start = attr + 6;
  const size_t quote = html.find('"', *start);
  if (quote == std::string_view::npos) return false;
  *length = quote - *start;
  return true;
}

// `html` as a reader of its text sees it; anchors become "TEXT (URL)"
// with `links`, "TEXT" without.
std::string HtmlText(std::string_view html, bool links) {
  std::string text;
  size_t i = 0;
  std::string href;
  while (i < html.size()) {
    if (html[i] != '<') {
      text.push_back(html[i++]);
      continue;
    }
    const size_t close = html.find('>', i);
    if (close == std::string_view::npos) break;
    const std::string_view tag = html.substr(i, close - i + 1);
    if (tag.rfind("<a ", 0) == 0) {
      const size_t h = tag.find("href=\"");
      href = h == std::string_view::npos
                 ? std::string()
                 : std::string(tag.substr(h + 6, tag.find('"', h + 6) - h - 6));
    } else if (tag == "</a>") {
      if (links && !href.empty()) text += (text.empty() || text.back() == ' ' ? "" : " ") + href;
      href.clear();
    } else if (tag == "</p>" || tag == "<br>") {
      text.push_back('\n');
    }
    i = close + 1;
  }
  if (text.empty() || text.back() != '\n') text.push_back('\n');
  return text;
}

std::string Base64Lines(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  size_t column = 0;
  for (size_t i = 0; i < data.size(); i += 3) {
    uint32_t n = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) n |= static_cast<unsigned char>(data[i + 1]) << 8;
    if (i + 2 < data.size()) n |= static_cast<unsigned char>(data[i + 2]);
    out.push_back(kAlphabet[(n >> 18) & 63]);
    out.push_back(kAlphabet[(n >> 12) & 63]);
    out.push_back(i + 1 < data.size() ? kAlphabet[(n >> 6) & 63] : '=');
    out.push_back(i + 2 < data.size() ? kAlphabet[n & 63] : '=');
    if ((column += 4) == 76) {
      out.push_back('\n');
      column = 0;
    }
  }
  if (column != 0) out.push_back('\n');
  return out;
}

std::string Hex2(unsigned char c) {
  static constexpr char kDigits[] = "0123456789ABCDEF";
  return {kDigits[c >> 4], kDigits[c & 15]};
}

// Quoted-printable with soft line breaks before 76 columns, as a
// windows-1252 mailer writes it: a URL is broken across lines.
std::string QuotedPrintable(std::string_view data) {
  std::string out;
  size_t column = 0;
  for (const char c : data) {
    if (c == '\n') {
      out.push_back('\n');
      column = 0;
      continue;
    }
    const unsigned char u = static_cast<unsigned char>(c);
    const std::string piece =
        (u >= 33 && u <= 126 && c != '=') || c == ' ' ? std::string(1, c) : "=" + Hex2(u);
    if (column + piece.size() > 75) {
      out += "=\n";
      column = 0;
    }
    out += piece;
    column += piece.size();
  }
  return out;
}

std::string PercentEncoded(std::string_view url) {
  std::string out;
  for (const char c : url) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (std::isalnum(u) || c == '-' || c == '.' || c == '_' || c == '~') {
      out.push_back(c);
    } else {
      out += "%" + Hex2(u);
    }
  }
  return out;
}

// An RFC 2047 Q-encoded word in windows-1252 (ASCII is windows-1252 too).
std::string EncodedWord(std::string_view text) {
  std::string out = "=?windows-1252?Q?";
  for (const char c : text) {
    const unsigned char u = static_cast<unsigned char>(c);
    if (c == ' ') {
      out.push_back('_');
    } else if (std::isalnum(u)) {
      out.push_back(c);
    } else {
      out += "=" + Hex2(u);
    }
  }
  return out + "?=";
}

// RFC 5545 TEXT escaping and folding at 75 octets.
std::string CalendarLine(std::string_view name, std::string_view value, bool text) {
  std::string escaped(name);
  escaped.push_back(':');
  for (const char c : value) {
    if (text && (c == '\\' || c == ';' || c == ',')) escaped.push_back('\\');
    if (text && c == '\n') {
      escaped += "\\n";
      continue;
    }
    escaped.push_back(c);
  }
  std::string folded;
  for (size_t i = 0; i < escaped.size(); i += i == 0 ? 75 : 74) {
    if (i > 0) folded += "\r\n ";
    folded += escaped.substr(i, i == 0 ? 75 : 74);
  }
  return folded + "\r\n";
}

std::string Calendar(std::string_view organizer, std::string_view summary,
                     std::string_view description, std::string_view url) {
  std::string ics =
      "BEGIN:VCALENDAR\r\nPRODID:-//Microsoft Corporation//Outlook 16.0 MIMEDIR//EN\r\n"
      "VERSION:2.0\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n";
  ics += "ORGANIZER:mailto:" + std::string(organizer) + "\r\n";
  ics += "DTSTART:20250310T150000Z\r\nDTEND:20250310T153000Z\r\n";
  ics += CalendarLine("SUMMARY", summary, true);
  if (!description.empty()) ics += CalendarLine("DESCRIPTION", description, true);
  if (!url.empty()) ics += CalendarLine("URL", url, false);
  return ics + "UID:" + std::to_string(summary.size()) +
         "-rapport\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
}

constexpr std::string_view kMime = "Mime-Version: 1.0\n";

std::string SinglePart(const Written& w, std::string_view type, std::string_view body) {
  return w.head + std::string(kMime) + "Content-Type: " + std::string(type) + "\n\n" +
         std::string(body);
}

std::string Multipart(const Written& w, std::string_view subtype,
                      const std::vector<std::string>& parts) {
  std::string out = w.head + std::string(kMime) + "Content-Type: multipart/" +
                    std::string(subtype) + "; boundary=\"=_rapport_form\"\n\n";
  for (const std::string& part : parts) out += "--=_rapport_form\n" + part;
  return out + "--=_rapport_form--\n";
}

std::string TextPart(std::string_view text) {
  return "Content-Type: text/plain; charset=us-ascii\n\n" + std::string(text);
}

std::string HtmlPart(std::string_view inner) {
  return "Content-Type: text/html; charset=us-ascii\n\n<html><body>" + std::string(inner) +
         "</body></html>\n";
}

std::string InvitationPart(std::string_view ics, bool attached) {
  if (!attached) {
    return "Content-Type: text/calendar; method=REQUEST; charset=utf-8\n"
           "Content-Transfer-Encoding: 7bit\n\n" +
           std::string(ics);
  }
  return "Content-Type: application/ics; name=\"invite.ics\"\n"
         "Content-Disposition: attachment; filename=\"invite.ics\"\n"
         "Content-Transfer-Encoding: base64\n\n" +
         Base64Lines(ics);
}

std::string Organizer(const Written& w) {
  const std::string_view from = HeaderValue(w.head, "From");
  const size_t open = from.rfind('<');
  std::string_view address = open == std::string_view::npos ? from : from.substr(open + 1);
  return std::string(address.substr(0, address.find('>')));
}

std::string Token(uint64_t draw, size_t digits) {
  static constexpr char kDigits[] = "0123456789abcdefghijklmnopqrstuvwxyz";
  std::string out;
  for (size_t i = 0; i < digits;
       ++i, draw = draw * 6364136223846793005ULL + 1442695040888963407ULL) {
    out.push_back(kDigits[(draw >> 33) % 36]);
  }
  return out;
}

// The lure URL with its host spelt another way a browser still opens.
std::string HostSpelt(std::string_view url, uint64_t draw) {
  const size_t start = url.find("://");
  if (start == std::string_view::npos) return std::string(url);
  const size_t host_at = start + 3;
  const size_t host_end = url.find_first_of("/?#", host_at);
  std::string host(url.substr(host_at, host_end - host_at));
  switch (draw % 3) {
    case 0:
      for (char& c : host) c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
      break;
    case 1: {
      std::string encoded;
      for (const char c : host) encoded += c == '.' ? std::string(1, c) : "%" + Hex2(c);
      host = encoded;
      break;
    }
    default:
      host += ".";
  }
  return std::string(url.substr(0, host_at)) + host +
         std::string(host_end == std::string_view::npos ? "" : url.substr(host_end));
}

}  // namespace

std::string_view LureFormName(LureForm form) { return kLureFormNames[static_cast<size_t>(form)]; }

bool HidesTarget(LureForm form) { return form == LureForm::kOpaqueTracker; }

std::string PresentLure(std::string_view raw, LureForm form, uint64_t draw) {
  Written w;
  size_t at = 0, length = 0;
  if (form == LureForm::kPlain || !TakeApart(raw, &w) || !FirstHref(w.html, &at, &length)) {
    return std::string(raw);
  }
  const std::string url = w.html.substr(at, length);
  const auto with_href = [&](const std::string& href) {
    return w.html.substr(0, at) + href + w.html.substr(at + length);
  };
  switch (form) {
    case LureForm::kPlain:
    case LureForm::kCount:
      break;
    case LureForm::kCalendarInline:
    case LureForm::kCalendarAttached: {
      const bool attached = form == LureForm::kCalendarAttached;
      // DESCRIPTION, URL, or both, in turn.
      const std::string description =
          draw % 3 == 1 ? HtmlText(w.html, false) : HtmlText(w.html, true);
      const std::string ics =
          Calendar(Organizer(w), w.subject, description, draw % 3 == 0 ? std::string() : url);
      const std::string text = attached ? "Please see the attached invitation.\n"
                                        : "You have been invited to: " + w.subject + "\n";
      return Multipart(w, attached || draw % 2 ? "mixed" : "alternative",
                       {TextPart(text), InvitationPart(ics, attached)});
    }
    case LureForm::kSenderTracker:
      return SinglePart(w, "text/html; charset=us-ascii",
                        "<html><body>" +
                            with_href("https://click." + w.sender_domain +
                                      "/t?id=" + Token(draw, 8) + "&amp;u=" + PercentEncoded(url)) +
                            "</body></html>\n");
    case LureForm::kOpaqueTracker:
      return SinglePart(
          w, "text/html; charset=us-ascii",
          "<html><body>" + with_href("https://click." + w.sender_domain + "/t/" + Token(draw, 24)) +
              "</body></html>\n");
    case LureForm::kShortener: {
      static constexpr std::array<std::string_view, 5> kShorteners = {
          "bit.ly", "tinyurl.com", "t.co", "ow.ly", "rebrand.ly"};
      return SinglePart(
          w, "text/html; charset=us-ascii",
          "<html><body>" +
              with_href("https://" + std::string(kShorteners[draw % 5]) + "/" + Token(draw, 7)) +
              "</body></html>\n");
    }
    case LureForm::kHtmlOnly:
      return Multipart(w, "alternative", {TextPart(HtmlText(w.html, false)), HtmlPart(w.html)});
    case LureForm::kTextOnly: {
      std::string unlinked = w.html;
      // The anchor kept as its text alone.
      const size_t open = unlinked.rfind("<a ", at);
      const size_t open_end = unlinked.find('>', open);
      unlinked.erase(open, open_end - open + 1);
      const size_t close = unlinked.find("</a>", open);
      if (close != std::string::npos) unlinked.erase(close, 4);
      return Multipart(w, "alternative", {TextPart(HtmlText(w.html, true)), HtmlPart(unlinked)});
    }
    case LureForm::kHostSpelling:
      return SinglePart(w, "text/html; charset=us-ascii",
                        "<html><body>" + with_href(HostSpelt(url, draw)) + "</body></html>\n");
    case LureForm::kWindows1252: {
      Written encoded = w;
      encoded.head.clear();
      size_t line_at = 0;
      while (line_at < w.head.size()) {
        const size_t end = w.head.find('\n', line_at);
        std::string line = w.head.substr(line_at, end - line_at);
        if (line.rfind("Subject:", 0) == 0) {
          line = "Subject: " + EncodedWord(w.subject);
        } else if (line.rfind("From: \"", 0) == 0) {
          const size_t quote = line.find('"', 7);
          line = "From: " + EncodedWord(line.substr(7, quote - 7)) + line.substr(quote + 1);
        }
        encoded.head += line + "\n";
        line_at = end + 1;
      }
      const std::string html = "<html><body>" + w.html + "<p>\x96</p></body></html>\n";
      const bool qp = draw % 2 == 0;
      return SinglePart(
          encoded,
          std::string("text/html; charset=windows-1252\nContent-Transfer-Encoding: ") +
              (qp ? "quoted-printable" : "base64"),
          qp ? QuotedPrintable(html) : Base64Lines(html));
    }
    case LureForm::kAttachedPage:
      return Multipart(w, "mixed",
                       {TextPart("Please open the attached document.\n"),
                        "Content-Type: text/html; name=\"Document.html\"\n"
                        "Content-Disposition: attachment; filename=\"Document.html\"\n"
                        "Content-Transfer-Encoding: base64\n\n" +
                            Base64Lines("<html><body>" + w.html + "</body></html>\n")});
  }
  return std::string(raw);
}

std::string_view ControlFormName(ControlForm form) {
  return kControlNames[static_cast<size_t>(form)];
}

std::string PresentControl(std::string_view raw, ControlForm form, uint64_t draw) {
  Written w;
  if (!TakeApart(raw, &w)) return std::string(raw);
  const std::string own = "https://www." + w.sender_domain;
  const std::string org = w.sender_domain.substr(0, w.sender_domain.find('.'));
  std::string join;
  switch (draw % 3) {
    case 0:
      join = "https://teams.microsoft.com/l/meetup-join/19%3ameeting_" + Token(draw, 24) +
             "%40thread.v2/0?context=%7b%22Tid%22%3a%22" + Token(draw + 1, 12) + "%22%7d";
      break;
    case 1:
      join = "https://" + org + ".zoom.us/j/" + std::to_string(8000000000ULL + draw % 999999999) +
             "?pwd=" + Token(draw, 16);
      break;
    default:
      join = "https://" + org + ".webex.com/meet/" + Token(draw, 8);
  }
  // The subject the lure carried says what the lure asks; a control says
  // what the meeting is.
  const std::string subject =
      form == ControlForm::kNewsletterTracker ? "News from " + org : "Project sync";
  Written c = w;
  c.head.clear();
  size_t line_at = 0;
  while (line_at < w.head.size()) {
    const size_t end = w.head.find('\n', line_at);
    const std::string line = w.head.substr(line_at, end - line_at);
    c.head += (line.rfind("Subject:", 0) == 0 ? "Subject: " + subject : line) + "\n";
    line_at = end + 1;
  }
  if (form == ControlForm::kNewsletterTracker) {
    std::string html = "<p>This month at " + org + ":</p>";
    for (const char* page : {"/news/", "/events/", "/products/"}) {
      const std::string target = own + page + Token(draw++, 6);
      html += "<p><a href=\"https://click." + w.sender_domain + "/t?id=" + Token(draw, 8) +
              "&amp;u=" + PercentEncoded(target) + "\">Read more</a></p>";
    }
    return SinglePart(c, "text/html; charset=us-ascii", "<html><body>" + html + "</body></html>\n");
  }
  const std::string description = "Join the meeting: " + join + "\nAgenda: " + own + "/agenda\n";
  const std::string ics = Calendar(Organizer(c), subject, description, join);
  const bool attached = form == ControlForm::kMeetingInviteAttached;
  return Multipart(c, attached ? "mixed" : "alternative",
                   {TextPart(attached ? "Please see the attached invitation.\n" : description),
                    InvitationPart(ics, attached)});
}

}  // namespace rapport
