#pragma once

#include <cstddef>
#include <functional>
#include <string_view>

namespace rapport {

// The hash of an unordered container of std::string keys that is searched
// with a std::string_view: with std::equal_to<> beside it, find(view)
// builds no string. For sets and maps asked once per link or per key on
// the answer path.
struct StringViewHash {
  using is_transparent = void;
  size_t operator()(std::string_view s) const noexcept { return std::hash<std::string_view>()(s); }
};

}  // namespace rapport
