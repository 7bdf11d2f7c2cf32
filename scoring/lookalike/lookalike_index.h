#pragma once

#include <cstdint>
#include <functional>
#include <memory>
#include <string>
#include <string_view>
#include <unordered_map>
#include <vector>

#include "base/clock.h"
#include "base/status.h"
#include "message/message.h"
#include "scoring/lookalike/skeleton.h"

namespace rapport {

// Where a name the organisation trusts comes from. The kind decides which
// imitations count: generic words ("secure", "login") are only matched when
// disguised with look-alike characters, never by typo or by being combined.
enum class KnownNameKind {
  kLocalDomain,    // one of the organisation's own domains
  kCorrespondent,  // a domain the organisation really corresponds with
  kBrandDomain,    // a commonly imitated brand's real domain ("paypal.com")
  kBrand,          // a commonly imitated brand name without a domain ("docusign")
  kWord,           // a word phishing pages like to imitate ("secure", "invoice")
};

// One trusted name. Domains are registrable domains in any case or form
// (A-label or U-label); brands and words are single tokens.
struct KnownName {
  std::string name;
  KnownNameKind kind = KnownNameKind::kCorrespondent;
  // 0..1: how strong the relationship is (1 for local domains and brands).
  // Copied into every match so that the caller can scale its score.
  double strength = 1;
  int64_t first_seen = 0;  // seconds since the epoch; 0 = unknown
};

// How a candidate imitates a known name.
enum class LookalikeTechnique {
  kConfusable,     // TR39 confusable characters within one script ("ɡoogle")
  kMixedScript,    // letters of two scripts in one label ("аpple" with Cyrillic а)
  kWholeScript,    // a label wholly in another script that reads as the name
  kPunycode,       // an xn-- host whose U-label imitates the name
  kDigitSwap,      // digits for letters: 0/o, 1/l/i, 3/e, 5/s, 4/a, 7/t
  kLetterPair,     // rn/m, vv/w, cl/d
  kTypo,           // one edit (two for long names), Damerau–Levenshtein
  kHyphenation,    // hyphens added or removed ("micro-soft")
  kBrandPlusWord,  // the name plus a word ("enron-payments", "paypalsecure")
  kOtherTld,       // the same name under another public suffix ("enron.net")
};

// "confusable", "mixed-script", "whole-script", "punycode", "digit-swap",
// "rn-m", "typo", "hyphenation", "brand-plus-word", "other-tld".
const char* LookalikeTechniqueName(LookalikeTechnique technique);

// What a candidate is, which decides how it is split and compared.
enum class CandidateKind {
  kHost,         // a host or registrable domain, in A-label or U-label form
  kUrl,          // a URL, read by LinkNamedByText and checked as CheckLink does
  kToken,        // one URL path or subdomain token ("s3cure0line")
  kDisplayName,  // a From display name: each word is checked as a token
};

// One imitation found in a candidate.
struct LookalikeMatch {
  std::string candidate;  // the part that imitates, as found ("enr0n.com")
  std::string imitated;   // the known name as added ("enron.com")
  KnownNameKind imitated_kind = KnownNameKind::kCorrespondent;
  double strength = 1;  // the known name's strength
  LookalikeTechnique technique = LookalikeTechnique::kTypo;
  // One line an admin understands: "enr0n.com looks like enron.com, a
  // correspondent for 3 years: 0→o".
  std::string explanation;
};

struct LookalikeOptions {
  // Names of this many letters or fewer match only by identical skeleton,
  // never by typo: too many short names are one edit apart.
  size_t short_name_length = 4;
  // The organisation's own domains and brands at least this long may be
  // two edits from a typo (correspondents: always one).
  size_t two_edit_length = 10;
  // Typos in path or subdomain tokens are only matched against brands this
  // long: short tokens one edit from a brand are ordinary words ("apply").
  size_t token_typo_length = 8;
  // Correspondents weaker than this are matched only by disguise (identical
  // skeleton), not by typo, by being part of a longer name or by another
  // suffix: a domain seen once is too weak a reference for fuzzy matches.
  double min_fuzzy_strength = 0.3;
  // A brand or correspondent this long is recognised run together with any
  // other word ("pacbelldocs"); shorter ones only beside a listed word
  // ("paypalsecure"), and short names (<= short_name_length) only hyphenated.
  size_t min_embedded_length = 6;
  // A known domain first seen less than this long before the checked time
  // can still be flagged as imitating an older known name.
  int64_t new_name_seconds = 14 * kSecondsPerDay;
  // Bounds on untrusted input.
  size_t max_candidate_bytes = 2048;
  size_t max_tokens = 64;
};

// Indexes trusted names by skeleton (TR39 then ASCII-folded: 0→o, rn→m,
// hyphens dropped; see SkeletonMaker::Fold) and by the Symmetric-Delete
// neighbourhood of their spelling, so a lookup costs a few hash probes per
// deletion of the candidate rather than a scan of every known name. Check() is const and safe to
// call from many threads at once; Add() must not run concurrently with anything else.
class LookalikeIndex {
 public:
  // Stores a new empty index in *out; fails only if ICU cannot open its
  // spoof checker.
  static Status Create(const LookalikeOptions& options, std::unique_ptr<LookalikeIndex>* out);

