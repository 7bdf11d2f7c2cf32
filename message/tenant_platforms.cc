#include "message/tenant_platforms.h"

#include <algorithm>

#include "base/data_file.h"
#include "message/ascii.h"
#include "message/link_target.h"

namespace rapport {

Status TenantPlatforms::Parse(std::string_view text, std::string_view origin) {
  HostSet platforms, wildcard_parents, services;
  Status status = ForEachDataLine(text, origin, [&](std::string_view line, int) {
    std::string host = AsciiLowered(line);
    constexpr std::string_view kService = "service ";
    const bool service = host.starts_with(kService);
    if (service) host.erase(0, kService.size());
    const bool wildcard = !service && host.starts_with("*.");
    if (wildcard) host.erase(0, 2);
    // A service is a site under a company's domain, so three labels or more.
    const size_t dots = static_cast<size_t>(std::count(host.begin(), host.end(), '.'));
    if (!IsListedHostName(host) || dots < (service ? 2u : 1u)) {
      return "expected one platform host of two or more labels (\"egnyte.com\", "
             "\"*.web.core.windows.net\") or \"service\" and a host of three or more "
             "(\"service docs.google.com\"), got '" +
             std::string(line) + "'";
    }
    (service ? services : wildcard ? wildcard_parents : platforms).insert(std::move(host));
    return std::string();
  });
  if (!status.ok()) return status;
  platforms_ = std::move(platforms);
  wildcard_parents_ = std::move(wildcard_parents);
  services_ = std::move(services);
  return Status::Ok();
}

Status TenantPlatforms::Load(const std::string& path) {
  return LoadDataFile(
      path, "tenant platform list",
      [this](std::string_view text, std::string_view origin) { return Parse(text, origin); });
}

bool TenantPlatforms::IsPlatform(std::string_view suffix) const {
  if (platforms_.find(suffix) != platforms_.end()) return true;
  if (wildcard_parents_.empty()) return false;
  const size_t dot = suffix.find('.');
  return dot != std::string_view::npos &&
         wildcard_parents_.find(suffix.substr(dot + 1)) != wildcard_parents_.end();
}

std::string_view TenantPlatforms::ServiceSite(std::string_view host) const {
  if (services_.empty()) return {};
  for (std::string_view suffix = host;;) {
    const auto found = services_.find(suffix);
    if (found != services_.end()) return *found;
    const size_t dot = suffix.find('.');
    if (dot == std::string_view::npos) return {};
    suffix.remove_prefix(dot + 1);
  }
}

std::string DefaultTenantPlatformsPath() { return DataFilePath("tenant_platforms.txt"); }

const TenantPlatforms& ShippedTenantPlatforms() {
  static const TenantPlatforms shipped = [] {
    TenantPlatforms platforms;
    if (!platforms.Load(DefaultTenantPlatformsPath()).ok()) platforms = TenantPlatforms();
    return platforms;
  }();
  return shipped;
}

Status CheckTenantPlatforms(const std::string& path, bool* differs) {
  TenantPlatforms platforms;
  Status status = platforms.Load(path);
  if (status.ok() && differs != nullptr) *differs = !(platforms == ShippedTenantPlatforms());
  return status;
}

}  // namespace rapport
