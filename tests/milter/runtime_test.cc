#include "milter/runtime.h"

#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <unistd.h>

#include <catch2/catch.hpp>

#include "milter/logger.h"
#include "milter/socket_spec.h"

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

  const std::vector<std::string> changed = KeepRestartOnlySettings(running, &loaded);
  CHECK(changed ==
        std::vector<std::string>{"socket", "metrics_listen", "state_dir", "local_domains"});
  CHECK(loaded.metrics_listen == "127.0.0.1:9894");
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
