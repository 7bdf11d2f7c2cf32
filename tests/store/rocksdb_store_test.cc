#include <algorithm>
#include <atomic>
#include <catch2/catch.hpp>
#include <thread>

#include "message/history_keys.h"
#include "store/counter_record.h"
#include "store/history_store.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

using test::Address;
using test::LinkTo;
using test::March2024;

// A vendor invoice to two named staff and one hidden (BCC) recipient.
Message VendorInvoice() {
  Message m;
  m.from = Address("billing@vendor.example", "\"Vendor  Billing\"");
  m.to = {Address("ann@acme.com", "Ann Example")};
  m.cc = {Address("bob@acme.com")};
  m.reply_to = {Address("accounts@pay.example")};
  m.subject = "Invoice 42";
  m.message_id = "inv42@vendor.example";
  m.mailer = "Microsoft Outlook 16.0.4266";
  m.origin_ip = "192.0.2.7";
  m.links = {LinkTo("r2.dev", "pub-ac94.r2.dev"), LinkTo("vendor.example", "vendor.example")};
  return m;
}

const std::vector<std::string> kInvoiceRecipients = {"ann@acme.com", "bob@acme.com",
                                                     "carol@acme.com"};

TEST_CASE("inbound mail teaches the sender's profile and relationships", "[store][learn]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  const Message invoice = VendorInvoice();
  test::LearnOrFail(store.get(), invoice, Direction::kInbound, March2024(4), kInvoiceRecipients);

  for (const char* key : {"billing@vendor.example", "vendor.example", "Billing@Vendor.Example"}) {
    SenderProfile profile;
    INFO(key);
    REQUIRE(store->GetSenderProfile(key, &profile).ok());
    REQUIRE(profile.first_seen == March2024(4));
    REQUIRE(profile.last_seen == March2024(4));
    REQUIRE(profile.active_days == 1);
    REQUIRE(profile.messages_sent == 1);
    REQUIRE(profile.messages_received == 0);
    REQUIRE(profile.recipients_total == 3);
    REQUIRE(profile.max_recipients == 3);
    REQUIRE(profile.hidden_recipient_messages == 1);  // carol was in no To/Cc
  }
  for (const char* internal : {"ann@acme.com", "bob@acme.com", "carol@acme.com"}) {
    Relationship relationship;
    INFO(internal);
    REQUIRE(store->GetRelationship("billing@vendor.example", internal, &relationship).ok());
    REQUIRE(relationship.inbound_messages == 1);
    REQUIRE(relationship.outbound_messages == 0);
    REQUIRE(relationship.first_seen == March2024(4));
  }
  Relationship none;
  REQUIRE(store->GetRelationship("billing@vendor.example", "dave@acme.com", &none).IsNotFound());
  SenderProfile unknown;
  REQUIRE(store->GetSenderProfile("nobody@vendor.example", &unknown).IsNotFound());
  REQUIRE(unknown.messages_sent == 0);  // untouched on NotFound

  std::vector<std::pair<std::string, Relationship>> correspondents;
  REQUIRE(store->ListRelationships("billing@vendor.example", 2, &correspondents).ok());
  REQUIRE(correspondents.size() == 2);
  REQUIRE(correspondents[0].first == "ann@acme.com");
  REQUIRE(correspondents[1].first == "bob@acme.com");
}

TEST_CASE("inbound mail teaches sender attributes for address and domain", "[store][learn]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  const Message invoice = VendorInvoice();
  test::LearnOrFail(store.get(), invoice, Direction::kInbound, March2024(4), kInvoiceRecipients);
  Message second = VendorInvoice();
  second.message_id = "inv43@vendor.example";
  second.links = {LinkTo("r2.dev", "pub-ac94.r2.dev")};
  second.reply_to.clear();
  test::LearnOrFail(store.get(), second, Direction::kInbound, March2024(5), {"ann@acme.com"});

  using K = SenderAttributeKind;
  const std::pair<K, std::string> expected[] = {
      {K::kLinkDomain, "r2.dev"},           {K::kLinkDomain, "pub-ac94.r2.dev"},
      {K::kLinkDomain, "vendor.example"},   {K::kMailer, "microsoft outlook"},
      {K::kInfrastructure, "192.0.2.0/24"}, {K::kReplyToDomain, "pay.example"},
      {K::kDisplayName, "vendor billing"},
  };
  for (const char* sender : {"billing@vendor.example", "vendor.example"}) {
    for (const auto& [kind, value] : expected) {
      SenderAttributeStats stats;
      INFO(sender << " " << static_cast<char>(kind) << " " << value);
      REQUIRE(store->GetSenderAttribute(sender, kind, value, &stats).ok());
      REQUIRE(stats.first_seen == March2024(4));
      REQUIRE(stats.messages >= 1);
    }
  }
  SenderAttributeStats stats;
  REQUIRE(
      store->GetSenderAttribute("billing@vendor.example", K::kLinkDomain, "r2.dev", &stats).ok());
  REQUIRE(stats.messages == 2);
  REQUIRE(stats.last_seen == March2024(5));
  REQUIRE(
      store->GetSenderAttribute("billing@vendor.example", K::kLinkDomain, "evil.example", &stats)
          .IsNotFound());

  std::vector<std::pair<std::string, SenderAttributeStats>> domains;
  REQUIRE(store->ListSenderAttributes("billing@vendor.example", K::kLinkDomain, 10, &domains).ok());
  REQUIRE(domains.size() == 3);
  REQUIRE(domains[0].second.messages == 2);
  REQUIRE(domains[1].second.messages == 2);
  REQUIRE(domains[2].first == "vendor.example");
  REQUIRE(domains[2].second.messages == 1);
  REQUIRE(store->ListSenderAttributes("billing@vendor.example", K::kLinkDomain, 1, &domains).ok());
  REQUIRE(domains.size() == 1);
  // Kinds do not bleed into each other.
  REQUIRE(store->ListSenderAttributes("billing@vendor.example", K::kMailer, 10, &domains).ok());
  REQUIRE(domains.size() == 1);
  REQUIRE(domains[0].first == "microsoft outlook");

  // Counting reads no further than asked.
  size_t count = 0;
  REQUIRE(store->CountSenderAttributes("billing@vendor.example", K::kLinkDomain, 10, &count).ok());
  REQUIRE(count == 3);
  REQUIRE(store->CountSenderAttributes("billing@vendor.example", K::kLinkDomain, 2, &count).ok());
  REQUIRE(count == 2);
  REQUIRE(store->CountSenderAttributes("billing@vendor.example", K::kMailer, 10, &count).ok());
  REQUIRE(count == 1);
  REQUIRE(store->CountSenderAttributes("nobody@vendor.example", K::kLinkDomain, 10, &count).ok());
  REQUIRE(count == 0);
}

