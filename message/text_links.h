#pragma once

#include <string_view>
#include <vector>

#include "message/message.h"

namespace rapport {

// Appends to *links every http://, https:// and www. URL written in plain
// text, and every bare host with a path ("transfer.pages.dev/x", a host
// standing as a word, its last label a known top-level domain, something
// after its '/'), which a reader pastes into a browser and clients show as
// a link; the url of a bare one is written scheme-relative
// ("//transfer.pages.dev/x"). Each has its target described (see
// DescribeLinkTarget) and source kPlainText. A URL whose text equals one
// already in *links (say, from the HTML alternative of the same message),
// or a bare one whose http or https URL is there, is not added again.
// Trailing punctuation that closes a sentence is not part of the URL. Stops once
// *links holds `max_links` entries; returns false when a link was dropped.
bool ExtractTextLinks(std::string_view text, size_t max_links, std::vector<Link>* links);

}  // namespace rapport
