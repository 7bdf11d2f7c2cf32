#pragma once

#include <cstdint>
#include <string>
#include <vector>

#include "base/status.h"

namespace rapport {

// An event (store/history_event.h) waiting in the store's outbox to be
// published, keyed by its sequence.
struct OutboxEvent {
  uint64_t sequence = 0;
  std::string bytes;  // the encoded HistoryEvent
};

// One entry of the shared stream: its stream id ("<ms>-<n>") and the
// encoded event it carries.
struct StreamEntry {
  std::string id;
  std::string event;
};

// What ApplyStreamEntries() did with each entry it was given.
struct ApplyOutcome {
  size_t applied = 0;       // another node's events, now in this store
  size_t own = 0;           // this node's events, already in it
  size_t duplicates = 0;    // events applied before (a publisher re-sent them)
  size_t undecodable = 0;   // skipped: see first_error
  std::string first_error;  // one line on the first undecodable entry
  std::string position;     // the stream id now recorded; empty when given no entries
  // Peers, once each, whose events carried payment fingerprints made with
  // another key than this store's (or with no key id, from a Rapport
  // before it): those fingerprints were left out, the rest of each event
  // applied, since under another key a known account reads as a new one.
  std::vector<std::string> foreign_payment_key_origins;
};

// A position in the shared stream and the progress of each node, as this
// store knows them (rapportctl cluster status).
struct ReplicaState {
  std::string node;             // this store's [cluster] node
  std::string stream_position;  // last stream id applied; "0-0" before the first
  uint64_t outbox_length = 0;   // events written here, not yet published
  // PaymentKeyId() of the key this store fingerprints payment coordinates
  // with; empty before it has one. Peers must share it (cluster join).
  std::string payment_key_id;
  // The highest sequence of each node this store holds, its own included.
  std::vector<std::pair<std::string, uint64_t>> sequences;
};

// The replication side of a history store opened with a [cluster] node
// (StoreOptions::cluster_node). Every change the store makes to a shared
// history family is also written, in the same atomic write, as one
// HistoryEvent into a local outbox; ApplyStreamEntries() writes other
// nodes' events together with the stream position and each origin's
// sequence, so that every event is applied exactly once across crashes.
// Node-local families (meta, held, stats, outbox) are never shared.
// Safe for concurrent use by many threads.
class HistoryReplica {
 public:
  virtual ~HistoryReplica() = default;

  // Sets *out to the `limit` oldest events of the outbox, oldest first.
  virtual Status ReadOutbox(size_t limit, std::vector<OutboxEvent>* out) const = 0;
  // Removes every outbox event up to and including `sequence`, once
  // published.
  virtual Status RemoveFromOutbox(uint64_t sequence) = 0;

  // Applies `entries`, in stream order, in one atomic write that also
  // records the last entry's id as the stream position. Entries this node
  // wrote, entries already applied and entries that cannot be decoded
  // (a corrupt or newer-versioned event, a family this store lacks or keeps
  // node-local) are skipped and counted in *out; the position moves past
  // them all. Fails only when the store cannot be read or written, and
  // then records nothing.
  virtual Status ApplyStreamEntries(const std::vector<StreamEntry>& entries, ApplyOutcome* out) = 0;

  // Sets *id to the last stream id applied; "0-0" before the first.
  virtual Status GetStreamPosition(std::string* id) const = 0;

  // Fills *out from the store.
  virtual Status DescribeReplica(ReplicaState* out) const = 0;

  // PaymentKeyId() of the key this store fingerprints payment coordinates
  // with (ReplicaState::payment_key_id), without reading the store.
  virtual std::string PaymentKeyIdOfStore() const = 0;
};

}  // namespace rapport