TEST_CASE("a host's links are learned for its organisation too, and nothing else of it",
          "[store][learn]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  using K = SenderAttributeKind;
  SenderAttributeStats stats;
  // From a host under the registrable domain, then from the domain itself:
  // each message's link counts once on the domain's key.
  const char* const senders[] = {"billing@mail.vendor.example", "billing@vendor.example"};
  for (uint64_t sent = 1; sent <= 2; ++sent) {
    Message invoice = VendorInvoice();
    invoice.from = Address(senders[sent - 1]);
    invoice.message_id = "inv" + std::to_string(sent) + "@vendor.example";
    test::LearnOrFail(store.get(), invoice, Direction::kInbound, March2024(3 + sent),
                      kInvoiceRecipients);
    INFO(senders[sent - 1]);
    REQUIRE(store->GetSenderAttribute("vendor.example", K::kLinkDomain, "pub-ac94.r2.dev", &stats)
                .ok());
    REQUIRE(stats.messages == sent);
    if (sent > 1) continue;
    REQUIRE(
        store->GetSenderAttribute("mail.vendor.example", K::kLinkDomain, "pub-ac94.r2.dev", &stats)
            .ok());
    // A host's mail program and network are its own, not its organisation's.
    REQUIRE(store->GetSenderAttribute("vendor.example", K::kMailer, "microsoft outlook", &stats)
                .IsNotFound());
    REQUIRE(store->GetSenderAttribute("vendor.example", K::kInfrastructure, "192.0.2.0/24", &stats)
                .IsNotFound());
  }
  // Inbound mail under the organisation's own domain came from outside:
  // what it links is no habit of ours.
  Message forged = VendorInvoice();
  forged.from = Address("payroll@hr.acme.com");
  forged.message_id = "forged@hr.acme.com";
  test::LearnOrFail(store.get(), forged, Direction::kInbound, March2024(6), kInvoiceRecipients);
  REQUIRE(store->GetSenderAttribute("acme.com", K::kLinkDomain, "pub-ac94.r2.dev", &stats)
              .IsNotFound());
}

TEST_CASE("mail teaches the networks it came from which domains send from them", "[store][learn]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  using K = SenderAttributeKind;
  // Inbound, from a host under the registrable domain: the domain is learned.
  Message invoice = VendorInvoice();
  invoice.from = Address("billing@mail.vendor.example");
  test::LearnOrFail(store.get(), invoice, Direction::kInbound, March2024(4), kInvoiceRecipients);
  invoice.message_id = "inv43@vendor.example";
  test::LearnOrFail(store.get(), invoice, Direction::kInbound, March2024(5), kInvoiceRecipients);
  // The organisation's own outbound mail, from its own servers.
  Message note;
  note.from = Address("ann@acme.com");
  note.to = {Address("billing@vendor.example")};
  note.message_id = "note1@acme.com";
  note.origin_ip = "203.0.113.9";
  test::LearnOrFail(store.get(), note, Direction::kOutbound, March2024(6),
                    {"billing@vendor.example"});
  // Inbound mail under the organisation's own domain came from outside,
  // where a forger is: its network is not the organisation's.
  Message forged;
  forged.from = Address("ceo@acme.com");
  forged.message_id = "forged@acme.com";
  forged.origin_ip = "198.51.100.9";
  test::LearnOrFail(store.get(), forged, Direction::kInbound, March2024(6), {"ann@acme.com"});
  // Without an origin nothing is learned of a network.
  Message bare = VendorInvoice();
  bare.from = Address("x@other.example");
  bare.message_id = "bare@other.example";
  bare.origin_ip.clear();
  test::LearnOrFail(store.get(), bare, Direction::kInbound, March2024(7), {"ann@acme.com"});

  SenderAttributeStats stats;
  REQUIRE(
      store->GetSenderAttribute("192.0.2.0/24", K::kSendingDomain, "vendor.example", &stats).ok());
  CHECK(stats.messages == 2);
  REQUIRE(store->GetSenderAttribute("203.0.113.0/24", K::kSendingDomain, "acme.com", &stats).ok());
  CHECK(stats.messages == 1);
  size_t domains = 0;
  REQUIRE(store->CountSenderAttributes("192.0.2.0/24", K::kSendingDomain, 10, &domains).ok());
  CHECK(domains == 1);
  CHECK(store->GetSenderAttribute("192.0.2.0/24", K::kSendingDomain, "other.example", &stats)
            .IsNotFound());
  CHECK(store->GetSenderAttribute("198.51.100.0/24", K::kSendingDomain, "acme.com", &stats)
            .IsNotFound());
}

TEST_CASE("mail teaches each correspondent's host the local parts known there", "[store][learn]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  using K = SenderAttributeKind;
  // Inbound from a vendor's mail host, twice; the organisation writes to
  // another of its people at its domain, and to a colleague.
  Message invoice = VendorInvoice();
  invoice.from = Address("Billing@mail.vendor.example");
  test::LearnOrFail(store.get(), invoice, Direction::kInbound, March2024(4), kInvoiceRecipients);
  invoice.message_id = "inv43@vendor.example";
  test::LearnOrFail(store.get(), invoice, Direction::kInbound, March2024(5), kInvoiceRecipients);
  Message note;
  note.from = Address("ann@acme.com");
  note.to = {Address("jim.dyer@vendor.example"), Address("bob@acme.com")};
  note.message_id = "note1@acme.com";
  test::LearnOrFail(store.get(), note, Direction::kOutbound, March2024(6),
                    {"jim.dyer@vendor.example", "bob@acme.com"});

  SenderAttributeStats stats;
  REQUIRE(store->GetSenderAttribute("mail.vendor.example", K::kLocalPart, "billing", &stats).ok());
  CHECK(stats.messages == 2);
  CHECK(stats.first_seen == March2024(4));
  REQUIRE(store->GetSenderAttribute("vendor.example", K::kLocalPart, "jim.dyer", &stats).ok());
  CHECK(stats.messages == 1);
  // Only the host's own people: not the other host's, not on the address,
  // not the organisation's staff.
  CHECK(store->GetSenderAttribute("vendor.example", K::kLocalPart, "billing", &stats).IsNotFound());
  CHECK(store->GetSenderAttribute("billing@mail.vendor.example", K::kLocalPart, "billing", &stats)
            .IsNotFound());
  size_t staff = 0;
  REQUIRE(store->CountSenderAttributes("acme.com", K::kLocalPart, 10, &staff).ok());
  CHECK(staff == 0);
}

