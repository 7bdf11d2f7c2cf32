#include "scoring/mailbox_providers.h"

#include <algorithm>

#include "base/data_file.h"
#include "message/domain_names.h"

namespace rapport {

Status MailboxProviders::Parse(std::string_view text, std::string_view origin) {
  std::vector<std::string> domains;
  Status status = ForEachDataLine(text, origin, [&](std::string_view line, int) {
    // A registrable domain is its own registrable domain, and one label
    // under it ("x.gmail.com") is not: that tells it from a public suffix.
    std::string normalised;
    if (!NormaliseHost(line, &normalised, nullptr) || normalised != line ||
        normalised.find('.') == std::string::npos ||
        IcannRegistrableDomain(normalised) != normalised ||
        IcannRegistrableDomain("x." + normalised) != normalised) {
      return "expected one lower-case registrable domain (\"gmail.com\"), got '" +
             std::string(line) + "'";
    }
    domains.push_back(std::move(normalised));
    return std::string();
  });
  if (!status.ok()) return status;
  std::sort(domains.begin(), domains.end());
  domains.erase(std::unique(domains.begin(), domains.end()), domains.end());
  domains_ = std::move(domains);
  return Status::Ok();
}

Status MailboxProviders::Load(const std::string& path) {
  return LoadDataFile(
      path, "mailbox provider list",
      [this](std::string_view text, std::string_view origin) { return Parse(text, origin); });
}

bool MailboxProviders::IsConsumer(std::string_view registrable_domain) const {
  return std::binary_search(domains_.begin(), domains_.end(), registrable_domain);
}

std::string MailboxProviders::CorrespondentOrganisation(std::string_view address) const {
  const size_t at = address.rfind('@');
  if (at == std::string_view::npos) return std::string();
  std::string organisation = IcannRegistrableDomain(address.substr(at + 1));
  if (organisation.empty() || !IsConsumer(organisation)) return organisation;
  return std::string(address);
}

std::string DefaultMailboxProvidersPath() { return DataFilePath("consumer_mailbox_domains.txt"); }

}  // namespace rapport
