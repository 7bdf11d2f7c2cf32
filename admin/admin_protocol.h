#pragma once

#include <sys/un.h>

#include <cstdint>
#include <nlohmann/json.hpp>
#include <optional>
#include <string>
#include <string_view>

#include "admin/admin_operations.h"
#include "base/status.h"
#include "store/held_message.h"
#include "store/store_stats.h"

namespace rapport {

// The admin socket's protocol: one JSON object per line each way.
//
//   request:  {"op": "list_held"}
//             {"op": "get_held", "queue_id": ID}
//             {"op": "set_held_status", "queue_id": ID, "status": "released", "now": T}
//             {"op": "learn_released", "queue_id": ID, "raw": MESSAGE, "now": T}
//             {"op": "record_feedback", "contexts": [[SIGNAL, CONTEXT]...],
//              "feedback": "released"|"reported", "now": T}
//             {"op": "delete_held", "queue_id": ID}
//             {"op": "compact_store"}
//             {"op": "backup_store", "dir": ABSOLUTE_PATH}
//             {"op": "check_store"}
//             {"op": "list_policy"}
//             {"op": "add_policy", "entry": POLICY_ENTRY}
//             {"op": "remove_policy", "list": LIST, "entry": ENTRY}
//             {"op": "record_audit", "record": AUDIT_RECORD}
//             {"op": "list_audit", "since": T}
//   response: {"ok": true[, "held": RECORD | "records": [RECORD...] | "store": REPORT
//                          | "policy": [POLICY_ENTRY...] | "audit": [AUDIT_RECORD...]]}
//             {"ok": false, "code": "not_found"|..., "error": "one line"}
//
// Nothing else is accepted: the socket offers exactly AdminOperations.

// Longest request line accepted: a learned message of the largest size the
// parser reads, JSON-escaped.
inline constexpr size_t kMaxAdminLine = 80u << 20;

// A held record as JSON (also rapportctl held's --json output).
nlohmann::json HeldToJson(const HeldMessage& held);
// The inverse; InvalidArgument on a malformed record.
Status HeldFromJson(const nlohmann::json& json, HeldMessage* out);

// A store policy entry and an audit record as JSON (also rapportctl
// policy's and audit's --json output), and back; InvalidArgument on a
// malformed one. An actor is {"uid", "user", "sudo_user"}.
nlohmann::json StoredPolicyToJson(const StoredPolicyEntry& entry);
Status StoredPolicyFromJson(const nlohmann::json& json, StoredPolicyEntry* out);
nlohmann::json AuditToJson(const AuditRecord& record);
Status AuditFromJson(const nlohmann::json& json, AuditRecord* out);

// A store report as JSON (also rapportctl store's and stats' --json
// output), and back; InvalidArgument on a malformed report.
nlohmann::json StoreReportToJson(const StoreReport& report);
Status StoreReportFromJson(const nlohmann::json& json, StoreReport* out);

// A Status as response members {"ok", "code", "error"}, and back.
nlohmann::json StatusToJson(const Status& status);
Status StatusFromJson(const nlohmann::json& json);

// Sends all of `data` on socket `fd` (never raising SIGPIPE), retrying on
// EINTR; false when the peer is gone.
bool SendAll(int fd, std::string_view data);

// Appends what one recv() on socket `fd` returns to *buffer, retrying on
// EINTR; false at the end of the stream or on an error.
bool ReceiveMore(int fd, std::string* buffer);

// Moves the first complete line of *buffer, without its newline, into
// *line; false while *buffer holds no newline.
bool TakeLine(std::string* buffer, std::string* line);

// Fills *address for the unix socket at `path` (the server's and the
// client's); InvalidArgument, naming the path, when it is too long for one.
Status AdminSocketAddress(const std::string& path, sockaddr_un* address);

// Answers one request line on `admin`; never throws, whatever the line.
// `peer_uid` is the uid of the process that sent it (the socket's
// SO_PEERCRED): with it, whoever the request names as the actor of a
// policy entry or audit record is replaced by that uid and its user name;
// only sudo_user is taken from the request.
std::string HandleAdminRequest(AdminOperations* admin, std::string_view line,
                               std::optional<uint32_t> peer_uid = std::nullopt);

}  // namespace rapport
