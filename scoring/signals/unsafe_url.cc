#include <string>
#include <string_view>
#include <utility>

#include "base/status.h"
#include "message/ascii.h"
#include "message/link_target.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// A user name that does not read as a host ("subscribe-9@lists.x.com", a
// list address written as a URL) deceives no one.
constexpr double kPlainUserFactor = 0.3;
// A bare IP from a correspondent who writes to the organisation is more
// often its own server than a lure.
constexpr double kKnownSenderIpFactor = 0.5;

// A mailer's click tracker: bulk mail sends each of its links through one
// script on the mailer's own server, which records the click and sends the
// reader on; in 2000-era newsletters that server was often a bare IP. It
// shows in the links themselves: one script serving many of the message's
// links, told by its query which one was clicked
// ("216.32.31.189/tracker/default.asp?r=…", 14-16 links in Expedia's
// newsletters), or a query that names the named site it sends the reader
// on to ("207.49.16.150/ct.cgi?url=http%3a%2f%2fpull.xmr3.com…"). A lure's
// bare IP is the page itself, the one place it sends the reader. Measured
// on the tuning halves, messages with a bare-IP link: the tracker form in
// 0 of phishing_pot's 9 and 1 of Nazario's 204 (a query naming
// www.paypal.com), against the opt-out words this replaces, copied by 4 of
// phishing_pot's 9; on Enron, 6 of the 27, all bulk (newsletters, two copies of
// one forwarded). Copying the form costs an attacker little, so the IP is softened,
// not excused: first contact, new domain and rare links still speak.
constexpr double kClickTrackerFactor = 0.5;
// Links through one script, each with its own query, that make it a tracker.
constexpr size_t kTrackerLinks = 3;

// `link`'s path without its query, and its query.
std::pair<std::string_view, std::string_view> SplitQuery(const Link& link) {
  const std::string_view path = std::string_view(link.path).substr(0, link.path.find('#'));
  const size_t mark = path.find('?');
  if (mark == std::string_view::npos) return {path, {}};
  return {path.substr(0, mark), path.substr(mark + 1)};
}

// The named host a query parameter sends the reader on to
// ("url=http%3a%2f%2fpull.xmr3.com%2f…" names pull.xmr3.com); empty when
// the query names none (or only another bare IP).
std::string DestinationNamedByQuery(std::string_view query) {
  const std::string decoded = PercentDecode(query);
  for (size_t at = 0; (at = decoded.find('=', at)) != std::string::npos; ++at) {
    const std::string_view value = std::string_view(decoded).substr(at + 1);
    if (!StartsWithNoCase(value, "http://") && !StartsWithNoCase(value, "https://")) continue;
    const Link target = LinkNamedByText(value.substr(0, value.find('&')));
    if (!target.host.empty() && !target.host_is_ip_literal) return target.host;
  }
  return {};
}

// How `ip_link` reads as a click tracker, for its evidence; empty when it
// does not (see kClickTrackerFactor).
std::string ClickTrackerEvidence(const ScoringContext& context, const Link& ip_link) {
  const auto [script, query] = SplitQuery(ip_link);
  const std::string destination = DestinationNamedByQuery(query);
  if (!destination.empty()) return "its query sends the reader on to " + destination;
  if (query.empty()) return {};
  size_t served = 0;
  for (const Link* link : context.web_links()) {
    const auto [other_script, other_query] = SplitQuery(*link);
    if (link->host == ip_link.host && other_script == script && !other_query.empty()) ++served;
  }
  if (served < kTrackerLinks) return {};
  return std::to_string(served) + " of the message's links go through " + ip_link.host +
         std::string(script) + ", each with its own query";
}

// The user name of a link's userinfo ("user" of "user:pass").
std::string_view UserName(const Link& link) {
  const std::string_view userinfo = link.userinfo;
  return userinfo.substr(0, userinfo.find(':'));
}

// True when the user part reads as a site name: it has a dot between letters.
bool ReadsAsHost(std::string_view user) {
  size_t dot = user.find('.');
  return dot != std::string_view::npos && dot > 0 && dot + 1 < user.size();
}

// Punycode on a domain the organisation knows well is a real IDN, not a lure.
constexpr double kKnownPunycodeFactor = 0.3;

Status DetectUrlCredentials(const ScoringContext& context, std::vector<Detection>* out) {
  for (const Link* link : context.web_links()) {
    if (!link->has_credentials) continue;
    std::string_view user = UserName(*link);
    bool deceptive = ReadsAsHost(user);
    out->push_back({deceptive ? 1.0 : kPlainUserFactor,
                    "link to " + link->host_unicode + " starts with " + Quoted(user) +
                        " before an @, " +
                        (deceptive ? "which makes it read as another site"
                                   : "a user name hiding where it goes"),
                    link->host});
  }
  return Status::Ok();
}

Status DetectIpLiteralLink(const ScoringContext& context, std::vector<Detection>* out) {
  for (const Link* link : context.web_links()) {
    if (!link->host_is_ip_literal) continue;
    const bool known_sender = context.correspondent_messages() > 0;
    const std::string tracker = ClickTrackerEvidence(context, *link);
    const double strength =
        (known_sender ? kKnownSenderIpFactor : 1.0) * (tracker.empty() ? 1.0 : kClickTrackerFactor);
    out->push_back(
        {strength,
         "link goes to a bare IP address, " + link->host + ", not a named site" +
             (tracker.empty() ? "" : " (read as a mailer's click tracker: " + tracker + ")"),
         link->host});
  }
  return Status::Ok();
}

Status DetectPunycodeLink(const ScoringContext& context, std::vector<Detection>* out) {
  for (const Link* link : context.web_links()) {
    if (!link->host_has_punycode) continue;
    uint64_t messages = 0;
    bool rare = false;
    Status status = IsRareLinkDomain(context, link->icann_domain, &rare, &messages);
    if (!status.ok()) return status;
    out->push_back({rare ? 1.0 : kKnownPunycodeFactor,
                    "link host " + link->host + " is punycode for " + Quoted(link->host_unicode) +
                        ", which can imitate another name",
                    link->icann_domain});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterUnsafeUrl(SignalRegistry* registry) {
  Status status = registry->Add({"URL_CREDENTIALS", SignalGroup::kLink, 40,
                                 "link with user:password@ before the host",
                                 SignalScope::kBothDirections, DetectUrlCredentials});
  if (!status.ok()) return status;
  status = registry->Add({"IP_LITERAL_LINK", SignalGroup::kLink, 30, "link to a bare IP address",
                          SignalScope::kBothDirections, DetectIpLiteralLink});
  if (!status.ok()) return status;
  return registry->Add({"PUNYCODE_LINK", SignalGroup::kLink, 25,
                        "link host in punycode (internationalised name)",
                        SignalScope::kBothDirections, DetectPunycodeLink});
}

}  // namespace rapport
