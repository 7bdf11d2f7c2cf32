#include "admin/admin_server.h"

#include <poll.h>
#include <sys/socket.h>
#include <sys/stat.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <optional>

#include "admin/admin_protocol.h"

namespace rapport {

namespace {

// How often the accept loop looks at the stop flag, and how long an idle
// client may keep the one connection.
constexpr int kPollMillis = 200;
constexpr int kIdleSeconds = 30;

}  // namespace

std::string AdminSocketPath(const std::string& admin_socket, const std::string& state_dir) {
  return admin_socket.empty() ? state_dir + "/admin.sock" : admin_socket;
}

Status AdminServer::Start(const std::string& path) {
  sockaddr_un address;
  const Status addressed = AdminSocketAddress(path, &address);
  if (!addressed.ok()) return addressed;
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::IoError("admin socket: " + std::string(std::strerror(errno)));
  // The store's lock already keeps a second daemon out, so a socket file
  // left here is stale.
  unlink(path.c_str());
  // Bound with no access at all, then opened to owner and group.
  const mode_t old_mask = umask(0177);
  const int bound = bind(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address));
  umask(old_mask);
  if (bound != 0 || chmod(path.c_str(), 0660) != 0 || listen(fd, 8) != 0) {
    const std::string error = std::strerror(errno);
    close(fd);
    return Status::IoError("cannot serve the admin socket " + path + ": " + error);
  }
  path_ = path;
  listen_fd_ = fd;
  thread_ = std::thread([this] { Serve(); });
  return Status::Ok();
}

void AdminServer::Stop() {
  if (listen_fd_ < 0) return;
  stopping_ = true;
  if (thread_.joinable()) thread_.join();
  close(listen_fd_);
  listen_fd_ = -1;
  unlink(path_.c_str());
}

void AdminServer::Serve() {
  while (!stopping_) {
    pollfd p{listen_fd_, POLLIN, 0};
    if (poll(&p, 1, kPollMillis) <= 0) continue;
    const int fd = accept4(listen_fd_, nullptr, nullptr, SOCK_CLOEXEC);
    if (fd < 0) continue;
    ServeConnection(fd);
    close(fd);
  }
}

void AdminServer::ServeConnection(int fd) {
  // Who is on the other end, as the kernel says: the audit trail records
  // this uid, whatever the requests claim.
  ucred peer{};
  socklen_t peer_size = sizeof(peer);
  std::optional<uint32_t> peer_uid;
  if (getsockopt(fd, SOL_SOCKET, SO_PEERCRED, &peer, &peer_size) == 0) peer_uid = peer.uid;
  std::string buffer;
  std::string line;
  int idle_millis = 0;
  while (!stopping_) {
    if (TakeLine(&buffer, &line)) {
      std::string response;
      const Status status = with_admin_(
          [&](AdminOperations* admin) { response = HandleAdminRequest(admin, line, peer_uid); });
      if (!status.ok()) response = StatusToJson(status).dump();
      if (!SendAll(fd, response + "\n")) return;
      idle_millis = 0;
      continue;
    }
    if (buffer.size() > kMaxAdminLine) {
      SendAll(fd, StatusToJson(Status::InvalidArgument("admin request too long")).dump() + "\n");
      return;
    }
    pollfd p{fd, POLLIN, 0};
    const int ready = poll(&p, 1, kPollMillis);
    if (ready == 0) {
      idle_millis += kPollMillis;
      if (idle_millis >= kIdleSeconds * 1000) return;
      continue;
    }
    if (ready < 0 && errno == EINTR) continue;
    if (ready < 0 || !ReceiveMore(fd, &buffer)) return;
    idle_millis = 0;
  }
}

}  // namespace rapport
