#include "admin/admin_protocol.h"

#include <sys/socket.h>

#include <cerrno>
#include <cstring>

#include "base/privileges.h"

namespace rapport {

namespace {

using nlohmann::json;

struct CodeName {
  Status::Code code;
  const char* name;
};

constexpr CodeName kCodeNames[] = {
    {Status::Code::kNotFound, "not_found"}, {Status::Code::kInvalidArgument, "invalid_argument"},
    {Status::Code::kIoError, "io_error"},   {Status::Code::kCorruption, "corruption"},
    {Status::Code::kBusy, "busy"},          {Status::Code::kUnsupported, "unsupported"}};

Status FromCode(const std::string& code, const std::string& message) {
  if (code == "not_found") return Status::NotFound(message);
  if (code == "invalid_argument") return Status::InvalidArgument(message);
  if (code == "corruption") return Status::Corruption(message);
  if (code == "busy") return Status::Busy(message);
  if (code == "unsupported") return Status::Unsupported(message);
  return Status::IoError(message);
}

// The actor the socket vouches for: its peer's uid and that uid's name.
void VouchFor(std::optional<uint32_t> peer_uid, Actor* actor) {
  if (!peer_uid.has_value()) return;
  actor->uid = *peer_uid;
  actor->user = UserNameOf(*peer_uid);
}

json ActorToJson(const Actor& actor) {
  return {{"uid", actor.uid}, {"user", actor.user}, {"sudo_user", actor.sudo_user}};
}

Actor ActorFromJson(const json& in) {
  return {in.at("uid").get<uint32_t>(), in.at("user").get<std::string>(),
          in.at("sudo_user").get<std::string>()};
}

// A list of `member` answered in response[member], converted by `to_json`.
template <typename T>
json ListResponse(const Status& status, const char* member, const std::vector<T>& items,
                  json (*to_json)(const T&)) {
  json response = StatusToJson(status);
  if (!status.ok()) return response;
  json list = json::array();
  for (const T& item : items) list.push_back(to_json(item));
  response[member] = std::move(list);
  return response;
}

// Answers one parsed request; json exceptions (missing or mistyped
// members) are turned into InvalidArgument by the caller.
json Dispatch(AdminOperations* admin, const json& request, std::optional<uint32_t> peer_uid) {
  const std::string op = request.at("op").get<std::string>();
  if (op == "list_held") {
    std::vector<HeldMessage> records;
    const Status status = admin->ListHeld(&records);
    return ListResponse(status, "records", records, &HeldToJson);
  }
  if (op == "get_held") {
    HeldMessage held;
    Status status = admin->GetHeld(request.at("queue_id").get<std::string>(), &held);
    json response = StatusToJson(status);
    if (status.ok()) response["held"] = HeldToJson(held);
    return response;
  }
  if (op == "set_held_status") {
    HeldStatus to;
    if (!ParseHeldStatus(request.at("status").get<std::string>(), &to)) {
      return StatusToJson(Status::InvalidArgument("unknown held status"));
    }
    return StatusToJson(admin->SetHeldStatus(request.at("queue_id").get<std::string>(), to,
                                             request.at("now").get<int64_t>()));
  }
  if (op == "learn_released") {
    return StatusToJson(admin->LearnReleased(request.at("queue_id").get<std::string>(),
                                             request.at("raw").get<std::string>(),
                                             request.at("now").get<int64_t>()));
  }
  if (op == "record_feedback") {
    const std::string kind = request.at("feedback").get<std::string>();
    if (kind != "released" && kind != "reported") {
      return StatusToJson(Status::InvalidArgument("feedback must be released or reported"));
    }
    std::vector<std::pair<std::string, std::string>> contexts;
    for (const json& pair : request.at("contexts")) {
      contexts.emplace_back(pair.at(0).get<std::string>(), pair.at(1).get<std::string>());
    }
    return StatusToJson(admin->RecordFeedback(
        contexts, kind == "released" ? Feedback::kReleased : Feedback::kReported,
        request.at("now").get<int64_t>()));
  }
  if (op == "delete_held") {
    return StatusToJson(admin->DeleteHeld(request.at("queue_id").get<std::string>()));
  }
  if (op == "compact_store" || op == "check_store") {
    StoreReport report;
    Status status =
        op == "compact_store" ? admin->CompactStore(&report) : admin->CheckStore(&report);
    json response = StatusToJson(status);
    if (status.ok()) response["store"] = StoreReportToJson(report);
    return response;
  }
  if (op == "backup_store") {
    return StatusToJson(admin->BackupStore(request.at("dir").get<std::string>()));
  }
  if (op == "list_policy") {
    std::vector<StoredPolicyEntry> entries;
    const Status status = admin->ListPolicyEntries(&entries);
    return ListResponse(status, "policy", entries, &StoredPolicyToJson);
  }
  if (op == "add_policy") {
    StoredPolicyEntry entry;
    const Status parsed = StoredPolicyFromJson(request.at("entry"), &entry);
    if (!parsed.ok()) return StatusToJson(parsed);
    VouchFor(peer_uid, &entry.added_by);
    return StatusToJson(admin->AddPolicyEntry(entry));
  }
  if (op == "remove_policy") {
    return StatusToJson(admin->RemovePolicyEntry(request.at("list").get<std::string>(),
                                                 request.at("entry").get<std::string>()));
  }
  if (op == "record_audit") {
    AuditRecord record;
    const Status parsed = AuditFromJson(request.at("record"), &record);
    if (!parsed.ok()) return StatusToJson(parsed);
    VouchFor(peer_uid, &record.actor);
    return StatusToJson(admin->RecordAudit(record));
  }
  if (op == "list_audit") {
    std::vector<AuditRecord> records;
    const Status status = admin->ListAudit(request.at("since").get<int64_t>(), &records);
    return ListResponse(status, "audit", records, &AuditToJson);
  }
  return StatusToJson(Status::InvalidArgument("unknown admin operation '" + op + "'"));
}

}  // namespace

json HeldToJson(const HeldMessage& held) {
  json signals = json::array();
  for (const HeldSignal& s : held.signals) {
    signals.push_back({{"name", s.name},
                       {"weight", s.weight},
                       {"contribution", s.contribution},
                       {"evidence", s.evidence},
                       {"context", s.context}});
  }
  json links = json::array();
  for (const HeldLink& l : held.links) {
    links.push_back({{"visible_text", l.visible_text}, {"url", l.url}, {"domain", l.domain}});
  }
  return {{"queue_id", held.queue_id},
          {"received_at", held.received_at},
          {"mail_from", held.mail_from},
          {"rcpt_to", held.rcpt_to},
          {"from", held.from},
          {"subject", held.subject},
          {"message_id", held.message_id},
          {"score", held.score},
          {"signals", std::move(signals)},
          {"links", std::move(links)},
          {"status", HeldStatusName(held.status)},
          {"status_changed_at", held.status_changed_at}};
}

Status HeldFromJson(const json& in, HeldMessage* out) {
  try {
    HeldMessage held;
    held.queue_id = in.at("queue_id").get<std::string>();
    held.received_at = in.at("received_at").get<int64_t>();
    held.mail_from = in.at("mail_from").get<std::string>();
    held.rcpt_to = in.at("rcpt_to").get<std::vector<std::string>>();
    held.from = in.at("from").get<std::string>();
    held.subject = in.at("subject").get<std::string>();
    held.message_id = in.at("message_id").get<std::string>();
    held.score = in.at("score").get<int>();
    for (const json& s : in.at("signals")) {
      held.signals.push_back({s.at("name").get<std::string>(), s.at("weight").get<double>(),
                              s.at("contribution").get<double>(),
                              s.at("evidence").get<std::string>(),
                              s.at("context").get<std::string>()});
    }
    for (const json& l : in.at("links")) {
      held.links.push_back({l.at("visible_text").get<std::string>(), l.at("url").get<std::string>(),
                            l.at("domain").get<std::string>()});
    }
    if (!ParseHeldStatus(in.at("status").get<std::string>(), &held.status)) {
      return Status::InvalidArgument("held record with an unknown status");
    }
    held.status_changed_at = in.at("status_changed_at").get<int64_t>();
    *out = std::move(held);
    return Status::Ok();
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("malformed held record: ") + e.what());
  }
}

