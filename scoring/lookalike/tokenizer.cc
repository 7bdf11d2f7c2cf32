#include "scoring/lookalike/tokenizer.h"

#include <algorithm>

namespace rapport {

namespace {

constexpr size_t kMinTokenLength = 3;
constexpr size_t kMaxTokenLength = 63;

bool IsAsciiDigit(char c) { return c >= '0' && c <= '9'; }
bool IsAsciiAlpha(char c) { return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z'); }
// Bytes of multi-byte UTF-8 sequences are taken as letters: labels in other
// scripts must reach the skeleton check whole.
bool IsWordByte(char c) { return IsAsciiAlpha(c) || IsAsciiDigit(c) || (c & 0x80) != 0; }
bool IsJoiner(char c) { return c == '-' || c == '_'; }

char AsciiLower(char c) { return (c >= 'A' && c <= 'Z') ? static_cast<char>(c - 'A' + 'a') : c; }

class TokenSink {
 public:
  TokenSink(size_t max_tokens, std::vector<std::string>* out) : max_(max_tokens), out_(out) {}

  bool full() const { return out_->size() >= max_; }

  void Add(std::string_view token) {
    if (full() || token.size() < kMinTokenLength || token.size() > kMaxTokenLength) return;
    if (!std::any_of(token.begin(), token.end(),
                     [](char c) { return IsAsciiAlpha(c) || (c & 0x80) != 0; })) {
      return;
    }
    std::string lower(token);
    std::transform(lower.begin(), lower.end(), lower.begin(), AsciiLower);
    if (std::find(out_->begin(), out_->end(), lower) == out_->end()) out_->push_back(lower);
  }

  // A run of word bytes, with the digit runs at its ends split off.
  void AddWord(std::string_view word) {
    Add(word);
    size_t begin = 0;
    size_t end = word.size();
    while (begin < end && IsAsciiDigit(word[begin])) ++begin;
    while (end > begin && IsAsciiDigit(word[end - 1])) --end;
    bool long_head = begin >= 2;
    bool long_tail = word.size() - end >= 2;
    if (long_head || long_tail) {
      Add(word.substr(long_head ? begin : 0,
                      (long_tail ? end : word.size()) - (long_head ? begin : 0)));
    }
  }

 private:
  const size_t max_;
  std::vector<std::string>* const out_;
};

}  // namespace

std::vector<std::string> SplitTokens(std::string_view text, size_t max_tokens) {
  std::vector<std::string> out;
  TokenSink sink(max_tokens, &out);
  size_t i = 0;
  while (i < text.size() && !sink.full()) {
    if (!IsWordByte(text[i])) {
      ++i;
      continue;
    }
    // A segment: word runs joined by '-' or '_'.
    size_t start = i;
    std::vector<std::string_view> words;
    while (i < text.size()) {
      size_t word_start = i;
      while (i < text.size() && IsWordByte(text[i])) ++i;
      words.push_back(text.substr(word_start, i - word_start));
      if (i + 1 < text.size() && IsJoiner(text[i]) && IsWordByte(text[i + 1])) {
        ++i;
        continue;
      }
      break;
    }
    if (words.size() > 1) sink.Add(text.substr(start, i - start));
    for (std::string_view word : words) sink.AddWord(word);
  }
  return out;
}

}  // namespace rapport
