#pragma once

#include <string>
#include <string_view>
#include <utility>

namespace rapport {

// The outcome of an operation that can fail. Errors cross layer boundaries
// as a Status, never as an exception: libmilter callbacks are C and nothing
// may throw out of them. A Status is cheap to copy when OK.
class Status {
 public:
  enum class Code { kOk, kNotFound, kInvalidArgument, kIoError, kCorruption, kBusy, kUnsupported };

  Status() = default;

  static Status Ok() { return Status(); }
  static Status NotFound(std::string_view msg) { return Status(Code::kNotFound, msg); }
  static Status InvalidArgument(std::string_view msg) {
    return Status(Code::kInvalidArgument, msg);
  }
  static Status IoError(std::string_view msg) { return Status(Code::kIoError, msg); }
  static Status Corruption(std::string_view msg) { return Status(Code::kCorruption, msg); }
  // Another process holds a resource this one needs (for example the store's lock).
  static Status Busy(std::string_view msg) { return Status(Code::kBusy, msg); }
  static Status Unsupported(std::string_view msg) { return Status(Code::kUnsupported, msg); }

  bool ok() const { return code_ == Code::kOk; }
  bool IsNotFound() const { return code_ == Code::kNotFound; }
  bool IsInvalidArgument() const { return code_ == Code::kInvalidArgument; }
  bool IsIoError() const { return code_ == Code::kIoError; }
  bool IsCorruption() const { return code_ == Code::kCorruption; }
  bool IsBusy() const { return code_ == Code::kBusy; }
  bool IsUnsupported() const { return code_ == Code::kUnsupported; }
  Code code() const { return code_; }

  // The message alone, written for an operator: what failed and what to do.
  const std::string& message() const { return message_; }
  // "OK", or the message; suitable for one log line.
  std::string ToString() const { return ok() ? std::string("OK") : message_; }

 private:
  Status(Code code, std::string_view msg) : code_(code), message_(msg) {}

  Code code_ = Code::kOk;
  std::string message_;
};

}  // namespace rapport