json StoredPolicyToJson(const StoredPolicyEntry& entry) {
  return {{"list", entry.list},
          {"entry", entry.entry},
          {"added_at", entry.added_at},
          {"added_by", ActorToJson(entry.added_by)},
          {"comment", entry.comment}};
}

Status StoredPolicyFromJson(const json& in, StoredPolicyEntry* out) {
  try {
    StoredPolicyEntry entry;
    entry.list = in.at("list").get<std::string>();
    entry.entry = in.at("entry").get<std::string>();
    entry.added_at = in.at("added_at").get<int64_t>();
    entry.added_by = ActorFromJson(in.at("added_by"));
    entry.comment = in.at("comment").get<std::string>();
    *out = std::move(entry);
    return Status::Ok();
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("malformed policy entry: ") + e.what());
  }
}

json AuditToJson(const AuditRecord& record) {
  return {{"at", record.at},
          {"actor", ActorToJson(record.actor)},
          {"action", record.action},
          {"target", record.target},
          {"outcome", record.outcome}};
}

Status AuditFromJson(const json& in, AuditRecord* out) {
  try {
    AuditRecord record;
    record.at = in.at("at").get<int64_t>();
    record.actor = ActorFromJson(in.at("actor"));
    record.action = in.at("action").get<std::string>();
    record.target = in.at("target").get<std::string>();
    record.outcome = in.at("outcome").get<std::string>();
    *out = std::move(record);
    return Status::Ok();
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("malformed audit record: ") + e.what());
  }
}

