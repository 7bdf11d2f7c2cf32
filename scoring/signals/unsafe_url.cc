#include <array>
#include <optional>
#include <string_view>

#include "base/status.h"
#include "message/ascii.h"
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

// Bulk mail offers its reader a way out (the practice the CAN-SPAM Act
// made law); a bare IP there is most often the mailer's click-tracking
// server. Phishing seldom offers one: 6 of the 638 Nazario phishing
// messages with a bare-IP link do (1%), against 8 of the 27 Enron messages
// with one, all bulk (newsletters, list mail, forwarded advertisements).
// Modern phishing copies it more (10 of 18 in the phishing_pot sample), so
// the IP is softened, not excused: first contact, new domain and rare links
// still speak.
constexpr double kOptOutFactor = 0.5;
constexpr std::array<std::string_view, 4> kOptOutPhrases = {"unsubscribe", "be removed from",
                                                            "opt out", "opt-out"};

// True when the message's text offers the reader a way to stop the mail.
bool OffersOptOut(const Message& message) {
  for (std::string_view phrase : kOptOutPhrases) {
    if (FindNoCase(message.text_body, phrase, 0) != std::string_view::npos ||
        FindNoCase(message.html_body, phrase, 0) != std::string_view::npos) {
      return true;
    }
  }
  return false;
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
  std::optional<bool> opt_out;  // read once, and only for a message with a bare IP
  for (const Link* link : context.web_links()) {
    if (!link->host_is_ip_literal) continue;
    if (!opt_out) opt_out = OffersOptOut(context.message());
    const bool known_sender = context.correspondent_messages() > 0;
    const double strength =
        (known_sender ? kKnownSenderIpFactor : 1.0) * (*opt_out ? kOptOutFactor : 1.0);
    out->push_back({strength,
                    "link goes to a bare IP address, " + link->host + ", not a named site" +
                        (*opt_out ? " (in mail that offers an opt-out, as bulk mail does: most "
                                    "often its click tracker)"
                                  : ""),
                    link->host});
  }
  return Status::Ok();
}

Status DetectPunycodeLink(const ScoringContext& context, std::vector<Detection>* out) {
  for (const Link* link : context.web_links()) {
    if (!link->host_has_punycode) continue;
    uint64_t messages = 0;
    bool outbound = false;
    Status status = OrgWideLinkMessages(context, link->icann_domain, &messages, &outbound);
    if (!status.ok()) return status;
    bool known = outbound || messages >= kRareLinkMessages;
    out->push_back({known ? kKnownPunycodeFactor : 1.0,
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