TEST_CASE("list mail addressed to its list teaches the list under its posting address",
          "[store][learn]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  Message post;
  post.from = Address("poster@university.example");
  post.to = {Address("users@lists.example.org")};
  post.mailing_list.id = "users.lists.example.org";
  post.mailing_list.posting_address = "users@lists.example.org";
  post.message_id = "post1@university.example";
  post.origin_ip = "198.51.100.20";
  test::LearnOrFail(store.get(), post, Direction::kInbound, March2024(4), {"ann@acme.com"});
  post.message_id = "post2@university.example";
  test::LearnOrFail(store.get(), post, Direction::kInbound, March2024(6), {"ann@acme.com"});

  using K = SenderAttributeKind;
  SenderAttributeStats list;
  REQUIRE(store
              ->GetSenderAttribute("users@lists.example.org", K::kMailingList,
                                   "users.lists.example.org", &list)
              .ok());
  CHECK(list.messages == 2);
  CHECK(list.first_seen == March2024(4));
  CHECK(list.last_seen == March2024(6));
  SenderAttributeStats infrastructure;
  CHECK(store
            ->GetSenderAttribute("users@lists.example.org", K::kInfrastructure, "198.51.100.0/24",
                                 &infrastructure)
            .ok());
  CHECK(infrastructure.messages == 2);

  // List headers on mail not addressed to the list (a blind copy) teach nothing of it.
  Message blind = post;
  blind.message_id = "blind@elsewhere.example";
  blind.mailing_list.posting_address = "other@lists.example.org";
  blind.mailing_list.id = "other.lists.example.org";
  test::LearnOrFail(store.get(), blind, Direction::kInbound, March2024(7), {"ann@acme.com"});
  SenderAttributeStats none;
  CHECK(store
            ->GetSenderAttribute("other@lists.example.org", K::kMailingList,
                                 "other.lists.example.org", &none)
            .IsNotFound());

  // The list takes part in its threads; the blind copy's "list" does not.
  ThreadRecord thread;
  REQUIRE(store->FindThreadByMessageId("post1@university.example", &thread).ok());
  CHECK(thread.participants == std::vector<std::string>{"ann@acme.com", "poster@university.example",
                                                        "users@lists.example.org"});
  REQUIRE(store->FindThreadByMessageId("blind@elsewhere.example", &thread).ok());
  CHECK(std::find(thread.participants.begin(), thread.participants.end(),
                  "other@lists.example.org") == thread.participants.end());

  // A post the list re-sent under its own envelope, its To naming the list
  // by another name, went through the list: the list takes part in its
  // thread (ListDelivered), though the list itself is not taught from it.
  Message resent = post;
  resent.message_id = "resent@university.example";
  resent.to = {Address("users-renamed@lists.example.org")};
  resent.return_path = "users-bounces@lists.example.org";
  test::LearnOrFail(store.get(), resent, Direction::kInbound, March2024(8), {"ann@acme.com"});
  REQUIRE(store->FindThreadByMessageId("resent@university.example", &thread).ok());
  CHECK(std::find(thread.participants.begin(), thread.participants.end(),
                  "users@lists.example.org") != thread.participants.end());
}

TEST_CASE("link domains count messages and distinct senders and recipients", "[store][learn]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  const Message invoice = VendorInvoice();
  test::LearnOrFail(store.get(), invoice, Direction::kInbound, March2024(4), kInvoiceRecipients);
  // Same sender, one known and one new recipient, and an external recipient.
  test::LearnOrFail(store.get(), invoice, Direction::kInbound, March2024(5),
                    {"ann@acme.com", "erin@acme.com", "x@partner.example"});
  Message other = VendorInvoice();
  other.from = Address("sales@other.example");
  test::LearnOrFail(store.get(), other, Direction::kInbound, March2024(6), {"ann@acme.com"});

  for (const char* domain : {"r2.dev", "pub-ac94.r2.dev"}) {
    LinkDomainStats stats;
    INFO(domain);
    REQUIRE(store->GetLinkDomain(domain, &stats).ok());
    REQUIRE(stats.messages == 3);
    REQUIRE(stats.distinct_senders == 2);
    REQUIRE(stats.distinct_recipients == 4);  // ann, bob, carol, erin; not the external one
    REQUIRE(stats.outbound_messages == 0);
    REQUIRE(stats.first_seen == March2024(4));
    REQUIRE(stats.last_seen == March2024(6));
    // The senders counted, each once, in key order, and no more than asked.
    std::vector<std::string> senders;
    REQUIRE(store->ListLinkDomainSenders(domain, 10, &senders).ok());
    CHECK(senders == std::vector<std::string>{"billing@vendor.example", "sales@other.example"});
    REQUIRE(store->ListLinkDomainSenders(domain, 1, &senders).ok());
    CHECK(senders == std::vector<std::string>{"billing@vendor.example"});
  }
  LinkDomainStats stats;
  REQUIRE(store->GetLinkDomain("files.r2.dev", &stats).IsNotFound());
  std::vector<std::string> senders = {"stale"};
  REQUIRE(store->ListLinkDomainSenders("files.r2.dev", 10, &senders).ok());
  CHECK(senders.empty());
}

TEST_CASE("a link domain counts the distinct staff who link it outward, not their messages",
          "[store][learn]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  Message mail;
  mail.from = Address("ann@acme.com");
  mail.links = {LinkTo("acme-billing.example", "pay.acme-billing.example")};
  // One insider mailing it out again and again.
  for (int day = 1; day <= 5; ++day) {
    test::LearnOrFail(store.get(), mail, Direction::kOutbound, March2024(day),
                      {"x" + std::to_string(day) + "@partner.example"});
  }
  LinkDomainStats stats;
  REQUIRE(store->GetLinkDomain("acme-billing.example", &stats).ok());
  CHECK(stats.outbound_messages == 5);
  CHECK(stats.outbound_senders == 1);
  // Inbound mail under a colleague's address (forged, or relayed from
  // outside) is not the colleague's own sending, and does not use it up.
  mail.from = Address("bob@acme.com");
  test::LearnOrFail(store.get(), mail, Direction::kInbound, March2024(6), {"ann@acme.com"});
  REQUIRE(store->GetLinkDomain("acme-billing.example", &stats).ok());
  CHECK(stats.outbound_senders == 1);
  test::LearnOrFail(store.get(), mail, Direction::kOutbound, March2024(8), {"y@partner.example"});
  test::LearnOrFail(store.get(), mail, Direction::kOutbound, March2024(9), {"z@partner.example"});
  REQUIRE(store->GetLinkDomain("acme-billing.example", &stats).ok());
  CHECK(stats.outbound_messages == 7);
  CHECK(stats.outbound_senders == 2);
}

TEST_CASE("outbound mail teaches recipients and reply relationships", "[store][learn]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  test::LearnOrFail(store.get(), VendorInvoice(), Direction::kInbound, March2024(4),
                    kInvoiceRecipients);

  Message reply;
  reply.from = Address("ann@acme.com", "Ann Example");
  reply.to = {Address("billing@vendor.example"), Address("ops@vendor.example")};
  reply.cc = {Address("bob@acme.com")};
  reply.subject = "RE: Invoice 42";
  reply.message_id = "reply1@acme.com";
  reply.in_reply_to = "inv42@vendor.example";
  reply.references = {"inv42@vendor.example"};
  reply.links = {LinkTo("sharepoint.com", "acme.sharepoint.com")};
  test::LearnOrFail(store.get(), reply, Direction::kOutbound, March2024(7),
                    {"billing@vendor.example", "ops@vendor.example", "bob@acme.com"});

  Relationship relationship;
  REQUIRE(store->GetRelationship("billing@vendor.example", "ann@acme.com", &relationship).ok());
  REQUIRE(relationship.inbound_messages == 1);
  REQUIRE(relationship.outbound_messages == 1);
  REQUIRE(relationship.first_seen == March2024(4));
  REQUIRE(relationship.last_seen == March2024(7));
  REQUIRE(store->GetRelationship("ops@vendor.example", "ann@acme.com", &relationship).ok());
  REQUIRE(relationship.outbound_messages == 1);
  // No relationship between two internal addresses.
  REQUIRE(store->GetRelationship("bob@acme.com", "ann@acme.com", &relationship).IsNotFound());

  SenderProfile profile;
  REQUIRE(store->GetSenderProfile("billing@vendor.example", &profile).ok());
  REQUIRE(profile.messages_sent == 1);
  REQUIRE(profile.messages_received == 1);
  REQUIRE(profile.active_days == 1);  // receiving mail is not activity
  REQUIRE(profile.last_seen == March2024(7));
  REQUIRE(store->GetSenderProfile("vendor.example", &profile).ok());
  REQUIRE(profile.messages_received == 1);  // once per message, not per recipient
  REQUIRE(store->GetSenderProfile("ann@acme.com", &profile).ok());
  REQUIRE(profile.messages_sent == 1);
  REQUIRE(profile.recipients_total == 3);
  REQUIRE(profile.hidden_recipient_messages == 0);
  REQUIRE(store->GetSenderProfile("bob@acme.com", &profile).IsNotFound());

  LinkDomainStats stats;
  REQUIRE(store->GetLinkDomain("acme.sharepoint.com", &stats).ok());
  REQUIRE(stats.messages == 1);
  REQUIRE(stats.outbound_messages == 1);
  REQUIRE(stats.distinct_senders == 1);
  REQUIRE(stats.distinct_recipients == 1);  // bob, the internal recipient
  // Outbound mail teaches the internal account's own attributes, at the
  // address only (lateral phishing is judged against them): its link
  // domains and the colleagues it wrote to, never the outside recipients.
  SenderAttributeStats attribute;
  REQUIRE(store
              ->GetSenderAttribute("ann@acme.com", SenderAttributeKind::kLinkDomain,
                                   "sharepoint.com", &attribute)
              .ok());
  REQUIRE(attribute.messages == 1);
  REQUIRE(store
              ->GetSenderAttribute("ann@acme.com", SenderAttributeKind::kColleague, "bob@acme.com",
                                   &attribute)
              .ok());
  REQUIRE(attribute.messages == 1);
  REQUIRE(attribute.first_seen == March2024(7));
  REQUIRE(store
              ->GetSenderAttribute("ann@acme.com", SenderAttributeKind::kColleague,
                                   "billing@vendor.example", &attribute)
              .IsNotFound());
  REQUIRE(store
              ->GetSenderAttribute("acme.com", SenderAttributeKind::kLinkDomain, "sharepoint.com",
                                   &attribute)
              .IsNotFound());
  REQUIRE(store
              ->GetSenderAttribute("bob@acme.com", SenderAttributeKind::kColleague, "ann@acme.com",
                                   &attribute)
              .IsNotFound());  // one way: bob has not written to ann
}

