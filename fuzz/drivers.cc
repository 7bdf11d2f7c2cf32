#include "fuzz/drivers.h"

#include <cstdint>
#include <string>
#include <vector>

#include "config/config.h"
#include "message/domain_names.h"
#include "message/history_keys.h"
#include "message/html_links.h"
#include "message/link_ask.h"
#include "message/link_target.h"
#include "message/payment_ask.h"
#include "message/payment_coordinates.h"
#include "message/pdf_links.h"
#include "message/redirectors.h"
#include "message/text_links.h"
#include "message/utf8.h"
#include "message/zip_names.h"
#include "milter/header_index.h"
#include "milter/message_buffer.h"

namespace rapport::fuzz {
namespace {

constexpr size_t kLinkCap = 64;

bool IsLowerAscii(std::string_view s) {
  for (char c : s) {
    if (static_cast<unsigned char>(c) >= 0x80 || (c >= 'A' && c <= 'Z')) return false;
  }
  return true;
}

bool EndsWith(std::string_view s, std::string_view suffix) {
  return s.size() >= suffix.size() && s.substr(s.size() - suffix.size()) == suffix;
}

Status Broken(std::string_view what) { return Status::Corruption(what); }

// The promises DescribeLinkTarget makes about one described link.
Status CheckLinkTarget(const Link& link) {
  if (!IsLowerAscii(link.scheme)) return Broken("scheme not lower-case ASCII");
  if (!IsLowerAscii(link.host)) return Broken("host not a lower-case A-label");
  if (!IsUtf8(link.host_unicode)) return Broken("host_unicode not UTF-8");
  if (link.host.empty() && !(link.icann_domain.empty() && link.private_domain.empty())) {
    return Broken("registrable domain without a host");
  }
  if (!EndsWith(link.host, link.icann_domain)) return Broken("icann_domain not a suffix of host");
  // A tenant named in the path is the host with the tenant's label before it.
  if (!EndsWith(link.host, link.private_domain) &&
      !EndsWith(link.private_domain, "." + link.host)) {
    return Broken("private_domain neither a suffix of host nor a tenant of it");
  }
  if (link.host_is_ip_literal && link.icann_domain != link.host) {
    return Broken("IP literal is not its own registrable domain");
  }
  if (link.host_has_punycode != HasPunycodeLabel(link.host)) {
    return Broken("host_has_punycode disagrees with the host");
  }
  return Status::Ok();
}

// The promises of a link extractor: the cap, described targets, and UTF-8
// visible text from UTF-8 input (the parser repairs bodies before extraction).
Status CheckExtracted(std::string_view input, bool all_fit, size_t before,
                      const std::vector<Link>& links) {
  const bool utf8_input = IsUtf8(input);
  if (links.size() > kLinkCap) return Broken("more links than the cap");
  if (!all_fit && links.size() != kLinkCap) return Broken("links dropped below the cap");
  for (size_t i = before; i < links.size(); ++i) {
    Status s = CheckLinkTarget(links[i]);
    if (!s.ok()) return s;
    if (utf8_input && !IsUtf8(links[i].visible_text)) return Broken("visible text not UTF-8");
  }
  return Status::Ok();
}

// The promises of message/payment_coordinates.h: at most the cap, each
// validated, none twice, and evidence showing an account by its last four.
Status CheckPaymentCoordinates(const std::vector<PaymentCoordinate>& coordinates) {
  if (coordinates.size() > kMaxPaymentCoordinates)
    return Broken("more payment coordinates than the cap");
  for (size_t i = 0; i < coordinates.size(); ++i) {
    const PaymentCoordinate& c = coordinates[i];
    const std::string_view account(c.account);
    const size_t slash = account.find('/');
    const bool valid = c.kind == PaymentCoordinateKind::kIban
                           ? IsValidIban(account)
                           : slash != std::string_view::npos &&
                                 (c.kind == PaymentCoordinateKind::kRoutingAccount
                                      ? IsValidRoutingNumber(account.substr(0, slash))
                                      : IsValidBic(account.substr(0, slash)));
    if (!valid) return Broken("a payment coordinate that fails its checks");
    const std::string_view number =
        c.kind == PaymentCoordinateKind::kIban ? account : account.substr(slash + 1);
    const std::string last_four = "ending " + std::string(number.substr(number.size() - 4));
    if (number.size() < 6 || c.shown.size() < last_four.size() ||
        c.shown.compare(c.shown.size() - last_four.size(), last_four.size(), last_four) != 0) {
      return Broken("evidence shows more of the account than its last four digits");
    }
    for (size_t j = 0; j < i; ++j) {
      if (coordinates[j].kind == c.kind && coordinates[j].account == c.account) {
        return Broken("a payment coordinate twice");
      }
    }
  }
  return Status::Ok();
}

// The promises of message/zip_names.h, whatever the archive's directory
// claims: at most the cap, printable ASCII, and no more bytes of names than
// the parser may read of attachments (`max_attachment_bytes`).
Status CheckArchiveFiles(const std::vector<std::string>& names, size_t max_attachment_bytes) {
  if (names.size() > kMaxZipFileNames) return Broken("more archive file names than the cap");
  size_t bytes = 0;
  for (const std::string& name : names) {
    for (char c : name) {
      if (c < 0x20 || c > 0x7e) return Broken("an archive file name not printable ASCII");
    }
    bytes += name.size();
  }
  if (bytes > max_attachment_bytes) return Broken("archive file names longer than the archive");
  return Status::Ok();
}

// Reads fixed-width unsigned numbers off the front of a fuzz input.
class InputReader {
 public:
  explicit InputReader(std::string_view data) : data_(data) {}

