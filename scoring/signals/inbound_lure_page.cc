#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "message/link_ask.h"
#include "message/link_page.h"
#include "scoring/fileshare_catalogue.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// Inbound mail from a known correspondent: its link judged by what its page
// asks of the reader (message/link_page.h), not only by whether its domain
// is new to the sender (NEW_LINK_DOMAIN_FOR_SENDER) or to the organisation
// (RARE_LINK_DOMAIN). A compromised vendor or a hijacked thread participant
// sends the organisation to a page that takes a password on a site the
// correspondent never linked and the organisation never received, or to a
// page planted in the upload folder of a site broken into; a correspondent's
// own mail links its own sign-in page ("log in to your account"), a site it
// links as a habit, or files and stories elsewhere. Judged for known
// senders and for a party replying in its own conversation (a hijacked
// participant may have written only once). A first contact's sign-in
// pages and documents are not judged: with no habit to depart from, a
// mailing's links to its partners' account pages say nothing
// (RARE_LINK_DOMAIN already reads the site's novelty); in Enron's real
// inbound mail the one third party's sign-in page new to the organisation
// came from a first contact (citicorp.com's card service linking
// accountonline.com/login). Measured on real legitimate inbound mail
// (Enron's 2,838, replayed by attack_eval, and easy_ham's 1,873): it fires
// on none. docs/DETECTION-HISTORY.md, branch lurepage.
//
// A page planted in an upload folder is judged for anyone else too (a
// first contact, an outsider replying into a thread), on any site, its
// own included: a planted page is read from its address, not from a
// habit, and a stranger has no habit of filling that site's folders to
// keep (a known sender's own site is its own to fill). A
// compromised account at a university or a club writes to people it never
// met and links a kit planted on its own organisation's site, which the
// sender's domain makes look like its own page (the thirty-third round).
// Upload folders postdate Enron's and easy_ham's mail, so no real
// legitimate mail here measures what the reading costs.
//
// A document presented at a form or site builder's page is a lure page
// too. An invoice, a statement or a contract is a file, sent attached or
// shared from a drive, a transfer service or an e-signature service; a
// form builder's page is a form to fill in and a site builder's a site's
// page (PlatformServes), so "Please find our invoice here: <a form>" is a
// page dressed as a file, which is how credential forms are parked on
// reputable form and site builders. Read when the sender and its
// organisation never linked the platform (or the tenant): a vendor that
// takes payments through its own form on a platform it used before keeps
// its habit. Not when the organisation's own mail links the platform: it
// works there with its partners (a supplier portal it runs, forms it
// sends them), and their pages there answer its own. How often the
// organisation received the platform says nothing of the page: each form
// and each site is its own author's. Enron's and easy_ham's years predate
// these platforms, so no real legitimate mail here shows what the reading
// costs (docs/DETECTION.md).

// Links of one message whose surrounding text is read for a document
// (DocumentPresentedAt): each read searches the bodies.
constexpr size_t kMaxDocumentPagesRead = 8;

// Stores in *page what the page at `link` is, for the evidence ("the
// message presents a document (\"invoice\") at a form builder's page
// (jotform.com), a form to fill in, not a file"), and in *organisation how
// far the link departs from the sender's organisation's habit, when the
// file-share catalogue says its platform serves forms or a site's pages,
// the organisation's own mail never linked that platform, no one at the
// sender's organisation linked it (OrganisationLinkDeparture: a colleague
// linking the platform makes it the organisation's way of sending), and
// the message presents a document there; leaves *page empty otherwise.
// The body is read last, and `reads_left` bounds those reads. Returns the
// store's error.
Status DocumentAtPage(const ScoringContext& context, const Link& link, size_t* reads_left,
                      std::string* page, double* organisation) {
  const FileShareCatalogue* catalogue = context.environment().fileshare;
  const FileShareCatalogue::Platform* platform =
      catalogue == nullptr ? nullptr : catalogue->Find(link.host, link.path);
  if (platform == nullptr || platform->serves == PlatformServes::kFiles || *reads_left == 0) {
    return Status::Ok();
  }
  uint64_t messages = 0;
  bool staff_link_it = false;
  Status status = OrgWideLinkMessages(context, link.icann_domain, &messages, &staff_link_it);
  if (!status.ok() || staff_link_it) return status;
  status = OrganisationLinkDeparture(context, link, organisation);
  if (!status.ok() || *organisation == 0) return status;
  --*reads_left;
  const std::string document = DocumentPresentedAt(context.message(), link);
  if (document.empty()) return Status::Ok();
  *page = "the message presents a document (" + Quoted(document) + ") at " +
          (platform->serves == PlatformServes::kForms
               ? "a form builder's page (" + platform->text + "), a form to fill in, not a file"
               : "a site builder's page (" + platform->text + "), a site's page, not a file");
  return Status::Ok();
}

