// A store written by schema version 1, whose index families held no time,
// is upgraded by its first writable open and keeps every entry.

#include <algorithm>
#include <catch2/catch.hpp>
#include <map>
#include <set>

#include "store/history_records.h"
#include "store/history_store.h"
#include "store/keys.h"
#include "store/rocksdb_history_store.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

using test::March2024;

constexpr const char* kIndexFamilies[] = {"link_domain_member", "thread_member", "message_id"};

// A store with one thread, one link domain and their index entries.
void LearnThread(const std::string& path) {
  auto store = test::OpenOrFail(test::AcmeOptions(path));
  Message m;
  m.from = test::Address("bob@vendor.example");
  m.message_id = "root@vendor.example";
  m.subject = "invoice";
  m.links = {test::LinkTo("vendor.example", "vendor.example")};
  test::LearnOrFail(store.get(), m, Direction::kInbound, March2024(1), {"ann@acme.com"});
  m.message_id = "reply@vendor.example";
  m.in_reply_to = "root@vendor.example";
  m.references = {"root@vendor.example"};
  test::LearnOrFail(store.get(), m, Direction::kInbound, March2024(2), {"ann@acme.com"});
  // Into table files: RocksDB opened without Rapport's merge operators, as
  // the raw helpers open it, was seen to lose writes still in the log.
  REQUIRE(store->Compact().ok());
}

// Rewrites the closed store in `path` as version 1 wrote it: index values
// without their time. Families listed in `already_upgraded` keep theirs, as
// a crash partway through an upgrade would leave them.
void DowngradeToVersion1(const std::string& path,
                         const std::vector<std::string>& already_upgraded = {}) {
  for (const char* family : kIndexFamilies) {
    if (std::find(already_upgraded.begin(), already_upgraded.end(), family) !=
        already_upgraded.end()) {
      continue;
    }
    auto entries = test::RawEntries(path, family);
    for (auto& [key, value] : entries) {
      REQUIRE(value.size() >= 8);
      value.erase(0, 8);
    }
    test::PutRaw(path, family, entries);
  }
  test::PutRaw(path, "meta", "schema_version", "1");
}

// The last-written time of every index entry of the closed store in
// `path`, by family, after checking each holds the payload it had.
std::map<std::string, std::set<int64_t>> IndexTimes(const std::string& path) {
  std::map<std::string, std::set<int64_t>> times;
  for (const char* family : kIndexFamilies) {
    INFO(family);
    const auto entries = test::RawEntries(path, family);
    REQUIRE(!entries.empty());
    for (const auto& [key, value] : entries) {
      int64_t last_written = 0;
      std::string_view payload;
      REQUIRE(DecodeIndexEntry(value, &last_written, &payload));
      times[family].insert(last_written);
      if (std::string(family) == "message_id") {
        CHECK(payload == "root@vendor.example");
      } else {
        CHECK(payload.empty());
      }
    }
  }
  return times;
}

// The store as an older Rapport left it: without the sender attributes
// of `kind` given as (key, value), at schema `version`.
void DowngradeAttributes(const std::string& path, SenderAttributeKind kind,
                         const std::vector<std::pair<std::string, std::string>>& attributes,
                         const std::string& version) {
  std::vector<std::string> keys;
  for (const auto& [sender, value] : attributes) {
    KeyBuilder key;
    key.Lower(sender).Tag(static_cast<char>(kind)).Lower(value);
    keys.push_back(key.key());
  }
  test::DeleteRaw(path, "sender_attribute", keys);
  test::PutRaw(path, "meta", "schema_version", version);
}

// billing@mail.vendor.example writes to ann@acme.com on 1-3 March 2024,
// from 192.0.2.0/24.
void LearnVendorInvoices(HistoryStore* store) {
  Message inbound;
  inbound.from = test::Address("billing@mail.vendor.example");
  inbound.origin_ip = "192.0.2.7";
  for (int day = 1; day <= 3; ++day) {
    inbound.message_id = "v" + std::to_string(day) + "@vendor.example";
    test::LearnOrFail(store, inbound, Direction::kInbound, March2024(day), {"ann@acme.com"});
  }
}

// Opens the store writable, which upgrades it, and checks it now reads as
// the current schema.
std::unique_ptr<HistoryStore> OpenUpgraded(const std::string& path) {
  auto store = test::OpenOrFail(test::AcmeOptions(path));
  StoreReport report;
  REQUIRE(store->Describe(&report).ok());
  CHECK(report.schema_version == RocksDbHistoryStore::kSchemaVersion);
  return store;
}

