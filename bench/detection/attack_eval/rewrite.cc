#include "bench/detection/attack_eval/rewrite.h"

#include <gmime/gmime.h>

#include <algorithm>
#include <cstring>
#include <fstream>
#include <vector>

#include "message/ascii.h"
#include "message/gmime_handles.h"
#include "message/header_syntax.h"
#include "message/mail_archive.h"

namespace rapport {
namespace {

// A message cut into its header fields and its body. Each field keeps its
// folds as "\n" and has no line end of its own; `eol` is the message's.
struct Sections {
  std::vector<std::string> fields;
  std::string eol = "\n";
  bool has_body = false;  // an empty line ends the header section
  std::string body;       // everything after that empty line, as found
};

Sections Split(std::string_view raw) {
  Sections out;
  const size_t first = raw.find('\n');
  if (first != std::string_view::npos && first > 0 && raw[first - 1] == '\r') out.eol = "\r\n";
  size_t pos = 0;
  while (pos < raw.size()) {
    size_t end = raw.find('\n', pos);
    const size_t next = end == std::string_view::npos ? raw.size() : end + 1;
    if (end == std::string_view::npos) end = raw.size();
    std::string_view line = raw.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    pos = next;
    if (line.empty()) {
      out.has_body = true;
      out.body = std::string(raw.substr(pos));
      break;
    }
    if ((line.front() == ' ' || line.front() == '\t') && !out.fields.empty()) {
      out.fields.back().append("\n").append(line);
    } else {
      out.fields.emplace_back(line);
    }
  }
  return out;
}

std::string Join(const Sections& sections) {
  std::string out;
  for (const std::string& field : sections.fields) {
    for (char c : field) {
      if (c == '\n') {
        out += sections.eol;
      } else {
        out.push_back(c);
      }
    }
    out += sections.eol;
  }
  if (sections.has_body) out += sections.eol + sections.body;
  return out;
}

std::string_view FieldName(std::string_view field) {
  return TrimAsciiSpace(field.substr(0, field.find(':')));
}

// The field's value with its folds removed (the whitespace after each kept).
std::string Unfolded(std::string_view field) {
  const size_t colon = field.find(':');
  std::string value;
  if (colon == std::string_view::npos) return value;
  for (char c : field.substr(colon + 1)) {
    if (c != '\n') value.push_back(c);
  }
  return value;
}

size_t Utf8Length(unsigned char lead) {
  if (lead >= 0xF0) return 4;
  if (lead >= 0xE0) return 3;
  if (lead >= 0xC0) return 2;
  return 1;
}

// `text` (UTF-8) as RFC 2047 encoded words of at most 75 characters, in B
// or Q form, folded one word a line; no word splits a character.
std::string EncodedWords(std::string_view text, bool b_form) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  static constexpr size_t kPayload = 75 - 12;  // "=?utf-8?B?" and "?="
  std::vector<std::string> words;
  std::string chunk;  // raw bytes of the B word being built
  std::string q;      // encoded text of the Q word being built
  auto flush = [&] {
    if (b_form && !chunk.empty()) {
      GCharPtr encoded(
          g_base64_encode(reinterpret_cast<const guchar*>(chunk.data()), chunk.size()));
      words.push_back("=?utf-8?B?" + std::string(encoded.get()) + "?=");
      chunk.clear();
    }
    if (!b_form && !q.empty()) {
      words.push_back("=?utf-8?Q?" + q + "?=");
      q.clear();
    }
  };
  for (size_t i = 0; i < text.size();) {
    const size_t length =
        std::min(Utf8Length(static_cast<unsigned char>(text[i])), text.size() - i);
    std::string_view character = text.substr(i, length);
    i += length;
    if (b_form) {
      if ((chunk.size() + length + 2) / 3 * 4 > kPayload) flush();
      chunk.append(character);
      continue;
    }
    std::string encoded;
    for (char c : character) {
      if (IsAsciiAlnum(c)) {
        encoded.push_back(c);
      } else if (c == ' ') {
        encoded.push_back('_');
      } else {
        const auto byte = static_cast<unsigned char>(c);
        encoded += {'=', kHex[byte >> 4], kHex[byte & 15]};
      }
    }
    if (q.size() + encoded.size() > kPayload) flush();
    q += encoded;
  }
  flush();
  std::string out;
  for (const std::string& word : words) out += (out.empty() ? "" : "\n ") + word;
  return out;
}

// An address list with every display name written as encoded words,
// alternating B and Q by *serial; empty when GMime reads no address in it
// (the field is then kept as it is).
std::string EncodeAddressList(const std::string& value, int* serial) {
  GObjectPtr<InternetAddressList> list(internet_address_list_parse(nullptr, value.c_str()));
  if (!list || internet_address_list_length(list.get()) == 0) return std::string();
  auto mailbox = [&](InternetAddress* address) {
    const char* name = internet_address_get_name(address);
    const char* addr = internet_address_mailbox_get_addr(INTERNET_ADDRESS_MAILBOX(address));
    std::string spec = addr ? addr : "";
    if (name == nullptr || *name == '\0') return spec;
    return EncodedWords(name, (*serial)++ % 2 == 0) + " <" + spec + ">";
  };
  std::string out;
  for (int i = 0; i < internet_address_list_length(list.get()); ++i) {
    InternetAddress* address = internet_address_list_get_address(list.get(), i);
    if (!out.empty()) out += ", ";
    if (INTERNET_ADDRESS_IS_MAILBOX(address)) {
      out += mailbox(address);
      continue;
    }
    if (!INTERNET_ADDRESS_IS_GROUP(address)) continue;
    const char* name = internet_address_get_name(address);
    out += EncodedWords(name ? name : "", (*serial)++ % 2 == 0) + ":";
    InternetAddressList* members =
        internet_address_group_get_members(INTERNET_ADDRESS_GROUP(address));
    for (int m = 0; members && m < internet_address_list_length(members); ++m) {
      InternetAddress* member = internet_address_list_get_address(members, m);
      if (INTERNET_ADDRESS_IS_MAILBOX(member)) out += (m == 0 ? " " : ", ") + mailbox(member);
    }
    out += ";";
  }
  return out;
}

std::string EncodeWords(std::string_view raw) {
  Sections sections = Split(raw);
  EnsureGMimeInitialised();
  int serial = 0;
  for (std::string& field : sections.fields) {
    const std::string_view name = FieldName(field);
    const std::string value = Unfolded(field);
    std::string written;
    if (EqualsNoCase(name, "subject")) {
      const std::string trimmed(TrimAsciiSpace(value));
      GCharPtr decoded(g_mime_utils_header_decode_text(nullptr, trimmed.c_str()));
      if (decoded && *decoded.get() != '\0')
        written = EncodedWords(decoded.get(), serial++ % 2 == 0);
    } else if (EqualsNoCase(name, "from") || EqualsNoCase(name, "to") || EqualsNoCase(name, "cc") ||
               EqualsNoCase(name, "reply-to") || EqualsNoCase(name, "sender")) {
      written = EncodeAddressList(value, &serial);
    }
    if (!written.empty()) field = std::string(name) + ": " + written;
  }
  return Join(sections);
}

// The items of an address list as the parser reads them
// (SplitAddressList()), each trimmed, the empty ones left out.
std::vector<std::string> AddressItems(std::string_view value) {
  std::vector<std::string> items;
  for (const std::string_view item : SplitAddressList(value)) {
    const std::string_view trimmed = TrimAsciiSpace(item);
    if (!trimmed.empty()) items.emplace_back(trimmed);
  }
  return items;
}

// `line` folded before whitespace so that each line is at most 78
// columns where a space allows it.
std::string FoldLine(std::string_view line) {
  static constexpr size_t kColumns = 78;
  std::string out;
  const size_t colon = line.find(':');
  size_t start = 0;  // of the current line within `line`
  size_t floor = colon == std::string_view::npos ? 0 : colon + 2;
  while (line.size() - start > kColumns) {
    size_t cut = std::string_view::npos;
    for (size_t i = start + kColumns; i > std::max(start, floor); --i) {
      if (line[i] == ' ' || line[i] == '\t') {
        cut = i;
        break;
      }
    }
    if (cut == std::string_view::npos) {
      cut = line.find_first_of(" \t", std::max(start + kColumns, floor));
      if (cut == std::string_view::npos) break;
    }
    out.append(line.substr(start, cut - start)).append("\n");
    start = cut;
    floor = cut + 1;
  }
  out.append(line.substr(start));
  return out;
}

std::string FoldHeaders(std::string_view raw) {
  Sections sections = Split(raw);
  for (std::string& field : sections.fields) {
    const std::string_view name = FieldName(field);
    const std::string value = Unfolded(field);
    if (EqualsNoCase(name, "to") || EqualsNoCase(name, "cc")) {
      const std::vector<std::string> items = AddressItems(value);
      if (items.size() > 1) {
        std::string folded = std::string(name) + ":";
        for (size_t i = 0; i < items.size(); ++i) {
          folded += (i == 0 ? " " : ",\n ") + FoldLine(items[i]);
        }
        field = std::move(folded);
        continue;
      }
    }
    const std::string line = std::string(name) + ":" + value;
    if (line.size() > 78) field = FoldLine(line);
  }
  return Join(sections);
}

std::string WithCrlf(std::string_view raw) {
  std::string out;
  out.reserve(raw.size() + raw.size() / 30);
  for (size_t i = 0; i < raw.size(); ++i) {
    if (raw[i] == '\n' && (i == 0 || raw[i - 1] != '\r')) out.push_back('\r');
    out.push_back(raw[i]);
  }
  return out;
}

GObjectPtr<GMimeMessage> ParseWithGMime(std::string_view raw) {
  EnsureGMimeInitialised();
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  return GObjectPtr<GMimeMessage>(g_mime_parser_construct_message(parser.get(), nullptr));
}

std::string WrittenOut(GMimeMessage* message) {
  GCharPtr text(g_mime_object_to_string(GMIME_OBJECT(message), nullptr));
  return text ? std::string(text.get()) : std::string();
}

// Gives a text part `utf8` as its content, declared utf-8.
void SetUtf8Content(GMimePart* part, const char* utf8) {
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(utf8, std::strlen(utf8)));
  GObjectPtr<GMimeDataWrapper> content(
      g_mime_data_wrapper_new_with_stream(stream.get(), GMIME_CONTENT_ENCODING_DEFAULT));
  g_mime_part_set_content(part, content.get());
  g_mime_text_part_set_charset(GMIME_TEXT_PART(part), "utf-8");
}

