#include "scoring/fileshare_catalogue.h"

#include <algorithm>

#include "base/data_file.h"
#include "message/ascii.h"
#include "message/link_target.h"

namespace rapport {

Status FileShareCatalogue::Parse(std::string_view text, std::string_view origin) {
  decltype(by_host_) by_host;
  size_t size = 0;
  Status status = ForEachDataLine(text, origin, [&](std::string_view line, int) {
    const std::string lowered = AsciiLowered(line);
    const size_t space = lowered.find_first_of(" \t");
    const std::string word = lowered.substr(0, space);
    std::string_view serves;
    if (space != std::string::npos) {
      serves = std::string_view(lowered).substr(space);
      serves.remove_prefix(std::min(serves.size(), serves.find_first_not_of(" \t")));
    }
    Entry entry;
    entry.platform.text = word;
    size_t slash = word.find('/');
    std::string host = word.substr(0, slash);
    if (slash != std::string::npos) entry.path_prefix = word.substr(slash);
    while (entry.path_prefix.size() > 1 && entry.path_prefix.back() == '/') {
      entry.path_prefix.pop_back();
    }
    if (!IsListedHostName(host)) {
      return "expected one host or host/path, got '" + std::string(line) + "'";
    }
    if (serves == "form") {
      entry.platform.serves = PlatformServes::kForms;
    } else if (serves == "site") {
      entry.platform.serves = PlatformServes::kSitePages;
    } else if (!serves.empty()) {
      return "expected a host or host/path, then \"form\", \"site\" or nothing, got '" +
             std::string(line) + "'";
    }
    by_host[host].push_back(std::move(entry));
    ++size;
    return std::string();
  });
  if (!status.ok()) return status;
  for (auto& [host, entries] : by_host) {
    std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
      return a.path_prefix.size() > b.path_prefix.size();
    });
  }
  by_host_ = std::move(by_host);
  size_ = size;
  return Status::Ok();
}

Status FileShareCatalogue::Load(const std::string& path) {
  return LoadDataFile(
      path, "file-share catalogue",
      [this](std::string_view text, std::string_view origin) { return Parse(text, origin); });
}

const FileShareCatalogue::Platform* FileShareCatalogue::Find(std::string_view host,
                                                             std::string_view path) const {
  while (!host.empty()) {
    if (auto found = by_host_.find(host); found != by_host_.end()) {
      for (const Entry& entry : found->second) {
        if (PathIsUnder(path, entry.path_prefix)) return &entry.platform;
      }
    }
    const size_t dot = host.find('.');
    if (dot == std::string_view::npos) break;
    host.remove_prefix(dot + 1);
  }
  return nullptr;
}

std::string DefaultFileShareCataloguePath() { return DataFilePath("fileshare_domains.txt"); }

}  // namespace rapport
