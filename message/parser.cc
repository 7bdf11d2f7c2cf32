#include "message/parser.h"

#include <gmime/gmime.h>

#include <cstring>

#include "message/ascii.h"
#include "message/calendar_text.h"
#include "message/domain_names.h"
#include "message/gmime_handles.h"
#include "message/header_syntax.h"
#include "message/html_links.h"
#include "message/mail_date.h"
#include "message/mailing_list.h"
#include "message/payment_coordinates.h"
#include "message/pdf_links.h"
#include "message/raw_bounds.h"
#include "message/text_links.h"
#include "message/trace_headers.h"
#include "message/utf8.h"
#include "message/zip_names.h"

namespace rapport {

namespace {

// Writes every CRLF of text[0, size) as LF, in place, the first at
// `first_crlf`; a lone CR is kept. Returns the size left. Moved a line at
// a time, in the buffer the part was decoded into: this runs on every text
// part the milter hands over.
size_t ToLfLineEnds(char* text, size_t size, size_t first_crlf) {
  size_t kept = first_crlf;
  size_t from = first_crlf + 1;  // the '\n' starts the next piece
  while (true) {
    size_t cr = from;
    for (;;) {
      const void* found = std::memchr(text + cr, '\r', size - cr);
      cr = found == nullptr ? size : static_cast<size_t>(static_cast<const char*>(found) - text);
      if (cr + 1 >= size || text[cr + 1] == '\n') break;
      ++cr;  // a lone CR
    }
    if (cr + 1 >= size) cr = size;  // none, or a lone CR that ends the text
    std::memmove(text + kept, text + from, cr - from);
    kept += cr - from;
    if (cr == size) return kept;
    from = cr + 1;
  }
}

// `text` as well-formed UTF-8, what every string of a Message promises
// (message/utf8.h): GMime passes a header's raw bytes through when they only
// look like UTF-8 (F4 90 80 80, a code point past U+10FFFF: the parser
// fuzzer's find in a display name, a subject, a file name), so what is not
// becomes U+FFFD, as a body's bytes do (AddDecoded).
std::string WellFormedUtf8(const char* text) {
  if (g_utf8_validate(text, -1, nullptr)) return text;
  GCharPtr repaired(g_utf8_make_valid(text, -1));
  return repaired.get();
}

MailAddress ToMailAddress(InternetAddressMailbox* mailbox) {
  MailAddress out;
  const char* addr = internet_address_mailbox_get_addr(mailbox);
  if (addr) out.address = NormaliseAddress(addr);
  out.domain = std::string(AddressDomain(out.address));
  const char* name = internet_address_get_name(INTERNET_ADDRESS(mailbox));
  if (name) out.display_name = WellFormedUtf8(name);
  return out;
}

// Appends the mailboxes of `list`, group members included. Returns true when
// the list held a group with no members ("undisclosed-recipients:;").
bool AppendAddresses(InternetAddressList* list, std::vector<MailAddress>* out) {
  if (list == nullptr) return false;
  bool empty_group = false;
  int count = internet_address_list_length(list);
  for (int i = 0; i < count; ++i) {
    InternetAddress* address = internet_address_list_get_address(list, i);
    if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      MailAddress mail = ToMailAddress(INTERNET_ADDRESS_MAILBOX(address));
      if (!mail.address.empty()) out->push_back(std::move(mail));
    } else if (INTERNET_ADDRESS_IS_GROUP(address)) {
      InternetAddressList* members =
          internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address));
      if (members == nullptr || internet_address_list_length(members) == 0) {
        empty_group = true;
        continue;
      }
      // Groups do not nest (RFC 5322), so members are mailboxes only.
      int member_count = internet_address_list_length(members);
      for (int m = 0; m < member_count; ++m) {
        InternetAddress* member = internet_address_list_get_address(members, m);
        if (!INTERNET_ADDRESS_IS_MAILBOX(member)) continue;
        MailAddress mail = ToMailAddress(INTERNET_ADDRESS_MAILBOX(member));
        if (!mail.address.empty()) out->push_back(std::move(mail));
      }
    }
  }
  return empty_group;
}

