#include "milter/verdict_text.h"

#include <algorithm>
#include <cctype>

namespace rapport {
namespace {

std::string SafeName(std::string_view name) {
  std::string out;
  out.reserve(name.size());
  for (char c : name) {
    const auto u = static_cast<unsigned char>(c);
    if (std::isupper(u) || std::isdigit(u) || c == '_') {
      out.push_back(c);
    } else if (std::islower(u)) {
      out.push_back(static_cast<char>(std::toupper(u)));
    }
  }
  return out;
}

std::string JoinNames(const Verdict& verdict, std::string_view separator, size_t limit) {
  std::string out;
  const size_t count = std::min(limit, verdict.signals.size());
  for (size_t i = 0; i < count; ++i) {
    if (i > 0) out.append(separator);
    out.append(SafeName(verdict.signals[i].name));
  }
  return out;
}

}  // namespace

std::string PolicyLabel(const PolicyMatch& policy) {
  std::string label = std::string("policy=") + PolicyListName(policy.list) + ":";
  for (char c : policy.entry) {
    const auto u = static_cast<unsigned char>(c);
    const bool safe = std::islower(u) || std::isdigit(u) || c == '.' || c == '@' || c == '_' ||
                      c == '+' || c == '-';
    label.push_back(safe ? c : '?');
  }
  return label;
}

std::string PolicyOriginLabel(const PolicyMatch& policy) {
  std::string label = "policy_origin=\"";
  for (char c : policy.origin) {
    const auto u = static_cast<unsigned char>(c);
    label.push_back(u >= ' ' && u <= '~' && c != '"' && c != '\\' ? c : '?');
  }
  return label + "\"";
}

std::string SignalsHeader(const Verdict& verdict) {
  const std::string names = SignalList(verdict, ", ");
  if (!verdict.policy.has_value()) return names;
  const std::string label = PolicyLabel(*verdict.policy);
  return names.empty() ? label : label + ", " + names;
}

std::string SignalList(const Verdict& verdict, std::string_view separator) {
  return JoinNames(verdict, separator, kMaxListedSignals);
}

std::string QuarantineReason(const Verdict& verdict, size_t max_signals) {
  std::string reason = "Rapport score " + std::to_string(verdict.score);
  const std::string names = JoinNames(verdict, ", ", max_signals);
  if (!names.empty()) reason.append(": ").append(names);
  return reason;
}

}  // namespace rapport
