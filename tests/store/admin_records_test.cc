// The policy entries and the audit trail the store keeps for rapportctl.

#include "store/admin_records.h"

#include <catch2/catch.hpp>

#include "store/rocksdb_history_store.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

constexpr int64_t kNow = 1700000000;
constexpr int64_t kDay = 86400;

StoredPolicyEntry Entry(const std::string& list, const std::string& text) {
  StoredPolicyEntry entry;
  entry.list = list;
  entry.entry = text;
  entry.added_at = kNow;
  entry.added_by = {1000, "alice", "bob"};
  entry.comment = "partner's billing";
  return entry;
}

AuditRecord Audit(int64_t at, const std::string& action, const std::string& target) {
  AuditRecord record;
  record.at = at;
  record.actor = {0, "root", "alice"};
  record.action = action;
  record.target = target;
  record.outcome = "ok";
  return record;
}

std::vector<std::string> Targets(const std::vector<AuditRecord>& records) {
  std::vector<std::string> targets;
  for (const AuditRecord& r : records) targets.push_back(r.action + " " + r.target);
  return targets;
}

TEST_CASE("policy entries round-trip through the store and survive a reopen", "[store][policy]") {
  test::TempDir dir;
  {
    std::unique_ptr<HistoryStore> store = test::OpenOrFail(test::AcmeOptions(dir.path()));
    REQUIRE(store->PutPolicyEntry(Entry("trusted_senders", "x@partner.test")).ok());
    REQUIRE(store->PutPolicyEntry(Entry("blocked_domains", "evil.test")).ok());
    StoredPolicyEntry replaced = Entry("trusted_senders", "x@partner.test");
    replaced.comment = "again";
    REQUIRE(store->PutPolicyEntry(replaced).ok());
  }
  std::unique_ptr<HistoryStore> store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  std::vector<StoredPolicyEntry> entries;
  REQUIRE(store->ListPolicyEntries(&entries).ok());
  REQUIRE(entries.size() == 2);
  CHECK(entries[0].list == "blocked_domains");
  CHECK(entries[1].entry == "x@partner.test");
  CHECK(entries[1].comment == "again");
  CHECK(entries[1].added_at == kNow);
  CHECK(entries[1].added_by.uid == 1000);
  CHECK(entries[1].added_by.user == "alice");
  CHECK(entries[1].added_by.sudo_user == "bob");

  REQUIRE(store->DeletePolicyEntry("trusted_senders", "x@partner.test").ok());
  CHECK(store->DeletePolicyEntry("trusted_senders", "x@partner.test").IsNotFound());
  CHECK(store->DeletePolicyEntry("blocked_senders", "evil.test").IsNotFound());
  REQUIRE(store->ListPolicyEntries(&entries).ok());
  REQUIRE(entries.size() == 1);
  CHECK(entries[0].entry == "evil.test");
  CHECK(store->PutPolicyEntry(Entry("", "x@partner.test")).IsInvalidArgument());
}

TEST_CASE("the audit trail lists newest first, from a time on", "[store][audit]") {
  test::TempDir dir;
  std::unique_ptr<HistoryStore> store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  REQUIRE(store->AppendAudit(Audit(kNow - 2 * kDay, "release", "3F2A81C2B4")).ok());
  // Three in one second keep the order they were appended in.
  REQUIRE(store->AppendAudit(Audit(kNow, "report", "4B1C2D3E4F")).ok());
  REQUIRE(store->AppendAudit(Audit(kNow, "policy add", "blocked_senders:x@partner.test")).ok());
  AuditRecord failed = Audit(kNow, "delete", "ABCDEF1234");
  failed.outcome = "error: ABCDEF1234: no held message with that id";
  REQUIRE(store->AppendAudit(failed).ok());

  std::vector<AuditRecord> records;
  REQUIRE(store->ListAudit(0, &records).ok());
  CHECK(Targets(records) == std::vector<std::string>{"delete ABCDEF1234",
                                                     "policy add blocked_senders:x@partner.test",
                                                     "report 4B1C2D3E4F", "release 3F2A81C2B4"});
  CHECK(records[0].outcome == failed.outcome);
  CHECK(records[0].actor.uid == 0);
  CHECK(records[0].actor.user == "root");
  CHECK(records[0].actor.sudo_user == "alice");
  CHECK(records[0].at == kNow);

  REQUIRE(store->ListAudit(kNow - kDay, &records).ok());
  CHECK(records.size() == 3);
  REQUIRE(store->ListAudit(kNow + 1, &records).ok());
  CHECK(records.empty());
}

