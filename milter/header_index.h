#pragma once

#include <cstddef>
#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace rapport {

// One header to remove: the name as the MTA knows it and its 1-based index
// among the headers of that name (names compare without regard to case, as
// Postfix and Sendmail do), the form smfi_chgheader(name, index, NULL) takes.
struct HeaderRef {
  std::string name;
  int index = 0;

  bool operator==(const HeaderRef&) const = default;
};

// True for any "X-Rapport-..." name, in any case: the headers only Rapport
// may write, so any copy already in a message is forged.
bool IsRapportHeader(std::string_view name);

// Follows the headers of one message as they stream past and remembers where
// every X-Rapport-* header sits, including repeated ones. Memory grows with
// the number of distinct X-Rapport-* names, which the MTA's own header and
// message size limits bound; every copy is remembered because a forged
// header left behind would defeat the removal.
class RapportHeaderIndex {
 public:
  // Call once per header, in message order.
  void Add(std::string_view name);

  // Every X-Rapport-* header seen, for removal: within one name the highest
  // index comes first, so removing them in order never shifts an index still
  // to be used, whatever the MTA does with indices of removed headers.
  std::vector<HeaderRef> ForRemoval() const;

  // How many X-Rapport-* headers were seen.
  size_t size() const { return total_; }

 private:
  // Lower-case name -> (name as first seen, count so far).
  std::map<std::string, std::pair<std::string, int>> counts_;
  size_t total_ = 0;
};

}  // namespace rapport
