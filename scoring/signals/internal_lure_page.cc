#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "message/link_ask.h"
#include "message/link_page.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// Internal mail only (lateral phishing, Ho et al., USENIX Security 2019): a
// colleague's link judged by what its page asks of the reader, not only by
// whether its site is new. A compromised account sends colleagues to a
// page that takes their password, to a page planted on a site it broke
// into, or through a shortener that hides where they land; a colleague's
// announcement links a story, a notice, a form on a site of its own.
// INTERNAL_NEW_LINK_DOMAIN and COLLEAGUE_FANOUT cannot tell those apart: a
// news site no one here received is as new as a phishing domain, and real
// announcements go to colleagues beyond the writer's circle too (branch
// lateral2's measurements). Measured on Enron's 13,258 real internal
// messages (docs/DETECTION-HISTORY.md, branch lateral3): a sign-in page on a site
// new to the organisation in 23, from three writers, none beyond the
// writer's reach; no shortener and no planted page (the archive predates
// both). A sign-in page is read from its address (SignInWord) or, on a
// neutral path, from what the message asks there (ReadLinkAsk: "sign in to
// view", "verify your account"): on the same real mail 49 messages ask
// so beside a link whose address names none, never beyond the writer's
// reach on a site new to the organisation (branch lateral4). Read also on a
// site only ever received (no one here linked it), and, as a signal of its
// own (INTERNAL_ACCOUNT_ASK, Reading::kAccountAsk), on any outside site
// when the ask names the reader's own mail or network account ("your
// mailbox is full, sign in at …"): on the same real mail neither fires
// (branch lateral6). A signature on a document asked beside the link
// ("review and sign the policy", LinkAsk::signature), the lure of the
// e-signature request, is read on a site no one here ever received or
// linked, when the message goes beyond the account's reach and to
// colleagues it never wrote with: on the same real mail it fires on none
// (the twenty-third round). A document presented there for colleagues to
// open, on the same conditions and on no sharing platform (its anchor text
// or label names one, or the subject of mail that opens a conversation
// does: DescribeDocumentPage), fires on none either (the thirty-first
// round).

// Beyond the account's reach: more recipients than it ever addressed at
// once, or, from kMailingReach on, at least kReachOverAverage times as many as
// it writes to on average (an account that once wrote to sixty and usually
// to three); or, at any number, mostly colleagues it never exchanged mail
// with (StrangersAddressed::BeyondCircle(), COLLEAGUE_FANOUT's reading): an
// account's reach is its audience, not only its size, and one that once
// mailed a hundred colleagues has not reached twenty others it never wrote
// with. Real internal mail links sign-in pages of sites new to the
// organisation too: in Enron's, an announcements account its staff's
// training and assistance portals (enroncast.com, lifeworks.com), an
// analyst a research provider's account page to the hundred colleagues she
// always writes to (cera.com). Each went out to its writer's usual
// audience; a compromised account sprays beyond it (Ho et al.). Counted by
// audience as well, the reading newly fires on none of Enron's 13,258 real
// internal messages (docs/DETECTION-HISTORY.md, branch review9). An
// account's first mail to many (FirstMailToMany) is beyond its reach too,
// having never addressed anyone; COLLEAGUE_FANOUT has no circle to read
// then, so this is all that sees the spray. On the same real mail it newly
// fires on none (the seventeenth round).
constexpr double kReachOverAverage = 2;

// The key under which a message's asks are kept (ScoringContext::Remember).
constexpr char kLinkAsks = 0;

// What the words beside `link` ask (ReadLinkAsk), read once per message:
// INTERNAL_LURE_PAGE and INTERNAL_ACCOUNT_ASK both judge it, and each read
// searches the bodies. `link` is one of the context's own links.
const LinkAsk& AskBeside(const ScoringContext& context, const Link& link) {
  // Kept behind a pointer: the context hands its memos back const, and
  // each link read adds to the map.
  using Asks = std::shared_ptr<std::map<const Link*, LinkAsk>>;
  const Asks* asks = context.Recalled<Asks>(&kLinkAsks);
  if (asks == nullptr) asks = &context.Remember(&kLinkAsks, std::make_shared<Asks::element_type>());
  auto [read, unread] = (*asks)->try_emplace(&link);
  if (unread) read->second = ReadLinkAsk(context.message(), link);
  return read->second;
}