std::unique_ptr<HistoryStore> OpenReadOnly(const std::string& path) {
  StoreOptions read_only = test::AcmeOptions(path);
  read_only.mode = StoreOptions::Mode::kReadOnly;
  return test::OpenOrFail(read_only);
}

TEST_CASE("a version-1 store is upgraded by its first writable open", "[store][schema]") {
  test::TempDir dir;
  LearnThread(dir.path());
  DowngradeToVersion1(dir.path());

  StoreOptions read_only = test::AcmeOptions(dir.path());
  read_only.mode = StoreOptions::Mode::kReadOnly;
  std::unique_ptr<HistoryStore> store;
  {
    const Status refused = OpenRocksDbStore(read_only, &store);
    INFO(refused.ToString());
    REQUIRE(refused.IsUnsupported());
    CHECK(refused.message().find("schema version 1") != std::string::npos);
    CHECK(refused.message().find("start rapport-milter") != std::string::npos);
  }

  int64_t now = March2024(20);
  const int64_t upgraded_at = now;
  StoreOptions options = test::AcmeOptions(dir.path());
  options.retention_days = GENERATE(0u, 30u);
  options.clock = [&] { return now; };
  store = test::OpenOrFail(options);
  ThreadRecord thread;
  const Status found = store->FindThreadByMessageId("reply@vendor.example", &thread);
  INFO(found.ToString());
  REQUIRE(found.ok());
  CHECK(thread.root_id == "root@vendor.example");
  CHECK(thread.participants.size() == 2);
  StoreReport report;
  REQUIRE(store->Describe(&report).ok());
  CHECK(report.schema_version == "9");
  store.reset();
  for (const auto& [family, times] : IndexTimes(dir.path())) {
    INFO(family);
    CHECK(times == std::set<int64_t>{upgraded_at});
  }

  // Retention counts from the upgrade: 40 days after the thread was last
  // seen its record expires, but not the entries stamped 22 days ago.
  now = March2024(2) + 40 * 86400;
  options.retention_days = 30;
  store = test::OpenOrFail(options);
  REQUIRE(store->Compact().ok());
  CHECK(store->FindThreadByMessageId("reply@vendor.example", &thread).IsNotFound());
  store.reset();
  CHECK(test::RawEntries(dir.path(), "message_id").size() == 2);
}

TEST_CASE("an upgrade interrupted midway resumes without rewriting an entry twice",
          "[store][schema]") {
  test::TempDir dir;
  LearnThread(dir.path());
  // The crash came after the member families were written, before message_id.
  DowngradeToVersion1(dir.path(), {"link_domain_member", "thread_member"});
  test::PutRaw(dir.path(), "meta", "schema_upgrade_position", "8");

  const int64_t upgraded_at = March2024(20);
  StoreOptions options = test::AcmeOptions(dir.path());
  options.clock = [&] { return upgraded_at; };
  auto store = test::OpenOrFail(options);
  ThreadRecord thread;
  REQUIRE(store->FindThreadByMessageId("reply@vendor.example", &thread).ok());
  CHECK(thread.root_id == "root@vendor.example");
  store.reset();
  const auto times = IndexTimes(dir.path());
  CHECK(times.at("message_id") == std::set<int64_t>{upgraded_at});
  CHECK(*times.at("thread_member").rbegin() <= March2024(2));
  CHECK(*times.at("link_domain_member").rbegin() <= March2024(2));
  for (const auto& [key, value] : test::RawEntries(dir.path(), "meta")) {
    CHECK(key != "schema_upgrade_position");
  }
}

TEST_CASE("a malformed upgrade position is Corruption", "[store][schema]") {
  test::TempDir dir;
  LearnThread(dir.path());
  DowngradeToVersion1(dir.path());
  test::PutRaw(dir.path(), "meta", "schema_upgrade_position", "x\x1fkey");
  std::unique_ptr<HistoryStore> store;
  const Status status = OpenRocksDbStore(test::AcmeOptions(dir.path()), &store);
  INFO(status.ToString());
  CHECK(status.IsCorruption());
}

