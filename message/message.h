#pragma once

#include <cstdint>
#include <optional>
#include <string>
#include <vector>

#include "message/payment_coordinates.h"

namespace rapport {

// An address as it appears in a header or the envelope. `address` is the
// normalised key used everywhere in history: lower-case, domain as an IDNA
// A-label. `domain` is the part after the last '@' (A-label, lower-case).
struct MailAddress {
  std::string address;
  std::string display_name;  // decoded to UTF-8; empty when absent
  std::string domain;
};

// What the MTA told us about the SMTP transaction. Filled by whoever has it:
// the milter from its callbacks and macros; archives leave most of it empty.
struct Envelope {
  std::string queue_id;
  std::string mail_from;             // normalised like MailAddress::address
  std::vector<std::string> rcpt_to;  // normalised
  std::string client_ip;
  std::string helo;
  std::string sasl_user;  // {auth_authen}; empty when unauthenticated
};

// One result from an Authentication-Results header (RFC 8601).
struct AuthResult {
  std::string authserv_id;  // lower-case
  std::string method;       // "spf", "dkim", "dmarc", ... lower-case
  std::string result;       // "pass", "fail", "softfail", "none", ... lower-case
  std::string domain;       // header.d / header.from / smtp.mailfrom when given
};

// Where a link was found. kHtmlRedirect and kPdfAction are read only in
// attachments, which open in a browser or a PDF reader: a mail client
// follows no refresh and runs no script in a body.
enum class LinkSource {
  kHtmlAnchor,
  kHtmlArea,
  kHtmlForm,
  kPlainText,     // a URL in plain text, or in an HTML body's text outside anchors
  kHtmlRedirect,  // <meta http-equiv=refresh> or a script assigning location
  kPdfAction,     // a PDF URI action (/URI), what a click in the document opens
};

// One URL found in the message, with what the reader sees of it.
struct Link {
  // As found, entity-decoded, trimmed; a bare host with a path written in
  // text is written scheme-relative, "//host.tld/path" (ExtractTextLinks).
  std::string url;
  std::string scheme;        // lower-case: "http", "https", "mailto"... empty if none
  std::string host;          // lower-case IDNA A-label ("xn--pple-43d.com"); empty if none
  std::string host_unicode;  // U-label form for display ("аpple.com"); equals host when ASCII
  std::string path;          // path, query and fragment as found
  std::string userinfo;      // "user:pass" before '@' in the authority, as found; empty if none
  // Registrable domain by the ICANN section of the PSL: "r2.dev", "sharepoint.com".
  std::string icann_domain;
  // Registrable domain counting PSL private suffixes: "pub-ac94.r2.dev",
  // "vendor.sharepoint.com". Equals icann_domain when no private suffix applies.
  // A tenant named in the path instead is written as its own subdomain of
  // the host, as the platform's host-style name would be:
  // "bucket.s3.amazonaws.com" for "s3.amazonaws.com/bucket/x"
  // (DescribeLinkTarget); the only case where it is not a suffix of host.
  std::string private_domain;
  std::string visible_text;  // the anchor text, whitespace-collapsed, UTF-8
  LinkSource source = LinkSource::kPlainText;
  bool wraps_image = false;          // the anchor contains an <img>
  bool text_looks_like_url = false;  // visible text is itself a URL or a domain name
  std::string text_host;             // host named by the visible text, normalised; empty if none
  bool has_credentials = false;      // "user:pass@" before the host
  bool host_is_ip_literal = false;   // IPv4 dotted/decimal/hex or [IPv6]
  bool host_has_punycode = false;    // any label starts with "xn--"
  // For a link Rapport added because an open redirector in the message
  // sends the reader here (AddRedirectTargets): the redirector hosts on the
  // way, "rds.yahoo.com -> www.google.com". Empty for a link as written.
  std::string redirected_via;
  // On a URL shortener (Redirectors::Shortens): where the link leads is kept
  // by the service, so neither the reader nor Rapport can see it.
  bool shortened = false;
  // On an email service's click tracker (Redirectors::TracksClicks): the
  // service keeps the target and forwards there, as it does for every link
  // of a newsletter sent through it.
  bool email_service_tracker = false;
  // The attachment the link was read from, by its file name ("invoice.html";
  // its content type when unnamed). Empty for a link in the body.
  std::string attachment;
  // Read from a meeting invitation (text/calendar, inline or an attached
  // .ics; CalendarShownText): the client shows it as the meeting, not as
  // a document to open, so its links are the body's, marked as the
  // invitation's.
  bool from_invitation = false;
};

struct Attachment {
  std::string filename;      // UTF-8; empty when unnamed
  std::string content_type;  // lower-case "type/subtype"
  uint64_t size = 0;         // decoded bytes
  // For a ZIP archive: the names of the files it holds, from its directory
  // (message/zip_names.h; nothing decompressed). Empty for anything else.
  std::vector<std::string> archive_files;
};

// How a message presents itself as mailing-list mail (RFC 2369 List-Post,
// RFC 2919 List-Id). These are header claims anyone can write: they say
// which list to look up in history, never that the mail is harmless.
struct MailingList {
  std::string id;               // List-Id identifier, lower-case ("ilug.linux.ie"); empty if none
  std::string posting_address;  // List-Post mailto, else inferred from To/Cc; normalised
  bool present() const { return !id.empty() || !posting_address.empty(); }
};

// Which bounds were hit while parsing. A truncated message is still scored
// on what was kept.
struct Truncation {
  bool message_size = false;
  bool mime_depth = false;
  bool mime_parts = false;
  bool links = false;
  bool headers = false;
  bool body_text = false;
  bool recipients = false;  // envelope recipients past the milter's max_recipients
  // An attached page or PDF not read (or not wholly read) for links, or a
  // ZIP archive whose file names were not read: past
  // ParseOptions::max_attachment_bytes or the PDF reader's own bounds.
  bool attachments = false;

