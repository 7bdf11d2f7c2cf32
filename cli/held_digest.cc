#include "cli/held_digest.h"

#include <fmt/format.h>
#include <gmime/gmime.h>

#include <algorithm>
#include <cctype>

#include "base/clock.h"
#include "cli/format.h"
#include "cli/held_mta.h"
#include "cli/held_review.h"
#include "message/gmime_handles.h"
#include "message/utf8.h"

namespace rapport {
namespace {

// Recipients listed per entry; the rest are counted.
constexpr size_t kListedRecipients = 10;
constexpr std::string_view kReplacement = "\xEF\xBF\xBD";  // U+FFFD

// What one entry shows, every untrusted string already made printable.
struct DigestEntry {
  std::string queue_id;
  bool actionable = false;  // a queue id rapportctl accepts
  int score = 0;
  std::string held_at;  // "2026-12-03 09:41:00 UTC, 3h ago"
  std::string from;
  std::string subject;
  std::string recipients;
  std::vector<std::string> signals;  // "NAME (35.0): evidence"
};

// The length of the UTF-8 sequence starting at s[i]; 0 when it is not one.
size_t SequenceLength(std::string_view s, size_t i) {
  const auto lead = static_cast<unsigned char>(s[i]);
  const size_t length = lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
  if (i + length > s.size() || !IsUtf8(s.substr(i, length))) return 0;
  return length;
}

// C1 controls (U+0080-U+009F), the bidirectional embeddings and overrides
// (U+202A-U+202E) and isolates (U+2066-U+2069): each can make a line show
// something other than what it holds.
bool IsHiddenFormat(std::string_view sequence) {
  if (sequence.size() == 2) {
    return sequence[0] == '\xC2' && static_cast<unsigned char>(sequence[1]) <= 0x9F;
  }
  if (sequence.size() != 3 || sequence[0] != '\xE2') return false;
  const auto second = static_cast<unsigned char>(sequence[1]);
  const auto third = static_cast<unsigned char>(sequence[2]);
  return (second == 0x80 && third >= 0xAA && third <= 0xAE) ||
         (second == 0x81 && third >= 0xA6 && third <= 0xA9);
}

std::string Age(int64_t seconds) {
  if (seconds < 3600) return fmt::format("{}m ago", std::max<int64_t>(seconds, 0) / 60);
  if (seconds < 2 * kSecondsPerDay) return fmt::format("{}h ago", seconds / 3600);
  return fmt::format("{}d ago", seconds / kSecondsPerDay);
}

std::string Recipients(const std::vector<std::string>& rcpt) {
  std::string text;
  for (size_t i = 0; i < rcpt.size() && i < kListedRecipients; ++i) {
    text += (i ? ", " : "") + PrintableText(rcpt[i]);
  }
  if (rcpt.size() > kListedRecipients) {
    text += fmt::format(" and {} more", rcpt.size() - kListedRecipients);
  }
  return text;
}

DigestEntry EntryOf(const HeldMessage& held, int64_t now) {
  DigestEntry entry;
  entry.queue_id = PrintableText(held.queue_id);
  entry.actionable = IsValidQueueId(held.queue_id);
  entry.score = held.score;
  entry.held_at = FormatTime(held.received_at) + " UTC, " + Age(now - held.received_at);
  entry.from = PrintableText(held.from.empty() ? held.mail_from : held.from);
  entry.subject = DefangLinks(PrintableText(held.subject));
  entry.recipients = Recipients(held.rcpt_to);
  for (const HeldSignal* signal : StrongestSignals(held, kTopSignals)) {
    entry.signals.push_back(fmt::format("{} ({:.1f}): {}", PrintableText(signal->name),
                                        signal->contribution,
                                        DefangLinks(PrintableText(signal->evidence))));
  }
  return entry;
}

std::vector<std::string> Commands(const DigestEntry& entry, const std::string& config_path) {
  if (!entry.actionable) return {};
  const std::string prefix =
      config_path.empty() ? "rapportctl held" : "rapportctl --config " + config_path + " held";
  std::vector<std::string> commands;
  for (const char* verb : {"release", "delete", "report"}) {
    commands.push_back(fmt::format("{} {} {}", prefix, verb, entry.queue_id));
  }
  return commands;
}

std::string Title(size_t held, const DigestRequest& request) {
  return fmt::format("Rapport: {} message{} held for review{}", held, held == 1 ? "" : "s",
                     request.node.empty() ? "" : " on " + request.node);
}

std::string NotShown(size_t count, const DigestRequest& request) {
  return fmt::format("{} more held message{} not shown (max_entries = {}): rapportctl held list",
                     count, count == 1 ? "" : "s", request.max_entries);
}

std::string PlainDigest(const std::vector<DigestEntry>& entries, size_t held,
                        const DigestRequest& request, int64_t now) {
  std::string text = Title(held, request) + "\n";
  text += fmt::format("Held since {} UTC and still waiting in the mail server's hold queue.\n",
                      FormatTime(now - request.since_seconds));
  text += "Nothing below is a link: review a message with 'rapportctl held show ID'.\n";
  for (size_t i = 0; i < entries.size(); ++i) {
    const DigestEntry& e = entries[i];
    text += fmt::format("\n[{}] {}  score {}  held {}\n", i + 1, e.queue_id, e.score, e.held_at);
    text += fmt::format("    From:     {}\n    Subject:  {}\n    To:       {}\n", e.from, e.subject,
                        e.recipients);
    for (size_t s = 0; s < e.signals.size(); ++s) {
      text += fmt::format("    {:<9} {}\n", s == 0 ? "Signals:" : "", e.signals[s]);
    }
    for (const std::string& command : Commands(e, request.config_path)) {
      text += "    $ " + command + "\n";
    }
  }
  if (held > entries.size()) text += "\n" + NotShown(held - entries.size(), request) + "\n";
  return text;
}

std::string HtmlDigest(const std::vector<DigestEntry>& entries, size_t held,
                       const DigestRequest& request, int64_t now) {
  const std::string title = EscapeHtml(Title(held, request));
  std::string html = "<!DOCTYPE html>\n<html><head><meta charset=\"utf-8\"><title>" + title +
                     "</title></head>\n<body style=\"font-family:sans-serif\">\n<h2>" + title +
                     "</h2>\n";
  html += fmt::format(
      "<p>Held since {} UTC and still waiting in the mail server's hold "
      "queue. Nothing below is a link: review a message with "
      "<code>rapportctl held show ID</code>.</p>\n",
      EscapeHtml(FormatTime(now - request.since_seconds)));
  for (size_t i = 0; i < entries.size(); ++i) {
    const DigestEntry& e = entries[i];
    html += fmt::format(
        "<table cellpadding=\"3\" style=\"border-top:1px solid #999;margin-top:1em\">\n"
        "<tr><td colspan=\"2\"><b>[{}] <code>{}</code> score {}</b>, held {}</td></tr>\n"
        "<tr><th align=\"left\">From</th><td>{}</td></tr>\n"
        "<tr><th align=\"left\">Subject</th><td>{}</td></tr>\n"
        "<tr><th align=\"left\">To</th><td>{}</td></tr>\n"
        "<tr><th align=\"left\" valign=\"top\">Signals</th><td><ul>\n",
        i + 1, EscapeHtml(e.queue_id), e.score, EscapeHtml(e.held_at), EscapeHtml(e.from),
        EscapeHtml(e.subject), EscapeHtml(e.recipients));
    for (const std::string& signal : e.signals) html += "<li>" + EscapeHtml(signal) + "</li>\n";
    html += "</ul></td></tr>\n";
    const std::vector<std::string> commands = Commands(e, request.config_path);
    if (!commands.empty()) {
      html += "<tr><th align=\"left\" valign=\"top\">Commands</th><td><pre>";
      for (const std::string& command : commands) html += EscapeHtml(command) + "\n";
      html += "</pre></td></tr>\n";
    }
    html += "</table>\n";
  }
  if (held > entries.size()) {
    html += "<p>" + EscapeHtml(NotShown(held - entries.size(), request)) + "</p>\n";
  }
  return html + "</body></html>\n";
}

GObjectPtr<GMimeTextPart> TextPart(const char* subtype, const std::string& text) {
  GObjectPtr<GMimeTextPart> part(g_mime_text_part_new_with_subtype(subtype));
  g_mime_text_part_set_text(part.get(), text.c_str());
  g_mime_text_part_set_charset(part.get(), "utf-8");
  g_mime_part_set_content_encoding(GMIME_PART(part.get()), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  return part;
}

// A message from `from` to `to` with our headers around `body`, written
// out as sendmail reads it (LF line ends).
std::string Compose(const std::string& from, const std::vector<std::string>& to,
                    const std::string& subject, int64_t now, GMimeObject* body) {
  GObjectPtr<GMimeMessage> message(g_mime_message_new(TRUE));
  g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_FROM, "Rapport", from.c_str());
  for (const std::string& address : to) {
    g_mime_message_add_mailbox(message.get(), GMIME_ADDRESS_TYPE_TO, nullptr, address.c_str());
  }
  g_mime_message_set_subject(message.get(), subject.c_str(), "utf-8");
  GDateTime* date = g_date_time_new_from_unix_utc(now);
  g_mime_message_set_date(message.get(), date);
  g_date_time_unref(date);
  const size_t at = from.rfind('@');
  const std::string domain = at == std::string::npos ? "localhost" : from.substr(at + 1);
  GCharPtr id(g_mime_utils_generate_message_id(domain.c_str()));
  g_mime_message_set_message_id(message.get(), id.get());
  g_mime_object_set_header(GMIME_OBJECT(message.get()), "Auto-Submitted", "auto-generated",
                           nullptr);
  g_mime_message_set_mime_part(message.get(), body);
  GCharPtr text(g_mime_object_to_string(GMIME_OBJECT(message.get()), nullptr));
  return text ? std::string(text.get()) : std::string();
}

}  // namespace

std::vector<HeldMessage> DigestWindow(const std::vector<HeldMessage>& records,
                                      int64_t since_seconds, int64_t now) {
  HeldFilter filter;
  filter.since_seconds = since_seconds;
  return FilterHeld(records, filter, now);
}

Status BuildDigest(const std::vector<HeldMessage>& window, const DigestRequest& request,
                   int64_t now, std::string* message) {
  if (request.to.empty()) return Status::InvalidArgument("a digest needs a recipient");
  EnsureGMimeInitialised();
  std::vector<DigestEntry> entries;
  for (size_t i = 0; i < window.size() && i < request.max_entries; ++i) {
    entries.push_back(EntryOf(window[i], now));
  }
  GObjectPtr<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
  auto plain = TextPart("plain", PlainDigest(entries, window.size(), request, now));
  auto html = TextPart("html", HtmlDigest(entries, window.size(), request, now));
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(plain.get()));
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(html.get()));
  *message = Compose(request.from, request.to, Title(window.size(), request), now,
                     GMIME_OBJECT(alternative.get()));
  return message->empty() ? Status::IoError("GMime could not write the digest") : Status::Ok();
}

