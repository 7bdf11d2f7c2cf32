#include <algorithm>
#include <array>
#include <optional>
#include <set>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "message/ascii.h"
#include "message/domain_names.h"
#include "message/organisation.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// Phishing that borrows a brand says so where the reader looks first, the
// sender's name ("PayPal Billing Department", "Microsoft account team"),
// while the mail comes from, or leads to, a place with nothing to do with
// the brand. Real brand mail comes from the brand's own domains (data/
// brands.txt lists them) and links there; a reader's correspondents rarely
// call themselves after a bank. Three readings:
//  - the display name names a brand and the address is on no listed
//    brand's domain, or is a person's mailbox at a consumer provider that
//    is not the brand's own ("PayPal" <paylpal@yahoo.com>): the name is
//    borrowed;
//  - the display name names a brand, the address is on its domain (a From
//    anyone can write) or on another listed brand's (a sister brand,
//    "OneDrive" from microsoft.com), and a link leads to a bare IP address
//    or to a domain that is neither those brands' nor the sender's and
//    that the organisation has rarely received, or Reply-To sends answers
//    to such a domain: the mail does not lead where the brand would;
//  - the display name names no brand, the address is on a brand's own
//    domain that is not a mailbox provider's, and a link or Reply-To leads
//    away as above (DetectAddressClaim).

// A brand name may be written over this many words ("Bank of America",
// "Wells Fargo").
constexpr size_t kMaxBrandWords = 3;
// Display names with more words than this are read only up to it.
constexpr size_t kMaxNameWords = 16;
// A word beside a brand that does not make the name a person's: a
// service word (IsServiceWord()), a number, or a word under three letters.
// A name with any other word ("Chase Miller", "Gale Norton") may be a
// person who shares a brand's name, and is not read as a claim.
bool IsClaimWord(std::string_view word) {
  return word.size() < 3 || std::all_of(word.begin(), word.end(), IsAsciiDigit) ||
         IsServiceWord(word);
}

// The display name's words: lower-case runs of ASCII letters and digits.
std::vector<std::string> NameWords(std::string_view display_name) {
  std::vector<std::string> words;
  std::string word;
  for (char c : display_name) {
    if (IsAsciiAlnum(c)) {
      word += AsciiLower(c);
      continue;
    }
    if (!word.empty()) words.push_back(std::move(word));
    word.clear();
    if (words.size() >= kMaxNameWords) return words;
  }
  if (!word.empty() && words.size() < kMaxNameWords) words.push_back(std::move(word));
  return words;
}

// The brands a display name presents its sender as: a brand's name is one
// word or a few words run together, and every other word is a service word
// (or the name is itself an address, "service@paypal.com").
std::vector<const Brand*> BrandsNamed(const std::vector<Brand>& brands,
                                      std::string_view display_name) {
  const std::vector<std::string> words = NameWords(display_name);
  std::vector<bool> brand_word(words.size(), false);
  std::vector<const Brand*> named;
  for (size_t i = 0; i < words.size(); ++i) {
    std::string joined;
    for (size_t n = 0; n < kMaxBrandWords && i + n < words.size(); ++n) {
      joined += words[i + n];
      auto brand = std::find_if(brands.begin(), brands.end(),
                                [&](const Brand& b) { return b.name == joined; });
      if (brand == brands.end()) continue;
      if (std::find(named.begin(), named.end(), &*brand) == named.end()) named.push_back(&*brand);
      std::fill(brand_word.begin() + static_cast<std::ptrdiff_t>(i),
                brand_word.begin() + static_cast<std::ptrdiff_t>(i + n + 1), true);
    }
  }
  if (named.empty() || display_name.find('@') != std::string_view::npos) return named;
  for (size_t i = 0; i < words.size(); ++i) {
    if (!brand_word[i] && !IsClaimWord(words[i])) return {};
  }
  return named;
}

// True when `domain` is one of the brand's domains or under one.
bool IsBrandDomain(const Brand& brand, std::string_view domain) {
  for (const std::string& own : brand.domains) {
    if (domain == own ||
        (domain.size() > own.size() && domain.substr(domain.size() - own.size()) == own &&
         domain[domain.size() - own.size() - 1] == '.')) {
      return true;
    }
  }
  return false;
}