// Empty when the message stays within the account's reach, else how far
// beyond it goes, for the evidence.
std::string BeyondReach(const ScoringContext& context) {
  const SenderProfile* profile = context.sender_profile();
  const size_t count = context.recipients().size();
  if (profile == nullptr || profile->messages_sent == 0) {
    if (!FirstMailToMany(context)) return "";
    return "to " + std::to_string(count) +
           " recipients, beyond its reach (its first mail here: it never wrote before)";
  }
  const double average =
      static_cast<double>(profile->recipients_total) / static_cast<double>(profile->messages_sent);
  std::string how;
  if (count > profile->max_recipients ||
      (count >= kMailingReach && count >= kReachOverAverage * average)) {
    how = "beyond its reach";
  } else {
    const StrangersAddressed addressed = CountStrangers(context);
    if (!addressed.BeyondCircle()) return "";
    how = std::to_string(addressed.strangers) + " of " + std::to_string(addressed.judged) +
          " colleagues it never exchanged mail with, beyond its circle though not its numbers";
  }
  char usual[64];
  std::snprintf(usual, sizeof(usual), "%.1f on average", average);
  return "to " + std::to_string(count) + " recipients, " + how + " (over " +
         std::to_string(profile->messages_sent) + " messages it wrote to " + usual + ", at most " +
         std::to_string(profile->max_recipients) + " at once)";
}

// The key under which BeyondReach() is kept (ScoringContext::Remember).
constexpr char kReach = 0;

// BeyondReach() of the message, read once: each of the three readings asks
// it at the first link that needs it, and counting strangers reads the
// store.
const std::string& ReachOf(const ScoringContext& context) {
  const std::string* reach = context.Recalled<std::string>(&kReach);
  return reach != nullptr ? *reach : context.Remember(&kReach, BeyondReach(context));
}

// What a walk over a colleague's links reports. Each signal walks once,
// and one judgement (JudgeLink) serves all three, so they share its
// conditions: a site the account never linked (a planted page on any
// site), and, but for a planted page within reach, a message beyond the
// account's reach.
enum class Reading {
  // INTERNAL_LURE_PAGE: a planted page within the account's reach, a
  // shortener, a sign-in page.
  kLurePage,
  // INTERNAL_PLANTED_PAGE: a page planted in a site's upload folder, sent
  // beyond the account's reach. Each half is one of lateral phishing's
  // marks: a kit sits on a site broken into, and a compromised account
  // sprays beyond its usual audience (Ho et al.); together they are its
  // whole shape, whatever else the message shows, so the signal holds
  // alone as INTERNAL_ACCOUNT_ASK does. Within reach, a planted page stays
  // INTERNAL_LURE_PAGE's one reading among the rest: a colleague passing
  // on a page to the people it always writes to. Upload folders postdate
  // Enron's mail, so its 13,258 real internal messages have no planted
  // page; no attack_eval control links one.
  kPlantedSpray,
  // INTERNAL_ACCOUNT_ASK: the words beside the link ask for the reader's
  // own mail or network account (LinkAsk::own_account). No outside site,
  // however familiar, has a use for a colleague's mailbox password, and no
  // announcement asks for it: IT links the organisation's own sign-in page
  // (its own tenant, IsSendersOwnTenant, is not read), and a provider's
  // portal asks for its own account ("your employee number and password").
  // A colleague's account asking colleagues beyond its reach for theirs is
  // the lateral lure itself, whatever else the message shows: the signal
  // holds alone, where a sign-in page holds only with the rest of lateral
  // phishing's shape. On Enron's 13,258 real internal messages the reading
  // fires on none (branch lateral6).
  kAccountAsk,
};

// How the message presents `link` as a document for its readers to open:
// its anchor text or its label names one (DocumentNamedByLink,
// DocumentNamedByLabel; a noun, IsDocumentNoun: a signature asked is
// ReadLinkAsk's, with its own conditions), else the subject of mail that
// opens a conversation does (DocumentNamedBySubject); empty when none does.
std::string DescribeDocumentPage(const Message& message, const Link& link) {
  std::string word = DocumentNamedByLink(link);
  std::string where = "its anchor text";
  if (!IsDocumentNoun(word)) {
    word = DocumentNamedByLabel(message, link);
    where = "the label before it";
  }
  if (!IsDocumentNoun(word)) {
    word = DocumentNamedBySubject(message, link);
    where = "its subject";
  }
  if (word.empty()) return word;
  return where + " presents a document to open (\"" + word +
         "\") there, where an organisation shares its documents on its own site or a sharing "
         "platform";
}