  LookalikeIndex(const LookalikeIndex&) = delete;
  LookalikeIndex& operator=(const LookalikeIndex&) = delete;
  ~LookalikeIndex();

  // Adds one trusted name. Adding the same name again keeps the strongest
  // strength and the earliest first_seen. Names that cannot be a host or a
  // token are ignored and reported with InvalidArgument.
  Status Add(const KnownName& known);

  // Appends to *out one match for each part of `candidate` that imitates a
  // known name (the registrable domain, a subdomain or path token, a word of
  // a display name), naming the strongest such name; parts already in *out
  // are not reported twice. A part that is itself a known domain or name is
  // not flagged, unless it is a correspondent first seen within
  // new_name_seconds of `now` that imitates an older name (the
  // organisation's own domains and brands' listed domains are never new). `now` also dates
  // relationships in explanations. Never fails on any byte sequence; cost is bounded by
  // max_candidate_bytes and max_tokens.
  void Check(std::string_view candidate, CandidateKind kind, int64_t now,
             std::vector<LookalikeMatch>* out) const;

  // Check() on the parts of a described link (message/link_target.h): the
  // name of its tenant when it has one (CheckTenant), its host unless an IP
  // literal, and the tokens of its userinfo and decoded path, each bounded
  // like a candidate.
  void CheckLink(const Link& link, int64_t now, std::vector<LookalikeMatch>* out) const;

  // Check() on the name of a tenant of a multi-tenant platform (a bucket,
  // a storage account, a site: "d0cusign-review" of
  // "d0cusign-review.s3.amazonaws.com", `tenant` a lower-case label), which
  // its owner chose and anyone may take first, as anyone may register a
  // domain. Flags a run of its hyphen-separated parts, what a part leaves
  // once a listed word glued to it is set apart ("droppboxinvoice", as
  // Resembles() reads a domain), or the front or back of a part run
  // together with any word ("enr0nsso"), that reads as a brand,
  // the organisation's own domain or an established correspondent of more
  // than short_name_length letters once folded but is spelled otherwise
  // ("d0cusign", "rnicrosoft", "enr0n"); or, for brands of six letters or
  // more and the organisation's own domains of five or more, that is one
  // squatter's edit from the name: a letter doubled, left out or added, or
  // two neighbours swapped ("paaypal", "payal", "enorn"; never a letter
  // replaced, which makes other words: "morton" is no "norton", nor an "s"
  // added, a plural: "outlooks"; at the front or back of a part run
  // together with any word, only an edit inside the name, "offfice365remit",
  // not "enronssettlement"). A brand's
  // exact name is flagged beside another word ("docusign-us"; not
  // OneDrive's "-my"), never alone (the brand's own tenant); another
  // name's exact spelling never (a vendor may name a bucket after its
  // client). Matches are reported with `tenant` as their candidate.
  void CheckTenant(std::string_view tenant, int64_t now, std::vector<LookalikeMatch>* out) const;

