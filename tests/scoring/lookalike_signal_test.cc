#include <catch2/catch.hpp>
#include <tuple>

#include "message/text_links.h"
#include "scoring/signal_support.h"
#include "tests/scoring/scoring_test_support.h"

namespace rapport::testing {
namespace {

constexpr std::string_view kStaff = "daren.farmer@enron.com";

// A correspondent of two years the organisation writes to often.
FakeHistory CalpineHistory() {
  FakeHistory history;
  history.AddCorrespondent("jane@calpine.com", kStaff, kNow - 730 * kDay, kNow - kDay, 80, 40);
  history.Profile("calpine.com").active_days = 200;
  return history;
}

Verdict ScoreWithKnownNames(const Message& message, const FakeHistory& history, bool refresh) {
  std::unique_ptr<Scorer> scorer;
  REQUIRE(Scorer::Create(DefaultOptions(), &scorer).ok());
  if (refresh) REQUIRE(scorer->RefreshKnownNames(history).ok());
  Verdict verdict;
  REQUIRE(scorer->Score(message, Direction::kInbound, history, kNow, &verdict).ok());
  return verdict;
}

TEST_CASE("LOOKALIKE_DOMAIN: a correspondent's domain imitated, once history is indexed",
          "[lookalike]") {
  const FakeHistory history = CalpineHistory();
  const Message message = MailFrom(Address("jane@ca1pine.com", "Jane"), {std::string(kStaff)});

  // Before the scorer has read history it knows only local domains and brands.
  CHECK(!HasHit(ScoreWithKnownNames(message, history, false), "LOOKALIKE_DOMAIN"));

  const Verdict verdict = ScoreWithKnownNames(message, history, true);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("ca1pine.com looks like calpine.com") != std::string::npos);
  CHECK(hit->context == "ca1pine.com");
  CHECK(hit->strength > 0.9);
}

TEST_CASE("REPLY_TO_DIVERTED: a look-alike's replies to its own name elsewhere still divert",
          "[lookalike]") {
  const FakeHistory history = CalpineHistory();
  Message message = MailFrom(Address("jane.smith@calpine-energy.com"), {std::string(kStaff)});
  message.reply_to = {Address("jane.smith@collect-desk.com")};
  // Its domain passes for calpine.com once history is indexed: the same
  // name at another domain is the impostor's mailbox, not a person's second.
  CHECK(!HasHit(ScoreWithKnownNames(message, history, false), "REPLY_TO_DIVERTED"));
  const Verdict verdict = ScoreWithKnownNames(message, history, true);
  INFO(Explain(verdict));
  CHECK(HasHit(verdict, "REPLY_TO_DIVERTED"));
}

TEST_CASE("LOOKALIKE_DOMAIN: the organisation's own domain and brands in links", "[lookalike]") {
  const FakeHistory history;
  Message message = MailFrom(Address("it@helpdesk-mail.test"), {std::string(kStaff)});
  message.links = {WebLink("enr0n.com", "/login"), WebLink("paypa1.com", "/verify")};
  const Verdict verdict = ScoreWithKnownNames(message, history, true);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->strength == Approx(1.0));
  CHECK(hit->evidence.find("(and 1 more like it)") != std::string::npos);
}

