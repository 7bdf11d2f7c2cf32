#pragma once

#include <cstddef>
#include <string>
#include <string_view>

#include "message/ask_words.h"
#include "message/message.h"

namespace rapport {

// What the message asks the reader to do at a link, read from the words
// the reader sees beside it: the link's anchor text, and the text around
// where the link stands in the body (the sentence before it and the words
// after it, up to a sentence end, a blank line or a bound). A phishing kit
// may sit on a neutral path ("/d/8f3a", "/index.html") whose URL names no
// sign-in (SignInWord, message/link_page.h), but the lure still has to tell
// the reader what to do there: "sign in to view", "verify your account",
// "your password expires", "enter your credentials". The page is never
// fetched; this is what the message says of it.

// One ask found beside a link.
struct LinkAsk {
  // What the reader is asked, to follow "asks the reader": "to sign in",
  // "for a password", "to confirm an account", "to confirm their details"
  // ("update your information"). Empty when the words beside the link ask
  // none of these.
  std::string_view ask;
  // The words as written, lower-cased and joined by one space ("log in",
  // "confirm your account"), for the evidence.
  std::string words;
  // Read from the anchor text rather than from the text around the link.
  bool in_anchor = false;
  // Where the words that ask also name the reader's own mail or network
  // account, as written, lower-cased ("your network password", "your
  // mailbox", "your e mail account", "your Office 365 account"): "your",
  // then up to three words of what kind of account (email, e mail, network,
  // office, webmail; the mail system's maker's names: microsoft, outlook,
  // exchange, windows, 365, o365; the company's or work's: corporate,
  // company, work, domain) and what of it is asked (password, account,
  // credentials, login, mailbox), or "your mailbox" alone. Empty
  // otherwise: "your password" and "your employee number and password"
  // name no account of ours (a provider's portal asks for its own).
  std::string own_account;
  // The ask is for a signature on a document, not for a credential: `ask`
  // is "to sign a document" (SignatureAskIn below). Read only where the
  // words ask no credential.
  bool signature = false;
  // Read from the message's subject: nothing beside the link asked a
  // credential ("Subject: Verify your account", "see below: <link>").
  bool in_subject = false;
};

// The first credential ask beside `link` in `message`, read in English,
// German, Spanish, Portuguese, French, Italian and Dutch (accented and
// unaccented spellings alike, AskWords): a word or phrase that asks for a
// sign-in ("sign in", "log on", "login", "anmelden", "iniciar sesión",
// "connectez-vous"), a password ("password", "credentials", "Passwort",
// "contraseña", "senha", "mot de passe", "wachtwoord"), or the confirmation
// of an account: a verb ("verify", "confirm", "validate", "reactivate",
// "unlock", "restore", "upgrade" and their translations), then perhaps the
// reader's own ("your", "su", "a sua", "Sie Ihr") and words naming which
// account ("email", "network", "office"), then, at most five words after
// the verb (six after a polite "Sie", two more where they name the
// account's service), what a sign-in protects ("account", "mailbox",
// "identity", "cuenta", "conta", "compte", "Konto"); German and
// Dutch also put the verb last ("Ihr Konto zu bestätigen"). Of the reader's
// own ("your", "sus", "Ihre") a lure also asks to confirm or renew
// ("update", "actualice", "atualize") the information, details, data or
// profile ("update your information", "bestätigen Sie Ihre Daten"), and
// names an account after its service in one or two words ("your eBay
// account", "your Office 365 account"); renewing anything else is business
// mail's ("update the schedule", "update our records"). "Confirm the
// account number" asks none, nor an account a bank keeps ("su cuenta
// bancaria", "conta corrente", "your savings account"). The ask names the
// reader's own account where the same words name it (LinkAsk::own_account;
// "su cuenta de correo", "Ihr Postfach"). Where the words ask no credential, they may ask
// for a signature on a document (LinkAsk::signature): a word that asks to
// sign (English "sign" but "sign up", "sign in" and their like;
// "signature", "unterschreiben", "firmar", "signer"...) and, among the same
// words, what is signed: a document, a contract, an agreement, a policy, a
// form and their translations (DocumentNamedByLink's nouns), unless the
// same words say it is attached ("sign and return the attached contract;
// the terms are at …": the link is not where it is signed). "Please sign
// the farewell card" asks none: a card or a petition is no document. The
// word lists are link_ask.cc's. Reads the
// anchor text first, then at most kLinkAskBefore bytes of text before the
// link and kLinkAskAfter after it (tags dropped in HTML; after the link's
// tag only when it ends within 4 * kLinkAskAfter bytes), from the first
// place the link's URL (else its host, ignoring case) is written in the
// text or HTML body, and last, where none of these asked a credential, the
// credential the message's subject asks (LinkAsk::in_subject; not a
// signature, and not for a link in an attachment). Empty `ask` when none; never fetches the page.
// Costs time linear in the bodies' size whatever they and the link hold; a caller reading many
// links of one message bounds how many.
LinkAsk ReadLinkAsk(const Message& message, const Link& link);

// The word of `link`'s anchor text that presents the link as a document
// or a file for the reader to open or sign, as written, lower-cased
// ("document", "file", "invoice", "statement", "contract", "agreement",
// "proposal", "signature" and their plurals, in the languages ReadLinkAsk
// reads: "Rechnung", "factura", "contrat", "bestand"...), or asks to sign
// one ("Review and sign", "unterschreiben", "firmar", "signer"); empty when
// none does, or when the anchor's text is a URL. A format ("PDF") names no
// document, nor "sign up" or "sign in" a signature. A share is addressed
// to its reader: bulk mail (a newsletter, a list, an announcement) offers
// pages, not a document for one reader (HIDDEN_RECIPIENTS reads it so).
std::string DocumentNamedByLink(const Link& link);

// DocumentNamedByLink()'s reading of the label a link written as its
// address stands behind, where it has no anchor text of its own: the
// words just before it, up to six of them ending in a colon, that introduce
// it as an anchor would ("View document: <url>", "Open the secure file:
// <url>"), in the text body, else the HTML. Empty when no such label
// presents a document, when the text before the link is a longer sentence
// ("to read this file, go to www.adobe.com": a file mentioned beside a
// link), or when the link has an anchor text that is not a URL
// (DocumentNamedByLink reads that). Costs what ReadLinkAsk() costs.
std::string DocumentNamedByLabel(const Message& message, const Link& link);

// DocumentNamedByLink()'s reading of any other text the reader reads as
// presenting a file for them, such as a subject ("Document shared with
// you", "Invoice 4471"): the word, as written and lower-cased, or empty.
std::string DocumentNamedIn(std::string_view text);

// The word that presents `link` as a document for the reader, as written,
// lower-cased: one of DocumentNamedByLink()'s nouns (not the words asking
// to sign) in the link's anchor text (unless it shows a URL) or in the text
// ReadLinkAsk() reads beside the link ("Please find our invoice for March
// here: <link>"); empty when none does, or when those words say the
// document is attached ("the attached invoice; our terms are at …": the
// link is not the document), ask the reader to hand one in ("upload your
// W-9 document at …", an "Upload invoice" anchor), or say the page is a
// survey ("a short survey about your last invoice"). Costs what
// ReadLinkAsk() costs.
std::string DocumentPresentedAt(const Message& message, const Link& link);

// Whether `word`, as DocumentNamedByLink() and its kin return it, is one of
// their nouns (a document, a file, an invoice...) rather than a word asking
// to sign one, which ReadLinkAsk() reads with conditions of its own.
bool IsDocumentNoun(std::string_view word);

// The first of DocumentNamedByLink()'s nouns in `message`'s subject (no
// word asking to sign), read as presenting `link`, for mail that opens a
// conversation and carries nothing else the subject could name: empty when
// the subject names none or says the document is attached, is the reader's
// to hand in or is a survey's; when the message answers or passes a
// conversation on (a reply or forward marker, In-Reply-To or References:
// the subject is the thread's, and its links may be quoted) or carries an
// attachment (the subject names it); or when the words
// DocumentPresentedAt() reads say so ("Contract: please sign and return"
// over "the attached contract; the terms are at …"). Costs what
// ReadLinkAsk() costs, and little when the subject names no document.
std::string DocumentNamedBySubject(const Message& message, const Link& link);

inline constexpr size_t kLinkAskBefore = 240;
inline constexpr size_t kLinkAskAfter = 120;

}  // namespace rapport
