#include "cli/verdict_report.h"

#include <fmt/format.h>

#include <ostream>

#include "cli/format.h"

namespace rapport {
namespace {

using nlohmann::json;

const char* LinkSourceName(LinkSource source) {
  switch (source) {
    case LinkSource::kHtmlAnchor:
      return "a";
    case LinkSource::kHtmlArea:
      return "area";
    case LinkSource::kHtmlForm:
      return "form";
    case LinkSource::kPlainText:
      return "text";
    case LinkSource::kHtmlRedirect:
      return "redirect";
    case LinkSource::kPdfAction:
      return "pdf";
  }
  return "?";
}

// What a link's text shows a reader, for the links table.
std::string ShownText(const Link& link) {
  if (link.wraps_image && link.visible_text.empty()) return "[image]";
  if (link.visible_text.empty() && !link.attachment.empty()) return "(in " + link.attachment + ")";
  if (link.visible_text.empty()) return link.source == LinkSource::kPlainText ? "(plain URL)" : "";
  return link.wraps_image ? "[image] " + link.visible_text : link.visible_text;
}

}  // namespace

json LinksJson(const Message& message) {
  json links = json::array();
  for (const Link& link : message.links) {
    links.push_back({{"source", LinkSourceName(link.source)},
                     {"visible_text", link.visible_text},
                     {"wraps_image", link.wraps_image},
                     {"url", link.url},
                     {"host", link.host},
                     {"host_unicode", link.host_unicode},
                     {"icann_domain", link.icann_domain},
                     {"private_domain", link.private_domain},
                     {"redirected_via", link.redirected_via},
                     {"attachment", link.attachment}});
  }
  return links;
}

json VerdictSummaryJson(const Message& message, const Verdict& verdict) {
  json names = json::array();
  for (const SignalHit& hit : verdict.signals) names.push_back(hit.name);
  json summary = {{"message_id", message.message_id},
                  {"date", message.date ? FormatTime(*message.date) : std::string()},
                  {"from", message.from.address},
                  {"score", verdict.score},
                  {"action", ActionName(verdict.action)},
                  {"signals", std::move(names)}};
  if (verdict.policy.has_value()) {
    summary["policy"] = {{"list", PolicyListName(verdict.policy->list)},
                         {"entry", verdict.policy->entry},
                         {"origin", verdict.policy->origin}};
  }
  return summary;
}

json SignalEvidenceJson(const Verdict& verdict) {
  json evidence = json::object();
  for (const SignalHit& hit : verdict.signals) evidence[hit.name] = hit.evidence;
  return evidence;
}

json VerdictDetailJson(const Message& message, const Verdict& verdict) {
  json detail = VerdictSummaryJson(message, verdict);
  detail["subject"] = message.subject;
  json hits = json::array();
  for (const SignalHit& hit : verdict.signals) {
    hits.push_back({{"name", hit.name},
                    {"weight", hit.weight},
                    {"strength", hit.strength},
                    {"surprise", hit.surprise},
                    {"contribution", hit.contribution},
                    {"evidence", hit.evidence},
                    {"context", hit.context}});
  }
  detail["signal_details"] = std::move(hits);
  detail["links"] = LinksJson(message);
  return detail;
}

void PrintLinks(std::ostream& out, const Message& message) {
  if (message.links.empty()) return;
  out << "links (what the reader sees -> where it goes):\n";
  for (const Link& link : message.links) {
    // A redirect's target reads "redirector -> destination", so that the
    // reader of the table sees which link it came from.
    const std::string via = link.redirected_via.empty() ? "" : link.redirected_via + " -> ";
    out << fmt::format("  {:<40} -> {}{}  [{}]\n", ShownText(link), via, link.url,
                       link.private_domain.empty() ? link.host : link.private_domain);
  }
}

void PrintVerdict(std::ostream& out, const Message& message, const Verdict& verdict) {
  out << fmt::format("score {} -> {}\n", verdict.score, ActionName(verdict.action));
  if (verdict.policy.has_value()) {
    const PolicyMatch& policy = *verdict.policy;
    out << fmt::format(
        "decided by policy: {} entry '{}' ({}): {}\n", PolicyListName(policy.list), policy.entry,
        policy.origin,
        IsTrusted(policy.list) ? "trusted, never tagged, held or rejected" : "blocked");
  }
  out << fmt::format("from {}  subject \"{}\"  message-id {}\n", message.from.address,
                     message.subject, message.message_id);
  if (verdict.signals.empty()) out << "no signal fired: nothing here is out of character\n";
  for (const SignalHit& hit : verdict.signals) {
    out << fmt::format("  {:<28} +{:5.1f}  (weight {:g}, strength {:.2f}, surprise x{:.2f})\n",
                       hit.name, hit.contribution, hit.weight, hit.strength, hit.surprise);
    out << "      " << hit.evidence << "\n";
  }
  PrintLinks(out, message);
}

}  // namespace rapport
