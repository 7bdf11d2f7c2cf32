#include "message/link_ask.h"

#include <algorithm>
#include <array>
#include <cstdint>
#include <functional>
#include <string_view>
#include <utility>
#include <vector>

#include "message/ascii.h"
#include "message/subject.h"

namespace rapport {

namespace {

constexpr std::string_view kSignIn = "to sign in";
constexpr std::string_view kPassword = "for a password";
constexpr std::string_view kConfirmAccount = "to confirm an account";
constexpr std::string_view kConfirmDetails = "to confirm their details";
constexpr std::string_view kSignDocument = "to sign a document";

// The lists' bits (WordRoles).
// Words that ask for a sign-in or a password by themselves.
constexpr uint32_t kSignInWord = 1u << 0;
constexpr uint32_t kPasswordWord = 1u << 1;
// A verb asking to confirm what a sign-in protects, then what it protects,
// the reader's own ("verify your account", "confirme sua conta",
// "vérifiez votre compte", "Bestätigen Sie Ihr Konto"); "confirm the
// account number" is not.
constexpr uint32_t kConfirmVerb = 1u << 2;
// German and Dutch also put the infinitive last, after the owner and the
// object, with "zu" or "te" (kInfinitiveMark) perhaps between: "Ihr Konto
// zu bestätigen", "uw account te verifiëren".
constexpr uint32_t kConfirmVerbLast = 1u << 3;
constexpr uint32_t kInfinitiveMark = 1u << 4;
// A polite "you" between the verb and the owner: "Bestätigen Sie Ihr Konto".
constexpr uint32_t kPolitePronoun = 1u << 5;
constexpr uint32_t kOwner = 1u << 6;
// The owners that name the reader, "your" (LinkAsk::own_account).
constexpr uint32_t kReaderOwner = 1u << 7;
// An article read past only before a Portuguese or Italian owner
// (kArticleOwner): "confirme a sua conta", "verifica il tuo account";
// "confirm as our account manager" asks nothing.
constexpr uint32_t kArticle = 1u << 8;
constexpr uint32_t kArticleOwner = 1u << 9;
// What a sign-in protects.
constexpr uint32_t kConfirmObject = 1u << 10;
// What follows an account that a bank keeps, not a sign-in: "su cuenta
// bancaria", "conta corrente", "compte de résultat".
constexpr uint32_t kMoneyAccount = 1u << 11;
// The word that joins an account to what it is of: "cuenta de correo".
constexpr uint32_t kOfWord = 1u << 12;
// Words naming which account: between the owner and the object in English,
// German and Dutch ("your e-mail account", "Ihr E-Mail-Konto"), after the
// object and an of-word in the Romance languages ("su cuenta de correo",
// "votre compte de messagerie").
constexpr uint32_t kAccountKind = 1u << 13;
// What of the reader's own mail or network account an ask may name, after
// "your" and a kind: LinkAsk::own_account.
constexpr uint32_t kOwnAccountObject = 1u << 14;
// Those that name a mail account by themselves: "your mailbox", "Ihr
// Postfach", "votre messagerie".
constexpr uint32_t kMailbox = 1u << 15;
// The first word of a phrase (kAskPhrases).
constexpr uint32_t kPhraseStart = 1u << 16;
// A verb that renews what the reader keeps ("update", "actualice"): an ask
// only of the reader's own ("update your account", "actualice sus datos");
// business mail updates everything else ("update the schedule", "update
// our records").
constexpr uint32_t kOwnedVerb = 1u << 17;
// What of the reader's a lure asks to confirm or renew beside the account
// ("your information", "your details", "sus datos", "Ihre Daten"): an
// object only after the reader's own ("confirm the details" asks nothing).
constexpr uint32_t kOwnedObject = 1u << 18;
// Money words that, between the owner and "account", make it a bank's
// ("your bank account", "your savings account"): not a sign-in's.
constexpr uint32_t kMoneyName = 1u << 19;

// The word lists of each language, written without accents (AskWords::Key()).
// Each was read for words that business mail writes without asking
// anything: not Spanish "clave" (a key point), "acceder" or "actualizar"
// (any access, any update), not French "identifiant" (a tax or customer
// number) nor "connexion" (an Internet connection), "update" in any
// language only before the reader's own (kOwnedVerb), and no word English
// spells that would change what English text asks (French "mon", "ton":
// "confirm Mon. Account review"; Dutch "je": French "je confirme, je
// compte sur vous", the comma not in the words; Portuguese "do": "your
// account. Do email us").
constexpr RoleWords kEnglish[] = {
    {kSignInWord, "login logon signin"},
    {kPasswordWord, "password passwords passwd passcode credentials"},
    {kConfirmVerb, "verify confirm validate reactivate unlock restore upgrade"},
    {kOwnedVerb, "update renew"},
    {kOwner | kReaderOwner, "your"},
    {kOwner, "their our my"},
    {kConfirmObject, "account mailbox identity credentials login"},
    {kOwnedObject, "information informations details profile"},
    {kMoneyName, "bank banking savings checking deposit brokerage trading"},
    // The mail system named by its maker's names, or as the company's.
    {kAccountKind,
     "email e mail network office webmail microsoft outlook exchange windows 365 o365 corporate "
     "company work domain"},
    {kOwnAccountObject, "password passwords account credentials login mailbox"},
    {kMailbox, "mailbox"},
};
// German written without umlauts spells "ä" "ae": both are listed.
constexpr RoleWords kGerman[] = {
    {kSignInWord, "anmelden einloggen"},
    {kPasswordWord, "passwort passworter passwoerter kennwort zugangsdaten anmeldedaten"},
    {kConfirmVerb | kConfirmVerbLast,
     "bestatigen bestaetigen verifizieren validieren reaktivieren entsperren wiederherstellen"},
    // "Wir aktualisieren Ihr Konto" tells: the infinitive asks only last
    // ("Ihre Daten zu aktualisieren"), the imperative anywhere.
    {kConfirmVerbLast, "aktualisieren"},
    {kOwnedVerb, "aktualisiere"},
    {kInfinitiveMark, "zu"},
    {kPolitePronoun, "sie"},
    {kOwner | kReaderOwner, "ihr ihre ihren ihrem dein deine deinen"},
    {kOwner, "unser unsere unseren mein meine"},
    {kConfirmObject, "konto postfach identitat identitaet zugangsdaten"},
    {kOwnedObject, "daten angaben informationen profil"},
    {kAccountKind, "netzwerk"},
    {kOwnAccountObject, "konto passwort kennwort zugangsdaten postfach"},
    {kMailbox, "postfach"},
};
constexpr RoleWords kSpanish[] = {
    {kPasswordWord, "contrasena contrasenas credenciales"},
    {kConfirmVerb,
     "verificar verifique verifica confirmar confirme confirma validar valide valida reactivar "
     "reactive reactiva desbloquear desbloquee desbloquea restablecer restablezca restaurar "
     "restaure"},
    {kOwnedVerb, "actualizar actualice"},
    {kOwner | kReaderOwner, "su sus tu tus"},
    {kOwner, "nuestra nuestro mi"},
    {kConfirmObject, "cuenta buzon identidad credenciales"},
    {kOwnedObject, "datos informacion perfil"},
    {kMoneyAccount,
     "bancaria bancarias bancario bancarios corriente ahorro ahorros resultados gastos"},
    {kOfWord, "de del"},
    {kAccountKind, "correo electronico"},
    {kOwnAccountObject, "cuenta contrasena credenciales buzon"},
    {kMailbox, "buzon"},
};
constexpr RoleWords kPortuguese[] = {
    {kPasswordWord, "senha senhas credenciais"},
    {kConfirmVerb,
     "verificar verifique confirmar confirme confirma validar valide valida reativar reative "
     "desbloquear desbloqueie restaurar restaure"},
    {kOwnedVerb, "atualizar atualize"},
    {kOwner | kReaderOwner | kArticleOwner, "sua seu suas seus tua teu"},
    {kOwner | kArticleOwner, "nossa nosso"},
    {kArticle, "a o as os"},
    {kConfirmObject, "conta identidade credenciais"},
    {kOwnedObject, "dados informacoes perfil"},
    {kMoneyAccount, "corrente poupanca resultado bancaria bancario"},
    {kOfWord, "de"},
    {kAccountKind, "rede eletronico"},
    {kOwnAccountObject, "conta senha credenciais"},
};
constexpr RoleWords kFrench[] = {
    {kConfirmVerb,
     "verifier verifiez confirmer confirmez valider validez reactiver reactivez debloquer "
     "debloquez restaurer restaurez retablir retablissez"},
    {kOwner | kReaderOwner, "votre vos ta"},
    {kOwner, "notre"},
    {kConfirmObject, "compte messagerie identite identifiants"},
    {kOwnedObject, "informations donnees coordonnees profil"},
    {kMoneyAccount, "bancaire bancaires courant resultat resultats epargne"},
    {kOfWord, "de du"},
    {kAccountKind, "messagerie courrier electronique"},
    {kOwnAccountObject, "compte identifiants messagerie"},
    {kMailbox, "messagerie"},
};
// Italian "conto" is never a sign-in's: "account" is.
constexpr RoleWords kItalian[] = {
    {kPasswordWord, "credenziali"},
    {kConfirmVerb,
     "verifica verificare verifichi conferma confermare confermi convalida convalidare convalidi "
     "riattiva riattivare riattivi sblocca sbloccare sblocchi ripristina ripristinare ripristini"},
    {kOwnedVerb, "aggiorna aggiornare aggiorni"},
    {kOwner | kReaderOwner | kArticleOwner,
     "tuo tua tuoi tue suo sua suoi sue vostro vostra vostri vostre"},
    {kOwner | kArticleOwner, "nostro nostra mio"},
    {kArticle, "il la lo l i le"},
    {kConfirmObject, "account casella identita credenziali"},
    {kOwnedObject, "dati informazioni profilo"},
    {kMoneyAccount, "bancari bancario corrente"},
    {kOfWord, "di"},
    {kAccountKind, "posta elettronica rete"},
    {kOwnAccountObject, "account casella credenziali"},
};
constexpr RoleWords kDutch[] = {
    {kSignInWord, "inloggen"},
    {kPasswordWord, "wachtwoord wachtwoorden inloggegevens"},
    {kConfirmVerb, "verifieer bevestig valideer heractiveer ontgrendel herstel"},
    {kConfirmVerb | kConfirmVerbLast,
     "verifieren bevestigen valideren heractiveren ontgrendelen herstellen"},
    {kInfinitiveMark, "te"},
    {kOwner | kReaderOwner, "uw jouw"},
    {kOwner, "ons onze mijn"},
    {kConfirmObject, "account mailbox postvak identiteit inloggegevens"},
    {kOwnedObject, "gegevens profiel"},
    {kAccountKind, "netwerk"},
    {kOwnAccountObject, "account wachtwoord inloggegevens mailbox postvak"},
    {kMailbox, "mailbox postvak"},
};

// Two or three words that read as one ("sign in", "log-in", "mot de
// passe", "iniciar sesión"); a third word empty when two. Not Dutch "meld
// u aan": as often "register" ("meld u aan voor het webinar"), as English
// "sign up" is.
struct AskPhrase {
  std::array<std::string_view, 3> words;
  std::string_view ask;
};
constexpr AskPhrase kAskPhrases[] = {
    // English
    {{"sign", "in", ""}, kSignIn},
    {{"log", "in", ""}, kSignIn},
    {{"log", "on", ""}, kSignIn},
    {{"log", "into", ""}, kSignIn},
    // German: "einloggen" split, as the polite imperative writes it
    {{"loggen", "sie", "sich"}, kSignIn},
    // Spanish
    {{"iniciar", "sesion", ""}, kSignIn},
    {{"inicie", "sesion", ""}, kSignIn},
    {{"inicia", "sesion", ""}, kSignIn},
    // Portuguese
    {{"iniciar", "sessao", ""}, kSignIn},
    {{"inicie", "sessao", ""}, kSignIn},
    {{"inicie", "a", "sessao"}, kSignIn},
    // French
    {{"connectez", "vous", ""}, kSignIn},
    {{"identifiez", "vous", ""}, kSignIn},
    {{"se", "connecter", ""}, kSignIn},
    {{"mot", "de", "passe"}, kPassword},
    {{"mots", "de", "passe"}, kPassword},
    // Italian
    {{"effettua", "l", "accesso"}, kSignIn},
    {{"effettuare", "l", "accesso"}, kSignIn},
};

const WordRoles& LinkAskRoles() {
  static const WordRoles* const roles = [] {
    auto* built =
        new WordRoles(kEnglish, kGerman, kSpanish, kPortuguese, kFrench, kItalian, kDutch);
    for (const AskPhrase& phrase : kAskPhrases) built->Add({kPhraseStart, phrase.words[0]});
    return built;
  }();
  return *roles;
}

// The sentences of `text`: ended by '.', '!', '?' or ':' before white
// space, or by a blank line.
std::vector<std::string_view> Sentences(std::string_view text) {
  std::vector<std::string_view> sentences;
  size_t start = 0;
  for (size_t i = 0; i < text.size(); ++i) {
    const char c = text[i];
    bool end = false;
    if ((c == '.' || c == '!' || c == '?' || c == ':') && i + 1 < text.size() &&
        IsAsciiSpace(text[i + 1])) {
      end = true;
    } else if (c == '\n') {
      size_t j = i + 1;
      while (j < text.size() && (text[j] == ' ' || text[j] == '\t' || text[j] == '\r')) ++j;
      end = j < text.size() && text[j] == '\n';
    }
    if (end) {
      sentences.push_back(text.substr(start, i + 1 - start));
      start = i + 1;
    }
  }
  sentences.push_back(text.substr(start));
  return sentences;
}

// The text before the link a reader reads with it: the sentence it stands
// in (or that introduces it) and the one before (a lure's "Your password
// expires today. Keep it here: <link>"), the last `bound` bytes of them.
std::string_view TextBefore(std::string_view text, size_t bound) {
  std::vector<std::string_view> sentences = Sentences(text);
  size_t keep = 0;
  size_t taken = 0;
  // The last two sentences with words: the link's own ("Keep it at"), or
  // the one introducing it ("Keep it here:"), and the one before; a blank
  // line's empty sentences do not count.
  for (size_t i = sentences.size(); i-- > 0 && taken < 2;) {
    keep += sentences[i].size();
    if (!TrimAsciiSpace(sentences[i]).empty()) ++taken;
  }
  std::string_view before = text.substr(text.size() - keep);
  if (before.size() > bound) before = before.substr(before.size() - bound);
  return before;
}

// The text after the link up to the first sentence end, at most `bound`.
std::string_view TextAfter(std::string_view text, size_t bound) {
  std::vector<std::string_view> sentences = Sentences(text);
  std::string_view after = sentences.front();
  return after.substr(0, bound);
}

// Whether the account at words[object] is one a bank keeps ("cuenta
// bancaria", "conta corrente", "compte de résultat"), not a sign-in's.
bool MoneyAccount(const std::vector<uint32_t>& roles, size_t object) {
  size_t next = object + 1;
  if (next < roles.size() && (roles[next] & kOfWord)) ++next;
  return next < roles.size() && (roles[next] & kMoneyAccount);
}

// Where the owner-and-object of a confirmation starting at `i` ends ("your
// e mail account", "a sua conta", "Ihr Konto", "your eBay account"), or 0
// when none starts there. An article is read past only before an owner.
// With `reader_only` (a kOwnedVerb's), only the reader's own is asked.
// Between the reader's own and "account" (kConfirmObject) stand at most
// two words naming whose service it is ("your eBay account", "your Office
// 365 account"), none a bank's (kMoneyName: "your bank account"); a
// kOwnedObject follows the reader's own directly or after a kind ("your
// details", "your account information").
size_t OwnedObjectEnd(const std::vector<uint32_t>& roles, size_t i, bool reader_only) {
  size_t j = i;
  if (j + 1 < roles.size() && (roles[j] & kArticle) && (roles[j + 1] & kArticleOwner)) ++j;
  const bool reader = j < roles.size() && (roles[j] & kReaderOwner);
  if (reader_only && !reader) return 0;
  if (j < roles.size() && (roles[j] & kOwner)) ++j;
  // A kind that is also an object ("messagerie") is the object.
  while (j < roles.size() && j <= i + 3 && (roles[j] & kAccountKind) &&
         !(roles[j] & kConfirmObject)) {
    ++j;
  }
  if (reader) {
    // "your eBay account", "your personal information": whose service, or
    // what kind, in one or two words no list holds.
    size_t named = j;
    while (named < roles.size() && named < j + 2 && roles[named] == 0) ++named;
    if (named < roles.size() && (roles[named] & kOwnedObject)) return named;
    if (named > j && named < roles.size() && (roles[named] & kConfirmObject) &&
        !(roles[named] & kMailbox) && !MoneyAccount(roles, named)) {
      return named;
    }
  }
  if (j >= roles.size() || !(roles[j] & kConfirmObject) || MoneyAccount(roles, j)) return 0;
  return j;
}

// What a confirmation asks, by the role of what it confirms: an account
// ("verify your account"), or the reader's details ("update your
// information").
std::string_view AskOf(uint32_t object_role) {
  return (object_role & kOwnedObject) ? kConfirmDetails : kConfirmAccount;
}

LinkAsk FirstAskIn(const AskWords& words, const std::vector<uint32_t>& roles, bool in_anchor) {
  for (size_t i = 0; i < words.size(); ++i) {
    if (roles[i] & (kSignInWord | kPasswordWord)) {
      return {(roles[i] & kSignInWord) ? kSignIn : kPassword, words.written[i], in_anchor, {}};
    }
    if (roles[i] & kPhraseStart) {
      for (const AskPhrase& phrase : kAskPhrases) {
        const size_t length = phrase.words[2].empty() ? 2 : 3;
        if (i + length > words.size()) continue;
        size_t k = 0;
        while (k < length && words.Key(i + k) == phrase.words[k]) ++k;
        if (k == length) return {phrase.ask, JoinedWords(words, i, i + length - 1), in_anchor, {}};
      }
    }
    // "Ihr Konto zu bestätigen": the owner first, the infinitive last.
    if (roles[i] & kOwner) {
      if (const size_t object = OwnedObjectEnd(roles, i, false); object != 0) {
        size_t verb = object + 1;
        if (verb < words.size() && (roles[verb] & kInfinitiveMark)) ++verb;
        if (verb < words.size() && (roles[verb] & kConfirmVerbLast) &&
            ((roles[verb] & kConfirmVerb) || (roles[i] & kReaderOwner))) {
          return {AskOf(roles[object]), JoinedWords(words, i, verb), in_anchor, {}};
        }
      }
    }
    if (!(roles[i] & (kConfirmVerb | kOwnedVerb))) continue;
    size_t j = i + 1;
    if (j < words.size() && (roles[j] & kPolitePronoun)) ++j;
    if (j >= words.size()) continue;
    const size_t object = OwnedObjectEnd(roles, j, !(roles[i] & kConfirmVerb));
    if (object == 0) continue;
    return {AskOf(roles[object]), JoinedWords(words, i, object), in_anchor, {}};
  }
  return {};
}

// "your network password", "your e mail account", "your mailbox", "su
// cuenta de correo", "Ihr Postfach" in `words`, or empty: the reader's own
// mail or network account named.
std::string OwnAccountIn(const AskWords& words, const std::vector<uint32_t>& roles) {
  for (size_t i = 0; i < roles.size(); ++i) {
    if (!(roles[i] & kReaderOwner)) continue;
    size_t j = i + 1;
    while (j < roles.size() && j <= i + 3 && (roles[j] & kAccountKind) &&
           !(roles[j] & kOwnAccountObject)) {
      ++j;
    }
    if (j >= roles.size() || !(roles[j] & kOwnAccountObject)) continue;
    if (j > i + 1 || (roles[j] & kMailbox)) return JoinedWords(words, i, j);
    // "su cuenta de correo", "votre compte de messagerie": the kind after
    // an of-word ("your account. Email us" is no kind).
    if (j + 2 < roles.size() && (roles[j + 1] & kOfWord) && (roles[j + 2] & kAccountKind)) {
      return JoinedWords(words, i, j + 2);
    }
    // "your password": whose?
  }
  return {};
}

// What DocumentNamedByLink() and SignatureAskIn() read, one list per
// language (English, German, Spanish, Portuguese, French, Italian, Dutch; a
// word two of them spell alike is listed once), written without accents
// (AskWords::Key()): a document or a file, and the words that ask to sign
// one. Not the words that also name a company or an offer in some language
// (Spanish and German "firma", German "Angebot", Dutch "offerte", French
// "proposition"): a newsletter's links say them.
constexpr uint32_t kDocumentWord = 1u << 0;
// English "sign", a document's signature unless a particle makes it a
// sign-up or a sign-in (kSignParticle).
constexpr uint32_t kSignVerb = 1u << 1;
constexpr uint32_t kSignParticle = 1u << 2;
// Words that name a signature by themselves.
constexpr uint32_t kSignWord = 1u << 3;
// What is signed, beside kDocumentWord, where a signature is asked.
// DocumentNamedByLink does not read them: a "Form" or a "Policy" link is a
// page, not a file for one reader.
constexpr uint32_t kSignedObject = 1u << 4;
// Where the words say the document to sign is attached, the link is not
// where it is signed ("sign and return the attached contract; the terms
// are at …"). Not French "joint", an English word too.
constexpr uint32_t kAttachedWord = 1u << 5;
// Where the words ask the reader to hand a document in (upload, submit),
// the document is the reader's, not one the link presents
// (DocumentPresentedAt): a supplier's form for the reader's tax form.
constexpr uint32_t kHandInWord = 1u << 6;
// Where the words say the page is a survey (DocumentPresentedAt), the
// document they name is what the survey asks about ("tell us about your
// last invoice"), not what the link presents.
constexpr uint32_t kSurveyWord = 1u << 7;
// German writes its hand-in verb apart in a request: "laden Sie Ihre
// Rechnung hier hoch" for hochladen. The verb's forms and its particle
// ask the reader to upload only together, in one text: "hoch" alone is
// "high", and "laden" alone loads, invites or is a shop.
constexpr uint32_t kHandInSplitVerb = 1u << 8;
constexpr uint32_t kHandInSplitParticle = 1u << 9;
constexpr RoleWords kDocumentWords[] = {
    {kDocumentWord,
     "document documents doc docs file files invoice invoices statement statements contract "
     "contracts agreement agreements proposal proposals"},
    {kSignWord, "signature signatures esign countersign"},
    {kSignVerb, "sign"},
    {kSignParticle, "up in on out into"},
    {kSignedObject, "policy policies form forms nda"},
    {kAttachedWord, "attached enclosed attachment attachments"},
    {kHandInWord, "upload uploads uploading submit"},
    {kSurveyWord, "survey surveys questionnaire feedback poll"},
    {kDocumentWord,
     "dokument dokumente datei dateien rechnung rechnungen vertrag vertrage vertraege"},
    {kSignWord, "unterschrift unterschreiben unterzeichnen"},
    {kSignedObject, "richtlinie richtlinien formular formulare"},
    {kAttachedWord, "anbei beigefugt beigefuegt anhang"},
    {kHandInWord, "hochladen einreichen"},
    {kHandInSplitVerb, "laden lade ladet ladt laedt"},
    {kHandInSplitParticle, "hoch"},
    {kSurveyWord, "umfrage fragebogen"},
    {kDocumentWord,
     "documento documentos archivo archivos factura facturas contrato contratos propuesta "
     "acuerdo"},
    {kSignWord, "firmar"},
    {kSignedObject, "politica formulario"},
    {kAttachedWord, "adjunto adjunta adjuntos adjuntas anexo anexa anexos anexado anexada"},
    {kHandInWord, "subir suba cargue"},
    {kSurveyWord, "encuesta cuestionario"},
    {kDocumentWord, "arquivo arquivos ficheiro fatura faturas proposta"},
    {kSignWord, "assinatura assinar"},
    {kDocumentWord, "fichier fichiers facture factures contrat contrats"},
    {kSignWord, "signer"},
    {kSignedObject, "politique formulaire"},
    {kAttachedWord, "jointe jointes"},
    {kHandInWord, "televerser deposer soumettre"},
    {kSurveyWord, "sondage enquete"},
    {kDocumentWord, "documenti fattura fatture contratto contratti accordo"},
    {kSignWord, "firmare"},
    {kSignedObject, "modulo"},
    {kAttachedWord, "allegato allegata allegati"},
    {kHandInWord, "caricare carica"},
    {kSurveyWord, "sondaggio questionario"},
    {kDocumentWord, "documenten bestand bestanden factuur facturen overeenkomst"},
    {kSignWord, "ondertekenen"},
    {kSignedObject, "beleid formulier"},
    {kAttachedWord, "bijgevoegd bijgevoegde bijlage"},
    {kHandInWord, "uploaden indienen"},
    {kSurveyWord, "vragenlijst"},
};

const WordRoles& DocumentRoles() {
  static const WordRoles* const roles = new WordRoles(kDocumentWords);
  return *roles;
}

// Whether words[i], of DocumentRoles() `role`, asks to sign (kSignWord, or
// "sign" not made a sign-up or a sign-in by the word after it).
bool AsksToSign(const AskWords& words, size_t i, uint32_t role) {
  if (role & kSignWord) return true;
  return (role & kSignVerb) &&
         (i + 1 == words.size() || !(DocumentRoles().Of(words.Key(i + 1)) & kSignParticle));
}

// A signature on a document asked in `words`: a word asking to sign and,
// among the same words, what is signed, not said to be attached.
LinkAsk SignatureAskIn(const AskWords& words, bool in_anchor) {
  const std::vector<uint32_t> roles = DocumentRoles().Of(words);
  size_t sign = words.size();
  size_t object = words.size();
  for (size_t i = 0; i < words.size(); ++i) {
    if (roles[i] & kAttachedWord) return {};
    if (sign == words.size() && AsksToSign(words, i, roles[i])) sign = i;
    if (object == words.size() && (roles[i] & (kDocumentWord | kSignedObject))) object = i;
  }
  if (sign == words.size() || object == words.size()) return {};
  const auto [first, last] = std::minmax(sign, object);
  // Near, the words between say what is asked ("sign the attached
  // contract"); apart, the two are quoted alone.
  std::string quoted = last - first <= 4 ? JoinedWords(words, first, last)
                                         : words.written[first] + " … " + words.written[last];
  return {kSignDocument, std::move(quoted), in_anchor, {}, true};
}

// Whether `ask` asks a credential (a sign-in, a password, an account or
// the reader's details confirmed), not a signature or nothing: then no
// later place need be read.
bool AsksCredential(const LinkAsk& ask) { return !ask.ask.empty() && !ask.signature; }

// Of two asks read in turn beside one link, `first`, unless `then` asks a
// credential where `first` asks only a signature or nothing: the words
// that ask for a password say more of the page than "sign" beside them.
LinkAsk CredentialFirst(LinkAsk first, LinkAsk then) {
  if (first.ask.empty() || (first.signature && AsksCredential(then))) return then;
  return first;
}

LinkAsk AskIn(std::string_view text, bool in_anchor) {
  const AskWords words = ReadAskWords(text);
  const std::vector<uint32_t> roles = LinkAskRoles().Of(words);
  LinkAsk ask = FirstAskIn(words, roles, in_anchor);
  if (!ask.ask.empty()) {
    ask.own_account = OwnAccountIn(words, roles);
    return ask;
  }
  return SignatureAskIn(words, in_anchor);
}

// The first place `lower_needle` is written in `text`, ignoring case; npos
// when none. Boyer-Moore (with its good-suffix rule), so linear in the text
// whatever both hold: a host and a body are both the sender's to choose,
// and FindNoCase()'s naive scan of a 1 MiB body of "aaaa..." for a host of
// sixty a's costs sixty compares a byte.
size_t FindNoCaseLinear(std::string_view text, std::string_view lower_needle) {
  if (lower_needle.empty() || lower_needle.size() > text.size()) return std::string_view::npos;
  const auto hash = [](char c) { return std::hash<char>()(AsciiLower(c)); };
  const auto equal = [](char a, char b) { return AsciiLower(a) == AsciiLower(b); };
  const std::boyer_moore_searcher searcher(lower_needle.begin(), lower_needle.end(), hash, equal);
  const auto found = std::search(text.begin(), text.end(), searcher);
  return found == text.end() ? std::string_view::npos : static_cast<size_t>(found - text.begin());
}

// Where `link` is first written in `body`: its URL, else its host.
size_t FindLink(std::string_view body, const Link& link) {
  if (!link.url.empty()) {
    const size_t at = body.find(link.url);
    if (at != std::string_view::npos) return at;
  }
  return FindNoCaseLinear(body, link.host);
}

// Raw bytes read on each side of the link before tags are dropped: enough
// for kLinkAskBefore bytes of text in markup-heavy HTML, and a bound.
constexpr size_t kRawBefore = 4 * kLinkAskBefore;
constexpr size_t kRawAfter = 4 * kLinkAskAfter;

// The words a reader sees beside a link: the sentences before it and
// after it, as ReadLinkAsk() reads them.
struct LinkSurroundings {
  std::string before;
  std::string after;
};

// The text around `at`, where `link` is written in `body`.
LinkSurroundings SurroundingsAt(std::string_view body, bool html, const Link& link, size_t at) {
  const size_t from = at > kRawBefore ? at - kRawBefore : 0;
  std::string_view raw_before = body.substr(from, at - from);
  // A window cut inside a tag would read its attributes as text
  // (class="login-box"): it starts past that tag's end.
  if (html && from > 0) {
    const size_t close = raw_before.find('>');
    if (close != std::string_view::npos && close < raw_before.find('<')) {
      raw_before.remove_prefix(close + 1);
    }
  }
  // In HTML the link stands in an attribute: the text after it begins
  // where its tag ends (the anchor text, read apart, then the rest).
  size_t after_at = at + (link.url.empty() ? link.host.size() : link.url.size());
  if (html) {
    const size_t tag_open = raw_before.rfind('<');
    if (tag_open != std::string_view::npos &&
        raw_before.find('>', tag_open) == std::string_view::npos) {
      raw_before = raw_before.substr(0, tag_open);
      // Past the anchor's end when near: its text is read apart.
      const std::string_view near = body.substr(0, at + kRawAfter);
      const size_t tag_end = near.find('>', at);
      const size_t anchor_end = FindNoCase(near, "</a>", at);
      after_at = anchor_end != std::string_view::npos ? anchor_end + 4
                 : tag_end == std::string_view::npos  ? body.size()
                                                      : tag_end + 1;
    }
  }
  after_at = std::min(after_at, body.size());
  const std::string_view raw_after = body.substr(after_at, kRawAfter);
  const std::string before_text = html ? HtmlShownText(raw_before) : std::string(raw_before);
  const std::string after_text = html ? HtmlShownText(raw_after) : std::string(raw_after);
  return {std::string(TextBefore(before_text, kLinkAskBefore)),
          std::string(TextAfter(after_text, kLinkAskAfter))};
}

// Stores in *around the text beside `link` where the reader sees it: in
// the plain text when it is written there, else in the HTML. False when
// neither body writes it (or it is in an attachment).
bool SurroundingsOf(const Message& message, const Link& link, LinkSurroundings* around) {
  if (!link.attachment.empty()) return false;
  if (const size_t at = FindLink(message.text_body, link); at != std::string_view::npos) {
    *around = SurroundingsAt(message.text_body, false, link, at);
    return true;
  }
  if (const size_t at = FindLink(message.html_body, link); at != std::string_view::npos) {
    *around = SurroundingsAt(message.html_body, true, link, at);
    return true;
  }
  return false;
}

// The credential `message`'s subject asks, marked as read there. Not a
// signature: "Contract: please sign and return" heads mail whose document
// is attached as often as linked, and only the body says which.
LinkAsk SubjectAsk(const Message& message) {
  LinkAsk ask = AskIn(message.subject, false);
  if (ask.signature) return {};
  ask.in_subject = !ask.ask.empty();
  return ask;
}

}  // namespace

std::string DocumentNamedByLink(const Link& link) {
  if (link.text_looks_like_url) return std::string();
  return DocumentNamedIn(link.visible_text);
}

std::string DocumentNamedIn(std::string_view text) {
  const AskWords words = ReadAskWords(text);
  for (size_t i = 0; i < words.size(); ++i) {
    const uint32_t role = DocumentRoles().Of(words.Key(i));
    if ((role & kDocumentWord) || AsksToSign(words, i, role)) return words.written[i];
  }
  return std::string();
}

// The most words a link's label holds ("Open the secure document:").
constexpr size_t kLabelWords = 6;

std::string DocumentNamedByLabel(const Message& message, const Link& link) {
  if (!link.text_looks_like_url && !link.visible_text.empty()) return std::string();
  LinkSurroundings around;
  if (!SurroundingsOf(message, link, &around)) return std::string();
  // The label: a few words ending in a colon just before the link ("View
  // document: <url>"). A longer sentence that mentions a file beside a
  // link ("to read this file, go to www.adobe.com") labels nothing.
  const std::vector<std::string_view> sentences = Sentences(around.before);
  for (size_t i = sentences.size(); i-- > 0;) {
    const std::string_view label = TrimAsciiSpace(sentences[i]);
    if (label.empty()) continue;
    if (label.back() != ':' || ReadAskWords(label).size() > kLabelWords) return std::string();
    return DocumentNamedIn(label);
  }
  return std::string();
}

LinkAsk ReadLinkAsk(const Message& message, const Link& link) {
  // An anchor whose text is a URL is read by its address (SignInWord).
  LinkAsk ask = link.text_looks_like_url ? LinkAsk{} : AskIn(link.visible_text, true);
  if (AsksCredential(ask) || !link.attachment.empty()) return ask;
  if (LinkSurroundings around; SurroundingsOf(message, link, &around)) {
    ask = CredentialFirst(std::move(ask), AskIn(around.before, false));
    if (!AsksCredential(ask)) ask = CredentialFirst(std::move(ask), AskIn(around.after, false));
  }
  if (AsksCredential(ask)) return ask;
  // Last, the subject, which the reader reads with every link of the
  // message: a lure states its ask there ("Verify your account") and may
  // write only "see below" beside the link.
  return CredentialFirst(std::move(ask), SubjectAsk(message));
}

namespace {

// Reads `text` as DocumentPresentedAt() and DocumentNamedBySubject() read
// theirs: sets *word to its first document noun when *word is empty, and
// returns false when its words say the document is attached, is the
// reader's to hand in, or is what a survey asks about: then the link
// presents none, whatever other text says.
bool ReadPresentation(std::string_view text, std::string* word) {
  const AskWords words = ReadAskWords(text);
  uint32_t split_hand_in = 0;
  for (size_t i = 0; i < words.size(); ++i) {
    const uint32_t role = DocumentRoles().Of(words.Key(i));
    if (role & (kAttachedWord | kHandInWord | kSurveyWord)) return false;
    split_hand_in |= role & (kHandInSplitVerb | kHandInSplitParticle);
    if (word->empty() && (role & kDocumentWord)) *word = words.written[i];
  }
  return split_hand_in != (kHandInSplitVerb | kHandInSplitParticle);
}

// The texts a reader reads a link by: its anchor (unless it shows a URL),
// then the text around it.
std::array<std::string_view, 3> TextsOf(const Link& link, const LinkSurroundings& around) {
  return {link.text_looks_like_url ? std::string_view() : std::string_view(link.visible_text),
          around.before, around.after};
}

}  // namespace

std::string DocumentPresentedAt(const Message& message, const Link& link) {
  LinkSurroundings around;
  SurroundingsOf(message, link, &around);
  std::string word;
  for (const std::string_view text : TextsOf(link, around)) {
    if (!ReadPresentation(text, &word)) return std::string();
  }
  return word;
}

bool IsDocumentNoun(std::string_view word) {
  const AskWords words = ReadAskWords(word);
  return words.size() == 1 && (DocumentRoles().Of(words.Key(0)) & kDocumentWord) != 0;
}

std::string DocumentNamedBySubject(const Message& message, const Link& link) {
  if (!message.attachments.empty() || !message.in_reply_to.empty() || !message.references.empty() ||
      HasReplyMarker(message.subject)) {
    return std::string();
  }
  std::string word;
  if (!ReadPresentation(message.subject, &word) || word.empty()) return std::string();
  LinkSurroundings around;
  SurroundingsOf(message, link, &around);
  std::string ignored;
  for (const std::string_view text : TextsOf(link, around)) {
    if (!ReadPresentation(text, &ignored)) return std::string();
  }
  return word;
}

}  // namespace rapport
