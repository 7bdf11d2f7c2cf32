#pragma once

#include <cstdint>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rapport {

// Who ran an admin action. Over the admin socket the daemon fills uid and
// user from the socket's peer credentials, never from the client's word;
// sudo_user is what the client reports (SUDO_USER), empty when unset.
struct Actor {
  uint32_t uid = 0;
  std::string user;       // the name of uid, or "uid N" when it has none
  std::string sudo_user;  // who ran sudo, as reported; empty when not under sudo
};

// "1000/alice", or "1000/alice (sudo bob)": how listings name an actor.
std::string ActorText(const Actor& actor);

// One [policy] entry kept in the store (`rapportctl policy add`), beside
// those of rapport.conf. The store keeps it as written; the admin layer
// validates it (ParsePolicyEntry) before it is stored.
struct StoredPolicyEntry {
  std::string list;   // "trusted_senders", "blocked_domains"...
  std::string entry;  // normalised, as PolicyEntryText() writes it
  int64_t added_at = 0;
  Actor added_by;
  std::string comment;  // free text; may be empty
};

// One line of the audit trail: a held-mail action or a policy change.
struct AuditRecord {
  int64_t at = 0;
  Actor actor;
  std::string action;   // "release", "delete", "report", "purge", "policy add"...
  std::string target;   // a queue id, or LIST:ENTRY for a policy change
  std::string outcome;  // "ok", or the error's one line
};

// The versioned binary forms the store writes. Decoding a truncated,
// oversized or unknown-version value returns Status::Corruption and leaves
// *out unspecified.
void EncodeStoredPolicyEntry(const StoredPolicyEntry& entry, std::string* dst);
Status DecodeStoredPolicyEntry(std::string_view input, StoredPolicyEntry* out);
void EncodeAuditRecord(const AuditRecord& record, std::string* dst);
Status DecodeAuditRecord(std::string_view input, AuditRecord* out);

}  // namespace rapport
