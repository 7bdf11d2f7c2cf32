#include "milter/metrics_server.h"

#include <arpa/inet.h>
#include <netinet/in.h>
#include <sys/socket.h>
#include <unistd.h>

#include <atomic>
#include <catch2/catch.hpp>
#include <stdexcept>
#include <string>

#include "milter/metrics_exposition.h"

namespace rapport {
namespace {

// Sends `request` to 127.0.0.1:`port` and returns everything the server
// answered before closing.
std::string Exchange(uint16_t port, const std::string& request) {
  const int fd = socket(AF_INET, SOCK_STREAM, 0);
  REQUIRE(fd >= 0);
  sockaddr_in address = {};
  address.sin_family = AF_INET;
  address.sin_port = htons(port);
  address.sin_addr.s_addr = htonl(INADDR_LOOPBACK);
  REQUIRE(connect(fd, reinterpret_cast<sockaddr*>(&address), sizeof address) == 0);
  REQUIRE(write(fd, request.data(), request.size()) == static_cast<ssize_t>(request.size()));
  std::string answer;
  char buffer[4096];
  for (ssize_t n; (n = read(fd, buffer, sizeof buffer)) > 0;) answer.append(buffer, n);
  close(fd);
  return answer;
}

std::string Get(uint16_t port, const std::string& path) {
  return Exchange(port,
                  "GET " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n\r\n");
}

ListenAddress Loopback() {
  ListenAddress address;
  REQUIRE(ParseListenAddress("127.0.0.1:1", &address));
  address.port = 0;  // any free port
  return address;
}

TEST_CASE("GET /metrics answers the rendered text, built anew for each scrape",
          "[milter][metrics][http]") {
  std::atomic<int> scrapes{0};
  MetricsServer server(
      [&scrapes] { return "rapport_scrapes " + std::to_string(++scrapes) + "\n"; });
  CHECK(server.port() == 0);
  REQUIRE(server.Start(Loopback()).ok());
  REQUIRE(server.port() != 0);

  const std::string first = Get(server.port(), "/metrics");
  CHECK(first.rfind("HTTP/1.1 200", 0) == 0);
  CHECK_THAT(first, Catch::Contains(std::string("Content-Type: ") + kMetricsContentType));
  CHECK_THAT(first, Catch::EndsWith("\r\n\r\nrapport_scrapes 1\n"));
  CHECK_THAT(Get(server.port(), "/metrics"), Catch::EndsWith("rapport_scrapes 2\n"));
  server.Stop();
  server.Stop();  // twice is harmless
  CHECK(server.port() == 0);
}

TEST_CASE("Other paths are 404, other methods 405, a failing render 500",
          "[milter][metrics][http]") {
  std::atomic<bool> fail{false};
  MetricsServer server([&fail]() -> std::string {
    if (fail) throw std::runtime_error("store on fire");
    return "ok\n";
  });
  REQUIRE(server.Start(Loopback()).ok());
  CHECK(Get(server.port(), "/").rfind("HTTP/1.1 404", 0) == 0);
  CHECK(Get(server.port(), "/metrics/../etc/passwd").rfind("HTTP/1.1 404", 0) == 0);
  CHECK(Exchange(server.port(),
                 "POST /metrics HTTP/1.1\r\nHost: x\r\nContent-Length: 3\r\n"
                 "Connection: close\r\n\r\nabc")
            .rfind("HTTP/1.1 405", 0) == 0);
  fail = true;
  const std::string failed = Get(server.port(), "/metrics");
  CHECK(failed.rfind("HTTP/1.1 500", 0) == 0);
  CHECK_THAT(failed, Catch::Contains("metrics unavailable: store on fire"));
}

TEST_CASE("A port already in use is an error naming the address", "[milter][metrics][http]") {
  MetricsServer first([] { return std::string(); });
  REQUIRE(first.Start(Loopback()).ok());
  ListenAddress taken = Loopback();
  taken.port = first.port();
  MetricsServer second([] { return std::string(); });
  const Status status = second.Start(taken);
  REQUIRE(status.IsIoError());
  CHECK_THAT(status.message(),
             Catch::StartsWith("cannot serve metrics on 127.0.0.1:" + std::to_string(taken.port)));
}

}  // namespace
}  // namespace rapport
