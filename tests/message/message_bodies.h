#pragma once

#include <string>
#include <string_view>

#include "message/html_links.h"
#include "message/message.h"
#include "message/text_links.h"

namespace rapport::testing {

// A message whose plain text is `text`, its links read as the parser reads
// them: what the readers of the text (link_ask, payment_ask) are given.
inline Message PlainText(std::string_view text) {
  Message message;
  message.text_body = std::string(text);
  ExtractTextLinks(message.text_body, 16, &message.links);
  return message;
}

// The same for an HTML body.
inline Message Html(std::string_view html) {
  Message message;
  message.html_body = std::string(html);
  ExtractHtmlLinks(message.html_body, HtmlDocument::kMailBody, 16, &message.links);
  return message;
}

}  // namespace rapport::testing
