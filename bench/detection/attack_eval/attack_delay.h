// --attack-delay DAYS (branch timegap): attacks dated after the history
// they are built from, as a generator that stamps its own Date (today's,
// or one just after the archive's end) dates them.
//
// An attack is built at the replay's clock (the moment it would have
// been injected: its sender, thread and staff are those of that moment)
// and then sent DAYS later: its Date header, and any Received header the
// gateway stamped at the same moment, move with it, and it is scored at
// that later clock. The history it was built from (a hijack's thread, a
// payment's invoice, the new tenants' setup) stays where it was learned.
#pragma once

#include <cstdint>
#include <string>

#include "base/clock.h"

namespace rapport {

// The RFC 5322 date of `clock` (seconds since the epoch) in UTC, as the
// evaluation writes every Date and Received header.
std::string DateHeader(int64_t clock);

class AttackDelay {
 public:
  AttackDelay() = default;
  // `days` may be a fraction: --attack-delay 0.001 (86 seconds) scores
  // the attacks as a delay does, not learned, almost at once.
  explicit AttackDelay(double days)
      : days_(days), seconds_(static_cast<int64_t>(days * kSecondsPerDay)) {}

  // Whether attacks are sent later than built. A delayed attack or control
  // is scored without being learned: learned at its later clock it would
  // reach the store before the history that follows its injection, and the
  // store keeps mail in Date order (a day count or a "last seen" read
  // after it would see the future). The scenarios, whose point is what
  // their own earlier messages taught, are the exception (attack_eval.cc).
  bool delayed() const { return seconds_ != 0; }
  double days() const { return days_; }  // as given

  // The clock an attack injected at `injected` is sent and scored at.
  int64_t SentAt(int64_t injected) const { return injected + seconds_; }

  // `raw` as sent at SentAt(injected): every date stamped at `injected`
  // (its Date header, the gateway's Received header) moved to SentAt;
  // other dates (a quoted earlier message's) stay. `raw` unchanged when
  // not delayed.
  std::string Redate(const std::string& raw, int64_t injected) const;

 private:
  double days_ = 0;
  int64_t seconds_ = 0;
};

}  // namespace rapport
