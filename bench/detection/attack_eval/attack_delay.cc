#include "bench/detection/attack_eval/attack_delay.h"

#include <ctime>

namespace rapport {

std::string DateHeader(int64_t clock) {
  std::time_t t = clock;
  std::tm tm{};
  gmtime_r(&t, &tm);
  char buffer[64];
  std::strftime(buffer, sizeof buffer, "%a, %d %b %Y %H:%M:%S +0000", &tm);
  return buffer;
}

std::string AttackDelay::Redate(const std::string& raw, int64_t injected) const {
  if (!delayed()) return raw;
  const std::string was = DateHeader(injected);
  const std::string now = DateHeader(SentAt(injected));
  std::string out;
  out.reserve(raw.size());
  size_t from = 0;
  for (size_t at = raw.find(was); at != std::string::npos; at = raw.find(was, from)) {
    out.append(raw, from, at - from).append(now);
    from = at + was.size();
  }
  out.append(raw, from, std::string::npos);
  return out;
}

}  // namespace rapport
