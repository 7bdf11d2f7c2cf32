#pragma once

#include <cstdint>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "message/parser.h"
#include "store/held_message.h"
#include "store/history_store.h"

namespace rapport {

// The fixed set of store operations behind `rapportctl held` and
// `rapportctl store`. RocksDB admits one writer process, so while
// rapport-milter runs these are served by its admin socket (admin/admin_server.h,
// admin/admin_client.h); when it does not, rapportctl runs them on a store it opened itself
// (StoreAdminOperations). Both behave the same; the MTA commands are never run
// here, only by rapportctl, before it changes a record.
class AdminOperations {
 public:
  virtual ~AdminOperations() = default;

  // Every record, newest first.
  virtual Status ListHeld(std::vector<HeldMessage>* out) = 0;
  // NotFound when no record has this queue id.
  virtual Status GetHeld(const std::string& queue_id, HeldMessage* out) = 0;
  // Moves a record still in review (kHeld) to `to` at `now`, and counts the
  // outcome in the day's stats. NotFound for an unknown id;
  // InvalidArgument, naming the status, when it was already released,
  // deleted or reported (the record is then unchanged).
  virtual Status SetHeldStatus(const std::string& queue_id, HeldStatus to, int64_t now) = 0;
  // Parses `raw` (the message as queued) and learns it as inbound mail
  // delivered to the record's envelope recipients, counting every signal
  // context of the record as delivered.
  virtual Status LearnReleased(const std::string& queue_id, const std::string& raw,
                               int64_t now) = 0;
  // HistoryStore::RecordFeedback.
  virtual Status RecordFeedback(const std::vector<std::pair<std::string, std::string>>& contexts,
                                Feedback feedback, int64_t now) = 0;
  // Forgets a record; NotFound when unknown.
  virtual Status DeleteHeld(const std::string& queue_id) = 0;

  // HistoryStore::Compact, then Describe into *out.
  virtual Status CompactStore(StoreReport* out) = 0;
  // HistoryStore::Backup into `dir` (absolute).
  virtual Status BackupStore(const std::string& dir) = 0;
  // HistoryStore::Check.
  virtual Status CheckStore(StoreReport* out) = 0;
};

// AdminOperations on an open store. Not safe for concurrent SetHeldStatus calls
// on the same id: the admin socket serves one request at a time.
class StoreAdminOperations : public AdminOperations {
 public:
  // `store` is not owned and must outlive this object.
  StoreAdminOperations(HistoryStore* store, ParseOptions parse) : store_(store), parse_(parse) {}

  Status ListHeld(std::vector<HeldMessage>* out) override;
  Status GetHeld(const std::string& queue_id, HeldMessage* out) override;
  Status SetHeldStatus(const std::string& queue_id, HeldStatus to, int64_t now) override;
  Status LearnReleased(const std::string& queue_id, const std::string& raw, int64_t now) override;
  Status RecordFeedback(const std::vector<std::pair<std::string, std::string>>& contexts,
                        Feedback feedback, int64_t now) override;
  Status DeleteHeld(const std::string& queue_id) override;
  Status CompactStore(StoreReport* out) override;
  Status BackupStore(const std::string& dir) override;
  Status CheckStore(StoreReport* out) override;

 private:
  HistoryStore* const store_;
  const ParseOptions parse_;
};

}  // namespace rapport
