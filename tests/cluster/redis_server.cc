#include "tests/cluster/redis_server.h"

#include <netinet/in.h>
#include <signal.h>
#include <sys/socket.h>
#include <sys/wait.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <chrono>
#include <thread>
#include <vector>

namespace rapport::test {
namespace {

// A loopback port the kernel says is free now: the one it picks for a
// socket bound to port 0.
int FreePort() {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{
      .sin_family = AF_INET, .sin_port = 0, .sin_addr = {htonl(INADDR_LOOPBACK)}, .sin_zero = {}};
  socklen_t length = sizeof address;
  const bool bound = bind(fd, reinterpret_cast<sockaddr*>(&address), length) == 0 &&
                     getsockname(fd, reinterpret_cast<sockaddr*>(&address), &length) == 0;
  close(fd);
  REQUIRE(bound);
  return ntohs(address.sin_port);
}

}  // namespace

RedisServer::RedisServer(std::string password) : password_(std::move(password)), port_(FreePort()) {
  Start();
}

RedisServer::~RedisServer() { Stop(); }

RedisOptions RedisServer::options() const {
  RedisOptions options;
  options.address = address();
  options.password = password_;
  return options;
}

void RedisServer::Start() {
  REQUIRE(pid_ < 0);
  std::vector<std::string> args = {"redis-server",
                                   "--bind",
                                   "127.0.0.1",
                                   "--port",
                                   std::to_string(port_),
                                   "--dir",
                                   dir_.path(),
                                   "--save",
                                   "",
                                   "--appendonly",
                                   "yes",
                                   "--appendfsync",
                                   "always",
                                   "--daemonize",
                                   "no",
                                   "--loglevel",
                                   "warning",
                                   "--logfile",
                                   dir_.Sub("redis.log")};
  if (!password_.empty()) {
    args.push_back("--requirepass");
    args.push_back(password_);
  }
  std::vector<char*> argv;
  for (std::string& arg : args) argv.push_back(arg.data());
  argv.push_back(nullptr);
  pid_ = fork();
  REQUIRE(pid_ >= 0);
  if (pid_ == 0) {
    execvp("redis-server", argv.data());
    _exit(127);
  }
  // Waits for it to answer: a hang guard of a minute, not a speed bound.
  for (int attempt = 0; attempt < 600; ++attempt) {
    std::unique_ptr<RedisClient> client;
    if (RedisClient::Connect(options(), &client).ok()) {
      RedisReply reply;
      if (client->Run({"PING"}, &reply).ok() && reply.text == "PONG") return;
    }
    int status = 0;
    if (waitpid(pid_, &status, WNOHANG) == pid_) {
      pid_ = -1;
      FAIL("redis-server did not start (apt-get install redis-server)");
    }
    std::this_thread::sleep_for(std::chrono::milliseconds(100));
  }
  FAIL("redis-server on " + address() + " did not answer within a minute");
}

void RedisServer::Stop() {
  if (pid_ < 0) return;
  kill(pid_, SIGTERM);
  int status = 0;
  waitpid(pid_, &status, 0);
  pid_ = -1;
}

std::unique_ptr<RedisClient> RedisServer::Client() const {
  std::unique_ptr<RedisClient> client;
  const Status status = RedisClient::Connect(options(), &client);
  INFO(status.ToString());
  REQUIRE(status.ok());
  return client;
}

}  // namespace rapport::test
