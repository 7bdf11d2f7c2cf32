#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <utility>
#include <vector>

#include "base/status.h"
#include "message/parser.h"
#include "scoring/policy_lists.h"
#include "scoring/scorer.h"
#include "store/admin_records.h"
#include "store/held_message.h"
#include "store/history_store.h"

namespace rapport {

// The fixed set of store operations behind `rapportctl held`, `policy`,
// `audit` and `store`. RocksDB admits one writer process, so while
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

  // The policy entries kept in the store, by list then entry.
  virtual Status ListPolicyEntries(std::vector<StoredPolicyEntry>* out) = 0;
  // Checks `entry` (CheckStoredPolicyEntry), then keeps it, replacing an
  // entry of the same list and text. In the daemon the change applies to
  // scoring at once. InvalidArgument with one line for a bad list or entry.
  virtual Status AddPolicyEntry(const StoredPolicyEntry& entry) = 0;
  // Forgets a store entry (`entry` as written or normalised); NotFound when
  // the store keeps none such. In the daemon the change applies at once.
  virtual Status RemovePolicyEntry(const std::string& list, const std::string& entry) = 0;

  // HistoryStore::AppendAudit. Over the admin socket the daemon sets
  // record.actor's uid and user from the peer's credentials.
  virtual Status RecordAudit(const AuditRecord& record) = 0;
  // HistoryStore::ListAudit: the records since `since`, newest first.
  virtual Status ListAudit(int64_t since, std::vector<AuditRecord>* out) = 0;

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
  // Called after a policy entry was added or removed: the daemon rebuilds
  // its scorer's lists from it.
  using PolicyChanged = std::function<void()>;

  // `store` is not owned and must outlive this object.
  StoreAdminOperations(HistoryStore* store, ParseOptions parse,
                       PolicyChanged policy_changed = nullptr)
      : store_(store), parse_(parse), policy_changed_(std::move(policy_changed)) {}

  Status ListHeld(std::vector<HeldMessage>* out) override;
  Status GetHeld(const std::string& queue_id, HeldMessage* out) override;
  Status SetHeldStatus(const std::string& queue_id, HeldStatus to, int64_t now) override;
  Status LearnReleased(const std::string& queue_id, const std::string& raw, int64_t now) override;
  Status RecordFeedback(const std::vector<std::pair<std::string, std::string>>& contexts,
                        Feedback feedback, int64_t now) override;
  Status DeleteHeld(const std::string& queue_id) override;
  Status ListPolicyEntries(std::vector<StoredPolicyEntry>* out) override;
  Status AddPolicyEntry(const StoredPolicyEntry& entry) override;
  Status RemovePolicyEntry(const std::string& list, const std::string& entry) override;
  Status RecordAudit(const AuditRecord& record) override;
  Status ListAudit(int64_t since, std::vector<AuditRecord>* out) override;
  Status CompactStore(StoreReport* out) override;
  Status BackupStore(const std::string& dir) override;
  Status CheckStore(StoreReport* out) override;

 private:
  HistoryStore* const store_;
  const ParseOptions parse_;
  const PolicyChanged policy_changed_;
};

// ParsePolicyList(), or InvalidArgument with one line naming the lists.
Status CheckPolicyListName(const std::string& name, PolicyList* list);

// Parses entry->list and entry->entry (ParsePolicyEntry) into *parsed and
// rewrites entry->entry normalised. InvalidArgument with one line naming
// the lists for an unknown list, or ParsePolicyEntry's line for a bad entry.
Status CheckStoredPolicyEntry(StoredPolicyEntry* entry, PolicyEntry* parsed);

// Where a store entry came from, as origins read (PolicyEntry::origin):
// "added by 1000/alice (sudo bob) at 2026-12-03T12:40:00Z".
std::string StoredPolicyOrigin(const StoredPolicyEntry& entry);

// The store's entries as the scorer's, each with its StoredPolicyOrigin,
// appended to *lists after those of rapport.conf. An entry the store holds
// but that no longer parses is Corruption naming it.
Status AppendStoredPolicy(const std::vector<StoredPolicyEntry>& stored, PolicyLists* lists);

// Scorer::Create with `stored` appended to scoring.policy (AppendStoredPolicy):
// the scorer of the daemon, explain and replay alike.
Status CreateScorerWithStoredPolicy(ScoringOptions scoring,
                                    const std::vector<StoredPolicyEntry>& stored,
                                    std::unique_ptr<Scorer>* out);

}  // namespace rapport
