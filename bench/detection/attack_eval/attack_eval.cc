// attack_eval: replays each Enron mailbox into its own scratch store in Date
// order, as `rapportctl replay` does, and injects attacks built from the
// history seen so far (real correspondents, real threads, real staff) at
// random points in time. Prints how many attacks are held, per kind, and
// what the legitimate inbound mail costs.
//
// usage: attack_eval [--corpus DIR] [--seed N] [--attacks-per-mailbox N] [--show-missed N]
//                    [--show-scenarios 1] [--show-internal SIGNAL] (the real internal
//                    messages a signal fired on) [--show-inbound SIGNAL] (the
//                    legitimate inbound messages it fired on) [--release-legit-holds 1]
//                    (each held message of a mailbox learned as an admin's release)
//                    [--weight SIGNAL=N]...  (weight
//                    overrides, as in [weights]) [--calibration MIN,MAX,PRIOR] (the
//                    base rates' surprise bounds and prior) [--tenant-platforms catalogue] (the
//                    new-tenant family on the enterprise file-sharing, portal and site platforms)
//                    [--transfer-platforms catalogue] (file-share lures and the
//                    adoption and campaign scenarios on newer transfer services)
//                    [--rewrite FORM] (every message, replayed or planned, written
//                    in FORM before it is parsed: base64, qp, encoded-words, crlf,
//                    folded, html, filenames, or several joined by commas;
//                    see rewrite.h)
//                    [--attack-delay DAYS] (attacks, controls and scenarios sent DAYS
//                    after their injection; attack_delay.h)
//
// Besides the attacks, each mailbox plays self-regulation's scenarios
// (PlanScenarios): legitimate partners adopting a new file-transfer
// platform, and the campaigns that must not pass for adoption; printed by
// arrival order.
//
// And the new-tenant family, apart from the random draws: legitimate mail
// linking tenants of a few multi-tenant platforms (SharePoint, S3, web.app,
// ...), then known correspondents linking a tenant of one of them that no
// one here linked. Likewise varied versions of the participant hijack and
// the compromised colleague (BuildHijackVaried, BuildLateralVaried), a
// wide participant-hijack family (BuildHijackWide: nine lures, the mailbox's
// own threads and threads written with References, each attack's variants
// counted), lures only in an attachment (BuildAttachmentLure), and an
// internal user's name on an outside address sent to that user and
// colleagues together (PlanNamedAndColleagues), and the compromised
// colleague as real lateral phishing writes it (BuildLateralWide: usual
// colleagues among the strangers, five kinds of link) beside legitimate
// announcements of its shape (BuildLateralAnnouncement) and portal
// announcements (BuildPortalAnnouncement) and colleagues' requests to sign
// at a site new here (BuildSignatureControl), scored only; and a cloud-storage
// family (BuildStorageToken: a bucket or site named after a brand or the
// organisation, in each store's URL forms) beside legitimate buckets named
// by their owners.

#include <fmt/format.h>
#include <unistd.h>
#include <zlib.h>

#include <algorithm>
#include <array>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <fstream>
#include <functional>
#include <iostream>
#include <limits>
#include <map>
#include <memory>
#include <numeric>
#include <optional>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "base/clock.h"
#include "bench/detection/attack_eval/attack_delay.h"
#include "bench/detection/attack_eval/draws.h"
#include "bench/detection/attack_eval/masked_forms.h"
#include "bench/detection/attack_eval/presentation.h"
#include "bench/detection/attack_eval/rewrite.h"
#include "bench/detection/attack_eval/vendor_forms.h"
#include "bench/detection/enron_owner.h"
#include "cli/archive_walk.h"
#include "message/ascii.h"
#include "message/domain_names.h"
#include "message/mail_archive.h"
#include "message/organisation.h"
#include "message/parser.h"
#include "message/payment_coordinates.h"
#include "message/subject.h"
#include "message/tenant_platforms.h"
#include "scoring/delivery.h"
#include "scoring/lookalike/skeleton.h"
#include "scoring/mailbox_providers.h"
#include "scoring/scorer.h"
#include "scoring/signal_registry.h"
#include "store/history_store.h"

namespace rapport {
namespace {

namespace fs = std::filesystem;

// The consumer mailbox providers the scorer loads by default, loaded once:
// tenants are named after the organisation, or at a provider the person.
const MailboxProviders& ShippedMailboxProviders() {
  static const MailboxProviders* providers = [] {
    auto* loaded = new MailboxProviders;
    Status status = loaded->Load(DefaultMailboxProvidersPath());
    if (!status.ok()) {
      std::cerr << "attack_eval: " << status.ToString() << "\n";
      std::exit(2);
    }
    return loaded;
  }();
  return *providers;
}

// The mailboxes of the corpus that hold one Enron employee's mail each.
constexpr std::array<const char*, 6> kMailboxes = {
    "beck-s.mbox",   "berkeley-enron_with_categories.mbox",
    "farmer-d.mbox", "kaminski-v.mbox",
    "lokay-m.mbox",  "williams-w3.mbox"};

// The attack kinds, each built by AttackBuilder::Build.
enum class Kind {
  kVendorFileshare,
  kFirstContactBcc,
  kFirstContactBccOwnDomain,
  kThreadHijackParticipant,
  kThreadHijackOutsider,
  kMaskedLink,
  kImageLink,
  kLookalikeSender,
  kReplyToDiversion,
  kDisplayNameImpersonation,
  kLateralFileshare,
  kLookalikeCorrespondent,
  kCloudLookalikeToken,
  kNewTenant,                 // played apart by RunMailbox, never drawn at random
  kRegistrableLookalike,      // likewise
  kRegistrableLookalikeWide,  // likewise (BuildWideLookalike)
  // Played apart too (PlanVaried), each with the variety its random kind lacks.
  kHijackVaried,
  kLateralVaried,
  kHijackWide,  // BuildHijackWide, played apart with a generator of its own
  // Played apart too (BuildAttachmentLure): the lure only in an attachment.
  kAttachmentLure,
  kNamedAndColleagues,  // played apart (PlanNamedAndColleagues)
  // Played apart too (BuildDocumentLure): a PDF lure varied beyond
  // BuildAttachmentLure's, beside legitimate PDFs (BuildDocumentControl).
  kDocumentLure,
  // Played apart (BuildPaymentDiversion): a participant's new bank details
  // written as IBAN, SWIFT or US routing numbers, a change or a first.
  kPaymentDiversion,
  // Played apart (BuildPaymentDiversionAlternative): the same lures as
  // multipart/alternative, the account only in the HTML part.
  kPaymentDiversionAlternative,
  // Played apart (BuildLateralWide): the compromised colleague as real
  // lateral phishing writes it, beside legitimate announcements to many
  // colleagues (BuildLateralAnnouncement).
  kLateralWide,
  // Played apart (BuildBccOwnSiteLure): the first-contact BCC lure on the
  // attacker's own fresh domain, varied, beside new organisations' Bcc'd
  // announcements linking their own site (BuildBccAnnouncement).
  kBccOwnSite,
  // Played apart (BuildPresentation), scored only: how an impersonator on a
  // look-alike domain presents a correspondent's identity.
  kLookalikePresentation,
  // Played apart (BuildStorageToken), scored only: a known sender links a
  // bucket or account on shared cloud storage, in every URL form the
  // services use, named after a bent brand, a brand with a word, the
  // organisation's own name bent or the sender's own name bent.
  kCloudStorageToken,
  // Played apart (BuildThinLookalike), scored only: the registrable
  // look-alike of a correspondent drawn from the barely established (3-4
  // messages in, one reply, two weeks) and from all established ones, every
  // technique, identity, lure and host form in turn.
  kRegistrableLookalikeThin,
  // Played apart (BuildLateralOtherShape), scored only: the compromised
  // colleague whose lure is not a body link to strangers (an attachment, a
  // thread reply, mixed recipients, a platform linked here, a text ask on
  // a site received here), beside controls of each shape
  // (BuildLateralOtherControl).
  kLateralOther,
  // Played apart (BuildMaskedForm, masked_forms.h), scored only: masked
  // links and new tenants in the forms the families above do not draw,
  // beside controls (BuildMaskedControl) and tenant-less links
  // (BuildUnreadableTenant) counted apart.
  kMaskedForms,
  // Played apart (BuildUndrawnLookalike), scored only: the registrable
  // look-alike of an established correspondent by techniques no other
  // family draws (a letter left out or doubled, a vowel or key changed, a
  // hyphen inside, a word before, a plural, a homoglyph of another script,
  // a new gTLD, the whole domain in front of another), beside controls
  // shaped like them.
  kRegistrableLookalikeUndrawn,
  // Played after each mailbox's own mail (BuildVendorWide, vendor_forms.h), scored only: the
  // vendor compromise widened along the axes of a real vendor relationship
  // (young or old, one-way or two-way, linking many sites or none, a
  // colleague at its domain linking), of the platform (each kind of the
  // catalogue, one received here before, a new tenant of one linked here)
  // and of the lure, beside established vendors' shares of the same shapes.
  kVendorWide,
  // Played apart (BuildLateralFirstMail), scored only: the compromised
  // colleague whose account sent no internal mail before (a dormant
  // account, or one the history has only as a recipient), mailing 15-25
  // colleagues, beside such accounts' own first mails
  // (BuildLateralFirstMailControl).
  kLateralFirstMail,
  kCount
};
// The kinds drawn at random for the injected attacks.
constexpr size_t kRandomKinds = static_cast<size_t>(Kind::kNewTenant);

constexpr const char* kKindNames[] = {
    "vendor compromise, new file-share link",
    "first-contact sender, all BCC",
    "  the same, link on the sender's own domain",
    "thread hijack by a participant",
    "thread hijack by an outsider",
    "masked link from a known sender",
    "image-wrapped link from a known sender",
    "look-alike sender domain (enr0n.com ...)",
    "reply-to diversion, known sender",
    "internal user's name, outside address",
    "compromised colleague, 30 colleagues, file-share",
    "look-alike of a correspondent's domain",
    "look-alike token on cloud storage, known sender",
    "new tenant on a familiar platform, known sender",
    "registrable look-alike of a correspondent",
    "  the same, widened (identity, vendor, lure)",
    "  thread hijack by a participant, varied",
    "  compromised colleague, varied (25-35, hidden)",
    "  thread hijack by a participant, wide",
    "lure only in an attached page or PDF",
    "  internal user's name, to them and colleagues",
    "  lure in a PDF, varied (names, hosts, redirector)",
    "  payment diversion in a thread (IBAN, BIC, ABA)",
    "  payment diversion, account only in the HTML alternative",
    "  compromised colleague, wide (15-25, mixed, 5 links)",
    "  first-contact BCC, lure on its own fresh domain, varied",
    "  look-alike, identity presentations",
    "  cloud storage token, every URL form",
    "  registrable look-alike, barely and all established correspondents",
    "  compromised colleague, other shapes",
    "  masked links and tenants, forms not drawn before",
    "  registrable look-alike, techniques not drawn before",
    "  vendor compromise, widened (relationship, platform, lure)",
    "  compromised colleague, first mail (no sent mail here)",
};
static_assert(std::size(kKindNames) == static_cast<size_t>(Kind::kCount));

// A correspondent as the mailbox has shown it so far.
struct Correspondent {
  std::string address;
  std::string display_name;
  int messages = 0;
  int replies = 0;         // messages the mailbox wrote to it
  int64_t first_seen = 0;  // Date of its first message either way
  std::string partner;     // the internal address it last wrote to
  int linked = 0;          // its messages that carried a link
};

// The latest state of a thread (by normalised subject) seen in the mailbox.
struct ThreadState {
  std::string subject;
  std::vector<std::string> message_ids;  // oldest first, at most kMaxReferences
  std::string to;                        // the To line of the latest message
  Correspondent external;                // its latest external participant
  int messages = 0;
  std::string last_from;               // the From address of the latest message
  std::string quote;                   // the first lines of the latest message's text, to quote
  int64_t last_clock = 0;              // Date of the latest message
  std::set<std::string> parties;       // every From, To and Cc address of its messages
  std::set<std::string> link_domains;  // the private registrable domains it linked
  std::string link_host;               // the host of its latest link off enron.com
};

constexpr size_t kMaxReferences = 8;
constexpr int kEstablished = 5;  // inbound messages that make a sender "known"
// The minimum of "established" the holdout describes: 3 messages in, one
// message out, 14 days of history (CorrespondentsWith()).
constexpr int kThinMessages = 3;
constexpr int64_t kThinHistoryDays = 14;
// A partner organisation (Partners()): its relationship's age in days, the
// mailbox's replies to it, and the messages one of its people sent.
constexpr int kPartnerDays = 60;
constexpr int kPartnerReplies = 2;
constexpr int kPartnerMessages = 2;

// "sally.beck@enron.com" -> "Sally Beck": the name a forger would put on it.
std::string NameFromAddress(const std::string& address) {
  std::string name;
  bool upper = true;
  for (char c : address.substr(0, address.find('@'))) {
    if (c == '.' || c == '_') {
      name.push_back(' ');
      upper = true;
    } else {
      name.push_back(upper ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c);
      upper = false;
    }
  }
  return name;
}

// The names Enron's senders' own mail clients showed, by address: each
// message's X-From ("Jacobs, Ted K" <tjacobs@ou.edu>), which the archive
// keeps apart from a From that carries no name. What an impersonator who
// saw the correspondent's mail copies as its display name, and history
// never saw (the gateway reads From). The first name each address shows.
std::map<std::string, std::string> ArchivedNames(const std::string& mbox) {
  std::map<std::string, std::string> names;
  std::ifstream in(mbox);
  std::string line, from, x_from;
  bool header = false;
  const auto value_of = [&line](size_t prefix) {
    std::string value = line.substr(prefix);
    while (!value.empty() && (value.back() == '\r' || value.back() == ' ')) value.pop_back();
    while (!value.empty() && value.front() == ' ') value.erase(0, 1);
    return value;
  };
  while (std::getline(in, line)) {
    if (line.starts_with("From ")) {
      header = true;
      from.clear();
      x_from.clear();
      continue;
    }
    if (!header) continue;
    if (line.empty() || line == "\r") {
      header = false;
      // 'Davis, Pete </O=ENRON/...>' -> 'Davis, Pete'; a bare address is no name.
      std::string name = x_from.substr(0, x_from.find('<'));
      while (!name.empty() && (name.back() == ' ' || name.back() == '"')) name.pop_back();
      while (!name.empty() && (name.front() == ' ' || name.front() == '"')) name.erase(0, 1);
      const size_t open = from.find('<');
      std::string address = AsciiLowered(
          open == std::string::npos ? from
                                    : from.substr(open + 1, from.find('>', open) - open - 1));
      if (!name.empty() && name.find('@') == std::string::npos && !address.empty() &&
          std::any_of(name.begin(), name.end(), [](char c) { return std::isalpha(c & 0xff); })) {
        names.emplace(std::move(address), std::move(name));
      }
      continue;
    }
    if (line.starts_with("From:")) from = value_of(5);
    if (line.starts_with("X-From:")) x_from = value_of(7);
  }
  return names;
}

// True for a first.last or first_last address ("sally.beck@enron.com"),
// whose NameFromAddress() is the person's name.
bool IsPersonalAddress(const std::string& address) {
  const std::string local = address.substr(0, address.find('@'));
  const size_t dot = local.find_first_of("._");
  if (dot == std::string::npos || dot < 2 || local.size() - dot < 3) return false;
  for (size_t i = 0; i < local.size(); ++i) {
    if (i != dot && !std::isalpha(static_cast<unsigned char>(local[i]))) return false;
  }
  return true;
}

// True when `link`'s host is a public web site, where a hijacker who broke
// into it can put a page: the wide hijack's "compromised site the
// organisation has been sent links to". Not a host without a dot (an
// intranet name, "alhibk1b", that resolves only inside its company); not a
// mailbox provider's own site (the footer a free-mail message carries,
// "www.hotmail.com", "womencentral.msn.com": the provider's servers, not a
// site a small owner neglects); not an IP literal, which in mail received
// is a newsletter's click tracker or a mail server's address that redirects
// or serves a list, not a site whose name the reader knows and trusts.
bool ServesPages(const Link& link) {
  return !link.host_is_ip_literal && link.host.find('.') != std::string::npos &&
         !ShippedMailboxProviders().IsConsumer(link.icann_domain);
}

// What the replay has seen so far, from which attacks borrow real material.
class MailboxState {
 public:
  void Observe(const Message& message, Direction direction, int64_t clock) {
    if (direction == Direction::kInbound) {
      Correspondent& c = senders_[message.from.address];
      c.address = message.from.address;
      if (c.first_seen == 0) c.first_seen = clock;
      if (!message.from.display_name.empty()) c.display_name = message.from.display_name;
      if (++c.messages == kEstablished) established_.push_back(c.address);
      if (!message.links.empty()) ++c.linked;
      for (const Link& link : message.links) {
        if (link.private_domain.empty() || link.private_domain == "enron.com") continue;
        sender_link_domains_[c.address].insert(link.private_domain);
        ReceivedLink& received = received_links_[link.private_domain];
        if (received.messages++ == 0) {
          received.host = link.host;
          received.serves_pages = ServesPages(link);
          received_link_keys_.push_back(link.private_domain);
        }
      }
      for (const MailAddress& a : message.to) {
        if (a.domain != "enron.com") continue;
        c.partner = a.address;
        if (++staff_counts_[a.address] == 10) staff_.push_back(a.address);
      }
    } else {
      for (const MailAddress& a : message.to) {
        if (a.domain == "enron.com") continue;
        Correspondent& c = senders_[a.address];
        c.address = a.address;
        if (c.first_seen == 0) c.first_seen = clock;
        ++c.replies;
      }
      for (const auto* list : {&message.to, &message.cc}) {
        for (const MailAddress& a : *list)
          written_domains_.insert(IcannRegistrableDomain(a.domain));
      }
    }
    if (direction != Direction::kInbound) ObserveColleagues(message);
    if (direction != Direction::kInbound) ObserveOwnLinks(message);
    if (direction != Direction::kInbound && internal_names_.count(message.from.address) == 0) {
      internal_names_[message.from.address] = message.from.display_name.empty()
                                                  ? NameFromAddress(message.from.address)
                                                  : message.from.display_name;
      internal_.push_back(message.from.address);
    }
    const std::string key = NormaliseSubject(message.subject);
    if (key.empty()) return;
    ThreadState& t = threads_[key];
    t.subject = message.subject;
    if (!message.message_id.empty() && t.message_ids.size() < kMaxReferences) {
      t.message_ids.push_back(message.message_id);
    }
    t.to.clear();
    for (const MailAddress& a : message.to) t.to += (t.to.empty() ? "" : ", ") + a.address;
    if (direction == Direction::kInbound) t.external = senders_[message.from.address];
    t.last_from = message.from.address;
    t.quote = message.text_body.substr(0, std::min<size_t>(message.text_body.size(), 240));
    t.last_clock = clock;
    t.parties.insert(message.from.address);
    for (const auto* list : {&message.to, &message.cc}) {
      for (const MailAddress& a : *list) t.parties.insert(a.address);
    }
    for (const Link& link : message.links) {
      t.link_domains.insert(link.private_domain);
      if (!link.private_domain.empty() && link.private_domain != "enron.com" &&
          link.attachment.empty()) {
        t.link_host = link.host;
      }
    }
    if (++t.messages == 2) thread_keys_.push_back(key);
  }

  // Whom a colleague's account writes to, and which accounts have written
  // internal mail (the lateral family's senders). Every local address seen
  // in outbound or internal mail is a colleague.
  void ObserveColleagues(const Message& message) {
    const std::string& sender = message.from.address;
    bool internal = !message.to.empty();
    std::set<std::string>& written = written_to_[sender];
    for (const auto* list : {&message.to, &message.cc}) {
      for (const MailAddress& a : *list) {
        if (a.domain != "enron.com") {
          internal = false;
          continue;
        }
        written.insert(a.address);
        if (colleague_set_.insert(a.address).second) colleagues_.push_back(a.address);
      }
    }
    if (internal && internal_senders_.insert(sender).second)
      internal_sender_list_.push_back(sender);
    if (internal) ++internal_messages_[sender];
    if (internal) {
      const size_t addressed = message.to.size() + message.cc.size();
      size_t& most = most_colleagues_[sender];
      most = std::max(most, addressed);
      colleagues_addressed_[sender] += addressed;
    }
  }

  // The sites the organisation's own mail (outbound or internal) links,
  // by private registrable domain: in how many messages, and one host; and
  // those each account linked (the other-shapes controls' usual sites).
  void ObserveOwnLinks(const Message& message) {
    std::set<std::string> seen;
    for (const Link& link : message.links) {
      if (link.private_domain.empty() || link.private_domain == "enron.com" ||
          !link.attachment.empty() || !seen.insert(link.private_domain).second) {
        continue;
      }
      OwnLink& own = own_links_[link.private_domain];
      if (own.messages++ == 0) {
        own.host = link.host;
        own_link_keys_.push_back(link.private_domain);
      }
      sender_links_[message.from.address][link.private_domain] = link.host;
    }
  }

  // The host of a site the organisation's own mail linked in at least
  // `least` messages, or empty when 200 draws find none.
  std::string OwnLinkedSite(int least, std::mt19937_64* rng) const {
    for (int tries = 0; tries < 200 && !own_link_keys_.empty(); ++tries) {
      const OwnLink& own = own_links_.at(own_link_keys_[(*rng)() % own_link_keys_.size()]);
      if (own.messages >= least) return own.host;
    }
    return "";
  }

  // Whether the organisation's own mail linked `domain` (a private
  // registrable domain) before.
  bool OwnMailLinked(const std::string& domain) const { return own_links_.count(domain) > 0; }

  // A host `sender`'s own mail linked before, or empty when it linked none.
  std::string SenderLinkedSite(const std::string& sender, std::mt19937_64* rng) const {
    const auto found = sender_links_.find(sender);
    if (found == sender_links_.end() || found->second.empty()) return "";
    auto pick = found->second.begin();
    std::advance(pick, (*rng)() % found->second.size());
    return pick->second;
  }

  // Up to `n` outside addresses the organisation wrote to and received
  // mail from (its correspondents), in random order.
  std::vector<std::string> OutsideCorrespondents(size_t n, std::mt19937_64* rng) const {
    std::vector<std::string> pool;
    for (const auto& [address, c] : senders_) {
      if (c.messages >= 1 && c.replies >= 1 && address.find('@') != std::string::npos) {
        pool.push_back(address);
      }
    }
    std::shuffle(pool.begin(), pool.end(), *rng);
    pool.resize(std::min(n, pool.size()));
    return pool;
  }

  // A random thread of two or more messages among colleagues only (every
  // From, To and Cc address local), with `least` parties or more, one of
  // them an account that wrote internal mail (*writer); with a link off
  // enron.com when `linked`. nullptr when 300 draws find none.
  const ThreadState* InternalThread(size_t least, bool linked, std::mt19937_64* rng,
                                    std::string* writer) const {
    for (int tries = 0; tries < 300 && !thread_keys_.empty(); ++tries) {
      const ThreadState& t = threads_.at(thread_keys_[(*rng)() % thread_keys_.size()]);
      if (t.parties.size() < least || t.message_ids.empty() || (linked && t.link_host.empty())) {
        continue;
      }
      const bool local = std::all_of(t.parties.begin(), t.parties.end(), [](const std::string& a) {
        return a.size() > 10 && a.compare(a.size() - 10, 10, "@enron.com") == 0;
      });
      if (!local) continue;
      std::vector<std::string> writers;
      for (const std::string& p : t.parties) {
        if (internal_messages_.count(p) != 0) writers.push_back(p);
      }
      if (writers.empty()) continue;
      *writer = writers[(*rng)() % writers.size()];
      return &t;
    }
    return nullptr;
  }

  // A random established external sender, or nullptr when none yet. Each
  // attack is meant as a separate incident, so senders not yet used by an
  // attack are preferred: a delivered attack teaches history about its sender.
  const Correspondent* EstablishedSender(std::mt19937_64* rng) {
    if (established_.empty()) return nullptr;
    const std::string* pick = nullptr;
    for (int tries = 0; tries < 10; ++tries) {
      pick = &established_[(*rng)() % established_.size()];
      if (attacked_.count(*pick) == 0) break;
    }
    attacked_.insert(*pick);
    return &senders_.at(*pick);
  }

  // The senders attacks have used: the presentations family puts them
  // back after each build, so that it leaves them to the other families.
  const std::set<std::string>& attacked() const { return attacked_; }
  void set_attacked(std::set<std::string> attacked) { attacked_ = std::move(attacked); }

  // A random established external sender, without marking it used: for
  // legitimate mail, which may come from anyone the mailbox knows.
  const Correspondent* KnownSender(std::mt19937_64* rng) const {
    if (established_.empty()) return nullptr;
    return &senders_.at(established_[(*rng)() % established_.size()]);
  }

  // The name `address`'s own mail client showed (ArchivedNames()), which
  // its From never carried; empty when the archive kept none.
  void SetArchivedNames(std::map<std::string, std::string> names) {
    archived_names_ = std::move(names);
  }
  std::string ArchivedName(const std::string& address) const {
    const auto found = archived_names_.find(address);
    return found == archived_names_.end() ? "" : found->second;
  }

  // The external senders that are established at its minimum at `clock`:
  // `min_messages` to `max_messages` messages in, at least one message from
  // the mailbox to them, and their first message kThinHistoryDays or more
  // before. In address order.
  std::vector<const Correspondent*> CorrespondentsWith(int min_messages, int max_messages,
                                                       int64_t clock) const {
    std::vector<const Correspondent*> found;
    for (const auto& [address, c] : senders_) {
      if (c.messages >= min_messages && c.messages <= max_messages && c.replies >= 1 &&
          c.first_seen != 0 && clock - c.first_seen >= kThinHistoryDays * kSecondsPerDay) {
        found.push_back(&c);
      }
    }
    return found;
  }

  // Whether the mailbox has written (To or Cc) to anyone at the registrable
  // domain `registrable`: a vendor it only receives invoices from has not.
  bool WroteToDomain(const std::string& registrable) const {
    return written_domains_.count(registrable) > 0;
  }

  // The multi-tenant platforms whose tenants the mailbox's legitimate mail
  // has linked so far (the new-tenant setup), with those tenants' names.
  void AddTenant(const std::string& platform, const std::string& name) {
    tenants_[platform].insert(name);
  }
  const std::map<std::string, std::set<std::string>>& tenants() const { return tenants_; }
  // The links to partners' shared spaces (the inbound new-tenant setup)
  // delivered to the mailbox, accepted or tagged: what a colleague may pass
  // on (BuildPartnerSpaceControl).
  void AddReceivedSpace(const std::string& platform, const std::string& url) {
    received_spaces_.emplace_back(platform, url);
  }
  const std::vector<std::pair<std::string, std::string>>& received_spaces() const {
    return received_spaces_;
  }

  // A random thread like Thread()'s whose external participant has sent
  // between `min_messages` and `max_messages` messages so far; any such
  // thread when none is found in 200 tries.
  const ThreadState* ThreadBySenderVolume(int min_messages, int max_messages,
                                          std::mt19937_64* rng) const {
    for (int tries = 0; tries < 200 && !thread_keys_.empty(); ++tries) {
      const ThreadState& t = threads_.at(thread_keys_[(*rng)() % thread_keys_.size()]);
      if (t.external.address.empty() || t.message_ids.empty()) continue;
      const int messages = senders_.at(t.external.address).messages;
      if (messages >= min_messages && messages <= max_messages) return &t;
    }
    return Thread(rng);
  }

  // A random thread like Thread()'s that meets as many of `wanted`'s tests
  // as one of 300 draws can (the first best); nullptr when there is none.
  const ThreadState* ThreadMeeting(
      const std::vector<std::function<bool(const ThreadState&)>>& wanted,
      std::mt19937_64* rng) const {
    const ThreadState* best = nullptr;
    size_t best_met = 0;
    for (int tries = 0; tries < 300 && !thread_keys_.empty(); ++tries) {
      const ThreadState& t = threads_.at(thread_keys_[(*rng)() % thread_keys_.size()]);
      if (t.external.address.empty() || t.message_ids.empty()) continue;
      const size_t met =
          std::count_if(wanted.begin(), wanted.end(), [&](const auto& test) { return test(t); });
      if (best == nullptr || met > best_met) best = &t, best_met = met;
      if (met == wanted.size()) break;
    }
    return best;
  }

  // The correspondent `address` as the mailbox has shown it so far.
  const Correspondent& Sender(const std::string& address) const { return senders_.at(address); }

  // The external senders that `fits`, in address order.
  std::vector<const Correspondent*> SendersWhere(
      const std::function<bool(const Correspondent&)>& fits) const {
    std::vector<const Correspondent*> found;
    for (const auto& [address, c] : senders_) {
      if (fits(c)) found.push_back(&c);
    }
    return found;
  }

  // How many sites (private registrable domains, Enron's aside) `address`'s
  // mail linked: a sender's habit of linking, as history counts it.
  size_t LinkedSites(const std::string& address) const {
    const auto found = sender_link_domains_.find(address);
    return found == sender_link_domains_.end() ? 0 : found->second.size();
  }

  // The other senders at the registrable domain of `address` (its
  // colleagues at its organisation), in address order.
  std::vector<const Correspondent*> ColleaguesOf(const std::string& address) const {
    const std::string domain = IcannRegistrableDomain(address.substr(address.find('@') + 1));
    return SendersWhere([&](const Correspondent& c) {
      return c.address != address && c.address.find('@') != std::string::npos &&
             IcannRegistrableDomain(c.address.substr(c.address.find('@') + 1)) == domain;
    });
  }

  // Whether a colleague of `address` (ColleaguesOf) sent mail with a link.
  bool ColleagueLinked(const std::string& address) const {
    for (const Correspondent* c : ColleaguesOf(address)) {
      if (LinkedSites(c->address) > 0) return true;
    }
    return false;
  }

  // The latest thread of two or more messages whose latest external
  // participant is `address`, or nullptr.
  const ThreadState* ThreadOf(const std::string& address) const {
    const ThreadState* latest = nullptr;
    for (const std::string& key : thread_keys_) {
      const ThreadState& t = threads_.at(key);
      if (t.external.address == address && !t.message_ids.empty() &&
          (latest == nullptr || t.last_clock > latest->last_clock)) {
        latest = &t;
      }
    }
    return latest;
  }

  // The host of a web site (ServesPages) the organisation's inbound mail
  // linked in `least` to `most` messages, none in `thread` and none on a
  // party's domain; empty when none is found in 200 draws. The draw takes
  // from `rng` what it took when it also drew hosts that serve no pages: a
  // host that serves none is replaced by drawing on from a copy of `rng`,
  // so that the family's other draws stay as they were.
  std::string ReceivedLinkHost(int least, int most, const ThreadState& thread,
                               std::mt19937_64* rng) const {
    std::set<std::string> parties;
    for (const std::string& p : thread.parties) {
      parties.insert(IcannRegistrableDomain(p.substr(p.find('@') + 1)));
    }
    auto fits = [&](const std::string& domain) {
      const ReceivedLink& link = received_links_.at(domain);
      return link.messages >= least && link.messages <= most &&
             thread.link_domains.count(domain) == 0 &&
             parties.count(IcannRegistrableDomain(domain)) == 0;
    };
    for (int tries = 0; tries < 200 && !received_link_keys_.empty(); ++tries) {
      const std::string& domain = received_link_keys_[(*rng)() % received_link_keys_.size()];
      if (!fits(domain)) continue;
      if (received_links_.at(domain).serves_pages) return received_links_.at(domain).host;
      std::mt19937_64 aside = *rng;
      for (int more = 0; more < 200; ++more) {
        const std::string& other = received_link_keys_[aside() % received_link_keys_.size()];
        if (fits(other) && received_links_.at(other).serves_pages) {
          return received_links_.at(other).host;
        }
      }
      return "";
    }
    return "";
  }

  // A random account that has written internal mail, or nullptr.
  const std::string* InternalSender(std::mt19937_64* rng) const {
    if (internal_sender_list_.empty()) return nullptr;
    return &internal_sender_list_[(*rng)() % internal_sender_list_.size()];
  }

  // Up to `n` colleagues (local addresses seen in mail from the organisation)
  // that `sender` never wrote to, in random order.
  std::vector<std::string> Strangers(const std::string& sender, size_t n,
                                     std::mt19937_64* rng) const {
    const auto written = written_to_.find(sender);
    std::vector<std::string> pool;
    for (const std::string& c : colleagues_) {
      if (c != sender && (written == written_to_.end() || written->second.count(c) == 0)) {
        pool.push_back(c);
      }
    }
    std::shuffle(pool.begin(), pool.end(), *rng);
    pool.resize(std::min(n, pool.size()));
    return pool;
  }

  // A random colleague that has written no internal mail so far, or
  // nullptr when 200 draws find none.
  const std::string* SilentColleague(std::mt19937_64* rng) const {
    for (int tries = 0; tries < 200 && !colleagues_.empty(); ++tries) {
      const std::string& c = colleagues_[(*rng)() % colleagues_.size()];
      if (internal_messages_.count(c) == 0) return &c;
    }
    return nullptr;
  }

  // A random account that has written between `least` and `most` internal
  // messages so far (*messages says how many), or nullptr when 200 draws
  // find none.
  const std::string* InternalSenderByVolume(int least, int most, std::mt19937_64* rng,
                                            int* messages) const {
    for (int tries = 0; tries < 200 && !internal_sender_list_.empty(); ++tries) {
      const std::string& s = internal_sender_list_[(*rng)() % internal_sender_list_.size()];
      *messages = internal_messages_.at(s);
      if (*messages >= least && *messages <= most) return &s;
    }
    return nullptr;
  }

  // A random account whose internal messages address at least `least`
  // colleagues on average (*average, and *most at most), or nullptr when
  // 200 draws find none: an announcer, whose usual reach is wide.
  const std::string* InternalSenderByReach(size_t least, std::mt19937_64* rng, size_t* average,
                                           size_t* most) const {
    for (int tries = 0; tries < 200 && !internal_sender_list_.empty(); ++tries) {
      const std::string& s = internal_sender_list_[(*rng)() % internal_sender_list_.size()];
      const auto found = most_colleagues_.find(s);
      if (found == most_colleagues_.end()) continue;
      *most = found->second;
      *average = colleagues_addressed_.at(s) / static_cast<size_t>(internal_messages_.at(s));
      if (*average >= least) return &s;
    }
    return nullptr;
  }

  // Up to `n` colleagues `sender` has written to, in random order.
  std::vector<std::string> UsualColleagues(const std::string& sender, size_t n,
                                           std::mt19937_64* rng) const {
    const auto written = written_to_.find(sender);
    if (written == written_to_.end()) return {};
    std::vector<std::string> pool;
    for (const std::string& c : written->second) {
      if (c != sender) pool.push_back(c);
    }
    std::shuffle(pool.begin(), pool.end(), *rng);
    pool.resize(std::min(n, pool.size()));
    return pool;
  }

  // The host of a web site (ServesPages) the organisation's inbound mail
  // linked in at least `least` messages, or empty when 200 draws find none.
  std::string ReceivedSite(int least, std::mt19937_64* rng) const {
    for (int tries = 0; tries < 200 && !received_link_keys_.empty(); ++tries) {
      const ReceivedLink& link =
          received_links_.at(received_link_keys_[(*rng)() % received_link_keys_.size()]);
      if (link.messages >= least && link.serves_pages) return link.host;
    }
    return "";
  }

  // The display name the organisation's mail gave `address`.
  std::string InternalName(const std::string& address) const {
    const auto found = internal_names_.find(address);
    return found == internal_names_.end() ? NameFromAddress(address) : found->second;
  }

  // A random thread of two or more messages with an external participant.
  const ThreadState* Thread(std::mt19937_64* rng) const {
    for (int tries = 0; tries < 50 && !thread_keys_.empty(); ++tries) {
      const ThreadState& t = threads_.at(thread_keys_[(*rng)() % thread_keys_.size()]);
      if (!t.external.address.empty() && !t.message_ids.empty()) return &t;
    }
    return nullptr;
  }

  // `n` distinct staff who receive inbound mail regularly (fewer if not known yet).
  std::vector<std::string> Staff(size_t n, std::mt19937_64* rng) const {
    std::vector<std::string> pool = staff_;
    std::shuffle(pool.begin(), pool.end(), *rng);
    pool.resize(std::min(n, pool.size()));
    return pool;
  }

  // True when `address` has sent kEstablished or more inbound messages so far.
  bool IsEstablished(const std::string& address) const {
    auto found = senders_.find(address);
    return found != senders_.end() && found->second.messages >= kEstablished;
  }

  // The people of the external organisations (registrable domains) this
  // mailbox has a long two-way relationship with at `clock`: at least
  // kEstablished messages from the organisation, kPartnerReplies to it, the
  // first kPartnerDays before. A person is one who wrote to the mailbox
  // kPartnerMessages times, never one an attack used. In random order.
  std::map<std::string, std::vector<const Correspondent*>> Partners(int64_t clock,
                                                                    std::mt19937_64* rng) const {
    struct Tally {
      int messages = 0, replies = 0;
      int64_t first_seen = 0;
      std::vector<const Correspondent*> people;
    };
    std::map<std::string, Tally> organisations;
    for (const auto& [address, c] : senders_) {
      const std::string domain = IcannRegistrableDomain(address.substr(address.find('@') + 1));
      if (domain.empty() || domain == "enron.com" || address.find('@') == std::string::npos) {
        continue;
      }
      Tally& tally = organisations[domain];
      tally.messages += c.messages;
      tally.replies += c.replies;
      if (tally.first_seen == 0 || c.first_seen < tally.first_seen) tally.first_seen = c.first_seen;
      if (c.messages >= kPartnerMessages && !c.partner.empty() && attacked_.count(address) == 0) {
        tally.people.push_back(&c);
      }
    }
    std::map<std::string, std::vector<const Correspondent*>> partners;
    for (auto& [domain, tally] : organisations) {
      if (tally.messages < kEstablished || tally.replies < kPartnerReplies ||
          clock - tally.first_seen < kPartnerDays * kSecondsPerDay || tally.people.empty()) {
        continue;
      }
      std::shuffle(tally.people.begin(), tally.people.end(), *rng);
      partners[domain] = tally.people;
    }
    return partners;
  }

  // A random internal user's (address, display name), or nullptr when none.
  const std::pair<const std::string, std::string>* InternalUser(std::mt19937_64* rng) const {
    if (internal_.empty()) return nullptr;
    return &*internal_names_.find(internal_[(*rng)() % internal_.size()]);
  }

 private:
  std::map<std::string, Correspondent> senders_;
  std::map<std::string, std::string> archived_names_;  // SetArchivedNames()
  std::vector<std::string> established_;
  // Link domains of inbound mail: in how many messages, and one host.
  struct ReceivedLink {
    int messages = 0;
    std::string host;           // as first linked
    bool serves_pages = false;  // ServesPages(), of that first link
  };
  std::map<std::string, ReceivedLink> received_links_;
  std::vector<std::string> received_link_keys_;  // in order of first appearance
  std::set<std::string> attacked_;               // senders an attack has used
  std::set<std::string> written_domains_;        // registrable domains the mailbox wrote to
  std::map<std::string, int> staff_counts_;
  std::vector<std::string> staff_;
  std::map<std::string, std::string> internal_names_;
  std::vector<std::string> internal_;
  std::map<std::string, ThreadState> threads_;
  std::vector<std::string> thread_keys_;
  std::map<std::string, std::set<std::string>> tenants_;
  std::vector<std::pair<std::string, std::string>> received_spaces_;
  std::map<std::string, std::set<std::string>> written_to_;  // colleagues each account wrote to
  std::set<std::string> colleague_set_;
  std::vector<std::string> colleagues_;  // in order of first appearance
  std::set<std::string> internal_senders_;
  std::vector<std::string> internal_sender_list_;
  std::map<std::string, int> internal_messages_;  // internal messages each account wrote
  struct OwnLink {
    int messages = 0;
    std::string host;  // as first linked
  };
  std::map<std::string, OwnLink> own_links_;  // ObserveOwnLinks()
  std::vector<std::string> own_link_keys_;    // in order of first appearance
  // Each account's linked sites: private registrable domain -> a host.
  std::map<std::string, std::map<std::string, std::string>> sender_links_;
  // The sites each external sender linked (LinkedSites()).
  std::map<std::string, std::set<std::string>> sender_link_domains_;
  // The most colleagues (To and Cc) each account addressed in one internal
  // message, and their sum over its internal messages.
  std::map<std::string, size_t> most_colleagues_;
  std::map<std::string, size_t> colleagues_addressed_;
};

// One attack (or one legitimate setup message) ready to score.
struct Attack {
  Kind kind = Kind::kVendorFileshare;
  Direction direction = Direction::kInbound;  // a colleague's account sends outbound
  std::string raw;
  std::vector<std::string> rcpt_to;
  std::string summary;  // for --show-missed
  // How a family played apart built it ("S3 path-style", "digit, no link"),
  // each dimension one entry, for the per-variant counts.
  std::vector<std::string> variants;
  // Legitimate mail learned before the attack, each at its own Date: the
  // thread a hijack answers, when the family wrote one.
  struct Prelude {
    std::string raw;
    Direction direction = Direction::kInbound;
    int64_t clock = 0;
    std::vector<std::string> rcpt_to;
  };
  std::vector<Prelude> prelude;
};

// Whether a message the evaluation plays is learned after it is scored.
enum class Learning {
  kLearned,     // as replay would: delivered mail becomes history
  kScoredOnly,  // a family added later, kept from changing the others' history
};

constexpr std::array<std::string_view, 12> kWords = {
    "statement", "invoice", "secure", "docs",  "portal",   "billing",
    "share",     "files",   "review", "remit", "accounts", "transfer"};

// A first-seen page on a file-sharing or hosting platform.
// A valid US routing number from one draw: "0", seven digits of `draw`
// and the ABA check digit, as a real bank's routing number has (a
// fraudster names a real bank; an invalid number would be refused).
std::string RoutingNumber(uint64_t draw) {
  const std::string first8 = "0" + std::to_string(1000000 + draw % 8999999);
  return first8 + RoutingCheckDigit(first8);
}

// How a payment instruction writes the account.
enum class PaymentStyle { kRouting, kIbanGrouped, kIbanCompact, kSwift, kCount };
constexpr const char* kPaymentStyleNames[] = {"US routing and account", "IBAN in groups of four",
                                              "IBAN written whole", "SWIFT/BIC and account"};

// A bank and account written as `style` says, all drawn from `rng`:
// "First Coastal Bank, routing 0..., account ..." (the two draws the
// original lures made), an IBAN of a German, British or Dutch bank with
// its check digits, or a SWIFT code and an account number.
std::string BankDetails(PaymentStyle style, std::mt19937_64* rng) {
  switch (style) {
    case PaymentStyle::kRouting:
    case PaymentStyle::kCount: {
      const std::string routing = RoutingNumber((*rng)());
      return "First Coastal Bank, routing " + routing + ", account " +
             std::to_string(100000000 + (*rng)() % 899999999);
    }
    case PaymentStyle::kIbanGrouped:
    case PaymentStyle::kIbanCompact: {
      static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kBanks = {
          {{"DE", "Commerzbank"}, {"GB", "NatWest"}, {"NL", "ABN AMRO"}}};
      const auto& bank = Pick(kBanks, rng);
      std::string bban;
      if (bank.first == "DE") bban = "37040044";  // bank code, then 10 digits
      if (bank.first == "GB") bban = "NWBK" + std::to_string(600000 + (*rng)() % 99999);
      if (bank.first == "NL") bban = "ABNA";  // then 10 digits
      bban += std::to_string(1000000000 + (*rng)() % 8999999999);
      if (bank.first == "GB") bban.resize(18);
      const std::string iban = std::string(bank.first) + IbanCheckDigits(bank.first, bban) + bban;
      std::string written;
      for (size_t i = 0; i < iban.size(); ++i) {
        if (style == PaymentStyle::kIbanGrouped && i > 0 && i % 4 == 0) written += ' ';
        written += iban[i];
      }
      return std::string(bank.second) + ", IBAN " + written;
    }
    case PaymentStyle::kSwift: {
      static constexpr std::array<std::string_view, 4> kBics = {"CHASUS33", "BOFAUS3N",
                                                                "CITIUS33XXX", "NWBKGB2L"};
      const std::string bic(Pick(kBics, rng));
      return "SWIFT " + bic + ", account no. " + std::to_string(1000000000 + (*rng)() % 8999999999);
    }
  }
  return {};
}

// --transfer-platforms catalogue, set by Main before any draw: the lures
// of FileshareUrl and the platforms of the adoption and campaign scenarios
// are drawn from the transfer services, one-click hosts, cloud drives and
// portals of data/fileshare_domains.txt that the default draw leaves out.
bool catalogue_transfers = false;

std::string CatalogueFileshareUrl(std::mt19937_64* rng) {
  const std::string word(Pick(kWords, rng));
  switch ((*rng)() % 10) {
    case 0:
      return "https://www.swisstransfer.com/d/" + Hex(rng, 8) + "-" + Hex(rng, 4) + "-" +
             Hex(rng, 12);
    case 1:
      return "https://www.transfernow.net/dl/" + Hex(rng, 14);
    case 2:
      return "https://gofile.io/d/" + Hex(rng, 6);
    case 3:
      return "https://pixeldrain.com/u/" + Hex(rng, 8);
    case 4:
      return "https://disk.yandex.com/d/" + Hex(rng, 14);
    case 5:
      return "https://www.terabox.com/s/1" + Hex(rng, 22);
    case 6:
      return "https://" + word + "-" + Hex(rng, 4) + ".egnyte.com/fl/" + Hex(rng, 10);
    case 7:
      return "https://" + word + "-" + Hex(rng, 4) + ".my.site.com/s/";
    case 8:
      return "https://cdn.discordapp.com/attachments/" + Hex(rng, 18) + "/" + Hex(rng, 18) +
             "/statement.html";
    default:
      return "https://indd.adobe.com/view/" + Hex(rng, 8) + "-" + Hex(rng, 4) + "-" + Hex(rng, 12);
  }
}

std::string FileshareUrl(std::mt19937_64* rng) {
  if (catalogue_transfers) return CatalogueFileshareUrl(rng);
  const std::string word(Pick(kWords, rng));
  switch ((*rng)() % 9) {
    case 0:
      return "https://pub-" + Hex(rng, 32) + ".r2.dev/offline.html";
    case 1:
      return "https://" + word + "-" + Hex(rng, 6) + ".s3.amazonaws.com/index.html";
    case 2:
      return "https://" + word + Hex(rng, 4) + "-my.sharepoint.com/:b:/g/personal/ap/E" +
             Hex(rng, 20);
    case 3:
      return "https://docs.google.com/document/d/1" + Hex(rng, 30) + "/edit";
    case 4:
      return "https://" + word + "-" + Hex(rng, 5) + ".workers.dev/";
    case 5:
      return "https://" + word + "-" + Hex(rng, 5) + ".pages.dev/view";
    case 6:
      return "https://" + word + "-" + Hex(rng, 5) + ".web.app/";
    case 7:
      return "https://ipfs.io/ipfs/bafybei" + Hex(rng, 40) + "?filename=doc.html";
    default:
      return "https://" + word + "-" + Hex(rng, 4) + ".myclickfunnels.com/statement";
  }
}

// A first-seen domain of no platform: the phisher's own.
std::string NewDomainUrl(std::mt19937_64* rng) {
  return "https://" + std::string(Pick(kWords, rng)) + "-" + Hex(rng, 4) + "-online.com/login";
}

constexpr std::array<std::string_view, 6> kGenericText = {
    "View Document", "View Statement", "Open", "Click here", "Review Document", "Download PDF"};
constexpr std::array<std::string_view, 4> kPlainText = {"November statement", "the revised figures",
                                                        "Proposal Document", "our shared folder"};

std::string Anchor(const std::string& url, std::mt19937_64* rng) {
  const std::string_view text = (*rng)() % 2 ? Pick(kGenericText, rng) : Pick(kPlainText, rng);
  return "<a href=\"" + url + "\">" + std::string(text) + "</a>";
}

// Where mail came from, as a gateway's Received header shows it and the
// Enron archives do not keep (issue 14 item 5): every archived message is
// given the network its sender's organisation sends from
// (GatewayOrigin()), and the identity presentations and their controls a
// Received header of theirs (BuildPresentation()). Of the messages the
// families make, only theirs carry one: the other families' attacks and
// controls have no origin, as before, so that no other line moves.

// A stable 64-bit hash (FNV-1a) of `text`, so that the same name always
// draws the same network.
uint64_t StableHash(std::string_view text) {
  uint64_t hash = 1469598103934665603ULL;
  for (char c : text) hash = (hash ^ static_cast<unsigned char>(c)) * 1099511628211ULL;
  return hash;
}

// An address in the /24 network named by `name` (any text: a domain, a
// provider), host `host`.
std::string NetworkAddress(std::string_view name, int host) {
  const uint64_t hash = StableHash(name);
  return fmt::format("{}.{}.{}.{}", 11 + hash % 200, (hash >> 8) % 256, (hash >> 16) % 256, host);
}

// The mail providers many organisations have their mail hosted by, and the
// bulk senders many send some of their mail through: networks shared by
// unrelated domains.
constexpr std::array<std::string_view, 3> kSharedHosts = {"shared host a", "shared host b",
                                                          "shared host c"};
constexpr std::array<std::string_view, 3> kBulkSenders = {"bulk sender a", "bulk sender b",
                                                          "bulk sender c"};

// The shared host an organisation's mail is hosted by (one in four
// organisations), or "" when it runs its own mail servers.
std::string_view SharedHostOf(std::string_view registrable) {
  const uint64_t hash = StableHash(registrable);
  return hash % 4 == 0 ? kSharedHosts[(hash >> 4) % kSharedHosts.size()] : std::string_view();
}

// The bulk sender an organisation sends some of its mail through.
std::string_view BulkSenderOf(std::string_view registrable) {
  return kBulkSenders[(StableHash(registrable) >> 12) % kBulkSenders.size()];
}

// The network an organisation (`registrable`, not a consumer provider)
// sends from: its shared host's (SharedHostOf()) or its own.
std::string OrganisationServers(const std::string& registrable) {
  const std::string_view host = SharedHostOf(registrable);
  return NetworkAddress(host.empty() ? std::string_view(registrable) : host, 25);
}

// The network the organisation of `address` sends its mail from: the
// organisation's (Enron's, for enron.com and its other domains: Enron's mail
// system carried enron.net as well) or a consumer provider's own servers,
// its shared host's (SharedHostOf()), or for one address in five of an
// organisation with its own servers its bulk sender's (BulkSenderOf()),
// each address always the same one.
std::string GatewayOrigin(std::string_view address) {
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos) return "";
  const std::string registrable = IcannRegistrableDomain(AsciiLowered(address.substr(at + 1)));
  if (registrable.empty()) return "";
  if (registrable.substr(0, registrable.find('.')) == "enron") {
    return NetworkAddress("enron.com", 25);
  }
  if (ShippedMailboxProviders().IsConsumer(registrable)) return NetworkAddress(registrable, 25);
  if (SharedHostOf(registrable).empty() && StableHash(AsciiLowered(address)) % 5 == 0) {
    return NetworkAddress(BulkSenderOf(registrable), 25);
  }
  return OrganisationServers(registrable);
}

// The Received header the gateway writes for mail from `ip`.
std::string ReceivedFrom(const std::string& ip, int64_t clock) {
  return "Received: from relay ([" + ip + "])\n\tby mx.enron.com (Postfix) with ESMTP; " +
         DateHeader(clock) + "\n";
}

// The To line of `addresses`: "a@x.com, b@y.com".
std::string AddressLine(const std::vector<std::string>& addresses) {
  std::string line;
  for (const std::string& address : addresses) line += (line.empty() ? "" : ", ") + address;
  return line;
}

std::string Named(const std::string& name, const std::string& address) {
  return name.empty() ? address : "\"" + name + "\" <" + address + ">";
}

bool IsReply(const std::string& subject) {
  return subject.size() >= 3 && strncasecmp(subject.c_str(), "re:", 3) == 0;
}

// How a message's one body part is written.
enum class BodyFormat { kHtml, kPlainText };

// One single-part message as the attacks and scenarios send it; `extra`
// holds further header lines, each ending in a newline. An HTML `body` is
// the inside of <body>.
std::string RawMessage(const std::string& id, int64_t clock, const std::string& from,
                       const std::string& to, const std::string& subject, const std::string& extra,
                       BodyFormat format, const std::string& body) {
  const bool html = format == BodyFormat::kHtml;
  return "Message-ID: <" + id + "@mail.invalid>\nDate: " + DateHeader(clock) + "\nFrom: " + from +
         "\nTo: " + to + "\nSubject: " + subject + "\n" + extra +
         "Mime-Version: 1.0\nContent-Type: text/" + (html ? "html" : "plain") +
         "; charset=us-ascii\n\n" + (html ? "<html><body>" + body + "</body></html>" : body) + "\n";
}

std::string RawMessage(const std::string& id, int64_t clock, const std::string& from,
                       const std::string& to, const std::string& subject, const std::string& extra,
                       const std::string& html) {
  return RawMessage(id, clock, from, to, subject, extra, BodyFormat::kHtml, html);
}

// `data` in base64, in lines of 76 characters, each ending in a newline.
std::string Base64Lines(std::string_view data) {
  static constexpr char kAlphabet[] =
      "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789+/";
  std::string out;
  for (size_t i = 0; i < data.size(); i += 3) {
    uint32_t group = static_cast<unsigned char>(data[i]) << 16;
    if (i + 1 < data.size()) group |= static_cast<unsigned char>(data[i + 1]) << 8;
    if (i + 2 < data.size()) group |= static_cast<unsigned char>(data[i + 2]);
    for (size_t k = 0; k < 4; ++k) {
      out.push_back(i + k <= data.size() ? kAlphabet[(group >> (18 - 6 * k)) & 63] : '=');
    }
    if ((i / 3 + 1) % 19 == 0) out.push_back('\n');
  }
  if (out.empty() || out.back() != '\n') out.push_back('\n');
  return out;
}

// A PDF 1.5 file whose one object, `object`, is packed in a Flate-compressed
// object stream, as most PDF generators now write annotations.
std::string ObjectStreamPdf(const std::string& object) {
  const std::string packed = "2 0 " + object;
  uLongf size = compressBound(packed.size());
  std::string deflated(size, '\0');
  compress(reinterpret_cast<Bytef*>(deflated.data()), &size,
           reinterpret_cast<const Bytef*>(packed.data()), packed.size());
  deflated.resize(size);
  return "%PDF-1.5\n1 0 obj\n<< /Type /ObjStm /N 1 /First 4 /Filter /FlateDecode /Length " +
         std::to_string(size) + " >>\nstream\n" + deflated + "\nendstream\nendobj\n%%EOF\n";
}

// Where a PDF holds its link annotation's URI action.
enum class PdfLayout {
  kPlain,         // a PDF 1.4 object, readable as written
  kObjectStream,  // in a Flate object stream (ObjectStreamPdf)
};

// A one-page PDF whose only link opens `url`.
std::string PdfLinking(const std::string& url, PdfLayout layout) {
  if (layout == PdfLayout::kObjectStream) {
    return ObjectStreamPdf("<< /Type /Annot /Subtype /Link /A << /S /URI /URI (" + url + ") >> >>");
  }
  return "%PDF-1.4\n1 0 obj\n<< /Type /Annot /Subtype /Link /Rect [72 600 300 630] " +
         std::string("/A << /S /URI /URI (") + url + ") >> >>\nendobj\n%%EOF\n";
}

// A multipart/mixed message: the plain-text `note`, then `content`
// attached in base64 as `filename` of `content_type`.
std::string MessageWithAttachment(const std::string& id, int64_t clock, const std::string& from,
                                  const std::string& to, const std::string& subject,
                                  const std::string& note, const std::string& content_type,
                                  const std::string& filename, const std::string& content) {
  return "Message-ID: <" + id + "@mail.invalid>\nDate: " + DateHeader(clock) + "\nFrom: " + from +
         "\nTo: " + to + "\nSubject: " + subject +
         "\nMime-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"=_lure\"\n\n"
         "--=_lure\nContent-Type: text/plain; charset=us-ascii\n\n" +
         note + "\n--=_lure\nContent-Type: " + content_type + "; name=\"" + filename +
         "\"\nContent-Disposition: attachment; filename=\"" + filename +
         "\"\nContent-Transfer-Encoding: base64\n\n" + Base64Lines(content) + "--=_lure--\n";
}

// The multi-tenant platforms of the new-tenant family, each tenant owned by
// whoever opened it, in every form their links take: {t} is the tenant
// (the bucket, site, account or project), {f} a file. Where the tenant is a
// path segment (S3 and GCS path-style, Firebase Storage, Google Sites) it
// names the owner as a subdomain would.
struct TenantForm {
  std::string_view platform;
  std::string_view form;
  std::string_view pattern;
};
constexpr std::array<TenantForm, 38> kTenantForms = {{
    {"SharePoint", "SharePoint site", "https://{t}.sharepoint.com/sites/Shared/Documents/{f}.pdf"},
    {"SharePoint", "OneDrive for Business", "https://{t}-my.sharepoint.com/personal/ap/{f}.pdf"},
    {"Box", "Box enterprise (x.app.box.com)", "https://{t}.app.box.com/s/{f}"},
    {"Box", "Box enterprise (x.box.com)", "https://{t}.box.com/s/{f}"},
    {"S3", "S3 host-style", "https://{t}.s3.amazonaws.com/{f}.html"},
    {"S3", "S3 host-style, region", "https://{t}.s3.us-west-2.amazonaws.com/{f}.html"},
    {"S3", "S3 host-style, s3-region", "https://{t}.s3-us-west-2.amazonaws.com/{f}.html"},
    {"S3", "S3 path-style", "https://s3.amazonaws.com/{t}/{f}.html"},
    {"S3", "S3 path-style, region", "https://s3.us-east-2.amazonaws.com/{t}/{f}.html"},
    {"GCS", "GCS path-style", "https://storage.googleapis.com/{t}/{f}.html"},
    {"GCS", "GCS host-style", "https://{t}.storage.googleapis.com/{f}.html"},
    {"Azure Blob", "Azure Blob", "https://{t}.blob.core.windows.net/docs/{f}.html"},
    {"Firebase", "Firebase (firebaseapp.com)", "https://{t}.firebaseapp.com/{f}.html"},
    {"Firebase", "Firebase (web.app)", "https://{t}.web.app/{f}.html"},
    {"Firebase", "Firebase Storage",
     "https://firebasestorage.googleapis.com/v0/b/{t}.appspot.com/o/{f}.html?alt=media"},
    {"Netlify", "Netlify", "https://{t}.netlify.app/{f}.html"},
    {"Vercel", "Vercel", "https://{t}.vercel.app/{f}"},
    {"GitHub Pages", "GitHub Pages", "https://{t}.github.io/{f}/"},
    {"r2.dev", "Cloudflare r2.dev", "https://{t}.r2.dev/{f}.html"},
    {"workers.dev", "Cloudflare workers.dev", "https://{f}.{t}.workers.dev/"},
    {"pages.dev", "Cloudflare pages.dev", "https://{t}.pages.dev/{f}"},
    {"Google Sites", "Google Sites", "https://sites.google.com/view/{t}/{f}"},
    // The platforms of data/tenant_platforms.txt the default draw leaves
    // out (--tenant-platforms catalogue): enterprise file sharing, customer
    // portals, forms and site builders, a customer a subdomain each.
    {"Egnyte", "Egnyte", "https://{t}.egnyte.com/fl/{f}"},
    {"ShareFile", "ShareFile", "https://{t}.sharefile.com/d-s{f}"},
    {"ShareFile", "ShareFile (EU)", "https://{t}.sharefile.eu/d-s{f}"},
    {"Files.com", "Files.com", "https://{t}.files.com/f/{f}"},
    {"Files.com", "BrickFTP", "https://{t}.brickftp.com/f/{f}"},
    {"Kiteworks", "Kiteworks", "https://{t}.kiteworks.com/w/{f}"},
    {"Kiteworks", "Accellion", "https://{t}.accellion.net/w/{f}"},
    {"SmartFile", "SmartFile", "https://{t}.smartfile.com/link/{f}"},
    {"Salesforce", "Salesforce Experience Cloud", "https://{t}.my.site.com/s/{f}"},
    {"Salesforce", "Salesforce site (force.com)", "https://{t}.secure.force.com/{f}"},
    {"Power Pages", "Power Pages", "https://{t}.powerappsportals.com/{f}/"},
    {"Typeform", "Typeform", "https://{t}.typeform.com/to/{f}"},
    {"Webflow", "Webflow", "https://{t}.webflow.io/{f}"},
    {"Notion", "Notion site", "https://{t}.notion.site/{f}"},
    {"WordPress.com", "WordPress.com", "https://{t}.wordpress.com/{f}/"},
    {"Weebly", "Weebly", "https://{t}.weebly.com/{f}.html"},
}};
constexpr std::array<std::string_view, 13> kTenantPlatforms = {
    "SharePoint", "Box",          "S3",     "GCS",         "Azure Blob", "Firebase",    "Netlify",
    "Vercel",     "GitHub Pages", "r2.dev", "workers.dev", "pages.dev",  "Google Sites"};
constexpr std::array<std::string_view, 12> kCatalogueTenantPlatforms = {
    "Egnyte",      "ShareFile", "Files.com", "Kiteworks", "SmartFile",     "Salesforce",
    "Power Pages", "Typeform",  "Webflow",   "Notion",    "WordPress.com", "Weebly"};
constexpr size_t kTenantPlatformsPerMailbox = 5;
constexpr size_t kTenantSetupPerPlatform = 3;  // one from staff, two from correspondents
constexpr int kTenantAttacksPerMailbox = 10;
constexpr int kRegistrableLookalikesPerMailbox = 14;  // two of each technique
constexpr int kVariedAttacksPerMailbox = 5;           // of each varied kind
constexpr int kWideHijacksPerMailbox = 18;            // two of each lure
constexpr int kAttachmentLuresPerMailbox = 16;        // two of each sender and attachment
constexpr int kNamedAndColleaguesPerMailbox = 5;
constexpr int kDocumentLuresPerMailbox = 16;            // two of each sender and link
constexpr int kDocumentControlsPerMailbox = 8;          // legitimate PDFs, counted apart
constexpr int kLateralWidePerMailbox = 15;              // three of each link
constexpr int kAnnouncementsPerMailbox = 10;            // legitimate, two of each kind
constexpr int kPortalAnnouncementsPerMailbox = 6;       // legitimate, three of each reach
constexpr int kTextAskLateralPerMailbox = 3;            // lateral lures asking in the text only
constexpr int kTextAskControlsPerMailbox = 6;           // legitimate, two of each variant
constexpr int kSignatureControlsPerMailbox = 6;         // legitimate, two of each variant
constexpr int kToolSharesPerMailbox = 6;                // legitimate, three of each audience
constexpr int kPartnerSpacesPerMailbox = 4;             // legitimate, two of each audience
constexpr int kLateralOtherPerMailbox = 10;             // two of each shape
constexpr int kLateralOtherControlsPerMailbox = 8;      // legitimate, two of each shape
constexpr int kLateralFirstMailPerMailbox = 6;          // two of each link
constexpr int kLateralFirstMailControlsPerMailbox = 4;  // legitimate, two of each kind
constexpr int kMaskedFormsPerMailbox = 11;              // each masked form once, tenants four
constexpr int kMaskedControlsPerMailbox = 8;            // legitimate, two of each shape
constexpr int kUnreadableTenantsPerMailbox = 2;         // counted apart
constexpr int kBccOwnSiteLuresPerMailbox = 6;           // one of each lure text
constexpr int kBccAnnouncementsPerMailbox = 6;          // legitimate, counted apart
// Mailings sent one reader at a time (play_split): lures, announcements
// and newsletters each, and the issues of each newsletter.
constexpr size_t kSplitMailingsPerMailbox = 3;
// The own-site BCC lures to one reader alone (play_split): one of each text.
constexpr size_t kOneReaderLuresPerMailbox = 6;
constexpr int kNewsletterIssues = 4;
// The payment-diversion family: each of the four styles as a change and
// as a first, with and without a Reply-To, once per mailbox (16); and its
// legitimate control, a vendor naming its usual account in every invoice.
constexpr int kPaymentDiversionsPerMailbox = 16;
constexpr int kRepeatInvoicesPerMailbox = 5;
constexpr std::array<std::string_view, 3> kNamedAndColleaguesProviders = {"gmail.com",
                                                                          "outlook.com", "aol.com"};
constexpr int kWideLookalikesPerMailbox = 22;  // two of each technique
// Widened look-alikes whose display name is spelled from a first.last
// correspondent's address (BuildWideLookalike(spelled_name)), with a
// generator of their own.
constexpr int kSpelledNameLookalikesPerMailbox = 6;
// Widened look-alikes reusing the identity in one of the forms a reader
// still recognises (BuildWideLookalike(reused_form), kReusedForms), two of
// each, with a generator of their own.
constexpr int kReusedFormLookalikesPerMailbox = 12;
// The look-alike identity presentations (BuildPresentation), two of each
// form, and their legitimate controls, four of each.
constexpr int kPresentationsPerMailbox = 30;
constexpr int kPresentationControlsPerMailbox = 12;
// Look-alike names on shared cloud storage in every URL form
// (BuildStorageToken), and their legitimate controls of the same forms.
constexpr int kStorageTokensPerMailbox = 24;
constexpr int kStorageControlsPerMailbox = 12;
// The thin-history registrable look-alikes (BuildThinLookalike): half of a
// barely established correspondent, half of any established one; and their
// controls, the same correspondents' second domains.
constexpr int kThinLookalikesPerMailbox = 40;
constexpr int kThinControlsPerMailbox = 12;
// The registrable look-alikes by techniques not drawn before
// (BuildUndrawnLookalike): each technique once per mailbox, and their
// controls, two of each kind.
constexpr int kUndrawnLookalikesPerMailbox = 11;
constexpr int kUndrawnControlsPerMailbox = 12;
// The widened vendor family (BuildVendorWide): six draws for each
// relationship, and four controls of each kind.
constexpr size_t kVendorWidePerMailbox = 30;
constexpr size_t kVendorControlsPerMailbox = 12;
constexpr size_t kSuppliersPerMailbox = 3;  // invoicing receive-only vendors
constexpr int kInvoicesPerSupplier = 6;

// Builds attacks of each kind from a MailboxState, which it marks used.
class AttackBuilder {
 public:
  AttackBuilder(MailboxState* state, std::mt19937_64* rng) : state_(state), rng_(rng) {}

  // Fills *out with an attack of `kind` sent at `clock`; false when the
  // mailbox has not shown enough yet for this kind.
  bool Build(Kind kind, int64_t clock, int serial, Attack* out) {
    out->kind = kind;
    // A colleague's account sends from inside: the gateway sees it outbound.
    out->direction = kind == Kind::kLateralFileshare || kind == Kind::kLateralVaried
                         ? Direction::kOutbound
                         : Direction::kInbound;
    const std::vector<std::string> staff = state_->Staff(1 + (*rng_)() % 3, rng_);
    if (staff.empty()) return false;
    std::string to = AddressLine(staff);
    out->rcpt_to = staff;
    std::string from, subject, html, extra;
    BodyFormat format = BodyFormat::kHtml;
    switch (kind) {
      case Kind::kVendorFileshare: {
        const Correspondent* vendor = state_->EstablishedSender(rng_);
        if (vendor == nullptr) return false;
        from = Named(vendor->display_name, vendor->address);
        subject = "New Approved Statement From " + Organisation(vendor->address);
        html = "<p>Please find the approved statement attached below.</p><p>" +
               Anchor(FileshareUrl(rng_), rng_) + "</p>";
        break;
      }
      case Kind::kFirstContactBcc:
      case Kind::kFirstContactBccOwnDomain: {
        std::string address, domain;
        from = FirstContact(&address, &domain);
        out->rcpt_to = state_->Staff(3 + (*rng_)() % 4, rng_);
        if (out->rcpt_to.size() < 3) return false;  // "several staff at once"
        to = (*rng_)() % 2 ? "undisclosed-recipients:;" : address;
        subject = "Proposal Document";
        const std::string url = kind == Kind::kFirstContactBccOwnDomain
                                    ? "https://www." + domain + "/proposals/" + Hex(rng_, 6)
                                : (*rng_)() % 2 ? FileshareUrl(rng_)
                                                : NewDomainUrl(rng_);
        html = "<p>Please review the proposal before our call.</p><p><a href=\"" + url +
               "\">Proposal Document</a></p>";
        break;
      }
      case Kind::kThreadHijackParticipant:
      case Kind::kThreadHijackOutsider: {
        const ThreadState* thread = state_->Thread(rng_);
        if (thread == nullptr) return false;
        to = thread->to.empty() ? to : thread->to;
        subject = "RE: " + thread->subject;
        if (kind == Kind::kThreadHijackParticipant) {
          from = Named(thread->external.display_name, thread->external.address);
          std::string references;
          for (const std::string& id : thread->message_ids) references += " <" + id + ">";
          extra =
              "In-Reply-To: <" + thread->message_ids.back() + ">\nReferences:" + references + "\n";
        } else {
          const std::string name = thread->external.display_name.empty()
                                       ? NameFromAddress(thread->external.address)
                                       : thread->external.display_name;
          from = Named(name, "accounts@" + Organisation(thread->external.address) + "-billing.com");
        }
        html = "<p>Agreed. The updated figures are here: " +
               Anchor((*rng_)() % 2 ? FileshareUrl(rng_) : NewDomainUrl(rng_), rng_) + "</p>";
        break;
      }
      case Kind::kMaskedLink: {
        const Correspondent* vendor = state_->EstablishedSender(rng_);
        if (vendor == nullptr) return false;
        from = Named(vendor->display_name, vendor->address);
        subject = "Revised invoice";
        const std::string shown = "https://www." + Domain(vendor->address) + "/invoices";
        html = "<p>The revised invoice is at <a href=\"" + NewDomainUrl(rng_) + "\">" + shown +
               "</a></p>";
        break;
      }
      case Kind::kImageLink: {
        const Correspondent* vendor = state_->EstablishedSender(rng_);
        if (vendor == nullptr) return false;
        from = Named(vendor->display_name, vendor->address);
        subject = "Statement available";
        const std::string url = (*rng_)() % 2 ? FileshareUrl(rng_) : NewDomainUrl(rng_);
        html = "<p><a href=\"" + url + "\"><img src=\"cid:button.png\" alt=\"\"></a></p>";
        break;
      }
      case Kind::kLookalikeSender: {
        const auto* user = state_->InternalUser(rng_);
        if (user == nullptr) return false;
        from = Named(user->second, user->first.substr(0, user->first.find('@')) + "@" +
                                       std::string(Pick(kLookalikes, rng_)));
        subject = "Updated wire instructions";
        html = "<p>Please use the account details in " + Anchor(FileshareUrl(rng_), rng_) +
               " for Friday's payment.</p>";
        break;
      }
      case Kind::kReplyToDiversion: {
        const Correspondent* vendor = state_->EstablishedSender(rng_);
        if (vendor == nullptr) return false;
        from = Named(vendor->display_name, vendor->address);
        subject = "Change of remittance details";
        extra = "Reply-To: " + vendor->address.substr(0, vendor->address.find('@')) + "@" +
                Organisation(vendor->address) + "-remit.net\n";
        html =
            "<p>Our bank details have changed; please confirm by reply before the next "
            "payment run. " +
            Anchor(NewDomainUrl(rng_), rng_) + "</p>";
        break;
      }
      case Kind::kDisplayNameImpersonation: {
        const auto* user = state_->InternalUser(rng_);
        if (user == nullptr) return false;
        from = Named(user->second, Hex(rng_, 3) + "exec.office@yahoo.com");
        subject = "Quick favour";
        html = "<p>Are you at your desk? I need you to look at this before my meeting: " +
               Anchor(FileshareUrl(rng_), rng_) + "</p>";
        break;
      }
      case Kind::kLateralFileshare: {
        // A colleague's account taken over: it mails thirty colleagues at
        // once a "please sign" link to a page no one inside has received.
        const auto* user = state_->InternalUser(rng_);
        if (user == nullptr) return false;
        out->rcpt_to = state_->Staff(30, rng_);
        std::erase(out->rcpt_to, user->first);
        if (out->rcpt_to.size() < 10) return false;
        from = Named(user->second, user->first);
        to = AddressLine(out->rcpt_to);
        subject = std::string(Pick(kLateralSubjects, rng_));
        html = "<p>Please review and sign before end of day.</p><p>" +
               Anchor(FileshareUrl(rng_), rng_) + "</p>";
        break;
      }
      case Kind::kLookalikeCorrespondent: {
        const Correspondent* vendor = state_->EstablishedSender(rng_);
        if (vendor == nullptr) return false;
        // The attacker registered the domain and hosts its page there: no
        // file-share platform gives it away.
        const std::string local = vendor->address.substr(0, vendor->address.find('@'));
        const std::string domain = LookalikeOf(Domain(vendor->address));
        from = Named(vendor->display_name, local + "@" + domain);
        subject = "Updated remittance details";
        html = "<p>Our bank details changed; the new instructions are in " +
               Anchor("https://www." + domain + "/remittance/" + Hex(rng_, 6), rng_) + "</p>";
        break;
      }
      case Kind::kCloudLookalikeToken: {
        const Correspondent* vendor = state_->EstablishedSender(rng_);
        if (vendor == nullptr) return false;
        from = Named(vendor->display_name, vendor->address);
        subject = "Shared document";
        html = "<p>I shared a document with you: " + Anchor(CloudTokenUrl(), rng_) + "</p>";
        break;
      }
      case Kind::kNewTenant: {
        // A known correspondent links a tenant no one here has linked, on a
        // platform whose other tenants this organisation's mail links.
        // Senders are drawn without marking them used, so that the other
        // kinds draw the same with or without this family; one sender
        // serves one incident of it.
        const auto& tenants = state_->tenants();
        const Correspondent* vendor = UnusedKnownSender();
        if (tenants.empty() || vendor == nullptr) return false;
        auto platform = tenants.begin();
        std::advance(platform, (*rng_)() % tenants.size());
        std::string name, form, url;
        while (name.empty() || platform->second.count(name) > 0) {
          name = NewTenantName(*vendor);
          url = TenantLink(platform->first, &name, &form);
        }
        out->variants = {form};
        const Lure& lure = Pick(kTenantLures, rng_);
        from = Named(vendor->display_name, vendor->address);
        subject = std::string(lure.subject);
        std::string link;
        switch ((*rng_)() % 3) {
          case 0:
            link = "<a href=\"" + url + "\">" + url + "</a>";
            break;
          case 1:
            link = Anchor(url, rng_);
            break;
          default:
            link = "<a href=\"" + url +
                   "\" style=\"background:#0b5cad;color:#fff;padding:8px 16px\">Open shared "
                   "file</a>";
        }
        html = "<p>Hello,</p><p>" + std::string(lure.body) + " " + link + "</p><p>Thanks,<br>" +
               (vendor->display_name.empty() ? NameFromAddress(vendor->address)
                                             : vendor->display_name) +
               "</p>";
        break;
      }
      case Kind::kHijackVaried:
        if (!BuildHijackVaried(&from, &to, &subject, &extra, &format, &html)) return false;
        break;
      case Kind::kLateralVaried:
        if (!BuildLateralVaried(&from, &to, &subject, &format, &html, &out->rcpt_to)) return false;
        break;
      case Kind::kNamedAndColleagues: {
        // The named user is among the readers, so their own name cannot
        // deceive them, but it may deceive the colleagues beside them.
        const auto* user = state_->InternalUser(rng_);
        if (user == nullptr) return false;
        out->rcpt_to = {user->first};
        for (const std::string& s : state_->Staff(2 + (*rng_)() % 3, rng_)) {
          if (s != user->first) out->rcpt_to.push_back(s);
        }
        if (out->rcpt_to.size() < 2) return false;
        to = AddressLine(out->rcpt_to);
        from = Named(user->second, "m." + Hex(rng_, 4) + "@" +
                                       std::string(Pick(kNamedAndColleaguesProviders, rng_)));
        subject = "Sign-off needed today";
        html = "<p>Team, I need each of you to approve the revised budget before noon: " +
               Anchor(FileshareUrl(rng_), rng_) + "</p><p>Sent from my phone</p>";
        break;
      }
      case Kind::kRegistrableLookalike:         // BuildRegistrableLookalike()
      case Kind::kRegistrableLookalikeWide:     // BuildWideLookalike()
      case Kind::kHijackWide:                   // BuildHijackWide()
      case Kind::kAttachmentLure:               // BuildAttachmentLure()
      case Kind::kDocumentLure:                 // BuildDocumentLure()
      case Kind::kPaymentDiversion:             // BuildPaymentDiversion()
      case Kind::kPaymentDiversionAlternative:  // BuildPaymentDiversionAlternative()
      case Kind::kLateralWide:                  // BuildLateralWide()
      case Kind::kBccOwnSite:                   // BuildBccOwnSiteLure()
      case Kind::kLookalikePresentation:        // BuildPresentation()
      case Kind::kCloudStorageToken:            // BuildStorageToken()
      case Kind::kRegistrableLookalikeThin:     // BuildThinLookalike()
      case Kind::kLateralOther:                 // BuildLateralOtherShape()
      case Kind::kMaskedForms:                  // BuildMaskedForm()
      case Kind::kRegistrableLookalikeUndrawn:  // BuildUndrawnLookalike()
      case Kind::kVendorWide:                   // BuildVendorWide()
      case Kind::kLateralFirstMail:             // BuildLateralFirstMail()
      case Kind::kCount:
        return false;
    }
    out->raw = RawMessage("attack." + std::to_string(serial) + "." + Hex(rng_, 8), clock, from, to,
                          subject, extra, format, html);
    out->summary = fmt::format("{} | From: {} | Subject: {}", kKindNames[static_cast<size_t>(kind)],
                               from, subject);
    return true;
  }

  // A legitimate message that links a tenant of `platform`: staff linking
  // the organisation's own tenant to a correspondent (outbound) when
  // `outbound`, else a known correspondent linking its own organisation's
  // (named after it).
  // Records the tenant in the mailbox's state; false when the mailbox has
  // no correspondent or colleague yet.
  bool BuildTenantSetup(const std::string& platform, bool outbound, int64_t clock, int serial,
                        Attack* out) {
    const Correspondent* partner = state_->KnownSender(rng_);
    if (partner == nullptr) return false;
    std::string from, to, subject, html, name, form, url;
    if (outbound) {
      const auto* user = state_->InternalUser(rng_);
      if (user == nullptr) return false;
      name = (*rng_)() % 2 ? "enron" : "enron-" + std::string(Pick(kWords, rng_));
      url = TenantLink(platform, &name, &form);
      from = Named(user->second, user->first);
      to = partner->address;
      out->direction = Direction::kOutbound;
      subject = "Documents for " + Organisation(partner->address);
      html = "<p>I have posted the documents on our site: <a href=\"" + url + "\">" + url +
             "</a></p><p>Regards</p>";
    } else {
      // An organisation's own tenant bears its name; at a consumer mailbox
      // provider the person's own bears the person's name.
      const std::string registrable = IcannRegistrableDomain(Domain(partner->address));
      name = ShippedMailboxProviders().IsConsumer(registrable)
                 ? partner->address.substr(0, partner->address.find('@'))
                 : registrable.substr(0, registrable.find('.'));
      url = TenantLink(platform, &name, &form);
      from = Named(partner->display_name, partner->address);
      to = partner->partner.empty() ? state_->Staff(1, rng_).front() : partner->partner;
      out->direction = Direction::kInbound;
      subject = "Files from " + name;
      html = "<p>As promised, the files are on our shared space: <a href=\"" + url + "\">" + url +
             "</a></p>";
    }
    if (to.empty()) return false;
    state_->AddTenant(platform, name);
    out->kind = Kind::kNewTenant;
    out->rcpt_to = {to};
    out->variants = {form, url};
    out->raw = RawMessage("tenant-setup." + std::to_string(serial) + "." + Hex(rng_, 8), clock,
                          from, to, subject, "", html);
    out->summary = fmt::format("tenant setup | From: {} | {} ({})", from, name, form);
    return true;
  }

  // An attack of the registrable look-alike family (issue 14): a known
  // correspondent at an organisation's own (not a mailbox provider's)
  // domain is impersonated from a new registrable domain made from its
  // domain by `technique` (an index into kRegistrableTechniques; the next
  // one that applies is used), keeping its host label half the time
  // ("mail.acmecorp.com" -> "mail.acmecrop.com"), reusing its local part or
  // its display name, with a link to the new domain or with none at all (a
  // change of bank details). Fills out->variants with each dimension.
  bool BuildRegistrableLookalike(size_t technique, int64_t clock, int serial, Attack* out) {
    const Correspondent* vendor = nullptr;
    std::string registrable;
    for (int tries = 0; tries < 20; ++tries) {
      vendor = UnusedKnownSender();
      if (vendor == nullptr) return false;
      registrable = IcannRegistrableDomain(Domain(vendor->address));
      if (registrable.find('.') != std::string::npos && registrable != "enron.com" &&
          !ShippedMailboxProviders().IsConsumer(registrable)) {
        break;
      }
      vendor = nullptr;
    }
    if (vendor == nullptr) return false;
    const std::string stem = registrable.substr(0, registrable.find('.'));
    const std::string suffix = registrable.substr(registrable.find('.'));
    std::string lookalike;
    size_t used = 0;
    for (size_t i = 0; i < kRegistrableTechniques.size() && lookalike.empty(); ++i) {
      used = (technique + i) % kRegistrableTechniques.size();
      lookalike = RegistrableLookalike(used, stem, suffix);
    }
    if (lookalike.empty()) return false;
    bool has_subdomain = false, keep_host = false;
    const std::string sender_domain = LookalikeSenderHost(Domain(vendor->address), registrable,
                                                          lookalike, &has_subdomain, &keep_host);
    const bool by_name = !vendor->display_name.empty() && (*rng_)() % 2 == 0;
    const std::string local = by_name ? std::string(Pick(kFinanceMailboxes, rng_))
                                      : vendor->address.substr(0, vendor->address.find('@'));
    const std::string name =
        vendor->display_name.empty() ? NameFromAddress(vendor->address) : vendor->display_name;
    const bool with_link = (*rng_)() % 2 == 0;
    const std::vector<std::string> staff = state_->Staff(1 + (*rng_)() % 2, rng_);
    if (staff.empty()) return false;
    std::string to = AddressLine(staff);
    const std::string from = Named(vendor->display_name, local + "@" + sender_domain);
    std::string html =
        "<p>Hello,</p><p>We have changed banks; please update our remittance details before the "
        "next payment run.";
    if (with_link) {
      html += " The new instructions are on our portal: " +
              Anchor("https://www." + lookalike + "/remittance/" + Hex(rng_, 6), rng_);
    } else {
      html += " New bank: " + BankDetails(PaymentStyle::kRouting, rng_) +
              ". Please confirm by reply once it is done.";
    }
    html += "</p><p>Thanks,<br>" + name + "</p>";
    out->kind = Kind::kRegistrableLookalike;
    out->direction = Direction::kInbound;
    out->rcpt_to = staff;
    out->raw = RawMessage("lookalike." + std::to_string(serial) + "." + Hex(rng_, 8), clock, from,
                          to, std::string(Pick(kBankSubjects, rng_)), "", html);
    out->variants = {
        "technique: " + std::string(kRegistrableTechniques[used]),
        by_name ? "identity: display name" : "identity: local part",
        with_link ? "link: to the new domain" : "link: none",
        SenderHostVariant(has_subdomain, keep_host),
        NameLengthVariant(stem),
        suffix.find('.', 1) != std::string::npos ? "suffix: two labels (.co.uk ...)"
        : suffix.size() == 3                     ? "suffix: country code"
                                                 : "suffix: generic (" + suffix + ")",
    };
    out->summary =
        fmt::format("{} | From: {} | for {} | {}", kKindNames[static_cast<size_t>(out->kind)], from,
                    vendor->address, out->variants[0]);
    return true;
  }

  // The techniques BuildThinLookalike() takes in turn: the holdout's
  // description's (kRegistrableTechniques' indices, the added word one of
  // kThinWords).
  static constexpr std::array<size_t, 5> kThinTechniques = {0, 1, 2, 3, 5};
  static constexpr std::array<std::string_view, 3> kThinLures = {
      "a link to the new domain (an invoice)", "a bank change with the new account",
      "a bank change, the account to follow by reply"};
  static constexpr std::array<std::string_view, 4> kThinWords = {"billing", "secure", "payments",
                                                                 "accounts"};
  static constexpr std::array<std::string_view, 4> kThinIdentities = {
      "local part, the display name history saw (mostly none)",
      "local part and the person's name",
      "display name, a finance local part",
      "display name, another person's local part",
  };

  // An attack of the thin-history registrable look-alike family: what the
  // holdout's description draws, from a correspondent established at the
  // minimum (`barely`: 3 or 4 messages in, one from the mailbox, 14 days;
  // else any with 3 or more) at an organisation's own domain. The `index`th
  // takes kThinTechniques and kThinIdentities in turn; the link (or a bank
  // change without one) and the host label kept or dropped are drawn. With
  // `control`, the legitimate mail shaped like it: the correspondent's
  // organisation from its second domain (another suffix), a newcomer or its
  // office writing as itself from its own servers.
  bool BuildThinLookalike(size_t index, bool barely, bool control, int64_t clock, int serial,
                          Attack* out) {
    const Correspondent* vendor = OrganisationCorrespondent(
        kThinMessages, barely ? kEstablished - 1 : std::numeric_limits<int>::max(), control, clock);
    if (vendor == nullptr) return false;
    const std::string registrable = IcannRegistrableDomain(Domain(vendor->address));
    const std::string stem = registrable.substr(0, registrable.find('.'));
    const std::string suffix = registrable.substr(registrable.find('.'));
    std::string lookalike;
    size_t used = 0;
    for (size_t i = 0; !control && i < kThinTechniques.size() && lookalike.empty(); ++i) {
      used = (index / 2 + i) % kThinTechniques.size();
      lookalike = kThinTechniques[used] == 3
                      ? stem + "-" + std::string(Pick(kThinWords, rng_)) + suffix
                      : RegistrableLookalike(kThinTechniques[used], stem, suffix);
    }
    if (control) lookalike = stem + OtherSuffix(suffix);
    if (lookalike.empty()) return false;
    bool has_subdomain = false, keep_host = false;
    const std::string sender_domain = LookalikeSenderHost(Domain(vendor->address), registrable,
                                                          lookalike, &has_subdomain, &keep_host);
    const std::string vendor_local = vendor->address.substr(0, vendor->address.find('@'));
    const std::string archived = state_->ArchivedName(vendor->address);
    const std::string name = NameAsSeen(*vendor);
    const std::string name_source = !archived.empty()               ? "its client's (X-From)"
                                    : !vendor->display_name.empty() ? "history's"
                                                                    : "spelled from the address";
    const size_t identity = (index / 2 / kThinTechniques.size()) % kThinIdentities.size();
    std::string local = vendor_local;
    std::string shown_name;
    if (control) {
      const std::string newcomer(Pick(kNewcomers, rng_));
      const std::vector<std::string> parts = NameWords(newcomer);
      const bool office = index % 2 == 1;
      local =
          office ? std::string(Pick(kFinanceMailboxes, rng_)) : parts.front() + "." + parts.back();
      shown_name = office ? "" : newcomer;
    } else if (identity == 0) {
      shown_name = vendor->display_name;  // as history shows it (mostly none)
    } else if (identity == 1) {
      shown_name = name;
    } else if (identity == 2) {
      local = std::string(Pick(kFinanceMailboxes, rng_));
      shown_name = name;
    } else {
      local = OtherConvention(name, vendor_local);
      shown_name = name;
    }
    // The lure: a link to the new domain, a bank change with the new
    // account, or one asking for a reply before it names any.
    const size_t lure = control ? 0 : (*rng_)() % kThinLures.size();
    const std::vector<std::string> staff = state_->Staff(1 + (*rng_)() % 2, rng_);
    if (staff.empty()) return false;
    const std::string to = AddressLine(staff);
    const std::string from = Named(shown_name, local + "@" + sender_domain);
    std::string html = "<p>Hello,</p><p>";
    if (control) {
      html += kStatementText;
    } else if (lure == 0) {
      // No bank words beside the link: the page asks, not the message.
      html += "Please find this month's invoice and statement on our portal: " +
              Anchor("https://www." + lookalike + "/invoice/" + Hex(rng_, 6), rng_);
    } else if (lure == 1) {
      html +=
          "We have changed banks; please update our remittance details before the next "
          "payment run. New bank: " +
          BankDetails(PaymentStyle::kRouting, rng_) + ". Please confirm by reply once it is done.";
    } else {
      html +=
          "We have changed banks and our remittance details will change before the next "
          "payment run. Please reply with the name of the person who updates supplier details, "
          "and we will send the new account to them.";
    }
    html += "</p><p>Thanks,<br>" + (shown_name.empty() ? name : shown_name) + "</p>";
    const std::string id = std::string(control ? "thin-control." : "thin-lookalike.") +
                           std::to_string(serial) + "." + Hex(rng_, 8);
    const std::string subject =
        control ? "Quarterly statement" : std::string(Pick(kBankSubjects, rng_));
    out->raw = control ? ReceivedFrom(OrganisationServers(registrable), clock) +
                             RawWithPdf(id, clock, from, to, subject, html)
                       : RawMessage(id, clock, from, to, subject, "", html);
    out->kind = Kind::kRegistrableLookalikeThin;
    out->direction = Direction::kInbound;
    out->rcpt_to = staff;
    const std::string established = vendor->messages < kEstablished ? "barely (3-4 in)" : "5+ in";
    if (control) {
      out->variants = {std::string(index % 2 ? "its office" : "a newcomer") +
                       " from its second domain, " + established};
    } else {
      out->variants = {
          "correspondent: " + established,
          barely ? "drawn: barely established" : "drawn: all established",
          "technique: " + std::string(kThinTechniques[used] == 3
                                          ? "added -word"
                                          : kRegistrableTechniques[kThinTechniques[used]]),
          "identity: " + std::string(kThinIdentities[identity]),
          "name shown: " + (shown_name.empty() ? std::string("none") : name_source),
          "local part: " + (IsPersonalAddress(local + "@x") ? std::string("first.last")
                            : identity == 2                 ? std::string("finance")
                                                            : std::string("other")),
          "lure: " + std::string(kThinLures[lure]),
          SenderHostVariant(has_subdomain, keep_host),
          NameLengthVariant(stem),
      };
    }
    out->summary =
        fmt::format("{} | From: {} | for {} ({} in, {} out) | {}",
                    control ? "thin-history control" : "thin-history look-alike", from,
                    vendor->address, vendor->messages, vendor->replies, out->variants[0]);
    return true;
  }

  // A business thread for a hijack to answer, written as a client that keeps
  // References writes it (Enron's archive keeps none, so each of its own
  // threads is one message in history): a known correspondent writes to the
  // colleague it writes to, copying the other parties (people of other
  // organisations it knows of, and colleagues) up to `parties` addresses;
  // the colleague answers, then each other outside party, every message
  // citing the thread and the last sent at `last`. Fills *thread as the
  // mailbox saw it and *prelude with the messages to learn; false when the
  // mailbox knows too few people yet.
  bool WriteThread(size_t parties, int64_t last, int serial, ThreadState* thread,
                   std::vector<Attack::Prelude>* prelude) {
    static constexpr std::array<std::string_view, 5> kTopics = {
        "Revised terms for the gas supply agreement", "Capacity nominations for next month",
        "Draft confidentiality agreement", "Site visit next week", "Q3 invoice reconciliation"};
    const Correspondent* participant = state_->KnownSender(rng_);
    if (participant == nullptr || participant->partner.empty()) return false;
    const std::string registrable = IcannRegistrableDomain(Domain(participant->address));
    std::vector<std::string> others, outside;
    for (int tries = 0; tries < 20 && 2 + others.size() < parties; ++tries) {
      if (tries % 2 == 0) {
        const Correspondent* other = state_->KnownSender(rng_);
        if (other == nullptr || IcannRegistrableDomain(Domain(other->address)) == registrable ||
            std::find(others.begin(), others.end(), other->address) != others.end()) {
          continue;
        }
        others.push_back(other->address);
        outside.push_back(other->address);
      } else {
        const std::vector<std::string> staff = state_->Staff(1, rng_);
        if (staff.empty() || staff[0] == participant->partner ||
            std::find(others.begin(), others.end(), staff[0]) != others.end()) {
          continue;
        }
        others.push_back(staff[0]);
      }
    }
    if (2 + others.size() < parties) return false;
    thread->subject = std::string(Pick(kTopics, rng_));
    thread->external = *participant;
    thread->parties = {participant->address, participant->partner};
    thread->parties.insert(others.begin(), others.end());
    std::vector<std::string> senders = {participant->address, participant->partner};
    senders.insert(senders.end(), outside.begin(), outside.end());
    const int64_t start = last - static_cast<int64_t>(senders.size() - 1) * 3 * 3600;
    for (size_t i = 0; i < senders.size(); ++i) {
      const std::string& sender = senders[i];
      std::string to, extra;
      std::vector<std::string> rcpt_to;
      for (const std::string& party : thread->parties) {
        if (party == sender) continue;
        to += (to.empty() ? "" : ", ") + party;
        // What the gateway delivers: our people on inbound mail, everyone else on ours.
        if (party.ends_with("@enron.com") != sender.ends_with("@enron.com")) {
          rcpt_to.push_back(party);
        }
      }
      if (!thread->message_ids.empty()) extra = ReplyHeaders(*thread);
      const std::string id = "thread." + std::to_string(serial) + "." + std::to_string(i) + "." +
                             Hex(rng_, 8) + "@mail.invalid";
      const std::string text =
          i == 0 ? "Hello,\n\nPlease see my comments on " + thread->subject +
                       " below and let me know if you agree by Friday.\n\nRegards\n"
                 : "Thanks, that works for us. We will confirm the numbers on our side.\n";
      const int64_t at = start + static_cast<int64_t>(i) * 3 * 3600;
      std::string raw =
          RawMessage(id.substr(0, id.find('@')), at, sender, to,
                     (i == 0 ? "" : "RE: ") + thread->subject, extra, BodyFormat::kPlainText, text);
      prelude->push_back(
          {std::move(raw),
           sender.ends_with("@enron.com") ? Direction::kOutbound : Direction::kInbound, at,
           rcpt_to});
      thread->message_ids.push_back(id);
      thread->last_from = sender;
      thread->quote = text;
      thread->last_clock = at;
      ++thread->messages;
    }
    return true;
  }

  // An attack of the wide participant-hijack family: a participant's
  // compromised mailbox answers a real thread, citing its Message-IDs and
  // quoting it, with the lure `lure_kind` (an index into kWideLures; the
  // link on a domain new here, on one received here elsewhere or often, a
  // file-share page or form, behind an open redirector or a shortener; no
  // link but new bank details, with or without a Reply-To at a mailbox
  // provider, written as `payment_style` says; the link in an attached
  // HTML page). The thread is drawn to
  // vary its parties (2, 3-4, 5+), the time since its last message, the
  // participant's volume and whether it linked before; out->variants holds
  // what was drawn, measured on the thread, not what was asked for.
  bool BuildHijackWide(size_t lure_kind, int64_t clock, int serial, Attack* out,
                       PaymentStyle payment_style = PaymentStyle::kRouting) {
    static constexpr std::array<std::pair<int, int>, 3> kVolumes = {
        {{1, 4}, {5, 19}, {20, std::numeric_limits<int>::max()}}};
    static constexpr std::array<std::pair<size_t, size_t>, 3> kParties = {
        {{2, 2}, {3, 4}, {5, std::numeric_limits<size_t>::max()}}};
    static constexpr std::array<std::pair<int64_t, int64_t>, 4> kDelays = {
        {{0, kSecondsPerDay},
         {kSecondsPerDay, 7 * kSecondsPerDay},
         {7 * kSecondsPerDay, 30 * kSecondsPerDay},
         {30 * kSecondsPerDay, std::numeric_limits<int64_t>::max()}}};
    const auto volume = Pick(kVolumes, rng_);
    const auto parties = Pick(kParties, rng_);
    const auto delay = Pick(kDelays, rng_);
    const bool linked = (*rng_)() % 2 == 0;
    ThreadState written;
    const bool write_thread = (*rng_)() % 3 == 0;
    const int64_t silence =
        delay.first +
        static_cast<int64_t>(
            (*rng_)() %
            static_cast<uint64_t>(std::min(delay.second, 90 * kSecondsPerDay) - delay.first));
    const ThreadState* thread =
        write_thread && WriteThread(parties.first + (*rng_)() % 2, clock - silence, serial,
                                    &written, &out->prelude)
            ? &written
            : nullptr;
    if (thread == nullptr)
      thread = state_->ThreadMeeting(
          {[&](const ThreadState& t) {
             const int messages = state_->Sender(t.external.address).messages;
             return messages >= volume.first && messages <= volume.second;
           },
           [&](const ThreadState& t) {
             return t.parties.size() >= parties.first && t.parties.size() <= parties.second;
           },
           [&](const ThreadState& t) {
             return clock - t.last_clock >= delay.first && clock - t.last_clock < delay.second;
           },
           [&](const ThreadState& t) {
             return (state_->Sender(t.external.address).linked > 0) == linked;
           }},
          rng_);
    if (thread == nullptr) return false;
    const Correspondent& participant = state_->Sender(thread->external.address);
    std::string to;
    std::vector<std::string> rcpt_to;
    for (const std::string& party : thread->parties) {
      if (party == participant.address || party.empty()) continue;
      if (party.ends_with("@enron.com")) rcpt_to.push_back(party);
      to += (to.empty() ? "" : ", ") + party;
    }
    if (rcpt_to.empty()) return false;
    const std::string from = Named(participant.display_name, participant.address);
    const std::string subject = ((*rng_)() % 2 ? "RE: " : "Re: ") + thread->subject;
    std::string extra = ReplyHeaders(*thread);
    BodyFormat format = (*rng_)() % 2 ? BodyFormat::kHtml : BodyFormat::kPlainText;
    const std::string lure(Pick(kHijackLures, rng_));
    std::string link_variant(kWideLures[lure_kind % kWideLures.size()]);
    std::string url, lead, attachment, form;
    switch (lure_kind % kWideLures.size()) {
      case 1:
      case 2: {
        const bool common = lure_kind % kWideLures.size() == 2;
        const std::string host = state_->ReceivedLinkHost(
            common ? 20 : 1, common ? std::numeric_limits<int>::max() : 19, *thread, rng_);
        if (host.empty()) {
          url = NewDomainUrl(rng_);
          link_variant = kWideLures[0];
        } else {
          // A compromised site the organisation has been sent links to.
          url = "https://" + host + "/wp-content/uploads/" + Hex(rng_, 4) + "/" +
                std::string(Pick(kWords, rng_)) + ".html";
        }
        break;
      }
      case 3:
        url = WideShareUrl(&form);
        break;
      case 4: {
        std::string target = NewDomainUrl(rng_);
        std::string encoded;
        for (char c : target) encoded += c == ':' ? "%3A" : c == '/' ? "%2F" : std::string(1, c);
        url = "https://www.google.com/url?q=" + encoded + "&sa=D&usg=AOvVaw" + Hex(rng_, 12);
        break;
      }
      case 5:
        url = (*rng_)() % 2
                  ? "https://bit.ly/3" + Hex(rng_, 6)
                  : "https://tinyurl.com/" + std::string(Pick(kWords, rng_)) + "-" + Hex(rng_, 4);
        break;
      case 6:
      case 7: {
        lead =
            "Before you process the payment, please note that our bank details have changed. "
            "Kindly remit to " +
            BankDetails(payment_style, rng_) + ", and confirm by return once it is done.";
        if (lure_kind % kWideLures.size() == 7) {
          const std::string local = participant.address.substr(0, participant.address.find('@'));
          extra += "Reply-To: " +
                   Named(participant.display_name,
                         local + "." + Hex(rng_, 3) + "@" + std::string(Pick(kFreemail, rng_))) +
                   "\n";
          lead += " I am travelling, so please answer to my personal address.";
        }
        break;
      }
      case 8:
        url = (*rng_)() % 2 ? NewDomainUrl(rng_) : WideShareUrl(&form);
        attachment = "<html><body><p>Loading document...</p><p><a href=\"" + url +
                     "\">Open document</a></p></body></html>";
        lead = "Please see the attached remittance advice.";
        format = BodyFormat::kPlainText;
        break;
      default:
        url = NewDomainUrl(rng_);
    }
    if (lead.empty()) lead = lure + " " + LinkIn(format, url);
    const std::string body = QuotingReply(*thread, format, lead);
    const std::string id = "hijack." + std::to_string(serial) + "." + Hex(rng_, 8);
    if (attachment.empty()) {
      out->raw = RawMessage(id, clock, from, to, subject, extra, format, body);
    } else {
      const std::string boundary = "b" + Hex(rng_, 16);
      out->raw =
          "Message-ID: <" + id + "@mail.invalid>\nDate: " + DateHeader(clock) + "\nFrom: " + from +
          "\nTo: " + to + "\nSubject: " + subject + "\n" + extra +
          "Mime-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"" + boundary + "\"\n\n--" +
          boundary + "\nContent-Type: text/plain; charset=us-ascii\n\n" + body + "\n--" + boundary +
          "\nContent-Type: text/html; charset=us-ascii; name=\"Remittance_" + Hex(rng_, 4) +
          ".html\"\nContent-Disposition: attachment\n\n" + attachment + "\n--" + boundary + "--\n";
    }
    out->kind = Kind::kHijackWide;
    out->direction = Direction::kInbound;
    out->rcpt_to = rcpt_to;
    const int64_t since = clock - thread->last_clock;
    const int messages = participant.messages;
    out->variants = {
        link_variant,
        thread == &written
            ? "thread: written with References (" + std::to_string(thread->messages) + " messages)"
            : "thread: the mailbox's own (no References)",
        thread->parties.size() <= 2   ? "parties: 2"
        : thread->parties.size() <= 4 ? "parties: 3-4"
                                      : "parties: 5 or more",
        since < kSecondsPerDay        ? "after the thread: under a day"
        : since < 7 * kSecondsPerDay  ? "after the thread: 1-7 days"
        : since < 30 * kSecondsPerDay ? "after the thread: 1-4 weeks"
                                      : "after the thread: over 4 weeks",
        messages <= 4    ? "participant: 1-4 messages"
        : messages <= 19 ? "participant: 5-19 messages"
                         : "participant: 20+ messages",
        participant.linked > 0 ? "participant: has linked before" : "participant: never linked",
        format == BodyFormat::kHtml ? "body: HTML" : "body: plain text",
    };
    if (!form.empty()) out->variants.push_back("file-share: " + form);
    out->summary =
        fmt::format("{} | From: {} | Subject: {} | {}", kKindNames[static_cast<size_t>(out->kind)],
                    from, subject, link_variant);
    return true;
  }

  static constexpr std::array<std::string_view, 9> kWideLures = {
      "link: domain new here",
      "link: domain received here elsewhere (1-19 messages)",
      "link: domain common here (20+ messages)",
      "link: file-share page or form",
      "link: open redirector (google.com/url) to a new domain",
      "link: URL shortener (bit.ly, tinyurl)",
      "no link: new bank details",
      "no link: new bank details, Reply-To a mailbox provider",
      "link in an attached HTML page"};

  static constexpr std::array<std::string_view, 7> kRegistrableTechniques = {
      "transposition", "digit for a letter", "confusable letters (rn, vv, cl)", "hyphenated word",
      "added word",    "other TLD",          "typo, word and other TLD"};

  // The From header of an attachment lure's sender in *from and its variant
  // in *sender: a first contact for even `index`, an established
  // correspondent (a compromised vendor) for odd. False when the mailbox
  // has no established correspondent yet.
  bool LureSender(size_t index, std::string* from, std::string* sender) {
    if (index % 2 == 1) {
      // Not marked used (EstablishedSender), so that the random kinds draw
      // their vendors as they did before this family.
      const Correspondent* vendor = state_->KnownSender(rng_);
      if (vendor == nullptr) return false;
      *from = Named(vendor->display_name, vendor->address);
      *sender = "sender: known vendor";
    } else {
      std::string address, domain;
      *from = FirstContact(&address, &domain);
      *sender = "sender: first contact";
    }
    return true;
  }

  // An attack whose body is a short note with no link, and whose lure is
  // in an attachment: a sign-in page posting a form, a page that sends the
  // browser on by itself (refresh or script), or a PDF with a link (written
  // plainly or, as most PDF generators now write it, in a compressed object
  // stream). From a first contact, or from an established correspondent
  // (a compromised vendor) for odd `index`; the attachment's kind in turn.
  bool BuildAttachmentLure(size_t index, int64_t clock, int serial, Attack* out) {
    out->kind = Kind::kAttachmentLure;
    out->direction = Direction::kInbound;
    out->rcpt_to = state_->Staff(1 + (*rng_)() % 3, rng_);
    if (out->rcpt_to.empty()) return false;
    std::string to = AddressLine(out->rcpt_to);
    std::string from, sender;
    if (!LureSender(index, &from, &sender)) return false;
    const std::string word(Pick(kWords, rng_));
    const std::string url = (*rng_)() % 2 ? FileshareUrl(rng_) : NewDomainUrl(rng_);
    std::string document, filename, content_type, content;
    switch ((index / 2) % 4) {
      case 0:
        document = "page: sign-in form";
        filename = word + "_" + Hex(rng_, 4) + ".html";
        content_type = (*rng_)() % 2 ? "text/html" : "application/octet-stream";
        content = "<html><body><h3>Sign in to view the " + word + "</h3><form method=\"post\" " +
                  "action=\"" + url + "\"><input name=\"email\"><input type=\"password\" " +
                  "name=\"pass\"><button>View</button></form></body></html>";
        break;
      case 1:
        document = "page: redirect";
        if ((*rng_)() % 2) {
          filename = word + ".htm";
          content_type = "application/octet-stream";
          content = "<html><head><meta http-equiv=\"refresh\" content=\"0; url=" + url +
                    "\"></head><body>Loading...</body></html>";
        } else {
          filename = word + ".svg";
          content_type = "image/svg+xml";
          content = "<svg xmlns=\"http://www.w3.org/2000/svg\"><script>window.location.href = \"" +
                    url + "\";</script></svg>";
        }
        break;
      case 2:
        document = "PDF: link";
        filename = word + "-" + Hex(rng_, 6) + ".pdf";
        content_type = "application/pdf";
        content = PdfLinking(url, PdfLayout::kPlain);
        break;
      default:
        document = "PDF: link in an object stream";
        filename = word + "-" + Hex(rng_, 6) + ".pdf";
        content_type = "application/pdf";
        content = PdfLinking(url, PdfLayout::kObjectStream);
        break;
    }
    const std::string subject = "Your " + word + " document";
    out->raw = MessageWithAttachment(
        "attachment-lure." + std::to_string(serial) + "." + Hex(rng_, 8), clock, from, to, subject,
        "Hello,\n\nPlease find the " + word + " attached.\n\nRegards", content_type, filename,
        content);
    out->variants = {sender, document};
    out->summary = fmt::format("{} | From: {} | {} | {}",
                               kKindNames[static_cast<size_t>(out->kind)], from, filename, url);
    return true;
  }

  // What BuildDocumentLure and BuildDocumentControl attach: the file's name
  // ({n} a number) and the note above it, as correspondents write them.
  struct DocumentTemplate {
    std::string_view filename;
    std::string_view note;
  };
  static constexpr std::array<DocumentTemplate, 6> kDocumentTemplates = {{
      {"Scan_{n}.pdf", "Scanned copy attached, please review and sign."},
      {"Remittance Advice {n}.pdf", "Please see the attached remittance advice."},
      {"PO-{n}.pdf", "Attached is purchase order {n} for your approval."},
      {"Signed Agreement.pdf", "The countersigned agreement is attached for your records."},
      {"Payment_Confirmation_{n}.pdf", "Attached is the confirmation of our payment."},
      {"Statement {n}.pdf", "Your statement for this period is attached."},
  }};
  static constexpr std::array<std::string_view, 4> kDocumentLinks = {
      "link: first-seen file-share page", "link: a new domain, not the sender's",
      "link: behind an open redirector", "link: URL shortener"};

  // `text` with each "{n}" replaced by `number`.
  static std::string WithNumber(std::string_view text, const std::string& number) {
    std::string out(text);
    for (size_t at = out.find("{n}"); at != std::string::npos; at = out.find("{n}", at)) {
      out.replace(at, 3, number);
    }
    return out;
  }

  // A message from `from` to `to` with a note and a PDF linking `url`
  // (laid out as `layout`) after one of kDocumentTemplates, its subject
  // the file's name; that name in *filename. `id` starts the Message-ID.
  std::string DocumentMessage(const std::string& id, int64_t clock, const std::string& from,
                              const std::string& to, const std::string& url, PdfLayout layout,
                              std::string* filename) {
    const DocumentTemplate& document = Pick(kDocumentTemplates, rng_);
    const std::string number = std::to_string(1000 + (*rng_)() % 9000);
    *filename = WithNumber(document.filename, number);
    return MessageWithAttachment(id + "." + Hex(rng_, 8), clock, from, to,
                                 filename->substr(0, filename->size() - 4),
                                 "Hello,\n\n" + WithNumber(document.note, number) + "\n\nRegards",
                                 "application/pdf", *filename, PdfLinking(url, layout));
  }

  // A PDF lure varied beyond BuildAttachmentLure's: ordinary document names
  // and notes (kDocumentTemplates), and the link in turn on a first-seen
  // file-share page, on a new domain named unlike NewDomainUrl's, behind
  // Google's open redirector, or behind a URL shortener; plain or in an
  // object stream. From a first contact for even `index`, an established
  // correspondent (a compromised vendor) for odd.
  bool BuildDocumentLure(size_t index, int64_t clock, int serial, Attack* out) {
    out->kind = Kind::kDocumentLure;
    out->direction = Direction::kInbound;
    out->rcpt_to = state_->Staff(1 + (*rng_)() % 2, rng_);
    if (out->rcpt_to.empty()) return false;
    std::string from, sender;
    if (!LureSender(index, &from, &sender)) return false;
    static constexpr std::array<std::string_view, 5> kNames = {
        "docuview", "securefile", "e-statements", "paperless-mail", "viewer-cloud"};
    static constexpr std::array<std::string_view, 4> kTlds = {"net", "info", "co", "top"};
    const std::string fresh = "https://" + std::string(Pick(kNames, rng_)) + Hex(rng_, 3) + "." +
                              std::string(Pick(kTlds, rng_)) + "/d/" + Hex(rng_, 10);
    const size_t link = (index / 2) % kDocumentLinks.size();
    std::string url;
    switch (link) {
      case 0:
        url = FileshareUrl(rng_);
        break;
      case 1:
        url = fresh;
        break;
      case 2:
        url = "https://www.google.com/url?q=" + fresh + "&sa=D";
        break;
      default:
        url = "https://tinyurl.com/" + Hex(rng_, 7);
        break;
    }
    const bool packed = (*rng_)() % 2;
    std::string filename;
    out->raw = DocumentMessage("document-lure." + std::to_string(serial), clock, from,
                               out->rcpt_to.front(), url,
                               packed ? PdfLayout::kObjectStream : PdfLayout::kPlain, &filename);
    out->variants = {sender, std::string(kDocumentLinks[link]),
                     packed ? "PDF: link in an object stream" : "PDF: link"};
    out->summary = fmt::format("{} | From: {} | {} | {}",
                               kKindNames[static_cast<size_t>(out->kind)], from, filename, url);
    return true;
  }

  // A legitimate PDF, counted apart: an established correspondent's
  // statement linking its own site for even `index`; a new supplier's first
  // invoice linking its own (new) site for odd. Returns its variant in
  // out->variants.
  bool BuildDocumentControl(size_t index, int64_t clock, int serial, Attack* out) {
    out->direction = Direction::kInbound;
    out->rcpt_to = state_->Staff(1, rng_);
    if (out->rcpt_to.empty()) return false;
    std::string from, address, domain;
    if (index % 2 == 0) {
      const Correspondent* vendor = state_->KnownSender(rng_);
      if (vendor == nullptr) return false;
      from = Named(vendor->display_name, vendor->address);
      domain = vendor->address.substr(vendor->address.find('@') + 1);
      out->variants = {"known correspondent, its own site"};
    } else {
      from = FirstContact(&address, &domain);
      out->variants = {"new supplier, its own site"};
    }
    const std::string url = "https://www." + domain + "/documents/" + Hex(rng_, 6);
    const PdfLayout layout = (*rng_)() % 2 ? PdfLayout::kObjectStream : PdfLayout::kPlain;
    std::string filename;
    out->raw = DocumentMessage("document." + std::to_string(serial), clock, from,
                               out->rcpt_to.front(), url, layout, &filename);
    out->summary = fmt::format("legitimate PDF ({}) | From: {} | {} | {}", out->variants.front(),
                               from, filename, url);
    return true;
  }

  // The first-contact BCC lure (the issue's seed) with its link on the
  // attacker's own fresh domain, the `index`th of the mailbox taking lure
  // kBccOwnSiteLures[index % 6]: what tells it from an announcement is
  // only what its link names. Some of the texts name a document or a
  // sign-in in the text or the path, one names neither ("Access the
  // portal" on "/p/…"), so that the family shows the trade-off.
  struct OwnSiteLure {
    std::string_view subject;
    std::string_view text;
    std::string_view path;  // before a random token
  };
  static constexpr std::array<OwnSiteLure, 6> kBccOwnSiteLures = {{
      {"Proposal Document", "Proposal Document", "/proposals/"},
      {"Shared file", "View Document", "/d/"},
      {"Contract for signature", "Review and sign", "/esign/"},
      {"Invoice", "Invoice INV-2231", "/billing/"},
      {"Secure message", "Sign in to read the message", "/secure/"},
      {"Partnership", "Access the portal", "/p/"},
  }};
  bool BuildBccOwnSiteLure(size_t index, int64_t clock, int serial, Attack* out) {
    out->kind = Kind::kBccOwnSite;
    out->direction = Direction::kInbound;
    out->rcpt_to = state_->Staff(3 + (*rng_)() % 4, rng_);
    if (out->rcpt_to.size() < 3) return false;
    std::string address, domain;
    const std::string from = FirstContact(&address, &domain);
    const OwnSiteLure& lure = kBccOwnSiteLures[index % kBccOwnSiteLures.size()];
    const std::string url = "https://www." + domain + std::string(lure.path) + Hex(rng_, 8);
    const std::string to = (*rng_)() % 2 ? "undisclosed-recipients:;" : address;
    out->raw = RawMessage("bcc-own." + std::to_string(serial) + "." + Hex(rng_, 8), clock, from, to,
                          std::string(lure.subject), "",
                          "<p>Please see the details before our call.</p><p><a href=\"" + url +
                              "\">" + std::string(lure.text) + "</a></p>");
    out->variants = {std::string(lure.text)};
    out->summary = fmt::format("{} | From: {} | To: {} | {}",
                               kKindNames[static_cast<size_t>(out->kind)], from, to, url);
    return true;
  }

  // A legitimate control counted apart: a new organisation's first
  // announcement (a conference, a seminar, a newsletter) to 3-6 staff in
  // Bcc, To undisclosed-recipients or itself, linking one to three pages of
  // its own site (or, one in six, a tenant named after it) by the
  // event's or the page's name or the address itself. Returns its variant
  // in out->variants.
  bool BuildBccAnnouncement(size_t index, int64_t clock, int serial, Attack* out) {
    out->direction = Direction::kInbound;
    out->rcpt_to = state_->Staff(3 + (*rng_)() % 4, rng_);
    if (out->rcpt_to.size() < 3) return false;
    std::string address, domain;
    const std::string from = FirstContact(&address, &domain);
    struct Announcement {
      std::string_view kind;
      std::string_view subject;
      std::string_view text;
      std::array<std::pair<std::string_view, std::string_view>, 3> links;  // path, anchor text
    };
    static constexpr std::array<Announcement, 3> kAnnouncements = {{
        {"conference",
         "Call for participation: Energy Markets Conference 2001",
         "We are pleased to announce our annual conference on energy trading and risk.",
         {{{"/conference/2001/", "Programme and speakers"},
           {"/conference/2001/register", "Register now"},
           {"/", ""}}}},
        {"seminar",
         "Seminar invitation: gas storage valuation",
         "You are invited to a half-day seminar on the valuation of storage contracts.",
         {{{"/seminars/storage", "Seminar details"},
           {"/seminars/storage/agenda", "Download the agenda (PDF)"},
           {"/contact", "Contact us"}}}},
        {"newsletter",
         "Market Update - issue 12",
         "This month: power prices in the West, new pipeline capacity, and our outlook.",
         {{{"/newsletter/12", "Read the full issue"},
           {"/newsletter/archive", "Past issues"},
           {"/newsletter/unsubscribe", "Unsubscribe"}}}},
    }};
    const Announcement& announcement = kAnnouncements[index % kAnnouncements.size()];
    const bool tenant = (*rng_)() % 6 == 0;
    const std::string label = domain.substr(0, domain.find('.'));
    const std::string site = tenant ? label + ".github.io" : "www." + domain;
    const size_t links = 1 + (*rng_)() % 3;
    std::string html = "<p>" + std::string(announcement.text) + "</p>";
    for (size_t i = 0; i < links; ++i) {
      const auto& [path, text] = announcement.links[i];
      const std::string url = "https://" + site + std::string(path);
      html += "<p><a href=\"" + url + "\">" + (text.empty() ? url : std::string(text)) + "</a></p>";
    }
    const std::string to = (*rng_)() % 2 ? "undisclosed-recipients:;" : address;
    out->raw = RawMessage("announce." + std::to_string(serial) + "." + Hex(rng_, 8), clock, from,
                          to, std::string(announcement.subject), "", html);
    out->variants = {std::string(announcement.kind) + (tenant ? ", tenant named after it" : "")};
    out->summary = fmt::format("legitimate Bcc'd announcement ({}) | From: {} | To: {} | {}",
                               out->variants.front(), from, to, site);
    return true;
  }

  // An attack of the widened registrable look-alike family: what
  // BuildRegistrableLookalike() never draws. The `index`th of the mailbox
  // impersonates a vendor the organisation only receives mail from (its
  // registrable domain never written to: invoices, notices) when even, one
  // it has written to when odd; the identity is the correspondent's local
  // part, its display name on another local part (a finance mailbox, the
  // other first.last/flast convention, the name itself) or both; the domain
  // is made by technique `technique` of kWideTechniques (the next that
  // applies is used); the lure is a bank change without a link, a link to
  // the new domain, a first-seen file-share page, a page on a well-known
  // platform (Google Forms/Docs, Dropbox) or a PDF attached with no link.
  // With `spelled_name`, the correspondent is one of the mailbox's own
  // whose address is first.last (or first_last) and the identity is its
  // name as a reader would read it (its display name, else spelled from
  // the address) on a finance mailbox: history that knows it only by
  // address knows no display name to compare. With `reused_form` (an index
  // into kReusedForms), the identity is reused in that form and the domain
  // made by technique `technique` of kReusedFormTechniques (the mail-host
  // form always makes it from the correspondent's host).
  bool BuildWideLookalike(size_t index, size_t technique, int64_t clock, int serial, Attack* out,
                          bool spelled_name = false,
                          std::optional<size_t> reused_form = std::nullopt) {
    const bool want_receive_only = index % 2 == 0;
    // Drawn among the first kDrawnWideIdentities, so that adding the
    // spelled name and the reused forms kept the other draws.
    const size_t identity = spelled_name  ? kSpelledNameIdentity
                            : reused_form ? kReusedFormIdentity
                                          : (*rng_)() % kDrawnWideIdentities;
    // "Last, First", a middle initial and capitals need a person's name.
    const bool personal = spelled_name || (reused_form && *reused_form <= kCapitalsForm);
    const bool by_name = identity >= 1 && identity <= 3;
    const Correspondent* vendor = nullptr;
    std::string registrable;
    bool receive_only = false;
    // For an identity by name, an invoicing vendor (the Enron mailboxes'
    // correspondents give no display names); else, or when none has
    // invoiced enough yet, a known sender of the kind asked for, not used
    // yet; then any.
    for (int pass = 0; pass < 3 && vendor == nullptr; ++pass) {
      const bool invoicing = pass == 0 && by_name;
      for (int tries = 0; tries < 60 && vendor == nullptr; ++tries) {
        const Correspondent* c = invoicing ? InvoicingVendor() : state_->KnownSender(rng_);
        if (c == nullptr) break;
        registrable = IcannRegistrableDomain(Domain(c->address));
        receive_only = !state_->WroteToDomain(registrable);
        if (registrable.find('.') == std::string::npos || registrable == "enron.com" ||
            ShippedMailboxProviders().IsConsumer(registrable) ||
            (personal && !IsPersonalAddress(c->address)) ||
            (reused_form == kMailHostForm && pass < 2 && Domain(c->address) == registrable) ||
            (!invoicing && pass < 2 &&
             (used_senders_.count(c->address) || receive_only != want_receive_only))) {
          continue;
        }
        vendor = c;
      }
    }
    if (vendor == nullptr) return false;
    used_senders_.insert(vendor->address);
    const std::string stem = registrable.substr(0, registrable.find('.'));
    const std::string suffix = registrable.substr(registrable.find('.'));
    std::string lookalike;
    std::string_view technique_name;
    if (reused_form) {
      const size_t used = *reused_form == kMailHostForm
                              ? kReusedFormTechniques.size() - 1
                              : technique % (kReusedFormTechniques.size() - 1);
      technique_name = kReusedFormTechniques[used];
      lookalike = ReusedFormLookalike(used, Domain(vendor->address), stem, suffix);
    }
    for (size_t i = 0; !reused_form && i < kWideTechniques.size() && lookalike.empty(); ++i) {
      const size_t used = (technique + i) % kWideTechniques.size();
      technique_name = kWideTechniques[used];
      lookalike = WideLookalike(used, stem, suffix);
    }
    if (lookalike.empty()) return false;
    const std::string vendor_local = vendor->address.substr(0, vendor->address.find('@'));
    const std::string name =
        vendor->display_name.empty() ? NameFromAddress(vendor->address) : vendor->display_name;
    const size_t used_identity = by_name && vendor->display_name.empty() ? 0 : identity;
    std::string local = vendor_local;
    std::string shown_name = vendor->display_name;
    switch (used_identity) {
      case 1:
        local = std::string(Pick(kFinanceMailboxes, rng_));
        break;
      case kSpelledNameIdentity:
        local = std::string(Pick(kFinanceMailboxes, rng_));
        shown_name = name;
        break;
      case 2:
        local = OtherConvention(name, vendor_local);
        break;
      case 3:
        local = NameAsLocalPart(name);
        break;
      case 4:
        shown_name.clear();
        break;
      case kReusedFormIdentity:
        ReuseForm(*reused_form, name, stem, &local, &shown_name);
        break;
      default:
        break;  // the local part, with the display name when it has one
    }
    const size_t lure = (*rng_)() % kWideLookalikeLures.size();
    const std::vector<std::string> staff = state_->Staff(1 + (*rng_)() % 2, rng_);
    if (staff.empty()) return false;
    std::string to = AddressLine(staff);
    const std::string from = Named(shown_name, local + "@" + lookalike);
    const std::string registered = IcannRegistrableDomain(lookalike);
    std::string html = "<p>Hello,</p><p>";
    switch (lure) {
      case 0:
        html +=
            "We have changed banks; please update our remittance details before the next "
            "payment run. New bank: " +
            BankDetails(PaymentStyle::kRouting, rng_) +
            ". Please confirm by reply once it is done.";
        break;
      case 1:
        html += "Our invoice and new remittance details are on our portal: " +
                Anchor("https://portal." + registered + "/invoice/" + Hex(rng_, 6), rng_);
        break;
      case 2:
        html += "Please find this month's invoice here: " + Anchor(FirstSeenShareUrl(), rng_);
        break;
      case 3:
        html +=
            "Please confirm your payment details on this form: " + Anchor(KnownPlatformUrl(), rng_);
        break;
      default:
        html += "Please find attached our invoice and the updated banking form.";
    }
    html += "</p><p>Thanks,<br>" + name + "</p>";
    const std::string subject(Pick(kBankSubjects, rng_));
    const std::string id = "lookalike-wide." + std::to_string(serial) + "." + Hex(rng_, 8);
    out->raw = lure == kWideLookalikeLures.size() - 1
                   ? RawWithPdf(id, clock, from, to, subject, html)
                   : RawMessage(id, clock, from, to, subject, "", html);
    out->kind = Kind::kRegistrableLookalikeWide;
    out->direction = Direction::kInbound;
    out->rcpt_to = staff;
    out->variants = {
        "technique: " + std::string(technique_name),
        "identity: " + std::string(used_identity == 0 && !shown_name.empty()
                                       ? "local part and display name"
                                       : kWideIdentities[used_identity]),
        receive_only ? "vendor: receive-only (never written to)" : "vendor: written to",
        "lure: " + std::string(kWideLookalikeLures[lure]),
        stem.size() <= 4   ? "name: 4 letters or fewer"
        : stem.size() <= 7 ? "name: 5-7 letters"
                           : "name: 8 letters or more",
        suffix.find('.', 1) != std::string::npos ? "suffix: two labels (.co.uk ...)"
        : suffix.size() == 3                     ? "suffix: country code"
                                                 : "suffix: generic (" + suffix + ")",
    };
    if (reused_form) {
      out->variants.push_back("identity form: " + std::string(kReusedForms[*reused_form]));
    }
    out->summary = fmt::format("{} | From: {} | for {} | {} | {} | {}",
                               kKindNames[static_cast<size_t>(out->kind)], from, vendor->address,
                               out->variants[0], out->variants[2], out->variants[3]);
    return true;
  }

  // A known correspondent at an organisation's own registrable domain (not
  // a mailbox provider's, not enron.com) that `fits`, drawn among those the
  // families played apart have not used yet while one is found within 40
  // draws, then among all; marked used, its registrable domain in
  // *registrable. nullptr when the mailbox has none yet (80 draws).
  const Correspondent* OrganisationSender(const std::function<bool(const Correspondent&)>& fits,
                                          std::string* registrable) {
    for (int tries = 0; tries < 80; ++tries) {
      const Correspondent* c = state_->KnownSender(rng_);
      if (c == nullptr) return nullptr;
      *registrable = IcannRegistrableDomain(Domain(c->address));
      if (registrable->find('.') == std::string::npos || *registrable == "enron.com" ||
          ShippedMailboxProviders().IsConsumer(*registrable) ||
          (tries < 40 && used_senders_.count(c->address)) || !fits(*c)) {
        continue;
      }
      used_senders_.insert(c->address);
      return c;
    }
    return nullptr;
  }

  // How an impersonator on a look-alike of a correspondent's domain
  // presents itself (issue 14 item 4), each form of kPresentations in turn:
  // the person's mailbox spelled by another of the schemes organisations
  // name mailboxes by, the person's name dressed as mail clients and
  // signatures dress it, the organisation's role mailboxes, or no identity
  // but the relationship (mail to the member of staff the correspondent
  // writes to). With `control`, the legitimate mail shaped like it: the
  // correspondent's organisation under another suffix (its second domain,
  // as aol.com/aol.net or txu.com/txucom.com), a new person of it or its
  // office writing as itself to the same member of staff (kControls).
  // The domain is made by the squatting permutations of kReusedFormTechniques
  // (not the mail-host one) in turn from `technique`.
  bool BuildPresentation(size_t form, size_t technique, bool control, int64_t clock, int serial,
                         Attack* out) {
    const bool personal = !control && form <= kNicknameForm + 1;
    const bool relationship = control || form == kRelationshipForm;
    std::string registrable, nickname;
    const Correspondent* vendor = OrganisationSender(
        [&](const Correspondent& c) {
          if ((personal && !IsPersonalAddress(c.address)) || (relationship && c.partner.empty())) {
            return false;
          }
          if (!control && form == kNicknameForm) {
            const std::vector<std::string> words = NameWords(NameFromAddress(c.address));
            nickname = words.empty() ? "" : Nickname(words.front());
            if (nickname.empty()) return false;
          }
          return true;
        },
        &registrable);
    if (vendor == nullptr) return false;
    const std::string stem = registrable.substr(0, registrable.find('.'));
    const std::string suffix = registrable.substr(registrable.find('.'));
    std::string lookalike;
    size_t used = 0;
    if (control) {
      lookalike = stem + OtherSuffix(suffix);
    }
    // The squatting permutations a tight comparison does not match alone
    // (kReusedFormTechniques but the mail-host one), so that the identity
    // decides.
    for (size_t i = 0; !control && i + 1 < kReusedFormTechniques.size() && lookalike.empty(); ++i) {
      used = (technique + i) % (kReusedFormTechniques.size() - 1);
      lookalike = ReusedFormLookalike(used, Domain(vendor->address), stem, suffix);
    }
    if (lookalike.empty()) return false;
    const std::vector<std::string> words = NameWords(NameFromAddress(vendor->address));
    const std::string first = words.empty() ? "office" : words.front();
    const std::string last = words.size() < 2 ? "office" : words.back();
    const auto capitalised = [](std::string word) {
      if (!word.empty())
        word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      return word;
    };
    const std::string company = capitalised(stem);
    const std::string person = capitalised(first) + " " + capitalised(last);
    std::string local, shown_name;
    const std::string finance(Pick(kFinanceMailboxes, rng_));
    if (control) {
      if (form == 0) {
        const std::string newcomer(Pick(kNewcomers, rng_));
        shown_name = newcomer;
        const std::vector<std::string> parts = NameWords(newcomer);
        local = parts.front() + "." + parts.back();
      } else {
        local = finance;
        shown_name = form == 1 ? "" : company;
      }
    } else {
      switch (form) {
        case 0:
          local = first.substr(0, 1) + last;
          break;
        case 1:
          local = first;
          break;
        case 2:
          local = last + "." + first;
          break;
        case 3:
          local = last;
          break;
        case 4:
          local = first + "_" + last + std::to_string(1960 + (*rng_)() % 40);
          break;
        case 5:
          local = first + last.substr(0, 1);
          break;
        case 6:
          local = finance;
          shown_name = person + " | " + company;
          break;
        case 7:
          local = finance;
          shown_name = person + " (" + company + ")";
          break;
        case kNicknameForm:
          local = finance;
          shown_name = capitalised(nickname) + " " + capitalised(last);
          break;
        case 9:
          local = finance;
          shown_name = (*rng_)() % 2 ? "Dr. " + person : person + ", CFO";
          break;
        case 10:
          local = finance;
          break;
        case 11:
          local = finance;
          shown_name = "Accounts Payable";
          break;
        case 12:
          local = finance;
          shown_name = company;
          break;
        case kRelationshipForm:
          local = finance;
          break;
        default:  // the local part shown as the name, as clients show an unnamed sender
          local = finance;
          shown_name = vendor->address.substr(0, vendor->address.find('@'));
          shown_name[0] =
              static_cast<char>(std::toupper(static_cast<unsigned char>(shown_name[0])));
          break;
      }
    }
    std::vector<std::string> staff;
    if (relationship) {
      staff = {vendor->partner};
    } else {
      staff = state_->Staff(1 + (*rng_)() % 2, rng_);
    }
    if (staff.empty()) return false;
    const std::string to = AddressLine(staff);
    const std::string from = Named(shown_name, local + "@" + lookalike);
    std::string html = "<p>Hello,</p><p>";
    if (control) {
      html += kStatementText;
    } else if ((*rng_)() % 2 == 0) {
      html +=
          "We have changed banks; please update our remittance details before the next "
          "payment run. New bank: " +
          BankDetails(PaymentStyle::kRouting, rng_) + ". Please confirm by reply once it is done.";
    } else {
      html +=
          "Our invoice and new remittance details are on our portal: " +
          Anchor("https://portal." + IcannRegistrableDomain(lookalike) + "/invoice/" + Hex(rng_, 6),
                 rng_);
    }
    html += "</p><p>Thanks,<br>" + (shown_name.empty() ? company : shown_name) + "</p>";
    const std::string id = std::string(control ? "presentation-control." : "presentation.") +
                           std::to_string(serial) + "." + Hex(rng_, 8);
    const std::string subject =
        control ? "Quarterly statement" : std::string(Pick(kBankSubjects, rng_));
    // Where it is sent from: a control from the correspondent's own
    // network (GatewayOrigin(): its servers, or the shared host it is
    // hosted by); an impersonator's look-alike from a free mailbox
    // provider, a rented server, a bulk sender, or the bulk sender or
    // shared host the correspondent itself uses, in turn by `serial`.
    std::string origin;
    std::string origin_variant;
    if (control) {
      origin = OrganisationServers(registrable);
    } else {
      switch (serial % 4) {
        case 0:
          origin = NetworkAddress("hotmail.com", 25);
          origin_variant = "sent from: a free mailbox provider";
          break;
        case 1:
          origin = NetworkAddress("rented server " + lookalike, 40);
          origin_variant = "sent from: a rented server";
          break;
        case 2:
          origin = NetworkAddress(
              kBulkSenders[0] == BulkSenderOf(registrable) ? kBulkSenders[1] : kBulkSenders[0], 77);
          origin_variant = "sent from: a bulk sender";
          break;
        default: {
          const std::string_view shared = SharedHostOf(registrable);
          origin = NetworkAddress(shared.empty() ? BulkSenderOf(registrable) : shared, 77);
          origin_variant = "sent from: the correspondent's own bulk sender or shared host";
          break;
        }
      }
    }
    const std::string received = ReceivedFrom(origin, clock);
    out->raw = control ? received + RawWithPdf(id, clock, from, to, subject, html)
                       : received + RawMessage(id, clock, from, to, subject, "", html);
    out->kind = Kind::kLookalikePresentation;
    out->direction = Direction::kInbound;
    out->rcpt_to = staff;
    out->variants = {control ? std::string(kControls[form]) : std::string(kPresentations[form])};
    if (!control) out->variants.push_back("technique: " + std::string(kReusedFormTechniques[used]));
    if (!control) out->variants.push_back(origin_variant);
    out->summary = fmt::format("{} | From: {} | To: {} | for {} | {}",
                               control ? "presentation control" : "presentation", from, to,
                               vendor->address, out->variants[0]);
    return true;
  }

  // A known correspondent links a page in a bucket (or account, container,
  // space) of shared cloud storage, in the URL form kStorageForms[form] of
  // one of the services, the name one of kStorageNames[kind]: a brand
  // disguised with look-alike characters ("d0cusign-review"), a brand's
  // exact name with a word from a sender who is not the brand
  // ("docusign-us"), the receiving organisation's own name bent
  // ("enr0n-sso") or the sender's own organisation's name bent
  // ("ustaa-billing" from usta.com), each with one of kStorageWords. With
  // `control`, legitimate mail of the same forms: the sender's own exact
  // organisation name with a word ("txu-reports", kind 0) or a neutral name
  // ("assets-2001", kind 1). The sender is an established correspondent at
  // an organisation's own domain, not yet used by this family when one is
  // left. Where a service allows no hyphen (an Azure storage account), the
  // name is written without them.
  bool BuildStorageToken(size_t form, size_t kind, bool control, int64_t clock, int serial,
                         Attack* out) {
    std::string registrable;
    const Correspondent* vendor =
        OrganisationSender([](const Correspondent&) { return true; }, &registrable);
    if (vendor == nullptr) return false;
    const std::string stem = registrable.substr(0, registrable.find('.'));
    const std::string word(Pick(kStorageWords, rng_));
    std::string name;
    if (control) {
      name = kind == 0 ? stem + "-" + std::string(Pick(kOwnBucketWords, rng_))
                       : std::string(Pick(kNeutralBuckets, rng_));
    } else {
      switch (kind) {
        case 0:
          name = BentName(std::string(Pick(kStorageBrands, rng_))) + "-" + word;
          break;
        case 1:
          name = std::string(Pick(kStorageBrands, rng_)) + "-" + word;
          break;
        case 2:
          name = BentName("enron") + "-" + std::string(Pick(kStaffWords, rng_));
          break;
        default:
          name = BentName(stem) + "-" + word;
          break;
      }
    }
    const StorageForm& f = kStorageForms[form % kStorageForms.size()];
    std::string url(f.url);
    const auto fill = [&url](std::string_view field, const std::string& value) {
      for (size_t at = url.find(field); at != std::string::npos; at = url.find(field, at)) {
        url.replace(at, field.size(), value);
        at += value.size();
      }
    };
    std::string unhyphenated = name;
    std::erase(unhyphenated, '-');
    fill("{a}", unhyphenated.substr(0, 24));
    fill("{b}", name);
    fill("{r}", std::string(Pick(f.regions, rng_)));
    fill("{n}", Hex(rng_, 12));
    fill("{h}", Hex(rng_, 8));
    fill("{f}", std::string(Pick(kStorageFiles, rng_)) + "-" + Hex(rng_, 4));
    const std::vector<std::string> staff = state_->Staff(1 + (*rng_)() % 2, rng_);
    if (staff.empty()) return false;
    std::string to = AddressLine(staff);
    const std::string subject(Pick(kStorageSubjects, rng_));
    const std::string html = "<p>Hello,</p><p>" +
                             std::string(control ? "The files we discussed are here: "
                                                 : "I shared a document with you: ") +
                             Anchor(url, rng_) + "</p><p>Thanks</p>";
    const std::string id = std::string(control ? "storage-control." : "storage.") +
                           std::to_string(serial) + "." + Hex(rng_, 8);
    const std::string from = Named(vendor->display_name, vendor->address);
    out->raw = RawMessage(id, clock, from, to, subject, "", html);
    out->kind = Kind::kCloudStorageToken;
    out->direction = Direction::kInbound;
    out->rcpt_to = staff;
    const std::string service = "service: " + std::string(f.service);
    if (control) {
      out->variants = {std::string(kind == 0 ? "own name + word, " : "neutral name, ") +
                       std::string(f.service)};
    } else {
      out->variants = {service, "form: " + std::string(f.form),
                       "name: " + std::string(kStorageNames[kind])};
    }
    out->summary = fmt::format("{} | From: {} | To: {} | {}",
                               control ? "storage control" : "storage token", from, to, url);
    return true;
  }

  // `name` bent as squatters bend a name: a digit for a letter it looks
  // like, rn for m or vv for w, two neighbouring letters swapped, a letter
  // doubled, or for five letters or more one left out; drawn among those
  // the name allows.
  std::string BentName(const std::string& name) {
    static constexpr std::array<std::pair<char, std::string_view>, 8> kDisguises = {{
        {'o', "0"},
        {'l', "1"},
        {'i', "1"},
        {'e', "3"},
        {'s', "5"},
        {'a', "4"},
        {'m', "rn"},
        {'w', "vv"},
    }};
    for (int tries = 0; tries < 8; ++tries) {
      std::string bent = name;
      switch ((*rng_)() % 4) {
        case 0: {
          std::vector<std::pair<size_t, std::string_view>> spots;
          for (size_t i = 0; i < name.size(); ++i) {
            for (const auto& [letter, look] : kDisguises) {
              if (name[i] == letter) spots.emplace_back(i, look);
            }
          }
          if (spots.empty()) continue;
          const auto& [at, look] = spots[(*rng_)() % spots.size()];
          bent.replace(at, 1, look);
          break;
        }
        case 1: {
          if (name.size() < 3) continue;
          const size_t at = 1 + (*rng_)() % (name.size() - 2);
          if (name[at] == name[at + 1]) continue;
          std::swap(bent[at], bent[at + 1]);
          break;
        }
        case 2: {
          const size_t at = (*rng_)() % name.size();
          bent.insert(at, 1, name[at]);
          break;
        }
        default: {
          if (name.size() < 5) continue;
          bent.erase(1 + (*rng_)() % (name.size() - 2), 1);
          break;
        }
      }
      if (bent != name) return bent;
    }
    return name + name.back();  // a letter doubled, which every name allows
  }

  // One URL form of a cloud-storage service in which the customer's chosen
  // name appears: {b} the name, {a} the name without hyphens (an Azure
  // account), {r} one of `regions`, {n} a random namespace or account id,
  // {h} a random token, {f} a file.
  struct StorageForm {
    std::string_view service;
    std::string_view form;
    std::string_view url;
    std::array<std::string_view, 4> regions;
  };
  static constexpr std::array<std::string_view, 4> kAwsRegions = {"us-east-2", "us-west-2",
                                                                  "eu-west-1", "ca-central-1"};
  static constexpr std::array<StorageForm, 36> kStorageForms = {{
      {"GCS", "storage.googleapis.com/B", "https://storage.googleapis.com/{b}/{f}.html", {"-"}},
      {"GCS", "B.storage.googleapis.com", "https://{b}.storage.googleapis.com/{f}.html", {"-"}},
      {"GCS", "storage.cloud.google.com/B", "https://storage.cloud.google.com/{b}/{f}.pdf", {"-"}},
      {"GCS",
       "JSON API /download/storage/v1/b/B",
       "https://storage.googleapis.com/download/storage/v1/b/{b}/o/{f}.html?alt=media",
       {"-"}},
      {"GCS",
       "JSON API www.googleapis.com/storage/v1/b/B",
       "https://www.googleapis.com/storage/v1/b/{b}/o/{f}.html?alt=media",
       {"-"}},
      {"GCS",
       "Firebase /v0/b/B.appspot.com",
       "https://firebasestorage.googleapis.com/v0/b/{b}.appspot.com/o/{f}.html?alt=media&token={h}",
       {"-"}},
      {"S3", "B.s3.amazonaws.com", "https://{b}.s3.amazonaws.com/{f}.html", {"-"}},
      {"S3", "B.s3.REGION.amazonaws.com", "https://{b}.s3.{r}.amazonaws.com/{f}.html", kAwsRegions},
      {"S3", "B.s3-REGION.amazonaws.com", "https://{b}.s3-{r}.amazonaws.com/{f}.html", kAwsRegions},
      {"S3", "s3.REGION.amazonaws.com/B", "https://s3.{r}.amazonaws.com/{b}/{f}.html", kAwsRegions},
      {"S3", "s3.amazonaws.com/B", "https://s3.amazonaws.com/{b}/{f}.html", {"-"}},
      {"S3", "s3-REGION.amazonaws.com/B", "https://s3-{r}.amazonaws.com/{b}/{f}.html", kAwsRegions},
      {"S3", "B.s3.dualstack.REGION.amazonaws.com",
       "https://{b}.s3.dualstack.{r}.amazonaws.com/{f}.html", kAwsRegions},
      {"S3",
       "B.s3-website-REGION.amazonaws.com",
       "http://{b}.s3-website-{r}.amazonaws.com/",
       {"us-east-1", "us-west-2", "eu-west-1", "us-west-1"}},
      {"S3", "B.s3-website.REGION.amazonaws.com", "http://{b}.s3-website.{r}.amazonaws.com/",
       kAwsRegions},
      {"S3",
       "B.s3-accelerate.amazonaws.com",
       "https://{b}.s3-accelerate.amazonaws.com/{f}.html",
       {"-"}},
      {"Azure",
       "A.blob.core.windows.net/C",
       "https://{a}.blob.core.windows.net/{b}/{f}.html",
       {"-"}},
      {"Azure",
       "A.zNN.web.core.windows.net",
       "https://{a}.{r}.web.core.windows.net/{f}.html",
       {"z13", "z22", "z6", "z19"}},
      {"Azure",
       "A.file.core.windows.net/SHARE",
       "https://{a}.file.core.windows.net/docs/{f}.pdf",
       {"-"}},
      {"Azure",
       "A.dfs.core.windows.net/FS",
       "https://{a}.dfs.core.windows.net/shared/{f}.pdf",
       {"-"}},
      {"DO Spaces",
       "B.REGION.digitaloceanspaces.com",
       "https://{b}.{r}.digitaloceanspaces.com/{f}.html",
       {"nyc3", "sfo3", "ams3", "fra1"}},
      {"DO Spaces",
       "REGION.digitaloceanspaces.com/B",
       "https://{r}.digitaloceanspaces.com/{b}/{f}.html",
       {"nyc3", "sfo3", "ams3", "fra1"}},
      {"DO Spaces",
       "B.REGION.cdn.digitaloceanspaces.com",
       "https://{b}.{r}.cdn.digitaloceanspaces.com/{f}.html",
       {"nyc3", "sfo3", "ams3", "sgp1"}},
      {"Backblaze B2",
       "fNNN.backblazeb2.com/file/B",
       "https://{r}.backblazeb2.com/file/{b}/{f}.html",
       {"f000", "f002", "f003", "f005"}},
      {"Backblaze B2",
       "B.s3.REGION.backblazeb2.com",
       "https://{b}.s3.{r}.backblazeb2.com/{f}.html",
       {"us-west-004", "us-west-002", "eu-central-003", "us-east-005"}},
      {"Backblaze B2",
       "s3.REGION.backblazeb2.com/B",
       "https://s3.{r}.backblazeb2.com/{b}/{f}.html",
       {"us-west-004", "us-west-002", "eu-central-003", "us-east-005"}},
      {"Oracle",
       "objectstorage.REGION.oraclecloud.com/n/NS/b/B/o",
       "https://objectstorage.{r}.oraclecloud.com/n/{n}/b/{b}/o/{f}.html",
       {"us-ashburn-1", "us-phoenix-1", "eu-frankfurt-1", "uk-london-1"}},
      {"Oracle",
       "objectstorage.REGION.oraclecloud.com/p/PAR/n/NS/b/B/o",
       "https://objectstorage.{r}.oraclecloud.com/p/{h}{h}/n/{n}/b/{b}/o/{f}.html",
       {"us-ashburn-1", "us-phoenix-1", "eu-frankfurt-1", "uk-london-1"}},
      {"Oracle",
       "NS.objectstorage.REGION.oci.customer-oci.com/n/NS/b/B/o",
       "https://{n}.objectstorage.{r}.oci.customer-oci.com/n/{n}/b/{b}/o/{f}.html",
       {"us-ashburn-1", "us-phoenix-1", "eu-frankfurt-1", "uk-london-1"}},
      {"Wasabi",
       "B.s3.REGION.wasabisys.com",
       "https://{b}.s3.{r}.wasabisys.com/{f}.html",
       {"us-east-1", "us-east-2", "us-west-1", "eu-central-1"}},
      {"Wasabi",
       "s3.REGION.wasabisys.com/B",
       "https://s3.{r}.wasabisys.com/{b}/{f}.html",
       {"us-east-1", "us-east-2", "us-west-1", "eu-central-1"}},
      {"Linode",
       "B.REGION.linodeobjects.com",
       "https://{b}.{r}.linodeobjects.com/{f}.html",
       {"us-east-1", "eu-central-1", "ap-south-1", "us-southeast-1"}},
      {"IBM COS",
       "s3.REGION.cloud-object-storage.appdomain.cloud/B",
       "https://s3.{r}.cloud-object-storage.appdomain.cloud/{b}/{f}.html",
       {"us-south", "us-east", "eu-de", "eu-gb"}},
      {"Alibaba OSS",
       "B.oss-REGION.aliyuncs.com",
       "https://{b}.oss-{r}.aliyuncs.com/{f}.html",
       {"us-west-1", "eu-central-1", "cn-hangzhou", "ap-southeast-1"}},
      {"Scaleway",
       "B.s3.REGION.scw.cloud",
       "https://{b}.s3.{r}.scw.cloud/{f}.html",
       {"fr-par", "nl-ams", "pl-waw", "fr-par"}},
      {"Vultr",
       "B.REGION.vultrobjects.com",
       "https://{b}.{r}.vultrobjects.com/{f}.html",
       {"ewr1", "sjc1", "ams1", "blr1"}},
  }};
  static constexpr std::array<std::string_view, 4> kStorageNames = {
      "a brand bent", "a brand's exact name + word", "the organisation's own name bent",
      "the sender's own name bent"};
  static constexpr std::array<std::string_view, 8> kStorageBrands = {
      "docusign",   "microsoft", "paypal",     "dropbox",
      "wellsfargo", "office365", "sharepoint", "adobe"};
  static constexpr std::array<std::string_view, 10> kStorageWords = {
      "us", "billing", "docs", "secure", "review", "portal", "files", "invoice", "share", "remit"};
  static constexpr std::array<std::string_view, 8> kStaffWords = {
      "sso", "hr", "payroll", "benefits", "docs", "portal", "it", "login"};
  static constexpr std::array<std::string_view, 6> kOwnBucketWords = {
      "reports", "files", "docs", "shared", "assets", "statements"};
  static constexpr std::array<std::string_view, 6> kNeutralBuckets = {
      "assets-2001", "static-files",    "project-docs-2001",
      "media-cdn",   "q3-deliverables", "shared-reports"};
  static constexpr std::array<std::string_view, 5> kStorageFiles = {"statement", "document",
                                                                    "invoice", "report", "view"};
  static constexpr std::array<std::string_view, 4> kStorageSubjects = {
      "Shared document", "Files for review", "Updated statement", "Document for your signature"};

  // The presentations BuildPresentation() draws, and its controls.
  static constexpr std::array<std::string_view, 15> kPresentations = {
      "local part: initial and last name (jsmith)",
      "local part: first name only",
      "local part: last.first",
      "local part: last name only",
      "local part: first_last with a year",
      "local part: first name and last initial (johns)",
      "name: \"First Last | Company\", finance mailbox",
      "name: \"First Last (Company)\", finance mailbox",
      "name: a nickname (Bob for Robert), finance mailbox",
      "name: a title (Dr., CFO), finance mailbox",
      "role mailbox, no display name",
      "role mailbox, a department as display name",
      "role mailbox, the company's name",
      "role mailbox, no name, to the correspondent's contact",
      "name: the local part as written (\"Mjones7\"), finance mailbox",
  };
  static constexpr size_t kNicknameForm = 8;
  static constexpr size_t kRelationshipForm = 13;
  static constexpr std::array<std::string_view, 3> kControls = {
      "control: second domain, a new person, to the contact",
      "control: second domain, its office unnamed, to the contact",
      "control: second domain, its office by name, to the contact",
  };
  static constexpr std::array<std::string_view, 6> kNewcomers = {
      "Maria Delgado", "Trevor Lindqvist", "Anita Okafor",
      "Graham Pruitt", "Helen Vasquez",    "Colin Ashworth"};

  // The familiar form of a first name (Bob for Robert), or the formal one
  // of a familiar name; empty when it has none here.
  static std::string Nickname(const std::string& first) {
    static constexpr std::array<std::pair<std::string_view, std::string_view>, 12> kPairs = {
        {{"robert", "bob"},
         {"william", "bill"},
         {"james", "jim"},
         {"richard", "rick"},
         {"michael", "mike"},
         {"thomas", "tom"},
         {"joseph", "joe"},
         {"david", "dave"},
         {"steven", "steve"},
         {"kenneth", "ken"},
         {"jeffrey", "jeff"},
         {"elizabeth", "liz"}}};
    for (const auto& [formal, familiar] : kPairs) {
      if (first == formal) return std::string(familiar);
      if (first == familiar) return std::string(formal);
    }
    return "";
  }

  // A supplier that invoices the organisation and is never written to:
  // what accounts payable knows of it is its name and who signs.
  struct Supplier {
    std::string_view company, domain, person;
  };
  static constexpr std::array<Supplier, 8> kSuppliers = {{
      {"Bluestar Supply", "bluestarsupply.com", "Dana Whitfield"},
      {"Hallmark Freight", "hallmarkfreight.com", "Omar Castillo"},
      {"Keystone Valve", "keystonevalve.co.uk", "Fiona Marsh"},
      {"TCE Electric", "tce.com", "Raj Patel"},
      {"Gulfport Marine", "gulfport-marine.com", "Lena Brooks"},
      {"Meridian Labs", "meridianlabs.net", "Victor Hale"},
      {"Apex Rentals", "apexrent.com", "Grace Kim"},
      {"Norvik Chemie", "norvik.de", "Jonas Berg"},
  }};

  // One legitimate invoice from `supplier` to a member of staff, from its
  // billing office ("Bluestar Supply Billing" <billing@...>) or, when
  // `as_person`, from the person who signs ("Dana Whitfield"
  // <dana.whitfield@...>); remembered as an invoicing vendor the widened
  // family may impersonate by name.
  bool BuildInvoice(const Supplier& supplier, bool as_person, int64_t clock, int serial,
                    Attack* out) {
    const std::vector<std::string> staff = state_->Staff(1, rng_);
    if (staff.empty()) return false;
    const std::string name =
        as_person ? std::string(supplier.person) : std::string(supplier.company) + " Billing";
    std::string local = "billing";
    if (as_person) {
      const std::vector<std::string> words = NameWords(name);
      local = words.front() + "." + words.back();
    }
    const std::string address = local + "@" + std::string(supplier.domain);
    Correspondent& vendor = invoicing_[address];
    vendor.address = address;
    vendor.display_name = name;
    if (vendor.first_seen == 0) vendor.first_seen = clock;
    ++vendor.messages;
    const std::string from = Named(name, address);
    const std::string number = std::to_string(10000 + (*rng_)() % 89999);
    out->kind = Kind::kRegistrableLookalikeWide;
    out->direction = Direction::kInbound;
    out->rcpt_to = staff;
    out->raw = RawMessage("invoice." + std::to_string(serial) + "." + Hex(rng_, 8), clock, from,
                          staff.front(), "Invoice INV-" + number, "",
                          "<p>Please find our invoice INV-" + number +
                              " for this month's deliveries, due in 30 days.</p><p>Regards,<br>" +
                              name + "</p>");
    out->summary = fmt::format("invoice from a receive-only vendor | From: {}", from);
    return true;
  }

  // A payment-diversion attack (Kind::kPaymentDiversion): a wide
  // participant hijack whose lure is new bank details (with a Reply-To at
  // a mailbox provider for odd `index`), written in the style
  // `index / 2` names in turn. For every other pair the participant sent
  // an invoice with its usual account, of the same style, six hours
  // before (a prelude, learned as legitimate mail): the attack is then a
  // change of bank details; otherwise its first bank details.
  bool BuildPaymentDiversion(size_t index, int64_t clock, int serial, Attack* out) {
    const auto style =
        static_cast<PaymentStyle>((index / 2) % static_cast<size_t>(PaymentStyle::kCount));
    const bool change = (index / 2 / static_cast<size_t>(PaymentStyle::kCount)) % 2 == 0;
    if (!BuildHijackWide(6 + index % 2, clock, serial, out, style)) return false;
    out->kind = Kind::kPaymentDiversion;
    out->variants = {
        std::string("written as: ") + kPaymentStyleNames[static_cast<size_t>(style)],
        change ? "history: sent another account before" : "history: no bank details before",
        index % 2 ? "Reply-To a mailbox provider" : "no Reply-To"};
    if (change) {
      const size_t from_at = out->raw.find("\nFrom: ") + 7;
      const std::string from = out->raw.substr(from_at, out->raw.find('\n', from_at) - from_at);
      const size_t open = from.rfind('<');
      const std::string address =
          open == std::string::npos ? from : from.substr(open + 1, from.rfind('>') - open - 1);
      std::string to = AddressLine(out->rcpt_to);
      const std::string number = std::to_string(10000 + (*rng_)() % 89999);
      out->prelude.push_back(
          {RawMessage("payment-setup." + std::to_string(serial) + "." + Hex(rng_, 8),
                      clock - 6 * 3600, from, to, "Invoice INV-" + number, "",
                      "<p>Please find our invoice INV-" + number + ", due in 30 days. Remit to " +
                          UsualAccount(address, style) + " as usual.</p><p>Regards</p>"),
           Direction::kInbound, clock - 6 * 3600, out->rcpt_to});
    }
    out->summary = fmt::format("{} | {} | {}", kKindNames[static_cast<size_t>(out->kind)],
                               out->variants[0], out->variants[1]) +
                   out->summary.substr(out->summary.find(" | From:"));
    return true;
  }

  // A payment diversion (BuildPaymentDiversion's lure) written as most
  // mail clients send HTML mail, multipart/alternative, whose text/plain
  // part announces the change but names no account: the account is only in
  // the HTML part, which is what the reader sees. Only BuildPaymentDiversion's
  // "no bank details before" half (each style, with and without Reply-To,
  // in turn), and false when it wrote a thread first: this family learns
  // nothing, so that every other family sees the same history with or
  // without it.
  bool BuildPaymentDiversionAlternative(size_t index, int64_t clock, int serial, Attack* out) {
    constexpr size_t kFirsts = 2 * static_cast<size_t>(PaymentStyle::kCount);
    if (!BuildPaymentDiversion(kFirsts + index % kFirsts, clock, serial, out) ||
        !out->prelude.empty()) {
      return false;
    }
    constexpr std::string_view kHtmlType = "Content-Type: text/html; charset=us-ascii\n\n";
    const size_t type_at = out->raw.find(kHtmlType);
    if (type_at == std::string::npos) return false;
    const std::string html = out->raw.substr(type_at + kHtmlType.size());
    const std::string boundary = "alt-" + Hex(rng_, 12);
    out->raw = out->raw.substr(0, type_at) + "Content-Type: multipart/alternative; boundary=\"" +
               boundary + "\"\n\n--" + boundary +
               "\nContent-Type: text/plain; charset=us-ascii\n\nBefore you process the payment, "
               "please note that our bank details have changed; the new details are in this "
               "message.\n\n--" +
               boundary + "\n" + std::string(kHtmlType) + html + "\n--" + boundary + "--\n";
    out->kind = Kind::kPaymentDiversionAlternative;
    out->summary = std::string(kKindNames[static_cast<size_t>(out->kind)]) +
                   out->summary.substr(out->summary.find(" | "));
    return true;
  }

  // The account the organisation of `address` (its domain) names in its
  // invoices, drawn as `style` says the first time: one per organisation,
  // as all its people give the same one.
  const std::string& UsualAccount(const std::string& address, PaymentStyle style) {
    auto [it, added] = usual_accounts_.try_emplace(address.substr(address.rfind('@') + 1));
    if (added) it->second = BankDetails(style, rng_);
    return it->second;
  }

  // A legitimate invoice of the payment control: `vendor`, an established
  // correspondent, bills one colleague and names its usual account,
  // `details`, as it does in every invoice.
  bool BuildRepeatInvoice(const Correspondent& vendor, const std::string& details, int64_t clock,
                          int serial, Attack* out) {
    const std::vector<std::string> staff = state_->Staff(1, rng_);
    if (staff.empty()) return false;
    const std::string number = std::to_string(10000 + (*rng_)() % 89999);
    out->kind = Kind::kPaymentDiversion;
    out->direction = Direction::kInbound;
    out->rcpt_to = staff;
    out->raw = RawMessage(
        "repeat-invoice." + std::to_string(serial) + "." + Hex(rng_, 8), clock,
        Named(vendor.display_name, vendor.address), staff.front(), "Invoice INV-" + number, "",
        "<p>Please find our invoice INV-" + number +
            " for this month, due in 30 days. Payment to " + details + ".</p><p>Regards</p>");
    out->summary = fmt::format("payment control invoice | From: {}", vendor.address);
    return true;
  }

  static constexpr std::array<std::string_view, 11> kWideTechniques = {
      "missing letter",
      "doubled letter",
      "vowel changed",
      "m for rn",
      "IDN homoglyph (punycode)",
      "domain spelled in front (x.com-secure.net)",
      "domain as one label (x-com.net)",
      "domain as a subdomain (x.com.invoices.net)",
      "plural or singular",
      "country-code TLD swap",
      "prefix word (my-, secure-, portal-)"};
  static constexpr std::array<std::string_view, 7> kWideIdentities = {
      "local part (no display name known)",
      "display name on a finance mailbox",
      "display name on the other first.last/flast form",
      "display name, the name as local part",
      "local part, display name left out",
      "display name spelled from the correspondent's address, on a finance mailbox",
      "a form of the correspondent's identity (kReusedForms)"};
  static constexpr size_t kDrawnWideIdentities = 5;
  static constexpr size_t kSpelledNameIdentity = 5;
  static constexpr size_t kReusedFormIdentity = 6;
  // The forms in which a reader still recognises a correspondent's
  // identity (issue 14): the first three need a person's name.
  static constexpr std::array<std::string_view, 6> kReusedForms = {
      "\"Last, First\" on a finance mailbox",
      "a middle initial on a finance mailbox",
      "the name in capitals on a finance mailbox",
      "the organisation's name on a role mailbox (\"Acme Accounts Payable\" <ap@...>)",
      "the local part with a digit added (jsmith2)",
      "the local part at the mail host run into the name (mail-acmecorp.com)"};
  static constexpr size_t kCapitalsForm = 2;
  static constexpr size_t kMailHostForm = 5;
  // The squatting permutations the reused forms are drawn on, as a
  // domain-squatting tool enumerates them (dnstwist's classes), the last
  // for the mail-host form only.
  static constexpr std::array<std::string_view, 5> kReusedFormTechniques = {
      "key slipped (a keyboard neighbour)", "dot inserted (acme.corp.com)",
      "domain as one label (acmecorpcom.net)", "vowel for a vowel",
      "mail host's labels hyphenated (mail-acmecorp.com)"};
  static constexpr std::array<std::string_view, 5> kWideLookalikeLures = {
      "none (bank details in the text)", "link to the new domain", "first-seen file-share page",
      "known platform page (forms, docs, dropbox)", "PDF attachment only"};

  // The wide lateral family's sender: an account that wrote at least five
  // internal messages, a light (5-29) or a heavy (30+) internal writer.
  const std::string* LateralSender(int* written) {
    const bool heavy = (*rng_)() % 2;
    const std::string* sender =
        state_->InternalSenderByVolume(heavy ? 30 : 5, heavy ? 1 << 30 : 29, rng_, written);
    if (sender == nullptr) sender = state_->InternalSenderByVolume(5, 1 << 30, rng_, written);
    return sender;
  }

  // The wide lateral family's recipients: 15 to 25 colleagues of whom none,
  // a fifth to two fifths, or two to three fifths are colleagues `sender`
  // wrote to before (*known of them), shuffled. False below ten.
  bool LateralRecipients(const std::string& sender, std::vector<std::string>* recipients,
                         size_t* known) {
    static constexpr std::array<std::pair<int, int>, 3> kKnownShares = {
        {{0, 0}, {20, 40}, {40, 60}}};
    const auto [least, most] = Pick(kKnownShares, rng_);
    const size_t count = 15 + (*rng_)() % 11;
    const size_t known_wanted = count * (least + (*rng_)() % (most - least + 1)) / 100;
    *recipients = state_->UsualColleagues(sender, known_wanted, rng_);
    *known = recipients->size();
    for (std::string& s : state_->Strangers(sender, count - *known, rng_)) {
      recipients->push_back(std::move(s));
    }
    if (recipients->size() < 10) return false;
    std::shuffle(recipients->begin(), recipients->end(), *rng_);
    return true;
  }

  // A lateral lure's link (*url) and what it is (*link_form), by `link` in
  // turn: a phishing page on a new domain, a file-share platform's page
  // (WideShareUrl), a file-transfer service, a URL shortener, a page planted
  // on a site the organisation has been sent links to (a compromised site).
  // False when the mailbox has no such site yet.
  bool LateralLink(size_t link, std::string* url, std::string* link_form) {
    switch (link % 5) {
      case 0:
        *link_form = "phishing page, new domain";
        *url = (*rng_)() % 2 ? NewDomainUrl(rng_)
                             : "https://" + std::string(Pick(kBrandish, rng_)) + "-" +
                                   Hex(rng_, 3) + ".com/login?id=" + Hex(rng_, 8);
        break;
      case 1: {
        std::string form;
        *url = WideShareUrl(&form);
        *link_form = "file-share platform (" + form + ")";
        break;
      }
      case 2: {
        static constexpr std::array<std::string_view, 4> kTransfers = {
            "wetransfer.com", "we.tl", "sendspace.com", "filemail.com"};
        const std::string_view service = Pick(kTransfers, rng_);
        *link_form = "file-transfer service";
        *url = service == "wetransfer.com"
                   ? "https://wetransfer.com/downloads/" + Hex(rng_, 32) + "/" + Hex(rng_, 6)
               : service == "we.tl"         ? "https://we.tl/t-" + Hex(rng_, 10)
               : service == "sendspace.com" ? "https://www.sendspace.com/file/" + Hex(rng_, 6)
                                            : "https://www.filemail.com/d/" + Hex(rng_, 16);
        break;
      }
      case 3:
        *link_form = "URL shortener";
        *url = (*rng_)() % 2 ? "https://bit.ly/3" + Hex(rng_, 6)
                             : "https://tinyurl.com/" + Hex(rng_, 7);
        break;
      default: {
        *link_form = "compromised site received here";
        const std::string host = state_->ReceivedSite(2, rng_);
        if (host.empty()) return false;
        *url = "https://" + host + "/wp-content/uploads/" + Hex(rng_, 6) + "/index.html";
      }
    }
    return true;
  }

  // The wide lateral family: a compromised account mails its own usual
  // colleagues beside the directory (Ho et al., USENIX Security 2019), not
  // only strangers, and links whatever the attacker has. An account that
  // wrote at least five internal messages, a light (5-29) or a heavy (30+)
  // internal writer, mails 15 to 25 colleagues of whom none, a fifth to two
  // fifths, or two to three fifths are colleagues it wrote to before, in To
  // or hidden, one of the lateral lures, with the links in turn from
  // `link` (LateralLink).
  // out->variants holds each dimension.
  bool BuildLateralWide(size_t link, int64_t clock, int serial, Attack* out) {
    int written = 0;
    const std::string* sender = LateralSender(&written);
    if (sender == nullptr) return false;
    std::string url, link_form;
    if (!LateralLink(link, &url, &link_form)) return false;
    std::vector<std::string> recipients;
    size_t known = 0;
    if (!LateralRecipients(*sender, &recipients, &known)) return false;
    out->kind = Kind::kLateralWide;
    out->direction = Direction::kOutbound;
    out->rcpt_to = recipients;
    const size_t share = known * 100 / recipients.size();
    std::string to;
    const bool hidden = (*rng_)() % 3 == 0;
    if (hidden) {
      to = *sender;
    } else {
      to = AddressLine(recipients);
    }
    const Lure& lure = Pick(kLateralLures, rng_);
    const BodyFormat format = (*rng_)() % 2 ? BodyFormat::kHtml : BodyFormat::kPlainText;
    const std::string body = LateralLureBody(lure.body, format, url);
    const std::string from = Named(state_->InternalName(*sender), *sender);
    out->variants = {written >= 30 ? "sender: heavy internal writer (30+)"
                                   : "sender: light internal writer (5-29)",
                     share == 0   ? "recipients: none known"
                     : share < 40 ? "recipients: 1-39% known"
                                  : "recipients: 40-60% known",
                     "link: " + link_form, hidden ? "addressed: hidden" : "addressed: To"};
    out->raw = RawMessage("lateral-wide." + std::to_string(serial) + "." + Hex(rng_, 8), clock,
                          from, to, std::string(lure.subject), "", format, body);
    out->summary = fmt::format("{} | From: {} | {} of {} known | {} | {}",
                               kKindNames[static_cast<size_t>(Kind::kLateralWide)], *sender, known,
                               recipients.size(), link_form, url);
    return true;
  }

  // A legitimate message of the wide lateral family's shape: an account
  // that wrote at least five internal messages announces something to 15
  // to 40 colleagues, known or not, linking a site that is new to them, of
  // the kinds real internal announcements link (by `kind`, in turn): press
  // coverage, an HR provider, an IT notice, a charity or event, a survey.
  bool BuildLateralAnnouncement(size_t kind, int64_t clock, int serial, Attack* out) {
    struct Announcement {
      std::string_view label, subject, body;
      std::array<std::string_view, 3> hosts;
      std::string_view path;
    };
    static constexpr std::array<Announcement, 5> kAnnouncements = {{
        {"newsletter: press coverage",
         "In the news this week",
         "Several papers covered our announcement; this article is worth reading:",
         {"www.nytimes.com", "www.wsj.com", "www.reuters.com"},
         "/2001/business/"},
        {"HR notice: benefits provider",
         "Open enrolment: our new 401(k) provider",
         "Our new 401(k) provider's enrolment site is open; please set up your account at",
         {"www.fidelity.com", "www.vanguard.com", "www.aetna.com"},
         "/enroll/"},
        {"IT notice: software update",
         "Please install the security update",
         "IT asks everyone to install this week's security update from",
         {"www.microsoft.com", "www.symantec.com", "www.adobe.com"},
         "/downloads/"},
        {"event or charity sign-up",
         "Charity run: sign up",
         "Our team is running for charity next month; sign up or sponsor us at",
         {"www.unitedway.org", "www.active.com", "www.marchofdimes.com"},
         "/events/"},
        {"survey",
         "Five minutes for our team survey",
         "Please give us five minutes for the team survey:",
         {"www.surveymonkey.com", "www.zoomerang.com", "www.surveymonkey.com"},
         "/s/"},
    }};
    const Announcement& a = kAnnouncements[kind % kAnnouncements.size()];
    int written = 0;
    const std::string* sender = state_->InternalSenderByVolume(5, 1 << 30, rng_, &written);
    if (sender == nullptr) return false;
    const size_t count = 15 + (*rng_)() % 26;
    std::vector<std::string> recipients =
        state_->UsualColleagues(*sender, count * ((*rng_)() % 61) / 100, rng_);
    for (std::string& s : state_->Strangers(*sender, count - recipients.size(), rng_)) {
      recipients.push_back(std::move(s));
    }
    if (recipients.size() < 10) return false;
    std::shuffle(recipients.begin(), recipients.end(), *rng_);
    const std::string url = "https://" + std::string(Pick(a.hosts, rng_)) + std::string(a.path) +
                            Hex(rng_, 6) + ".html";
    std::string to = AddressLine(recipients);
    const std::string from = Named(state_->InternalName(*sender), *sender);
    out->kind = Kind::kLateralWide;
    out->direction = Direction::kOutbound;
    out->rcpt_to = recipients;
    out->variants = {std::string(a.label)};
    out->raw = RawMessage("announcement." + std::to_string(serial) + "." + Hex(rng_, 8), clock,
                          from, to, std::string(a.subject), "",
                          "<p>Hello all,</p><p>" + std::string(a.body) + " <a href=\"" + url +
                              "\">" + url + "</a></p><p>Thanks</p>");
    out->summary = fmt::format("legitimate announcement ({}) | From: {} | {} colleagues | {}",
                               a.label, *sender, recipients.size(), url);
    return true;
  }

  // An announcement's writer and colleagues, shuffled: at the writer's
  // usual reach (an account whose internal mail goes to 10 or more
  // colleagues on average, to between that average and the most it
  // addressed), or beyond it (any account with five internal messages, to
  // 15-40 colleagues, 0-60% of them usual). False below ten.
  bool AnnouncementAudience(bool usual_reach, const std::string** sender,
                            std::vector<std::string>* recipients) {
    size_t count = 0;
    if (usual_reach) {
      size_t average = 0, most = 0;
      *sender = state_->InternalSenderByReach(10, rng_, &average, &most);
      if (*sender == nullptr) return false;
      count = average + (*rng_)() % (most - average + 1);
      *recipients = state_->UsualColleagues(**sender, count, rng_);
    } else {
      int written = 0;
      *sender = state_->InternalSenderByVolume(5, 1 << 30, rng_, &written);
      if (*sender == nullptr) return false;
      count = 15 + (*rng_)() % 26;
      *recipients = state_->UsualColleagues(**sender, count * ((*rng_)() % 61) / 100, rng_);
    }
    for (std::string& s : state_->Strangers(**sender, count - recipients->size(), rng_)) {
      recipients->push_back(std::move(s));
    }
    if (recipients->size() < 10) return false;
    std::shuffle(recipients->begin(), recipients->end(), *rng_);
    return true;
  }

  // Fills *out with `sender`'s legitimate HTML mail to the colleagues
  // `recipients`, a control of the wide lateral family: `variant` is its
  // one variant, `what` what its summary calls it, its id starts with
  // `id_prefix`.
  void ColleagueControl(std::string_view id_prefix, int serial, int64_t clock,
                        const std::string& sender, const std::vector<std::string>& recipients,
                        const std::string& subject, const std::string& body,
                        const std::string& variant, std::string_view what, const std::string& url,
                        Attack* out) {
    out->kind = Kind::kLateralWide;
    out->direction = Direction::kOutbound;
    out->rcpt_to = recipients;
    out->variants = {variant};
    out->raw = RawMessage(std::string(id_prefix) + std::to_string(serial) + "." + Hex(rng_, 8),
                          clock, Named(state_->InternalName(sender), sender),
                          AddressLine(recipients), subject, "", body);
    out->summary = fmt::format("legitimate {} | From: {} | {} colleagues | {}", what, sender,
                               recipients.size(), url);
  }

  // A legitimate announcement of the shape real internal mail has and
  // INTERNAL_LURE_PAGE reads: a provider's sign-in page on a site new to
  // the organisation. Enron's own: an announcements account linking its
  // staff's training and assistance portals ("docent_lm_login.html",
  // "login/login.cfm"), an analyst a research provider's account page, each
  // to as many colleagues as it usually writes to. By `kind`, in turn: such
  // an announcement at its writer's usual reach (an account whose internal
  // mail goes to 10 or more colleagues on average, to between that average
  // and the most it addressed), or
  // beyond it (an account drawn as BuildLateralAnnouncement draws, to 15-40
  // colleagues, 0-60% of them usual): the form lateral phishing takes.
  bool BuildPortalAnnouncement(size_t kind, int64_t clock, int serial, Attack* out) {
    static constexpr std::array<std::string_view, 4> kPortals = {
        "www.netbenefits.com", "www.ceridian.com", "www.skillsoft.com", "www.ultipro.com"};
    static constexpr std::array<std::string_view, 3> kPaths = {
        "/login/login.cfm?company=", "/portal/signin.html?org=", "/account/logon.asp?client="};
    const bool usual_reach = kind % 2 == 0;
    const std::string* sender = nullptr;
    std::vector<std::string> recipients;
    if (!AnnouncementAudience(usual_reach, &sender, &recipients)) return false;
    const std::string url =
        "https://" + std::string(Pick(kPortals, rng_)) + std::string(Pick(kPaths, rng_)) + "enron";
    ColleagueControl("portal-announcement.", serial, clock, *sender, recipients,
                     "Your new benefits and training portal",
                     "<p>Hello all,</p><p>Our new benefits and training portal is open. Sign in "
                     "with your employee number at <a href=\"" +
                         url + "\">" + url + "</a></p><p>Thanks</p>",
                     usual_reach ? "portal sign-in, at the writer's usual reach"
                                 : "portal sign-in, beyond the writer's usual reach",
                     "portal announcement", url, out);
    return true;
  }

  // The wide lateral family's lure as a kit on a neutral path writes it
  // (branch lateral4): the page's address names no sign-in ("/d/8f3a",
  // "/index.html") and only the message says what the page asks, in the
  // sentence before the link or as its anchor text ("sign in with your
  // network password to view it"). Sender and colleagues as
  // BuildLateralWide draws them; the page on a domain of its own, new to
  // the organisation.
  bool BuildLateralTextAsk(int64_t clock, int serial, Attack* out) {
    int written = 0;
    const std::string* sender = LateralSender(&written);
    if (sender == nullptr) return false;
    static constexpr std::array<std::string_view, 3> kNeutralFolders = {"/d/", "/s/", "/view/"};
    const std::string url = "https://" + std::string(Pick(kWords, rng_)) + "-" + Hex(rng_, 4) +
                            "-online.com" +
                            ((*rng_)() % 2 ? std::string(Pick(kNeutralFolders, rng_)) + Hex(rng_, 8)
                                           : "/" + Hex(rng_, 6) + "/index.html");
    std::vector<std::string> recipients;
    size_t known = 0;
    if (!LateralRecipients(*sender, &recipients, &known)) return false;
    const TextAskLure& lure = Pick(kTextAskLures, rng_);
    const BodyFormat format = (*rng_)() % 2 ? BodyFormat::kHtml : BodyFormat::kPlainText;
    const bool in_anchor = format == BodyFormat::kHtml && (*rng_)() % 2;
    const std::string body =
        format == BodyFormat::kPlainText
            ? "Hi all,\n\n" + std::string(lure.asking) + "\n" + url + "\n\nThanks\n"
        : in_anchor ? "<p>Hi all,</p><p>" + std::string(lure.neutral) + " <a href=\"" + url +
                          "\">" + std::string(lure.anchor) + "</a></p><p>Thanks</p>"
                    : "<p>Hi all,</p><p>" + std::string(lure.asking) + " <a href=\"" + url +
                          "\">View document</a></p><p>Thanks</p>";
    std::string to = AddressLine(recipients);
    out->kind = Kind::kLateralWide;
    out->direction = Direction::kOutbound;
    out->rcpt_to = recipients;
    out->variants = {"link: phishing page, neutral path (its ask in the text only)",
                     in_anchor ? "text ask: the anchor text" : "text ask: the sentence before"};
    out->raw = RawMessage("lateral-ask." + std::to_string(serial) + "." + Hex(rng_, 8), clock,
                          Named(state_->InternalName(*sender), *sender), to,
                          std::string(lure.subject), "", format, body);
    out->summary = fmt::format("{} | From: {} | {} of {} known | neutral path, ask in text | {}",
                               kKindNames[static_cast<size_t>(Kind::kLateralWide)], *sender, known,
                               recipients.size(), url);
    return true;
  }

  // Legitimate mail shaped like BuildLateralTextAsk's, by `kind` in turn: a
  // provider's portal announced with its sign-in in the text and a neutral
  // path ("Sign in with your employee number at …/enron/portal"), at the
  // writer's usual reach or beyond it (AnnouncementAudience), and a
  // colleague asking many colleagues to "please sign and return" a
  // contract whose terms are on a site the organisation received (three
  // messages or more).
  bool BuildTextAskControl(size_t kind, int64_t clock, int serial, Attack* out) {
    static constexpr std::array<std::string_view, 4> kPortals = {
        "www.netbenefits.com", "www.ceridian.com", "www.skillsoft.com", "www.ultipro.com"};
    const size_t variant = kind % 3;
    const std::string* sender = nullptr;
    std::vector<std::string> recipients;
    if (!AnnouncementAudience(variant == 0, &sender, &recipients)) return false;
    std::string url, subject, body, label;
    if (variant < 2) {
      url = "https://" + std::string(Pick(kPortals, rng_)) + "/enron/" + Hex(rng_, 6);
      subject = "Your new benefits and training portal";
      body =
          "<p>Hello all,</p><p>Our new benefits and training portal is open. Sign in with "
          "your employee number and password at <a href=\"" +
          url + "\">" + url + "</a></p><p>Thanks</p>";
      label = variant == 0 ? "portal sign-in in the text, at the writer's usual reach"
                           : "portal sign-in in the text, beyond the writer's usual reach";
    } else {
      const std::string host = state_->ReceivedSite(3, rng_);
      if (host.empty()) return false;
      url = "https://" + host + "/contracts/" + Hex(rng_, 6) + ".html";
      subject = "Contract: please sign and return";
      body =
          "<p>Hello all,</p><p>Please sign and return the attached contract by Friday; the "
          "counterparty's terms are at <a href=\"" +
          url + "\">" + url + "</a></p><p>Thanks</p>";
      label = "please sign and return, terms on a site received here";
    }
    ColleagueControl("text-ask-control.", serial, clock, *sender, recipients, subject, body, label,
                     label, url, out);
    return true;
  }

  // Legitimate mail that asks colleagues to sign at a site new to the
  // organisation, beside the lateral lures that ask a signature on a
  // document there (INTERNAL_LURE_PAGE, LinkAsk::signature; written with
  // that reading, before it was first measured). By `kind`, in
  // turn: a farewell card, and a petition or a sign-up sheet, each to
  // colleagues beyond the writer's usual reach (AnnouncementAudience) on a
  // site no one here received; and a counterparty's agreement to review and
  // sign on its own site, new here, sent to three to six colleagues the
  // writer writes to.
  bool BuildSignatureControl(size_t kind, int64_t clock, int serial, Attack* out) {
    const size_t variant = kind % 3;
    const std::string* sender = nullptr;
    std::vector<std::string> recipients;
    std::string url, subject, text, label;
    if (variant < 2) {
      if (!AnnouncementAudience(false, &sender, &recipients)) return false;
    } else {
      int written = 0;
      sender = state_->InternalSenderByVolume(5, 1 << 30, rng_, &written);
      if (sender == nullptr) return false;
      recipients = state_->UsualColleagues(*sender, 3 + (*rng_)() % 4, rng_);
      if (recipients.size() < 3) return false;
    }
    if (variant == 0) {
      const std::vector<std::string> leaving = state_->Staff(1, rng_);
      if (leaving.empty()) return false;
      static constexpr std::array<std::string_view, 3> kCards = {
          "https://www.kudoboard.com/boards/", "https://www.groupgreeting.com/sign/",
          "https://www.sendwishonline.com/en/c/"};
      url = std::string(Pick(kCards, rng_)) + Hex(rng_, 8);
      subject = "Farewell card";
      text = "As most of you know, " + state_->InternalName(leaving.front()) +
             " leaves us on Friday after eleven years. Please sign the farewell card before "
             "Thursday:";
      label = "a farewell card to sign, beyond the writer's usual reach";
    } else if (variant == 1) {
      const bool petition = (*rng_)() % 2;
      url = petition ? "https://www.change.org/p/" + Hex(rng_, 8)
                     : "https://www.signupgenius.com/go/" + Hex(rng_, 8);
      subject = petition ? "Crossing at the garage" : "Holiday party";
      text = petition
                 ? "Three of us were nearly hit leaving the garage this month. Please sign the "
                   "petition to the city for a crossing:"
                 : "Please sign up for the holiday party by the 10th; the sheet is here:";
      label = "a petition or a sign-up sheet, beyond the writer's usual reach";
    } else {
      // Named as a firm is, not with kWords' lure words ("accounts" reads
      // as a sign-in page, which this control is not about).
      static constexpr std::array<std::string_view, 6> kCounterparties = {
          "halvorsen", "brightwater", "oakridge", "pinecrest", "stonebridge", "merrow"};
      url = "https://www." + std::string(Pick(kCounterparties, rng_)) + "-" + Hex(rng_, 4) +
            "-partners.com/agreements/" + Hex(rng_, 6);
      subject = "Agreement for signature";
      text = "The counterparty sent its agreement. Please review and sign it by Friday:";
      label = "a counterparty's agreement to sign, its site new here, to the usual colleagues";
    }
    ColleagueControl(
        "signature-control.", serial, clock, *sender, recipients, subject,
        "<p>Hello all,</p><p>" + text + " <a href=\"" + url + "\">" + url + "</a></p><p>Thanks</p>",
        label, label, url, out);
    return true;
  }

  // Legitimate mail shaped like the wide lateral family's file-share lures
  // (branch lateral5, FIRST_FILESHARE_DOMAIN at full strength between
  // colleagues beyond the account's circle): a colleague shares a file on
  // a platform new to the organisation (WideShareUrl's forms, or a
  // file-transfer service), by `kind` in turn with its usual colleagues and
  // three to five it never wrote to, or with 15-25 colleagues of whom two to
  // three fifths are usual (the lure's own audience, LateralRecipients).
  bool BuildToolShareControl(size_t kind, int64_t clock, int serial, Attack* out) {
    int written = 0;
    const std::string* sender = state_->InternalSenderByVolume(5, 1 << 30, rng_, &written);
    if (sender == nullptr) return false;
    const bool team = kind % 2 == 0;
    std::vector<std::string> recipients;
    if (team) {
      recipients = state_->UsualColleagues(*sender, 5 + (*rng_)() % 8, rng_);
      for (std::string& s : state_->Strangers(*sender, 3 + (*rng_)() % 3, rng_)) {
        recipients.push_back(std::move(s));
      }
    } else {
      const size_t count = 15 + (*rng_)() % 11;
      recipients = state_->UsualColleagues(*sender, count * (40 + (*rng_)() % 21) / 100, rng_);
      for (std::string& s : state_->Strangers(*sender, count - recipients.size(), rng_)) {
        recipients.push_back(std::move(s));
      }
    }
    if (recipients.size() < 8) return false;
    std::shuffle(recipients.begin(), recipients.end(), *rng_);
    std::string form;
    const std::string url = (*rng_)() % 3 == 0 ? "https://wetransfer.com/downloads/" +
                                                     Hex(rng_, 32) + "/" + Hex(rng_, 6)
                                               : WideShareUrl(&form);
    static constexpr std::array<std::string_view, 3> kShares = {
        "The slides from this morning's meeting are too large to mail; they are here:",
        "We are keeping the project's working files in one shared place from now on; the "
        "schedule is at",
        "Here are the photos from Friday's team lunch:"};
    const std::string body = "<p>Hi all,</p><p>" + std::string(Pick(kShares, rng_)) +
                             " <a href=\"" + url + "\">" + url + "</a></p><p>Thanks</p>";
    ColleagueControl("tool-share.", serial, clock, *sender, recipients, "Shared files", body,
                     team ? "a file shared with the usual colleagues and 3-5 new ones"
                          : "a file shared with 15-25 colleagues, 40-60% usual",
                     "file share", url, out);
    return true;
  }

  // Legitimate mail shaped like the lateral lures on a new tenant of a
  // platform the organisation's mail links (branch lateral15): a colleague
  // passes on the link to a partner's shared space delivered here, accepted
  // or tagged (the inbound new-tenant setup, MailboxState::received_spaces),
  // by `kind` in turn to the wide lateral
  // family's audience (LateralRecipients) or to its usual colleagues. False
  // when no such link was accepted yet.
  bool BuildPartnerSpaceControl(size_t kind, int64_t clock, int serial, Attack* out) {
    const auto& received = state_->received_spaces();
    if (received.empty()) return false;
    int written = 0;
    const std::string* sender = LateralSender(&written);
    if (sender == nullptr) return false;
    const bool wide = kind % 2 == 0;
    std::vector<std::string> recipients;
    size_t known = 0;
    if (wide) {
      if (!LateralRecipients(*sender, &recipients, &known)) return false;
    } else {
      recipients = state_->UsualColleagues(*sender, 5 + (*rng_)() % 8, rng_);
      if (recipients.size() < 3) return false;
    }
    const auto& [platform, url] = received[(*rng_)() % received.size()];
    ColleagueControl("partner-space.", serial, clock, *sender, recipients, "Files from our partner",
                     "<p>Hi all,</p><p>Our partner put the files for the joint project on their "
                     "shared space: <a href=\"" +
                         url + "\">" + url + "</a></p><p>Thanks</p>",
                     wide ? "a partner's space passed on to 15-25 colleagues, 0-60% usual"
                          : "a partner's space passed on to the usual colleagues",
                     "partner's space (" + platform + ")", url, out);
    return true;
  }

  // The compromised colleague's first mail (kLateralFirstMail): an account
  // that wrote no internal mail before mails 15 to 25 colleagues, none of
  // whom it ever wrote to, one of the lateral lures linking, by `index` in
  // turn, the first three of LateralLink's: a phishing page on a new
  // domain, a file-share platform's page or a file-transfer service.
  bool BuildLateralFirstMail(size_t index, int64_t clock, int serial, Attack* out) {
    const std::string* sender = state_->SilentColleague(rng_);
    if (sender == nullptr) return false;
    std::string url, link_form;
    if (!LateralLink(index % 3, &url, &link_form)) return false;
    const std::vector<std::string> recipients =
        state_->Strangers(*sender, 15 + (*rng_)() % 11, rng_);
    if (recipients.size() < 10) return false;
    std::string to = AddressLine(recipients);
    const Lure& lure = Pick(kLateralLures, rng_);
    const BodyFormat format = (*rng_)() % 2 ? BodyFormat::kHtml : BodyFormat::kPlainText;
    const std::string body = LateralLureBody(lure.body, format, url);
    out->kind = Kind::kLateralFirstMail;
    out->direction = Direction::kOutbound;
    out->rcpt_to = recipients;
    out->variants = {"link: " + link_form};
    out->raw = RawMessage("lateral-first." + std::to_string(serial) + "." + Hex(rng_, 8), clock,
                          Named(state_->InternalName(*sender), *sender), to,
                          std::string(lure.subject), "", format, body);
    out->summary = fmt::format("{} | From: {} | {} colleagues | {} | {}",
                               kKindNames[static_cast<size_t>(Kind::kLateralFirstMail)], *sender,
                               recipients.size(), link_form, url);
    return true;
  }

  // Legitimate first mails of accounts that wrote no internal mail before,
  // to 15 to 25 colleagues, by `kind` in turn: news of a partner linking
  // its site, new to the organisation; slides shared on a file-share
  // platform new here (WideShareUrl).
  bool BuildLateralFirstMailControl(size_t kind, int64_t clock, int serial, Attack* out) {
    const std::string* sender = state_->SilentColleague(rng_);
    if (sender == nullptr) return false;
    const std::vector<std::string> recipients =
        state_->Strangers(*sender, 15 + (*rng_)() % 11, rng_);
    if (recipients.size() < 10) return false;
    std::string to = AddressLine(recipients);
    std::string url, label, subject, text;
    if (kind % 2 == 0) {
      static constexpr std::array<std::string_view, 3> kPartners = {
          "tecnomare-offshore.it", "nordic-lng-terminals.no", "gulfcoast-pipeline-news.com"};
      url = "https://www." + std::string(Pick(kPartners, rng_)) + "/news/" + Hex(rng_, 6) + ".html";
      label = "a partner's news, its site new here";
      subject = "Floating LNG terminal: the partner's announcement";
      text = "For those following the terminal project, the partner's announcement is here:";
    } else {
      std::string form;
      url = WideShareUrl(&form);
      label = "slides on a file-share platform new here (" + form + ")";
      subject = "Slides from this morning";
      text = "The slides from this morning's meeting are too large to mail; they are here:";
    }
    out->kind = Kind::kLateralFirstMail;
    out->direction = Direction::kOutbound;
    out->rcpt_to = recipients;
    out->variants = {label};
    out->raw = RawMessage("first-mail." + std::to_string(serial) + "." + Hex(rng_, 8), clock,
                          Named(state_->InternalName(*sender), *sender), to, subject, "",
                          BodyFormat::kPlainText, "Hi all,\n\n" + text + " " + url + "\n\nBest\n");
    out->summary = fmt::format("legitimate first mail ({}) | From: {} | {} colleagues | {}", label,
                               *sender, recipients.size(), url);
    return true;
  }

  // The compromised colleague in the shapes the other lateral families do
  // not draw (branch lateral6), the `index`th of the mailbox taking shape
  // kOtherShapes[index % 5]: (a) the lure only in an attachment, an HTML
  // page that posts or sends the browser to a phishing site, or a PDF
  // linking one, "please review the attached"; (b) a reply into an
  // internal thread the account took part in, to its participants and 5-12
  // colleagues more, the lure link added; (c) the wide lateral family's
  // colleagues and 2-5 of the organisation's outside correspondents in one
  // mailing; (d) a document on a platform the organisation's mail already
  // links (Google Docs or Drive where staff's mail linked google.com; a
  // new tenant of a platform the new-tenant setup linked), only its path or
  // tenant new; (e) the ask in the text only ("your mailbox is full, sign
  // in at …") on a neutral path of a site the organisation received mail
  // linking (a compromised site). Sender and colleagues as the wide lateral
  // family draws them (LateralSender, LateralRecipients), but for (b).
  static constexpr std::array<std::string_view, 5> kOtherShapes = {
      "(a) lure in an attachment, no link in the body",
      "(b) reply into an internal thread, participants + colleagues",
      "(c) colleagues and outside correspondents in one mailing",
      "(d) a document on a platform the organisation links",
      "(e) the ask in the text, on a site received here"};
  bool BuildLateralOtherShape(size_t index, int64_t clock, int serial, Attack* out) {
    const size_t shape = index % kOtherShapes.size();
    int written = 0;
    const std::string* sender = nullptr;
    std::string writer;
    const ThreadState* thread = nullptr;
    std::vector<std::string> recipients;
    size_t known = 0;
    if (shape == 1) {
      thread = state_->InternalThread(3, false, rng_, &writer);
      if (thread == nullptr) return false;
      sender = &writer;
      for (const std::string& p : thread->parties) {
        if (p != writer) recipients.push_back(p);
      }
      known = recipients.size();
      for (std::string& s : state_->Strangers(writer, 5 + (*rng_)() % 8, rng_)) {
        recipients.push_back(std::move(s));
      }
    } else {
      sender = LateralSender(&written);
      if (sender == nullptr || !LateralRecipients(*sender, &recipients, &known)) return false;
    }
    std::string detail;
    if (shape == 2) {
      const std::vector<std::string> outside =
          state_->OutsideCorrespondents(2 + (*rng_)() % 4, rng_);
      if (outside.size() < 2) return false;
      recipients.insert(recipients.end(), outside.begin(), outside.end());
      std::shuffle(recipients.begin(), recipients.end(), *rng_);
      detail = "outside correspondents: " + std::to_string(outside.size());
    }
    const std::string from = Named(state_->InternalName(*sender), *sender);
    const std::string to = AddressLine(recipients);
    const std::string id = "lateral-other." + std::to_string(serial) + "." + Hex(rng_, 8);
    const std::string phishing = (*rng_)() % 2 ? NewDomainUrl(rng_)
                                               : "https://" + std::string(Pick(kBrandish, rng_)) +
                                                     "-" + Hex(rng_, 3) + ".com/d/" + Hex(rng_, 10);
    std::string url = phishing;
    const BodyFormat format = (*rng_)() % 2 ? BodyFormat::kHtml : BodyFormat::kPlainText;
    auto body_with = [&](std::string_view sentence) {
      return format == BodyFormat::kHtml
                 ? "<p>Hi all,</p><p>" + std::string(sentence) + " " + LinkIn(format, url) +
                       "</p><p>Thanks</p>"
                 : "Hi all,\n\n" + std::string(sentence) + " " + url + "\n\nThanks\n";
    };
    switch (shape) {
      case 0: {
        const std::string word(Pick(kWords, rng_));
        std::string filename, content_type, content;
        switch ((*rng_)() % 3) {
          case 0:
            detail = "attached page: a sign-in form posting out";
            filename = word + "_" + Hex(rng_, 4) + ".html";
            content_type = "text/html";
            content = "<html><body><h3>Sign in with your Enron account to view the " + word +
                      "</h3><form method=\"post\" action=\"" + url +
                      "\"><input name=\"email\"><input type=\"password\" name=\"pass\">"
                      "<button>View</button></form></body></html>";
            break;
          case 1:
            detail = "attached page: sends the browser on";
            filename = word + ".htm";
            content_type = "application/octet-stream";
            content = "<html><head><meta http-equiv=\"refresh\" content=\"0; url=" + url +
                      "\"></head><body>Loading...</body></html>";
            break;
          default: {
            const bool packed = (*rng_)() % 2;
            detail = packed ? "attached PDF: link in an object stream" : "attached PDF: link";
            filename = "Review_" + std::to_string(1000 + (*rng_)() % 9000) + ".pdf";
            content_type = "application/pdf";
            content = PdfLinking(url, packed ? PdfLayout::kObjectStream : PdfLayout::kPlain);
          }
        }
        out->raw =
            MessageWithAttachment(id, clock, from, to, "Please review: " + word,
                                  "Hi all,\n\nPlease review the attached before Friday.\n\nThanks",
                                  content_type, filename, content);
        break;
      }
      case 1: {
        url = (*rng_)() % 2 ? phishing : FirstSeenShareUrl();
        const std::string lure(Pick(kHijackLures, rng_));
        out->raw =
            RawMessage(id, clock, from, to, "RE: " + thread->subject, ReplyHeaders(*thread), format,
                       QuotingReply(*thread, format, lure + " " + LinkIn(format, url)));
        detail = "thread participants: " + std::to_string(known);
        break;
      }
      case 2: {
        const Lure& lure = Pick(kLateralLures, rng_);
        out->raw = RawMessage(id, clock, from, to, std::string(lure.subject), "", format,
                              body_with(lure.body));
        break;
      }
      case 3: {
        // Google's documents only where staff's own mail linked google.com
        // (rare in Enron's, which predates them); else a new tenant of a
        // platform the new-tenant setup linked here.
        const auto& tenants = state_->tenants();
        const bool google = state_->OwnMailLinked("google.com") && (*rng_)() % 2;
        if (!google && tenants.empty()) return false;
        if (google) {
          const bool docs = (*rng_)() % 2;
          url = docs ? "https://docs.google.com/document/d/1" + Hex(rng_, 30) + "/edit?usp=sharing"
                     : "https://drive.google.com/file/d/1" + Hex(rng_, 30) + "/view?usp=sharing";
          detail =
              std::string(docs ? "Google Docs" : "Google Drive") + ", google.com linked by staff";
        } else {
          auto platform = tenants.begin();
          std::advance(platform, (*rng_)() % tenants.size());
          std::string name = std::string(Pick(kTenantFirms, rng_)) + Hex(rng_, 3), form;
          url = TenantLink(platform->first, &name, &form);
          detail = "new tenant of " + platform->first + ", a platform linked here";
        }
        out->raw = RawMessage(id, clock, from, to, "shared \"Q3 bonus allocation.xlsx\" with you",
                              "", format, body_with("I shared a document with you:"));
        break;
      }
      default: {
        static constexpr std::array<std::pair<std::string_view, std::string_view>, 3> kAsks = {{
            {"Your mailbox is full",
             "Your mailbox is full and will stop receiving mail today. Sign in with your network "
             "password to raise your quota at"},
            {"Action required: mailbox migration",
             "Our mail system moves this week; sign in with your network password to keep your "
             "mailbox:"},
            {"Password expiry notice",
             "Your network password expires today. Log in to keep your current password:"},
        }};
        const std::string host = state_->ReceivedSite(3, rng_);
        if (host.empty()) return false;
        url = "https://" + host + "/" + std::string(Pick(kWords, rng_)) + "/" + Hex(rng_, 6) +
              "/index.php";
        const auto& [subject, ask] = Pick(kAsks, rng_);
        out->raw =
            RawMessage(id, clock, from, to, std::string(subject), "", format, body_with(ask));
        detail = "site received here, neutral path";
      }
    }
    out->kind = Kind::kLateralOther;
    out->direction = Direction::kOutbound;
    out->rcpt_to = recipients;
    out->variants = {std::string(kOtherShapes[shape]),
                     std::string(kOtherShapes[shape].substr(0, 3)) + " " + detail};
    out->summary = fmt::format("{} | From: {} | {} of {} known | {} | {} | {}",
                               kKindNames[static_cast<size_t>(out->kind)], *sender, known,
                               recipients.size(), kOtherShapes[shape], detail, url);
    return true;
  }

  // Legitimate mail shaped like BuildLateralOtherShape's, by `kind` in
  // turn: (a) a colleague's wide mailing (its colleagues drawn as the
  // lure's) with an attachment, an agenda PDF linking the venue's site (new
  // here) or an HTML newsletter linking a site the organisation's mail
  // links; (b) a reply-all in an internal thread adding a link to a site
  // linked in that thread before, to its participants and 1-3 colleagues
  // more; (c) a mailing to usual colleagues and 2-5 of the organisation's
  // outside correspondents linking a site the writer linked before; (d) a
  // Google Doc shared among the writer's usual team (5-12 colleagues).
  static constexpr std::array<std::string_view, 4> kOtherShapeControls = {
      "(a) wide mailing with an attachment (agenda PDF, HTML newsletter)",
      "(b) reply-all in a thread, a site linked there before",
      "(c) colleagues and partners, the writer's usual site",
      "(d) a Google Doc shared among the usual team"};
  bool BuildLateralOtherControl(size_t kind, int64_t clock, int serial, Attack* out) {
    const size_t shape = kind % kOtherShapeControls.size();
    int written = 0;
    std::string writer;
    const std::string* sender = nullptr;
    const ThreadState* thread = nullptr;
    std::vector<std::string> recipients;
    size_t known = 0;
    if (shape == 1) {
      thread = state_->InternalThread(3, true, rng_, &writer);
      if (thread == nullptr) return false;
      sender = &writer;
      for (const std::string& p : thread->parties) {
        if (p != writer) recipients.push_back(p);
      }
      for (std::string& s : state_->Strangers(writer, 1 + (*rng_)() % 3, rng_)) {
        recipients.push_back(std::move(s));
      }
    } else if (shape == 0) {
      sender = LateralSender(&written);
      if (sender == nullptr || !LateralRecipients(*sender, &recipients, &known)) return false;
    } else {
      sender = state_->InternalSenderByVolume(5, 1 << 30, rng_, &written);
      if (sender == nullptr) return false;
      recipients = state_->UsualColleagues(*sender, 5 + (*rng_)() % 8, rng_);
      if (recipients.size() < 3) return false;
    }
    std::string url, detail;
    const std::string from = Named(state_->InternalName(*sender), *sender);
    const std::string id = "lateral-other-control." + std::to_string(serial) + "." + Hex(rng_, 8);
    switch (shape) {
      case 0:
        if ((*rng_)() % 2) {
          static constexpr std::array<std::string_view, 3> kVenues = {
              "www.hyatt-regency-houston.com", "www.woodlandsresort.com",
              "www.houstonmarriottwestchase.com"};
          url = "https://" + std::string(Pick(kVenues, rng_)) + "/directions";
          detail = "agenda PDF, the venue's site";
          out->raw = MessageWithAttachment(
              id, clock, from, AddressLine(recipients), "Agenda for the offsite",
              "Hi all,\n\nThe agenda for next week's offsite is attached; directions to the "
              "venue are in it.\n\nThanks",
              "application/pdf", "Offsite_Agenda.pdf", PdfLinking(url, PdfLayout::kPlain));
        } else {
          const std::string host = state_->OwnLinkedSite(3, rng_);
          if (host.empty()) return false;
          url = "https://" + host + "/news/" + Hex(rng_, 6) + ".html";
          detail = "HTML newsletter, a site staff link";
          out->raw = MessageWithAttachment(
              id, clock, from, AddressLine(recipients), "This month's group newsletter",
              "Hi all,\n\nThis month's newsletter is attached.\n\nThanks", "text/html",
              "Newsletter.html",
              "<html><body><h3>Group newsletter</h3><p>This month's industry news: <a href=\"" +
                  url + "\">read more</a></p></body></html>");
        }
        break;
      case 1: {
        url = "https://" + thread->link_host + "/" + Hex(rng_, 6) + ".html";
        detail = "a site linked in the thread";
        out->raw = RawMessage(
            id, clock, from, AddressLine(recipients), "RE: " + thread->subject,
            ReplyHeaders(*thread), BodyFormat::kPlainText,
            QuotingReply(*thread, BodyFormat::kPlainText,
                         "Adding a few more people. The latest version is here: " + url));
        break;
      }
      case 2: {
        const std::string host = state_->SenderLinkedSite(*sender, rng_);
        if (host.empty()) return false;
        const std::vector<std::string> outside =
            state_->OutsideCorrespondents(2 + (*rng_)() % 4, rng_);
        if (outside.size() < 2) return false;
        recipients.insert(recipients.end(), outside.begin(), outside.end());
        std::shuffle(recipients.begin(), recipients.end(), *rng_);
        url = "https://" + host + "/" + Hex(rng_, 6) + ".html";
        detail = "the writer's usual site";
        out->raw = RawMessage(id, clock, from, AddressLine(recipients), "Update for the group", "",
                              "<p>Hello all,</p><p>The update we discussed is at <a href=\"" + url +
                                  "\">" + url + "</a></p><p>Thanks</p>");
        break;
      }
      default:
        url = "https://docs.google.com/document/d/1" + Hex(rng_, 30) + "/edit?usp=sharing";
        detail = "Google Docs, usual team";
        out->raw = RawMessage(id, clock, from, AddressLine(recipients), "Draft for comments", "",
                              "<p>Hi all,</p><p>I put the draft in a shared document; please add "
                              "your comments: <a href=\"" +
                                  url + "\">" + url + "</a></p><p>Thanks</p>");
    }
    out->kind = Kind::kLateralOther;
    out->direction = Direction::kOutbound;
    out->rcpt_to = recipients;
    out->variants = {std::string(kOtherShapeControls[shape])};
    out->summary = fmt::format("legitimate {} | From: {} | {} recipients | {} | {}",
                               kOtherShapeControls[shape], *sender, recipients.size(), detail, url);
    return true;
  }

  // --- The masked-links-and-tenants family (branch masked14; masked_forms.h) ---
  // A known sender's masked link in each form of kMaskedLinkForms, and a
  // new tenant in a URL form the new-tenant family does not draw: (h) on a
  // platform whose other tenants the organisation's mail links (the
  // new-tenant setup), (i) a Notion or Webflow site. The `index`th of the
  // mailbox takes kMaskedFamilyForms[index % 11]: each masked form once,
  // (h) three times, (i) once.
  static constexpr std::array<std::string_view, 2> kTenantFormLabels = {
      "(h) tenant: a new tenant, a platform linked here, a form not drawn before",
      "(i) tenant: a Notion or Webflow site"};
  bool BuildMaskedForm(size_t index, int64_t clock, int serial, Attack* out) {
    const size_t slot = index % 11;
    const Correspondent* vendor = UnusedKnownSender();
    const std::vector<std::string> staff = state_->Staff(1 + (*rng_)() % 2, rng_);
    if (vendor == nullptr || staff.empty()) return false;
    const std::string from = Named(vendor->display_name, vendor->address);
    const std::string to = AddressLine(staff);
    const std::string id = "masked-form." + std::to_string(serial) + "." + Hex(rng_, 8);
    std::string label, detail, url, html, plain;
    if (slot < kMaskedLinkForms.size()) {
      std::string platform_url, platform_detail;
      if (slot == 0) {
        // Another organisation's page on a platform the organisation's
        // mail links (a tenant of the new-tenant setup's platforms), or
        // Google's, Dropbox's and Box's own file pages.
        const auto& tenants = state_->tenants();
        if (!tenants.empty() && (*rng_)() % 2) {
          auto platform = tenants.begin();
          std::advance(platform, (*rng_)() % tenants.size());
          std::string name = NewTenantName(*vendor), form;
          platform_url = TenantLink(platform->first, &name, &form);
          platform_detail = "a tenant of " + platform->first + ", a platform linked here";
        } else {
          static constexpr std::array<std::string_view, 4> kPages = {
              "https://docs.google.com/document/d/1{h}/edit?usp=sharing",
              "https://drive.google.com/file/d/1{h}/view?usp=sharing",
              "https://www.dropbox.com/s/{h}/Invoice.pdf?dl=0", "https://app.box.com/s/{h}"};
          const size_t page = (*rng_)() % kPages.size();
          platform_url = std::string(kPages[page]);
          platform_url.replace(platform_url.find("{h}"), 3, Hex(rng_, 28));
          platform_detail = page < 2   ? "Google Docs or Drive"
                            : page < 3 ? "Dropbox"
                                       : "Box (app.box.com)";
        }
      }
      const std::string phish = NewDomainUrl(rng_);
      const std::string phish_host = phish.substr(8, phish.find('/', 8) - 8);
      MaskedLure lure = WriteMaskedLure(slot, Domain(vendor->address), phish_host, platform_url,
                                        platform_detail, rng_);
      label = std::string(kMaskedLinkForms[slot]);
      detail = std::move(lure.detail);
      url = std::move(lure.url);
      html = std::move(lure.html);
      plain = std::move(lure.plain);
    } else {
      const bool linked_platform = slot < 10;
      std::string name = NewTenantName(*vendor);
      if (linked_platform) {
        const auto& tenants = state_->tenants();
        if (tenants.empty()) return false;
        auto platform = tenants.begin();
        std::advance(platform, (*rng_)() % tenants.size());
        for (int tries = 0; tries < 5 && platform->second.count(name) > 0; ++tries) {
          name = NewTenantName(*vendor);
        }
        url = NewTenantFormUrl(platform->first, name, rng_, &detail);
        if (url.empty()) {  // r2.dev: a bucket's name is a random token
          url = TenantLink(platform->first, &name, &detail);
        }
      } else {
        const bool notion = (*rng_)() % 2;
        detail = notion ? "Notion site (x.notion.site)" : "Webflow site (x.webflow.io)";
        url = "https://" + name + (notion ? ".notion.site/Invoice-" : ".webflow.io/invoice-") +
              Hex(rng_, 8);
      }
      label = std::string(kTenantFormLabels[linked_platform ? 0 : 1]);
      const Lure& lure = Pick(kTenantLures, rng_);
      html = "<p>Hello,</p><p>" + std::string(lure.body) + " <a href=\"" + url + "\">" +
             std::string(Pick(kGenericText, rng_)) + "</a></p><p>Thanks</p>";
    }
    out->raw = RawMessage(id, clock, from, to, "Revised invoice", "", html);
    if (!plain.empty()) {
      // As Outlook sends it: multipart/alternative, the text/plain part
      // writing each link as "TEXT <URL>".
      constexpr std::string_view kHtmlType = "Content-Type: text/html; charset=us-ascii\n\n";
      const size_t type_at = out->raw.find(kHtmlType);
      const std::string boundary = "alt-" + Hex(rng_, 12);
      out->raw = out->raw.substr(0, type_at) + "Content-Type: multipart/alternative; boundary=\"" +
                 boundary + "\"\n\n--" + boundary +
                 "\nContent-Type: text/plain; charset=us-ascii\n\n" + plain + "\n--" + boundary +
                 "\n" + std::string(kHtmlType) + out->raw.substr(type_at + kHtmlType.size()) +
                 "\n--" + boundary + "--\n";
    }
    out->kind = Kind::kMaskedForms;
    out->direction = Direction::kInbound;
    out->rcpt_to = staff;
    out->variants = {label, label.substr(0, 3) + " " + detail};
    out->summary =
        fmt::format("{} | From: {} | {} | {} | {}", kKindNames[static_cast<size_t>(out->kind)],
                    vendor->address, label, detail, url);
    return true;
  }

  // A known correspondent's link to a file-share page that names no
  // tenant (UnreadableTenantUrl): not counted toward a target, since no
  // reading of the URL can tell whose page it is.
  bool BuildUnreadableTenant(size_t, int64_t clock, int serial, Attack* out) {
    const Correspondent* vendor = UnusedKnownSender();
    const std::vector<std::string> staff = state_->Staff(1 + (*rng_)() % 2, rng_);
    if (vendor == nullptr || staff.empty()) return false;
    std::string form;
    const std::string url = UnreadableTenantUrl(rng_, &form);
    const Lure& lure = Pick(kTenantLures, rng_);
    out->raw = RawMessage("unreadable-tenant." + std::to_string(serial) + "." + Hex(rng_, 8), clock,
                          Named(vendor->display_name, vendor->address), AddressLine(staff),
                          std::string(lure.subject), "",
                          "<p>Hello,</p><p>" + std::string(lure.body) + " <a href=\"" + url +
                              "\">Open</a></p><p>Thanks</p>");
    out->kind = Kind::kMaskedForms;
    out->direction = Direction::kInbound;
    out->rcpt_to = staff;
    out->variants = {"(u) lure, tenant unreadable: " + form};
    out->summary =
        fmt::format("unreadable tenant | From: {} | {} | {}", vendor->address, form, url);
    return true;
  }

  // Legitimate mail shaped like BuildMaskedForm's masked links, by `kind`
  // in turn: (1) a known sender's newsletter whose links show its own pages
  // but go through a click tracker on a site the organisation's mail links,
  // (2) the same through an email service's tracker new here (Mailchimp,
  // SendGrid, Constant Contact), (3) a known sender's link whose text shows
  // its own other domain while it goes to its usual one, (4) a colleague's
  // forward of such a newsletter to 1-3 colleagues. The sender is a known
  // correspondent at an organisation's own domain (OrganisationSender).
  static constexpr std::array<std::string_view, 4> kMaskedControls = {
      "(1) newsletter, tracker on a site linked here", "(2) newsletter, an ESP's tracker new here",
      "(3) text shows the sender's other domain", "(4) a colleague forwards a newsletter"};
  bool BuildMaskedControl(size_t kind, int64_t clock, int serial, Attack* out) {
    const size_t shape = kind % kMaskedControls.size();
    // A newsletter is an organisation's: never a mailbox provider's sender.
    std::string domain;
    const Correspondent* vendor =
        OrganisationSender([](const Correspondent&) { return true; }, &domain);
    if (vendor == nullptr) return false;
    const std::string org = domain.substr(0, domain.find('.'));
    auto tracker = [&](size_t esp) {
      switch (esp) {
        case 0:
          return "https://" + org + ".us" + std::to_string(2 + (*rng_)() % 18) +
                 ".list-manage.com/track/click?u=" + Hex(rng_, 24) + "&id=" + Hex(rng_, 10);
        case 1:
          return "https://u" + std::to_string(1000000 + (*rng_)() % 9000000) +
                 ".ct.sendgrid.net/ls/click?upn=" + Hex(rng_, 40);
        default:
          return "https://r20.rs6.net/tn.jsp?f=001" + Hex(rng_, 30) + "&c=" + Hex(rng_, 12);
      }
    };
    std::string href, detail;
    std::string text = "https://www." + domain + "/news/" + Hex(rng_, 4);
    if (shape == 0) {
      const std::string host = state_->ReceivedSite(3, rng_);
      if (host.empty()) return false;
      href = "https://" + host + "/click/" + Hex(rng_, 16);
      detail = "tracker " + host;
    } else if (shape == 2) {
      text = "www." + org + "direct.com";
      href = "https://www." + domain + "/direct/" + Hex(rng_, 6);
      detail = "shows " + text;
    } else {
      const size_t esp = (*rng_)() % 3;
      href = tracker(esp);
      detail = esp == 0 ? "Mailchimp" : esp == 1 ? "SendGrid" : "Constant Contact";
    }
    const std::string newsletter = "<p>This month at " + org + ":</p><p>Read more at <a href=\"" +
                                   href + "\">" + text + "</a></p><p><a href=\"" + href +
                                   "&u=1\">Unsubscribe</a></p>";
    const std::string id = "masked-control." + std::to_string(serial) + "." + Hex(rng_, 8);
    if (shape == 3) {
      int written = 0;
      const std::string* sender = state_->InternalSenderByVolume(5, 1 << 30, rng_, &written);
      if (sender == nullptr) return false;
      const std::vector<std::string> colleagues =
          state_->UsualColleagues(*sender, 1 + (*rng_)() % 3, rng_);
      if (colleagues.empty()) return false;
      out->raw = RawMessage(id, clock, Named(state_->InternalName(*sender), *sender),
                            AddressLine(colleagues), "Fwd: " + org + " newsletter", "",
                            "<p>FYI, worth a look.</p><p>-----Original Message-----<br>From: " +
                                vendor->address + "</p>" + newsletter);
      out->direction = Direction::kOutbound;
      out->rcpt_to = colleagues;
    } else {
      const std::vector<std::string> staff = state_->Staff(1 + (*rng_)() % 2, rng_);
      if (staff.empty()) return false;
      out->raw = RawMessage(id, clock, Named(vendor->display_name, vendor->address),
                            AddressLine(staff), org + " newsletter", "", newsletter);
      out->direction = Direction::kInbound;
      out->rcpt_to = staff;
    }
    out->kind = Kind::kMaskedForms;
    out->variants = {std::string(kMaskedControls[shape])};
    out->summary = fmt::format("legitimate {} | From: {} | {} | {}", kMaskedControls[shape],
                               vendor->address, detail, href);
    return true;
  }
  // --- end of the masked-links-and-tenants family ---

  // --- The widened vendor family (branch vendor15; vendor_forms.h) ---
  // The vendor each attack is drawn for, in turn (kVendorRelationships),
  // and the legitimate shares beside them (kVendorControls).
  static constexpr std::array<std::string_view, 5> kVendorRelationships = {
      "young (3-5 in, under 60 days)", "old and heavy (30+ in, 180+ days)",
      "one-way (never written to)", "linking many sites (20+)",
      "a colleague at its domain linked before"};
  static constexpr std::array<std::string_view, 3> kVendorControls = {
      "control: a platform the vendor used before", "control: a platform its colleague used before",
      "control: its first share on a platform we link often"};
  // The platform an attack draws besides the kinds of ShareKind: one the
  // organisation received before from someone else, or a new tenant of a
  // platform its own mail links.
  static constexpr size_t kReceivedBefore = static_cast<size_t>(ShareKind::kCount);
  static constexpr size_t kTenantLinkedHere = kReceivedBefore + 1;
  // The plain words a legitimate sharer names its site or folder with.
  static constexpr std::array<std::string_view, 4> kSetupWords = {"files", "docs", "shared",
                                                                  "projects"};

  // The vendor a widened draw is for: an established correspondent (3+
  // messages in, first seen 14+ days before) at an organisation's own
  // domain (not a mailbox provider's, not Enron's) that `fits`, unused by
  // this family while there is one, marked used; nullptr when none fits.
  const Correspondent* WideVendor(int64_t clock,
                                  const std::function<bool(const Correspondent&)>& fits) {
    std::vector<const Correspondent*> pool = state_->SendersWhere([&](const Correspondent& c) {
      if (c.messages < kThinMessages || c.first_seen == 0 ||
          clock - c.first_seen < kThinHistoryDays * kSecondsPerDay ||
          c.address.find('@') == std::string::npos) {
        return false;
      }
      const std::string registrable = IcannRegistrableDomain(Domain(c.address));
      return registrable.find('.') != std::string::npos && registrable != "enron.com" &&
             !ShippedMailboxProviders().IsConsumer(registrable) && fits(c);
    });
    if (pool.empty()) return nullptr;
    std::vector<const Correspondent*> unused = pool;
    std::erase_if(unused,
                  [this](const Correspondent* c) { return used_senders_.count(c->address); });
    const std::vector<const Correspondent*>& from = unused.empty() ? pool : unused;
    const Correspondent* vendor = from[(*rng_)() % from.size()];
    used_senders_.insert(vendor->address);
    return vendor;
  }

  // The variants that say what the vendor's relationship is, as the
  // mailbox has shown it by `clock`.
  std::vector<std::string> RelationshipVariants(const Correspondent& vendor, int64_t clock) const {
    const int64_t days = (clock - vendor.first_seen) / kSecondsPerDay;
    const size_t sites = state_->LinkedSites(vendor.address);
    return {fmt::format("relationship: {} in, {}",
                        vendor.messages <= 5   ? "3-5"
                        : vendor.messages < 30 ? "6-29"
                                               : "30+",
                        days < 60    ? "under 60 days"
                        : days < 180 ? "60-179 days"
                                     : "180+ days"),
            vendor.replies == 0 ? "direction: one-way (never written to)" : "direction: two-way",
            sites == 0   ? "vendor's links: none"
            : sites < 20 ? "vendor's links: 1-19 sites"
                         : "vendor's links: 20+ sites",
            state_->ColleagueLinked(vendor.address) ? "colleague at its domain linked: yes"
                                                    : "colleague at its domain linked: no"};
  }

  // The member of staff `c` last wrote to, or one who receives mail
  // regularly; empty when the mailbox knows none yet.
  std::string UsualContact(const Correspondent& c) {
    if (!c.partner.empty()) return c.partner;
    const std::vector<std::string> staff = state_->Staff(1, rng_);
    return staff.empty() ? "" : staff.front();
  }

  // A message of the family's setup: `from` shares a file at `url` with
  // `to` at `clock`, learned before the draw it prepares.
  Attack::Prelude SetupShare(const std::string& from, const std::string& to, const std::string& url,
                             Direction direction, int64_t clock, int serial) {
    ShareLure lure;
    lure.topic = (*rng_)() % 2 ? ShareTopic::kInvoice : ShareTopic::kContract;
    return {RawMessage("vendor-setup." + std::to_string(serial) + "." + Hex(rng_, 8), clock, from,
                       to, "Files for you", "",
                       "<p>Hello,</p><p>" + ShareBody(lure, url, rng_) + "</p><p>Regards</p>"),
            direction,
            clock,
            {to}};
  }

  // An attack of the widened vendor family, or with `control` a
  // legitimate share of the same shapes. An attack's vendor is drawn for
  // the `index`th relationship of kVendorRelationships (any established
  // vendor when the mailbox has none such yet), its platform, its lure
  // and its recipients independently: a platform of each kind of the
  // catalogue new here, one the organisation received once or twice from
  // another organisation (its setup, learned before), or a new tenant of a
  // platform the organisation links; the link's text generic or the URL, a
  // sign-in ask or none, an invoice or a contract; to the vendor's usual
  // contact only or to several staff; a reply into the vendor's own
  // thread or a new subject. A control is the `index`th of
  // kVendorControls: an established vendor's share on a platform it, or a
  // colleague at its domain, used before (two messages of setup), or on a
  // platform the organisation's own mail links (three of the staff's
  // shares with correspondents), with the same lures.
  bool BuildVendorWide(size_t index, bool control, int64_t clock, int serial, Attack* out) {
    const size_t shape = index % (control ? kVendorControls.size() : kVendorRelationships.size());
    const Correspondent* vendor = nullptr;
    if (control) {
      vendor = WideVendor(clock, [&](const Correspondent& c) {
        return c.messages >= kEstablished &&
               (shape != 1 || !state_->ColleaguesOf(c.address).empty());
      });
    } else {
      const int64_t young = 60 * kSecondsPerDay, old = 180 * kSecondsPerDay;
      vendor = WideVendor(clock, [&](const Correspondent& c) {
        switch (shape) {
          case 0:
            return c.messages <= 5 && clock - c.first_seen < young;
          case 1:
            return c.messages >= 30 && clock - c.first_seen >= old;
          case 2:
            return c.replies == 0 && c.messages >= kEstablished;
          case 3:
            return state_->LinkedSites(c.address) >= 20;
          default:
            return state_->ColleagueLinked(c.address);
        }
      });
      if (vendor == nullptr) {
        vendor =
            WideVendor(clock, [](const Correspondent& c) { return c.messages >= kEstablished; });
      }
    }
    if (vendor == nullptr) return false;
    const std::string org = Organisation(vendor->address);
    const std::string from = Named(vendor->display_name, vendor->address);
    std::vector<std::string> variants = RelationshipVariants(*vendor, clock);

    // The platform and its setup.
    std::string url, platform_label, host;
    out->prelude.clear();
    const size_t kinds = static_cast<size_t>(ShareKind::kCount);
    size_t platform_draw = control ? (*rng_)() % kinds : (*rng_)() % (kinds + 2);
    if (control && shape == 2 && platform_draw == static_cast<size_t>(ShareKind::kSiteBuilder)) {
      // A site builder's sites are each their owner's: the organisation's
      // own site there says nothing of a vendor's.
      platform_draw = static_cast<size_t>(ShareKind::kStorage);
    }
    if (platform_draw == kTenantLinkedHere && state_->tenants().empty()) platform_draw = 0;
    if (platform_draw == kTenantLinkedHere) {
      const auto& tenants = state_->tenants();
      auto platform = tenants.begin();
      std::advance(platform, (*rng_)() % tenants.size());
      std::string name = NewTenantName(*vendor), form;
      for (int tries = 0; tries < 5 && platform->second.count(name) > 0; ++tries) {
        name = NewTenantName(*vendor);
      }
      url = TenantLink(platform->first, &name, &form);
      host = platform->first;
      platform_label = "platform: a new tenant of a platform linked here";
    } else {
      const auto kind = static_cast<ShareKind>(platform_draw == kReceivedBefore ? (*rng_)() % kinds
                                                                                : platform_draw);
      const ShareUse use =
          !control     ? platform_draw == kReceivedBefore ? ShareUse::kReceived : ShareUse::kFresh
          : shape == 2 ? ShareUse::kOrgLinked
                       : ShareUse::kVendorUsed;
      const SharePlatform& platform = PickSharePlatform(kind, use, rng_);
      host = std::string(platform.host);
      // On a site builder a sharer's site is named after it, or not; a
      // legitimate sharer's plainly ("acme-files").
      const bool own_name = control || (*rng_)() % 2;
      const std::string name = control    ? org + "-" + std::string(Pick(kSetupWords, rng_))
                               : own_name ? org + "-" + std::string(Pick(kWords, rng_))
                                          : std::string(Pick(kWords, rng_)) + "-" + Hex(rng_, 4);
      url = SharePlatformUrl(platform, name, rng_);
      platform_label =
          "platform: " + std::string(ShareKindName(kind)) + (control ? "" : ", new here");
      if (kind == ShareKind::kSiteBuilder && !control) {
        variants.push_back(own_name ? "site named after the vendor" : "site named otherwise");
      }
      std::vector<std::pair<std::string, std::string>> setup_shares;  // from, to
      std::string other_address;
      if (!control && platform_draw == kReceivedBefore) {
        const Correspondent* other = WideVendor(clock, [&](const Correspondent& c) {
          return IcannRegistrableDomain(Domain(c.address)) !=
                 IcannRegistrableDomain(Domain(vendor->address));
        });
        if (other == nullptr) return false;
        other_address = other->address;
        const int times = 1 + static_cast<int>((*rng_)() % 2);
        for (int i = 0; i < times; ++i) {
          setup_shares.emplace_back(Named(other->display_name, other->address),
                                    UsualContact(*other));
        }
        // Another draw may have had the platform received before too.
        const int received = received_setups_[host] += times;
        platform_label = received <= 2 ? "platform: received 1-2x from another organisation"
                                       : "platform: received 3+x from other organisations";
      } else if (control && shape < 2) {
        const Correspondent* sharer = vendor;
        if (shape == 1) {
          const std::vector<const Correspondent*> colleagues =
              state_->ColleaguesOf(vendor->address);
          sharer = colleagues[(*rng_)() % colleagues.size()];
        }
        for (int i = 0; i < 2; ++i) {
          setup_shares.emplace_back(Named(sharer->display_name, sharer->address),
                                    UsualContact(*vendor));
        }
      } else if (control) {
        const std::vector<std::string> correspondents = state_->OutsideCorrespondents(3, rng_);
        const auto* user = state_->InternalUser(rng_);
        if (correspondents.empty() || user == nullptr) return false;
        for (const std::string& to : correspondents) {
          setup_shares.emplace_back(Named(user->second, user->first), to);
        }
      }
      for (size_t i = 0; i < setup_shares.size(); ++i) {
        const auto& [sharer, to] = setup_shares[i];
        if (to.empty()) return false;
        const bool outbound = control && shape == 2;
        // The same site for a sharer's own (the vendor's, its
        // colleague's): another file of it.
        const std::string shared =
            platform.kind == ShareKind::kSiteBuilder && !outbound && control
                ? url
                : SharePlatformUrl(platform,
                                   control ? name
                                           : Organisation(other_address) + "-" +
                                                 std::string(Pick(kSetupWords, rng_)),
                                   rng_);
        out->prelude.push_back(
            SetupShare(sharer, to, shared, outbound ? Direction::kOutbound : Direction::kInbound,
                       clock - static_cast<int64_t>(setup_shares.size() - i) * 7 * kSecondsPerDay,
                       serial * 10 + static_cast<int>(i)));
      }
    }

    // The lure.
    ShareLure lure;
    lure.topic = (*rng_)() % 2 ? ShareTopic::kInvoice : ShareTopic::kContract;
    lure.text_is_url = (*rng_)() % 2;
    lure.sign_in_ask = (*rng_)() % 2;
    const bool several = (*rng_)() % 2;
    std::vector<std::string> staff = state_->Staff(several ? 3 + (*rng_)() % 3 : 1, rng_);
    if (!several && !vendor->partner.empty()) staff = {vendor->partner};
    if (staff.empty()) return false;
    const ThreadState* thread = (*rng_)() % 2 ? state_->ThreadOf(vendor->address) : nullptr;
    // A legitimate share answers a conversation still going (a month),
    // not one long silent.
    if (control && thread != nullptr && clock - thread->last_clock > 30 * kSecondsPerDay) {
      thread = nullptr;
    }
    std::string subject, extra, html;
    const std::string lead = ShareBody(lure, url, rng_);
    if (thread != nullptr) {
      subject = IsReply(thread->subject) ? thread->subject : "RE: " + thread->subject;
      extra = ReplyHeaders(*thread);
      html = QuotingReply(*thread, BodyFormat::kHtml, lead);
    } else {
      subject = ShareSubject(lure, org, rng_);
      html = "<p>Hello,</p><p>" + lead + "</p><p>Thank you</p>";
    }
    out->raw = RawMessage(std::string(control ? "vendor-control." : "vendor-wide.") +
                              std::to_string(serial) + "." + Hex(rng_, 8),
                          clock, from, AddressLine(staff), subject, extra, html);
    out->kind = Kind::kVendorWide;
    out->direction = Direction::kInbound;
    out->rcpt_to = staff;
    variants.insert(variants.begin(), platform_label);
    variants.push_back(lure.text_is_url ? "link text: the URL" : "link text: generic");
    variants.push_back(lure.sign_in_ask ? "sign-in ask: yes" : "sign-in ask: no");
    variants.push_back(lure.topic == ShareTopic::kInvoice ? "topic: invoice or remittance"
                                                          : "topic: contract or RFP");
    variants.push_back(several ? "to: several staff" : "to: its usual contact only");
    variants.push_back(thread != nullptr ? "reply into its own thread" : "a new subject");
    const std::string drawn = control ? std::string(kVendorControls[shape])
                                      : "drawn for: " + std::string(kVendorRelationships[shape]);
    variants.insert(variants.begin(), drawn);
    out->variants = std::move(variants);
    out->summary = fmt::format(
        "{} | From: {} | {} | {} | {}",
        control ? std::string(kVendorControls[shape]) : kKindNames[static_cast<size_t>(out->kind)],
        vendor->address, drawn, platform_label, url);
    return true;
  }
  // --- end of the widened vendor family ---

  // The techniques BuildUndrawnLookalike() takes in turn: how typosquatters
  // register a correspondent's look-alike that no other family here draws
  // (kRegistrableTechniques, kThinTechniques, the widened family's).
  static constexpr std::array<std::string_view, 11> kUndrawnTechniques = {
      "letter left out (acmcorp)",
      "letter doubled (acmmecorp)",
      "vowel changed (acmicorp)",
      "key beside a letter (acmrcorp)",
      "hyphen inside the name (acme-corp)",
      "word before the name (secure-acmecorp, myacmecorp)",
      "plural or singular (acmecorps)",
      "Cyrillic or Greek letter (xn--)",
      "new gTLD (.online .site .cc ...)",
      "subdomain deception, hyphen (acmecorp.com-invoices.net)",
      "subdomain deception, dots (acmecorp.com.secure-docs.net)",
  };
  // BuildUndrawnLookalike(control)'s kinds: the correspondent's own second
  // domain, and an unrelated organisation whose name is one such edit from
  // the correspondent's, each writing as itself.
  static constexpr std::array<std::string_view, 6> kUndrawnControls = {
      "control: its second domain under a new gTLD", "control: unrelated, a letter left out",
      "control: unrelated, a letter doubled",        "control: unrelated, a vowel changed",
      "control: unrelated, a key beside a letter",   "control: unrelated, plural or singular",
  };
  // The kUndrawnTechniques index each kUndrawnControls kind spells its
  // domain by.
  static constexpr std::array<size_t, 6> kUndrawnControlTechniques = {8, 0, 1, 2, 3, 6};

  // An attack of the registrable look-alike family by techniques not drawn
  // before: an established correspondent at an organisation's own domain
  // (not a mailbox provider's) is impersonated from a domain made from its
  // own by the `index`th technique of kUndrawnTechniques after a drawn
  // first (the next one that applies to its name when one does not),
  // reusing its local part (even `index`) or its display name with a
  // finance mailbox (odd), with a link to the new domain or a bank change
  // (drawn). With `control`, legitimate mail shaped like it
  // (kUndrawnControls, the `index`th in turn): the correspondent's
  // organisation from its second domain, or an organisation whose name is
  // one edit from the correspondent's, a newcomer or its office writing as
  // itself from its own servers, scored without being learned.
  bool BuildUndrawnLookalike(size_t index, bool control, int64_t clock, int serial, Attack* out) {
    const Correspondent* vendor =
        OrganisationCorrespondent(kEstablished, std::numeric_limits<int>::max(), control, clock);
    if (vendor == nullptr) return false;
    const std::string registrable = IcannRegistrableDomain(Domain(vendor->address));
    const std::string stem = registrable.substr(0, registrable.find('.'));
    const std::string suffix = registrable.substr(registrable.find('.'));
    if (undrawn_first_ == kNoTechnique) undrawn_first_ = (*rng_)() % kUndrawnTechniques.size();
    std::string lookalike, shown;  // A-label host; its U-label when it has one
    size_t used = 0;
    const size_t kind = index % kUndrawnControls.size();
    if (control) {
      used = kUndrawnControlTechniques[kind];
      lookalike = UndrawnLookalike(used, stem, suffix, &shown);
    }
    for (size_t i = 0; !control && i < kUndrawnTechniques.size() && lookalike.empty(); ++i) {
      used = (undrawn_first_ + index + i) % kUndrawnTechniques.size();
      lookalike = UndrawnLookalike(used, stem, suffix, &shown);
    }
    if (lookalike.empty()) return false;
    bool has_subdomain = false, keep_host = false;
    const std::string sender_domain = LookalikeSenderHost(Domain(vendor->address), registrable,
                                                          lookalike, &has_subdomain, &keep_host);
    const std::string vendor_local = vendor->address.substr(0, vendor->address.find('@'));
    const std::string name = NameAsSeen(*vendor);
    const bool by_name = index % 2 == 1;
    std::string local = by_name ? std::string(Pick(kFinanceMailboxes, rng_)) : vendor_local;
    std::string shown_name = name;
    if (control) {
      const std::string newcomer(Pick(kNewcomers, rng_));
      const std::vector<std::string> parts = NameWords(newcomer);
      const bool office = (index / kUndrawnControls.size()) % 2 == 1;
      local =
          office ? std::string(Pick(kFinanceMailboxes, rng_)) : parts.front() + "." + parts.back();
      shown_name = office ? "" : newcomer;
    }
    const bool with_link = !control && (*rng_)() % 2 == 0;
    const std::vector<std::string> staff = state_->Staff(1 + (*rng_)() % 2, rng_);
    if (staff.empty()) return false;
    const std::string to = AddressLine(staff);
    const std::string from = Named(shown_name, local + "@" + sender_domain);
    // The site as the reader's client shows it (the U-label of an
    // internationalised name), the address as the MTA carries it.
    const bool deception = used >= 9;
    const std::string site = (deception ? "" : "www.") + (shown.empty() ? lookalike : shown);
    std::string html = "<p>Hello,</p><p>";
    if (control) {
      html += kStatementText;
    } else if (with_link) {
      html += "Please find this month's invoice and statement on our portal: " +
              Anchor("https://" + site + "/invoice/" + Hex(rng_, 6), rng_);
    } else {
      html +=
          "We have changed banks; please update our remittance details before the next "
          "payment run. New bank: " +
          BankDetails(PaymentStyle::kRouting, rng_) + ". Please confirm by reply once it is done.";
    }
    html += "</p><p>Thanks,<br>" + (shown_name.empty() ? std::string("Accounts") : shown_name) +
            "<br>" + site + "</p>";
    const std::string id = std::string(control ? "undrawn-control." : "undrawn-lookalike.") +
                           std::to_string(serial) + "." + Hex(rng_, 8);
    const std::string subject =
        control ? "Quarterly statement" : std::string(Pick(kBankSubjects, rng_));
    out->raw =
        control ? ReceivedFrom(OrganisationServers(kind == 0 ? registrable
                                                             : IcannRegistrableDomain(lookalike)),
                               clock) +
                      RawWithPdf(id, clock, from, to, subject, html)
                : RawMessage(id, clock, from, to, subject, "", html);
    out->kind = Kind::kRegistrableLookalikeUndrawn;
    out->direction = Direction::kInbound;
    out->rcpt_to = staff;
    if (control) {
      // Real organisations' names collide with a correspondent's mostly
      // when short (bench/detection/short_name_collisions.py).
      out->variants = {std::string(kUndrawnControls[kind]) +
                       (stem.size() <= 5 ? ", name of 5 letters or fewer" : ", longer name")};
    } else {
      out->variants = {
          "technique: " + std::string(kUndrawnTechniques[used]),
          by_name ? "identity: display name, a finance local part"
                  : "identity: local part and the person's name",
          with_link ? "lure: a link to the new domain" : "lure: a bank change with the account",
          SenderHostVariant(has_subdomain, keep_host),
          NameLengthVariant(stem),
      };
    }
    out->summary =
        fmt::format("{} | From: {} | for {} ({} in, {} out) | {}",
                    control ? "undrawn look-alike control" : "undrawn look-alike", from,
                    vendor->address, vendor->messages, vendor->replies, out->variants[0]);
    return true;
  }

 private:
  // A new correspondent's From header, its address and its domain: a first
  // contact each time, never on a domain an earlier attack used.
  std::string FirstContact(std::string* address, std::string* domain) {
    domain->clear();
    for (int tries = 0; domain->empty() || !used_domains_.insert(*domain).second; ++tries) {
      *domain = std::string(Pick(kSurnames, rng_)) + "-" + std::string(Pick(kFirms, rng_)) +
                ((*rng_)() % 2 ? "" : "-" + std::string(Pick(kCities, rng_))) +
                (tries < 20 ? "" : "-" + Hex(rng_, 4)) + ".com";
    }
    const std::string first(Pick(kFirstNames, rng_));
    *address = std::string(1, static_cast<char>(std::tolower(first[0]))) +
               std::string(Pick(kSurnames, rng_)) + "@" + *domain;
    return Named(first + " " + NameFromAddress(std::string(Pick(kSurnames, rng_))), *address);
  }

  // A lure: subject (or, in a reply, nothing) and the sentence before the link.
  struct Lure {
    std::string_view subject;
    std::string_view body;
  };
  static constexpr std::array<std::string_view, 6> kHijackLures = {
      "Agreed. The updated figures are here:",
      "As discussed, the signed copy is on our file share:",
      "Sorry, the attachment was too large for e-mail; please download it from",
      "Before we go ahead, please confirm our new banking details on the form at",
      "Here is the revised schedule we talked about:",
      "Our invoice for this is ready; you can view and pay it at"};
  static constexpr std::array<Lure, 6> kLateralLures = {{
      {"Please sign: updated travel and expense policy",
       "Please review and sign the updated policy before Friday:"},
      {"shared \"Q3 bonus allocation.xlsx\" with you", "I shared a document with you:"},
      {"Action required: benefits enrolment closes today",
       "Open enrolment closes today. Confirm your elections here:"},
      {"Document for your signature", "A document is waiting for your signature:"},
      {"Updated holiday schedule", "The updated holiday schedule is posted here:"},
      {"Payroll: confirm your direct deposit", "Payroll asks everyone to confirm their account at"},
  }};
  // A lure whose page names no sign-in: the ask in a sentence, or a neutral
  // sentence with the ask as the anchor text (BuildLateralTextAsk).
  struct TextAskLure {
    std::string_view subject, asking, neutral, anchor;
  };
  static constexpr std::array<TextAskLure, 5> kTextAskLures = {{
      {"Action required: mailbox migration",
       "Our mail system moves this week; sign in with your network password to keep your mailbox:",
       "Our mail system moves this week.", "Log in to keep your mailbox"},
      {"Password expiry notice",
       "Your network password expires today. Keep your current password here:",
       "Notice for all staff on the network.", "Keep my password"},
      {"shared \"Q3 bonus allocation.xlsx\" with you",
       "I shared a document with you; log in with your Enron account to view it:",
       "I shared a document with you.", "Sign in to view"},
      {"Payroll: verify your account",
       "Payroll asks everyone to verify their account for the new direct deposit system:",
       "Payroll moves to a new direct deposit system.", "Verify your account"},
      {"Please review and sign",
       "Please review and sign the updated policy; enter your email credentials to open it:",
       "Please review and sign the updated policy before Friday.", "Sign in to review"},
  }};
  static constexpr std::array<std::string_view, 6> kBrandish = {
      "docusign-review",  "adobe-docview", "onedrive-fileshare",
      "dropbox-transfer", "secure-e-docs", "sharefile-portal"};

  // A link in the body: an anchor in HTML, the URL itself in plain text.
  std::string LinkIn(BodyFormat format, const std::string& url) {
    return format == BodyFormat::kHtml ? Anchor(url, rng_) : url;
  }

  // A lateral lure's body to all: the lure's sentence and its link (LinkIn).
  std::string LateralLureBody(std::string_view lure, BodyFormat format, const std::string& url) {
    return format == BodyFormat::kHtml
               ? "<p>Hi all,</p><p>" + std::string(lure) + " " + LinkIn(format, url) + "</p>"
               : "Hi all,\n\n" + std::string(lure) + " " + url + "\n\nThanks\n";
  }

  // A first-seen file-share page of the platforms the random kinds do not
  // use: a foreign SharePoint or Box tenant, Dropbox, Netlify, Firebase, an
  // r2.dev bucket.
  std::string FirstSeenShareUrl() {
    const std::string word(Pick(kWords, rng_));
    const std::string firm(Pick(kTenantFirms, rng_));
    switch ((*rng_)() % 6) {
      case 0:
        return "https://" + firm + Hex(rng_, 3) + "-my.sharepoint.com/:b:/g/personal/" + word +
               "/E" + Hex(rng_, 20);
      case 1:
        return "https://" + firm + Hex(rng_, 3) + ".app.box.com/s/" + Hex(rng_, 24);
      case 2:
        return "https://www.dropbox.com/scl/fi/" + Hex(rng_, 20) + "/" + word + ".pdf?dl=0";
      case 3:
        return "https://" + word + "-" + Hex(rng_, 5) + ".netlify.app/";
      case 4:
        return "https://" + word + "-" + Hex(rng_, 5) + ".firebaseapp.com/view.html";
      default:
        return "https://pub-" + Hex(rng_, 32) + ".r2.dev/" + word + ".html";
    }
  }

  // A page or form on a file-share platform in one of the forms a hijacker
  // would send (`*form` names it): a new tenant of SharePoint or OneDrive
  // for Business, OneDrive's short links, Box, Dropbox, Google Docs, Drive
  // and Forms, Microsoft Forms, or a new tenant of a platform whose other
  // tenants this organisation's mail has linked (the new-tenant setup).
  std::string WideShareUrl(std::string* form) {
    const std::string word(Pick(kWords, rng_));
    const std::string firm = std::string(Pick(kTenantFirms, rng_)) + Hex(rng_, 3);
    const auto& tenants = state_->tenants();
    switch ((*rng_)() % (tenants.empty() ? 9 : 10)) {
      case 0:
        *form = "SharePoint site, new tenant";
        return "https://" + firm + ".sharepoint.com/:b:/s/Finance/E" + Hex(rng_, 20);
      case 1:
        *form = "OneDrive for Business, new tenant";
        return "https://" + firm + "-my.sharepoint.com/personal/ap_" + firm + "_com/Documents/" +
               word + ".pdf";
      case 2:
        *form = "OneDrive (1drv.ms)";
        return "https://1drv.ms/b/s!A" + Hex(rng_, 16);
      case 3:
        *form = "Box";
        return "https://app.box.com/s/" + Hex(rng_, 24);
      case 4:
        *form = "Dropbox";
        return "https://www.dropbox.com/s/" + Hex(rng_, 15) + "/" + word + ".pdf?dl=0";
      case 5:
        *form = "Google Docs";
        return "https://docs.google.com/document/d/1" + Hex(rng_, 30) + "/edit?usp=sharing";
      case 6:
        *form = "Google Drive";
        return "https://drive.google.com/file/d/1" + Hex(rng_, 30) + "/view?usp=sharing";
      case 7:
        *form = "Google Forms";
        return "https://docs.google.com/forms/d/e/1FAIpQL" + Hex(rng_, 30) + "/viewform";
      case 8:
        *form = "Microsoft Forms";
        return "https://forms.office.com/r/" + Hex(rng_, 10);
      default: {
        auto platform = tenants.begin();
        std::advance(platform, (*rng_)() % tenants.size());
        std::string name = firm, shape;
        const std::string url = TenantLink(platform->first, &name, &shape);
        *form = "new tenant of a platform linked here";
        return url;
      }
    }
  }

  static constexpr std::array<std::string_view, 3> kFreemail = {"gmail.com", "outlook.com",
                                                                "yahoo.com"};

  // A participant's compromised mailbox answers its own thread, quoting it,
  // with one of five links: a first-seen file-share page, a new tenant of a
  // platform, a brand-ish new domain, a look-alike of the participant's own
  // domain, or a plain new domain. Participants are drawn from low, middle
  // and high volume alike; plain text or HTML.
  bool BuildHijackVaried(std::string* from, std::string* to, std::string* subject,
                         std::string* extra, BodyFormat* format, std::string* body) {
    static constexpr std::array<std::pair<int, int>, 3> kVolumes = {
        {{1, 2}, {3, 19}, {20, std::numeric_limits<int>::max()}}};
    const auto [least, most] = Pick(kVolumes, rng_);
    const ThreadState* thread = state_->ThreadBySenderVolume(least, most, rng_);
    if (thread == nullptr) return false;
    const Correspondent& participant = thread->external;
    if (!thread->to.empty()) *to = thread->to;
    *subject = ((*rng_)() % 2 ? "RE: " : "Re: ") + thread->subject;
    *from = Named(participant.display_name, participant.address);
    *extra = ReplyHeaders(*thread);
    std::string url;
    switch ((*rng_)() % 5) {
      case 0:
        url = FirstSeenShareUrl();
        break;
      case 1:
        url = "https://" + std::string(Pick(kTenantFirms, rng_)) + Hex(rng_, 3) +
              ".sharepoint.com/sites/Shared/Shared%20Documents/" + Hex(rng_, 6) + ".pdf";
        break;
      case 2:
        url = "https://" + std::string(Pick(kBrandish, rng_)) + "-" + Hex(rng_, 3) + ".com/d/" +
              Hex(rng_, 10);
        break;
      case 3:
        url = "https://www." + LookalikeOf(Domain(participant.address)) + "/documents/" +
              Hex(rng_, 6);
        break;
      default:
        url = NewDomainUrl(rng_);
    }
    *format = (*rng_)() % 2 ? BodyFormat::kHtml : BodyFormat::kPlainText;
    const std::string lure(Pick(kHijackLures, rng_));
    *body = QuotingReply(*thread, *format, lure + " " + LinkIn(*format, url));
    return true;
  }

  // In-Reply-To and References header lines of a reply into `thread`.
  static std::string ReplyHeaders(const ThreadState& thread) {
    std::string references;
    for (const std::string& id : thread.message_ids) references += " <" + id + ">";
    return "In-Reply-To: <" + thread.message_ids.back() + ">\nReferences:" + references + "\n";
  }

  // A reply's body: `lead` (HTML or plain text as `format` says), then the
  // thread's latest message quoted as Outlook and plain-text clients do.
  static std::string QuotingReply(const ThreadState& thread, BodyFormat format,
                                  const std::string& lead) {
    const std::string quoted = "-----Original Message-----\nFrom: " + thread.last_from +
                               "\nSubject: " + thread.subject + "\n\n" + thread.quote;
    if (format == BodyFormat::kHtml) {
      return "<p>" + lead + "</p><blockquote><pre>" + quoted + "</pre></blockquote>";
    }
    std::string text = quoted;
    for (size_t at = 0; (at = text.find('\n', at)) != std::string::npos; at += 3) {
      text.replace(at, 1, "\n> ");
    }
    return lead + "\n\n> " + text;
  }

  // An account that has written internal mail before mails 25 to 35
  // colleagues it never wrote to, in To or hidden (To: itself or
  // undisclosed-recipients), a lure with a first-seen file-share link.
  bool BuildLateralVaried(std::string* from, std::string* to, std::string* subject,
                          BodyFormat* format, std::string* body,
                          std::vector<std::string>* rcpt_to) {
    const std::string* sender = state_->InternalSender(rng_);
    if (sender == nullptr) return false;
    *rcpt_to = state_->Strangers(*sender, 25 + (*rng_)() % 11, rng_);
    if (rcpt_to->size() < 10) return false;
    *from = Named(state_->InternalName(*sender), *sender);
    to->clear();
    switch ((*rng_)() % 3) {
      case 0:
        for (const std::string& s : *rcpt_to) *to += (to->empty() ? "" : ", ") + s;
        break;
      case 1:
        *to = *sender;
        break;
      default:
        *to = "undisclosed-recipients:;";
    }
    const Lure& lure = Pick(kLateralLures, rng_);
    *subject = std::string(lure.subject);
    *format = (*rng_)() % 2 ? BodyFormat::kHtml : BodyFormat::kPlainText;
    const std::string url = FirstSeenShareUrl();
    *body = LateralLureBody(lure.body, *format, url);
    return true;
  }

  // The new-tenant family's lures.
  static constexpr std::array<Lure, 6> kTenantLures = {{
      {"Remittance advice", "Please find our remittance advice for this month's payment here:"},
      {"Contract for countersignature", "The final version is ready for your signature:"},
      {"Voice message (0:47)", "You have a new voice message. Listen to it here:"},
      {"Project files", "I have put the files for the next phase in our project space:"},
      {"Updated W-9 and banking form", "Our updated W-9 and banking form are posted at"},
      {"Pricing sheet", "As discussed, the revised pricing sheet is at"},
  }};
  static constexpr std::array<std::string_view, 6> kTenantFirms = {
      "northwind", "fabrikam", "contoso", "tailspin", "wingtip", "litware"};

  // A tenant name an attacker would register: the vendor's name with a
  // word, a word and digits, or a made-up firm.
  std::string NewTenantName(const Correspondent& vendor) {
    switch ((*rng_)() % 3) {
      case 0:
        return Organisation(vendor.address) + "-" + std::string(Pick(kWords, rng_));
      case 1:
        return std::string(Pick(kWords, rng_)) + "-" + Hex(rng_, 4);
      default:
        return std::string(Pick(kTenantFirms, rng_)) + Hex(rng_, 3);
    }
  }

  // A page of tenant `*name` on `platform`, in one of the platform's forms
  // (kTenantForms), whose label goes to *form. The name is made one the
  // platform allows: an r2.dev bucket is "pub-" and 32 hex digits whoever
  // owns it, an Azure storage account has no hyphens.
  std::string TenantLink(std::string_view platform, std::string* name, std::string* form) {
    std::vector<const TenantForm*> forms;
    for (const TenantForm& f : kTenantForms) {
      if (f.platform == platform) forms.push_back(&f);
    }
    const TenantForm& chosen = *forms[(*rng_)() % forms.size()];
    if (platform == "r2.dev") *name = "pub-" + Hex(rng_, 32);
    if (platform == "Azure Blob") std::erase(*name, '-');
    *form = std::string(chosen.form);
    std::string url(chosen.pattern);
    url.replace(url.find("{t}"), 3, *name);
    url.replace(url.find("{f}"), 3, std::string(Pick(kWords, rng_)) + "-" + Hex(rng_, 4));
    return url;
  }

  // A vendor BuildInvoice() has sent kEstablished invoices from, or nullptr.
  const Correspondent* InvoicingVendor() {
    std::vector<const Correspondent*> known;
    for (const auto& [address, vendor] : invoicing_) {
      if (vendor.messages >= kEstablished) known.push_back(&vendor);
    }
    return known.empty() ? nullptr : known[(*rng_)() % known.size()];
  }

  // A correspondent at an organisation's own domain (not Enron's, not a
  // mailbox provider's) with min_messages to max_messages messages by
  // `clock`: one not impersonated yet while there is one, so that a family
  // spreads over the correspondents rather than repeating the few, marked
  // used; for a `control`, any (an organisation's second domain exists
  // whether or not an impersonator used the first). nullptr when none.
  const Correspondent* OrganisationCorrespondent(int min_messages, int max_messages, bool control,
                                                 int64_t clock) {
    std::vector<const Correspondent*> pool =
        state_->CorrespondentsWith(min_messages, max_messages, clock);
    std::erase_if(pool, [](const Correspondent* c) {
      const std::string registrable = IcannRegistrableDomain(Domain(c->address));
      return registrable.find('.') == std::string::npos || registrable == "enron.com" ||
             ShippedMailboxProviders().IsConsumer(registrable);
    });
    if (pool.empty()) return nullptr;
    std::vector<const Correspondent*> unused = pool;
    std::erase_if(unused,
                  [this](const Correspondent* c) { return used_senders_.count(c->address); });
    const std::vector<const Correspondent*>& from_pool = unused.empty() || control ? pool : unused;
    const Correspondent* vendor = from_pool[(*rng_)() % from_pool.size()];
    if (!control) used_senders_.insert(vendor->address);
    return vendor;
  }

  // A known sender no incident of the families played apart has used yet
  // (after ten tries, any), marked used; nullptr when none is known.
  const Correspondent* UnusedKnownSender() {
    const Correspondent* sender = state_->KnownSender(rng_);
    for (int tries = 0; sender != nullptr && tries < 10 && used_senders_.count(sender->address);
         ++tries) {
      sender = state_->KnownSender(rng_);
    }
    if (sender != nullptr) used_senders_.insert(sender->address);
    return sender;
  }

  // The sender host of `lookalike`, a look-alike of `registrable` made for
  // a correspondent writing from `host`: the look-alike itself, or, half
  // the time (drawn) when `host` has a label before `registrable`, that
  // label kept ("mail.acmecorp.com" -> "mail.acmecrop.com").
  std::string LookalikeSenderHost(const std::string& host, const std::string& registrable,
                                  const std::string& lookalike, bool* has_subdomain,
                                  bool* keep_host) {
    *has_subdomain = host != registrable;
    *keep_host = *has_subdomain && (*rng_)() % 2 == 0;
    return *keep_host ? host.substr(0, host.size() - registrable.size()) + lookalike : lookalike;
  }

  // The registrable domain made from `stem` and `suffix` (".com",
  // ".co.uk") by technique `technique` of kRegistrableTechniques; empty
  // when it does not apply to this name.
  std::string RegistrableLookalike(size_t technique, std::string stem, const std::string& suffix) {
    const std::string word(Pick(kLookalikeWords, rng_));
    switch (technique) {
      case 0:  // two adjacent letters swapped
        for (size_t tries = 0; stem.size() >= 4 && tries < 8; ++tries) {
          const size_t i = 1 + (*rng_)() % (stem.size() - 2);
          if (stem[i] != stem[i + 1] && std::isalpha(static_cast<unsigned char>(stem[i])) &&
              std::isalpha(static_cast<unsigned char>(stem[i + 1]))) {
            std::swap(stem[i], stem[i + 1]);
            return stem + suffix;
          }
        }
        return "";
      case 1:
        for (auto [letter, digit] : {std::pair{'o', '0'}, {'l', '1'}, {'i', '1'}, {'e', '3'}}) {
          const size_t at = stem.find(letter);
          if (at != std::string::npos) return stem.replace(at, 1, 1, digit) + suffix;
        }
        return "";
      case 2:
        for (auto [letter, pair] : {std::pair{'m', "rn"}, {'w', "vv"}, {'d', "cl"}}) {
          const size_t at = stem.find(letter);
          if (at != std::string::npos) return stem.replace(at, 1, pair) + suffix;
        }
        return "";
      case 3:
        return stem + "-" + word + suffix;
      case 4:
        return (*rng_)() % 2 ? stem + word + suffix : word + "-" + stem + suffix;
      case 5:
        return stem + OtherSuffix(suffix);
      default:
        if (stem.size() < 5) return "";
        stem.erase(1 + (*rng_)() % (stem.size() - 2), 1);
        return stem + "-" + word + OtherSuffix(suffix);
    }
  }

  // The domain made from `stem` and `suffix` (".com", ".co.uk") by
  // technique `technique` of kUndrawnTechniques, in A-label form, with its
  // U-label in *shown when it has Unicode letters (else *shown is empty);
  // empty when the technique does not apply to this name.
  std::string UndrawnLookalike(size_t technique, std::string stem, const std::string& suffix,
                               std::string* shown) {
    shown->clear();
    // The positions of letters a technique may change: not the first (a
    // reader reads it), letters only.
    std::vector<size_t> inner;
    for (size_t i = 1; i < stem.size(); ++i) {
      if (std::isalpha(static_cast<unsigned char>(stem[i]))) inner.push_back(i);
    }
    const auto letter = [&](const std::function<bool(size_t)>& fits) -> size_t {
      std::vector<size_t> fitting;
      for (size_t i : inner) {
        if (fits(i)) fitting.push_back(i);
      }
      return fitting.empty() ? std::string::npos : fitting[(*rng_)() % fitting.size()];
    };
    static constexpr std::string_view kVowels = "aeiou";
    switch (technique) {
      case 0: {  // a letter left out, not one of a doubled pair
        if (stem.size() < 4) return "";
        const size_t at = letter([&](size_t i) {
          return i + 1 < stem.size() && stem[i] != stem[i - 1] && stem[i] != stem[i + 1];
        });
        if (at == std::string::npos) return "";
        return stem.erase(at, 1) + suffix;
      }
      case 1: {  // a letter doubled
        const size_t at = letter([&](size_t i) { return stem[i] != stem[i - 1]; });
        if (at == std::string::npos) return "";
        return stem.insert(at, 1, stem[at]) + suffix;
      }
      case 2: {  // a vowel changed for another
        const size_t at = letter([&](size_t i) { return kVowels.find(stem[i]) != kVowels.npos; });
        if (at == std::string::npos) return "";
        char vowel = stem[at];
        while (vowel == stem[at]) vowel = kVowels[(*rng_)() % kVowels.size()];
        stem[at] = vowel;
        return stem + suffix;
      }
      case 3: {  // a key beside a letter on a QWERTY keyboard
        static constexpr std::array<std::string_view, 26> kBeside = {
            "qsz",  "vghn", "xdfv", "sefxc", "wrds", "drgcv", "fthvb", "gyjbn", "uojk",
            "hukn", "jilm", "kop",  "njk",   "bhjm", "iplk",  "ol",    "wa",    "etfd",
            "awdz", "ryg",  "yij",  "cfgb",  "qesa", "zsdc",  "tuh",   "asx"};
        const size_t at = letter([&](size_t i) { return std::islower(stem[i]); });
        if (at == std::string::npos) return "";
        const std::string_view beside = kBeside[stem[at] - 'a'];
        stem[at] = beside[(*rng_)() % beside.size()];
        return stem + suffix;
      }
      case 4: {  // a hyphen inside the name
        if (stem.size() < 4 || stem.find('-') != std::string::npos) return "";
        return stem.insert(2 + (*rng_)() % (stem.size() - 3), 1, '-') + suffix;
      }
      case 5: {  // a word before the name, hyphenated or run together
        static constexpr std::array<std::string_view, 8> kBefore = {
            "secure", "my", "portal", "pay", "the", "e", "mail", "online"};
        return std::string(Pick(kBefore, rng_)) + ((*rng_)() % 2 ? "-" : "") + stem + suffix;
      }
      case 6:  // the plural, or the singular of a name ending in s
        if (stem.size() < 4) return "";
        return (stem.back() == 's' ? stem.substr(0, stem.size() - 1) : stem + "s") + suffix;
      case 7: {  // a Cyrillic or Greek letter for a Latin one
        static constexpr std::array<std::pair<char, std::string_view>, 10> kHomoglyphs = {{
            {'a', "\u0430"},
            {'e', "\u0435"},
            {'o', "\u043e"},
            {'p', "\u0440"},
            {'c', "\u0441"},
            {'x', "\u0445"},
            {'y', "\u0443"},
            {'i', "\u0456"},
            {'v', "\u03bd"},
            {'u', "\u03c5"},
        }};
        std::vector<std::pair<size_t, std::string_view>> options;
        for (size_t i = 0; i < stem.size(); ++i) {
          for (const auto& [latin, other] : kHomoglyphs) {
            if (stem[i] == latin) options.emplace_back(i, other);
          }
        }
        if (options.empty()) return "";
        const auto& [at, other] = options[(*rng_)() % options.size()];
        const std::string unicode = stem.substr(0, at) + std::string(other) + stem.substr(at + 1);
        std::string a_label;
        if (!NormaliseHost(unicode + suffix, &a_label, shown) || a_label == stem + suffix) {
          return "";
        }
        return a_label;
      }
      case 8: {  // a new generic top-level domain
        static constexpr std::array<std::string_view, 8> kNewTlds = {
            ".online", ".site", ".cc", ".info", ".xyz", ".biz", ".app", ".io"};
        std::string tld;
        while (tld.empty() || tld == suffix) tld = std::string(Pick(kNewTlds, rng_));
        return stem + tld;
      }
      case 9: {  // the whole domain, then a hyphen and another registrable name
        static constexpr std::array<std::string_view, 4> kAfter = {"invoices", "secure", "portal",
                                                                   "docs"};
        return stem + suffix + "-" + std::string(Pick(kAfter, rng_)) +
               ((*rng_)() % 2 ? ".net" : ".com");
      }
      default: {  // the whole domain as labels of another registrable name
        static constexpr std::array<std::string_view, 4> kUnder = {"secure-docs", "portal-login",
                                                                   "doc-share", "invoice-view"};
        return stem + suffix + "." + std::string(Pick(kUnder, rng_)) +
               ((*rng_)() % 2 ? ".net" : ".com");
      }
    }
  }

  // The person's name as the reader saw it: the name its mail client
  // showed (the archive's X-From), else the one history saw, else spelled
  // from the address.
  std::string NameAsSeen(const Correspondent& correspondent) const {
    const std::string archived = state_->ArchivedName(correspondent.address);
    return !archived.empty()                     ? archived
           : !correspondent.display_name.empty() ? correspondent.display_name
                                                 : NameFromAddress(correspondent.address);
  }

  // The look-alike families' "by variant" lines for the sender host
  // (LookalikeSenderHost()) and for the length of the imitated name.
  static std::string SenderHostVariant(bool has_subdomain, bool keep_host) {
    return !has_subdomain ? "sender host: the registrable domain"
           : keep_host    ? "sender host: subdomain, host label kept"
                          : "sender host: subdomain, dropped";
  }
  static std::string NameLengthVariant(const std::string& stem) {
    return stem.size() <= 4   ? "name: 4 letters or fewer"
           : stem.size() <= 7 ? "name: 5-7 letters"
                              : "name: 8 letters or more";
  }

  // The words of a display name, lower case, first name first ("Smith,
  // John" -> {"john", "smith"}).
  static std::vector<std::string> NameWords(const std::string& name) {
    std::vector<std::string> words(1);
    for (char c : name) {
      if (std::isalpha(static_cast<unsigned char>(c))) {
        words.back().push_back(static_cast<char>(std::tolower(static_cast<unsigned char>(c))));
      } else if (!words.back().empty()) {
        words.emplace_back();
      }
    }
    if (words.back().empty()) words.pop_back();
    if (name.find(',') != std::string::npos && words.size() >= 2) {
      std::rotate(words.begin(), words.begin() + 1, words.end());
    }
    return words;
  }

  // The local part the other naming convention gives the person `name`:
  // "jsmith" where the correspondent writes as "john.smith", else
  // "john.smith".
  static std::string OtherConvention(const std::string& name, const std::string& local) {
    const std::vector<std::string> words = NameWords(name);
    if (words.size() < 2) return words.empty() ? "office" : words.front() + ".office";
    const std::string dotted = words.front() + "." + words.back();
    return local == dotted ? words.front().substr(0, 1) + words.back() : dotted;
  }

  // The display name itself as local part: "John Smith" -> "johnsmith".
  static std::string NameAsLocalPart(const std::string& name) {
    std::string local;
    for (const std::string& word : NameWords(name)) local += word;
    return local.empty() ? "office" : local;
  }

  // A page on a platform everyone links (forms, documents, file drops):
  // the platform is familiar, only the page is the attacker's.
  std::string KnownPlatformUrl() {
    switch ((*rng_)() % 4) {
      case 0:
        return "https://docs.google.com/forms/d/e/1FAIpQL" + Hex(rng_, 40) + "/viewform";
      case 1:
        return "https://forms.office.com/r/" + Hex(rng_, 10);
      case 2:
        return "https://www.dropbox.com/scl/fi/" + Hex(rng_, 20) + "/remittance.pdf?dl=0";
      default:
        return "https://docs.google.com/document/d/1" + Hex(rng_, 30) + "/edit";
    }
  }

  // A message whose only lure is a PDF attached to `html`.
  static std::string RawWithPdf(const std::string& id, int64_t clock, const std::string& from,
                                const std::string& to, const std::string& subject,
                                const std::string& html) {
    const std::string boundary = "b-" + id;
    return "Message-ID: <" + id + "@mail.invalid>\nDate: " + DateHeader(clock) + "\nFrom: " + from +
           "\nTo: " + to + "\nSubject: " + subject +
           "\nMime-Version: 1.0\nContent-Type: multipart/mixed; boundary=\"" + boundary +
           "\"\n\n--" + boundary + "\nContent-Type: text/html; charset=us-ascii\n\n<html><body>" +
           html + "</body></html>\n--" + boundary +
           "\nContent-Type: application/pdf; name=\"Invoice_and_banking_form.pdf\"\n"
           "Content-Disposition: attachment; filename=\"Invoice_and_banking_form.pdf\"\n"
           "Content-Transfer-Encoding: "
           "base64\n\nJVBERi0xLjQKJcOkw7zDtsOfCjEgMCBvYmoKPDwvVHlwZS9DYXRhbG9nPj4K"
           "ZW5kb2JqCnRyYWlsZXIKPDwvUm9vdCAxIDAgUj4+CiUlRU9GCg==\n--" +
           boundary + "--\n";
  }

  // The host made from `stem` and `suffix` (".com", ".co.uk") by technique
  // `technique` of kWideTechniques; empty when it does not apply.
  std::string WideLookalike(size_t technique, std::string stem, const std::string& suffix) {
    static constexpr std::array<std::string_view, 4> kLabelWords = {"secure", "invoices",
                                                                    "payments", "billing"};
    const std::string word(Pick(kLabelWords, rng_));
    const size_t n = stem.size();
    const auto letter = [&stem](size_t i) {
      return std::isalpha(static_cast<unsigned char>(stem[i])) != 0;
    };
    switch (technique) {
      case 0:  // a letter left out
        if (n < 5) return "";
        stem.erase(1 + (*rng_)() % (n - 2), 1);
        return stem + suffix;
      case 1:  // a letter doubled
        for (size_t tries = 0; n >= 3 && tries < 8; ++tries) {
          const size_t i = 1 + (*rng_)() % (n - 1);
          if (letter(i) && stem[i] != stem[i - 1] && (i + 1 == n || stem[i] != stem[i + 1])) {
            stem.insert(i, 1, stem[i]);
            return stem + suffix;
          }
        }
        return "";
      case 2:  // a vowel changed
        for (size_t tries = 0; n >= 4 && tries < 8; ++tries) {
          const size_t i = 1 + (*rng_)() % (n - 1);
          const std::string_view vowels = "aeiou";
          const size_t v = vowels.find(stem[i]);
          if (v != std::string_view::npos) {
            stem[i] = vowels[(v + 1 + (*rng_)() % 4) % 5];
            return stem + suffix;
          }
        }
        return "";
      case 3: {  // "rn" written as "m"
        const size_t at = stem.find("rn");
        if (at == std::string::npos) return "";
        return stem.replace(at, 2, "m") + suffix;
      }
      case 4:  // one Latin letter written in Cyrillic, sent as its A-label
        for (auto [latin, cyrillic] : {std::pair{'a', "\u0430"},
                                       {'e', "\u0435"},
                                       {'o', "\u043e"},
                                       {'p', "\u0440"},
                                       {'c', "\u0441"},
                                       {'x', "\u0445"}}) {
          const size_t at = stem.find(latin);
          if (at == std::string::npos) continue;
          std::string a_label;
          if (!NormaliseHost(stem.replace(at, 1, cyrillic) + suffix, &a_label, nullptr)) break;
          return a_label;
        }
        return "";
      case 5:  // acmecorp.com-secure.net
        return stem + suffix + "-" + word + (suffix == ".net" ? ".com" : ".net");
      case 6: {  // acmecorp-com.net
        std::string label = stem + suffix;
        std::replace(label.begin(), label.end(), '.', '-');
        return label + (suffix == ".net" ? ".com" : ".net");
      }
      case 7:  // acmecorp.com.invoices.net
        return stem + suffix + "." + word + (suffix == ".net" ? ".com" : ".net");
      case 8:  // plural or singular
        if (n < 4) return "";
        return (stem.back() == 's' ? stem.substr(0, n - 1) : stem + "s") + suffix;
      case 9: {  // a country code for .com and back
        static constexpr std::array<std::string_view, 4> kForCom = {".co", ".cm", ".om", ".co.uk"};
        if (suffix == ".com") return stem + std::string(Pick(kForCom, rng_));
        const bool country = suffix.size() == 3 || suffix.find('.', 1) != std::string::npos;
        return stem + (country ? ".com" : (*rng_)() % 2 ? ".co" : ".co.uk");
      }
      default: {  // a prefix word
        static constexpr std::array<std::string_view, 4> kPrefixes = {"my-", "secure-", "portal-",
                                                                      "my"};
        return std::string(Pick(kPrefixes, rng_)) + stem + suffix;
      }
    }
  }

  // The domain made for a reused form by technique `technique` of
  // kReusedFormTechniques from the correspondent's `host` (its registrable
  // domain is `stem` + `suffix`); empty when it does not apply.
  std::string ReusedFormLookalike(size_t technique, const std::string& host, std::string stem,
                                  const std::string& suffix) {
    const size_t n = stem.size();
    const std::string other_tld = suffix == ".net" ? ".com" : ".net";
    switch (technique) {
      case 0:  // a letter replaced by a key beside it
        for (size_t tries = 0; n >= 3 && tries < 8; ++tries) {
          const size_t i = 1 + (*rng_)() % (n - 1);
          const std::string_view keys = KeyboardNeighbours(static_cast<unsigned char>(stem[i]));
          if (!std::isalpha(static_cast<unsigned char>(stem[i])) || keys.empty()) continue;
          char key = keys[(*rng_)() % keys.size()];
          if (!std::isalpha(static_cast<unsigned char>(key))) key = keys.front();
          stem[i] = key;
          return stem + suffix;
        }
        return "";
      case 1:  // a dot inserted
        if (n < 4) return "";
        return stem.insert(2 + (*rng_)() % (n - 3), ".") + suffix;
      case 2: {  // the domain written as one label
        std::string label = stem + suffix;
        label.erase(std::remove(label.begin(), label.end(), '.'), label.end());
        return label + other_tld;
      }
      case 3:  // a vowel for another
        for (size_t i = 1; i < n; ++i) {
          const std::string_view vowels = "aeiou";
          const size_t v = vowels.find(stem[i]);
          if (v == std::string_view::npos) continue;
          stem[i] = vowels[(v + 1 + (*rng_)() % 4) % 5];
          return stem + suffix;
        }
        return "";
      default: {  // the mail host's labels joined with hyphens
        const std::string registrable = stem + suffix;
        std::string labels = host.size() > registrable.size()
                                 ? host.substr(0, host.size() - registrable.size() - 1)
                                 : std::string("mail");
        std::replace(labels.begin(), labels.end(), '.', '-');
        return labels + "-" + registrable;
      }
    }
  }

  // The local part and display name of reused form `form` (kReusedForms)
  // of the correspondent named `name` whose registrable domain's first
  // label is `stem`.
  void ReuseForm(size_t form, const std::string& name, const std::string& stem, std::string* local,
                 std::string* shown_name) {
    const std::vector<std::string> words = NameWords(name);
    const auto capitalised = [](std::string word) {
      if (!word.empty())
        word[0] = static_cast<char>(std::toupper(static_cast<unsigned char>(word[0])));
      return word;
    };
    const std::string first = words.empty() ? "Accounts" : capitalised(words.front());
    const std::string last = words.size() < 2 ? "Office" : capitalised(words.back());
    switch (form) {
      case 0:
        *local = std::string(Pick(kFinanceMailboxes, rng_));
        *shown_name = last + ", " + first;
        break;
      case 1:
        *local = std::string(Pick(kFinanceMailboxes, rng_));
        *shown_name = first + " " + static_cast<char>('A' + (*rng_)() % 26) + ". " + last;
        break;
      case kCapitalsForm:
        *local = std::string(Pick(kFinanceMailboxes, rng_));
        *shown_name = first + " " + last;
        for (char& c : *shown_name)
          c = static_cast<char>(std::toupper(static_cast<unsigned char>(c)));
        break;
      case 3:
        *local = "ap";
        *shown_name = capitalised(stem) + " Accounts Payable";
        break;
      case 4:
        *local += std::to_string(2 + (*rng_)() % 8);
        break;
      default:
        break;  // the local part as it is, at the mail-host look-alike
    }
  }

  // A public suffix other than `suffix` that an attacker can register under.
  std::string OtherSuffix(const std::string& suffix) {
    static constexpr std::array<std::string_view, 6> kSuffixes = {".com", ".org", ".net",
                                                                  ".co",  ".us",  ".de"};
    std::string other;
    while (other.empty() || other == suffix) other = std::string(Pick(kSuffixes, rng_));
    return other;
  }

  static constexpr std::array<std::string_view, 7> kLookalikeWords = {
      "billing", "secure", "payments", "accounts", "invoice", "online", "univ"};
  static constexpr std::array<std::string_view, 5> kFinanceMailboxes = {
      "accounts", "billing", "finance", "remittance", "ar"};
  // What a correspondent's second domain writes in the look-alike
  // families' controls, with a statement attached.
  static constexpr std::string_view kStatementText =
      "Please find our updated contact list and this quarter's statement attached; the figures "
      "are as agreed.";
  static constexpr std::array<std::string_view, 3> kBankSubjects = {
      "Change of bank details", "Updated remittance details", "New banking information"};

  static std::string Domain(const std::string& address) {
    return address.substr(address.find('@') + 1);
  }
  // "mjones7@txu.com" -> "txu": the name an attacker dresses a domain in.
  static std::string Organisation(const std::string& address) {
    const std::string domain = Domain(address);
    return domain.substr(0, domain.find('.'));
  }

  // A registrable domain an attacker could register to pass for `domain`
  // ("mail.acmecorp.com"): a changed TLD, two letters swapped, a digit for
  // a letter, an added word, or a typo with an added word and another TLD.
  std::string LookalikeOf(const std::string& domain) {
    const std::string registrable = IcannRegistrableDomain(domain);
    std::string stem = registrable.substr(0, registrable.find('.'));
    const std::string tld = registrable.substr(registrable.find('.'));
    const std::string other_tld = tld == ".com" ? (*rng_)() % 2 ? ".org" : ".net" : ".com";
    switch ((*rng_)() % 5) {
      case 0:
        return stem + other_tld;
      case 1:
        if (stem.size() >= 5) {
          const size_t i = 1 + (*rng_)() % (stem.size() - 2);
          if (stem[i] != stem[i + 1]) {
            std::swap(stem[i], stem[i + 1]);
            return stem + tld;
          }
        }
        return stem + "-billing" + tld;
      case 2:
        for (auto [letter, digit] : {std::pair{'o', '0'}, {'l', '1'}, {'i', '1'}, {'e', '3'}}) {
          const size_t at = stem.find(letter);
          if (at != std::string::npos) {
            stem[at] = digit;
            return stem + tld;
          }
        }
        return stem + "-invoices" + tld;
      case 3:
        return stem + "-" + std::string(Pick(kWords, rng_)) + tld;
      default:
        if (stem.size() >= 6) stem.erase(stem.size() / 2, 1);
        return stem + "-" + std::string(Pick(kWords, rng_)) + other_tld;
    }
  }

  // A page on shared cloud storage whose subdomain or path imitates a brand
  // or word with look-alike characters.
  std::string CloudTokenUrl() {
    const std::string token(Pick(kDisguisedTokens, rng_));
    switch ((*rng_)() % 4) {
      case 0:
        return "https://" + token + ".s3.amazonaws.com/index.html";
      case 1:
        return "https://storage.googleapis.com/" + token + "-" + Hex(rng_, 4) + "/view.html";
      case 2:
        return "https://" + token + "-" + Hex(rng_, 4) + ".web.app/";
      default:
        return "https://" + token + ".blob.core.windows.net/docs/index.html";
    }
  }

  static constexpr std::array<std::string_view, 6> kSurnames = {
      "meridian", "whitfield", "harrow", "kestrel", "abernathy", "lindqvist"};
  static constexpr std::array<std::string_view, 5> kFirms = {
      "capital-advisors", "partners", "consulting-group", "advisory", "holdings"};
  static constexpr std::array<std::string_view, 6> kCities = {"houston", "london",  "boston",
                                                              "denver",  "calgary", "austin"};
  static constexpr std::array<std::string_view, 6> kFirstNames = {"Laura",  "James", "Priya",
                                                                  "Daniel", "Helen", "Marcus"};
  static constexpr std::array<std::string_view, 5> kLookalikes = {
      "enr0n.com", "enron-corp.com", "enrom.com", "ernon.com", "enron.co"};
  static constexpr std::array<std::string_view, 4> kLateralSubjects = {
      "Please sign: updated policy", "Action required: benefits enrolment", "Shared with you",
      "Document for your signature"};
  static constexpr std::array<std::string_view, 8> kDisguisedTokens = {
      "rnicros0ft-docs", "paypa1-billing",  "s3cure0line",     "d0cusign-review",
      "0ffice365-login", "arnazon-invoice", "adobe-s1gn-docs", "we11sfargo-secure"};

  MailboxState* state_;
  std::map<std::string, std::string> usual_accounts_;  // by domain (UsualAccount)
  std::mt19937_64* rng_;
  std::set<std::string> used_domains_;
  std::set<std::string> used_senders_;
  // The widened vendor family's setup messages received so far, by the
  // platform they linked (BuildVendorWide).
  std::map<std::string, int> received_setups_;  // by the families played apart
  static constexpr size_t kNoTechnique = ~size_t{0};
  // BuildUndrawnLookalike()'s first technique, drawn at its first attack.
  size_t undrawn_first_ = kNoTechnique;
  std::map<std::string, Correspondent> invoicing_;  // BuildInvoice()'s vendors, by address
};

// Self-regulation's target (issue 14), apart from the attacks: partners
// adopting a platform as legitimate business, and the two campaigns that
// must not pass for adoption. Each mailbox plays all three once it has
// three fifths of its history.
//
// Since the vendor2 round, three more, each on a platform of its own: a
// campaign through compromised vendors of distinct organisations (one lure
// each on distinct days, as a campaign working through a supplier list
// does), in one lure template with the vendor's name filled in or in
// texts of their own to one to three recipients; and an adoption whose
// partners each link the platform twice in one shared template, as other
// generators write adoption.
enum class Scenario {
  kAdoption,
  kVendorRepeat,
  kNewSenderCampaign,
  kVendorsTemplate,
  kVendorsVaried,
  kTemplatedAdoption,
  kSpreadVendors,
  kSpreadAdoption,
  kSlowAdoption,
  kCount
};

constexpr const char* kScenarioNames[] = {
    "adoption: up to 15 partners of 10+ organisations, a new platform, 2 weeks",
    "compromised vendor: one pub-*.r2.dev page to 40 recipients, 4 days",
    "campaign: 10 new senders of 10 new domains, one platform, one a day",
    "compromised vendors: up to 8 partners of distinct organisations, one templated lure "
    "each, a new platform, distinct days in 2 weeks",
    "compromised vendors: up to 8 partners of distinct organisations, one lure each in its "
    "own words to 1-3 staff, a new platform, distinct days in 2 weeks",
    "templated adoption: up to 15 partners of 10+ organisations, 2 messages each in one "
    "template, a new platform, 13 days",
    "compromised vendors, spread out: 3-10 partners of distinct organisations, one lure each "
    "in its own words to 1-3 staff, a new platform, 10-60 days apart",
    "adoption, spread out: 3-8 partners of distinct organisations 10-60 days apart, each "
    "using the new platform again 5-9 days later",
    "slow adoption: 4-8 partners of distinct organisations, one message each, a new platform, "
    "1-7 days apart",
};
static_assert(std::size(kScenarioNames) == static_cast<size_t>(Scenario::kCount));

constexpr int kAdopters = 15;
constexpr size_t kAdoptingOrganisations = 10;
constexpr int kAdoptionDays = 14;
constexpr int kVendorDays = 4;
constexpr int kVendorMessagesPerDay = 10;
constexpr int kCampaignSenders = 10;
constexpr size_t kCompromisedVendors = 8;
constexpr int kTemplatedAdoptionDays = 13;

// Send-a-file services of the catalogue that no other scenario or family
// draws: one each for the three scenarios added in the vendor2 round.
constexpr std::array<std::string_view, 3> kFurtherTransferPlatforms = {"sendgb.com", "wesendit.com",
                                                                       "transferxl.com"};

// Send-a-file services of the catalogue that no other scenario or family
// draws, for the three scenarios of the vendor3 round (shuffled per mailbox).
constexpr std::array<std::string_view, 5> kSpreadTransferPlatforms = {
    "hightail.com", "mega.nz", "sendsafely.com", "docsend.com", "exavault.com"};

// File-transfer platforms the 2000-2002 mailboxes never saw.
constexpr std::array<std::string_view, 3> kTransferPlatforms = {"wetransfer.com", "filemail.com",
                                                                "fromsmash.com"};

constexpr std::array<std::string_view, 3> kCatalogueTransferPlatforms = {
    "swisstransfer.com", "transfernow.net", "gofile.io"};

std::string TransferUrl(std::string_view platform, std::mt19937_64* rng) {
  if (platform == "swisstransfer.com") {
    return "https://www.swisstransfer.com/d/" + Hex(rng, 8) + "-" + Hex(rng, 4) + "-" +
           Hex(rng, 12);
  }
  if (platform == "transfernow.net") return "https://www.transfernow.net/dl/" + Hex(rng, 14);
  if (platform == "gofile.io") return "https://gofile.io/d/" + Hex(rng, 6);
  if (platform == "wetransfer.com") {
    return "https://wetransfer.com/downloads/" + Hex(rng, 32) + "/" + Hex(rng, 6);
  }
  if (platform == "filemail.com") return "https://www.filemail.com/d/" + Hex(rng, 16);
  if (platform == "sendgb.com") return "https://sendgb.com/" + Hex(rng, 12);
  if (platform == "wesendit.com") return "https://wesendit.com/dl/" + Hex(rng, 10) + "/";
  if (platform == "transferxl.com") return "https://www.transferxl.com/download/" + Hex(rng, 14);
  if (platform == "hightail.com") return "https://www.hightail.com/download/" + Hex(rng, 20);
  if (platform == "mega.nz") return "https://mega.nz/file/" + Hex(rng, 8) + "#" + Hex(rng, 22);
  if (platform == "sendsafely.com") {
    return "https://www.sendsafely.com/receive/?thread=" + Hex(rng, 12) +
           "&packageCode=" + Hex(rng, 16);
  }
  if (platform == "docsend.com") return "https://docsend.com/view/" + Hex(rng, 9);
  if (platform == "exavault.com") {
    return "https://files-" + Hex(rng, 4) + ".exavault.com/share/view/" + Hex(rng, 10);
  }
  return "https://fromsmash.com/" + Hex(rng, 10);
}

// One message of a scenario, to inject when the replay's clock reaches it.
struct ScenarioMessage {
  Scenario scenario = Scenario::kAdoption;
  int order = 0;  // arrival order within its scenario, from 0
  int64_t clock = 0;
  std::string raw;
  std::vector<std::string> rcpt_to;
};

using AddScenarioMessage = std::function<void(
    Scenario scenario, int order, int64_t clock, const std::string& from,
    const std::vector<std::string>& rcpt, const std::string& subject, const std::string& html)>;

// A compromised vendor's lure in its own words goes to its usual contact
// and up to two more staff.
std::vector<std::string> LureRecipients(const std::string& contact,
                                        const std::vector<std::string>& staff,
                                        std::mt19937_64* rng) {
  std::vector<std::string> rcpt = {contact};
  const size_t wanted = 1 + (*rng)() % 3;
  const size_t first = staff.empty() ? 0 : (*rng)() % staff.size();
  for (size_t k = 0; k < staff.size() && rcpt.size() < wanted; ++k) {
    const std::string& other = staff[(first + k) % staff.size()];
    if (std::find(rcpt.begin(), rcpt.end(), other) == rcpt.end()) rcpt.push_back(other);
  }
  return rcpt;
}

// The scenarios of the vendor2 round (drawn after the others, so that those
// are the same with or without them). The compromised vendors are one
// partner of each of up to kCompromisedVendors organisations, those that
// adopted nothing first, each sending one lure on a day of its own; the
// templated adoption is the adoption's partners again, each linking the
// platform twice, the thirty messages shuffled over 13 days.
void PlanVendorsAndTemplatedAdoption(
    std::map<std::string, std::vector<const Correspondent*>>& partners,
    const std::vector<std::string>& organisations, size_t used,
    const std::vector<const Correspondent*>& adopters, const std::vector<std::string>& staff,
    int64_t start, std::mt19937_64* rng, const AddScenarioMessage& add) {
  std::vector<std::string_view> platforms(kFurtherTransferPlatforms.begin(),
                                          kFurtherTransferPlatforms.end());
  std::shuffle(platforms.begin(), platforms.end(), *rng);
  const size_t n = organisations.size();
  constexpr std::array<std::string_view, 5> kLures = {
      "<p>Please review the attached remittance documents and confirm receipt.</p>",
      "<p>We have updated our banking details; the signed letter is in the folder below.</p>",
      "<p>Hi, the purchase order you asked about is ready for your approval.</p>",
      "<p>Our invoice for last month is too large to attach, you can download it here.</p>",
      "<p>Sharing the revised statement of account ahead of the quarter end.</p>"};
  constexpr std::array<std::string_view, 4> kSubjects = {"Remittance advice", "Updated documents",
                                                         "Purchase order for approval",
                                                         "Statement of account"};
  for (int variant = 0; variant < 2 && n > 0; ++variant) {
    const Scenario scenario = variant == 0 ? Scenario::kVendorsTemplate : Scenario::kVendorsVaried;
    const std::string_view platform = platforms[static_cast<size_t>(variant)];
    const size_t vendors = std::min(n, kCompromisedVendors);
    std::vector<int> days(kAdoptionDays);
    std::iota(days.begin(), days.end(), 0);
    std::shuffle(days.begin(), days.end(), *rng);
    days.resize(std::min(vendors, days.size()));
    std::sort(days.begin(), days.end());
    for (size_t i = 0; i < days.size(); ++i) {
      const std::vector<const Correspondent*>& people =
          partners[organisations[(used + 1 + i + variant * vendors) % n]];
      const Correspondent& vendor = *people.back();
      const std::string company = vendor.address.substr(vendor.address.find('@') + 1);
      const std::string url = TransferUrl(platform, rng);
      const int64_t clock = start + days[i] * kSecondsPerDay + 3600 + (*rng)() % (8 * 3600);
      if (variant == 0) {
        add(scenario, static_cast<int>(i), clock, Named(vendor.display_name, vendor.address),
            {vendor.partner}, "New shared documents from " + company.substr(0, company.find('.')),
            "<p>" + vendor.display_name + " has shared secure documents with you via " +
                std::string(platform) + ".</p><p><a href=\"" + url +
                "\">Review Documents</a></p><p>" + company + "</p>");
        continue;
      }
      const std::vector<std::string> rcpt = LureRecipients(vendor.partner, staff, rng);
      add(scenario, static_cast<int>(i), clock, Named(vendor.display_name, vendor.address), rcpt,
          std::string(Pick(kSubjects, rng)),
          std::string(kLures[i % kLures.size()]) + "<p><a href=\"" + url + "\">" + url +
              "</a></p><p>" + vendor.display_name + "</p>");
    }
  }
  const std::string_view adopted = platforms[2];
  std::vector<std::pair<int64_t, const Correspondent*>> messages;
  for (const Correspondent* c : adopters) {
    for (int k = 0; k < 2; ++k) {
      messages.emplace_back(start + (*rng)() % (kTemplatedAdoptionDays * kSecondsPerDay), c);
    }
  }
  std::sort(messages.begin(), messages.end());
  for (size_t i = 0; i < messages.size(); ++i) {
    const Correspondent& c = *messages[i].second;
    const std::string url = TransferUrl(adopted, rng);
    add(Scenario::kTemplatedAdoption, static_cast<int>(i), messages[i].first,
        Named(c.display_name, c.address), {c.partner}, "Files sent via " + std::string(adopted),
        "<p>Hello,</p><p>I have sent you some files with " + std::string(adopted) +
            ", they are available until next week: <a href=\"" + url + "\">" + url +
            "</a></p><p>Kind regards,<br>" + c.display_name + "</p>");
  }
}

// The scenarios of the vendor3 round (drawn after the others, so that those
// are the same with or without them), each on a platform of its own: a
// campaign through compromised vendors of distinct organisations spread
// over months (one lure each, 10 to 60 days apart, as a campaign working
// slowly through a supplier list or separate compromises look); an adoption
// spread out likewise whose adopters use the platform again about a week
// later; and a slow adoption of one
// message per organisation, a few days apart. Messages later than the
// mailbox's end are not played.
void PlanSpreadScenarios(std::map<std::string, std::vector<const Correspondent*>>& partners,
                         const std::vector<std::string>& organisations,
                         const std::vector<std::string>& staff, int64_t start, std::mt19937_64* rng,
                         const AddScenarioMessage& add) {
  const size_t n = organisations.size();
  if (n == 0) return;
  std::vector<std::string_view> platforms(kSpreadTransferPlatforms.begin(),
                                          kSpreadTransferPlatforms.end());
  std::shuffle(platforms.begin(), platforms.end(), *rng);
  auto draw = [&](size_t fewest, size_t most) {
    std::vector<std::string> chosen(organisations);
    std::shuffle(chosen.begin(), chosen.end(), *rng);
    chosen.resize(std::min(n, fewest + (*rng)() % (most - fewest + 1)));
    return chosen;
  };
  auto at = [&](int64_t day) {
    return start + day * kSecondsPerDay + 3600 + (*rng)() % (8 * 3600);
  };

  constexpr std::array<std::string_view, 6> kLures = {
      "<p>Please find the remittance advice for this month's payment in the link below.</p>",
      "<p>Our bank details have changed; the signed confirmation letter is here:</p>",
      "<p>The purchase order you requested is ready for your signature.</p>",
      "<p>Invoice attached via secure link as it was too large for e-mail.</p>",
      "<p>Sharing the revised contract for your review before Friday.</p>",
      "<p>Please review the outstanding statement of account at your earliest convenience.</p>"};
  constexpr std::array<std::string_view, 6> kSubjects = {
      "Remittance advice",     "Change of bank details", "PO for signature",
      "Invoice - secure link", "Revised contract",       "Statement of account"};
  const std::string_view lured = platforms[0];
  int64_t day = 1 + static_cast<int64_t>((*rng)() % 10);
  const std::vector<std::string> vendors = draw(3, 10);
  for (size_t i = 0; i < vendors.size(); ++i) {
    const Correspondent& vendor = *partners[vendors[i]].front();
    const std::vector<std::string> rcpt = LureRecipients(vendor.partner, staff, rng);
    const std::string url = TransferUrl(lured, rng);
    const size_t text = (*rng)() % kLures.size();
    add(Scenario::kSpreadVendors, static_cast<int>(i), at(day),
        Named(vendor.display_name, vendor.address), rcpt, std::string(kSubjects[text]),
        std::string(kLures[text]) + "<p><a href=\"" + url + "\">" + url + "</a></p><p>" +
            vendor.display_name + "</p>");
    day += 10 + static_cast<int64_t>((*rng)() % 51);
  }

  // The spread adoption: each adopter's first message and its return, in
  // arrival order (a return may come after the next organisation's first).
  const std::string_view spread = platforms[1];
  std::vector<std::pair<int64_t, const Correspondent*>> uses;
  day = 1 + static_cast<int64_t>((*rng)() % 10);
  for (const std::string& organisation : draw(3, 8)) {
    // The same person returns: at a mailbox provider a colleague's
    // address is an organisation of its own.
    const Correspondent* adopter = partners[organisation].front();
    uses.emplace_back(at(day), adopter);
    uses.emplace_back(at(day + 5 + static_cast<int64_t>((*rng)() % 5)), adopter);
    day += 10 + static_cast<int64_t>((*rng)() % 51);
  }
  std::sort(uses.begin(), uses.end());
  for (size_t i = 0; i < uses.size(); ++i) {
    const Correspondent& c = *uses[i].second;
    const std::string url = TransferUrl(spread, rng);
    add(Scenario::kSpreadAdoption, static_cast<int>(i), uses[i].first,
        Named(c.display_name, c.address), {c.partner}, "Large files",
        "<p>Hi, the files were too big to attach, they are on " + std::string(spread) +
            ": <a href=\"" + url + "\">" + url + "</a></p><p>Thanks,<br>" + c.display_name +
            "</p>");
  }

  const std::string_view slow = platforms[2];
  day = 1 + static_cast<int64_t>((*rng)() % 10);
  const std::vector<std::string> adopters = draw(4, 8);
  for (size_t i = 0; i < adopters.size(); ++i) {
    const Correspondent& c = *partners[adopters[i]].front();
    const std::string url = TransferUrl(slow, rng);
    add(Scenario::kSlowAdoption, static_cast<int>(i), at(day), Named(c.display_name, c.address),
        {c.partner}, "Documents",
        "<p>As discussed, we now share documents through " + std::string(slow) +
            ". Here are the latest: <a href=\"" + url + "\">" + url + "</a></p><p>Best,<br>" +
            c.display_name + "</p>");
    day += 1 + static_cast<int64_t>((*rng)() % 7);
  }
}

// Plans the scenarios of one mailbox from `start` on, from what the
// replay has shown so far; sorted by clock. A scenario the mailbox cannot
// supply (too few partners) is played as far as it can be.
std::vector<ScenarioMessage> PlanScenarios(const MailboxState& state, int64_t start,
                                           std::mt19937_64* rng) {
  std::vector<ScenarioMessage> plan;
  std::vector<std::string_view> platforms(kTransferPlatforms.begin(), kTransferPlatforms.end());
  if (catalogue_transfers) {
    platforms.assign(kCatalogueTransferPlatforms.begin(), kCatalogueTransferPlatforms.end());
  }
  std::shuffle(platforms.begin(), platforms.end(), *rng);
  const std::string_view adopted = platforms[0];
  const std::string_view pushed = platforms[1];
  auto add = [&](Scenario scenario, int order, int64_t clock, const std::string& from,
                 const std::vector<std::string>& rcpt, const std::string& subject,
                 const std::string& html) {
    std::string to = AddressLine(rcpt);
    plan.push_back({scenario, order, clock,
                    RawMessage(fmt::format("scenario.{}.{}.{}", static_cast<int>(scenario), order,
                                           Hex(rng, 8)),
                               clock, from, to, subject, "", html),
                    rcpt});
  };

  // Adoption: one partner of each of up to ten organisations, then more
  // partners of the same organisations (or of further ones) up to fifteen,
  // in random order over two weeks, each to the colleague it writes to.
  std::map<std::string, std::vector<const Correspondent*>> partners = state.Partners(start, rng);
  std::vector<std::string> organisations;
  for (const auto& [organisation, people] : partners) organisations.push_back(organisation);
  std::shuffle(organisations.begin(), organisations.end(), *rng);
  std::vector<const Correspondent*> adopters;
  const size_t core = std::min(organisations.size(), kAdoptingOrganisations);
  for (size_t round = 0, added = 1; added > 0 && adopters.size() < kAdopters; ++round) {
    added = 0;
    for (size_t i = 0; i < core && adopters.size() < kAdopters; ++i) {
      const std::vector<const Correspondent*>& people = partners[organisations[i]];
      if (round < people.size()) adopters.push_back(people[round]), ++added;
    }
  }
  size_t used = core;  // organisations[used..] have not adopted
  for (; used < organisations.size() && adopters.size() < kAdopters; ++used) {
    adopters.push_back(partners[organisations[used]].front());
  }
  std::shuffle(adopters.begin(), adopters.end(), *rng);
  std::vector<int64_t> times;
  for (size_t i = 0; i < adopters.size(); ++i)
    times.push_back(start + (*rng)() % (kAdoptionDays * kSecondsPerDay));
  std::sort(times.begin(), times.end());
  constexpr std::array<std::string_view, 4> kTopics = {"the revised contract", "Monday's meeting",
                                                       "the site survey", "the quarterly review"};
  for (size_t i = 0; i < adopters.size(); ++i) {
    const Correspondent& c = *adopters[i];
    const std::string url = TransferUrl(adopted, rng);
    add(Scenario::kAdoption, static_cast<int>(i), times[i], Named(c.display_name, c.address),
        {c.partner}, "Files for " + std::string(Pick(kTopics, rng)),
        "<p>The files are too large for e-mail, so I have sent them with " + std::string(adopted) +
            ": <a href=\"" + url + "\">" + url + "</a></p><p>Regards</p>");
  }

  // A compromised vendor: a partner of another organisation repeats one
  // page to forty staff, ten a day.
  const Correspondent* vendor =
      used < organisations.size() ? partners[organisations[used]].front() : nullptr;
  const std::vector<std::string> staff = state.Staff(kVendorDays * kVendorMessagesPerDay, rng);
  if (vendor != nullptr && !staff.empty()) {
    const std::string url = "https://pub-" + Hex(rng, 32) + ".r2.dev/offline.html";
    const std::string domain = vendor->address.substr(vendor->address.find('@') + 1);
    for (int i = 0; i < kVendorDays * kVendorMessagesPerDay; ++i) {
      add(Scenario::kVendorRepeat, i,
          start + (i / kVendorMessagesPerDay) * kSecondsPerDay + (i % kVendorMessagesPerDay) * 600,
          Named(vendor->display_name, vendor->address), {staff[i % staff.size()]},
          "New Approved Statement From " + domain.substr(0, domain.find('.')),
          "<p>Please find the approved statement below.</p><p><a href=\"" + url +
              "\">View Document</a></p>");
    }
  }

  // One campaign from new senders, each of its own new domain, a day apart.
  constexpr std::array<std::string_view, 5> kFirms = {"logistics", "capital", "energy-partners",
                                                      "consulting", "trading"};
  for (int i = 0; i < kCampaignSenders && !staff.empty(); ++i) {
    const std::string domain =
        "northgate-" + std::string(Pick(kFirms, rng)) + "-" + Hex(rng, 4) + ".com";
    const std::string url = TransferUrl(pushed, rng);
    add(Scenario::kNewSenderCampaign, i, start + i * kSecondsPerDay + 3600,
        Named("Accounts Team", "accounts@" + domain), {staff[(*rng)() % staff.size()]},
        "Files for review",
        "<p>The files are too large for e-mail, so I have sent them with " + std::string(pushed) +
            ": <a href=\"" + url + "\">" + url + "</a></p>");
  }
  PlanVendorsAndTemplatedAdoption(partners, organisations, used, adopters, staff, start, rng, add);
  PlanSpreadScenarios(partners, organisations, staff, start, rng, add);
  std::stable_sort(
      plan.begin(), plan.end(),
      [](const ScenarioMessage& a, const ScenarioMessage& b) { return a.clock < b.clock; });
  return plan;
}

// What became of one scenario message.
struct ScenarioOutcome {
  int score = 0;
  Action action = Action::kAccept;
};

// Tallies across every mailbox.
struct Results {
  std::array<int, static_cast<size_t>(Kind::kCount)> attacks{};
  std::array<int, static_cast<size_t>(Kind::kCount)> held{};
  std::array<int, static_cast<size_t>(Kind::kCount)> learned{};  // delivered, so learned
  std::array<std::vector<int>, static_cast<size_t>(Kind::kCount)> scores;
  // "farmer-d daren.j.farmer@enron.com": each mailbox and the owner it was
  // replayed as delivered to (DeliveredToMailbox), "(none)" for none.
  std::vector<std::string> owners;
  uint64_t legit_inbound = 0, legit_held = 0, legit_tagged = 0;
  uint64_t legit_internal = 0, internal_held = 0, internal_tagged = 0;
  // The new-tenant family's legitimate setup (counted apart from the mailboxes' own mail).
  uint64_t tenant_setup = 0, tenant_setup_held = 0, tenant_setup_tagged = 0;
  // The threads written for the wide participant hijacks (Attack::prelude).
  uint64_t thread_setup = 0, thread_setup_held = 0, thread_setup_tagged = 0;
  std::vector<int> legit_reply_scores;
  std::vector<int> known_correspondent_scores;  // senders with kEstablished inbound messages
  std::vector<std::string> legit_holds;         // every legitimate message held, with why
  std::map<std::string, double> legit_cost;     // points by signal on held/tagged mail
  std::map<std::string, int> legit_cost_hits;
  // Every signal on legitimate inbound mail (the mailboxes' own and the
  // threads written for the wide hijacks), accepted mail included: messages
  // accepted, tagged, held. Shows how often a signal fires on real mail
  // whatever the other signals add to it.
  std::map<std::string, std::array<int, 3>> legit_signal_outcomes;
  // The same for the mailboxes' real internal mail (colleague to colleague):
  // the base rate of each lateral signal on Enron's own staff.
  std::map<std::string, std::array<int, 3>> internal_signal_outcomes;
  // The same for the mailboxes' own inbound mail only, without the threads
  // and invoices written here: with internal_signal_outcomes, what
  // PrintKnownLegitimateFires reports for DETECTION.md's model table.
  std::map<std::string, std::array<int, 3>> real_inbound_signal_outcomes;
  // --show-internal SIGNAL: the real internal messages it fired on, with
  // their verdicts, to read its legitimate base rate message by message.
  std::string show_internal;
  std::vector<std::string> internal_shown;
  // --show-inbound SIGNAL: the same for the mailboxes' legitimate inbound
  // mail, with the sender's standing (established correspondent or not).
  std::string show_inbound;
  // --release-legit-holds 1: each held message of a mailbox is learned as
  // an admin's release learns it (Disposition::kReleased), as a gateway's
  // admin would release legitimate mail once; attacks and controls are not.
  bool release_legit_holds = false;
  std::vector<std::string> inbound_shown;
  std::vector<std::string> missed;  // attacks not held, with their verdicts
  // The families played apart, by kind name and variant: attacks, held, tagged.
  std::map<std::string, std::array<int, 3>> variants;
  // The widened look-alike family's invoices from receive-only vendors.
  uint64_t invoice_setup = 0, invoice_setup_held = 0, invoice_setup_tagged = 0;
  // The new-tenant setup by platform form: messages, held.
  std::map<std::string, std::array<int, 2>> setup_forms;
  // Legitimate PDFs played beside the varied PDF lures (BuildDocumentControl),
  // by variant: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> document_controls;
  // Legitimate announcements beside the wide lateral family
  // (BuildLateralAnnouncement), by kind: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> announcements;
  // Legitimate announcements of a provider's sign-in page
  // (BuildPortalAnnouncement), by variant: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> portal_announcements;
  // Colleagues asking colleagues to sign at a site new here
  // (BuildSignatureControl), by variant: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> signature_controls;
  // Legitimate mail shaped like the lateral lures whose ask is in the text
  // (BuildTextAskControl), by variant: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> text_ask_controls;
  // Colleagues sharing a file on a platform new to the organisation
  // (BuildToolShareControl), by audience: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> tool_shares;
  // A partner's shared space a colleague passes on
  // (BuildPartnerSpaceControl), by audience: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> partner_spaces;
  // Legitimate mail shaped like the other-shapes lateral lures
  // (BuildLateralOtherControl), by shape: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> other_shape_controls;
  // BuildLateralFirstMailControl's, by kind: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> first_mail_controls;
  // Legitimate mail shaped like the masked forms (BuildMaskedControl), by
  // shape, and the lures whose tenant no URL names (BuildUnreadableTenant),
  // counted apart from the targets: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> masked_controls;
  std::map<std::string, std::array<int, 3>> unreadable_tenants;
  // New organisations' Bcc'd announcements linking their own site, played
  // beside the BCC lures on an attacker's own domain (BuildBccAnnouncement),
  // by variant: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> bcc_announcements;
  // The first-contact BCC lure and a new organisation's announcement, each
  // sent one reader at a time (PlaySplitMailings), by copy ("copy 1" is the
  // first to arrive): messages, held, tagged; and per campaign how many of
  // its copies were held ("2 of 4 held"): campaigns.
  std::map<std::string, std::array<int, 3>> split_lure_copies;
  std::map<std::string, std::array<int, 3>> split_announcement_copies;
  std::map<std::string, int> split_lure_campaigns;
  std::map<std::string, int> split_announcement_campaigns;
  // A new newsletter's successive issues to one subscriber, days apart, by
  // issue: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> newsletter_issues;
  std::vector<std::string> split_missed;  // the lures' copies not held, with why
  // The own-site BCC lures (BuildBccOwnSiteLure) each to one reader alone,
  // by lure text: messages, held, tagged. One reader unnamed is bulk mail's
  // envelope, so what holds these is the link's text alone.
  std::map<std::string, std::array<int, 3>> one_reader_lures;
  std::vector<std::string> one_reader_missed;
  // Legitimate mail shaped like the look-alike identity presentations
  // (BuildPresentation(control)), by variant: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> presentation_controls;
  // Legitimate mail shaped like the thin-history look-alikes
  // (BuildThinLookalike(control)), by variant: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> thin_controls;
  // Legitimate mail shaped like the look-alikes by techniques not drawn
  // before (BuildUndrawnLookalike(control)), by kind: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> undrawn_controls;
  // Established vendors' shares shaped like the widened vendor family's
  // (BuildVendorWide(control)), by kind: messages, held, tagged; and the
  // family's setup (a platform shared before), learned before its draws.
  std::map<std::string, std::array<int, 3>> vendor_controls;
  uint64_t vendor_setup = 0, vendor_setup_held = 0, vendor_setup_tagged = 0;
  // Buckets a known sender names after itself or neutrally, in the URL
  // forms of the cloud-storage family (BuildStorageToken(control)), by
  // name kind and service: messages, held, tagged.
  std::map<std::string, std::array<int, 3>> storage_controls;
  // By scenario, then arrival order.
  std::array<std::vector<std::vector<ScenarioOutcome>>, static_cast<size_t>(Scenario::kCount)>
      scenarios;
  bool show_scenarios = false;  // --show-scenarios: one line per scenario message
  AttackDelay delay;            // --attack-delay DAYS
  // --tenant-platforms catalogue: the new-tenant family draws its platforms
  // from kCatalogueTenantPlatforms instead of kTenantPlatforms.
  bool catalogue_tenants = false;
  // --rewrite FORM: every message parsed is first written in FORM (rewrite.h).
  RewriteForms rewrite;
  std::vector<std::string> scenario_lines;
  // The payment-diversion family's legitimate invoices written before a
  // change (Attack::prelude), and its control: a vendor's invoices naming
  // the same account each time, the first apart from the rest.
  uint64_t payment_setup = 0, payment_setup_held = 0, payment_setup_tagged = 0;
  std::array<uint64_t, 2> repeat_invoices{}, repeat_held{}, repeat_tagged{};
  // Legitimate inbound mail of the mailboxes naming a validated bank
  // account, and those of it on which PAYMENT_DETAILS_CHANGED fired.
  uint64_t legit_with_coordinates = 0;
  // The presentations family (presentation.h): by lure form, then by form
  // and lure kind, and its legitimate controls by form: messages, held,
  // tagged; the lures it did not hold, with their verdicts.
  std::map<std::string, std::array<int, 3>> lure_forms;
  std::map<std::string, std::array<int, 3>> lure_form_kinds;
  std::map<std::string, std::array<int, 3>> form_controls;
  std::vector<std::string> forms_missed;
};

// A family's own generator: a copy of the mailbox's `rng` re-seeded from
// its next draw and `salt`, so that adding a family leaves every other
// family's draws as they were.
std::mt19937_64 FamilyRng(const std::mt19937_64& rng, uint64_t salt) {
  std::mt19937_64 own(rng);
  own.seed(own() ^ salt);
  return own;
}

// `count` positions in the mailbox drawn from [from, from + span), in
// order: where a family's messages are played.
std::vector<size_t> DrawPositions(std::mt19937_64* rng, size_t count, size_t from, size_t span) {
  std::vector<size_t> at;
  for (size_t i = 0; i < count; ++i) at.push_back(from + (*rng)() % span);
  std::sort(at.begin(), at.end());
  return at;
}

// A family played apart from the random draw (RunMailbox's play_apart):
// a generator of its own, FamilyRng(`rng`, `salt`), so that the other
// families are drawn the same with or without it; the positions of its
// attacks and then of its legitimate controls, drawn from that generator
// in [from, from + span) of the mailbox; and how far each has been played.
struct ApartFamily {
  ApartFamily(const std::mt19937_64& rng, uint64_t salt, MailboxState* state, size_t attacks,
              size_t controls, size_t from, size_t span)
      : rng(FamilyRng(rng, salt)),
        builder(state, &this->rng),
        attack_at(DrawPositions(&this->rng, attacks, from, span)),
        control_at(DrawPositions(&this->rng, controls, from, span)) {}
  ApartFamily(const ApartFamily&) = delete;
  ApartFamily& operator=(const ApartFamily&) = delete;

  std::mt19937_64 rng;
  AttackBuilder builder;
  const std::vector<size_t> attack_at;
  const std::vector<size_t> control_at;
  size_t next_attack = 0;
  size_t next_control = 0;
  int serial = 0;  // apart from the random draw's, so that other attacks keep their ids
};

std::string VerdictLine(const Verdict& verdict) {
  std::string line = fmt::format("score {}:", verdict.score);
  for (const SignalHit& hit : verdict.signals) {
    line += fmt::format(" {}={:.0f} ({})", hit.name, hit.contribution, hit.evidence);
  }
  return line;
}

// Counts each of `verdict`'s signals in *outcomes: accepted, tagged, held.
void CountSignals(const Verdict& verdict, std::map<std::string, std::array<int, 3>>* outcomes) {
  const size_t outcome = verdict.action >= Action::kHold ? 2 : verdict.action == Action::kTag;
  for (const SignalHit& hit : verdict.signals) ++(*outcomes)[hit.name][outcome];
}

// Counts each of `verdict`'s signals in Results::legit_signal_outcomes.
void CountLegitSignals(const Verdict& verdict, Results* results) {
  CountSignals(verdict, &results->legit_signal_outcomes);
}

// `raw` (a message RawMessage() wrote at `built`) as copy `copy` of a
// mailing sent at `sent`: a Message-ID of its own, as a mail merge or a
// sending service gives each reader's envelope, and its Date.
std::string MailingCopy(const std::string& raw, int copy, int64_t built, int64_t sent) {
  std::string out = raw;
  const std::string id_end = "@mail.invalid>";
  const size_t at = out.find(id_end);
  if (at != std::string::npos) out.insert(at, ".copy" + std::to_string(copy));
  const std::string was = "Date: " + DateHeader(built);
  const size_t date = out.find(was);
  if (date != std::string::npos) out.replace(date, was.size(), "Date: " + DateHeader(sent));
  return out;
}

// `mailing` sent under its organisation's name, made from its domain
// ("Kestrel Consulting Group" for kestrel-consulting-group.com), in its
// From and its summary, as a mailing names its sender. Learned one after
// the other, mailings from FirstContact()'s few first and last names would
// otherwise share a person's name across domains, which is
// DISPLAY_NAME_IMPERSONATION's shape, not the mailing's.
void SendAsOrganisation(Attack* mailing) {
  std::string& raw = mailing->raw;
  const size_t from = raw.find("\nFrom: ");
  if (from == std::string::npos) return;
  const size_t start = from + 7;
  const size_t end = raw.find('\n', start);
  const size_t open = raw.find('<', start);
  const size_t at = raw.find('@', start);
  const size_t close = raw.find('>', start);
  if (end == std::string::npos || open > end || at > close || close > end) return;
  std::string name;
  bool word_start = true;
  for (char c : raw.substr(at + 1, raw.find('.', at) - at - 1)) {
    if (c == '-') {
      name += ' ';
      word_start = true;
      continue;
    }
    name += word_start ? static_cast<char>(std::toupper(static_cast<unsigned char>(c))) : c;
    word_start = false;
  }
  const std::string was = raw.substr(start, end - start);
  const std::string now = "\"" + name + "\" " + raw.substr(open, close - open + 1);
  raw.replace(start, end - start, now);
  const size_t named = mailing->summary.find(was);
  if (named != std::string::npos) mailing->summary.replace(named, was.size(), now);
}

// Replays one mailbox with `attacks` attacks injected at random positions.
Status RunMailbox(const std::string& path, const std::map<std::string, double>& weights,
                  const BaseRateOptions& base_rates, int attacks, std::mt19937_64* rng,
                  Results* results) {
  Config config;
  config.scoring.weights = weights;
  config.scoring.base_rates = base_rates;
  config.local_domains = {"enron.com"};
  config.scoring.local_domains = config.local_domains;
  std::unique_ptr<Scorer> scorer;
  Status s = Scorer::Create(config.scoring, &scorer);
  if (!s.ok()) return s;
  const fs::path dir = fs::temp_directory_path() /
                       fmt::format("attack_eval-{}-{}", getpid(), fs::path(path).stem().string());
  fs::remove_all(dir);
  StoreOptions options;
  options.path = dir.string();
  options.local_domains = config.local_domains;
  options.bulk_load = true;
  std::unique_ptr<HistoryStore> store;
  s = OpenRocksDbStore(options, &store);
  if (!s.ok()) return s;

  // With --rewrite the mailbox replayed is the corpus's, rewritten.
  std::string replayed = path;
  if (!results->rewrite.empty()) {
    replayed = (dir.string() + ".mbox");
    if (!RewriteArchive(path, results->rewrite, replayed)) {
      return Status::IoError(replayed + ": cannot write the rewritten mailbox");
    }
  }
  // Every message planned here is parsed as written in --rewrite's form.
  const auto parse = [&](std::string_view raw, const Envelope& envelope, Message* message) {
    return ParseMessage(RewriteMessage(raw, results->rewrite), envelope, config.parse, message);
  };
  ArchiveIndex index;
  s = IndexArchives({replayed}, &index);
  if (!s.ok()) return s;
  // Attacks come after the first tenth of the mailbox, so some history exists.
  const size_t total = index.entries.size();
  std::multiset<size_t> positions;
  for (int i = 0; i < attacks; ++i) positions.insert(total / 10 + (*rng)() % (total - total / 10));

  MailboxState state;
  state.SetArchivedNames(ArchivedNames(path));
  AttackBuilder builder(&state, rng);
  size_t visited = 0;
  KnownNamesSchedule known_names;
  int serial = 0;
  // Parses and scores one planned message, then learns it as `learning` says
  // (as the milter would: held mail as observations only).
  auto score_planned = [&](const std::string& raw, Direction direction, int64_t clock,
                           const std::vector<std::string>& rcpt_to, Learning learning,
                           Verdict* verdict) -> Status {
    Envelope envelope;
    envelope.rcpt_to = rcpt_to;
    Message message;
    Status status = parse(raw, envelope, &message);
    if (!status.ok()) return status;
    return learning == Learning::kLearned
               ? ScoreAndLearn(*scorer, store.get(), message, direction, clock, rcpt_to, verdict)
               : scorer->Score(message, direction, *store, clock, verdict);
  };
  // Parses a prelude as delivered to its own recipients.
  const auto parse_prelude = [&](const Attack::Prelude& prelude, Message* message) {
    Envelope envelope;
    envelope.rcpt_to = prelude.rcpt_to;
    return parse(prelude.raw, envelope, message);
  };
  auto score_attack = [&](const Attack& attack, int64_t clock,
                          Learning learning = Learning::kLearned) -> Status {
    for (const Attack::Prelude& prelude : attack.prelude) {
      Message message;
      Status status = parse_prelude(prelude, &message);
      if (!status.ok()) return status;
      Verdict verdict;
      status = ScoreAndLearn(*scorer, store.get(), message, prelude.direction, prelude.clock,
                             prelude.rcpt_to, &verdict);
      if (!status.ok()) return status;
      const bool payment = attack.kind == Kind::kPaymentDiversion ||
                           attack.kind == Kind::kPaymentDiversionAlternative;
      ++(payment ? results->payment_setup : results->thread_setup);
      CountLegitSignals(verdict, results);
      if (verdict.action >= Action::kHold) {
        ++(payment ? results->payment_setup_held : results->thread_setup_held);
        results->legit_holds.push_back(
            fmt::format("{} setup | From: {} | Subject: {}\n    {}", payment ? "payment" : "thread",
                        message.from.address, message.subject, VerdictLine(verdict)));
      }
      if (verdict.action == Action::kTag) {
        ++(payment ? results->payment_setup_tagged : results->thread_setup_tagged);
      }
    }
    Verdict verdict;
    if (results->delay.delayed()) learning = Learning::kScoredOnly;
    Status scored = score_planned(results->delay.Redate(attack.raw, clock), attack.direction,
                                  results->delay.SentAt(clock), attack.rcpt_to, learning, &verdict);
    if (!scored.ok()) return scored;
    const size_t k = static_cast<size_t>(attack.kind);
    ++results->attacks[k];
    results->scores[k].push_back(verdict.score);
    for (const std::string& variant : attack.variants) {
      auto& tally = results->variants[std::string(kKindNames[k]) + "|" + variant];
      ++tally[0];
      tally[1] += verdict.action >= Action::kHold ? 1 : 0;
      tally[2] += verdict.action == Action::kTag ? 1 : 0;
    }
    if (verdict.action >= Action::kHold) {
      ++results->held[k];
    } else {
      results->missed.push_back(attack.summary + "\n    " + VerdictLine(verdict));
      if (learning == Learning::kLearned) ++results->learned[k];
    }
    return Status::Ok();
  };

  // Plays the attacks of a family played apart from the random ones: each
  // whose planned position (`at`, sorted) the walk has reached, built by
  // `build` from its index; a build that the mailbox cannot supply yet
  // (false) is retried at the next message.
  auto play_due = [&](const std::vector<size_t>& at, size_t* next, int64_t clock,
                      const std::function<bool(size_t index, Attack * attack)>& build,
                      Learning learning = Learning::kLearned) -> Status {
    for (; *next < at.size() && at[*next] <= visited; ++*next) {
      Attack attack;
      if (!build(*next, &attack)) break;
      Status status = score_attack(attack, clock, learning);
      if (!status.ok()) return status;
    }
    return Status::Ok();
  };
  // Scores a family's legitimate control without learning it, counted by
  // its first variant in `tallies` (messages, held, tagged); a held one is
  // a legitimate hold.
  auto score_control = [&](const Attack& control, int64_t clock,
                           std::map<std::string, std::array<int, 3>>* tallies) -> Status {
    Verdict verdict;
    Status status = score_planned(results->delay.Redate(control.raw, clock), control.direction,
                                  results->delay.SentAt(clock), control.rcpt_to,
                                  Learning::kScoredOnly, &verdict);
    if (!status.ok()) return status;
    auto& tally = (*tallies)[control.variants.front()];
    ++tally[0];
    if (verdict.action >= Action::kHold) {
      ++tally[1];
      results->legit_holds.push_back(control.summary + "\n    " + VerdictLine(verdict));
    }
    if (verdict.action == Action::kTag) ++tally[2];
    return Status::Ok();
  };
  // Plays a family's legitimate controls as play_due plays its attacks
  // (score_control).
  auto play_controls = [&](const std::vector<size_t>& at, size_t* next, int64_t clock,
                           const std::function<bool(size_t index, Attack * control)>& build,
                           std::map<std::string, std::array<int, 3>>* tallies) -> Status {
    for (; *next < at.size() && at[*next] <= visited; ++*next) {
      Attack control;
      if (!build(*next, &control)) break;  // retried at the next message
      Status status = score_control(control, clock, tallies);
      if (!status.ok()) return status;
    }
    return Status::Ok();
  };
  // Plays a family played apart from the random draw: its legitimate
  // controls (play_controls), then its attacks, both scored without being
  // learned, so that the families measured before it keep their history
  // (its delivered lures would teach the base rates, its controls the
  // senders' habits).
  auto play_apart = [&](ApartFamily* family, int64_t clock,
                        const std::function<bool(size_t index, Attack * control)>& build_control,
                        const std::function<bool(size_t index, Attack * attack)>& build_attack,
                        std::map<std::string, std::array<int, 3>>* tallies) -> Status {
    Status status =
        play_controls(family->control_at, &family->next_control, clock, build_control, tallies);
    if (!status.ok()) return status;
    return play_due(family->attack_at, &family->next_attack, clock, build_attack,
                    Learning::kScoredOnly);
  };
  // play_apart for a family whose controls and attacks are each built by
  // one AttackBuilder method from their index alone; a family of controls
  // only passes no `build_attack`.
  using BuildByIndex = bool (AttackBuilder::*)(size_t, int64_t, int, Attack*);
  auto play_built_apart = [&](ApartFamily* family, int64_t clock, BuildByIndex build_control,
                              BuildByIndex build_attack,
                              std::map<std::string, std::array<int, 3>>* tallies) -> Status {
    return play_apart(
        family, clock,
        [&](size_t index, Attack* control) {
          return (family->builder.*build_control)(index, clock, ++family->serial, control);
        },
        [&](size_t index, Attack* attack) {
          return build_attack != nullptr &&
                 (family->builder.*build_attack)(index, clock, ++family->serial, attack);
        },
        tallies);
  };
  auto inject = [&](int64_t clock) -> Status {
    for (auto it = positions.find(visited); it != positions.end() && *it == visited;
         it = positions.erase(it)) {
      Attack attack;
      // A kind the mailbox cannot supply yet falls through to the next one.
      const size_t first = (*rng)() % kRandomKinds;
      bool built = false;
      for (size_t k = 0; k < kRandomKinds && !built; ++k) {
        built =
            builder.Build(static_cast<Kind>((first + k) % kRandomKinds), clock, ++serial, &attack);
      }
      if (!built) continue;
      Status scored = score_attack(attack, clock);
      if (!scored.ok()) return scored;
    }
    return Status::Ok();
  };

  // The scenarios start three fifths into the mailbox, with a generator of
  // their own so that the attacks are the same with or without them.
  std::mt19937_64 scenario_rng = FamilyRng(*rng, 0x5ca1ab1e);
  std::vector<ScenarioMessage> scenario;
  size_t next_scenario = 0;
  auto play_scenario = [&](int64_t clock) -> Status {
    if (visited == total * 3 / 5 && scenario.empty()) {
      scenario = PlanScenarios(state, clock, &scenario_rng);
    }
    for (; next_scenario < scenario.size() && scenario[next_scenario].clock <= clock;
         ++next_scenario) {
      const ScenarioMessage& planned = scenario[next_scenario];
      Envelope envelope;
      envelope.rcpt_to = planned.rcpt_to;
      Message message;
      // Sent later as a whole under --attack-delay, and learned even so:
      // an adoption is judged among its own adopters, whatever the gap
      // before it.
      Status status = parse(results->delay.Redate(planned.raw, planned.clock), envelope, &message);
      if (!status.ok()) return status;
      Verdict verdict;
      status = ScoreAndLearn(*scorer, store.get(), message, Direction::kInbound,
                             results->delay.SentAt(planned.clock), planned.rcpt_to, &verdict);
      if (!status.ok()) return status;
      auto& outcomes = results->scenarios[static_cast<size_t>(planned.scenario)];
      if (outcomes.size() <= static_cast<size_t>(planned.order)) outcomes.resize(planned.order + 1);
      outcomes[planned.order].push_back({verdict.score, verdict.action});
      if (results->show_scenarios) {
        results->scenario_lines.push_back(
            fmt::format("{} #{} {} {} | {}", kScenarioNames[static_cast<size_t>(planned.scenario)],
                        planned.order + 1, message.from.address, ActionName(verdict.action),
                        VerdictLine(verdict)));
      }
    }
    return Status::Ok();
  };

  // The new-tenant family, with a generator of its own (the other attacks
  // are drawn the same with or without it): legitimate mail linking tenants
  // of a few platforms between 15% and 35% of the mailbox (staff linking the
  // organisation's own first, then correspondents linking theirs), attacks
  // linking a new tenant of one of them from 40% on.
  std::mt19937_64 tenant_rng = FamilyRng(*rng, 0x7e7a47);
  AttackBuilder tenant_builder(&state, &tenant_rng);
  std::vector<std::string_view> platforms(kTenantPlatforms.begin(), kTenantPlatforms.end());
  if (results->catalogue_tenants) {
    platforms.assign(kCatalogueTenantPlatforms.begin(), kCatalogueTenantPlatforms.end());
  }
  std::shuffle(platforms.begin(), platforms.end(), tenant_rng);
  platforms.resize(kTenantPlatformsPerMailbox);
  const std::vector<size_t> setup_at = DrawPositions(
      &tenant_rng, platforms.size() * kTenantSetupPerPlatform, total * 15 / 100, total / 5);
  const std::vector<size_t> tenant_attack_at =
      DrawPositions(&tenant_rng, kTenantAttacksPerMailbox, total * 2 / 5, total * 57 / 100);
  size_t next_setup = 0, next_tenant_attack = 0;
  auto play_tenants = [&](int64_t clock) -> Status {
    for (; next_setup < setup_at.size() && setup_at[next_setup] <= visited; ++next_setup) {
      Attack setup;
      const std::string platform(platforms[next_setup % platforms.size()]);
      if (!tenant_builder.BuildTenantSetup(platform, next_setup < platforms.size(), clock, ++serial,
                                           &setup)) {
        break;  // retried at the next message, once the mailbox can supply it
      }
      Verdict verdict;
      Status status = score_planned(setup.raw, setup.direction, clock, setup.rcpt_to,
                                    Learning::kLearned, &verdict);
      if (!status.ok()) return status;
      ++results->tenant_setup;
      auto& form = results->setup_forms[setup.variants.front()];
      ++form[0];
      form[1] += verdict.action >= Action::kHold ? 1 : 0;
      if (verdict.action >= Action::kHold) {
        ++results->tenant_setup_held;
        results->legit_holds.push_back(setup.summary + "\n    " + VerdictLine(verdict));
      }
      if (verdict.action == Action::kTag) ++results->tenant_setup_tagged;
      // Delivered mail (accepted or tagged) reached its reader: a partner's
      // space a colleague may pass on.
      if (setup.direction == Direction::kInbound && verdict.action <= Action::kTag) {
        state.AddReceivedSpace(platform, setup.variants.back());
      }
    }
    return play_due(tenant_attack_at, &next_tenant_attack, clock, [&](size_t, Attack* attack) {
      return tenant_builder.Build(Kind::kNewTenant, clock, ++serial, attack);
    });
  };

  // The varied thread-hijack and lateral kinds, with a generator of their
  // own (the other attacks are drawn the same with or without them):
  // kVariedAttacksPerMailbox of each, from a fifth of the mailbox on (both
  // need history: a thread, an account that wrote internal mail).
  std::mt19937_64 varied_rng = FamilyRng(*rng, 0x1a7e4a1);
  AttackBuilder varied_builder(&state, &varied_rng);
  std::vector<std::pair<size_t, Kind>> varied_plan;
  for (Kind kind : {Kind::kHijackVaried, Kind::kLateralVaried}) {
    for (int i = 0; i < kVariedAttacksPerMailbox; ++i) {
      varied_plan.emplace_back(total / 5 + varied_rng() % (total * 77 / 100), kind);
    }
  }
  std::sort(varied_plan.begin(), varied_plan.end());
  std::vector<size_t> varied_at;
  for (const auto& planned : varied_plan) varied_at.push_back(planned.first);
  size_t next_varied = 0;
  auto play_varied = [&](int64_t clock) -> Status {
    return play_due(varied_at, &next_varied, clock, [&](size_t index, Attack* attack) {
      return varied_builder.Build(varied_plan[index].second, clock, ++serial, attack);
    });
  };

  // The wide participant hijacks, likewise with a generator of their own,
  // from a fifth of the mailbox on; their lures taken in turn from a random
  // start, so that each mailbox plays every one twice.
  std::mt19937_64 wide_rng = FamilyRng(*rng, 0x41ac4ed);
  AttackBuilder wide_builder(&state, &wide_rng);
  std::vector<size_t> wide_at =
      DrawPositions(&wide_rng, kWideHijacksPerMailbox, total / 5, total * 77 / 100);
  const size_t first_lure = wide_rng();
  size_t next_wide = 0;
  auto play_wide = [&](int64_t clock) -> Status {
    return play_due(wide_at, &next_wide, clock, [&](size_t index, Attack* attack) {
      return wide_builder.BuildHijackWide(first_lure + index, clock, ++serial, attack);
    });
  };

  // PlanNamedAndColleagues: an internal user's name from an outside
  // address to that user and colleagues at once, likewise with a generator
  // of its own, from a fifth of the mailbox on.
  std::mt19937_64 named_rng = FamilyRng(*rng, 0x5e1f7a3e);
  AttackBuilder named_builder(&state, &named_rng);
  std::vector<size_t> named_at =
      DrawPositions(&named_rng, kNamedAndColleaguesPerMailbox, total / 5, total * 77 / 100);
  size_t next_named = 0;
  auto play_named = [&](int64_t clock) -> Status {
    return play_due(named_at, &next_named, clock, [&](size_t, Attack* attack) {
      return named_builder.Build(Kind::kNamedAndColleagues, clock, ++serial, attack);
    });
  };

  // The registrable look-alike family, likewise with a generator of its
  // own, from 40% of the mailbox on; its techniques taken in turn from a
  // random start, so that each mailbox plays every one.
  std::mt19937_64 lookalike_rng = FamilyRng(*rng, 0x100ca11e);
  AttackBuilder lookalike_builder(&state, &lookalike_rng);
  std::vector<size_t> lookalike_at = DrawPositions(&lookalike_rng, kRegistrableLookalikesPerMailbox,
                                                   total * 2 / 5, total * 57 / 100);
  const size_t first_technique = lookalike_rng();
  size_t next_lookalike = 0;
  auto play_lookalikes = [&](int64_t clock) -> Status {
    return play_due(lookalike_at, &next_lookalike, clock, [&](size_t index, Attack* attack) {
      return lookalike_builder.BuildRegistrableLookalike(first_technique + index, clock, ++serial,
                                                         attack);
    });
  };

  // The attachment-lure family, likewise with a generator of its own, from
  // 40% of the mailbox on (a vendor must be established by then).
  std::mt19937_64 attachment_rng = FamilyRng(*rng, 0xa77ac4);
  AttackBuilder attachment_builder(&state, &attachment_rng);
  std::vector<size_t> attachment_at =
      DrawPositions(&attachment_rng, kAttachmentLuresPerMailbox, total * 2 / 5, total * 57 / 100);
  size_t next_attachment = 0;
  int attachment_serial = 0;  // apart from `serial`, so that other attacks keep their ids
  auto play_attachment_lures = [&](int64_t clock) -> Status {
    return play_due(attachment_at, &next_attachment, clock, [&](size_t index, Attack* attack) {
      return attachment_builder.BuildAttachmentLure(index, clock, ++attachment_serial, attack);
    });
  };

  // The widened registrable look-alike family, likewise with a generator
  // of its own, from 40% of the mailbox on.
  std::mt19937_64 widened_rng = FamilyRng(*rng, 0x1a4c0de4);
  AttackBuilder widened_builder(&state, &widened_rng);
  std::vector<size_t> widened_at =
      DrawPositions(&widened_rng, kWideLookalikesPerMailbox, total * 2 / 5, total * 57 / 100);
  const size_t first_widened_technique = widened_rng();
  size_t next_widened = 0;
  int widened_serial = 0;  // apart from `serial`, so the other attacks keep their ids
  // Its receive-only vendors: kSuppliersPerMailbox suppliers each send
  // kInvoicesPerSupplier invoices between 10% and 40% of the mailbox,
  // never answered, half from the billing office and half from a person.
  std::vector<size_t> suppliers(AttackBuilder::kSuppliers.size());
  std::iota(suppliers.begin(), suppliers.end(), 0);
  std::shuffle(suppliers.begin(), suppliers.end(), widened_rng);
  std::vector<std::pair<size_t, size_t>> invoice_plan;  // position, supplier
  for (size_t v = 0; v < kSuppliersPerMailbox; ++v) {
    for (int i = 0; i < kInvoicesPerSupplier; ++i) {
      invoice_plan.emplace_back(total / 10 + widened_rng() % (total * 3 / 10), suppliers[v]);
    }
  }
  std::sort(invoice_plan.begin(), invoice_plan.end());
  size_t next_invoice = 0;
  // Its spelled-name variant, with a generator of its own so that the
  // family's other draws stay as they were.
  std::mt19937_64 spelled_rng = FamilyRng(*rng, 0x5be11ed);
  AttackBuilder spelled_builder(&state, &spelled_rng);
  std::vector<size_t> spelled_at = DrawPositions(&spelled_rng, kSpelledNameLookalikesPerMailbox,
                                                 total * 2 / 5, total * 57 / 100);
  const size_t first_spelled_technique = spelled_rng();
  size_t next_spelled = 0;
  int spelled_serial = 1000;  // apart from the family's other ids
  // Its reused-form variant, likewise (kReusedForms, each form in turn).
  std::mt19937_64 forms_rng = FamilyRng(*rng, 0xf0a3e5);
  AttackBuilder forms_builder(&state, &forms_rng);
  std::vector<size_t> forms_at =
      DrawPositions(&forms_rng, kReusedFormLookalikesPerMailbox, total * 2 / 5, total * 57 / 100);
  const size_t first_form_technique = forms_rng();
  size_t next_form = 0;
  int forms_serial = 2000;  // apart from the family's other ids
  auto play_wide_lookalikes = [&](int64_t clock) -> Status {
    for (; next_invoice < invoice_plan.size() && invoice_plan[next_invoice].first <= visited;
         ++next_invoice) {
      const size_t supplier = invoice_plan[next_invoice].second;
      Attack invoice;
      if (!widened_builder.BuildInvoice(AttackBuilder::kSuppliers[supplier], supplier % 2 == 0,
                                        clock, ++widened_serial, &invoice)) {
        break;  // retried at the next message, once the mailbox has staff
      }
      Verdict verdict;
      Status status = score_planned(invoice.raw, invoice.direction, clock, invoice.rcpt_to,
                                    Learning::kLearned, &verdict);
      if (!status.ok()) return status;
      ++results->invoice_setup;
      if (verdict.action >= Action::kHold) {
        ++results->invoice_setup_held;
        results->legit_holds.push_back(invoice.summary + "\n    " + VerdictLine(verdict));
      }
      if (verdict.action == Action::kTag) ++results->invoice_setup_tagged;
    }
    Status status = play_due(widened_at, &next_widened, clock, [&](size_t index, Attack* attack) {
      return widened_builder.BuildWideLookalike(index, first_widened_technique + index, clock,
                                                ++widened_serial, attack);
    });
    if (!status.ok()) return status;
    status = play_due(spelled_at, &next_spelled, clock, [&](size_t index, Attack* attack) {
      return spelled_builder.BuildWideLookalike(index, first_spelled_technique + index, clock,
                                                ++spelled_serial, attack, /*spelled_name=*/true);
    });
    if (!status.ok()) return status;
    return play_due(forms_at, &next_form, clock, [&](size_t index, Attack* attack) {
      const size_t form = index % AttackBuilder::kReusedForms.size();
      return forms_builder.BuildWideLookalike(
          index, first_form_technique + index / AttackBuilder::kReusedForms.size(), clock,
          ++forms_serial, attack, /*spelled_name=*/false, form);
    });
  };

  // The varied PDF lures and legitimate PDFs beside them, likewise with a
  // generator of their own, from 40% of the mailbox on. Scored without
  // being learned: added after the other families were measured, they must
  // not change those families' history (their delivered lures would teach
  // the base rates, their legitimate PDFs the senders' habits).
  ApartFamily documents(*rng, 0xd0c5, &state, kDocumentLuresPerMailbox, kDocumentControlsPerMailbox,
                        total * 2 / 5, total * 57 / 100);
  auto play_documents = [&](int64_t clock) -> Status {
    return play_built_apart(&documents, clock, &AttackBuilder::BuildDocumentControl,
                            &AttackBuilder::BuildDocumentLure, &results->document_controls);
  };

  // The BCC lures on an attacker's own domain and the announcements beside
  // them, likewise with a generator of their own and scored without being
  // learned (added after the other families were measured).
  ApartFamily bcc(*rng, 0xbcc0, &state, kBccOwnSiteLuresPerMailbox, kBccAnnouncementsPerMailbox,
                  total * 2 / 5, total * 57 / 100);
  auto play_bcc = [&](int64_t clock) -> Status {
    return play_built_apart(&bcc, clock, &AttackBuilder::BuildBccAnnouncement,
                            &AttackBuilder::BuildBccOwnSiteLure, &results->bcc_announcements);
  };

  // The identity presentations on a look-alike domain and their controls,
  // likewise with a generator of their own, from 40% of the mailbox on;
  // scored without being learned, as the PDFs are, so that the families
  // measured before them keep their history.
  ApartFamily presentations(*rng, 0x9e5e47, &state, kPresentationsPerMailbox,
                            kPresentationControlsPerMailbox, total * 2 / 5, total * 57 / 100);
  const size_t first_presentation_technique = presentations.rng();
  auto play_presentations = [&](int64_t clock) -> Status {
    return play_apart(
        &presentations, clock,
        [&](size_t index, Attack* control) {
          const size_t form = index % AttackBuilder::kControls.size();
          return presentations.builder.BuildPresentation(form, 0, /*control=*/true, clock,
                                                         ++presentations.serial, control);
        },
        [&](size_t index, Attack* attack) {
          // A form the mailbox cannot supply (no nickname among its
          // correspondents) gives way to the next.
          const size_t forms = AttackBuilder::kPresentations.size();
          for (size_t f = 0; f < forms; ++f) {
            if (presentations.builder.BuildPresentation(
                    (index + f) % forms, first_presentation_technique + index / forms,
                    /*control=*/false, clock, ++presentations.serial, attack)) {
              return true;
            }
          }
          return false;
        },
        &results->presentation_controls);
  };

  // The look-alike names on shared cloud storage in every URL form and
  // their controls of the same forms, likewise with a generator of their
  // own, from 40% of the mailbox on, scored without being learned. Each
  // mailbox starts the forms at a drawn one and takes them in turn, the
  // name kinds in turn beside them.
  ApartFamily storage(*rng, 0x57043e, &state, kStorageTokensPerMailbox, kStorageControlsPerMailbox,
                      total * 2 / 5, total * 57 / 100);
  const size_t first_storage_form = storage.rng();
  auto play_storage = [&](int64_t clock) -> Status {
    return play_apart(
        &storage, clock,
        [&](size_t index, Attack* control) {
          return storage.builder.BuildStorageToken(first_storage_form + index * 5, index % 2,
                                                   /*control=*/true, clock, ++storage.serial,
                                                   control);
        },
        [&](size_t index, Attack* attack) {
          return storage.builder.BuildStorageToken(first_storage_form + index, index % 4,
                                                   /*control=*/false, clock, ++storage.serial,
                                                   attack);
        },
        &results->storage_controls);
  };

  // The thin-history registrable look-alikes and their controls, likewise
  // with a generator of their own, from 40% of the mailbox on, scored
  // without being learned; even ones of a barely established
  // correspondent, odd ones of any established one.
  ApartFamily thin(*rng, 0x7417c0de, &state, kThinLookalikesPerMailbox, kThinControlsPerMailbox,
                   total * 2 / 5, total * 57 / 100);
  auto play_thin = [&](int64_t clock) -> Status {
    return play_apart(
        &thin, clock,
        [&](size_t index, Attack* control) {
          return thin.builder.BuildThinLookalike(index, /*barely=*/index / 2 % 2 == 0,
                                                 /*control=*/true, clock, ++thin.serial, control);
        },
        [&](size_t index, Attack* attack) {
          return thin.builder.BuildThinLookalike(index, /*barely=*/index % 2 == 0,
                                                 /*control=*/false, clock, ++thin.serial, attack);
        },
        &results->thin_controls);
  };

  // The payment-diversion family and its control, likewise with a
  // generator of their own (the other attacks are drawn the same with or
  // without them): the attacks from a fifth of the mailbox on, the
  // control's invoices from 30% on, from one established correspondent
  // chosen at the first, naming the same account each time.
  std::mt19937_64 payment_rng = FamilyRng(*rng, 0xba4c0de);
  AttackBuilder payment_builder(&state, &payment_rng);
  const std::vector<size_t> payment_at =
      DrawPositions(&payment_rng, kPaymentDiversionsPerMailbox, total / 5, total * 77 / 100);
  const std::vector<size_t> repeat_at =
      DrawPositions(&payment_rng, kRepeatInvoicesPerMailbox, total * 3 / 10, total * 65 / 100);
  const PaymentStyle repeat_style =
      static_cast<PaymentStyle>(payment_rng() % static_cast<size_t>(PaymentStyle::kCount));
  const Correspondent* repeat_vendor = nullptr;
  std::string repeat_details;
  size_t next_payment = 0, next_repeat = 0;
  int payment_serial = 0;  // apart from `serial`, so that other attacks keep their ids
  auto play_payments = [&](int64_t clock) -> Status {
    for (; next_repeat < repeat_at.size() && repeat_at[next_repeat] <= visited; ++next_repeat) {
      if (repeat_vendor == nullptr) {
        repeat_vendor = state.KnownSender(&payment_rng);
        if (repeat_vendor == nullptr) break;  // retried once the mailbox has correspondents
        repeat_details = payment_builder.UsualAccount(repeat_vendor->address, repeat_style);
      }
      Attack invoice;
      if (!payment_builder.BuildRepeatInvoice(*repeat_vendor, repeat_details, clock,
                                              ++payment_serial, &invoice)) {
        break;
      }
      Verdict verdict;
      Status status = score_planned(invoice.raw, invoice.direction, clock, invoice.rcpt_to,
                                    Learning::kLearned, &verdict);
      if (!status.ok()) return status;
      const size_t order = next_repeat == 0 ? 0 : 1;
      ++results->repeat_invoices[order];
      if (verdict.action >= Action::kHold) {
        ++results->repeat_held[order];
        results->legit_holds.push_back(invoice.summary + "\n    " + VerdictLine(verdict));
      }
      if (verdict.action == Action::kTag) ++results->repeat_tagged[order];
    }
    return play_due(payment_at, &next_payment, clock, [&](size_t index, Attack* attack) {
      return payment_builder.BuildPaymentDiversion(index, clock, ++payment_serial, attack);
    });
  };

  // The payment diversions written as multipart/alternative, with a
  // generator of their own likewise, scored without learning them.
  std::mt19937_64 alternative_rng = FamilyRng(*rng, 0xa17e4a7e);
  AttackBuilder alternative_builder(&state, &alternative_rng);
  const std::vector<size_t> alternative_at =
      DrawPositions(&alternative_rng, kPaymentDiversionsPerMailbox, total / 5, total * 77 / 100);
  size_t next_alternative = 0;
  int alternative_serial = 0;
  auto play_alternatives = [&](int64_t clock) -> Status {
    return play_due(
        alternative_at, &next_alternative, clock,
        [&](size_t index, Attack* attack) {
          return alternative_builder.BuildPaymentDiversionAlternative(index, clock,
                                                                      ++alternative_serial, attack);
        },
        Learning::kScoredOnly);
  };

  // The wide lateral family and the announcements beside it, likewise with
  // a generator of their own, from a fifth of the mailbox on, scored
  // without being learned (added after the other families were measured).
  ApartFamily lateral(*rng, 0x1a7e2a1, &state, kLateralWidePerMailbox, kAnnouncementsPerMailbox,
                      total / 5, total * 77 / 100);
  const size_t first_link = lateral.rng();
  // Announcements of a provider's sign-in page, likewise (added after the
  // wide lateral family; controls only).
  ApartFamily portals(*rng, 0x9047a15, &state, 0, kPortalAnnouncementsPerMailbox, total / 5,
                      total * 77 / 100);
  auto play_portals = [&](int64_t clock) -> Status {
    return play_built_apart(&portals, clock, &AttackBuilder::BuildPortalAnnouncement, nullptr,
                            &results->portal_announcements);
  };
  // The wide lateral lures whose page names no sign-in, only their text
  // (branch lateral4), and their controls, likewise apart.
  ApartFamily asked(*rng, 0x7e47a5c, &state, kTextAskLateralPerMailbox, kTextAskControlsPerMailbox,
                    total / 5, total * 77 / 100);
  auto play_asked = [&](int64_t clock) -> Status {
    return play_apart(
        &asked, clock,
        [&](size_t index, Attack* control) {
          return asked.builder.BuildTextAskControl(index, clock, ++asked.serial, control);
        },
        [&](size_t, Attack* attack) {
          return asked.builder.BuildLateralTextAsk(clock, ++asked.serial, attack);
        },
        &results->text_ask_controls);
  };
  // Colleagues asking colleagues to sign at a site new here (controls
  // only), likewise apart.
  ApartFamily signatures(*rng, 0x5194a7e, &state, 0, kSignatureControlsPerMailbox, total / 5,
                         total * 77 / 100);
  auto play_signatures = [&](int64_t clock) -> Status {
    return play_built_apart(&signatures, clock, &AttackBuilder::BuildSignatureControl, nullptr,
                            &results->signature_controls);
  };
  // Colleagues sharing a file on a platform new here (branch lateral5;
  // controls only), likewise apart.
  ApartFamily tools(*rng, 0x700154a7, &state, 0, kToolSharesPerMailbox, total / 5,
                    total * 77 / 100);
  auto play_tools = [&](int64_t clock) -> Status {
    return play_built_apart(&tools, clock, &AttackBuilder::BuildToolShareControl, nullptr,
                            &results->tool_shares);
  };
  // A partner's shared space passed on by a colleague (branch lateral15;
  // controls only), likewise apart.
  ApartFamily spaces(*rng, 0x5ace15, &state, 0, kPartnerSpacesPerMailbox, total / 5,
                     total * 77 / 100);
  auto play_spaces = [&](int64_t clock) -> Status {
    return play_built_apart(&spaces, clock, &AttackBuilder::BuildPartnerSpaceControl, nullptr,
                            &results->partner_spaces);
  };
  // The compromised colleague's other shapes (branch lateral6) and their
  // controls, likewise apart.
  ApartFamily others(*rng, 0x1a7e6a1, &state, kLateralOtherPerMailbox,
                     kLateralOtherControlsPerMailbox, total / 5, total * 77 / 100);
  auto play_others = [&](int64_t clock) -> Status {
    return play_built_apart(&others, clock, &AttackBuilder::BuildLateralOtherControl,
                            &AttackBuilder::BuildLateralOtherShape, &results->other_shape_controls);
  };
  // The compromised colleague's first mail and such accounts' own first
  // mails (the lead, seventeenth round), likewise apart.
  ApartFamily firsts(*rng, 0xf1257a11, &state, kLateralFirstMailPerMailbox,
                     kLateralFirstMailControlsPerMailbox, total / 5, total * 77 / 100);
  auto play_firsts = [&](int64_t clock) -> Status {
    return play_built_apart(&firsts, clock, &AttackBuilder::BuildLateralFirstMailControl,
                            &AttackBuilder::BuildLateralFirstMail, &results->first_mail_controls);
  };
  // Masked links and tenants in forms not drawn before (branch masked14),
  // their controls, and the tenant-less lures, each apart: the lures are
  // tallied as controls are but are no legitimate holds.
  ApartFamily masked(*rng, 0x3a5ced14, &state, kMaskedFormsPerMailbox, kMaskedControlsPerMailbox,
                     total / 5, total * 77 / 100);
  ApartFamily unreadable(*rng, 0x0dd14, &state, kUnreadableTenantsPerMailbox, 0, total / 5,
                         total * 77 / 100);
  auto play_masked = [&](int64_t clock) -> Status {
    Status status = play_built_apart(&masked, clock, &AttackBuilder::BuildMaskedControl,
                                     &AttackBuilder::BuildMaskedForm, &results->masked_controls);
    for (; status.ok() && unreadable.next_attack < unreadable.attack_at.size() &&
           unreadable.attack_at[unreadable.next_attack] <= visited;
         ++unreadable.next_attack) {
      Attack lure;
      if (!unreadable.builder.BuildUnreadableTenant(unreadable.next_attack, clock,
                                                    ++unreadable.serial, &lure)) {
        break;
      }
      Verdict verdict;
      status = score_planned(results->delay.Redate(lure.raw, clock), lure.direction,
                             results->delay.SentAt(clock), lure.rcpt_to, Learning::kScoredOnly,
                             &verdict);
      auto& tally = results->unreadable_tenants[lure.variants.front()];
      ++tally[0];
      tally[1] += verdict.action >= Action::kHold;
      tally[2] += verdict.action == Action::kTag;
    }
    return status;
  };
  // The registrable look-alikes by techniques not drawn before (branch
  // lookalike14) and their controls, likewise apart, from 40% of the
  // mailbox on as the other look-alike families.
  ApartFamily undrawn(*rng, 0x10c411e14, &state, kUndrawnLookalikesPerMailbox,
                      kUndrawnControlsPerMailbox, total * 2 / 5, total * 57 / 100);
  auto play_undrawn = [&](int64_t clock) -> Status {
    return play_apart(
        &undrawn, clock,
        [&](size_t index, Attack* control) {
          return undrawn.builder.BuildUndrawnLookalike(index, /*control=*/true, clock,
                                                       ++undrawn.serial, control);
        },
        [&](size_t index, Attack* attack) {
          return undrawn.builder.BuildUndrawnLookalike(index, /*control=*/false, clock,
                                                       ++undrawn.serial, attack);
        },
        &results->undrawn_controls);
  };
  // The widened vendor family (branch vendor15) and its controls, with a
  // generator of their own, played once the mailbox's own mail and
  // scenarios are over, at its last message's Date, scored without being
  // learned. Its setup (a platform shared before: the vendor's, a
  // colleague's, another organisation's or the staff's own shares) is
  // mail the organisation took for legitimate, whatever its verdict: it is
  // learned as an admin's release is, trusted, and as no base-rate sample,
  // as a release is none. Played last, what the setup teaches history
  // (the senders' earlier shares) moves no verdict of the mailbox's real
  // mail nor of another family.
  std::mt19937_64 vendor_rng = FamilyRng(*rng, 0x7e4d0415);
  AttackBuilder vendor_builder(&state, &vendor_rng);
  int vendor_serial = 0;
  const auto learn_setup = [&](Attack* built) -> Status {
    for (const Attack::Prelude& prelude : built->prelude) {
      Message message;
      Status status = parse_prelude(prelude, &message);
      if (!status.ok()) return status;
      Verdict verdict;
      status = scorer->Score(message, prelude.direction, *store, prelude.clock, &verdict);
      if (!status.ok()) return status;
      LearnRequest request = LearnRequestFor(message, prelude.direction, prelude.clock,
                                             prelude.rcpt_to, verdict, Disposition::kReleased);
      request.sender.scored = false;
      status = store->Learn(request);
      if (!status.ok()) return status;
      ++results->vendor_setup;
      if (verdict.action >= Action::kHold) {
        ++results->vendor_setup_held;
        results->legit_holds.push_back(fmt::format("vendor setup | From: {} | Subject: {}\n    {}",
                                                   message.from.address, message.subject,
                                                   VerdictLine(verdict)));
      }
      if (verdict.action == Action::kTag) ++results->vendor_setup_tagged;
    }
    built->prelude.clear();
    return Status::Ok();
  };
  // A draw the mailbox cannot supply (no vendor of the kind) is left out:
  // nothing comes after to retry it at.
  auto play_vendors = [&](int64_t clock) -> Status {
    const auto play = [&](size_t count, bool control,
                          const std::function<Status(const Attack&)>& score) -> Status {
      for (size_t index = 0; index < count; ++index) {
        Attack built;
        if (!vendor_builder.BuildVendorWide(index, control, clock, ++vendor_serial, &built)) {
          continue;
        }
        Status status = learn_setup(&built);
        if (status.ok()) status = score(built);
        if (!status.ok()) return status;
      }
      return Status::Ok();
    };
    Status status = play(kVendorControlsPerMailbox, /*control=*/true, [&](const Attack& control) {
      return score_control(control, clock, &results->vendor_controls);
    });
    if (!status.ok()) return status;
    return play(kVendorWidePerMailbox, /*control=*/false, [&](const Attack& attack) {
      return score_attack(attack, clock, Learning::kScoredOnly);
    });
  };
  // Mailings sent one reader at a time, played after the mailbox's last
  // message with a generator of their own: the first-contact BCC lure (a
  // mail merge or a script mailing 3-6 staff an envelope each, 1-10
  // minutes apart) and, as its legitimate controls, a new organisation's
  // announcement mailed the same way and a new newsletter's issues to one
  // subscriber, 1-7 days apart. Every copy is scored and learned as the
  // milter learns it (tagged copies become the sender's history, held ones
  // only observations), since what a copy shows depends on the copies
  // before it; played last, they teach no other family anything. Each
  // campaign starts two days after the one before, from a sender of its own.
  std::mt19937_64 split_rng = FamilyRng(*rng, 0x5b1175e7);
  AttackBuilder split_builder(&state, &split_rng);
  int split_serial = 0;
  auto play_split = [&](int64_t clock) -> Status {
    // Scores and learns one copy of `built` (written at `built_at`);
    // tallies it under `key` and returns whether it was held in *held.
    const auto copy = [&](const Attack& built, int64_t built_at, int index, int64_t sent,
                          std::string rcpt, std::map<std::string, std::array<int, 3>>* tallies,
                          const std::string& key, bool attack, bool* held) -> Status {
      Verdict verdict;
      Status status = score_planned(MailingCopy(built.raw, index, built_at, sent), built.direction,
                                    sent, {std::move(rcpt)}, Learning::kLearned, &verdict);
      if (!status.ok()) return status;
      auto& tally = (*tallies)[key];
      ++tally[0];
      *held = verdict.action >= Action::kHold;
      tally[1] += *held ? 1 : 0;
      tally[2] += verdict.action == Action::kTag ? 1 : 0;
      const std::string line =
          fmt::format("{} | {} | {}\n    {}", built.summary, key, sent, VerdictLine(verdict));
      if (attack && !*held) results->split_missed.push_back(line);
      if (!attack && *held) results->legit_holds.push_back(line);
      return Status::Ok();
    };
    // One mailing: `built`'s copies, one to each of its readers, minutes apart.
    const auto mailing = [&](const Attack& built, int64_t start, bool attack,
                             std::map<std::string, std::array<int, 3>>* tallies,
                             std::map<std::string, int>* campaigns) -> Status {
      int64_t sent = start;
      int held_copies = 0;
      for (size_t i = 0; i < built.rcpt_to.size(); ++i) {
        if (i > 0) sent += 60 * (1 + static_cast<int64_t>(split_rng() % 10));
        bool held = false;
        Status status = copy(built, start, static_cast<int>(i + 1), sent, built.rcpt_to[i], tallies,
                             fmt::format("copy {}", i + 1), attack, &held);
        if (!status.ok()) return status;
        held_copies += held ? 1 : 0;
      }
      ++(*campaigns)[fmt::format("{} of {} held", held_copies, built.rcpt_to.size())];
      return Status::Ok();
    };
    int64_t start = clock + kSecondsPerDay;
    for (size_t index = 0; index < kSplitMailingsPerMailbox; ++index) {
      Attack lure;
      if (split_builder.Build(Kind::kFirstContactBcc, start, ++split_serial, &lure)) {
        SendAsOrganisation(&lure);
        Status status =
            mailing(lure, start, true, &results->split_lure_copies, &results->split_lure_campaigns);
        if (!status.ok()) return status;
      }
      start += 2 * kSecondsPerDay;
      Attack announcement;
      if (split_builder.BuildBccAnnouncement(index, start, ++split_serial, &announcement)) {
        SendAsOrganisation(&announcement);
        Status status = mailing(announcement, start, false, &results->split_announcement_copies,
                                &results->split_announcement_campaigns);
        if (!status.ok()) return status;
      }
      start += 2 * kSecondsPerDay;
      Attack newsletter;
      // The announcements' third kind is a newsletter's issue.
      if (split_builder.BuildBccAnnouncement(2, start, ++split_serial, &newsletter)) {
        SendAsOrganisation(&newsletter);
        int64_t sent = start;
        for (int issue = 1; issue <= kNewsletterIssues; ++issue) {
          if (issue > 1) sent += kSecondsPerDay * (1 + static_cast<int64_t>(split_rng() % 7));
          bool held = false;
          Status status =
              copy(newsletter, start, issue, sent, newsletter.rcpt_to.front(),
                   &results->newsletter_issues, fmt::format("issue {}", issue), false, &held);
          if (!status.ok()) return status;
        }
        start = sent;
      }
      start += 2 * kSecondsPerDay;
    }
    // Each own-site lure text once, to one reader alone, scored and not
    // learned: the trade-off of reading one reader as bulk mail's envelope.
    for (size_t index = 0; index < kOneReaderLuresPerMailbox; ++index) {
      Attack lure;
      if (!split_builder.BuildBccOwnSiteLure(index, start, ++split_serial, &lure)) continue;
      Verdict verdict;
      Status status = score_planned(lure.raw, lure.direction, start, {lure.rcpt_to.front()},
                                    Learning::kScoredOnly, &verdict);
      if (!status.ok()) return status;
      auto& tally = results->one_reader_lures[lure.variants.front()];
      ++tally[0];
      tally[1] += verdict.action >= Action::kHold ? 1 : 0;
      tally[2] += verdict.action == Action::kTag ? 1 : 0;
      if (verdict.action < Action::kHold) {
        results->one_reader_missed.push_back(lure.summary + "\n    " + VerdictLine(verdict));
      }
      start += kSecondsPerDay;
    }
    return Status::Ok();
  };
  auto play_lateral_wide = [&](int64_t clock) -> Status {
    return play_apart(
        &lateral, clock,
        [&](size_t index, Attack* control) {
          return lateral.builder.BuildLateralAnnouncement(index, clock, ++lateral.serial, control);
        },
        [&](size_t index, Attack* attack) {
          return lateral.builder.BuildLateralWide(first_link + index, clock, ++lateral.serial,
                                                  attack);
        },
        &results->announcements);
  };

  // The presentations family: five lures (a vendor's file share, a BCC
  // lure, a masked link, a compromised colleague to many, a new tenant)
  // each in every form of presentation.h, and legitimate mail of those
  // forms, with a generator of their own, from 40% of the mailbox on,
  // scored without being learned; the senders they use are put back.
  constexpr std::array<Kind, 5> kFormLures = {Kind::kVendorFileshare, Kind::kFirstContactBcc,
                                              Kind::kMaskedLink, Kind::kLateralFileshare,
                                              Kind::kNewTenant};
  constexpr size_t kLureForms = static_cast<size_t>(LureForm::kCount);
  constexpr size_t kControlForms = static_cast<size_t>(ControlForm::kCount);
  // Each lure built is scored in every form, so that a form's losses
  // against the plain one are the same lure's.
  ApartFamily forms(*rng, 0xf0e5, &state, 2 * kFormLures.size(), 3 * kControlForms, total * 2 / 5,
                    total * 57 / 100);
  auto play_forms = [&](int64_t clock) -> Status {
    const auto build = [&](Kind kind, Attack* built) {
      std::set<std::string> attacked = state.attacked();
      const bool ok = forms.builder.Build(kind, clock, ++forms.serial, built);
      state.set_attacked(std::move(attacked));
      return ok;
    };
    const auto score = [&](const Attack& built, const std::string& raw,
                           std::initializer_list<std::map<std::string, std::array<int, 3>>*> into,
                           const std::string& key, Verdict* verdict) -> Status {
      Status status = score_planned(results->delay.Redate(raw, clock), built.direction,
                                    results->delay.SentAt(clock), built.rcpt_to,
                                    Learning::kScoredOnly, verdict);
      if (!status.ok()) return status;
      for (auto* tallies : into) {
        auto& tally = (*tallies)[tallies == &results->lure_form_kinds
                                     ? key + " | " + kKindNames[static_cast<size_t>(built.kind)]
                                     : key];
        ++tally[0];
        tally[1] += verdict->action >= Action::kHold ? 1 : 0;
        tally[2] += verdict->action == Action::kTag ? 1 : 0;
      }
      return Status::Ok();
    };
    for (; forms.next_control < forms.control_at.size() &&
           forms.control_at[forms.next_control] <= visited;
         ++forms.next_control) {
      const auto form = static_cast<ControlForm>(forms.next_control % kControlForms);
      Attack base;
      if (!build(
              form == ControlForm::kColleagueInvite ? Kind::kLateralFileshare : Kind::kMaskedLink,
              &base)) {
        break;
      }
      Verdict verdict;
      const std::string raw = PresentControl(base.raw, form, forms.rng());
      Status status =
          score(base, raw, {&results->form_controls}, std::string(ControlFormName(form)), &verdict);
      if (!status.ok()) return status;
      if (verdict.action >= Action::kHold) {
        results->legit_holds.push_back(fmt::format("presentations control ({}) | {}\n    {}",
                                                   ControlFormName(form), base.summary,
                                                   VerdictLine(verdict)));
      }
    }
    for (; forms.next_attack < forms.attack_at.size() &&
           forms.attack_at[forms.next_attack] <= visited;
         ++forms.next_attack) {
      // A lure the mailbox cannot supply yet (no tenant linked) gives way
      // to the next.
      Attack base;
      bool built = false;
      for (size_t k = 0; k < kFormLures.size() && !built; ++k) {
        built = build(kFormLures[(forms.next_attack + k) % kFormLures.size()], &base);
      }
      if (!built) break;
      const uint64_t draw = forms.rng();
      for (size_t f = 0; f < kLureForms; ++f) {
        const auto form = static_cast<LureForm>(f);
        Verdict verdict;
        Status status = score(base, PresentLure(base.raw, form, draw),
                              {&results->lure_forms, &results->lure_form_kinds},
                              std::string(LureFormName(form)), &verdict);
        if (!status.ok()) return status;
        if (verdict.action < Action::kHold) {
          results->forms_missed.push_back(fmt::format("[{}] {}\n    {}", LureFormName(form),
                                                      base.summary, VerdictLine(verdict)));
        }
      }
    }
    return Status::Ok();
  };

  // Each mailbox replayed as its owner's, so that mail whose headers name
  // no local address reached the owner as a gateway's RCPT TO says; the
  // berkeley file has no one owner and is replayed as archived.
  const std::string mailbox = fs::path(path).stem().string();
  const std::string owner = EnronMailboxOwner(mailbox, replayed, config);
  results->owners.push_back(mailbox + " " + (owner.empty() ? "(none)" : owner));
  WalkSummary summary;
  int64_t last_clock = 0;  // the Date of the latest message walked
  s = WalkArchives(
      {replayed}, config, owner,
      [&](const ArchivedMessage& archived) {
        last_clock = archived.clock;
        // As replay does: correspondents learned so far become look-alike names.
        Status refreshed = known_names.Advance(*scorer, *store, archived.clock);
        if (!refreshed.ok()) return refreshed;
        Status injected = inject(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_scenario(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_tenants(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_varied(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_lookalikes(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_wide(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_attachment_lures(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_named(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_wide_lookalikes(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_documents(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_bcc(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_payments(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_alternatives(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_lateral_wide(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_portals(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_asked(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_signatures(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_presentations(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_storage(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_tools(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_spaces(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_thin(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_others(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_firsts(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_masked(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_forms(archived.clock);
        if (!injected.ok()) return injected;
        injected = play_undrawn(archived.clock);
        if (!injected.ok()) return injected;
        ++visited;
        Verdict verdict;
        // As the gateway saw it: from its sender's network (GatewayOrigin()),
        // or a list's mail from the list's.
        Message seen = *archived.message;
        seen.origin_ip = GatewayOrigin(seen.mailing_list.posting_address.empty()
                                           ? seen.from.address
                                           : seen.mailing_list.posting_address);
        // With --release-legit-holds a held message is learned as an
        // admin's release.
        Status scored = ScoreAndLearn(
            *scorer, store.get(), seen, archived.direction, archived.clock, archived.recipients,
            &verdict, results->release_legit_holds ? Disposition::kReleased : Disposition::kHeld);
        if (!scored.ok()) return scored;
        const Message& legit = *archived.message;
        if (verdict.action >= Action::kHold) {
          results->legit_holds.push_back(
              fmt::format("{} | From: {} | Subject: {}\n    {}", fs::path(path).filename().string(),
                          legit.from.address, legit.subject, VerdictLine(verdict)));
        }
        if (IsInternalMail(archived.direction, legit.from.domain, archived.recipients,
                           config.local_domains)) {
          ++results->legit_internal;
          if (verdict.action >= Action::kHold) ++results->internal_held;
          if (verdict.action == Action::kTag) ++results->internal_tagged;
          CountSignals(verdict, &results->internal_signal_outcomes);
          for (const SignalHit& hit : verdict.signals) {
            if (hit.name != results->show_internal) continue;
            results->internal_shown.push_back(
                fmt::format("{} | From: {} | {} recipients | Subject: {}\n    {}",
                            fs::path(path).filename().string(), legit.from.address,
                            archived.recipients.size(), legit.subject, VerdictLine(verdict)));
          }
        }
        if (archived.direction == Direction::kInbound) {
          const bool established = state.IsEstablished(legit.from.address);
          if (established) results->known_correspondent_scores.push_back(verdict.score);
          for (const SignalHit& hit : verdict.signals) {
            if (hit.name != results->show_inbound) continue;
            results->inbound_shown.push_back(fmt::format(
                "{} | From: {} ({}) | Subject: {}\n    {}", fs::path(path).filename().string(),
                legit.from.address, established ? "established" : "not established", legit.subject,
                VerdictLine(verdict)));
          }
          ++results->legit_inbound;
          CountLegitSignals(verdict, results);
          CountSignals(verdict, &results->real_inbound_signal_outcomes);
          if (!legit.payment_coordinates.empty()) ++results->legit_with_coordinates;
          if (verdict.action >= Action::kHold) ++results->legit_held;
          if (verdict.action == Action::kTag) ++results->legit_tagged;
          if (verdict.action != Action::kAccept) {
            for (const SignalHit& hit : verdict.signals) {
              results->legit_cost[hit.name] += hit.contribution;
              ++results->legit_cost_hits[hit.name];
            }
          }
          if (IsReply(archived.message->subject)) {
            results->legit_reply_scores.push_back(verdict.score);
          }
        }
        state.Observe(*archived.message, archived.direction, archived.clock);
        return Status::Ok();
      },
      &summary);
  // What the mailbox ended before is played at the end.
  if (s.ok()) s = play_scenario(std::numeric_limits<int64_t>::max());
  if (s.ok() && last_clock != 0) s = play_vendors(last_clock);
  if (s.ok() && last_clock != 0) s = play_split(last_clock);
  store.reset();
  fs::remove_all(dir);
  if (replayed != path) fs::remove(replayed);
  return s;
}

double Percent(uint64_t n, uint64_t of) { return of == 0 ? 0 : 100.0 * n / of; }

int Median(std::vector<int> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
}

// Each scenario by arrival order (the vendor's by day): how many were
// held, tagged, and their median score.
void PrintScenarios(const Results& r) {
  for (size_t k = 0; k < r.scenarios.size(); ++k) {
    const auto& by_order = r.scenarios[k];
    const size_t group =
        static_cast<Scenario>(k) == Scenario::kVendorRepeat ? kVendorMessagesPerDay : 1;
    std::cout << fmt::format("\n{}\n  {:<10} {:>8} {:>6} {:>7} {:>7}\n", kScenarioNames[k],
                             group == 1 ? "order" : "day", "messages", "held", "tagged", "median");
    for (size_t first = 0; first < by_order.size(); first += group) {
      std::vector<int> scores;
      int held = 0, tagged = 0;
      for (size_t i = first; i < by_order.size() && i < first + group; ++i) {
        for (const ScenarioOutcome& outcome : by_order[i]) {
          scores.push_back(outcome.score);
          held += outcome.action >= Action::kHold ? 1 : 0;
          tagged += outcome.action == Action::kTag ? 1 : 0;
        }
      }
      std::cout << fmt::format("  {:<10} {:>8} {:>6} {:>7} {:>7}\n", first / group + 1,
                               scores.size(), held, tagged, Median(scores));
    }
  }
  for (size_t i = 0; i < r.scenario_lines.size(); ++i) {
    std::cout << (i == 0 ? "\nscenario messages:\n" : "") << "  " << r.scenario_lines[i] << "\n";
  }
}

// One line per variant of a family's legitimate controls, under `title`.
void PrintControls(std::string_view title, const std::map<std::string, std::array<int, 3>>& tallies,
                   size_t variant_width = 40) {
  std::cout << title << ":\n";
  for (const auto& [variant, tally] : tallies) {
    std::cout << fmt::format("    {:<{}} {:>4} messages {:>4} held {:>4} tagged\n", variant,
                             variant_width, tally[0], tally[1], tally[2]);
  }
}

// DETECTION.md's "known legitimate fires", measured: every registered
// signal, in registry order, with how many of the mailboxes' real inbound
// and real internal messages it fired on and how many of those were tagged
// and held, from the verdicts the replay computed. A signal that fired on
// none is listed with zeros, so that a missing line means a missing signal.
// bench/detection/model_fires.py reads this table by its title line: keep
// the title's first words and the columns as they are.
void PrintKnownLegitimateFires(const Results& r) {
  std::cout << fmt::format(
      "\nknown legitimate fires, every registered signal (messages fired on, of them tagged, "
      "held) on the mailboxes' {} real inbound and {} real internal messages:\n",
      r.legit_inbound, r.legit_internal);
  std::cout << fmt::format("  {:<34} {:>7} {:>6} {:>6} {:>8} {:>6} {:>6}\n", "signal", "inbound",
                           "tagged", "held", "internal", "tagged", "held");
  const auto tally = [](const std::map<std::string, std::array<int, 3>>& outcomes,
                        const std::string& name) {
    const auto found = outcomes.find(name);
    return found == outcomes.end() ? std::array<int, 3>{} : found->second;
  };
  for (const SignalDefinition& signal : BuiltInSignals().signals()) {
    const std::array<int, 3> inbound = tally(r.real_inbound_signal_outcomes, signal.name);
    const std::array<int, 3> internal = tally(r.internal_signal_outcomes, signal.name);
    std::cout << fmt::format("  {:<34} {:>7} {:>6} {:>6} {:>8} {:>6} {:>6}\n", signal.name,
                             inbound[0] + inbound[1] + inbound[2], inbound[1], inbound[2],
                             internal[0] + internal[1] + internal[2], internal[1], internal[2]);
  }
}

// The presentations family: each form of the same lures against the
// plain one, then its legitimate controls.
void PrintLureForms(const Results& r, size_t show_missed) {
  std::cout << "presentations: the same lures in the forms 2025 mail writes a link (by variant)\n";
  for (size_t f = 0; f < static_cast<size_t>(LureForm::kCount); ++f) {
    const auto form = static_cast<LureForm>(f);
    const auto found = r.lure_forms.find(std::string(LureFormName(form)));
    if (found == r.lure_forms.end()) continue;
    const auto& tally = found->second;
    std::cout << fmt::format("    {:<58} {:>4} lures {:>4} held {:>4} tagged{}\n",
                             LureFormName(form), tally[0], tally[1], tally[2],
                             HidesTarget(form) ? "  (no target visible: not counted)" : "");
  }
  PrintControls("  by form and lure", r.lure_form_kinds, 110);
  PrintControls("legitimate mail of the same forms (the presentations' controls)", r.form_controls,
                56);
  for (size_t i = 0; i < r.forms_missed.size() && i < show_missed; ++i) {
    std::cout << (i == 0 ? "presentations not held:\n" : "") << "  " << r.forms_missed[i] << "\n";
  }
}

// The mailings sent one reader at a time (play_split): each copy by its
// place in the mailing, each campaign by how many of its copies were held,
// with the lures' copies that were not held under --show-missed. Not
// counted toward ALL.
void PrintSplitMailings(const Results& r, size_t show_missed) {
  const auto campaigns = [](std::string_view title, const std::map<std::string, int>& by_held) {
    std::cout << title << ":";
    for (const auto& [held, count] : by_held) std::cout << fmt::format(" {} x{};", held, count);
    std::cout << "\n";
  };
  PrintControls(
      "first-contact BCC lure to 3-6 staff, one envelope per reader, minutes apart (not in ALL), "
      "by copy",
      r.split_lure_copies);
  campaigns("  its campaigns", r.split_lure_campaigns);
  PrintControls(
      "new organisations' announcements to 3-6 staff, one envelope per reader, minutes apart, by "
      "copy",
      r.split_announcement_copies);
  campaigns("  their campaigns", r.split_announcement_campaigns);
  PrintControls("a new newsletter's successive issues to one subscriber, 1-7 days apart",
                r.newsletter_issues);
  for (size_t i = 0; i < r.split_missed.size() && i < show_missed; ++i) {
    std::cout << (i == 0 ? "  its copies not held:\n" : "") << "  " << r.split_missed[i] << "\n";
  }
  PrintControls(
      "first-contact BCC lure on its own fresh domain to one reader alone (not in ALL), by link "
      "text",
      r.one_reader_lures);
  for (size_t i = 0; i < r.one_reader_missed.size() && i < show_missed; ++i) {
    std::cout << (i == 0 ? "  not held:\n" : "") << "  " << r.one_reader_missed[i] << "\n";
  }
}

void Print(const Results& r, size_t show_missed) {
  int attacks = 0, held = 0, learned = 0, attacks_nl = 0, held_nl = 0;
  for (size_t k = 0; k < r.attacks.size(); ++k) {
    attacks += r.attacks[k];
    held += r.held[k];
    learned += r.learned[k];
    if (static_cast<Kind>(k) != Kind::kLookalikeSender) {
      attacks_nl += r.attacks[k];
      held_nl += r.held[k];
    }
  }
  std::cout << fmt::format("{:<44} {:>7} {:>6} {:>7} {:>7}\n", "attack kind", "attacks", "held",
                           "held %", "median");
  for (size_t k = 0; k < r.attacks.size(); ++k) {
    std::cout << fmt::format("{:<44} {:>7} {:>6} {:>6.1f}% {:>7}\n", kKindNames[k], r.attacks[k],
                             r.held[k], Percent(r.held[k], r.attacks[k]), Median(r.scores[k]));
    if (static_cast<Kind>(k) != Kind::kLookalikePresentation) continue;
    // A dot inserted inside the name ("ca.iso.com" for caiso.com) makes a
    // subdomain of another registrable domain (iso.com): mail from it needs
    // that domain, another organisation's, not a registration. The draws
    // stay (the headline counts them); the figure without them is beside.
    const auto dotted =
        r.variants.find(std::string(kKindNames[k]) + "|technique: dot inserted (acme.corp.com)");
    if (dotted == r.variants.end()) continue;
    const int registrable = r.attacks[k] - dotted->second[0];
    const int registrable_held = r.held[k] - dotted->second[1];
    std::cout << fmt::format(
        "{:<44} {:>7} {:>6} {:>6.1f}%   (without {} dot-inserted draws, {} held: another "
        "organisation's subdomain, not registrable)\n",
        "    registrable by an impostor", registrable, registrable_held,
        Percent(registrable_held, registrable), dotted->second[0], dotted->second[1]);
  }
  std::cout << fmt::format("{:<44} {:>7} {:>6} {:>6.1f}%   (target >= 95%)\n", "ALL attacks",
                           attacks, held, Percent(held, attacks));
  std::cout << fmt::format("{:<44} {:>7} {:>6} {:>6.1f}%\n", "  all but look-alike senders",
                           attacks_nl, held_nl, Percent(held_nl, attacks_nl));
  std::cout << fmt::format("attacks delivered (not held), so learned as replay would: {}\n\n",
                           learned);
  std::cout << fmt::format("legitimate inbound: {}\n", r.legit_inbound);
  std::cout << fmt::format("  held   {:>6} {:>6.2f}%   (target <= 0.2%)\n", r.legit_held,
                           Percent(r.legit_held, r.legit_inbound));
  std::cout << fmt::format("  tagged {:>6} {:>6.2f}%\n", r.legit_tagged,
                           Percent(r.legit_tagged, r.legit_inbound));
  std::cout << fmt::format("  median score of {} thread replies (RE:): {}   (target <= 5)\n",
                           r.legit_reply_scores.size(), Median(r.legit_reply_scores));
  std::cout << fmt::format("  median score of {} messages from known correspondents: {}\n",
                           r.known_correspondent_scores.size(),
                           Median(r.known_correspondent_scores));
  std::cout << fmt::format("legitimate internal mail (colleague to colleague): {}\n",
                           r.legit_internal);
  std::cout << fmt::format("  held   {:>6} {:>6.2f}%   (target <= 0.1%)\n", r.internal_held,
                           Percent(r.internal_held, r.legit_internal));
  std::cout << fmt::format("  tagged {:>6} {:>6.2f}%\n", r.internal_tagged,
                           Percent(r.internal_tagged, r.legit_internal));
  std::cout << fmt::format(
      "legitimate setup of the new-tenant family (tenants of its platforms linked): {}\n",
      r.tenant_setup);
  std::cout << fmt::format("  held {}, tagged {}\n", r.tenant_setup_held, r.tenant_setup_tagged);
  std::cout << fmt::format(
      "legitimate invoices from receive-only vendors (the widened look-alike family): {}\n",
      r.invoice_setup);
  std::cout << fmt::format("  held {}, tagged {}\n", r.invoice_setup_held, r.invoice_setup_tagged);
  for (const auto& [form, tally] : r.setup_forms) {
    std::cout << fmt::format("    {:<40} {:>4} messages {:>4} held\n", form, tally[0], tally[1]);
  }
  std::cout << fmt::format(
      "legitimate threads written for the wide participant hijacks (References kept): {}\n",
      r.thread_setup);
  std::cout << fmt::format("  held {}, tagged {}\n", r.thread_setup_held, r.thread_setup_tagged);
  PrintControls("legitimate PDFs beside the varied PDF lures (a link on the sender's own site)",
                r.document_controls);
  PrintControls("legitimate announcements to many colleagues beside the wide lateral family",
                r.announcements);
  PrintControls(
      "legitimate announcements of a provider's sign-in page (INTERNAL_LURE_PAGE's shape)",
      r.portal_announcements);
  PrintControls(
      "legitimate mail asking a sign-in in the text, or a signature (the text-ask lures' controls)",
      r.text_ask_controls);
  PrintControls(
      "colleagues asking colleagues to sign at a site new here (the signature asks' controls)",
      r.signature_controls, 80);
  PrintControls("colleagues sharing a file on a platform new here (the file-share lures' controls)",
                r.tool_shares, 56);
  PrintControls("colleagues passing on a partner's space delivered here (a new tenant's controls)",
                r.partner_spaces, 60);
  PrintControls("legitimate mail shaped like the compromised colleague's other shapes",
                r.other_shape_controls, 66);
  PrintControls(
      "legitimate first mails of accounts with no sent mail here (the first-mail lures' controls)",
      r.first_mail_controls, 60);
  PrintControls("legitimate mail shaped like the masked forms (trackers, a second domain)",
                r.masked_controls, 50);
  PrintControls("lures whose file-share link names no tenant (not counted toward a target)",
                r.unreadable_tenants, 50);
  PrintControls("new organisations' announcements to staff in Bcc (linking their own site)",
                r.bcc_announcements);
  PrintSplitMailings(r, show_missed);
  PrintControls(
      "legitimate mail from a correspondent's second domain (the look-alike "
      "presentations' controls)",
      r.presentation_controls, 60);
  PrintControls(
      "legitimate buckets of the cloud-storage forms (the sender's own name + word, or neutral)",
      r.storage_controls);
  PrintControls(
      "legitimate mail from a thinly known correspondent's second domain (the thin-history "
      "look-alikes' controls)",
      r.thin_controls, 60);
  PrintLureForms(r, show_missed);
  PrintControls(
      "legitimate mail from a correspondent's second domain or a name one edit from it (the "
      "look-alikes by techniques not drawn before's controls)",
      r.undrawn_controls, 60);
  PrintControls(
      "established vendors' shares of the widened vendor family's shapes (a platform they, a "
      "colleague or we used before)",
      r.vendor_controls, 60);
  std::cout << fmt::format(
      "legitimate setup of the widened vendor family (a platform shared before): {}\n",
      r.vendor_setup);
  std::cout << fmt::format("  held {}, tagged {}\n", r.vendor_setup_held, r.vendor_setup_tagged);
  std::cout << fmt::format("legitimate inbound naming a validated bank account: {}\n",
                           r.legit_with_coordinates);
  std::cout << fmt::format(
      "legitimate invoices written before the payment diversions (the usual account): {}\n",
      r.payment_setup);
  std::cout << fmt::format("  held {}, tagged {}\n", r.payment_setup_held, r.payment_setup_tagged);
  std::cout << fmt::format(
      "payment control, a vendor naming its usual account in every invoice: first {} (held {}, "
      "tagged {}), after the first {} (held {}, tagged {})\n",
      r.repeat_invoices[0], r.repeat_held[0], r.repeat_tagged[0], r.repeat_invoices[1],
      r.repeat_held[1], r.repeat_tagged[1]);
  std::string family;
  for (const auto& [key, tally] : r.variants) {
    const std::string kind = key.substr(0, key.find('|'));
    if (kind != family) std::cout << "\n" << (family = kind) << ", by variant (held of attacks):\n";
    std::cout << fmt::format("    {:<52} {:>4} of {:>4} {:>4} tagged\n",
                             key.substr(key.find('|') + 1), tally[1], tally[0], tally[2]);
  }
  std::cout << "\n";
  std::vector<std::pair<double, std::string>> costs;
  for (const auto& [name, points] : r.legit_cost) costs.emplace_back(-points, name);
  std::sort(costs.begin(), costs.end());
  std::cout << "signals on legitimate held/tagged mail (points summed, hits):\n";
  for (const auto& [points, name] : costs) {
    std::cout << fmt::format("  {:<28} {:>8.0f} {:>6}\n", name, -points,
                             r.legit_cost_hits.at(name));
  }
  std::cout << "\nsignals on all legitimate inbound mail, the wide hijacks' threads and the "
               "payment invoices "
               "(messages accepted, tagged, held):\n";
  for (const auto& [name, outcomes] : r.legit_signal_outcomes) {
    std::cout << fmt::format("  {:<28} {:>6} {:>6} {:>6}\n", name, outcomes[0], outcomes[1],
                             outcomes[2]);
  }
  std::cout << "\nsignals on real internal mail (messages accepted, tagged, held):\n";
  for (const auto& [name, outcomes] : r.internal_signal_outcomes) {
    std::cout << fmt::format("  {:<28} {:>6} {:>6} {:>6}\n", name, outcomes[0], outcomes[1],
                             outcomes[2]);
  }
  PrintKnownLegitimateFires(r);
  for (size_t i = 0; i < r.internal_shown.size(); ++i) {
    std::cout << (i == 0 ? "\nreal internal mail with " + r.show_internal + ":\n" : "") << "  "
              << r.internal_shown[i] << "\n";
  }
  for (size_t i = 0; i < r.inbound_shown.size(); ++i) {
    std::cout << (i == 0 ? "\nlegitimate inbound mail with " + r.show_inbound + ":\n" : "") << "  "
              << r.inbound_shown[i] << "\n";
  }
  for (size_t i = 0; i < r.legit_holds.size(); ++i) {
    std::cout << (i == 0 ? "\nlegitimate mail held:\n" : "") << "  " << r.legit_holds[i] << "\n";
  }
  PrintScenarios(r);
  for (size_t i = 0; i < show_missed && i < r.missed.size(); ++i) {
    std::cout << (i == 0 ? "\nattacks not held:\n" : "") << "  " << r.missed[i] << "\n";
  }
}

int Main(int argc, char** argv) {
  std::string corpus = RAPPORT_CORPUS_DIR;
  uint64_t seed = 20011203;
  int per_mailbox = 40;
  size_t show_missed = 0;
  std::map<std::string, double> weights;  // --weight SIGNAL=N, to try a proposal
  BaseRateOptions base_rates;             // --calibration MIN,MAX,PRIOR, to try one
  Results results;
  for (int i = 1; i + 1 < argc; i += 2) {
    const std::string flag = argv[i];
    if (flag == "--corpus") {
      corpus = argv[i + 1];
    } else if (flag == "--seed") {
      seed = std::stoull(argv[i + 1]);
    } else if (flag == "--attacks-per-mailbox") {
      per_mailbox = std::stoi(argv[i + 1]);
    } else if (flag == "--weight" && std::strchr(argv[i + 1], '=') != nullptr) {
      const std::string setting = argv[i + 1];
      weights[setting.substr(0, setting.find('='))] =
          std::stod(setting.substr(setting.find('=') + 1));
    } else if (flag == "--calibration" &&
               std::sscanf(argv[i + 1], "%lf,%lf,%lf", &base_rates.min_surprise,
                           &base_rates.max_surprise, &base_rates.prior_messages) == 3) {
    } else if (flag == "--show-scenarios") {
      results.show_scenarios = std::string_view(argv[i + 1]) != "0";
    } else if (flag == "--tenant-platforms" && std::string_view(argv[i + 1]) == "catalogue") {
      results.catalogue_tenants = true;
    } else if (flag == "--transfer-platforms" && std::string_view(argv[i + 1]) == "catalogue") {
      catalogue_transfers = true;
    } else if (flag == "--rewrite" && ParseRewriteForms(argv[i + 1], &results.rewrite)) {
    } else if (flag == "--attack-delay") {
      results.delay = AttackDelay(std::stod(argv[i + 1]));
    } else if (flag == "--show-missed") {
      show_missed = std::stoul(argv[i + 1]);
    } else if (flag == "--show-internal") {
      results.show_internal = argv[i + 1];
    } else if (flag == "--show-inbound") {
      results.show_inbound = argv[i + 1];
    } else if (flag == "--release-legit-holds") {
      results.release_legit_holds = std::string_view(argv[i + 1]) != "0";
    } else {
      std::cerr << "usage: attack_eval [--corpus DIR] [--seed N] [--attacks-per-mailbox N] "
                   "[--show-missed N] [--show-scenarios 1] [--show-internal SIGNAL] "
                   "[--show-inbound SIGNAL] [--release-legit-holds 1] "
                   "[--weight SIGNAL=N]... "
                   "[--calibration MIN,MAX,PRIOR] [--tenant-platforms catalogue] "
                   "[--transfer-platforms catalogue] [--attack-delay DAYS] "
                   "[--rewrite base64|qp|encoded-words|crlf|folded|html|filenames[,...]]\n";
      return 2;
    }
  }
  // The shipped tenant platform list decides every link's owner, and a
  // process that cannot read it runs without any (ShippedTenantPlatforms);
  // rapportctl and the milter refuse to start then, and so does this.
  if (Status list = CheckTenantPlatforms(DefaultTenantPlatformsPath()); !list.ok()) {
    std::cerr << "attack_eval: " << list.ToString() << "\n";
    return 2;
  }
  std::mt19937_64 rng(seed);
  for (const char* mailbox : kMailboxes) {
    const std::string path = (fs::path(corpus) / "enron" / mailbox).string();
    Status s = RunMailbox(path, weights, base_rates, per_mailbox, &rng, &results);
    if (!s.ok()) {
      std::cerr << "attack_eval: " << path << ": " << s.message() << "\n";
      return 1;
    }
  }
  std::cout << fmt::format("six Enron mailboxes, seed {}, {} attacks per mailbox\n", seed,
                           per_mailbox);
  std::cout << "delivered to (RCPT TO where no header names a local address):";
  for (const std::string& owner : results.owners) std::cout << " " << owner << ";";
  std::cout << "\n";
  for (const auto& [name, weight] : weights)
    std::cout << fmt::format("weight {} = {}\n", name, weight);
  std::cout << fmt::format("calibration: surprise in [{}, {}], prior {} messages at {}%\n",
                           base_rates.min_surprise, base_rates.max_surprise,
                           base_rates.prior_messages, base_rates.reference_rate * 100);
  if (results.release_legit_holds) {
    std::cout << "every held message of the mailboxes learned as an admin's release "
                 "(--release-legit-holds)\n";
  }
  if (results.delay.delayed()) {
    std::cout << fmt::format(
        "attack delay: every attack, control and scenario message sent {} days after its "
        "injection, scored at that clock; attacks and controls not learned, scenarios learned\n",
        results.delay.days());
  }
  std::cout << "\n";
  Print(results, show_missed);
  return 0;
}

}  // namespace
}  // namespace rapport

int main(int argc, char** argv) { return rapport::Main(argc, argv); }
