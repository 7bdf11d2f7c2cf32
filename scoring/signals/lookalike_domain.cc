#include <algorithm>
#include <array>
#include <map>
#include <set>
#include <string>
#include <vector>

#include "base/status.h"
#include "message/ascii.h"
#include "message/domain_names.h"
#include "message/history_keys.h"
#include "message/link_page.h"
#include "message/link_target.h"
#include "message/payment_ask.h"
#include "scoring/lookalike/known_names.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"
#include "store/history.h"

namespace rapport {

namespace {

// Messages each way, and active days, of an established two-way relationship.
constexpr uint64_t kTwoWayMessages = 2;
constexpr uint32_t kTwoWayDays = 2;
// Distinct staff who wrote to the domain, of an established two-way
// relationship. The organisation's relationships involve several of its
// people (the partner's contact, a colleague copied, the one who takes
// over); one employee answering a look-alike domain, however often (a
// reply to the attacker, a thread the attacker keeps going), is one
// person's exchange, which the look-alike asked for.
constexpr uint64_t kTwoWayStaff = 2;

// Sets *two_way to true when the organisation and `domain` have
// corresponded both ways, on more than one day: it wrote to the
// organisation at least twice, and at least two of the organisation's
// staff wrote to it (SenderAttributeKind::kStaffCorrespondent). Such a
// domain is a real correspondent in its own right (the organisation's own
// other domain, a brand's other domain), not a look-alike of anything; one
// employee answering a look-alike is not the organisation. Reads the
// domain's profile and staff through the context, once per message
// however many rules judge the domain (the sender's domain, a link's, a
// correspondent (f) finds written to), and the staff only when the
// profile's counts allow it.
Status IsEstablishedTwoWay(const ScoringContext& context, std::string_view domain, bool* two_way) {
  *two_way = false;
  const SenderProfile* profile = nullptr;
  Status status = context.SenderProfileOf(domain, &profile);
  if (!status.ok() || profile == nullptr) return status;
  if (profile->messages_sent < kTwoWayMessages || profile->messages_received < kTwoWayMessages ||
      profile->active_days < kTwoWayDays) {
    return Status::Ok();
  }
  size_t staff = 0;
  status = context.CountSenderAttributes(domain, SenderAttributeKind::kStaffCorrespondent,
                                         kTwoWayStaff, &staff);
  *two_way = status.ok() && staff >= kTwoWayStaff;
  return status;
}

// True when kVouchingOutboundSenders (store/history.h) of the
// organisation's staff linked `domain` (a registrable domain) in mail they
// sent out.
Status LinkedByOrganisation(const ScoringContext& context, std::string_view domain, bool* linked) {
  const LinkDomainStats* stats = nullptr;
  Status status = context.LinkDomain(domain, &stats);
  *linked = stats != nullptr && stats->outbound_senders >= kVouchingOutboundSenders;
  return status;
}

// True when the organisation vouches for the link domain `domain`: it
// corresponds with it both ways, or links it itself. Such a domain is
// nobody's look-alike.
Status IsVouchedLinkDomain(const ScoringContext& context, std::string_view domain, bool* vouched) {
  Status status = IsEstablishedTwoWay(context, domain, vouched);
  if (!status.ok() || *vouched) return status;
  return LinkedByOrganisation(context, domain, vouched);
}

// True when `link` leads to a file-share or hosting platform the catalogue
// lists (data/fileshare_domains.txt) on that platform's own registrable
// domain: a real service, nobody's look-alike whatever its name resembles
// ("pcloud.link" is one letter from "icloud"). The names its customers
// chose under it (a tenant, a path token) are still read.
bool IsCataloguedPlatformDomain(const ScoringContext& context, const Link& link) {
  const std::string* platform = FileSharePlatformOf(context, link);
  if (platform == nullptr) return false;
  const std::string_view platform_host = std::string_view(*platform).substr(0, platform->find('/'));
  return IcannRegistrableDomain(platform_host) == link.icann_domain;
}

// Days with mail from a correspondent (an address or its host), at least,
// for it to write to the organisation regularly (WritesRegularly()).
constexpr uint32_t kRegularDays = 3;

// Whether a correspondent, by its `profile`, sent the organisation mail on
// kRegularDays days or more: a correspondent whose mail its readers
// expect, though they never write back (a supplier's remittance notices, a
// partner's reports), not a single mailing.
bool WritesRegularly(const SenderProfile& profile) { return profile.active_days >= kRegularDays; }

// True when the address of `profile` is an identity the reader would
// recognise: the organisation wrote to it, it wrote to the organisation
// openly (naming its recipients in To or Cc) at least once, or its mail
// reached the organisation regularly (WritesRegularly()), through a list
// or in Bcc as it may be: a partner's notices sender whose conference
// calls a reader joins each month is a name the reader knows, and the
// one an impersonator copies. Someone seen once or twice only through a
// list or in Bcc is a stranger in the crowd, and the same person writing
// from another of his domains (brian@unearthed.org, then
// brian@unearthed.com) reuses nothing the reader trusts.
bool RecognisedIdentity(const SenderProfile& profile) {
  return profile.messages_received > 0 ||
         profile.messages_sent > profile.hidden_recipient_messages || WritesRegularly(profile);
}

// Reads the profile history holds for `key` (an address or a host) and sets
// *recognised when it is a RecognisedIdentity(); a key history does not hold
// is not recognised.
Status LookUpRecognised(const ScoringContext& context, const std::string& key,
                        SenderProfile* profile, bool* recognised) {
  *recognised = false;
  const SenderProfile* known = nullptr;
  Status status = context.SenderProfileOf(key, &known);
  if (!status.ok() || known == nullptr) return status;
  *profile = *known;
  *recognised = RecognisedIdentity(*profile);
  return Status::Ok();
}

// The first of `mailboxes` that is a recognised identity at `host`
// (LookUpRecognised), with its profile; *found is nullptr when none is.
Status FindRecognisedMailbox(const ScoringContext& context,
                             const std::vector<std::string>& mailboxes, const std::string& host,
                             const std::string** found, SenderProfile* profile) {
  *found = nullptr;
  for (const std::string& mailbox : mailboxes) {
    bool recognised = false;
    Status status = LookUpRecognised(context, mailbox + "@" + host, profile, &recognised);
    if (!status.ok()) return status;
    if (recognised) {
      *found = &mailbox;
      return Status::Ok();
    }
  }
  return Status::Ok();
}

// "(N messages with the organisation)", the weight of a reused identity.
std::string MessagesWithOrganisation(const SenderProfile& profile) {
  return "(" + std::to_string(profile.messages_sent + profile.messages_received) +
         " messages with the organisation)";
}

// Known hosts compared, at most, for a reused local part.
constexpr size_t kMaxResembledHosts = 8;

// `local_part` without the digits at its end ("jsmith" of "jsmith2");
// empty when it is all digits.
std::string_view WithoutTrailingDigits(std::string_view local_part) {
  size_t end = local_part.size();
  while (end > 0 && local_part[end - 1] >= '0' && local_part[end - 1] <= '9') --end;
  return local_part.substr(0, end);
}

// A spelling of the sender's local part that a reader takes for a known
// mailbox, and how the sender's differs from it ("" when it does not).
struct LocalPartReading {
  std::string local_part;
  std::string differs;
};

// The local parts a reader takes `local_part` for: itself; without digits
// appended ("jsmith2" reads as jsmith, the mailbox a provider hands out
// when jsmith is taken); and a person's two names joined another way
// ("rick_glover", "rick-glover" or "rickglover" for rick.glover) or in the
// other order ("glover.rick"): the joiner is punctuation the eye passes
// over, and which one an organisation uses, or which name it puts first,
// is not something a reader remembers. Names run together are not
// split ("rickglover" could be rick.glover or ric.kglover).
std::vector<LocalPartReading> LocalPartReadings(std::string_view local_part) {
  std::vector<LocalPartReading> readings = {{std::string(local_part), ""}};
  const std::string_view undigited = WithoutTrailingDigits(local_part);
  if (!undigited.empty() && undigited != local_part) {
    readings.push_back({std::string(undigited), "with digits added"});
  }
  const size_t count = readings.size();
  for (size_t i = 0; i < count; ++i) {
    const std::string written = readings[i].local_part;
    const size_t joiner = NameJoiner(written);
    if (joiner == std::string_view::npos) continue;
    const std::string_view first = std::string_view(written).substr(0, joiner);
    const std::string_view last = std::string_view(written).substr(joiner + 1);
    for (const std::string& joined : NamesJoined(first, last)) {
      if (joined == written) continue;
      std::string differs = "with its names joined as \"" + written.substr(joiner, 1) + "\"";
      if (!readings[i].differs.empty()) differs = readings[i].differs + " and " + differs;
      readings.push_back({joined, std::move(differs)});
    }
    // Directories and some organisations list the family name first
    // (smith.john), and which order a mailbox uses is no more memorable.
    for (const std::string& joined : NamesJoined(last, first)) {
      std::string differs = "with its names in the other order";
      if (!readings[i].differs.empty()) differs = readings[i].differs + " and " + differs;
      readings.push_back({joined, std::move(differs)});
    }
  }
  return readings;
}

// Fewest letters of a first name or surname written alone as a mailbox
// ("jim", "dyer"); shorter ones are initials.
constexpr size_t kMinNameAlone = 3;

// How `written`, a mailbox of one run of letters, spells `known`, a
// person's mailbox of two names ("jim.dyer", "michael_schilmoeller"), by a
// scheme organisations name mailboxes by: the first initial and surname
// ("jdyer"), the first name alone ("jim"), the surname alone ("dyer") or
// the first name and the surname's initial ("jimd"). Empty when it does
// not, or when `known` is not two names of letters. `whole` keeps only the
// two schemes that carry both names, which name one person rather than
// anyone of that first name or surname.
std::string ShortFormOf(std::string_view written, std::string_view known, bool whole) {
  const size_t joiner = NameJoiner(known);
  if (joiner == std::string_view::npos || written.empty()) return "";
  const std::string_view first = known.substr(0, joiner);
  const std::string_view last = known.substr(joiner + 1);
  if (!std::all_of(first.begin(), first.end(), IsAsciiAlpha) ||
      !std::all_of(last.begin(), last.end(), IsAsciiAlpha)) {
    return "";
  }
  if (written.size() == last.size() + 1 && written.front() == first.front() &&
      written.substr(1) == last) {
    return "its first initial and surname";
  }
  if (written.size() == first.size() + 1 && written.back() == last.front() &&
      written.substr(0, first.size()) == first) {
    return "its first name and the surname's initial";
  }
  if (whole) return "";
  if (written == first && first.size() >= kMinNameAlone) return "its first name alone";
  if (written == last && last.size() >= kMinNameAlone) return "its surname alone";
  return "";
}

// Local parts read, at most, of those the store knows at a host. Unlike a
// sender's habits (ScoringContext::kMaxAttributeList, 50), every one of a
// host's people is someone a look-alike may borrow, and the one it borrows
// need not be among the most written to: the list is meant to hold the
// host whole. The Enron mailboxes' From, To and Cc name at most 174
// addresses at one outside host (aol.com; rice.edu 104, caiso.com 93),
// and 7 of 1,272 hosts more than 50; the bound only keeps a provider's
// thousands from being read per message.
constexpr size_t kMaxKnownLocalParts = 256;
// The people the store knows at correspondents' hosts: each host's
// SenderAttributeKind::kLocalPart values (at most kMaxKnownLocalParts, the
// most written first), read from history when a rule first asks for a host
// and kept for the message. Rules (a'), (c'), (e) and (f) of
// DetectReusedIdentity() read the same hosts' people, each read lists up to
// kMaxKnownLocalParts, and all of them judge the one list.
class KnownPeople {
 public:
  using People = std::vector<std::pair<std::string, SenderAttributeStats>>;