// The message ids of an In-Reply-To or References value, without brackets.
std::vector<std::string> MessageIds(const char* value) {
  std::vector<std::string> ids;
  if (value == nullptr) return ids;
  GMimeReferences* refs = g_mime_references_parse(nullptr, value);
  if (refs == nullptr) return ids;
  int count = g_mime_references_length(refs);
  for (int i = 0; i < count; ++i) {
    const char* id = g_mime_references_get_message_id(refs, i);
    if (id && *id) ids.emplace_back(id);
  }
  g_mime_references_free(refs);
  return ids;
}

// What an attachment is read as: for its links (a page, a PDF, a calendar
// invitation) or for the names of the files it holds (a ZIP archive).
enum class AttachedDocument { kNone, kPage, kPdf, kZip, kCalendar };

// An attachment opens in whatever its file name's extension says, which is
// what a phishing page sent as application/octet-stream counts on; without
// a telling extension, its content type decides.
AttachedDocument DocumentKind(std::string_view content_type, std::string_view filename) {
  const size_t dot = filename.rfind('.');
  const std::string extension =
      dot == std::string_view::npos ? std::string() : AsciiLowered(filename.substr(dot + 1));
  for (std::string_view page : {"htm", "html", "shtml", "xhtml", "svg"}) {
    if (extension == page) return AttachedDocument::kPage;
  }
  if (extension == "pdf") return AttachedDocument::kPdf;
  if (extension == "zip") return AttachedDocument::kZip;
  if (extension == "ics") return AttachedDocument::kCalendar;
  if (content_type == "text/html" || content_type == "application/xhtml+xml" ||
      content_type == "image/svg+xml") {
    return AttachedDocument::kPage;
  }
  if (content_type == "application/zip" || content_type == "application/x-zip-compressed") {
    return AttachedDocument::kZip;
  }
  if (content_type == "text/calendar") return AttachedDocument::kCalendar;
  return content_type == "application/pdf" ? AttachedDocument::kPdf : AttachedDocument::kNone;
}

// Walks the MIME tree of one message with its own bounds, collecting text,
// HTML and attachments.
class BodyCollector {
 public:
  BodyCollector(const ParseOptions& options, Message* out) : options_(options), out_(out) {}

  void Walk(GMimeObject* object, int depth) {
    if (object == nullptr) return;
    if (depth > options_.max_mime_depth) {
      out_->truncated.mime_depth = true;
      return;
    }
    if (GMIME_IS_MULTIPART(object)) {
      GMimeMultipart* multipart = GMIME_MULTIPART(object);
      int count = g_mime_multipart_get_count(multipart);
      for (int i = 0; i < count && !PartsExhausted(); ++i) {
        Walk(g_mime_multipart_get_part(multipart, i), depth + 1);
      }
    } else if (GMIME_IS_MESSAGE_PART(object)) {
      GMimeMessage* inner = g_mime_message_part_get_message(GMIME_MESSAGE_PART(object));
      if (inner) Walk(g_mime_message_get_mime_part(inner), depth + 1);
    } else if (GMIME_IS_PART(object)) {
      if (PartsExhausted()) return;
      ++parts_;
      AddLeaf(GMIME_PART(object));
    }
  }