// ", nor did anyone at ORGANISATION" for the evidence, when the sender
// writes for more than itself (not an address at a consumer provider).
std::string OrganisationHabit(const ScoringContext& context) {
  const std::string& organisation = context.sender_organisation();
  return organisation == context.sender() ? "" : ", nor did anyone at " + organisation;
}

// `correspondent`: the sender is a known sender or a party replying in its
// own thread (DetectInboundLurePage); of anyone else only a planted page
// is read.
Status JudgeLink(const ScoringContext& context, const Link& link, bool correspondent,
                 size_t* reads_left, std::vector<Detection>* out) {
  // Read before any store read: most first contacts link no such page.
  const std::string_view folder = PlantedPageFolder(link);
  if (!correspondent && folder.empty()) return Status::Ok();
  double departure = 0;
  std::string never;
  Status status = LinkHabitDeparture(context, context.sender(), link, &departure, &never);
  if (!status.ok()) return status;
  const std::string opening = "link to " + link.host_unicode + LinkOrigin(link) + ": ";
  const std::string context_key = context.sender() + ">" + link.private_domain;
  // However familiar the site, even the sender's own: its upload folder
  // serves no pages. On a third party's site the sender links as a habit
  // too, since that habit is the site's stories and files; its own site's
  // folders are its own to fill, once it has linked that site before.
  if (!folder.empty() && (departure > 0 || !context.IsSendersOwnDomain(link))) {
    out->push_back({1.0,
                    opening + DescribePlantedPage(folder) + "; " + DescribeSender(context) +
                        (departure == 0 ? " linked " + never + " before, but not such a page"
                                        : " never linked " + never + " before"),
                    context_key});
    return Status::Ok();
  }
  if (departure == 0 || !correspondent) return Status::Ok();  // a habit, or none to depart from
  const std::string habit = DescribeSender(context) + " never linked " + never + " before";
  // A correspondent's own sign-in page is ordinary ("log in to your account").
  if (context.IsSendersOwnDomain(link)) return Status::Ok();
  bool own_tenant = false;
  status = IsSendersOwnTenant(context, link, &own_tenant);
  if (!status.ok() || own_tenant) return status;
  const std::string word = SignInWord(link);
  if (word.empty()) {
    std::string document;
    double organisation = 0;
    status = DocumentAtPage(context, link, reads_left, &document, &organisation);
    if (!status.ok() || document.empty()) return status;
    out->push_back({std::min(departure, organisation),
                    opening + document + "; " + habit + OrganisationHabit(context), context_key});
    return Status::Ok();
  }
  bool rare = false;
  uint64_t messages = 0;
  status = IsRareLinkDomain(context, link.private_domain, &rare, &messages);
  if (!status.ok() || !rare) return status;
  const std::string seen = DescribeSiteReceived(link.private_domain, messages);
  out->push_back(
      {departure * SignInPageStrength(messages),
       opening + DescribeSignInPage(word) + ", on a third party's site: " + seen + ", and " + habit,
       context_key});
  return Status::Ok();
}

// True when the message replies, by its Message-ID references, into a
// thread the sender took part in: a party to a conversation with the
// organisation, the participant a hijack writes as, however few messages
// it sent. A reply tied by subject alone proves no part in anything.
Status RepliesInOwnThread(const ScoringContext& context, bool* party) {
  *party = false;
  const ResolvedThread* thread = nullptr;
  Status status = context.Thread(&thread);
  if (!status.ok() || thread == nullptr || thread->match != ThreadMatch::kByMessageId) {
    return status;
  }
  const std::vector<std::string>& participants = thread->record.participants;
  *party =
      std::find(participants.begin(), participants.end(), context.sender()) != participants.end();
  return Status::Ok();
}

Status DetectInboundLurePage(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty() || context.sender_is_local()) return Status::Ok();
  // Only a correspondent has a linking habit to depart from: a known
  // sender, or a party replying in its own conversation. Anyone else's
  // links are read for a planted page only.
  bool correspondent = context.known_sender();
  if (!correspondent) {
    Status status = RepliesInOwnThread(context, &correspondent);
    if (!status.ok()) return status;
  }
  size_t reads_left = kMaxDocumentPagesRead;
  return ReadEachLinkSite(
      context,
      [correspondent, &reads_left](const ScoringContext& scoring, const Link& link,
                                   std::vector<Detection>* found) {
        return JudgeLink(scoring, link, correspondent, &reads_left, found);
      },
      out);
}

}  // namespace

Status RegisterInboundLurePage(SignalRegistry* registry) {
  return registry->Add({"INBOUND_LURE_PAGE", SignalGroup::kLink, 30,
                        "known correspondent links a sign-in page on a third party's site the "
                        "organisation has (almost) never received, a page planted in a site's "
                        "upload folder, or a form or site builder's page the message presents as "
                        "a document, none of which it linked before (known senders and parties "
                        "replying in their own thread; of anyone else, a planted page only)",
                        SignalScope::kInboundOnly, DetectInboundLurePage,
                        BaseRatePopulation::kKnownSenders});
}

}  // namespace rapport
