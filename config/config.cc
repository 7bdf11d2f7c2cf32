#include "config/config.h"

#include <fmt/format.h>
#include <sys/stat.h>

#include <algorithm>
#include <boost/program_options.hpp>
#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstring>
#include <fstream>
#include <functional>
#include <map>
#include <sstream>

#include "base/network.h"
#include "message/domain_names.h"
#include "message/tenant_platforms.h"

namespace rapport {
namespace {

namespace po = boost::program_options;

// Where each key was written, so that every error names its line.
using KeyLines = std::map<std::string, int>;

std::string_view Trim(std::string_view s) {
  const auto first = s.find_first_not_of(" \t\r");
  if (first == std::string_view::npos) return {};
  const auto last = s.find_last_not_of(" \t\r");
  return s.substr(first, last - first + 1);
}

// Checks the INI shape line by line (Boost reports neither line numbers nor
// duplicate sections) and records the line of every "section.key".
Status IndexLines(const std::string& path, const std::string& text, KeyLines* lines) {
  std::istringstream in(text);
  std::string line;
  std::string section;
  for (int number = 1; std::getline(in, line); ++number) {
    const std::string_view body = Trim(line);
    if (body.empty() || body[0] == '#' || body[0] == ';') continue;
    if (body.front() == '[') {
      if (body.back() != ']' || body.size() < 3) {
        return Status::InvalidArgument(
            fmt::format("{}:{}: malformed section header '{}'", path, number, body));
      }
      section = std::string(Trim(body.substr(1, body.size() - 2)));
      continue;
    }
    const auto eq = body.find('=');
    if (eq == std::string_view::npos || Trim(body.substr(0, eq)).empty()) {
      return Status::InvalidArgument(
          fmt::format("{}:{}: expected 'key = value', got '{}'", path, number, body));
    }
    const std::string key = std::string(Trim(body.substr(0, eq)));
    const std::string full = section.empty() ? key : section + "." + key;
    if (!lines->emplace(full, number).second) {
      return Status::InvalidArgument(fmt::format("{}:{}: '{}' is set twice (first on line {})",
                                                 path, number, full, (*lines)[full]));
    }
  }
  return Status::Ok();
}

// `text` with its comment lines (those IndexLines skips) made empty, line
// numbers kept: Boost does not know ';' comments and would refuse them.
std::string BlankComments(const std::string& text) {
  std::istringstream in(text);
  std::string out;
  std::string line;
  while (std::getline(in, line)) {
    const std::string_view body = Trim(line);
    if (body.empty() || body[0] == '#' || body[0] == ';') line.clear();
    out.append(line).push_back('\n');
  }
  return out;
}

// Reads one typed value; every setter reports errors through Fail().
class ValueReader {
 public:
  ValueReader(const std::string& path, const KeyLines& lines) : path_(path), lines_(lines) {}

  Status Fail(const std::string& key, std::string_view what) const {
    return Status::InvalidArgument(fmt::format("{}: {}: {}", Where(key), key, what));
  }

  // "path:line" of `key`.
  std::string Where(const std::string& key) const {
    const auto it = lines_.find(key);
    return fmt::format("{}:{}", path_, it == lines_.end() ? 0 : it->second);
  }

  // Reads a whole-text number (long or double) within [min, max].
  template <typename Number>
  Status Read(const std::string& key, const std::string& text, Number min, Number max,
              Number* out) const {
    Number value = 0;
    const auto* end = text.data() + text.size();
    const auto [ptr, ec] = std::from_chars(text.data(), end, value);
    if (ec != std::errc() || ptr != end) {
      return Fail(key, fmt::format("'{}' is not a number", text));
    }
    if (value < min || value > max) {
      return Fail(key, fmt::format("{} is out of range {}..{}", value, min, max));
    }
    *out = value;
    return Status::Ok();
  }

