// Measures the look-alike engine on the shared corpus: builds the
// index from the Enron correspondents, links and the brand list, generates
// look-alikes of those names by every technique, and checks a legitimate set
// of domains, hosts and URL tokens from the Enron and easy_ham mail.
//
//   lookalike_eval <corpus dir> [--per-technique N] [--quick] [--assert]
//   lookalike_eval <corpus dir> --permutations [--show-missed N]
//
// --quick reads two Enron files and easy_ham; --assert exits 1 unless recall
// is at least 97% and the false-positive rate at most 0.1%. --permutations
// instead enumerates every squatting permutation class (dnstwist's) of every
// Enron correspondent domain and prints, per class and name length, how many
// the look-alike logic ties to the correspondent, and which real
// correspondents it ties to each other (RunPermutations()).

#include <algorithm>
#include <cctype>
#include <cstdio>
#include <fstream>
#include <iterator>
#include <map>
#include <random>
#include <set>
#include <string>
#include <vector>

#include "message/domain_names.h"
#include "message/link_target.h"
#include "scoring/lookalike/brand_list.h"
#include "scoring/lookalike/lookalike_index.h"
#include "scoring/lookalike/skeleton.h"
#include "scoring/lookalike/tokenizer.h"

namespace rapport {
namespace {

constexpr double kRecallTarget = 0.97;
constexpr double kFalsePositiveTarget = 0.001;
constexpr size_t kMaxTokensPerUrl = 32;

// Domains, link hosts and link URLs found in mbox files by a cheap line
// scan (no MIME parsing: good enough to collect names).
struct CorpusNames {
  std::map<std::string, int> header_domains;  // registrable domain -> addresses seen
  // Every host (A-label) of an address in those headers.
  std::set<std::string> header_hosts;
  // Registrable domain -> the local parts (lower case) seen at it in headers.
  std::map<std::string, std::set<std::string>> local_parts;
  std::set<std::string> link_hosts;
  std::set<std::string> link_urls;
};

bool IsHostChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-';
}

bool IsLocalPartChar(char c) {
  return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z') || (c >= '0' && c <= '9') || c == '.' ||
         c == '-' || c == '_' || c == '+';
}

void CollectAddressDomains(const std::string& line, CorpusNames* names) {
  for (size_t at = line.find('@'); at != std::string::npos; at = line.find('@', at + 1)) {
    size_t end = at + 1;
    while (end < line.size() && IsHostChar(line[end])) ++end;
    std::string host = line.substr(at + 1, end - at - 1);
    while (!host.empty() && host.back() == '.') host.pop_back();
    std::string a_label;
    if (host.find('.') == std::string::npos || !NormaliseHost(host, &a_label, nullptr)) continue;
    std::string domain = IcannRegistrableDomain(a_label);
    if (domain.find('.') == std::string::npos) continue;
    ++names->header_domains[domain];
    names->header_hosts.insert(a_label);
    size_t begin = at;
    while (begin > 0 && IsLocalPartChar(line[begin - 1])) --begin;
    if (begin < at) {
      std::string local_part = line.substr(begin, at - begin);
      for (char& c : local_part) c = static_cast<char>(std::tolower(static_cast<unsigned char>(c)));
      names->local_parts[domain].insert(local_part);
    }
  }
}

void CollectUrls(const std::string& line, CorpusNames* names) {
  for (size_t start = line.find("http"); start != std::string::npos;
       start = line.find("http", start + 4)) {
    if (line.compare(start, 7, "http://") != 0 && line.compare(start, 8, "https://") != 0) continue;
    size_t end = line.find_first_of(" \t\"'<>()[]{}", start);
    std::string url =
        line.substr(start, end == std::string::npos ? std::string::npos : end - start);
    while (!url.empty() && (url.back() == '.' || url.back() == ',' || url.back() == '=')) {
      url.pop_back();
    }
    const Link link = LinkNamedByText(url);
    if (link.host.find('.') == std::string::npos || link.host_is_ip_literal) continue;
    names->link_hosts.insert(link.host);
    names->link_urls.insert(url);
  }
}

bool ScanMbox(const std::string& path, CorpusNames* names) {
  std::ifstream in(path);
  if (!in) return false;
  std::string line;
  bool in_headers = false;
  bool in_address_header = false;
  while (std::getline(in, line)) {
    if (line.rfind("From ", 0) == 0) {
      in_headers = true;
      continue;
    }
    if (in_headers) {
      if (line.empty()) {
        in_headers = false;
        continue;
      }
      bool continuation = line[0] == ' ' || line[0] == '\t';
      if (!continuation) {
        in_address_header =
            line.rfind("From:", 0) == 0 || line.rfind("To:", 0) == 0 || line.rfind("Cc:", 0) == 0;
      }
      if (in_address_header) CollectAddressDomains(line, names);
      continue;
    }
    CollectUrls(line, names);
  }
  return true;
}

// Real phishing, for illustration rather than as a gate (nobody labelled
// which of these messages use a look-alike): how many messages have a From
// domain, From display name or link that the index flags, with examples.
void ReportPhishing(const std::string& path, const LookalikeIndex& index) {
  std::ifstream in(path);
  if (!in) return;
  size_t messages = 0;
  size_t flagged = 0;
  std::map<std::string, size_t> by_technique;
  std::vector<std::string> examples;
  std::vector<LookalikeMatch> matches;
  auto finish = [&]() {
    if (matches.empty()) return;
    ++flagged;
    ++by_technique[LookalikeTechniqueName(matches[0].technique)];
    if (examples.size() < 8) examples.push_back(matches[0].explanation);
    matches.clear();
  };
  std::string line;
  bool in_headers = false;
  while (std::getline(in, line)) {
    if (line.rfind("From ", 0) == 0) {
      finish();
      ++messages;
      in_headers = true;
      continue;
    }
    if (in_headers && line.empty()) in_headers = false;
    if (in_headers) {
      if (line.rfind("From:", 0) != 0) continue;
      std::string value = line.substr(5);
      size_t open = value.find('<');
      if (open != std::string::npos) {
        index.Check(value.substr(0, open), CandidateKind::kDisplayName, 0, &matches);
      }
      size_t at = value.rfind('@');
      if (at != std::string::npos) {
        size_t end = value.find_first_of("> \t", at);
        index.Check(value.substr(at + 1, end == std::string::npos ? end : end - at - 1),
                    CandidateKind::kHost, 0, &matches);
      }
      continue;
    }
    for (size_t start = line.find("http"); start != std::string::npos;
         start = line.find("http", start + 4)) {
      if (line.compare(start, 7, "http://") != 0 && line.compare(start, 8, "https://") != 0) {
        continue;
      }
      size_t end = line.find_first_of(" \t\"'<>()[]{}", start);
      index.Check(line.substr(start, end == std::string::npos ? end : end - start),
                  CandidateKind::kUrl, 0, &matches);
    }
  }
  finish();
  std::printf("%s: %zu of %zu messages flagged (", path.substr(path.rfind('/') + 1).c_str(),
              flagged, messages);
  for (const auto& [technique, count] : by_technique) {
    std::printf(" %s=%zu", technique.c_str(), count);
  }
  std::printf(" )\n");
  for (const std::string& example : examples) std::printf("  e.g. %s\n", example.c_str());
}

// One generated look-alike of a known name.
struct Lookalike {
  std::string technique;
  std::string text;  // a host, or a URL for path tokens
  CandidateKind kind = CandidateKind::kHost;
  std::string base_stem;  // the stem it imitates
};

struct Base {
  std::string domain;  // U-label registrable domain
  std::u32string stem;
  std::string suffix;
};

const std::map<char32_t, char32_t> kCyrillic = {
    {U'a', U'а'}, {U'c', U'с'}, {U'e', U'е'}, {U'o', U'о'}, {U'p', U'р'}, {U'x', U'х'},
    {U'y', U'у'}, {U'i', U'і'}, {U'j', U'ј'}, {U's', U'ѕ'}, {U'h', U'һ'}, {U'l', U'ӏ'}};
const std::map<char32_t, char32_t> kLatinConfusable = {{U'a', U'ɑ'}, {U'g', U'ɡ'}, {U'i', U'ı'},
                                                       {U'e', U'é'}, {U'o', U'ö'}, {U'u', U'ü'},
                                                       {U'n', U'ñ'}};
const std::map<char32_t, char32_t> kDigits = {{U'o', U'0'}, {U'l', U'1'}, {U'i', U'1'},
                                              {U'e', U'3'}, {U's', U'5'}, {U'a', U'4'},
                                              {U't', U'7'}};
const std::vector<std::string> kExtraWords = {"payments", "secure",  "login",  "support",
                                              "invoices", "billing", "portal", "online",
                                              "account",  "verify",  "docs",   "mail"};
const std::vector<std::string> kOtherSuffixes = {"net", "org", "biz", "info", "co", "us", "io"};

class Generator {
 public:
  explicit Generator(uint32_t seed) : random_(seed) {}