Status BuildHeldNotice(const HeldMessage& held, const std::string& recipient,
                       const std::string& from, int64_t now, std::string* message) {
  EnsureGMimeInitialised();
  const std::string sender = PrintableText(held.from.empty() ? held.mail_from : held.from);
  const std::string text = fmt::format(
      "A message to you was held for review by your mail administrators:\n\n"
      "  From:      {}\n"
      "  Subject:   {}\n"
      "  Received:  {} UTC\n"
      "  Reference: {}\n\n"
      "It stays out of your mailbox until they have looked at it. If you were\n"
      "expecting it, write to {} and quote the reference.\n",
      sender.empty() ? "(unknown)" : sender, DefangLinks(PrintableText(held.subject)),
      FormatTime(held.received_at), PrintableText(held.queue_id), from);
  auto part = TextPart("plain", text);
  *message = Compose(from, {recipient}, "A message to you was held for review", now,
                     GMIME_OBJECT(part.get()));
  return message->empty() ? Status::IoError("GMime could not write the notice") : Status::Ok();
}

std::vector<std::string> SendmailArgv(const std::vector<std::string>& sendmail,
                                      const std::string& from,
                                      const std::vector<std::string>& recipients) {
  std::vector<std::string> argv = sendmail;
  argv.insert(argv.end(), {"-i", "-f", from, "--"});
  argv.insert(argv.end(), recipients.begin(), recipients.end());
  return argv;
}