 private:
  const std::string& path_;
  const KeyLines& lines_;
};

// Splits "a, b c" into {"a", "b", "c"}.
std::vector<std::string> SplitList(std::string_view text) {
  std::vector<std::string> items;
  std::string current;
  for (char c : text) {
    if (c == ',' || c == ' ' || c == '\t') {
      if (!current.empty()) items.push_back(std::move(current));
      current.clear();
    } else {
      current.push_back(c);
    }
  }
  if (!current.empty()) items.push_back(std::move(current));
  return items;
}

// Byte sizes accept a k/m/g suffix ("32m").
Status ParseSize(const ValueReader& reader, const std::string& key, const std::string& text,
                 size_t* out) {
  std::string digits = text;
  long multiplier = 1;
  if (!digits.empty()) {
    switch (std::tolower(static_cast<unsigned char>(digits.back()))) {
      case 'k':
        multiplier = 1L << 10;
        break;
      case 'm':
        multiplier = 1L << 20;
        break;
      case 'g':
        multiplier = 1L << 30;
        break;
      default:
        break;
    }
    if (multiplier != 1) digits.pop_back();
  }
  long value = 0;
  Status s = reader.Read(key, digits, 1L, (1L << 40) / multiplier, &value);
  if (!s.ok()) return s;
  *out = static_cast<size_t>(value * multiplier);
  return Status::Ok();
}

// An argv-style command; "{queue_id}" must appear so the command acts on one message.
Status ParseCommand(const ValueReader& reader, const std::string& key, const std::string& text,
                    std::vector<std::string>* out) {
  std::vector<std::string> words;
  std::istringstream in(text);
  for (std::string word; in >> word;) words.push_back(word);
  if (words.empty()) return reader.Fail(key, "empty command");
  if (words.front().find("{queue_id}") != std::string::npos) {
    return reader.Fail(key, "the program name cannot be {queue_id}");
  }
  const bool names_queue_id = std::any_of(words.begin(), words.end(), [](const std::string& w) {
    return w.find("{queue_id}") != std::string::npos;
  });
  if (!names_queue_id) return reader.Fail(key, "must contain {queue_id}");
  *out = std::move(words);
  return Status::Ok();
}

// "HOST:PORT" with a port in 1..65535 (an IPv6 host in brackets), or
// "unix:/absolute/path".
Status ParseRedisAddress(const ValueReader& reader, const std::string& key,
                         const std::string& text) {
  if (text.rfind("unix:", 0) == 0) {
    if (text.size() < 7 || text[5] != '/') {
      return reader.Fail(key, fmt::format("'{}' is not unix:/absolute/path", text));
    }
    return Status::Ok();
  }
  const size_t colon = text.rfind(':');
  const std::string host = colon == std::string::npos ? std::string() : text.substr(0, colon);
  const bool bracketed = host.size() > 2 && host.front() == '[' && host.back() == ']';
  if (host.empty() || (!bracketed && host.find_first_of(":[] \t") != std::string::npos)) {
    return reader.Fail(key, fmt::format("'{}' is not HOST:PORT or unix:/path", text));
  }
  long port = 0;
  return reader.Read(key, text.substr(colon + 1), 1L, 65535L, &port);
}

// A list of plain addresses (PlainAddress), normalised.
Status ParseAddressList(const ValueReader& reader, const std::string& key, const std::string& text,
                        std::vector<std::string>* out) {
  std::vector<std::string> addresses;
  for (const std::string& item : SplitList(text)) {
    std::string address = PlainAddress(item);
    if (address.empty()) {
      return reader.Fail(key,
                         fmt::format("'{}' is not a mail address such as admin@example.com", item));
    }
    addresses.push_back(std::move(address));
  }
  if (addresses.empty()) return reader.Fail(key, "no address");
  *out = std::move(addresses);
  return Status::Ok();
}

// A node name goes into Redis keys and log lines: a short word.
Status ParseNodeName(const ValueReader& reader, const std::string& key, const std::string& text,
                     std::string* out) {
  constexpr size_t kMaxNodeName = 64;
  const bool valid = !text.empty() && text.size() <= kMaxNodeName &&
                     std::all_of(text.begin(), text.end(), [](unsigned char c) {
                       return std::isalnum(c) || c == '.' || c == '_' || c == '-';
                     });
  if (!valid) {
    return reader.Fail(key, fmt::format("'{}' is not a node name (letters, digits, '.', '_', '-'; "
                                        "at most {})",
                                        text, kMaxNodeName));
  }
  *out = text;
  return Status::Ok();
}

// Reads the Redis password from the first line of `path`, which must be a
// regular file no one but its owner and group can read (0600 or 0640).
Status ReadPasswordFile(const ValueReader& reader, const std::string& key, const std::string& path,
                        std::string* out) {
  struct stat st {};
  if (stat(path.c_str(), &st) != 0) {
    return reader.Fail(key, fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  }
  if (!S_ISREG(st.st_mode)) return reader.Fail(key, fmt::format("{} is not a regular file", path));
  const mode_t mode = st.st_mode & 07777;
  if ((mode & ~mode_t{0640}) != 0) {
    return reader.Fail(key, fmt::format("{} has mode {:04o}; make it 0600 or 0640 (chmod 0640 {})",
                                        path, mode, path));
  }
  std::ifstream file(path);
  if (!file) return reader.Fail(key, fmt::format("cannot read {}: {}", path, std::strerror(errno)));
  std::string line;
  if (!std::getline(file, line)) return reader.Fail(key, fmt::format("{}: it is empty", path));
  if (!line.empty() && line.back() == '\r') line.pop_back();
  if (line.empty()) return reader.Fail(key, fmt::format("{} holds an empty first line", path));
  *out = std::move(line);
  return Status::Ok();
}

using Setter = std::function<Status(const ValueReader&, const std::string& key,
                                    const std::string& value, Config*)>;

Setter IntSetter(long min, long max, std::function<void(Config*, long)> assign) {
  return [=](const ValueReader& r, const std::string& key, const std::string& value, Config* c) {
    long v = 0;
    Status s = r.Read(key, value, min, max, &v);
    if (s.ok()) assign(c, v);
    return s;
  };
}

// A byte size, as ParseSize reads it, of at least `min` bytes (a whole
// number of MiB).
Setter SizeSetter(size_t min, size_t StoreSizing::*field) {
  return [=](const ValueReader& r, const std::string& key, const std::string& value, Config* c) {
    size_t bytes = 0;
    Status s = ParseSize(r, key, value, &bytes);
    if (!s.ok()) return s;
    if (bytes < min)
      return r.Fail(key, fmt::format("'{}' is below the minimum {}m", value, min >> 20));
    c->store.*field = bytes;
    return Status::Ok();
  };
}

Setter StringSetter(std::string Config::*field) {
  return [=](const ValueReader& r, const std::string& key, const std::string& value, Config* c) {
    if (value.empty()) return r.Fail(key, "empty value");
    c->*field = value;
    return Status::Ok();
  };
}

// A [policy] list: entries separated by commas or spaces, each remembering
// the file and line it came from.
Setter PolicySetter(PolicyList list) {
  return [=](const ValueReader& r, const std::string& key, const std::string& value, Config* c) {
    for (const std::string& item : SplitList(value)) {
      PolicyEntry entry;
      const Status parsed = ParsePolicyEntry(item, list, &entry);
      if (!parsed.ok()) return r.Fail(key, parsed.message());
      entry.origin = r.Where(key);
      c->scoring.policy.entries.push_back(std::move(entry));
    }
    return Status::Ok();
  };
}

// A list of domain names, normalised (lower case, IDN to A-label), each
// with at least one dot; stored in the field of `assign` whole.
Setter DomainListSetter(std::function<void(Config*, std::vector<std::string>)> assign) {
  return [=](const ValueReader& r, const std::string& key, const std::string& value, Config* c) {
    std::vector<std::string> domains;
    for (const auto& item : SplitList(value)) {
      std::string domain;
      if (!NormaliseHost(item, &domain, nullptr) || domain.find('.') == std::string::npos) {
        return r.Fail(key, fmt::format("'{}' is not a domain name", item));
      }
      domains.push_back(std::move(domain));
    }
    assign(c, std::move(domains));
    return Status::Ok();
  };
}

Setter ChoiceSetter(std::vector<std::string> choices, std::function<void(Config*, size_t)> assign) {
  return [=](const ValueReader& r, const std::string& key, const std::string& value, Config* c) {
    const auto it = std::find(choices.begin(), choices.end(), value);
    if (it == choices.end()) {
      std::string valid;
      for (const auto& choice : choices) valid += (valid.empty() ? "" : ", ") + choice;
      return r.Fail(key, fmt::format("'{}' is not one of: {}", value, valid));
    }
    assign(c, static_cast<size_t>(it - choices.begin()));
    return Status::Ok();
  };
}

// [mta] preset: applied before every other key (ApplyMtaPreset), so that an
// explicit command wins wherever it stands in the file.
constexpr std::string_view kMtaPresetKey = "mta.preset";

Status ApplyMtaPreset(const ValueReader& reader, const std::string& value, Config* config) {
  if (MtaPreset(value, &config->mta)) return Status::Ok();
  return reader.Fail(std::string(kMtaPresetKey),
                     fmt::format("'{}' is not one of: postfix, sendmail", value));
}

// Every key rapport.conf accepts except [weights] and [mta] preset, with how
// to read it.
const std::map<std::string, Setter>& Setters() {
  static const auto* setters = new std::map<std::string, Setter>{
      {"socket",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         if (v.rfind("inet:", 0) != 0 && v.rfind("inet6:", 0) != 0 && v.rfind("unix:", 0) != 0 &&
             v.rfind("local:", 0) != 0) {
           return r.Fail(key, fmt::format("'{}' is not inet:PORT@HOST or unix:/path", v));
         }
         c->socket = v;
         return Status::Ok();
       }},
      {"socket_mode",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         if (v.empty() || v.size() > 4 || v.find_first_not_of("01234567") != std::string::npos) {
           return r.Fail(key, fmt::format("'{}' is not an octal mode such as 0660", v));
         }
         c->socket_mode = v;
         return Status::Ok();
       }},
      {"socket_group", StringSetter(&Config::socket_group)},
      {"user", StringSetter(&Config::user)},
      {"group", StringSetter(&Config::group)},
      {"admin_socket", StringSetter(&Config::admin_socket)},
      {"metrics_listen",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         ListenAddress address;
         if (!v.empty() && !ParseListenAddress(v, &address)) {
           return r.Fail(key, fmt::format("'{}' is not ADDRESS:PORT such as 127.0.0.1:9894 "
                                          "(empty turns metrics off)",
                                          v));
         }
         c->metrics_listen = v;
         return Status::Ok();
       }},
      {"state_dir", StringSetter(&Config::state_dir)},
      {"subject_tag", StringSetter(&Config::subject_tag)},
      {"on_error", ChoiceSetter({"accept", "tempfail"},
                                [](Config* c, size_t i) {
                                  c->on_error =
                                      i == 0 ? ErrorPolicy::kAccept : ErrorPolicy::kTempfail;
                                })},
      {"log_level",
       ChoiceSetter({"error", "warning", "info", "debug"},
                    [](Config* c, size_t i) {
                      static const char* kLevels[] = {"error", "warning", "info", "debug"};
                      c->log_level = kLevels[i];
                    })},
      {"timeout", IntSetter(1, 3600, [](Config* c, long v) { c->timeout_seconds = int(v); })},
      {"retention_days",
       IntSetter(0, 100000, [](Config* c, long v) { c->retention_days = int(v); })},
      {"audit_retention_days",
       IntSetter(0, 100000, [](Config* c, long v) { c->audit_retention_days = int(v); })},
      {"local_domains", DomainListSetter([](Config* c, std::vector<std::string> domains) {
         c->local_domains = domains;
         c->scoring.local_domains = std::move(domains);
       })},
      {"organisation_domains", DomainListSetter([](Config* c, std::vector<std::string> domains) {
         c->scoring.organisation_domains = std::move(domains);
       })},
      {"internal_networks",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         c->internal_networks.clear();
         for (const auto& item : SplitList(v)) {
           Network network;
           if (!ParseNetwork(item, &network)) {
             return r.Fail(key, fmt::format("'{}' is not a network such as 10.0.0.0/8", item));
           }
           c->internal_networks.push_back(network);
         }
         return Status::Ok();
       }},
      {"limits.max_message_size",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         return ParseSize(r, key, v, &c->parse.max_message_size);
       }},
      {"limits.max_body_text",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         return ParseSize(r, key, v, &c->parse.max_body_text);
       }},
      {"limits.max_attachment_bytes",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         return ParseSize(r, key, v, &c->parse.max_attachment_bytes);
       }},
      {"limits.max_mime_depth",
       IntSetter(1, 1000, [](Config* c, long v) { c->parse.max_mime_depth = int(v); })},
      {"limits.max_mime_parts",
       IntSetter(1, 100000, [](Config* c, long v) { c->parse.max_mime_parts = int(v); })},
      {"limits.max_links",
       IntSetter(0, 1000000, [](Config* c, long v) { c->parse.max_links = int(v); })},
      {"limits.max_headers",
       IntSetter(1, 1000000, [](Config* c, long v) { c->parse.max_headers = int(v); })},
      {"limits.max_recipients",
       IntSetter(1, 1000000, [](Config* c, long v) { c->max_recipients = size_t(v); })},
      {"store.block_cache",
       SizeSetter(StoreSizing::kMinBlockCacheBytes, &StoreSizing::block_cache_bytes)},
      {"store.memtable_budget",
       SizeSetter(StoreSizing::kMinMemtableBytes, &StoreSizing::memtable_bytes)},
      {"store.max_wal_size", SizeSetter(StoreSizing::kMinWalBytes, &StoreSizing::max_wal_bytes)},
      {"store.open_wait",
       IntSetter(0, 10, [](Config* c, long v) { c->store_open_wait_seconds = int(v); })},
      {"thresholds.tag",
       IntSetter(0, 100, [](Config* c, long v) { c->scoring.tag_threshold = int(v); })},
      {"thresholds.hold",
       IntSetter(0, 100, [](Config* c, long v) { c->scoring.hold_threshold = int(v); })},
      {"thresholds.reject",
       IntSetter(0, 100, [](Config* c, long v) { c->scoring.reject_threshold = int(v); })},
      {"scoring.self_regulation_half_life",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         return r.Read(key, v, 0.1, 1e6, &c->scoring.self_regulation_half_life);
       }},
      {"scoring.trusted_authserv_ids",
       [](const ValueReader&, const std::string&, const std::string& v, Config* c) {
         c->scoring.trusted_authserv_ids.clear();
         for (auto item : SplitList(v)) {
           std::transform(item.begin(), item.end(), item.begin(),
                          [](unsigned char ch) { return std::tolower(ch); });
           c->scoring.trusted_authserv_ids.push_back(item);
         }
         return Status::Ok();
       }},
      {"scoring.fileshare_domains_file",
       [](const ValueReader&, const std::string&, const std::string& v, Config* c) {
         c->scoring.fileshare_domains_file = v;
         return Status::Ok();
       }},
      {"scoring.brands_file",
       [](const ValueReader&, const std::string&, const std::string& v, Config* c) {
         c->scoring.brands_file = v;
         return Status::Ok();
       }},
      {"scoring.redirectors_file",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         if (v.empty()) {
           c->parse.redirectors = nullptr;
           return Status::Ok();
         }
         auto redirectors = std::make_shared<Redirectors>();
         Status s = redirectors->Load(v);
         if (!s.ok()) return r.Fail(key, s.message());
         c->parse.redirectors = std::move(redirectors);
         return Status::Ok();
       }},
      {"scoring.consumer_domains_file",
       [](const ValueReader&, const std::string&, const std::string& v, Config* c) {
         c->scoring.consumer_domains_file = v;
         return Status::Ok();
       }},
      {"cluster.redis",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         Status s = ParseRedisAddress(r, key, v);
         if (s.ok()) c->cluster.redis = v;
         return s;
       }},
      {"cluster.node", [](const ValueReader& r, const std::string& key, const std::string& v,
                          Config* c) { return ParseNodeName(r, key, v, &c->cluster.node); }},
      {"cluster.password_file",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         if (v.empty() || v.front() != '/') {
           return r.Fail(key, fmt::format("'{}' is not an absolute path", v));
         }
         c->cluster.password_file = v;
         return ReadPasswordFile(r, key, v, &c->cluster.password);
       }},
      {"cluster.key_prefix",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         if (v.empty() || v.find_first_of(" \t") != std::string::npos) {
           return r.Fail(key, fmt::format("'{}' is not a key prefix (no spaces, not empty)", v));
         }
         c->cluster.key_prefix = v;
         return Status::Ok();
       }},
      {"policy.trusted_senders", PolicySetter(PolicyList::kTrustedSenders)},
      {"policy.trusted_domains", PolicySetter(PolicyList::kTrustedDomains)},
      {"policy.blocked_senders", PolicySetter(PolicyList::kBlockedSenders)},
      {"policy.blocked_domains", PolicySetter(PolicyList::kBlockedDomains)},
      {"policy.blocked_action", ChoiceSetter({"hold", "reject"},
                                             [](Config* c, size_t i) {
                                               c->scoring.policy.blocked_action =
                                                   i == 0 ? BlockedAction::kHold
                                                          : BlockedAction::kReject;
                                             })},
      {"digest.to", [](const ValueReader& r, const std::string& key, const std::string& v,
                       Config* c) { return ParseAddressList(r, key, v, &c->digest.to); }},
      {"digest.from",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         std::vector<std::string> from;
         Status s = ParseAddressList(r, key, v, &from);
         if (s.ok() && from.size() != 1) s = r.Fail(key, "one address only");
         if (s.ok()) c->digest.from = from.front();
         return s;
       }},
      {"digest.notify_recipients",
       ChoiceSetter({"no", "yes"},
                    [](Config* c, size_t i) { c->digest.notify_recipients = i == 1; })},
      {"digest.max_entries",
       IntSetter(1, 10000, [](Config* c, long v) { c->digest.max_entries = size_t(v); })},
      {"digest.sendmail",
       [](const ValueReader& r, const std::string& key, const std::string& v, Config* c) {
         std::vector<std::string> words;
         std::istringstream in(v);
         for (std::string word; in >> word;) words.push_back(word);
         if (words.empty() || words.front().front() != '/') {
           return r.Fail(key, fmt::format("'{}' is not a command starting with an absolute path "
                                          "such as /usr/sbin/sendmail",
                                          v));
         }
         c->digest.sendmail = std::move(words);
         return Status::Ok();
       }},
      {"mta.release_command", [](const ValueReader& r, const std::string& key, const std::string& v,
                                 Config* c) { return ParseCommand(r, key, v, &c->mta.release); }},
      {"mta.delete_command", [](const ValueReader& r, const std::string& key, const std::string& v,
                                Config* c) { return ParseCommand(r, key, v, &c->mta.remove); }},
      {"mta.flush_command", [](const ValueReader& r, const std::string& key, const std::string& v,
                               Config* c) { return ParseCommand(r, key, v, &c->mta.flush); }},
      {"mta.show_command", [](const ValueReader& r, const std::string& key, const std::string& v,
                              Config* c) { return ParseCommand(r, key, v, &c->mta.show); }},
  };
  return *setters;
}

