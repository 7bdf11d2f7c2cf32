#pragma once

#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

struct USpoofChecker;

namespace rapport {

// The scripts the letters of a label are written in (digits, hyphens and
// combining marks belong to no script here).
enum class ScriptUse {
  kNone,         // no letters
  kLatin,        // Latin letters only
  kSingleOther,  // letters of one script that is not Latin ("пример")
  kMixed,        // letters of two or more scripts ("аpple" with Cyrillic а)
};

// Turns names into skeletons that compare equal when the names look alike.
// Thread safety: safe for concurrent use by many threads after Create (ICU
// spoof checkers are read-only once configured).
class SkeletonMaker {
 public:
  // Stores a new SkeletonMaker in *out; fails only if ICU cannot open its
  // confusables data.
  static Status Create(std::unique_ptr<SkeletonMaker>* out);
  ~SkeletonMaker();

  SkeletonMaker(const SkeletonMaker&) = delete;
  SkeletonMaker& operator=(const SkeletonMaker&) = delete;

  // The folded skeleton of UTF-8 `text`: the Unicode TR39 skeleton
  // (uspoof_getSkeleton, so Cyrillic а becomes a and m becomes rn), then
  // lower-cased, combining marks dropped, digits read as the letters they
  // resemble (0→o, 1→l, 3→e, 4→a, 5→s, 7→t, 8→b, 9→g), i, l and 1 merged,
  // rn→m, vv→w, cl→d, and hyphens, underscores and dots dropped. Returns
  // empty for empty or invalid UTF-8.
  std::u32string Fold(std::string_view text) const;

  // Fold() of a single code point, for aligning two names character by
  // character.
  std::u32string FoldCodePoint(char32_t c) const;

  // Which scripts the letters of UTF-8 `text` use.
  static ScriptUse Scripts(std::string_view text);

 private:
  explicit SkeletonMaker(USpoofChecker* checker);

  std::u32string Tr39(const std::u16string& text) const;

  USpoofChecker* const checker_;
};

// Unicode text helpers shared by the look-alike engine. Invalid UTF-8
// decodes to an empty string.
std::u32string DecodeUtf8(std::string_view text);
std::string EncodeUtf8(std::u32string_view text);
// Lower-cases every code point (simple case mapping).
std::u32string LowerCase(std::u32string_view text);
// The English name of the script of `c` ("Cyrillic"), or "" for Latin and
// characters of no script.
const char* ForeignScriptName(char32_t c);
// The keys beside lower-case ASCII letter or digit `c` on a QWERTY keyboard
// ("qwsz" for 'a'): where a finger slips. Empty for any other character.
// The view refers to static storage.
std::string_view KeyboardNeighbours(char32_t c);

}  // namespace rapport
