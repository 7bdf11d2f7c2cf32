#pragma once

#include <string_view>
#include <vector>

#include "message/message.h"

namespace rapport {

// Appends to *links every link of an HTML document: each <a href> with its
// visible text and whether it wraps an <img>, each <area href> and each
// <form action>, with their targets described (see DescribeLinkTarget).
// Fragment-only hrefs ("#top") are skipped. Stops once *links holds
// `max_links` entries and returns false then; true when every link fit.
// Reads any byte sequence: unclosed tags, comments and quotes end the scan.
bool ExtractHtmlLinks(std::string_view html, size_t max_links, std::vector<Link>* links);

}  // namespace rapport