TEST_CASE("internal senders and recipients are told apart whatever their case", "[store][learn]") {
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.path());
  options.local_domains = {"Acme.COM"};
  auto store = test::OpenOrFail(options);
  Message note;
  note.from = Address("ann@EU.Acme.com");
  test::LearnOrFail(store.get(), note, Direction::kOutbound, March2024(2),
                    {"bob@acme.com", "partner@vendor.example"});
  SenderAttributeStats attribute;
  REQUIRE(store
              ->GetSenderAttribute("ann@eu.acme.com", SenderAttributeKind::kColleague,
                                   "bob@acme.com", &attribute)
              .ok());
  Relationship relationship;
  REQUIRE(store->GetRelationship("partner@vendor.example", "ann@eu.acme.com", &relationship).ok());
  REQUIRE(store->GetRelationship("bob@acme.com", "ann@eu.acme.com", &relationship).IsNotFound());
  // Mail claiming a local sender from outside teaches no colleague.
  test::LearnOrFail(store.get(), note, Direction::kInbound, March2024(3), {"carol@acme.com"});
  REQUIRE(store
              ->GetSenderAttribute("ann@eu.acme.com", SenderAttributeKind::kColleague,
                                   "carol@acme.com", &attribute)
              .IsNotFound());
}

TEST_CASE("a subdomain of a local domain is internal", "[store][learn]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  Message m;
  m.from = Address("x@notacme.com");
  test::LearnOrFail(store.get(), m, Direction::kInbound, March2024(1),
                    {"ann@eu.acme.com", "bob@notacme.com"});
  Relationship relationship;
  REQUIRE(store->GetRelationship("x@notacme.com", "ann@eu.acme.com", &relationship).ok());
  REQUIRE(store->GetRelationship("x@notacme.com", "bob@notacme.com", &relationship).IsNotFound());
}

TEST_CASE("threads are found by any Message-ID and by subject", "[store][thread]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  const Message first = VendorInvoice();
  test::LearnOrFail(store.get(), first, Direction::kInbound, March2024(4), {"ann@acme.com"});

  Message reply;
  reply.from = Address("ann@acme.com");
  reply.to = {Address("billing@vendor.example")};
  reply.subject = "RE: Invoice 42";
  reply.message_id = "reply1@acme.com";
  reply.in_reply_to = "inv42@vendor.example";
  reply.references = {"inv42@vendor.example"};
  test::LearnOrFail(store.get(), reply, Direction::kOutbound, March2024(5),
                    {"billing@vendor.example"});

  // A client that keeps only In-Reply-To still joins the thread.
  Message answer;
  answer.from = Address("billing@vendor.example");
  answer.subject = "Re: RE: Invoice 42";
  answer.message_id = "answer@vendor.example";
  answer.in_reply_to = "reply1@acme.com";
  answer.links = {LinkTo("clickfunnels.com", "pay.clickfunnels.com")};
  test::LearnOrFail(store.get(), answer, Direction::kInbound, March2024(6),
                    {"ann@acme.com", "dan@acme.com"});

  for (const char* id : {"inv42@vendor.example", "reply1@acme.com", "answer@vendor.example"}) {
    ThreadRecord thread;
    INFO(id);
    REQUIRE(store->FindThreadByMessageId(id, &thread).ok());
    REQUIRE(thread.root_id == "inv42@vendor.example");
    REQUIRE(thread.subject == "invoice 42");
    REQUIRE(thread.messages == 3);
    REQUIRE(thread.first_seen == March2024(4));
    REQUIRE(thread.last_seen == March2024(6));
    // bob@acme.com is named in the invoice's Cc, though only ann's copy
    // was delivered here: everyone a message names takes part.
    REQUIRE(thread.participants == std::vector<std::string>{"ann@acme.com",
                                                            "billing@vendor.example",
                                                            "bob@acme.com", "dan@acme.com"});
    REQUIRE(thread.link_domains ==
            std::vector<std::string>{"pay.clickfunnels.com", "pub-ac94.r2.dev", "vendor.example"});
  }
  ThreadRecord thread;
  REQUIRE(store->FindThreadByMessageId("unknown@x", &thread).IsNotFound());

  REQUIRE(
      store->FindThreadBySubject(NormaliseThreadSubject("RE: invoice 42"), "DAN@acme.com", &thread)
          .ok());
  REQUIRE(thread.root_id == "inv42@vendor.example");
  REQUIRE(store->FindThreadBySubject("invoice 42", "eve@acme.com", &thread).IsNotFound());
  // A party only named in a header finds no thread by subject: the index
  // holds the addresses mail was exchanged with.
  REQUIRE(store->FindThreadBySubject("invoice 42", "bob@acme.com", &thread).IsNotFound());
  REQUIRE(store->FindThreadBySubject("invoice 43", "ann@acme.com", &thread).IsNotFound());
  REQUIRE(store->FindThreadBySubject("", "ann@acme.com", &thread).IsNotFound());
}

TEST_CASE("the subject index names the most recent thread", "[store][thread]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  Message newer = VendorInvoice();
  newer.message_id = "newer@vendor.example";
  Message older = VendorInvoice();
  older.message_id = "older@vendor.example";
  test::LearnOrFail(store.get(), newer, Direction::kInbound, March2024(9), {"ann@acme.com"});
  test::LearnOrFail(store.get(), older, Direction::kInbound, March2024(2), {"ann@acme.com"});
  ThreadRecord thread;
  REQUIRE(store->FindThreadBySubject("invoice 42", "ann@acme.com", &thread).ok());
  REQUIRE(thread.root_id == "newer@vendor.example");
}

