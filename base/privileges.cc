#include "base/privileges.h"

#include <grp.h>
#include <pwd.h>
#include <sys/fsuid.h>
#include <sys/stat.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <vector>

namespace rapport {
namespace {

Status Errno(const std::string& what) {
  return Status::IoError(what + ": " + std::strerror(errno));
}

Status LookUpUser(const std::string& user, uid_t* uid, gid_t* gid) {
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  const int error = getpwnam_r(user.c_str(), &entry, buffer.data(), buffer.size(), &found);
  if (error != 0 || found == nullptr) {
    return Status::InvalidArgument("user '" + user + "' does not exist");
  }
  *uid = found->pw_uid;
  *gid = found->pw_gid;
  return Status::Ok();
}

}  // namespace

std::string UserNameOf(unsigned uid) {
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (getpwuid_r(uid, &entry, buffer.data(), buffer.size(), &found) != 0 || found == nullptr) {
    return "uid " + std::to_string(uid);
  }
  return found->pw_name;
}

Status CheckRunAsPolicy(const std::string& user) {
  if (geteuid() == 0 && user.empty()) {
    return Status::InvalidArgument(
        "refusing to run as root: set 'user' (and optionally 'group') in the config to an "
        "unprivileged account");
  }
  return Status::Ok();
}

Status LookUpGroup(const std::string& group, unsigned* gid) {
  std::vector<char> buffer(16384);
  struct group entry {};
  struct group* found = nullptr;
  const int error = getgrnam_r(group.c_str(), &entry, buffer.data(), buffer.size(), &found);
  if (error != 0 || found == nullptr) {
    return Status::InvalidArgument("group '" + group + "' does not exist");
  }
  *gid = found->gr_gid;
  return Status::Ok();
}

Status DropPrivileges(const std::string& user, const std::string& group) {
  if (user.empty()) return Status::Ok();
  uid_t uid = 0;
  gid_t gid = 0;
  Status status = LookUpUser(user, &uid, &gid);
  if (!status.ok()) return status;
  if (!group.empty()) {
    unsigned group_id = 0;
    status = LookUpGroup(group, &group_id);
    if (!status.ok()) return status;
    gid = group_id;
  }
  if (uid == 0) return Status::InvalidArgument("user '" + user + "' is root; choose another");

  if (geteuid() != 0) {
    if (geteuid() == uid) return Status::Ok();
    return Status::InvalidArgument("cannot switch to user '" + user +
                                   "': not started as root (start as root or as that user)");
  }
  if (setgid(gid) != 0) return Errno("setgid(" + std::to_string(gid) + ")");
  if (initgroups(user.c_str(), gid) != 0) return Errno("initgroups(" + user + ")");
  if (setuid(uid) != 0) return Errno("setuid(" + std::to_string(uid) + ")");
  if (setuid(0) == 0 || geteuid() == 0) {
    return Status::IoError("privileges were not dropped: root could be regained");
  }
  return Status::Ok();
}

namespace {

// The account owning `path` when this process runs as root and `path`
// exists and belongs to another user; owner->name stays empty otherwise.
struct Owner {
  std::string name;
  uid_t uid = 0;
  gid_t gid = 0;
};

Status OwnerToBecome(const std::string& path, Owner* owner) {
  struct stat st;
  if (geteuid() != 0 || stat(path.c_str(), &st) != 0 || st.st_uid == 0) return Status::Ok();
  std::vector<char> buffer(16384);
  passwd entry{};
  passwd* found = nullptr;
  if (getpwuid_r(st.st_uid, &entry, buffer.data(), buffer.size(), &found) != 0 ||
      found == nullptr) {
    return Status::InvalidArgument(path + " belongs to uid " + std::to_string(st.st_uid) +
                                   ", which has no account to run as; fix its owner");
  }
  *owner = {found->pw_name, found->pw_uid, found->pw_gid};
  return Status::Ok();
}

}  // namespace

Status DropToOwnerOf(const std::string& path) {
  Owner owner;
  Status status = OwnerToBecome(path, &owner);
  if (!status.ok() || owner.name.empty()) return status;
  status = DropPrivileges(owner.name, "");
  if (!status.ok()) {
    return Status::IoError("cannot become " + owner.name + ", the owner of " + path + ": " +
                           status.message());
  }
  return Status::Ok();
}

Status ActAsOwnerOf(const std::string& path) {
  Owner owner;
  Status status = OwnerToBecome(path, &owner);
  if (!status.ok() || owner.name.empty()) return status;
  // setfsuid() and setfsgid() report no error; reading back does.
  setfsgid(owner.gid);
  setfsuid(owner.uid);
  if (static_cast<gid_t>(setfsgid(-1)) != owner.gid ||
      static_cast<uid_t>(setfsuid(-1)) != owner.uid) {
    return Status::IoError("cannot act as " + owner.name + ", the owner of " + path);
  }
  return Status::Ok();
}

}  // namespace rapport