void ReencodePart(GMimeObject* /*parent*/, GMimeObject* object, gpointer data) {
  if (!GMIME_IS_TEXT_PART(object)) return;
  GMimePart* part = GMIME_PART(object);
  if (*static_cast<RewriteForm*>(data) == RewriteForm::kQp) {
    GCharPtr text(g_mime_text_part_get_text(GMIME_TEXT_PART(part)));
    if (text) SetUtf8Content(part, text.get());
    g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  } else {
    g_mime_part_set_content_encoding(part, GMIME_CONTENT_ENCODING_BASE64);
  }
}

std::string ReencodeTextParts(std::string_view raw, RewriteForm form) {
  GObjectPtr<GMimeMessage> message = ParseWithGMime(raw);
  if (!message) return std::string(raw);
  g_mime_message_foreach(message.get(), ReencodePart, &form);
  return WrittenOut(message.get());
}

// `text` as HTML a mail client writes for it: escaped, each URL an anchor
// that shows itself, line ends as <br>.
std::string HtmlOf(std::string_view text) {
  auto escaped = [](std::string_view s) {
    std::string out;
    for (char c : s) {
      if (c == '&') {
        out += "&amp;";
      } else if (c == '<') {
        out += "&lt;";
      } else if (c == '>') {
        out += "&gt;";
      } else if (c == '"') {
        out += "&quot;";
      } else {
        out.push_back(c);
      }
    }
    return out;
  };
  std::string html = "<html><body><div>";
  size_t pos = 0;
  while (pos < text.size()) {
    size_t url = std::min(FindNoCase(text, "http://", pos), FindNoCase(text, "https://", pos));
    std::string_view before =
        text.substr(pos, url == std::string_view::npos ? text.npos : url - pos);
    for (size_t line = 0; line <= before.size();) {
      const size_t end = std::min(before.find('\n', line), before.size());
      std::string_view piece = before.substr(line, end - line);
      if (!piece.empty() && piece.back() == '\r') piece.remove_suffix(1);
      html += escaped(piece);
      if (end < before.size()) html += "<br>\n";
      line = end + 1;
    }
    if (url == std::string_view::npos) break;
    size_t end = url;
    while (end < text.size() && !IsAsciiSpace(text[end]) && text[end] != '<' && text[end] != '>' &&
           text[end] != '"') {
      ++end;
    }
    while (end > url &&
           std::string_view(".,;:)!?'").find(text[end - 1]) != std::string_view::npos) {
      --end;
    }
    const std::string link = escaped(text.substr(url, end - url));
    html += "<a href=\"" + link + "\">" + link + "</a>";
    pos = end;
  }
  return html + "</div></body></html>\n";
}

