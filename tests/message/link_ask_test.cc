#include "message/link_ask.h"

#include <catch2/catch.hpp>
#include <string>
#include <string_view>
#include <utility>
#include <vector>

#include "message/utf8.h"
#include "tests/message/message_bodies.h"

namespace rapport {
namespace {

using testing::Html;
using testing::PlainText;

LinkAsk Ask(const Message& message) {
  REQUIRE(message.links.size() == 1);
  return ReadLinkAsk(message, message.links.front());
}

// A link whose anchor text is `text`, to a neutral page.
Link Anchored(std::string text) {
  Link link;
  link.url = "https://x-4f1.com/d/1";
  link.visible_text = std::move(text);
  return link;
}

TEST_CASE("DocumentNamedByLink: an anchor that presents a document for the reader", "[link_ask]") {
  CHECK(DocumentNamedByLink(Anchored("Proposal Document")) == "proposal");
  CHECK(DocumentNamedByLink(Anchored("View shared FILE")) == "file");
  CHECK(DocumentNamedByLink(Anchored("Invoice INV-2231")) == "invoice");
  CHECK(DocumentNamedByLink(Anchored("Contract for signature")) == "contract");
  // In the ask readers' languages, accented or not.
  CHECK(DocumentNamedByLink(Anchored("Rechnung öffnen")) == "rechnung");
  CHECK(DocumentNamedByLink(Anchored("Ver factura")) == "factura");
  CHECK(DocumentNamedByLink(Anchored("Consulter le fichier")) == "fichier");
  CHECK(DocumentNamedByLink(Anchored("Bekijk het bestand")) == "bestand");
  // To sign is to sign a document, unless a particle makes it a sign-up
  // or a sign-in.
  CHECK(DocumentNamedByLink(Anchored("Review and sign")) == "sign");
  CHECK(DocumentNamedByLink(Anchored("Sign here")) == "sign");
  CHECK(DocumentNamedByLink(Anchored("Bitte unterschreiben")) == "unterschreiben");
  CHECK(DocumentNamedByLink(Anchored("Sign in to read the message")).empty());
  // What newsletters and announcements write on their links names none:
  // pages, a format, a sign-up, an offer or a company.
  for (const char* text : {"Read the full issue", "Programme and speakers", "Register now",
                           "Download the agenda (PDF)", "Sign up", "Unsubscribe", "Unser Angebot",
                           "Über unsere Firma", ""}) {
    INFO(text);
    CHECK(DocumentNamedByLink(Anchored(text)).empty());
  }
  // An anchor that shows a URL is read by its address, not its words.
  Link shown = Anchored("https://example.com/documents/q3");
  shown.text_looks_like_url = true;
  CHECK(DocumentNamedByLink(shown).empty());
}

TEST_CASE("DocumentNamedIn: a subject that presents a document for the reader", "[link_ask]") {
  CHECK(DocumentNamedIn("Document shared with you: 37975.pdf") == "document");
  CHECK(DocumentNamedIn("Outstanding balance - INV70284 (Rechnung)") == "rechnung");
  CHECK(DocumentNamedIn("Please sign: Agreement 91972") == "sign");
  for (const char* subject : {"Energy Digest, issue 12", "Invitation: the 2001 power conference",
                              "Sign up for our spring seminars", "Your W-2 / pay notice", ""}) {
    INFO(subject);
    CHECK(DocumentNamedIn(subject).empty());
  }
}

TEST_CASE("DocumentNamedByLabel: the label a link written as its address stands behind",
          "[link_ask]") {
  auto labelled = [](const Message& message) {
    REQUIRE(message.links.size() == 1);
    return DocumentNamedByLabel(message, message.links.front());
  };
  // A few words ending in a colon introduce the link as an anchor would.
  CHECK(labelled(PlainText("You have received a fax. View document: "
                           "https://www.office-group.co/k1yb1/index.php\n")) == "document");
  CHECK(labelled(PlainText("A caller left you a message.\n\nOpen the shared file:\n"
                           "https://x-4f1.com/d/1\n")) == "file");
  CHECK(labelled(Html("<p>Rechnung ansehen: https://x-4f1.com/d/1</p>")) == "rechnung");
  // A label naming no document, or a sentence that mentions a file beside
  // a link without labelling it.
  CHECK(labelled(PlainText("Listen to the message: https://x-4f1.com/d/1")).empty());
  CHECK(labelled(PlainText("If you need to download Acrobat Reader to read this file, go to\n"
                           "www.adobe.com.\n"))
            .empty());
  CHECK(labelled(PlainText("We accept Visa or can invoice your company.\n\n"
                           "http://www.energyinfosource.com/rapid/report.cfm\n"))
            .empty());
  CHECK(labelled(PlainText("For every invoice, contract and statement you send us, see the "
                           "rules here: https://x-4f1.com/d/1"))
            .empty());
  // A link with an anchor text of its own is read by that (DocumentNamedByLink).
  CHECK(labelled(Html("<p>Invoice:</p><p><a href=\"https://x-4f1.com/d/1\">Our site</a></p>"))
            .empty());
}

TEST_CASE("DocumentNamedBySubject: the subject of mail that opens a conversation", "[link_ask]") {
  auto subjected = [](Message message, std::string_view subject) {
    REQUIRE(message.links.size() == 1);
    message.subject = std::string(subject);
    return DocumentNamedBySubject(message, message.links.front());
  };
  CHECK(IsDocumentNoun("documento"));
  CHECK(IsDocumentNoun("Rechnung"));
  CHECK_FALSE(IsDocumentNoun("sign"));
  CHECK_FALSE(IsDocumentNoun(""));
  const Message shared = PlainText(
      "Equipo,\n\nComparto el presupuesto para revision: https://x-4f1.ws/6f3kr/doc/view\n");
  CHECK(subjected(shared, "Documento compartido: presupuesto 2002") == "documento");
  CHECK(subjected(shared, "Budget for review").empty());
  // A signature asked in the subject is ReadLinkAsk's to read, with its
  // own conditions; a survey's subject presents nothing.
  CHECK(subjected(shared, "Please sign the budget").empty());
  CHECK(subjected(shared, "Survey about the budget document").empty());
  // A reply's or a forward's subject is the thread's, its links perhaps
  // quoted: by its marker, or by the ids it cites.
  CHECK(subjected(shared, "RE: Documento compartido: presupuesto 2002").empty());
  Message reply = shared;
  reply.in_reply_to = "root@enron.com";
  CHECK(subjected(reply, "Documento compartido: presupuesto 2002").empty());
  // An attachment is what the subject names.
  Message attached = shared;
  attached.attachments.emplace_back();
  CHECK(subjected(attached, "Documento compartido: presupuesto 2002").empty());
  // The words say the document is attached; the link is something else.
  CHECK(subjected(Html("<p>Hello all,</p><p>Please sign and return the attached contract by "
                       "Friday; the counterparty's terms are at <a "
                       "href=\"https://www.texasexes.org/contracts/9dd336.html\">"
                       "https://www.texasexes.org/contracts/9dd336.html</a></p>"),
                  "Contract: please sign and return")
            .empty());
}

TEST_CASE("DocumentPresentedAt: the anchor, or the text beside the link, names a document",
          "[link_ask]") {
  auto presented = [](const Message& message) {
    REQUIRE(message.links.size() == 1);
    return DocumentPresentedAt(message, message.links.front());
  };
  // The sentence before the link, and the one after it.
  CHECK(presented(PlainText("Hello,\n\nPlease find our invoice #40213 for last month's "
                            "deliveries here: https://form.example-forms.com/2ad33b644602\n\n"
                            "Regards\n")) == "invoice");
  CHECK(presented(PlainText("See https://form.example-forms.com/2ad3 for the revised "
                            "agreement.")) == "agreement");
  // In HTML: the anchor's own words first, then the text around it.
  CHECK(presented(Html("<p>Your statement of account is posted here: <a "
                       "href=\"https://form.example-forms.com/88211\">Open</a></p>")) ==
        "statement");
  CHECK(presented(Html("<p>Hello,</p><p><a href=\"https://form.example-forms.com/88211\">"
                       "Review Document</a></p>")) == "document");
  // A form asked for, a survey, a registration: no document.
  CHECK(presented(PlainText("Please fill in our supplier survey: "
                            "https://form.example-forms.com/2ad3"))
            .empty());
  CHECK(presented(PlainText("Register for the conference at "
                            "https://form.example-forms.com/2ad3 by Friday."))
            .empty());
  // The document attached, the link is something else.
  CHECK(presented(PlainText("The invoice is attached; please confirm receipt at "
                            "https://form.example-forms.com/2ad3"))
            .empty());
  // A document the reader is asked to hand in is the reader's, whether
  // the text or the anchor asks it.
  CHECK(presented(Html("<p>Hello,</p><p><a href=\"https://form.example-forms.com/88211\">"
                       "Upload your invoice</a></p>"))
            .empty());
  CHECK(presented(PlainText("Please upload your W-9 document at "
                            "https://form.example-forms.com/2ad3 before we pay."))
            .empty());
  CHECK(presented(PlainText("Bitte die Rechnung hier hochladen: "
                            "https://form.example-forms.com/2ad3"))
            .empty());
  // German splits the verb in a request; each half alone asks nothing.
  CHECK(presented(PlainText("Bitte laden Sie Ihre Rechnung hier hoch: "
                            "https://form.example-forms.com/2ad3"))
            .empty());
  CHECK(presented(PlainText("Ihre Rechnung zum Herunterladen, laden Sie sie jetzt: "
                            "https://form.example-forms.com/2ad3")) == "rechnung");
  CHECK(presented(PlainText("Der Betrag ist hoch, siehe Rechnung: "
                            "https://form.example-forms.com/2ad3")) == "rechnung");
  // A survey about a document asks about it; it presents none.
  CHECK(presented(PlainText("Please take two minutes for our survey about your last invoice: "
                            "https://form.example-forms.com/2ad3"))
            .empty());
  CHECK(presented(PlainText("Ihre Meinung zur Rechnung: https://form.example-forms.com/2ad3 "
                            "(eine kurze Umfrage)."))
            .empty());
  // Text too far from the link is not read.
  CHECK(presented(PlainText("Invoice 4021.\n\n" + std::string(400, 'x') +
                            "\n\nOur new site: https://form.example-forms.com/2ad3"))
            .empty());
}

TEST_CASE("ReadLinkAsk: a sign-in asked in the sentence before a neutral link", "[link_ask]") {
  LinkAsk ask =
      Ask(PlainText("Hi all,\n\nSign in with your network password to view the document:\n"
                    "https://secure-docs-4f1.com/d/8f3a\n\nThanks\n"));
  CHECK(ask.ask == "to sign in");
  CHECK(ask.words == "sign in");
  CHECK_FALSE(ask.in_anchor);
  // The sentence before the link's own, across a blank line.
  ask = Ask(PlainText("Your password expires today.\n\nKeep it at https://x-4f1.com/d/1 now"));
  CHECK(ask.ask == "for a password");
  ask = Ask(PlainText("Payroll asks everyone to confirm their account at https://x-4f1.com/d/1"));
  CHECK(ask.ask == "to confirm an account");
  CHECK(ask.words == "confirm their account");
  // After the link, up to the sentence end.
  ask = Ask(PlainText("The form is at https://x-4f1.com/d/1 - enter your credentials there."));
  CHECK(ask.ask == "for a password");
  // German.
  ask = Ask(PlainText("Bitte mit Ihrem Kennwort anmelden: https://x-4f1.com/d/1"));
  CHECK(ask.ask == "for a password");
}

TEST_CASE("ReadLinkAsk: the reader's own details, and an account named by its service",
          "[link_ask]") {
  // What real phishing asks (Nazario's archive, read by link_ask_survey):
  // the reader's information or details confirmed or renewed, and an
  // account named after its service.
  const std::vector<std::pair<std::string_view, std::string_view>> asks = {
      {"We strongly advise you to update your information at https://x-4f1.com/d/1",
       "update your information"},
      {"Please confirm your details here: https://x-4f1.com/d/1", "confirm your details"},
      {"You are required to verify your personal information: https://x-4f1.com/d/1",
       "verify your personal information"},
      {"You are required to verify your eBay account at https://x-4f1.com/d/1",
       "verify your ebay account"},
      {"Verify your Office 365 account before Friday: https://x-4f1.com/d/1",
       "verify your office 365 account"},
      {"Update your account to keep it: https://x-4f1.com/d/1", "update your account"},
      {"Bitte bestätigen Sie Ihre Daten: https://x-4f1.com/d/1", "bestätigen sie ihre daten"},
      {"Um Ihre Daten zu aktualisieren: https://x-4f1.com/d/1", "ihre daten zu aktualisieren"},
      {"Actualice sus datos en https://x-4f1.com/d/1", "actualice sus datos"},
      {"Atualize seus dados em https://x-4f1.com/d/1", "atualize seus dados"},
      {"Vérifiez vos informations : https://x-4f1.com/d/1", "vérifiez vos informations"},
      {"Aggiorna i tuoi dati: https://x-4f1.com/d/1", "aggiorna i tuoi dati"},
      {"Bevestig uw gegevens via https://x-4f1.com/d/1", "bevestig uw gegevens"},
  };
  for (const auto& [text, words] : asks) {
    INFO(text);
    const LinkAsk ask = Ask(PlainText(std::string(text)));
    // The evidence says what is confirmed: the account, or the details.
    CHECK(ask.ask ==
          (words.ends_with("account") ? "to confirm an account" : "to confirm their details"));
    CHECK(ask.words == words);
  }
  // Renewing, or details, only of the reader's own; a bank's account is no
  // sign-in's, named or not.
  for (const std::string_view text : {
           "I will update the schedule at https://x-4f1.com/d/1",
           "Please update our records: https://x-4f1.com/d/1",
           "Please confirm the details of the dinner: https://x-4f1.com/d/1",
           "Update account balances in the sheet at https://x-4f1.com/d/1",
           "Please confirm your bank account for the refund: https://x-4f1.com/d/1",
           "Verify your savings account at https://x-4f1.com/d/1",
           "Confirm our details with the agent: https://x-4f1.com/d/1",
           "Your details are on the list at https://x-4f1.com/d/1",
       }) {
    INFO(text);
    CHECK(Ask(PlainText(std::string(text))).ask.empty());
  }
}

TEST_CASE("ReadLinkAsk: the subject's credential ask, where nothing beside the link asks one",
          "[link_ask]") {
  Message m = PlainText("Please see below:\nhttps://x-4f1.com/d/1\n");
  m.subject = "Action required: verify your account";
  LinkAsk ask = Ask(m);
  CHECK(ask.ask == "to confirm an account");
  CHECK(ask.words == "verify your account");
  CHECK(ask.in_subject);
  CHECK_FALSE(ask.in_anchor);
  m.subject = "Verify your mailbox";
  CHECK(Ask(m).own_account == "your mailbox");
  // What the text beside the link asks comes first.
  Message both = PlainText("Sign in to view it: https://x-4f1.com/d/1\n");
  both.subject = "Verify your account";
  ask = Ask(both);
  CHECK(ask.words == "sign in");
  CHECK_FALSE(ask.in_subject);
  // A subject asking nothing, or a signature, is not read.
  for (const char* subject : {"Updated holiday schedule", "Contract: please sign and return"}) {
    INFO(subject);
    m.subject = subject;
    ask = Ask(m);
    CHECK(ask.ask.empty());
    CHECK_FALSE(ask.in_subject);
  }
  // Nor for a link read from an attachment, which has text of its own.
  Message attached = PlainText("Please see below:\nhttps://x-4f1.com/d/1\n");
  attached.subject = "Verify your account";
  attached.links.front().attachment = "statement.pdf";
  CHECK(Ask(attached).ask.empty());
}

TEST_CASE("ReadLinkAsk: an ask that names the reader's own mail or network account", "[link_ask]") {
  LinkAsk ask = Ask(PlainText(
      "Your mailbox is full and will stop receiving mail today. Sign in to raise your quota at "
      "https://www.example.edu/share/6f288b/index.php\n"));
  CHECK(ask.ask == "to sign in");
  CHECK(ask.own_account == "your mailbox");
  ask = Ask(PlainText("Sign in with your network password to view it: https://x-4f1.com/d/1"));
  CHECK(ask.own_account == "your network password");
  ask = Ask(PlainText("Log in with your e-mail account at https://x-4f1.com/d/1"));
  CHECK(ask.own_account == "your e mail account");
  ask = Ask(PlainText("Enter your email credentials to open it: https://x-4f1.com/d/1"));
  CHECK(ask.own_account == "your email credentials");
  // The mail system by its maker's names, or as the company's or work's.
  ask = Ask(PlainText("Sign in with your Office 365 account to view it: https://x-4f1.com/d/1"));
  CHECK(ask.own_account == "your office 365 account");
  ask = Ask(PlainText("Verify your Outlook mailbox at https://x-4f1.com/d/1"));
  CHECK(ask.own_account == "your outlook mailbox");
  ask = Ask(PlainText("Log in with your company email password: https://x-4f1.com/d/1"));
  CHECK(ask.own_account == "your company email password");
  ask = Ask(PlainText("Enter your Microsoft 365 work credentials at https://x-4f1.com/d/1"));
  CHECK(ask.own_account == "your microsoft 365 work credentials");
  // A provider's portal asks for its own account, not ours: no account named.
  ask = Ask(PlainText("Sign in with your employee number and password at https://x.com/enron"));
  CHECK(ask.ask == "to sign in");
  CHECK(ask.own_account.empty());
  ask = Ask(PlainText("Your password expires today. Keep it at https://x-4f1.com/d/1"));
  CHECK(ask.ask == "for a password");
  CHECK(ask.own_account.empty());
  // Named, but nothing asked: no ask, so no account either.
  ask =
      Ask(PlainText("Your mailbox moves to the new server tonight; the schedule is at "
                    "https://x-4f1.com/d/1"));
  CHECK(ask.ask.empty());
  CHECK(ask.own_account.empty());
}

TEST_CASE("ReadLinkAsk: the anchor text, and the text around an anchor", "[link_ask]") {
  LinkAsk ask =
      Ask(Html("<p>A document was shared with you.</p><p><a "
               "href=\"https://x-4f1.com/d/8f3a\">Log in to view</a></p>"));
  CHECK(ask.ask == "to sign in");
  CHECK(ask.in_anchor);
  ask =
      Ask(Html("<p>Hi all,</p><p>Please verify your mailbox here: <a "
               "href=\"https://x-4f1.com/index.html\">Open</a></p><p>IT</p>"));
  CHECK(ask.ask == "to confirm an account");
  CHECK(ask.words == "verify your mailbox");
  CHECK_FALSE(ask.in_anchor);
  // A URL as anchor text is read by its address (SignInWord), not here.
  CHECK(Ask(Html("<p>Here: <a href=\"https://x-4f1.com/login\">https://x-4f1.com/login</a></p>"))
            .ask.empty());
}

TEST_CASE("ReadLinkAsk: a signature on a document", "[link_ask]") {
  LinkAsk ask =
      Ask(PlainText("Please sign and return the contract at https://x-4f1.com/c/1 by Friday."));
  CHECK(ask.ask == "to sign a document");
  CHECK(ask.signature);
  CHECK(ask.words == "sign and return the contract");
  CHECK(ask.own_account.empty());
  // The two words apart, in either order, are quoted alone.
  ask = Ask(PlainText("A document is waiting for your signature: https://x-4f1.com/d/1"));
  CHECK(ask.signature);
  CHECK(ask.words == "document … signature");
  ask = Ask(PlainText("Bitte unterschreiben Sie den Vertrag bis Freitag: https://x-4f1.com/v"));
  CHECK(ask.signature);
  CHECK(ask.words == "unterschreiben sie den vertrag");
  ask = Ask(PlainText("Please review and sign the updated policy: https://x-4f1.com/p"));
  CHECK(ask.words == "sign the updated policy");
  // In the anchor text.
  ask = Ask(Html("<p>Hi,</p><p><a href=\"https://x-4f1.com/a\">Sign the agreement</a></p>"));
  CHECK(ask.signature);
  CHECK(ask.in_anchor);
  // A credential asked is read first, in the same words or in the next
  // place read (the text after the anchor's, the sentence after the link).
  ask = Ask(PlainText("Sign in to view and sign the contract: https://x-4f1.com/c"));
  CHECK(ask.ask == "to sign in");
  CHECK_FALSE(ask.signature);
  ask =
      Ask(Html("<p>Enter your network password to open it: <a "
               "href=\"https://x-4f1.com/a\">Sign the agreement</a></p>"));
  CHECK(ask.ask == "for a password");
  CHECK(ask.own_account == "your network password");
  ask =
      Ask(PlainText("Please review and sign the policy: https://x-4f1.com/p with your network "
                    "password."));
  CHECK(ask.ask == "for a password");
  CHECK_FALSE(ask.signature);
  // Nothing signed that is a document, or no signature.
  CHECK(Ask(PlainText("Anna leaves on Friday. Please sign her farewell card here: "
                      "https://x-4f1.com/card"))
            .ask.empty());
  CHECK(Ask(PlainText("Please sign the petition: https://x-4f1.com/p")).ask.empty());
  CHECK(Ask(PlainText("Sign up for the charity run; the form is at https://x-4f1.com/run"))
            .ask.empty());
  CHECK(Ask(PlainText("The signed contract is filed at https://x-4f1.com/c")).ask.empty());
  // The document to sign attached: the link is something else.
  CHECK(Ask(PlainText("Please sign and return the attached contract by Friday; the "
                      "counterparty's terms are at https://x-4f1.com/t"))
            .ask.empty());
  CHECK(Ask(PlainText("Bitte unterschreiben Sie den Vertrag im Anhang. Die Bedingungen: "
                      "https://x-4f1.com/t"))
            .ask.empty());
}

TEST_CASE("ReadLinkAsk: what asks for no sign-in, and text too far away", "[link_ask]") {
  // A story, a form to fill.
  CHECK(Ask(PlainText("This article is worth reading: https://www.example-news.com/story.html"))
            .ask.empty());
  CHECK(Ask(PlainText("Sign up for the charity run at https://x-4f1.com/run")).ask.empty());
  CHECK(Ask(PlainText("Please confirm the account number on https://x-4f1.com/a")).ask.empty());
  // Two sentences before the link's own, or the sentence after it.
  CHECK(Ask(PlainText("Reset your password in the portal. The schedule moved. The new one is at "
                      "https://x-4f1.com/s/1 today. Log in tomorrow."))
            .ask.empty());
  // Three paragraphs up.
  CHECK(Ask(PlainText("My password is on the desk.\n\nLunch at noon.\n\nMenu:\n\n"
                      "https://x-4f1.com/menu"))
            .ask.empty());
}

TEST_CASE("ReadLinkAsk: untrusted markup and self-similar text", "[link_ask]") {
  // A window of HTML cut inside a long tag reads none of its attributes as
  // text ("login" in a class name).
  const std::string pad(600, 'y');
  CHECK(Ask(Html("<div data-x=\"" + pad + pad + " login-box" +
                 "\">See <a href=\"https://x-4f1.com/d/1\">here</a></div>"))
            .ask.empty());
  // The same word as text is read.
  CHECK(Ask(Html("<div data-x=\"" + pad + pad + "\">Please log in " + pad.substr(0, 40) +
                 ": <a href=\"https://x-4f1.com/d/1\">here</a></div>"))
            .ask == "to sign in");
  // A URL written with an entity is found by its host, in any case.
  LinkAsk ask =
      Ask(Html("<p>Please log in here: <a href=\"https://X-4F1.com/d?a=1&amp;b=2\">"
               "Open</a></p>"));
  CHECK(ask.ask == "to sign in");
  CHECK(ask.words == "log in");
  // A host of one repeated letter in a long text of that letter is found
  // where it is written.
  const std::string host = std::string(60, 'a') + ".com";
  Message message;
  message.text_body = std::string(100000, 'a') + " Verify your account at " + host + " now";
  Link link;
  link.url = "https://" + host + "/d/1";
  link.host = host;
  ask = ReadLinkAsk(message, link);
  CHECK(ask.ask == "to confirm an account");
  CHECK(ask.words == "verify your account");
}

TEST_CASE("ReadLinkAsk: style rules, scripts and comments ask nothing", "[link_ask]") {
  // A style rule and a comment beside a neutral link, no words of an ask.
  LinkAsk ask =
      Ask(Html("<style>.login-box { color: red } /* password */</style><p>The minutes are here:</p>"
               "<!-- sign in later --><a href=\"https://minutes-4f1.com/d/8f3a\">minutes</a>"));
  CHECK(ask.ask.empty());
  ask =
      Ask(Html("<p>The minutes are here:</p><a href=\"https://minutes-4f1.com/d/8f3a\">minutes"
               "</a><script type=\"text/javascript\">var login = 1;</script>"));
  CHECK(ask.ask.empty());
  // The window opens inside a style block: what precedes its close is the
  // block's, not text.
  const std::string rules(1200, ' ');
  ask = Ask(Html("<style>" + rules +
                 ".login-box { color: red }</style><p>The minutes:</p>"
                 "<a href=\"https://minutes-4f1.com/d/8f3a\">minutes</a>"));
  CHECK(ask.ask.empty());
  // Text outside the blocks still asks.
  ask =
      Ask(Html("<style>p { margin: 0 }</style><p>Sign in to read the minutes:</p>"
               "<a href=\"https://minutes-4f1.com/d/8f3a\">minutes</a>"));
  CHECK(ask.ask == "to sign in");
}

TEST_CASE("ReadLinkAsk: asks in German, Spanish, Portuguese, French, Italian and Dutch",
          "[link_ask]") {
  struct Case {
    std::string_view text;
    std::string_view ask;
    std::string_view words;
  };
  for (const Case& c : {
           // Spanish, with and without its accents, and in capitals.
           Case{"Por favor, confirme su cuenta aquí: https://x-4f1.com/d/1",
                "to confirm an account", "confirme su cuenta"},
           Case{"Su CONTRASEÑA caduca hoy. Cámbiela en https://x-4f1.com/d/1", "for a password",
                "contraseña"},
           Case{"Su contrasena caduca hoy: https://x-4f1.com/d/1", "for a password", "contrasena"},
           Case{"Inicie sesión para ver el documento: https://x-4f1.com/d/1", "to sign in",
                "inicie sesión"},
           // Portuguese: an article before the owner.
           Case{"Por favor confirme a sua conta em https://x-4f1.com/d/1", "to confirm an account",
                "confirme a sua conta"},
           Case{"Verifique sua conta: https://x-4f1.com/d/1", "to confirm an account",
                "verifique sua conta"},
           Case{"Confirme a sua senha em https://x-4f1.com/d/1", "for a password", "senha"},
           // French: three words that read as one.
           Case{"Votre mot de passe expire aujourd'hui. Gardez-le ici : https://x-4f1.com/d/1",
                "for a password", "mot de passe"},
           Case{"Vérifiez votre compte ici : https://x-4f1.com/d/1", "to confirm an account",
                "vérifiez votre compte"},
           Case{"Connectez-vous pour consulter le document : https://x-4f1.com/d/1", "to sign in",
                "connectez vous"},
           // German: the polite "Sie", and the verb last.
           Case{"Bitte bestätigen Sie Ihr Konto unter https://x-4f1.com/d/1",
                "to confirm an account", "bestätigen sie ihr konto"},
           Case{"Um Ihr Konto zu bestätigen, klicken Sie hier: https://x-4f1.com/d/1",
                "to confirm an account", "ihr konto zu bestätigen"},
           Case{"Loggen Sie sich hier ein: https://x-4f1.com/d/1", "to sign in", "loggen sie sich"},
           // German written without umlauts spells "ä" "ae".
           Case{"Um Ihr Konto zu bestaetigen: https://x-4f1.com/d/1", "to confirm an account",
                "ihr konto zu bestaetigen"},
           // Italian.
           Case{"Verifica il tuo account qui: https://x-4f1.com/d/1", "to confirm an account",
                "verifica il tuo account"},
           Case{"Inserisci le tue credenziali: https://x-4f1.com/d/1", "for a password",
                "credenziali"},
           // Dutch, the verb first and last.
           Case{"Bevestig uw account via https://x-4f1.com/d/1", "to confirm an account",
                "bevestig uw account"},
           Case{"Uw wachtwoord verloopt vandaag: https://x-4f1.com/d/1", "for a password",
                "wachtwoord"},
           Case{"Klik hier om uw account te verifiëren: https://x-4f1.com/d/1",
                "to confirm an account", "uw account te verifiëren"},
       }) {
    INFO(c.text);
    const LinkAsk ask = Ask(PlainText(c.text));
    CHECK(ask.ask == c.ask);
    CHECK(ask.words == c.words);
    CHECK(IsUtf8(ask.words));
  }
}

TEST_CASE("ReadLinkAsk: the reader's own mail account, beyond English", "[link_ask]") {
  LinkAsk ask =
      Ask(PlainText("Su cuenta de correo será suspendida. Inicie sesión en https://x-4f1.com/d/1"));
  CHECK(ask.ask == "to sign in");
  CHECK(ask.own_account == "su cuenta de correo");
  ask = Ask(PlainText("Ihr Postfach ist voll. Bitte anmelden: https://x-4f1.com/d/1"));
  CHECK(ask.ask == "to sign in");
  CHECK(ask.own_account == "ihr postfach");
  ask = Ask(PlainText("Votre messagerie est pleine. Connectez-vous : https://x-4f1.com/d/1"));
  CHECK(ask.own_account == "votre messagerie");
  ask = Ask(PlainText("Bitte bestätigen Sie Ihr E-Mail-Konto: https://x-4f1.com/d/1"));
  CHECK(ask.words == "bestätigen sie ihr e mail konto");
  CHECK(ask.own_account == "ihr e mail konto");
  // A provider's account of its own, and a password of no named account.
  ask = Ask(PlainText("Verifique sua conta: https://x-4f1.com/d/1"));
  CHECK(ask.own_account.empty());
  ask = Ask(PlainText("Su contraseña caduca hoy: https://x-4f1.com/d/1"));
  CHECK(ask.own_account.empty());
  // An account, then no of-word: no kind named.
  ask = Ask(PlainText("Sign in to your account. Email us with questions: https://x-4f1.com/d/1"));
  CHECK(ask.own_account.empty());
}

TEST_CASE("ReadLinkAsk: what business mail writes beyond English asks nothing", "[link_ask]") {
  for (const std::string_view text : {
           "Actualizamos nuestra política de privacidad: https://x-4f1.com/p",
           "Adjunto su cuenta de resultados del trimestre: https://x-4f1.com/r",
           // An account a bank keeps, confirmed: not a sign-in's.
           "Confirme su cuenta bancaria para el reembolso: https://x-4f1.com/r",
           "Verifica il tuo conto corrente: https://x-4f1.com/r",
           "Rechnung im Anhang, Details unter https://x-4f1.com/r",
           "Découvrez notre nouveau site web : https://x-4f1.com/w",
           "Atenciosamente,\nJoão Silva\nBanco do Brasil, conta corrente 12345-6\n"
           "https://x-4f1.com/w",
           // French "je compte" is "I intend"; English "Mon." a day.
           "Je confirme, je compte sur vous pour la réunion : https://x-4f1.com/m",
           "Please confirm Mon. Account review is at https://x-4f1.com/m",
           // An article is read past only before a Portuguese or Italian owner.
           "Please confirm as our account manager at https://x-4f1.com/m",
           "Wir aktualisieren Ihr Konto am Montag: https://x-4f1.com/m",
           // Dutch "meld u aan" registers as often as it signs in.
           "Meld u aan voor het webinar: https://x-4f1.com/w",
       }) {
    INFO(text);
    CHECK(Ask(PlainText(text)).ask.empty());
  }
}

}  // namespace
}  // namespace rapport
