#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "message/message.h"
#include "store/held_message.h"
#include "store/history.h"

namespace rapport {

// One message to learn as delivered.
struct LearnRequest {
  const Message* message = nullptr;  // not owned; must outlive the call
  Direction direction = Direction::kInbound;
  int64_t now = 0;  // the clock: Date in learn/replay, wall time in the milter
  // Normalised recipients the message reached (see EffectiveRecipients()).
  std::vector<std::string> recipients;
  // (signal name, context) of every anomaly the message carried: learning
  // it counts one more delivery without complaint (self-regulation).
  std::vector<std::pair<std::string, std::string>> signal_contexts;
};

// An admin's judgement of held mail, applied to its signal contexts.
enum class Feedback { kReleased, kReported };

// History with its write side. Only store/ writes history. Implementations
// are safe for concurrent use by many threads; writes of one Learn() are
// atomic.
class HistoryStore : public HistoryReader {
 public:
  // Learns one delivered message: sender profiles (address and domain),
  // relationships, sender attributes, link domains, thread, display names
  // and signal contexts. Counters are merged, never read-modify-written.
  virtual Status Learn(const LearnRequest& request) = 0;

  // Records an admin's judgement of (signal, context) pairs at `now`.
  virtual Status RecordFeedback(const std::vector<std::pair<std::string, std::string>>& contexts,
                                Feedback feedback, int64_t now) = 0;

  // Held mail records, keyed by queue id. PutHeld overwrites.
  virtual Status PutHeld(const HeldMessage& held) = 0;
  virtual Status GetHeld(std::string_view queue_id, HeldMessage* out) const = 0;
  // Every record, newest first.
  virtual Status ListHeld(std::vector<HeldMessage>* out) const = 0;
  virtual Status DeleteHeld(std::string_view queue_id) = 0;

  // Makes every acknowledged write durable (flushes memtables when the WAL
  // was disabled for a bulk load).
  virtual Status Flush() = 0;
};

// How to open the embedded store.
struct StoreOptions {
  std::string path;  // the state directory; created (mode 0700) if missing when writable
  enum class Mode { kReadWrite, kReadOnly } mode = Mode::kReadWrite;
  std::vector<std::string> local_domains;  // normalised; tells internal from external
  // Skip the write-ahead log for a one-shot import (rapportctl learn);
  // Flush() then makes the import durable. Never set in the milter.
  bool bulk_load = false;
  size_t block_cache_bytes = 64 << 20;
};

// Opens (creating if needed) the RocksDB store at options.path into *out.
// Fails with one clear line when another process holds it (Busy), when it
// is corrupt or of an unknown schema version (Corruption), or when this
// user cannot read or write it (IoError), naming the path and what to do.
Status OpenRocksDbStore(const StoreOptions& options, std::unique_ptr<HistoryStore>* out);

}  // namespace rapport
