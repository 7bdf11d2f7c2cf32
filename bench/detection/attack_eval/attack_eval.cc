// attack_eval: replays each Enron mailbox into its own scratch store in Date
// order, as `rapportctl replay` does, and injects attacks built from the
// history seen so far (real correspondents, real threads, real staff) at
// random points in time. Prints how many attacks are held, per kind, and
// what the legitimate inbound mail costs.
//
// usage: attack_eval [--corpus DIR] [--seed N] [--attacks-per-mailbox N] [--show-missed N]
//                    [--weight SIGNAL=N]...  (weight overrides, as in [weights])

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <cstdio>
#include <cstring>
#include <ctime>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "cli/archive_walk.h"
#include "message/domain_names.h"
#include "message/mail_archive.h"
#include "message/organisation.h"
#include "message/parser.h"
#include "message/subject.h"
#include "scoring/delivery.h"
#include "scoring/scorer.h"
#include "store/history_store.h"

namespace rapport {
namespace {

namespace fs = std::filesystem;

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
  kCount
};

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
};
static_assert(std::size(kKindNames) == static_cast<size_t>(Kind::kCount));

// A correspondent as the mailbox has shown it so far.
struct Correspondent {
  std::string address;
  std::string display_name;
  int messages = 0;
};

// The latest state of a thread (by normalised subject) seen in the mailbox.
struct ThreadState {
  std::string subject;
  std::vector<std::string> message_ids;  // oldest first, at most kMaxReferences
  std::string to;                        // the To line of the latest message
  Correspondent external;                // its latest external participant
  int messages = 0;
};

constexpr size_t kMaxReferences = 8;
constexpr int kEstablished = 5;  // inbound messages that make a sender "known"

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

