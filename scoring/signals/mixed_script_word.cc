#include <algorithm>
#include <string>
#include <string_view>

#include "base/status.h"
#include "scoring/lookalike/skeleton.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// The scripts whose letters pass for Latin ones (Cyrillic а е о р с х,
// Greek Α Β Ε Μ Ο Τ): the only ones a word can borrow letters from and
// still read as Latin.
bool IsLatinLookingScript(std::string_view script) {
  return script == "Cyrillic" || script == "Greek";
}

bool IsLatinLetter(char32_t c) {
  return (c >= U'a' && c <= U'z') || (c >= U'A' && c <= U'Z') ||
         (c >= 0xC0 && c <= 0x24F && c != 0xD7 && c != 0xF7);
}

// The first word of UTF-8 `text` whose letters mix Latin with Cyrillic or
// Greek ("Yоur" with Cyrillic о, "Μetamаsk" with Greek Μ and Cyrillic а),
// with the script borrowed in *script; empty when there is none. A word is
// a run of letters of any script; other characters end it, so "IT-отдел"
// is two words, each of one script, and Japanese runs of kana and Latin
// ("Windowsの") are not read.
std::string MixedScriptWord(std::string_view text, std::string* script) {
  if (std::all_of(text.begin(), text.end(), [](char c) { return (c & 0x80) == 0; })) return {};
  const std::u32string decoded = DecodeUtf8(text);
  size_t start = 0;
  bool latin = false;
  const char* borrowed = nullptr;
  for (size_t i = 0; i <= decoded.size(); ++i) {
    const char32_t c = i < decoded.size() ? decoded[i] : U' ';
    const bool latin_letter = IsLatinLetter(c);
    const char* foreign = latin_letter ? "" : ForeignScriptName(c);
    if (latin_letter || *foreign != '\0') {
      latin = latin || latin_letter;
      if (IsLatinLookingScript(foreign)) borrowed = foreign;
      continue;
    }
    if (latin && borrowed != nullptr) {
      *script = borrowed;
      return EncodeUtf8(std::u32string_view(decoded).substr(start, i - start));
    }
    start = i + 1;
    latin = false;
    borrowed = nullptr;
  }
  return {};
}

// A word written with Latin letters and a few Cyrillic or Greek ones that
// look the same ("Yоur wаllet", "Μetamаsk") reads as the Latin word to a
// person and as another string to a filter or a search: the homograph
// trick of look-alike domains, played in the sender's name or the
// subject. People write a word in one script; a keyboard left in the
// wrong layout is the honest exception, so it is judged like any claim of
// identity (SenderClaimStrength): nothing from an established
// correspondent.
Status DetectMixedScriptWord(const ScoringContext& context, std::vector<Detection>* out) {
  if (context.sender().empty() || context.sender_is_local()) return Status::Ok();
  const Message& message = context.message();
  const std::pair<const char*, const std::string*> places[] = {
      {"display name", &message.from.display_name}, {"subject", &message.subject}};
  for (const auto& [place, text] : places) {
    std::string script;
    const std::string word = MixedScriptWord(*text, &script);
    if (word.empty()) continue;
    const double strength = SenderClaimStrength(context);
    if (strength <= 0) return Status::Ok();
    out->push_back({strength,
                    std::string(place) + " word " + Quoted(word) + " mixes Latin letters with " +
                        script + " ones that look the same; from " + DescribeSender(context),
                    script});
    return Status::Ok();
  }
  return Status::Ok();
}

}  // namespace

Status RegisterMixedScriptWord(SignalRegistry* registry) {
  return registry->Add({"MIXED_SCRIPT_WORD", SignalGroup::kLookalike, 30,
                        "a word in the sender's name or the subject mixes Latin letters with "
                        "Cyrillic or Greek look-alikes",
                        SignalScope::kInboundOnly, DetectMixedScriptWord});
}

}  // namespace rapport
