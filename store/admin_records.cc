#include "store/admin_records.h"

#include "store/coding.h"

namespace rapport {
namespace {

constexpr char kStoredPolicyEntryVersion = 1;
constexpr char kAuditRecordVersion = 1;

void PutActor(std::string* dst, const Actor& actor) {
  PutVarint64(dst, actor.uid);
  PutLengthPrefixed(dst, actor.user);
  PutLengthPrefixed(dst, actor.sudo_user);
}

bool GetActor(std::string_view* input, Actor* out) {
  uint64_t uid = 0;
  if (!GetVarint64(input, &uid) || uid > UINT32_MAX) return false;
  out->uid = static_cast<uint32_t>(uid);
  return GetString(input, &out->user) && GetString(input, &out->sudo_user);
}

// Strips the version byte; false when it is missing or unknown.
bool TakeVersion(std::string_view* input, char version) {
  if (input->empty() || input->front() != version) return false;
  input->remove_prefix(1);
  return true;
}

}  // namespace

std::string ActorText(const Actor& actor) {
  std::string text = std::to_string(actor.uid) + "/" + actor.user;
  if (!actor.sudo_user.empty()) text += " (sudo " + actor.sudo_user + ")";
  return text;
}

void EncodeStoredPolicyEntry(const StoredPolicyEntry& entry, std::string* dst) {
  dst->push_back(kStoredPolicyEntryVersion);
  PutLengthPrefixed(dst, entry.list);
  PutLengthPrefixed(dst, entry.entry);
  PutInt64(dst, entry.added_at);
  PutActor(dst, entry.added_by);
  PutLengthPrefixed(dst, entry.comment);
}

Status DecodeStoredPolicyEntry(std::string_view input, StoredPolicyEntry* out) {
  if (!TakeVersion(&input, kStoredPolicyEntryVersion) || !GetString(&input, &out->list) ||
      !GetString(&input, &out->entry) || !GetInt64(&input, &out->added_at) ||
      !GetActor(&input, &out->added_by) || !GetString(&input, &out->comment) || !input.empty()) {
    return Status::Corruption("malformed policy entry");
  }
  return Status::Ok();
}

void EncodeAuditRecord(const AuditRecord& record, std::string* dst) {
  dst->push_back(kAuditRecordVersion);
  PutInt64(dst, record.at);
  PutActor(dst, record.actor);
  PutLengthPrefixed(dst, record.action);
  PutLengthPrefixed(dst, record.target);
  PutLengthPrefixed(dst, record.outcome);
}

Status DecodeAuditRecord(std::string_view input, AuditRecord* out) {
  if (!TakeVersion(&input, kAuditRecordVersion) || !GetInt64(&input, &out->at) ||
      !GetActor(&input, &out->actor) || !GetString(&input, &out->action) ||
      !GetString(&input, &out->target) || !GetString(&input, &out->outcome) || !input.empty()) {
    return Status::Corruption("malformed audit record");
  }
  return Status::Ok();
}

}  // namespace rapport
