#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"

namespace rapport {

// The consumer mailbox providers (gmail.com, yahoo.com, web.de...), whose
// addresses belong to unrelated people rather than to one organisation.
// Self-regulation counts independent correspondents by organisation, and
// establishment is judged per organisation; at a provider missing here,
// strangers would share one "organisation": a new sender at it would pass
// as part of an established correspondent, and its users would corroborate
// an anomaly only once between them. So the list is an editable data file
// (data/consumer_mailbox_domains.txt) an admin extends with the providers
// of their region, one registrable domain a line, "#" for comments.
// Immutable once loaded; safe for concurrent reads.
class MailboxProviders {
 public:
  // Replaces the list with the domains of `text`. Returns InvalidArgument
  // naming `origin` and the line for a line that is not one lower-case
  // registrable domain ("gmail.com", not "mail.gmail.com" or "Gmail").
  Status Parse(std::string_view text, std::string_view origin);

  // Parses the file at `path`; IoError naming the path when it cannot be read.
  Status Load(const std::string& path);

  // True when `registrable_domain` (ICANN, normalised: "yahoo.com") is a
  // listed provider.
  bool IsConsumer(std::string_view registrable_domain) const;

  // The organisation a normalised external address ("ann@mail.acme.com")
  // writes for: its ICANN registrable domain ("acme.com"), or the address
  // itself at a consumer mailbox provider. Empty when the address has no
  // registrable domain.
  std::string CorrespondentOrganisation(std::string_view address) const;

  size_t size() const { return domains_.size(); }

 private:
  std::vector<std::string> domains_;  // sorted, unique
};

// The shipped list: the installed copy, or the source tree's data/.
std::string DefaultMailboxProvidersPath();

}  // namespace rapport