Status ApplyWeight(const ValueReader& reader, const std::string& key, const std::string& value,
                   Config* config) {
  static const std::vector<std::string> names = RegisteredSignalNames();
  const std::string name = key.substr(std::string("weights.").size());
  if (!std::binary_search(names.begin(), names.end(), name)) {
    std::string valid;
    for (const auto& n : names) valid += (valid.empty() ? "" : ", ") + n;
    return reader.Fail(key, fmt::format("unknown signal '{}'; valid signals: {}", name, valid));
  }
  double weight = 0;
  Status s = reader.Read(key, value, 0.0, 100.0, &weight);
  if (s.ok()) config->scoring.weights[name] = weight;
  return s;
}

Status CheckConsistency(const ValueReader& reader, const KeyLines& lines, const Config& config) {
  // Any [cluster] key makes the section mean "share history": then both
  // where to share it and as whom are needed.
  const auto cluster_key = lines.lower_bound("cluster.");
  if (cluster_key != lines.end() && cluster_key->first.rfind("cluster.", 0) == 0) {
    if (config.cluster.redis.empty()) {
      return reader.Fail(cluster_key->first,
                         "[cluster] needs redis = HOST:PORT or unix:/path (or remove [cluster])");
    }
    if (config.cluster.node.empty()) {
      return reader.Fail("cluster.redis", "[cluster] needs node = NAME, unique per gateway");
    }
  }
  const ScoringOptions& s = config.scoring;
  if (s.tag_threshold > 0 && s.hold_threshold > 0 && s.hold_threshold < s.tag_threshold) {
    return reader.Fail("thresholds.hold", "must not be below thresholds.tag");
  }
  if (s.reject_threshold > 0 && s.hold_threshold > 0 && s.reject_threshold < s.hold_threshold) {
    return reader.Fail("thresholds.reject", "must not be below thresholds.hold");
  }
  return Status::Ok();
}

}  // namespace

