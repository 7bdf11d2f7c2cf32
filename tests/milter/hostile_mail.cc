#include "tests/milter/hostile_mail.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <functional>
#include <utility>

namespace rapport::test {
namespace {

constexpr char kCrlf[] = "\r\n";

// The headers every hostile message starts with, from an outside sender to
// a local recipient so that it is scored as inbound.
std::string Head(const std::string& subject = "Invoice") {
  return "From: Billing <billing@vendor.test>\r\n"
         "To: alice@example.test\r\n"
         "Subject: " +
         subject +
         "\r\n"
         "Date: Tue, 14 Nov 2023 09:00:00 +0000\r\n"
         "Message-ID: <hostile@vendor.test>\r\n"
         "MIME-Version: 1.0\r\n";
}

Envelope InboundEnvelope() {
  Envelope envelope;
  envelope.queue_id = "4HOSTILE";
  envelope.mail_from = "billing@vendor.test";
  envelope.rcpt_to = {"alice@example.test"};
  envelope.client_ip = "192.0.2.7";
  envelope.helo = "mail.vendor.test";
  return envelope;
}

std::string Body50Mb() {
  std::string raw = Head() + "Content-Type: text/plain\r\n\r\n";
  const std::string line = "Pay now at https://pay.vendor.test/invoice and do not delay it.\r\n";
  while (raw.size() < 50u * 1024 * 1024) raw += line;
  return raw;
}

std::string Recipients10k() {
  std::string to = "To: ";
  for (int i = 0; i < 10000; ++i) {
    to += (i ? ",\r\n " : "") + std::string("user") + std::to_string(i) + "@example.test";
  }
  std::string raw = Head();
  raw.replace(raw.find("To: alice@example.test\r\n"), 24, to + kCrlf);
  return raw + "\r\nHello all.\r\n";
}

std::string Headers10k() {
  std::string raw = Head();
  for (int i = 0; i < 10000; ++i) raw += "X-Filler-" + std::to_string(i) + ": value\r\n";
  return raw + "\r\nBody after ten thousand headers.\r\n";
}

std::string MimeNested500() {
  std::string raw = Head() + "Content-Type: multipart/mixed; boundary=\"b0\"\r\n\r\n";
  for (int i = 1; i <= 500; ++i) {
    raw += "--b" + std::to_string(i - 1) + "\r\nContent-Type: multipart/mixed; boundary=\"b" +
           std::to_string(i) + "\"\r\n\r\n";
  }
  raw += "--b500\r\nContent-Type: text/plain\r\n\r\ndeep https://deep.vendor.test/\r\n";
  for (int i = 500; i >= 0; --i) raw += "--b" + std::to_string(i) + "--\r\n";
  return raw;
}

std::string HtmlLinks100k() {
  std::string raw = Head() + "Content-Type: text/html\r\n\r\n<html><body>\r\n";
  for (int i = 0; i < 100000; ++i) {
    raw += "<a href=\"https://h" + std::to_string(i) + ".vendor.test/\">x</a>\r\n";
  }
  return raw + "</body></html>\r\n";
}

std::string TextLinks100k() {
  std::string raw = Head() + "Content-Type: text/plain\r\n\r\n";
  for (int i = 0; i < 100000; ++i) raw += "https://t" + std::to_string(i) + ".vendor.test/\r\n";
  return raw;
}

std::string NulBytes() {
  std::string raw = Head(std::string("In\0voice", 8));
  raw += std::string("X-Nul: a\0b\0c\r\n", 14);
  raw += "Content-Type: text/plain\r\n\r\n";
  for (int i = 0; i < 1000; ++i) raw += std::string("see https://nul\0.vendor.test/\0\0\r\n", 34);
  return raw;
}

std::string InvalidUtf8() {
  std::string raw = Head("\xff\xfe caf\xc3 \xed\xa0\x80 =?x-no-such-charset?B?/////w==?=");
  raw += "Content-Type: multipart/mixed; boundary=\"u\"\r\n\r\n";
  raw += "--u\r\nContent-Type: text/plain; charset=x-bogus-charset\r\n\r\n\xff\xfe\xfd bogus\r\n";
  raw += "--u\r\nContent-Type: text/plain; charset=utf-8\r\n\r\n\xc0\xaf\xe0\x80\xaf\xf8\x88\r\n";
  raw += "--u\r\nContent-Type: text/html; charset=\"utf-7\"\r\n\r\n+ADw-a href+AD0-x+AD4-\r\n";
  raw += "--u\r\nContent-Type: text/plain; charset=iso-2022-jp\r\n\r\n\x1b$B\xff\xff\x1b(B\r\n";
  raw += "--u--\r\n";
  return raw;
}

std::string EncodedWordMany() {
  std::string subject;
  for (int i = 0; i < 20000; ++i) subject += "=?utf-8?B?w6k=?= ";
  return Head(subject) + "\r\nbody\r\n";
}

std::string EncodedWordHuge() {
  // One encoded word of ~1 MB, then one in a charset that does not exist.
  std::string subject = "=?utf-8?B?" + std::string(1024 * 1024, 'Q') + "?= =?x-bogus?Q?=FF=FE?=";
  return Head(subject) + "\r\nbody\r\n";
}

std::string HeaderLine1Mb() {
  std::string raw = Head();
  raw += "X-Long: " + std::string(1024 * 1024, 'a') + kCrlf;
  return raw + "\r\nbody\r\n";
}

std::string Base64Garbage() {
  std::string raw = Head() + "Content-Type: multipart/mixed; boundary=\"g\"\r\n\r\n";
  raw += "--g\r\nContent-Type: text/plain\r\nContent-Transfer-Encoding: base64\r\n\r\n";
  for (int i = 0; i < 40000; ++i) raw += "!!@@##$$%%^^&&**(())==AAAA====-_~~\x80\xff\r\n";
  raw +=
      "--g\r\nContent-Type: application/pdf; name=x.pdf\r\n"
      "Content-Transfer-Encoding: base64\r\n\r\n";
  for (int i = 0; i < 40000; ++i) raw += "====QUFB====Q\r\n";
  return raw + "--g--\r\n";
}

std::string HtmlUnclosed() {
  std::string raw = Head() + "Content-Type: text/html\r\n\r\n";
  raw += "<a href=\"https://before.vendor.test/\">before</a>";
  raw += "<div><table><tr><td><a href=\"https://open.vendor.test/\">open <b><i>";
  raw += "<!-- this comment never closes\r\n";
  for (int i = 0; i < 20000; ++i) raw += "<a href=\"https://hidden.vendor.test/\">x</a>\r\n";
  return raw + "<a href='https://unterminated.vendor.test/";
}

// zlib data that inflates to 64 MiB of one URI action repeated.
std::string InflationBomb() {
  std::string chunk;
  while (chunk.size() < 1024 * 1024) chunk += "/URI (https://bomb.vendor.test/) ";
  z_stream z{};
  REQUIRE(deflateInit(&z, Z_BEST_COMPRESSION) == Z_OK);
  std::string out;
  char buffer[65536];
  for (int i = 0; i <= 64; ++i) {
    const bool last = i == 64;
    z.next_in = reinterpret_cast<Bytef*>(chunk.data());
    z.avail_in = last ? 0 : static_cast<uInt>(chunk.size());
    int rc;
    do {
      z.next_out = reinterpret_cast<Bytef*>(buffer);
      z.avail_out = sizeof buffer;
      rc = deflate(&z, last ? Z_FINISH : Z_NO_FLUSH);
      out.append(buffer, sizeof buffer - z.avail_out);
    } while (z.avail_out == 0 || (last && rc != Z_STREAM_END));
  }
  deflateEnd(&z);
  return out;
}

// Attachments a reader of their links must bound: a PDF whose object stream
// inflates to 64 MiB (sent as binary), a 5 MB PDF past what is left of
// max_attachment_bytes, and an attached page whose markup never closes.
std::string AttachmentsHostile() {
  std::string raw = Head() + "Content-Type: multipart/mixed; boundary=\"a\"\r\n\r\n";
  raw += "--a\r\nContent-Type: text/plain\r\n\r\nThe statements are attached.\r\n";
  const std::string bomb = InflationBomb();
  raw +=
      "--a\r\nContent-Type: application/pdf; name=bomb.pdf\r\n"
      "Content-Transfer-Encoding: binary\r\n\r\n%PDF-1.5\r\n1 0 obj << /Type /ObjStm "
      "/Filter /FlateDecode /Length " +
      std::to_string(bomb.size()) + " >>\r\nstream\r\n" + bomb + "\r\nendstream\r\n";
  raw += "--a\r\nContent-Type: application/pdf; name=large.pdf\r\n\r\n%PDF-1.4\r\n";
  for (int i = 0; i < 80000; ++i) {
    raw += "<< /A << /URI (https://large.vendor.test/" + std::to_string(i) + ") >> >>\r\n";
  }
  raw +=
      "--a\r\nContent-Type: application/octet-stream; name=page.html\r\n\r\n"
      "<form action=\"https://page.vendor.test/p\"><a href='https://never.vendor.test/\r\n";
  return raw + "--a--\r\n";
}

const std::vector<std::pair<std::string, std::function<std::string()>>>& Generators() {
  static const auto* generators =
      new std::vector<std::pair<std::string, std::function<std::string()>>>{
          {"body_50mb", Body50Mb},
          {"recipients_10k", Recipients10k},
          {"headers_10k", Headers10k},
          {"mime_nested_500", MimeNested500},
          {"html_links_100k", HtmlLinks100k},
          {"text_links_100k", TextLinks100k},
          {"nul_bytes", NulBytes},
          {"invalid_utf8_charsets", InvalidUtf8},
          {"encoded_word_many", EncodedWordMany},
          {"encoded_word_huge", EncodedWordHuge},
          {"header_line_1mb", HeaderLine1Mb},
          {"base64_garbage", Base64Garbage},
          {"html_unclosed", HtmlUnclosed},
          {"attachments_hostile", AttachmentsHostile},
      };
  return *generators;
}

HostileMail Make(const std::string& name, const std::function<std::string()>& generate) {
  HostileMail mail{name, InboundEnvelope(), generate()};
  if (name == "recipients_10k") {
    for (int i = 0; i < 10000; ++i) {
      mail.envelope.rcpt_to.push_back("user" + std::to_string(i) + "@example.test");
    }
  }
  return mail;
}

}  // namespace

std::vector<std::string> HostileMailNames() {
  std::vector<std::string> names;
  for (const auto& entry : Generators()) names.push_back(entry.first);
  return names;
}

HostileMail HostileMailNamed(const std::string& name) {
  for (const auto& [known, generate] : Generators()) {
    if (known == name) return Make(name, generate);
  }
  FAIL("no hostile message named " << name);
  return {};
}

}  // namespace rapport::test