std::string WithHtmlAlternative(std::string_view raw) {
  GObjectPtr<GMimeMessage> message = ParseWithGMime(raw);
  if (!message) return std::string(raw);
  GMimeObject* body = g_mime_message_get_mime_part(message.get());
  if (body == nullptr || !GMIME_IS_TEXT_PART(body) || g_mime_part_is_attachment(GMIME_PART(body))) {
    return std::string(raw);
  }
  GMimeContentType* type = g_mime_object_get_content_type(body);
  if (type == nullptr || !g_mime_content_type_is_type(type, "text", "plain"))
    return std::string(raw);
  GCharPtr text(g_mime_text_part_get_text(GMIME_TEXT_PART(body)));
  if (!text) return std::string(raw);
  GObjectPtr<GMimeTextPart> html(g_mime_text_part_new_with_subtype("html"));
  SetUtf8Content(GMIME_PART(html.get()), HtmlOf(text.get()).c_str());
  g_mime_part_set_content_encoding(GMIME_PART(html.get()), GMIME_CONTENT_ENCODING_QUOTEDPRINTABLE);
  GObjectPtr<GMimeMultipart> alternative(g_mime_multipart_new_with_subtype("alternative"));
  g_mime_multipart_add(alternative.get(), body);
  g_mime_multipart_add(alternative.get(), GMIME_OBJECT(html.get()));
  g_mime_message_set_mime_part(message.get(), GMIME_OBJECT(alternative.get()));
  g_mime_object_set_header(GMIME_OBJECT(message.get()), "MIME-Version", "1.0", nullptr);
  return WrittenOut(message.get());
}

