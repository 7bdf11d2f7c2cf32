#pragma once

// The widened vendor family of attack_eval (branch vendor15): a known
// vendor's compromised account sends a link to a file-share platform,
// varied along the axes a real vendor relationship and a real lure have.
// Only the platforms' URLs and the lures' bodies are written here;
// attack_eval's AttackBuilder chooses the vendors (the mailboxes' real
// established correspondents) and the mail they reply into, and plays them.

#include <array>
#include <random>
#include <string>
#include <string_view>

namespace rapport {

// The kinds of catalogued platform (data/fileshare_domains.txt) a vendor's
// share arrives on.
enum class ShareKind { kTransfer, kSignature, kForm, kStorage, kSiteBuilder, kCount };

// "transfer service", "e-signature", ... for the report's lines.
std::string_view ShareKindName(ShareKind kind);

// What the family uses a platform for, so that what one draw teaches
// history (its setup) is never another draw's "new here".
enum class ShareUse {
  kFresh,       // linked by no setup: new here to an attack
  kReceived,    // received here before from another organisation (an attack's setup)
  kVendorUsed,  // used before by the vendor or a colleague at its domain (a control's setup)
  kOrgLinked,   // linked by the organisation's own mail (a control's setup)
};

// One catalogued platform and how its share links are written: `pattern`
// with "{h}" for a random token and "{n}" for a name the sharer chose.
// None is a platform another family of attack_eval links, so that what
// this family teaches history changes nothing the others' lures find.
struct SharePlatform {
  std::string_view host;
  ShareKind kind;
  ShareUse use;
  std::string_view pattern;
};

// A platform of `kind` for `use`, drawn; of any kind for `use` when none
// of `kind` is.
const SharePlatform& PickSharePlatform(ShareKind kind, ShareUse use, std::mt19937_64* rng);

// A share link on `platform`, its name part (a site's or a form's) `name`.
std::string SharePlatformUrl(const SharePlatform& platform, const std::string& name,
                             std::mt19937_64* rng);

// What a vendor's share is about.
enum class ShareTopic { kInvoice, kContract };

// How a vendor's share is written, each an axis of the family.
struct ShareLure {
  ShareTopic topic = ShareTopic::kInvoice;
  bool text_is_url = false;  // the link's text is its URL, not "View Document"
  bool sign_in_ask = false;  // the text asks the reader to sign in to see it
};

// The subject of a new message about `lure`'s topic from organisation
// `org` ("acme").
std::string ShareSubject(const ShareLure& lure, const std::string& org, std::mt19937_64* rng);

// The body's words (HTML, the inside of a paragraph) of a share of `url`
// written as `lure` says.
std::string ShareBody(const ShareLure& lure, const std::string& url, std::mt19937_64* rng);

}  // namespace rapport
