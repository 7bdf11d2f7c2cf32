#include "message/raw_bounds.h"

namespace rapport {

namespace {

// A MIME part is opened by one boundary line and a multipart closed by
// another; the factor leaves room for "-- " signatures and "-----Original
// Message-----" lines in text.
constexpr size_t kBoundaryLinesPerPart = 4;
// Header lines allowed in all part headers together, per top-level header.
constexpr size_t kPartHeaderLinesPerHeader = 4;

// Reads `text` line by line, each line with its '\n'.
class LineReader {
 public:
  explicit LineReader(std::string_view text) : text_(text) {}

  bool Next(std::string_view* line) {
    if (pos_ >= text_.size()) return false;
    size_t eol = text_.find('\n', pos_);
    size_t next = eol == std::string_view::npos ? text_.size() : eol + 1;
    *line = text_.substr(pos_, next - pos_);
    pos_ = next;
    return true;
  }
  size_t position() const { return pos_; }

 private:
  std::string_view text_;
  size_t pos_ = 0;
};

bool IsBlank(std::string_view line) { return line == "\n" || line == "\r\n"; }

}  // namespace

void BoundRawMessage(std::string_view raw, const ParseOptions& options, BoundedRaw* out,
                     Truncation* truncated) {
  out->text.clear();
  out->header_count = 0;
  if (raw.size() > options.max_message_size) {
    truncated->message_size = true;
    raw = raw.substr(0, options.max_message_size);
  }
  out->text.reserve(raw.size() + 1);

  LineReader reader(raw);
  std::string_view line;
  size_t body_start = raw.size();
  bool keep_field = true;
  while (reader.Next(&line)) {
    if (IsBlank(line)) {
      body_start = reader.position() - line.size();
      break;
    }
    if (line[0] != ' ' && line[0] != '\t') {
      keep_field = ++out->header_count <= options.max_headers;
      if (!keep_field) truncated->headers = true;
    }
    if (keep_field) out->text.append(line);
  }

  const size_t max_boundary_lines =
      kBoundaryLinesPerPart * static_cast<size_t>(std::max(0, options.max_mime_parts) +
                                                  std::max(0, options.max_mime_depth));
  const size_t max_part_header_lines =
      kPartHeaderLinesPerHeader * static_cast<size_t>(std::max(0, options.max_headers));
  size_t boundary_lines = 0;
  size_t part_header_lines = 0;
  bool in_part_headers = false;
  size_t body_end = raw.size();
  LineReader body(raw.substr(body_start));
  while (body.Next(&line)) {
    bool cut = false;
    if (line.size() >= 2 && line[0] == '-' && line[1] == '-') {
      in_part_headers = true;
      cut = ++boundary_lines > max_boundary_lines;
    } else if (in_part_headers) {
      in_part_headers = !IsBlank(line);
      cut = in_part_headers && ++part_header_lines > max_part_header_lines;
    }
    if (cut) {
      truncated->mime_parts = true;
      body_end = body_start + body.position() - line.size();
      break;
    }
  }
  out->text.append(raw.substr(body_start, body_end - body_start));
  // GMime drops a message whose header section ends the input mid-line.
  if (out->text.empty() || out->text.back() != '\n') out->text.push_back('\n');
}

}  // namespace rapport
