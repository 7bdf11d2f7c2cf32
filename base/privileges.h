#pragma once

#include <string>

#include "base/status.h"

namespace rapport {

// Checks, before anything is bound or opened, that the process may run as
// configured: as root only with a `user` to drop to. Returns
// InvalidArgument naming the missing setting otherwise.
Status CheckRunAsPolicy(const std::string& user);

// Makes the process run as `user` and `group` (the user's primary group
// when `group` is empty), with `user`'s supplementary groups: setgid,
// initgroups, then setuid, and verifies that root cannot be regained. Call
// after the socket is bound and before any thread is started. Does nothing
// when `user` is empty (CheckRunAsPolicy() allowed that only for non-root),
// and only checks the account when the process already runs as it.
Status DropPrivileges(const std::string& user, const std::string& group);

// The account name of `uid`, or "uid N" when it has none: who ran an admin
// action, for the audit trail.
std::string UserNameOf(unsigned uid);

// The group id of `group`, for socket ownership; InvalidArgument if unknown.
Status LookUpGroup(const std::string& group, unsigned* gid);

// When the process runs as root and `path` exists and belongs to another
// user, becomes that user for good (DropPrivileges with the user's primary
// group), so that files it creates there stay usable by the owner: a store
// written by rapportctl as root must still open in the unprivileged daemon.
// Does nothing otherwise. Call before any thread is started.
Status DropToOwnerOf(const std::string& path);

// Like DropToOwnerOf(), but changes only the filesystem user and group
// (setfsuid, setfsgid): files the process creates belong to the owner and
// file access is checked as the owner's, while the process otherwise stays
// root, and so do the commands it starts (the MTA's queue commands need
// root; exec resets the filesystem ids). For rapportctl held. The
// filesystem ids are per thread and threads inherit them, so call this
// before any thread is started.
Status ActAsOwnerOf(const std::string& path);

}  // namespace rapport