std::string BrandDomains(const Brand& brand) {
  if (brand.domains.empty()) return "it lists no domain of its own";
  std::string text = "its domains are ";
  for (size_t i = 0; i < brand.domains.size() && i < 3; ++i) {
    text += (i > 0 ? ", " : "") + brand.domains[i];
  }
  return text + (brand.domains.size() > 3 ? ", …" : "");
}

// The first link of a brand's mail that leads where the brand would not:
// a bare IP address, or a domain neither the brand's, nor that of the
// brand the sender's address belongs to (`sender_brand`, often the same),
// nor the sender's, that the organisation has received in fewer than
// kRareLinkMessages messages.
// Stores nullptr in *out when every link leads somewhere expected.
Status LinkAwayFromBrand(const ScoringContext& context, const Brand& brand,
                         const Brand& sender_brand, const Link** out, uint64_t* seen) {
  *out = nullptr;
  for (const Link* link : context.web_links()) {
    if (link->host_is_ip_literal) {
      *out = link;
      *seen = 0;
      return Status::Ok();
    }
    if (link->icann_domain.empty() || IsBrandDomain(brand, link->icann_domain) ||
        IsBrandDomain(sender_brand, link->icann_domain) || context.IsSendersOwnDomain(*link) ||
        IsLocalLink(context, *link)) {
      continue;
    }
    uint64_t messages = 0;
    bool rare = false;
    Status status = IsRareLinkDomain(context, link->icann_domain, &rare, &messages);
    if (!status.ok()) return status;
    if (!rare) continue;
    *out = link;
    *seen = messages;
    return Status::Ok();
  }
  return Status::Ok();
}

// The first Reply-To address of a brand's mail that is on none of those
// domains: a brand answers its customers on its own domains, while a
// borrowed brand wants the answers (credentials, payment details, a
// call-back) where the sender reads them. nullptr when every reply stays.
const MailAddress* ReplyAwayFromBrand(const ScoringContext& context, const Brand& brand,
                                      const Brand& sender_brand) {
  for (const MailAddress& reply_to : context.message().reply_to) {
    const std::string domain = IcannRegistrableDomain(reply_to.domain);
    if (domain.empty() || IsBrandDomain(brand, domain) || IsBrandDomain(sender_brand, domain) ||
        domain == context.sender_registrable_domain() ||
        IsLocalDomain(reply_to.domain, context.environment().local_domains)) {
      continue;
    }
    return &reply_to;
  }
  return nullptr;
}

// Where a link that leads away from the brand goes: its IP or domain.
std::string LinkTarget(const Link& away) {
  return away.host_is_ip_literal ? away.host : away.icann_domain;
}

// "links to 192.0.2.7, a bare IP address", "links to x.com, a domain no one
// in the organisation has received".
std::string DescribeAway(const Link& away, uint64_t seen) {
  const std::string how = away.host_is_ip_literal
                              ? "a bare IP address"
                              : (seen == 0 ? "a domain no one in the organisation has received"
                                           : "a domain the organisation received in only " +
                                                 std::to_string(seen) + " message(s)");
  return "links to " + LinkTarget(away) + LinkOrigin(away) + ", " + how;
}

// What leads away from the brand: its description for the evidence and
// its target, the key of self-regulation ("Microsoft>usual-assist.com").
struct AwayFromBrand {
  std::string described;  // "links to 192.0.2.7, a bare IP address"
  std::string target;     // the IP address or registrable domain
};

// Stores in *out a link that leads away from the brand (LinkAwayFromBrand)
// when there is one, else a Reply-To that does (ReplyAwayFromBrand); resets
// it when nothing does.
Status LeadsAwayFromBrand(const ScoringContext& context, const Brand& brand,
                          const Brand& sender_brand, std::optional<AwayFromBrand>* out) {
  out->reset();
  const Link* away = nullptr;
  uint64_t seen = 0;
  Status status = LinkAwayFromBrand(context, brand, sender_brand, &away, &seen);
  if (!status.ok()) return status;
  if (away != nullptr) {
    *out = AwayFromBrand{DescribeAway(*away, seen), LinkTarget(*away)};
    return Status::Ok();
  }
  const MailAddress* reply_to = ReplyAwayFromBrand(context, brand, sender_brand);
  if (reply_to != nullptr) {
    *out = AwayFromBrand{"Reply-To sends answers to " + reply_to->address,
                         IcannRegistrableDomain(reply_to->domain)};
  }
  return Status::Ok();
}