  // Extracts links from the HTML parts first, so that a URL repeated in a
  // text alternative keeps the HTML's visible text, then from the text and
  // the attached PDFs; then adds where the open redirectors among them
  // lead, so that every signal judges where the reader lands rather than
  // the reputable host in front. A link read from an attachment is marked
  // with the attachment's name.
  void ExtractLinks() {
    size_t max_links = static_cast<size_t>(std::max(options_.max_links, 0));
    for (const Segment& segment : html_segments_) {
      std::string_view html(out_->html_body.data() + segment.offset, segment.length);
      const HtmlDocument document =
          segment.attachment.empty() ? HtmlDocument::kMailBody : HtmlDocument::kBrowserPage;
      const size_t first = out_->links.size();
      if (!ExtractHtmlLinks(html, document, max_links, &out_->links)) {
        out_->truncated.links = true;
      }
      MarkAttachment(first, segment.attachment);
    }
    for (const Segment& segment : text_segments_) {
      std::string_view text(out_->text_body.data() + segment.offset, segment.length);
      const size_t first = out_->links.size();
      if (!ExtractTextLinks(text, max_links, &out_->links)) out_->truncated.links = true;
      for (size_t i = first; i < out_->links.size(); ++i) {
        out_->links[i].from_invitation = segment.invitation;
      }
    }
    for (const auto& [attachment, pdf] : pdfs_) {
      const size_t first = out_->links.size();
      PdfLinkScan scan = ExtractPdfLinks(pdf, max_links, &out_->links);
      out_->truncated.links |= scan.links_full;
      out_->truncated.attachments |= scan.cut;
      MarkAttachment(first, attachment);
    }
    const std::shared_ptr<const Redirectors> redirectors =
        options_.redirectors ? options_.redirectors : ShippedRedirectors();
    if (!AddRedirectTargets(*redirectors, max_links, &out_->links)) out_->truncated.links = true;
  }

  // Reads the bank accounts the body and attached pages ask payment to,
  // the text first, then the HTML: a multipart/alternative should say the
  // same in both, but a reader sees the HTML, so an account written only
  // there counts too. One named in both counts once. HTML without a
  // candidate account costs one pre-check (it skips to digit runs) over
  // its first 16 KB.
  void ExtractPaymentCoordinates() {
    std::vector<PaymentCoordinate>* out = &out_->payment_coordinates;
    for (const Segment& segment : text_segments_) {
      rapport::ExtractPaymentCoordinates(
          std::string_view(out_->text_body).substr(segment.offset, segment.length),
          PaymentText::kPlain, kMaxPaymentCoordinates, out);
    }
    for (const Segment& segment : html_segments_) {
      rapport::ExtractPaymentCoordinates(
          std::string_view(out_->html_body).substr(segment.offset, segment.length),
          PaymentText::kHtml, kMaxPaymentCoordinates, out);
    }
  }

 private:
  // Where one part's text lies in html_body or text_body.
  struct Segment {
    size_t offset = 0;
    size_t length = 0;
    std::string attachment;   // the attachment's name; empty for the body
    bool invitation = false;  // a calendar invitation's shown text (CalendarShownText)
  };

  bool PartsExhausted() {
    if (parts_ < options_.max_mime_parts) return false;
    out_->truncated.mime_parts = true;
    return true;
  }

  void AddLeaf(GMimePart* part) {
    GMimeContentType* type = g_mime_object_get_content_type(GMIME_OBJECT(part));
    GCharPtr mime_type(type ? g_mime_content_type_get_mime_type(type) : nullptr);
    std::string content_type = mime_type ? mime_type.get() : "text/plain";
    for (char& c : content_type) c = AsciiLower(c);

    const bool is_attachment = g_mime_part_is_attachment(part);
    if (!is_attachment && GMIME_IS_TEXT_PART(part)) {
      if (content_type == "text/html") {
        AddText(GMIME_TEXT_PART(part), &out_->html_body, &html_segments_, std::string());
        return;
      }
      if (content_type == "text/plain") {
        AddText(GMIME_TEXT_PART(part), &out_->text_body, &text_segments_, std::string());
        return;
      }
    }
    Attachment attachment;
    const char* filename = g_mime_part_get_filename(part);
    if (filename) attachment.filename = WellFormedUtf8(filename);
    attachment.content_type = std::move(content_type);
    attachment.size = DecodedSize(part);
    ReadAttachment(part, &attachment);
    out_->attachments.push_back(std::move(attachment));
  }

