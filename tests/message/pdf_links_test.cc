#include "message/pdf_links.h"

#include <zlib.h>

#include <catch2/catch.hpp>
#include <string>

namespace rapport {
namespace {

using namespace std::string_view_literals;

std::vector<Link> Extract(std::string_view pdf, size_t max_links = 100) {
  std::vector<Link> links;
  ExtractPdfLinks(pdf, max_links, &links);
  return links;
}

std::string Deflate(std::string_view text) {
  uLongf size = compressBound(text.size());
  std::string out(size, '\0');
  REQUIRE(compress(reinterpret_cast<Bytef*>(out.data()), &size,
                   reinterpret_cast<const Bytef*>(text.data()), text.size()) == Z_OK);
  out.resize(size);
  return out;
}

// An object stream of PDF 1.5 holding `objects`, Flate-compressed.
std::string ObjectStream(int number, std::string_view objects) {
  const std::string data = Deflate(objects);
  return std::to_string(number) + " 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode " +
         "/Length " + std::to_string(data.size()) + " >>\nstream\r\n" + data +
         "\nendstream\nendobj\n";
}

TEST_CASE("URI actions are read from literal and hexadecimal strings") {
  auto links = Extract(
      "%PDF-1.4\n1 0 obj << /Type /Annot /Subtype /Link /A << /S /URI "
      "/URI (https://lit.example.com/a\\(b\\)c\\\\d\\056e) >> >> endobj\n"
      "2 0 obj << /A << /S /URI /URI<68 74 74 70 3a2f2f6865782e6578616d706c652e6e6574 2f> >> >>\n"
      "3 0 obj << /URI << /Base (https://base.example/) >> >>\n"  // a catalog's URI dictionary
      "4 0 obj << /A << /URI (\xFE\xFF\0h\0t\0t\0p\0s\0:\0/\0/\0u\0t\0f\0.\0e\0x\0/) >> >>\n"
      "5 0 obj << /A << /URI (https://lit.example.com/a\\(b\\)c\\\\d\\056e) >> >>\n"sv);
  REQUIRE(links.size() == 3);
  CHECK(links[0].url == "https://lit.example.com/a(b)c\\d.e");
  CHECK(links[0].host == "lit.example.com");
  CHECK(links[0].source == LinkSource::kPdfAction);
  CHECK(links[1].url == "http://hex.example.net/");
  CHECK(links[2].url == "https://utf.ex/");
}

TEST_CASE("URI actions packed in a Flate object stream are read; content streams are not") {
  const std::string pdf =
      "%PDF-1.5\n" + ObjectStream(7, "12 0 << /S /URI /URI (https://packed.example.org/x) >>") +
      "8 0 obj\n<< /Filter /FlateDecode /Length 60 >>\nstream\n" +
      Deflate("BT (/URI \\(https://content.example/\\)) Tj ET") + "\nendstream\nendobj\n";
  auto links = Extract(pdf);
  REQUIRE(links.size() == 1);
  CHECK(links[0].host == "packed.example.org");
}

TEST_CASE("An encrypted PDF, a broken stream and an unclosed string yield nothing") {
  CHECK(Extract("%PDF-1.4\n<< /URI (https://x.example/) >>\ntrailer << /Encrypt 9 0 R >>").empty());
  CHECK(Extract("%PDF-1.5\n1 0 obj << /Type /ObjStm /Filter /FlateDecode >>\nstream\nnot zlib")
            .empty());
  CHECK(Extract("/URI (https://never.example/ closed").empty());
  CHECK(Extract("/URI").empty());
  CHECK(Extract("/URI <6").empty());
}

TEST_CASE("Object streams past the bound are left unread and said to be") {
  std::string pdf = "%PDF-1.5\n";
  for (int i = 0; i <= kMaxPdfObjectStreams; ++i) {
    pdf += ObjectStream(i + 1, "1 0 << /URI (https://h" + std::to_string(i) + ".example.com/) >>");
  }
  std::vector<Link> links;
  PdfLinkScan scan = ExtractPdfLinks(pdf, 1000, &links);
  CHECK(scan.cut);
  CHECK_FALSE(scan.links_full);
  CHECK(links.size() == static_cast<size_t>(kMaxPdfObjectStreams));
}

TEST_CASE("PDF links stop at the cap") {
  std::string pdf;
  for (int i = 0; i < 10; ++i) pdf += "/URI (https://p" + std::to_string(i) + ".example.com/)";
  std::vector<Link> links;
  CHECK(ExtractPdfLinks(pdf, 4, &links).links_full);
  CHECK(links.size() == 4);
}

}  // namespace
}  // namespace rapport
