#include "milter/socket_spec.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <charconv>
#include <cstring>
#include <filesystem>
#include <vector>

#include "base/privileges.h"

namespace rapport {
namespace {

Status ParsePortAtHost(std::string_view rest, std::string_view whole) {
  const size_t at = rest.find('@');
  const std::string_view port = rest.substr(0, at);
  unsigned value = 0;
  const auto [end, error] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (port.empty() || error != std::errc() || end != port.data() + port.size() || value == 0 ||
      value > 65535) {
    return Status::InvalidArgument("socket '" + std::string(whole) +
                                   "': expected inet:PORT@HOST with PORT 1-65535");
  }
  if (at != std::string_view::npos && at + 1 == rest.size()) {
    return Status::InvalidArgument("socket '" + std::string(whole) + "': empty host after '@'");
  }
  return Status::Ok();
}

}  // namespace

Status ParseSocketSpec(std::string_view text, SocketSpec* out) {
  const size_t colon = text.find(':');
  const std::string_view scheme = text.substr(0, colon);
  const std::string_view rest =
      colon == std::string_view::npos ? std::string_view() : text.substr(colon + 1);
  SocketSpec spec;
  if (scheme == "unix" || scheme == "local") {
    if (rest.empty() || rest.front() != '/') {
      return Status::InvalidArgument("socket '" + std::string(text) +
                                     "': expected unix:/absolute/path");
    }
    spec.kind = SocketSpec::Kind::kUnix;
    spec.path = std::string(rest);
  } else if (scheme == "inet" || scheme == "inet6") {
    spec.kind = scheme == "inet" ? SocketSpec::Kind::kInet : SocketSpec::Kind::kInet6;
    Status status = ParsePortAtHost(rest, text);
    if (!status.ok()) return status;
  } else {
    return Status::InvalidArgument("socket '" + std::string(text) +
                                   "': expected inet:PORT@HOST or unix:/path");
  }
  *out = std::move(spec);
  return Status::Ok();
}

Status SetSocketAccess(const std::string& path, const std::string& mode, const std::string& group) {
  unsigned bits = 0;
  const auto [end, error] = std::from_chars(mode.data(), mode.data() + mode.size(), bits, 8);
  if (mode.empty() || error != std::errc() || end != mode.data() + mode.size() || bits > 07777) {
    return Status::InvalidArgument("socket_mode '" + mode + "': expected octal such as 0660");
  }
  if (chmod(path.c_str(), bits) != 0) {
    return Status::IoError("chmod " + path + ": " + std::strerror(errno));
  }
  if (group.empty()) return Status::Ok();
  unsigned gid = 0;
  Status status = LookUpGroup(group, &gid);
  if (!status.ok()) return status;
  if (chown(path.c_str(), static_cast<uid_t>(-1), gid) != 0) {
    return Status::IoError("chown " + path + " to group " + group + ": " + std::strerror(errno));
  }
  return Status::Ok();
}

int DisableNagleOnListeners() {
  std::vector<int> fds;
  std::error_code error;
  for (const auto& entry : std::filesystem::directory_iterator("/proc/self/fd", error)) {
    const std::string name = entry.path().filename().string();
    int fd = -1;
    const auto [end, parse_error] = std::from_chars(name.data(), name.data() + name.size(), fd);
    if (parse_error == std::errc() && end == name.data() + name.size()) fds.push_back(fd);
  }
  int changed = 0;
  for (int fd : fds) {
    int listening = 0;
    int domain = 0;
    socklen_t size = sizeof listening;
    if (getsockopt(fd, SOL_SOCKET, SO_ACCEPTCONN, &listening, &size) != 0 || listening == 0) {
      continue;
    }
    size = sizeof domain;
    if (getsockopt(fd, SOL_SOCKET, SO_DOMAIN, &domain, &size) != 0) continue;
    if (domain != AF_INET && domain != AF_INET6) continue;
    const int on = 1;
    if (setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &on, sizeof on) == 0) ++changed;
  }
  return changed;
}

}  // namespace rapport
