// Hostile mail, end to end without the MTA: each message of the hostile set
// is parsed, routed, scored against an empty store and planned, once as
// given and once rebuilt the way the milter accumulates it, and must end in
// a verdict with every configured cap applied.
#include <unistd.h>

#include <algorithm>
#include <catch2/catch.hpp>
#include <chrono>
#include <filesystem>
#include <memory>

#include "message/utf8.h"
#include "milter/header_index.h"
#include "milter/message_buffer.h"
#include "milter/message_processor.h"
#include "milter/runtime.h"
#include "milter/session.h"
#include "store/history_store.h"
#include "tests/milter/hostile_mail.h"

namespace rapport {
namespace {

using test::HostileMail;
using test::HostileMailNamed;
using test::HostileMailNames;

constexpr int64_t kNow = 1700000000;
constexpr size_t kChunk = 64 * 1024;  // body bytes per xxfi_body call, as Postfix sends

// A gateway for example.test with the shipped defaults, a real scorer and an
// empty RocksDB store in a scratch directory.
class Gateway {
 public:
  Gateway() {
    std::string pattern = (std::filesystem::temp_directory_path() / "rapport-hostile.XXXXXX");
    REQUIRE(mkdtemp(pattern.data()) != nullptr);
    dir_ = pattern;
    Config config;
    config.local_domains = {"example.test"};
    config.scoring.local_domains = config.local_domains;
    config.state_dir = dir_.string();
    REQUIRE(BuildRuntime(config, &runtime_).ok());
    StoreOptions options;
    options.path = (dir_ / "state").string();
    options.local_domains = config.local_domains;
    REQUIRE(OpenRocksDbStore(options, &store_).ok());
  }
  ~Gateway() {
    store_.reset();
    std::filesystem::remove_all(dir_);
  }

  const ParseOptions& caps() const { return runtime_->config.parse; }
  const std::shared_ptr<const Runtime>& runtime() const { return runtime_; }

  // Parses, routes, scores and plans `collected`; the verdict must come.
  Evaluation Evaluate(const CollectedMessage& collected) {
    Evaluation evaluation;
    const Status status =
        EvaluateMessage(*runtime_, *store_, collected, kNow,
                        std::chrono::steady_clock::now() + std::chrono::hours(1), &evaluation);
    REQUIRE(status.ok());
    return evaluation;
  }