  size_t Pick(size_t n) { return std::uniform_int_distribution<size_t>(0, n - 1)(random_); }

  // Replaces one letter found in `map` (a random one of those present).
  bool SwapOne(std::u32string* stem, const std::map<char32_t, char32_t>& map) {
    std::vector<size_t> positions;
    for (size_t i = 0; i < stem->size(); ++i) {
      if (map.count((*stem)[i])) positions.push_back(i);
    }
    if (positions.empty()) return false;
    size_t i = positions[Pick(positions.size())];
    (*stem)[i] = map.at((*stem)[i]);
    return true;
  }

  bool WholeScript(std::u32string* stem) {
    for (char32_t& c : *stem) {
      auto found = kCyrillic.find(c);
      if (found == kCyrillic.end()) return false;
      c = found->second;
    }
    return true;
  }

  bool LetterPair(std::u32string* stem) {
    static const std::vector<std::pair<std::u32string, std::u32string>> kPairs = {
        {U"m", U"rn"}, {U"w", U"vv"}, {U"d", U"cl"}, {U"rn", U"m"}};
    for (size_t tries = 0; tries < 8; ++tries) {
      const auto& [from, to] = kPairs[Pick(kPairs.size())];
      size_t at = stem->find(from);
      if (at == std::u32string::npos) continue;
      stem->replace(at, from.size(), to);
      return true;
    }
    return false;
  }

  bool Typo(std::u32string* stem) {
    const std::u32string letters = U"abcdefghijklmnopqrstuvwxyz";
    std::u32string original = *stem;
    size_t i = Pick(stem->size());
    switch (Pick(4)) {
      case 0:
        stem->insert(stem->begin() + static_cast<long>(i), letters[Pick(letters.size())]);
        break;
      case 1:
        stem->erase(i, 1);
        break;
      case 2:
        (*stem)[i] = letters[Pick(letters.size())];
        break;
      default:
        if (i + 1 >= stem->size()) return false;
        std::swap((*stem)[i], (*stem)[i + 1]);
        break;
    }
    return *stem != original;
  }

  bool Hyphenate(std::u32string* stem) {
    size_t hyphen = stem->find(U'-');
    if (hyphen != std::u32string::npos) {
      stem->erase(hyphen, 1);
      return true;
    }
    if (stem->size() < 4) return false;
    size_t i = 2 + Pick(stem->size() - 3);
    stem->insert(stem->begin() + static_cast<long>(i), U'-');
    return true;
  }

  void PlusWord(std::u32string* stem) {
    std::u32string word = DecodeUtf8(kExtraWords[Pick(kExtraWords.size())]);
    switch (Pick(3)) {
      case 0:
        *stem = *stem + U"-" + word;
        break;
      case 1:
        *stem = word + U"-" + *stem;
        break;
      default:
        *stem = *stem + word;
        break;
    }
  }

