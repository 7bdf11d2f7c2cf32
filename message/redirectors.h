#pragma once

#include <cstddef>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "message/message.h"

namespace rapport {

// The open redirectors: reputable hosts that send a reader on to any URL
// given in the link ("https://www.google.com/url?q=TARGET",
// "http://rds.yahoo.com/...*http://TARGET"). Phishing hides its destination
// behind them so that every judgement of the link judges the reputable
// host; a mature gateway follows them, and so does Rapport: a link on a
// listed redirector that carries an absolute http(s) URL gives the message
// a link to that URL too.
//
// The list is an editable data file (data/redirectors.txt, `[scoring]
// redirectors_file`), one redirector a line:
//   HOST[/PATH-PREFIX] param NAME    the target is query parameter NAME
//   HOST[/PATH-PREFIX] after MARKER  the target follows MARKER in the path
//                                    and query
//   HOST[/PATH-PREFIX] proofpoint-v2 NAME
//                                    query parameter NAME in Proofpoint URL
//                                    Defense v2's escaping ("https-3A__x_y")
//   HOST[/PATH-PREFIX] proofpoint-v3 MARKER
//                                    follows MARKER up to "__;", with the
//                                    characters URL Defense v3 took out
//                                    ("*", "**X") from the base64url after
//                                    ";"
//   HOST[/PATH-PREFIX] shortener     a URL shortener: the service keeps the
//                                    target, so there is none to follow;
//                                    the link is only marked
//                                    (Link::shortened)
//   HOST[/PATH-PREFIX] tracker       an email service's click tracker: the
//                                    service keeps the target (the sender's
//                                    page it forwards to), so there is none
//                                    to follow; the link is only marked
//                                    (Link::email_service_tracker)
// HOST matches its subdomains too, in any case; a PATH-PREFIX is
// case-sensitive and matches whole path segments ("/url" matches
// "/url?q=...", "/url/x" and "/url;x", not "/urls"), as in the file-share
// catalogue. A host may have several lines; the first that yields a target
// is used. Immutable once loaded; safe for concurrent reads.
class Redirectors {
 public:
  // Replaces the list with the entries of `text`. Returns InvalidArgument
  // naming `origin` and the line for a line that is not one entry.
  Status Parse(std::string_view text, std::string_view origin);

  // Parses the file at `path`; IoError naming the path when it cannot be read.
  Status Load(const std::string& path);

  // The absolute http(s) URL `link` (described by DescribeLinkTarget) sends
  // its reader to, percent-decoded once when it was encoded; empty when
  // the link is not on a listed redirector or carries no such URL (no
  // scheme, "javascript:", "data:", a relative path, an escape cut short).
  // At most kMaxTargetLength bytes are read.
  std::string Target(const Link& link) const;

  // True when `link` (described by DescribeLinkTarget) is on a listed URL
  // shortener: where it leads is known only to the service.
  bool Shortens(const Link& link) const;

  // True when `link` (described by DescribeLinkTarget) is on a listed email
  // service's click tracker: the service forwards the reader to a page the
  // link does not show.
  bool TracksClicks(const Link& link) const;

  // Entries read: the redirectors, the shorteners and the click trackers.
  size_t size() const { return entries_.size() + shorteners_.size() + trackers_.size(); }

 private:
  // Where a redirector carries its target. Shorteners and click trackers
  // carry none the link shows: they are kept apart, by host and path only.
  enum class Carrier { kParameter, kAfterMarker, kProofpointV2, kProofpointV3 };
  struct Entry {
    std::string host;         // "google.com"; subdomains match too
    std::string path_prefix;  // "/url"; empty for any path
    Carrier carrier = Carrier::kParameter;
    std::string name;  // parameter name, or the marker; empty for a shortener or tracker
  };
  std::vector<Entry> entries_;     // the redirectors that carry their target
  std::vector<Entry> shorteners_;  // the ones that keep it
  std::vector<Entry> trackers_;    // email services' click trackers
};

// Longest redirect target read; a URL longer than that is not a link a
// reader follows but padding.
inline constexpr size_t kMaxTargetLength = 4096;

// Redirects followed from one link ("rds.yahoo.com" -> "www.google.com/url"
// -> the target is two).
inline constexpr int kMaxRedirectDepth = 3;

// For each link of *links on a redirector, inserts before it a link to its
// target (and to the target's target, up to kMaxRedirectDepth; the last
// first, where the reader lands), described by DescribeLinkTarget and
// carrying the original's visible text, source and image flag, with
// `redirected_via` naming the redirector hosts on the way ("rds.yahoo.com
// -> www.google.com"). A target already in *links is not added again.
// Stops adding once *links holds `max_links` entries; returns false when a
// target was dropped for that. Marks every link on a URL shortener
// (Redirectors::Shortens) `shortened`, and every link on an email
// service's click tracker (Redirectors::TracksClicks)
// `email_service_tracker`.
bool AddRedirectTargets(const Redirectors& redirectors, size_t max_links, std::vector<Link>* links);

// Where a link on no listed redirector sends its reader when, as a click
// tracker writes it, a query parameter carries an absolute http(s) URL,
// percent-encoded or written out ("https://click.example.com/t?u=https%3A
// %2F%2Fwww.example.com%2Fx"): that URL, decoded once; empty otherwise.
// AddRedirectTargets adds it as it adds a listed redirector's target,
// its redirected_via saying the target was in a tracker's query.
std::string TrackedTarget(const Link& link);

// The shipped list: the installed copy, or the source tree's data/.
std::string DefaultRedirectorsPath();

// The shipped list, loaded once per process; empty when it cannot be read
// (the daemon and rapportctl load it through the config, which reports
// that).
std::shared_ptr<const Redirectors> ShippedRedirectors();

}  // namespace rapport
