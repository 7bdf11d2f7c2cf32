#include "scoring/signal_support.h"

#include <algorithm>
#include <array>
#include <cmath>
#include <ctime>
#include <set>

#include "base/clock.h"
#include "message/ascii.h"
#include "message/domain_names.h"
#include "message/link_target.h"
#include "message/organisation.h"

namespace rapport {

namespace {

constexpr double kFullDepthDays = 365;
constexpr double kFullDepthMessages = 50;
constexpr double kMinimumDepth = 0.2;
// A silence this long since a correspondent's latest message is said in
// its description (DescribeSender): "known for" counts from its first
// message, and a dormant correspondent that speaks again is a reading of
// its own for whoever reviews the verdict.
constexpr int64_t kSilenceShownDays = 30;

// Words read from a display name, at most: a person's name has a few.
constexpr size_t kMaxPersonNameWords = 4;

// See IsServiceWord().
constexpr std::array<std::string_view, 70> kServiceWords = {
    "account",       "accounts",   "alert",    "alerts",       "and",     "bank",
    "banking",       "billing",    "card",     "cards",        "care",    "center",
    "centre",        "com",        "confirm",  "confirmation", "corp",    "corporation",
    "customer",      "customers",  "delivery", "department",   "dept",    "desk",
    "docs",          "documents",  "drive",    "express",      "for",     "fraud",
    "from",          "gift",       "help",     "helpdesk",     "inc",     "info",
    "llc",           "ltd",        "mail",     "member",       "members", "message",
    "messages",      "net",        "noreply",  "not",          "notice",  "notification",
    "notifications", "official",   "online",   "org",          "payment", "payments",
    "prevention",    "protection", "reply",    "review",       "safe",    "secure",
    "security",      "service",    "services", "shipping",     "storage", "support",
    "team",          "the",        "tracking", "update"};

// Fewest letters of a one-word mailbox read as a person's ("jsmith",
// "smholden"); shorter ones are initials or roles ("ap", "jds", "ops").
constexpr size_t kMinPersonalMailbox = 5;

}  // namespace

bool IsTrustedAuthResult(const ScoringContext& context, const AuthResult& result) {
  const std::vector<std::string>& trusted = context.environment().trusted_authserv_ids;
  return std::find(trusted.begin(), trusted.end(), result.authserv_id) != trusted.end();
}

std::string DescribeSender(const ScoringContext& context) {
  uint64_t messages = context.correspondent_messages();
  if (messages == 0) return context.sender() + " (never seen before)";
  std::string known = "known for " + std::to_string(context.correspondent_age_days()) + " days, " +
                      std::to_string(messages) + " messages";
  const SenderProfile* profile = context.sender_profile();
  if (profile != nullptr && profile->last_seen > 0 &&
      context.now() - profile->last_seen >= kSilenceShownDays * kSecondsPerDay) {
    known += ", the last on " + FormatDate(profile->last_seen);
  }
  return context.sender() + " (" + known + ")";
}

double RelationshipDepth(const ScoringContext& context) {
  double age = std::min(1.0, std::log1p(static_cast<double>(context.correspondent_age_days())) /
                                 std::log1p(kFullDepthDays));
  double volume = std::min(1.0, std::log1p(static_cast<double>(context.correspondent_messages())) /
                                    std::log1p(kFullDepthMessages));
  return kMinimumDepth + (1 - kMinimumDepth) * age * volume;
}

std::vector<const Link*> DistinctLinkDomains(const ScoringContext& context,
                                             BareAddresses addresses) {
  std::set<std::string_view> seen;
  std::vector<const Link*> links;
  for (const Link* link : context.web_links()) {
    if (link->private_domain.empty() || link->icann_domain.empty()) continue;
    if (link->host_is_ip_literal && addresses == BareAddresses::kSkip) continue;
    if (seen.insert(link->private_domain).second) links.push_back(link);
  }
  return links;
}

Status ReadEachLinkSite(const ScoringContext& context, const LinkReading& read,
                        std::vector<Detection>* out) {
  std::set<std::string_view> found;
  for (const Link* link : context.web_links()) {
    if (link->private_domain.empty() || link->host_is_ip_literal || IsLocalLink(context, *link) ||
        found.count(link->private_domain) != 0) {
      continue;
    }
    const size_t before = out->size();
    Status status = read(context, *link, out);
    if (!status.ok()) return status;
    if (out->size() > before) found.insert(link->private_domain);
  }
  return Status::Ok();
}

Status OrgWideLinkMessages(const ScoringContext& context, std::string_view domain,
                           uint64_t* messages, bool* outbound) {
  const LinkDomainStats* stats = nullptr;
  Status status = context.LinkDomain(domain, &stats);
  if (!status.ok()) return status;
  *messages = stats ? stats->messages : 0;
  *outbound = stats && stats->outbound_messages > 0;
  return Status::Ok();
}

Status LinkHabitDeparture(const ScoringContext& context, std::string_view sender_key,
                          const Link& link, double* departure, std::string* never) {
  *departure = 0;
  *never = link.private_domain;
  const SenderAttributeStats* linked = nullptr;
  Status status = context.SenderAttribute(sender_key, SenderAttributeKind::kLinkDomain,
                                          link.private_domain, &linked);
  if (!status.ok() || linked != nullptr) return status;
  *departure = 1;
  if (TenantName(link).empty()) return Status::Ok();  // no tenant, or a service site
  status = context.SenderAttribute(sender_key, SenderAttributeKind::kLinkDomain, link.icann_domain,
                                   &linked);
  if (!status.ok()) {
    *departure = 0;
    return status;
  }
  if (linked != nullptr) {
    *departure = kNewTenantDeparture;
  } else {
    *never = link.icann_domain;
  }
  return Status::Ok();
}

Status OrganisationLinkDeparture(const ScoringContext& context, const Link& link,
                                 double* departure) {
  *departure = 0;
  const std::string& organisation = context.sender_organisation();
  std::string unused;
  Status status = LinkHabitDeparture(context, organisation, link, departure, &unused);
  if (!status.ok() || *departure == 0 || organisation == context.sender() ||
      organisation == context.sender_domain()) {
    return status;
  }
  double host = 0;
  status = LinkHabitDeparture(context, context.sender_domain(), link, &host, &unused);
  *departure = status.ok() ? std::min(*departure, host) : 0;
  return status;
}

Status IsRareLinkDomain(const ScoringContext& context, std::string_view domain, bool* rare,
                        uint64_t* messages) {
  *rare = false;
  bool outbound = false;
  Status status = OrgWideLinkMessages(context, domain, messages, &outbound);
  if (!status.ok()) return status;
  *rare = !outbound && *messages < kRareLinkMessages;
  return Status::Ok();
}

Status IsRareLinkSite(const ScoringContext& context, const Link& link, std::string_view domain,
                      bool* rare, uint64_t* messages) {
  if (!link.shortened) return IsRareLinkDomain(context, domain, rare, messages);
  *rare = true;
  *messages = 0;
  if (context.sender().empty()) return Status::Ok();
  const SenderAttributeStats* habit = nullptr;
  Status status = context.SenderAttribute(context.sender(), SenderAttributeKind::kLinkDomain,
                                          link.private_domain, &habit);
  if (!status.ok() || habit == nullptr) return status;
  *messages = habit->messages;
  *rare = *messages < kRareLinkMessages;
  return Status::Ok();
}

const std::string* FileSharePlatformOf(const ScoringContext& context, const Link& link) {
  const FileShareCatalogue* catalogue = context.environment().fileshare;
  return catalogue == nullptr ? nullptr : catalogue->Match(link.host, link.path);
}

bool TenantNamedAfterSender(const ScoringContext& context, const Link& link) {
  // At a consumer mailbox provider the address is the organisation
  // (MailboxProviders::CorrespondentOrganisation), so its own tenant bears the local part.
  std::string_view registrable = context.sender_registrable_domain();
  std::string_view sender = context.sender();
  std::string_view label = context.environment().mailbox_providers->IsConsumer(registrable)
                               ? sender.substr(0, sender.find('@'))
                               : registrable.substr(0, registrable.find('.'));
  const std::string_view tenant_label = TenantName(link);
  if (label.empty() || tenant_label.empty()) return false;
  if (tenant_label == label || tenant_label == std::string(label) + "-my") return true;
  // Platforms that allow no hyphen in a tenant's name make duke-energy.com's
  // "dukeenergy".
  const std::string unhyphenated = TenantNameWithoutHyphens(label);
  return !unhyphenated.empty() && tenant_label == unhyphenated;
}

std::string LinkOrigin(const Link& link) {
  std::string origin;
  if (!link.redirected_via.empty()) origin = " (behind redirector " + link.redirected_via + ")";
  if (!link.attachment.empty()) origin += " (in attachment " + Quoted(link.attachment) + ")";
  if (link.from_invitation) origin += " (in the meeting invitation)";
  return origin;
}

std::string DescribeHiddenTarget(const Link& link) {
  if (!link.shortened) return {};
  return "a shortened link: where it leads only " + link.host_unicode + " knows, so how common " +
         link.private_domain + " is here says nothing of it";
}

Status IsSendersOwnTenant(const ScoringContext& context, const Link& link, bool* own) {
  *own = false;
  if (!TenantNamedAfterSender(context, link)) return Status::Ok();
  // The platform is received here when it, or this tenant of it, was.
  for (const std::string* domain : {&link.private_domain, &link.icann_domain}) {
    uint64_t messages = 0;
    bool outbound = false;
    Status status = OrgWideLinkMessages(context, *domain, &messages, &outbound);
    if (!status.ok()) return status;
    if (messages > 0 || outbound) {
      *own = true;
      return Status::Ok();
    }
  }
  return Status::Ok();
}

// The context's key for SenderDomainWarnedOnly()'s reading
// (ScoringContext::Remember): NEW_SENDER_DOMAIN and LinksOwnSite, for each
// of the sender's own links, ask it of one message.
constexpr char kWarnedOnlyReading = 0;

Status SenderDomainWarnedOnly(const ScoringContext& context, bool* warned_only) {
  *warned_only = false;
  const SenderProfile* domain = context.domain_profile();
  if (domain == nullptr || context.sender_profile() != nullptr || domain->messages_received > 0 ||
      domain->messages_sent >= kWarnedOnlyMessages ||
      context.environment().mailbox_providers->IsConsumer(context.sender_registrable_domain())) {
    return Status::Ok();
  }
  if (const bool* recalled = context.Recalled<bool>(&kWarnedOnlyReading)) {
    *warned_only = *recalled;
    return Status::Ok();
  }
  const AnomalyHistory* anomaly = nullptr;
  Status status =
      context.AnomalyHistoryOf(kNewSenderDomainSignal, context.sender_domain(), &anomaly);
  if (!status.ok()) return status;
  *warned_only =
      context.Remember(&kWarnedOnlyReading, anomaly->observed.messages >= domain->messages_sent);
  return Status::Ok();
}

Status LinksOwnSite(const ScoringContext& context, const Link& link, bool* own) {
  *own = IsLocalLink(context, link);
  if (*own || context.domain_profile() == nullptr) return Status::Ok();
  bool senders_own = context.IsSendersOwnDomain(link);
  if (!senders_own) {
    Status status = IsSendersOwnTenant(context, link, &senders_own);
    if (!status.ok() || !senders_own) return status;
  }
  bool warned_only = false;
  Status status = SenderDomainWarnedOnly(context, &warned_only);
  *own = status.ok() && !warned_only;
  return status;
}

bool IsLocalLink(const ScoringContext& context, const Link& link) {
  return IsLocalDomain(link.host, context.environment().local_domains);
}

std::string DescribePlantedPage(std::string_view folder) {
  return "a page in the site's upload folder " + std::string(folder) +
         ", which serves files, not pages (what is planted on a site broken into)";
}

std::string DescribeSignInPage(std::string_view word) {
  return "its address names signing in (\"" + std::string(word) +
         "\"), a page asking for a password";
}

std::string DescribeSiteReceived(const std::string& domain, uint64_t messages) {
  return messages == 0 ? "no one in the organisation has received " + domain + " before"
                       : "the organisation has received " + domain + " in " +
                             std::to_string(messages) + " message(s)";
}

std::string DescribeLinkAsk(const LinkAsk& ask) {
  return std::string(ask.in_anchor    ? "its anchor text asks the reader "
                     : ask.in_subject ? "the message's subject asks the reader "
                                      : "the text beside it asks the reader ") +
         std::string(ask.ask) + " (\"" + ask.words + "\")" +
         (ask.signature ? " there, where an organisation has its documents signed on its own site "
                          "or an e-signature service's"
                        : ", a page asking for a password whatever its address says");
}

std::string Quoted(std::string_view text, size_t max_bytes) {
  std::string out = "\"";
  size_t kept = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    unsigned char c = static_cast<unsigned char>(text[i]);
    if (c < 0x20 || c == 0x7f) continue;
    // Stop before a character that would cross the limit, never inside one.
    if (kept >= max_bytes && (c & 0xc0) != 0x80) {
      out += "…";
      break;
    }
    out.push_back(static_cast<char>(c));
    ++kept;
  }
  out += "\"";
  return out;
}

