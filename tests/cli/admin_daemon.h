#pragma once

#include <catch2/catch.hpp>
#include <functional>
#include <memory>
#include <string>

#include "admin/admin_operations.h"
#include "admin/admin_server.h"
#include "tests/store/test_support.h"

namespace rapport::test {

// The daemon's side of the admin socket for tests: a store in a temp dir and
// an AdminServer serving a socket beside it.
struct AdminDaemon {
  TempDir dir;
  std::unique_ptr<HistoryStore> store = OpenOrFail(AcmeOptions(dir.Sub("state")));
  AdminServer server{[this](const std::function<void(AdminOperations*)>& operation) {
    StoreAdminOperations admin(store.get(), ParseOptions());
    operation(&admin);
    return Status::Ok();
  }};
  std::string path = dir.Sub("admin.sock");

  AdminDaemon() { REQUIRE(server.Start(path).ok()); }
};

}  // namespace rapport::test