bool MtaPreset(std::string_view preset, MtaCommands* out) {
  if (preset == "postfix") {
    *out = MtaCommands();
    return true;
  }
  if (preset != "sendmail") return false;
  // Debian's queue directory, and where the package installs
  // packaging/sendmail/queued-message (the prefix is always /usr).
  const std::string queue = "/var/spool/mqueue";
  *out = MtaCommands{
      .release = {"sendmail", "-qQ", "-qI{queue_id}", "-Q"},
      .remove = {"rm", "--", queue + "/hf{queue_id}", queue + "/df{queue_id}"},
      .show = {"/usr/libexec/rapport/sendmail-queued-message", queue, "{queue_id}"},
      .flush = {"sendmail", "-qI{queue_id}"},
  };
  return true;
}

std::string DigestSender(const Config& config) {
  if (!config.digest.from.empty()) return config.digest.from;
  if (!config.local_domains.empty()) return "postmaster@" + config.local_domains.front();
  return "postmaster";
}

Status LoadConfig(const std::string& path, Config* out, const std::string& tenant_platforms_path) {
  std::ifstream file(path);
  if (!file) {
    return Status::IoError(
        fmt::format("cannot read config {}: {} (pass --config FILE, or copy "
                    "packaging/rapport.conf there)",
                    path, std::strerror(errno)));
  }
  std::stringstream buffer;
  buffer << file.rdbuf();
  return ParseConfig(buffer.str(), path, out, tenant_platforms_path);
}