TEST_CASE("a version-2 store gains the observation families on its first writable open",
          "[store][schema]") {
  test::TempDir dir;
  LearnThread(dir.path());
  test::DropFamilies(dir.path(), {"observation", "observation_member", "base_rate"});
  test::PutRaw(dir.path(), "meta", "schema_version", "2");

  // Read-only, the families it lacks read as empty.
  StoreOptions read_only = test::AcmeOptions(dir.path());
  read_only.mode = StoreOptions::Mode::kReadOnly;
  std::unique_ptr<HistoryStore> store = test::OpenOrFail(read_only);
  ThreadRecord thread;
  CHECK(store->FindThreadByMessageId("reply@vendor.example", &thread).ok());
  AnomalyObservations observed;
  CHECK(store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 0, &observed)
            .IsNotFound());
  uint64_t count = 0;
  CHECK(store->GetBaseRateCount(kBaseRateInbound, &count).IsNotFound());
  store.reset();

  store = OpenUpgraded(dir.path());
  CHECK(store->FindThreadByMessageId("reply@vendor.example", &thread).ok());
  Message m;
  m.from = test::Address("bob@vendor.example");
  m.links = {test::LinkTo("r2.dev", "pub-ac94.r2.dev")};
  LearnRequest request;
  request.message = &m;
  request.now = March2024(21);
  request.recipients = {"ann@acme.com"};
  request.signal_contexts = {{"FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev"}};
  request.trust = LearnTrust::kObservedOnly;
  request.sender.established_organisation = "vendor.example";
  REQUIRE(store->Learn(request).ok());
  REQUIRE(store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 0, &observed).ok());
  CHECK(observed.messages == 1);
  CHECK(observed.organisations == 1);
}

// A store in which ann linked acme-events.example in three outbound
// messages and acme-press.example in one.
void LearnOutboundLinks(const std::string& path) {
  auto store = test::OpenOrFail(test::AcmeOptions(path));
  Message m;
  m.from = test::Address("ann@acme.com");
  m.links = {test::LinkTo("acme-events.example", "acme-events.example")};
  for (int day = 1; day <= 3; ++day) {
    test::LearnOrFail(store.get(), m, Direction::kOutbound, March2024(day),
                      {"x" + std::to_string(day) + "@partner.example"});
  }
  m.links = {test::LinkTo("acme-press.example", "acme-press.example")};
  test::LearnOrFail(store.get(), m, Direction::kOutbound, March2024(4), {"y@partner.example"});
  REQUIRE(store->Compact().ok());  // merge operands folded, for the raw helpers
}

// Rewrites the link-domain records of the closed store in `path` named in
// `domains` as version 4 wrote them: without their last field, the
// distinct outbound senders. The 'O' members stay; the upgrade reads none.
void DowngradeLinkDomains(const std::string& path, const std::set<std::string>& domains) {
  auto entries = test::RawEntries(path, "link_domain");
  for (auto& [key, value] : entries) {
    if (domains.count(key) == 0) continue;
    REQUIRE(value.size() == link_domain_field::kCount * 8);
    value.resize((link_domain_field::kCount - 1) * 8);
  }
  test::PutRaw(path, "link_domain", entries);
}

uint64_t OutboundSenders(const HistoryStore& store, const std::string& domain) {
  LinkDomainStats stats;
  const Status status = store.GetLinkDomain(domain, &stats);
  INFO(domain << ": " << status.ToString());
  REQUIRE(status.ok());
  return stats.outbound_senders;
}

void CheckNoUpgradePosition(const std::string& path) {
  for (const auto& [key, value] : test::RawEntries(path, "meta")) {
    CHECK(key.find("upgrade_position") == std::string::npos);
  }
}

TEST_CASE("a version-4 store keeps the link domains its staff vouched for", "[store][schema]") {
  test::TempDir dir;
  LearnOutboundLinks(dir.path());
  DowngradeLinkDomains(dir.path(), {"acme-events.example", "acme-press.example"});
  test::PutRaw(dir.path(), "meta", "schema_version", "4");

  // Read-only, the old records read no outbound senders.
  StoreOptions read_only = test::AcmeOptions(dir.path());
  read_only.mode = StoreOptions::Mode::kReadOnly;
  std::unique_ptr<HistoryStore> store = test::OpenOrFail(read_only);
  CHECK(OutboundSenders(*store, "acme-events.example") == 0);
  store.reset();

  // The old store cannot tell its three messages' senders apart: they
  // count as the two staff that vouch, the single message as one.
  store = OpenUpgraded(dir.path());
  CHECK(OutboundSenders(*store, "acme-events.example") == kVouchingOutboundSenders);
  CHECK(OutboundSenders(*store, "acme-press.example") == 1);
  LinkDomainStats stats;
  REQUIRE(store->GetLinkDomain("acme-events.example", &stats).ok());
  CHECK(stats.outbound_messages == 3);
  CHECK(stats.messages == 3);
  store.reset();
  CheckNoUpgradePosition(dir.path());
}

