// rapportctl sender ADDRESS and rapportctl domain NAME: what history knows.

#include <fmt/format.h>

#include <iostream>
#include <nlohmann/json.hpp>
#include <string>
#include <vector>

#include "cli/command.h"
#include "cli/format.h"
#include "cli/store_access.h"
#include "message/domain_names.h"

namespace rapport {
namespace {

using nlohmann::json;

constexpr size_t kListLimit = 20;

struct AttributeSection {
  SenderAttributeKind kind;
  const char* key;    // JSON member
  const char* title;  // text heading
};

// The kinds kept on a sender's key (an address or a domain). The domains
// sending from a network (kSendingDomain) are kept on the network's key,
// which neither command takes, and payment coordinates are not shown.
const AttributeSection kAttributeSections[] = {
    {SenderAttributeKind::kLinkDomain, "link_domains", "link domains shared"},
    {SenderAttributeKind::kDisplayName, "display_names", "display names"},
    {SenderAttributeKind::kMailer, "mailers", "mailers"},
    {SenderAttributeKind::kInfrastructure, "infrastructure", "sending infrastructure"},
    {SenderAttributeKind::kReplyToDomain, "reply_to_domains", "reply-to domains"},
    {SenderAttributeKind::kMailingList, "mailing_lists", "mailing lists delivered"},
    {SenderAttributeKind::kStaffCorrespondent, "staff_correspondents", "staff who wrote to it"},
};

json ProfileJson(const SenderProfile& p) {
  return {{"first_seen", FormatTime(p.first_seen)},
          {"last_seen", FormatTime(p.last_seen)},
          {"days_known", DaysBetween(p.first_seen, p.last_seen)},
          {"active_days", p.active_days},
          {"messages_sent", p.messages_sent},
          {"messages_received", p.messages_received},
          {"recipients_per_message",
           p.messages_sent == 0 ? 0.0 : double(p.recipients_total) / double(p.messages_sent)},
          {"max_recipients", p.max_recipients},
          {"hidden_recipient_messages", p.hidden_recipient_messages}};
}

// `senders`: who linked it, as ListLinkDomainSenders() lists them.
json LinkDomainJson(const LinkDomainStats& d, const std::vector<std::string>& senders) {
  return {{"first_seen", FormatTime(d.first_seen)},
          {"last_seen", FormatTime(d.last_seen)},
          {"messages", d.messages},
          {"distinct_senders", d.distinct_senders},
          {"distinct_recipients", d.distinct_recipients},
          {"outbound_messages", d.outbound_messages},
          {"outbound_senders", d.outbound_senders},
          {"senders", senders}};
}

// Fills `report` with everything known of a sender key; returns a store
// failure, never NotFound (absence is reported as "known": false).
Status DescribeSender(const HistoryReader& history, const std::string& key, json* report) {
  SenderProfile profile;
  Status s = history.GetSenderProfile(key, &profile);
  if (!s.ok() && !s.IsNotFound()) return s;
  (*report)["known"] = s.ok();
  if (s.ok()) (*report)["profile"] = ProfileJson(profile);

  for (const AttributeSection& section : kAttributeSections) {
    std::vector<std::pair<std::string, SenderAttributeStats>> values;
    s = history.ListSenderAttributes(key, section.kind, kListLimit, &values);
    if (!s.ok() && !s.IsNotFound()) return s;
    json list = json::array();
    for (const auto& [value, stats] : values) {
      list.push_back({{"value", value},
                      {"messages", stats.messages},
                      {"first_seen", FormatTime(stats.first_seen)},
                      {"last_seen", FormatTime(stats.last_seen)}});
    }
    (*report)[section.key] = std::move(list);
  }
  return Status::Ok();
}

Status DescribeRelationships(const HistoryReader& history, const std::string& address,
                             json* report) {
  std::vector<std::pair<std::string, Relationship>> relationships;
  Status s = history.ListRelationships(address, kListLimit, &relationships);
  if (!s.ok() && !s.IsNotFound()) return s;
  json list = json::array();
  for (const auto& [internal, r] : relationships) {
    list.push_back({{"internal", internal},
                    {"inbound_messages", r.inbound_messages},
                    {"outbound_messages", r.outbound_messages},
                    {"first_seen", FormatTime(r.first_seen)},
                    {"last_seen", FormatTime(r.last_seen)}});
  }
  (*report)["relationships"] = std::move(list);
  return Status::Ok();
}

void PrintProfile(std::ostream& out, const json& report) {
  if (!report["known"].get<bool>()) {
    out << "  never seen as a correspondent\n";
    return;
  }
  const json& p = report["profile"];
  out << fmt::format("  first seen {}, last seen {} ({} days, active on {})\n",
                     p["first_seen"].get<std::string>(), p["last_seen"].get<std::string>(),
                     p["days_known"].get<int64_t>(), p["active_days"].get<uint64_t>());
  out << fmt::format(
      "  messages from it: {}, to it from the organisation: {}\n"
      "  recipients per message: {:.1f} on average, {} at most; {} with hidden recipients\n",
      p["messages_sent"].get<uint64_t>(), p["messages_received"].get<uint64_t>(),
      p["recipients_per_message"].get<double>(), p["max_recipients"].get<uint64_t>(),
      p["hidden_recipient_messages"].get<uint64_t>());
}

void PrintAttributes(std::ostream& out, const json& report) {
  for (const AttributeSection& section : kAttributeSections) {
    const json& list = report[section.key];
    if (list.empty()) continue;
    out << "  " << section.title << ":\n";
    for (const json& item : list) {
      out << fmt::format("    {:<40} {:>6} messages, {} .. {}\n", item["value"].get<std::string>(),
                         item["messages"].get<uint64_t>(), item["first_seen"].get<std::string>(),
                         item["last_seen"].get<std::string>());
    }
  }
}

void PrintRelationships(std::ostream& out, const json& report) {
  if (!report.contains("relationships") || report["relationships"].empty()) return;
  const json& list = report["relationships"];
  out << "  relationships (internal address: messages in / out):\n";
  for (const json& item : list) {
    out << fmt::format(
        "    {:<40} {:>5} in {:>5} out, {} .. {}\n", item["internal"].get<std::string>(),
        item["inbound_messages"].get<uint64_t>(), item["outbound_messages"].get<uint64_t>(),
        item["first_seen"].get<std::string>(), item["last_seen"].get<std::string>());
  }
}

void PrintLinkDomain(std::ostream& out, const json& report) {
  if (!report.contains("link_domain")) return;
  const json& d = report["link_domain"];
  out << fmt::format(
      "  as a link domain: {} messages from {} senders to {} recipients ({} outbound, "
      "from {} staff), {} .. {}\n",
      d["messages"].get<uint64_t>(), d["distinct_senders"].get<uint64_t>(),
      d["distinct_recipients"].get<uint64_t>(), d["outbound_messages"].get<uint64_t>(),
      d["outbound_senders"].get<uint64_t>(), d["first_seen"].get<std::string>(),
      d["last_seen"].get<std::string>());
  const json& senders = d["senders"];
  if (senders.empty()) return;
  std::string listed;
  for (const json& sender : senders) {
    listed += (listed.empty() ? "" : ", ") + sender.get<std::string>();
  }
  const uint64_t counted = d["distinct_senders"].get<uint64_t>();
  out << fmt::format(
      "    senders: {}{}\n", listed,
      counted > senders.size() ? fmt::format(", … ({} listed)", senders.size()) : "");
}

int Emit(const CliContext& context, const std::string& title, const json& report) {
  std::ostream& out = *context.out;
  if (context.json) {
    out << report.dump(2) << "\n";
    return kExitOk;
  }
  out << title << "\n";
  PrintProfile(out, report);
  PrintLinkDomain(out, report);
  PrintRelationships(out, report);
  PrintAttributes(out, report);
  return kExitOk;
}

// One positional argument, or a usage error.
bool OneArgument(const CliContext& context, const std::vector<std::string>& args,
                 const char* usage) {
  if (args.size() == 1 && args[0] != "--help") return true;
  *context.err << "usage: rapportctl " << usage << "\n";
  return false;
}

}  // namespace

int RunSender(const CliContext& context, const std::vector<std::string>& args) {
  if (!OneArgument(context, args, "sender ADDRESS [--json]")) return kExitUsage;
  const std::string address = NormaliseAddress(args[0]);
  if (address.empty()) {
    return Fail(context,
                fmt::format("'{}' is not an email address (expected local@domain)", args[0]));
  }
  std::unique_ptr<HistoryStore> store;
  Status s = OpenHistory(context.config, StoreUse::kRead, &store);
  if (!s.ok()) return Fail(context, s.message());

  json report = {{"address", address}};
  s = DescribeSender(*store, address, &report);
  if (s.ok()) s = DescribeRelationships(*store, address, &report);
  if (!s.ok()) return Fail(context, s.message());
  return Emit(context, "sender " + address, report);
}

int RunDomain(const CliContext& context, const std::vector<std::string>& args) {
  if (!OneArgument(context, args, "domain NAME [--json]")) return kExitUsage;
  std::string domain;
  if (!NormaliseHost(args[0], &domain, nullptr)) {
    return Fail(context, fmt::format("'{}' is not a domain name", args[0]));
  }
  std::unique_ptr<HistoryStore> store;
  Status s = OpenHistory(context.config, StoreUse::kRead, &store);
  if (!s.ok()) return Fail(context, s.message());

  json report = {{"domain", domain}};
  s = DescribeSender(*store, domain, &report);
  if (!s.ok()) return Fail(context, s.message());
  LinkDomainStats link_domain;
  s = store->GetLinkDomain(domain, &link_domain);
  if (!s.ok() && !s.IsNotFound()) return Fail(context, s.message());
  if (s.ok()) {
    // Who linked it, as FIRST_FILESHARE_DOMAIN reads them to tell one
    // partner's use from the organisation's.
    std::vector<std::string> senders;
    s = store->ListLinkDomainSenders(domain, kListLimit, &senders);
    if (!s.ok()) return Fail(context, s.message());
    report["link_domain"] = LinkDomainJson(link_domain, senders);
  }
  return Emit(context, "domain " + domain, report);
}

}  // namespace rapport