 private:
  std::filesystem::path dir_;
  std::shared_ptr<const Runtime> runtime_;
  std::unique_ptr<HistoryStore> store_;
};

// Feeds `mail` to a MessageBuffer the way the milter callbacks do: one call
// per header field (name, then the value after ": "), end of headers, and
// the body in chunks.
void Accumulate(const HostileMail& mail, MessageBuffer* buffer, RapportHeaderIndex* headers) {
  const std::string_view raw = mail.raw;
  const size_t end = raw.find("\r\n\r\n");
  REQUIRE(end != std::string_view::npos);
  std::string_view section = raw.substr(0, end + 2);
  while (!section.empty()) {
    size_t stop = 0;
    do {
      stop = section.find("\r\n", stop + (stop ? 2 : 0));
    } while (stop + 2 < section.size() && (section[stop + 2] == ' ' || section[stop + 2] == '\t'));
    const std::string_view field = section.substr(0, stop);
    section.remove_prefix(stop + 2);
    const size_t colon = field.find(':');
    const std::string_view name = field.substr(0, colon);
    std::string_view value = colon == std::string_view::npos ? "" : field.substr(colon + 1);
    if (!value.empty() && value.front() == ' ') value.remove_prefix(1);
    buffer->AddHeader(name, value);
    headers->Add(name);
  }
  buffer->EndHeaders();
  for (std::string_view body = raw.substr(end + 4); !body.empty();) {
    const std::string_view chunk = body.substr(0, kChunk);
    buffer->AddBody(chunk);
    body.remove_prefix(chunk.size());
  }
}

// What every hostile message must end in, whichever way it arrived.
void CheckBounded(const Gateway& gateway, const Evaluation& evaluation) {
  const Message& message = evaluation.message;
  const ParseOptions& caps = gateway.caps();
  CHECK(evaluation.route == Route::kInbound);
  CHECK(evaluation.verdict.score >= 0);
  CHECK(evaluation.verdict.score <= 100);
  CHECK(message.links.size() <= static_cast<size_t>(caps.max_links));
  CHECK(message.text_body.size() <= caps.max_body_text);
  CHECK(message.html_body.size() <= caps.max_body_text);
  CHECK(IsUtf8(message.text_body));
  CHECK(IsUtf8(message.html_body));
  CHECK(IsUtf8(message.subject));
  CHECK((message.raw_size <= caps.max_message_size || message.truncated.message_size));
}

// Both ways in: the raw message as given, and as the milter rebuilds it.
struct BothWays {
  Evaluation direct;
  Evaluation milter;
  size_t milter_kept = 0;  // bytes the milter's buffer held
};

BothWays EvaluateBothWays(Gateway* gateway, const std::string& name) {
  const HostileMail mail = HostileMailNamed(name);
  BothWays out;
  RapportHeaderIndex none;
  CollectedMessage direct;
  direct.envelope = mail.envelope;
  direct.raw = mail.raw;
  direct.rapport_headers = &none;
  out.direct = gateway->Evaluate(direct);
  CheckBounded(*gateway, out.direct);

  // The milter's per-message state, filled as its callbacks fill it.
  InFlightMessages in_flight;
  MessageState state(gateway->runtime(), &in_flight);
  state.envelope = mail.envelope;
  state.envelope.rcpt_to.clear();
  for (const std::string& recipient : mail.envelope.rcpt_to) AddRecipient(recipient, &state);
  Accumulate(mail, &state.buffer, &state.rapport_headers);
  out.milter_kept = state.buffer.raw().size();
  CHECK(out.milter_kept <= gateway->caps().max_message_size);
  out.milter = gateway->Evaluate(Collected(state));
  CheckBounded(*gateway, out.milter);
  return out;
}

TEST_CASE("Every hostile message ends in a verdict, as given and through the milter buffer",
          "[milter][hostile]") {
  Gateway gateway;
  for (const std::string& name : HostileMailNames()) {
    INFO(name);
    EvaluateBothWays(&gateway, name);
  }
}

TEST_CASE("A 50 MB body is cut at max_message_size, and the milter holds no more",
          "[milter][hostile]") {
  Gateway gateway;
  const BothWays both = EvaluateBothWays(&gateway, "body_50mb");
  const size_t cap = gateway.caps().max_message_size;
  CHECK(both.direct.message.raw_size > 50u * 1024 * 1024);
  CHECK(both.direct.message.truncated.message_size);
  CHECK(both.direct.message.truncated.body_text);
  CHECK(both.direct.message.text_body.size() == gateway.caps().max_body_text);
  // The milter keeps exactly the cap and counts the rest as dropped.
  CHECK(both.milter_kept == cap);
  CHECK(both.milter_kept + both.milter.dropped_bytes > 50u * 1024 * 1024);
  CHECK(both.milter.message.truncated.message_size);
  CHECK(both.milter.message.links.size() == 1);  // the same URL on every line
}

TEST_CASE("10,001 recipients: headers read whole, the envelope cut at max_recipients",
          "[milter][hostile]") {
  Gateway gateway;
  const size_t cap = gateway.runtime()->config.max_recipients;
  const BothWays both = EvaluateBothWays(&gateway, "recipients_10k");
  CHECK(both.direct.message.to.size() == 10000);
  CHECK(both.direct.message.envelope.rcpt_to.size() == 10001);
  CHECK_FALSE(both.direct.message.truncated.recipients);
  CHECK(both.milter.message.to.size() == 10000);
  CHECK(both.milter.message.envelope.rcpt_to.size() == cap);
  CHECK(both.milter.dropped_recipients == 10001 - cap);
  CHECK(both.milter.message.truncated.recipients);
  CHECK(MessageLogLine("4HOSTILE", both.milter).find(" truncated_recipients=1") !=
        std::string::npos);
}

TEST_CASE("10,000 headers are cut at max_headers", "[milter][hostile]") {
  Gateway gateway;
  const BothWays both = EvaluateBothWays(&gateway, "headers_10k");
  for (const Evaluation* evaluation : {&both.direct, &both.milter}) {
    CHECK(evaluation->message.truncated.headers);
    CHECK(evaluation->message.header_count == 10006);
    // The headers past the cut are skipped, not the body after them.
    CHECK(evaluation->message.text_body.find("Body after ten thousand headers.") == 0);
  }
}

TEST_CASE("MIME nested 500 deep is walked to max_mime_depth only", "[milter][hostile]") {
  Gateway gateway;
  const BothWays both = EvaluateBothWays(&gateway, "mime_nested_500");
  for (const Evaluation* evaluation : {&both.direct, &both.milter}) {
    CHECK(evaluation->message.truncated.mime_depth);
    CHECK(evaluation->message.text_body.empty());  // the only text is 501 deep
    CHECK(evaluation->message.links.empty());
  }
}

TEST_CASE("100,000 links keep max_links of them", "[milter][hostile]") {
  Gateway gateway;
  const size_t cap = static_cast<size_t>(gateway.caps().max_links);
  for (const char* name : {"html_links_100k", "text_links_100k"}) {
    INFO(name);
    const BothWays both = EvaluateBothWays(&gateway, name);
    for (const Evaluation* evaluation : {&both.direct, &both.milter}) {
      CHECK(evaluation->message.links.size() == cap);
      CHECK(evaluation->message.truncated.links);
      CHECK(evaluation->message.truncated.body_text);
    }
  }
}

TEST_CASE("Attachments are read for links within their bounds, and all still listed",
          "[milter][hostile]") {
  Gateway gateway;
  const BothWays both = EvaluateBothWays(&gateway, "attachments_hostile");
  for (const Evaluation* evaluation : {&both.direct, &both.milter}) {
    const Message& message = evaluation->message;
    REQUIRE(message.attachments.size() == 3);
    CHECK(message.attachments[1].size > gateway.caps().max_attachment_bytes);
    CHECK(message.truncated.attachments);
    std::vector<std::string> hosts;
    for (const Link& link : message.links) hosts.push_back(link.host);
    // The bomb's one URI, read once within the inflation bound; the large
    // PDF not read at all; the page's form before its markup breaks off.
    CHECK(hosts == std::vector<std::string>{"page.vendor.test", "bomb.vendor.test"});
  }
}

TEST_CASE("NUL bytes, invalid UTF-8 and bogus charsets are read as UTF-8", "[milter][hostile]") {
  Gateway gateway;
  const BothWays nul = EvaluateBothWays(&gateway, "nul_bytes");
  CHECK(nul.direct.message.from.address == "billing@vendor.test");
  const BothWays bad = EvaluateBothWays(&gateway, "invalid_utf8_charsets");
  CHECK(bad.direct.message.from.address == "billing@vendor.test");
  CHECK_FALSE(bad.direct.message.text_body.empty());
  CHECK(bad.direct.message.text_body.find("bogus") != std::string::npos);
}

TEST_CASE("RFC 2047 bombs decode within the header's own size", "[milter][hostile]") {
  Gateway gateway;
  const BothWays many = EvaluateBothWays(&gateway, "encoded_word_many");
  // 20,000 words of "é" (2 bytes each), joined as adjacent encoded words are.
  CHECK(many.direct.message.subject.size() <= 20000 * 3);
  CHECK(many.direct.message.subject.find("\xc3\xa9") != std::string::npos);
  const BothWays huge = EvaluateBothWays(&gateway, "encoded_word_huge");
  CHECK(huge.direct.message.subject.size() <= 2 * 1024 * 1024);
}

TEST_CASE("A 1 MB header line and base64 garbage end in a verdict", "[milter][hostile]") {
  Gateway gateway;
  const BothWays line = EvaluateBothWays(&gateway, "header_line_1mb");
  // The milter hands over CRLF; the parsed text has LF line ends.
  CHECK(line.direct.message.text_body == "body\n");
  const BothWays garbage = EvaluateBothWays(&gateway, "base64_garbage");
  REQUIRE(garbage.direct.message.attachments.size() == 1);
  CHECK(garbage.direct.message.attachments[0].filename == "x.pdf");
}

TEST_CASE("HTML with unclosed tags and a comment that never closes", "[milter][hostile]") {
  Gateway gateway;
  const BothWays both = EvaluateBothWays(&gateway, "html_unclosed");
  for (const Evaluation* evaluation : {&both.direct, &both.milter}) {
    std::vector<std::string> hosts;
    for (const Link& link : evaluation->message.links) hosts.push_back(link.host);
    // Links inside the unclosed comment are not links; nothing past it is read.
    CHECK(hosts == std::vector<std::string>{"before.vendor.test", "open.vendor.test"});
  }
}

}  // namespace
}  // namespace rapport
