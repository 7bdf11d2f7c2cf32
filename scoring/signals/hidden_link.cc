#include <array>

#include "base/status.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// Link texts that say nothing about where they lead, as phishing uses them.
constexpr std::array<std::string_view, 40> kGenericTexts = {"view document",
                                                            "view documents",
                                                            "view the document",
                                                            "open document",
                                                            "open the document",
                                                            "review document",
                                                            "review the document",
                                                            "access document",
                                                            "view file",
                                                            "open file",
                                                            "access file",
                                                            "view shared file",
                                                            "view pdf",
                                                            "download pdf",
                                                            "download",
                                                            "download now",
                                                            "download file",
                                                            "open",
                                                            "review",
                                                            "view",
                                                            "click here",
                                                            "here",
                                                            "click",
                                                            "view now",
                                                            "review now",
                                                            "sign document",
                                                            "review and sign",
                                                            "view message",
                                                            "view invoice",
                                                            "view statement",
                                                            "view attachment",
                                                            "open attachment",
                                                            "view proposal",
                                                            "access now",
                                                            "sign in",
                                                            "log in",
                                                            "login",
                                                            "verify",
                                                            "verify now",
                                                            "play voicemail"};

constexpr size_t kNewsletterLinks = 15;
constexpr double kNewsletterFactor = 0.5;

// The visible text lower-cased, trimmed of spaces and surrounding punctuation.
std::string NormalisedText(std::string_view text) {
  std::string out;
  for (char c : text.substr(0, 64)) {
    out.push_back((c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c);
  }
  auto trim = [](char c) {
    return c == ' ' || c == '>' || c == '<' || c == '.' || c == '!' || c == ':' || c == '[' ||
           c == ']' || c == '"' || c == '-' || c == '|';
  };
  size_t begin = 0;
  while (begin < out.size() && trim(out[begin])) ++begin;
  size_t end = out.size();
  while (end > begin && trim(out[end - 1])) --end;
  return out.substr(begin, end - begin);
}

bool IsGenericText(std::string_view text) {
  std::string normalised = NormalisedText(text);
  for (std::string_view generic : kGenericTexts) {
    if (normalised == generic) return true;
  }
  return false;
}

// True when another link of the message shows `link`'s host as its own
// text and goes there ("<a href=http://www.x.com>www.x.com</a>"): the
// message names where the image or the "click here" leads, as a
// newsletter's masthead links the site its text names beside it. Never
// for a shortened link: a shortener's host names no target.
bool HostShownElsewhere(const ScoringContext& context, const Link& link) {
  if (link.shortened) return false;
  for (const Link* other : context.web_links()) {
    if (other != &link && other->host == link.host && other->text_host == other->host) return true;
  }
  return false;
}

// True when a link leads somewhere the reader cannot judge: not ours, not
// a known sender's own site (LinksOwnSite: a fresh domain's "View
// Document" to itself tells the reader no more than to any other new
// site), not a host the message shows elsewhere (HostShownElsewhere), and
// rare organisation-wide (a shortened link: through a shortener the
// sender rarely used, IsRareLinkSite).
Status LeadsSomewhereNew(const ScoringContext& context, const Link& link, bool* out) {
  *out = false;
  if (link.icann_domain.empty() || HostShownElsewhere(context, link)) return Status::Ok();
  bool own = false;
  Status status = LinksOwnSite(context, link, &own);
  if (!status.ok() || own) return status;
  uint64_t messages = 0;
  return IsRareLinkSite(context, link, link.icann_domain, out, &messages);
}

// Why the reader cannot judge where a link LeadsSomewhereNew goes.
std::string WhyUnjudged(const Link& link) {
  return link.shortened ? DescribeHiddenTarget(link) : "a domain rare in the organisation";
}

// Newsletters wrap every picture and every "click here" in a link; a lure
// has few links. Messages with this many links are judged at a discount.
double NewsletterFactor(const ScoringContext& context) {
  return context.web_links().size() >= kNewsletterLinks ? kNewsletterFactor : 1.0;
}

Status DetectImageLink(const ScoringContext& context, std::vector<Detection>* out) {
  double factor = NewsletterFactor(context);
  for (const Link* link : context.web_links()) {
    if (!link->wraps_image || !NormalisedText(link->visible_text).empty()) continue;
    bool leads_somewhere_new = false;
    Status status = LeadsSomewhereNew(context, *link, &leads_somewhere_new);
    if (!status.ok()) return status;
    if (!leads_somewhere_new) continue;
    out->push_back({factor,
                    "an image is the only thing shown for a link to " + link->host_unicode +
                        LinkOrigin(*link) + ", " + WhyUnjudged(*link),
                    link->icann_domain});
  }
  return Status::Ok();
}

Status DetectGenericLinkText(const ScoringContext& context, std::vector<Detection>* out) {
  double factor = NewsletterFactor(context);
  for (const Link* link : context.web_links()) {
    if (!IsGenericText(link->visible_text)) continue;
    bool leads_somewhere_new = false;
    Status status = LeadsSomewhereNew(context, *link, &leads_somewhere_new);
    if (!status.ok()) return status;
    if (!leads_somewhere_new) continue;
    out->push_back({factor,
                    "the link text " + Quoted(link->visible_text) + " hides where it goes: " +
                        link->host_unicode + LinkOrigin(*link) + ", " + WhyUnjudged(*link),
                    link->icann_domain});
  }
  return Status::Ok();
}

}  // namespace

Status RegisterHiddenLink(SignalRegistry* registry) {
  Status status =
      registry->Add({"IMAGE_LINK", SignalGroup::kLink, 35,
                     "link to a rare domain hidden behind an image", SignalScope::kInboundOnly,
                     DetectImageLink, BaseRatePopulation::kInbound, /*sender_novelty=*/false,
                     /*link_presentation=*/true});
  if (!status.ok()) return status;
  return registry->Add({"GENERIC_LINK_TEXT", SignalGroup::kLink, 20,
                        "link to a rare domain behind generic text such as \"View Document\"",
                        SignalScope::kInboundOnly, DetectGenericLinkText,
                        BaseRatePopulation::kInbound, /*sender_novelty=*/false,
                        /*link_presentation=*/true});
}

}  // namespace rapport
