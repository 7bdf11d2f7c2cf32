#pragma once

#include <sys/types.h>

#include <string>

#include "cluster/redis_client.h"
#include "tests/store/test_support.h"

namespace rapport::test {

// A private redis-server on a free loopback port, with its data (an
// append-only file) in a scratch directory, so that Stop() then Start()
// keeps the stream as a restarted production Redis would. Never touches the
// system's Redis. Stopped and removed on destruction.
class RedisServer {
 public:
  // `password` empty: no AUTH.
  explicit RedisServer(std::string password = "");
  ~RedisServer();
  RedisServer(const RedisServer&) = delete;
  RedisServer& operator=(const RedisServer&) = delete;

  // Starts the server and waits until it answers; fails the test if it
  // cannot start.
  void Start();
  // Stops it (SIGTERM) and waits for it to exit.
  void Stop();

  std::string address() const { return "127.0.0.1:" + std::to_string(port_); }
  RedisOptions options() const;
  // A connected client, or the test fails.
  std::unique_ptr<RedisClient> Client() const;

 private:
  TempDir dir_;
  const std::string password_;
  int port_ = 0;
  pid_t pid_ = -1;
};

}  // namespace rapport::test
