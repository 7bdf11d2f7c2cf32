#pragma once

#include <functional>
#include <string>
#include <string_view>
#include <unordered_set>

#include "base/status.h"
#include "base/string_view_hash.h"

namespace rapport {

// The multi-tenant platforms the Public Suffix List does not list: services
// that give each customer its own subdomain ("acme.egnyte.com",
// "acme.my.site.com"), so that each subdomain directly under one has its
// own owner and is counted as a registrable domain of its own
// (PrivateRegistrableDomain). Also the service sites of companies that run
// many services under one domain, one of them a place anyone can publish
// or share files ("docs.google.com" under google.com): each is counted as a
// registrable domain of its own, so that a link to Google's search says
// nothing of whether its documents were ever received here. Read from an
// editable data file (data/tenant_platforms.txt), one entry a line:
//
//   # comment
//   egnyte.com               "acme.egnyte.com" is a tenant
//   *.web.core.windows.net   every "zNN.web.core.windows.net" is a platform
//   service docs.google.com  "docs.google.com" is a site of its own
//
// Immutable once loaded; safe for concurrent reads.
class TenantPlatforms {
 public:
  // Replaces the platforms with those of `text`. Returns InvalidArgument
  // naming `origin` and the line for a line that is not one platform host
  // of two or more labels (a bare top-level domain is no platform).
  Status Parse(std::string_view text, std::string_view origin);

  // Parses the file at `path`; IoError naming the path when it cannot be read.
  Status Load(const std::string& path);

  // True when normalised `suffix` is a listed platform ("egnyte.com"), or
  // one label under a "*." entry ("z13.web.core.windows.net").
  bool IsPlatform(std::string_view suffix) const;

  // The listed service site normalised `host` is or lies under
  // ("docs.google.com" for "docs.google.com"); empty when none.
  std::string_view ServiceSite(std::string_view host) const;

  // Entries read, wildcards and services included.
  size_t size() const { return platforms_.size() + wildcard_parents_.size() + services_.size(); }

  // The same platforms, wildcards and services, whatever order they were
  // written in.
  bool operator==(const TenantPlatforms& other) const = default;

 private:
  // Looked up by string_view: every suffix of every link host is asked.
  using HostSet = std::unordered_set<std::string, StringViewHash, std::equal_to<>>;
  HostSet platforms_;         // "egnyte.com"
  HostSet wildcard_parents_;  // "web.core.windows.net" for "*.web.core.windows.net"
  HostSet services_;          // "docs.google.com" for "service docs.google.com"
};

// The shipped list: the installed copy, or the source tree's data/.
std::string DefaultTenantPlatformsPath();

// The shipped list, loaded once per process on first use; empty when it
// cannot be read or parsed, so that registrable domains fall back to the
// Public Suffix List alone. CheckTenantPlatforms of
// DefaultTenantPlatformsPath() says why.
const TenantPlatforms& ShippedTenantPlatforms();

// Reads and parses the list at `path` afresh: Ok, or the IoError or
// InvalidArgument ("PATH:LINE: ...") that would leave a process starting
// with it without the list. When `differs` is given, sets it to whether the
// file lists other platforms than ShippedTenantPlatforms(), which a running
// process keeps until it restarts: every link's owner, and so the history
// keys learned for it, rests on one list for the life of the process.
// The config calls it (ParseConfig), so that a broken file stops the start
// and a reload (SIGHUP) is refused with the running list kept.
Status CheckTenantPlatforms(const std::string& path, bool* differs = nullptr);

}  // namespace rapport
