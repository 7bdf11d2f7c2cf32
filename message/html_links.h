#pragma once

#include <string_view>
#include <vector>

#include "message/message.h"

namespace rapport {

// Where an HTML document is shown, which decides what in it leads away.
enum class HtmlDocument {
  kMailBody,     // a mail client shows it: only a click leads away
  kBrowserPage,  // an attached page or SVG opens in a browser, which also
                 // follows its refresh and runs its scripts
};

// Appends to *links every link of an HTML document: each <a href> (or SVG
// <a xlink:href>) with its visible text and whether it wraps an <img>, each
// <area href> and each <form action>, with their targets described (see
// DescribeLinkTarget); in a kBrowserPage also, as kHtmlRedirect, the URL of
// a <meta http-equiv="refresh"> and each quoted URL a <script> assigns to
// location (`location = "…"`, `location.href = '…'`, `location.replace("…")`,
// `location.assign("…")`). In a kMailBody also, as kPlainText (see
// ExtractTextLinks), each URL written in the text outside anchors, which a
// mail client shows as a link ("Verify: https://x.example/"), read from at
// most 64 KB of such text that holds a '/' or "www.", a block-level tag
// ending a URL. Fragment-only hrefs ("#top") are skipped. Stops
// once *links holds `max_links` entries and returns false then; true when
// every link fit. Reads any byte sequence: unclosed tags, comments and quotes
// end the scan.
bool ExtractHtmlLinks(std::string_view html, HtmlDocument document, size_t max_links,
                      std::vector<Link>* links);

}  // namespace rapport