TEST_CASE("an outbound-senders upgrade interrupted midway resumes after the last record done",
          "[store][schema]") {
  test::TempDir dir;
  LearnOutboundLinks(dir.path());
  // The crash came after acme-events.example was rewritten (it keeps the
  // one sender learned, which the upgrade would have made two), before
  // acme-press.example; the version is recorded before the first rewrite.
  DowngradeLinkDomains(dir.path(), {"acme-press.example"});
  test::PutRaw(dir.path(), "meta", "schema_version", "9");
  test::PutRaw(dir.path(), "meta", "outbound_senders_upgrade_position", "acme-events.example");

  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  CHECK(OutboundSenders(*store, "acme-events.example") == 1);
  CHECK(OutboundSenders(*store, "acme-press.example") == 1);
  store.reset();
  CheckNoUpgradePosition(dir.path());
  const auto link_domains = test::RawEntries(dir.path(), "link_domain");
  REQUIRE(link_domains.size() == 2);
  for (const auto& [key, value] : link_domains) {
    INFO(key);
    CHECK(value.size() == link_domain_field::kCount * 8);
  }
}

// A store in which ann wrote three times to x@partner.example and twice to
// z@solo.example, and bob once to y@partner.example; then, as version 5
// kept them, without the staff correspondents those messages taught.
// Returns the staff correspondent keys it removed, in key order.
std::vector<std::string> LearnStaffWithoutCorrespondents(const std::string& path) {
  {
    auto store = test::OpenOrFail(test::AcmeOptions(path));
    Message m;
    m.from = test::Address("ann@acme.com");
    for (int day = 1; day <= 3; ++day) {
      test::LearnOrFail(store.get(), m, Direction::kOutbound, March2024(day),
                        {"x@partner.example"});
    }
    for (int day = 4; day <= 5; ++day) {
      test::LearnOrFail(store.get(), m, Direction::kOutbound, March2024(day), {"z@solo.example"});
    }
    m.from = test::Address("bob@acme.com");
    test::LearnOrFail(store.get(), m, Direction::kOutbound, March2024(6), {"y@partner.example"});
    REQUIRE(store->Compact().ok());
  }
  std::vector<std::string> keys;
  for (const auto& [domain, staff] :
       {std::pair{"partner.example", "ann@acme.com"}, std::pair{"partner.example", "bob@acme.com"},
        std::pair{"solo.example", "ann@acme.com"}}) {
    KeyBuilder key;
    key.Lower(domain).Tag(static_cast<char>(SenderAttributeKind::kStaffCorrespondent)).Lower(staff);
    keys.push_back(key.key());
  }
  test::DeleteRaw(path, "sender_attribute", keys);
  test::PutRaw(path, "meta", "schema_version", "5");
  return keys;
}

size_t StaffCorrespondents(const HistoryStore& store, const std::string& domain) {
  size_t staff = 0;
  REQUIRE(store.CountSenderAttributes(domain, SenderAttributeKind::kStaffCorrespondent, 10, &staff)
              .ok());
  return staff;
}

TEST_CASE("a version-5 store learns from its relationships which staff wrote to each domain",
          "[store][schema]") {
  test::TempDir dir;
  LearnStaffWithoutCorrespondents(dir.path());

  StoreOptions read_only = test::AcmeOptions(dir.path());
  read_only.mode = StoreOptions::Mode::kReadOnly;
  std::unique_ptr<HistoryStore> store = test::OpenOrFail(read_only);
  CHECK(StaffCorrespondents(*store, "partner.example") == 0);
  store.reset();

  store = OpenUpgraded(dir.path());
  CHECK(StaffCorrespondents(*store, "partner.example") == 2);
  CHECK(StaffCorrespondents(*store, "solo.example") == 1);
  SenderAttributeStats ann;
  REQUIRE(store
              ->GetSenderAttribute("partner.example", SenderAttributeKind::kStaffCorrespondent,
                                   "ann@acme.com", &ann)
              .ok());
  CHECK(ann.messages == 3);
  CHECK(ann.first_seen == March2024(1));
  CHECK(ann.last_seen == March2024(3));
  store.reset();
  CheckNoUpgradePosition(dir.path());
}