std::string DescribeList(const KnownList& list) {
  return "mailing list " + std::string(list.id) + " (" + std::string(list.posting_address) + ", " +
         std::to_string(list.delivered.messages) + " messages since " +
         FormatDate(list.delivered.first_seen) +
         (list.posts > 0
              ? ", the organisation posted to it " + std::to_string(list.posts) + " times"
              : "") +
         ")";
}

void SoftenForKnownList(const ScoringContext& context, std::string_view why, Detection* detection) {
  const KnownList* list = context.known_list();
  if (list == nullptr) return;
  detection->strength *= kKnownListFactor;
  detection->evidence += "; " + DescribeList(*list) + ": " + std::string(why);
}

double SenderClaimStrength(const ScoringContext& context) {
  if (!context.established_organisation().empty()) return 0;
  return OrganisationWroteToSender(context) ? 0.5 : 1.0;
}

bool OrganisationWroteToSender(const ScoringContext& context) {
  const SenderProfile* profile = context.sender_profile();
  return profile != nullptr && profile->messages_received > 0;
}

bool IsServiceWord(std::string_view word) {
  return std::find(kServiceWords.begin(), kServiceWords.end(), word) != kServiceWords.end();
}

size_t NameJoiner(std::string_view local_part) {
  const size_t joiner = local_part.find_first_of("._-");
  if (joiner == std::string_view::npos || joiner < 2 || local_part.size() - joiner < 3 ||
      local_part.find_first_of("._-", joiner + 1) != std::string_view::npos) {
    return std::string_view::npos;
  }
  return joiner;
}

