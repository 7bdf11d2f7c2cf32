#include "bench/throughput/milter_load/corpus.h"

#include <strings.h>

#include <algorithm>
#include <filesystem>
#include <fstream>
#include <sstream>

namespace rapport::bench {
namespace {

namespace fs = std::filesystem;

// One file of the corpus and whether it holds an mbox.
struct ArchiveFile {
  std::string contents;
  bool mbox = false;
};

bool IsMboxQuotedFrom(std::string_view line) {
  size_t i = 0;
  while (i < line.size() && line[i] == '>') ++i;
  return i > 0 && line.substr(i).starts_with("From ");
}

// Next line of `text` from *pos, without its LF or CRLF; advances *pos.
std::string_view NextLine(std::string_view text, size_t* pos) {
  const size_t start = *pos;
  size_t end = text.find('\n', start);
  if (end == std::string_view::npos) {
    *pos = text.size();
    end = text.size();
  } else {
    *pos = end + 1;
  }
  std::string_view line = text.substr(start, end - start);
  if (!line.empty() && line.back() == '\r') line.remove_suffix(1);
  return line;
}

// The length of a header field name at the start of `line`, with the
// position of its colon in *colon, or 0 when the line is not a header
// field. Blanks may come between the name and the colon ("Subject :"), as
// Postfix accepts them; the MTA hands the name without them.
size_t HeaderNameLength(std::string_view line, size_t* colon) {
  size_t i = 0;
  while (i < line.size() && line[i] > ' ' && line[i] < 127 && line[i] != ':') ++i;
  size_t j = i;
  while (j < line.size() && (line[j] == ' ' || line[j] == '\t')) ++j;
  if (i == 0 || j >= line.size() || line[j] != ':') return 0;
  *colon = j;
  return i;
}

bool IsFold(std::string_view line) { return !line.empty() && (line[0] == ' ' || line[0] == '\t'); }

const CorpusHeader* FindHeader(const std::vector<CorpusHeader>& headers, std::string_view name) {
  for (const CorpusHeader& h : headers) {
    if (h.name.size() == name.size() && strncasecmp(h.name.data(), name.data(), name.size()) == 0) {
      return &h;
    }
  }
  return nullptr;
}

void AddAddresses(const std::vector<CorpusHeader>& headers, std::string_view name, size_t max,
                  std::vector<std::string>* out) {
  for (const CorpusHeader& h : headers) {
    if (out->size() >= max) return;
    if (h.name.size() != name.size() || strncasecmp(h.name.data(), name.data(), name.size()) != 0) {
      continue;
    }
    for (std::string& address : ExtractAddresses(h.value, max - out->size())) {
      if (std::find(out->begin(), out->end(), address) == out->end()) {
        out->push_back(std::move(address));
      }
    }
  }
}

// Takes the address out of one element of an address list.
std::string AddressOfElement(std::string_view element) {
  const size_t open = element.find('<');
  if (open != std::string_view::npos) {
    const size_t close = element.find('>', open);
    element = element.substr(open + 1, close == std::string_view::npos ? close : close - open - 1);
  }
  const size_t at = element.find('@');
  if (at == std::string_view::npos) return "";
  // Without brackets, the address is the word holding the '@'.
  size_t begin = element.find_last_of(" \t\r\n\"", at);
  begin = begin == std::string_view::npos ? 0 : begin + 1;
  size_t end = element.find_first_of(" \t\r\n\"", at);
  if (end == std::string_view::npos) end = element.size();
  std::string_view address = element.substr(begin, end - begin);
  if (address.size() < 3 || address.front() == '@' || address.back() == '@') return "";
  return std::string(address);
}

Status ReadFile(const fs::path& path, std::string* out) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read " + path.string());
  std::ostringstream buffer;
  buffer << in.rdbuf();
  *out = std::move(buffer).str();
  return Status::Ok();
}

Status CollectFiles(const fs::path& path, int depth_left, std::vector<fs::path>* out) {
  std::error_code ec;
  if (fs::is_regular_file(path, ec)) {
    out->push_back(path);
    return Status::Ok();
  }
  if (!fs::is_directory(path, ec))
    return Status::IoError("no such file or directory: " + path.string());
  if (depth_left < 0) return Status::Ok();
  std::vector<fs::path> children;
  for (const fs::directory_entry& entry : fs::directory_iterator(path, ec)) {
    if (entry.path().filename().string().starts_with(".")) continue;
    children.push_back(entry.path());
  }
  if (ec) return Status::IoError("cannot list " + path.string() + ": " + ec.message());
  std::sort(children.begin(), children.end());
  for (const fs::path& child : children) {
    // Maildir's tmp/ holds messages still being written.
    if (child.filename() == "tmp" && fs::is_directory(path / "cur", ec)) continue;
    Status s = CollectFiles(child, depth_left - 1, out);
    if (!s.ok()) return s;
  }
  return Status::Ok();
}

}  // namespace

std::vector<std::string_view> SplitMbox(std::string_view mbox) {
  std::vector<std::string_view> messages;
  size_t pos = 0;
  size_t start = std::string_view::npos;
  while (pos < mbox.size()) {
    const size_t line_start = pos;
    const std::string_view line = NextLine(mbox, &pos);
    if (!line.starts_with("From ")) continue;
    if (start != std::string_view::npos) messages.push_back(mbox.substr(start, line_start - start));
    start = pos;
  }
  if (start != std::string_view::npos) messages.push_back(mbox.substr(start));
  return messages;
}