  // Whether the tenant label `tenant` spells `name` (a registrable
  // domain's first label, "usta") exactly as one of its words: a
  // hyphen-separated part that is the name, or begins or ends with it
  // beside a rest of three letters or more once a listed word is taken off
  // that rest's far end ("usta-billing", "txureports", "enronsso"; not
  // "ustaa-billing" nor "ustaabilling", whose rest is one letter). A name
  // with hyphens counts without them too, as a platform that allows none
  // makes it ("dukeenergy" for "duke-energy").
  bool SpellsNameExactly(std::string_view tenant, std::string_view name) const;

  // Whether `host`'s registrable domain was added as a domain.
  bool IsKnownDomain(std::string_view host) const;

  // Whether the registrable domain of `candidate_host` could be registered
  // to pass for that of `known_host`, under any public suffix: the first
  // labels, or a run of hyphen-separated parts of the candidate's, are the same
  // once folded (digits, confusables, rn→m; see SkeletonMaker::Fold) or,
  // for names of min_embedded_length or more, one edit apart in spelling
  // or skeleton (two from two_edit_length on), a swap of two letters
  // counting as one ("acmecorp.org", "acmecrop.com", "acmec0rp.com",
  // "acmecorp-billing.com" and "westfeld-univ.org" for "westfield.edu"; a
  // run of adjacent parts, "duke-nergy-files.org" for "duke-energy.com");
  // names of four letters or more also with two neighbouring letters
  // swapped ("utsa.com" for "usta.com") or run together with a word
  // ("acmecorpbilling.com", "apscuniv.com" for "apsc.com"); a name of two
  // letters only spelled the same ("uq.com" or "uq-billing.edu" for "uq.edu.au");
  // names of three letters or more also with a letter doubled or undoubled
  // ("txxu.com" for "txu.com", "half.com" for "halff.com"), with a dot
  // inserted ("acme.corp.com" for "acmecorp.com") or written with their
  // suffix as one label ("txucom.net", "wwwtxu.com"), of four or more
  // as their plural or singular ("ustas.com" for "usta.com"), of five or
  // more with a letter left out ("mpid.net" for "mpisd.net") or a typist's
  // slip, a key beside a letter or another vowel ("halgf.com", "hallff.com"
  // for "halff.com"; never for short_name_length letters or fewer); and any host
  // that spells out the known registrable domain whole from the start of
  // one of its labels up to a dot or hyphen ("caiso.com-secure.net",
  // "caiso.com.invoices.net"), or names of three letters or more as a host
  // label of their own in front of another registrable domain
  // ("txu.remit-online.co"). A part glued to a listed word, an
  // institution's kind or a department is compared as if a hyphen set the
  // word apart, two letters included ("acmecropbilling.com",
  // "westfelduniv.org", "ousecure.edu", "abbpay.com"), as is one with
  // "my" or "the" in front ("mytxu.com", "theou.edu"; ComparedParts()).
  // False for the same registrable domain or hosts that are not domains.
  // Far looser than Check(): only for a pair the caller has tied together
  // otherwise, such as a sender reusing the display name or local part of a
  // correspondent at `known_host`. Stores a few words on how in *detail when true.
  bool Resembles(std::string_view candidate_host, std::string_view known_host,
                 std::string* detail) const;

  // The hosts of correspondents and of the organisation (as added, lower
  // case: "mail.utexas.edu") whose registrable domain `candidate_host`
  // Resembles(), found through the index (a few hash probes per run of
  // hyphen-separated parts of its first label and per prefix and suffix of
  // it, per subdomain label, and per known domain spelled out at its start,
  // not a scan), at most
  // `limit`; up to 4 hosts per registrable domain. Empty for a host that is
  // not a domain.
  std::vector<std::string> FindResembled(std::string_view candidate_host, size_t limit) const;