TEST_CASE("display names map to the addresses that used them", "[store][learn]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  Message internal;
  internal.from = Address("ceo@acme.com", "Jane Doe");
  internal.to = {Address("partner@firm.example", "Partner Firm")};
  for (int day = 1; day <= 3; ++day) {
    test::LearnOrFail(store.get(), internal, Direction::kOutbound, March2024(day),
                      {"partner@firm.example"});
  }
  Message impostor;
  impostor.from = Address("jane.doe@freemail.example", "JANE  \"DOE\"");
  impostor.to = {Address("ann@acme.com", "ann@acme.com")};  // a name equal to the address
  test::LearnOrFail(store.get(), impostor, Direction::kInbound, March2024(4), {"ann@acme.com"});

  std::vector<DisplayNameUse> uses;
  REQUIRE(store->FindDisplayName(NormaliseDisplayName("Jane Doe"), 10, &uses).ok());
  REQUIRE(uses.size() == 2);
  REQUIRE(uses[0].address == "ceo@acme.com");
  REQUIRE(uses[0].messages == 3);
  REQUIRE(uses[0].internal);
  REQUIRE(uses[1].address == "jane.doe@freemail.example");
  REQUIRE(uses[1].messages == 1);
  REQUIRE_FALSE(uses[1].internal);
  REQUIRE(store->FindDisplayName("jane doe", 1, &uses).ok());
  REQUIRE(uses.size() == 1);
  REQUIRE(store->FindDisplayName("partner firm", 10, &uses).ok());
  REQUIRE(uses.size() == 1);
  REQUIRE_FALSE(uses[0].internal);
  REQUIRE(store->FindDisplayName("ann@acme.com", 10, &uses).ok());
  REQUIRE(uses.empty());
  // "jane" is a prefix of "jane doe" but not the same name.
  REQUIRE(store->FindDisplayName("jane", 10, &uses).ok());
  REQUIRE(uses.empty());
}

TEST_CASE("signal contexts count deliveries and feedback", "[store][feedback]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  const Message invoice = VendorInvoice();
  LearnRequest request;
  request.message = &invoice;
  request.now = March2024(4);
  request.recipients = {"ann@acme.com"};
  request.signal_contexts = {{"FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev"},
                             {"NEW_REPLY_TO", "billing@vendor.example>pay.example"}};
  REQUIRE(store->Learn(request).ok());
  request.now = March2024(5);
  REQUIRE(store->Learn(request).ok());
  REQUIRE(store
              ->RecordFeedback({{"FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev"}}, Feedback::kReleased,
                               March2024(8))
              .ok());
  REQUIRE(store
              ->RecordFeedback({{"FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev"},
                                {"HIDDEN_LINK_IMAGE", "x.example"}},
                               Feedback::kReported, March2024(9))
              .ok());

  SignalContextStats stats;
  REQUIRE(store->GetSignalContext("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", &stats).ok());
  REQUIRE(stats.delivered == 2);
  REQUIRE(stats.released == 1);
  REQUIRE(stats.reported == 1);
  REQUIRE(stats.first_seen == March2024(4));
  REQUIRE(stats.last_seen == March2024(9));
  REQUIRE(
      store->GetSignalContext("NEW_REPLY_TO", "billing@vendor.example>pay.example", &stats).ok());
  REQUIRE(stats.delivered == 2);
  REQUIRE(stats.released == 0);
  REQUIRE(store->GetSignalContext("HIDDEN_LINK_IMAGE", "x.example", &stats).ok());
  REQUIRE(stats.delivered == 0);
  REQUIRE(stats.reported == 1);
  REQUIRE(store->GetSignalContext("FIRST_FILESHARE_DOMAIN", "r2.dev", &stats).IsNotFound());
}

