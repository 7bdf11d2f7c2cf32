// rapportctl policy and audit: parsing, the store's entries beside the
// file's, the admin socket's ops and who the audit trail names.

#include "cli/policy_admin.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <nlohmann/json.hpp>

#include "admin/admin_client.h"
#include "admin/admin_protocol.h"
#include "cli/held_review.h"
#include "tests/cli/admin_daemon.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

constexpr int64_t kNow = 1700000000;

// rapport.conf's [policy] with one entry at line 42.
PolicyLists FileLists() {
  PolicyLists lists;
  PolicyEntry entry;
  REQUIRE(ParsePolicyEntry("billing@vendor.test", PolicyList::kBlockedSenders, &entry).ok());
  entry.origin = "/etc/rapport/rapport.conf:42";
  lists.entries.push_back(entry);
  return lists;
}

StoredPolicyEntry Entry(const std::string& list, const std::string& text) {
  StoredPolicyEntry entry;
  entry.list = list;
  entry.entry = text;
  return entry;
}

struct Fixture {
  test::TempDir dir;
  std::unique_ptr<HistoryStore> store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  int changes = 0;
  StoreAdminOperations admin{store.get(), ParseOptions(), [this] { ++changes; }};

  std::vector<StoredPolicyEntry> Stored() {
    std::vector<StoredPolicyEntry> entries;
    REQUIRE(store->ListPolicyEntries(&entries).ok());
    return entries;
  }
  std::vector<AuditRecord> Audit() {
    std::vector<AuditRecord> records;
    REQUIRE(store->ListAudit(0, &records).ok());
    return records;
  }
};

Status Parse(std::vector<std::string> args, PolicyCommand* command) {
  return ParsePolicyCommand(args, command);
}

TEST_CASE("policy command lines", "[policy][cli]") {
  PolicyCommand command;
  REQUIRE(Parse({"list"}, &command).ok());
  CHECK(command.verb == PolicyCommand::Verb::kList);
  REQUIRE(Parse({"add", "blocked_senders", "x@partner.test", "--comment", "fraud"}, &command).ok());
  CHECK(command.verb == PolicyCommand::Verb::kAdd);
  CHECK(command.list == "blocked_senders");
  CHECK(command.entry == "x@partner.test");
  CHECK(command.comment == "fraud");
  REQUIRE(Parse({"remove", "trusted_domains", "partner.test"}, &command).ok());
  CHECK(command.verb == PolicyCommand::Verb::kRemove);
}

TEST_CASE("bad policy command lines are one line each", "[policy][cli]") {
  PolicyCommand command;
  const std::vector<std::pair<std::vector<std::string>, std::string>> bad = {
      {{}, "policy: expected list, add or remove"},
      {{"drop"}, "policy: expected list, add or remove"},
      {{"list", "extra"}, "policy: expected list, add or remove"},
      {{"add", "blocked_senders"}, "policy add: expected LIST ENTRY"},
      {{"remove"}, "policy remove: expected LIST ENTRY"},
      {{"add", "blocklist", "x@partner.test"},
       "'blocklist' is not a policy list (trusted_senders, trusted_domains, blocked_senders or "
       "blocked_domains)"},
      {{"add", "blocked_senders", "x@partner.test", "--comment"},
       "policy add: --comment needs TEXT"},
      {{"add", "blocked_senders", "x@partner.test", "--force"}, "policy add: unexpected '--force'"},
      {{"remove", "blocked_senders", "x@partner.test", "--comment", "c"},
       "policy remove: unexpected '--comment'"},
  };
  for (const auto& [args, message] : bad) {
    const Status status = Parse(args, &command);
    INFO(message);
    CHECK(status.IsInvalidArgument());
    CHECK(status.message() == message);
  }
}

