#pragma once

#include <cstdint>
#include <functional>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "message/link_ask.h"
#include "message/message.h"
#include "scoring/scoring_context.h"
#include "scoring/signal_registry.h"

namespace rapport {

// Small pieces several detectors share, so that they judge and word the
// same facts the same way.

// A link domain the organisation has received in fewer messages than this
// counts as rare, unless it linked the domain itself (IsRareLinkDomain()).
inline constexpr uint64_t kRareLinkMessages = 3;

// "a@acme.com (known for 412 days, 58 messages)" or "a@acme.com (never seen before)";
// a month or more after its latest message, "a@acme.com (known for 9028
// days, 9 messages, the last on 2001-03-02)".
std::string DescribeSender(const ScoringContext& context);

// True when `result` was written by an authentication server the site
// trusts ([scoring] trusted_authserv_ids): only those results say what
// passed or failed, since anyone may write an Authentication-Results header
// into the mail they send.
bool IsTrustedAuthResult(const ScoringContext& context, const AuthResult& result);

// "mailing list ilug.linux.ie (ilug@linux.ie, 92 messages since 2002-07-22)".
std::string DescribeList(const KnownList& list);

// What remains of a first-contact reading (a new poster, a new domain, a
// reply to a thread the reader never saw), or of a link's newness
// (kListPostLinks), on mail from a known list: on a list these are
// ordinary, yet anyone may post to a list, so they weaken rather than
// vanish.
inline constexpr double kKnownListFactor = 0.3;
// Why a link new to the reader weakens on a known list's mail
// (RARE_LINK_DOMAIN, FIRST_FILESHARE_DOMAIN, NEW_LINK_DOMAIN_FOR_SENDER):
// a post is written for every subscriber, so what it links says what the
// list discusses, not what someone wants of our readers. What a link is (a
// masked text, a look-alike, a lure page) is read as anyone's. On
// spamassassin/easy_ham, a list regular's first blog link to FoRK held two
// posts, and these readings were most of its list mail's tags.
inline constexpr std::string_view kListPostLinks =
    "a post links what the list discusses, for all its subscribers: the list, not the poster, "
    "chose our readers";
// Why a poster's claim to a correspondent's identity weakens on a known
// list's mail (LOOKALIKE_DOMAIN's readings of a correspondent's domain,
// DISPLAY_NAME_IMPERSONATION): subscribers post from more than one
// address of theirs, and an impersonator writes to the people who know
// the one it imitates, where a list delivers to every subscriber. On
// spamassassin/easy_ham a list regular known from one message posted from
// his .org as he had written from his .com, and was held for it. A
// brand's look-alike, or our own domain's, stays as anyone's: a list
// carries phishing to all.
inline constexpr std::string_view kListPosterIdentity =
    "subscribers post from more than one address, and the list, not the poster, chose our "
    "readers";

// When the context has a known_list(), scales `detection` by
// kKnownListFactor and appends to its evidence the list and `why` this
// reading is ordinary there ("its posters are new to readers"); otherwise
// leaves it unchanged.
void SoftenForKnownList(const ScoringContext& context, std::string_view why, Detection* detection);

// How much weight the sender's history carries, 0.2..1: grows with the
// relationship's age (full at a year) and volume (full at 50 messages), so
// that a two-year correspondent departing from habit is far more alarming
// than a week-old one. The age runs from the first message to now, a
// silence included: a partner silent for three years is still a partner
// of three years, and an account taken over writes to the dormant
// contacts of its address book as well as to the recent ones.
double RelationshipDepth(const ScoringContext& context);

// Whether DistinctLinkDomains lists links to bare IP addresses (each stands
// as its own domain, DescribeLinkTarget).
enum class BareAddresses {
  // For judging what the organisation has received: an address no one here
  // received is as rare as a domain would be.
  kInclude,
  // For judging a party's habits (what a sender, a colleague or a thread
  // linked before): an address is leased, not kept as a name is. A
  // correspondent's own server moves between addresses (in Enron's mail one
  // correspondent's photo server went through three on a cable provider's
  // dynamic range), so "never linked this address" says little;
  // IP_LITERAL_LINK says that the link names no site.
  kSkip,
};

// The first web link of each distinct private registrable domain, skipping
// links without one, and links to bare IP addresses when `addresses` is
// kSkip.
std::vector<const Link*> DistinctLinkDomains(const ScoringContext& context,
                                             BareAddresses addresses);

// A detector's reading of one link, adding its findings to `out`.
using LinkReading = std::function<Status(const ScoringContext& context, const Link& link,
                                         std::vector<Detection>* out)>;

// Calls `read` on each web link with a private registrable domain that is
// neither a bare IP address nor the organisation's own (IsLocalLink), in
// message order, until a link of its site yields a finding: one finding per
// site, from the first of its links that shows it (a site's second link
// may be the planted page its first is not).
Status ReadEachLinkSite(const ScoringContext& context, const LinkReading& read,
                        std::vector<Detection>* out);

// Messages in which the organisation received `domain`; 0 when never.
// Stores in *outbound whether the organisation itself ever linked it.
Status OrgWideLinkMessages(const ScoringContext& context, std::string_view domain,
                           uint64_t* messages, bool* outbound);

// A link judged against the links `sender_key`'s own mail carried. Sets
// *departure to 0 when that sender linked the link's private registrable
// domain before, kNewTenantDeparture when it linked only the platform the
// link is a tenant of (each tenant is its own owner, but the platform is
// a habit), and 1 when it linked neither; *never to the domain it never
// linked (the tenant's, or the platform's when it never linked that). A
// company's service site (IsServiceSite: "docs.google.com") is no tenant:
// the company's other sites the sender linked are no habit of it.
// Returns the store's error; *departure is 0 then.
inline constexpr double kNewTenantDeparture = 0.5;
Status LinkHabitDeparture(const ScoringContext& context, std::string_view sender_key,
                          const Link& link, double* departure, std::string* never);

// LinkHabitDeparture() of the sender's organisation: how far `link` departs
// from what anyone there linked before. The organisation is
// ScoringContext::sender_organisation(): the registrable domain, whichever
// host under it each of its people writes from (history learns an inbound
// message's link domains on both keys), or the address itself at a
// consumer mailbox provider, whose other users are no colleagues. A store learned before the
// thirty-fourth round keeps a host's links under the host alone, so the sender's own host is read
// as well, and the nearer habit counts. Returns the store's error; *departure is 0 then.
Status OrganisationLinkDeparture(const ScoringContext& context, const Link& link,
                                 double* departure);

// Sets *rare to true when the organisation has received `domain` in fewer
// than kRareLinkMessages messages and never linked it itself, and stores in
// *messages how many it was received in (0 when never). Returns the
// store's error; *rare is false then.
Status IsRareLinkDomain(const ScoringContext& context, std::string_view domain, bool* rare,
                        uint64_t* messages);

// IsRareLinkDomain for the site `link` leads to, `domain` being the name
// judged (its registrable or private domain). The site of a shortened link
// (DescribeHiddenTarget) is unknown, and how often the organisation
// received the shortener says nothing of it: it is as rare as the
// sender's own links through that shortener were (the organisation's habit
// of receiving that sender's shortened links), *messages counting those.
Status IsRareLinkSite(const ScoringContext& context, const Link& link, std::string_view domain,
                      bool* rare, uint64_t* messages);

// The colleagues an internal message is addressed to that its writer never
// exchanged mail with, either way (ScoringContext::relationships()): a
// compromised account sprays the address book, while real colleagues
// write mostly to people they already work with (Ho et al.).
struct StrangersAddressed {
  size_t strangers = 0;  // colleagues never written with
  size_t judged = 0;     // colleagues whose relationship was read
  std::string names;     // the first three strangers, for the evidence