Status ParseConfig(const std::string& text, const std::string& path, Config* out,
                   const std::string& tenant_platforms_path) {
  KeyLines lines;
  Status s = IndexLines(path, text, &lines);
  if (!s.ok()) return s;

  po::parsed_options parsed(nullptr);
  try {
    std::istringstream in(BlankComments(text));
    parsed = po::parse_config_file(in, po::options_description(), /*allow_unregistered=*/true);
  } catch (const po::error&) {
    // Not e.what(): Boost 1.74 substitutes placeholders such as
    // "%invalid_line%" into its own message until none is left, so a line
    // containing one never returns (found by the config fuzz target).
    return Status::InvalidArgument(fmt::format("{}: a line that is not 'key = value'", path));
  }

  Config config;
  config.path = path;
  const ValueReader reader(path, lines);
  auto value_of = [](const po::option& option) {
    return option.value.empty() ? std::string() : std::string(Trim(option.value.front()));
  };
  for (const po::option& option : parsed.options) {
    if (option.string_key != kMtaPresetKey) continue;
    s = ApplyMtaPreset(reader, value_of(option), &config);
    if (!s.ok()) return s;
  }
  for (const po::option& option : parsed.options) {
    const std::string& key = option.string_key;
    const std::string value = value_of(option);
    if (key == kMtaPresetKey) continue;  // applied above
    if (key.rfind("weights.", 0) == 0) {
      s = ApplyWeight(reader, key, value, &config);
    } else if (const auto it = Setters().find(key); it != Setters().end()) {
      s = it->second(reader, key, value, &config);
    } else {
      s = reader.Fail(key, "unknown key");
    }
    if (!s.ok()) return s;
  }
  // The shipped redirector list when no other is named, read here so that
  // a missing or broken file stops the start like any bad setting instead
  // of leaving links unfollowed.
  if (config.parse.redirectors == nullptr) {
    auto shipped = std::make_shared<Redirectors>();
    s = shipped->Load(DefaultRedirectorsPath());
    if (!s.ok()) {
      return Status::IoError(fmt::format(
          "{}: {} (reinstall rapport, or set [scoring] redirectors_file)", path, s.message()));
    }
    config.parse.redirectors = std::move(shipped);
  }
  // The tenant platforms are read once per process by the domain-name
  // code below every layer; a broken list would silently merge every
  // tenant into its platform, so it stops the start here instead.
  s = CheckTenantPlatforms(tenant_platforms_path, &config.tenant_platforms_edited);
  if (!s.ok()) {
    return Status::IoError(
        fmt::format("{}: {} (reinstall rapport, or mend the file)", path, s.message()));
  }
  s = CheckConsistency(reader, lines, config);
  if (!s.ok()) return s;
  *out = std::move(config);
  return Status::Ok();
}

}  // namespace rapport
