#include "milter/message_buffer.h"

#include <algorithm>

namespace rapport {
namespace {

constexpr std::string_view kLineEnd = "\r\n";

}  // namespace

void MessageBuffer::AddHeader(std::string_view name, std::string_view value) {
  if (headers_done_) return;
  const size_t size = name.size() + 2 + value.size() + kLineEnd.size();
  // A header is kept whole or not at all (a cut header could change meaning),
  // and the blank line that ends the section is always kept room for.
  if (header_dropped_ || raw_.size() + size + kLineEnd.size() > max_bytes_) {
    header_dropped_ = true;
    dropped_bytes_ += size;
    return;
  }
  raw_.append(name).append(": ").append(value).append(kLineEnd);
}

void MessageBuffer::EndHeaders() {
  if (headers_done_) return;
  headers_done_ = true;
  raw_.append(kLineEnd);
}

void MessageBuffer::AddBody(std::string_view chunk) {
  if (!headers_done_) EndHeaders();
  Append(chunk);
}

void MessageBuffer::Append(std::string_view text) {
  const size_t room = raw_.size() < max_bytes_ ? max_bytes_ - raw_.size() : 0;
  const size_t kept = std::min(room, text.size());
  raw_.append(text.substr(0, kept));
  dropped_bytes_ += text.size() - kept;
}

}  // namespace rapport