bool IsRoleMailbox(std::string_view local_part) {
  static constexpr std::array<std::string_view, 34> kRoles = {
      "admin",     "administrator", "abuse",      "accounting", "careers",     "collections",
      "contact",   "contacts",      "enquiries",  "events",     "finance",     "general",
      "hello",     "hostmaster",    "inquiries",  "invoice",    "invoices",    "legal",
      "mailer",    "marketing",     "newsletter", "office",     "orders",      "payables",
      "payroll",   "postmaster",    "press",      "purchasing", "receivables", "remittance",
      "reception", "sales",         "treasury",   "webmaster"};
  return IsServiceWord(local_part) ||
         std::find(kRoles.begin(), kRoles.end(), local_part) != kRoles.end();
}

bool IsPersonalLocalPart(std::string_view local_part) {
  const size_t joiner = NameJoiner(local_part);
  if (joiner == std::string_view::npos) {
    return local_part.size() >= kMinPersonalMailbox &&
           std::all_of(local_part.begin(), local_part.end(), IsAsciiAlpha) &&
           !IsRoleMailbox(local_part);
  }
  for (size_t i = 0; i < local_part.size(); ++i) {
    if (i != joiner && !IsAsciiAlpha(local_part[i])) return false;
  }
  return !IsServiceWord(local_part.substr(0, joiner)) &&
         !IsServiceWord(local_part.substr(joiner + 1));
}

