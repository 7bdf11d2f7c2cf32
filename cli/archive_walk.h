#pragma once

#include <cstdint>
#include <functional>
#include <map>
#include <string>
#include <vector>

#include "base/status.h"
#include "config/config.h"
#include "message/message.h"
#include "store/history.h"

namespace rapport {

// One archived message as the gateway would have seen it.
struct ArchivedMessage {
  const Message* message = nullptr;
  Direction direction = Direction::kInbound;
  std::vector<std::string> recipients;  // EffectiveRecipients()
  int64_t clock = 0;                    // its Date, or the archive order's estimate
};

// What a walk over archives read and skipped.
struct WalkSummary {
  uint64_t messages_read = 0;
  uint64_t dates_estimated = 0;             // missing or absurd Date: archive order used instead
  std::map<std::string, uint64_t> skipped;  // reason -> count
  double seconds = 0;
};

// Indexes `paths` (mbox, Maildir, .eml, directories), then parses each
// message in Date order and hands it to `visit`. A message that cannot be
// read or parsed is skipped and counted; a path that cannot be read or holds
// no mail fails the whole walk before any message is visited. A non-OK
// status from `visit` stops the walk and is returned. Progress goes to
// stderr when it is a terminal.
Status WalkArchives(const std::vector<std::string>& paths, const Config& config,
                    const std::function<Status(const ArchivedMessage&)>& visit,
                    WalkSummary* summary);

}  // namespace rapport