  // Reads the links of an attachment that opens in a browser, a PDF
  // reader or a calendar (an invitation inline beside the text is one
  // too: clients show it as the meeting), and the file names of a ZIP
  // archive, as far as max_attachment_bytes allows.
  void ReadAttachment(GMimePart* part, Attachment* attachment) {
    const AttachedDocument kind = DocumentKind(attachment->content_type, attachment->filename);
    if (kind == AttachedDocument::kNone) return;
    if (attachment->size > options_.max_attachment_bytes - attachment_bytes_) {
      out_->truncated.attachments = true;
      return;
    }
    attachment_bytes_ += attachment->size;
    std::string name =
        attachment->filename.empty() ? attachment->content_type : attachment->filename;
    if (kind == AttachedDocument::kPage && GMIME_IS_TEXT_PART(part)) {
      // A text part is decoded from its declared charset.
      AddText(GMIME_TEXT_PART(part), &out_->html_body, &html_segments_, std::move(name));
      return;
    }
    if (kind == AttachedDocument::kCalendar) {
      // What the invitation shows its reader, read as the body's text,
      // its links marked as the invitation's.
      GCharPtr decoded(GMIME_IS_TEXT_PART(part) ? g_mime_text_part_get_text(GMIME_TEXT_PART(part))
                                                : nullptr);
      const std::string raw = decoded ? std::string() : DecodedContent(part);
      std::string shown = CalendarShownText(decoded ? std::string_view(decoded.get()) : raw,
                                            options_.max_body_text);
      const size_t segments = text_segments_.size();
      AddDecoded(shown.data(), shown.size(), &out_->text_body, &text_segments_, std::string());
      if (text_segments_.size() > segments) text_segments_.back().invitation = true;
      return;
    }
    std::string content = DecodedContent(part);
    if (kind == AttachedDocument::kZip) {
      attachment->archive_files = ZipFileNames(content, kMaxZipFileNames);
    } else if (kind == AttachedDocument::kPdf) {
      pdfs_.emplace_back(std::move(name), std::move(content));
    } else {
      AddDecoded(content.data(), content.size(), &out_->html_body, &html_segments_,
                 std::move(name));
    }
  }

  // Marks the links from `first` on as read from `attachment`.
  void MarkAttachment(size_t first, const std::string& attachment) {
    if (attachment.empty()) return;
    for (size_t i = first; i < out_->links.size(); ++i) out_->links[i].attachment = attachment;
  }

  void AddText(GMimeTextPart* part, std::string* body, std::vector<Segment>* segments,
               std::string attachment) {
    GCharPtr text(g_mime_text_part_get_text(part));
    if (!text) return;
    AddDecoded(text.get(), std::strlen(text.get()), body, segments, std::move(attachment));
  }

  // Appends the decoded part `data[0, size)` to `body`, as far as
  // max_body_text allows; rewrites its line ends in place.
  void AddDecoded(char* data, size_t size, std::string* body, std::vector<Segment>* segments,
                  std::string attachment) {
    GCharPtr repaired;
    if (!g_utf8_validate(data, static_cast<gssize>(size), nullptr)) {
      repaired.reset(g_utf8_make_valid(data, static_cast<gssize>(size)));
      data = repaired.get();
      size = std::strlen(data);
    }
    // The milter hands over CRLF (as SMTP carries it), archives mostly LF,
    // and a base64 part holds whichever its writer used: every reader of
    // the text sees a line end as "\n" alone, however the message was
    // written. A lone CR is the text's own, kept (even one before a CRLF).
    std::string_view decoded(data, size);
    if (const size_t crlf = decoded.find("\r\n"); crlf != std::string_view::npos) {
      decoded = std::string_view(data, ToLfLineEnds(data, size, crlf));
    }
    if (!body->empty()) {
      if (body->size() >= options_.max_body_text) {
        out_->truncated.body_text = true;
        return;
      }
      body->push_back('\n');
    }
    size_t room = options_.max_body_text - std::min(body->size(), options_.max_body_text);
    size_t keep = Utf8Prefix(decoded, room);
    if (keep < decoded.size()) out_->truncated.body_text = true;
    segments->push_back({body->size(), keep, std::move(attachment)});
    body->append(decoded.substr(0, keep));
  }