  std::string OtherSuffix(const std::string& suffix) {
    std::string other;
    do {
      other = kOtherSuffixes[Pick(kOtherSuffixes.size())];
    } while (other == suffix);
    return suffix == "com" ? other : "com";
  }

 private:
  std::mt19937 random_;
};

bool IsAsciiLetters(std::u32string_view stem) {
  return std::all_of(stem.begin(), stem.end(),
                     [](char32_t c) { return (c >= U'a' && c <= U'z') || c == U'-'; });
}

std::vector<Lookalike> GenerateLookalikes(const std::vector<Base>& bases,
                                          const std::vector<std::string>& words,
                                          const LookalikeIndex& index, size_t per_technique) {
  static const std::vector<std::string> kTechniques = {
      "confusable", "mixed-script", "whole-script",    "punycode",  "digit-swap", "rn-m",
      "typo",       "hyphenation",  "brand-plus-word", "other-tld", "path-token"};
  Generator generator(20261129);
  std::vector<Lookalike> out;
  std::set<std::string> seen;
  for (const std::string& technique : kTechniques) {
    size_t made = 0;
    for (size_t round = 0; round < 3 && made < per_technique; ++round) {
      for (const Base& base : bases) {
        if (made >= per_technique) break;
        std::u32string stem = base.stem;
        std::string suffix = base.suffix;
        bool ok = true;
        Lookalike lookalike{technique, "", CandidateKind::kHost, EncodeUtf8(base.stem)};
        if (technique == "confusable") {
          ok = generator.SwapOne(&stem, kLatinConfusable);
        } else if (technique == "mixed-script" || technique == "punycode") {
          ok = stem.size() > 1 && generator.SwapOne(&stem, kCyrillic);
        } else if (technique == "whole-script") {
          ok = generator.WholeScript(&stem);
        } else if (technique == "digit-swap") {
          ok = generator.SwapOne(&stem, kDigits);
        } else if (technique == "rn-m") {
          ok = generator.LetterPair(&stem);
        } else if (technique == "typo") {
          ok = stem.size() > 4 && generator.Typo(&stem);
        } else if (technique == "hyphenation") {
          ok = generator.Hyphenate(&stem);
        } else if (technique == "brand-plus-word") {
          generator.PlusWord(&stem);
        } else if (technique == "other-tld") {
          suffix = generator.OtherSuffix(suffix);
        } else {
          // A disguised word or brand as a path segment of a bucket URL.
          std::u32string word = DecodeUtf8(words[generator.Pick(words.size())]);
          ok = word.size() > 4 && generator.SwapOne(&word, kDigits);
          lookalike.kind = CandidateKind::kUrl;
          lookalike.base_stem = "";
          lookalike.text = "https://storage.example-cdn.net/" + EncodeUtf8(word) + "/index.html";
        }
        if (!ok) continue;
        if (lookalike.kind == CandidateKind::kHost) {
          std::string host = EncodeUtf8(stem) + "." + suffix;
          if (technique == "punycode") {
            std::string a_label;
            if (!NormaliseHost(host, &a_label, nullptr)) continue;
            host = a_label;
          }
          if (index.IsKnownDomain(host)) continue;  // a real name, not a look-alike
          lookalike.text = host;
        }
        if (!seen.insert(lookalike.text).second) continue;
        out.push_back(lookalike);
        ++made;
      }
    }
  }
  return out;
}

struct Tally {
  size_t total = 0;
  size_t hit = 0;
  size_t same_technique = 0;
};

// --- Permutation probe (--permutations) ---------------------------------
//
// Coverage by the permutation classes domain-squatting tools enumerate
// (dnstwist's fuzzers), not by our own templates: every permutation of
// every class of every correspondent domain, checked as the look-alike
// signal checks a sender domain. "resembled" is what the identity-reuse
// path sees (LookalikeIndex::FindResembled() returns a host of the
// correspondent, as for a reused local part or display name); "check" is
// Check() naming the correspondent on its own; "person" adds the short
// names' typing errors FindMistyped() returns, which count only beside a person's
// identity reused. The false-positive side is every real domain of the
// corpus that FindResembled() (or FindMistyped()) ties to another.

// Words squatters add before or after a name (dnstwist's dictionaries are
// of this kind: the business the lure is about).
const std::vector<std::string> kDictionaryWords = {
    "account", "billing", "invoice", "invoices", "login",    "mail", "online", "pay",  "payment",
    "portal",  "secure",  "support", "verify",   "services", "hr",   "docs",   "univ", "edu"};
// Suffixes swapped in: generic, country codes and two-label suffixes.
const std::vector<std::string> kSwapSuffixes = {"com", "net", "org",   "biz",    "info",  "co",
                                                "us",  "io",  "de",    "ca",     "mx",    "uk",
                                                "eu",  "cc",  "co.uk", "com.au", "com.br"};

bool IsHostLetter(char c) { return (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-'; }

// Every permutation of `stem` (ASCII) under `suffix` by `permutation_class`,
// as hosts.
std::vector<std::string> Permutations(const std::string& permutation_class, const std::string& stem,
                                      const std::string& suffix) {
  std::vector<std::string> stems;
  std::vector<std::string> hosts;
  const std::string letters = "abcdefghijklmnopqrstuvwxyz";
  const std::string vowels = "aeiou";
  const size_t n = stem.size();
  if (permutation_class == "addition") {
    for (char c : letters) stems.push_back(stem + c);
  } else if (permutation_class == "bitsquatting") {
    for (size_t i = 0; i < n; ++i) {
      for (int bit = 0; bit < 8; ++bit) {
        const char c = static_cast<char>(stem[i] ^ (1 << bit));
        if (IsHostLetter(c) && c != '-')
          stems.push_back(stem.substr(0, i) + c + stem.substr(i + 1));
      }
    }
  } else if (permutation_class == "homoglyph") {
    static const std::vector<std::pair<std::string, std::string>> kAscii = {
        {"m", "rn"}, {"rn", "m"}, {"w", "vv"}, {"vv", "w"}, {"d", "cl"}, {"cl", "d"},
        {"l", "1"},  {"i", "1"},  {"l", "i"},  {"i", "l"},  {"o", "0"}};
    for (const auto& [from, to] : kAscii) {
      for (size_t at = stem.find(from); at != std::string::npos; at = stem.find(from, at + 1)) {
        stems.push_back(stem.substr(0, at) + to + stem.substr(at + from.size()));
      }
    }
    // One Cyrillic letter for its Latin twin (an IDN).
    const std::u32string stem32 = DecodeUtf8(stem);
    for (size_t i = 0; i < stem32.size(); ++i) {
      auto found = kCyrillic.find(stem32[i]);
      if (found == kCyrillic.end()) continue;
      std::u32string changed = stem32;
      changed[i] = found->second;
      stems.push_back(EncodeUtf8(changed));
    }
  } else if (permutation_class == "cyrillic") {
    std::u32string changed = DecodeUtf8(stem);
    bool whole = true;
    for (char32_t& c : changed) {
      auto found = kCyrillic.find(c);
      if (found == kCyrillic.end())
        whole = whole && c == U'-';
      else
        c = found->second;
    }
    if (whole) stems.push_back(EncodeUtf8(changed));
  } else if (permutation_class == "hyphenation") {
    for (size_t i = 1; i < n; ++i) {
      if (stem[i] != '-' && stem[i - 1] != '-')
        stems.push_back(stem.substr(0, i) + "-" + stem.substr(i));
    }
  } else if (permutation_class == "insertion") {
    for (size_t i = 0; i < n; ++i) {
      for (char c : KeyboardNeighbours(static_cast<unsigned char>(stem[i]))) {
        stems.push_back(stem.substr(0, i) + c + stem.substr(i));
        stems.push_back(stem.substr(0, i + 1) + c + stem.substr(i + 1));
      }
    }
  } else if (permutation_class == "omission") {
    for (size_t i = 0; i < n; ++i) stems.push_back(stem.substr(0, i) + stem.substr(i + 1));
  } else if (permutation_class == "repetition") {
    for (size_t i = 0; i < n; ++i) {
      if (stem[i] != '-') stems.push_back(stem.substr(0, i + 1) + stem.substr(i));
    }
  } else if (permutation_class == "replacement") {
    for (size_t i = 0; i < n; ++i) {
      for (char c : KeyboardNeighbours(static_cast<unsigned char>(stem[i]))) {
        stems.push_back(stem.substr(0, i) + c + stem.substr(i + 1));
      }
    }
  } else if (permutation_class == "subdomain") {
    for (size_t i = 1; i < n; ++i) {
      if (stem[i] != '-' && stem[i - 1] != '-')
        stems.push_back(stem.substr(0, i) + "." + stem.substr(i));
    }
  } else if (permutation_class == "transposition") {
    for (size_t i = 0; i + 1 < n; ++i) {
      if (stem[i] == stem[i + 1]) continue;
      std::string changed = stem;
      std::swap(changed[i], changed[i + 1]);
      stems.push_back(changed);
    }
  } else if (permutation_class == "vowel-swap") {
    for (size_t i = 0; i < n; ++i) {
      if (vowels.find(stem[i]) == std::string::npos) continue;
      for (char v : vowels) {
        if (v != stem[i]) stems.push_back(stem.substr(0, i) + v + stem.substr(i + 1));
      }
    }
  } else if (permutation_class == "plural") {
    stems.push_back(stem.back() == 's' ? stem.substr(0, n - 1) : stem + "s");
  } else if (permutation_class == "dictionary") {
    for (const std::string& word : kDictionaryWords) {
      for (const std::string& joined :
           {stem + word, stem + "-" + word, word + stem, word + "-" + stem}) {
        stems.push_back(joined);
      }
    }
  } else if (permutation_class == "tld-swap") {
    for (const std::string& other : kSwapSuffixes) {
      if (other != suffix) hosts.push_back(stem + "." + other);
    }
  } else if (permutation_class == "typo+tld" || permutation_class == "typo+word") {
    // Two classes at once, as a squatter combines them: a typo of the name
    // (every single-name class above) under another suffix, or beside a
    // word, hyphenated or run together.
    const std::string other = suffix == "com" ? "org" : "com";
    for (const char* typo : {"addition", "bitsquatting", "homoglyph", "insertion", "omission",
                             "repetition", "replacement", "transposition", "vowel-swap"}) {
      for (const std::string& host : Permutations(typo, stem, suffix)) {
        const std::string typed = host.substr(0, host.size() - suffix.size() - 1);
        if (permutation_class == "typo+tld") {
          hosts.push_back(typed + "." + other);
          continue;
        }
        for (const char* word : {"billing", "univ"}) {
          for (const std::string& joined : {typed + "-" + word, typed + word, word + typed}) {
            hosts.push_back(joined + "." + other);
          }
        }
      }
    }
  } else if (permutation_class == "word+tld") {
    // A dictionary word beside the name, and another suffix.
    const std::string other = suffix == "com" ? "org" : "com";
    for (const std::string& host : Permutations("dictionary", stem, suffix)) {
      hosts.push_back(host.substr(0, host.size() - suffix.size()) + other);
    }
  } else if (permutation_class == "institution") {
    // An institution's name with its kind abbreviated beside it
    // ("westfield-univ.org", "westfieldu.org", "uni-westfield.de").
    for (const char* word : {"univ", "uni", "u", "edu", "college", "university"}) {
      for (const std::string& joined :
           {stem + "-" + word, stem + word, std::string(word) + "-" + stem, word + stem}) {
        for (const char* other : {"org", "com", "net"}) hosts.push_back(joined + "." + other);
      }
    }
  } else if (permutation_class == "subdomain-host") {
    // A sender at a host under the look-alike ("mail.acmecrop.com").
    for (const char* typo : {"transposition", "omission", "homoglyph", "tld-swap", "dictionary"}) {
      for (const std::string& host : Permutations(typo, stem, suffix)) {
        hosts.push_back("mail." + host);
      }
    }
  } else if (permutation_class == "various") {
    // The domain written as one label, or spelled out in front of another.
    std::string flat = suffix;
    std::replace(flat.begin(), flat.end(), '.', '-');
    for (const std::string& other : {std::string("com"), std::string("net")}) {
      hosts.push_back(stem + "-" + flat + "." + other);
      hosts.push_back(stem + flat.substr(0, flat.find('-')) + "." + other);
      hosts.push_back(stem + "." + suffix + "-secure." + other);
      hosts.push_back(stem + "." + suffix + ".invoices." + other);
    }
    hosts.push_back("www" + stem + "." + suffix);
    hosts.push_back("www-" + stem + "." + suffix);
  }
  for (const std::string& changed : stems) {
    if (!changed.empty() && changed != stem) hosts.push_back(changed + "." + suffix);
  }
  std::sort(hosts.begin(), hosts.end());
  hosts.erase(std::unique(hosts.begin(), hosts.end()), hosts.end());
  return hosts;
}

const std::vector<std::string> kPermutationClasses = {
    "addition", "bitsquatting", "homoglyph",     "cyrillic",  "hyphenation",   "insertion",
    "omission", "repetition",   "replacement",   "subdomain", "transposition", "vowel-swap",
    "plural",   "dictionary",   "tld-swap",      "various",   "typo+tld",      "typo+word",
    "word+tld", "institution",  "subdomain-host"};

struct ClassTally {
  size_t total = 0;
  size_t resembled = 0;  // FindResembled() returns a host of the correspondent
  size_t checked = 0;    // Check() names the correspondent
  size_t either = 0;
  // Resembled, or a short name's typing error that FindMistyped() returns: tied by
  // a person's identity reused, not by a role mailbox.
  size_t person = 0;
};

// Two-letter names are apart: no typo of one is taken (most pairs of
// letters are another name), only its spelling and disguises.
const char* LengthBucket(size_t letters) {
  return letters <= 2 ? "2" : letters <= 4 ? "3-4" : letters <= 7 ? "5-7" : "8+";
}

void RunPermutations(const CorpusNames& names, const LookalikeIndex& index, size_t show_missed) {
  // Bases: every correspondent registrable domain whose first label is
  // plain ASCII, except the organisation's own.
  std::vector<std::pair<std::string, std::string>> bases;  // stem, suffix
  for (const auto& [domain, count] : names.header_domains) {
    if (domain == "enron.com" || IcannRegistrableDomain(domain) != domain) continue;
    const size_t dot = domain.find('.');
    const std::string stem = domain.substr(0, dot);
    if (stem.size() < 2 || stem.compare(0, 4, "xn--") == 0 ||
        !std::all_of(stem.begin(), stem.end(), IsHostLetter)) {
      continue;
    }
    bases.emplace_back(stem, domain.substr(dot + 1));
  }
  std::map<std::string, std::map<std::string, ClassTally>> tallies;  // class -> bucket -> tally
  std::map<std::string, std::vector<std::string>> missed;
  size_t real_collisions = 0;
  for (const auto& [stem, suffix] : bases) {
    const std::string base = stem + "." + suffix;
    const char* bucket = LengthBucket(stem.size());
    for (const std::string& permutation_class : kPermutationClasses) {
      for (const std::string& host : Permutations(permutation_class, stem, suffix)) {
        std::string a_label;
        if (!NormaliseHost(host, &a_label, nullptr)) continue;
        if (IcannRegistrableDomain(a_label) == base) continue;
        if (index.IsKnownDomain(host)) {
          ++real_collisions;  // a real correspondent, not a look-alike
          continue;
        }
        bool resembled = false;
        for (const std::string& known : index.FindResembled(host, 64)) {
          resembled = resembled || IcannRegistrableDomain(known) == base;
        }
        bool mistyped = false;
        for (const std::string& known : index.FindMistyped(host, 64)) {
          mistyped = mistyped || IcannRegistrableDomain(known) == base;
        }
        std::vector<LookalikeMatch> matches;
        index.Check(host, CandidateKind::kHost, 0, &matches);
        bool checked = false;
        for (const LookalikeMatch& match : matches) checked = checked || match.imitated == base;
        std::vector<ClassTally*> counted = {&tallies[permutation_class][bucket],
                                            &tallies[permutation_class]["all"]};
        if (stem.size() <= 4) counted.push_back(&tallies[permutation_class]["<=4"]);
        for (ClassTally* tally : counted) {
          ++tally->total;
          tally->resembled += resembled;
          tally->checked += checked;
          tally->either += resembled || checked;
          tally->person += resembled || mistyped;
        }
        std::vector<std::string>& misses = missed[permutation_class];
        if (!resembled && misses.size() < show_missed) misses.push_back(host + " for " + base);
        std::vector<std::string>& person_misses = missed[permutation_class + ", person"];
        if (!resembled && !mistyped && stem.size() > 2 && person_misses.size() < show_missed) {
          person_misses.push_back(host + " for " + base);
        }
      }
    }
  }
  std::printf("permutations of %zu correspondent domains (%zu landed on another real one)\n",
              bases.size(), real_collisions);
  std::printf("%-14s %-4s %7s %10s %10s %10s %10s\n", "class", "name", "n", "resembled", "check",
              "either", "person");
  for (const std::string& permutation_class : kPermutationClasses) {
    for (const char* bucket : {"2", "3-4", "<=4", "5-7", "8+", "all"}) {
      const ClassTally& t = tallies[permutation_class][bucket];
      if (t.total == 0) continue;
      std::printf("%-14s %-4s %7zu %9.1f%% %9.1f%% %9.1f%% %9.1f%%\n", permutation_class.c_str(),
                  bucket, t.total, 100.0 * t.resembled / t.total, 100.0 * t.checked / t.total,
                  100.0 * t.either / t.total, 100.0 * t.person / t.total);
    }
  }
  for (const auto& [permutation_class, misses] : missed) {
    for (const std::string& miss : misses) {
      std::printf("  not resembled (%s) %s\n", permutation_class.c_str(), miss.c_str());
    }
  }
  // Distinctive host labels: the label left of a correspondent's
  // registrable domain when it is a name of four letters or more and not a
  // mail server's (glo of glo.state.tx.us, haas of haas.berkeley.edu; not
  // us of us.hynix.com, nor mail), registered as a name of its own: under
  // .com/.org/.net, beside a dictionary word, or with two letters swapped.
  // Measured, not closed: the index keeps such hosts only to look a reused
  // identity up at them.
  static const std::set<std::string> kGenericLabels = {
      "mail",  "email",    "smtp", "mailhost", "exchange", "post", "ccmail", "list",
      "lists", "listserv", "news", "bounce",   "bounces",  "mx",   "relay",  "www"};
  ClassTally host_labels;
  std::vector<std::string> host_label_misses;
  std::set<std::string> host_label_bases;
  for (const std::string& host : names.header_hosts) {
    const std::string registrable = IcannRegistrableDomain(host);
    if (registrable == "enron.com" || registrable.size() + 1 >= host.size()) continue;
    const std::string left = host.substr(0, host.size() - registrable.size() - 1);
    const std::string label = left.substr(left.rfind('.') + 1);
    if (label.size() < 4 || kGenericLabels.count(label) != 0 ||
        !std::all_of(label.begin(), label.end(), [](char c) { return c >= 'a' && c <= 'z'; }) ||
        !host_label_bases.insert(label + " " + registrable).second) {
      continue;
    }
    std::vector<std::string> candidates = {label + ".com", label + ".org", label + ".net"};
    for (const char* permutation_class : {"dictionary", "transposition"}) {
      for (const std::string& candidate : Permutations(permutation_class, label, "com")) {
        candidates.push_back(candidate);
      }
    }
    for (const std::string& candidate : candidates) {
      if (index.IsKnownDomain(candidate)) continue;
      bool tied = false;
      for (const std::string& known : index.FindResembled(candidate, 64)) {
        tied = tied || IcannRegistrableDomain(known) == registrable;
      }
      for (const std::string& known : index.FindMistyped(candidate, 64)) {
        tied = tied || IcannRegistrableDomain(known) == registrable;
      }
      ++host_labels.total;
      host_labels.person += tied;
      if (!tied && host_label_misses.size() < show_missed) {
        host_label_misses.push_back(candidate + " for " + host);
      }
    }
  }
  std::printf(
      "distinctive host labels: %zu labels, %zu permutations, %.1f%% tied to the "
      "correspondent (with a person's identity)\n",
      host_label_bases.size(), host_labels.total,
      100.0 * host_labels.person / std::max<size_t>(host_labels.total, 1));
  for (const std::string& miss : host_label_misses) {
    std::printf("  not tied (host label) %s\n", miss.c_str());
  }
  // The false-positive side: real correspondents the identity path would
  // tie to another real correspondent.
  size_t pairs = 0;
  size_t same_name = 0;  // one name under two suffixes: most often one organisation
  std::map<std::string, size_t> pairs_by_bucket;
  for (const auto& [stem, suffix] : bases) {
    const std::string base = stem + "." + suffix;
    for (const std::string& known : index.FindResembled(base, 64)) {
      const std::string other = IcannRegistrableDomain(known);
      if (other == base) continue;
      ++pairs;
      same_name += other.compare(0, stem.size() + 1, stem + ".") == 0;
      ++pairs_by_bucket[LengthBucket(other.find('.'))];
      std::string how;
      index.Resembles(base, known, &how);
      std::printf("  real pair: %s resembles %s (%s)\n", base.c_str(), other.c_str(), how.c_str());
    }
  }
  std::printf(
      "real domains resembling another: %zu pairs among %zu domains, %zu of them one name under "
      "two suffixes (by the resembled name's length 2: %zu, 3-4: %zu, 5-7: %zu, 8+: %zu)\n",
      pairs, bases.size(), same_name, pairs_by_bucket["2"], pairs_by_bucket["3-4"],
      pairs_by_bucket["5-7"], pairs_by_bucket["8+"]);
  size_t mistyped_pairs = 0;
  for (const auto& [stem, suffix] : bases) {
    const std::string base = stem + "." + suffix;
    for (const std::string& known : index.FindMistyped(base, 64)) {
      ++mistyped_pairs;
      std::printf("  real mistyped pair: %s is one typing error from %s\n", base.c_str(),
                  IcannRegistrableDomain(known).c_str());
    }
  }
  std::printf(
      "real short names one typing error from another (tied only by a person's identity): %zu\n",
      mistyped_pairs);
  // What the identity path would hold among real correspondents if either
  // domain of a tied pair were new: the same local part at both domains.
  // A tie costs nothing without it.
  size_t shared_resembled = 0;
  size_t shared_mistyped = 0;
  const auto shared_local_parts = [&names](const std::string& one, const std::string& other) {
    std::vector<std::string> shared;
    auto a = names.local_parts.find(one);
    auto b = names.local_parts.find(other);
    if (a == names.local_parts.end() || b == names.local_parts.end()) return shared;
    std::set_intersection(a->second.begin(), a->second.end(), b->second.begin(), b->second.end(),
                          std::back_inserter(shared));
    return shared;
  };
  for (const auto& [stem, suffix] : bases) {
    const std::string base = stem + "." + suffix;
    std::set<std::string> resembled;
    for (const std::string& known : index.FindResembled(base, 64)) {
      resembled.insert(IcannRegistrableDomain(known));
    }
    std::set<std::string> mistyped;
    for (const std::string& known : index.FindMistyped(base, 64)) {
      mistyped.insert(IcannRegistrableDomain(known));
    }
    for (const auto* tied : {&resembled, &mistyped}) {
      for (const std::string& other : *tied) {
        if (other == base) continue;
        for (const std::string& local_part : shared_local_parts(base, other)) {
          (tied == &resembled ? shared_resembled : shared_mistyped) += 1;
          std::printf("  shared local part (%s): %s@%s and @%s\n",
                      tied == &resembled ? "resembled" : "mistyped", local_part.c_str(),
                      base.c_str(), other.c_str());
        }
      }
    }
  }
  std::printf(
      "real addresses whose local part recurs at a tied domain (held if that domain were new): "
      "%zu resembled, %zu mistyped\n",
      shared_resembled, shared_mistyped);
  // What counting a two-letter name run together with a word would tie:
  // real domains whose first label starts or ends with one ("outlook" and
  // "ou.edu").
  size_t glued = 0;
  for (const auto& [short_stem, short_suffix] : bases) {
    if (short_stem.size() != 2) continue;
    for (const auto& [stem, suffix] : bases) {
      if (stem.size() <= 2 || stem.find('-') != std::string::npos) continue;
      if (stem.compare(0, 2, short_stem) == 0 ||
          stem.compare(stem.size() - 2, 2, short_stem) == 0) {
        ++glued;
      }
    }
  }
  std::printf("two-letter names run together with a word would tie %zu real pairs\n", glued);
}

// Said when a corpus file is missing: where the directory argument comes from.
constexpr const char* kCorpusOrigin =
    ": the corpus directory is the shared corpus, RAPPORT_CORPUS in the build (default "
    "../shared/corpus beside the checkout)";

int Run(int argc, char** argv) {
  if (argc < 2) {
    std::fprintf(stderr,
                 "usage: lookalike_eval <corpus dir> [--per-technique N] [--quick] [--assert] "
                 "[--permutations [--show-missed N]]\n");
    return 2;
  }
  std::string corpus = argv[1];
  size_t per_technique = 100;
  bool quick = false;
  bool assert_targets = false;
  bool permutations = false;
  size_t show_missed = 0;
  for (int i = 2; i < argc; ++i) {
    std::string arg = argv[i];
    if (arg == "--quick") quick = true;
    if (arg == "--assert") assert_targets = true;
    if (arg == "--per-technique" && i + 1 < argc) per_technique = std::stoul(argv[++i]);
    if (arg == "--permutations") permutations = true;
    if (arg == "--show-missed" && i + 1 < argc) show_missed = std::stoul(argv[++i]);
  }

  std::vector<std::string> enron_files = {"beck-s",      "farmer-d",
                                          "kaminski-v",  "lokay-m",
                                          "williams-w3", "berkeley-enron_with_categories"};
  if (quick) enron_files = {"farmer-d", "kaminski-v"};
  CorpusNames enron;
  for (const std::string& file : enron_files) {
    if (!ScanMbox(corpus + "/enron/" + file + ".mbox", &enron)) {
      std::fprintf(stderr, "cannot read %s/enron/%s.mbox%s\n", corpus.c_str(), file.c_str(),
                   kCorpusOrigin);
      return 2;
    }
  }
  CorpusNames ham;
  if (!ScanMbox(corpus + "/spamassassin/easy_ham.mbox", &ham)) {
    std::fprintf(stderr, "cannot read %s/spamassassin/easy_ham.mbox%s\n", corpus.c_str(),
                 kCorpusOrigin);
    return 2;
  }

  // The index: Enron's own domain, its correspondents (strength by how
  // often they appear), the registrable domains it links to, and brands.
  std::unique_ptr<LookalikeIndex> index;
  Status status = LookalikeIndex::Create(LookalikeOptions(), &index);
  if (!status.ok()) return std::fprintf(stderr, "%s\n", status.ToString().c_str()), 2;
  std::vector<KnownName> brands;
  status = LoadBrandList(DefaultBrandListPath(), &brands);
  if (!status.ok()) return std::fprintf(stderr, "%s\n", status.ToString().c_str()), 2;
  std::vector<std::string> words;
  for (const KnownName& known : brands) {
    index->Add(known);
    if (known.kind == KnownNameKind::kWord || known.kind == KnownNameKind::kBrand) {
      words.push_back(known.name);
    }
  }
  index->Add({"enron.com", KnownNameKind::kLocalDomain, 1, 0});
  for (const auto& [domain, count] : enron.header_domains) {
    index->Add({domain, KnownNameKind::kCorrespondent, std::min(1.0, count / 10.0), 0});
  }
  if (permutations) {
    // Correspondents only, as learned history knows them: no link domains.
    RunPermutations(enron, *index, show_missed);
    return 0;
  }
  std::set<std::string> enron_link_domains;
  for (const std::string& host : enron.link_hosts) {
    std::string domain = IcannRegistrableDomain(host);
    if (domain.find('.') == std::string::npos) continue;
    enron_link_domains.insert(domain);
    index->Add({domain, KnownNameKind::kCorrespondent, 0.2, 0});
  }

  // Bases for look-alikes: the most frequent correspondents, then brands.
  std::vector<std::pair<int, std::string>> by_count;
  for (const auto& [domain, count] : enron.header_domains) by_count.push_back({count, domain});
  std::sort(by_count.rbegin(), by_count.rend());
  std::vector<Base> bases;
  auto add_base = [&bases](const std::string& domain) {
    std::string a_label;
    std::string u_label;
    if (!NormaliseHost(domain, &a_label, &u_label)) return;
    size_t dot = u_label.find('.');
    Base base{u_label, DecodeUtf8(u_label.substr(0, dot)), u_label.substr(dot + 1)};
    if (IsAsciiLetters(base.stem) && base.stem.size() >= 3) bases.push_back(base);
  };
  for (const auto& [count, domain] : by_count) {
    if (count >= 3 && IcannRegistrableDomain(domain) == domain) add_base(domain);
  }
  for (const KnownName& known : brands) {
    if (known.kind == KnownNameKind::kBrandDomain) add_base(known.name);
  }
  std::vector<Lookalike> lookalikes = GenerateLookalikes(bases, words, *index, per_technique);

  // Recall per technique: a look-alike counts when a match names its base.
  std::map<std::string, Tally> recall;
  std::vector<std::string> misses;
  Tally all;
  for (const Lookalike& lookalike : lookalikes) {
    std::vector<LookalikeMatch> matches;
    index->Check(lookalike.text, lookalike.kind, 0, &matches);
    bool hit = false;
    bool same = false;
    for (const LookalikeMatch& match : matches) {
      if (!lookalike.base_stem.empty() && match.imitated.find(lookalike.base_stem) != 0 &&
          match.imitated.find("." + lookalike.base_stem) == std::string::npos) {
        continue;
      }
      hit = true;
      same = same || LookalikeTechniqueName(match.technique) == lookalike.technique ||
             lookalike.technique == "path-token";
    }
    Tally& tally = recall[lookalike.technique];
    ++tally.total, ++all.total;
    if (hit) ++tally.hit, ++all.hit;
    if (same) ++tally.same_technique, ++all.same_technique;
    if (!hit && misses.size() < 20) {
      misses.push_back(lookalike.technique + " " + lookalike.text +
                       (matches.empty() ? "" : " (" + matches[0].explanation + ")"));
    }
  }

  // The legitimate set: every distinct domain, link host and link path
  // token of Enron and easy_ham.
  std::set<std::pair<std::string, CandidateKind>> legit;
  for (const CorpusNames* names : {&enron, &ham}) {
    for (const auto& [domain, count] : names->header_domains) {
      legit.insert({domain, CandidateKind::kHost});
    }
    for (const std::string& host : names->link_hosts) legit.insert({host, CandidateKind::kHost});
    for (const std::string& url : names->link_urls) {
      const Link link = LinkNamedByText(url);
      for (const std::string& token : SplitTokens(DecodedPath(link), kMaxTokensPerUrl)) {
        legit.insert({token, CandidateKind::kToken});
      }
      size_t registrable = link.host.size() - link.icann_domain.size();
      for (const std::string& token :
           SplitTokens(link.host.substr(0, registrable), kMaxTokensPerUrl)) {
        legit.insert({token, CandidateKind::kToken});
      }
    }
  }
  size_t legit_hosts = 0;
  size_t unknown_hosts = 0;
  size_t false_positives = 0;
  size_t unknown_false_positives = 0;
  std::vector<std::string> false_positive_examples;
  for (const auto& [text, kind] : legit) {
    bool known = kind == CandidateKind::kHost && index->IsKnownDomain(text);
    if (kind == CandidateKind::kHost) ++legit_hosts, unknown_hosts += known ? 0 : 1;
    std::vector<LookalikeMatch> matches;
    index->Check(text, kind, 0, &matches);
    if (matches.empty()) continue;
    ++false_positives;
    if (!known) ++unknown_false_positives;
    if (false_positive_examples.size() < 40) {
      false_positive_examples.push_back(std::string(LookalikeTechniqueName(matches[0].technique)) +
                                        ": " + matches[0].explanation);
    }
  }

  std::printf(
      "index: %zu names (%zu Enron header domains, %zu Enron link domains, %zu brand "
      "entries)\n",
      index->size(), enron.header_domains.size(), enron_link_domains.size(), brands.size());
  std::printf("look-alikes: %zu generated from %zu bases\n", lookalikes.size(), bases.size());
  std::printf("%-16s %6s %6s %8s %10s\n", "technique", "n", "found", "recall", "same-label");
  for (const auto& [technique, tally] : recall) {
    std::printf("%-16s %6zu %6zu %7.1f%% %9.1f%%\n", technique.c_str(), tally.total, tally.hit,
                100.0 * tally.hit / tally.total, 100.0 * tally.same_technique / tally.total);
  }
  double recall_rate = all.total ? static_cast<double>(all.hit) / all.total : 0;
  std::printf("%-16s %6zu %6zu %7.1f%% %9.1f%%\n", "all", all.total, all.hit, 100 * recall_rate,
              100.0 * all.same_technique / std::max<size_t>(all.total, 1));
  for (const std::string& miss : misses) std::printf("  missed %s\n", miss.c_str());

  double fp_rate = legit.empty() ? 1 : static_cast<double>(false_positives) / legit.size();
  std::printf("legitimate: %zu items (%zu domains/hosts, %zu not in the index; %zu tokens)\n",
              legit.size(), legit_hosts, unknown_hosts, legit.size() - legit_hosts);
  std::printf("false positives: %zu = %.3f%% (%zu among items not in the index)\n", false_positives,
              100 * fp_rate, unknown_false_positives);
  for (const std::string& example : false_positive_examples) {
    std::printf("  fp %s\n", example.c_str());
  }
  if (!quick) {
    std::printf("phishing corpora, same index (illustration, not a gate):\n");
    for (const char* file :
         {"nazario-phishing0", "nazario-phishing1", "nazario-20051114", "phishing_pot-sample"}) {
      ReportPhishing(corpus + "/phishing/" + file + ".mbox", *index);
    }
  }
  bool pass = all.total >= 500 && legit.size() >= 5000 && recall_rate >= kRecallTarget &&
              fp_rate <= kFalsePositiveTarget;
  std::printf("targets (n>=500, legit>=5000, recall>=97%%, fp<=0.1%%): %s\n",
              pass ? "met" : "NOT met");
  return assert_targets && !pass ? 1 : 0;
}

}  // namespace
}  // namespace rapport

int main(int argc, char** argv) { return rapport::Run(argc, argv); }
