#pragma once

// The masked-links-and-tenants family of attack_eval (branch masked14):
// the forms of a masked link and of a new tenant's URL that the "masked
// link" and "new tenant" families do not draw, as another generator (or a
// phisher) would write them. Only the writing of bodies and URLs lives
// here; attack_eval's AttackBuilder chooses the senders and plays them.

#include <array>
#include <random>
#include <string>
#include <string_view>

namespace rapport {

// The masked-link forms, by index: (a) to (g).
inline constexpr std::array<std::string_view, 7> kMaskedLinkForms = {
    "(a) masked: href on a hosting platform",
    "(b) masked: text without a scheme, or the bare host",
    "(c) masked: text split by tags, entities, invisible characters",
    "(d) masked: text shows our, a bank's or a brand's domain",
    "(e) masked: the shown domain as a label or path of another",
    "(f) masked: href host upper case, percent-encoded or IDN",
    "(g) masked: Outlook's text/plain beside the masked HTML"};

// One masked-link lure: the HTML body (inside <body>), a text/plain
// alternative when the form has one, the link's target and what varied.
struct MaskedLure {
  std::string html;
  std::string plain;  // empty: the message is HTML only
  std::string url;
  std::string detail;
};

// Writes masked-link form `form` (an index of kMaskedLinkForms) for a
// sender at `vendor_domain`: the text shows the vendor's invoice page (or,
// in (d), another's) while the link goes to `phish_host`, a first-seen host
// of the attacker's, or, in (a), to `platform_url`, a page on a hosting
// platform (its kind in `platform_detail`).
MaskedLure WriteMaskedLure(size_t form, const std::string& vendor_domain,
                           const std::string& phish_host, const std::string& platform_url,
                           const std::string& platform_detail, std::mt19937_64* rng);

// A URL of tenant `name` on `platform` (attack_eval's kTenantPlatforms
// names) in a form attack_eval's kTenantForms does not draw: SharePoint's
// and OneDrive's share links, Box's file and custom URLs, S3 dual-stack,
// website and legacy path-style endpoints, GCS's console and JSON API,
// Azure's static website and $web container, Netlify, Vercel and
// pages.dev preview hosts, a Google Site's or a Pages site's root. Its
// label goes to *form; empty when the platform has none of these.
std::string NewTenantFormUrl(std::string_view platform, const std::string& name,
                             std::mt19937_64* rng, std::string* form);

// A file-share URL that names no tenant at all (a 1drv.ms short link, a
// Dropbox /scl/fi/ link, a Google Docs file id), its label in *form: the
// reader cannot tell whose it is.
std::string UnreadableTenantUrl(std::mt19937_64* rng, std::string* form);

// `host` with each character percent-encoded ("%61%63%6d%65..."), as a
// browser still reads it.
std::string PercentEncodedHost(std::string_view host);

}  // namespace rapport
