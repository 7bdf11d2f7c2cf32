#include "store/rocksdb_errors.h"

#include <pwd.h>
#include <unistd.h>

namespace rapport {

std::string UserName() {
  const uid_t uid = geteuid();
  if (const passwd* pw = getpwuid(uid); pw != nullptr) return pw->pw_name;
  return "uid " + std::to_string(uid);
}

std::string Brief(const rocksdb::Status& status) {
  std::string text = status.ToString();
  text = text.substr(0, text.find('\n'));
  constexpr size_t kMaxDetail = 160;
  if (text.size() > kMaxDetail) text = text.substr(0, kMaxDetail) + "...";
  return text;
}

Status MapRuntimeError(const rocksdb::Status& status, std::string_view what) {
  const std::string detail = std::string(what) + ": " + Brief(status);
  if (status.IsCorruption()) return Status::Corruption("history store " + detail);
  if (status.IsBusy() || status.IsTryAgain()) return Status::Busy("history store " + detail);
  return Status::IoError("history store " + detail);
}

}  // namespace rapport
