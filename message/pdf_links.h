#pragma once

#include <string_view>
#include <vector>

#include "message/message.h"

namespace rapport {

// What ExtractPdfLinks read and where it stopped.
struct PdfLinkScan {
  bool links_full = false;  // *links reached max_links: a link was dropped
  bool cut = false;         // a compressed object stream was left (or partly) unread
};

// Appends to *links the target of every URI action of a PDF file ("/URI
// (https://x/)" or "/URI <68…>"), source kPdfAction, described as
// DescribeLinkTarget does; a URL already added from this file is not added
// again. URI actions written inside FlateDecode object streams (PDF 1.5
// "/Type /ObjStm", where most generators now put annotations) are read by
// inflating those streams only, at most kMaxPdfObjectStreams of them and
// kMaxPdfInflatedBytes in all; content streams and images are never
// inflated. Reads any byte sequence; an encrypted file yields nothing.
// Stops once *links holds `max_links` entries.
PdfLinkScan ExtractPdfLinks(std::string_view pdf, size_t max_links, std::vector<Link>* links);

inline constexpr int kMaxPdfObjectStreams = 64;
inline constexpr size_t kMaxPdfInflatedBytes = 4 * 1024 * 1024;

}  // namespace rapport