// `value` as an RFC 2231 extended parameter value: utf-8'' and every byte
// outside the attribute characters percent-encoded.
std::string Rfc2231Value(std::string_view value) {
  static constexpr char kHex[] = "0123456789ABCDEF";
  std::string out = "utf-8''";
  for (char c : value) {
    if (IsAsciiAlnum(c) || c == '.' || c == '-' || c == '_') {
      out.push_back(c);
    } else {
      const auto byte = static_cast<unsigned char>(c);
      out += {'%', kHex[byte >> 4], kHex[byte & 15]};
    }
  }
  return out;
}

// A Content-Type or Content-Disposition field with its name and filename
// parameters written as RFC 2231 extended parameters, the others kept.
std::string WithExtendedNames(std::string_view field) {
  const size_t colon = field.find(':');
  std::vector<std::string> pieces;  // split at the ';' outside quotes
  std::string piece;
  bool quoted = false;
  for (char c : field.substr(colon + 1)) {
    if (c == '\n') continue;  // unfolded
    if (c == '"') quoted = !quoted;
    if (c == ';' && !quoted) {
      pieces.push_back(piece);
      piece.clear();
      continue;
    }
    piece.push_back(c);
  }
  pieces.push_back(piece);
  std::string out(field.substr(0, colon + 1));
  for (size_t i = 0; i < pieces.size(); ++i) {
    std::string_view trimmed = TrimAsciiSpace(pieces[i]);
    const size_t equals = trimmed.find('=');
    const std::string_view attribute =
        TrimAsciiSpace(trimmed.substr(0, std::min(equals, trimmed.size())));
    out += i == 0 ? " " : "; ";
    if (i == 0 || equals == std::string_view::npos ||
        !(EqualsNoCase(attribute, "name") || EqualsNoCase(attribute, "filename"))) {
      out.append(trimmed);
      continue;
    }
    std::string value(TrimAsciiSpace(trimmed.substr(equals + 1)));
    if (value.size() >= 2 && value.front() == '"' && value.back() == '"') {
      value = value.substr(1, value.size() - 2);
    }
    GCharPtr decoded(g_mime_utils_header_decode_text(nullptr, value.c_str()));
    out += std::string(attribute) + "*=" + Rfc2231Value(decoded ? decoded.get() : value);
  }
  return out;
}