TEST_CASE("a staff-correspondent upgrade interrupted midway resumes after the last relationship",
          "[store][schema]") {
  test::TempDir dir;
  const std::vector<std::string> removed = LearnStaffWithoutCorrespondents(dir.path());
  // The crash came after x@partner.example's relationship with ann was
  // read back (its correspondent is there again), before the others.
  SenderAttributeStats unused;
  {
    auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));  // a full upgrade, to copy from
    REQUIRE(store
                ->GetSenderAttribute("partner.example", SenderAttributeKind::kStaffCorrespondent,
                                     "ann@acme.com", &unused)
                .ok());
    REQUIRE(store->Compact().ok());
  }
  test::DeleteRaw(dir.path(), "sender_attribute", {removed[1], removed[2]});
  test::PutRaw(dir.path(), "meta", "schema_version", "9");
  KeyBuilder done;
  done.Lower("x@partner.example").Lower("ann@acme.com");
  test::PutRaw(dir.path(), "meta", "staff_correspondents_upgrade_position", done.key());

  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  CHECK(StaffCorrespondents(*store, "partner.example") == 2);
  CHECK(StaffCorrespondents(*store, "solo.example") == 1);
  SenderAttributeStats ann;
  REQUIRE(store
              ->GetSenderAttribute("partner.example", SenderAttributeKind::kStaffCorrespondent,
                                   "ann@acme.com", &ann)
              .ok());
  CHECK(ann.messages == 3);  // read once, not again
  store.reset();
  CheckNoUpgradePosition(dir.path());
}

// A message from bob@vendor.example asking payment to one US account.
Message PaymentMessage() {
  Message m;
  m.from = test::Address("bob@vendor.example");
  m.message_id = "invoice@vendor.example";
  m.subject = "invoice";
  m.payment_coordinates = {{PaymentCoordinateKind::kRoutingAccount, "021000021/48213377",
                            "routing 021000021, account ending 3377"}};
  return m;
}

TEST_CASE("a version-6 store gets its payment fingerprint key and keeps its history",
          "[store][schema]") {
  test::TempDir dir;
  LearnThread(dir.path());
  test::DeleteRaw(dir.path(), "meta", {"payment_fingerprint_key"});
  test::PutRaw(dir.path(), "meta", "schema_version", "6");
  const PaymentCoordinate coordinate = PaymentMessage().payment_coordinates.front();

  // Read-only, the old store reads as one that keeps no payment history.
  StoreOptions read_only = test::AcmeOptions(dir.path());
  read_only.mode = StoreOptions::Mode::kReadOnly;
  std::unique_ptr<HistoryStore> store = test::OpenOrFail(read_only);
  std::string fingerprint;
  CHECK(store->GetPaymentFingerprint(coordinate, &fingerprint).IsNotFound());
  ThreadRecord thread;
  CHECK(store->FindThreadByMessageId("reply@vendor.example", &thread).ok());
  store.reset();

  // The first writable open records the current version with a key; what the store
  // knew stays, and payment coordinates are learned from then on.
  store = OpenUpgraded(dir.path());
  CHECK(store->FindThreadByMessageId("reply@vendor.example", &thread).ok());
  CHECK(thread.participants.size() == 2);
  REQUIRE(store->GetPaymentFingerprint(coordinate, &fingerprint).ok());
  test::LearnOrFail(store.get(), PaymentMessage(), Direction::kInbound, March2024(10),
                    {"ann@acme.com"});
  SenderAttributeStats stats;
  CHECK(store
            ->GetSenderAttribute("bob@vendor.example", SenderAttributeKind::kPaymentCoordinate,
                                 fingerprint, &stats)
            .ok());
  store.reset();

  // The key is kept: a later open fingerprints the coordinate the same way
  // and finds what it learned.
  std::string key;
  for (const auto& [name, value] : test::RawEntries(dir.path(), "meta")) {
    if (name == "payment_fingerprint_key") key = value;
  }
  CHECK(key.size() == 16);
  store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  std::string again;
  REQUIRE(store->GetPaymentFingerprint(coordinate, &again).ok());
  CHECK(again == fingerprint);
  CHECK(store
            ->GetSenderAttribute("vendor.example", SenderAttributeKind::kPaymentCoordinate, again,
                                 &stats)
            .ok());
}