  // The hosts of correspondents and of the organisation (as in
  // FindResembled()) whose registrable domain's first label, of two
  // letters to one fewer than min_embedded_length, is one typing error from
  // `candidate_host`'s first label or from a part of it set apart by a
  // hyphen or a glued word (ComparedParts()), under any suffix: a letter
  // replaced, added or left out, or two neighbouring letters swapped
  // ("gtd.net", "gtes.com", "tge-billing.org" for "gte.net"; "halmf.com"
  // for "halff.com"; "oa.edu", "ouu.edu" for "ou.edu"). A part of two
  // letters is compared with two-letter names only ("gt" is no "gte").
  // Resembles() takes few of these in names so short: one letter off
  // "txu" or "usta" is another organisation's name as often as not ("tcu",
  // "usda"). The caller may, beside a tie much stronger than a role
  // mailbox (a person's identity). Spelled, not folded (a typist's error,
  // not a disguise: Resembles() reads those). Found with a few hash probes
  // per character of each part of at most min_embedded_length ASCII
  // letters and digits (a digit is typed beside a letter as easily as
  // another letter: "aep0.com"), at most `limit`. Empty when
  // `candidate_host` is no domain; never a name spelled exactly as a part.
  std::vector<std::string> FindMistyped(std::string_view candidate_host, size_t limit) const;

  // How many distinct names were added.
  size_t size() const;

 private:
  struct Entry;
  struct Candidate;
  enum class Mode { kDomain, kToken };
  using DeletionMap = std::unordered_map<uint64_t, std::vector<uint32_t>>;

  LookalikeIndex(const LookalikeOptions& options, std::unique_ptr<SkeletonMaker> skeletons);

