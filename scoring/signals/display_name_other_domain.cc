#include <algorithm>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "message/ascii.h"
#include "message/domain_names.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// Characters a domain name or an address is written with in a display
// name ("Stellar.org Team", "service@paypal.com").
bool IsAddressChar(char c) {
  return IsAsciiAlnum(c) || c == '.' || c == '-' || c == '@' || c == '_' || c == '+';
}

// True when `token` is written as a domain is: a dot, a name of at least
// two characters before the last one, and the top-level label in lower
// case ("Stellar.org", "proton.me"). A capital after a dot is part of a
// person's or a company's name ("Craig R.Hughes", "Acme Co.Ltd"), even
// where the word is also a top-level domain (.hughes, .ltd).
bool WrittenAsDomain(std::string_view token) {
  const size_t dot = token.rfind('.');
  if (dot == std::string_view::npos || dot < 2 || dot + 1 == token.size()) return false;
  const size_t before = token.rfind('.', dot - 1);
  if ((before == std::string_view::npos ? dot : dot - before - 1) < 2) return false;
  return std::all_of(token.begin() + static_cast<std::ptrdiff_t>(dot + 1), token.end(),
                     [](char c) { return c >= 'a' && c <= 'z'; });
}

// The registrable domain of the first domain name a display name spells,
// alone or as an address ("Stellar.org Team" -> "stellar.org",
// "service@paypal.com" -> "paypal.com"), whose top-level domain the Public
// Suffix List knows ("Acme Inc." and "v2.1" name none); empty when it
// spells none other than `except`.
std::string DomainSpelledIn(std::string_view display_name, std::string_view except) {
  size_t i = 0;
  while (i < display_name.size()) {
    if (!IsAddressChar(display_name[i])) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < display_name.size() && IsAddressChar(display_name[end])) ++end;
    std::string_view token = display_name.substr(i, end - i);
    i = end;
    const size_t at = token.rfind('@');
    if (at != std::string_view::npos) token.remove_prefix(at + 1);
    while (!token.empty() && (token.front() == '.' || token.front() == '-')) token.remove_prefix(1);
    while (!token.empty() && (token.back() == '.' || token.back() == '-')) token.remove_suffix(1);
    if (!WrittenAsDomain(token)) continue;
    std::string host;
    if (!NormaliseHost(token, &host, nullptr) || !HasKnownTopLevelDomain(host)) continue;
    std::string domain = IcannRegistrableDomain(host);
    if (domain.find('.') == std::string::npos || domain == except) continue;
    return domain;
  }
  return std::string();
}

// True when the name says the sender relays for someone ("jane@acme.com
// via Google Groups"): the service names itself, nothing is disguised.
bool SaysItRelays(std::string_view display_name) {
  return FindNoCase(display_name, " via ", 0) != std::string_view::npos;
}

// Strength kept when every link leads to the domain the name spells.
// A display name that spells a domain dresses the mail as that domain so
// the reader acts on it: follows its links, trusts its page. Mail whose
// every link is on the named domain itself sends the reader where the name
// says, as a shop's offer sent through a mailing house does ("Golfboxx.com"
// from sales@dpi.net linking only www.golfboxx.com); brand phishing links
// elsewhere, to its own page. What remains (a reply, a telephone number)
// is for the other signals, so the claim stays to add to them.
constexpr double kLeadsToNamedDomainFactor = 0.25;

// True when a trusted Authentication-Results says a DKIM signature of
// `named` (or of a host under it) passed: the named domain signed this
// mail itself, as a brand's mailing service signs with the brand's key
// (d=expedia.com on mail from expedia.customer-email.com). A forger
// cannot have the brand's key.
bool SignedByNamedDomain(const ScoringContext& context, std::string_view named) {
  for (const AuthResult& result : context.message().auth_results) {
    if (result.method != "dkim" || result.result != "pass" || result.domain.empty()) continue;
    if (!IsTrustedAuthResult(context, result)) continue;
    if (IcannRegistrableDomain(result.domain) == named) return true;
  }
  return false;
}

// True when the message has links and every one is a web link to `named`
// itself: its own hosts, not a tenant of it (private_domain), not an
// address or a shortener, nor a redirect elsewhere (AddRedirectTargets
// adds the target as a link of its own); no mailto or other scheme, which
// would lead the reply elsewhere; and nothing attached to carry another
// payload. Every link the message holds, not only those judged.
bool LeadsOnlyToNamedDomain(const ScoringContext& context, std::string_view named) {
  const Message& message = context.message();
  if (!message.attachments.empty() || message.links.empty()) return false;
  return std::all_of(message.links.begin(), message.links.end(), [&](const Link& link) {
    const bool web = link.scheme.empty() || link.scheme == "http" || link.scheme == "https";
    return web && link.private_domain == named && !link.shortened && !link.host_is_ip_literal;
  });
}

// Mail clients show the display name, not the address, and a reader takes
// a domain or an address written there for where the mail comes from. An
// organisation's sender names spell its own domain ("Amazon.com" from
// amazon.com) or none; a name spelling another ("Stellar.org Team" from
// comparisonadvantage.com.au, "proton.me" from a stranger's company,
// "service@paypal.com" from anywhere) dresses the sender as a domain it
// is not on. Judged like any claim of identity (SenderClaimStrength): an
// established correspondent may sign with its other domain. Silent when
// the named domain signed the mail (SignedByNamedDomain), weakened when it
// leads only there (LeadsOnlyToNamedDomain).
Status DetectDisplayNameOtherDomain(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty() || context.sender_is_local()) return Status::Ok();
  const std::string& display_name = context.message().from.display_name;
  if (display_name.find('.') == std::string::npos || SaysItRelays(display_name)) {
    return Status::Ok();
  }
  double strength = SenderClaimStrength(context);
  if (strength <= 0) return Status::Ok();
  const std::string& sender_domain = context.sender_registrable_domain();
  const std::string named = DomainSpelledIn(display_name, sender_domain);
  if (named.empty() || SignedByNamedDomain(context, named)) return Status::Ok();
  std::string evidence = "display name " + Quoted(display_name) + " spells the domain " + named +
                         ", but the address " + context.sender() + " is on " + sender_domain +
                         "; from " + DescribeSender(context);
  if (LeadsOnlyToNamedDomain(context, named)) {
    strength *= kLeadsToNamedDomainFactor;
    evidence += "; every link leads to " + named +
                " itself, where the name says the mail comes from (weakened)";
  }
  out->push_back({strength, std::move(evidence), named + ">" + sender_domain});
  return Status::Ok();
}

}  // namespace

Status RegisterDisplayNameOtherDomain(SignalRegistry* registry) {
  return registry->Add({"DISPLAY_NAME_OTHER_DOMAIN", SignalGroup::kLookalike, 30,
                        "the sender's display name spells a domain the address is not on",
                        SignalScope::kInboundOnly, DetectDisplayNameOtherDomain});
}

}  // namespace rapport
