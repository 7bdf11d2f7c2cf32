#include "message/zip_names.h"

#include <algorithm>
#include <cstdint>

namespace rapport {

namespace {

constexpr uint32_t kEndOfDirectorySignature = 0x06054b50;
constexpr uint32_t kDirectoryEntrySignature = 0x02014b50;
constexpr size_t kEndOfDirectorySize = 22;
constexpr size_t kDirectoryEntrySize = 46;
constexpr size_t kMaxArchiveComment = 0xffff;

uint16_t Le16(std::string_view data, size_t at) {
  return static_cast<uint16_t>(static_cast<uint8_t>(data[at]) | static_cast<uint8_t>(data[at + 1])
                                                                    << 8);
}

uint32_t Le32(std::string_view data, size_t at) {
  return static_cast<uint32_t>(Le16(data, at)) | static_cast<uint32_t>(Le16(data, at + 2)) << 16;
}

// The offset of the end-of-central-directory record: the last one whose
// comment length reaches exactly to the end of the data, searched back
// over the longest comment the format allows.
bool FindEndOfDirectory(std::string_view archive, size_t* at) {
  if (archive.size() < kEndOfDirectorySize) return false;
  const size_t last = archive.size() - kEndOfDirectorySize;
  const size_t first = last - std::min(last, kMaxArchiveComment);
  for (size_t i = last + 1; i-- > first;) {
    if (Le32(archive, i) == kEndOfDirectorySignature &&
        i + kEndOfDirectorySize + Le16(archive, i + 20) == archive.size()) {
      *at = i;
      return true;
    }
  }
  return false;
}

std::string PrintableName(std::string_view raw) {
  std::string name(raw);
  for (char& c : name) {
    if (c < 0x20 || c > 0x7e) c = '?';
  }
  return name;
}

}  // namespace

std::vector<std::string> ZipFileNames(std::string_view archive, size_t max_names) {
  std::vector<std::string> names;
  size_t end = 0;
  if (!FindEndOfDirectory(archive, &end)) return names;
  const uint16_t entries = Le16(archive, end + 10);
  size_t at = Le32(archive, end + 16);  // 0xffffffff for ZIP64: past the data
  for (uint16_t i = 0; i < entries && names.size() < max_names; ++i) {
    if (at > end || end - at < kDirectoryEntrySize) break;
    if (Le32(archive, at) != kDirectoryEntrySignature) break;
    const size_t name_length = Le16(archive, at + 28);
    const size_t rest = name_length + Le16(archive, at + 30) + Le16(archive, at + 32);
    if (end - at - kDirectoryEntrySize < rest) break;
    names.push_back(PrintableName(archive.substr(at + kDirectoryEntrySize, name_length)));
    at += kDirectoryEntrySize + rest;
  }
  return names;
}

}  // namespace rapport
