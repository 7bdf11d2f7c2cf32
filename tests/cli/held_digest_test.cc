#include "cli/held_digest.h"

#include <gmime/gmime.h>

#include <catch2/catch.hpp>
#include <string>
#include <vector>

#include "message/gmime_handles.h"

namespace rapport {
namespace {

using Catch::Matchers::Contains;

constexpr int64_t kNow = 1764758400;  // 2025-12-03 10:40:00 UTC

HeldMessage Held(const std::string& queue_id, int64_t age_seconds) {
  HeldMessage held;
  held.queue_id = queue_id;
  held.received_at = kNow - age_seconds;
  held.mail_from = "bounce@statements-portal.test";
  held.from = "accounts@statements-portal.test";
  held.rcpt_to = {"alice@example.test", "bob@example.test"};
  held.subject = "Your statement is ready";
  held.score = 87;
  held.signals = {{"FIRST_CONTACT", 20, 12, "no message from this sender before", "s"},
                  {"FIRST_FILESHARE_DOMAIN", 45, 40, "pub-5d1e.r2.dev never linked", "r2.dev"},
                  {"NEW_LINK_DOMAIN", 30, 25, "statements-portal.test links a new host", "x"},
                  {"WEAKEST_SIGNAL", 5, 1, "barely anything", "y"}};
  held.links = {{"View statement", "https://pub-5d1e.r2.dev/statement.html", "r2.dev"}};
  return held;
}

DigestRequest Request() {
  DigestRequest request;
  request.from = "postmaster@example.test";
  request.to = {"admin@example.test"};
  request.node = "mx1";
  return request;
}

// A written message read back: its header block as written, and the
// decoded text of its text/plain and text/html parts.
struct Read {
  std::string headers;
  std::string subject;
  std::string plain;
  std::string html;
};

void CollectText(GMimeObject* object, Read* read) {
  if (GMIME_IS_MULTIPART(object)) {
    GMimeMultipart* multipart = GMIME_MULTIPART(object);
    for (int i = 0; i < g_mime_multipart_get_count(multipart); ++i) {
      CollectText(g_mime_multipart_get_part(multipart, i), read);
    }
    return;
  }
  if (!GMIME_IS_TEXT_PART(object)) return;
  GCharPtr text(g_mime_text_part_get_text(GMIME_TEXT_PART(object)));
  GMimeContentType* type = g_mime_object_get_content_type(object);
  (g_mime_content_type_is_type(type, "text", "html") ? read->html : read->plain) = text.get();
}

Read ReadBack(const std::string& raw) {
  Read read;
  read.headers = raw.substr(0, raw.find("\n\n"));
  EnsureGMimeInitialised();
  GObjectPtr<GMimeStream> stream(g_mime_stream_mem_new_with_buffer(raw.data(), raw.size()));
  GObjectPtr<GMimeParser> parser(g_mime_parser_new_with_stream(stream.get()));
  GObjectPtr<GMimeMessage> message(g_mime_parser_construct_message(parser.get(), nullptr));
  REQUIRE(message);
  const char* subject = g_mime_message_get_subject(message.get());
  read.subject = subject ? subject : "";
  CollectText(g_mime_message_get_mime_part(message.get()), &read);
  return read;
}

TEST_CASE("a digest lists each held message with its signals, recipients and commands",
          "[held][digest]") {
  const std::vector<HeldMessage> window = {Held("4F1A2B3C4D", 3 * 3600),
                                           Held("5E2B3C4D5F", 26 * 3600)};
  std::string raw;
  REQUIRE(BuildDigest(window, Request(), kNow, &raw).ok());
  const Read read = ReadBack(raw);

  CHECK(read.subject == "Rapport: 2 messages held for review on mx1");
  CHECK_THAT(read.headers, Contains("From: Rapport <postmaster@example.test>"));
  CHECK_THAT(read.headers, Contains("To: admin@example.test"));
  CHECK_THAT(read.headers, Contains("Auto-Submitted: auto-generated"));
  CHECK_THAT(read.headers, Contains("Message-Id: <"));
  CHECK_THAT(read.headers, Contains("Date: Wed, 03 Dec 2025 10:40:00"));
  CHECK_THAT(read.headers, Contains("multipart/alternative"));

  for (const std::string& part : {read.plain, read.html}) {
    CHECK_THAT(part, Contains("4F1A2B3C4D"));
    CHECK_THAT(part, Contains("score 87"));
    CHECK_THAT(part, Contains("3h ago"));
    CHECK_THAT(part, Contains("26h ago"));
    CHECK_THAT(part, Contains("accounts@statements-portal.test"));
    CHECK_THAT(part, Contains("Your statement is ready"));
    CHECK_THAT(part, Contains("alice@example.test, bob@example.test"));
    CHECK_THAT(part, Contains("FIRST_FILESHARE_DOMAIN (40.0): pub-5d1e[.]r2[.]dev never linked"));
    CHECK_THAT(part, Contains("NEW_LINK_DOMAIN (25.0)"));
    CHECK_THAT(part, Contains("FIRST_CONTACT (12.0)"));
    CHECK(part.find("WEAKEST_SIGNAL") == std::string::npos);  // three strongest only
    for (const char* verb : {"release", "delete", "report"}) {
      CHECK_THAT(part, Contains(std::string("rapportctl held ") + verb + " 4F1A2B3C4D"));
      CHECK_THAT(part, Contains(std::string("rapportctl held ") + verb + " 5E2B3C4D5F"));
    }
    // The held message's links are never in the digest.
    CHECK(part.find("statement.html") == std::string::npos);
  }
  CHECK(read.html.find("href") == std::string::npos);
  // Newest first.
  CHECK(read.plain.find("4F1A2B3C4D") < read.plain.find("5E2B3C4D5F"));
}

TEST_CASE("a digest escapes every untrusted string in its HTML part", "[held][digest]") {
  HeldMessage held = Held("4F1A2B3C4D", 600);
  held.subject = "<script>alert(\"x\")</script> & 'quotes'";
  held.from = "a&b<c>@evil.test";
  held.rcpt_to = {"<b>bold</b>@example.test"};
  held.signals = {{"FIRST_CONTACT", 20, 12, "<img src=x onerror=alert(1)> & \"more\"", "s"}};
  std::string raw;
  REQUIRE(BuildDigest({held}, Request(), kNow, &raw).ok());
  const Read read = ReadBack(raw);

  CHECK_THAT(read.html, Contains("&lt;script&gt;alert(&quot;x&quot;)&lt;/script&gt; &amp; "
                                 "&#39;quotes&#39;"));
  CHECK_THAT(read.html, Contains("a&amp;b&lt;c&gt;@evil.test"));
  CHECK_THAT(read.html, Contains("&lt;b&gt;bold&lt;/b&gt;@example.test"));
  CHECK_THAT(read.html, Contains("&lt;img src=x onerror=alert(1)&gt; &amp; &quot;more&quot;"));
  CHECK(read.html.find("<script") == std::string::npos);
  CHECK(read.html.find("<img") == std::string::npos);
  CHECK(read.html.find("<b>bold") == std::string::npos);
  // The plain part shows the text as it was.
  CHECK_THAT(read.plain, Contains("<script>alert(\"x\")</script> & 'quotes'"));
}

TEST_CASE("untrusted text cannot add a header or a line to the digest", "[held][digest]") {
  HeldMessage held = Held("4F1A2B3C4D", 600);
  held.subject = "Invoice\r\nBcc: victim@elsewhere.test\r\n\r\n<html>";
  held.from = "x@evil.test\nX-Injected: yes";
  held.signals = {{"FIRST_CONTACT", 20, 12, "line\rbreak\x1b[31m", "s"}};
  HeldMessage unsafe_id = Held("ABC;rm -rf /", 700);
  std::string raw;
  REQUIRE(BuildDigest({held, unsafe_id}, Request(), kNow, &raw).ok());
  const Read read = ReadBack(raw);

  CHECK(read.headers.find("Bcc") == std::string::npos);
  CHECK(read.headers.find("X-Injected") == std::string::npos);
  CHECK(raw.find("\nBcc:") == std::string::npos);
  CHECK(raw.find("\nX-Injected:") == std::string::npos);
  CHECK(raw.find('\r') == std::string::npos);
  CHECK_THAT(read.plain, Contains("Invoice  Bcc: victim@elsewhere[.]test    <html>"));
  CHECK_THAT(read.plain, Contains("line break [31m"));
  // No command is offered for an id rapportctl would refuse.
  CHECK_THAT(read.plain, Contains("ABC;rm -rf /"));
  CHECK(read.plain.find("held release ABC;") == std::string::npos);
  CHECK_THAT(read.plain, Contains("rapportctl held release 4F1A2B3C4D"));
}

TEST_CASE("a digest covers mail still held in its window, at most max_entries of it",
          "[held][digest]") {
  HeldMessage released = Held("1A1A1A1A1A", 3600);
  released.status = HeldStatus::kReleased;
  const std::vector<HeldMessage> records = {
      Held("2B2B2B2B2B", 1800), released, Held("3C3C3C3C3C", 5 * 3600),
      Held("4D4D4D4D4D", 23 * 3600), Held("5E5E5E5E5E", 25 * 3600)};
  const std::vector<HeldMessage> window = DigestWindow(records, 24 * 3600, kNow);
  REQUIRE(window.size() == 3);
  CHECK(window[0].queue_id == "2B2B2B2B2B");
  CHECK(window[1].queue_id == "3C3C3C3C3C");
  CHECK(window[2].queue_id == "4D4D4D4D4D");

  DigestRequest request = Request();
  request.max_entries = 1;
  request.node.clear();
  request.config_path = "/etc/rapport/other.conf";
  std::string raw;
  REQUIRE(BuildDigest(window, request, kNow, &raw).ok());
  const Read read = ReadBack(raw);
  CHECK(read.subject == "Rapport: 3 messages held for review");
  CHECK_THAT(read.plain, Contains("rapportctl --config /etc/rapport/other.conf held release "
                                  "2B2B2B2B2B"));
  CHECK(read.plain.find("3C3C3C3C3C") == std::string::npos);
  CHECK_THAT(read.plain, Contains("2 more held messages not shown (max_entries = 1)"));
  CHECK_THAT(read.html, Contains("2 more held messages not shown"));

  request.to.clear();
  CHECK(BuildDigest(window, request, kNow, &raw).IsInvalidArgument());
}

TEST_CASE("a recipient's notice names the sender and subject, never a link", "[held][digest]") {
  HeldMessage held = Held("4F1A2B3C4D", 600);
  held.subject = "Open https://evil.example/login or www.evil.example today\r\nBcc: x@y.test";
  std::string raw;
  REQUIRE(BuildHeldNotice(held, "alice@example.test", "postmaster@example.test", kNow, &raw).ok());
  const Read read = ReadBack(raw);

  CHECK(read.subject == "A message to you was held for review");
  CHECK_THAT(read.headers, Contains("To: alice@example.test"));
  CHECK_THAT(read.headers, Contains("Auto-Submitted: auto-generated"));
  CHECK(read.headers.find("Bcc") == std::string::npos);
  CHECK(read.html.empty());
  CHECK_THAT(read.headers, Contains("Date: Wed, 03 Dec 2025 10:40:00"));
  CHECK_THAT(read.plain, Contains("From:      accounts@statements-portal.test\n"));
  CHECK_THAT(read.plain, Contains("Subject:   Open https[:]//evil[.]example/login or "
                                  "www[.]evil[.]example today  Bcc: x@y[.]test\n"));
  CHECK_THAT(read.plain, Contains("Received:  2025-12-03 10:30:00 UTC"));
  CHECK_THAT(read.plain, Contains("Reference: 4F1A2B3C4D"));
  CHECK_THAT(read.plain, Contains("write to postmaster@example.test"));
  CHECK(read.plain.find("://") == std::string::npos);
  CHECK(read.plain.find("evil.example") == std::string::npos);
  CHECK(read.plain.find("r2.dev") == std::string::npos);
}

TEST_CASE("sendmail gets the sender and recipients as separate words after --", "[held][digest]") {
  CHECK(SendmailArgv({"/usr/sbin/sendmail", "-C", "/etc/postfix-out"}, "postmaster@example.test",
                     {"a@example.test", "b@example.test"}) ==
        std::vector<std::string>{"/usr/sbin/sendmail", "-C", "/etc/postfix-out", "-i", "-f",
                                 "postmaster@example.test", "--", "a@example.test",
                                 "b@example.test"});
}

TEST_CASE("untrusted text is made printable, escaped and defanged", "[held][digest]") {
  CHECK(PrintableText("caf\xC3\xA9\tok") == "caf\xC3\xA9\tok");
  CHECK(PrintableText("bad\xFF byte") == "bad\xEF\xBF\xBD byte");
  CHECK(PrintableText("a\r\nb\x1b\x7f") == "a  b  ");
  CHECK(PrintableText("gpj.\xE2\x80\xAE"
                      "exe") == "gpj. exe");  // right-to-left override
  CHECK(PrintableText("c1\xC2\x85") == "c1 ");
  CHECK(EscapeHtml("<a href='x'>&\"</a>") == "&lt;a href=&#39;x&#39;&gt;&amp;&quot;&lt;/a&gt;");
  CHECK(DefangLinks("see http://a.example/x, 0.93 and e.g") ==
        "see http[:]//a[.]example/x, 0.93 and e[.]g");
}

}  // namespace
}  // namespace rapport
