#include "scoring/fileshare_catalogue.h"

#include <algorithm>
#include <fstream>
#include <sstream>

namespace rapport {

namespace {

// A catalogue is a short hand-edited list; this bounds a mistaken file.
constexpr size_t kMaxCatalogueBytes = 1 << 20;

bool IsHostCharacter(char c) {
  return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '.' || c == '_';
}

bool HostMatches(std::string_view host, std::string_view entry_host) {
  if (host.size() < entry_host.size()) return false;
  if (host.substr(host.size() - entry_host.size()) != entry_host) return false;
  return host.size() == entry_host.size() || host[host.size() - entry_host.size() - 1] == '.';
}

// A path prefix matches whole segments: "/forms" matches "/forms/d/x"
// and "/forms?x" but not "/formsx".
bool PathMatches(std::string_view path, std::string_view prefix) {
  if (prefix.empty()) return true;
  if (path.substr(0, prefix.size()) != prefix) return false;
  if (path.size() == prefix.size()) return true;
  char next = path[prefix.size()];
  return next == '/' || next == '?' || next == '#';
}

}  // namespace

Status FileShareCatalogue::Parse(std::string_view text, std::string_view origin) {
  std::vector<Entry> entries;
  std::istringstream lines{std::string(text)};
  std::string line;
  int line_number = 0;
  while (std::getline(lines, line)) {
    ++line_number;
    size_t hash = line.find('#');
    if (hash != std::string::npos) line.resize(hash);
    std::istringstream words(line);
    std::string word;
    if (!(words >> word)) continue;
    std::transform(word.begin(), word.end(), word.begin(),
                   [](char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c + 32) : c; });
    Entry entry;
    entry.text = word;
    size_t slash = word.find('/');
    entry.host = word.substr(0, slash);
    if (slash != std::string::npos) entry.path_prefix = word.substr(slash);
    while (entry.path_prefix.size() > 1 && entry.path_prefix.back() == '/') {
      entry.path_prefix.pop_back();
    }
    bool valid = !entry.host.empty() && entry.host.front() != '.' && entry.host.back() != '.' &&
                 std::all_of(entry.host.begin(), entry.host.end(), IsHostCharacter);
    std::string extra;
    if (!valid || (words >> extra)) {
      return Status::InvalidArgument(std::string(origin) + ":" + std::to_string(line_number) +
                                     ": expected one host or host/path, got '" + line + "'");
    }
    entries.push_back(std::move(entry));
  }
  std::stable_sort(entries.begin(), entries.end(), [](const Entry& a, const Entry& b) {
    return a.host.size() + a.path_prefix.size() > b.host.size() + b.path_prefix.size();
  });
  entries_ = std::move(entries);
  return Status::Ok();
}

Status FileShareCatalogue::Load(const std::string& path) {
  std::ifstream in(path, std::ios::binary);
  if (!in) return Status::IoError("cannot read file-share catalogue " + path);
  std::string text(kMaxCatalogueBytes + 1, '\0');
  in.read(text.data(), static_cast<std::streamsize>(text.size()));
  text.resize(static_cast<size_t>(in.gcount()));
  if (text.size() > kMaxCatalogueBytes) {
    return Status::InvalidArgument("file-share catalogue " + path + " is larger than 1 MiB");
  }
  return Parse(text, path);
}

const std::string* FileShareCatalogue::Match(std::string_view host, std::string_view path) const {
  for (const Entry& entry : entries_) {
    if (HostMatches(host, entry.host) && PathMatches(path, entry.path_prefix)) return &entry.text;
  }
  return nullptr;
}

std::string DefaultFileShareCataloguePath() {
  std::string installed = std::string(RAPPORT_INSTALLED_DATA_DIR) + "/fileshare_domains.txt";
  if (std::ifstream(installed).good()) return installed;
  return std::string(RAPPORT_SOURCE_DATA_DIR) + "/fileshare_domains.txt";
}

}  // namespace rapport
