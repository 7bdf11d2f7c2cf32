#include "message/history_keys.h"

#include <arpa/inet.h>

#include <algorithm>
#include <cstring>

#include "message/ascii.h"
#include "message/subject.h"
#include "message/utf8.h"

namespace rapport {
namespace {

constexpr size_t kMaxSubjectBytes = 256;
constexpr size_t kMaxDisplayNameBytes = 128;
constexpr size_t kMaxMailerBytes = 64;

bool IsSpaceOrControl(unsigned char c) { return c <= ' ' || c == 0x7f; }

// Cuts `text` to at most `limit` bytes without splitting a UTF-8 sequence.
void TruncateUtf8(std::string* text, size_t limit) {
  if (text->size() <= limit) return;
  text->resize(Utf8Prefix(*text, limit));
  while (!text->empty() && text->back() == ' ') text->pop_back();
}

// Lower-cases `text` and turns runs of white space and control characters
// into one space, dropping characters for which `drop` is true and leading
// and trailing space. Stops reading once `limit` output bytes are reached.
template <typename Drop>
std::string CollapseLower(std::string_view text, size_t limit, Drop drop) {
  std::string out;
  out.reserve(std::min(text.size(), limit + 4));
  bool pending_space = false;
  for (char c : text) {
    if (drop(c)) continue;
    if (IsSpaceOrControl(static_cast<unsigned char>(c))) {
      pending_space = !out.empty();
      continue;
    }
    if (pending_space) out.push_back(' ');
    pending_space = false;
    out.push_back(AsciiLower(c));
    if (out.size() > limit) break;
  }
  TruncateUtf8(&out, limit);
  return out;
}

}  // namespace

std::string NormaliseThreadSubject(std::string_view subject) {
  std::string text = NormaliseSubject(subject);
  TruncateUtf8(&text, kMaxSubjectBytes);
  return text;
}

std::string NormaliseDisplayName(std::string_view display_name) {
  return CollapseLower(display_name, kMaxDisplayNameBytes,
                       [](char c) { return c == '"' || c == '\'' || c == '`'; });
}

std::string MailerFamily(std::string_view mailer) {
  std::string out;
  int depth = 0;
  size_t i = 0;
  while (i < mailer.size() && out.size() < kMaxMailerBytes) {
    const char c = mailer[i];
    if (c == '(' || c == ')') {
      depth = std::max(0, depth + (c == '(' ? 1 : -1));
      ++i;
      continue;
    }
    const bool separator =
        IsSpaceOrControl(static_cast<unsigned char>(c)) || c == '/' || c == ';' || c == ',';
    if (depth > 0 || separator) {
      ++i;
      continue;
    }
    size_t end = i;
    while (end < mailer.size()) {
      const char t = mailer[end];
      if (IsSpaceOrControl(static_cast<unsigned char>(t)) || t == '/' || t == ';' || t == ',' ||
          t == '(' || t == ')') {
        break;
      }
      ++end;
    }
    const std::string_view token = mailer.substr(i, end - i);
    i = end;
    if (std::any_of(token.begin(), token.end(), IsAsciiDigit)) continue;
    if (!out.empty()) out.push_back(' ');
    for (char t : token) out.push_back(AsciiLower(t));
  }
  TruncateUtf8(&out, kMaxMailerBytes);
  return out;
}

std::string InfrastructureOf(std::string_view ip) {
  if (ip.starts_with('[') && ip.ends_with(']')) ip = ip.substr(1, ip.size() - 2);
  if (ip.size() > 5 && std::equal(ip.begin(), ip.begin() + 5,
                                  "ipv6:", [](char a, char b) { return AsciiLower(a) == b; })) {
    ip.remove_prefix(5);
  }
  char text[INET6_ADDRSTRLEN] = {};
  if (ip.empty() || ip.size() >= sizeof(text)) return {};
  std::memcpy(text, ip.data(), ip.size());

  unsigned char bytes[16];
  char buf[INET6_ADDRSTRLEN];
  if (inet_pton(AF_INET, text, bytes) == 1) {
    bytes[3] = 0;
    if (inet_ntop(AF_INET, bytes, buf, sizeof(buf)) == nullptr) return {};
    return std::string(buf) + "/24";
  }
  if (inet_pton(AF_INET6, text, bytes) == 1) {
    std::memset(bytes + 6, 0, 10);
    if (inet_ntop(AF_INET6, bytes, buf, sizeof(buf)) == nullptr) return {};
    return std::string(buf) + "/48";
  }
  return {};
}

std::string_view SignalContextSubject(std::string_view context) {
  const size_t use = context.rfind('>');
  return use == std::string_view::npos ? context : context.substr(use + 1);
}

}  // namespace rapport
