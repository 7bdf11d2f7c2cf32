#include "admin/admin_client.h"

#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <cerrno>
#include <cstring>
#include <nlohmann/json.hpp>

#include "admin/admin_protocol.h"

namespace rapport {

namespace {

using nlohmann::json;

class SocketAdminOperations : public AdminOperations {
 public:
  SocketAdminOperations(int fd, std::string path) : fd_(fd), path_(std::move(path)) {}
  ~SocketAdminOperations() override { close(fd_); }

  Status ListHeld(std::vector<HeldMessage>* out) override {
    return CallForList({{"op", "list_held"}}, "records", &HeldFromJson, out);
  }

  Status GetHeld(const std::string& queue_id, HeldMessage* out) override {
    json response;
    Status status = Call({{"op", "get_held"}, {"queue_id", queue_id}}, &response);
    if (!status.ok()) return status;
    return HeldFromJson(response.value("held", json::object()), out);
  }

  Status SetHeldStatus(const std::string& queue_id, HeldStatus to, int64_t now) override {
    json response;
    return Call({{"op", "set_held_status"},
                 {"queue_id", queue_id},
                 {"status", HeldStatusName(to)},
                 {"now", now}},
                &response);
  }

  Status LearnReleased(const std::string& queue_id, const std::string& raw, int64_t now) override {
    json response;
    return Call({{"op", "learn_released"}, {"queue_id", queue_id}, {"raw", raw}, {"now", now}},
                &response);
  }

  Status RecordFeedback(const std::vector<std::pair<std::string, std::string>>& contexts,
                        Feedback feedback, int64_t now) override {
    json pairs = json::array();
    for (const auto& [signal, context] : contexts) pairs.push_back({signal, context});
    json response;
    return Call({{"op", "record_feedback"},
                 {"contexts", std::move(pairs)},
                 {"feedback", feedback == Feedback::kReleased ? "released" : "reported"},
                 {"now", now}},
                &response);
  }

  Status DeleteHeld(const std::string& queue_id) override {
    json response;
    return Call({{"op", "delete_held"}, {"queue_id", queue_id}}, &response);
  }

  Status ListPolicyEntries(std::vector<StoredPolicyEntry>* out) override {
    return CallForList({{"op", "list_policy"}}, "policy", &StoredPolicyFromJson, out);
  }

  Status AddPolicyEntry(const StoredPolicyEntry& entry) override {
    json response;
    return Call({{"op", "add_policy"}, {"entry", StoredPolicyToJson(entry)}}, &response);
  }

  Status RemovePolicyEntry(const std::string& list, const std::string& entry) override {
    json response;
    return Call({{"op", "remove_policy"}, {"list", list}, {"entry", entry}}, &response);
  }

  Status RecordAudit(const AuditRecord& record) override {
    json response;
    return Call({{"op", "record_audit"}, {"record", AuditToJson(record)}}, &response);
  }

  Status ListAudit(int64_t since, std::vector<AuditRecord>* out) override {
    return CallForList({{"op", "list_audit"}, {"since", since}}, "audit", &AuditFromJson, out);
  }

  Status CompactStore(StoreReport* out) override { return CallForReport("compact_store", out); }

  Status BackupStore(const std::string& dir) override {
    json response;
    return Call({{"op", "backup_store"}, {"dir", dir}}, &response);
  }

  Status CheckStore(StoreReport* out) override { return CallForReport("check_store", out); }

 private:
  // Runs an operation answered with a list in response[member], each item
  // read by `from_json`.
  template <typename T>
  Status CallForList(const json& request, const char* member, Status (*from_json)(const json&, T*),
                     std::vector<T>* out) {
    json response;
    Status status = Call(request, &response);
    if (!status.ok()) return status;
    out->clear();
    for (const json& item : response.value(member, json::array())) {
      T value;
      status = from_json(item, &value);
      if (!status.ok()) return status;
      out->push_back(std::move(value));
    }
    return Status::Ok();
  }

  // Runs an operation answered with a store report.
  Status CallForReport(const char* op, StoreReport* out) {
    json response;
    Status status = Call({{"op", op}}, &response);
    if (!status.ok()) return status;
    return StoreReportFromJson(response.value("store", json::object()), out);
  }

  // Sends one request line and reads one response line.
  Status Call(const json& request, json* response) {
    // Mail text may hold bytes that are not UTF-8; they are replaced, which
    // learning (addresses, links, subject) tolerates.
    const std::string line = request.dump(-1, ' ', false, json::error_handler_t::replace) + "\n";
    if (!SendAll(fd_, line)) return Lost();
    std::string buffer;
    std::string reply;
    while (!TakeLine(&buffer, &reply)) {
      if (buffer.size() > kMaxAdminLine || !ReceiveMore(fd_, &buffer)) return Lost();
    }
    try {
      *response = json::parse(reply);
    } catch (const json::exception&) {
      return Status::IoError("malformed answer on the admin socket " + path_);
    }
    return StatusFromJson(*response);
  }

  Status Lost() const {
    return Status::IoError("rapport-milter closed the admin socket " + path_ + " (see its log)");
  }

  const int fd_;
  const std::string path_;
};

}  // namespace

Status ConnectAdmin(const std::string& path, std::unique_ptr<AdminOperations>* out) {
  sockaddr_un address;
  const Status addressed = AdminSocketAddress(path, &address);
  if (!addressed.ok()) return addressed;
  const int fd = socket(AF_UNIX, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Status::IoError("socket: " + std::string(std::strerror(errno)));
  if (connect(fd, reinterpret_cast<const sockaddr*>(&address), sizeof(address)) != 0) {
    const int error = errno;
    close(fd);
    if (error == ENOENT || error == ECONNREFUSED) {
      return Status::NotFound("rapport-milter is not serving " + path);
    }
    return Status::IoError("cannot connect to rapport-milter's admin socket " + path + ": " +
                           std::strerror(error) + " (run as root or the service user)");
  }
  *out = std::make_unique<SocketAdminOperations>(fd, path);
  return Status::Ok();
}

}  // namespace rapport
