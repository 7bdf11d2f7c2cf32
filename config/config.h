#pragma once

#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

#include "base/network.h"
#include "base/status.h"
#include "message/parser.h"
#include "message/tenant_platforms.h"
#include "scoring/scorer.h"
#include "store/store_sizing.h"

namespace rapport {

// What the milter answers when something inside it fails.
enum class ErrorPolicy { kAccept, kTempfail };

// Commands run (without a shell) to act on the MTA's hold queue; each
// argument may contain "{queue_id}", replaced by a validated queue id.
// The defaults are Postfix's ([mta] preset = postfix).
struct MtaCommands {
  std::vector<std::string> release = {"postsuper", "-H", "{queue_id}"};
  std::vector<std::string> remove = {"postsuper", "-d", "{queue_id}"};
  std::vector<std::string> show = {"postcat", "-q", "--", "{queue_id}"};
  // Run after a release: Postfix's "postsuper -H" moves mail to the
  // deferred queue, which is otherwise scanned only every queue_run_delay.
  std::vector<std::string> flush = {"postqueue", "-i", "{queue_id}"};
};

// Stores in *out the four commands for the MTA named `preset` ([mta]
// preset): "postfix" (the MtaCommands defaults) or "sendmail" (Sendmail's
// quarantine, where smfi_quarantine puts held mail, in Debian's
// /var/spool/mqueue; Sendmail has neither postcat nor a delete command, so
// show runs the packaged packaging/sendmail/queued-message and delete
// removes the quarantined files). Returns false, and leaves *out
// untouched, for any other name.
bool MtaPreset(std::string_view preset, MtaCommands* out);

// [cluster]: sharing history with other gateways through a Redis Stream
// (docs/SCALE-OUT.md). Absent (redis empty): the gateway keeps its history
// to itself and never connects to Redis.
struct ClusterConfig {
  // "HOST:PORT" (an IPv6 host in brackets: "[::1]:6379") or "unix:/path".
  std::string redis;
  std::string node;  // unique per gateway: letters, digits, '.', '_', '-'; at most 64
  // Redis AUTH password: the first line of a file of mode 0600 or 0640,
  // read when the config is loaded. Empty: no AUTH.
  std::string password_file;
  std::string password;
  std::string key_prefix = "rapport:";  // every Redis key this gateway uses starts with it
  bool enabled() const { return !redis.empty(); }
  bool operator==(const ClusterConfig&) const = default;
};

// [digest]: `rapportctl held digest`, the summary of held mail mailed to
// the admins (the packaged rapport-digest.timer runs it daily), and the
// optional notice to each local recipient of held mail.
struct DigestConfig {
  // Who receives the digest (plain addresses, normalised; see PlainAddress).
  // Empty: nobody unless --to names someone; the timer then sends nothing.
  std::vector<std::string> to;
  // Envelope sender and From of digests and notices; empty = DigestSender().
  std::string from;
  // Also tell each local recipient of a message held in the digest's window
  // that it was held (never its links).
  bool notify_recipients = false;
  // Entries in one digest; the rest of the window is counted, not listed.
  size_t max_entries = 100;
  // The MTA's sendmail-compatible command (Postfix and Sendmail both
  // install it here), run without a shell as: COMMAND... -i -f FROM -- RCPT...
  std::vector<std::string> sendmail = {"/usr/sbin/sendmail"};
  bool operator==(const DigestConfig&) const = default;
};

// Everything rapport.conf can say. Defaults are those of a fresh install.
struct Config {
  std::string path;  // the file this was read from; empty for defaults

  // [milter]
  std::string socket = "inet:8894@127.0.0.1";  // Postfix style: inet:PORT@HOST or unix:/path
  std::string socket_mode = "0660";            // for unix sockets
  std::string socket_group;                    // for unix sockets; empty = the service group
  std::string user;                            // drop privileges to this user after binding
  std::string group;
  std::string admin_socket;  // empty = state_dir + "/admin.sock"
  // Where /metrics is served (Prometheus text exposition): "HOST:PORT" or
  // "[IPv6]:PORT", a literal address (see ParseListenAddress); empty = off.
  std::string metrics_listen = "127.0.0.1:9894";
  std::string state_dir = "/var/lib/rapport";
  ErrorPolicy on_error = ErrorPolicy::kAccept;
  std::string subject_tag = "[SUSPICIOUS]";
  std::string log_level = "info";  // error, warning, info, debug
  int timeout_seconds = 30;        // per-message processing budget
  // History last seen more than this many days ago is dropped as the store
  // compacts (StoreOptions::retention_days); 0 keeps it forever.
  int retention_days = 400;
  // Audit records (who released, reported or deleted held mail, who changed
  // a policy list) older than this many days are dropped as new ones are
  // written (StoreOptions::audit_retention_days); 0 keeps them forever.
  int audit_retention_days = 365;

  // The organisation.
  std::vector<std::string> local_domains;  // normalised
  std::vector<Network> internal_networks = {};

  // [limits]: parse bounds, and the envelope recipients kept per message
  // (Postfix's own default is 1000); RCPT TO past it is accepted by the MTA
  // but not scored, and the message is marked truncated.
  ParseOptions parse;
  size_t max_recipients = 10000;
  // [store]: the history store's block cache, memtables and write-ahead
  // log (see StoreSizing for the defaults).
  StoreSizing store;
  // [store] open_wait: how long after the start a message waits for the
  // store to open (a clean open takes a fraction of a second) before it is
  // answered on_error; 0 answers on_error at once while the store opens.
  int store_open_wait_seconds = 2;
  ScoringOptions scoring;
  MtaCommands mta;
  ClusterConfig cluster;
  DigestConfig digest;

  // Not a setting: whether the tenant platform list ParseConfig checked
  // lists other platforms than this process runs on
  // (ShippedTenantPlatforms(), read once per process), so that a reload
  // can say that the edit waits for the restart.
  bool tenant_platforms_edited = false;
};

// The sender of digests and notices: [digest] from, else postmaster at the
// first local domain (the mailbox RFC 5321 requires every domain to have),
// else the bare "postmaster", which the MTA qualifies with its own domain.
std::string DigestSender(const Config& config);

// Where rapport-milter and rapportctl read their configuration unless told
// otherwise (--config).
inline constexpr const char* kDefaultConfigPath = "/etc/rapport/rapport.conf";

// Reads an INI file into *out, starting from defaults. Unknown keys, bad
// values and unknown [weights] signal names fail with a status whose
// message names the file, the line and what is wrong, e.g.
// "/etc/rapport/rapport.conf:12: unknown key 'treshold' in [thresholds]".
// A missing file is an error naming the path. The files the settings name
// or rest on are read as ParseConfig says.
Status LoadConfig(const std::string& path, Config* out,
                  const std::string& tenant_platforms_path = DefaultTenantPlatformsPath());

// Reads the INI text `text` into *out as LoadConfig does, naming `path` in
// every error message (and in Config::path). Reads no configuration file,
// but the files the settings name or rest on: the Redis password ([cluster]
// password_file), the redirector list ([scoring] redirectors_file, else the
// shipped one), and the tenant platform list at `tenant_platforms_path`
// (CheckTenantPlatforms), which the process reads once at its start; any of
// them unreadable or broken fails as a bad setting does, and
// Config::tenant_platforms_edited says whether the list differs from the
// one the process runs on.
Status ParseConfig(const std::string& text, const std::string& path, Config* out,
                   const std::string& tenant_platforms_path = DefaultTenantPlatformsPath());

}  // namespace rapport
