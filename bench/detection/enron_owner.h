#pragma once

// Who owns each Enron mailbox of the corpus, in one place for every
// evaluation: attack_eval and parity_check call EnronMailboxOwner(), and
// the shell evaluations (real_mail, the holdout with HOLDOUT_OWNERS=1) ask
// the enron_owner tool (enron_owner.cc) through evaluation.sh's
// enron_owner function. The owner is read from the mailbox, not written
// down: a table would be a second home that a new or changed mailbox
// silently contradicts.

#include <string>
#include <string_view>

#include "cli/archive_walk.h"
#include "config/config.h"

namespace rapport {

// The address the Enron mailbox `mailbox` (its file's name without
// ".mbox": "beck-s") belongs to, read from `archive` (that file, or a
// rewriting of it) by MailboxOwner(): the local recipient its inbound mail
// names most often among those holding the surname the file name begins
// with ("beck" -> sally.beck@enron.com). Empty for
// berkeley-enron_with_categories, which gathers many people's mail and has
// no one owner, and when `archive` cannot be read.
inline std::string EnronMailboxOwner(std::string_view mailbox, const std::string& archive,
                                     const Config& config) {
  if (mailbox.starts_with("berkeley")) return std::string();
  return MailboxOwner({archive}, config, mailbox.substr(0, mailbox.find('-')));
}

}  // namespace rapport
