#pragma once

#include <string>
#include <string_view>

namespace rapport {

// Where a character reference appears; HTML leaves "&copy=1" alone inside
// an attribute value (it is part of a URL query) but not in text.
enum class EntityContext { kText, kAttribute };

// Appends `in` to *out with HTML character references decoded to UTF-8:
// numeric ("&#233;", "&#xE9;") and the named references mail actually uses
// ("&amp;", "&nbsp;", "&eacute;", ...). Unknown or malformed references are
// copied as written.
void AppendHtmlDecoded(std::string_view in, EntityContext context, std::string* out);

// Appends the UTF-8 encoding of `code_point` (U+FFFD for invalid ones).
void AppendUtf8(char32_t code_point, std::string* out);

}  // namespace rapport