  bool empty() const { return data_.empty(); }

  uint32_t Number(size_t bytes) {
    uint32_t value = 0;
    for (size_t i = 0; i < bytes && !data_.empty(); ++i) {
      value = (value << 8) | static_cast<unsigned char>(data_.front());
      data_.remove_prefix(1);
    }
    return value;
  }

  std::string_view Bytes(size_t count) {
    std::string_view out = data_.substr(0, count);
    data_.remove_prefix(out.size());
    return out;
  }

 private:
  std::string_view data_;
};

// The promises of Utf8Prefix (message/utf8.h) on well-formed `text`: each
// cut is no longer than its bound, loses less than one character, and is
// well-formed itself. Bounds near both ends and in the middle, where a
// multi-byte character is likeliest to straddle one.
Status CheckUtf8Cuts(std::string_view text) {
  const size_t size = text.size();
  for (const size_t bound :
       {size_t{1}, size_t{2}, size_t{3}, size_t{5}, size / 2, size - 1, size - 2, size - 3}) {
    if (bound == 0 || bound > size) continue;
    const size_t kept = Utf8Prefix(text, bound);
    if (kept > bound || bound - kept > 3) return Broken("Utf8Prefix kept too much or too little");
    if (!IsUtf8(text.substr(0, kept))) return Broken("Utf8Prefix cut a character");
  }
  return Status::Ok();
}

// The keys history files a message under (message/history_keys.h): within
// their byte bounds and, from a parsed message, well-formed UTF-8.
Status CheckHistoryKeys(const Message& message) {
  const std::string subject = NormaliseThreadSubject(message.subject);
  if (subject.size() > 256 || !IsUtf8(subject)) return Broken("thread subject key broken");
  const std::string name = NormaliseDisplayName(message.from.display_name);
  if (name.size() > 128 || !IsUtf8(name)) return Broken("display name key broken");
  return Status::Ok();
}

}  // namespace

ParseOptions FuzzParseOptions() {
  ParseOptions options;
  options.max_message_size = 256 * 1024;
  options.max_mime_depth = 8;
  options.max_mime_parts = 32;
  options.max_links = static_cast<int>(kLinkCap);
  options.max_headers = 128;
  options.max_body_text = 16 * 1024;
  options.max_attachment_bytes = 32 * 1024;
  return options;
}

Status DriveParser(std::string_view data) {
  Envelope envelope;
  envelope.queue_id = "FUZZ0001";
  envelope.mail_from = "sender@example.com";
  envelope.rcpt_to = {"rcpt@example.org"};
  envelope.client_ip = "192.0.2.1";
  envelope.helo = "mail.example.com";
  const ParseOptions options = FuzzParseOptions();
  Message message;
  Status s = ParseMessage(data, envelope, options, &message);
  if (!s.ok()) return s.IsInvalidArgument() ? Status::Ok() : s;
  if (message.links.size() > kLinkCap) return Broken("more links than max_links");
  if (message.text_body.size() > options.max_body_text) return Broken("text past max_body_text");
  if (message.html_body.size() > options.max_body_text) return Broken("html past max_body_text");
  if (!IsUtf8(message.text_body) || !IsUtf8(message.html_body)) return Broken("body not UTF-8");
  if (!IsUtf8(message.subject)) return Broken("subject not UTF-8");
  if (!IsUtf8(message.from.display_name)) return Broken("display name not UTF-8");
  for (const std::string_view text :
       {std::string_view(message.subject), std::string_view(message.from.display_name),
        std::string_view(message.text_body)}) {
    Status cut = CheckUtf8Cuts(text);
    if (!cut.ok()) return cut;
  }
  Status keys = CheckHistoryKeys(message);
  if (!keys.ok()) return keys;
  // The document a subject names is one of its own words, as evidence
  // quotes it (HIDDEN_RECIPIENTS).
  if (!IsUtf8(DocumentNamedIn(message.subject))) return Broken("subject document not UTF-8");
  for (const Link& link : message.links) {
    Status checked = CheckLinkTarget(link);
    if (!checked.ok()) return checked;
    // What the text beside the link asks (message/link_ask.h): an ask
    // always with the words that asked it, as the evidence quotes them.
    const LinkAsk ask = ReadLinkAsk(message, link);
    if (ask.ask.empty() != ask.words.empty()) return Broken("a link ask without its words");
    if (!IsUtf8(ask.words)) return Broken("link ask words not UTF-8");
    // The document an anchor names, or the text beside the link presents,
    // is one of the message's own words, as evidence quotes it.
    if (!IsUtf8(DocumentNamedByLink(link))) return Broken("document word not UTF-8");
    if (!IsUtf8(DocumentPresentedAt(message, link))) {
      return Broken("presented document word not UTF-8");
    }
    if (!IsUtf8(DocumentNamedByLabel(message, link))) {
      return Broken("labelled document word not UTF-8");
    }
    // The subject's noun for the link is one of the subject's own words.
    const std::string subject_document = DocumentNamedBySubject(message, link);
    if (!subject_document.empty() && !IsDocumentNoun(subject_document)) {
      return Broken("a subject's document word that is no document noun");
    }
  }
  for (const Attachment& attachment : message.attachments) {
    if (!IsUtf8(attachment.filename)) return Broken("attachment name not UTF-8");
    Status checked = CheckArchiveFiles(attachment.archive_files, options.max_attachment_bytes);
    if (!checked.ok()) return checked;
  }
  // What the text asks of payment (message/payment_ask.h): an ask always
  // with the words that asked it.
  const PaymentAsk payment_ask = ReadPaymentAsk(message);
  if (payment_ask.ask.empty() != payment_ask.words.empty()) {
    return Broken("a payment ask without its words");
  }
  if (!IsUtf8(payment_ask.words)) return Broken("payment ask words not UTF-8");
  return CheckPaymentCoordinates(message.payment_coordinates);
}

Status DriveLinkTarget(std::string_view data) {
  Link link;
  link.url = std::string(data);
  DescribeLinkTarget(&link);
  Status s = CheckLinkTarget(link);
  if (!s.ok()) return s;
  if (!IsLowerAscii(HostNamedByText(data))) return Broken("text host not a lower-case A-label");

  std::string a_label;
  std::string u_label;
  if (NormaliseHost(data, &a_label, &u_label)) {
    if (a_label.empty() || !IsLowerAscii(a_label)) return Broken("A-label empty or not lower");
    if (!IsUtf8(u_label)) return Broken("U-label not UTF-8");
    std::string again;
    if (!NormaliseHost(a_label, &again, nullptr) || again != a_label) {
      return Broken("NormaliseHost not idempotent");
    }
    if (!EndsWith(a_label, IcannRegistrableDomain(a_label)) ||
        !EndsWith(a_label, PrivateRegistrableDomain(a_label))) {
      return Broken("registrable domain not a suffix of the host");
    }
  } else if (!a_label.empty() || !u_label.empty()) {
    return Broken("NormaliseHost failed but left output");
  }
  const std::string address = NormaliseAddress(data);
  if (!address.empty() && AddressDomain(address).empty()) return Broken("address without domain");
  return Status::Ok();
}

Status DriveHtmlLinks(std::string_view data) {
  std::vector<Link> links;
  const bool all_fit = ExtractHtmlLinks(data, HtmlDocument::kBrowserPage, kLinkCap, &links);
  Status s = CheckExtracted(data, all_fit, 0, links);
  if (!s.ok()) return s;
  // A mail body also reads the URLs of its text outside anchors.
  links.clear();
  const bool body_fit = ExtractHtmlLinks(data, HtmlDocument::kMailBody, kLinkCap, &links);
  return CheckExtracted(data, body_fit, 0, links);
}

Status DrivePdfLinks(std::string_view data) {
  std::vector<Link> links;
  const PdfLinkScan scan = ExtractPdfLinks(data, kLinkCap, &links);
  Status s = CheckExtracted(data, !scan.links_full, 0, links);
  if (!s.ok()) return s;
  for (const Link& link : links) {
    if (link.source != LinkSource::kPdfAction) return Broken("a PDF link of another source");
  }
  return Status::Ok();
}

Status DriveTextLinks(std::string_view data) {
  std::vector<Link> links;
  const bool all_fit = ExtractTextLinks(data, kLinkCap, &links);
  Status s = CheckExtracted(data, all_fit, 0, links);
  if (!s.ok()) return s;
  // Extracting the same text again adds nothing: every URL is a duplicate.
  const size_t before = links.size();
  ExtractTextLinks(data, kLinkCap, &links);
  if (links.size() != before) return Broken("a repeated URL was added again");
  // Following the shipped redirectors keeps the cap and adds only described
  // http(s) links, each naming the redirector it came through.
  const bool targets_fit = AddRedirectTargets(*ShippedRedirectors(), kLinkCap, &links);
  s = CheckExtracted(data, all_fit && targets_fit, 0, links);
  if (!s.ok()) return s;
  size_t targets = 0;
  for (const Link& link : links) {
    if (link.redirected_via.empty()) continue;
    ++targets;
    if (link.scheme != "http" && link.scheme != "https") {
      return Broken("a redirect target that is not http(s)");
    }
    if (link.url.size() > kMaxTargetLength) return Broken("a redirect target over the bound");
  }
  if (links.size() != before + targets) return Broken("a link added that is no redirect target");
  return Status::Ok();
}

Status DriveConfig(std::string_view data) {
  Config config;
  Status s = ParseConfig(std::string(data), "fuzz.conf", &config);
  if (!s.ok() && s.message().rfind("fuzz.conf", 0) != 0) {
    return Broken("config error does not name the file");
  }
  return Status::Ok();
}

Status DriveMilterBuffer(std::string_view data) {
  InputReader in(data);
  const size_t max_bytes = 2 + in.Number(2);
  MessageBuffer buffer(max_bytes);
  RapportHeaderIndex index;
  size_t sent = 0;  // bytes the buffer was asked to hold, line ends and ": " included
  bool headers_done = false;
  while (!in.empty()) {
    const uint32_t event = in.Number(1) % 3;
    const std::string_view payload = in.Bytes(in.Number(2) % 4096);
    if (event == 0) {
      const size_t colon = payload.find(':');
      const std::string_view name = payload.substr(0, colon);
      const std::string_view value =
          colon == std::string_view::npos ? std::string_view() : payload.substr(colon + 1);
      buffer.AddHeader(name, value);
      index.Add(name);
      if (!headers_done) sent += name.size() + 2 + value.size() + 2;
    } else {
      if (!headers_done) sent += 2;
      headers_done = true;
      if (event == 1) {
        buffer.EndHeaders();
      } else {
        buffer.AddBody(payload);
        sent += payload.size();
      }
    }
  }
  if (buffer.raw().size() > max_bytes) return Broken("buffer kept more than its bound");
  if (buffer.raw().size() + buffer.dropped_bytes() != sent) {
    return Broken("kept + dropped bytes differ from what was sent");
  }
  const std::vector<HeaderRef> removal = index.ForRemoval();
  if (removal.size() != index.size()) return Broken("removal list differs from the count");
  for (size_t i = 0; i < removal.size(); ++i) {
    if (removal[i].index < 1 || !IsRapportHeader(removal[i].name)) {
      return Broken("bad header to remove");
    }
    if (i > 0 && removal[i - 1].name == removal[i].name &&
        removal[i - 1].index != removal[i].index + 1) {
      return Broken("indices of one name not in descending order");
    }
  }
  Message message;
  ParseOptions options = FuzzParseOptions();
  options.max_message_size = max_bytes;
  Status s = ParseMessage(buffer.raw(), Envelope(), options, &message);
  if (!s.ok() && !s.IsInvalidArgument()) return s;
  return Status::Ok();
}

}  // namespace rapport::fuzz
