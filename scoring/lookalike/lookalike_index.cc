#include "scoring/lookalike/lookalike_index.h"

#include <algorithm>
#include <array>
#include <cstdio>
#include <functional>
#include <iterator>

#include "base/clock.h"
#include "message/ascii.h"
#include "message/domain_names.h"
#include "message/link_target.h"
#include "scoring/lookalike/tokenizer.h"

namespace rapport {

namespace {

// Names are DNS labels or short tokens; longer skeletons are only indexed
// for one edit, to bound the deletion neighbourhood.
constexpr size_t kMaxTwoEditLength = 32;
constexpr size_t kMaxFoldLength = 64;
// Skeletons shorter than this say nothing ("dc"), and no name part is shorter.
constexpr size_t kMinSkeletonLength = 3;
// The shortest name FindMistyped() reads: two letters ("ou.edu", "uq.edu.au"),
// whose every typing error is another pair of letters or a three-letter name,
// which only a person's reused identity ties to the correspondent.
constexpr size_t kMinMistypedLength = 2;
constexpr size_t kMaxHyphenParts = 8;
// Hosts remembered per known registrable domain (LookalikeIndex::Entry).
constexpr size_t kMaxHostsPerDomain = 4;

bool IsDomainKind(KnownNameKind kind) {
  return kind == KnownNameKind::kLocalDomain || kind == KnownNameKind::kCorrespondent ||
         kind == KnownNameKind::kBrandDomain;
}

bool IsJoiner(char32_t c) { return c == U'-' || c == U'_' || c == U'.'; }
bool IsAsciiDigit(char32_t c) { return c >= U'0' && c <= U'9'; }
// i and l are folded together for 1/l/i swaps, but a lower-case i for an l
// (or back) is not a disguise on its own: "mall" does not imitate "mail".
bool IsWeakPair(char32_t a, char32_t b) {
  return (a == U'i' && b == U'l') || (a == U'l' && b == U'i');
}

std::u32string WithoutJoiners(std::u32string_view text) {
  std::u32string out;
  for (char32_t c : text) {
    if (!IsJoiner(c)) out.push_back(c);
  }
  return out;
}

uint64_t HashOf(std::u32string_view text) { return std::hash<std::u32string_view>()(text); }

// Every string obtained by deleting up to `edits` characters from `text`.
void Deletions(const std::u32string& text, size_t edits, std::vector<std::u32string>* out) {
  out->push_back(text);
  if (edits == 0) return;
  std::vector<std::u32string> ones;
  for (size_t i = 0; i < text.size(); ++i) {
    if (i > 0 && text[i] == text[i - 1]) continue;  // same result as deleting text[i-1]
    std::u32string shorter = text;
    shorter.erase(i, 1);
    ones.push_back(std::move(shorter));
  }
  for (const std::u32string& one : ones) {
    out->push_back(one);
    if (edits < 2) continue;
    for (size_t i = 0; i < one.size(); ++i) {
      if (i > 0 && one[i] == one[i - 1]) continue;
      std::u32string shorter = one;
      shorter.erase(i, 1);
      out->push_back(std::move(shorter));
    }
  }
}

// Optimal-string-alignment Damerau–Levenshtein distance. Names are at most
// kMaxFoldLength code points; three rows of the table are enough.
size_t EditDistance(std::u32string_view a, std::u32string_view b) {
  const size_t n = std::min(a.size(), kMaxFoldLength);
  const size_t m = std::min(b.size(), kMaxFoldLength);
  size_t rows[3][kMaxFoldLength + 1];
  size_t* before = rows[0];
  size_t* previous = rows[1];
  size_t* current = rows[2];
  for (size_t j = 0; j <= m; ++j) previous[j] = j;
  for (size_t i = 1; i <= n; ++i) {
    current[0] = i;
    for (size_t j = 1; j <= m; ++j) {
      size_t cost = a[i - 1] == b[j - 1] ? 0 : 1;
      current[j] = std::min({previous[j] + 1, current[j - 1] + 1, previous[j - 1] + cost});
      if (i > 1 && j > 1 && a[i - 1] == b[j - 2] && a[i - 2] == b[j - 1]) {
        current[j] = std::min(current[j], before[j - 2] + 1);
      }
    }
    std::swap(before, previous);
    std::swap(previous, current);
  }
  return previous[m];
}

// Describes a one-edit difference between `from` (the candidate) and `to`
// (the known name): "r→t", "missing r", "extra r", "ro↔or".
std::string DescribeEdit(std::u32string_view from, std::u32string_view to) {
  size_t prefix = 0;
  while (prefix < from.size() && prefix < to.size() && from[prefix] == to[prefix]) ++prefix;
  size_t suffix = 0;
  while (suffix < from.size() - prefix && suffix < to.size() - prefix &&
         from[from.size() - 1 - suffix] == to[to.size() - 1 - suffix]) {
    ++suffix;
  }
  std::u32string_view changed_from = from.substr(prefix, from.size() - prefix - suffix);
  std::u32string_view changed_to = to.substr(prefix, to.size() - prefix - suffix);
  if (changed_from.empty() && changed_to.size() == 1) return "missing " + EncodeUtf8(changed_to);
  if (changed_to.empty() && changed_from.size() == 1) return "extra " + EncodeUtf8(changed_from);
  if (changed_from.size() == 1 && changed_to.size() == 1) {
    return EncodeUtf8(changed_from) + "→" + EncodeUtf8(changed_to);
  }
  if (changed_from.size() == 2 && changed_to.size() == 2) {
    return EncodeUtf8(changed_from) + "↔" + EncodeUtf8(changed_to);
  }
  return "letters changed: " + EncodeUtf8(changed_from) + "→" + EncodeUtf8(changed_to);
}

// Words of a company's legal form: a brand or correspondent registers its
// other domains with them ("brand-inc.com", "acmegroup.com"), so a name
// with nothing else added is not flagged by Check(). An attacker's
// "acme-inc.com" reusing a correspondent's name or address is still caught
// through Resembles().
bool IsLegalForm(std::string_view word) {
  static constexpr std::array<std::string_view, 14> kLegalForms = {
      "inc",  "corp", "co", "llc", "ltd", "plc", "group",
      "gmbh", "ag",   "sa", "bv",  "lp",  "llp", "company"};
  return std::find(kLegalForms.begin(), kLegalForms.end(), word) != kLegalForms.end();
}

// An institution's kind, whole or abbreviated ("westfielduniv.org",
// "eduwestfield.com"): what a look-alike of a university or college adds
// to its name, as a lure's business ("billing", "secure": the words of the
// brand list) is what a company's adds.
bool IsInstitutionWord(std::string_view word) {
  static constexpr std::array<std::string_view, 5> kInstitutionWords = {"univ", "uni", "edu",
                                                                        "college", "university"};
  return std::find(kInstitutionWords.begin(), kInstitutionWords.end(), word) !=
         kInstitutionWords.end();
}

// A department or service a mail claims to come from ("abbpay.com",
// "txu-hr.com", "acmemail.net", "westfieldservices.org"): what a
// look-alike of any organisation adds to its name, as a lure's business
// and an institution's kind are. Not in the brand list's word line, whose
// words Check() also matches disguised in links ("rnail" is no lure).
bool IsDepartmentWord(std::string_view word) {
  static constexpr std::array<std::string_view, 5> kDepartmentWords = {"hr", "pay", "mail", "email",
                                                                       "services"};
  return std::find(kDepartmentWords.begin(), kDepartmentWords.end(), word) !=
         kDepartmentWords.end();
}

// Whether `word` is one a look-alike puts in front of a name, making no
// name of its own: a customer's own view ("my") or the article ("the"):
// "mytxu", "theou" (ComparedParts() reads it at the front only: "tomy",
// "bathe" end in no such word).
bool IsLeadingWord(std::string_view word) { return word == "my" || word == "the"; }

std::string Join(const std::vector<std::string>& parts) {
  std::string out;
  for (const std::string& part : parts) {
    if (!out.empty()) out += ", ";
    out += part;
  }
  return out;
}

// The registrable domain of a normalised host split into its first label
// and its public suffix, in U-label form.
struct DomainParts {
  std::string registrable_a;  // key: A-label registrable domain
  std::string registrable_u;
  std::string stem;                           // first label of the registrable domain (U-label)
  std::string suffix;                         // the rest ("co.uk")
  std::vector<std::string> subdomain_labels;  // U-labels left of it
};

bool SplitDomain(std::string_view host, DomainParts* parts) {
  std::string a_label;
  std::string u_label;
  if (!NormaliseHost(host, &a_label, &u_label)) return false;
  parts->registrable_a = IcannRegistrableDomain(a_label);
  size_t registrable_labels =
      std::count(parts->registrable_a.begin(), parts->registrable_a.end(), '.') + 1;
  if (registrable_labels < 2) return false;
  std::vector<std::string> labels;
  size_t start = 0;
  while (start <= u_label.size()) {
    size_t dot = u_label.find('.', start);
    if (dot == std::string::npos) dot = u_label.size();
    labels.push_back(u_label.substr(start, dot - start));
    start = dot + 1;
  }
  if (labels.size() < registrable_labels) return false;
  size_t first = labels.size() - registrable_labels;
  parts->subdomain_labels.assign(labels.begin(), labels.begin() + first);
  parts->stem = labels[first];
  parts->suffix.clear();
  for (size_t i = first + 1; i < labels.size(); ++i) {
    if (!parts->suffix.empty()) parts->suffix += '.';
    parts->suffix += labels[i];
  }
  parts->registrable_u = parts->stem + "." + parts->suffix;
  return true;
}

// The registrable domains (A-labels) that `host` spells out from the start
// of one of its labels to a dot or a hyphen, left of its own registrable
// domain: a dot only while still left of it ("caiso.com.invoices.net"), a
// hyphen anywhere ("caiso.com-secure.net", "ou.edu-invoices.net"). A reader
// takes in the start of a host and stops at the first familiar name.
std::vector<std::string> DomainsSpelledInFront(std::string_view host) {
  std::vector<std::string> spelled;
  std::string a_label;
  if (!NormaliseHost(host, &a_label, nullptr)) return spelled;
  const size_t own_start = a_label.size() - IcannRegistrableDomain(a_label).size();
  // Each label start left of own_start is followed by a dot before it.
  for (size_t start = 0; start < own_start; start = a_label.find('.', start) + 1) {
    for (size_t end = a_label.find_first_of(".-", start); end != std::string::npos;
         end = a_label.find_first_of(".-", end + 1)) {
      if (a_label[end] == '.' && end >= own_start) break;
      std::string name = a_label.substr(start, end - start);
      if (name.find('.') != std::string::npos && IcannRegistrableDomain(name) == name) {
        spelled.push_back(std::move(name));
      }
    }
  }
  return spelled;
}

// `text` with each run of one character written once ("txxu" -> "txu",
// "halff" -> "half"): a doubled letter reads as a single one at a glance.
std::u32string WithoutDoubles(std::u32string_view text) {
  std::u32string out;
  for (char32_t c : text) {
    if (out.empty() || out.back() != c) out.push_back(c);
  }
  return out;
}

// Whether a public suffix ends in a two-letter country code ("co.uk", "de").
bool IsCountryCode(std::string_view suffix) {
  size_t dot = suffix.rfind('.');
  std::string_view last = dot == std::string_view::npos ? suffix : suffix.substr(dot + 1);
  return last.size() == 2 || last.compare(0, 4, "xn--") == 0;
}

// Whether the host was written with an xn-- label (rather than in Unicode).
bool HasALabel(std::string_view host) {
  for (size_t i = 0; i + 4 <= host.size(); ++i) {
    bool at_label = i == 0 || host[i - 1] == '.';
    if (at_label && (host[i] | 0x20) == 'x' && (host[i + 1] | 0x20) == 'n' && host[i + 2] == '-' &&
        host[i + 3] == '-') {
      return true;
    }
  }
  return false;
}

// A digit between letters, or letters of two scripts: the marks of a name
// dressed up to pass for another.
bool IsDisguised(std::u32string_view stem, ScriptUse scripts) {
  if (scripts == ScriptUse::kMixed) return true;
  for (size_t i = 1; i + 1 < stem.size(); ++i) {
    if (IsAsciiDigit(stem[i]) && !IsAsciiDigit(stem[i - 1]) && !IsAsciiDigit(stem[i + 1])) {
      return true;
    }
  }
  return false;
}

std::string Describe(KnownNameKind kind, int64_t first_seen, int64_t now) {
  switch (kind) {
    case KnownNameKind::kLocalDomain:
      return "the organisation's own domain";
    case KnownNameKind::kCorrespondent: {
      if (first_seen <= 0 || now <= first_seen) return "a correspondent";
      int64_t days = (now - first_seen) / kSecondsPerDay;
      if (days >= 730) return "a correspondent for " + std::to_string(days / 365) + " years";
      if (days >= 60) return "a correspondent for " + std::to_string(days / 30) + " months";
      if (days >= 2) return "a correspondent for " + std::to_string(days) + " days";
      return "a new correspondent";
    }
    case KnownNameKind::kBrandDomain:
      return "a brand's own domain";
    case KnownNameKind::kBrand:
      return "a commonly imitated brand";
    case KnownNameKind::kWord:
      return "a word phishing pages imitate";
  }
  return "";
}

// How a candidate's characters differ from a name it shares a skeleton with.
struct Alignment {
  std::vector<std::string> substitutions;  // "0→o", "rn→m", "Cyrillic а→a"
  bool digit = false;
  bool pair = false;
  bool letter = false;  // a look-alike letter other than i/l
  bool weak = false;    // only i/l swaps
  bool hyphen = false;
  size_t letters = 0;  // letters in the candidate
  size_t digits = 0;   // digits read as letters
};

}  // namespace

const char* LookalikeTechniqueName(LookalikeTechnique technique) {
  switch (technique) {
    case LookalikeTechnique::kConfusable:
      return "confusable";
    case LookalikeTechnique::kMixedScript:
      return "mixed-script";
    case LookalikeTechnique::kWholeScript:
      return "whole-script";
    case LookalikeTechnique::kPunycode:
      return "punycode";
    case LookalikeTechnique::kDigitSwap:
      return "digit-swap";
    case LookalikeTechnique::kLetterPair:
      return "rn-m";
    case LookalikeTechnique::kTypo:
      return "typo";
    case LookalikeTechnique::kHyphenation:
      return "hyphenation";
    case LookalikeTechnique::kBrandPlusWord:
      return "brand-plus-word";
    case LookalikeTechnique::kOtherTld:
      return "other-tld";
  }
  return "";
}

struct LookalikeIndex::Entry {
  std::string name;  // as shown in explanations: U-label domain or token
  std::string stem;
  std::u32string stem32;
  std::u32string plain;  // stem32 without hyphens: what typos are measured on
  std::string suffix;
  std::u32string fold;
  KnownNameKind kind = KnownNameKind::kCorrespondent;
  // A brand's real domain, even when the organisation also corresponds
  // with it (kind is then kCorrespondent): the brand owns its name under
  // country codes ("yahoo.ie" for "yahoo.com").
  bool brand_domain = false;
  double strength = 1;
  int64_t first_seen = 0;
  // The hosts added under this registrable domain ("mail.utexas.edu"), at
  // most kMaxHostsPerDomain: a correspondent's address is at one of them,
  // and an impersonator drops the host label as often as not.
  std::vector<std::string> hosts;
};

struct LookalikeIndex::Candidate {
  std::string shown;
  std::string stem;
  std::u32string stem32;
  std::u32string plain;
  std::string suffix;  // empty for tokens
  std::u32string fold;
  ScriptUse scripts = ScriptUse::kNone;
  bool punycode = false;
  bool disguised = false;       // digits inside letters, or mixed scripts
  const Entry* self = nullptr;  // the candidate's own entry when it is known
};

namespace {

// Aligns a candidate with a known name of the same folded skeleton, one
// character or letter pair at a time. Returns false when no alignment
// explains the difference.
bool Align(const SkeletonMaker& skeletons, std::u32string_view candidate, std::u32string_view known,
           Alignment* out) {
  size_t i = 0;
  size_t j = 0;
  bool strong = false;
  while (i < candidate.size() || j < known.size()) {
    if (i < candidate.size() && j < known.size() && candidate[i] == known[j]) {
      ++i, ++j;
      continue;
    }
    if (i < candidate.size() && IsJoiner(candidate[i])) {
      out->hyphen = true, ++i;
      continue;
    }
    if (j < known.size() && IsJoiner(known[j])) {
      out->hyphen = true, ++j;
      continue;
    }
    if (i < candidate.size() && skeletons.FoldCodePoint(candidate[i]).empty()) {
      char code[16];
      std::snprintf(code, sizeof(code), "U+%04X", static_cast<unsigned>(candidate[i]));
      out->substitutions.push_back(std::string("added mark ") + code);
      out->letter = strong = true, ++i;
      continue;
    }
    if (i < candidate.size() && j < known.size() &&
        skeletons.FoldCodePoint(candidate[i]) == skeletons.FoldCodePoint(known[j])) {
      std::string script = ForeignScriptName(candidate[i]);
      std::string sub = (script.empty() ? "" : script + " ") + EncodeUtf8(candidate.substr(i, 1)) +
                        "→" + EncodeUtf8(known.substr(j, 1));
      out->substitutions.push_back(sub);
      if (IsAsciiDigit(candidate[i]) || IsAsciiDigit(known[j])) {
        out->digit = strong = true;
      } else if (!IsWeakPair(candidate[i], known[j])) {
        out->letter = strong = true;
      }
      ++i, ++j;
      continue;
    }
    if (i + 1 < candidate.size() && j < known.size() &&
        skeletons.Fold(EncodeUtf8(candidate.substr(i, 2))) == skeletons.FoldCodePoint(known[j])) {
      out->substitutions.push_back(EncodeUtf8(candidate.substr(i, 2)) + "→" +
                                   EncodeUtf8(known.substr(j, 1)));
      out->pair = strong = true;
      i += 2, ++j;
      continue;
    }
    if (i < candidate.size() && j + 1 < known.size() &&
        skeletons.FoldCodePoint(candidate[i]) == skeletons.Fold(EncodeUtf8(known.substr(j, 2)))) {
      out->substitutions.push_back(EncodeUtf8(candidate.substr(i, 1)) + "→" +
                                   EncodeUtf8(known.substr(j, 2)));
      out->pair = strong = true;
      ++i, j += 2;
      continue;
    }
    return false;
  }
  out->weak = !strong && !out->substitutions.empty();
  for (char32_t c : candidate) {
    if (IsAsciiDigit(c))
      ++out->digits;
    else if (!IsJoiner(c))
      ++out->letters;
  }
  return true;
}

}  // namespace

Status LookalikeIndex::Create(const LookalikeOptions& options,
                              std::unique_ptr<LookalikeIndex>* out) {
  std::unique_ptr<SkeletonMaker> skeletons;
  Status status = SkeletonMaker::Create(&skeletons);
  if (!status.ok()) return status;
  out->reset(new LookalikeIndex(options, std::move(skeletons)));
  return Status::Ok();
}

LookalikeIndex::LookalikeIndex(const LookalikeOptions& options,
                               std::unique_ptr<SkeletonMaker> skeletons)
    : options_(options), skeletons_(std::move(skeletons)) {}

LookalikeIndex::~LookalikeIndex() = default;

size_t LookalikeIndex::AllowedEdits(const Entry& entry) const {
  const size_t length = entry.plain.size();
  if (length <= options_.short_name_length) return 0;
  if (entry.kind == KnownNameKind::kCorrespondent) return 1;
  return length >= options_.two_edit_length && length <= kMaxTwoEditLength ? 2 : 1;
}

bool LookalikeIndex::Established(const Entry& entry) const {
  return entry.kind != KnownNameKind::kCorrespondent ||
         entry.strength >= options_.min_fuzzy_strength;
}

Status LookalikeIndex::Add(const KnownName& known) {
  Entry entry;
  std::string key;
  if (IsDomainKind(known.kind)) {
    DomainParts parts;
    if (!SplitDomain(known.name, &parts)) {
      return Status::InvalidArgument("not a registrable domain: " + known.name);
    }
    key = parts.registrable_a;
    entry.name = parts.registrable_u;
    entry.stem = parts.stem;
    entry.suffix = parts.suffix;
  } else {
    std::u32string lower = LowerCase(DecodeUtf8(known.name));
    if (lower.empty() || lower.size() > kMaxFoldLength) {
      return Status::InvalidArgument("not a name: " + known.name);
    }
    entry.stem = EncodeUtf8(lower);
    entry.name = entry.stem;
    key = entry.stem;
  }
  entry.stem32 = LowerCase(DecodeUtf8(entry.stem));
  entry.plain = WithoutJoiners(entry.stem32);
  entry.fold = skeletons_->Fold(entry.stem);
  if (entry.fold.empty() || entry.fold.size() > kMaxFoldLength) {
    return Status::InvalidArgument("name has no letters to compare: " + known.name);
  }
  entry.kind = known.kind;
  entry.brand_domain = known.kind == KnownNameKind::kBrandDomain;
  entry.strength = known.strength;
  entry.first_seen = known.first_seen;

  if (IsDomainKind(known.kind)) entry.hosts.push_back(AsciiLowered(known.name));
  auto existing = by_name_.find(key);
  if (existing != by_name_.end()) {
    Entry& old = entries_[existing->second];
    for (std::string& host : entry.hosts) {
      if (old.hosts.size() < kMaxHostsPerDomain &&
          std::find(old.hosts.begin(), old.hosts.end(), host) == old.hosts.end()) {
        old.hosts.push_back(std::move(host));
      }
    }
    old.strength = std::max(old.strength, entry.strength);
    if (entry.first_seen > 0 && (old.first_seen == 0 || entry.first_seen < old.first_seen)) {
      old.first_seen = entry.first_seen;
    }
    old.kind = std::min(old.kind, entry.kind);
    old.brand_domain = old.brand_domain || entry.brand_domain;
    return Status::Ok();
  }

  const uint32_t id = static_cast<uint32_t>(entries_.size());
  by_name_.emplace(key, id);
  by_skeleton_[EncodeUtf8(entry.fold)].push_back(id);
  // Correspondents are many: one edit keeps their neighbourhood small.
  // The organisation's own domains and brands are few and get two when long.
  if (IsDomainKind(entry.kind) && entry.plain.size() >= kMinMistypedLength &&
      entry.plain.size() < options_.min_embedded_length) {
    AddDeletions(entry.plain, 1, id, &by_short_deletion_);
  }
  if (entry.kind == KnownNameKind::kWord) {
    longest_glued_word_ = std::max(longest_glued_word_, entry.stem.size());
  }
  if (entry.kind == KnownNameKind::kCorrespondent) {
    AddDeletions(entry.plain, AllowedEdits(entry), id, &by_spelling_deletion_);
  } else if (entry.kind != KnownNameKind::kWord) {
    AddDeletions(entry.plain, AllowedEdits(entry), id, &by_trusted_spelling_deletion_);
  }
  // Disguised words are looked up by skeleton within one edit ("s3cure0line"
  // reads as secure + oline); correspondents are too many to need that.
  if (entry.kind != KnownNameKind::kCorrespondent &&
      entry.fold.size() > options_.short_name_length) {
    AddDeletions(entry.fold, 1, id, &by_skeleton_deletion_);
  }
  entries_.push_back(std::move(entry));
  return Status::Ok();
}

void LookalikeIndex::AddDeletions(const std::u32string& text, size_t edits, uint32_t id,
                                  DeletionMap* map) {
  if (edits == 0) return;
  if (text.size() > kMaxTwoEditLength) edits = 1;
  std::vector<std::u32string> deletions;
  Deletions(text, edits, &deletions);
  for (const std::u32string& deletion : deletions) {
    std::vector<uint32_t>& ids = (*map)[HashOf(deletion)];
    if (ids.empty() || ids.back() != id) ids.push_back(id);
  }
}

size_t LookalikeIndex::size() const { return entries_.size(); }

bool LookalikeIndex::IsKnownDomain(std::string_view host) const {
  DomainParts parts;
  if (!SplitDomain(host, &parts)) return false;
  auto found = by_name_.find(parts.registrable_a);
  return found != by_name_.end() && IsDomainKind(entries_[found->second].kind);
}

namespace {

// The first label of a registrable domain and, when it has hyphens, each
// run of adjacent parts ("duke-nergy-files": itself, "duke", "duke-nergy",
// "nergy", "nergy-files", "files"): an impersonator adds a word to a
// correspondent's name, which may itself have a hyphen ("duke-energy").
// Names at least this long are recognised with two neighbouring letters
// swapped or run together with another word (LookalikeIndex::Resembles).
constexpr size_t kMinSwapLength = 4;
// Names at least this long are recognised with a letter left out ("mpid"
// for "mpisd"); shorter ones would leave two or three letters.
constexpr size_t kMinDropLength = 5;
// A word run together with a name is at least this long ("univ", "pay"),
// or, beside a name of LookalikeOptions::min_embedded_length or more, one
// letter shorter ("mymckinsey", "acmecorpus"): a two-letter word beside a
// short name is most often another name ("jsmith").
constexpr size_t kMinAddedWordLength = 3;
// Beside a glued word (LookalikeIndex::IsGluedWord) a name of two letters
// stands apart ("ousecure" is "ou" and "secure"): the word is read whole,
// as it is not at the start of an arbitrary word ("outlook").
constexpr size_t kMinGluedNameLength = 2;
// The shortest glued word (LookalikeIndex::IsGluedWord): "hr".
constexpr size_t kMinGluedWordLength = 2;

// Whether `text` is `known` with two different neighbouring letters swapped.
bool IsNeighbourSwap(std::u32string_view text, std::u32string_view known) {
  if (text.size() != known.size()) return false;
  size_t first = 0;
  while (first < text.size() && text[first] == known[first]) ++first;
  return first + 1 < text.size() && text[first] == known[first + 1] &&
         text[first + 1] == known[first] && text.substr(first + 2) == known.substr(first + 2);
}

// Whether `text` is `known` with one letter replaced by a key beside it or
// by another vowel ("halgf", "hollf" for "halff"), or with a key beside a
// letter typed next to it ("halfgf"): the slips of a typist, which keep the
// name's length and shape, unlike an arbitrary letter changed ("halmf").
bool IsSlip(std::u32string_view text, std::u32string_view known) {
  const auto is_vowel = [](char32_t c) {
    return std::u32string_view(U"aeiou").find(c) != std::u32string_view::npos;
  };
  const auto beside = [](char32_t key, char32_t c) {
    return c < 0x80 && KeyboardNeighbours(key).find(static_cast<char>(c)) != std::string_view::npos;
  };
  size_t first = 0;
  while (first < text.size() && first < known.size() && text[first] == known[first]) ++first;
  if (text.size() == known.size()) {
    if (first == text.size() || text.substr(first + 1) != known.substr(first + 1)) return false;
    return beside(known[first], text[first]) || (is_vowel(known[first]) && is_vowel(text[first]));
  }
  if (text.size() != known.size() + 1 || text.substr(first + 1) != known.substr(first))
    return false;
  // text[first] was typed between known[first - 1] and known[first].
  return (first > 0 && beside(known[first - 1], text[first])) ||
         (first < known.size() && beside(known[first], text[first]));
}

// Whether `text` is `known` with a word of kMinAddedWordLength or more
// (one less beside a name of `long_name` letters or more) before or after
// it, other than a legal form: "lacimagroup.com" is what lacima.co.uk
// registers for itself, as "brand-inc.com" is (IsLegalForm).
bool RunTogether(std::u32string_view text, std::u32string_view known, size_t long_name) {
  const size_t word = known.size() >= long_name ? kMinAddedWordLength - 1 : kMinAddedWordLength;
  if (known.empty() || text.size() < known.size() + word) return false;
  if (text.substr(0, known.size()) == known) {
    return !IsLegalForm(EncodeUtf8(text.substr(known.size())));
  }
  return text.substr(text.size() - known.size()) == known &&
         !IsLegalForm(EncodeUtf8(text.substr(0, text.size() - known.size())));
}

std::vector<std::string> StemParts(const std::string& stem) {
  std::vector<std::string> parts = {stem};
  if (stem.find_first_of("-_") == std::string::npos) return parts;
  std::vector<size_t> starts = {0};
  for (size_t at = stem.find_first_of("-_");
       at != std::string::npos && starts.size() < kMaxHyphenParts;
       at = stem.find_first_of("-_", at + 1)) {
    starts.push_back(at + 1);
  }
  starts.push_back(stem.size() + 1);
  for (size_t first = 0; first + 1 < starts.size(); ++first) {
    for (size_t last = first + 1; last < starts.size(); ++last) {
      if (first == 0 && last + 1 == starts.size()) continue;  // the whole stem
      parts.push_back(stem.substr(starts[first], starts[last] - 1 - starts[first]));
    }
  }
  return parts;
}

}  // namespace

bool LookalikeIndex::IsGluedWord(std::string_view word) const {
  if (IsInstitutionWord(word) || IsDepartmentWord(word)) return true;
  auto known = by_name_.find(word);
  return known != by_name_.end() && entries_[known->second].kind == KnownNameKind::kWord;
}

std::vector<std::string> LookalikeIndex::ComparedParts(const std::string& stem) const {
  std::vector<std::string> parts = StemParts(stem);
  // What glued words leave, kept apart until the loop is done: `part`
  // below refers into `parts`.
  std::vector<std::string> rests;
  const auto listed = [&parts, &rests](std::string_view rest) {
    return std::find(parts.begin(), parts.end(), rest) != parts.end() ||
           std::find(rests.begin(), rests.end(), rest) != rests.end();
  };
  for (size_t i = 0; i < parts.size(); ++i) {
    // The whole label ("duke-enrgybilling") and each single part; a run of
    // parts inside it adds nothing they do not.
    const std::string_view part = parts[i];
    if ((i > 0 && part.find_first_of("-_") != std::string_view::npos) ||
        part.size() < kMinGluedNameLength + kMinGluedWordLength) {
      continue;
    }
    // Where a glued word ends at the front (0: none) and starts at the back.
    std::vector<size_t> fronts = {0};
    std::vector<size_t> backs = {part.size()};
    for (size_t length = kMinGluedWordLength;
         length + kMinGluedNameLength <= part.size() && length <= longest_glued_word_; ++length) {
      const std::string_view front = part.substr(0, length);
      if (IsGluedWord(front) || IsLeadingWord(front)) fronts.push_back(length);
      if (IsGluedWord(part.substr(part.size() - length))) backs.push_back(part.size() - length);
    }
    for (size_t front : fronts) {
      for (size_t back : backs) {
        if ((front == 0 && back == part.size()) || back < front + kMinGluedNameLength) continue;
        const std::string_view rest = part.substr(front, back - front);
        // Two words glued are no name ("onlinemailbox"); a hyphen left at
        // an end is the hyphenated part's, already compared.
        if (IsGluedWord(rest) || IsJoiner(rest.front()) || IsJoiner(rest.back())) continue;
        if (!listed(rest)) rests.emplace_back(rest);
      }
    }
  }
  parts.insert(parts.end(), std::make_move_iterator(rests.begin()),
               std::make_move_iterator(rests.end()));
  return parts;
}

bool LookalikeIndex::Resembles(std::string_view candidate_host, std::string_view known_host,
                               std::string* detail) const {
  DomainParts candidate;
  DomainParts known;
  if (!SplitDomain(candidate_host, &candidate) || !SplitDomain(known_host, &known) ||
      candidate.registrable_a == known.registrable_a) {
    return false;
  }
  // The correspondent's whole domain spelled out at the start of the host.
  const std::vector<std::string> spelled = DomainsSpelledInFront(candidate_host);
  if (std::find(spelled.begin(), spelled.end(), known.registrable_a) != spelled.end()) {
    *detail = "spells out " + known.registrable_u + " in front of " + candidate.registrable_u;
    return true;
  }
  const std::u32string known_fold = skeletons_->Fold(known.stem);
  // The correspondent's name as a host label of its own in front of the
  // sender's registrable domain ("txu.remit-online.co" for "txu.com"):
  // whoever registers a domain names its hosts as it likes.
  if (known_fold.size() >= kMinSkeletonLength) {
    for (const std::string& label : candidate.subdomain_labels) {
      if (label != known.stem && skeletons_->Fold(label) != known_fold) continue;
      *detail = "\"" + label + "\" names " + known.registrable_u + " as a host of " +
                candidate.registrable_u;
      return true;
    }
  }
  // Names too short to compare ("uq.edu.au") count only spelled the same
  // or disguised (a digit or confusable folding to the same letters:
  // "0u.edu" for "ou.edu"), under another suffix or beside other words
  // ("uq.com", "uq-billing.edu"), as three-letter ones do (see below): the
  // plainest registrations, tied to the correspondent by the reused
  // identity. Never typed: most pairs of letters are one edit from another
  // name.
  if (known_fold.size() < kMinSkeletonLength) {
    for (const std::string& part : ComparedParts(candidate.stem)) {
      if (part != known.stem && skeletons_->Fold(part) != known_fold) continue;
      *detail = "\"" + part + "\" reads as \"" + known.stem + "\"";
      if (part != candidate.stem) *detail += " with other words";
      if (candidate.suffix != known.suffix) *detail += ", under ." + candidate.suffix;
      return true;
    }
    return false;
  }
  // Names shorter than min_embedded_length are too often one edit from
  // another real name ("smith", "jsmith"): only their disguises count, and
  // two neighbouring letters swapped, the typosquatter's edit that keeps
  // every letter ("usta" -> "utsa", "intel" -> "inetl"). Longer names may be
  // one edit away (two from two_edit_length on), measured on the spelling
  // as well as on the folded skeleton: a swap in "ourclub" -> "ourlcub"
  // moves the "cl" that folds to "d".
  const std::u32string known_plain = WithoutJoiners(LowerCase(DecodeUtf8(known.stem)));
  const size_t allowed = known_fold.size() < options_.min_embedded_length ? 0
                         : known_fold.size() >= options_.two_edit_length  ? 2
                                                                          : 1;
  const auto suffix_note = [&](std::string how) {
    if (candidate.suffix != known.suffix) how += ", under ." + candidate.suffix;
    return how;
  };
  for (const std::string& part : ComparedParts(candidate.stem)) {
    const std::u32string fold = skeletons_->Fold(part);
    if (fold.size() < kMinSkeletonLength || fold.size() > kMaxFoldLength) continue;
    const std::u32string plain = WithoutJoiners(LowerCase(DecodeUtf8(part)));
    // A letter doubled or undoubled reads the same ("txxu", "bppa" for
    // "txu", "bpa"), in names of any length.
    const size_t distance =
        fold == known_fold || WithoutDoubles(fold) == WithoutDoubles(known_fold)
            ? 0
            : std::min(EditDistance(fold, known_fold), EditDistance(plain, known_plain));
    const bool swapped = distance > allowed && known_plain.size() >= kMinSwapLength &&
                         IsNeighbourSwap(plain, known_plain);
    // The name's plural or singular ("pugets", "ustas" for "puget",
    // "usta"), and, from kMinDropLength letters, a letter left out, every
    // other one in order ("mpid" for "mpisd"); never one added to a short
    // name: "jsmith" is not "smith".
    const bool plural = distance > allowed && known_plain.size() >= kMinSwapLength &&
                        (plain == known_plain + U"s" || known_plain == plain + U"s");
    const bool dropped = distance > allowed && known_plain.size() >= kMinDropLength &&
                         plain.size() + 1 == known_plain.size() &&
                         EditDistance(plain, known_plain) == 1;
    // Past short_name_length, a typist's slip (IsSlip()); names of that
    // many letters or fewer keep none: one key off "txu" or "usta" is
    // another organisation's name as often as not ("tcu", "usda").
    const bool slip = distance > allowed && known_plain.size() > options_.short_name_length &&
                      IsSlip(plain, known_plain);
    if (distance > allowed && !swapped && !plural && !dropped && !slip) continue;
    std::string how =
        distance == 0 ? "\"" + part + "\" reads as \"" + known.stem + "\""
        : swapped     ? "\"" + part + "\" is \"" + known.stem + "\" with two letters swapped"
        : plural      ? "\"" + part + "\" is \"" + known.stem + "\" with an s added or dropped"
        : dropped     ? "\"" + part + "\" is \"" + known.stem + "\" with a letter left out"
        : slip        ? "\"" + part + "\" is \"" + known.stem + "\" with a key slipped"
                      : "\"" + part + "\" is " + std::to_string(distance) + " edit(s) from \"" +
                     known.stem + "\"";
    if (part != candidate.stem) how += " with other words";
    *detail = suffix_note(std::move(how));
    return true;
  }
  // A dot inserted into the name ("acme.corp.com" for "acmecorp.com"): the
  // eye runs the last subdomain label into the registrable name.
  if (!candidate.subdomain_labels.empty() &&
      skeletons_->Fold(candidate.subdomain_labels.back() + candidate.stem) == known_fold) {
    *detail = suffix_note("\"" + candidate.subdomain_labels.back() + "." + candidate.stem +
                          "\" is \"" + known.stem + "\" with a dot inserted");
    return true;
  }
  // The whole domain written as one label ("abbcom.net", "abb-com.net",
  // "wwwabb.com"): the dots a reader expects are only missing, so this
  // holds for short names too (above, "abb-com" is already "abb" beside
  // another word).
  const std::u32string whole = WithoutJoiners(LowerCase(DecodeUtf8(candidate.stem)));
  const std::u32string known_flat = known_plain + WithoutJoiners(DecodeUtf8(known.suffix));
  if (whole == known_flat || whole == U"www" + known_plain) {
    *detail = suffix_note("\"" + candidate.stem + "\" spells \"" + known.registrable_u +
                          "\" without its dots");
    return true;
  }
  // The name run together with another word ("acmecorpbilling",
  // "billingacmecorp"), as a hyphen would join them.
  const std::u32string whole_fold = skeletons_->Fold(candidate.stem);
  if (known_plain.size() >= kMinSwapLength &&
      (RunTogether(whole, known_plain, options_.min_embedded_length) ||
       RunTogether(whole_fold, known_fold, options_.min_embedded_length))) {
    *detail = suffix_note("\"" + candidate.stem + "\" is \"" + known.stem +
                          "\" run together with another word");
    return true;
  }
  return false;
}

std::vector<std::string> LookalikeIndex::FindResembled(std::string_view candidate_host,
                                                       size_t limit) const {
  std::vector<std::string> found;
  DomainParts candidate;
  if (!SplitDomain(candidate_host, &candidate)) return found;
  std::vector<uint32_t> ids;
  const auto find_spelling = [&](const std::u32string& spelling) {
    for (const DeletionMap* map : {&by_spelling_deletion_, &by_trusted_spelling_deletion_}) {
      if (auto near = map->find(HashOf(spelling)); near != map->end()) {
        ids.insert(ids.end(), near->second.begin(), near->second.end());
      }
    }
  };
  const auto find_skeleton = [&](const std::u32string& fold) {
    if (auto same = by_skeleton_.find(EncodeUtf8(fold)); same != by_skeleton_.end()) {
      ids.insert(ids.end(), same->second.begin(), same->second.end());
    }
  };
  for (const std::string& part : ComparedParts(candidate.stem)) {
    const std::u32string fold = skeletons_->Fold(part);
    if (fold.empty() || fold.size() > kMaxFoldLength) continue;
    find_skeleton(fold);
    // One edit either side of the spelling (the Symmetric-Delete index).
    std::vector<std::u32string> deletions;
    Deletions(WithoutJoiners(LowerCase(DecodeUtf8(part))), 1, &deletions);
    for (const std::u32string& deletion : deletions) find_spelling(deletion);
    // A short name, indexed by its skeleton alone, with two neighbouring
    // letters swapped back.
    for (size_t i = 0; fold.size() == kMinSwapLength && i + 1 < fold.size(); ++i) {
      std::u32string swapped = fold;
      std::swap(swapped[i], swapped[i + 1]);
      find_skeleton(swapped);
    }
    // A short name with a letter doubled or undoubled, or its plural or
    // singular (longer ones are one edit away, in the Symmetric-Delete
    // index).
    if (fold.size() > options_.min_embedded_length) continue;
    for (size_t i = 0; i < fold.size(); ++i) {
      std::u32string changed = fold;
      if (i > 0 && fold[i] == fold[i - 1]) {
        changed.erase(i, 1);
      } else {
        changed.insert(i, 1, fold[i]);
      }
      find_skeleton(changed);
    }
    find_skeleton(fold.back() == U's' ? fold.substr(0, fold.size() - 1) : fold + U"s");
  }
  // A dot inserted into the name: the last subdomain label run into it.
  if (!candidate.subdomain_labels.empty()) {
    find_skeleton(skeletons_->Fold(candidate.subdomain_labels.back() + candidate.stem));
  }
  // The name as a host label of its own (Resembles()).
  for (const std::string& label : candidate.subdomain_labels) {
    const std::u32string fold = skeletons_->Fold(label);
    if (fold.size() >= kMinSkeletonLength && fold.size() <= kMaxFoldLength) find_skeleton(fold);
  }
  // A known domain spelled out at its start.
  for (const std::string& name : DomainsSpelledInFront(candidate_host)) {
    if (auto known = by_name_.find(name); known != by_name_.end()) ids.push_back(known->second);
  }
  // The name run together with a word: each prefix and suffix that leaves
  // a word beside it, spelled or folded as the name was indexed.
  const std::u32string whole = WithoutJoiners(LowerCase(DecodeUtf8(candidate.stem)));
  const std::u32string whole_fold = skeletons_->Fold(candidate.stem);
  // (RunTogether() decides how long the word must be.) From three letters,
  // the skeleton of a prefix also finds a short name written with its
  // suffix as one label ("abbcom"), and without a leading "www".
  for (size_t length = kMinSwapLength;
       length + kMinAddedWordLength - 1 <= whole.size() && length <= kMaxFoldLength; ++length) {
    find_spelling(whole.substr(0, length));
    find_spelling(whole.substr(whole.size() - length));
  }
  if (whole.compare(0, 3, U"www") == 0)
    find_skeleton(skeletons_->Fold(EncodeUtf8(whole.substr(3))));
  if (whole_fold.size() > kMinSkeletonLength)
    find_skeleton(whole_fold.substr(0, kMinSkeletonLength));
  for (size_t length = kMinSwapLength;
       length + kMinAddedWordLength - 1 <= whole_fold.size() && length <= kMaxFoldLength;
       ++length) {
    find_skeleton(whole_fold.substr(0, length));
    find_skeleton(whole_fold.substr(whole_fold.size() - length));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  std::string how;
  for (uint32_t id : ids) {
    const Entry& entry = entries_[id];
    if (entry.kind != KnownNameKind::kCorrespondent && entry.kind != KnownNameKind::kLocalDomain) {
      continue;
    }
    if (!Resembles(candidate_host, entry.name, &how)) continue;
    for (const std::string& host : entry.hosts) {
      if (found.size() >= limit) return found;
      found.push_back(host);
    }
  }
  return found;
}

std::vector<std::string> LookalikeIndex::FindMistyped(std::string_view candidate_host,
                                                      size_t limit) const {
  std::vector<std::string> found;
  DomainParts candidate;
  if (!SplitDomain(candidate_host, &candidate)) return found;
  // Each part as typed, and the names one letter deleted from it meets in
  // the Symmetric-Delete index (a letter replaced, added, left out or two
  // swapped all leave a deletion in common).
  std::vector<std::u32string> typed;
  std::vector<uint32_t> ids;
  std::vector<std::u32string> deletions;
  for (const std::string& part : ComparedParts(candidate.stem)) {
    std::u32string plain = LowerCase(DecodeUtf8(part));
    if (plain.size() < kMinMistypedLength || plain.size() > options_.min_embedded_length ||
        !std::all_of(plain.begin(), plain.end(),
                     [](char32_t c) { return (c >= U'a' && c <= U'z') || IsAsciiDigit(c); })) {
      continue;
    }
    deletions.clear();
    Deletions(plain, 1, &deletions);
    for (const std::u32string& deletion : deletions) {
      if (auto near = by_short_deletion_.find(HashOf(deletion)); near != by_short_deletion_.end()) {
        ids.insert(ids.end(), near->second.begin(), near->second.end());
      }
    }
    typed.push_back(std::move(plain));
  }
  std::sort(ids.begin(), ids.end());
  ids.erase(std::unique(ids.begin(), ids.end()), ids.end());
  for (uint32_t id : ids) {
    const Entry& entry = entries_[id];
    if (entry.kind != KnownNameKind::kCorrespondent && entry.kind != KnownNameKind::kLocalDomain) {
      continue;
    }
    // A part of two letters is only another two-letter name mistyped:
    // "gt" is not "gte" with its last letter left out but a name of its own
    // as often as any pair is.
    const bool mistyped = std::any_of(typed.begin(), typed.end(), [&entry](const auto& part) {
      return part != entry.plain && EditDistance(part, entry.plain) == 1 &&
             (part.size() >= kMinSkeletonLength || entry.plain.size() < kMinSkeletonLength);
    });
    if (!mistyped) continue;
    for (const std::string& host : entry.hosts) {
      if (found.size() >= limit) return found;
      found.push_back(host);
    }
  }
  return found;
}

void LookalikeIndex::Check(std::string_view candidate, CandidateKind kind, int64_t now,
                           std::vector<LookalikeMatch>* out) const {
  if (candidate.size() > options_.max_candidate_bytes) {
    candidate = candidate.substr(0, options_.max_candidate_bytes);
  }
  switch (kind) {
    case CandidateKind::kHost:
      CheckHost(candidate, now, out);
      return;
    case CandidateKind::kUrl:
      CheckLink(LinkNamedByText(candidate), now, out);
      return;
    case CandidateKind::kToken:
      CheckToken(candidate, now, out);
      return;
    case CandidateKind::kDisplayName: {
      // Words with a dot are read as hosts ("PayPal (paypa1.com)").
      size_t start = 0;
      size_t tokens = 0;
      while (start < candidate.size() && tokens < options_.max_tokens) {
        size_t end = candidate.find_first_of(" \t,;:()<>[]\"'", start);
        if (end == std::string_view::npos) end = candidate.size();
        std::string_view word = candidate.substr(start, end - start);
        start = end + 1;
        if (word.empty()) continue;
        ++tokens;
        if (word.find('.') != std::string_view::npos) {
          CheckHost(word, now, out);
          continue;
        }
        for (const std::string& token : SplitTokens(word, options_.max_tokens)) {
          CheckToken(token, now, out);
        }
      }
      return;
    }
  }
}

void LookalikeIndex::CheckLink(const Link& link, int64_t now,
                               std::vector<LookalikeMatch>* out) const {
  const auto bounded = [this](std::string_view part) {
    return part.substr(0, options_.max_candidate_bytes);
  };
  // A tenant's name first, so that evidence names the bucket or site whole.
  const std::string_view tenant = TenantName(link);
  if (!tenant.empty()) CheckTenant(tenant, now, out);
  if (!link.host.empty() && !link.host_is_ip_literal) CheckHost(bounded(link.host), now, out);
  for (const std::string& token : SplitTokens(bounded(link.userinfo), options_.max_tokens)) {
    CheckToken(token, now, out);
  }
  const std::string path = DecodedPath(link);
  for (const std::string& token : SplitTokens(bounded(path), options_.max_tokens)) {
    CheckToken(token, now, out);
  }
}

void LookalikeIndex::Fill(std::string_view stem, Candidate* candidate) const {
  candidate->stem = std::string(stem);
  candidate->stem32 = LowerCase(DecodeUtf8(stem));
  candidate->plain = WithoutJoiners(candidate->stem32);
  candidate->fold = skeletons_->Fold(stem);
  candidate->scripts = SkeletonMaker::Scripts(stem);
  candidate->disguised = IsDisguised(candidate->stem32, candidate->scripts);
}

void LookalikeIndex::CheckHost(std::string_view host, int64_t now,
                               std::vector<LookalikeMatch>* out) const {
  DomainParts parts;
  if (!SplitDomain(host, &parts)) return;
  Candidate candidate;
  Fill(parts.stem, &candidate);
  candidate.punycode = parts.registrable_a.compare(0, 4, "xn--") == 0 && HasALabel(host);
  candidate.shown = candidate.punycode ? parts.registrable_a + " (" + parts.registrable_u + ")"
                                       : parts.registrable_u;
  candidate.suffix = parts.suffix;
  auto self = by_name_.find(parts.registrable_a);
  if (self != by_name_.end()) candidate.self = &entries_[self->second];
  CheckCandidate(candidate, Mode::kDomain, now, out);

  const std::vector<std::string>& labels = parts.subdomain_labels;
  std::string spelled;
  const Entry* spelled_entry = candidate.self == nullptr ? SpelledInFront(host, &spelled) : nullptr;
  if (spelled_entry != nullptr) {
    // Shown from the label where the spelled name starts, as the reader
    // meets it ("paypal.com.evil.net" of "www.paypal.com.evil.net").
    std::string host_u;
    for (const std::string& label : labels) host_u += label + ".";
    host_u += parts.registrable_u;
    size_t at = 0;
    while (at < host_u.size() && host_u.compare(at, spelled.size(), spelled) != 0) {
      at = host_u.find('.', at);
      at = at == std::string::npos ? host_u.size() : at + 1;
    }
    Candidate whole = candidate;
    whole.shown = at < host_u.size() ? host_u.substr(at) : host_u;
    Report(whole, *spelled_entry, LookalikeTechnique::kBrandPlusWord,
           "spells out " + spelled + " in front of " + parts.registrable_u, now, out);
  }
  size_t tokens = 0;
  for (const std::string& label : labels) {
    for (const std::string& token : SplitTokens(label, options_.max_tokens)) {
      if (++tokens > options_.max_tokens) return;
      CheckToken(token, now, out);
    }
  }
}

void LookalikeIndex::CheckToken(std::string_view token, int64_t now,
                                std::vector<LookalikeMatch>* out) const {
  Candidate candidate;
  Fill(token, &candidate);
  candidate.shown = candidate.stem = EncodeUtf8(candidate.stem32);
  auto self = by_name_.find(candidate.stem);
  if (self != by_name_.end()) candidate.self = &entries_[self->second];
  CheckCandidate(candidate, Mode::kToken, now, out);
}

void LookalikeIndex::CheckTenant(std::string_view tenant, int64_t now,
                                 std::vector<LookalikeMatch>* out) const {
  if (tenant.empty() || tenant.size() > kMaxFoldLength || tenant.starts_with("xn--")) return;
  for (char c : tenant) {
    if (!(c >= 'a' && c <= 'z') && !(c >= '0' && c <= '9') && c != '-' && c != '_') return;
  }
  std::vector<std::string_view> parts;
  for (size_t start = 0; start <= tenant.size();) {
    const size_t end = std::min(tenant.find_first_of("-_", start), tenant.size());
    if (end > start) parts.push_back(tenant.substr(start, end - start));
    start = end + 1;
  }
  if (parts.empty() || parts.size() > kMaxHyphenParts) return;
  // OneDrive names a person's store after the company with "-my"
  // ("acme-my.sharepoint.com"): no word of the owner's.
  size_t words = parts.size();
  if (words > 1 && parts.back() == "my") --words;
  // Each run of whole parts, compared as written and by skeleton.
  for (size_t first = 0; first < words; ++first) {
    for (size_t last = first; last < words; ++last) {
      const size_t begin = static_cast<size_t>(parts[first].data() - tenant.data());
      const size_t end =
          static_cast<size_t>(parts[last].data() - tenant.data()) + parts[last].size();
      const std::string_view piece = tenant.substr(begin, end - begin);
      const bool worded = last - first + 1 < words;
      if (MatchTenantPiece(tenant, piece, skeletons_->Fold(piece), worded, now, out)) return;
      if (first == last && MatchTenantTypo(tenant, piece, Seam::kNone, now, out)) return;
    }
  }
  // A part run together with a listed word, compared as if a hyphen set
  // the word apart ("droppboxinvoice", ComparedParts()), as Resembles()
  // compares a domain's.
  for (size_t i = 0; i < words; ++i) {
    for (const std::string& rest : ComparedParts(std::string(parts[i]))) {
      if (rest == parts[i]) continue;
      if (MatchTenantPiece(tenant, rest, skeletons_->Fold(rest), /*worded=*/true, now, out) ||
          MatchTenantTypo(tenant, rest, Seam::kNone, now, out)) {
        return;
      }
    }
  }
  // The front or back of a part run together with any word ("enr0nsso",
  // "docusignus"): a name of more than short_name_length letters beside a
  // rest of two or more.
  for (size_t i = 0; i < words; ++i) {
    const std::string_view part = parts[i];
    const std::u32string fold = skeletons_->Fold(part);
    for (size_t length = options_.short_name_length + 1; length + 2 <= fold.size(); ++length) {
      for (const bool front : {true, false}) {
        const std::u32string_view named =
            front ? std::u32string_view(fold).substr(0, length)
                  : std::u32string_view(fold).substr(fold.size() - length);
        auto found = by_skeleton_.find(EncodeUtf8(named));
        if (found == by_skeleton_.end()) continue;
        // The letters as written that fold to the name: as many as its
        // letters, or one or two more for rn→m, vv→w, cl→d.
        std::string_view piece;
        for (size_t extra = 0; extra <= 2 && piece.empty(); ++extra) {
          const size_t take = length + extra;
          if (take > part.size()) break;
          const std::string_view tried =
              front ? part.substr(0, take) : part.substr(part.size() - take);
          if (skeletons_->Fold(tried) == named) piece = tried;
        }
        if (!piece.empty() && MatchTenantPiece(tenant, piece, named, /*worded=*/true, now, out)) {
          return;
        }
      }
    }
  }
  // The same typed with a squatter's edit inside the name
  // ("offfice365remit", "payapl2024"), beside a rest of three or more.
  for (size_t i = 0; i < words; ++i) {
    const std::string_view part = parts[i];
    for (size_t length = options_.short_name_length; length + 3 <= part.size(); ++length) {
      if (MatchTenantTypo(tenant, part.substr(0, length), Seam::kAfter, now, out) ||
          MatchTenantTypo(tenant, part.substr(part.size() - length), Seam::kBefore, now, out)) {
        return;
      }
    }
  }
}

bool LookalikeIndex::MatchTenantPiece(std::string_view tenant, std::string_view piece,
                                      std::u32string_view fold, bool worded, int64_t now,
                                      std::vector<LookalikeMatch>* out) const {
  if (fold.size() <= options_.short_name_length || fold.size() > kMaxFoldLength) return false;
  auto found = by_skeleton_.find(EncodeUtf8(fold));
  if (found == by_skeleton_.end()) return false;
  Candidate candidate;
  Fill(piece, &candidate);
  candidate.shown = std::string(tenant);
  for (uint32_t id : SortedForReport(found->second, Mode::kToken)) {
    const Entry& entry = entries_[id];
    // Brand domains are matched through the brand's name, words never alone.
    if (entry.kind == KnownNameKind::kWord || entry.kind == KnownNameKind::kBrandDomain ||
        !Established(entry)) {
      continue;
    }
    if (candidate.plain == entry.plain) {
      if (entry.kind != KnownNameKind::kBrand || !worded) continue;
      Report(candidate, entry, LookalikeTechnique::kBrandPlusWord,
             "the brand's name with another word, as a tenant's name anyone can take", now, out);
      return true;
    }
    Alignment alignment;
    const bool aligned = Align(*skeletons_, candidate.stem32, entry.stem32, &alignment);
    LookalikeTechnique technique = LookalikeTechnique::kConfusable;
    if (aligned && alignment.digit) {
      technique = LookalikeTechnique::kDigitSwap;
    } else if (aligned && alignment.pair) {
      technique = LookalikeTechnique::kLetterPair;
    } else if (aligned && !alignment.letter && !alignment.weak) {
      continue;  // hyphens alone: the same name
    }
    // "80s" is not "bos"; the name's own digits ("office365") are no disguise.
    const size_t own_digits = static_cast<size_t>(std::count_if(
        entry.stem32.begin(), entry.stem32.end(), [](char32_t c) { return IsAsciiDigit(c); }));
    if (alignment.digits > own_digits && (alignment.digits - own_digits) * 2 > alignment.letters) {
      continue;
    }
    const std::string detail = Join(alignment.substitutions);
    Report(candidate, entry, technique, detail.empty() ? "same skeleton" : detail, now, out);
    return true;
  }
  return false;
}

bool LookalikeIndex::MatchTenantTypo(std::string_view tenant, std::string_view piece, Seam seam,
                                     int64_t now, std::vector<LookalikeMatch>* out) const {
  // Folded only on a match: a typo is judged on the spelling.
  const std::u32string plain = WithoutJoiners(DecodeUtf8(piece));
  if (plain.size() < options_.short_name_length || plain.size() > kMaxFoldLength) return false;
  std::vector<std::u32string> deletions;
  Deletions(plain, 1, &deletions);
  for (const std::u32string& deletion : deletions) {
    auto found = by_trusted_spelling_deletion_.find(HashOf(deletion));
    if (found == by_trusted_spelling_deletion_.end()) continue;
    for (uint32_t id : found->second) {
      const Entry& entry = entries_[id];
      const size_t least = entry.kind == KnownNameKind::kBrand         ? 6
                           : entry.kind == KnownNameKind::kLocalDomain ? 5
                                                                       : 0;
      if (least == 0 || entry.plain.size() < least || entry.plain == plain) continue;
      // A plural is a word ("outlooks", "amazons"), not a squatter's edit.
      if (plain == entry.plain + U's' || EditDistance(plain, entry.plain) != 1) continue;
      // A squatter's edit: a letter added or left out, or two neighbours
      // swapped; a letter replaced makes other words.
      if (plain.size() == entry.plain.size() && !IsNeighbourSwap(plain, entry.plain)) continue;
      if ((seam == Seam::kAfter && plain.back() != entry.plain.back()) ||
          (seam == Seam::kBefore && plain.front() != entry.plain.front())) {
        continue;
      }
      Candidate candidate;
      Fill(piece, &candidate);
      candidate.shown = std::string(tenant);
      Report(candidate, entry, LookalikeTechnique::kTypo, DescribeEdit(plain, entry.plain), now,
             out);
      return true;
    }
  }
  return false;
}

bool LookalikeIndex::SpellsNameExactly(std::string_view tenant, std::string_view name) const {
  if (name.empty()) return false;
  // Where the platform allows no hyphen (an Azure storage account).
  const std::string unhyphenated = TenantNameWithoutHyphens(name);
  if (!unhyphenated.empty() && SpellsNameExactly(tenant, unhyphenated)) return true;
  for (size_t start = 0; start <= tenant.size();) {
    const size_t end = std::min(tenant.find_first_of("-_", start), tenant.size());
    const std::string_view part = tenant.substr(start, end - start);
    start = end + 1;
    if (part == name) return true;
    if (part.size() <= name.size()) continue;
    for (const bool front : {true, false}) {
      if (front ? !part.starts_with(name) : !part.ends_with(name)) continue;
      std::string_view rest =
          front ? part.substr(name.size()) : part.substr(0, part.size() - name.size());
      // A listed word at the rest's far end leaves what the name was bent by.
      for (size_t length = rest.size(); length >= kMinSkeletonLength; --length) {
        const std::string_view word =
            front ? rest.substr(rest.size() - length) : rest.substr(0, length);
        if (IsGluedWord(word)) {
          rest = front ? rest.substr(0, rest.size() - length) : rest.substr(length);
          break;
        }
      }
      if (rest.empty() || rest.size() >= 3) return true;
    }
  }
  return false;
}

const LookalikeIndex::Entry* LookalikeIndex::SpelledInFront(std::string_view host,
                                                            std::string* spelled) const {
  for (const std::string& name : DomainsSpelledInFront(host)) {
    auto found = by_name_.find(name);
    if (found == by_name_.end() || !IsDomainKind(entries_[found->second].kind)) continue;
    *spelled = entries_[found->second].name;
    return &entries_[found->second];
  }
  return nullptr;
}

bool LookalikeIndex::Exempt(const Candidate& candidate, const Entry& entry, int64_t now) const {
  const Entry* self = candidate.self;
  if (self == nullptr) return false;
  if (self == &entry) return true;
  // The organisation's own domains and a brand's listed domains are known
  // before any mail, however recently the organisation began corresponding
  // with them: yahoo.com is Yahoo's, not a new look-alike of yahoo.co.uk
  // from whom a colleague wrote a week earlier.
  if (self->kind != KnownNameKind::kCorrespondent || self->brand_domain) return true;
  // Known names never imitate each other, unless the candidate is new and
  // the name it resembles was known before it.
  bool is_new = self->first_seen > 0 && now - self->first_seen < options_.new_name_seconds;
  return !(is_new && entry.first_seen < self->first_seen);
}

void LookalikeIndex::CheckCandidate(const Candidate& candidate, Mode mode, int64_t now,
                                    std::vector<LookalikeMatch>* out) const {
  if (candidate.fold.size() < kMinSkeletonLength || candidate.fold.size() > kMaxFoldLength) return;
  if (candidate.self != nullptr && mode == Mode::kToken) return;
  if (MatchSkeleton(candidate, mode, now, out)) return;
  if (MatchTypo(candidate, mode, now, out)) return;
  if (mode == Mode::kDomain && MatchHyphenatedPart(candidate, now, out)) return;
  MatchRunTogether(candidate, mode, now, out);
}

std::vector<uint32_t> LookalikeIndex::SortedForReport(const std::vector<uint32_t>& ids,
                                                      Mode mode) const {
  // Domains are reported as imitating domains, tokens as imitating brands
  // and words; within that, the organisation's own names first.
  auto rank = [this, mode](uint32_t id) {
    KnownNameKind kind = entries_[id].kind;
    bool preferred = (mode == Mode::kDomain) == IsDomainKind(kind);
    return std::make_pair(!preferred, kind);
  };
  std::vector<uint32_t> sorted = ids;
  std::stable_sort(sorted.begin(), sorted.end(),
                   [&rank](uint32_t a, uint32_t b) { return rank(a) < rank(b); });
  return sorted;
}

bool LookalikeIndex::MatchSkeleton(const Candidate& candidate, Mode mode, int64_t now,
                                   std::vector<LookalikeMatch>* out) const {
  auto found = by_skeleton_.find(EncodeUtf8(candidate.fold));
  if (found == by_skeleton_.end()) return false;
  for (uint32_t id : SortedForReport(found->second, mode)) {
    const Entry& entry = entries_[id];
    if (Exempt(candidate, entry, now)) continue;
    // A short token is too often an abbreviation to stand for a domain.
    if (mode == Mode::kToken && IsDomainKind(entry.kind) &&
        entry.fold.size() <= options_.short_name_length) {
      continue;
    }
    if (candidate.stem32 == entry.stem32) {
      if (mode == Mode::kToken || entry.kind == KnownNameKind::kWord || !Established(entry)) {
        continue;
      }
      // Brands own their name under most country codes (google.co.uk), so
      // only a generic suffix is suspect (paypal.xyz).
      if (entry.kind == KnownNameKind::kBrand || entry.kind == KnownNameKind::kBrandDomain ||
          entry.brand_domain) {
        if (IsCountryCode(candidate.suffix)) continue;
        Report(candidate, entry, LookalikeTechnique::kOtherTld,
               "the brand's name under ." + candidate.suffix, now, out);
        return true;
      }
      if (candidate.suffix == entry.suffix) continue;
      Report(candidate, entry, LookalikeTechnique::kOtherTld,
             "." + candidate.suffix + " instead of ." + entry.suffix, now, out);
      return true;
    }
    Alignment alignment;
    bool aligned = Align(*skeletons_, candidate.stem32, entry.stem32, &alignment);
    LookalikeTechnique technique;
    if (candidate.punycode) {
      technique = LookalikeTechnique::kPunycode;
    } else if (candidate.scripts == ScriptUse::kMixed) {
      technique = LookalikeTechnique::kMixedScript;
    } else if (candidate.scripts == ScriptUse::kSingleOther) {
      technique = LookalikeTechnique::kWholeScript;
    } else if (!aligned) {
      technique = LookalikeTechnique::kConfusable;
    } else if (alignment.digit) {
      // In paths, a digit at the end is a version or page number ("otc1"),
      // not a disguise, unless it completes a brand or word.
      if (mode == Mode::kToken && !candidate.disguised &&
          (entry.kind == KnownNameKind::kCorrespondent || alignment.letters < 4)) {
        continue;
      }
      technique = LookalikeTechnique::kDigitSwap;
    } else if (alignment.pair) {
      technique = LookalikeTechnique::kLetterPair;
    } else if (alignment.letter) {
      technique = LookalikeTechnique::kConfusable;
    } else if (alignment.hyphen && !alignment.weak && entry.kind != KnownNameKind::kWord &&
               Established(entry) &&
               (mode == Mode::kDomain || entry.kind == KnownNameKind::kBrand)) {
      technique = LookalikeTechnique::kHyphenation;
    } else {
      continue;
    }
    if (alignment.digits * 2 > alignment.letters) continue;  // "80s" is not "bos"
    std::string detail = Join(alignment.substitutions);
    if (technique == LookalikeTechnique::kHyphenation) detail = "hyphens added or removed";
    if (detail.empty()) detail = "same skeleton";
    Report(candidate, entry, technique, detail, now, out);
    return true;
  }
  return false;
}

bool LookalikeIndex::MatchTypo(const Candidate& candidate, Mode mode, int64_t now,
                               std::vector<LookalikeMatch>* out) const {
  const std::u32string& plain = candidate.plain;
  if (plain.size() < options_.short_name_length || plain.size() > kMaxFoldLength) return false;
  if (mode == Mode::kToken && plain.size() < options_.token_typo_length) return false;
  const Entry* best = nullptr;
  auto consider = [&](const std::vector<uint32_t>& ids) {
    for (uint32_t id : ids) {
      const Entry& entry = entries_[id];
      if (best != nullptr && best->kind <= entry.kind) continue;
      // A brand's domains are matched through the brand's name: their own
      // names can be plain words one edit from others ("icloud", "cloud").
      if (!Established(entry) || entry.kind == KnownNameKind::kBrandDomain) continue;
      if (mode == Mode::kToken && (entry.kind != KnownNameKind::kBrand ||
                                   entry.plain.size() < options_.token_typo_length)) {
        continue;
      }
      if (entry.plain == plain || Exempt(candidate, entry, now)) continue;
      // Typo-squatters keep the suffix; a different name under another
      // suffix is most often just another organisation.
      if (mode == Mode::kDomain && IsDomainKind(entry.kind) && entry.suffix != candidate.suffix) {
        continue;
      }
      size_t allowed = AllowedEdits(entry);
      size_t longer = std::max(plain.size(), entry.plain.size());
      if (allowed == 0 || longer - std::min(plain.size(), entry.plain.size()) > allowed) continue;
      if (plain.size() < entry.plain.size() && allowed > 1 &&
          plain.size() < options_.two_edit_length) {
        allowed = 1;  // two edits only between two long names
      }
      if (EditDistance(plain, entry.plain) <= allowed) best = &entry;
    }
  };
  std::vector<std::u32string> deletions;
  Deletions(plain, 1, &deletions);
  for (const std::u32string& deletion : deletions) {
    auto found = by_spelling_deletion_.find(HashOf(deletion));
    if (found != by_spelling_deletion_.end()) consider(found->second);
  }
  if (plain.size() + 2 >= options_.two_edit_length && plain.size() <= kMaxTwoEditLength) {
    deletions.clear();
    Deletions(plain, 2, &deletions);
  }
  for (const std::u32string& deletion : deletions) {
    auto found = by_trusted_spelling_deletion_.find(HashOf(deletion));
    if (found != by_trusted_spelling_deletion_.end()) consider(found->second);
  }
  if (best == nullptr) return false;
  size_t distance = EditDistance(plain, best->plain);
  std::string detail =
      distance == 1 ? DescribeEdit(plain, best->plain) : std::to_string(distance) + " edits";
  Report(candidate, *best, LookalikeTechnique::kTypo, detail, now, out);
  return true;
}

bool LookalikeIndex::MatchHyphenatedPart(const Candidate& candidate, int64_t now,
                                         std::vector<LookalikeMatch>* out) const {
  // Split at hyphens; any run of whole parts may be the known name
  // ("enron-payments", "secure-riobravo-gm").
  std::vector<std::string> parts;
  size_t start = 0;
  const std::string& stem = candidate.stem;
  while (start <= stem.size()) {
    size_t end = stem.find_first_of("-_", start);
    if (end == std::string::npos) end = stem.size();
    parts.push_back(stem.substr(start, end - start));
    start = end + 1;
  }
  if (parts.size() < 2 || parts.size() > kMaxHyphenParts) return false;
  // Whether a part outside parts[first..last] is a listed word or an
  // institution's kind (IsGluedWord()).
  const auto beside_listed_word = [&](size_t first, size_t last) {
    for (size_t i = 0; i < parts.size(); ++i) {
      if ((i < first || i > last) && IsGluedWord(parts[i])) return true;
    }
    return false;
  };
  for (size_t first = 0; first < parts.size(); ++first) {
    std::string joined;
    for (size_t last = first; last < parts.size(); ++last) {
      if (first == 0 && last + 1 == parts.size()) break;  // the whole stem
      joined += (last > first ? "-" : "") + parts[last];
      std::u32string fold = skeletons_->Fold(joined);
      if (fold.size() < kMinSkeletonLength) continue;
      auto found = by_skeleton_.find(EncodeUtf8(fold));
      if (found == by_skeleton_.end()) continue;
      for (uint32_t id : SortedForReport(found->second, Mode::kDomain)) {
        const Entry& entry = entries_[id];
        // Brand domains are left out: their names can be plain words ("live").
        if (entry.kind == KnownNameKind::kWord || entry.kind == KnownNameKind::kBrandDomain ||
            !Established(entry)) {
          continue;
        }
        if (Exempt(candidate, entry, now)) continue;
        if (entry.kind != KnownNameKind::kLocalDomain && parts.size() == 2 &&
            IsLegalForm(parts[first == 0 ? 1 : 0])) {
          continue;  // the name's own other domain: "brand-inc"
        }
        // As run together (MatchEmbedded), a correspondent's name beside
        // arbitrary words is only suspect under its own suffix: short names
        // are often everyday words, and "insync-palm.com" or
        // "corporateinsurance-risk.com" use them as words, not as palm.net's
        // or risk.co.uk's. A lure's word ("palm-billing.net") or an
        // institution's kind ("westfield-univ.org") still counts anywhere,
        // and a reused identity is judged through Resembles().
        if (entry.kind == KnownNameKind::kCorrespondent && entry.suffix != candidate.suffix &&
            !beside_listed_word(first, last)) {
          continue;
        }
        Report(candidate, entry, LookalikeTechnique::kBrandPlusWord,
               "\"" + joined + "\" with other words", now, out);
        return true;
      }
    }
  }
  return false;
}

bool LookalikeIndex::MatchRunTogether(const Candidate& candidate, Mode mode, int64_t now,
                                      std::vector<LookalikeMatch>* out) const {
  // Two names run together: "paypalsecure", "pgeinvoices", or disguised
  // words in a token ("s3cure0line": secure + online, the n dropped too).
  const std::u32string& fold = candidate.fold;
  for (size_t split = kMinSkeletonLength; split + kMinSkeletonLength <= fold.size(); ++split) {
    std::u32string_view left(fold.data(), split);
    std::u32string_view right(fold.data() + split, fold.size() - split);
    const Entry* first = FindExact(left);
    const Entry* second = FindExact(right);
    if (mode == Mode::kDomain && !candidate.disguised &&
        (first == nullptr) != (second == nullptr) &&
        MatchEmbedded(candidate, first != nullptr ? *first : *second, now, out)) {
      return true;
    }
    bool near = false;
    if (candidate.disguised && (first == nullptr) != (second == nullptr)) {
      if (first == nullptr) first = FindNear(left);
      if (second == nullptr) second = FindNear(right);
      near = true;
    }
    if (first == nullptr || second == nullptr) continue;
    if (Exempt(candidate, *first, now) || Exempt(candidate, *second, now)) continue;
    std::u32string joined = first->plain + second->plain;
    const Entry& named = second->kind < first->kind ? *second : *first;
    std::string detail = EncodeUtf8(first->plain) + " + " + EncodeUtf8(second->plain);
    if (candidate.plain == joined) {
      // Plain words run together are ordinary ("securelogin"); a name with
      // a word is not. A short name must come first, before a long listed
      // word and under its own suffix ("pgeinvoices.com", not "onlinehome.de").
      if (mode != Mode::kDomain || named.kind == KnownNameKind::kWord) continue;
      if (named.fold.size() <= options_.short_name_length) {
        const Entry& word = *second;
        bool leads = &named == first && word.kind == KnownNameKind::kWord &&
                     word.fold.size() > options_.short_name_length;
        if (!leads || (IsDomainKind(named.kind) && named.suffix != candidate.suffix)) continue;
      }
      Report(candidate, named, LookalikeTechnique::kBrandPlusWord, detail, now, out);
      return true;
    }
    Alignment alignment;
    bool aligned = !near && Align(*skeletons_, candidate.plain, joined, &alignment);
    LookalikeTechnique technique;
    if (candidate.scripts == ScriptUse::kMixed) {
      technique = LookalikeTechnique::kMixedScript;
    } else if (candidate.disguised && (alignment.digit || near)) {
      technique = LookalikeTechnique::kDigitSwap;
    } else if (alignment.pair) {
      technique = LookalikeTechnique::kLetterPair;
    } else if (alignment.letter) {
      technique = LookalikeTechnique::kConfusable;
    } else {
      continue;
    }
    if (aligned) detail += ": " + Join(alignment.substitutions);
    Report(candidate, named, technique, detail, now, out, EncodeUtf8(joined));
    return true;
  }
  return false;
}

bool LookalikeIndex::MatchEmbedded(const Candidate& candidate, const Entry& entry, int64_t now,
                                   std::vector<LookalikeMatch>* out) const {
  // Brand domains are left out: their names can be plain words ("office").
  if (entry.kind == KnownNameKind::kWord || entry.kind == KnownNameKind::kBrandDomain) return false;
  if (entry.plain.size() < options_.min_embedded_length || Exempt(candidate, entry, now)) {
    return false;
  }
  // With an arbitrary word a correspondent's name is only suspect under its
  // own suffix: "stanfordalumni.org" is not posing as stanford.edu.
  if (IsDomainKind(entry.kind) && entry.suffix != candidate.suffix) return false;
  const std::u32string& plain = candidate.plain;
  if (plain.size() < entry.plain.size() + kMinSkeletonLength) return false;
  bool prefix = plain.compare(0, entry.plain.size(), entry.plain) == 0;
  bool suffix =
      plain.compare(plain.size() - entry.plain.size(), entry.plain.size(), entry.plain) == 0;
  if (!prefix && !suffix) return false;
  std::u32string rest = prefix ? plain.substr(entry.plain.size())
                               : plain.substr(0, plain.size() - entry.plain.size());
  if (prefix && entry.kind != KnownNameKind::kLocalDomain && IsLegalForm(EncodeUtf8(rest))) {
    return false;  // the name's own other domain: "acmegroup"
  }
  Report(candidate, entry, LookalikeTechnique::kBrandPlusWord,
         EncodeUtf8(entry.plain) + (prefix ? " + " : " after ") + EncodeUtf8(rest), now, out);
  return true;
}

const LookalikeIndex::Entry* LookalikeIndex::FindExact(std::u32string_view fold) const {
  auto found = by_skeleton_.find(EncodeUtf8(fold));
  if (found == by_skeleton_.end()) return nullptr;
  const Entry* best = nullptr;
  for (uint32_t id : found->second) {
    const Entry& entry = entries_[id];
    if (Established(entry) && (best == nullptr || entry.kind < best->kind)) best = &entry;
  }
  return best;
}

const LookalikeIndex::Entry* LookalikeIndex::FindNear(std::u32string_view fold) const {
  if (fold.size() <= options_.short_name_length) return nullptr;
  std::vector<std::u32string> deletions;
  Deletions(std::u32string(fold), 1, &deletions);
  for (const std::u32string& deletion : deletions) {
    auto found = by_skeleton_deletion_.find(HashOf(deletion));
    if (found == by_skeleton_deletion_.end()) continue;
    for (uint32_t id : found->second) {
      if (EditDistance(fold, entries_[id].fold) <= 1) return &entries_[id];
    }
  }
  return nullptr;
}

void LookalikeIndex::Report(const Candidate& candidate, const Entry& entry,
                            LookalikeTechnique technique, std::string_view detail, int64_t now,
                            std::vector<LookalikeMatch>* out, std::string_view imitated) const {
  for (const LookalikeMatch& earlier : *out) {
    if (earlier.candidate == candidate.shown) return;
  }
  LookalikeMatch match;
  match.candidate = candidate.shown;
  match.imitated = imitated.empty() ? entry.name : std::string(imitated);
  match.imitated_kind = entry.kind;
  match.strength = entry.strength;
  match.technique = technique;
  match.explanation = candidate.shown + " looks like " + match.imitated + ", " +
                      Describe(entry.kind, entry.first_seen, now) + ": " + std::string(detail);
  out->push_back(std::move(match));
}

}  // namespace rapport
