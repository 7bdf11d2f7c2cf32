// The [cluster] section: what it reads, and one line for every bad value.

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "config/config.h"

namespace rapport {
namespace {

// A password file of the given mode, removed when the test ends.
class PasswordFile {
 public:
  PasswordFile(const std::string& text, mode_t mode) {
    char name[] = "/tmp/rapport-redis-password-XXXXXX";
    const int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    close(fd);
    path_ = name;
    std::ofstream(path_) << text;
    REQUIRE(chmod(path_.c_str(), mode) == 0);
  }
  ~PasswordFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Status Parse(const std::string& text, Config* config) {
  return ParseConfig(text, "cluster.conf", config);
}

TEST_CASE("without [cluster] the gateway shares nothing", "[config][cluster]") {
  Config config;
  REQUIRE(
      Parse("local_domains = example.com\n[cluster]\n# redis = 127.0.0.1:6379\n", &config).ok());
  CHECK_FALSE(config.cluster.enabled());
  CHECK(config.cluster.key_prefix == "rapport:");
  CHECK(config.cluster.password.empty());
}

TEST_CASE("[cluster] reads every key", "[config][cluster]") {
  PasswordFile password("s3cret\nignored second line\n", 0640);
  Config config;
  const Status s = Parse("[cluster]\nredis = 10.0.0.5:6380\nnode = mx-1.example\npassword_file = " +
                             password.path() + "\nkey_prefix = mail:rapport:\n",
                         &config);
  REQUIRE(s.ok());
  CHECK(config.cluster.enabled());
  CHECK(config.cluster.redis == "10.0.0.5:6380");
  CHECK(config.cluster.node == "mx-1.example");
  CHECK(config.cluster.password_file == password.path());
  CHECK(config.cluster.password == "s3cret");
  CHECK(config.cluster.key_prefix == "mail:rapport:");

  Config unix_socket;
  REQUIRE(
      Parse("[cluster]\nredis = unix:/run/redis/redis.sock\nnode = relay\n", &unix_socket).ok());
  CHECK(unix_socket.cluster.redis == "unix:/run/redis/redis.sock");
  Config ipv6;
  REQUIRE(Parse("[cluster]\nredis = [::1]:6379\nnode = a\n", &ipv6).ok());
  CHECK(ipv6.cluster.redis == "[::1]:6379");
}

TEST_CASE("a password file of mode 0600 is accepted", "[config][cluster]") {
  PasswordFile password("pw\n", 0600);
  Config config;
  REQUIRE(
      Parse("[cluster]\nredis = h:1\nnode = a\npassword_file = " + password.path() + "\n", &config)
          .ok());
  CHECK(config.cluster.password == "pw");
}

TEST_CASE("every bad [cluster] value is one line naming the key and what to do",
          "[config][cluster]") {
  PasswordFile world_readable("pw\n", 0644);
  PasswordFile group_writable("pw\n", 0660);
  PasswordFile empty_line("\nsecond\n", 0600);
  PasswordFile empty_file("", 0600);
  struct Case {
    std::string text;
    std::string line;
    std::string reason;
  };
  const Case cases[] = {
      {"[cluster]\nredis = localhost\nnode = a\n", "cluster.conf:2: cluster.redis",
       "is not HOST:PORT or unix:/path"},
      {"[cluster]\nredis = localhost:0\nnode = a\n", "cluster.conf:2: cluster.redis",
       "out of range 1..65535"},
      {"[cluster]\nredis = localhost:70000\nnode = a\n", "cluster.conf:2: cluster.redis",
       "out of range"},
      {"[cluster]\nredis = localhost:x\nnode = a\n", "cluster.conf:2: cluster.redis",
       "is not a number"},
      {"[cluster]\nredis = :6379\nnode = a\n", "cluster.conf:2: cluster.redis", "is not HOST:PORT"},
      {"[cluster]\nredis = ::1:6379\nnode = a\n", "cluster.conf:2: cluster.redis",
       "is not HOST:PORT"},
      {"[cluster]\nredis = unix:relative.sock\nnode = a\n", "cluster.conf:2: cluster.redis",
       "is not unix:/absolute/path"},
      {"[cluster]\nredis =\nnode = a\n", "cluster.conf:2: cluster.redis", "is not HOST:PORT"},
      {"[cluster]\nredis = h:1\nnode = mx 1\n", "cluster.conf:3: cluster.node",
       "is not a node name"},
      {"[cluster]\nredis = h:1\nnode =\n", "cluster.conf:3: cluster.node", "is not a node name"},
      {"[cluster]\nredis = h:1\nnode = " + std::string(65, 'n') + "\n",
       "cluster.conf:3: cluster.node", "at most 64"},
      {"[cluster]\nnode = a\n", "cluster.conf:2: cluster.node", "[cluster] needs redis ="},
      {"[cluster]\nredis = h:1\n", "cluster.conf:2: cluster.redis", "[cluster] needs node = NAME"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = relative\n",
       "cluster.conf:4: cluster.password_file", "is not an absolute path"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = /nonexistent/pw\n",
       "cluster.conf:4: cluster.password_file", "cannot read /nonexistent/pw: No such file"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = /tmp\n",
       "cluster.conf:4: cluster.password_file", "is not a regular file"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = " + world_readable.path() + "\n",
       "cluster.conf:4: cluster.password_file", "has mode 0644; make it 0600 or 0640"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = " + group_writable.path() + "\n",
       "cluster.conf:4: cluster.password_file", "has mode 0660"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = " + empty_line.path() + "\n",
       "cluster.conf:4: cluster.password_file", "holds an empty first line"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = " + empty_file.path() + "\n",
       "cluster.conf:4: cluster.password_file", "it is empty"},
      {"[cluster]\nredis = h:1\nnode = a\nkey_prefix = a b\n", "cluster.conf:4: cluster.key_prefix",
       "is not a key prefix"},
      {"[cluster]\nredis = h:1\nnode = a\nreplicas = 2\n", "cluster.conf:4: cluster.replicas",
       "unknown key"},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Config config;
    config.state_dir = "unchanged";
    const Status s = Parse(c.text, &config);
    REQUIRE(s.IsInvalidArgument());
    CHECK_THAT(s.message(), Catch::StartsWith(c.line));
    CHECK_THAT(s.message(), Catch::Contains(c.reason));
    CHECK(s.message().find('\n') == std::string::npos);
    CHECK(config.state_dir == "unchanged");
  }
}

}  // namespace
}  // namespace rapport