  // The part's content with its transfer encoding undone.
  static std::string DecodedContent(GMimePart* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (content == nullptr) return std::string();
    GObjectPtr<GMimeStream> sink(g_mime_stream_mem_new());
    if (g_mime_data_wrapper_write_to_stream(content, sink.get()) < 0) return std::string();
    GByteArray* bytes = g_mime_stream_mem_get_byte_array(GMIME_STREAM_MEM(sink.get()));
    return std::string(reinterpret_cast<const char*>(bytes->data), bytes->len);
  }

  // Counted without decoding where the encoding allows: base64 (most
  // attachments) yields three bytes per four characters of its alphabet,
  // and unencoded content is its own size.
  static uint64_t DecodedSize(GMimePart* part) {
    GMimeDataWrapper* content = g_mime_part_get_content(part);
    if (content == nullptr) return 0;
    GMimeStream* encoded = g_mime_data_wrapper_get_stream(content);
    switch (g_mime_data_wrapper_get_encoding(content)) {
      case GMIME_CONTENT_ENCODING_BASE64:
        if (encoded != nullptr) return Base64DecodedSize(encoded);
        break;
      case GMIME_CONTENT_ENCODING_DEFAULT:
      case GMIME_CONTENT_ENCODING_7BIT:
      case GMIME_CONTENT_ENCODING_8BIT:
      case GMIME_CONTENT_ENCODING_BINARY:
        if (encoded != nullptr) {
          const gint64 length = g_mime_stream_length(encoded);
          if (length >= 0) return static_cast<uint64_t>(length);
        }
        break;
      default:
        break;
    }
    GObjectPtr<GMimeStream> sink(g_mime_stream_null_new());
    ssize_t written = g_mime_data_wrapper_write_to_stream(content, sink.get());
    return written > 0 ? static_cast<uint64_t>(written) : 0;
  }

