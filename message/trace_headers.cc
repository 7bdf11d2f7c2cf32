#include "message/trace_headers.h"

#include <arpa/inet.h>

#include "message/ascii.h"
#include "message/domain_names.h"

namespace rapport {

namespace {

// The value with (nested) comments removed, quotes dropped, and the space
// around '=' and '/' removed, so that "spf = pass" reads as "spf=pass".
std::string Canonical(std::string_view value) {
  std::string out;
  out.reserve(value.size());
  int comment_depth = 0;
  bool quoted = false;
  for (size_t i = 0; i < value.size(); ++i) {
    char c = value[i];
    if (quoted) {
      if (c == '\\' && i + 1 < value.size()) {
        out.push_back(value[++i]);
      } else if (c == '"') {
        quoted = false;
      } else {
        out.push_back(c);
      }
      continue;
    }
    if (comment_depth > 0) {
      if (c == '\\') {
        ++i;
      } else if (c == '(') {
        ++comment_depth;
      } else if (c == ')') {
        --comment_depth;
      }
      continue;
    }
    if (c == '(') {
      ++comment_depth;
      out.push_back(' ');
    } else if (c == '"') {
      quoted = true;
    } else if (c == '=' || c == '/') {
      while (!out.empty() && IsAsciiSpace(out.back())) out.pop_back();
      out.push_back(c);
      while (i + 1 < value.size() && IsAsciiSpace(value[i + 1])) ++i;
    } else {
      out.push_back(IsAsciiSpace(c) ? ' ' : c);
    }
  }
  return out;
}

std::vector<std::string_view> Split(std::string_view s, char separator) {
  std::vector<std::string_view> parts;
  size_t start = 0;
  while (start <= s.size()) {
    size_t end = s.find(separator, start);
    if (end == std::string_view::npos) end = s.size();
    std::string_view part = s.substr(start, end - start);
    while (!part.empty() && IsAsciiSpace(part.front())) part.remove_prefix(1);
    while (!part.empty() && IsAsciiSpace(part.back())) part.remove_suffix(1);
    if (!part.empty()) parts.push_back(part);
    start = end + 1;
  }
  return parts;
}

// The normalised domain of a property value: "example.com",
// "user@example.com" or "@example.com".
std::string PropertyDomain(std::string_view value) {
  size_t at = value.rfind('@');
  if (at != std::string_view::npos) value.remove_prefix(at + 1);
  std::string domain;
  NormaliseHost(value, &domain, nullptr);
  return domain;
}

// Reads one "method=result prop=value ..." clause; false when it has none.
bool ParseResultClause(std::string_view clause, AuthResult* result) {
  std::vector<std::string_view> tokens = Split(clause, ' ');
  if (tokens.empty()) return false;
  size_t eq = tokens[0].find('=');
  if (eq == std::string_view::npos || eq == 0 || eq + 1 == tokens[0].size()) return false;
  std::string_view method = tokens[0].substr(0, eq);
  method = method.substr(0, method.find('/'));  // drop a method version
  result->method = AsciiLowered(method);
  result->result = AsciiLowered(tokens[0].substr(eq + 1));

  // Lower rank wins: header.d is the signing domain, the others fall back.
  static constexpr std::string_view kDomainProperties[] = {"header.d", "header.from",
                                                           "smtp.mailfrom", "header.i"};
  size_t best_rank = std::size(kDomainProperties);
  for (size_t t = 1; t < tokens.size(); ++t) {
    size_t property_end = tokens[t].find('=');
    if (property_end == std::string_view::npos) continue;
    std::string property = AsciiLowered(tokens[t].substr(0, property_end));
    for (size_t rank = 0; rank < best_rank; ++rank) {
      if (property != kDomainProperties[rank]) continue;
      std::string domain = PropertyDomain(tokens[t].substr(property_end + 1));
      if (!domain.empty()) {
        result->domain = std::move(domain);
        best_rank = rank;
      }
      break;
    }
  }
  return true;
}

// Where the "by" clause of a Received value starts (the word "by" between
// whitespace, folded or not); the end of the value when there is none.
size_t ByClauseStart(std::string_view value) {
  size_t pos = FindNoCase(value, "by", 1);
  while (pos != std::string_view::npos) {
    bool before = IsAsciiSpace(value[pos - 1]);
    bool after = pos + 2 < value.size() && IsAsciiSpace(value[pos + 2]);
    if (before && after) return pos;
    pos = FindNoCase(value, "by", pos + 2);
  }
  return value.size();
}

}  // namespace

void ParseAuthenticationResults(std::string_view value, std::vector<AuthResult>* out) {
  std::string canonical = Canonical(value);
  std::vector<std::string_view> clauses = Split(canonical, ';');
  if (clauses.empty()) return;
  // The authserv-id (maybe followed by a version number) comes first, but
  // Microsoft 365 omits it and starts with a result.
  std::string_view first_token = Split(clauses[0], ' ').front();
  bool has_authserv_id = first_token.find('=') == std::string_view::npos;
  std::string authserv_id = has_authserv_id ? AsciiLowered(first_token) : std::string();
  for (size_t i = has_authserv_id ? 1 : 0; i < clauses.size(); ++i) {
    AuthResult result;
    if (!ParseResultClause(clauses[i], &result)) continue;
    result.authserv_id = authserv_id;
    out->push_back(std::move(result));
  }
}

std::string ReceivedFromIp(std::string_view value) {
  while (!value.empty() && IsAsciiSpace(value.front())) value.remove_prefix(1);
  if (!StartsWithNoCase(value, "from") || value.size() < 5 || !IsAsciiSpace(value[4])) {
    return std::string();
  }
  std::string_view clause = value.substr(0, ByClauseStart(value));
  // The last bracketed address is the one the receiving MTA saw: Postfix and
  // Sendmail write "from HELO (rdns [ip])", and a HELO may itself be an
  // address in brackets that the sender chose.
  std::string found;
  size_t open = clause.find('[');
  while (open != std::string_view::npos) {
    size_t close = clause.find(']', open);
    if (close == std::string_view::npos) break;
    std::string ip(clause.substr(open + 1, close - open - 1));
    if (ip.size() > 5 && AsciiLowered(ip.substr(0, 5)) == "ipv6:") ip.erase(0, 5);
    unsigned char buffer[16];
    if (inet_pton(AF_INET, ip.c_str(), buffer) == 1) {
      found = ip;
    } else if (inet_pton(AF_INET6, ip.c_str(), buffer) == 1) {
      found = AsciiLowered(ip);
    }
    open = clause.find('[', close);
  }
  return found;
}

}  // namespace rapport
