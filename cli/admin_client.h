#pragma once

#include <memory>
#include <string>

#include "base/status.h"
#include "milter/admin_operations.h"

namespace rapport {

// Connects to the daemon's admin socket at `path` and sets *out to a
// HeldAdmin that sends each operation over it (protocol in
// milter/admin_protocol.h). Returns NotFound when no daemon listens there
// (no socket file, or connection refused): the caller then opens the store
// itself. Any other failure (e.g. no permission on the socket) is an
// IoError naming the path.
Status ConnectAdmin(const std::string& path, std::unique_ptr<HeldAdmin>* out);

}  // namespace rapport
