#include "store/held_message.h"

#include "store/history_store.h"

namespace rapport {

namespace {

struct StatusName {
  HeldStatus status;
  const char* name;
};

constexpr StatusName kStatusNames[] = {{HeldStatus::kHeld, "held"},
                                       {HeldStatus::kReleased, "released"},
                                       {HeldStatus::kDeleted, "deleted"},
                                       {HeldStatus::kReported, "reported"}};

}  // namespace

const char* HeldStatusName(HeldStatus status) {
  for (const StatusName& s : kStatusNames) {
    if (s.status == status) return s.name;
  }
  return "unknown";
}

bool ParseHeldStatus(const std::string& name, HeldStatus* out) {
  for (const StatusName& s : kStatusNames) {
    if (name == s.name) {
      *out = s.status;
      return true;
    }
  }
  return false;
}

HeldCounts CountByStatus(const std::vector<HeldMessage>& held) {
  HeldCounts counts;
  for (const HeldMessage& message : held) ++counts.by_status[static_cast<int>(message.status)];
  return counts;
}

Status HistoryStore::CountHeld(HeldCounts* out) const {
  std::vector<HeldMessage> held;
  Status status = ListHeld(&held);
  if (status.ok()) *out = CountByStatus(held);
  return status;
}

}  // namespace rapport
