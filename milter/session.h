#pragma once

#include <chrono>
#include <condition_variable>
#include <cstddef>
#include <memory>
#include <mutex>
#include <optional>
#include <string>
#include <string_view>

#include "message/message.h"
#include "milter/header_index.h"
#include "milter/message_buffer.h"
#include "milter/message_processor.h"
#include "milter/runtime.h"

namespace rapport {

// Counts messages in progress so that shutdown can let them finish.
// Safe for concurrent use.
class InFlightMessages {
 public:
  void Enter();
  void Leave();
  // Waits until no message is in progress or `timeout` passes; true when
  // none is.
  bool WaitIdle(std::chrono::seconds timeout);
  size_t count();

 private:
  std::mutex mutex_;
  std::condition_variable idle_;
  size_t count_ = 0;
};

// Counts one message in InFlightMessages for as long as it lives.
class InFlightToken {
 public:
  explicit InFlightToken(InFlightMessages* messages) : messages_(messages) { messages_->Enter(); }
  ~InFlightToken() { messages_->Leave(); }
  InFlightToken(const InFlightToken&) = delete;
  InFlightToken& operator=(const InFlightToken&) = delete;

 private:
  InFlightMessages* messages_;
};

// One message in progress, from MAIL FROM to end of message or abort.
struct MessageState {
  // The Runtime loaded at MAIL FROM serves the whole message, so a reload
  // in the middle never mixes two configurations.
  MessageState(std::shared_ptr<const Runtime> runtime_in, InFlightMessages* in_flight)
      : runtime(std::move(runtime_in)),
        buffer(runtime->config.parse.max_message_size),
        token(in_flight) {}

  std::shared_ptr<const Runtime> runtime;
  Envelope envelope;
  MessageBuffer buffer;
  RapportHeaderIndex rapport_headers;
  std::optional<std::string> subject;  // first Subject header, raw
  size_t dropped_recipients = 0;       // RCPT TO past config.max_recipients
  // The first internal error met before end of message; end of message then
  // answers by the failure policy and logs it.
  std::string failure;
  InFlightToken token;
};

// Adds one RCPT TO address to message->envelope, normalised, while fewer
// than the runtime's config.max_recipients are kept; past that it is only
// counted in dropped_recipients. An address that does not normalise is
// ignored.
void AddRecipient(std::string_view address, MessageState* message);

// Adds one header field as the MTA hands it (name, and value without the
// colon) to `message`: to its buffer, to the index of X-Rapport-* headers,
// and as its subject when it is the first Subject field.
void AddHeaderField(std::string_view name, std::string_view value, MessageState* message);

// What `message` gathered, for EvaluateMessage(); points into `message`,
// which must outlive it.
CollectedMessage Collected(const MessageState& message);

// One MTA connection to the milter.
struct Session {
  unsigned long protocol = 0;  // SMFIP_* steps agreed in negotiation
  std::string client_addr;
  std::string daemon_name;
  std::unique_ptr<MessageState> message;
};

}  // namespace rapport
