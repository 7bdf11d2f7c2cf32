#include "cluster/redis_client.h"

#include <hiredis/hiredis.h>
#include <sys/time.h>

#include <charconv>

namespace rapport {
namespace {

timeval ToTimeval(std::chrono::milliseconds timeout) {
  timeval tv{};
  tv.tv_sec = static_cast<time_t>(timeout.count() / 1000);
  tv.tv_usec = static_cast<suseconds_t>((timeout.count() % 1000) * 1000);
  return tv;
}

RedisReply Convert(const redisReply* reply) {
  RedisReply out;
  switch (reply->type) {
    case REDIS_REPLY_STRING:
    case REDIS_REPLY_STATUS:
    case REDIS_REPLY_ERROR:
      out.type = reply->type == REDIS_REPLY_STRING   ? RedisReply::Type::kString
                 : reply->type == REDIS_REPLY_STATUS ? RedisReply::Type::kStatus
                                                     : RedisReply::Type::kError;
      out.text.assign(reply->str, reply->len);
      break;
    case REDIS_REPLY_INTEGER:
      out.type = RedisReply::Type::kInteger;
      out.integer = reply->integer;
      break;
    case REDIS_REPLY_ARRAY:
      out.type = RedisReply::Type::kArray;
      out.elements.reserve(reply->elements);
      for (size_t i = 0; i < reply->elements; ++i)
        out.elements.push_back(Convert(reply->element[i]));
      break;
    default:
      out.type = RedisReply::Type::kNil;
      break;
  }
  return out;
}

// The command as hiredis takes it: pointers and lengths, binary-safe.
struct Argv {
  explicit Argv(const std::vector<std::string_view>& args) {
    for (std::string_view arg : args) {
      pointers.push_back(arg.data());
      lengths.push_back(arg.size());
    }
  }
  std::vector<const char*> pointers;
  std::vector<size_t> lengths;
};

}  // namespace

Status RedisClient::Connect(const RedisOptions& options, std::unique_ptr<RedisClient>* out) {
  const timeval timeout = ToTimeval(options.timeout);
  redisContext* context = nullptr;
  const std::string& address = options.address;
  if (address.rfind("unix:", 0) == 0) {
    context = redisConnectUnixWithTimeout(address.substr(5).c_str(), timeout);
  } else {
    const size_t colon = address.rfind(':');
    std::string host = address.substr(0, colon);
    if (host.size() > 2 && host.front() == '[') host = host.substr(1, host.size() - 2);
    int port = 0;
    const std::string_view port_text = std::string_view(address).substr(colon + 1);
    std::from_chars(port_text.data(), port_text.data() + port_text.size(), port);
    context = redisConnectWithTimeout(host.c_str(), port, timeout);
  }
  if (context == nullptr) return Status::IoError("redis " + address + ": out of memory");
  std::unique_ptr<RedisClient> client(new RedisClient(context, address));
  if (context->err != 0) return client->Failed("cannot connect");
  if (redisSetTimeout(context, timeout) != REDIS_OK) return client->Failed("cannot set a timeout");
  if (!options.password.empty()) {
    RedisReply reply;
    Status status = client->Run({"AUTH", options.password}, &reply);
    if (!status.ok()) return status;
    if (reply.type == RedisReply::Type::kError) {
      return Status::IoError("redis " + address + " refused the password (" + reply.text +
                             "); check [cluster] password_file");
    }
  }
  *out = std::move(client);
  return Status::Ok();
}

RedisClient::~RedisClient() { redisFree(context_); }

Status RedisClient::Failed(std::string_view what) {
  broken_ = true;
  return Status::IoError("redis " + address_ + ": " + std::string(what) + ": " +
                         (context_->errstr[0] != '\0' ? context_->errstr : "connection lost"));
}

Status RedisClient::Run(const std::vector<std::string_view>& args, RedisReply* reply) {
  std::vector<RedisReply> replies;
  Status status = RunPipelined({args}, &replies);
  if (status.ok()) *reply = std::move(replies.front());
  return status;
}

Status RedisClient::RunPipelined(const std::vector<std::vector<std::string_view>>& commands,
                                 std::vector<RedisReply>* replies) {
  replies->clear();
  if (broken_) return Status::IoError("redis " + address_ + ": connection lost earlier");
  for (const auto& args : commands) {
    Argv argv(args);
    if (redisAppendCommandArgv(context_, static_cast<int>(args.size()), argv.pointers.data(),
                               argv.lengths.data()) != REDIS_OK) {
      return Failed("cannot send a command");
    }
  }
  for (size_t i = 0; i < commands.size(); ++i) {
    void* raw = nullptr;
    if (redisGetReply(context_, &raw) != REDIS_OK || raw == nullptr) return Failed("no reply");
    const auto* reply = static_cast<redisReply*>(raw);
    replies->push_back(Convert(reply));
    freeReplyObject(raw);
  }
  return Status::Ok();
}

}  // namespace rapport
