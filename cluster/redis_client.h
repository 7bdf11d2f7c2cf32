#pragma once

#include <chrono>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

struct redisContext;

namespace rapport {

// Where and how to reach Redis.
struct RedisOptions {
  std::string address;   // "HOST:PORT", "[IPv6]:PORT" or "unix:/path" (config/config.h)
  std::string password;  // AUTH; empty: none
  // Bounds every connect and every command; a command that blocks on the
  // server (XREAD BLOCK) needs less than this.
  std::chrono::milliseconds timeout{2000};
};

// One reply, owned: a tree for arrays.
struct RedisReply {
  enum class Type { kNil, kString, kStatus, kInteger, kArray, kError };
  Type type = Type::kNil;
  std::string text;  // kString, kStatus, kError
  int64_t integer = 0;
  std::vector<RedisReply> elements;  // kArray
};

// One connection to Redis through hiredis. Not thread-safe: one thread
// uses a client at a time. After a failed command (connection lost,
// timeout, protocol error) the client is broken for good: connect a new one.
class RedisClient {
 public:
  // Connects and, with a password, authenticates. IoError naming the
  // address when Redis cannot be reached or refuses the password.
  static Status Connect(const RedisOptions& options, std::unique_ptr<RedisClient>* out);

  ~RedisClient();
  RedisClient(const RedisClient&) = delete;
  RedisClient& operator=(const RedisClient&) = delete;

  // Runs one command. A reply of type kError is returned in *reply with an
  // OK status (the command reached Redis); IoError when the connection
  // failed, after which broken() is true.
  Status Run(const std::vector<std::string_view>& args, RedisReply* reply);
  // Sends every command at once (one round trip), then reads the replies in
  // order into *replies.
  Status RunPipelined(const std::vector<std::vector<std::string_view>>& commands,
                      std::vector<RedisReply>* replies);

  bool broken() const { return broken_; }

 private:
  RedisClient(redisContext* context, std::string address)
      : context_(context), address_(std::move(address)) {}
  Status Failed(std::string_view what);

  redisContext* context_;
  const std::string address_;
  bool broken_ = false;
};

}  // namespace rapport
