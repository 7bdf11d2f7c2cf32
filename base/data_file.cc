#include "base/data_file.h"

#include <fstream>

namespace rapport {

std::string DataFilePath(std::string_view name) {
  std::string installed = std::string(RAPPORT_INSTALLED_DATA_DIR) + "/" + std::string(name);
  if (std::ifstream(installed).good()) return installed;
  return std::string(RAPPORT_SOURCE_DATA_DIR) + "/" + std::string(name);
}

Status ReadDataFile(const std::string& path, std::string_view what, std::string* text) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read " + std::string(what) + " " + path);
  text->assign(kMaxDataFileBytes + 1, '\0');
  in.read(text->data(), static_cast<std::streamsize>(text->size()));
  text->resize(static_cast<size_t>(in.gcount()));
  if (text->size() > kMaxDataFileBytes) {
    return Status::InvalidArgument(std::string(what) + " " + path + " is larger than 1 MiB");
  }
  return Status::Ok();
}

Status LoadDataFile(
    const std::string& path, std::string_view what,
    const std::function<Status(std::string_view text, std::string_view origin)>& parse) {
  std::string text;
  Status status = ReadDataFile(path, what, &text);
  if (!status.ok()) return status;
  return parse(text, path);
}

Status ForEachDataLine(
    std::string_view text, std::string_view origin,
    const std::function<std::string(std::string_view line, int line_number)>& entry) {
  int line_number = 0;
  while (!text.empty()) {
    ++line_number;
    const size_t end = text.find('\n');
    std::string_view line = text.substr(0, end);
    text = end == std::string_view::npos ? std::string_view() : text.substr(end + 1);
    line = line.substr(0, line.find('#'));
    const size_t first = line.find_first_not_of(" \t\r");
    if (first == std::string_view::npos) continue;
    line = line.substr(first, line.find_last_not_of(" \t\r") + 1 - first);
    std::string complaint = entry(line, line_number);
    if (!complaint.empty()) {
      return Status::InvalidArgument(std::string(origin) + ":" + std::to_string(line_number) +
                                     ": " + complaint);
    }
  }
  return Status::Ok();
}

}  // namespace rapport