  static uint64_t Base64DecodedSize(GMimeStream* encoded) {
    if (g_mime_stream_reset(encoded) != 0) return 0;
    uint64_t symbols = 0;
    char chunk[4096];
    ssize_t read;
    while ((read = g_mime_stream_read(encoded, chunk, sizeof chunk)) > 0) {
      for (ssize_t i = 0; i < read; ++i) {
        const char c = chunk[i];
        symbols += (c >= 'A' && c <= 'Z') || (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') ||
                   c == '+' || c == '/';
      }
    }
    g_mime_stream_reset(encoded);
    return symbols * 3 / 4;
  }

  const ParseOptions& options_;
  Message* out_;
  int parts_ = 0;
  std::vector<Segment> html_segments_;
  std::vector<Segment> text_segments_;
  std::vector<std::pair<std::string, std::string>> pdfs_;  // name, content
  uint64_t attachment_bytes_ = 0;  // read so far, against max_attachment_bytes
};

// A display name without its surrounding quotes and backslash escapes.
std::string Unquote(std::string_view phrase) {
  if (phrase.size() < 2 || phrase.front() != '"' || phrase.back() != '"') {
    return std::string(phrase);
  }
  std::string out;
  for (size_t i = 1; i + 1 < phrase.size(); ++i) {
    if (phrase[i] == '\\' && i + 2 < phrase.size()) ++i;
    out.push_back(phrase[i]);
  }
  return out;
}

// Where an item of an address list starts its <address>, outside quotes;
// npos when it has none.
size_t AngleAddressStart(std::string_view item) {
  bool quoted = false;
  for (size_t i = 0; i < item.size(); ++i) {
    const char c = item[i];
    if (quoted) {
      if (c == '\\') ++i;
      if (c == '"') quoted = false;
    } else if (c == '"') {
      quoted = true;
    } else if (c == '<') {
      return i;
    }
  }
  return std::string_view::npos;
}

// Reads addresses GMime refuses but mail carries, such as Exchange's
// "h..wallis@enron.com": each item's <address>, or the whole item, with
// the text before it as the display name (a '<' inside a quoted name is
// the name's).
void AppendAddressesByHand(std::string_view value, std::vector<MailAddress>* out) {
  for (std::string_view item : SplitAddressList(value)) {
    size_t open = AngleAddressStart(item);
    size_t close = open == std::string_view::npos ? open : item.find('>', open);
    std::string_view addr =
        close == std::string_view::npos ? item : item.substr(open + 1, close - open - 1);
    MailAddress mail;
    mail.address = NormaliseAddress(addr);
    if (mail.address.empty()) continue;
    mail.domain = std::string(AddressDomain(mail.address));
    if (close != std::string_view::npos) {
      std::string phrase = Unquote(TrimAsciiSpace(item.substr(0, open)));
      GCharPtr decoded(g_mime_utils_header_decode_phrase(nullptr, phrase.c_str()));
      if (decoded) mail.display_name = WellFormedUtf8(decoded.get());
    }
    out->push_back(std::move(mail));
  }
}

// Whether a header value is one entry ending in its <address>: one mailbox,
// whatever its unquoted name holds.
bool IsOneNamedMailbox(std::string_view value) {
  // A list of recipients stops at its first comma.
  if (AddressListComma(value, 0) != std::string_view::npos) return false;
  std::string_view item = TrimAsciiSpace(value);
  const size_t open = AngleAddressStart(item);
  return open != std::string_view::npos && item.find('>', open) == item.size() - 1;
}

// The addresses of one header: GMime's reading, or our own when GMime found
// none in a value that holds some, or split one mailbox in two. GMime reads
// "a@x.example via Y <b@y.example>", an unquoted name holding an address (as
// Python's email refolds "\"a@x.example via Y\" <b@y.example>", and as some
// senders write it), as a@x.example and b@y.example; mail clients show and
// answer the one <address>, so that is the mailbox and the rest its name.
// Returns true for an empty group.
bool ReadAddressHeader(GMimeMessage* message, InternetAddressList* list, const char* header,
                       std::vector<MailAddress>* out) {
  size_t before = out->size();
  bool empty_group = AppendAddresses(list, out);
  if (out->size() > before + 1) {
    const char* value = g_mime_object_get_header(GMIME_OBJECT(message), header);
    if (value && IsOneNamedMailbox(value)) {
      out->resize(before);
      AppendAddressesByHand(value, out);
    }
    return empty_group;
  }
  if (out->size() > before || empty_group) return empty_group;
  const char* value = g_mime_object_get_header(GMIME_OBJECT(message), header);
  if (value && std::strchr(value, '@')) AppendAddressesByHand(value, out);
  return false;
}

// The text a From header shows before a nameless mailbox in entries of
// their own that hold no address: "ADAC" of "ADAC, <service@x.de>",
// "Promotions@bauhaus.eu" of "\"Promotions@bauhaus.eu\", <service@x.de>"
// (a quoted phrase is never an address). Decoded, entries joined by ", ";
// empty when the mailbox has a name of its own ("Beck, Sally <s@x>", the
// unquoted way some clients write "Last, First") or nothing precedes it.
std::string NameOutsideMailbox(const char* value) {
  // Without a comma there is one entry: most From headers stop here.
  if (value == nullptr || std::strchr(value, ',') == nullptr) return std::string();
  std::string shown;
  for (std::string_view item : SplitAddressList(value)) {
    item = TrimAsciiSpace(item);
    if (item.empty()) continue;
    const size_t open = AngleAddressStart(item);
    if (open != std::string_view::npos) {
      return TrimAsciiSpace(item.substr(0, open)).empty() ? shown : std::string();
    }
    if (item.front() != '"' && !NormaliseAddress(item).empty()) return shown;
    std::string phrase = Unquote(item);
    GCharPtr decoded(g_mime_utils_header_decode_phrase(nullptr, phrase.c_str()));
    if (!shown.empty()) shown += ", ";
    shown += WellFormedUtf8(decoded ? decoded.get() : phrase.c_str());
  }
  return std::string();
}

void ReadAddresses(GMimeMessage* message, Message* out) {
  std::vector<MailAddress> from;
  ReadAddressHeader(message, g_mime_message_get_from(message), "From", &from);
  if (!from.empty()) out->from = std::move(from.front());
  if (!out->from.address.empty()) {
    std::string shown = NameOutsideMailbox(g_mime_object_get_header(GMIME_OBJECT(message), "From"));
    // GMime reads "ADAC, <a@x.de>" as one mailbox named "ADAC,"; the
    // header's own reading names it as a client shows it.
    if (!shown.empty()) {
      out->from_name_outside_mailbox = true;
      out->from.display_name = std::move(shown);
    }
  }

  std::vector<MailAddress> sender;
  ReadAddressHeader(message, g_mime_message_get_sender(message), "Sender", &sender);
  if (!sender.empty()) out->sender = std::move(sender.front());

  ReadAddressHeader(message, g_mime_message_get_reply_to(message), "Reply-To", &out->reply_to);
  bool undisclosed = ReadAddressHeader(
      message, g_mime_message_get_addresses(message, GMIME_ADDRESS_TYPE_TO), "To", &out->to);
  undisclosed |= ReadAddressHeader(
      message, g_mime_message_get_addresses(message, GMIME_ADDRESS_TYPE_CC), "Cc", &out->cc);
  ReadAddressHeader(message, g_mime_message_get_addresses(message, GMIME_ADDRESS_TYPE_BCC), "Bcc",
                    &out->bcc);
  out->undisclosed_recipients = undisclosed;
}

void ReadDate(GMimeMessage* message, Message* out) {
  GDateTime* date = g_mime_message_get_date(message);
  if (date == nullptr) return;
  int64_t seconds = g_date_time_to_unix(date);
  if (IsSaneMailDate(seconds)) out->date = seconds;
}

void AddDeliveredTo(const char* value, Message* out) {
  std::string_view rest(value);
  while (!rest.empty()) {
    size_t comma = rest.find(',');
    std::string address = NormaliseAddress(rest.substr(0, comma));
    rest = comma == std::string_view::npos ? std::string_view() : rest.substr(comma + 1);
    if (address.empty()) continue;
    bool known = false;
    for (const std::string& existing : out->delivered_to) known |= existing == address;
    if (!known) out->delivered_to.push_back(std::move(address));
  }
}

// The top-level header fields ReadTraceHeaders() reads.
constexpr std::string_view kTraceHeaders[] = {"received",       "authentication-results",
                                              "x-mailer",       "user-agent",
                                              "x-original-to",  "delivered-to",
                                              "in-reply-to",    "references",
                                              "list-id",        "list-post",
                                              "mailing-list",   "return-path",
                                              "list-subscribe", "list-unsubscribe"};

bool IsTraceHeader(std::string_view name) {
  for (std::string_view wanted : kTraceHeaders) {
    if (EqualsNoCase(name, wanted)) return true;
  }
  return false;
}

// Reads the top-level header fields GMime does not model for us.
void ReadTraceHeaders(GMimeMessage* message, Message* out) {
  GMimeHeaderList* headers = g_mime_object_get_header_list(GMIME_OBJECT(message));
  // BoundRawMessage already cut the section to max_headers fields.
  int count = headers ? g_mime_header_list_get_count(headers) : 0;
  std::string user_agent;
  std::string list_address;    // from an ezmlm-style Mailing-List header
  std::string delivered_list;  // from a "Delivered-To: mailing list" field
  std::string command_list;    // implied by List-Subscribe/List-Unsubscribe
  for (int i = 0; i < count; ++i) {
    GMimeHeader* header = g_mime_header_list_get_header_at(headers, i);
    const char* name = g_mime_header_get_name(header);
    if (name == nullptr || !IsTraceHeader(name)) continue;
    // GMime unfolds and decodes a value when it is first asked for: only
    // the fields read here pay for it.
    const char* value = g_mime_header_get_value(header);
    if (value == nullptr) continue;
    std::string_view field(name);
    if (EqualsNoCase(field, "received")) {
      if (out->received_hops++ == 0) {
        const char* raw = g_mime_header_get_raw_value(header);
        out->origin_ip = ReceivedFromIp(raw ? raw : value);
      }
    } else if (EqualsNoCase(field, "authentication-results")) {
      ParseAuthenticationResults(value, &out->auth_results);
    } else if (EqualsNoCase(field, "x-mailer")) {
      if (out->mailer.empty()) out->mailer = value;
    } else if (EqualsNoCase(field, "user-agent")) {
      if (user_agent.empty()) user_agent = value;
    } else if (EqualsNoCase(field, "x-original-to") || EqualsNoCase(field, "delivered-to")) {
      // qmail writes the list it delivered for in the same field; that
      // names the list, not a recipient.
      std::string list = ParseDeliveredToList(value);
      if (list.empty()) {
        AddDeliveredTo(value, out);
      } else if (delivered_list.empty()) {
        delivered_list = std::move(list);
      }
    } else if (EqualsNoCase(field, "return-path")) {
      if (out->return_path.empty()) out->return_path = NormaliseAddress(value);
    } else if (EqualsNoCase(field, "in-reply-to")) {
      std::vector<std::string> ids = MessageIds(value);
      if (!ids.empty() && out->in_reply_to.empty()) out->in_reply_to = std::move(ids.front());
    } else if (EqualsNoCase(field, "references")) {
      if (out->references.empty()) out->references = MessageIds(value);
    } else if (EqualsNoCase(field, "list-id")) {
      if (out->mailing_list.id.empty()) out->mailing_list.id = ParseListId(value);
    } else if (EqualsNoCase(field, "list-post")) {
      if (out->mailing_list.posting_address.empty()) {
        out->mailing_list.posting_address = ParseListPost(value);
      }
    } else if (EqualsNoCase(field, "mailing-list")) {
      if (list_address.empty()) list_address = ParseMailingListHeader(value);
    } else if (EqualsNoCase(field, "list-subscribe") || EqualsNoCase(field, "list-unsubscribe")) {
      if (command_list.empty()) command_list = ParseListCommandAddress(*out, value);
    }
  }
  // Only when List-Id and List-Post, wherever they stood, said nothing; a
  // list's own naming before what its command fields imply.
  for (const std::string* address : {&list_address, &delivered_list, &command_list}) {
    if (!address->empty()) {
      AdoptMailingListAddress(*address, &out->mailing_list);
      break;
    }
  }
  if (out->mailer.empty()) out->mailer = std::move(user_agent);
}

}  // namespace

