#pragma once

#include <atomic>
#include <functional>
#include <memory>
#include <string>
#include <thread>

#include "admin/admin_operations.h"
#include "base/status.h"

namespace rapport {

// Serves AdminOperations on a local unix socket (protocol in
// admin/admin_protocol.h) for rapportctl while the daemon holds the
// store. The socket is created by the service user with mode 0660, so only
// that user, its group and root may connect. One connection is served at a
// time, each until the client closes it or is idle for 30 s; requests on
// it are answered in order. That serialises status changes, so a held
// record cannot be released twice by two admins at once. Each connection's
// peer uid (SO_PEERCRED) is who the audit trail and policy entries name for
// its requests (HandleAdminRequest).
class AdminServer {
 public:
  // Runs `operation` with an AdminOperations on the daemon's store, or returns why
  // the store is unavailable; called for each request.
  using WithAdmin = std::function<Status(const std::function<void(AdminOperations*)>& operation)>;

  explicit AdminServer(WithAdmin with_admin) : with_admin_(std::move(with_admin)) {}
  AdminServer(const AdminServer&) = delete;
  AdminServer& operator=(const AdminServer&) = delete;
  ~AdminServer() { Stop(); }

  // Binds `path` (replacing a stale socket file), sets mode 0660 and starts
  // serving on a thread of its own.
  Status Start(const std::string& path);
  // Stops serving and removes the socket file. Idempotent.
  void Stop();

 private:
  void Serve();
  void ServeConnection(int fd);

  WithAdmin with_admin_;
  std::string path_;
  int listen_fd_ = -1;
  std::atomic<bool> stopping_{false};
  std::thread thread_;
};

// The admin socket of `admin_socket` and `state_dir` (Config): the setting,
// or state_dir + "/admin.sock" when empty.
std::string AdminSocketPath(const std::string& admin_socket, const std::string& state_dir);

}  // namespace rapport
