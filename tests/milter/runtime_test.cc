#include "milter/runtime.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "milter/logger.h"
#include "milter/socket_spec.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

TEST_CASE("A reload keeps the settings fixed for the process's life", "[milter][runtime]") {
  Config running;
  running.socket = "inet:8894@127.0.0.1";
  running.state_dir = "/var/lib/rapport";
  running.local_domains = {"example.test"};
  running.scoring.local_domains = {"example.test"};
  running.subject_tag = "[OLD]";

  Config loaded = running;
  loaded.socket = "inet:9999@127.0.0.1";
  loaded.state_dir = "/tmp/elsewhere";
  loaded.local_domains = {"other.test"};
  loaded.scoring.local_domains = {"other.test"};
  loaded.subject_tag = "[NEW]";
  loaded.metrics_listen = "";
  loaded.store.memtable_bytes = 256 << 20;

  const std::vector<std::string> changed = KeepRestartOnlySettings(running, &loaded);
  CHECK(changed == std::vector<std::string>{"socket", "metrics_listen", "state_dir",
                                            "local_domains", "store"});
  CHECK(loaded.metrics_listen == "127.0.0.1:9894");
  CHECK(loaded.store == StoreSizing());
  CHECK(loaded.socket == "inet:8894@127.0.0.1");
  CHECK(loaded.state_dir == "/var/lib/rapport");
  CHECK(loaded.local_domains == std::vector<std::string>{"example.test"});
  CHECK(loaded.scoring.local_domains == std::vector<std::string>{"example.test"});
  CHECK(loaded.subject_tag == "[NEW]");
}

TEST_CASE("A Runtime is built from a valid config and refused from a bad one",
          "[milter][runtime]") {
  Config config;
  std::shared_ptr<const Runtime> runtime;
  REQUIRE(BuildRuntime(config, &runtime).ok());
  REQUIRE(runtime != nullptr);
  CHECK(runtime->scorer != nullptr);

  RuntimeSlot slot(runtime);
  config.scoring.weights["NO_SUCH_SIGNAL"] = 10;
  std::shared_ptr<const Runtime> refused;
  CHECK_FALSE(BuildRuntime(config, &refused).ok());
  CHECK(refused == nullptr);
  CHECK(slot.Load() == runtime);
}

TEST_CASE("Socket specs are checked before libmilter sees them", "[milter][socket]") {
  SocketSpec spec;
  REQUIRE(ParseSocketSpec("inet:8894@127.0.0.1", &spec).ok());
  CHECK(spec.kind == SocketSpec::Kind::kInet);
  REQUIRE(ParseSocketSpec("unix:/run/rapport/rapport.sock", &spec).ok());
  CHECK(spec.kind == SocketSpec::Kind::kUnix);
  CHECK(spec.path == "/run/rapport/rapport.sock");
  REQUIRE(ParseSocketSpec("local:/tmp/r.sock", &spec).ok());
  CHECK(spec.kind == SocketSpec::Kind::kUnix);
  CHECK_FALSE(ParseSocketSpec("inet:0@127.0.0.1", &spec).ok());
  CHECK_FALSE(ParseSocketSpec("inet:70000@127.0.0.1", &spec).ok());
  CHECK_FALSE(ParseSocketSpec("inet:88x@127.0.0.1", &spec).ok());
  CHECK_FALSE(ParseSocketSpec("inet:8894@", &spec).ok());
  CHECK_FALSE(ParseSocketSpec("unix:relative.sock", &spec).ok());
  CHECK_FALSE(ParseSocketSpec("127.0.0.1:8894", &spec).ok());
}

TEST_CASE("Listening TCP sockets get TCP_NODELAY", "[milter][socket]") {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address{};
  address.sin_family = AF_INET;
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(bind(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  int nodelay = -1;
  socklen_t size = sizeof nodelay;
  REQUIRE(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &size) == 0);
  CHECK(nodelay == 0);
  // Not listening yet: left alone.
  DisableNagleOnListeners();
  REQUIRE(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &size) == 0);
  CHECK(nodelay == 0);
  REQUIRE(listen(fd, 1) == 0);
  CHECK(DisableNagleOnListeners() >= 1);
  REQUIRE(getsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &nodelay, &size) == 0);
  CHECK(nodelay != 0);
  close(fd);
}

