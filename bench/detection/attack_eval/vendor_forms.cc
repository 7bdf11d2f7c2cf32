#include "bench/detection/attack_eval/vendor_forms.h"

#include <vector>

#include "bench/detection/attack_eval/draws.h"

namespace rapport {

namespace {

// The catalogued platforms a vendor's share arrives on, as their share
// links are written. pcloud.link is not among them: the family was drawn
// while LOOKALIKE_DOMAIN still read it as an iCloud look-alike (mended
// since), and adding it would change every draw.
constexpr std::array<SharePlatform, 21> kPlatforms = {{
    {"sendgb.com", ShareKind::kTransfer, ShareUse::kFresh, "https://www.sendgb.com/{h}"},
    {"filetransfer.io", ShareKind::kTransfer, ShareUse::kFresh,
     "https://filetransfer.io/data-package/{h}"},
    {"swisstransfer.com", ShareKind::kTransfer, ShareUse::kReceived,
     "https://www.swisstransfer.com/d/{h}-{h}"},
    {"transfernow.net", ShareKind::kTransfer, ShareUse::kVendorUsed,
     "https://www.transfernow.net/dl/{h}"},
    {"wesendit.com", ShareKind::kTransfer, ShareUse::kOrgLinked, "https://wesendit.com/dl/{h}"},
    {"pdffiller.com", ShareKind::kSignature, ShareUse::kFresh, "https://www.pdffiller.com/s/{h}"},
    {"dochub.com", ShareKind::kSignature, ShareUse::kReceived,
     "https://dochub.com/{n}/{h}/contract-pdf"},
    {"zoho.com", ShareKind::kSignature, ShareUse::kVendorUsed,
     "https://www.zoho.com/writer/open/{h}"},
    {"tally.so", ShareKind::kForm, ShareUse::kFresh, "https://tally.so/r/{h}"},
    {"fillout.com", ShareKind::kForm, ShareUse::kFresh, "https://forms.fillout.com/t/{h}"},
    {"jotform.com", ShareKind::kForm, ShareUse::kReceived, "https://form.jotform.com/{h}"},
    {"cognitoforms.com", ShareKind::kForm, ShareUse::kVendorUsed,
     "https://www.cognitoforms.com/{n}/VendorPayment"},
    {"paperform.co", ShareKind::kForm, ShareUse::kOrgLinked, "https://{h}.paperform.co/"},
    {"jumpshare.com", ShareKind::kStorage, ShareUse::kFresh, "https://jumpshare.com/s/{h}"},
    {"icedrive.net", ShareKind::kStorage, ShareUse::kFresh, "https://icedrive.net/s/{h}"},
    {"koofr.net", ShareKind::kStorage, ShareUse::kReceived, "https://app.koofr.net/links/{h}"},
    {"filen.io", ShareKind::kStorage, ShareUse::kVendorUsed, "https://app.filen.io/#/d/{h}"},
    {"wixsite.com", ShareKind::kSiteBuilder, ShareUse::kFresh, "https://{n}.wixsite.com/documents"},
    {"mystrikingly.com", ShareKind::kSiteBuilder, ShareUse::kFresh,
     "https://{n}.mystrikingly.com/"},
    {"carrd.co", ShareKind::kSiteBuilder, ShareUse::kReceived, "https://{n}.carrd.co/"},
    {"godaddysites.com", ShareKind::kSiteBuilder, ShareUse::kVendorUsed,
     "https://{n}.godaddysites.com/"},
}};

struct Topic {
  std::string_view subject;
  std::string_view sentence;
};
constexpr std::array<Topic, 3> kInvoiceTopics = {{
    {"Invoice {r} from {o}", "Please find our invoice {r} for last month's deliveries here:"},
    {"Remittance advice {r}", "Our remittance advice for your payment {r} is ready:"},
    {"{o} statement of account", "Your statement of account with open items is posted here:"},
}};
constexpr std::array<Topic, 3> kContractTopics = {{
    {"{o} agreement for signature",
     "The revised agreement is ready for your review and signature:"},
    {"RFP {r} response", "Our response to your RFP {r}, with the pricing, is here:"},
    {"Updated contract terms", "As discussed, the updated terms for next year are in"},
}};
constexpr std::array<std::string_view, 4> kLinkTexts = {"View Document", "Open", "Review Document",
                                                        "Download PDF"};
constexpr std::array<std::string_view, 3> kSignInAsks = {
    "You will be asked to sign in with your email account to view it securely.",
    "Sign in with your Microsoft 365 or company email to open the file.",
    "Please log in with your email and password to access the document."};

// `text` with "{o}" as `org` and "{r}" as a reference number.
std::string Filled(std::string_view text, const std::string& org, std::mt19937_64* rng) {
  std::string filled(text);
  for (size_t at; (at = filled.find("{o}")) != std::string::npos;) filled.replace(at, 3, org);
  for (size_t at; (at = filled.find("{r}")) != std::string::npos;) {
    filled.replace(at, 3, "#" + std::to_string(10000 + (*rng)() % 89999));
  }
  return filled;
}

const Topic& PickTopic(ShareTopic topic, std::mt19937_64* rng) {
  return topic == ShareTopic::kInvoice ? Pick(kInvoiceTopics, rng) : Pick(kContractTopics, rng);
}

}  // namespace

std::string_view ShareKindName(ShareKind kind) {
  switch (kind) {
    case ShareKind::kTransfer:
      return "transfer service";
    case ShareKind::kSignature:
      return "e-signature";
    case ShareKind::kForm:
      return "form";
    case ShareKind::kStorage:
      return "cloud storage";
    case ShareKind::kSiteBuilder:
    case ShareKind::kCount:
      break;
  }
  return "site builder";
}

const SharePlatform& PickSharePlatform(ShareKind kind, ShareUse use, std::mt19937_64* rng) {
  std::vector<const SharePlatform*> of_kind, of_use;
  for (const SharePlatform& platform : kPlatforms) {
    if (platform.use != use) continue;
    of_use.push_back(&platform);
    if (platform.kind == kind) of_kind.push_back(&platform);
  }
  const std::vector<const SharePlatform*>& fits = of_kind.empty() ? of_use : of_kind;
  return *fits[(*rng)() % fits.size()];
}

std::string SharePlatformUrl(const SharePlatform& platform, const std::string& name,
                             std::mt19937_64* rng) {
  std::string url(platform.pattern);
  for (size_t at; (at = url.find("{h}")) != std::string::npos;) url.replace(at, 3, Hex(rng, 12));
  for (size_t at; (at = url.find("{n}")) != std::string::npos;) url.replace(at, 3, name);
  return url;
}

std::string ShareSubject(const ShareLure& lure, const std::string& org, std::mt19937_64* rng) {
  return Filled(PickTopic(lure.topic, rng).subject, org, rng);
}

std::string ShareBody(const ShareLure& lure, const std::string& url, std::mt19937_64* rng) {
  const std::string sentence = Filled(PickTopic(lure.topic, rng).sentence, "", rng);
  const std::string text = lure.text_is_url ? url : std::string(Pick(kLinkTexts, rng));
  return sentence + " <a href=\"" + url + "\">" + text + "</a>" +
         (lure.sign_in_ask ? " " + std::string(Pick(kSignInAsks, rng)) : "");
}

}  // namespace rapport