TEST_CASE("unconfirmed mail is observed apart from trusted history", "[store][observation]") {
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.path());
  options.bulk_load = GENERATE(false, true);  // a bulk load reads what it has written
  auto store = test::OpenOrFail(options);
  const Message invoice = VendorInvoice();
  LearnRequest request;
  request.message = &invoice;
  request.recipients = {"ann@acme.com"};
  request.signal_contexts = {
      {"FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev"},
      {"NEW_LINK_DOMAIN_FOR_SENDER", "billing@vendor.example>pub-ac94.r2.dev"}};
  request.sender.scored = true;
  request.sender.known = true;
  request.sender.established_organisation = "vendor.example";

  SECTION("held: observations only; one organisation counts once") {
    request.trust = LearnTrust::kObservedOnly;
    for (int day = 4; day < 8; ++day) {
      request.now = March2024(day);
      REQUIRE(store->Learn(request).ok());
    }
    AnomalyObservations observed;
    REQUIRE(store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 0, &observed).ok());
    CHECK(observed.messages == 4);
    CHECK(observed.organisations == 1);
    CHECK(observed.corroboration_days == 1);
    CHECK(observed.first_seen == March2024(4));
    CHECK(observed.last_seen == March2024(7));
    SenderProfile profile;
    CHECK(store->GetSenderProfile("billing@vendor.example", &profile).IsNotFound());
    uint64_t count = 0;
    CHECK(store->GetBaseRateCount(kBaseRateInbound, &count).IsNotFound());
    SignalContextStats feedback;
    CHECK(store->GetSignalContext("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", &feedback)
              .IsNotFound());
  }
  SECTION("internal mail is a sample of the internal route only") {
    request.trust = LearnTrust::kTrusted;
    request.direction = Direction::kOutbound;
    request.sender.route = BaseRateRoute::kInternal;
    request.signal_contexts = {{"COLLEAGUE_FANOUT", "billing@vendor.example"}};
    request.now = March2024(4);
    REQUIRE(store->Learn(request).ok());
    uint64_t count = 0;
    REQUIRE(store->GetBaseRateCount(kBaseRateInternal, &count).ok());
    CHECK(count == 1);
    REQUIRE(
        store->GetBaseRateCount(BaseRateName(BaseRateRoute::kInternal, "COLLEAGUE_FANOUT"), &count)
            .ok());
    CHECK(count == 1);
    CHECK(store->GetBaseRateCount(kBaseRateInbound, &count).IsNotFound());
    CHECK(store->GetBaseRateCount(kBaseRateKnownSenders, &count).IsNotFound());
    CHECK(store->GetBaseRateCount("COLLEAGUE_FANOUT", &count).IsNotFound());
  }
  SECTION("other outbound mail, scored for statistics, is no sample") {
    request.trust = LearnTrust::kTrusted;
    request.direction = Direction::kOutbound;
    request.now = March2024(4);
    REQUIRE(store->Learn(request).ok());
    uint64_t count = 0;
    CHECK(store->GetBaseRateCount(kBaseRateInbound, &count).IsNotFound());
    CHECK(store->GetBaseRateCount(kBaseRateInternal, &count).IsNotFound());
  }
  SECTION("tagged: learned without the link domains its anomalies were about") {
    request.trust = LearnTrust::kUnconfirmed;
    request.now = March2024(4);
    REQUIRE(store->Learn(request).ok());
    SenderProfile profile;
    REQUIRE(store->GetSenderProfile("billing@vendor.example", &profile).ok());
    CHECK(profile.messages_sent == 1);
    LinkDomainStats link;
    CHECK(store->GetLinkDomain("pub-ac94.r2.dev", &link).IsNotFound());
    CHECK(store->GetLinkDomain("r2.dev", &link).IsNotFound());
    CHECK(store->GetLinkDomain("vendor.example", &link).ok());  // an ordinary link
    SenderAttributeStats attribute;
    CHECK(store
              ->GetSenderAttribute("billing@vendor.example", SenderAttributeKind::kLinkDomain,
                                   "pub-ac94.r2.dev", &attribute)
              .IsNotFound());
    uint64_t count = 0;
    REQUIRE(store->GetBaseRateCount(kBaseRateInbound, &count).ok());
    CHECK(count == 1);
    REQUIRE(store->GetBaseRateCount(kBaseRateKnownSenders, &count).ok());
    CHECK(count == 1);
    REQUIRE(store->GetBaseRateCount("FIRST_FILESHARE_DOMAIN", &count).ok());
    CHECK(count == 1);
    AnomalyObservations observed;
    REQUIRE(store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 0, &observed).ok());
    CHECK(observed.organisations == 1);
  }
  SECTION("tagged: nor the open redirector that led to such a domain") {
    // www.google.com/url?q=… in front of the lure: the scorer added the
    // target before the written link, naming the redirectors on the way.
    Message lure = invoice;
    Link target = LinkTo("invoice-4742-online.com", "invoice-4742-online.com");
    target.redirected_via = "t.co -> www.google.com";
    Link redirector = LinkTo("google.com", "google.com");
    redirector.host = "www.google.com";
    Link shortener = LinkTo("t.co", "t.co");
    lure.links = {target, shortener, redirector, LinkTo("vendor.example", "vendor.example")};
    request.message = &lure;
    request.signal_contexts = {{"THREAD_NEW_LINK_DOMAIN", "invoice-4742-online.com"}};
    request.trust = LearnTrust::kUnconfirmed;
    request.now = March2024(4);
    REQUIRE(store->Learn(request).ok());
    LinkDomainStats link;
    CHECK(store->GetLinkDomain("invoice-4742-online.com", &link).IsNotFound());
    CHECK(store->GetLinkDomain("google.com", &link).IsNotFound());
    CHECK(store->GetLinkDomain("t.co", &link).IsNotFound());
    CHECK(store->GetLinkDomain("vendor.example", &link).ok());
    // Accepted, the same mail is trusted history, redirectors and all.
    request.trust = LearnTrust::kTrusted;
    REQUIRE(store->Learn(request).ok());
    CHECK(store->GetLinkDomain("google.com", &link).ok());
  }
  SECTION("organisations are counted once each, with the days they first showed it") {
    request.trust = LearnTrust::kObservedOnly;
    const std::vector<std::pair<std::string, int>> seen = {
        {"vendor.example", 4},
        {"other.example", 4},
        {"vendor.example", 5},
        {"third.example", 6},
        {"", 7}};  // a sender that is not established observes, never corroborates
    for (const auto& [organisation, day] : seen) {
      request.sender.established_organisation = organisation;
      request.now = March2024(day);
      REQUIRE(store->Learn(request).ok());
    }
    AnomalyObservations observed;
    REQUIRE(store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 0, &observed).ok());
    CHECK(observed.messages == 5);
    CHECK(observed.organisations == 3);
    CHECK(observed.corroboration_days == 2);
    CHECK(observed.returning_organisations == 1);  // vendor.example, again on day 5
    // One by one, by name: when each first showed it, and whether it returned.
    REQUIRE(observed.by_organisation.size() == 3);
    const auto& other = observed.by_organisation[0];
    const auto& third = observed.by_organisation[1];
    const auto& vendor = observed.by_organisation[2];
    CHECK(other.first_shown == March2024(4));
    CHECK(other.first_day == UtcDay(March2024(4)));
    CHECK_FALSE(other.returning);
    CHECK(third.first_shown == March2024(6));
    CHECK(third.first_day == UtcDay(March2024(6)));
    CHECK_FALSE(third.returning);
    CHECK(vendor.first_shown == March2024(4));
    CHECK(vendor.returning);
  }
  SECTION("organisations are listed only when corroboration can depend on them") {
    request.trust = LearnTrust::kObservedOnly;
    AnomalyObservations observed;
    request.sender.established_organisation = "vendor.example";
    request.now = March2024(4);
    REQUIRE(store->Learn(request).ok());
    REQUIRE(store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 0, &observed).ok());
    CHECK(observed.by_organisation.empty());  // one organisation vouches for nothing
    request.now = March2024(9);
    REQUIRE(store->Learn(request).ok());
    request.sender.established_organisation = "other.example";
    REQUIRE(store->Learn(request).ok());
    request.now = March2024(12);
    REQUIRE(store->Learn(request).ok());
    observed = {};
    REQUIRE(store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 0, &observed).ok());
    CHECK(observed.returning_organisations == 2);
    CHECK(observed.by_organisation.empty());  // both returned: they count in full
  }
  SECTION(
      "past kMaxObservingOrganisationsRead organisations none is listed, and the counts stand") {
    request.trust = LearnTrust::kObservedOnly;
    AnomalyObservations observed;
    // One organisation a day, none returning: each could lapse.
    for (size_t i = 0; i <= kMaxObservingOrganisationsRead; ++i) {
      request.sender.established_organisation = "vendor" + std::to_string(i) + ".example";
      request.now = March2024(1) + static_cast<int64_t>(i) * 86400;
      REQUIRE(store->Learn(request).ok());
      if (i + 1 == kMaxObservingOrganisationsRead) {
        REQUIRE(
            store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 0, &observed).ok());
        CHECK(observed.by_organisation.size() == kMaxObservingOrganisationsRead);
      }
    }
    observed = {};
    REQUIRE(store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 0, &observed).ok());
    CHECK(observed.organisations == kMaxObservingOrganisationsRead + 1);
    CHECK(observed.by_organisation.empty());
  }
  SECTION("an organisation returns once it shows it again on a later day, and counts once") {
    request.trust = LearnTrust::kObservedOnly;
    // vendor.example three times on day 4, then on days 6 and 9;
    // other.example once; third.example twice on day 5 only.
    const std::vector<std::pair<std::string, int>> seen = {
        {"vendor.example", 4}, {"vendor.example", 4}, {"vendor.example", 4}, {"other.example", 4},
        {"third.example", 5},  {"third.example", 5},  {"vendor.example", 6}, {"vendor.example", 9}};
    AnomalyObservations observed;
    for (size_t i = 0; i < seen.size(); ++i) {
      request.sender.established_organisation = seen[i].first;
      request.now = March2024(seen[i].second) + static_cast<int64_t>(i) * 60;
      REQUIRE(store->Learn(request).ok());
      REQUIRE(
          store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 0, &observed).ok());
      INFO("after message " << i);
      CHECK(observed.returning_organisations == (i < 6 ? 0u : 1u));
    }
    CHECK(observed.organisations == 3);
    CHECK(observed.corroboration_days == 2);
    CHECK(observed.messages == 8);
    // A tagged message returns as a held one does; a report starts again.
    request.trust = LearnTrust::kUnconfirmed;
    request.sender.established_organisation = "other.example";
    request.now = March2024(10);
    REQUIRE(store->Learn(request).ok());
    REQUIRE(store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 0, &observed).ok());
    CHECK(observed.returning_organisations == 2);
    REQUIRE(store
                ->RecordFeedback({{"FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev"}},
                                 Feedback::kReported, March2024(11))
                .ok());
    request.now = March2024(12);
    REQUIRE(store->Learn(request).ok());
    REQUIRE(store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 1, &observed).ok());
    CHECK(observed.organisations == 1);
    CHECK(observed.returning_organisations == 0);
  }
  SECTION("a report starts a new epoch: earlier corroboration no longer counts") {
    request.trust = LearnTrust::kObservedOnly;
    request.now = March2024(4);
    REQUIRE(store->Learn(request).ok());
    REQUIRE(store
                ->RecordFeedback({{"FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev"}},
                                 Feedback::kReported, March2024(5))
                .ok());
    request.now = March2024(6);
    REQUIRE(store->Learn(request).ok());
    AnomalyObservations observed;
    REQUIRE(store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 1, &observed).ok());
    CHECK(observed.messages == 1);
    CHECK(observed.organisations == 1);  // vendor.example counts again, in the new epoch
    REQUIRE(store->GetObservations("FIRST_FILESHARE_DOMAIN", "pub-ac94.r2.dev", 0, &observed).ok());
    CHECK(observed.messages == 1);
  }
}