  explicit KnownPeople(const HistoryReader& history) : history_(history) {}

  // Sets *people to those known at `host`, valid while this lives.
  Status At(const std::string& host, const People** people) {
    auto it = read_.find(host);
    if (it == read_.end()) {
      People listed;
      Status status = history_.ListSenderAttributes(host, SenderAttributeKind::kLocalPart,
                                                    kMaxKnownLocalParts, &listed);
      if (!status.ok()) return status;
      it = read_.emplace(host, std::move(listed)).first;
    }
    *people = &it->second;
    return Status::Ok();
  }

 private:
  const HistoryReader& history_;
  std::map<std::string, People, std::less<>> read_;  // by host
};

// The first recognised person at `host` (RecognisedIdentity()) whose
// mailbox, one of the host's KnownPeople, `spelled_by` gives a form for
// (how it spells the person; empty when it does not). Sets *owner (the
// known address; empty when none), *profile and *form. A template, not a
// std::function: the callers' lambdas hold more than its inline storage,
// and this runs for every resembled host.
template <typename SpelledBy>
Status FindRecognisedPerson(const ScoringContext& context, KnownPeople* people,
                            const std::string& host, const SpelledBy& spelled_by,
                            std::string* owner, SenderProfile* profile, std::string* form) {
  owner->clear();
  const KnownPeople::People* known = nullptr;
  Status status = people->At(host, &known);
  if (!status.ok()) return status;
  for (const auto& [mailbox, stats] : *known) {
    std::string spelled = spelled_by(mailbox);
    if (spelled.empty()) continue;
    bool recognised = false;
    status = LookUpRecognised(context, mailbox + "@" + host, profile, &recognised);
    if (!status.ok()) return status;
    if (!recognised) continue;
    *owner = mailbox + "@" + host;
    *form = std::move(spelled);
    return Status::Ok();
  }
  return Status::Ok();
}

// A recognised person at `host` (RecognisedIdentity()) whose mailbox
// `local_part`, one run of kMinNameAlone letters or more that is no role
// (IsRoleMailbox()), spells by ShortFormOf(`whole`): a look-alike's
// "jdyer" for the jim.dyer the organisation knows at bus.utexas.edu. The
// host's people are its KnownPeople, the most written first. Sets *owner
// (the known address), *profile and *form; *owner stays empty when no one
// known is spelled.
Status FindPersonSpelledShort(const ScoringContext& context, KnownPeople* people,
                              const std::string& host, std::string_view local_part, bool whole,
                              std::string* owner, SenderProfile* profile, std::string* form) {
  owner->clear();
  if (local_part.size() < kMinNameAlone ||
      !std::all_of(local_part.begin(), local_part.end(), IsAsciiAlpha) ||
      IsRoleMailbox(local_part)) {
    return Status::Ok();
  }
  return FindRecognisedPerson(
      context, people, host,
      [&](const std::string& mailbox) { return ShortFormOf(local_part, mailbox, whole); }, owner,
      profile, form);
}

// "the local part jdyer2 spells the person at jim.dyer@bus.utexas.edu by
// its first initial and surname, with digits added (12 messages with the
// organisation)": what FindPersonSpelledShort() found for `local_part`.
std::string SpelledShort(std::string_view local_part, const std::string& owner,
                         const std::string& form, const SenderProfile& profile) {
  return "the local part " + std::string(local_part) + " spells the person at " + owner + " by " +
         form +
         (WithoutTrailingDigits(local_part).size() < local_part.size() ? ", with digits added "
                                                                       : " ") +
         MessagesWithOrganisation(profile);
}

// Whether a word of `display_name`, or words of it run together, spell
// `name` (a registrable domain's first label, hyphens dropped): "Halff
// Accounts Payable" and "Duke Energy Billing" name halff and duke-energy.
// Names of fewer than kMinOrganisationName letters are too often initials
// ("OU", "AP").
constexpr size_t kMinOrganisationName = 3;
bool DisplayNameNames(std::string_view display_name, std::string_view name) {
  std::string wanted;
  for (char c : name) {
    if (c != '-') wanted += AsciiLower(c);
  }
  if (wanted.size() < kMinOrganisationName) return false;
  std::vector<std::string> words(1);
  for (char c : display_name) {
    if (IsAsciiAlpha(c) || (c >= '0' && c <= '9')) {
      words.back() += AsciiLower(c);
    } else if (!words.back().empty()) {
      words.emplace_back();
    }
  }
  for (size_t first = 0; first < words.size(); ++first) {
    std::string joined;
    for (size_t last = first; last < words.size() && joined.size() < wanted.size(); ++last) {
      joined += words[last];
      if (joined == wanted) return true;
    }
  }
  return false;
}

// Titles written before a name ("Dr. Rick Glover"), which mailboxes leave out.
constexpr std::array<std::string_view, 6> kHonorifics = {"dr", "mr", "mrs", "ms", "prof", "sir"};

// A first name's familiar and formal forms, as people sign and are listed:
// "Bob Smith" is robert.smith's mailbox, "Robert Smith" bob.smith's.
constexpr std::array<std::pair<std::string_view, std::string_view>, 24> kFamiliarNames = {{
    {"robert", "bob"},    {"william", "bill"},  {"james", "jim"},     {"richard", "rick"},
    {"richard", "dick"},  {"michael", "mike"},  {"thomas", "tom"},    {"joseph", "joe"},
    {"david", "dave"},    {"steven", "steve"},  {"stephen", "steve"}, {"kenneth", "ken"},
    {"jeffrey", "jeff"},  {"elizabeth", "liz"}, {"daniel", "dan"},    {"edward", "ed"},
    {"charles", "chuck"}, {"gregory", "greg"},  {"ronald", "ron"},    {"donald", "don"},
    {"matthew", "matt"},  {"anthony", "tony"},  {"timothy", "tim"},   {"christopher", "chris"},
}};

// The person a display name names, as written and without what a
// signature or a mail client adds: the company after it ("John Smith |
// Acme Corp", "John Smith (Acme)", "John Smith - Acme") or a title before
// or after it ("Dr. John Smith", "John Smith, CFO"). The name as written
// comes first; the part before a comma is only a reading beside it, since
// "Smith, John" is also how names are listed. No empty readings.
std::vector<std::string> PersonReadings(std::string_view display_name) {
  std::vector<std::string> readings = {std::string(display_name)};
  const auto add = [&readings](std::string reading) {
    while (!reading.empty() && reading.back() == ' ') reading.pop_back();
    if (!reading.empty() &&
        std::find(readings.begin(), readings.end(), reading) == readings.end()) {
      readings.push_back(std::move(reading));
    }
  };
  for (std::string_view mark : {"|", "(", "[", " - ", " / ", ","}) {
    const size_t at = display_name.find(mark);
    if (at != std::string_view::npos && at > 0) add(std::string(display_name.substr(0, at)));
  }
  const size_t count = readings.size();
  for (size_t i = 0; i < count; ++i) {
    const std::string reading = readings[i];
    const size_t space = reading.find(' ');
    if (space == std::string::npos) continue;
    std::string title;
    for (char c : reading.substr(0, space)) {
      if (c != '.') title += AsciiLower(c);
    }
    if (std::find(kHonorifics.begin(), kHonorifics.end(), title) != kHonorifics.end()) {
      add(reading.substr(space + 1));
    }
  }
  return readings;
}

// The mailboxes a display name names: the person of each PersonReadings()
// under every naming scheme (MailboxesNamedBy(kAnyScheme)), also by the
// first name's familiar or formal form (kFamiliarNames), the name as
// written first; without repeats.
std::vector<std::string> MailboxesOfPerson(std::string_view display_name) {
  std::vector<std::string> mailboxes;
  const auto add = [&mailboxes](std::string_view name) {
    for (std::string& mailbox : MailboxesNamedBy(name, NameSpelling::kAnyScheme)) {
      if (std::find(mailboxes.begin(), mailboxes.end(), mailbox) == mailboxes.end()) {
        mailboxes.push_back(std::move(mailbox));
      }
    }
  };
  for (const std::string& reading : PersonReadings(display_name)) add(reading);
  for (const std::string& reading : PersonReadings(display_name)) {
    const size_t space = reading.find(' ');
    if (space == std::string::npos || reading.find(',') != std::string::npos) continue;
    std::string first;
    for (char c : reading.substr(0, space)) first += AsciiLower(c);
    for (const auto& [formal, familiar] : kFamiliarNames) {
      if (first == formal) add(std::string(familiar) + reading.substr(space));
      if (first == familiar) add(std::string(formal) + reading.substr(space));
    }
  }
  return mailboxes;
}

// The mailbox name a display name shows when it is one: a single word of
// letters, digits and the joiners a local part has ("Mjones7",
// "kevin.presto"), not a role (IsServiceWord()), in lower case, as clients
// show a sender who configured no name and an impersonator copies what
// the reader saw. Empty otherwise.
std::string MailboxShownAsName(std::string_view display_name) {
  std::string mailbox;
  bool letters = false;
  for (char c : display_name) {
    if (IsAsciiAlpha(c)) {
      letters = true;
    } else if (!(c >= '0' && c <= '9') && c != '.' && c != '_' && c != '-') {
      return "";
    }
    mailbox += AsciiLower(c);
  }
  if (!letters || mailbox.size() < 3 || IsServiceWord(mailbox)) return "";
  return mailbox;
}

// A person's first name and surname as a display name gives them, lower
// case, for the mailbox schemes PersonSpelledBy() reads: the first
// PersonReadings() of two to four words of letters, "Last, First" turned
// round, middle names and initials dropped, and an apostrophe or hyphen
// inside a name dropped as mailboxes drop them ("O'Brien" obrien,
// "Ste-Marie" stemarie). *hyphenated says a hyphen was dropped. False for
// a name that is not plainly a person's (a role, IsServiceWord()).
bool PersonNameOf(std::string_view display_name, std::string* first, std::string* last,
                  bool* hyphenated) {
  for (const std::string& reading : PersonReadings(display_name)) {
    std::string text = reading;
    const size_t comma = text.find(',');
    if (comma != std::string::npos) text = text.substr(comma + 1) + " " + text.substr(0, comma);
    std::vector<std::string> words(1);
    bool letters_only = true;
    *hyphenated = false;
    for (char c : text) {
      if (c == ' ' || c == '.' || c == '"' || c == '\t') {
        if (!words.back().empty()) words.emplace_back();
      } else if (c == '-' || c == '\'') {
        *hyphenated = *hyphenated || c == '-';
      } else if (IsAsciiAlpha(c)) {
        words.back() += AsciiLower(c);
      } else {
        letters_only = false;
      }
    }
    if (words.back().empty()) words.pop_back();
    if (!letters_only || words.size() < 2 || words.size() > 4) continue;
    if (std::any_of(words.begin(), words.end(),
                    [](const std::string& w) { return IsServiceWord(w) || IsRoleMailbox(w); })) {
      continue;
    }
    *first = words.front();
    *last = words.back();
    return true;
  }
  return false;
}

// The longest mailbox name the systems that issued many organisations'
// mailboxes allowed (Unix login names, older mail and mainframe systems):
// a longer name was cut to it, or a letter shorter with a digit added to
// tell a second person apart ("vkholod1" for Valery Kholodnyi, "macmilli"
// for Ian MacMillan, "spradlin" for Kathy Spradling).
constexpr size_t kCutMailboxLength = 8;
// Fewest letters of the surname a cut mailbox keeps.
constexpr size_t kMinCutSurname = 4;

// How `mailbox`, a known person's mailbox, spells the person `first`
// `last` by a scheme MailboxesOfPerson() does not spell: the first initial
// and surname, the surname and first initial, or the surname alone, cut
// to kCutMailboxLength letters (or one fewer, with a digit); the first
// initial joined to the surname as names are joined ("j_martin",
// "j.martin"); the first name alone, as small organisations name
// mailboxes ("chris@lacimagroup.com"); or, for a name with a hyphen, a
// scheme of MailboxesNamedBy() with the hyphen dropped. `whole` keeps only
// the schemes that carry both names, which name one person rather than
// anyone of that first name or surname. Empty otherwise.
std::string PersonSpelledBy(std::string_view mailbox, const std::string& first,
                            const std::string& last, bool hyphenated, bool whole) {
  const std::string_view undigited = WithoutTrailingDigits(mailbox);
  if (undigited.empty() || !std::all_of(undigited.begin(), undigited.end(), [](char c) {
        return IsAsciiAlpha(c) || c == '.' || c == '_' || c == '-';
      })) {
    return "";
  }
  const std::string initial = first.substr(0, 1);
  if (mailbox.size() + 1 >= kCutMailboxLength && mailbox.size() <= kCutMailboxLength &&
      (undigited.size() == mailbox.size() || undigited.size() + 1 == mailbox.size())) {
    const size_t n = undigited.size();
    // Whether `uncut`, a scheme's mailbox longer than the mailbox, was cut
    // to it, keeping `surname_kept` letters of the surname.
    const auto cut = [&](std::string_view uncut, size_t surname_kept) {
      return uncut.size() > n && surname_kept >= kMinCutSurname && uncut.substr(0, n) == undigited;
    };
    if (cut(initial + last, n - 1)) return "its first initial and surname cut short";
    if (last.size() + 1 > n && n >= kMinCutSurname + 1 &&
        undigited == last.substr(0, n - 1) + initial) {
      return "its surname cut short and first initial";
    }
    if (!whole && cut(last, n)) return "its surname cut short";
  }
  if (undigited.size() == mailbox.size()) {
    for (const std::string& joined : NamesJoined(initial, last)) {
      if (joined.size() == initial.size() + last.size()) continue;  // "jmartin", spelled already
      if (mailbox == joined) return "its first initial joined to its surname";
    }
    if (!whole && first.size() >= kMinNameAlone && mailbox == first) return "its first name alone";
  }
  if (hyphenated) {
    for (const std::string& spelled : MailboxesNamedBy(
             first + " " + last, whole ? NameSpelling::kWholeNames : NameSpelling::kAnyScheme)) {
      if (mailbox == spelled) return "its names without their hyphens";
    }
  }
  return "";
}

// FindRecognisedPerson() for a mailbox that spells the person `first`
// `last` by PersonSpelledBy(`whole`).
Status FindPersonNamed(const ScoringContext& context, KnownPeople* people, const std::string& host,
                       const std::string& first, const std::string& last, bool hyphenated,
                       bool whole, std::string* owner, SenderProfile* profile, std::string* form) {
  return FindRecognisedPerson(
      context, people, host,
      [&](const std::string& mailbox) {
        return PersonSpelledBy(mailbox, first, last, hyphenated, whole);
      },
      owner, profile, form);
}

// Whether every member of staff the message is addressed to (at least
// one) wrote to `host` (its kStaffCorrespondent values) or was written to
// by one of the people known there (its KnownPeople and their
// relationships): the sender writes to
// exactly the people who deal with that correspondent, as an impersonator
// who learned who they are, or read the partner's mail, does. Sets *count
// to how many.
Status WritesToCorrespondentsContacts(const ScoringContext& context, KnownPeople* known,
                                      const std::string& host, bool* all, size_t* count) {
  *all = false;
  *count = context.internal_recipients().size();
  if (*count == 0) return Status::Ok();
  // The people known at the host, asked for only when a recipient never
  // wrote to it.
  const KnownPeople::People* people = nullptr;
  for (const std::string& recipient : context.internal_recipients()) {
    SenderAttributeStats stats;
    Status status = context.history().GetSenderAttribute(
        host, SenderAttributeKind::kStaffCorrespondent, recipient, &stats);
    if (status.ok()) continue;
    if (!status.IsNotFound()) return status;
    // Or one the correspondent's people wrote to: an impersonator who read
    // the partner's mailbox writes to whom the partner writes, whether or
    // not they wrote back.
    if (people == nullptr) {
      status = known->At(host, &people);
      if (!status.ok()) return status;
    }
    bool written_to = false;
    for (size_t i = 0; i < people->size() && !written_to; ++i) {
      Relationship relationship;
      status = context.history().GetRelationship((*people)[i].first + "@" + host, recipient,
                                                 &relationship);
      if (!status.ok() && !status.IsNotFound()) return status;
      written_to = status.ok() && relationship.inbound_messages > 0;
    }
    if (!written_to) return Status::Ok();
  }
  *all = true;
  return Status::Ok();
}

// Whether `sender_domain` misspells the name of `host`'s registrable
// domain rather than spelling it: the name (its first label) is not in the
// sender's domain read without dots and hyphens. An organisation's other
// domains spell its own name (aol.net, txucom.com, acme-corp.com for
// acme.com); an impersonator registers it misspelled (viviamce.com for
// viviance.com), as only a misspelling is free to register.
bool MisspellsName(std::string_view sender_domain, std::string_view host) {
  const std::string domain = IcannRegistrableDomain(host);
  const std::string name = domain.substr(0, domain.find('.'));
  std::string joined;
  for (char c : sender_domain) {
    if (c != '.' && c != '-') joined += AsciiLower(c);
  }
  return !name.empty() && joined.find(name) == std::string::npos;
}

// How the sender domain resembles `host`'s registrable domain: as Check()
// found it (`sender_matches`) when it did, else as Resembles() reads it.
std::string SenderResemblance(const ScoringContext& context, const LookalikeIndex& index,
                              const std::vector<LookalikeMatch>& sender_matches,
                              const std::string& host) {
  const std::string domain = IcannRegistrableDomain(host);
  for (auto match = sender_matches.rbegin(); match != sender_matches.rend(); ++match) {
    if (match->imitated == domain) return match->explanation;
  }
  std::string how;
  index.Resembles(context.sender_domain(), host, &how);
  return "sender domain " + context.sender_domain() + " resembles " + domain + " (" + how + ")";
}

// (g) of DetectReusedIdentity(), with no identity reused: a sender never
// seen before, on a domain one typing error from a correspondent's short
// name (`mistyped`, FindMistyped()) or resembling its longer one (`hosts`,
// FindResembled()), asking payment to a bank account
// (Message::payment_coordinates) or, naming none, asking in words that
// payment go somewhere new or be made at a link (ReadPaymentAsk(): "new
// remittance details" on a page of the near-copy's own): a
// stranger on a near-copy of a supplier's name redirecting payments, the
// business email compromise (e) and (f) leave when the name is short or
// the relationship thin. Either fact alone is common enough: a third of
// Enron's short correspondent names are one error from another's, and a
// new supplier's first invoice names its account; together they are rare.
// Measured (docs/DETECTION-HISTORY.md, branch lookalike12): a validated bank
// account is named by none of the 2,838 legitimate inbound messages of six
// Enron mailboxes nor of easy_ham's, and first contacts on a near-copy of a
// correspondent's name are 6 of the 2,838; both together, none; the
// payment ask is measured in DETECTION-HISTORY.md (branch lookalike13). The
// evidence states the two facts; the organisation's own base rate of the
// signal is appended by the scorer. Appends at most one detection.
Status DetectStrangerAskingPayment(const ScoringContext& context, const LookalikeIndex& index,
                                   const std::vector<std::string>& mistyped,
                                   const std::vector<std::string>& hosts,
                                   std::vector<Detection>* out, std::string* imitated) {
  const Message& message = context.message();
  std::string how;
  std::vector<std::string> near = mistyped;
  near.insert(near.end(), hosts.begin(), hosts.end());
  for (size_t i = 0; i < near.size(); ++i) {
    const std::string& host = near[i];
    SenderProfile profile;
    bool recognised = false;
    Status status = LookUpRecognised(context, host, &profile, &recognised);
    if (!status.ok()) return status;
    if (!recognised) continue;
    // What it asks: an account named, else words asking a change of
    // where payment goes or a payment at a link (read only now: the
    // near-copy of a correspondent is rare, the reading is not free).
    std::string asked;
    if (!message.payment_coordinates.empty()) {
      asked = "payment to " + message.payment_coordinates.front().shown;
    } else {
      const PaymentAsk ask = ReadPaymentAsk(message);
      if (ask.ask.empty()) return Status::Ok();
      asked = std::string(ask.ask) + " (\"" + ask.words + "\")";
      if (!message.links.empty()) asked += " beside a link to " + message.links.front().host;
    }
    const std::string domain = IcannRegistrableDomain(host);
    if (i >= mistyped.size()) index.Resembles(context.sender_domain(), host, &how);
    *imitated = domain;
    out->push_back(
        {1.0,
         "sender domain " + context.sender_domain() +
             (i < mistyped.size() ? " is " + domain +
                                        " mistyped (a letter changed, added or left out, or "
                                        "two swapped)"
                                  : " resembles " + domain + " (" + how + ")") +
             ", the domain of the correspondent " + host + " " + MessagesWithOrganisation(profile) +
             "; a sender never seen before asks " + asked,
         context.sender_registrable_domain()});
    return Status::Ok();
  }
  return Status::Ok();
}

// What readings (c), (c') and (d) of DetectReusedIdentity() report: the
// display name names `named` (a recognised mailbox at `host`, or the
// correspondent organisation there, with how the organisation knows it),
// and the sender's domain resembles host's.
void ReportNamedAtResembledHost(const ScoringContext& context, const LookalikeIndex& index,
                                const std::string& host, const std::string& named,
                                std::string* imitated, std::vector<Detection>* out) {
  std::string how;
  index.Resembles(context.sender_domain(), host, &how);
  *imitated = IcannRegistrableDomain(host);
  out->push_back({1.0,
                  "display name " + Quoted(context.message().from.display_name) + " names " +
                      named + ", whose domain " + *imitated + " the sender's " +
                      context.sender_domain() + " resembles (" + how + ")",
                  context.sender_registrable_domain()});
}

// A domain that resembles a known correspondent's (or the organisation's) and
// also reuses its identity: (a) the local part of a known address there, also
// with digits appended or its names joined otherwise or in the other order
// (LocalPartReadings()), or (a') a known person's mailbox there spelled short
// (FindPersonSpelledShort(): "jdyer" for jim.dyer), (b) the display name a known address uses at a
// domain the sender's resembles, (c) a display name that spells a known address there by the usual
// mailbox naming schemes, also dressed with a company or title or by a familiar first name
// (MailboxesOfPerson()), or shows its mailbox name (MailboxShownAsName()), or (c') a display name
// naming a known person there by a scheme (c) does not spell (FindPersonNamed(): "vkholod1" for
// Valery Kholodnyi), or (d) a display name naming the correspondent organisation
// (DisplayNameNames()); or, with no identity, (f) mail only
// to the staff who write to the correspondent (WritesToCorrespondentsContacts()); or (e) a person's
// identity of (a) or (c), the mailbox's name shown as the display name, or a known person's mailbox
// spelled short by both names (FindPersonSpelledShort(whole)) or named by both of the display
// name's names (FindPersonNamed(whole)), at a name of two to five letters one typing error away
// (LookalikeIndex::FindMistyped()), which Resembles() does not take; or, with no identity at all,
// (g) a sender never seen before at such a name, or at one resembling a correspondent's, asking
// payment to a bank account (Message::payment_coordinates) or asking payment in words
// (ReadPaymentAsk()). The
// resemblance is LookalikeIndex::Resembles(), looser than Check() because the identity ties the two
// together. Stops at the first finding: appends at most one detection, at full strength, worded as
// Check() found the sender domain when it did (`sender_matches`), and sets *imitated to the
// registrable domain that one resembles.
Status DetectReusedIdentity(const ScoringContext& context, const LookalikeIndex& index,
                            const std::vector<LookalikeMatch>& sender_matches,
                            std::vector<Detection>* out, std::string* imitated) {
  const std::string& sender = context.sender();
  const std::string_view local_part = std::string_view(sender).substr(0, sender.rfind('@'));
  // The local part as written and as a reader takes it (LocalPartReadings).
  const std::vector<LocalPartReading> locals = LocalPartReadings(local_part);
  std::string how;
  const std::vector<std::string> hosts =
      index.FindResembled(context.sender_domain(), kMaxResembledHosts);
  // The people known at the resembled and mistyped hosts, for (a'), (c'),
  // (e) and (f).
  KnownPeople known_people(context.history());
  for (const std::string& host : hosts) {
    for (const LocalPartReading& local : locals) {
      const std::string owner = local.local_part + "@" + host;
      SenderProfile profile;
      bool recognised = false;
      Status status = LookUpRecognised(context, owner, &profile, &recognised);
      if (!status.ok()) return status;
      if (!recognised) continue;
      const std::string domain = IcannRegistrableDomain(host);
      const std::string resemblance = SenderResemblance(context, index, sender_matches, host);
      *imitated = domain;
      out->push_back({1.0,
                      resemblance + "; and the address reuses " + owner +
                          (local.differs.empty() ? "" : " " + local.differs) + " " +
                          MessagesWithOrganisation(profile),
                      context.sender_registrable_domain()});
      return Status::Ok();
    }
  }
  // (a') A person's mailbox spelled short (ShortFormOf(): "jdyer", "jim",
  // "dyer", "jimd" for jim.dyer), as organisations name mailboxes and as an
  // impersonator who saw the person's name but not the mailbox writes it:
  // the store knows which people the organisation deals with at each host
  // (SenderAttributeKind::kLocalPart).
  const std::string_view undigited = WithoutTrailingDigits(local_part);
  for (const std::string& host : hosts) {
    std::string owner, form;
    SenderProfile profile;
    Status status = FindPersonSpelledShort(context, &known_people, host, undigited, /*whole=*/false,
                                           &owner, &profile, &form);
    if (!status.ok()) return status;
    if (owner.empty()) continue;
    *imitated = IcannRegistrableDomain(host);
    out->push_back({1.0,
                    SenderResemblance(context, index, sender_matches, host) + "; and " +
                        SpelledShort(local_part, owner, form, profile),
                    context.sender_registrable_domain()});
    return Status::Ok();
  }
  const std::vector<DisplayNameUse>* uses = nullptr;
  Status status = context.DisplayNameUses(&uses);
  if (!status.ok()) return status;
  for (const DisplayNameUse& use : *uses) {
    if (use.address == sender) return Status::Ok();  // the sender's own name
    if (!index.Resembles(context.sender_domain(), AddressDomain(use.address), &how)) continue;
    // Only a resembling domain costs this lookup.
    SenderProfile profile;
    bool recognised = false;
    status = LookUpRecognised(context, use.address, &profile, &recognised);
    if (!status.ok()) return status;
    if (!recognised) continue;
    *imitated = IcannRegistrableDomain(AddressDomain(use.address));
    out->push_back({1.0,
                    "sender domain " + context.sender_domain() + " resembles that of " +
                        use.address + " (" + std::to_string(use.messages) +
                        " messages), whose display name " +
                        Quoted(context.message().from.display_name) + " it uses: " + how,
                    context.sender_registrable_domain()});
    return Status::Ok();
  }
  // The display name names a recognised mailbox at a resembled host. The
  // reader trusts a correspondent's name on a domain that reads like the
  // correspondent's, while history may know that person only by address:
  // many clients send no display name (the Enron archives' From carries
  // none), so (b) above cannot see the name reused.
  const std::vector<std::string> mailboxes = MailboxesOfPerson(context.message().from.display_name);
  std::vector<std::string> named = mailboxes;
  const std::string shown = MailboxShownAsName(context.message().from.display_name);
  if (!shown.empty() && std::find(named.begin(), named.end(), shown) == named.end()) {
    named.push_back(shown);
  }
  for (const std::string& host : hosts) {
    const std::string* mailbox = nullptr;
    SenderProfile profile;
    status = FindRecognisedMailbox(context, named, host, &mailbox, &profile);
    if (!status.ok()) return status;
    if (mailbox == nullptr) continue;
    ReportNamedAtResembledHost(context, index, host,
                               *mailbox + "@" + host + " " + MessagesWithOrganisation(profile),
                               imitated, out);
    return Status::Ok();
  }
  // (c') The display name names a recognised person at a resembled host by
  // a scheme (c) does not spell (PersonSpelledBy(): a mailbox cut to eight
  // characters, an initial joined to the surname, the first name alone, a
  // hyphen dropped). History knows the person by the mailbox; the reader
  // knows the name, which an impersonator copies from the person's mail.
  // The display name's person (PersonNameOf()), read once, and only when a
  // host is resembled or mistyped.
  std::string first, last;
  bool hyphenated = false;
  bool person_read = false;
  const auto person_named = [&]() {
    if (!person_read) {
      person_read = true;
      if (!PersonNameOf(context.message().from.display_name, &first, &last, &hyphenated)) {
        first.clear();
      }
    }
    return !first.empty();
  };
  for (size_t i = 0; i < hosts.size() && person_named(); ++i) {
    const std::string& host = hosts[i];
    std::string owner, form;
    SenderProfile profile;
    status = FindPersonNamed(context, &known_people, host, first, last, hyphenated, /*whole=*/false,
                             &owner, &profile, &form);
    if (!status.ok()) return status;
    if (owner.empty()) continue;
    ReportNamedAtResembledHost(context, index, host,
                               owner + " by " + form + " " + MessagesWithOrganisation(profile),
                               imitated, out);
    return Status::Ok();
  }
  // (d) The display name names the correspondent organisation itself
  // ("Halff Accounts Payable" from ha1ff.com): a role mailbox of the
  // organisation, which the reader takes for its office there whatever the
  // local part.
  for (const std::string& host : hosts) {
    const std::string domain = IcannRegistrableDomain(host);
    const std::string name = domain.substr(0, domain.find('.'));
    if (!DisplayNameNames(context.message().from.display_name, name)) continue;
    SenderProfile profile;
    bool recognised = false;
    status = LookUpRecognised(context, host, &profile, &recognised);
    if (!status.ok()) return status;
    if (!recognised) continue;
    ReportNamedAtResembledHost(
        context, index, host, "the correspondent " + host + " " + MessagesWithOrganisation(profile),
        imitated, out);
    return Status::Ok();
  }
  // (f) No identity, but the relationship: a sender that names no person
  // (a role or bare mailbox, no person's name shown) writing only to
  // members of staff who write to the resembled correspondent or whom its
  // people wrote to, which is whom an impersonator who learned who deals
  // with that partner, or read its mailbox, writes to. A correspondent the organisation corresponds
  // with both ways (IsEstablishedTwoWay()): there the people who deal with it are known; or one
  // that writes on several days though no one writes back (WritesRegularly(): a supplier's notices,
  // whose readers expect its mail), when the sender's name misspells its own (MisspellsName()),
  // as the correspondent's own other domains never do. A sender
  // introducing a person of its own by name is left out: that is also how the partner's own second
  // domain writes to its contacts (aol.net, txucom.com), and nothing of the partner is borrowed.
  bool names_person = !mailboxes.empty();
  for (const LocalPartReading& local : locals) {
    names_person = names_person || IsPersonalLocalPart(local.local_part);
  }
  for (size_t i = 0; !names_person && i < hosts.size(); ++i) {
    const std::string& host = hosts[i];
    bool all = false;
    size_t count = 0;
    status = WritesToCorrespondentsContacts(context, &known_people, host, &all, &count);
    if (!status.ok()) return status;
    if (!all) continue;
    // Both readings judge the correspondent's profile (the one (d) and (g)
    // also read, ScoringContext::SenderProfileOf()): one the organisation
    // corresponds with both ways (IsEstablishedTwoWay()), or one that
    // writes to it regularly, which the sender's name misspells (its own
    // other domains spell its name).
    const SenderProfile* profile = nullptr;
    status = context.SenderProfileOf(host, &profile);
    if (!status.ok()) return status;
    if (profile == nullptr) continue;
    bool two_way = false;
    status = IsEstablishedTwoWay(context, host, &two_way);
    if (!status.ok()) return status;
    const bool regular =
        !two_way && MisspellsName(context.sender_domain(), host) && WritesRegularly(*profile);
    if (!two_way && !regular) continue;
    index.Resembles(context.sender_domain(), host, &how);
    *imitated = IcannRegistrableDomain(host);
    out->push_back({1.0,
                    "sender domain " + context.sender_domain() + " resembles " +
                        IcannRegistrableDomain(host) + " (" + how +
                        "), and it writes only to staff who write to " + host +
                        " or whom its people write to (" + std::to_string(count) +
                        (count == 1 ? " recipient" : " recipients") + ")" +
                        (two_way ? ""
                                 : "; " + host +
                                       " writes to the organisation on several days, and the "
                                       "sender's name misspells its own"),
                    context.sender_registrable_domain()});
    return Status::Ok();
  }
  // (e) A name of two to five letters one typing error from the
  // sender's (LookalikeIndex::FindMistyped(): "gtd.net", "tge-billing.org"
  // for gte.net, "ouu.edu" or "oa.edu" for ou.edu) is often another
  // organisation's own name, and its role
  // mailboxes and its name on them ("accounts@", "GTS Accounts Payable")
  // are every such organisation's; a known person's mailbox, named by the
  // display name, shown as it (MailboxShownAsName(): "Cwhite"), reused as
  // the local part or spelled by both of the person's names
  // (FindPersonSpelledShort(whole): "tomh" for tom.hopwood) or named by
  // both of the display name's names (FindPersonNamed(whole): "vkholod1"
  // for Valery Kholodnyi), is this correspondent's alone. A first name or
  // surname alone is not: "tom@" is at every organisation.
  std::vector<std::string> people = named;
  for (const LocalPartReading& local : locals) {
    if (IsPersonalLocalPart(local.local_part)) people.push_back(local.local_part);
  }
  const std::vector<std::string> mistyped =
      index.FindMistyped(context.sender_domain(), kMaxResembledHosts);
  for (const std::string& host : mistyped) {
    // A known person's mailbox spelled short by the local part, or named
    // by the display name (both names either way).
    std::string spelled, form, found;  // found: how the person is spelled or named
    SenderProfile spelled_profile;
    status = FindPersonSpelledShort(context, &known_people, host, undigited, /*whole=*/true,
                                    &spelled, &spelled_profile, &form);
    if (!status.ok()) return status;
    if (!spelled.empty()) {
      found = SpelledShort(local_part, spelled, form, spelled_profile);
    } else if (person_named()) {
      status = FindPersonNamed(context, &known_people, host, first, last, hyphenated,
                               /*whole=*/true, &spelled, &spelled_profile, &form);
      if (!status.ok()) return status;
      if (!spelled.empty()) {
        found = "display name " + Quoted(context.message().from.display_name) + " names " +
                spelled + " by " + form + " " + MessagesWithOrganisation(spelled_profile);
      }
    }
    if (!found.empty()) {
      *imitated = IcannRegistrableDomain(host);
      out->push_back({1.0,
                      "sender domain " + context.sender_domain() + " is " +
                          IcannRegistrableDomain(host) +
                          " mistyped (a letter changed, added or left out, or two swapped), "
                          "and " +
                          found,
                      context.sender_registrable_domain()});
      return Status::Ok();
    }
    const std::string* mailbox = nullptr;
    SenderProfile profile;
    status = FindRecognisedMailbox(context, people, host, &mailbox, &profile);
    if (!status.ok()) return status;
    if (mailbox == nullptr) continue;
    *imitated = IcannRegistrableDomain(host);
    out->push_back(
        {1.0,
         "sender domain " + context.sender_domain() + " is " + IcannRegistrableDomain(host) +
             " mistyped (a letter changed, added or left out, or two swapped), "
             "and the sender is the person at " +
             *mailbox + "@" + host + " " + MessagesWithOrganisation(profile) + ", by " +
             (std::find(mailboxes.begin(), mailboxes.end(), *mailbox) != mailboxes.end() ||
                      *mailbox == shown
                  ? "display name " + Quoted(context.message().from.display_name)
                  : std::string("local part")),
         context.sender_registrable_domain()});
    return Status::Ok();
  }
  // (g) No identity, but what it asks (DetectStrangerAskingPayment()), at
  // a name of three letters or more: a two-letter name's every typing error
  // is another organisation's name, which only (e)'s identity tells apart.
  if (!context.first_contact()) return Status::Ok();
  std::vector<std::string> mistyped_named = mistyped;
  std::erase_if(mistyped_named, [](const std::string& host) {
    const std::string domain = IcannRegistrableDomain(host);
    return domain.find('.') < 3;
  });
  return DetectStrangerAskingPayment(context, index, mistyped_named, hosts, out, imitated);
}

// The name of a link's tenant on a multi-tenant platform (a bucket, a
// storage account, a site), which whoever opens it chooses and anyone may
// take first. LookalikeIndex::CheckLink() compared it with every known name
// (CheckTenant, its matches from `before` on in *matches); here it is
// judged against the two names the message itself ties it to, as
// Resembles() judges a sender's domain against a correspondent whose
// identity it reuses: the sender's own organisation and the organisation
// receiving it. A tenant named like one of them but not spelled as it
// ("ustaa-billing" from usta.com, "enrom-sso" to enron.com staff) passes
// for the organisation's own store; one that spells the name exactly
// ("usta-billing", "txureports") is the sender's, or a vendor's for its
// client (SpellsNameExactly), and the sender's own name never makes its
// tenant a look-alike, nor does a tenant the organisation links itself.
Status JudgeTenantName(const ScoringContext& context, const LookalikeIndex& index, const Link& link,
                       size_t before, std::vector<LookalikeMatch>* matches,
                       std::vector<Detection>* out) {
  const std::string tenant(TenantName(link));
  if (tenant.empty()) return Status::Ok();
  const std::string& sender = context.sender_registrable_domain();
  const bool organisation_sender = !sender.empty() && !context.sender_is_local() &&
                                   !context.environment().mailbox_providers->IsConsumer(sender);
  const std::string sender_name = sender.substr(0, sender.find('.'));
  for (size_t i = matches->size(); i-- > before;) {
    const LookalikeMatch& match = (*matches)[i];
    if (organisation_sender && match.candidate == tenant &&
        (match.imitated == sender || match.imitated == sender_name)) {
      matches->erase(matches->begin() + static_cast<std::ptrdiff_t>(i));
    }
  }
  bool named = false;
  for (size_t i = before; i < matches->size() && !named; ++i) {
    named = (*matches)[i].candidate == tenant;
  }
  std::vector<Detection> tied;
  if (!named) {
    std::vector<std::pair<std::string, std::string>> ties;  // domain, whose
    if (organisation_sender) ties.emplace_back(sender, "the sender's own organisation");
    for (const std::string& local : context.environment().local_domains) {
      ties.emplace_back(IcannRegistrableDomain(local), "the organisation's own domain");
    }
    for (const auto& [domain, whose] : ties) {
      const size_t dot = domain.find('.');
      if (dot == std::string::npos || index.SpellsNameExactly(tenant, domain.substr(0, dot))) {
        continue;
      }
      std::string detail;
      if (!index.Resembles(tenant + domain.substr(dot), domain, &detail)) continue;
      tied.push_back({1.0,
                      Quoted(tenant) + ", the name of a tenant of " +
                          link.private_domain.substr(tenant.size() + 1) + ", is named like " +
                          domain + ", " + whose + ", without being its name (" + detail +
                          "); anyone can open a tenant there under any name" + LinkOrigin(link),
                      link.private_domain});
      break;
    }
  }
  if (!named && tied.empty()) return Status::Ok();
  bool linked = false;
  Status status = LinkedByOrganisation(context, link.private_domain, &linked);
  if (!status.ok()) return status;
  if (linked) {
    for (size_t i = matches->size(); i-- > before;) {
      if ((*matches)[i].candidate == tenant) {
        matches->erase(matches->begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
    return Status::Ok();
  }
  out->insert(out->end(), tied.begin(), tied.end());
  return Status::Ok();
}

// A network (InfrastructureOf()) is one organisation's own mail servers
// when at most this many registrable domains have sent from it: a company's
// main domain and one other of its own already seen (txu.com, txucom.com).
// A mail provider's, shared host's or bulk sender's network carries many
// organisations' mail and vouches for none of them; in a small
// organisation's history a shared host may show only a few of its
// customers, so the bound is kept tight.
constexpr size_t kMaxDomainsOfOwnServers = 2;
// Messages of the imitated domain from the network before it is taken for
// that domain's servers, not a one-off relay; or, of a correspondent known
// only thinly (fewer messages than that), every message it sent, and at
// least kMinThinOwnServersMessages: a relay carries a message, not all of
// a correspondent's mail, and an impersonator cannot send from the
// network the correspondent's every message came from.
constexpr uint64_t kMinOwnServersMessages = 10;
constexpr uint64_t kMinThinOwnServersMessages = 3;
// What remains of a look-alike reading sent the way the imitated domain's
// own mail is: the resemblance stays in the verdict, as a tag's worth with
// the other first-contact signals, not a hold.
constexpr double kOwnServersFactor = 0.2;

// The strength of a look-alike reading: brands and the organisation's own
// domains are imitated at full strength; a correspondent's imitation counts
// as much as the relationship it abuses, but never less than half.
double MatchStrength(const LookalikeMatch& match) { return std::max(0.5, match.strength); }

// Sets *how when the message was sent the way the mail of `imitated` (a
// registrable domain: a correspondent's, a brand's or the organisation's
// own) is sent: signed by its DKIM key (SignedByDomain()), or from the
// network (InfrastructureOf() of Message::origin_ip) kMinOwnServersMessages
// of its messages came from (or all of them, of a correspondent that sent
// fewer, kMinThinOwnServersMessages at least), which at most kMaxDomainsOfOwnServers domains
// send from (SenderAttributeKind::kSendingDomain). A company sends its
// second domain from its own servers; an impersonator registers the
// look-alike and sends from a free mailbox provider, a rented server or a
// bulk sender, and cannot send from the company's servers unless it has
// compromised them, when it would send under the real domain instead. A
// network the company shares with many (its mail provider's, its bulk
// sender's) is open to the impersonator too, so it vouches for nobody.
// Unchanged (empty) otherwise.
Status SentFromOwnServers(const ScoringContext& context, const std::string& imitated,
                          std::string* how) {
  if (SignedByDomain(context, imitated)) {
    *how = "signed with " + imitated + "'s own DKIM key";
    return Status::Ok();
  }
  const std::string infrastructure = InfrastructureOf(context.message().origin_ip);
  if (infrastructure.empty()) return Status::Ok();
  const SenderAttributeStats* own = nullptr;
  Status status =
      context.SenderAttribute(infrastructure, SenderAttributeKind::kSendingDomain, imitated, &own);
  if (!status.ok() || own == nullptr || own->messages < kMinThinOwnServersMessages) return status;
  if (own->messages < kMinOwnServersMessages) {
    // A correspondent known only thinly: the network carried every message
    // it ever sent.
    const SenderProfile* domain_profile = nullptr;
    status = context.SenderProfileOf(imitated, &domain_profile);
    if (!status.ok() || domain_profile == nullptr) return status;
    if (own->messages < domain_profile->messages_sent) return Status::Ok();
  }
  size_t domains = 0;
  status = context.history().CountSenderAttributes(
      infrastructure, SenderAttributeKind::kSendingDomain, kMaxDomainsOfOwnServers + 1, &domains);
  if (!status.ok() || domains > kMaxDomainsOfOwnServers) return status;
  *how = "sent from the mail servers " +
         std::string(own->messages < kMinOwnServersMessages ? "all " : "") +
         std::to_string(own->messages) + " messages of " + imitated + " came from (" +
         infrastructure + ", which " +
         (domains <= 1 ? "no other domain sends from" : "one other domain also sends from") + ")";
  return Status::Ok();
}

// The look-alike readings of the sender domain (`sender_matches`, and
// `reused`, DetectReusedIdentity()'s one detection, for `reused_imitated`)
// whose imitated domain the message was SentFromOwnServers() of: that
// domain's own other domain. Each is moved to `out` at kOwnServersFactor of
// the strength it would have had (MatchStrength()), its evidence saying how
// it was sent.
Status WeakenOwnOtherDomain(const ScoringContext& context, const std::string& reused_imitated,
                            std::vector<LookalikeMatch>* sender_matches,
                            std::vector<Detection>* reused, std::vector<Detection>* out) {
  std::vector<std::string> imitated;
  for (const LookalikeMatch& match : *sender_matches) {
    if (match.imitated_kind == KnownNameKind::kBrand ||
        match.imitated_kind == KnownNameKind::kWord) {
      continue;
    }
    if (std::find(imitated.begin(), imitated.end(), match.imitated) == imitated.end()) {
      imitated.push_back(match.imitated);
    }
  }
  if (!reused->empty() &&
      std::find(imitated.begin(), imitated.end(), reused_imitated) == imitated.end()) {
    imitated.push_back(reused_imitated);
  }
  for (const std::string& domain : imitated) {
    std::string how;
    Status status = SentFromOwnServers(context, domain, &how);
    if (!status.ok()) return status;
    if (how.empty()) continue;
    const std::string why = "; but " + how + ": its own other domain";
    for (size_t i = sender_matches->size(); i-- > 0;) {
      const LookalikeMatch& match = (*sender_matches)[i];
      if (match.imitated != domain) continue;
      out->push_back(
          {MatchStrength(match) * kOwnServersFactor, match.explanation + why, match.candidate});
      sender_matches->erase(sender_matches->begin() + static_cast<std::ptrdiff_t>(i));
    }
    if (domain == reused_imitated) {
      for (Detection& detection : *reused) {
        detection.strength *= kOwnServersFactor;
        detection.evidence += why;
      }
    }
  }
  return Status::Ok();
}

// On a known list's mail (ScoringContext::known_list()), the look-alike
// readings of the sender domain that imitate a correspondent
// (`sender_matches` of KnownNameKind::kCorrespondent, and `reused`) are
// moved to `out` softened (SoftenForKnownList, kListPosterIdentity). A
// brand's look-alike, or our own domain's, stays where it is.
void SoftenListPosterIdentity(const ScoringContext& context,
                              std::vector<LookalikeMatch>* sender_matches,
                              std::vector<Detection>* reused, std::vector<Detection>* out) {
  if (context.known_list() == nullptr) return;
  for (Detection& detection : *reused) SoftenForKnownList(context, kListPosterIdentity, &detection);
  for (size_t i = sender_matches->size(); i-- > 0;) {
    const LookalikeMatch& match = (*sender_matches)[i];
    if (match.imitated_kind != KnownNameKind::kCorrespondent) continue;
    Detection detection{MatchStrength(match), match.explanation, match.candidate};
    SoftenForKnownList(context, kListPosterIdentity, &detection);
    out->push_back(std::move(detection));
    sender_matches->erase(sender_matches->begin() + static_cast<std::ptrdiff_t>(i));
  }
}

// Internal mail (lateral phishing): a colleague's link whose host is
// dressed as a catalogued brand or platform ("adobe-docview-b2c.com",
// "onedrive-fileshare-8dc.com": the brand with words added, or any other
// imitation LookalikeIndex reads) on a site the organisation has (almost)
// never received and never linked (IsRareLinkDomain()). A compromised
// account's lure borrows a platform's name for the reason an outsider's
// does: the reader trusts the platform. Staff link a brand's own domains,
// which are no imitation, or sites the organisation circulates; a domain
// dressed as a brand that no one here ever received is neither. The host is
// read, not the path: a path's words are the page's, the host is what
// someone registered; a catalogued platform's own host is the platform's,
// a tenant's name its customer's (IsCataloguedPlatformDomain()).
//
// A host dressed as the organisation's own domain counts only where the
// address names a sign-in (SignInWord(): "login.enron-corp.net",
// "/owa/auth/logon.aspx"): an organisation signs its staff in on its own
// domains, so a sign-in page on a rare site wearing its name imitates the
// colleagues' own sign-in, whoever the link is sent to. Dressed so but
// naming no sign-in, the host is more often the organisation's own other
// domain that this history has not yet seen linked: read so, Enron's real
// internal mail held 23 of 11,979 (enrononline.com, enron.co.uk, enron.net;
// docs/DETECTION-HISTORY.md, the twenty-eighth round), and with the sign-in
// none. The organisation's own names are otherwise judged on inbound mail,
// where their impersonators write from.
Status JudgeInternalBrandLink(const ScoringContext& context, const LookalikeIndex& index,
                              const Link& link, std::vector<Detection>* out) {
  std::vector<LookalikeMatch> matches;
  const std::string_view tenant = TenantName(link);
  if (!tenant.empty()) {
    index.CheckTenant(tenant, context.now(), &matches);
  } else if (!IsCataloguedPlatformDomain(context, link)) {
    index.Check(link.host, CandidateKind::kHost, context.now(), &matches);
  }
  if (matches.empty()) return Status::Ok();  // most links resemble nothing: no URL to read
  const std::string sign_in = SignInWord(link);
  const auto dressed = std::find_if(matches.begin(), matches.end(), [&](const LookalikeMatch& m) {
    return m.imitated_kind == KnownNameKind::kBrand ||
           m.imitated_kind == KnownNameKind::kBrandDomain ||
           (m.imitated_kind == KnownNameKind::kLocalDomain && !sign_in.empty());
  });
  if (dressed == matches.end()) return Status::Ok();
  // Only a host dressed so costs this lookup.
  bool rare = false;
  uint64_t messages = 0;
  Status status = IsRareLinkDomain(context, link.private_domain, &rare, &messages);
  if (!status.ok() || !rare) return status;
  const bool ours = dressed->imitated_kind == KnownNameKind::kLocalDomain;
  out->push_back({MatchStrength(*dressed),
                  "internal mail links " + link.host_unicode + LinkOrigin(link) + ": " +
                      dressed->explanation + (ours ? "; " + DescribeSignInPage(sign_in) : "") +
                      "; " + DescribeSiteReceived(link.private_domain, messages) +
                      " and no one here ever linked it" +
                      (ours ? ", as staff sign in on the organisation's own domains"
                            : ", as staff link a brand's own domains"),
                  link.private_domain});
  return Status::Ok();
}

// Each site once (ReadEachLinkSite()), from the first of its links whose
// host is dressed so: "www.x.com" may come before "adobe-sign.x.com".
Status DetectInternalBrandLinks(const ScoringContext& context, const LookalikeIndex& index,
                                std::vector<Detection>* out) {
  return ReadEachLinkSite(
      context,
      [&index](const ScoringContext& scoring, const Link& link, std::vector<Detection>* found) {
        return JudgeInternalBrandLink(scoring, index, link, found);
      },
      out);
}

// Compares what the reader trusts at a glance (the sender's domain and
// display name, and every link) with the names the organisation knows: its
// own domains, its correspondents (weighted by how real the relationship
// is) and commonly imitated brands. The engine lives in scoring/lookalike/.
// Internal mail is read apart (DetectInternalBrandLinks()): its sender is
// the organisation's own account, so only its links, for brands and for
// sign-in pages dressed as the organisation's own domain.
// Mail from outside that claims a local sender is inbound and read whole.
Status DetectLookalikeDomain(const ScoringContext& context, std::vector<Detection>* out) {
  const LookalikeIndex* index = context.environment().lookalike;
  if (index == nullptr) return Status::Ok();
  if (context.internal_mail()) return DetectInternalBrandLinks(context, *index, out);
  const Message& message = context.message();
  std::vector<LookalikeMatch> matches;
  if (!context.sender_domain().empty() && !context.sender_is_local()) {
    std::vector<LookalikeMatch> sender_matches;
    std::vector<Detection> reused;
    std::string reused_imitated;
    index->Check(context.sender_domain(), CandidateKind::kHost, context.now(), &sender_matches);
    // A known domain is judged by Check() alone; an unknown one may be an
    // impersonator's registration.
    if (!index->IsKnownDomain(context.sender_domain())) {
      Status status =
          DetectReusedIdentity(context, *index, sender_matches, &reused, &reused_imitated);
      if (!status.ok()) return status;
    }
    // Only a sender domain that imitates something costs these lookups: a
    // domain the organisation corresponds with both ways, or links itself,
    // imitates nothing.
    bool vouched = false;
    if (!sender_matches.empty() || !reused.empty()) {
      Status status = IsEstablishedTwoWay(context, context.sender_domain(), &vouched);
      if (status.ok() && !vouched) {
        status = LinkedByOrganisation(context, context.sender_registrable_domain(), &vouched);
      }
      if (!status.ok()) return status;
    }
    if (!vouched) {
      SoftenListPosterIdentity(context, &sender_matches, &reused, out);
      Status status = WeakenOwnOtherDomain(context, reused_imitated, &sender_matches, &reused, out);
      if (!status.ok()) return status;
      matches = std::move(sender_matches);
      out->insert(out->end(), reused.begin(), reused.end());
    }
  }
  // A display name naming a brand is only suspect from a domain the
  // organisation does not know ("PayPal" from paypal.com is the real thing).
  if (!message.from.display_name.empty() && !index->IsKnownDomain(context.sender_domain())) {
    index->Check(message.from.display_name, CandidateKind::kDisplayName, context.now(), &matches);
  }
  std::set<std::string_view> checked_urls;
  for (const Link* link : context.web_links()) {
    if (!checked_urls.insert(link->url).second) continue;
    const size_t before = matches.size();
    index->CheckLink(*link, context.now(), &matches);
    Status tenant_status = JudgeTenantName(context, *index, *link, before, &matches, out);
    if (!tenant_status.ok()) return tenant_status;
    if (matches.size() == before || link->icann_domain.empty()) continue;
    // Only a link whose host imitates something costs these lookups.
    bool vouched = IsCataloguedPlatformDomain(context, *link);
    if (!vouched) {
      Status status = IsVouchedLinkDomain(context, link->icann_domain, &vouched);
      if (!status.ok()) return status;
    }
    if (!vouched) continue;
    // Its registrable domain is a real correspondent, one the organisation
    // links itself or a catalogued platform's; look-alike words in its
    // subdomains or path are still reported.
    const std::string registrable_u = IcannRegistrableDomain(link->host_unicode);
    for (size_t i = matches.size(); i-- > before;) {
      const std::string& candidate = matches[i].candidate;
      if (candidate == link->icann_domain || candidate == registrable_u) {
        matches.erase(matches.begin() + static_cast<std::ptrdiff_t>(i));
      }
    }
  }
  for (const LookalikeMatch& match : matches) {
    out->push_back({MatchStrength(match), match.explanation, match.candidate});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterLookalikeDomain(SignalRegistry* registry) {
  return registry->Add({"LOOKALIKE_DOMAIN", SignalGroup::kLookalike, 50,
                        "sender, display name or link imitating a known domain or brand with "
                        "look-alike characters, typos or added words; on internal mail, a link "
                        "dressed as a brand, or a sign-in page dressed as the organisation's own "
                        "domain, on a site the organisation (almost) never received and never "
                        "linked",
                        SignalScope::kInboundAndInternal, DetectLookalikeDomain});
}

}  // namespace rapport