// `asks_left`: how many more links of the message may have their text read
// (kMaxLinksAsked).
Status JudgeLink(const ScoringContext& context, const Link& link, Reading reading,
                 size_t* asks_left, std::vector<Detection>* out) {
  const std::string_view folder = PlantedPageFolder(link);
  if (reading == Reading::kPlantedSpray && folder.empty()) return Status::Ok();
  const bool planted = !folder.empty() && reading != Reading::kAccountAsk;
  const SenderAttributeStats* linked = nullptr;
  Status status = context.SenderAttribute(context.sender(), SenderAttributeKind::kLinkDomain,
                                          link.private_domain, &linked);
  // The account's own habit, but for a planted page: the habit is the
  // site's stories and files, and a page in its upload folder is none of
  // them, whoever linked the site before.
  if (!status.ok() || (linked != nullptr && !planted)) return status;
  uint64_t messages = 0;
  bool outbound = false;
  status = OrgWideLinkMessages(context, link.private_domain, &messages, &outbound);
  if (!status.ok()) return status;
  const std::string seen = DescribeSiteReceived(link.private_domain, messages);
  const std::string opening = "internal mail links " + link.host_unicode + LinkOrigin(link) + ": ";
  const std::string context_key = context.sender() + ">" + link.private_domain;
  // A planted page is page-level evidence: however familiar the site (the
  // organisation, even the account, may link it), its upload folder serves
  // no pages. Within the account's reach it is INTERNAL_LURE_PAGE's, beyond
  // it INTERNAL_PLANTED_PAGE's (Reading::kPlantedSpray).
  const std::string& reach = ReachOf(context);
  if (planted) {
    const bool sprayed = !reach.empty();
    if (sprayed != (reading == Reading::kPlantedSpray)) return Status::Ok();
    out->push_back(
        {1.0,
         opening + DescribePlantedPage(folder) + (sprayed ? ", sent " + reach : "") +
             ", although " + seen +
             (linked != nullptr ? " and " + DescribeSender(context) + " linked it before" : ""),
         context_key});
    return Status::Ok();
  }
  // How familiar the shortener is says nothing of where it leads: beyond
  // the account's reach it counts whoever here linked the shortener. Within
  // reach it counts only where the organisation has never met that
  // shortener, neither linked by staff nor received in kRareLinkMessages
  // messages: staff who pass shortened links on have made it the
  // organisation's habit, and an organisation whose newsletters arrive
  // through it sees colleagues forward them. A colleague's first shortened
  // link where none was ever seen hides the one thing Rapport reads of a
  // link, where it leads, for no habit's sake. Enron's mail predates
  // shorteners, so its real internal mail cannot measure the organisations
  // that use them; such an organisation is spared by its own history.
  const bool unmet_shortener = !outbound && messages < kRareLinkMessages;
  if (link.shortened && reading == Reading::kLurePage && (!reach.empty() || unmet_shortener)) {
    out->push_back(
        {1.0,
         opening +
             "a shortened link, whose destination neither the colleagues nor "
             "Rapport can see, " +
             (reach.empty() ? "within its reach, though the organisation has not met " +
                                  link.private_domain + " (" + seen + ", and no one here linked it)"
                            : reach) +
             "; " + DescribeSender(context) + " never linked " + link.private_domain + " before",
         context_key});
    return Status::Ok();
  }
  if (reach.empty()) return Status::Ok();
  // What the page asks, from its address, else from the message: a kit on
  // a neutral path is still introduced as a sign-in. A site staff link is
  // judged only by an ask for the reader's own mail or network account
  // (LinkAsk::own_account): real announcements link sign-in pages of sites
  // colleagues circulate, each for its own account, but no outside site,
  // however familiar, has a use for a colleague's mailbox password (an
  // organisation's own sign-in tenant, IsSendersOwnTenant, is ours). A
  // site no one here ever linked, however often the outside sent it, is as
  // new to colleagues as a rare one (INTERNAL_NEW_LINK_DOMAIN's reading),
  // and a site broken into is where a compromised account's kit sits.
  // The text is read even when the address names a sign-in: whether the
  // ask names our own account is in the text only.
  std::string page;
  std::string own_account;
  const std::string word = outbound || reading == Reading::kAccountAsk ? "" : SignInWord(link);
  if (!word.empty()) page = DescribeSignInPage(word);
  bool own_tenant = false;
  status = IsSendersOwnTenant(context, link, &own_tenant);
  if (!status.ok()) return status;
  if (*asks_left > 0 && !own_tenant) {
    --*asks_left;
    const LinkAsk& ask = AskBeside(context, link);
    // A signature on a document (LinkAsk::signature) is asked on a site
    // no one here ever received or linked, of colleagues the account never
    // wrote with, only by a lure: an organisation has its documents signed
    // on its own site or on an e-signature service, whose requests it
    // receives, so either is known here; and a document's signatories are
    // people its sender works with, however many more of them than usual
    // it writes to at once (the reach's numbers alone do not count).
    const auto new_site_to_strangers = [&] {
      return messages == 0 && !outbound && CountStrangers(context).strangers >= kMinStrangers;
    };
    const bool read =
        ask.signature ? new_site_to_strangers() : !outbound || !ask.own_account.empty();
    if (!ask.ask.empty() && read) {
      if (page.empty()) page = DescribeLinkAsk(ask);
      own_account = ask.own_account;
    }
    // A document presented there for colleagues to open, for the same
    // reason: an organisation shares its documents on its own sites or on
    // a sharing platform (FIRST_FILESHARE_DOMAIN judges one new here), so
    // either is known here, and shares them with people it works with.
    if (page.empty() && ask.ask.empty() && reading == Reading::kLurePage &&
        FileSharePlatformOf(context, link) == nullptr && new_site_to_strangers()) {
      page = DescribeDocumentPage(context.message(), link);
    }
  }
  if (reading == Reading::kAccountAsk) {
    if (own_account.empty()) return Status::Ok();
    out->push_back({1.0,
                    opening + page + ", and names the reader's own account (\"" + own_account +
                        "\"), which no outside site has a use for, " + reach + "; " + seen +
                        (outbound ? ", and staff link it" : "") + "; " + DescribeSender(context) +
                        " never linked it before",
                    context_key});
    return Status::Ok();
  }
  // An ask for the reader's own account is INTERNAL_ACCOUNT_ASK's.
  if (page.empty() || !own_account.empty()) return Status::Ok();
  const bool received_only = messages >= kRareLinkMessages;
  out->push_back({received_only ? kRareSiteSignIn : SignInPageStrength(messages),
                  opening + page + ", " + reach + ", and " + seen +
                      (received_only ? " but no one here ever linked it" : "") + "; " +
                      DescribeSender(context) + " never linked it before",
                  context_key});
  return Status::Ok();
}