  bool any() const {
    return message_size || mime_depth || mime_parts || links || headers || body_text ||
           recipients || attachments;
  }
};

// A parsed mail message: an immutable value, built once by ParseMessage()
// and then only read. Every string is UTF-8.
struct Message {
  Envelope envelope;

  MailAddress from;                   // first From address; empty address if none parsed
  std::optional<MailAddress> sender;  // Sender header
  std::vector<MailAddress> reply_to;
  std::vector<MailAddress> to;
  std::vector<MailAddress> cc;
  std::vector<MailAddress> bcc;
  // To/Cc held a group with no members, e.g. "undisclosed-recipients:;".
  bool undisclosed_recipients = false;
  // X-Original-To and Delivered-To values, normalised; archives use these as
  // envelope recipients because they reveal BCC.
  std::vector<std::string> delivered_to;
  // Return-Path, normalised: the envelope sender (MAIL FROM) that final
  // delivery recorded (RFC 5321 section 4.4), as archives keep it. At the
  // gateway the field is absent or the sender's own claim; EnvelopeSender()
  // (message/organisation.h) says which to believe.
  std::string return_path;
  MailingList mailing_list;  // see message/mailing_list.h
  // The From header shows a name outside the sender's mailbox, in entries
  // of their own with no address ("ADAC, <service@x.de>"), and the mailbox
  // has no name of its own: clients show that text as the sender's name,
  // so it is from.display_name.
  bool from_name_outside_mailbox = false;

  std::string subject;                  // RFC 2047 decoded
  std::optional<int64_t> date;          // seconds since the epoch; nullopt if missing or unparsable
  std::string message_id;               // without angle brackets; empty if absent
  std::string in_reply_to;              // first id, without angle brackets
  std::vector<std::string> references;  // oldest first, without angle brackets

  std::vector<AuthResult> auth_results;
  std::string mailer;     // X-Mailer, else User-Agent
  int received_hops = 0;  // number of Received headers
  // The host that handed the message to the first Received hop we trust:
  // the topmost Received "from" IP when present. Used as the sender's
  // infrastructure fingerprint.
  std::string origin_ip;

  // All text/plain parts, and all text/html parts, each decoded to UTF-8
  // and concatenated, with LF line ends however the message or the part
  // was written (the milter hands over CRLF).
  std::string text_body;
  std::string html_body;
  std::vector<Attachment> attachments;
  std::vector<Link> links;
  // Bank accounts the body asks payment to (message/payment_coordinates.h),
  // at most kMaxPaymentCoordinates.
  std::vector<PaymentCoordinate> payment_coordinates;

  uint64_t raw_size = 0;  // bytes given to the parser
  int header_count = 0;
  Truncation truncated;
};

}  // namespace rapport