  static void AddDeletions(const std::u32string& text, size_t edits, uint32_t id, DeletionMap* map);
  void Fill(std::string_view stem, Candidate* candidate) const;
  void CheckHost(std::string_view host, int64_t now, std::vector<LookalikeMatch>* out) const;
  void CheckToken(std::string_view token, int64_t now, std::vector<LookalikeMatch>* out) const;
  // CheckTenant() on one piece of a tenant's name: `piece` as written,
  // `fold` its folded skeleton, `worded` when the name holds other words.
  // Reports at most one match, with `tenant` as the candidate; returns
  // whether it did.
  bool MatchTenantPiece(std::string_view tenant, std::string_view piece, std::u32string_view fold,
                        bool worded, int64_t now, std::vector<LookalikeMatch>* out) const;
  // Where a piece of a tenant's name meets a word run together with it:
  // nowhere (a whole part), after it (the piece is the part's front) or
  // before it (its back).
  enum class Seam { kNone, kAfter, kBefore };
  // CheckTenant() on a piece one squatter's edit from a brand or the
  // organisation's own name; beside a seam the piece must keep the name's
  // own letter there, since a letter added or left out at the seam may be
  // the glued word's. Reports and returns as MatchTenantPiece().
  bool MatchTenantTypo(std::string_view tenant, std::string_view piece, Seam seam, int64_t now,
                       std::vector<LookalikeMatch>* out) const;
  void CheckCandidate(const Candidate& candidate, Mode mode, int64_t now,
                      std::vector<LookalikeMatch>* out) const;
  std::vector<uint32_t> SortedForReport(const std::vector<uint32_t>& ids, Mode mode) const;
  // Each Match* reports at most one match and returns whether it did.
  bool MatchSkeleton(const Candidate& candidate, Mode mode, int64_t now,
                     std::vector<LookalikeMatch>* out) const;
  bool MatchTypo(const Candidate& candidate, Mode mode, int64_t now,
                 std::vector<LookalikeMatch>* out) const;
  bool MatchHyphenatedPart(const Candidate& candidate, int64_t now,
                           std::vector<LookalikeMatch>* out) const;
  bool MatchRunTogether(const Candidate& candidate, Mode mode, int64_t now,
                        std::vector<LookalikeMatch>* out) const;
  bool MatchEmbedded(const Candidate& candidate, const Entry& entry, int64_t now,
                     std::vector<LookalikeMatch>* out) const;
  // The established name with this skeleton, strongest kind first.
  const Entry* FindExact(std::u32string_view fold) const;
  const Entry* FindNear(std::u32string_view fold) const;
  // The imitated name is the entry's unless `imitated` is given (two names
  // run together).
  void Report(const Candidate& candidate, const Entry& entry, LookalikeTechnique technique,
              std::string_view detail, int64_t now, std::vector<LookalikeMatch>* out,
              std::string_view imitated = {}) const;
  bool Exempt(const Candidate& candidate, const Entry& entry, int64_t now) const;
  // Whether `word` is one a look-alike glues to a name: a listed word
  // (KnownNameKind::kWord, "billing"), an institution's kind ("univ") or a
  // department ("hr", "pay", "mail", "email", "services").
  bool IsGluedWord(std::string_view word) const;
  // The parts of a registrable domain's first label compared with a known
  // name: each run of hyphen-separated parts (StemParts) and, where the
  // whole label or one of its parts begins or ends with a glued word
  // (IsGluedWord) or begins with "my" or "the", the rest of it, read as if
  // a hyphen set the word apart ("acmecropbilling" is "acmecrop" and
  // "billing", "ousecure" is "ou" and "secure", "abbhr" is "abb" and "hr",
  // "mytxu" is "my" and "txu"): a rest of two letters or more
  // that is not itself a glued word ("onlinemailbox" is two words) nor
  // begins or ends with a hyphen. No part is listed twice.
  std::vector<std::string> ComparedParts(const std::string& stem) const;
  // The known domain `host` spells out from the start of one of its labels
  // up to a dot or hyphen, before its own registrable domain
  // ("paypal.com.evil.net", "caiso.com-secure.net": what a reader takes in
  // first), its name in *spelled; nullptr when none.
  const Entry* SpelledInFront(std::string_view host, std::string* spelled) const;
  // Whether a name may be matched by typo, hyphenated part or other suffix:
  // not a passing correspondent.
  bool Established(const Entry& entry) const;
  // How many edits a typo of `entry` may be: none for short names.
  size_t AllowedEdits(const Entry& entry) const;

  const LookalikeOptions options_;
  const std::unique_ptr<SkeletonMaker> skeletons_;
  std::vector<Entry> entries_;
  // Looks a std::string key up by std::string_view, without a copy.
  struct NameHash {
    using is_transparent = void;
    size_t operator()(std::string_view name) const { return std::hash<std::string_view>()(name); }
  };
  // Registrable domain (A-label) or lower-case token -> entry.
  std::unordered_map<std::string, uint32_t, NameHash, std::equal_to<>> by_name_;
  // Folded skeleton of the stem (UTF-8) -> entries.
  std::unordered_map<std::string, std::vector<uint32_t>> by_skeleton_;
  // Hash of the spelling (hyphens dropped) with up to AllowedEdits
  // characters deleted -> entries: the Symmetric-Delete index for typos,
  // for correspondents and for the organisation's own domains and brands.
  DeletionMap by_spelling_deletion_;
  DeletionMap by_trusted_spelling_deletion_;
  // Hash of the skeleton with one character deleted -> brands and words.
  DeletionMap by_skeleton_deletion_;
  // Hash of the spelling (hyphens dropped) of domains of two letters to
  // one fewer than min_embedded_length, whole and with one letter deleted
  // -> entries: FindMistyped() probes it.
  DeletionMap by_short_deletion_;
  // Letters of the longest glued word (IsGluedWord): "university", or a
  // longer listed word.
  size_t longest_glued_word_ = 10;
};

}  // namespace rapport
