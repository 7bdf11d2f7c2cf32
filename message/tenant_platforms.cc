#include "message/tenant_platforms.h"

#include "base/data_file.h"
#include "message/ascii.h"
#include "message/link_target.h"

namespace rapport {

Status TenantPlatforms::Parse(std::string_view text, std::string_view origin) {
  HostSet platforms, wildcard_parents;
  Status status = ForEachDataLine(text, origin, [&](std::string_view line, int) {
    std::string host = AsciiLowered(line);
    const bool wildcard = host.starts_with("*.");
    if (wildcard) host.erase(0, 2);
    if (!IsListedHostName(host) || host.find('.') == std::string::npos) {
      return "expected one platform host of two or more labels (\"egnyte.com\", "
             "\"*.web.core.windows.net\"), got '" +
             std::string(line) + "'";
    }
    (wildcard ? wildcard_parents : platforms).insert(std::move(host));
    return std::string();
  });
  if (!status.ok()) return status;
  platforms_ = std::move(platforms);
  wildcard_parents_ = std::move(wildcard_parents);
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
