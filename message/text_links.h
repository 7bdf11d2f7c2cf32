#pragma once

#include <string_view>
#include <vector>

#include "message/message.h"

namespace rapport {

// Appends to *links every http://, https:// and www. URL written in plain
// text, with its target described (see DescribeLinkTarget) and source
// kPlainText. A URL whose text equals one already in *links (say, from the
// HTML alternative of the same message) is not added again. Trailing
// punctuation that closes a sentence is not part of the URL. Stops once
// *links holds `max_links` entries; returns false when a link was dropped.
bool ExtractTextLinks(std::string_view text, size_t max_links, std::vector<Link>* links);

}  // namespace rapport