json StoreReportToJson(const StoreReport& report) {
  json families = json::array();
  for (const FamilyReport& f : report.families) {
    families.push_back({{"name", f.name}, {"keys", f.keys}, {"sst_bytes", f.sst_bytes}});
  }
  return {{"path", report.path},
          {"schema_version", report.schema_version},
          {"sst_bytes", report.sst_bytes},
          {"wal_bytes", report.wal_bytes},
          {"families", std::move(families)}};
}

Status StoreReportFromJson(const json& in, StoreReport* out) {
  try {
    StoreReport report;
    report.path = in.at("path").get<std::string>();
    report.schema_version = in.at("schema_version").get<std::string>();
    report.sst_bytes = in.at("sst_bytes").get<uint64_t>();
    report.wal_bytes = in.at("wal_bytes").get<uint64_t>();
    for (const json& f : in.at("families")) {
      report.families.push_back({f.at("name").get<std::string>(), f.at("keys").get<uint64_t>(),
                                 f.at("sst_bytes").get<uint64_t>()});
    }
    *out = std::move(report);
    return Status::Ok();
  } catch (const json::exception& e) {
    return Status::InvalidArgument(std::string("malformed store report: ") + e.what());
  }
}

json StatusToJson(const Status& status) {
  if (status.ok()) return {{"ok", true}};
  const char* code = "io_error";
  for (const CodeName& c : kCodeNames) {
    if (c.code == status.code()) code = c.name;
  }
  return {{"ok", false}, {"code", code}, {"error", status.message()}};
}

Status StatusFromJson(const json& in) {
  try {
    if (in.at("ok").get<bool>()) return Status::Ok();
    return FromCode(in.value("code", "io_error"), in.value("error", "admin request failed"));
  } catch (const json::exception& e) {
    return Status::IoError(std::string("malformed admin response: ") + e.what());
  }
}

std::string HandleAdminRequest(AdminOperations* admin, std::string_view line,
                               std::optional<uint32_t> peer_uid) {
  json response;
  try {
    const json request = json::parse(line);
    response = Dispatch(admin, request, peer_uid);
  } catch (const json::exception& e) {
    response = StatusToJson(Status::InvalidArgument(std::string("bad admin request: ") + e.what()));
  }
  // Mail text may hold invalid UTF-8; replace rather than throw.
  return response.dump(-1, ' ', false, json::error_handler_t::replace);
}

bool SendAll(int fd, std::string_view data) {
  while (!data.empty()) {
    const ssize_t n = send(fd, data.data(), data.size(), MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    data.remove_prefix(static_cast<size_t>(n));
  }
  return true;
}

bool ReceiveMore(int fd, std::string* buffer) {
  char chunk[65536];
  for (;;) {
    const ssize_t n = recv(fd, chunk, sizeof(chunk), 0);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return false;
    buffer->append(chunk, static_cast<size_t>(n));
    return true;
  }
}

bool TakeLine(std::string* buffer, std::string* line) {
  const size_t newline = buffer->find('\n');
  if (newline == std::string::npos) return false;
  line->assign(*buffer, 0, newline);
  buffer->erase(0, newline + 1);
  return true;
}

Status AdminSocketAddress(const std::string& path, sockaddr_un* address) {
  *address = sockaddr_un{};
  if (path.size() >= sizeof(address->sun_path)) {
    return Status::InvalidArgument("admin socket path too long: " + path);
  }
  address->sun_family = AF_UNIX;
  std::memcpy(address->sun_path, path.c_str(), path.size() + 1);
  return Status::Ok();
}

}  // namespace rapport
