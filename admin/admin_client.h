#pragma once

#include <memory>
#include <string>

#include "admin/admin_operations.h"
#include "base/status.h"

namespace rapport {

// Connects to the daemon's admin socket at `path` and sets *out to a
// AdminOperations that sends each operation over it (protocol in
// admin/admin_protocol.h). Returns NotFound when no daemon listens there
// (no socket file, or connection refused): the caller then opens the store
// itself. Any other failure (e.g. no permission on the socket) is an
// IoError naming the path.
Status ConnectAdmin(const std::string& path, std::unique_ptr<AdminOperations>* out);

}  // namespace rapport
