#include "bench/detection/enron_owner.h"

#include <map>

#include "message/mail_archive.h"
#include "message/organisation.h"
#include "message/parser.h"

namespace rapport {

std::string EnronMailboxOwner(std::string_view mailbox, const std::string& archive,
                              const Config& config) {
  if (mailbox.starts_with("berkeley")) return std::string();
  const std::string_view surname = mailbox.substr(0, mailbox.find('-'));
  ArchiveIndex index;
  if (!IndexArchives({archive}, &index).ok()) return std::string();
  ArchiveReader reader(index);
  std::map<std::string, size_t> received;
  std::string raw;
  for (const ArchiveEntry& entry : index.entries) {
    Message message;
    if (!reader.Read(entry, &raw).ok() ||
        !ParseMessage(raw, Envelope{}, config.parse, &message).ok() ||
        ArchiveDirection(message, config.local_domains) != Direction::kInbound) {
      continue;
    }
    for (const std::string& r : EffectiveRecipients(message, config.local_domains)) {
      if (IsLocalAddress(r, config.local_domains)) ++received[r];
    }
  }
  std::string owner;
  for (const bool named : {true, false}) {
    size_t most = 0;
    for (const auto& [address, count] : received) {
      if (named && (surname.empty() || address.find(surname) == std::string::npos)) continue;
      if (count > most) most = count, owner = address;
    }
    if (!owner.empty()) break;
  }
  return owner;
}

}  // namespace rapport
