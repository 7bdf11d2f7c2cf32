#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "base/string_view_hash.h"

namespace rapport {

// The file-sharing and hosting platforms where anyone can publish a page
// under a reputable name (r2.dev buckets, SharePoint tenants, ClickFunnels
// funnels...). Read from an editable data file, one entry a line:
//
//   # comment
//   r2.dev                 the host or any subdomain of it
//   docs.google.com/forms  the host (or a subdomain) with a path under /forms
//
// Immutable once loaded; safe for concurrent reads.
class FileShareCatalogue {
 public:
  // Replaces the entries with those of `text`. Returns InvalidArgument naming
  // `origin` and the line for an entry that is not a host name.
  Status Parse(std::string_view text, std::string_view origin);

  // Parses the file at `path`; IoError naming the path when it cannot be read.
  Status Load(const std::string& path);

  // The entry matching a normalised link host and path, most specific (longest
  // host, then longest path) first; nullptr when the link is not on a
  // file-share platform. One hash lookup per label of `host`, whatever the
  // catalogue's size. The returned string lives as long as the catalogue.
  const std::string* Match(std::string_view host, std::string_view path) const;

  size_t size() const { return size_; }

 private:
  struct Entry {
    std::string text;         // as written: "docs.google.com/forms"
    std::string path_prefix;  // empty or starting with '/'
  };
  // By host ("docs.google.com"), each host's entries longest path first.
  std::unordered_map<std::string, std::vector<Entry>, StringViewHash, std::equal_to<>> by_host_;
  size_t size_ = 0;
};

// Where the shipped catalogue is: the installed data directory when it
// holds one, else the source tree's data/ (tests and uninstalled builds).
std::string DefaultFileShareCataloguePath();

}  // namespace rapport