// Every part's file name written as Python's email writes a name that is
// not ASCII (here every name): Content-Type name*= and Content-Disposition
// filename*=, utf-8 percent-encoded. By hand, in the header sections of the
// message and of its MIME parts (after each boundary line): GMime writes
// an ASCII name plainly whatever it is told.
std::string WithRfc2231Filenames(std::string_view raw) {
  GObjectPtr<GMimeMessage> message = ParseWithGMime(raw);
  if (!message) return std::string(raw);
  std::vector<std::string> delimiters;
  g_mime_message_foreach(
      message.get(),
      [](GMimeObject*, GMimeObject* object, gpointer data) {
        if (!GMIME_IS_MULTIPART(object)) return;
        const char* boundary = g_mime_multipart_get_boundary(GMIME_MULTIPART(object));
        if (boundary)
          static_cast<std::vector<std::string>*>(data)->push_back(std::string("--") + boundary);
      },
      &delimiters);
  const Sections top = Split(raw);
  std::string out;
  bool in_header = false;
  std::vector<std::string> fields;  // of the part header being read
  auto flush_fields = [&] {
    for (const std::string& field : fields) {
      const std::string_view name = FieldName(field);
      const bool names =
          EqualsNoCase(name, "content-type") || EqualsNoCase(name, "content-disposition");
      for (char c : names ? WithExtendedNames(field) : field) {
        out += c == '\n' ? top.eol : std::string(1, c);
      }
      out += top.eol;
    }
    fields.clear();
  };
  std::vector<std::string> lines;
  for (size_t pos = 0; pos <= raw.size();) {
    size_t end = raw.find('\n', pos);
    if (end == std::string_view::npos) end = raw.size();
    std::string_view line = raw.substr(pos, end - pos);
    if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
    lines.emplace_back(line);
    pos = end + 1;
  }
  const bool ends_with_eol = !raw.empty() && raw.back() == '\n';
  if (ends_with_eol) lines.pop_back();
  for (size_t i = 0; i < lines.size(); ++i) {
    const std::string& line = lines[i];
    const bool last = i + 1 == lines.size();
    if (i == 0) in_header = true;
    if (in_header) {
      if (line.empty()) {
        flush_fields();
        in_header = false;
        out += last && !ends_with_eol ? "" : top.eol;
        continue;
      }
      if ((line.front() == ' ' || line.front() == '\t') && !fields.empty()) {
        fields.back() += "\n" + line;
      } else {
        fields.push_back(line);
      }
      if (last) flush_fields();
      continue;
    }
    out += line;
    if (!last || ends_with_eol) out += top.eol;
    if (std::find(delimiters.begin(), delimiters.end(), TrimAsciiSpace(line)) != delimiters.end()) {
      in_header = true;
    }
  }
  return out;
}

