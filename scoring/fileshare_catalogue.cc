#include "scoring/fileshare_catalogue.h"

#include <algorithm>

#include "base/data_file.h"
#include "message/ascii.h"
#include "message/link_target.h"

namespace rapport {

Status FileShareCatalogue::Parse(std::string_view text, std::string_view origin) {
  std::vector<Entry> entries;
  Status status = ForEachDataLine(text, origin, [&](std::string_view line, int) {
    std::string word = AsciiLowered(line);
    Entry entry;
    entry.text = word;
    size_t slash = word.find('/');
    entry.host = word.substr(0, slash);
    if (slash != std::string::npos) entry.path_prefix = word.substr(slash);
    while (entry.path_prefix.size() > 1 && entry.path_prefix.back() == '/') {
      entry.path_prefix.pop_back();
    }
    if (!IsListedHostName(entry.host) || word.find_first_of(" \t") != std::string::npos) {
      return "expected one host or host/path, got '" + std::string(line) + "'";
    }
    entries.push_back(std::move(entry));
    return std::string();
  });
  if (!status.ok()) return status;
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.host.size() + a.path_prefix.size() > b.host.size() + b.path_prefix.size();
  });
  entries_ = std::move(entries);
  return Status::Ok();
}

Status FileShareCatalogue::Load(const std::string& path) {
  std::string text;
  Status status = ReadDataFile(path, "file-share catalogue", &text);
  if (!status.ok()) return status;
  return Parse(text, path);
}

const std::string* FileShareCatalogue::Match(std::string_view host, std::string_view path) const {
  for (const Entry& entry : entries_) {
    if (HostIsOrIsUnder(host, entry.host) && PathIsUnder(path, entry.path_prefix))
      return &entry.text;
  }
  return nullptr;
}

std::string DefaultFileShareCataloguePath() { return DataFilePath("fileshare_domains.txt"); }

}  // namespace rapport
