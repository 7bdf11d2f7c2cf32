// The same message written as other mail software writes it (transfer
// encodings, encoded words, CRLF, folding) must read the same: every signal
// reads the parsed fields, so a difference here is a verdict that depends on
// how a message is written rather than on what it says.

#include <catch2/catch.hpp>
#include <sstream>

#include "bench/detection/attack_eval/rewrite.h"
#include "message/parser.h"
#include "tests/message/rich_message.h"

namespace rapport {
namespace {

Message Parse(std::string_view raw) {
  Message message;
  REQUIRE(ParseMessage(raw, Envelope(), ParseOptions(), &message).ok());
  return message;
}

std::string Addresses(const std::vector<MailAddress>& addresses) {
  std::ostringstream out;
  for (const MailAddress& a : addresses) out << a.address << " [" << a.display_name << "] ";
  return out.str();
}

std::string Links(const Message& m) {
  std::ostringstream out;
  for (const Link& link : m.links) {
    out << link.url << " | " << link.host << " | " << link.visible_text << " | "
        << static_cast<int>(link.source) << " | " << link.attachment << "\n";
  }
  return out.str();
}

std::string Attachments(const Message& m) {
  std::ostringstream out;
  for (const Attachment& a : m.attachments) {
    out << a.filename << " " << a.content_type << " " << a.size << "\n";
  }
  return out.str();
}

std::string Accounts(const Message& m) {
  std::ostringstream out;
  for (const PaymentCoordinate& p : m.payment_coordinates)
    out << p.account << " " << p.shown << "\n";
  return out.str();
}

// Every field a signal reads, compared one by one so that a failure names it.
void CheckReadsTheSame(const Message& plain, const Message& other) {
  CHECK(other.from.address == plain.from.address);
  CHECK(other.from.display_name == plain.from.display_name);
  CHECK(other.from_name_outside_mailbox == plain.from_name_outside_mailbox);
  REQUIRE(other.sender.has_value() == plain.sender.has_value());
  if (plain.sender) CHECK(Addresses({*other.sender}) == Addresses({*plain.sender}));
  CHECK(Addresses(other.reply_to) == Addresses(plain.reply_to));
  CHECK(Addresses(other.to) == Addresses(plain.to));
  CHECK(Addresses(other.cc) == Addresses(plain.cc));
  CHECK(other.subject == plain.subject);
  CHECK(other.date == plain.date);
  CHECK(other.message_id == plain.message_id);
  CHECK(other.in_reply_to == plain.in_reply_to);
  CHECK(other.references == plain.references);
  CHECK(other.return_path == plain.return_path);
  CHECK(other.origin_ip == plain.origin_ip);
  CHECK(other.received_hops == plain.received_hops);
  CHECK(other.mailer == plain.mailer);
  CHECK(other.text_body == plain.text_body);
  CHECK(other.html_body == plain.html_body);
  CHECK(Attachments(other) == Attachments(plain));
  CHECK(Links(other) == Links(plain));
  CHECK(Accounts(other) == Accounts(plain));
}

TEST_CASE("A message reads the same in every written form") {
  const Message plain = Parse(kRich);
  // The message is as rich as it is meant to be.
  REQUIRE(plain.from.display_name == "Bob M\xC3\xBCller");
  REQUIRE(plain.to.size() == 3);
  REQUIRE(plain.references.size() == 3);
  REQUIRE(plain.attachments.size() == 2);
  REQUIRE(plain.payment_coordinates.size() == 1);
  REQUIRE(plain.links.size() >= 4);
  // Each form alone, then as a Python email generator's message reaches the
  // milter through an MTA.
  for (const char* name : {"base64", "qp", "encoded-words", "crlf", "folded", "filenames",
                           "qp,encoded-words,folded,crlf", "base64,encoded-words,folded,crlf"}) {
    RewriteForms form;
    REQUIRE(ParseRewriteForms(name, &form));
    const std::string written = RewriteMessage(kRich, form);
    INFO(name << ":\n" << written);
    CHECK(written != kRich);
    CheckReadsTheSame(plain, Parse(written));
  }
}

// `folded` as the milter writes it (milter/message_buffer.cc): each field
// it is handed ends in CRLF, but a folded value keeps the LF alone that
// libmilter gives inside it, and the body comes in CRLF.
std::string AsTheMilterWritesIt(std::string_view folded) {
  std::string out;
  const size_t body = folded.find("\n\n");
  for (size_t i = 0; i < folded.size(); ++i) {
    const bool fold =
        i < body && i + 1 < folded.size() && (folded[i + 1] == ' ' || folded[i + 1] == '\t');
    if (folded[i] == '\n' && !fold) out.push_back('\r');
    out.push_back(folded[i]);
  }
  return out;
}

TEST_CASE("A message reads the same with LF folds inside CRLF fields, as the milter writes it") {
  RewriteForms form;
  REQUIRE(ParseRewriteForms("encoded-words,folded", &form));
  const std::string milter = AsTheMilterWritesIt(RewriteMessage(kRich, form));
  INFO(milter);
  REQUIRE(milter.find("\n ") != std::string::npos);
  REQUIRE(milter.find("\r\n ") == std::string::npos);
  CheckReadsTheSame(Parse(kRich), Parse(milter));
}

TEST_CASE("Each written form writes what it says") {
  RewriteForms form;
  REQUIRE(ParseRewriteForms("base64", &form));
  std::string written = RewriteMessage(kRich, form);
  CHECK(written.find("Content-Transfer-Encoding: base64\n\nSGkgQWxpY2Us") != std::string::npos);
  REQUIRE(ParseRewriteForms("qp", &form));
  written = RewriteMessage(kRich, form);
  CHECK(written.find("charset=utf-8") != std::string::npos);
  CHECK(written.find("account=3D88213") != std::string::npos);
  CHECK(written.find("=\n") != std::string::npos);  // a soft line break
  REQUIRE(ParseRewriteForms("encoded-words", &form));
  written = RewriteMessage(kRich, form);
  CHECK(written.find("Reply-To: =?utf-8?") != std::string::npos);
  CHECK(written.find("Subject: =?utf-8?") != std::string::npos);
  CHECK(written.find("?B?") != std::string::npos);
  CHECK(written.find("?Q?") != std::string::npos);
  REQUIRE(ParseRewriteForms("crlf", &form));
  written = RewriteMessage(kRich, form);
  CHECK(written.find("\r\n") != std::string::npos);
  CHECK(written.find("\r\n") == written.find('\n') - 1);
  REQUIRE(ParseRewriteForms("folded", &form));
  written = RewriteMessage(kRich, form);
  CHECK(written.find("To: \"Smith, Alice\" <alice@corp.example>,\n carol@corp.example,\n") !=
        std::string::npos);
  REQUIRE(ParseRewriteForms("filenames", &form));
  written = RewriteMessage(kRich, form);
  INFO(written);
  CHECK(written.find("filename*=utf-8''INV-20931.pdf") != std::string::npos);
  CHECK(written.find("name*=utf-8''remittance.txt") != std::string::npos);
  CHECK_FALSE(ParseRewriteForms("rot13", &form));
}

TEST_CASE("A plain-text message gains an HTML alternative whose anchors show their URL") {
  constexpr std::string_view kPlain =
      "From: Bob <bob@vendor.example>\n"
      "To: alice@corp.example\n"
      "Subject: statement\n"
      "\n"
      "See https://portal.vendor.example/s?a=1&b=2 today.\n";
  RewriteForms form;
  REQUIRE(ParseRewriteForms("html", &form));
  const Message m = Parse(RewriteMessage(kPlain, form));
  CHECK(m.text_body == Parse(kPlain).text_body);
  CHECK(m.html_body.find("<a href=\"https://portal.vendor.example/s?a=1&amp;b=2\">") !=
        std::string::npos);
}

}  // namespace
}  // namespace rapport
