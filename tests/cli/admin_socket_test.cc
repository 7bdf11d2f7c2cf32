#include <sys/socket.h>
#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "admin/admin_client.h"
#include "admin/admin_protocol.h"
#include "admin/admin_server.h"
#include "tests/cli/admin_daemon.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

constexpr int64_t kNow = 1700000000;

HeldMessage Held(const std::string& id) {
  HeldMessage held;
  held.queue_id = id;
  held.received_at = kNow - 60;
  held.mail_from = "mallory@attack.test";
  held.rcpt_to = {"alice@acme.com", "bob@acme.com"};
  held.from = "mallory@attack.test";
  held.subject = "Rechnung \xc3\xbc";
  held.message_id = "<m1@attack.test>";
  held.score = 87;
  held.signals = {{"FIRST_CONTACT", 15, 12.5, "never seen", "mallory@attack.test"}};
  held.links = {{"Pay now", "https://pay.evil-portal.test/now", "evil-portal.test"}};
  return held;
}

using Daemon = test::AdminDaemon;

TEST_CASE("the admin socket serves held records and carries errors", "[held][admin]") {
  Daemon daemon;
  REQUIRE(daemon.store->PutHeld(Held("3F2A81C2B4")).ok());
  struct stat info;
  REQUIRE(stat(daemon.path.c_str(), &info) == 0);
  CHECK((info.st_mode & 0777) == 0660);

  std::unique_ptr<AdminOperations> client;
  REQUIRE(ConnectAdmin(daemon.path, &client).ok());
  std::vector<HeldMessage> records;
  REQUIRE(client->ListHeld(&records).ok());
  REQUIRE(records.size() == 1);
  const HeldMessage& got = records[0];
  CHECK(got.rcpt_to == Held("3F2A81C2B4").rcpt_to);
  CHECK(got.subject == "Rechnung \xc3\xbc");
  CHECK(got.signals.size() == 1);
  CHECK(got.signals[0].contribution == Approx(12.5));
  CHECK(got.signals[0].context == "mallory@attack.test");
  CHECK(got.links[0].url == "https://pay.evil-portal.test/now");

  HeldMessage one;
  const Status unknown = client->GetHeld("ABCDEF1234", &one);
  CHECK(unknown.IsNotFound());
  CHECK(unknown.message() == "ABCDEF1234: no held message with that id");

  REQUIRE(client->SetHeldStatus("3F2A81C2B4", HeldStatus::kDeleted, kNow).ok());
  const Status again = client->SetHeldStatus("3F2A81C2B4", HeldStatus::kReleased, kNow);
  CHECK(again.IsInvalidArgument());
  CHECK(again.message() == "3F2A81C2B4: already deleted");
  REQUIRE(client->GetHeld("3F2A81C2B4", &one).ok());
  CHECK(one.status == HeldStatus::kDeleted);
  CHECK(one.status_changed_at == kNow);

  REQUIRE(client
              ->RecordFeedback({{kReportedFeedbackSignal, ReportedLinkDomainKey("evil.test")}},
                               Feedback::kReported, kNow)
              .ok());
  SignalContextStats stats;
  REQUIRE(daemon.store->GetSignalContext(kReportedFeedbackSignal, "link:evil.test", &stats).ok());
  CHECK(stats.reported == 1);

  REQUIRE(client->DeleteHeld("3F2A81C2B4").ok());
  CHECK(client->DeleteHeld("3F2A81C2B4").IsNotFound());
}

TEST_CASE("learning a released message through the socket", "[held][admin]") {
  Daemon daemon;
  REQUIRE(daemon.store->PutHeld(Held("3F2A81C2B4")).ok());
  std::unique_ptr<AdminOperations> client;
  REQUIRE(ConnectAdmin(daemon.path, &client).ok());
  // 8-bit bytes that are not UTF-8 must not break the JSON line.
  REQUIRE(client
              ->LearnReleased("3F2A81C2B4",
                              "From: mallory@attack.test\nTo: alice@acme.com\nSubject: \xff\xfe\n\n"
                              "see https://files.evil-portal.test/x\n",
                              kNow)
              .ok());
  SenderProfile profile;
  REQUIRE(daemon.store->GetSenderProfile("mallory@attack.test", &profile).ok());
  CHECK(profile.messages_sent == 1);
  CHECK(client->LearnReleased("ABCDEF1234", "From: a@b.test\n\nx\n", kNow).IsNotFound());
}

TEST_CASE("malformed requests get an error line, not a crash", "[held][admin]") {
  test::TempDir dir;
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  StoreAdminOperations admin(store.get(), ParseOptions());
  for (const char* line :
       {"", "not json", "[]", "{\"op\":\"drop_database\"}", "{\"op\":\"get_held\"}",
        "{\"op\":\"set_held_status\",\"queue_id\":1}",
        "{\"op\":\"set_held_status\",\"queue_id\":\"A\",\"status\":\"x\",\"now\":1}"}) {
    const nlohmann::json response = nlohmann::json::parse(HandleAdminRequest(&admin, line));
    INFO(line);
    CHECK(response["ok"] == false);
    CHECK(response["code"] == "invalid_argument");
  }
}

TEST_CASE("lines are taken whole, however the socket splits them", "[held][admin]") {
  int fds[2];
  REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
  REQUIRE(SendAll(fds[0], "{\"op\":"));
  std::string buffer;
  std::string line;
  REQUIRE(ReceiveMore(fds[1], &buffer));
  CHECK_FALSE(TakeLine(&buffer, &line));
  REQUIRE(SendAll(fds[0], "1}\nsecond\n\nrest"));
  REQUIRE(ReceiveMore(fds[1], &buffer));
  REQUIRE(TakeLine(&buffer, &line));
  CHECK(line == "{\"op\":1}");
  REQUIRE(TakeLine(&buffer, &line));
  CHECK(line == "second");
  REQUIRE(TakeLine(&buffer, &line));
  CHECK(line.empty());
  CHECK_FALSE(TakeLine(&buffer, &line));
  CHECK(buffer == "rest");
  close(fds[0]);
  CHECK_FALSE(ReceiveMore(fds[1], &buffer));  // the peer is gone
  CHECK_FALSE(SendAll(fds[1], "x"));          // and no SIGPIPE kills the test
  close(fds[1]);
}

TEST_CASE("no daemon on the socket reads as NotFound", "[held][admin]") {
  test::TempDir dir;
  std::unique_ptr<AdminOperations> client;
  CHECK(ConnectAdmin(dir.Sub("admin.sock"), &client).IsNotFound());
}

}  // namespace
}  // namespace rapport
