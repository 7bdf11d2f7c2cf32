#include "scoring/signal_registry.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>

namespace rapport {

namespace {

bool IsUpperSnake(std::string_view name) {
  if (name.empty() || name.front() == '_' || name.back() == '_') return false;
  return std::all_of(name.begin(), name.end(), [](char c) {
    return (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '_';
  });
}

}  // namespace

const char* SignalGroupName(SignalGroup group) {
  switch (group) {
    case SignalGroup::kCorrespondent:
      return "correspondent";
    case SignalGroup::kLink:
      return "link";
    case SignalGroup::kThread:
      return "thread";
    case SignalGroup::kCompromise:
      return "compromise";
    case SignalGroup::kAuthentication:
      return "authentication";
    case SignalGroup::kLookalike:
      return "lookalike";
  }
  return "unknown";
}

const char* SignalScopeName(SignalScope scope) {
  switch (scope) {
    case SignalScope::kInboundOnly:
      return "inbound";
    case SignalScope::kInboundAndInternal:
      return "inbound and internal";
    case SignalScope::kInternalOnly:
      return "internal";
    case SignalScope::kBothDirections:
      return "all mail";
  }
  return "unknown";
}

bool Judges(SignalScope scope, Direction direction, bool internal) {
  switch (scope) {
    case SignalScope::kInboundOnly:
      return direction == Direction::kInbound;
    case SignalScope::kInboundAndInternal:
      return direction == Direction::kInbound || internal;
    case SignalScope::kInternalOnly:
      return direction == Direction::kOutbound && internal;
    case SignalScope::kBothDirections:
      return true;
  }
  return false;
}

Status SignalRegistry::Add(SignalDefinition definition) {
  if (!IsUpperSnake(definition.name)) {
    return Status::InvalidArgument("signal name '" + definition.name + "' is not UPPER_SNAKE");
  }
  if (Find(definition.name) != nullptr) {
    return Status::InvalidArgument("signal " + definition.name + " is registered twice");
  }
  if (definition.default_weight < 0 || definition.detect == nullptr) {
    return Status::InvalidArgument("signal " + definition.name +
                                   " needs a non-negative weight and a detector");
  }
  signals_.push_back(std::move(definition));
  return Status::Ok();
}

const SignalDefinition* SignalRegistry::Find(std::string_view name) const {
  for (const SignalDefinition& signal : signals_) {
    if (signal.name == name) return &signal;
  }
  return nullptr;
}

std::string SignalRegistry::NameList() const {
  std::vector<std::string> names;
  for (const SignalDefinition& signal : signals_) names.push_back(signal.name);
  std::sort(names.begin(), names.end());
  std::string list;
  for (const std::string& name : names) {
    if (!list.empty()) list += ", ";
    list += name;
  }
  return list;
}

const SignalRegistry& BuiltInSignals() {
  static const SignalRegistry* registry = [] {
    auto* built = new SignalRegistry;
    Status status = RegisterBuiltInSignals(built);
    if (!status.ok()) {
      std::fprintf(stderr, "rapport: built-in signals: %s\n", status.ToString().c_str());
      std::abort();
    }
    return built;
  }();
  return *registry;
}

}  // namespace rapport
