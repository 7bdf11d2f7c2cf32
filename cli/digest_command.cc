// rapportctl held digest: mails the admins a summary of the mail still
// held, and with [digest] notify_recipients each local recipient a notice.
//
// It only reads the store, through a read-only view that works beside the
// running daemon (StoreUse::kRead), so the timer's service needs no admin
// socket. Mail goes out through the MTA's sendmail command, run without a
// shell (SendmailArgv).
//
// Notices: one per local recipient of each message in the window. A daily
// run with --since 24h (the packaged timer) covers each message once; runs
// whose windows overlap notify again.

#include <ctime>
#include <iostream>

#include "cli/command.h"
#include "cli/format.h"
#include "cli/held_digest.h"
#include "cli/held_mta.h"
#include "cli/held_review.h"
#include "cli/store_access.h"
#include "message/domain_names.h"
#include "message/organisation.h"

namespace rapport {
namespace {

struct DigestArgs {
  int64_t since_seconds = DigestRequest().since_seconds;  // the digest's own default, a day
  std::vector<std::string> to;
  bool dry_run = false;
  bool if_configured = false;
};

// Parses the words after "digest"; an error message in *error, or empty
// with *error empty for a usage error.
bool ParseDigestArgs(const std::vector<std::string>& args, DigestArgs* out, std::string* error) {
  for (size_t i = 1; i < args.size(); ++i) {
    const std::string& arg = args[i];
    if (arg == "--since" && i + 1 < args.size()) {
      if (!ParseAge(args[++i], &out->since_seconds)) {
        *error = "--since: '" + args[i] + "' is not an age like 24h or 7d";
        return false;
      }
    } else if (arg == "--to") {
      const size_t first = out->to.size();
      for (; i + 1 < args.size() && args[i + 1].rfind("--", 0) != 0; ++i) {
        const std::string address = PlainAddress(args[i + 1]);
        if (address.empty()) {
          *error = "--to: '" + args[i + 1] + "' is not a mail address such as admin@example.com";
          return false;
        }
        out->to.push_back(address);
      }
      if (out->to.size() == first) return false;
    } else if (arg == "--dry-run") {
      out->dry_run = true;
    } else if (arg == "--if-configured") {
      out->if_configured = true;
    } else {
      return false;
    }
  }
  return true;
}

// Sends `message` or, for a dry run, prints it.
Status Deliver(const CliContext& context, const DigestArgs& args, const std::string& from,
               const std::vector<std::string>& to, const std::string& message) {
  if (args.dry_run) {
    *context.out << message;
    return Status::Ok();
  }
  std::string output;
  return RunCommandWithInput(SendmailArgv(context.config.digest.sendmail, from, to), message,
                             &output);
}

// The notices for the local recipients of `window`; sets *sent to how many.
Status Notify(const CliContext& context, const DigestArgs& args, const std::string& from,
              const std::vector<HeldMessage>& window, int64_t now, size_t* sent) {
  for (const HeldMessage& held : window) {
    for (const std::string& rcpt : held.rcpt_to) {
      const std::string recipient = PlainAddress(rcpt);
      if (recipient.empty() || !IsLocalAddress(recipient, context.config.local_domains)) continue;
      std::string notice;
      Status status = BuildHeldNotice(held, recipient, from, now, &notice);
      if (status.ok()) status = Deliver(context, args, from, {recipient}, notice);
      if (!status.ok()) return status;
      ++*sent;
    }
  }
  return Status::Ok();
}

}  // namespace

int RunHeldDigest(const CliContext& context, const std::vector<std::string>& words) {
  DigestArgs args;
  std::string error;
  if (!ParseDigestArgs(words, &args, &error)) {
    if (!error.empty()) return Fail(context, error);
    *context.err << "usage: rapportctl held digest [--since AGE] [--to ADDRESS...] [--dry-run] "
                    "[--if-configured]\n";
    return kExitUsage;
  }
  const Config& config = context.config;
  DigestRequest request;
  request.to = args.to.empty() ? config.digest.to : args.to;
  if (request.to.empty()) {
    const std::string why = "no digest recipient: set [digest] to in " + config.path;
    if (!args.if_configured) return Fail(context, why + " or pass --to ADDRESS");
    *context.out << "rapportctl: " << why << "; nothing sent\n";
    return kExitOk;
  }
  request.from = DigestSender(config);
  request.since_seconds = args.since_seconds;
  request.max_entries = config.digest.max_entries;
  request.node = config.cluster.node;
  if (config.path != kDefaultConfigPath) request.config_path = config.path;

  std::unique_ptr<HistoryStore> store;
  Status status = OpenHistory(config, StoreUse::kRead, &store);
  std::vector<HeldMessage> records;
  if (status.ok()) status = store->ListHeld(&records);
  if (!status.ok()) return Fail(context, status.message());
  const int64_t now = std::time(nullptr);
  const std::vector<HeldMessage> window = DigestWindow(records, args.since_seconds, now);
  if (window.empty()) {
    *context.out << "no message held since " << FormatTime(now - args.since_seconds)
                 << " UTC is waiting for review; no digest sent\n";
    return kExitOk;
  }
  std::string digest;
  status = BuildDigest(window, request, now, &digest);
  if (status.ok()) status = Deliver(context, args, request.from, request.to, digest);
  if (!status.ok()) return Fail(context, status.message());
  size_t notices = 0;
  if (config.digest.notify_recipients) {
    status = Notify(context, args, request.from, window, now, &notices);
    if (!status.ok()) return Fail(context, status.message());
  }
  if (args.dry_run) return kExitOk;
  std::string recipients;
  for (const std::string& to : request.to) recipients += (recipients.empty() ? "" : ", ") + to;
  *context.out << "digest of " << window.size() << " held message(s) sent to " << recipients
               << "\n";
  if (config.digest.notify_recipients) *context.out << notices << " notice(s) sent\n";
  return kExitOk;
}

}  // namespace rapport
