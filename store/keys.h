#pragma once

#include <string>
#include <string_view>

namespace rapport {

// Builds the keys of the history column families. A key is one or more
// parts joined by kKeySeparator, a byte that normalised addresses, domains
// and names never hold; a part that does hold it or NUL has those bytes
// replaced, so parts can never run into each other. Each part is cut at
// kMaxKeyPartBytes, which bounds keys built from hostile headers; lookups
// go through the same builder and so find what was written.
class KeyBuilder {
 public:
  static constexpr char kKeySeparator = '\x1f';
  static constexpr size_t kMaxKeyPartBytes = 512;

  // Appends an address, domain or other case-insensitive part, ASCII
  // lower-cased.
  KeyBuilder& Lower(std::string_view part);
  // Appends a case-sensitive part (Message-ID, signal name) as is.
  KeyBuilder& Exact(std::string_view part);
  // Appends a one-byte tag (a SenderAttributeKind, a member role).
  KeyBuilder& Tag(char tag);
  // Ends the key with a separator: the prefix of every key that extends it.
  KeyBuilder& Separator();

  const std::string& key() const { return key_; }
  void Clear() {
    key_.clear();
    parts_ = 0;
  }

 private:
  void StartPart();
  // Starts a part and appends `part` cut at kMaxKeyPartBytes, its
  // separator and NUL bytes made '?'; returns where it starts in key_.
  size_t AppendPart(std::string_view part);

  std::string key_;
  size_t parts_ = 0;
};

// The smallest key greater than every key that starts with `prefix`, whose
// last byte is kKeySeparator: the upper bound of a prefix scan.
std::string PrefixUpperBound(std::string_view prefix);

}  // namespace rapport