Status ReadColleagueLinks(const ScoringContext& context, Reading reading,
                          std::vector<Detection>* out) {
  if (context.sender().empty()) return Status::Ok();
  size_t asks_left = kMaxLinksAsked;
  return ReadEachLinkSite(
      context,
      [reading, &asks_left](const ScoringContext& scoring, const Link& link,
                            std::vector<Detection>* found) {
        return JudgeLink(scoring, link, reading, &asks_left, found);
      },
      out);
}

Status DetectInternalLurePage(const ScoringContext& context, std::vector<Detection>* out) {
  return ReadColleagueLinks(context, Reading::kLurePage, out);
}

Status DetectInternalAccountAsk(const ScoringContext& context, std::vector<Detection>* out) {
  return ReadColleagueLinks(context, Reading::kAccountAsk, out);
}

Status DetectInternalPlantedPage(const ScoringContext& context, std::vector<Detection>* out) {
  return ReadColleagueLinks(context, Reading::kPlantedSpray, out);
}

}  // namespace

Status RegisterInternalLurePage(SignalRegistry* registry) {
  Status status = registry->Add(
      {"INTERNAL_LURE_PAGE", SignalGroup::kCompromise, 35,
       "internal account links a sign-in page (named in its address or asked for in the "
       "message's text) on a site the organisation has (almost) never received or never linked, "
       "a document to sign or to open on a site it never received or linked, or, within its "
       "reach, a page planted in a site's upload folder, or a shortened link",
       SignalScope::kInternalOnly, DetectInternalLurePage});
  if (!status.ok()) return status;
  // Weight 70: each holds alone (its reading's comment says why).
  status = registry->Add({"INTERNAL_ACCOUNT_ASK", SignalGroup::kCompromise, 70,
                          "internal account asks colleagues beyond its reach for their own mail "
                          "or network account at an outside site it never linked",
                          SignalScope::kInternalOnly, DetectInternalAccountAsk});
  if (!status.ok()) return status;
  return registry->Add({"INTERNAL_PLANTED_PAGE", SignalGroup::kCompromise, 70,
                        "internal account links colleagues beyond its reach to a page planted in "
                        "a site's upload folder",
                        SignalScope::kInternalOnly, DetectInternalPlantedPage});
}

}  // namespace rapport