// What the replay has seen so far, from which attacks borrow real material.
class MailboxState {
 public:
  void Observe(const Message& message, Direction direction) {
    if (direction == Direction::kInbound) {
      Correspondent& c = senders_[message.from.address];
      c.address = message.from.address;
      if (!message.from.display_name.empty()) c.display_name = message.from.display_name;
      if (++c.messages == kEstablished) established_.push_back(c.address);
      for (const MailAddress& a : message.to) {
        if (a.domain == "enron.com" && ++staff_counts_[a.address] == 10)
          staff_.push_back(a.address);
      }
    } else if (internal_names_.count(message.from.address) == 0) {
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
    if (++t.messages == 2) thread_keys_.push_back(key);
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

  // A random internal user's (address, display name), or nullptr when none.
  const std::pair<const std::string, std::string>* InternalUser(std::mt19937_64* rng) const {
    if (internal_.empty()) return nullptr;
    return &*internal_names_.find(internal_[(*rng)() % internal_.size()]);
  }

 private:
  std::map<std::string, Correspondent> senders_;
  std::vector<std::string> established_;
  std::set<std::string> attacked_;  // senders an attack has used
  std::map<std::string, int> staff_counts_;
  std::vector<std::string> staff_;
  std::map<std::string, std::string> internal_names_;
  std::vector<std::string> internal_;
  std::map<std::string, ThreadState> threads_;
  std::vector<std::string> thread_keys_;
};

// One attack ready to score.
struct Attack {
  Kind kind = Kind::kVendorFileshare;
  std::string raw;
  std::vector<std::string> rcpt_to;
  std::string summary;  // for --show-missed
};

std::string Hex(std::mt19937_64* rng, int digits) {
  std::string s;
  for (int i = 0; i < digits; ++i) s.push_back("0123456789abcdef"[(*rng)() % 16]);
  return s;
}

template <typename T, size_t N>
const T& Pick(const std::array<T, N>& items, std::mt19937_64* rng) {
  return items[(*rng)() % N];
}

constexpr std::array<std::string_view, 12> kWords = {
    "statement", "invoice", "secure", "docs",  "portal",   "billing",
    "share",     "files",   "review", "remit", "accounts", "transfer"};

// A first-seen page on a file-sharing or hosting platform.
std::string FileshareUrl(std::mt19937_64* rng) {
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

std::string DateHeader(int64_t clock) {
  std::time_t t = clock;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buffer;
}

std::string Named(const std::string& name, const std::string& address) {
  return name.empty() ? address : "\"" + name + "\" <" + address + ">";
}

// Builds attacks of each kind from a MailboxState, which it marks used.
class AttackBuilder {
 public:
  AttackBuilder(MailboxState* state, std::mt19937_64* rng) : state_(state), rng_(rng) {}

  // Fills *out with an attack of `kind` sent at `clock`; false when the
  // mailbox has not shown enough yet for this kind.
  bool Build(Kind kind, int64_t clock, int serial, Attack* out) {
    out->kind = kind;
    const std::vector<std::string> staff = state_->Staff(1 + (*rng_)() % 3, rng_);
    if (staff.empty()) return false;
    std::string to;
    for (const std::string& s : staff) to += (to.empty() ? "" : ", ") + s;
    out->rcpt_to = staff;
    std::string from, subject, html, extra;
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
        // A first contact each time: never a domain an earlier attack used.
        std::string domain;
        for (int tries = 0; domain.empty() || !used_domains_.insert(domain).second; ++tries) {
          domain = std::string(Pick(kSurnames, rng_)) + "-" + std::string(Pick(kFirms, rng_)) +
                   ((*rng_)() % 2 ? "" : "-" + std::string(Pick(kCities, rng_))) +
                   (tries < 20 ? "" : "-" + Hex(rng_, 4)) + ".com";
        }
        const std::string first(Pick(kFirstNames, rng_));
        const std::string address = std::string(1, static_cast<char>(std::tolower(first[0]))) +
                                    std::string(Pick(kSurnames, rng_)) + "@" + domain;
        from = Named(first + " " + NameFromAddress(std::string(Pick(kSurnames, rng_))), address);
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
        to.clear();
        for (const std::string& s : out->rcpt_to) to += (to.empty() ? "" : ", ") + s;
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
      case Kind::kCount:
        return false;
    }
    out->raw = "Message-ID: <attack." + std::to_string(serial) + "." + Hex(rng_, 8) +
               "@mail.invalid>\nDate: " + DateHeader(clock) + "\nFrom: " + from + "\nTo: " + to +
               "\nSubject: " + subject + "\n" + extra +
               "Mime-Version: 1.0\nContent-Type: text/html; charset=us-ascii\n\n<html><body>" +
               html + "</body></html>\n";
    out->summary = fmt::format("{} | From: {} | Subject: {}", kKindNames[static_cast<size_t>(kind)],
                               from, subject);
    return true;
  }

 private:
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
  std::mt19937_64* rng_;
  std::set<std::string> used_domains_;
};

// Tallies across every mailbox.
struct Results {
  std::array<int, static_cast<size_t>(Kind::kCount)> attacks{};
  std::array<int, static_cast<size_t>(Kind::kCount)> held{};
  std::array<int, static_cast<size_t>(Kind::kCount)> learned{};  // delivered, so learned
  std::array<std::vector<int>, static_cast<size_t>(Kind::kCount)> scores;
  uint64_t legit_inbound = 0, legit_held = 0, legit_tagged = 0;
  uint64_t legit_internal = 0, internal_held = 0, internal_tagged = 0;
  std::vector<int> legit_reply_scores;
  std::vector<int> known_correspondent_scores;  // senders with kEstablished inbound messages
  std::vector<std::string> legit_holds;         // every legitimate message held, with why
  std::map<std::string, double> legit_cost;     // points by signal on held/tagged mail
  std::map<std::string, int> legit_cost_hits;
  std::vector<std::string> missed;  // attacks not held, with their verdicts
};

std::string VerdictLine(const Verdict& verdict) {
  std::string line = fmt::format("score {}:", verdict.score);
  for (const SignalHit& hit : verdict.signals) {
    line += fmt::format(" {}={:.0f} ({})", hit.name, hit.contribution, hit.evidence);
  }
  return line;
}

bool IsReply(const std::string& subject) {
  return subject.size() >= 3 && strncasecmp(subject.c_str(), "re:", 3) == 0;
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

  ArchiveIndex index;
  s = IndexArchives({path}, &index);
  if (!s.ok()) return s;
  // Attacks come after the first tenth of the mailbox, so some history exists.
  const size_t total = index.entries.size();
  std::multiset<size_t> positions;
  for (int i = 0; i < attacks; ++i) positions.insert(total / 10 + (*rng)() % (total - total / 10));

  MailboxState state;
  AttackBuilder builder(&state, rng);
  size_t visited = 0;
  int serial = 0;
  auto inject = [&](int64_t clock) -> Status {
    for (auto it = positions.find(visited); it != positions.end() && *it == visited;
         it = positions.erase(it)) {
      Attack attack;
      // A kind the mailbox cannot supply yet falls through to the next one.
      const size_t first = (*rng)() % static_cast<size_t>(Kind::kCount);
      bool built = false;
      for (size_t k = 0; k < static_cast<size_t>(Kind::kCount) && !built; ++k) {
        built = builder.Build(static_cast<Kind>((first + k) % static_cast<size_t>(Kind::kCount)),
                              clock, ++serial, &attack);
      }
      if (!built) continue;
      Envelope envelope;
      envelope.rcpt_to = attack.rcpt_to;
      Message message;
      Status parsed = ParseMessage(attack.raw, envelope, config.parse, &message);
      if (!parsed.ok()) return parsed;
      // A colleague's account sends from inside: the gateway sees it outbound.
      const Direction direction =
          attack.kind == Kind::kLateralFileshare ? Direction::kOutbound : Direction::kInbound;
      // Learned as the milter would: held attacks as observations only.
      Verdict verdict;
      Status scored =
          ScoreAndLearn(*scorer, store.get(), message, direction, clock, attack.rcpt_to, &verdict);
      if (!scored.ok()) return scored;
      const size_t k = static_cast<size_t>(attack.kind);
      ++results->attacks[k];
      results->scores[k].push_back(verdict.score);
      if (verdict.action >= Action::kHold) {
        ++results->held[k];
      } else {
        results->missed.push_back(attack.summary + "\n    " + VerdictLine(verdict));
        ++results->learned[k];
      }
    }
    return Status::Ok();
  };

  WalkSummary summary;
  s = WalkArchives(
      {path}, config,
      [&](const ArchivedMessage& archived) {
        // As replay does: correspondents learned so far become look-alike names.
        if (visited % 500 == 0) {
          Status refreshed = scorer->RefreshKnownNames(*store);
          if (!refreshed.ok()) return refreshed;
        }
        Status injected = inject(archived.clock);
        if (!injected.ok()) return injected;
        ++visited;
        Verdict verdict;
        Status scored = ScoreAndLearn(*scorer, store.get(), *archived.message, archived.direction,
                                      archived.clock, archived.recipients, &verdict);
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
        }
        if (archived.direction == Direction::kInbound) {
          if (state.IsEstablished(legit.from.address)) {
            results->known_correspondent_scores.push_back(verdict.score);
          }
          ++results->legit_inbound;
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
        state.Observe(*archived.message, archived.direction);
        return Status::Ok();
      },
      &summary);
  store.reset();
  fs::remove_all(dir);
  return s;
}

double Percent(uint64_t n, uint64_t of) { return of == 0 ? 0 : 100.0 * n / of; }

int Median(std::vector<int> v) {
  if (v.empty()) return 0;
  std::nth_element(v.begin(), v.begin() + v.size() / 2, v.end());
  return v[v.size() / 2];
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
  std::cout << fmt::format("  tagged {:>6} {:>6.2f}%\n\n", r.internal_tagged,
                           Percent(r.internal_tagged, r.legit_internal));
  std::vector<std::pair<double, std::string>> costs;
  for (const auto& [name, points] : r.legit_cost) costs.emplace_back(-points, name);
  std::sort(costs.begin(), costs.end());
  std::cout << "signals on legitimate held/tagged mail (points summed, hits):\n";
  for (const auto& [points, name] : costs) {
    std::cout << fmt::format("  {:<28} {:>8.0f} {:>6}\n", name, -points,
                             r.legit_cost_hits.at(name));
  }
  for (size_t i = 0; i < r.legit_holds.size(); ++i) {
    std::cout << (i == 0 ? "\nlegitimate mail held:\n" : "") << "  " << r.legit_holds[i] << "\n";
  }
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
    } else if (flag == "--show-missed") {
      show_missed = std::stoul(argv[i + 1]);
    } else {
      std::cerr << "usage: attack_eval [--corpus DIR] [--seed N] [--attacks-per-mailbox N] "
                   "[--show-missed N] [--weight SIGNAL=N]... [--calibration MIN,MAX,PRIOR]\n";
      return 2;
    }
  }
  std::mt19937_64 rng(seed);
  Results results;
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
  for (const auto& [name, weight] : weights)
    std::cout << fmt::format("weight {} = {}\n", name, weight);
  std::cout << fmt::format("calibration: surprise in [{}, {}], prior {} messages at {}%\n",
                           base_rates.min_surprise, base_rates.max_surprise,
                           base_rates.prior_messages, base_rates.reference_rate * 100);
  std::cout << "\n";
  Print(results, show_missed);
  return 0;
}

}  // namespace
}  // namespace rapport

int main(int argc, char** argv) { return rapport::Main(argc, argv); }