HeldMessage Held(const std::string& queue_id, int64_t received_at) {
  HeldMessage held;
  held.queue_id = queue_id;
  held.received_at = received_at;
  held.from = "billing@vendor.example";
  held.rcpt_to = {"ann@acme.com"};
  held.score = 80;
  held.signals.push_back({"FIRST_FILESHARE_DOMAIN", 40, 40, "pub-ac94.r2.dev", "r2.dev"});
  return held;
}

TEST_CASE("held mail is stored, listed newest first and deleted", "[store][held]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  REQUIRE(store->PutHeld(Held("AAA", March2024(2))).ok());
  REQUIRE(store->PutHeld(Held("CCC", March2024(9))).ok());
  REQUIRE(store->PutHeld(Held("BBB", March2024(5))).ok());

  HeldMessage held;
  REQUIRE(store->GetHeld("BBB", &held).ok());
  REQUIRE(held.received_at == March2024(5));
  REQUIRE(held.signals.size() == 1);
  REQUIRE(held.signals[0].context == "r2.dev");

  HeldMessage released = Held("BBB", March2024(5));
  released.status = HeldStatus::kReleased;
  released.status_changed_at = March2024(6);
  REQUIRE(store->PutHeld(released).ok());
  REQUIRE(store->GetHeld("BBB", &held).ok());
  REQUIRE(held.status == HeldStatus::kReleased);

  std::vector<HeldMessage> all;
  REQUIRE(store->ListHeld(&all).ok());
  REQUIRE(all.size() == 3);
  REQUIRE(all[0].queue_id == "CCC");
  REQUIRE(all[1].queue_id == "BBB");
  REQUIRE(all[2].queue_id == "AAA");

  REQUIRE(store->DeleteHeld("CCC").ok());
  REQUIRE(store->GetHeld("CCC", &held).IsNotFound());
  REQUIRE(store->ListHeld(&all).ok());
  REQUIRE(all.size() == 2);
  REQUIRE(store->PutHeld(HeldMessage()).IsInvalidArgument());
}

uint64_t CountOf(const HistoryStore& store, HeldStatus status) {
  HeldCounts counts;
  REQUIRE(store.CountHeld(&counts).ok());
  return counts.by_status[static_cast<int>(status)];
}

TEST_CASE("held records are counted by status as they are put, moved and deleted",
          "[store][held]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  REQUIRE(store->PutHeld(Held("AAA", March2024(2))).ok());  // before the first count
  CHECK(CountOf(*store, HeldStatus::kHeld) == 1);
  REQUIRE(store->PutHeld(Held("BBB", March2024(3))).ok());
  REQUIRE(store->PutHeld(Held("CCC", March2024(4))).ok());
  CHECK(CountOf(*store, HeldStatus::kHeld) == 3);

  HeldMessage reported = Held("BBB", March2024(3));
  reported.status = HeldStatus::kReported;
  REQUIRE(store->PutHeld(reported).ok());
  REQUIRE(store->PutHeld(reported).ok());  // the same status again counts once
  CHECK(CountOf(*store, HeldStatus::kHeld) == 2);
  CHECK(CountOf(*store, HeldStatus::kReported) == 1);

  REQUIRE(store->DeleteHeld("BBB").ok());
  REQUIRE(store->DeleteHeld("NOPE").ok());  // nothing to delete changes nothing
  CHECK(CountOf(*store, HeldStatus::kReported) == 0);
  CHECK(CountOf(*store, HeldStatus::kHeld) == 2);

  // What a fresh open counts agrees with what the first one kept.
  store.reset();
  store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  CHECK(CountOf(*store, HeldStatus::kHeld) == 2);
  CHECK(CountOf(*store, HeldStatus::kReported) == 0);
}

void RequireInvoiceLearned(const HistoryStore& store) {
  SenderProfile profile;
  REQUIRE(store.GetSenderProfile("billing@vendor.example", &profile).ok());
  REQUIRE(profile.messages_sent == 2);
  REQUIRE(profile.active_days == 2);
  LinkDomainStats stats;
  REQUIRE(store.GetLinkDomain("pub-ac94.r2.dev", &stats).ok());
  REQUIRE(stats.distinct_recipients == 3);
  ThreadRecord thread;
  REQUIRE(store.FindThreadByMessageId("inv42@vendor.example", &thread).ok());
  REQUIRE(thread.messages == 2);
  HeldMessage held;
  REQUIRE(store.GetHeld("AAA", &held).ok());
}

TEST_CASE("history survives close and reopen", "[store][reopen]") {
  const bool bulk_load = GENERATE(false, true);
  INFO("bulk_load " << bulk_load);
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.path());
  options.bulk_load = bulk_load;
  {
    auto store = test::OpenOrFail(options);
    const Message invoice = VendorInvoice();
    test::LearnOrFail(store.get(), invoice, Direction::kInbound, March2024(4), kInvoiceRecipients);
    test::LearnOrFail(store.get(), invoice, Direction::kInbound, March2024(5), kInvoiceRecipients);
    REQUIRE(store->PutHeld(Held("AAA", March2024(2))).ok());
    if (bulk_load) REQUIRE(store->Flush().ok());
  }
  options.bulk_load = false;
  {
    auto store = test::OpenOrFail(options);
    RequireInvoiceLearned(*store);
    // Merges continue on top of what was flushed.
    test::LearnOrFail(store.get(), VendorInvoice(), Direction::kInbound, March2024(6),
                      {"dave@acme.com"});
    REQUIRE(store->Flush().ok());
  }
  auto store = test::OpenOrFail(options);
  LinkDomainStats stats;
  REQUIRE(store->GetLinkDomain("pub-ac94.r2.dev", &stats).ok());
  REQUIRE(stats.messages == 3);
  REQUIRE(stats.distinct_recipients == 4);
  REQUIRE(stats.distinct_senders == 1);
}