TEST_CASE("audit records past their retention go as a new one is appended", "[store][audit]") {
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.path());
  options.audit_retention_days = 30;
  std::unique_ptr<HistoryStore> store = test::OpenOrFail(options);
  REQUIRE(store->AppendAudit(Audit(kNow - 40 * kDay, "release", "OLD1")).ok());
  REQUIRE(store->AppendAudit(Audit(kNow - 31 * kDay, "release", "OLD2")).ok());
  REQUIRE(store->AppendAudit(Audit(kNow - 29 * kDay, "release", "KEPT")).ok());
  std::vector<AuditRecord> records;
  REQUIRE(store->ListAudit(0, &records).ok());
  CHECK(records.size() == 3);  // nothing is past 30 days before the newest yet

  REQUIRE(store->AppendAudit(Audit(kNow, "delete", "NEW")).ok());
  REQUIRE(store->ListAudit(0, &records).ok());
  CHECK(Targets(records) == std::vector<std::string>{"delete NEW", "release KEPT"});
}

TEST_CASE("audit retention 0 keeps every record", "[store][audit]") {
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.path());
  options.audit_retention_days = 0;
  std::unique_ptr<HistoryStore> store = test::OpenOrFail(options);
  REQUIRE(store->AppendAudit(Audit(kNow - 4000 * kDay, "release", "ANCIENT")).ok());
  REQUIRE(store->AppendAudit(Audit(kNow, "release", "NEW")).ok());
  std::vector<AuditRecord> records;
  REQUIRE(store->ListAudit(0, &records).ok());
  CHECK(records.size() == 2);
}

TEST_CASE("a read-only view reads the policy and the audit trail", "[store][audit]") {
  test::TempDir dir;
  std::unique_ptr<HistoryStore> writer = test::OpenOrFail(test::AcmeOptions(dir.path()));
  REQUIRE(writer->PutPolicyEntry(Entry("blocked_senders", "x@partner.test")).ok());
  REQUIRE(writer->AppendAudit(Audit(kNow, "policy add", "blocked_senders:x@partner.test")).ok());
  StoreOptions read_only = test::AcmeOptions(dir.path());
  read_only.mode = StoreOptions::Mode::kReadOnly;
  std::unique_ptr<HistoryStore> reader = test::OpenOrFail(read_only);
  std::vector<StoredPolicyEntry> entries;
  REQUIRE(reader->ListPolicyEntries(&entries).ok());
  CHECK(entries.size() == 1);
  std::vector<AuditRecord> records;
  REQUIRE(reader->ListAudit(0, &records).ok());
  CHECK(records.size() == 1);
  CHECK(reader->PutPolicyEntry(Entry("blocked_senders", "y@partner.test")).IsUnsupported());
  CHECK(reader->AppendAudit(Audit(kNow, "release", "X")).IsUnsupported());
}

TEST_CASE("a version-3 store gains the policy and audit families on a writable open",
          "[store][schema]") {
  test::TempDir dir;
  test::OpenOrFail(test::AcmeOptions(dir.path())).reset();
  test::DropFamilies(dir.path(), {"policy", "audit"});
  test::PutRaw(dir.path(), "meta", "schema_version", "3");

  StoreOptions read_only = test::AcmeOptions(dir.path());
  read_only.mode = StoreOptions::Mode::kReadOnly;
  std::unique_ptr<HistoryStore> store = test::OpenOrFail(read_only);
  std::vector<StoredPolicyEntry> entries;
  CHECK(store->ListPolicyEntries(&entries).ok());
  CHECK(entries.empty());
  std::vector<AuditRecord> records;
  CHECK(store->ListAudit(0, &records).ok());
  CHECK(records.empty());
  store.reset();

  store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  StoreReport report;
  REQUIRE(store->Describe(&report).ok());
  CHECK(report.schema_version == RocksDbHistoryStore::kSchemaVersion);
  CHECK(report.schema_version == "9");
  REQUIRE(store->PutPolicyEntry(Entry("trusted_domains", "partner.test")).ok());
  REQUIRE(store->AppendAudit(Audit(kNow, "policy add", "trusted_domains:partner.test")).ok());
}

TEST_CASE("malformed policy and audit values are corruption", "[store][coding]") {
  std::string policy;
  EncodeStoredPolicyEntry(Entry("trusted_senders", "x@partner.test"), &policy);
  StoredPolicyEntry entry;
  REQUIRE(DecodeStoredPolicyEntry(policy, &entry).ok());
  CHECK(entry.comment == "partner's billing");
  CHECK(DecodeStoredPolicyEntry(policy.substr(0, policy.size() - 1), &entry).IsCorruption());
  CHECK(DecodeStoredPolicyEntry(policy + "x", &entry).IsCorruption());
  CHECK(DecodeStoredPolicyEntry("", &entry).IsCorruption());
  std::string audit;
  EncodeAuditRecord(Audit(-5, "release", "3F2A81C2B4"), &audit);
  AuditRecord record;
  REQUIRE(DecodeAuditRecord(audit, &record).ok());
  CHECK(record.at == -5);
  audit[0] = '\x7f';
  CHECK(DecodeAuditRecord(audit, &record).IsCorruption());
}

TEST_CASE("an actor reads as uid/user with who ran sudo", "[store][audit]") {
  CHECK(ActorText({0, "root", ""}) == "0/root");
  CHECK(ActorText({0, "root", "alice"}) == "0/root (sudo alice)");
}

}  // namespace
}  // namespace rapport
