#include "message/pdf_links.h"

#include <zlib.h>

#include <set>
#include <string>

#include "message/ascii.h"
#include "message/link_target.h"

namespace rapport {

namespace {

// A URI longer than this is no link a reader follows; its string is dropped.
constexpr size_t kMaxUriBytes = 4096;
// How far before its "stream" keyword an object stream's dictionary begins.
constexpr size_t kMaxStreamDictionary = 1024;

bool IsPdfSpace(char c) {
  return c == ' ' || c == '\n' || c == '\r' || c == '\t' || c == '\f' || c == '\0';
}

int HexValue(char c) {
  if (c >= '0' && c <= '9') return c - '0';
  c = AsciiLower(c);
  if (c >= 'a' && c <= 'f') return c - 'a' + 10;
  return -1;
}

// Reads a literal string (PDF 32000-1 7.3.4.2) from just after its '(' at
// *i to past its closing ')'. False when it never closes or outgrows
// kMaxUriBytes.
bool ReadLiteralString(std::string_view pdf, size_t* i, std::string* out) {
  int depth = 1;
  while (*i < pdf.size()) {
    char c = pdf[(*i)++];
    if (c == '\\') {
      if (*i >= pdf.size()) return false;
      char escaped = pdf[(*i)++];
      switch (escaped) {
        case 'n':
          out->push_back('\n');
          break;
        case 'r':
          out->push_back('\r');
          break;
        case 't':
          out->push_back('\t');
          break;
        case 'b':
          out->push_back('\b');
          break;
        case 'f':
          out->push_back('\f');
          break;
        case '\r':  // a line continuation
          if (*i < pdf.size() && pdf[*i] == '\n') ++*i;
          break;
        case '\n':
          break;
        default:
          if (escaped >= '0' && escaped <= '7') {
            int value = escaped - '0';
            for (int digits = 1; digits < 3 && *i < pdf.size() && pdf[*i] >= '0' && pdf[*i] <= '7';
                 ++digits) {
              value = value * 8 + (pdf[(*i)++] - '0');
            }
            out->push_back(static_cast<char>(value & 0xFF));
          } else {
            out->push_back(escaped);  // "\(", "\)", "\\" and unknown escapes
          }
      }
    } else if (c == '(') {
      ++depth;
      out->push_back(c);
    } else if (c == ')') {
      if (--depth == 0) return true;
      out->push_back(c);
    } else {
      out->push_back(c);
    }
    if (out->size() > kMaxUriBytes) return false;
  }
  return false;
}

// Reads a hexadecimal string from just after its '<' at *i to past its '>'.
bool ReadHexString(std::string_view pdf, size_t* i, std::string* out) {
  int high = -1;
  while (*i < pdf.size()) {
    char c = pdf[(*i)++];
    if (c == '>') {
      if (high >= 0) out->push_back(static_cast<char>(high << 4));  // odd digit count: a 0 follows
      return true;
    }
    if (IsPdfSpace(c)) continue;
    int value = HexValue(c);
    if (value < 0) return false;
    if (high < 0) {
      high = value;
      continue;
    }
    out->push_back(static_cast<char>(high << 4 | value));
    high = -1;
    if (out->size() > kMaxUriBytes) return false;
  }
  return false;
}

// A text string written as UTF-16BE (it begins with the byte order mark)
// keeps its ASCII characters; a URI is ASCII (PDF 32000-1 12.6.4.7).
std::string UriText(std::string_view raw) {
  if (raw.substr(0, 2) != "\xFE\xFF") return std::string(raw);
  std::string ascii;
  for (size_t i = 2; i + 1 < raw.size(); i += 2) {
    if (raw[i] == '\0') ascii.push_back(raw[i + 1]);
  }
  return ascii;
}

class PdfLinkReader {
 public:
  PdfLinkReader(size_t max_links, std::vector<Link>* links)
      : max_links_(max_links), links_(links) {}

  PdfLinkScan Run(std::string_view pdf) {
    // Strings of an encrypted file are ciphertext: nothing to read.
    if (pdf.find("/Encrypt") != std::string_view::npos) return scan_;
    ReadUriActions(pdf);
    ReadObjectStreams(pdf);
    return scan_;
  }