TEST_CASE("a version-7 store learns from its infrastructure which domains send from a network",
          "[store][schema]") {
  // Every older version's upgrade leaves the backfill its position: 7's,
  // 6's (with the payment key) and that of 2 to 5.
  const std::string version = GENERATE("7", "6", "5");
  INFO("schema version " << version);
  test::TempDir dir;
  using K = SenderAttributeKind;
  {
    auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
    LearnVendorInvoices(store.get());
    Message outbound;
    outbound.origin_ip = "203.0.113.9";
    for (const char* staff : {"ann@acme.com", "bob@acme.com"}) {
      outbound.from = test::Address(staff);
      outbound.message_id = std::string("o@") + staff;
      test::LearnOrFail(store.get(), outbound, Direction::kOutbound, March2024(4),
                        {"billing@vendor.example"});
    }
    REQUIRE(store->Compact().ok());
  }
  // As the older version kept it: no sending domains.
  DowngradeAttributes(dir.path(), K::kSendingDomain,
                      {{"192.0.2.0/24", "vendor.example"}, {"203.0.113.0/24", "acme.com"}}, version);

  // Read-only, a network sends for no one.
  auto store = OpenReadOnly(dir.path());
  SenderAttributeStats stats;
  CHECK(store->GetSenderAttribute("192.0.2.0/24", K::kSendingDomain, "vendor.example", &stats)
            .IsNotFound());
  store.reset();

  // The first writable open reads them back: the vendor's three messages
  // once (its domain's, not also its address's), the staff's two together.
  store = OpenUpgraded(dir.path());
  REQUIRE(
      store->GetSenderAttribute("192.0.2.0/24", K::kSendingDomain, "vendor.example", &stats).ok());
  CHECK(stats.messages == 3);
  CHECK(stats.first_seen == March2024(1));
  REQUIRE(store->GetSenderAttribute("203.0.113.0/24", K::kSendingDomain, "acme.com", &stats).ok());
  CHECK(stats.messages == 2);
  size_t domains = 0;
  REQUIRE(store->CountSenderAttributes("192.0.2.0/24", K::kSendingDomain, 10, &domains).ok());
  CHECK(domains == 1);
  store.reset();
  CheckNoUpgradePosition(dir.path());
}

TEST_CASE("a version-8 store learns from its sender profiles who is known at each host",
          "[store][schema]") {
  test::TempDir dir;
  using K = SenderAttributeKind;
  {
    auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
    LearnVendorInvoices(store.get());
    Message outbound;
    outbound.from = test::Address("ann@acme.com");
    outbound.message_id = "o@acme.com";
    test::LearnOrFail(store.get(), outbound, Direction::kOutbound, March2024(4),
                      {"billing@mail.vendor.example", "jim.dyer@vendor.example", "bob@acme.com"});
    REQUIRE(store->Compact().ok());
  }
  // As version 8 kept it: no local parts.
  DowngradeAttributes(dir.path(), K::kLocalPart,
                      {{"mail.vendor.example", "billing"}, {"vendor.example", "jim.dyer"}}, "8");

  // Read-only, a host knows no one.
  auto store = OpenReadOnly(dir.path());
  SenderAttributeStats stats;
  CHECK(store->GetSenderAttribute("mail.vendor.example", K::kLocalPart, "billing", &stats)
            .IsNotFound());
  store.reset();

  // The first writable open reads them back from the addresses' profiles:
  // three messages in and one out for billing@, one out for jim.dyer@,
  // none for the colleague.
  store = OpenUpgraded(dir.path());
  REQUIRE(store->GetSenderAttribute("mail.vendor.example", K::kLocalPart, "billing", &stats).ok());
  CHECK(stats.messages == 4);
  CHECK(stats.first_seen == March2024(1));
  REQUIRE(store->GetSenderAttribute("vendor.example", K::kLocalPart, "jim.dyer", &stats).ok());
  CHECK(stats.messages == 1);
  size_t staff = 0;
  REQUIRE(store->CountSenderAttributes("acme.com", K::kLocalPart, 10, &staff).ok());
  CHECK(staff == 0);
  store.reset();
  CheckNoUpgradePosition(dir.path());
}

TEST_CASE("a version-1 store upgraded to the current version gets a payment key",
          "[store][schema]") {
  test::TempDir dir;
  LearnThread(dir.path());
  test::DeleteRaw(dir.path(), "meta", {"payment_fingerprint_key"});
  DowngradeToVersion1(dir.path());
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  std::string fingerprint;
  CHECK(store->GetPaymentFingerprint(PaymentMessage().payment_coordinates.front(), &fingerprint)
            .ok());
}

}  // namespace
}  // namespace rapport
