#include "store/keys.h"

#include "message/ascii.h"

namespace rapport {

void KeyBuilder::StartPart() {
  if (parts_++ > 0) key_.push_back(kKeySeparator);
}

KeyBuilder& KeyBuilder::Lower(std::string_view part) {
  StartPart();
  for (char c : part.substr(0, kMaxKeyPartBytes)) {
    if (c == kKeySeparator || c == '\0') c = '?';
    key_.push_back(AsciiLower(c));
  }
  return *this;
}

KeyBuilder& KeyBuilder::Exact(std::string_view part) {
  StartPart();
  for (char c : part.substr(0, kMaxKeyPartBytes)) {
    key_.push_back(c == kKeySeparator || c == '\0' ? '?' : c);
  }
  return *this;
}

KeyBuilder& KeyBuilder::Tag(char tag) {
  StartPart();
  key_.push_back(tag);
  return *this;
}

KeyBuilder& KeyBuilder::Separator() {
  key_.push_back(kKeySeparator);
  return *this;
}

std::string PrefixUpperBound(std::string_view prefix) {
  std::string bound(prefix);
  bound.back() = static_cast<char>(KeyBuilder::kKeySeparator + 1);
  return bound;
}

}  // namespace rapport