  // kMinStrangers or more, and at least half of those judged: the mail
  // goes beyond the writer's circle, whatever its usual numbers.
  bool BeyondCircle() const;
};
inline constexpr size_t kMinStrangers = 3;
// Counts the internal recipients whose relationship with the writer was
// read (ScoringContext::relationships()) and those of them it never
// exchanged mail with: the one reading COLLEAGUE_FANOUT and
// INTERNAL_LURE_PAGE's reach share.
StrangersAddressed CountStrangers(const ScoringContext& context);

// An internal account's first mail (it never wrote here: a dormant account,
// or one the history knows only as a recipient) to kMailingReach or more
// recipients: more than it ever addressed, and with no writing of its own
// to vouch for what it links. Fewer is a first note to a colleague or two.
// COLLEAGUE_FANOUT has no circle to compare such mail with, so
// INTERNAL_LURE_PAGE reads it as beyond the account's reach and
// FIRST_FILESHARE_DOMAIN gives it no colleague's benefit of the doubt.
// An account's silence says something only once the history has heard its
// organisation write on kOrganisationHeardDays distinct days (its domain's
// profile): in a store that learned nothing yet, or a few days of mail,
// every account's mail is its first.
inline constexpr size_t kMailingReach = 5;  // fewer is a note, five or more a mailing
inline constexpr uint32_t kOrganisationHeardDays = 30;
bool FirstMailToMany(const ScoringContext& context);

// True when the link's host is a tenant of a multi-tenant platform (its
// private registrable domain is not its ICANN one) named exactly after the
// sender's organisation: "acme.sharepoint.com", or OneDrive's
// "acme-my.sharepoint.com", from acme.com; "jdoe.github.io" from
// jdoe@gmail.com (at a consumer mailbox provider the address is the
// organisation, CorrespondentOrganisation); "dukeenergy.blob.core.windows.net"
// from duke-energy.com, where the platform allows no hyphen. Only an exact
// name counts: "acme-billing.web.app" is what an impostor would register.
bool TenantNamedAfterSender(const ScoringContext& context, const Link& link);

// The file-share or hosting platform of data/fileshare_domains.txt that
// `link` leads to (its catalogue entry, "docs.google.com/forms"), or
// nullptr when none does or no catalogue is loaded.
const std::string* FileSharePlatformOf(const ScoringContext& context, const Link& link);

// Sets *own when `link` is the sender's own tenant: one named after it
// (TenantNamedAfterSender) on a platform the organisation has received
// (or linked) before, itself or this tenant of it, where a correspondent's tenant under its own
// name is one more organisation taking up a tool in use here. On a platform no one here received
// the name tells nothing of whose the tenant is: anyone opens a workspace under any name still
// free, and a vendor's name on a platform it was never seen to use is the one its impersonator
// would choose. Such a link is the platform's first here, judged as any first adoption is. Returns
// the store's error; *own is false then.
Status IsSendersOwnTenant(const ScoringContext& context, const Link& link, bool* own);

// The signal whose warning on a domain (its context, the domain's name)
// SenderDomainWarnedOnly() reads; new_sender_domain.cc registers it under
// this name (the unit tests of both read its observations by it).
inline constexpr char kNewSenderDomainSignal[] = "NEW_SENDER_DOMAIN";
// Below this many learned messages, a domain's mail may all have come with
// that warning; a bulk sender's address for each message (VERP) makes its
// domain known from the third on.
inline constexpr uint64_t kWarnedOnlyMessages = 3;

// Sets *warned_only when the organisation knows the sender's domain only
// as tagged mail left it: a new address (no profile of its own) writes from
// a domain that is no consumer mailbox provider, that no one here wrote to,
// and whose every learned message, fewer than kWarnedOnlyMessages, came
// with kNewSenderDomainSignal's warning (its unconfirmed observations on
// the domain at least the messages its profile counts). Tagged mail is
// learned, its anomalies only observations (LearnTrust::kUnconfirmed), so
// the domain's profile is then a campaign's tagged first wave, which must
// not make the domain familiar to the campaign's next sender there. Reads
// the pair's feedback and observations only on that path. Returns the
// store's error; *warned_only is false then.
Status SenderDomainWarnedOnly(const ScoringContext& context, bool* warned_only);

// Sets *own when `link` goes into one of the organisation's own domains
// (IsLocalLink), or to the sender's own domain (or its own tenant,
// IsSendersOwnTenant) once the organisation knows the sender's domain (a
// profile, and not only as tagged mail left it: SenderDomainWarnedOnly):
// a fresh domain linking to itself is no less new. Returns the store's
// error; *own is false then.
Status LinksOwnSite(const ScoringContext& context, const Link& link, bool* own);

// True when the link points into one of the organisation's own domains.
bool IsLocalLink(const ScoringContext& context, const Link& link);

// What evidence appends to a link's host to say where the message holds
// it: " (behind redirector www.google.com)" when it is reached only through
// open redirectors (Link::redirected_via), so that the reader sees
// "redirector -> destination"; " (in attachment invoice.html)" when it was
// read from an attachment (Link::attachment), where a reader looking at the
// body would not see it; both, or empty for a link written in the body.
std::string LinkOrigin(const Link& link);

// A link through a public URL shortener (Link::shortened) leads somewhere
// only the service knows: how familiar the shortener is here (bit.ly
// received from many senders, linked by the sender's colleagues) says
// nothing of where this link goes, so a reading that weakens a link for
// its site's familiarity must not weaken a shortened one for the
// shortener's. Only the sender's own habit of shortening its links (its
// own history with the shortener, LinkHabitDeparture) speaks for it.
// Returns the words evidence gives such a link, "a shortened link: where
// it leads only bit.ly knows, so how common bit.ly is here says nothing of
// it"; empty for a link whose site is its destination.
std::string DescribeHiddenTarget(const Link& link);

// Evidence for what a link's address says its page asks
// (message/link_page.h), worded once for INTERNAL_LURE_PAGE and
// INBOUND_LURE_PAGE: "a page in the site's upload folder /wp-content/uploads/,
// which serves files, not pages (what is planted on a site broken into)"
// for PlantedPageFolder(); "its address names signing in (\"login\"), a page
// asking for a password" for SignInWord().
std::string DescribePlantedPage(std::string_view folder);
std::string DescribeSignInPage(std::string_view word);
// What the message asks of the reader at a link (message/link_ask.h).
std::string DescribeLinkAsk(const LinkAsk& ask);

// Links of one message whose text a signal reads (ReadLinkAsk), in message
// order: each read searches the bodies, up to a MiB each, so a message of a
// thousand links would cost a thousand searches. A lure asks beside its
// first links; the rest are still judged by their addresses.
inline constexpr size_t kMaxLinksAsked = 8;

// The strength INTERNAL_LURE_PAGE and INBOUND_LURE_PAGE give a sign-in
// page on a site the organisation received in 1 or 2 messages; a site it
// never received gets 1.
inline constexpr double kRareSiteSignIn = 0.5;
inline double SignInPageStrength(uint64_t messages) {
  return messages == 0 ? 1.0 : kRareSiteSignIn;
}
// How often the organisation received `domain` before (in `messages`),
// worded once for both lure-page signals:
// "no one in the organisation has received x.com before", "the
// organisation has received x.com in 2 message(s)".
std::string DescribeSiteReceived(const std::string& domain, uint64_t messages);

// Text from mail, made safe for one line of evidence: control characters
// dropped, cut to `max_bytes` on a UTF-8 boundary with "…", in quotes.
std::string Quoted(std::string_view text, size_t max_bytes = 60);

// True for a lower-case word that names a service or a department rather
// than a person ("accounts", "billing", "support", "team"): the words
// phishing puts beside a brand in a sender name, and that make a display
// name a role ("Accounts Payable", "Billing Team") rather than a person's.
bool IsServiceWord(std::string_view word);

// Where the names of a person's mailbox are joined ("rick.glover"), or npos
// when it is not two words of two letters or more joined once by a dot,
// underscore or hyphen.
size_t NameJoiner(std::string_view local_part);

// Mailboxes every organisation has, beyond the service words
// (IsServiceWord(): "accounts", "billing", "support"...): a role, not a
// person, so reusing one ties nothing to one correspondent.
bool IsRoleMailbox(std::string_view local_part);

// Whether `local_part` is a person's mailbox by its shape: two names of
// two letters or more joined by a dot, underscore or hyphen ("tom.hopwood",
// "michael_schilmoeller"), or one run of five letters or more ("jsmith",
// "smholden"; shorter ones are initials or roles: "ap", "jds", "ops"), not
// a role ("accounts", "remittance", IsRoleMailbox()) or initials.
bool IsPersonalLocalPart(std::string_view local_part);

// A person's two names joined as organisations join them in a mailbox,
// most common first: first.last, firstlast, first_last, first-last. The
// one list of joins MailboxesNamedBy() spells names with and
// LOOKALIKE_DOMAIN reads a local part's names joined otherwise by.
std::vector<std::string> NamesJoined(std::string_view first, std::string_view last);

// Which of the mailbox naming schemes MailboxesNamedBy() spells.
enum class NameSpelling {
  // Every scheme, initials too: enough when the host is already tied to
  // the sender (a look-alike of a correspondent's domain).
  kAnyScheme,
  // Only the schemes that spell both names whole (first.last, firstlast,
  // first_last, first-last, last.first): "jsmith" is John's, Jane's and
  // Jim's, "john.smith" is one person's name.
  kWholeNames,
};

// The local parts organisations spell a person's mailbox with, from the
// person's display name: "Rick Glover", "Glover, Rick" or "Rick J. Glover"
// give rick.glover, rglover, rickglover, rick_glover, rick-glover,
// rickg, gloverr, glover.rick and glover, most common first (a guess at
// the order; any of them must still be a known address), or of those the
// ones `spelling` allows, without repeats. Empty for a name that is not
// plainly a person's: one word or more than four, a word with anything but
// ASCII letters, or a role ("Accounts Payable", IsServiceWord()); for
// kWholeNames also when the first or last name is an initial ("R. Glover").
std::vector<std::string> MailboxesNamedBy(std::string_view display_name, NameSpelling spelling);

// How much a claim the sender makes about who it is (a brand in its
// name, another domain in its name) means: 1 from a sender the
// organisation never wrote to (mail it only received proves nothing: a
// campaign repeats its From), 0.5 from one it has answered, 0 from an
// established correspondent (a partner may well sign as the brand it
// resells, or as its other domain).
double SenderClaimStrength(const ScoringContext& context);

// True when the organisation has written to the sender (its profile counts
// messages sent to it): the staff know that sender, whatever it claims.
// SenderClaimStrength() halves a claim for it; a display name spelling a
// staff mailbox is a namesake's own for it (DISPLAY_NAME_IMPERSONATION).
bool OrganisationWroteToSender(const ScoringContext& context);

// True when a trusted Authentication-Results (the environment's
// trusted_authserv_ids) says a DKIM signature of `domain` (a registrable
// domain, or a host under it) passed: that domain signed this mail itself,
// as a brand's mailing service signs with the brand's key (d=expedia.com on
// mail from expedia.customer-email.com). A forger cannot have its key.
bool SignedByDomain(const ScoringContext& context, std::string_view domain);

// "2001-03-02" for a time in seconds since the epoch.
std::string FormatDate(int64_t seconds);

}  // namespace rapport