std::vector<std::string> NamesJoined(std::string_view first, std::string_view last) {
  std::vector<std::string> joined;
  for (std::string_view joiner : {".", "", "_", "-"}) {
    joined.push_back(std::string(first) + std::string(joiner) + std::string(last));
  }
  return joined;
}

std::vector<std::string> MailboxesNamedBy(std::string_view display_name, NameSpelling spelling) {
  std::string text(display_name);
  // "Last, First" is written first name first.
  const size_t comma = text.find(',');
  if (comma != std::string::npos) text = text.substr(comma + 1) + " " + text.substr(0, comma);
  std::vector<std::string> words;
  std::string word;
  for (size_t i = 0; i <= text.size(); ++i) {
    const char c = i < text.size() ? text[i] : ' ';
    if (c == '\'') continue;  // "O'Brien" is spelled obrien
    if (c == ' ' || c == '"' || c == '.' || c == '\t') {
      if (!word.empty()) words.push_back(std::move(word));
      word.clear();
      continue;
    }
    if (!IsAsciiAlpha(c)) return {};
    word += AsciiLower(c);
  }
  if (words.size() < 2 || words.size() > kMaxPersonNameWords) return {};
  for (const std::string& w : words) {
    if (IsServiceWord(w)) return {};
  }
  // Middle names and initials are left out of mailbox names.
  const std::string& first = words.front();
  const std::string& last = words.back();
  std::vector<std::string> candidates;
  if (spelling == NameSpelling::kAnyScheme) {
    candidates = NamesJoined(first, last);
    candidates.insert(candidates.begin() + 1, first.substr(0, 1) + last);
    candidates.push_back(first + last.substr(0, 1));
    candidates.push_back(last + first.substr(0, 1));
    candidates.push_back(last + "." + first);
    candidates.push_back(last);
  } else if (first.size() > 1 && last.size() > 1) {  // an initial is not a whole name
    candidates = NamesJoined(first, last);
    candidates.push_back(last + "." + first);
  }
  std::vector<std::string> out;
  for (std::string& candidate : candidates) {
    if (std::find(out.begin(), out.end(), candidate) == out.end()) {
      out.push_back(std::move(candidate));
    }
  }
  return out;
}