TEST_CASE("a bulk load is readable before Flush and kept on close", "[store][bulk]") {
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.path());
  options.bulk_load = true;
  {
    auto store = test::OpenOrFail(options);
    const Message invoice = VendorInvoice();
    test::LearnOrFail(store.get(), invoice, Direction::kInbound, March2024(4), kInvoiceRecipients);
    // Learned writes are gathered in memory; a read writes them out first.
    SenderProfile profile;
    REQUIRE(store->GetSenderProfile("billing@vendor.example", &profile).ok());
    REQUIRE(profile.messages_sent == 1);
    // Writes gathered after a read merge with what the read wrote out.
    test::LearnOrFail(store.get(), invoice, Direction::kInbound, March2024(5), kInvoiceRecipients);
    REQUIRE(store->PutHeld(Held("AAA", March2024(2))).ok());
  }  // closed without Flush()
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  RequireInvoiceLearned(*store);
}

TEST_CASE("a read-only view reads while the writer holds the store", "[store][readonly]") {
  test::TempDir dir;
  auto writer = test::OpenOrFail(test::AcmeOptions(dir.path()));
  const Message invoice = VendorInvoice();
  test::LearnOrFail(writer.get(), invoice, Direction::kInbound, March2024(4), kInvoiceRecipients);
  test::LearnOrFail(writer.get(), invoice, Direction::kInbound, March2024(5), kInvoiceRecipients);
  REQUIRE(writer->PutHeld(Held("AAA", March2024(2))).ok());

  StoreOptions read_only = test::AcmeOptions(dir.path());
  read_only.mode = StoreOptions::Mode::kReadOnly;
  auto reader = test::OpenOrFail(read_only);
  RequireInvoiceLearned(*reader);
  LearnRequest request;
  request.message = &invoice;
  REQUIRE(reader->Learn(request).code() == Status::Code::kUnsupported);
  REQUIRE(reader->PutHeld(Held("BBB", 1)).code() == Status::Code::kUnsupported);
  REQUIRE(reader->DeleteHeld("AAA").code() == Status::Code::kUnsupported);
  // The writer is unaffected.
  test::LearnOrFail(writer.get(), invoice, Direction::kInbound, March2024(6), {"ann@acme.com"});
}

TEST_CASE("concurrent learners keep distinct counts exact", "[store][concurrency]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  constexpr int kThreads = 4;
  constexpr int kMessagesEach = 50;
  std::atomic<int> failures{0};
  std::vector<std::thread> threads;
  for (int t = 0; t < kThreads; ++t) {
    threads.emplace_back([&store, &failures, t] {
      for (int i = 0; i < kMessagesEach; ++i) {
        Message m = VendorInvoice();
        m.from = Address("sender" + std::to_string(i % 10) + "@vendor.example");
        m.message_id = std::to_string(t) + "." + std::to_string(i) + "@vendor.example";
        LearnRequest request;
        request.message = &m;
        request.now = March2024(1 + i % 20);
        request.recipients = {"user" + std::to_string(t) + "@acme.com", "shared@acme.com"};
        if (!store->Learn(request).ok()) ++failures;
      }
    });
  }
  // Reads run alongside the writers.
  for (int i = 0; i < 200; ++i) {
    LinkDomainStats stats;
    const Status status = store->GetLinkDomain("r2.dev", &stats);
    REQUIRE((status.ok() || status.IsNotFound()));
  }
  for (std::thread& thread : threads) thread.join();
  REQUIRE(failures == 0);
  LinkDomainStats stats;
  REQUIRE(store->GetLinkDomain("r2.dev", &stats).ok());
  REQUIRE(stats.messages == kThreads * kMessagesEach);
  REQUIRE(stats.distinct_senders == 10);
  REQUIRE(stats.distinct_recipients == kThreads + 1);
  SenderProfile profile;
  REQUIRE(store->GetSenderProfile("vendor.example", &profile).ok());
  REQUIRE(profile.messages_sent == kThreads * kMessagesEach);
  REQUIRE(profile.active_days == 20);
}

TEST_CASE("hostile keys are bounded and cannot collide through the separator", "[store][learn]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  Message m;
  m.from = Address(
      "a\x1f"
      "b@evil.example");
  m.message_id = std::string(100000, 'x');
  m.subject = std::string(100000, 's');
  test::LearnOrFail(store.get(), m, Direction::kInbound, March2024(1), {"ann@acme.com"});
  ThreadRecord thread;
  REQUIRE(store->FindThreadByMessageId(m.message_id, &thread).ok());
  Relationship relationship;
  REQUIRE(store->GetRelationship("a", "b@evil.example", &relationship).IsNotFound());
  REQUIRE(store->GetRelationship(m.from.address, "ann@acme.com", &relationship).ok());
}

TEST_CASE("prefix scans of table files return exactly their prefix", "[store][scan]") {
  // Keys in table files (not the memtable) are scanned through the prefix
  // filters: a scan must neither miss its keys nor see a longer name's.
  test::TempDir dir;
  StoreOptions options = test::AcmeOptions(dir.path());
  options.bulk_load = true;
  {
    auto store = test::OpenOrFail(options);
    for (const std::string suffix : {"", ".org", "x"}) {
      Message m;
      m.from = Address("ann@vendor.example" + suffix, "Ann Vendor" + suffix);
      m.message_id = "root" + suffix + "@vendor.example";
      m.subject = "Order";
      m.links = {LinkTo("site" + suffix + ".example", "site" + suffix + ".example")};
      test::LearnOrFail(store.get(), m, Direction::kInbound, March2024(1),
                        {"bob" + suffix + "@acme.com"});
    }
    REQUIRE(store->Flush().ok());
  }
  options.bulk_load = false;
  auto store = test::OpenOrFail(options);

  std::vector<std::pair<std::string, Relationship>> relationships;
  REQUIRE(store->ListRelationships("ann@vendor.example", 10, &relationships).ok());
  REQUIRE(relationships.size() == 1);
  REQUIRE(relationships[0].first == "bob@acme.com");
  REQUIRE(store->ListRelationships("ann@vendor.exampl", 10, &relationships).ok());
  REQUIRE(relationships.empty());

  std::vector<std::pair<std::string, SenderAttributeStats>> links;
  REQUIRE(store
              ->ListSenderAttributes("ann@vendor.example.org", SenderAttributeKind::kLinkDomain, 10,
                                     &links)
              .ok());
  REQUIRE(links.size() == 1);
  REQUIRE(links[0].first == "site.org.example");
  REQUIRE(store
              ->ListSenderAttributes("nobody@vendor.example", SenderAttributeKind::kLinkDomain, 10,
                                     &links)
              .ok());
  REQUIRE(links.empty());

  std::vector<DisplayNameUse> uses;
  REQUIRE(store->FindDisplayName("ann vendor", 10, &uses).ok());
  REQUIRE(uses.size() == 1);
  REQUIRE(uses[0].address == "ann@vendor.example");
  REQUIRE(store->FindDisplayName("ann vendo", 10, &uses).ok());
  REQUIRE(uses.empty());

  ThreadRecord thread;
  REQUIRE(store->FindThreadByMessageId("rootx@vendor.example", &thread).ok());
  REQUIRE(thread.participants == std::vector<std::string>{"ann@vendor.examplex", "bobx@acme.com"});
  REQUIRE(thread.link_domains == std::vector<std::string>{"sitex.example"});
}

}  // namespace
}  // namespace rapport