std::vector<std::string> ExtractAddresses(std::string_view value, size_t max) {
  std::vector<std::string> addresses;
  size_t element_start = 0;
  bool quoted = false;
  bool in_angle = false;
  int comment_depth = 0;
  // One step past the end acts as a final ',' closing the last element.
  for (size_t i = 0; i <= value.size() && addresses.size() < max; ++i) {
    if (i < value.size()) {
      const char c = value[i];
      if (quoted) {
        if (c == '\\')
          ++i;
        else if (c == '"')
          quoted = false;
        continue;
      }
      if (comment_depth > 0) {
        if (c == '(')
          ++comment_depth;
        else if (c == ')')
          --comment_depth;
        continue;
      }
      if (c == '"')
        quoted = true;
      else if (c == '(')
        comment_depth = 1;
      else if (c == '<')
        in_angle = true;
      else if (c == '>')
        in_angle = false;
      // A group's name ends at ':'; its members follow as ordinary elements.
      else if (c == ':' && !in_angle)
        element_start = i + 1;
      if (in_angle || (c != ',' && c != ';')) continue;
    }
    std::string address = AddressOfElement(value.substr(element_start, i - element_start));
    if (!address.empty()) addresses.push_back(std::move(address));
    element_start = i + 1;
    in_angle = false;
  }
  return addresses;
}

CorpusMessage PrepareMessage(std::string_view raw, bool mboxrd, const CorpusOptions& options) {
  CorpusMessage message;
  size_t pos = 0;
  std::string_view pending;  // a line read ahead that belongs to the body
  bool have_pending = false;
  while (pos < raw.size()) {
    std::string_view line = NextLine(raw, &pos);
    if (line.empty()) break;
    if (IsFold(line) && !message.headers.empty()) {
      message.headers.back().value.push_back('\n');
      message.headers.back().value.append(line);
      continue;
    }
    size_t colon = 0;
    const size_t name_length = HeaderNameLength(line, &colon);
    if (name_length == 0 || message.headers.size() >= options.max_headers) {
      pending = line;
      have_pending = true;
      break;
    }
    message.headers.push_back(
        {std::string(line.substr(0, name_length)), std::string(line.substr(colon + 1))});
  }
  message.body.reserve(raw.size() - std::min(pos, raw.size()) + 1024);
  auto append_body_line = [&](std::string_view line) {
    if (mboxrd && IsMboxQuotedFrom(line)) line.remove_prefix(1);
    message.body.append(line);
    message.body.append("\r\n");
  };
  if (have_pending) append_body_line(pending);
  while (pos < raw.size()) append_body_line(NextLine(raw, &pos));

  for (const char* name : {"Return-Path", "From", "Sender"}) {
    if (const CorpusHeader* h = FindHeader(message.headers, name)) {
      std::vector<std::string> from = ExtractAddresses(h->value, 1);
      if (!from.empty()) {
        message.mail_from = std::move(from.front());
        break;
      }
    }
  }
  for (const char* name : {"X-Original-To", "Delivered-To"}) {
    AddAddresses(message.headers, name, options.max_recipients, &message.recipients);
  }
  if (message.recipients.empty()) {
    for (const char* name : {"To", "Cc", "Bcc"}) {
      AddAddresses(message.headers, name, options.max_recipients, &message.recipients);
    }
  }
  if (message.recipients.empty()) message.recipients.push_back(options.default_recipient);
  return message;
}

Status LoadCorpus(const std::vector<std::string>& paths, const CorpusOptions& options,
                  Corpus* out) {
  std::vector<fs::path> files;
  for (const std::string& path : paths) {
    Status s = CollectFiles(path, options.max_depth, &files);
    if (!s.ok()) return s;
  }
  std::vector<ArchiveFile> archives(files.size());
  struct Raw {
    std::string_view text;
    bool mboxrd;
  };
  std::vector<Raw> raws;
  for (size_t i = 0; i < files.size(); ++i) {
    Status s = ReadFile(files[i], &archives[i].contents);
    if (!s.ok()) return s;
    const std::string_view contents = archives[i].contents;
    archives[i].mbox = contents.starts_with("From ");
    if (!archives[i].mbox) {
      if (!contents.empty()) raws.push_back({contents, false});
      continue;
    }
    for (std::string_view message : SplitMbox(contents)) raws.push_back({message, true});
  }
  if (raws.empty()) return Status::InvalidArgument("no messages found in the corpus paths");

  const size_t wanted = options.sample == 0 ? raws.size() : std::min(options.sample, raws.size());
  out->messages.reserve(wanted);
  for (size_t i = 0; i < wanted; ++i) {
    // Evenly spaced, so a sample of a mixed corpus keeps its mix.
    const Raw& raw = raws[i * raws.size() / wanted];
    if (raw.text.size() > options.max_message_bytes) {
      ++out->skipped;
      continue;
    }
    out->messages.push_back(PrepareMessage(raw.text, raw.mboxrd, options));
  }
  if (out->messages.empty()) return Status::InvalidArgument("every corpus message was too large");
  return Status::Ok();
}

}  // namespace rapport::bench
