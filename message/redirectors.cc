#include "message/redirectors.h"

#include <algorithm>
#include <unordered_set>

#include "base/data_file.h"
#include "message/ascii.h"
#include "message/link_target.h"
#include "message/utf8.h"

namespace rapport {

namespace {

bool IsAbsoluteWebUrl(std::string_view url) {
  return StartsWithNoCase(url, "http://") || StartsWithNoCase(url, "https://");
}

// Length of the "http://" or "https://" that starts `text` when its ':'
// or slashes are percent-encoded ("https%3A%2F%2F", Amazon SES's
// "https:%2F%2F"); 0 when it does not start so.
size_t EncodedSchemeLength(std::string_view text) {
  size_t n = StartsWithNoCase(text, "https") ? 5 : StartsWithNoCase(text, "http") ? 4 : 0;
  if (n == 0) return 0;
  if (StartsWithNoCase(text.substr(n), ":")) {
    n += 1;
  } else if (StartsWithNoCase(text.substr(n), "%3a")) {
    n += 3;
  } else {
    return 0;
  }
  return StartsWithNoCase(text.substr(n), "%2f%2f") ? n + 6 : 0;
}

// A target as a redirector carries it: written out ("http://x/..."), in
// which case it runs to the end of `text`, or percent-encoded
// ("https%3A%2F%2Fx%2F..."), in which case it runs to the first of
// `delimiters`, which an encoded value never holds. Anything else (a
// relative path, "javascript:", "data:", an escape cut short before "//")
// is no target.
std::string TargetIn(std::string_view text, std::string_view delimiters) {
  std::string target;
  if (IsAbsoluteWebUrl(text)) {
    target = std::string(text);
  } else if (EncodedSchemeLength(text) > 0) {
    target = PercentDecode(text.substr(0, text.find_first_of(delimiters)));
  }
  if (target.size() > kMaxTargetLength || !IsAbsoluteWebUrl(target)) return std::string();
  return target;
}

// The value of query parameter `name` in `path` ("/url?sa=t&q=VALUE#f"),
// as the server splits it: up to the next '&' or '#'; empty when absent.
std::string_view ParameterValue(std::string_view path, std::string_view name) {
  size_t question = path.find('?');
  if (question == std::string_view::npos) return {};
  std::string_view query = path.substr(question + 1);
  query = query.substr(0, query.find('#'));
  while (!query.empty()) {
    size_t amp = query.find('&');
    std::string_view pair = query.substr(0, amp);
    if (pair.size() > name.size() && pair.substr(0, name.size()) == name &&
        pair[name.size()] == '=') {
      return pair.substr(name.size() + 1);
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return {};
}

// The first absolute http(s) URL a query parameter of `path` carries
// (TargetIn), whatever the parameter's name: how a click tracker writes
// where it sends its reader ("click.example.com/t?u=https%3A%2F%2F...",
// as rspamd reads such links). At most kMaxQueryParameters are looked at.
std::string QueryCarriedTarget(std::string_view path) {
  constexpr int kMaxQueryParameters = 32;
  const size_t question = path.find('?');
  if (question == std::string_view::npos) return std::string();
  std::string_view query = path.substr(question + 1);
  query = query.substr(0, query.find('#'));
  for (int i = 0; i < kMaxQueryParameters && !query.empty(); ++i) {
    const size_t amp = query.find('&');
    const std::string_view pair = query.substr(0, amp);
    if (const size_t equals = pair.find('='); equals != std::string_view::npos) {
      std::string target = TargetIn(pair.substr(equals + 1), "&#");
      if (!target.empty()) return target;
    }
    if (amp == std::string_view::npos) break;
    query.remove_prefix(amp + 1);
  }
  return std::string();
}

// Proofpoint URL Defense v2 ("/v2/url?u=https-3A__evil.example_x&d=...")
// writes its target's percent escapes with '-' for '%' and its slashes as
// '_'; a literal '-' or '_' of the target is itself escaped ("-2D",
// "-5F"). Undoing that leaves a percent-encoded URL, decoded once.
std::string ProofpointV2Target(std::string_view value) {
  std::string escaped(value);
  for (char& c : escaped) {
    if (c == '-') {
      c = '%';
    } else if (c == '_') {
      c = '/';
    }
  }
  return PercentDecode(escaped);
}

// The bytes of unpadded base64url ("A-Z a-z 0-9 - _"), as URL Defense v3
// writes the characters it took out of a target; false for anything else.
bool DecodeBase64Url(std::string_view text, std::string* out) {
  uint32_t bits = 0;
  int count = 0;
  for (char c : text) {
    uint32_t value;
    if (c >= 'A' && c <= 'Z') {
      value = c - 'A';
    } else if (c >= 'a' && c <= 'z') {
      value = c - 'a' + 26;
    } else if (c >= '0' && c <= '9') {
      value = c - '0' + 52;
    } else if (c == '-') {
      value = 62;
    } else if (c == '_') {
      value = 63;
    } else if (c == '=') {
      break;
    } else {
      return false;
    }
    bits = (bits << 6) | value;
    count += 6;
    if (count >= 8) {
      count -= 8;
      out->push_back(static_cast<char>((bits >> count) & 0xFF));
    }
  }
  return true;
}

// How many characters "**X" stands for in URL Defense v3: 'A' is 2, on
// through 'Z', 'a'-'z', '0'-'9', '-' and '_' (65); 0 for any other X.
size_t ProofpointV3Run(char c) {
  if (c >= 'A' && c <= 'Z') return c - 'A' + 2;
  if (c >= 'a' && c <= 'z') return c - 'a' + 28;
  if (c >= '0' && c <= '9') return c - '0' + 54;
  if (c == '-') return 64;
  if (c == '_') return 65;
  return 0;
}

// Length of the UTF-8 character that starts `s` (well-formed, as checked).
size_t Utf8CharLength(std::string_view s) {
  const auto lead = static_cast<unsigned char>(s.front());
  return lead < 0x80 ? 1 : lead < 0xE0 ? 2 : lead < 0xF0 ? 3 : 4;
}

// Proofpoint URL Defense v3 ("/v3/__https://evil.example/a*b__;Pw!!x!y$")
// keeps the target between "__" and "__;", percent-encoded, with each
// character it could not leave there replaced: "*" by the next character of
// the base64url text after ";" (up to "!"), "**X" by the next run of them
// (ProofpointV3Run). A scheme written with one slash ("https:/x") has its
// second restored. Empty when the text is cut short or does not add up.
std::string ProofpointV3Target(std::string_view text) {
  const size_t end = text.find("__;");
  if (end == std::string_view::npos) return std::string();
  std::string_view replaced = text.substr(end + 3);
  replaced = replaced.substr(0, replaced.find('!'));
  std::string characters;
  if (!DecodeBase64Url(replaced, &characters) || !IsUtf8(characters)) return std::string();
  const std::string embedded = PercentDecode(text.substr(0, end));
  std::string target;
  std::string_view pending(characters);
  for (size_t i = 0; i < embedded.size(); ++i) {
    if (embedded[i] != '*') {
      target.push_back(embedded[i]);
      continue;
    }
    size_t run = 1;
    if (i + 2 < embedded.size() && embedded[i + 1] == '*') {
      run = ProofpointV3Run(embedded[i + 2]);
      if (run == 0) return std::string();
      i += 2;
    }
    for (; run > 0; --run) {
      if (pending.empty()) return std::string();
      const size_t length = Utf8CharLength(pending);
      target.append(pending.substr(0, length));
      pending.remove_prefix(length);
    }
  }
  for (std::string_view scheme : {"https:/", "http:/"}) {
    if (StartsWithNoCase(target, scheme) && target.size() > scheme.size() &&
        target[scheme.size()] != '/') {
      target.insert(scheme.size(), "/");
      break;
    }
  }
  return target;
}

}  // namespace

Status Redirectors::Parse(std::string_view text, std::string_view origin) {
  std::vector<Entry> entries, shorteners, trackers;
  Status status = ForEachDataLine(text, origin, [&](std::string_view line, int) {
    const std::string complaint =
        "expected 'HOST[/PATH] param NAME', 'HOST[/PATH] after MARKER', 'HOST[/PATH] "
        "shortener' or 'HOST[/PATH] tracker', got '" +
        std::string(line) + "'";
    std::vector<std::string_view> words;
    std::string_view rest = line;
    while (!rest.empty()) {
      size_t start = rest.find_first_not_of(" \t");
      if (start == std::string_view::npos) break;
      rest.remove_prefix(start);
      size_t end = rest.find_first_of(" \t");
      words.push_back(rest.substr(0, end));
      rest.remove_prefix(end == std::string_view::npos ? rest.size() : end);
    }
    const bool shortener = words.size() == 2 && words[1] == "shortener";
    const bool tracker = words.size() == 2 && words[1] == "tracker";
    if (words.size() != 3 && !shortener && !tracker) return complaint;
    Entry entry;
    // A path is matched as written: servers read "/L0" and "/l0" apart.
    const std::string_view place = words[0];
    size_t slash = place.find('/');
    entry.host = AsciiLowered(place.substr(0, slash));
    if (slash != std::string::npos) entry.path_prefix = std::string(place.substr(slash));
    while (entry.path_prefix.size() > 1 && entry.path_prefix.back() == '/') {
      entry.path_prefix.pop_back();
    }
    if (!IsListedHostName(entry.host)) return complaint;
    if (shortener || tracker) {
      (shortener ? shorteners : trackers).push_back(std::move(entry));
      return std::string();
    }
    if (words[1] == "param") {
      entry.carrier = Carrier::kParameter;
    } else if (words[1] == "after") {
      entry.carrier = Carrier::kAfterMarker;
    } else if (words[1] == "proofpoint-v2") {
      entry.carrier = Carrier::kProofpointV2;
    } else if (words[1] == "proofpoint-v3") {
      entry.carrier = Carrier::kProofpointV3;
    } else {
      return complaint;
    }
    entry.name = std::string(words[2]);
    entries.push_back(std::move(entry));
    return std::string();
  });
  if (!status.ok()) return status;
  entries_ = std::move(entries);
  shorteners_ = std::move(shorteners);
  trackers_ = std::move(trackers);
  return Status::Ok();
}

Status Redirectors::Load(const std::string& path) {
  return LoadDataFile(
      path, "redirector list",
      [this](std::string_view text, std::string_view origin) { return Parse(text, origin); });
}

std::string Redirectors::Target(const Link& link) const {
  if (link.host.empty() || (link.scheme != "http" && link.scheme != "https")) return {};
  for (const Entry& entry : entries_) {
    if (!HostIsOrIsUnder(link.host, entry.host) || !PathIsUnder(link.path, entry.path_prefix)) {
      continue;
    }
    std::string_view path(link.path);
    path.remove_prefix(entry.path_prefix.size());
    std::string target;
    const size_t marker = path.find(entry.name);
    switch (entry.carrier) {
      case Carrier::kParameter:
        target = TargetIn(ParameterValue(path, entry.name), "&#");
        break;
      case Carrier::kAfterMarker:
        if (marker != std::string_view::npos) {
          target = TargetIn(path.substr(marker + entry.name.size()), "/&#");
        }
        break;
      case Carrier::kProofpointV2:
        target = ProofpointV2Target(ParameterValue(path, entry.name));
        break;
      case Carrier::kProofpointV3:
        if (marker != std::string_view::npos) {
          target = ProofpointV3Target(path.substr(marker + entry.name.size()));
        }
        break;
    }
    if (target.size() <= kMaxTargetLength && IsAbsoluteWebUrl(target)) return target;
  }
  return {};
}

namespace {

// True when `link` is on one of `entries` (its host or under it, its path
// under the entry's prefix).
template <typename Entries>
bool IsOnListed(const Entries& entries, const Link& link) {
  if (link.host.empty()) return false;
  return std::any_of(entries.begin(), entries.end(), [&](const auto& entry) {
    return HostIsOrIsUnder(link.host, entry.host) && PathIsUnder(link.path, entry.path_prefix);
  });
}

}  // namespace

bool Redirectors::Shortens(const Link& link) const { return IsOnListed(shorteners_, link); }

bool Redirectors::TracksClicks(const Link& link) const { return IsOnListed(trackers_, link); }

std::string TrackedTarget(const Link& link) {
  if (link.host.empty() || (link.scheme != "http" && link.scheme != "https")) return {};
  return QueryCarriedTarget(link.path);
}

bool AddRedirectTargets(const Redirectors& redirectors, size_t max_links,
                        std::vector<Link>* links) {
  for (Link& link : *links) {
    link.shortened = redirectors.Shortens(link);
    link.email_service_tracker = redirectors.TracksClicks(link);
  }
  // A listed redirector's target, else one a tracker carries in its query.
  const auto target_of = [&](const Link& link, bool* tracked) {
    std::string target = redirectors.Target(link);
    *tracked = target.empty();
    return target.empty() ? TrackedTarget(link) : target;
  };
  bool tracked = false;
  // Most mail holds no redirect: leave it untouched, copying nothing.
  if (std::none_of(links->begin(), links->end(),
                   [&](const Link& link) { return !target_of(link, &tracked).empty(); })) {
    return true;
  }
  std::unordered_set<std::string> urls;
  for (const Link& link : *links) urls.insert(link.url);
  std::vector<Link> out;
  out.reserve(links->size());
  size_t total = links->size();
  bool all_fit = true;
  for (Link& written : *links) {
    std::vector<Link> chain;  // the targets, in the order the reader is sent on
    chain.reserve(kMaxRedirectDepth);
    const Link* current = &written;
    std::string via;
    for (int depth = 0; depth < kMaxRedirectDepth; ++depth) {
      Link next;
      next.url = target_of(*current, &tracked);
      if (next.url.empty()) break;
      DescribeLinkTarget(&next);
      next.shortened = redirectors.Shortens(next);
      next.email_service_tracker = redirectors.TracksClicks(next);
      if (next.host.empty() || urls.count(next.url) > 0) break;
      if (total >= max_links) {
        all_fit = false;
        break;
      }
      via += via.empty() ? current->host : " -> " + current->host;
      if (tracked) via += " (a tracker; the target is in its query)";
      next.redirected_via = via;
      next.visible_text = written.visible_text;
      next.source = written.source;
      next.attachment = written.attachment;
      next.from_invitation = written.from_invitation;
      next.wraps_image = written.wraps_image;
      next.text_looks_like_url = written.text_looks_like_url;
      next.text_host = written.text_host;
      urls.insert(next.url);
      chain.push_back(std::move(next));
      ++total;
      current = &chain.back();
    }
    // Where the reader lands comes first: a signal's evidence names the
    // first of equally strong findings, and that is the one to name.
    for (auto target = chain.rbegin(); target != chain.rend(); ++target) {
      out.push_back(std::move(*target));
    }
    out.push_back(std::move(written));
  }
  *links = std::move(out);
  return all_fit;
}

std::string DefaultRedirectorsPath() { return DataFilePath("redirectors.txt"); }

std::shared_ptr<const Redirectors> ShippedRedirectors() {
  static const std::shared_ptr<const Redirectors> shipped = [] {
    auto redirectors = std::make_shared<Redirectors>();
    if (!redirectors->Load(DefaultRedirectorsPath()).ok()) *redirectors = Redirectors();
    return std::shared_ptr<const Redirectors>(std::move(redirectors));
  }();
  return shipped;
}

}  // namespace rapport
