#pragma once

// Who owns each Enron mailbox of the corpus, in one place for every
// evaluation: attack_eval and parity_check call EnronMailboxOwner(), and
// the shell evaluations (real_mail, the holdout with HOLDOUT_OWNERS=1) ask
// the enron_owner tool (enron_owner_main.cc) through evaluation.sh's
// enron_owner function. The owner is read from the mailbox, not written
// down: a table would be a second home that a new or changed mailbox
// silently contradicts. A bench's reading of a corpus whose owners were
// never written down; an admin replaying a mailbox knows whose it is.

#include <string>
#include <string_view>

#include "config/config.h"

namespace rapport {

// The address the Enron mailbox `mailbox` (its file's name without
// ".mbox": "beck-s") belongs to, read from `archive` (that file, or a
// rewriting of it): of the local addresses its inbound mail names as
// recipients, the one named most often among those holding the surname
// the file name begins with ("beck" -> sally.beck@enron.com), else among
// all. Empty for berkeley-enron_with_categories, which gathers many
// people's mail and has no one owner, and when `archive` cannot be read
// or names no local recipient.
std::string EnronMailboxOwner(std::string_view mailbox, const std::string& archive,
                              const Config& config);

}  // namespace rapport