std::string RewriteOne(std::string_view raw, RewriteForm form) {
  switch (form) {
    case RewriteForm::kNone:
      return std::string(raw);
    case RewriteForm::kBase64:
    case RewriteForm::kQp:
      return ReencodeTextParts(raw, form);
    case RewriteForm::kEncodedWords:
      return EncodeWords(raw);
    case RewriteForm::kCrlf:
      return WithCrlf(raw);
    case RewriteForm::kFolded:
      return FoldHeaders(raw);
    case RewriteForm::kHtml:
      return WithHtmlAlternative(raw);
    case RewriteForm::kFilenames:
      return WithRfc2231Filenames(raw);
  }
  return std::string(raw);
}

}  // namespace

bool ParseRewriteForms(std::string_view names, RewriteForms* forms) {
  static constexpr std::pair<std::string_view, RewriteForm> kForms[] = {
      {"none", RewriteForm::kNone}, {"base64", RewriteForm::kBase64},
      {"qp", RewriteForm::kQp},     {"encoded-words", RewriteForm::kEncodedWords},
      {"crlf", RewriteForm::kCrlf}, {"folded", RewriteForm::kFolded},
      {"html", RewriteForm::kHtml}, {"filenames", RewriteForm::kFilenames}};
  forms->clear();
  while (true) {
    const size_t comma = names.find(',');
    const std::string_view name = names.substr(0, comma);
    auto known = std::find_if(std::begin(kForms), std::end(kForms),
                              [&](const auto& form) { return form.first == name; });
    if (known == std::end(kForms)) return false;
    if (known->second != RewriteForm::kNone) forms->push_back(known->second);
    if (comma == std::string_view::npos) return true;
    names.remove_prefix(comma + 1);
  }
}

std::string RewriteMessage(std::string_view raw, const RewriteForms& forms) {
  std::string written(raw);
  for (RewriteForm form : forms) written = RewriteOne(written, form);
  return written;
}

bool RewriteArchive(const std::string& path, const RewriteForms& forms,
                    const std::string& out_path) {
  ArchiveIndex index;
  if (!IndexArchives({path}, &index).ok()) return false;
  std::vector<ArchiveEntry> stored = index.entries;
  std::sort(stored.begin(), stored.end(), [](const ArchiveEntry& a, const ArchiveEntry& b) {
    return a.file != b.file ? a.file < b.file : a.offset < b.offset;
  });
  const bool crlf = std::find(forms.begin(), forms.end(), RewriteForm::kCrlf) != forms.end();
  const std::string eol = crlf ? "\r\n" : "\n";
  std::ofstream out(out_path, std::ios::binary | std::ios::trunc);
  ArchiveReader reader(index);
  std::string raw;
  for (const ArchiveEntry& entry : stored) {
    if (!reader.Read(entry, &raw).ok()) return false;
    const std::string message = RewriteMessage(raw, forms);
    out << "From rewrite@localhost Thu Jan  1 00:00:00 1970" << eol;
    // mboxrd: every line that is ">"s and "From " gains one '>'.
    bool line_start = true;
    for (size_t i = 0; i < message.size(); ++i) {
      if (line_start) {
        size_t gt = i;
        while (gt < message.size() && message[gt] == '>') ++gt;
        if (message.compare(gt, 5, "From ") == 0) out << '>';
      }
      out << message[i];
      line_start = message[i] == '\n';
    }
    if (!line_start) out << eol;
    out << eol;
  }
  return static_cast<bool>(out.flush());
}

}  // namespace rapport