// The third reading: no brand in the display name, but the address itself
// is on a brand's own domain (service@paypal.com; a mailbox provider's
// users are people, not the brand, and are never read so), and a link or
// Reply-To leads where the brand would not. The From is the claim, and
// anyone can write it; at the gateway DMARC settles it (AUTH_FAILURE), here
// the links and replies do.
Status DetectAddressClaim(const ScoringContext& context, const Brand& brand, double strength,
                          std::vector<Detection>* out) {
  std::optional<AwayFromBrand> away;
  Status status = LeadsAwayFromBrand(context, brand, brand, &away);
  if (!status.ok() || !away) return status;
  out->push_back({strength,
                  "the address " + context.sender() + " presents the sender as " + brand.name +
                      ", but " + away->described + " and not " + brand.name + "'s; from " +
                      DescribeSender(context),
                  brand.name + ">" + away->target});
  return Status::Ok();
}

Status DetectBrandImpersonation(const ScoringContext& context, std::vector<Detection>* out) {
  const std::vector<Brand>* brands = context.environment().brands;
  if (brands == nullptr || context.sender().empty() || context.sender_is_local()) {
    return Status::Ok();
  }
  const double strength = SenderClaimStrength(context);
  if (strength <= 0) return Status::Ok();
  const std::string& display_name = context.message().from.display_name;
  const std::string& domain = context.sender_registrable_domain();
  // The brand whose domain the address is on, if any: the named brand, a
  // sister brand ("OneDrive" from microsoft.com) or a mailbox provider.
  auto owner = std::find_if(brands->begin(), brands->end(), [&](const Brand& b) {
    return IsBrandDomain(b, context.sender_domain());
  });
  const std::vector<const Brand*> named_brands = BrandsNamed(*brands, display_name);
  const bool mailbox = context.environment().mailbox_providers->IsConsumer(domain);
  if (named_brands.empty() && owner != brands->end() && !mailbox) {
    return DetectAddressClaim(context, *owner, strength, out);
  }
  for (const Brand* brand : named_brands) {
    const std::string named =
        "display name " + Quoted(display_name) + " presents the sender as " + brand->name;
    // A consumer mailbox is a person's, whoever runs the provider: only
    // the brand's own provider domain (Microsoft's hotmail.com) stays a
    // claim to be judged by where the mail leads.
    const Brand* sender_brand = IsBrandDomain(*brand, context.sender_domain()) ? brand
                                : owner != brands->end() && !mailbox           ? &*owner
                                                                               : nullptr;
    if (sender_brand == nullptr) {
      out->push_back({strength,
                      named + ", but the address " + context.sender() + " is not on a " +
                          brand->name + " domain (" + BrandDomains(*brand) + "); from " +
                          DescribeSender(context),
                      brand->name + ">" + domain});
      continue;
    }
    std::optional<AwayFromBrand> away;
    Status status = LeadsAwayFromBrand(context, *brand, *sender_brand, &away);
    if (!status.ok()) return status;
    if (!away) continue;
    const std::string from = sender_brand == brand
                                 ? " from its domain"
                                 : " from " + domain + ", a " + sender_brand->name + " domain";
    out->push_back({strength,
                    named + from + ", but " + away->described + " and not " + brand->name +
                        "'s; from " + DescribeSender(context),
                    brand->name + ">" + away->target});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterBrandImpersonation(SignalRegistry* registry) {
  return registry->Add(
      {"BRAND_IMPERSONATION", SignalGroup::kLookalike, 45,
       "sender named as a brand, or on a brand's domain, but not from or not linking "
       "to the brand",
       SignalScope::kInboundOnly, DetectBrandImpersonation});
}

}  // namespace rapport