TEST_CASE("Log levels parse by name", "[milter][log]") {
  LogLevel level = LogLevel::kError;
  REQUIRE(ParseLogLevel("debug", &level));
  CHECK(level == LogLevel::kDebug);
  REQUIRE(ParseLogLevel("warning", &level));
  CHECK(level == LogLevel::kWarning);
  CHECK_FALSE(ParseLogLevel("verbose", &level));
}

}  // namespace
}  // namespace rapport

namespace rapport {
namespace {

TEST_CASE("Store policy entries join the scorer after the file's, and a rebuild keeps both",
          "[milter][runtime][policy]") {
  test::TempDir dir;
  std::unique_ptr<HistoryStore> store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  StoredPolicyEntry entry;
  entry.list = "blocked_senders";
  entry.entry = "x@partner.test";
  entry.added_at = 1700000000;
  entry.added_by = {0, "root", ""};
  REQUIRE(store->PutPolicyEntry(entry).ok());

  Config config;
  config.local_domains = config.scoring.local_domains = {"acme.com"};
  PolicyEntry file_entry;
  REQUIRE(ParsePolicyEntry("x@partner.test", PolicyList::kTrustedSenders, &file_entry).ok());
  file_entry.origin = "rapport.conf:7";
  config.scoring.policy.entries.push_back(file_entry);
  std::shared_ptr<const Runtime> runtime;
  REQUIRE(BuildRuntime(config, &runtime).ok());
  RuntimeSlot slot(runtime);
  REQUIRE(ApplyStoredPolicy(*store, &slot).ok());
  const std::shared_ptr<const Runtime> applied = slot.Load();
  REQUIRE(applied != runtime);
  REQUIRE(applied->stored_policy.size() == 1);
  // The file's [policy] stays as the file says; the scorer has both.
  CHECK(applied->config.scoring.policy.entries.size() == 1);

  Message message;
  message.from = test::Address("x@partner.test");
  message.envelope.mail_from = "x@partner.test";
  message.envelope.rcpt_to = {"alice@acme.com"};
  message.to = {test::Address("alice@acme.com")};
  Verdict verdict;
  REQUIRE(applied->scorer->Score(message, Direction::kInbound, *store, 1700000100, &verdict).ok());
  REQUIRE(verdict.policy.has_value());
  // A block decides before a trust, wherever each is written.
  CHECK(verdict.policy->list == PolicyList::kBlockedSenders);
  CHECK(verdict.policy->origin == "added by 0/root at 2023-11-14T22:13:20Z");
  CHECK(verdict.action == Action::kHold);

  REQUIRE(store->DeletePolicyEntry("blocked_senders", "x@partner.test").ok());
  REQUIRE(ApplyStoredPolicy(*store, &slot).ok());
  CHECK(slot.Load()->stored_policy.empty());
  REQUIRE(
      slot.Load()->scorer->Score(message, Direction::kInbound, *store, 1700000100, &verdict).ok());
  REQUIRE(verdict.policy.has_value());
  CHECK(verdict.policy->origin == "rapport.conf:7");
  CHECK(verdict.action == Action::kAccept);
}

TEST_CASE("A rebuild that fails leaves the running Runtime", "[milter][runtime]") {
  std::shared_ptr<const Runtime> runtime;
  REQUIRE(BuildRuntime(Config(), &runtime).ok());
  RuntimeSlot slot(runtime);
  StoredPolicyEntry bad;
  bad.list = "blocked_senders";
  bad.entry = "nobody";
  const Status status =
      slot.Rebuild([&](const Runtime& running, std::shared_ptr<const Runtime>* next) {
        return BuildRuntime(running.config, {bad}, next);
      });
  CHECK(status.IsCorruption());
  CHECK(slot.Load() == runtime);
}

}  // namespace
}  // namespace rapport