Status ParseMessage(std::string_view raw, const Envelope& envelope, const ParseOptions& options,
                    Message* out) {
  *out = Message();
  out->envelope = envelope;
  out->raw_size = raw.size();
  if (!StartsWithHeaderField(raw)) {
    return Status::InvalidArgument("not a mail message: it does not begin with a header field");
  }
  BoundedRaw bounded;
  BoundRawMessage(raw, options, &bounded, &out->truncated);
  out->header_count = bounded.header_count;

  EnsureGMimeInitialised();
  GObjectPtr<GMimeStream> stream(
      g_mime_stream_mem_new_with_buffer(bounded.text.data(), bounded.text.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  if (!message) return Status::Ok();

  ReadAddresses(message.get(), out);
  ReadDate(message.get(), out);
  ReadTraceHeaders(message.get(), out);
  InferPostingAddress(*out, &out->mailing_list);
  const char* subject = g_mime_message_get_subject(message.get());
  if (subject) out->subject = WellFormedUtf8(subject);
  const char* message_id = g_mime_message_get_message_id(message.get());
  if (message_id) out->message_id = message_id;

  BodyCollector body(options, out);
  body.Walk(g_mime_message_get_mime_part(message.get()), 0);
  body.ExtractLinks();
  body.ExtractPaymentCoordinates();
  return Status::Ok();
}

}  // namespace rapport