TEST_CASE("policy add keeps a normalised entry, audited with who added it", "[policy][cli]") {
  Fixture f;
  StoredPolicyEntry entry = Entry("blocked_senders", "X@Partner.TEST");
  entry.comment = "fraud";
  REQUIRE(AddPolicy(&f.admin, FileLists(), entry, kNow).ok());
  CHECK(f.changes == 1);
  const auto stored = f.Stored();
  REQUIRE(stored.size() == 1);
  CHECK(stored[0].entry == "x@partner.test");
  CHECK(stored[0].comment == "fraud");
  CHECK(stored[0].added_at == kNow);
  CHECK(stored[0].added_by.uid == getuid());
  const auto audit = f.Audit();
  REQUIRE(audit.size() == 1);
  CHECK(audit[0].action == "policy add");
  CHECK(audit[0].target == "blocked_senders:x@partner.test");
  CHECK(audit[0].outcome == "ok");
  CHECK(audit[0].actor.uid == getuid());

  const auto listed = ListPolicy(FileLists(), stored);
  REQUIRE(listed.size() == 2);
  CHECK(listed[0].origin == "/etc/rapport/rapport.conf:42");
  CHECK_FALSE(listed[0].in_store);
  CHECK(listed[1].in_store);
  CHECK(listed[1].origin.rfind("added by " + std::to_string(getuid()) + "/", 0) == 0);
  CHECK(listed[1].origin.ends_with(" at 2023-11-14T22:13:20Z"));
}

TEST_CASE("bad policy entries are refused with one line, and audited", "[policy][cli]") {
  const std::vector<std::pair<StoredPolicyEntry, std::string>> bad = {
      {Entry("blocked_senders", "nobody"), "'nobody' is not an address (name@domain) or @domain"},
      {Entry("trusted_senders", "@"), "'@' is not an address (name@domain) or @domain"},
      {Entry("trusted_senders", "x@localhost"),
       "'x@localhost' is not an address (name@domain) or @domain"},
      {Entry("trusted_domains", "x@partner.test"),
       "'x@partner.test' is not a domain (vendor.example) or @domain"},
      {Entry("blocked_domains", "bad domain.test"),
       "'bad domain.test' is not a domain (vendor.example) or @domain"},
      {Entry("blocklist", "x@partner.test"),
       "'blocklist' is not a policy list (trusted_senders, trusted_domains, blocked_senders or "
       "blocked_domains)"},
      {Entry("blocked_senders", "Billing@Vendor.test"),
       "blocked_senders entry 'billing@vendor.test' is already in /etc/rapport/rapport.conf:42"},
  };
  for (const auto& [entry, message] : bad) {
    Fixture f;
    const Status status = AddPolicy(&f.admin, FileLists(), entry, kNow);
    INFO(message);
    CHECK(status.IsInvalidArgument());
    CHECK(status.message() == message);
    CHECK(f.Stored().empty());
    CHECK(f.changes == 0);
    const auto audit = f.Audit();
    REQUIRE(audit.size() == 1);
    CHECK(audit[0].outcome == "error: " + message);
  }
}

TEST_CASE("policy remove forgets store entries only", "[policy][cli]") {
  Fixture f;
  REQUIRE(AddPolicy(&f.admin, FileLists(), Entry("trusted_domains", "partner.test"), kNow).ok());
  // As written or as kept.
  REQUIRE(RemovePolicy(&f.admin, FileLists(), "trusted_domains", "Partner.Test", kNow).ok());
  CHECK(f.Stored().empty());
  CHECK(f.changes == 2);

  Status status =
      RemovePolicy(&f.admin, FileLists(), "blocked_senders", "billing@vendor.test", kNow);
  CHECK(status.IsInvalidArgument());
  CHECK(status.message() ==
        "blocked_senders entry 'billing@vendor.test' is in /etc/rapport/rapport.conf:42, not in "
        "the store: edit the file to remove it");
  status = RemovePolicy(&f.admin, FileLists(), "blocked_senders", "x@partner.test", kNow);
  CHECK(status.IsNotFound());
  CHECK(status.message() == "blocked_senders entry 'x@partner.test' is not kept in the store");
  CHECK(f.changes == 2);
  const auto audit = f.Audit();
  REQUIRE(audit.size() == 4);
  CHECK(audit[0].action == "policy remove");
  CHECK(audit[0].outcome == "error: " + status.message());
  CHECK(audit[2].outcome == "ok");
}

