#pragma once

#include <rocksdb/status.h>

#include <string>
#include <string_view>

#include "base/status.h"

// How RocksDbHistoryStore's files word a RocksDB failure for an operator.
// Internal to store/.

namespace rapport {

// The name of the effective user, or "uid N" when it has none: errors
// about files say which user could not use them.
std::string UserName();

// The first line of RocksDB's text, cut short: enough to say what failed
// without pasting its diagnostics into an operator's terminal.
std::string Brief(const rocksdb::Status& status);

// A failed read, write or scan of an open store as a Status of the same
// kind (Corruption, Busy, else IoError) whose message starts with
// "history store <what>: ".
Status MapRuntimeError(const rocksdb::Status& status, std::string_view what);

}  // namespace rapport
