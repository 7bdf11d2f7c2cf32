// rapportctl held: review of the mail rapport-milter put in the MTA's hold
// queue.
//
// Store access: RocksDB admits one writer process. While rapport-milter
// runs it holds the store and serves its admin socket (Config::admin_socket,
// default state_dir/admin.sock, mode 0660, owned by the service user);
// rapportctl then sends the store operations there (admin/admin_client.h).
// When no daemon listens, rapportctl opens the store itself. MTA commands
// ([mta] in rapport.conf) are run by rapportctl, without a shell, before the
// record changes.

#include <fmt/format.h>

#include <algorithm>
#include <ctime>
#include <functional>
#include <iostream>
#include <nlohmann/json.hpp>
#include <optional>

#include "admin/admin_protocol.h"
#include "cli/command.h"
#include "cli/format.h"
#include "cli/held_mta.h"
#include "cli/held_review.h"
#include "cli/policy_admin.h"
#include "cli/store_access.h"
#include "message/parser.h"
#include "message/utf8.h"

namespace rapport {
namespace {

using nlohmann::json;

constexpr size_t kExcerptBytes = 2000;

constexpr const char* kUsage =
    "usage: rapportctl held list [--since AGE] [--min-score N] [--signal NAME] [--all] [--json]\n"
    "       rapportctl held show ID [--json]\n"
    "       rapportctl held release ID... [--no-learn] [--trust-sender] [--json]\n"
    "       rapportctl held delete ID... [--json]\n"
    "       rapportctl held report ID... [--block-sender] [--json]\n"
    "       rapportctl held purge --older-than AGE [--json]\n"
    "       rapportctl held digest [--since AGE] [--to ADDRESS...] [--dry-run] [--if-configured]\n"
    "AGE is a number with s, m, h, d or w (e.g. 24h, 30d).";

int Usage(const CliContext& context) {
  *context.err << kUsage << "\n";
  return kExitUsage;
}

std::string TopSignals(const HeldMessage& held) {
  std::string text;
  for (const HeldSignal* signal : StrongestSignals(held, kTopSignals)) {
    text += (text.empty() ? "" : ",") + signal->name;
  }
  return text;
}

std::string Clip(const std::string& text, size_t width) {
  if (text.size() <= width) return text;
  return text.substr(0, Utf8Prefix(text, width - 1)) + "~";
}

std::string JoinRecipients(const std::vector<std::string>& rcpt) {
  std::string text;
  for (const std::string& r : rcpt) text += (text.empty() ? "" : ",") + r;
  return text;
}

int RunList(const CliContext& context, AdminOperations* admin,
            const std::vector<std::string>& args) {
  HeldFilter filter;
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    const bool has_value = i + 1 < args.size();
    if (arg == "--since" && has_value) {
      if (!ParseAge(args[++i], &filter.since_seconds)) {
        return Fail(context, "--since: '" + args[i] + "' is not an age like 24h or 7d");
      }
    } else if (arg == "--min-score" && has_value) {
      try {
        filter.min_score = std::stoi(args[++i]);
      } catch (const std::exception&) {
        return Fail(context, "--min-score: '" + args[i] + "' is not a number");
      }
    } else if (arg == "--signal" && has_value) {
      filter.signal = args[++i];
    } else if (arg == "--all") {
      filter.all = true;
    } else {
      return Usage(context);
    }
  }
  std::vector<HeldMessage> records;
  Status status = admin->ListHeld(&records);
  if (!status.ok()) return Fail(context, status.message());
  const std::vector<HeldMessage> kept = FilterHeld(records, filter, std::time(nullptr));
  std::ostream& out = *context.out;
  // In a cluster each gateway holds mail in its own MTA queue and lists it
  // from its own store: say which gateway this is.
  const std::string& node = context.config.cluster.node;
  if (context.json) {
    json list = json::array();
    for (const HeldMessage& held : kept) {
      list.push_back(HeldToJson(held));
      if (!node.empty()) list.back()["node"] = node;
    }
    out << list.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  if (!node.empty()) out << "held on node " << node << "\n";
  out << fmt::format("{:<14} {:<19} {:<28} {:<24} {:<30} {:>5}  {}\n", "ID", "RECEIVED", "FROM",
                     "TO", "SUBJECT", "SCORE", "TOP SIGNALS");
  for (const HeldMessage& held : kept) {
    out << fmt::format(
        "{:<14} {:<19} {:<28} {:<24} {:<30} {:>5}  {}{}\n", held.queue_id,
        FormatTime(held.received_at), Clip(held.from, 28), Clip(JoinRecipients(held.rcpt_to), 24),
        Clip(held.subject, 30), held.score, TopSignals(held),
        held.status == HeldStatus::kHeld ? ""
                                         : std::string(" (") + HeldStatusName(held.status) + ")");
  }
  if (kept.empty()) out << "(no held mail)\n";
  return kExitOk;
}

// Headers worth an admin's eye, and a text excerpt, of the queued message.
void DescribeQueued(const HeldMessage& held, const std::string& raw, const ParseOptions& parse,
                    json* report) {
  Envelope envelope;
  envelope.queue_id = held.queue_id;
  Message message;
  if (raw.empty() || !ParseMessage(raw, envelope, parse, &message).ok()) {
    (*report)["excerpt"] = "";
    return;
  }
  json headers = json::object();
  headers["From"] = message.from.display_name.empty()
                        ? message.from.address
                        : message.from.display_name + " <" + message.from.address + ">";
  json reply_to = json::array();
  for (const MailAddress& a : message.reply_to) reply_to.push_back(a.address);
  headers["Reply-To"] = reply_to;
  headers["Subject"] = message.subject;
  headers["Date"] = message.date ? FormatTime(*message.date) : "-";
  (*report)["headers"] = std::move(headers);
  const std::string& text = message.text_body.empty() ? message.html_body : message.text_body;
  (*report)["excerpt"] = Clip(text, kExcerptBytes);
}

// Each link's domain as the organisation knew it: a read-only view of the
// store, which works beside the daemon. Held mail is not learned, so this is
// the history the milter scored the message against. Without a readable
// store the links go without history.
void AddLinkHistory(const Config& config, json* report) {
  std::unique_ptr<HistoryStore> store;
  if (!OpenHistory(config, StoreUse::kRead, &store).ok()) return;
  for (json& link : (*report)["links"]) {
    LinkDomainStats stats;
    const Status status = store->GetLinkDomain(link["domain"].get<std::string>(), &stats);
    if (status.IsNotFound()) {
      link["history"] = {{"messages", 0}};
    } else if (status.ok()) {
      link["history"] = {{"messages", stats.messages},
                         {"distinct_senders", stats.distinct_senders},
                         {"first_seen", FormatTime(stats.first_seen)}};
    }
  }
}

std::string LinkHistoryText(const json& link) {
  if (!link.contains("history")) return link["domain"].get<std::string>();
  const json& h = link["history"];
  if (h["messages"].get<uint64_t>() == 0) {
    return link["domain"].get<std::string>() + ": never received before";
  }
  return fmt::format("{}: {} messages from {} senders since {}", link["domain"].get<std::string>(),
                     h["messages"].get<uint64_t>(), h["distinct_senders"].get<uint64_t>(),
                     h["first_seen"].get<std::string>());
}

int RunShow(const CliContext& context, AdminOperations* admin,
            const std::vector<std::string>& args) {
  if (args.size() != 2) return Usage(context);
  CommandMtaQueue mta(context.config.mta);
  HeldReview review(admin, &mta, context.config.local_domains);
  HeldMessage held;
  std::string raw;
  Status status = review.Show(args[1], &held, &raw);
  if (!status.ok()) return Fail(context, status.message());
  json report = HeldToJson(held);
  DescribeQueued(held, raw, context.config.parse, &report);
  AddLinkHistory(context.config, &report);
  std::vector<AuditRecord> history;
  status = ReviewHistory(admin, held.queue_id, &history);
  if (!status.ok()) return Fail(context, status.message());
  report["audit"] = json::array();
  for (const AuditRecord& record : history) report["audit"].push_back(AuditToJson(record));
  std::ostream& out = *context.out;
  if (context.json) {
    out << report.dump(2, ' ', false, json::error_handler_t::replace) << "\n";
    return kExitOk;
  }
  out << fmt::format("held message {} ({}), score {}\n", held.queue_id, HeldStatusName(held.status),
                     held.score);
  out << fmt::format("  received   {}\n  mail from  {}\n  rcpt to    {}\n",
                     FormatTime(held.received_at), held.mail_from, JoinRecipients(held.rcpt_to));
  if (report.contains("headers")) {
    for (const auto& [name, value] : report["headers"].items()) {
      const std::string text = value.is_array()
                                   ? JoinRecipients(value.get<std::vector<std::string>>())
                                   : value.get<std::string>();
      if (!text.empty()) out << fmt::format("  {:<10} {}\n", name, text);
    }
  }
  out << "signals:\n";
  for (const HeldSignal& s : held.signals) {
    out << fmt::format("  {:>5.1f}  {:<30} (weight {:.0f}) {}\n", s.contribution, s.name, s.weight,
                       s.evidence);
  }
  if (!report["links"].empty()) {
    out << "links (visible text -> real target):\n";
    for (const json& l : report["links"]) {
      const std::string visible = l["visible_text"].get<std::string>();
      out << fmt::format("  {} -> {}\n      [{}]\n",
                         visible.empty() ? "(bare link)" : Clip(visible, 40),
                         l["url"].get<std::string>(), LinkHistoryText(l));
    }
  }
  if (held.status == HeldStatus::kHeld) {
    out << "text excerpt:\n" << report["excerpt"].get<std::string>() << "\n";
  }
  out << "history:\n";
  for (const AuditRecord& record : history) out << "  " << AuditLine(record) << "\n";
  if (history.empty()) out << "  (no action recorded)\n";
  return kExitOk;
}

// Applies one action to each id, audited as `action`; every failure is a
// line of its own. With `sender_list`, a done action also adds the
// message's sender to that list of the store.
int RunOnEach(const CliContext& context, AdminOperations* admin,
              const std::vector<std::string>& ids, const char* action, const char* done,
              std::optional<PolicyList> sender_list, int64_t now,
              const std::function<Status(HeldReview&, const std::string&)>& act) {
  if (ids.empty()) return Usage(context);
  CommandMtaQueue mta(context.config.mta);
  HeldReview review(admin, &mta, context.config.local_domains);
  json results = json::array();
  int code = kExitOk;
  for (const std::string& id : ids) {
    Status status = Audited(admin, action, id, act(review, id), now);
    std::vector<std::string> listed;
    if (status.ok() && sender_list.has_value()) {
      status = review.ListSender(id, *sender_list, now, &listed);
    }
    results.push_back({{"queue_id", id},
                       {"ok", status.ok()},
                       {"error", status.message()},
                       {"policy_added", listed}});
    if (!status.ok()) {
      code = Fail(context, status.message());
    } else if (!context.json) {
      *context.out << id << ": " << done;
      for (const std::string& target : listed) *context.out << ", " << target << " added";
      *context.out << "\n";
    }
  }
  if (context.json) *context.out << results.dump(2) << "\n";
  return code;
}

int RunPurge(const CliContext& context, AdminOperations* admin,
             const std::vector<std::string>& args) {
  int64_t older_than = 0;
  if (args.size() != 3 || args[1] != "--older-than" || !ParseAge(args[2], &older_than)) {
    return Usage(context);
  }
  CommandMtaQueue mta(context.config.mta);
  HeldReview review(admin, &mta, context.config.local_domains);
  std::vector<std::string> purged;
  const int64_t now = std::time(nullptr);
  Status status = review.Purge(older_than, now, &purged);
  for (const std::string& id : purged) {
    const Status audited = Audited(admin, "purge", id, Status::Ok(), now);
    if (status.ok()) status = audited;
  }
  if (context.json) {
    *context.out << json({{"purged", purged}}).dump(2) << "\n";
  } else {
    *context.out << purged.size() << " record(s) purged\n";
  }
  return status.ok() ? kExitOk : Fail(context, status.message());
}

}  // namespace

int RunHeld(const CliContext& context, const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help") return Usage(context);
  const std::string& verb = args[0];
  if (verb == "digest") return RunHeldDigest(context, args);
  std::vector<std::string> ids;
  bool learn = true;
  std::optional<PolicyList> sender_list;
  for (size_t i = 1; i < args.size(); ++i) {
    if (args[i] == "--no-learn" && verb == "release") {
      learn = false;
    } else if (args[i] == "--trust-sender" && verb == "release") {
      sender_list = PolicyList::kTrustedSenders;
    } else if (args[i] == "--block-sender" && verb == "report") {
      sender_list = PolicyList::kBlockedSenders;
    } else {
      ids.push_back(args[i]);
    }
  }
  const bool acts = verb == "release" || verb == "delete" || verb == "report";
  if (verb != "list" && verb != "show" && verb != "purge" && !acts) return Usage(context);
  if (acts && (ids.empty() || ids.front().rfind("--", 0) == 0)) return Usage(context);

  std::unique_ptr<AdminOperations> admin;
  std::unique_ptr<HistoryStore> store;
  Status status = OpenAdmin(context.config, &admin, &store);
  if (!status.ok()) return Fail(context, status.message());
  if (verb == "list") return RunList(context, admin.get(), args);
  if (verb == "show") return RunShow(context, admin.get(), args);
  if (verb == "purge") return RunPurge(context, admin.get(), args);
  const int64_t now = std::time(nullptr);
  if (verb == "release") {
    return RunOnEach(
        context, admin.get(), ids, "release", learn ? "released and learned" : "released",
        sender_list, now,
        [&](HeldReview& r, const std::string& id) { return r.Release(id, learn, now); });
  }
  if (verb == "delete") {
    return RunOnEach(context, admin.get(), ids, "delete", "deleted", std::nullopt, now,
                     [&](HeldReview& r, const std::string& id) { return r.Delete(id, now); });
  }
  return RunOnEach(context, admin.get(), ids, "report", "reported and deleted", sender_list, now,
                   [&](HeldReview& r, const std::string& id) { return r.Report(id, now); });
}

}  // namespace rapport
