#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/status.h"
#include "base/string_view_hash.h"

namespace rapport {

// What a catalogued platform's pages are. A file store, a transfer service
// or a drive hands the reader a file; a form builder's page is a form to
// fill in, and a site builder's a site's page: neither is where a document
// is read, so a document presented at one is a page dressed as a file.
enum class PlatformServes {
  kFiles,      // the default
  kForms,      // "form": form and survey builders
  kSitePages,  // "site": site, landing-page and funnel builders
};

// The file-sharing and hosting platforms where anyone can publish a page
// under a reputable name (r2.dev buckets, SharePoint tenants, ClickFunnels
// funnels...). Read from an editable data file, one entry a line, with what
// its pages are as an optional second word ("form" or "site"; files when
// there is none):
//
//   # comment
//   r2.dev                 the host or any subdomain of it
//   docs.google.com/forms  form   the host (or a subdomain) with a path under /forms
//
// Immutable once loaded; safe for concurrent reads.
class FileShareCatalogue {
 public:
  struct Platform {
    std::string text;  // as written: "docs.google.com/forms"
    PlatformServes serves = PlatformServes::kFiles;
  };

  // Replaces the entries with those of `text`. Returns InvalidArgument naming
  // `origin` and the line for an entry that is not a host name, or whose
  // second word is neither "form" nor "site".
  Status Parse(std::string_view text, std::string_view origin);

  // Parses the file at `path`; IoError naming the path when it cannot be read.
  Status Load(const std::string& path);

  // The entry matching a normalised link host and path, most specific (longest
  // host, then longest path) first; nullptr when the link is not on a
  // file-share platform. One hash lookup per label of `host`, whatever the
  // catalogue's size. The returned entry lives as long as the catalogue.
  const Platform* Find(std::string_view host, std::string_view path) const;
  // Find()'s entry as written.
  const std::string* Match(std::string_view host, std::string_view path) const {
    const Platform* platform = Find(host, path);
    return platform == nullptr ? nullptr : &platform->text;
  }

  size_t size() const { return size_; }

 private:
  struct Entry {
    Platform platform;
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
