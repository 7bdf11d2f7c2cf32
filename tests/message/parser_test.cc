#include "message/parser.h"

#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "message/utf8.h"

namespace rapport {
namespace {

std::string ReadFixture(const std::string& name) {
  std::ifstream in(std::string(RAPPORT_MESSAGE_FIXTURES) + "/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::stringstream buffer;
  buffer << in.rdbuf();
  return buffer.str();
}

Message Parse(std::string_view raw, const ParseOptions& options = ParseOptions()) {
  Message message;
  REQUIRE(ParseMessage(raw, Envelope(), options, &message).ok());
  return message;
}

const Link* FindLink(const Message& message, std::string_view host) {
  for (const Link& link : message.links) {
    if (link.host == host) return &link;
  }
  return nullptr;
}

TEST_CASE("Parser fills addresses, subject, date and thread ids") {
  Envelope envelope;
  envelope.queue_id = "3F2A81C2B4";
  Message m;
  REQUIRE(ParseMessage(ReadFixture("alternative_links.eml"), envelope, ParseOptions(), &m).ok());
  CHECK(m.envelope.queue_id == "3F2A81C2B4");
  CHECK(m.from.address == "bob@vendor.example");
  CHECK(m.from.domain == "vendor.example");
  CHECK(m.from.display_name == "Bob M\xC3\xBCller");
  REQUIRE(m.sender.has_value());
  CHECK(m.sender->address == "assistant@vendor.example");
  REQUIRE(m.reply_to.size() == 1);
  CHECK(m.reply_to[0].address == "billing@vendor.example");
  REQUIRE(m.to.size() == 2);
  CHECK(m.to[0].address == "alice@corp.example");
  CHECK(m.to[0].display_name == "Alice");
  CHECK(m.to[1].address == "carol@corp.example");
  REQUIRE(m.cc.size() == 1);
  CHECK(m.cc[0].address == "dave@corp.example");
  CHECK(m.bcc.empty());
  CHECK_FALSE(m.undisclosed_recipients);
  CHECK(m.subject == "Caf\xC3\xA9 r\xC3\xA9union pr\xC3\xAAte");
  REQUIRE(m.date.has_value());
  CHECK(*m.date == 988711200);
  CHECK(m.message_id == "abc123@vendor.example");
  CHECK(m.in_reply_to == "prev2@corp.example");
  CHECK(m.references == std::vector<std::string>{"root@vendor.example", "prev1@vendor.example",
                                                 "prev2@corp.example"});
  CHECK(m.delivered_to == std::vector<std::string>{"alice@corp.example"});
}

TEST_CASE("Parser reads trace headers: authentication results, mailer, hops") {
  Message m = Parse(ReadFixture("alternative_links.eml"));
  REQUIRE(m.auth_results.size() == 3);
  for (const AuthResult& r : m.auth_results) CHECK(r.authserv_id == "mx.corp.example");
  CHECK(m.auth_results[0].method == "spf");
  CHECK(m.auth_results[0].result == "pass");
  CHECK(m.auth_results[0].domain == "vendor.example");
  CHECK(m.auth_results[1].method == "dkim");
  CHECK(m.auth_results[1].domain == "vendor.example");
  CHECK(m.auth_results[2].method == "dmarc");
  CHECK(m.auth_results[2].result == "pass");
  CHECK(m.mailer == "Microsoft Outlook 16.0");
  CHECK(m.received_hops == 2);
  CHECK(m.origin_ip == "198.51.100.23");
  CHECK(m.header_count == 20);
  CHECK_FALSE(m.truncated.any());
}

TEST_CASE("Parser decodes quoted-printable text and base64 HTML and lists attachments") {
  Message m = Parse(ReadFixture("alternative_links.eml"));
  CHECK(m.text_body.find("Caf\xC3\xA9 statement") != std::string::npos);
  CHECK(m.text_body.find("quoted-printable wrapping in this line") != std::string::npos);
  CHECK(m.html_body.find("Dear customer") != std::string::npos);
  REQUIRE(m.attachments.size() == 1);
  CHECK(m.attachments[0].filename == "statement.pdf");
  CHECK(m.attachments[0].content_type == "application/pdf");
  CHECK(m.attachments[0].size == 9 + 256);
}

TEST_CASE("Parser finds every link with its visible text and domains") {
  Message m = Parse(ReadFixture("alternative_links.eml"));
  CHECK(m.links.size() == 13);

  const Link* r2 = FindLink(m, "pub-ac94f3.r2.dev");
  REQUIRE(r2);
  CHECK(r2->icann_domain == "r2.dev");
  CHECK(r2->private_domain == "pub-ac94f3.r2.dev");
  CHECK(r2->visible_text == "New Approved Statement");
  CHECK(r2->source == LinkSource::kHtmlAnchor);

  const Link* masked = FindLink(m, "evil.example.net");
  REQUIRE(masked);
  CHECK(masked->text_looks_like_url);
  CHECK(masked->text_host == "paypal.com");
  CHECK(masked->url == "http://evil.example.net/login?a=1&b=2&copy=3");

  const Link* tenant = FindLink(m, "x.vendor.sharepoint.com");
  REQUIRE(tenant);
  CHECK(tenant->wraps_image);
  CHECK(tenant->icann_domain == "sharepoint.com");
  CHECK(tenant->private_domain == "vendor.sharepoint.com");

  const Link* idn = FindLink(m, "xn--pple-43d.com");
  REQUIRE(idn);
  CHECK(idn->host_unicode == "\xD0\xB0pple.com");
  CHECK(idn->host_has_punycode);
  CHECK(idn->visible_text == "Verify your Apple ID & more");

  const Link* form = FindLink(m, "forms.example.org");
  REQUIRE(form);
  CHECK(form->source == LinkSource::kHtmlForm);
  const Link* area = FindLink(m, "area.example.com");
  REQUIRE(area);
  CHECK(area->source == LinkSource::kHtmlArea);

  const Link* credentials = FindLink(m, "login.example.com");
  REQUIRE(credentials);
  CHECK(credentials->has_credentials);
  const Link* numeric = FindLink(m, "192.168.1.1");
  REQUIRE(numeric);
  CHECK(numeric->host_is_ip_literal);
  const Link* v6 = FindLink(m, "[2001:db8::1]");
  REQUIRE(v6);
  CHECK(v6->host_is_ip_literal);

  const Link* url_text = FindLink(m, "www.example.com");
  REQUIRE(url_text);
  CHECK(url_text->text_host == "www.paypal.com");

  const Link* www = FindLink(m, "www.example.org");
  REQUIRE(www);
  CHECK(www->source == LinkSource::kPlainText);
  CHECK(www->path == "/path");
  CHECK(FindLink(m, "paren.example.com"));
  CHECK_FALSE(FindLink(m, "commented.example"));
  CHECK_FALSE(FindLink(m, "script.example"));
}

TEST_CASE("Parser handles CRLF, undisclosed recipients, UTF-8 subjects and Latin-1 bodies") {
  Message m = Parse(ReadFixture("undisclosed_crlf.eml"));
  CHECK(m.from.address == "sender@example.com");
  CHECK(m.to.empty());
  CHECK(m.undisclosed_recipients);
  CHECK(m.subject ==
        "\xD0\x9F\xD1\x80\xD0\xB8\xD0\xB2\xD0\xB5\xD1\x82, \xD0\xBC\xD0\xB8\xD1\x80 "
        "\xE2\x80\x94 \xE6\x97\xA5\xE6\x9C\xAC");
  CHECK(m.message_id == "crlf@example.com");
  CHECK(m.mailer == "Thunderbird 115");
  REQUIRE(m.date.has_value());
  CHECK(*m.date == 988790400);
  CHECK(m.text_body.find("Gr\xC3\xBC\xC3\x9F"
                         "e aus K\xC3\xB6ln") != std::string::npos);
  const Link* idn = FindLink(m, "www.xn--kln-sna.example");
  REQUIRE(idn);
  CHECK(idn->host_unicode == "www.k\xC3\xB6ln.example");
}

TEST_CASE("Header text that only looks like UTF-8 is made well-formed") {
  // F4 90 80 80 would be a code point past U+10FFFF: GMime passed it
  // through in a display name, a subject and a file name (the parser
  // fuzzer's find, tests/fixtures/fuzz/parser/display_name_past_u10ffff.eml).
  const std::string beyond = "\xF4\x90\x80\x80";
  Message m = Parse("From: eBay " + beyond + " <aw@ebay.example>\nTo: x@example.com\n" +
                    "Subject: s " + beyond +
                    " x\nMIME-Version: 1.0\nContent-Type: multipart/mixed; boundary=b\n\n"
                    "--b\nContent-Type: text/plain\n\nhi\n--b\n"
                    "Content-Type: application/octet-stream\nContent-Disposition: attachment; "
                    "filename=\"a" +
                    beyond + ".pdf\"\n\nxx\n--b--\n");
  CHECK(m.from.address == "aw@ebay.example");
  CHECK(IsUtf8(m.from.display_name));
  CHECK(m.from.display_name.rfind("eBay ", 0) == 0);
  CHECK(IsUtf8(m.subject));
  REQUIRE(m.attachments.size() == 1);
  CHECK(IsUtf8(m.attachments.front().filename));
  // Also where the header's own reading names the sender ("ADAC, <...>").
  m = Parse("From: ADAC, " + beyond + " <aw@adac.example>\nTo: x@example.com\n\nhi\n");
  CHECK(IsUtf8(m.from.display_name));
  // Well-formed text is kept as written.
  m = Parse("From: =?UTF-8?Q?Jo=C3=A3o?= <j@example.com>\nSubject: caf\xC3\xA9\n\nhi\n");
  CHECK(m.from.display_name == "Jo\xC3\xA3o");
  CHECK(m.subject == "caf\xC3\xA9");
}

TEST_CASE("Text has LF line ends however the message or its part was written") {
  // As the milter hands it over: CRLF throughout.
  Message crlf = Parse(
      "From: a@example.com\r\nContent-Type: multipart/alternative; boundary=b\r\n\r\n"
      "--b\r\nContent-Type: text/plain\r\n\r\nline one\r\nline two\r\n"
      "--b\r\nContent-Type: text/html\r\n\r\n<p>one</p>\r\n<p>two</p>\r\n--b--\r\n");
  CHECK(crlf.text_body == "line one\nline two");
  CHECK(crlf.html_body == "<p>one</p>\n<p>two</p>");
  // A base64 part written on Windows, in a message with LF line ends; a
  // lone CR is text, kept.
  Message base64 = Parse(
      "From: a@example.com\nContent-Transfer-Encoding: base64\n\n"
      "bGluZSBvbmUNCmxpbmUgdHdvDQpsb25lDWNyDQo=\n");
  CHECK(base64.text_body == "line one\nline two\nlone\rcr\n");
  // At the edges: a CRLF first, blank lines, a lone CR last, and a part
  // that is one CRLF. A CR before a CRLF is a lone CR, kept as any other.
  Message edges = Parse(
      "From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\n"
      "DQpmaXJzdA0KDQp0aGlyZA0NCmVuZA0=\n"
      "--b\nContent-Type: text/plain\nContent-Transfer-Encoding: base64\n\nDQo=\n"
      "--b--\n");
  CHECK(edges.text_body == "\nfirst\n\nthird\r\nend\r\n\n");
  // A page attached as octets, decoded apart from the text parts.
  Message page = Parse(
      "From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nSee the page.\n"
      "--b\nContent-Type: application/octet-stream; name=page.html\n"
      "Content-Disposition: attachment; filename=page.html\n"
      "Content-Transfer-Encoding: base64\n\n"
      "PGEgaHJlZj0iaHR0cHM6Ly94LmV4YW1wbGUvIj54PC9hPg0KPHA+dHdvPC9wPg0K\n"
      "--b--\n");
  CHECK(page.html_body == "<a href=\"https://x.example/\">x</a>\n<p>two</p>\n");
}

TEST_CASE("One mailbox whose unquoted name holds an address is its <address>") {
  // Python's email refolds "\"a@x via SurveyMonkey\" <member@...>" without
  // the quotes; GMime then reads two mailboxes, the name's address first.
  Message unquoted = Parse(
      "From: notification@documents.ssa.gov.example.de via SurveyMonkey "
      "<member@surveymonkeyuser.com>\nReply-To: ceo@enron.com via Docs <x@evil.example>\n"
      "To: a@enron.com\n\nbody\n");
  CHECK(unquoted.from.address == "member@surveymonkeyuser.com");
  CHECK(unquoted.from.display_name == "notification@documents.ssa.gov.example.de via SurveyMonkey");
  REQUIRE(unquoted.reply_to.size() == 1);
  CHECK(unquoted.reply_to[0].address == "x@evil.example");
  Message quoted = Parse(
      "From: \"notification@documents.ssa.gov.example.de via SurveyMonkey\" "
      "<member@surveymonkeyuser.com>\n\nbody\n");
  CHECK(quoted.from.address == unquoted.from.address);
  CHECK(quoted.from.display_name == unquoted.from.display_name);

  // A list stays a list: entries apart by commas, or addresses without one
  // <address> at the end.
  Message list = Parse(
      "From: a@acme.example\nTo: a@enron.com, b@enron.com <c@evil.example>\n"
      "Cc: a@b.example c@d.example\n\nbody\n");
  REQUIRE(list.to.size() == 2);
  CHECK(list.to[1].address == "c@evil.example");
  REQUIRE(list.cc.size() == 2);
  CHECK(list.cc[0].address == "a@b.example");
}

TEST_CASE("A From entry with no address before a nameless mailbox is the name shown") {
  Message bare = Parse("From: ADAC, <service@stayfriends.de>\nTo: a@enron.com\n\nbody\n");
  CHECK(bare.from.address == "service@stayfriends.de");
  CHECK(bare.from.display_name == "ADAC");
  CHECK(bare.from_name_outside_mailbox);
  // A quoted phrase is a name even when it looks like an address.
  Message quoted = Parse("From: \"Promotions@bauhaus.eu\", <service@stayfriends.de>\n\nbody\n");
  CHECK(quoted.from.address == "service@stayfriends.de");
  CHECK(quoted.from.display_name == "Promotions@bauhaus.eu");
  CHECK(quoted.from_name_outside_mailbox);
  Message encoded =
      Parse("From: =?UTF-8?Q?Herzliche_Gl=C3=BCckw=C3=BCnsche?=, <service@stayfriends.de>\n\nb\n");
  CHECK(encoded.from.display_name ==
        "Herzliche Gl\xC3\xBC"
        "ckw\xC3\xBCnsche");
  CHECK(encoded.from_name_outside_mailbox);

  // A mailbox with a name of its own, written "Last, First" without quotes
  // or quoted as Outlook does, and a plain list of mailboxes, are not.
  Message last_first = Parse("From: Beck, Sally <sally.beck@enron.com>\n\nbody\n");
  CHECK(last_first.from.address == "sally.beck@enron.com");
  CHECK_FALSE(last_first.from_name_outside_mailbox);
  Message outlook = Parse("From: \"Beck, Sally\" <sally.beck@enron.com>\n\nbody\n");
  CHECK(outlook.from.display_name == "Beck, Sally");
  CHECK_FALSE(outlook.from_name_outside_mailbox);
  Message two = Parse("From: a@acme.example, Bob <b@acme.example>\n\nbody\n");
  CHECK(two.from.address == "a@acme.example");
  CHECK_FALSE(two.from_name_outside_mailbox);
  Message plain = Parse("From: <a@acme.example>\n\nbody\n");
  CHECK(plain.from.display_name.empty());
  CHECK_FALSE(plain.from_name_outside_mailbox);
}

TEST_CASE("From headers that only look like a name outside the mailbox") {
  // An address in a quote that never closes, and entries with no mailbox
  // at all, name nothing outside one.
  Message unterminated = Parse("From: \"ADAC, <service@stayfriends.de>\n\nbody\n");
  INFO(unterminated.from.address << " / " << unterminated.from.display_name);
  CHECK_FALSE(unterminated.from_name_outside_mailbox);
  Message nameless = Parse("From: ADAC, Mobile\n\nbody\n");
  CHECK(nameless.from.address.empty());
  CHECK_FALSE(nameless.from_name_outside_mailbox);
  // A name before a bare address.
  Message bare = Parse("From: ADAC, service@stayfriends.de\n\nbody\n");
  INFO(bare.from.address << " / " << bare.from.display_name << " / "
                         << bare.from_name_outside_mailbox);
  CHECK(bare.from.address == "service@stayfriends.de");
  CHECK(bare.from_name_outside_mailbox);
}

TEST_CASE("Addresses GMime refuses are read by hand") {
  Message m = Parse(
      "From: h..wallis@Enron.com\n"
      "To: \"Kaminski, Vince\" <j..kaminski@enron.com>, =?ISO-8859-1?Q?J=F6rg?= "
      "<jo..rg@enron.com>\n"
      "Cc: plain@enron.com\n\nbody\n");
  CHECK(m.from.address == "h..wallis@enron.com");
  CHECK(m.from.domain == "enron.com");
  REQUIRE(m.to.size() == 2);
  CHECK(m.to[0].address == "j..kaminski@enron.com");
  CHECK(m.to[0].display_name == "Kaminski, Vince");
  CHECK(m.to[1].address == "jo..rg@enron.com");
  CHECK(m.to[1].display_name == "J\xC3\xB6rg");
  REQUIRE(m.cc.size() == 1);
  CHECK(m.cc[0].address == "plain@enron.com");
}

TEST_CASE("Addresses read by hand skip a '<' inside a quoted name") {
  Message m = Parse(
      "From: \"Wallis <Trading>\" <h..wallis@Enron.com>\n"
      "To: \"Desk <West>, Hourly\" <j..kaminski@enron.com>\n\nbody\n");
  CHECK(m.from.address == "h..wallis@enron.com");
  CHECK(m.from.display_name == "Wallis <Trading>");
  REQUIRE(m.to.size() == 1);
  CHECK(m.to[0].address == "j..kaminski@enron.com");
  CHECK(m.to[0].display_name == "Desk <West>, Hourly");
}

TEST_CASE("Parser survives malformed MIME: no end boundary, bad base64, NUL bytes") {
  Message m = Parse(ReadFixture("malformed.eml"));
  CHECK(m.from.address == "broken@example.com");
  CHECK_FALSE(m.date.has_value());
  CHECK(FindLink(m, "nul.example.com"));
  CHECK(m.attachments.size() == 1);
}

TEST_CASE("An attached HTML page is an attachment whose links count") {
  Message m = Parse(
      "From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nSee the attached invoice.\n"
      "--b\nContent-Type: text/html; name=Invoice.html\nContent-Disposition: attachment; "
      "filename=Invoice.html\n\n<form action=\"https://collect.example.net/p\"></form>\n"
      "--b\nContent-Type: text/plain; name=notes.txt\nContent-Disposition: attachment\n\n"
      "http://notes.example.org/\n--b--\n");
  REQUIRE(m.attachments.size() == 2);
  CHECK(m.attachments[0].filename == "Invoice.html");
  CHECK(m.attachments[0].content_type == "text/html");
  const Link* form = FindLink(m, "collect.example.net");
  REQUIRE(form);
  CHECK(form->source == LinkSource::kHtmlForm);
  CHECK(form->attachment == "Invoice.html");
  CHECK(m.text_body.find("notes.example.org") == std::string::npos);
  CHECK_FALSE(FindLink(m, "notes.example.org"));
}

TEST_CASE("A link written as text is read in a quoted-printable HTML body and its text part") {
  // As phishing_pot sends it: no anchor, the same text in both
  // alternatives, a bare host in one and a URL in the other.
  Message m = Parse(
      "From: a@example.com\nContent-Type: multipart/alternative; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nCopy this into your browser:\n"
      "transfer705.pages.dev/evas?flexchase\n"
      "--b\nContent-Type: text/html\nContent-Transfer-Encoding: quoted-printable\n\n"
      "<div>Verify: https://ledger.catalog.example.io/=\nlogin?a=3D1&amp;b=3D2</div>"
      "<a href=3D\"https://shop.example.com/\">shop</a>\n--b--\n");
  const Link* html_text = FindLink(m, "ledger.catalog.example.io");
  REQUIRE(html_text);
  CHECK(html_text->url == "https://ledger.catalog.example.io/login?a=1&b=2");
  CHECK(html_text->source == LinkSource::kPlainText);
  const Link* bare = FindLink(m, "transfer705.pages.dev");
  REQUIRE(bare);
  CHECK(bare->private_domain == "transfer705.pages.dev");
  CHECK(m.links.size() == 3);
}

TEST_CASE("Pages sent as octet-stream or SVG open in a browser: their links and redirects count") {
  // "<form action=https://fax.example.net/p>" in base64, as phishing sends
  // "MSN - Fax Sheet.html".
  Message m = Parse(
      "From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/html\n\n<meta http-equiv=refresh "
      "content=\"0;url=https://body.example/\">"
      "<p>See the fax.</p>\n"
      "--b\nContent-Type: application/octet-stream; name=\"Fax Sheet.html\"\n"
      "Content-Disposition: attachment; filename=\"Fax Sheet.html\"\n"
      "Content-Transfer-Encoding: base64\n\nPGZvcm0gYWN0aW9uPWh0dHBzOi8vZmF4LmV4YW1wbGUubmV0L3A+\n"
      "--b\nContent-Type: image/svg+xml\nContent-Disposition: attachment\n\n"
      "<svg><script>window.location = 'https://svg.example.org/x';</script></svg>\n"
      "--b--\n");
  REQUIRE(m.attachments.size() == 2);
  CHECK_FALSE(FindLink(m, "body.example"));  // a mail client follows no refresh
  const Link* fax = FindLink(m, "fax.example.net");
  REQUIRE(fax);
  CHECK(fax->source == LinkSource::kHtmlForm);
  CHECK(fax->attachment == "Fax Sheet.html");
  const Link* svg = FindLink(m, "svg.example.org");
  REQUIRE(svg);
  CHECK(svg->source == LinkSource::kHtmlRedirect);
  CHECK(svg->attachment == "image/svg+xml");
  CHECK_FALSE(m.truncated.attachments);
}

TEST_CASE("A PDF attachment's URI actions are links, followed through redirectors") {
  const std::string pdf =
      "%PDF-1.4\n1 0 obj << /Type /Annot /A << /S /URI /URI "
      "(https://www.google.com/url?q=https://pdf-lure.example.top/x&sa=D) >> >> endobj\n";
  Message m = Parse(
      "From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nYour statement is attached.\n"
      "--b\nContent-Type: application/pdf; name=Statement.pdf\n"
      "Content-Disposition: attachment; filename=Statement.pdf\n\n" +
      pdf + "--b--\n");
  const Link* written = FindLink(m, "www.google.com");
  REQUIRE(written);
  CHECK(written->source == LinkSource::kPdfAction);
  CHECK(written->attachment == "Statement.pdf");
  const Link* target = FindLink(m, "pdf-lure.example.top");
  REQUIRE(target);
  CHECK(target->attachment == "Statement.pdf");
  CHECK(target->redirected_via == "www.google.com");
}

TEST_CASE("Attachments past max_attachment_bytes are listed but not read") {
  const std::string raw =
      "From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nhttps://body.example.com/\n"
      "--b\nContent-Type: application/pdf; name=a.pdf\n\n/URI (https://first.example.com/)\n"
      "--b\nContent-Type: application/pdf; name=b.pdf\n\n/URI (https://second.example.com/)\n"
      "--b--\n";
  ParseOptions options;
  options.max_attachment_bytes = 40;  // the first PDF (33 bytes) fits, not both
  Message m = Parse(raw, options);
  CHECK(m.attachments.size() == 2);
  CHECK(FindLink(m, "body.example.com"));
  CHECK(FindLink(m, "first.example.com"));
  CHECK_FALSE(FindLink(m, "second.example.com"));
  CHECK(m.truncated.attachments);
  CHECK(FindLink(Parse(raw), "second.example.com"));
}

TEST_CASE("A ZIP attachment's file names are read from its directory") {
  // readme.txt and email-doc.scr, as tests/message/zip_names_test.cc builds them.
  const std::string zip_base64 =
      "UEsDBBQAAAAAAAAAITJ6em/tAwAAAAMAAAAKAAAAcmVhZG1lLnR4dGhpClBLAwQUAAAAAAAAACEy\n"
      "XZuwjwIAAAACAAAADQAAAGVtYWlsLWRvYy5zY3JNWlBLAQIUAxQAAAAAAAAAITJ6em/tAwAAAAMA\n"
      "AAAKAAAAAAAAAAAAAACAAQAAAAByZWFkbWUudHh0UEsBAhQDFAAAAAAAAAAhMl2bsI8CAAAAAgAA\n"
      "AA0AAAAAAAAAAAAAAIABKwAAAGVtYWlsLWRvYy5zY3JQSwUGAAAAAAIAAgBzAAAAWAAAAAAA\n";
  // Named .zip but sent as octet-stream, as mail clients often label it.
  const std::string raw =
      "From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nRead the attached document.\n"
      "--b\nContent-Type: application/octet-stream; name=email-doc.zip\n"
      "Content-Transfer-Encoding: base64\n\n" +
      zip_base64 +
      "--b\nContent-Type: application/x-zip-compressed\n"
      "Content-Transfer-Encoding: base64\n\n" +
      zip_base64 + "--b--\n";
  Message m = Parse(raw);
  REQUIRE(m.attachments.size() == 2);
  const std::vector<std::string> files{"readme.txt", "email-doc.scr"};
  CHECK(m.attachments[0].archive_files == files);
  CHECK(m.attachments[1].archive_files == files);  // unnamed: its content type says ZIP
  CHECK_FALSE(m.truncated.attachments);
  // Past max_attachment_bytes: listed, not read.
  ParseOptions options;
  options.max_attachment_bytes = 300;  // one archive (225 bytes) fits, not both
  Message cut = Parse(raw, options);
  CHECK(cut.attachments[0].archive_files == files);
  CHECK(cut.attachments[1].archive_files.empty());
  CHECK(cut.truncated.attachments);
}

TEST_CASE("Attachment sizes are decoded sizes, whatever the transfer encoding") {
  Message m = Parse(
      "From: a@example.com\nContent-Type: multipart/mixed; boundary=b\n\n"
      "--b\nContent-Type: text/plain\n\nBody.\n"
      // "hello world!" and "hi": padded, unpadded and folded base64.
      "--b\nContent-Type: application/octet-stream; name=a.bin\n"
      "Content-Transfer-Encoding: base64\n\naGVsbG8g\nd29y\r\nbGQh\n"
      "--b\nContent-Type: application/octet-stream; name=b.bin\n"
      "Content-Transfer-Encoding: base64\n\naGk=\n"
      "--b\nContent-Type: application/octet-stream; name=c.bin\n"
      "Content-Transfer-Encoding: quoted-printable\n\na=3Db\n"
      "--b\nContent-Type: application/octet-stream; name=d.bin\n\n1234567\n"
      "--b--\n");
  REQUIRE(m.attachments.size() == 4);
  CHECK(m.attachments[0].size == 12);
  CHECK(m.attachments[1].size == 2);
  CHECK(m.attachments[2].size == 3);  // "a=b": the line end belongs to the boundary
  CHECK(m.attachments[3].size == 7);
}

TEST_CASE("Input that is not mail is rejected") {
  Message m;
  CHECK(ParseMessage("just some words\nand more\n", Envelope(), ParseOptions(), &m)
            .IsInvalidArgument());
  CHECK(ParseMessage("", Envelope(), ParseOptions(), &m).IsInvalidArgument());
}

TEST_CASE("Absurd dates are dropped") {
  CHECK_FALSE(Parse("From: a@b.example\nDate: Thu, 01 Jan 1970 00:00:00 +0000\n\nx\n").date);
  CHECK_FALSE(Parse("From: a@b.example\nDate: Sat, 01 Jan 2350 00:00:00 +0000\n\nx\n").date);
  CHECK_FALSE(Parse("From: a@b.example\n\nx\n").date);
}

std::string NestedMessage(int depth) {
  std::string raw = "From: deep@example.com\nSubject: deep\nMIME-Version: 1.0\n";
  for (int i = 0; i < depth; ++i) {
    raw += "Content-Type: multipart/mixed; boundary=\"b" + std::to_string(i) + "\"\n\n--b" +
           std::to_string(i) + "\n";
  }
  raw += "Content-Type: text/plain\n\nhttp://bottom.example.com/\n";
  for (int i = depth - 1; i >= 0; --i) raw += "--b" + std::to_string(i) + "--\n";
  return raw;
}

TEST_CASE("MIME nesting beyond the cap is truncated, not followed") {
  Message shallow = Parse(NestedMessage(5));
  CHECK_FALSE(shallow.truncated.mime_depth);
  CHECK(FindLink(shallow, "bottom.example.com"));

  Message deep = Parse(NestedMessage(500));
  CHECK(deep.truncated.mime_depth);
  CHECK(deep.links.empty());
}

TEST_CASE("Links beyond the cap are truncated") {
  std::string raw = "From: many@example.com\nContent-Type: text/html\n\n";
  for (int i = 0; i < 1500; ++i)
    raw += "<a href=\"http://h" + std::to_string(i) + ".example.com/\">x</a>\n";
  Message m = Parse(raw);
  CHECK(m.truncated.links);
  CHECK(m.links.size() == 1000);
}

std::string ManyPartsMessage(int parts) {
  std::string raw =
      "From: caps@example.com\nTo: a@example.com\nSubject: caps\n"
      "Content-Type: multipart/mixed; boundary=\"b\"\n\n";
  for (int i = 0; i < parts; ++i) {
    raw += "--b\nContent-Type: text/plain\n\npart " + std::to_string(i) + " text\n";
  }
  return raw + "--b--\n";
}

TEST_CASE("Part and text caps are recorded") {
  ParseOptions options;
  options.max_mime_parts = 3;
  options.max_body_text = 12;
  Message m = Parse(ManyPartsMessage(6), options);
  CHECK(m.truncated.mime_parts);
  CHECK(m.truncated.body_text);
  CHECK(m.text_body.size() <= 12);
  CHECK(m.text_body.rfind("part 0 text", 0) == 0);
  CHECK_FALSE(m.truncated.message_size);
  CHECK_FALSE(m.truncated.headers);
  CHECK(m.header_count == 4);
}

TEST_CASE("Boundary lines far beyond the part cap are cut before GMime parses them") {
  ParseOptions options;
  options.max_mime_parts = 3;
  options.max_mime_depth = 1;
  Message m = Parse(ManyPartsMessage(1000), options);
  CHECK(m.truncated.mime_parts);
  CHECK(m.attachments.empty());
  CHECK(m.text_body.find("part 2 text") != std::string::npos);
  CHECK(m.text_body.find("part 3 text") == std::string::npos);
}

TEST_CASE("Header fields beyond the cap are dropped and counted") {
  std::string raw = "From: first@example.com\nSubject: kept\n";
  for (int i = 0; i < 50; ++i) raw += "X-Filler: " + std::to_string(i) + "\n continued\n";
  raw += "Message-ID: <late@example.com>\n\nbody http://body.example.com/\n";
  ParseOptions options;
  options.max_headers = 10;
  Message m = Parse(raw, options);
  CHECK(m.truncated.headers);
  CHECK(m.header_count == 53);
  CHECK(m.subject == "kept");
  CHECK(m.message_id.empty());
  CHECK(FindLink(m, "body.example.com"));
}

TEST_CASE("A message cut by the size cap keeps what came before the cut") {
  std::string raw = ManyPartsMessage(6);
  ParseOptions options;
  options.max_message_size = 60;  // inside the Content-Type header
  Message cut = Parse(raw, options);
  CHECK(cut.truncated.message_size);
  CHECK(cut.raw_size == raw.size());
  CHECK(cut.from.address == "caps@example.com");
  CHECK(cut.subject == "caps");
}

TEST_CASE("Parser reads the links of a calendar invitation, inline or attached") {
  const std::string calendar =
      "BEGIN:VCALENDAR\r\nMETHOD:REQUEST\r\nBEGIN:VEVENT\r\n"
      "ORGANIZER:mailto:kim@vendor.example\r\n"
      "DESCRIPTION:Please review before we meet: https://files.lure.examp\r\n"
      " le/s/Q1\\, thanks\r\nEND:VEVENT\r\nEND:VCALENDAR\r\n";
  const std::string inline_invite =
      "From: kim@vendor.example\nTo: a@enron.com\nSubject: Review\nMIME-Version: 1.0\n"
      "Content-Type: multipart/alternative; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
      "See the invitation.\n--b\nContent-Type: text/calendar; method=REQUEST; charset=utf-8\n\n" +
      calendar + "--b--\n";
  Message m = Parse(inline_invite);
  const Link* lure = FindLink(m, "files.lure.example");
  REQUIRE(lure);
  CHECK(lure->url == "https://files.lure.example/s/Q1");
  CHECK(lure->from_invitation);
  CHECK(lure->attachment.empty());  // shown as the meeting, not a document to open
  CHECK_FALSE(
      FindLink(Parse(ReadFixture("alternative_links.eml")), "pub-ac94f3.r2.dev")->from_invitation);
  CHECK(FindLink(m, "vendor.example") == nullptr);  // the organiser's mailto: is no link

  const std::string attached =
      "From: kim@vendor.example\nTo: a@enron.com\nSubject: Review\nMIME-Version: 1.0\n"
      "Content-Type: multipart/mixed; boundary=b\n\n--b\nContent-Type: text/plain\n\n"
      "Invitation attached.\n--b\nContent-Type: application/octet-stream; name=invite.ics\n"
      "Content-Disposition: attachment; filename=invite.ics\n\n" +
      calendar + "--b--\n";
  m = Parse(attached);
  lure = FindLink(m, "files.lure.example");
  REQUIRE(lure);
  CHECK(lure->from_invitation);
  REQUIRE(m.attachments.size() == 1);
  CHECK(m.attachments[0].filename == "invite.ics");

  // A tracker's target read from an invitation is the invitation's too.
  const std::string tracked =
      "From: kim@vendor.example\nTo: a@enron.com\nSubject: Review\nMIME-Version: 1.0\n"
      "Content-Type: text/calendar; method=REQUEST\n\nBEGIN:VCALENDAR\r\nBEGIN:VEVENT\r\n"
      "URL:https://click.vendor.example/t?u=https%3A%2F%2Ffiles.lure.example%2Fs%2FQ2\r\n"
      "END:VEVENT\r\nEND:VCALENDAR\r\n";
  lure = FindLink(Parse(tracked), "files.lure.example");
  REQUIRE(lure);
  CHECK_FALSE(lure->redirected_via.empty());
  CHECK(lure->from_invitation);

  // Without the invitation read, the same message has no link.
  ParseOptions none;
  none.max_attachment_bytes = 0;
  CHECK(FindLink(Parse(attached, none), "files.lure.example") == nullptr);
}

}  // namespace
}  // namespace rapport
