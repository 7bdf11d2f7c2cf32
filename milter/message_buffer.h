#pragma once

#include <cstddef>
#include <string>
#include <string_view>

namespace rapport {

// Rebuilds one message as the MTA streams it (headers, then body chunks)
// into the raw text the parser reads, keeping at most `max_bytes`. Past the
// bound the rest is dropped and truncated() says so; the message is still
// scored on what was kept. The header section always ends with the blank
// line, even when headers alone filled the bound, so what was kept parses
// as mail.
class MessageBuffer {
 public:
  explicit MessageBuffer(size_t max_bytes) : max_bytes_(max_bytes) {}

  // Appends "name: value" and a line end. Ignored after EndHeaders().
  void AddHeader(std::string_view name, std::string_view value);
  // Closes the header section.
  void EndHeaders();
  // Appends body bytes as given (the MTA sends CRLF line ends).
  void AddBody(std::string_view chunk);

  // The message so far.
  std::string_view raw() const { return raw_; }
  // Bytes the MTA sent that were dropped.
  bool truncated() const { return dropped_bytes_ > 0; }
  size_t dropped_bytes() const { return dropped_bytes_; }

 private:
  // Appends as much of `text` as the bound allows.
  void Append(std::string_view text);

  size_t max_bytes_;
  std::string raw_;
  size_t dropped_bytes_ = 0;
  bool headers_done_ = false;
  bool header_dropped_ = false;  // a header did not fit: later ones are dropped too
};

}  // namespace rapport