 private:
  void ReadUriActions(std::string_view text) {
    size_t at = 0;
    while (!scan_.links_full && (at = text.find("/URI", at)) != std::string_view::npos) {
      size_t i = at + 4;
      at = i;
      while (i < text.size() && IsPdfSpace(text[i])) ++i;
      if (i + 1 >= text.size()) return;
      std::string uri;
      bool read = false;
      if (text[i] == '(') {
        ++i;
        read = ReadLiteralString(text, &i, &uri);
      } else if (text[i] == '<' && text[i + 1] != '<') {  // "<<" opens a dictionary
        ++i;
        read = ReadHexString(text, &i, &uri);
      }
      if (!read) continue;
      at = i;
      Add(UriText(uri));
    }
  }

  // Inflates each FlateDecode object stream and reads the URI actions of
  // the objects packed in it.
  void ReadObjectStreams(std::string_view pdf) {
    size_t at = 0;
    while (!scan_.links_full && (at = pdf.find("/ObjStm", at)) != std::string_view::npos) {
      at += 7;
      size_t keyword = pdf.find("stream", at);
      if (keyword == std::string_view::npos) return;
      if (keyword - at > kMaxStreamDictionary) continue;
      size_t object = pdf.rfind("obj", at);
      size_t dictionary =
          object == std::string_view::npos || at - object > kMaxStreamDictionary ? at - 7 : object;
      if (pdf.substr(dictionary, keyword - dictionary).find("/FlateDecode") ==
          std::string_view::npos) {
        continue;
      }
      size_t data = keyword + 6;
      if (data < pdf.size() && pdf[data] == '\r') ++data;
      if (data < pdf.size() && pdf[data] == '\n') ++data;
      size_t end = pdf.find("endstream", data);
      if (end == std::string_view::npos) end = pdf.size();
      if (streams_ >= kMaxPdfObjectStreams || inflated_ >= kMaxPdfInflatedBytes) {
        scan_.cut = true;
        return;
      }
      ++streams_;
      ReadUriActions(Inflate(pdf.substr(data, end - data)));
      at = end;
    }
  }

  // The zlib stream at the start of `deflated`, inflated as far as it goes
  // and as the inflation budget allows.
  std::string Inflate(std::string_view deflated) {
    std::string out;
    z_stream z{};
    if (inflateInit(&z) != Z_OK) return out;
    z.next_in = reinterpret_cast<Bytef*>(const_cast<char*>(deflated.data()));
    z.avail_in = static_cast<uInt>(deflated.size());
    char chunk[16384];
    int rc = Z_OK;
    while (rc == Z_OK) {
      z.next_out = reinterpret_cast<Bytef*>(chunk);
      z.avail_out = sizeof chunk;
      rc = inflate(&z, Z_NO_FLUSH);
      size_t produced = sizeof chunk - z.avail_out;
      size_t room = kMaxPdfInflatedBytes - inflated_;
      if (produced > room) {
        produced = room;
        scan_.cut = true;
        rc = Z_STREAM_END;
      }
      out.append(chunk, produced);
      inflated_ += produced;
    }
    inflateEnd(&z);
    return out;
  }

  void Add(const std::string& uri) {
    std::string url(TrimAsciiSpace(uri));
    if (url.empty() || !seen_.insert(url).second) return;
    if (links_->size() >= max_links_) {
      scan_.links_full = true;
      return;
    }
    Link link;
    link.url = std::move(url);
    link.source = LinkSource::kPdfAction;
    DescribeLinkTarget(&link);
    links_->push_back(std::move(link));
  }

  size_t max_links_;
  std::vector<Link>* links_;
  PdfLinkScan scan_;
  std::set<std::string> seen_;
  int streams_ = 0;
  size_t inflated_ = 0;
};

}  // namespace

PdfLinkScan ExtractPdfLinks(std::string_view pdf, size_t max_links, std::vector<Link>* links) {
  return PdfLinkReader(max_links, links).Run(pdf);
}

}  // namespace rapport