std::string PrintableText(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (size_t i = 0; i < text.size();) {
    const size_t length = SequenceLength(text, i);
    if (length == 0) {
      out += kReplacement;
      ++i;
      continue;
    }
    const std::string_view sequence = text.substr(i, length);
    const auto c = static_cast<unsigned char>(sequence[0]);
    const bool control = length == 1 && ((c < 0x20 && c != '\t') || c == 0x7F);
    if (control || IsHiddenFormat(sequence)) {
      out.push_back(' ');
    } else {
      out.append(sequence);
    }
    i += length;
  }
  return out;
}

std::string EscapeHtml(std::string_view text) {
  std::string out;
  out.reserve(text.size());
  for (char c : text) {
    switch (c) {
      case '&':
        out += "&amp;";
        break;
      case '<':
        out += "&lt;";
        break;
      case '>':
        out += "&gt;";
        break;
      case '"':
        out += "&quot;";
        break;
      case '\'':
        out += "&#39;";
        break;
      default:
        out.push_back(c);
    }
  }
  return out;
}

std::string DefangLinks(std::string_view text) {
  auto alnum = [](char c) { return std::isalnum(static_cast<unsigned char>(c)) != 0; };
  auto alpha = [](char c) { return std::isalpha(static_cast<unsigned char>(c)) != 0; };
  std::string out;
  for (size_t i = 0; i < text.size(); ++i) {
    if (text.substr(i, 3) == "://") {
      out += "[:]//";
      i += 2;
    } else if (text[i] == '.' && i > 0 && alnum(text[i - 1]) && i + 1 < text.size() &&
               alpha(text[i + 1])) {
      out += "[.]";
    } else {
      out.push_back(text[i]);
    }
  }
  return out;
}

}  // namespace rapport
