#include "milter/session.h"

#include <strings.h>

#include "message/domain_names.h"

namespace rapport {

void InFlightMessages::Enter() {
  std::lock_guard<std::mutex> lock(mutex_);
  ++count_;
}

void InFlightMessages::Leave() {
  std::lock_guard<std::mutex> lock(mutex_);
  if (count_ > 0 && --count_ == 0) idle_.notify_all();
}

bool InFlightMessages::WaitIdle(std::chrono::seconds timeout) {
  std::unique_lock<std::mutex> lock(mutex_);
  return idle_.wait_for(lock, timeout, [this] { return count_ == 0; });
}

size_t InFlightMessages::count() {
  std::lock_guard<std::mutex> lock(mutex_);
  return count_;
}

void AddRecipient(std::string_view address, MessageState* message) {
  std::vector<std::string>& rcpt = message->envelope.rcpt_to;
  if (rcpt.size() >= message->runtime->config.max_recipients) {
    ++message->dropped_recipients;
    return;
  }
  std::string normalised = NormaliseAddress(address);
  if (!normalised.empty()) rcpt.push_back(std::move(normalised));
}

void AddHeaderField(std::string_view name, std::string_view value, MessageState* message) {
  message->buffer.AddHeader(name, value);
  message->rapport_headers.Add(name);
  if (!message->subject.has_value() && name.size() == 7 &&
      strncasecmp(name.data(), "Subject", 7) == 0) {
    message->subject = std::string(value);
  }
}

CollectedMessage Collected(const MessageState& message) {
  CollectedMessage collected;
  collected.envelope = message.envelope;
  collected.raw = message.buffer.raw();
  collected.dropped_bytes = message.buffer.dropped_bytes();
  collected.dropped_recipients = message.dropped_recipients;
  collected.rapport_headers = &message.rapport_headers;
  if (message.subject.has_value()) collected.subject = *message.subject;
  return collected;
}

}  // namespace rapport
