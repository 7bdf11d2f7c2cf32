#pragma once

#include <string>
#include <string_view>

#include "base/status.h"

namespace rapport {

// A milter socket in Postfix/libmilter style, checked before libmilter sees
// it: "inet:PORT@HOST", "inet6:PORT@HOST", or "unix:/path" ("local:/path").
struct SocketSpec {
  enum class Kind { kInet, kInet6, kUnix } kind = Kind::kInet;
  std::string path;  // unix sockets only
};

// Parses `text` into *out; InvalidArgument naming the value otherwise.
Status ParseSocketSpec(std::string_view text, SocketSpec* out);

// Gives a bound unix socket its configured mode ("0660", octal) and group
// (empty: left as created), so that the MTA's account can connect.
Status SetSocketAccess(const std::string& path, const std::string& mode, const std::string& group);

// Sets TCP_NODELAY on every TCP listening socket of the process: call right
// after smfi_opensocket(), when libmilter's is the only one (libmilter does
// not expose it). Accepted connections inherit it on Linux, so the several
// small replies a milter writes at end of message (header changes, then the
// verdict) leave at once instead of waiting out the MTA's delayed ACK
// (about 40 ms a message). Returns how many sockets were changed.
int DisableNagleOnListeners();

}  // namespace rapport