TEST_CASE("LOOKALIKE_DOMAIN: disguised lure words on shared cloud storage from a known sender",
          "[lookalike]") {
  const FakeHistory history = CalpineHistory();
  for (const char* host : {"rnicros0ft-docs.s3.amazonaws.com", "paypa1-billing.web.app",
                           "adobe-s1gn-docs.s3.amazonaws.com", "rem1ttance-4f2a.pages.dev"}) {
    Message message = MailFrom(Address("jane@calpine.com", "Jane"), {std::string(kStaff)});
    message.links = {WebLink(host, "/index.html", "Shared document")};
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(host << "\n" << Explain(verdict));
    CHECK(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
  // The same words undisguised are ordinary ("sign", "docs").
  Message plain = MailFrom(Address("jane@calpine.com", "Jane"), {std::string(kStaff)});
  plain.links = {WebLink("calpine-sign-docs.s3.amazonaws.com", "/review/statement.html")};
  CHECK_FALSE(HasHit(ScoreWithKnownNames(plain, history, true), "LOOKALIKE_DOMAIN"));
}

TEST_CASE("LOOKALIKE_DOMAIN: the real domains are not look-alikes of themselves", "[lookalike]") {
  const FakeHistory history = CalpineHistory();
  Message message = MailFrom(Address("jane@calpine.com", "Jane"), {std::string(kStaff)});
  message.links = {WebLink("www.calpine.com", "/invoice"), WebLink("www.paypal.com", "/")};
  const Verdict verdict = ScoreWithKnownNames(message, history, true);
  INFO(Explain(verdict));
  CHECK(FindHit(verdict, "LOOKALIKE_DOMAIN") == nullptr);
}

TEST_CASE("LOOKALIKE_DOMAIN: a catalogued platform's own domain is nobody's look-alike",
          "[lookalike]") {
  const FakeHistory history = CalpineHistory();
  // pCloud's share host is one letter from iCloud's name; the platform
  // catalogue lists it as the real file-share service it is.
  Message message = MailFrom(Address("jane@calpine.com", "Jane"), {std::string(kStaff)});
  message.links = {WebLink("u.pcloud.link", "/publink/show?code=XZk2", "Shared folder")};
  const Verdict verdict = ScoreWithKnownNames(message, history, true);
  INFO(Explain(verdict));
  CHECK(FindHit(verdict, "LOOKALIKE_DOMAIN") == nullptr);
  // A name dressed as a brand under it is still read.
  Message dressed = MailFrom(Address("jane@calpine.com", "Jane"), {std::string(kStaff)});
  dressed.links = {WebLink("u.pcloud.link", "/publink/paypa1-billing/statement.html")};
  CHECK(HasHit(ScoreWithKnownNames(dressed, history, true), "LOOKALIKE_DOMAIN"));
}

// A partner writing from mail.acmecorp.com and a university at
// westfield.edu, both real correspondents.
FakeHistory PartnerHistory() {
  FakeHistory history = CalpineHistory();
  history.AddCorrespondent("ap@mail.acmecorp.com", kStaff, kNow - 500 * kDay, kNow - kDay, 30, 10);
  history.Profile("mail.acmecorp.com").active_days = 60;
  history.AddDisplayName("acme accounts payable", {"ap@mail.acmecorp.com", 30, false});
  history.AddCorrespondent("registrar@westfield.edu", kStaff, kNow - 300 * kDay, kNow - kDay, 12,
                           4);
  history.AddDisplayName("westfield registrar", {"registrar@westfield.edu", 12, false});
  history.AddCorrespondent("billing@acmecorp.com", kStaff, kNow - 400 * kDay, kNow - kDay, 20, 5);
  return history;
}

// PartnerHistory() with Halff (rglover@halff.com) writing to staff only in
// Bcc or through lists, on `active_days` days; no one here writes back.
FakeHistory HalffOnlyUnnamed(uint32_t active_days) {
  FakeHistory history = PartnerHistory();
  history.AddCorrespondent("rglover@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  SenderProfile& halff = history.Profile("halff.com");
  halff.messages_received = 0;
  halff.hidden_recipient_messages = halff.messages_sent;
  halff.active_days = active_days;
  return history;
}

TEST_CASE("LOOKALIKE_DOMAIN: registrable look-alikes reusing a correspondent's identity are held",
          "[lookalike]") {
  const FakeHistory history = PartnerHistory();
  struct Case {
    const char* from;
    const char* name;
  };
  for (const Case& c : {
           Case{"ap@acmecorp.org", "Acme Accounts Payable"},          // changed TLD
           Case{"ap@acmecrop.com", "Acme Accounts Payable"},          // transposition
           Case{"ap@acmec0rp.com", "Acme Accounts Payable"},          // digit for a letter
           Case{"ap@acmecorp-billing.com", "Acme Accounts Payable"},  // added label
           Case{"registrar@westfeld-univ.org", "Westfield Registrar"},
           Case{"registrar@westfelduniv.org", "Westfield Registrar"},  // glued, typed
           Case{"ap@acmecropbilling.com", "Acme Accounts Payable"},
           Case{"billing@acmecorp.net", ""},   // the local part of billing@acmecorp.com
           Case{"billing@acrnecorp.com", ""},  // rn for m, the same local part
       }) {
    const Message message = MailFrom(Address(c.from, c.name), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(c.from << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->strength == 1.0);
    CHECK(verdict.action == Action::kHold);
  }
  const Message named = MailFrom(Address("x@westfeld-univ.org", "Westfield Registrar"), {});
  const Verdict verdict = ScoreWithKnownNames(named, history, true);
  const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence ==
        "sender domain westfeld-univ.org resembles that of registrar@westfield.edu (12 messages), "
        "whose display name \"Westfield Registrar\" it uses: \"westfeld\" is 1 edit(s) from "
        "\"westfield\" with other words, under .org; base rate here: not measured yet (1% "
        "assumed); weight x1.00");
  const Message reused = MailFrom(Address("billing@acmecorp.net"), {});
  const Verdict reused_verdict = ScoreWithKnownNames(reused, history, true);
  const SignalHit* address_hit = FindHit(reused_verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(address_hit != nullptr);
  CHECK(address_hit->evidence.find("the address reuses billing@acmecorp.com (25 messages") !=
        std::string::npos);
  // The local part of ap@mail.acmecorp.com, without its display name and
  // with the host label dropped, a letter deleted and a word added.
  const Message dropped = MailFrom(Address("ap@acmcorp-invoices.net"), {std::string(kStaff)});
  const Verdict dropped_verdict = ScoreWithKnownNames(dropped, history, true);
  INFO(Explain(dropped_verdict));
  const SignalHit* dropped_hit = FindHit(dropped_verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(dropped_hit != nullptr);
  CHECK(dropped_hit->strength == 1.0);
  CHECK(dropped_hit->evidence.find("the address reuses ap@mail.acmecorp.com") != std::string::npos);
  CHECK(dropped_verdict.action == Action::kHold);
}

// A subscriber known from a post of its own, posting again from another
// address of its (spamassassin/easy_ham: brian@unearthed.com, then
// brian@unearthed.org, both "Brian May").
TEST_CASE(
    "LOOKALIKE_DOMAIN, DISPLAY_NAME_IMPERSONATION: a poster's other address on a known list "
    "weakens; a brand's look-alike does not",
    "[lookalike][list]") {
  constexpr std::string_view kPosting = "users@lists.example.org";
  FakeHistory history = CalpineHistory();
  history.SetAttribute(kPosting, SenderAttributeKind::kMailingList, "users.lists.example.org", 40,
                       kNow - 90 * kDay);
  history.SetAttribute(kPosting, SenderAttributeKind::kInfrastructure, "192.0.2.0/24", 40,
                       kNow - 90 * kDay);
  history.AddDisplayName("jane doe", {"jane@calpine.com", 120, false});
  auto list_post = [&](std::string_view from, std::string_view name) {
    Message m = MailFrom(Address(from, name), {});
    m.to = {Address(kPosting)};
    m.delivered_to = {std::string(kStaff), "colleague@enron.com"};
    m.mailing_list.id = "users.lists.example.org";
    m.mailing_list.posting_address = std::string(kPosting);
    m.origin_ip = "192.0.2.10";
    return m;
  };
  auto strength = [&](const Message& message, std::string_view signal) {
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(Explain(verdict));
    const SignalHit* hit = FindHit(verdict, signal);
    return hit == nullptr ? 0.0 : hit->strength;
  };
  // Jane's other address, written to us directly: held, as ever.
  Message direct = MailFrom(Address("jane@calpine.net", "Jane Doe"), {std::string(kStaff)});
  const double lookalike = strength(direct, "LOOKALIKE_DOMAIN");
  const double name = strength(direct, "DISPLAY_NAME_IMPERSONATION");
  REQUIRE(lookalike > 0);
  REQUIRE(name > 0);
  // The same, posted to a list history vouches for: the list chose our readers.
  const Message post = list_post("jane@calpine.net", "Jane Doe");
  CHECK(strength(post, "LOOKALIKE_DOMAIN") == Approx(lookalike * kKnownListFactor));
  CHECK(strength(post, "DISPLAY_NAME_IMPERSONATION") == Approx(name * kKnownListFactor));
  const Verdict verdict = ScoreWithKnownNames(post, history, true);
  const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("subscribers post from more than one address") != std::string::npos);
  // List headers through other infrastructure make no list known.
  Message forged = post;
  forged.origin_ip = "203.0.113.9";
  CHECK(strength(forged, "LOOKALIKE_DOMAIN") == Approx(lookalike));
  CHECK(strength(forged, "DISPLAY_NAME_IMPERSONATION") == Approx(name));
  // A brand's look-alike is read as anyone's: a list carries phishing to all.
  const Message brand = list_post("service@paypa1.com", "PayPal");
  const Message brand_direct =
      MailFrom(Address("service@paypa1.com", "PayPal"), {std::string(kStaff)});
  REQUIRE(strength(brand_direct, "LOOKALIKE_DOMAIN") > 0);
  CHECK(strength(brand, "LOOKALIKE_DOMAIN") == Approx(strength(brand_direct, "LOOKALIKE_DOMAIN")));
  // So is our own domain's.
  const Message own = list_post("it-support@enr0n.com", "");
  const Message own_direct = MailFrom(Address("it-support@enr0n.com"), {std::string(kStaff)});
  REQUIRE(strength(own_direct, "LOOKALIKE_DOMAIN") > 0);
  CHECK(strength(own, "LOOKALIKE_DOMAIN") == Approx(strength(own_direct, "LOOKALIKE_DOMAIN")));
}

TEST_CASE("LOOKALIKE_DOMAIN: a receive-only vendor's identity reused on a look-alike is held",
          "[lookalike]") {
  // A supplier that has sent its invoices openly for a year; nobody here
  // has written to it. Its name is too weak a reference on its own (a
  // source of mail, not a relationship), but its address and display name
  // are what accounts payable recognises.
  FakeHistory history = CalpineHistory();
  history.AddCorrespondent("invoices@bluestarsupply.com", kStaff, kNow - 365 * kDay, kNow - kDay,
                           40, 0);
  history.Profile("bluestarsupply.com").active_days = 12;
  history.AddDisplayName("bluestar supply billing", {"invoices@bluestarsupply.com", 40, false});
  struct Case {
    const char* from;
    const char* name;
  };
  for (const Case& c : {
           Case{"invoices@bluestarsuply.com", ""},  // the local part, a letter left out
           Case{"accounts@bluestarsupply.com-secure.net", "Bluestar Supply Billing"},
           Case{"remittance@bluestarsupply.com.invoices.net", "Bluestar Supply Billing"},
           Case{"invoices@bluestarsupplys.com", ""},  // plural
       }) {
    const Message message = MailFrom(Address(c.from, c.name), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(c.from << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->strength == 1.0);
    CHECK(verdict.action == Action::kHold);
  }
  // Without the identity, a near name of a receive-only vendor is not held.
  const Message stranger =
      MailFrom(Address("sales@bluestarsuply.com", "Pat Doe"), {std::string(kStaff)});
  const Verdict verdict = ScoreWithKnownNames(stranger, history, true);
  INFO(Explain(verdict));
  CHECK(verdict.action != Action::kHold);
}

TEST_CASE("LOOKALIKE_DOMAIN: a display name spelling a correspondent's address is held",
          "[lookalike]") {
  // History knows Rick Glover only as rglover@halff.com: his client sends
  // no display name, as in the Enron archives.
  FakeHistory history = CalpineHistory();
  history.AddCorrespondent("rglover@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.Profile("halff.com").active_days = 40;
  history.AddCorrespondent("pat.obrien@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  const Message apostrophe =
      MailFrom(Address("accounts@halff-billing.com", "Pat O'Brien"), {std::string(kStaff)});
  const Verdict apostrophe_verdict = ScoreWithKnownNames(apostrophe, history, true);
  const SignalHit* named = FindHit(apostrophe_verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(named != nullptr);
  CHECK(named->evidence.find(" names pat.obrien@halff.com ") != std::string::npos);
  // Also with the company or a title a signature or client appends.
  for (const char* name : {"Rick Glover", "\"Glover, Rick\"", "rick j. glover",
                           "Rick Glover | Halff Associates", "Rick Glover (Halff)",
                           "Rick Glover, CFO", "Rick Glover - Accounts", "Rick Glover [Halff]"}) {
    const Message message =
        MailFrom(Address("accounts@halff-billing.com", name), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(name << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->strength == 1.0);
    CHECK(hit->evidence.find(" names rglover@halff.com (12 messages with the organisation), "
                             "whose domain halff.com the sender's halff-billing.com resembles (") !=
          std::string::npos);
    CHECK(verdict.action == Action::kHold);
  }
  // The name on a domain that resembles nothing known.
  const Message elsewhere =
      MailFrom(Address("accounts@westside-supplies.com", "Rick Glover"), {std::string(kStaff)});
  CHECK_FALSE(HasHit(ScoreWithKnownNames(elsewhere, history, true), "LOOKALIKE_DOMAIN"));
  // Names that spell no known address there (another person, one word), and
  // a role, whose mailbox spelled as a person's is no person's identity.
  history.AddCorrespondent("accounts.payable@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8,
                           4);
  for (const char* name : {"Pat Doe", "Rick", "Accounts Payable", "Pat Doe, CFO",
                           "Pat Doe (Accounts)", "Glover, Pat"}) {
    const Message other =
        MailFrom(Address("accounts@halff-billing.com", name), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(other, history, true);
    INFO(name << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);  // the look-alike itself, without the identity
    CHECK(hit->evidence.find(" names ") == std::string::npos);
  }
}

// A sender, its display name, and the words of LOOKALIKE_DOMAIN's evidence
// that tie it to a known identity (unused for a near miss).
struct IdentityCase {
  const char* from;
  const char* name;
  const char* evidence;
};

// Each of `tied` is held with its identity tied at full strength; none of
// `near_misses` names or reuses an identity (it may still be taken for the
// look-alike itself, as Check() finds it).
void CheckIdentities(const FakeHistory& history, std::initializer_list<IdentityCase> tied,
                     std::initializer_list<IdentityCase> near_misses) {
  for (const IdentityCase& c : tied) {
    const Message message = MailFrom(Address(c.from, c.name), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(c.from << " " << c.name << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->evidence.find(c.evidence) != std::string::npos);
    CHECK(hit->strength == 1.0);
    CHECK(verdict.action == Action::kHold);
  }
  for (const IdentityCase& c : near_misses) {
    const Message message = MailFrom(Address(c.from, c.name), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(c.from << " " << c.name << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    if (hit == nullptr) continue;
    CHECK(hit->evidence.find(" names ") == std::string::npos);
    CHECK(hit->evidence.find(" reuses ") == std::string::npos);
  }
}

// Correspondents established at the minimum (three messages in, one
// answer, a month), known by address only, as the Enron archives show them.
FakeHistory ThinHistory() {
  FakeHistory history = CalpineHistory();
  for (const char* address : {"vkholod1@txu.com", "macmilli@wharton.upenn.edu", "spradlin@rice.edu",
                              "j_martin@baylor.edu", "chris@lacimagroup.com", "stemarie@icubed.com",
                              "vkho1@entergy.com", "dana@hpsi.com"}) {
    history.AddCorrespondent(address, kStaff, kNow - 30 * kDay, kNow - kDay, 3, 1);
    const std::string_view domain =
        std::string_view(address).substr(std::string_view(address).find('@') + 1);
    history.Profile(domain).active_days = 3;
  }
  return history;
}

TEST_CASE(
    "LOOKALIKE_DOMAIN: a display name names a thinly known person by how mailboxes are cut "
    "and joined",
    "[lookalike]") {
  const FakeHistory history = ThinHistory();
  CheckIdentities(
      history,
      {
          // Cut to eight characters, or seven and a digit, as older
          // systems issued mailboxes.
          IdentityCase{"accounts@txu-billing.com", "Valery Kholodnyi",
                       " names vkholod1@txu.com by its first initial and surname cut short ("},
          IdentityCase{
              "ar@wharton.upnen.edu", "MacMillan, Ian",
              " names macmilli@wharton.upenn.edu by its surname cut short and first initial ("},
          IdentityCase{"ar@rice-payments.edu", "Kathy Spradling",
                       " names spradlin@rice.edu by its surname cut short ("},
          // The initial joined as names are joined; the first name alone;
          // a hyphenated name's hyphens dropped.
          IdentityCase{"finance@baylor-secure.edu", "John D. Martin",
                       " names j_martin@baylor.edu by its first initial joined to its surname ("},
          IdentityCase{"ar@lacimagroup-billing.com", "Chris Strickland",
                       " names chris@lacimagroup.com by its first name alone ("},
          IdentityCase{"ar@icubed-billing.com", "Pierre-Philippe Ste-Marie",
                       " names stemarie@icubed.com by its names without their hyphens ("},
          // A three-letter name mistyped: both names, cut, are one person's.
          IdentityCase{
              "accounts@txv.com", "Valery Kholodnyi",
              "txv.com is txu.com mistyped (a letter changed, added or left out, or two "
              "swapped), and display name \"Valery Kholodnyi\" names vkholod1@txu.com by its "
              "first initial and surname cut short ("},
      },
      {
          // A mailbox too short to have been cut (vkho1), a name whose
          // mailbox was not cut (Val Kholo, vkholo is shorter than
          // vkholod1), another person.
          IdentityCase{"accounts@entergy-billing.com", "Valery Kholodnyi", ""},
          IdentityCase{"accounts@txu-billing.com", "Val Kholo", ""},
          IdentityCase{"accounts@txu-billing.com", "Pat Doe", ""},
          IdentityCase{"ar@rice-payments.edu", "Kathy Spradley", ""},
          // A first name alone at a short name mistyped is anyone's.
          IdentityCase{"ar@hpsk.com", "Dana Whitfield", ""},
      });
  // The name on a domain that resembles nothing known.
  const Message elsewhere = MailFrom(Address("accounts@westside-supplies.com", "Valery Kholodnyi"),
                                     {std::string(kStaff)});
  CHECK_FALSE(HasHit(ScoreWithKnownNames(elsewhere, history, true), "LOOKALIKE_DOMAIN"));
}

TEST_CASE("LOOKALIKE_DOMAIN: the forms a correspondent's identity is reused in are held",
          "[lookalike]") {
  // Rick Glover of Halff, known only by address; Halff's payables office
  // has never written; Acme writes from its mail host.
  FakeHistory history = PartnerHistory();
  history.AddCorrespondent("rglover@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.Profile("halff.com").active_days = 40;
  history.AddCorrespondent("ou.registrar@ou.edu", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.Profile("ou.edu").active_days = 40;
  history.AddCorrespondent("dana.whitfield@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8,
                           4);
  history.AddCorrespondent("tom.hopwood@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.AddCorrespondent("mjones7@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  CheckIdentities(
      history,
      {
          // The formal first name for the familiar one the mailbox uses,
          // and a title before the name.
          IdentityCase{"accounts@halff-billing.com", "Thomas Hopwood",
                       " names tom.hopwood@halff.com ("},
          IdentityCase{"accounts@halff-billing.com", "Dr. Tom Hopwood",
                       " names tom.hopwood@halff.com ("},
          // The mailbox's name shown as the name, as clients show it.
          IdentityCase{"accounts@halff-billing.com", "Mjones7", " names mjones7@halff.com ("},
          // The family name first.
          IdentityCase{"whitfield.dana@halffcom.net", "",
                       "reuses dana.whitfield@halff.com with its names in the other order ("},
          // The organisation's name on a role mailbox, any case.
          IdentityCase{"ap@ha1ff.com", "Halff Accounts Payable",
                       " names the correspondent halff.com ("},
          IdentityCase{"payables@halgf.com", "HALFF PAYABLES",
                       " names the correspondent halff.com ("},
          // A digit added to the local part, at a slip of the name.
          IdentityCase{"rglover2@halgf.com", "", "reuses rglover@halff.com with digits added ("},
          // "Last, First", a middle initial, a case variant.
          IdentityCase{"accounts@halff-billing.com", "Glover, Rick", " names rglover@halff.com ("},
          IdentityCase{"accounts@halff-billing.com", "Rick J. Glover",
                       " names rglover@halff.com ("},
          IdentityCase{"accounts@halff-billing.com", "RICK GLOVER", " names rglover@halff.com ("},
          // A person's names joined otherwise, also with digits added.
          IdentityCase{"dana_whitfield@halgf.com", "",
                       "reuses dana.whitfield@halff.com with its names joined as \"_\" ("},
          IdentityCase{
              "dana-whitfield2@halff-billing.com", "",
              "reuses dana.whitfield@halff.com with digits added and with its names joined "
              "as \"-\" ("},
          IdentityCase{"ou_registrar@ou-billing.edu", "",
                       "reuses ou.registrar@ou.edu with its names"},
          // The exact local part at a look-alike of the mail host.
          IdentityCase{"ap@mail-acmecorp.com", "", "reuses ap@mail.acmecorp.com ("},
          IdentityCase{"ap@acme.corp.com", "", "reuses ap@mail.acmecorp.com ("},
          // The name as a host of the impostor's own domain.
          IdentityCase{"rglover@halff.remit-online.co", "", "reuses rglover@halff.com ("},
      },
      // Near misses: another word that starts like the name, another
      // person's local part with a digit, and a two-letter name that reads
      // as initials.
      {
          IdentityCase{"ap@ha1ff.com", "Halffway Travel", ""},
          IdentityCase{"pat2@halgf.com", "", ""},
          // Another person's name joined otherwise, and a name run together
          // (not split: rickglover could be any two names).
          IdentityCase{"dana_whitfeld@halgf.com", "", ""},
          IdentityCase{"danawhitfield@halgf.com", "", ""},
          IdentityCase{"payables@ou-billing.edu", "OU Accounts Payable", ""},
          // Another first name, another mailbox, a role word as the name,
          // another person's names in the other order.
          IdentityCase{"accounts@halff-billing.com", "Tomas Hopwood", ""},
          IdentityCase{"accounts@halff-billing.com", "Mjones8", ""},
          IdentityCase{"accounts@halff-billing.com", "Accounts", ""},
          IdentityCase{"whitfield.pat@halffcom.net", "", ""},
      });
}

// The second member of staff Halff writes to (TwoWayHalffHistory()).
constexpr std::string_view kOther = "sally.beck@enron.com";

// PartnerHistory() and Halff, which writes to two members of staff (kStaff
// and kOther) and they to it, on 40 days: a two-way correspondent.
FakeHistory TwoWayHalffHistory() {
  FakeHistory history = PartnerHistory();
  history.AddCorrespondent("rglover@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.AddCorrespondent("dana.whitfield@halff.com", kOther, kNow - 300 * kDay, kNow - kDay, 6,
                           3);
  history.Profile("halff.com").active_days = 40;
  return history;
}

TEST_CASE("LOOKALIKE_DOMAIN: a look-alike writing only to a correspondent's contacts is held",
          "[lookalike]") {
  // Halff writes to two members of staff and they to it; a third colleague
  // never wrote to Halff.
  constexpr std::string_view kColleague = "kate.symes@enron.com";
  FakeHistory history = TwoWayHalffHistory();
  history.AddCorrespondent("news@weekly.com", kColleague, kNow - 300 * kDay, kNow - kDay, 6, 0);
  // The payables office, which never wrote, to one or both of Halff's
  // contacts, from Halff's domain run into one name (Check() alone does not
  // match it).
  for (const std::vector<std::string>& to :
       {std::vector<std::string>{std::string(kStaff)},
        std::vector<std::string>{std::string(kStaff), std::string(kOther)}}) {
    const Message message = MailFrom(Address("accounts@halffcom.net", "Accounts Payable"), to);
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->evidence.find("sender domain halffcom.net resembles halff.com (") !=
          std::string::npos);
    CHECK(hit->evidence.find("), and it writes only to staff who write to halff.com or whom its "
                             "people write to (" +
                             std::to_string(to.size()) +
                             (to.size() == 1 ? " recipient)" : " recipients)")) !=
          std::string::npos);
    CHECK(verdict.action == Action::kHold);
  }
  // A colleague Halff's people wrote to, who never wrote back: whom an
  // impersonator who read Halff's mailbox writes to as well.
  constexpr std::string_view kReader = "mark.taylor@enron.com";
  history.AddCorrespondent("rglover@halff.com", kReader, kNow - 200 * kDay, kNow - kDay, 3, 0);
  {
    const Message message = MailFrom(Address("accounts@halffcom.net"), {std::string(kReader)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->evidence.find("), and it writes only to staff who write to halff.com or whom its "
                             "people write to (1 recipient)") != std::string::npos);
    CHECK(verdict.action == Action::kHold);
  }
  // A new person of the sender's own, by name or by a first.last mailbox,
  // to the same contacts: how Halff's own second domain would write.
  for (const auto& [from, name] : {std::pair{"maria.delgado@halffcom.net", ""},
                                   std::pair{"accounts@halffcom.net", "Maria Delgado"}}) {
    const Message message = MailFrom(Address(from, name), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(from << " " << name << "\n" << Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
  // A colleague who never dealt with Halff among the recipients, or only
  // him: nothing of the relationship is borrowed.
  for (const std::vector<std::string>& to :
       {std::vector<std::string>{std::string(kColleague)},
        std::vector<std::string>{std::string(kStaff), std::string(kColleague)}}) {
    const Message message = MailFrom(Address("accounts@halffcom.net", "Accounts Payable"), to);
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
  // A correspondent only one member of staff writes to is not yet one the
  // organisation corresponds with both ways: who deals with it is no
  // pattern to borrow.
  FakeHistory single = PartnerHistory();
  single.AddCorrespondent("rglover@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  single.Profile("halff.com").active_days = 40;
  const Message message =
      MailFrom(Address("accounts@halffcom.net", "Accounts Payable"), {std::string(kStaff)});
  const Verdict verdict = ScoreWithKnownNames(message, single, true);
  INFO(Explain(verdict));
  CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
}

TEST_CASE("LOOKALIKE_DOMAIN: a misspelled name writing only to whom a regular sender writes",
          "[lookalike]") {
  // Halff's billing office writes to one member of staff on many days; no
  // one here writes back (a supplier's notices): not two-way.
  constexpr std::string_view kColleague = "kate.symes@enron.com";
  FakeHistory history = PartnerHistory();
  history.AddCorrespondent("billing@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 12, 0);
  history.AddCorrespondent("news@weekly.com", kColleague, kNow - 300 * kDay, kNow - kDay, 6, 0);
  history.Profile("halff.com").active_days = 12;
  // The evidence of LOOKALIKE_DOMAIN on a role mailbox's mail, empty when
  // it does not fire; the verdict's action in *action.
  const auto evidence = [&history](const char* from, std::string_view to, Action* action) {
    const Verdict verdict =
        ScoreWithKnownNames(MailFrom(Address(from), {std::string(to)}), history, true);
    INFO(from << " to " << to << "\n" << Explain(verdict));
    *action = verdict.action;
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    return hit == nullptr ? std::string() : hit->evidence;
  };
  constexpr std::string_view kRelationship = "), and it writes only to staff who write to ";
  Action action = Action::kAccept;
  // A role mailbox at a misspelling of Halff's name, to Halff's reader.
  for (const char* from : {"accounts@halgf.com", "remittance@hallf.com"}) {
    CHECK(evidence(from, kStaff, &action)
              .find("), and it writes only to staff who write to halff.com or whom its people "
                    "write to (1 recipient); halff.com writes to the organisation on several "
                    "days, and the sender's name misspells its own") != std::string::npos);
    CHECK(action == Action::kHold);
  }
  // Halff's name spelled, as its own other domains spell it; or a
  // recipient Halff never wrote to: neither is held by the relationship.
  for (const auto& [from, to] :
       {std::pair{"accounts@halffcom.net", kStaff}, std::pair{"accounts@halff-billing.com", kStaff},
        std::pair{"accounts@halgf.com", kColleague}}) {
    CHECK(evidence(from, to, &action).find(kRelationship) == std::string::npos);
  }
  // A host that wrote on two days only is no regular sender: one mailing
  // and its reminder.
  history.Profile("halff.com").active_days = 2;
  CHECK(evidence("accounts@halgf.com", kStaff, &action).find(kRelationship) == std::string::npos);
}

TEST_CASE("LOOKALIKE_DOMAIN: a person's identity at a short name one key off is held",
          "[lookalike]") {
  FakeHistory history = PartnerHistory();
  history.AddCorrespondent("tom.hopwood@gte.net", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.AddCorrespondent("accounts@gte.net", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.Profile("gte.net").active_days = 40;
  for (const char* name : {"Hopwood, Tom", "TOM HOPWOOD"}) {
    const Message message = MailFrom(Address("remittance@gtd.net", name), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(name << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->evidence.find("sender domain gtd.net is gte.net mistyped (a letter changed, added "
                             "or left out, or two swapped), and the sender is the person at "
                             "tom.hopwood@gte.net (12 messages with the organisation), by display "
                             "name") != std::string::npos);
    CHECK(verdict.action == Action::kHold);
  }
  const Message by_address = MailFrom(Address("tom.hopwood@gti.net"), {std::string(kStaff)});
  const Verdict by_address_verdict = ScoreWithKnownNames(by_address, history, true);
  INFO(Explain(by_address_verdict));
  CHECK(by_address_verdict.action == Action::kHold);
  // A role mailbox or the organisation's name is every three-letter
  // organisation's: not enough beside so loose a resemblance.
  for (const auto& [from, name] :
       {std::pair{"accounts@gtd.net", ""}, std::pair{"ap@gts.net", "Gte Accounts Payable"},
        std::pair{"remittance@gtd.net", "Pat Doe"}}) {
    const Message message = MailFrom(Address(from, name), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(from << " " << name << "\n" << Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
}

TEST_CASE("LOOKALIKE_DOMAIN: a person's identity at a two-letter name one key off is held",
          "[lookalike]") {
  FakeHistory history = PartnerHistory();
  history.AddCorrespondent("tjacobs@ou.edu", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.AddCorrespondent("accounts@ou.edu", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  // The person's mailbox, or the display name naming it, at another pair
  // of letters or with a letter doubled.
  for (const auto& [from, name] :
       {std::pair{"tjacobs@oa.edu", ""}, std::pair{"finance@ouu.edu", "Jacobs, Ted K"},
        std::pair{"tjacobs@oy.edu", "Jacobs, Ted K"}}) {
    const Message message = MailFrom(Address(from, name), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(from << " " << name << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->evidence.find("is ou.edu mistyped") != std::string::npos);
    CHECK(verdict.action == Action::kHold);
  }
  // A role mailbox or another person there is any two-letter
  // organisation's; a stranger asking payment is left to other signals
  // (every pair of letters is one error from another).
  Message asking = MailFrom(Address("accounts@oa.edu"), {std::string(kStaff)});
  asking.payment_coordinates = {{PaymentCoordinateKind::kRoutingAccount, "021000021/99887766",
                                 "routing 021000021, account ending 7766"}};
  for (const Message& message :
       {MailFrom(Address("accounts@oa.edu"), {std::string(kStaff)}),
        MailFrom(Address("pat.doe@oy.edu", "Pat Doe"), {std::string(kStaff)}), asking}) {
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(message.from.address << "\n" << Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
}

TEST_CASE("LOOKALIKE_DOMAIN: a stranger at a short name one key off asking payment is held",
          "[lookalike]") {
  FakeHistory history = PartnerHistory();
  history.AddCorrespondent("accounts@gte.net", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.Profile("gte.net").active_days = 40;
  const PaymentCoordinate account{PaymentCoordinateKind::kRoutingAccount, "021000021/99887766",
                                  "routing 021000021, account ending 7766"};
  const auto with_account = [&](const char* from) {
    Message message = MailFrom(Address(from), {std::string(kStaff)});
    message.payment_coordinates = {account};
    return message;
  };
  // A role mailbox, a first contact, at a name one typing error from
  // gte.net's, asking payment to a bank account.
  for (const char* from : {"accounts@gtd.net", "billing@gtes.com", "ap@tge-billing.org"}) {
    const Verdict verdict = ScoreWithKnownNames(with_account(from), history, true);
    INFO(from << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->evidence.find("is gte.net mistyped") != std::string::npos);
    CHECK(hit->evidence.find("a sender never seen before asks payment to routing 021000021, "
                             "account ending 7766") != std::string::npos);
    CHECK(verdict.action == Action::kHold);
  }
  // At a longer name the sender's domain resembles (Resembles()), with no
  // identity of the correspondent's reused, to staff it never wrote to.
  Message stranger = MailFrom(Address("remittance@westfeld-univ.org"), {"sally.beck@enron.com"});
  stranger.payment_coordinates = {account};
  const Verdict resembled = ScoreWithKnownNames(stranger, history, true);
  INFO(Explain(resembled));
  const SignalHit* resembled_hit = FindHit(resembled, "LOOKALIKE_DOMAIN");
  REQUIRE(resembled_hit != nullptr);
  CHECK(resembled_hit->evidence.find("resembles westfield.edu") != std::string::npos);
  CHECK(resembled_hit->evidence.find("asks payment to") != std::string::npos);
  // Either fact alone is not enough: the same role mailbox asking nothing,
  // an account from a name two errors off or like no correspondent's.
  for (const Message& message :
       {MailFrom(Address("accounts@gtd.net"), {std::string(kStaff)}), with_account("ap@gxd.net"),
        with_account("accounts@northwind-supply.com")}) {
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(message.from.address << "\n" << Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
  // Nor a sender the organisation has heard from: its account is judged by
  // PAYMENT_DETAILS_CHANGED against what it sent before.
  history.AddCorrespondent("accounts@gtd.net", kStaff, kNow - 200 * kDay, kNow - kDay, 6, 2);
  const Verdict known = ScoreWithKnownNames(with_account("accounts@gtd.net"), history, true);
  INFO(Explain(known));
  CHECK_FALSE(HasHit(known, "LOOKALIKE_DOMAIN"));
}

TEST_CASE("LOOKALIKE_DOMAIN: a stranger at a short name one key off asking in words is held",
          "[lookalike]") {
  FakeHistory history = PartnerHistory();
  history.AddCorrespondent("accounts@gte.net", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.Profile("gte.net").active_days = 40;
  const auto asking = [&](const char* from, const char* text) {
    Message message = MailFrom(Address(from), {std::string(kStaff)});
    message.text_body = text;
    ExtractTextLinks(message.text_body, 16, &message.links);
    return message;
  };
  // No account named: the new details are on a page of the near-copy's own.
  const Verdict portal =
      ScoreWithKnownNames(asking("accounts@gtd.net",
                                 "Our invoice and new remittance details are on our portal: "
                                 "https://portal.gtd.net/invoice/3f2a1b"),
                          history, true);
  INFO(Explain(portal));
  const SignalHit* hit = FindHit(portal, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("is gte.net mistyped") != std::string::npos);
  CHECK(hit->evidence.find("a sender never seen before asks to change remittance or bank details "
                           "(\"new remittance details\") beside a link to portal.gtd.net") !=
        std::string::npos);
  // A request to pay at a link is also an ask.
  const Verdict pay = ScoreWithKnownNames(
      asking("billing@gtes.com", "Please pay the invoice at https://pay.gtes.com/i/77"), history,
      true);
  INFO(Explain(pay));
  const SignalHit* pay_hit = FindHit(pay, "LOOKALIKE_DOMAIN");
  REQUIRE(pay_hit != nullptr);
  CHECK(pay_hit->evidence.find("asks to pay at a link (\"pay the invoice\")") != std::string::npos);
  // What is not a payment ask: an invoice for information, a form to sign
  // and return, a link to its own site.
  for (const char* text : {"Please find attached our invoice for March, for your records.",
                           "Please sign and return the agreement at https://docs.gtd.net/a/1",
                           "Our new catalogue is at https://www.gtd.net/catalogue"}) {
    const Verdict verdict = ScoreWithKnownNames(asking("accounts@gtd.net", text), history, true);
    INFO(text << "\n" << Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
  // The same ask from a name two errors off, or from a sender heard from.
  const Verdict far = ScoreWithKnownNames(
      asking("ap@gxd.net", "Please update our bank details: new remittance details attached."),
      history, true);
  INFO(Explain(far));
  CHECK_FALSE(HasHit(far, "LOOKALIKE_DOMAIN"));
  history.AddCorrespondent("accounts@gtd.net", kStaff, kNow - 200 * kDay, kNow - kDay, 6, 2);
  const Verdict known = ScoreWithKnownNames(
      asking("accounts@gtd.net", "Please note our new bank details below."), history, true);
  INFO(Explain(known));
  CHECK_FALSE(HasHit(known, "LOOKALIKE_DOMAIN"));
}

TEST_CASE("LOOKALIKE_DOMAIN: a stranger at a short name one key off asking beyond English",
          "[lookalike]") {
  FakeHistory history = PartnerHistory();
  history.AddCorrespondent("accounts@gte.net", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.Profile("gte.net").active_days = 40;
  const auto asking = [&](const char* text) {
    Message message = MailFrom(Address("accounts@gtd.net"), {std::string(kStaff)});
    message.text_body = text;
    ExtractTextLinks(message.text_body, 16, &message.links);
    return message;
  };
  for (const auto& [text, quoted] : {
           std::pair{"Seguem os novos dados bancários para pagamento da fatura.",
                     "(\"novos dados bancários\")"},
           std::pair{"Unsere Bankverbindung hat sich geändert, bitte beachten.",
                     "(\"bankverbindung hat sich geändert\")"},
           std::pair{"Veuillez régler la facture : https://pay.gtd.net/i/77",
                     "(\"régler la facture\")"},
       }) {
    const Verdict verdict = ScoreWithKnownNames(asking(text), history, true);
    INFO(text << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->evidence.find(quoted) != std::string::npos);
  }
  // An invoice sent, and a change denied, ask nothing.
  for (const char* text :
       {"Segue em anexo a fatura de março.", "Unsere Bankverbindung hat sich nicht geändert."}) {
    const Verdict verdict = ScoreWithKnownNames(asking(text), history, true);
    INFO(text << "\n" << Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
}

TEST_CASE("LOOKALIKE_DOMAIN: a person's mailbox at a short name typed otherwise is held",
          "[lookalike]") {
  FakeHistory history = PartnerHistory();
  history.AddCorrespondent("smholden@txu.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.AddCorrespondent("accounts@txu.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.AddCorrespondent("sales@txu.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.AddCorrespondent("jds@txu.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.Profile("txu.com").active_days = 40;
  history.AddCorrespondent("dana.whitfield@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8,
                           4);
  history.Profile("halff.com").active_days = 40;
  // Two letters swapped, a letter left out of a four-letter name, beside a
  // word under another suffix, a digit added to the mailbox; an appended
  // letter in a five-letter name.
  for (const char* from : {"smholden@tux.com", "smholden@xtu.net", "smholden7@tux-billing.org",
                           "smholden@tuxbilling.net", "dana.whitfield@halffx.com"}) {
    const Message message = MailFrom(Address(from), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(from << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->evidence.find("mistyped") != std::string::npos);
    CHECK(verdict.action == Action::kHold);
  }
  // Roles and initials are every organisation's: no tie to txu.com.
  for (const char* from : {"accounts@tux.com", "sales@tux.com", "jds@tux.com"}) {
    const Message message = MailFrom(Address(from), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(from << "\n" << Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
  // A person history does not know there, and two letters off: nothing.
  for (const char* from : {"rglover@tux.com", "smholden@tex.org"}) {
    const Message message = MailFrom(Address(from), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(from << "\n" << Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
}

TEST_CASE("LOOKALIKE_DOMAIN: a known person's mailbox spelled short on a look-alike is held",
          "[lookalike]") {
  // History knows Tom Hopwood and Dana Whitfield at Halff by address
  // only; the store lists the people it knows there (kLocalPart).
  FakeHistory history = PartnerHistory();
  history.AddCorrespondent("tom.hopwood@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.AddCorrespondent("dana_whitfield@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8,
                           4);
  history.Profile("halff.com").active_days = 40;
  struct Case {
    const char* from;
    const char* evidence;
  };
  for (const Case& c : {
           Case{"thopwood@halff-billing.com",
                "; and the local part thopwood spells the person at tom.hopwood@halff.com by its "
                "first initial and surname (12 messages with the organisation)"},
           Case{"tom@halffcom.net", "tom.hopwood@halff.com by its first name alone ("},
           Case{"hopwood@halgf.com", "tom.hopwood@halff.com by its surname alone ("},
           Case{"tomh@halff-billing.com",
                "tom.hopwood@halff.com by its first name and the surname's initial ("},
           Case{"dwhitfield2@halff-billing.com",
                "dana_whitfield@halff.com by its first initial and surname, with digits "
                "added ("},
       }) {
    const Message message = MailFrom(Address(c.from), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(c.from << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->evidence.find(c.evidence) != std::string::npos);
    CHECK(hit->strength == 1.0);
    CHECK(verdict.action == Action::kHold);
  }
  // Near misses: another initial, another first name, a name of two
  // letters, a role, a surname misspelled, and a short mailbox at a domain
  // that resembles nothing known.
  for (const char* from :
       {"phopwood@halff-billing.com", "tim@halff-billing.com", "to@halff-billing.com",
        "accounts@halff-billing.com", "hopwod@halff-billing.com", "thopwood@granite-billing.com"}) {
    const Message message = MailFrom(Address(from), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(from << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    if (hit == nullptr) continue;  // or only the look-alike itself, as Check() finds it
    CHECK(hit->evidence.find(" spells the person at ") == std::string::npos);
  }
  // Someone seen only through a list is no one the reader knows.
  FakeHistory listed = PartnerHistory();
  listed.AddCorrespondent("tom.hopwood@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 0, 0);
  listed.Profile("tom.hopwood@halff.com").messages_sent = 3;
  listed.Profile("tom.hopwood@halff.com").hidden_recipient_messages = 3;
  const Message message = MailFrom(Address("thopwood@halff-billing.com"), {std::string(kStaff)});
  const Verdict verdict = ScoreWithKnownNames(message, listed, true);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  if (hit != nullptr) CHECK(hit->evidence.find(" spells the person at ") == std::string::npos);
}

TEST_CASE("LOOKALIKE_DOMAIN: the people known at a resembled host are read once per message",
          "[lookalike]") {
  // halgf.com both resembles halff.com and is its five-letter name one
  // key off, so every rule that judges Halff's people asks for them: (a')
  // and (e) spell them by the local part, (c') and (e) name them by the
  // display name, (f) looks for whom they wrote to. One read serves all;
  // a rule reading on its own (another limit, another order) reads again.
  constexpr std::string_view kColleague = "kate.symes@enron.com";
  FakeHistory history = PartnerHistory();
  history.AddCorrespondent("tom.hopwood@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.AddCorrespondent("rglover@halff.com", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.AddCorrespondent("news@weekly.com", kColleague, kNow - 300 * kDay, kNow - kDay, 6, 0);
  history.Profile("halff.com").active_days = 40;
  // Initials no one at Halff has, by the name of no one there: (a'), (c')
  // and (e) twice; then initials with no name to a colleague Halff never
  // wrote to: (a'), (f) and (e).
  int reads = 0;
  for (const auto& [from, name, to] : {std::tuple{"jds@halgf.com", "Pat Doe", kStaff},
                                       std::tuple{"jds@halgf.com", "", kColleague}}) {
    const Message message = MailFrom(Address(from, name), {std::string(to)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(from << " " << name << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    if (hit != nullptr) CHECK(hit->evidence.find(" the person at ") == std::string::npos);
    CHECK(history.AttributeListReads("halff.com", SenderAttributeKind::kLocalPart) == reads + 1);
    reads = history.AttributeListReads("halff.com", SenderAttributeKind::kLocalPart);
  }
  // The one read serves the rule that finds someone: Tom Hopwood spelled
  // short by the local part.
  const Message message = MailFrom(Address("thopwood@halgf.com"), {std::string(kStaff)});
  const Verdict verdict = ScoreWithKnownNames(message, history, true);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find(" spells the person at tom.hopwood@halff.com") != std::string::npos);
  CHECK(history.AttributeListReads("halff.com", SenderAttributeKind::kLocalPart) == reads + 1);
}

TEST_CASE("LOOKALIKE_DOMAIN: a correspondent's staff are counted once per message", "[lookalike]") {
  // Halff corresponds with the organisation both ways, with two members of
  // staff. A look-alike writes only to Halff's contact, (f), and links a
  // page on halff.com whose path imitates Calpine: the link's rule asks
  // whether halff.com is vouched for, and (f) whether Halff is a two-way
  // correspondent. Both ask how many of the organisation's people wrote to
  // halff.com; one count serves both, as one profile read does.
  FakeHistory history = TwoWayHalffHistory();
  Message message = MailFrom(Address("accounts@halffcom.net"), {std::string(kStaff)});
  message.links = {WebLink("halff.com", "/ca1pine/statement")};
  const Verdict verdict = ScoreWithKnownNames(message, history, true);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("), and it writes only to staff who write to halff.com") !=
        std::string::npos);
  // The link's own look-alike word is still reported (vouching for
  // halff.com spares only the domain itself): its rule ran.
  CHECK(hit->evidence.find("(and 1 more like it)") != std::string::npos);
  CHECK(history.AttributeCountReads("halff.com", SenderAttributeKind::kStaffCorrespondent) == 1);
}

TEST_CASE("LOOKALIKE_DOMAIN: a resembled correspondent's profile is read once per message",
          "[lookalike]") {
  // halgf.com both resembles halff.com and is its five-letter name one key
  // off. Halff wrote to the organisation only in Bcc, on one day, and no
  // one here wrote back: not an identity a reader recognises, so each
  // rule that judges Halff itself reads its profile and goes on: (d) for
  // a display name naming Halff, (f) for mail only to Halff's contacts,
  // (g) for a first contact at either near-copy. One read serves them
  // all; a rule reading history on its own reads it again.
  FakeHistory history = HalffOnlyUnnamed(1);  // one day: no regular writer
  SenderProfile& halff = history.Profile("halff.com");
  for (const char* name : {"Halff Accounts Payable", ""}) {
    const int before = history.ProfileReads("halff.com");
    const Message message = MailFrom(Address("ap@halgf.com", name), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(name << "\n" << Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
    CHECK(history.ProfileReads("halff.com") == before + 1);
  }
  // Once Halff is recognised, (d) finds it named, from the one read of its
  // own profile: the evidence counts Halff's messages, not the sender's.
  halff.messages_received = 4;
  halff.hidden_recipient_messages = 0;
  halff.active_days = 40;
  const int before = history.ProfileReads("halff.com");
  const Message message =
      MailFrom(Address("ap@halgf.com", "Halff Accounts Payable"), {std::string(kStaff)});
  const Verdict verdict = ScoreWithKnownNames(message, history, true);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("names the correspondent halff.com (12 messages with the "
                           "organisation)") != std::string::npos);
  CHECK(history.ProfileReads("halff.com") == before + 1);
}

TEST_CASE("LOOKALIKE_DOMAIN: a known person whole at a short name one key off is held",
          "[lookalike]") {
  FakeHistory history = PartnerHistory();
  history.AddCorrespondent("tom.hopwood@gte.net", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.AddCorrespondent("cwhite@texas.gte.net", kStaff, kNow - 400 * kDay, kNow - kDay, 8, 4);
  history.Profile("gte.net").active_days = 40;
  // Both of the person's names spelled short, or the mailbox shown as the
  // name, as a client shows an unnamed sender.
  for (const auto& [from, name, evidence] :
       {std::tuple{"tomh@gtd.net", "",
                   "sender domain gtd.net is gte.net mistyped (a letter changed, added or left "
                   "out, or two swapped), and the local part tomh spells the person at "
                   "tom.hopwood@gte.net by its first name and the surname's initial (12 messages "
                   "with the organisation)"},
        std::tuple{"thopwood@gtr.net", "", "tom.hopwood@gte.net by its first initial and surname"},
        std::tuple{"ar@gti.net", "Cwhite",
                   "the sender is the person at cwhite@texas.gte.net (12 messages with the "
                   "organisation), by display name \"Cwhite\""}}) {
    const Message message = MailFrom(Address(from, name), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(from << " " << name << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->evidence.find(evidence) != std::string::npos);
    CHECK(verdict.action == Action::kHold);
  }
  // A first name or surname alone is at every three-letter organisation,
  // and so is another mailbox shown as a name: not enough beside so loose
  // a resemblance.
  for (const auto& [from, name] :
       {std::pair{"tom@gtd.net", ""}, std::pair{"hopwood@gtd.net", ""},
        std::pair{"ar@gti.net", "Cwhite2"}, std::pair{"ar@gti.net", "Cwhitely"}}) {
    const Message message = MailFrom(Address(from, name), {std::string(kStaff)});
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(from << " " << name << "\n" << Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
}

TEST_CASE("LOOKALIKE_DOMAIN: an identity seen only through a list or in Bcc is not reused",
          "[lookalike]") {
  FakeHistory history = PartnerHistory();
  // Brian May posted once to a list the organisation reads, from his
  // unearthed.org; nobody here wrote to him.
  history.AddCorrespondent("brian@unearthed.org", kStaff, kNow - 3 * kDay, kNow - 3 * kDay, 1, 0);
  history.Profile("brian@unearthed.org").hidden_recipient_messages = 1;
  history.AddDisplayName("brian may", {"brian@unearthed.org", 1, false});
  const Message other_domain =
      MailFrom(Address("brian@unearthed.com", "Brian May"), {std::string(kStaff)});
  const Verdict verdict = ScoreWithKnownNames(other_domain, history, true);
  INFO(Explain(verdict));
  CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  // Had he written to the organisation openly once, his name is one a
  // reader recognises, and reusing it from a resembling domain is held.
  history.Profile("brian@unearthed.org").hidden_recipient_messages = 0;
  const Verdict recognised = ScoreWithKnownNames(other_domain, history, true);
  INFO(Explain(recognised));
  const SignalHit* hit = FindHit(recognised, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->strength == 1.0);
}

TEST_CASE(
    "LOOKALIKE_DOMAIN: a correspondent writing regularly through a list is one its readers know",
    "[lookalike]") {
  // tom.hopwood@halff.com sends a partner's conference-call notices to a
  // list at halff.com that staff read: he never named anyone here, and no
  // one here wrote to him, but his mail reached the organisation on many
  // days. His address on a host named after Halff is his identity reused
  // (rule (a)); Halff itself, heard so, named by the display name on
  // halgf.com, is rule (d)'s. On two days each is a stranger in the crowd.
  const auto poster_on = [](uint32_t days) {
    FakeHistory history = PartnerHistory();
    history.AddCorrespondent("tom.hopwood@halff.com", kStaff, kNow - 200 * kDay, kNow - kDay, 0, 0);
    SenderProfile& poster = history.Profile("tom.hopwood@halff.com");
    poster.messages_sent = days;
    poster.hidden_recipient_messages = days;
    poster.active_days = days;
    return history;
  };
  struct Case {
    FakeHistory regular;
    FakeHistory crowd;
    Message message;
    const char* evidence;
  };
  const Case cases[] = {
      {poster_on(8), poster_on(2),
       MailFrom(Address("tom.hopwood@halff.remit-online.co"), {std::string(kStaff)}),
       "; and the address reuses tom.hopwood@halff.com"},
      {HalffOnlyUnnamed(8), HalffOnlyUnnamed(2),
       MailFrom(Address("ap@halgf.com", "Halff Accounts Payable"), {std::string(kStaff)}),
       "names the correspondent halff.com"},
  };
  for (const Case& c : cases) {
    const Verdict verdict = ScoreWithKnownNames(c.message, c.regular, true);
    INFO(c.message.from.address << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->evidence.find(c.evidence) != std::string::npos);
    CHECK(hit->strength == 1.0);
    CHECK(verdict.action == Action::kHold);
    const Verdict crowd = ScoreWithKnownNames(c.message, c.crowd, true);
    INFO(Explain(crowd));
    CHECK_FALSE(HasHit(crowd, "LOOKALIKE_DOMAIN"));
  }
}

TEST_CASE("LOOKALIKE_DOMAIN: a look-alike without a reused identity is not pushed to a hold",
          "[lookalike]") {
  const FakeHistory history = PartnerHistory();
  // A stranger at an unrelated domain with a common name is no impersonation.
  const Message stranger =
      MailFrom(Address("ap@westside-supplies.com", "Acme Accounts Payable"), {std::string(kStaff)});
  CHECK_FALSE(HasHit(ScoreWithKnownNames(stranger, history, true), "LOOKALIKE_DOMAIN"));
}

TEST_CASE("LOOKALIKE_DOMAIN: an established two-way correspondent is nobody's look-alike",
          "[lookalike]") {
  FakeHistory history = PartnerHistory();
  // enron.net, the organisation's own other domain, and acmecorp.org, the
  // partner's: both new this week (a new known name still imitates an
  // older one), but both write and are written to, by two of our staff.
  constexpr std::string_view kColleague = "sally.beck@enron.com";
  for (const char* external : {"it@enron.net", "jane@acmecorp.org"}) {
    history.AddCorrespondent(external, kStaff, kNow - 3 * kDay, kNow - kDay, 6, 2);
    history.AddCorrespondent(external, kColleague, kNow - 3 * kDay, kNow - kDay, 0, 1);
  }
  history.Profile("enron.net").active_days = 3;
  history.Profile("acmecorp.org").active_days = 3;
  for (const char* from : {"it@enron.net", "jane@acmecorp.org"}) {
    const Verdict verdict =
        ScoreWithKnownNames(MailFrom(Address(from), {std::string(kStaff)}), history, true);
    INFO(from << "\n" << Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
  Message linked = MailFrom(Address("jane@calpine.com"), {std::string(kStaff)});
  linked.links = {WebLink("www.enron.net", "/benefits")};
  CHECK_FALSE(HasHit(ScoreWithKnownNames(linked, history, true), "LOOKALIKE_DOMAIN"));
  // One way only (it wrote, nobody answered) is no such relationship.
  history.AddCorrespondent("x@enron.org", kStaff, kNow - 3 * kDay, kNow - kDay, 6, 0);
  history.Profile("enron.org").active_days = 3;
  const Verdict one_way =
      ScoreWithKnownNames(MailFrom(Address("x@enron.org"), {std::string(kStaff)}), history, true);
  INFO(Explain(one_way));
  CHECK(HasHit(one_way, "LOOKALIKE_DOMAIN"));
}

TEST_CASE("LOOKALIKE_DOMAIN: one employee answering a look-alike does not make it a correspondent",
          "[lookalike]") {
  FakeHistory history = PartnerHistory();
  // acmecorp.org, new this week, writes to one of our staff, who answers
  // it again and again (the attacker keeps the exchange going): still a
  // look-alike of the partner's acmecorp.com, for that reader and others.
  history.AddCorrespondent("jane@acmecorp.org", kStaff, kNow - 6 * kDay, kNow - kDay, 8, 6);
  history.Profile("acmecorp.org").active_days = 5;
  const Message from_lookalike = MailFrom(Address("jane@acmecorp.org"), {std::string(kStaff)});
  Message linked = MailFrom(Address("bob@calpine.com"), {std::string(kStaff)});
  linked.links = {WebLink("portal.acmecorp.org", "/invoice")};
  const Message& linking = linked;
  for (const Message* message : {&from_lookalike, &linking}) {
    const Verdict verdict = ScoreWithKnownNames(*message, history, true);
    INFO(Explain(verdict));
    CHECK(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
  // A second colleague writing to it makes it the organisation's
  // correspondent, which imitates no one.
  history.AddCorrespondent("jane@acmecorp.org", "sally.beck@enron.com", kNow - 2 * kDay,
                           kNow - kDay, 0, 1);
  for (const Message* message : {&from_lookalike, &linking}) {
    const Verdict verdict = ScoreWithKnownNames(*message, history, true);
    INFO(Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
}

TEST_CASE("LOOKALIKE_DOMAIN: a domain the organisation's own mail links is not a look-alike",
          "[lookalike]") {
  // enron.net (a subsidiary's site, in the organisation's press releases)
  // and enrononline.com (its product site, enron + online): staff link them
  // in mail they send, which no registrant of a look-alike can arrange.
  FakeHistory history = CalpineHistory();
  const Message from_subsidiary = MailFrom(Address("scott_pleus@enron.net"), {std::string(kStaff)});
  Message linking = MailFrom(Address("jane@calpine.com"), {std::string(kStaff)});
  linking.links = {WebLink("www.enrononline.com", "/guest")};
  history.SetLinkDomain("enron.net", 1, 1, /*outbound=*/1);
  history.SetLinkDomain("enrononline.com", 3, 1, /*outbound=*/1);
  // Once, as when a colleague forwards a lure to ask about it: still suspect.
  CHECK(HasHit(ScoreWithKnownNames(from_subsidiary, history, true), "LOOKALIKE_DOMAIN"));
  CHECK(HasHit(ScoreWithKnownNames(linking, history, true), "LOOKALIKE_DOMAIN"));

  // One colleague's many messages are still one colleague: a compromised
  // or careless account mailing it out again and again does not vouch.
  history.SetLinkDomain("enron.net", 12, 1, /*outbound=*/12, /*outbound_senders=*/1);
  history.SetLinkDomain("enrononline.com", 12, 1, /*outbound=*/12, /*outbound_senders=*/1);
  CHECK(HasHit(ScoreWithKnownNames(from_subsidiary, history, true), "LOOKALIKE_DOMAIN"));
  CHECK(HasHit(ScoreWithKnownNames(linking, history, true), "LOOKALIKE_DOMAIN"));

  history.SetLinkDomain("enron.net", 2, 1, /*outbound=*/2, /*outbound_senders=*/2);
  history.SetLinkDomain("enrononline.com", 4, 1, /*outbound=*/2, /*outbound_senders=*/2);
  const Verdict sender = ScoreWithKnownNames(from_subsidiary, history, true);
  INFO(Explain(sender));
  CHECK_FALSE(HasHit(sender, "LOOKALIKE_DOMAIN"));
  const Verdict link = ScoreWithKnownNames(linking, history, true);
  INFO(Explain(link));
  CHECK_FALSE(HasHit(link, "LOOKALIKE_DOMAIN"));

  // The vouching is for those registrable domains, not for what resembles them.
  CHECK(
      HasHit(ScoreWithKnownNames(MailFrom(Address("scott_pleus@enr0n.net"), {std::string(kStaff)}),
                                 history, true),
             "LOOKALIKE_DOMAIN"));
  linking.links = {WebLink("www.enron-online.com", "/guest")};
  CHECK(HasHit(ScoreWithKnownNames(linking, history, true), "LOOKALIKE_DOMAIN"));
}

TEST_CASE("LOOKALIKE_DOMAIN: the organisation's other domains, as configured, are its own names",
          "[lookalike]") {
  // No history vouches for enron.net here: at first contact it is taken
  // for a look-alike of enron.com until the admin lists it.
  const FakeHistory history = CalpineHistory();
  const Message twin = MailFrom(Address("greg_knudtson@enron.net"), {std::string(kStaff)});
  const Message imitation = MailFrom(Address("greg_knudtson@enr0n.net"), {std::string(kStaff)});
  CHECK(HasHit(ScoreWithKnownNames(twin, history, true), "LOOKALIKE_DOMAIN"));

  ScoringOptions options = DefaultOptions();
  options.organisation_domains = {"enron.net"};
  std::unique_ptr<Scorer> scorer;
  REQUIRE(Scorer::Create(options, &scorer).ok());
  REQUIRE(scorer->RefreshKnownNames(history).ok());
  Verdict verdict;
  REQUIRE(scorer->Score(twin, Direction::kInbound, history, kNow, &verdict).ok());
  INFO(Explain(verdict));
  CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  // Not local for anything else: still a first contact from outside.
  CHECK(HasHit(verdict, "FIRST_CONTACT"));
  REQUIRE(scorer->Score(imitation, Direction::kInbound, history, kNow, &verdict).ok());
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->strength == Approx(1.0));
}

// The partner's network: `domains` registrable domains send from
// 198.51.100.0/24, acmecorp.com `own` of its messages among them.
void SetNetwork(FakeHistory* history, uint64_t own, size_t domains) {
  history->SetAttribute("198.51.100.0/24", SenderAttributeKind::kSendingDomain, "acmecorp.com",
                        own);
  for (size_t i = 1; i < domains; ++i) {
    history->SetAttribute("198.51.100.0/24", SenderAttributeKind::kSendingDomain,
                          "tenant" + std::to_string(i) + ".example", 40);
  }
}

// billing@acmecorp.net: the local part of billing@acmecorp.com on its
// other suffix, as the partner's second domain and its impersonator write.
Message SecondDomainMail(std::string_view origin_ip) {
  Message message = MailFrom(Address("billing@acmecorp.net"), {std::string(kStaff)});
  message.origin_ip = std::string(origin_ip);
  return message;
}

TEST_CASE("LOOKALIKE_DOMAIN: a correspondent's other domain sent from its own servers is its own",
          "[lookalike]") {
  FakeHistory history = PartnerHistory();
  SetNetwork(&history, 25, 2);  // acmecorp.com's servers, which one other domain shares
  const Verdict verdict = ScoreWithKnownNames(SecondDomainMail("198.51.100.7"), history, true);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->strength < 0.3);
  CHECK(hit->evidence.find("sent from the mail servers 25 messages of acmecorp.com came from "
                           "(198.51.100.0/24, which one other domain also sends from)") !=
        std::string::npos);
  CHECK(verdict.action < Action::kHold);

  // Signed with acmecorp.com's own key, from wherever.
  Message signed_mail = SecondDomainMail("192.0.2.40");
  signed_mail.auth_results = {{std::string(kTrustedAuthserv), "dkim", "pass", "acmecorp.com"}};
  const Verdict dkim = ScoreWithKnownNames(signed_mail, history, true);
  INFO(Explain(dkim));
  hit = FindHit(dkim, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("signed with acmecorp.com's own DKIM key") != std::string::npos);
  CHECK(dkim.action < Action::kHold);
}

TEST_CASE(
    "LOOKALIKE_DOMAIN: a thinly known correspondent's network vouches once it carried "
    "all its mail",
    "[lookalike]") {
  struct Case {
    const char* what;
    uint64_t from_network;  // of txu.com's three messages
    bool vouched;
  };
  for (const Case& c : {
           Case{"every one of its three messages", 3, true},
           Case{"two of its three messages", 2, false},
       }) {
    FakeHistory history = ThinHistory();  // vkholod1@txu.com: 3 in, 1 out
    history.SetAttribute("198.51.100.0/24", SenderAttributeKind::kSendingDomain, "txu.com",
                         c.from_network);
    Message message = MailFrom(Address("billing@txu.net"), {std::string(kStaff)});
    message.origin_ip = "198.51.100.7";
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(c.what << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    if (c.vouched) {
      CHECK(hit->strength < 0.3);
      CHECK(hit->evidence.find("sent from the mail servers all 3 messages of txu.com came from "
                               "(198.51.100.0/24, which no other domain sends from)") !=
            std::string::npos);
    } else {
      CHECK(hit->strength == Approx(0.5));
      CHECK(hit->evidence.find("sent from the mail servers") == std::string::npos);
    }
  }
  // Two messages, both from it, are too few to know a network by.
  FakeHistory history;
  history.AddCorrespondent("pat@hpsx.com", kStaff, kNow - 30 * kDay, kNow - kDay, 2, 2);
  history.Profile("hpsx.com").active_days = 3;
  history.SetAttribute("198.51.100.0/24", SenderAttributeKind::kSendingDomain, "hpsx.com", 2);
  Message message = MailFrom(Address("billing@hpsx.net"), {std::string(kStaff)});
  message.origin_ip = "198.51.100.7";
  const Verdict verdict = ScoreWithKnownNames(message, history, true);
  INFO(Explain(verdict));
  const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("sent from the mail servers") == std::string::npos);
}

TEST_CASE("LOOKALIKE_DOMAIN: another network, or one many share, vouches for no other domain",
          "[lookalike]") {
  struct Case {
    const char* what;
    uint64_t own;
    size_t domains;
    const char* origin;
  };
  for (const Case& c : {
           Case{"from elsewhere (a free mailbox provider, a rented server)", 25, 1, "192.0.2.40"},
           Case{"no origin at all", 25, 1, ""},
           Case{"too few of the partner's messages from it", 9, 1, "198.51.100.7"},
           Case{"a shared host three domains send from", 25, 3, "198.51.100.7"},
           Case{"a bulk sender the partner uses among many", 200, 12, "198.51.100.7"},
       }) {
    FakeHistory history = PartnerHistory();
    SetNetwork(&history, c.own, c.domains);
    Message message = SecondDomainMail(c.origin);
    // A signature by another domain, or by an untrusted server, is no key of the partner's.
    message.auth_results = {{std::string(kTrustedAuthserv), "dkim", "pass", "acmecorp-net.example"},
                            {"forged.example", "dkim", "pass", "acmecorp.com"}};
    const Verdict verdict = ScoreWithKnownNames(message, history, true);
    INFO(c.what << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->strength == Approx(1.0));
    CHECK(verdict.action == Action::kHold);
  }
}

TEST_CASE("LOOKALIKE_DOMAIN: the organisation's other domain sent from its own servers",
          "[lookalike]") {
  FakeHistory history = CalpineHistory();
  const Message twin = [] {
    Message m = MailFrom(Address("greg_knudtson@enron.net"), {std::string(kStaff)});
    m.origin_ip = "203.0.113.25";
    return m;
  }();
  const SignalHit* hit = nullptr;
  {
    const Verdict verdict = ScoreWithKnownNames(twin, history, true);
    hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->strength == Approx(1.0));
  }
  // The organisation's own outbound mail came from that network.
  history.SetAttribute("203.0.113.0/24", SenderAttributeKind::kSendingDomain, "enron.com", 300);
  const Verdict verdict = ScoreWithKnownNames(twin, history, true);
  INFO(Explain(verdict));
  hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->strength < 0.3);
  CHECK(hit->evidence.find("300 messages of enron.com came from (203.0.113.0/24, which no other "
                           "domain sends from): its own other domain") != std::string::npos);
}

}  // namespace
}  // namespace rapport::testing

namespace rapport::testing {
namespace {

// `sender` links one page in `tenant_host` (a bucket host-style).
Message LinksBucket(std::string_view sender, std::string_view tenant_host) {
  Message message = MailFrom(Address(sender), {std::string(kStaff)});
  message.links = {WebLink(tenant_host, "/statement.html", "Shared document")};
  return message;
}

TEST_CASE("LOOKALIKE_DOMAIN: a bucket named like the sender's organisation without being its name",
          "[lookalike]") {
  const FakeHistory history = CalpineHistory();
  for (const char* host : {"calpnie-billing.s3.amazonaws.com", "calpinne-docs.s3.amazonaws.com",
                           "calpnie.blob.core.windows.net"}) {
    const Verdict verdict =
        ScoreWithKnownNames(LinksBucket("jane@calpine.com", host), history, true);
    INFO(host << "\n" << Explain(verdict));
    const SignalHit* hit = FindHit(verdict, "LOOKALIKE_DOMAIN");
    REQUIRE(hit != nullptr);
    CHECK(hit->evidence.find("the sender's own organisation") != std::string::npos);
  }
  // Its own name, with a word or run together with one, or a neutral name.
  for (const char* host :
       {"calpine-billing.s3.amazonaws.com", "calpinereports.blob.core.windows.net",
        "assets-2001.s3.amazonaws.com", "static-files.s3.amazonaws.com"}) {
    const Verdict verdict =
        ScoreWithKnownNames(LinksBucket("jane@calpine.com", host), history, true);
    INFO(host << "\n" << Explain(verdict));
    CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
  }
}

TEST_CASE("LOOKALIKE_DOMAIN: a bucket named like the receiving organisation, bent, by an outsider",
          "[lookalike]") {
  const FakeHistory history = CalpineHistory();
  // A key beside: no disguise a skeleton reads, but the name it passes for.
  const Verdict bent = ScoreWithKnownNames(
      LinksBucket("jane@calpine.com", "enrom-sso.s3.amazonaws.com"), history, true);
  INFO(Explain(bent));
  const SignalHit* hit = FindHit(bent, "LOOKALIKE_DOMAIN");
  REQUIRE(hit != nullptr);
  CHECK(hit->evidence.find("the organisation's own domain") != std::string::npos);
  // A vendor naming a bucket after its client spells the name.
  CHECK_FALSE(HasHit(
      ScoreWithKnownNames(LinksBucket("jane@calpine.com", "enron-deliverables.s3.amazonaws.com"),
                          history, true),
      "LOOKALIKE_DOMAIN"));
}

TEST_CASE(
    "LOOKALIKE_DOMAIN: a brand's exact name with a word, as a bucket, from anyone but the brand",
    "[lookalike]") {
  const FakeHistory history = CalpineHistory();
  const Verdict worded = ScoreWithKnownNames(
      LinksBucket("jane@calpine.com", "docusign-us.storage.googleapis.com"), history, true);
  INFO(Explain(worded));
  CHECK(HasHit(worded, "LOOKALIKE_DOMAIN"));
  // The brand naming its own bucket, and the brand's own tenant by anyone.
  CHECK_FALSE(HasHit(
      ScoreWithKnownNames(LinksBucket("notices@docusign.net", "docusign-us.storage.googleapis.com"),
                          history, true),
      "LOOKALIKE_DOMAIN"));
  CHECK_FALSE(HasHit(
      ScoreWithKnownNames(LinksBucket("jane@calpine.com", "docusign.box.com"), history, true),
      "LOOKALIKE_DOMAIN"));
}

TEST_CASE("LOOKALIKE_DOMAIN: a tenant the organisation links itself is no look-alike",
          "[lookalike]") {
  FakeHistory history = CalpineHistory();
  const Message message = LinksBucket("jane@calpine.com", "calpnie-billing.s3.amazonaws.com");
  CHECK(HasHit(ScoreWithKnownNames(message, history, true), "LOOKALIKE_DOMAIN"));
  history.SetLinkDomain("calpnie-billing.s3.amazonaws.com", 4, 1, /*outbound=*/2,
                        /*outbound_senders=*/2);
  const Verdict verdict = ScoreWithKnownNames(message, history, true);
  INFO(Explain(verdict));
  CHECK_FALSE(HasHit(verdict, "LOOKALIKE_DOMAIN"));
}

}  // namespace
}  // namespace rapport::testing