TEST_CASE("store entries reach the scorer's lists after the file's", "[policy][cli]") {
  StoredPolicyEntry entry = Entry("trusted_senders", "x@partner.test");
  entry.added_at = kNow;
  entry.added_by = {0, "root", "alice"};
  PolicyLists lists = FileLists();
  REQUIRE(AppendStoredPolicy({entry}, &lists).ok());
  REQUIRE(lists.entries.size() == 2);
  CHECK(lists.entries[1].list == PolicyList::kTrustedSenders);
  CHECK(lists.entries[1].value == "x@partner.test");
  CHECK(lists.entries[1].origin == "added by 0/root (sudo alice) at 2023-11-14T22:13:20Z");
  // An entry the store holds that no longer parses is named.
  const Status status = AppendStoredPolicy({Entry("blocked_senders", "nobody")}, &lists);
  CHECK(status.IsCorruption());
  CHECK(status.message() ==
        "policy entry kept in the store: blocked_senders 'nobody': 'nobody' is not an address "
        "(name@domain) or @domain");
}

TEST_CASE("the admin socket carries policy and audit ops", "[policy][admin]") {
  test::AdminDaemon daemon;
  std::unique_ptr<AdminOperations> client;
  REQUIRE(ConnectAdmin(daemon.path, &client).ok());
  StoredPolicyEntry entry = Entry("blocked_senders", "X@partner.test");
  entry.comment = "fraud";
  entry.added_at = kNow;
  entry.added_by = {4242, "mallory", "alice"};
  REQUIRE(client->AddPolicyEntry(entry).ok());
  std::vector<StoredPolicyEntry> entries;
  REQUIRE(client->ListPolicyEntries(&entries).ok());
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].entry == "x@partner.test");
  CHECK(entries[0].comment == "fraud");
  // The socket's peer is this process: its uid, not the one claimed.
  CHECK(entries[0].added_by.uid == getuid());
  CHECK(entries[0].added_by.user != "mallory");
  CHECK(entries[0].added_by.sudo_user == "alice");

  const Status bad = client->AddPolicyEntry(Entry("blocked_senders", "nobody"));
  CHECK(bad.IsInvalidArgument());
  CHECK(bad.message() == "'nobody' is not an address (name@domain) or @domain");

  AuditRecord record;
  record.at = kNow;
  record.actor = {4242, "mallory", "alice"};
  record.action = "release";
  record.target = "3F2A81C2B4";
  record.outcome = "ok";
  REQUIRE(client->RecordAudit(record).ok());
  std::vector<AuditRecord> records;
  REQUIRE(client->ListAudit(kNow, &records).ok());
  REQUIRE(records.size() == 1);
  CHECK(records[0].actor.uid == getuid());
  CHECK(records[0].actor.sudo_user == "alice");
  CHECK(records[0].target == "3F2A81C2B4");
  REQUIRE(client->ListAudit(kNow + 1, &records).ok());
  CHECK(records.empty());

  REQUIRE(client->RemovePolicyEntry("blocked_senders", "x@partner.test").ok());
  CHECK(client->RemovePolicyEntry("blocked_senders", "x@partner.test").IsNotFound());
}

TEST_CASE("without a peer the request's actor stands; malformed ops are refused",
          "[policy][admin]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  StoreAdminOperations admin(store.get(), ParseOptions());
  const std::string add =
      R"({"op":"add_policy","entry":{"list":"trusted_domains","entry":"partner.test",)"
      R"("added_at":1,"added_by":{"uid":7,"user":"u","sudo_user":""},"comment":""}})";
  CHECK(nlohmann::json::parse(HandleAdminRequest(&admin, add))["ok"] == true);
  CHECK(nlohmann::json::parse(HandleAdminRequest(&admin, add, 99))["ok"] == true);
  std::vector<StoredPolicyEntry> entries;
  REQUIRE(store->ListPolicyEntries(&entries).ok());
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].added_by.uid == 99);
  for (const char* line :
       {R"({"op":"add_policy"})", R"({"op":"add_policy","entry":{"list":"trusted_domains"}})",
        R"({"op":"remove_policy","list":"trusted_domains"})", R"({"op":"record_audit"})",
        R"({"op":"record_audit","record":{"at":"now"}})", R"({"op":"list_audit"})"}) {
    const nlohmann::json response = nlohmann::json::parse(HandleAdminRequest(&admin, line));
    INFO(line);
    CHECK(response["ok"] == false);
    CHECK(response["code"] == "invalid_argument");
  }
}

}  // namespace
}  // namespace rapport