std::string FormatDate(int64_t seconds) {
  std::time_t t = static_cast<std::time_t>(seconds);
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[16];
  std::strftime(buffer, sizeof(buffer), "%Y-%m-%d", &tm);
  return buffer;
}

bool StrangersAddressed::BeyondCircle() const {
  return strangers >= kMinStrangers && strangers * 2 >= judged;
}

StrangersAddressed CountStrangers(const ScoringContext& context) {
  StrangersAddressed counted;
  for (const auto& [colleague, relationship] : context.relationships()) {
    ++counted.judged;
    if (relationship) continue;
    if (++counted.strangers <= 3) counted.names += (counted.names.empty() ? "" : ", ") + colleague;
  }
  if (counted.strangers > 3) counted.names += ", …";
  return counted;
}

bool FirstMailToMany(const ScoringContext& context) {
  const SenderProfile* profile = context.sender_profile();
  const SenderProfile* organisation = context.domain_profile();
  return (profile == nullptr || profile->messages_sent == 0) &&
         context.recipients().size() >= kMailingReach && organisation != nullptr &&
         organisation->active_days >= kOrganisationHeardDays;
}

bool SignedByDomain(const ScoringContext& context, std::string_view domain) {
  for (const AuthResult& result : context.message().auth_results) {
    if (result.method != "dkim" || result.result != "pass" || result.domain.empty()) continue;
    if (!IsTrustedAuthResult(context, result)) continue;
    if (IcannRegistrableDomain(result.domain) == domain) return true;
  }
  return false;
}

}  // namespace rapport
