#pragma once

// The held-mail digest (`rapportctl held digest`): a MIME summary of the
// mail still held, mailed to the admins, and the short notice each local
// recipient of held mail may get ([digest] notify_recipients).
//
// Everything a held record holds came from the message (subject, From,
// recipients, evidence quoting it) and is untrusted: it is made printable
// (valid UTF-8, no control or bidirectional-override characters, so no
// CR/LF), HTML-escaped in the HTML part and never put into a header. The
// headers hold only what we chose: plain addresses (PlainAddress), a fixed
// subject with counts and the [cluster] node name, written by GMime.

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "store/held_message.h"

namespace rapport {

// What one digest covers and whom it is for.
struct DigestRequest {
  std::string from;                        // envelope sender and From (DigestSender)
  std::vector<std::string> to;             // plain addresses, at least one
  int64_t since_seconds = kSecondsPerDay;  // mail held within this many seconds before now
  size_t max_entries = 100;                // entries listed; the rest are counted
  std::string node;                        // [cluster] node; empty when the gateway is alone
  // Given to each printed rapportctl command as --config; empty for the
  // default path.
  std::string config_path;
};

// The records a digest covers: still held (HeldStatus::kHeld) and received
// within `since_seconds` of `now`, newest first, from records as
// HistoryStore::ListHeld returns them.
std::vector<HeldMessage> DigestWindow(const std::vector<HeldMessage>& records,
                                      int64_t since_seconds, int64_t now);

// Sets *message to the digest of `window` (DigestWindow's result) as a
// MIME message (multipart/alternative: text/plain and text/html, UTF-8,
// quoted-printable; From, To, Subject, Date, Message-ID, Auto-Submitted:
// auto-generated). Lists the first request.max_entries records and counts
// the others. Each entry: queue id, score, age, the strongest signals with
// their evidence, From, subject, recipients and the rapportctl release,
// delete and report commands (left out for an id rapportctl would refuse,
// see IsValidQueueId). InvalidArgument when request.to is empty.
Status BuildDigest(const std::vector<HeldMessage>& window, const DigestRequest& request,
                   int64_t now, std::string* message);

// Sets *message to the plain-text notice, dated `now`, telling `recipient`
// that `held` was held for review: who sent it, its subject (links
// defanged, see DefangLinks), when, its queue id as a reference, and `from`
// as whom to ask. It never carries the held message's links.
Status BuildHeldNotice(const HeldMessage& held, const std::string& recipient,
                       const std::string& from, int64_t now, std::string* message);

// The argv that submits a message: sendmail... -i -f FROM -- RECIPIENT...
std::vector<std::string> SendmailArgv(const std::vector<std::string>& sendmail,
                                      const std::string& from,
                                      const std::vector<std::string>& recipients);

// `text` as valid UTF-8 (each invalid byte U+FFFD) with every control
// character (C0 but tab, DEL, C1) and bidirectional override or isolate
// replaced by a space: safe on one line of a mail body or a terminal.
std::string PrintableText(std::string_view text);

// `text` with &, <, >, " and ' as character references.
std::string EscapeHtml(std::string_view text);

// `text` with what a mail client would turn into a link made inert:
// "://" becomes "[:]//" and a dot between a letter or digit and a letter
// becomes "[.]" ("evil.example/login" -> "evil[.]example/login").
std::string DefangLinks(std::string_view text);

}  // namespace rapport
