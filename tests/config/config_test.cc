#include "config/config.h"

#include <sys/stat.h>
#include <unistd.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

namespace rapport {
namespace {

// A config file in a scratch location, removed when the test ends.
class ConfigFile {
 public:
  explicit ConfigFile(const std::string& text) {
    char name[] = "/tmp/rapport-config-XXXXXX";
    const int fd = mkstemp(name);
    REQUIRE(fd >= 0);
    close(fd);
    path_ = name;
    std::ofstream(path_) << text;
  }
  ~ConfigFile() { std::remove(path_.c_str()); }
  const std::string& path() const { return path_; }

 private:
  std::string path_;
};

Status Load(const std::string& text, Config* config) {
  ConfigFile file(text);
  return LoadConfig(file.path(), config);
}

// A Redis password file ([cluster] password_file) of the given mode.
class PasswordFile : public ConfigFile {
 public:
  PasswordFile(const std::string& text, mode_t mode) : ConfigFile(text) {
    REQUIRE(chmod(path().c_str(), mode) == 0);
  }
};

TEST_CASE("the packaged example config loads with its documented defaults", "[config]") {
  Config config;
  const Status s = LoadConfig(RAPPORT_PACKAGED_CONFIG, &config);
  REQUIRE(s.ok());
  CHECK(config.local_domains == std::vector<std::string>{"example.com"});
  CHECK(config.state_dir == "/var/lib/rapport");
  CHECK(config.retention_days == 400);
  CHECK(config.socket == "inet:8894@127.0.0.1");
  CHECK(config.scoring.tag_threshold == 40);
  CHECK(config.scoring.hold_threshold == 70);
  CHECK(config.scoring.reject_threshold == 0);
  CHECK(config.on_error == ErrorPolicy::kAccept);
  CHECK(config.max_recipients == 10000);
  CHECK(config.store.block_cache_bytes == 64 * 1024 * 1024);
  CHECK(config.store.memtable_bytes == 64 * 1024 * 1024);
  CHECK(config.store.max_wal_bytes == 8 * 1024 * 1024);
  CHECK(config.store_open_wait_seconds == 2);
  CHECK(config.store == StoreSizing());
  CHECK(config.digest == DigestConfig());
}

TEST_CASE("every documented key is read into its field", "[config]") {
  Config config;
  const Status s = Load(
      "local_domains = Example.COM, bücher.example\n"
      "organisation_domains = Example.NET example-online.com\n"
      "internal_networks = 10.0.0.0/8 192.168.1.7\n"
      "socket = unix:/run/rapport/rapport.sock\n"
      "socket_mode = 0600\n"
      "user = rapport\n"
      "state_dir = /srv/rapport\n"
      "on_error = tempfail\n"
      "timeout = 12\n"
      "retention_days = 0\n"
      "subject_tag = [CHECK]\n"
      "log_level = debug\n"
      "[limits]\n"
      "max_message_size = 2m\n"
      "max_mime_depth = 10\n"
      "max_links = 50\n"
      "max_recipients = 500\n"
      "[store]\n"
      "block_cache = 48m\n"
      "memtable_budget = 1g\n"
      "max_wal_size = 2048k\n"
      "open_wait = 0\n"
      "[thresholds]\n"
      "tag = 30\n"
      "hold = 60\n"
      "reject = 95\n"
      "[scoring]\n"
      "self_regulation_half_life = 2.5\n"
      "trusted_authserv_ids = MX.Example.com\n"
      "[mta]\n"
      "release_command = postsuper -c /etc/postfix-in -H {queue_id}\n"
      "flush_command = postqueue -c /etc/postfix-in -i {queue_id}\n",
      &config);
  REQUIRE(s.ok());
  CHECK(config.local_domains == std::vector<std::string>{"example.com", "xn--bcher-kva.example"});
  CHECK(config.scoring.local_domains == config.local_domains);
  CHECK(config.scoring.organisation_domains ==
        std::vector<std::string>{"example.net", "example-online.com"});
  CHECK(config.internal_networks.size() == 2);
  CHECK(InNetworks("10.1.2.3", config.internal_networks));
  CHECK(InNetworks("192.168.1.7", config.internal_networks));
  CHECK_FALSE(InNetworks("192.168.1.8", config.internal_networks));
  CHECK(config.socket == "unix:/run/rapport/rapport.sock");
  CHECK(config.socket_mode == "0600");
  CHECK(config.user == "rapport");
  CHECK(config.state_dir == "/srv/rapport");
  CHECK(config.on_error == ErrorPolicy::kTempfail);
  CHECK(config.timeout_seconds == 12);
  CHECK(config.retention_days == 0);
  CHECK(config.subject_tag == "[CHECK]");
  CHECK(config.log_level == "debug");
  CHECK(config.parse.max_message_size == 2 * 1024 * 1024);
  CHECK(config.parse.max_mime_depth == 10);
  CHECK(config.parse.max_links == 50);
  CHECK(config.max_recipients == 500);
  CHECK(config.store_open_wait_seconds == 0);
  CHECK(config.store.block_cache_bytes == 48u << 20);
  CHECK(config.store.memtable_bytes == 1u << 30);
  CHECK(config.store.max_wal_bytes == 2u << 20);
  CHECK(config.scoring.tag_threshold == 30);
  CHECK(config.scoring.hold_threshold == 60);
  CHECK(config.scoring.reject_threshold == 95);
  CHECK(config.scoring.self_regulation_half_life == 2.5);
  CHECK(config.scoring.trusted_authserv_ids == std::vector<std::string>{"mx.example.com"});
  CHECK(config.mta.flush ==
        std::vector<std::string>{"postqueue", "-c", "/etc/postfix-in", "-i", "{queue_id}"});
  CHECK(config.mta.release ==
        std::vector<std::string>{"postsuper", "-c", "/etc/postfix-in", "-H", "{queue_id}"});
}

TEST_CASE("[mta] preset = sendmail fills the four commands", "[config]") {
  Config config;
  REQUIRE(ParseConfig("[mta]\npreset = sendmail\n", "test.conf", &config).ok());
  CHECK(config.mta.release == std::vector<std::string>{"sendmail", "-qQ", "-qI{queue_id}", "-Q"});
  CHECK(config.mta.flush == std::vector<std::string>{"sendmail", "-qI{queue_id}"});
  CHECK(config.mta.show == std::vector<std::string>{"/usr/libexec/rapport/sendmail-queued-message",
                                                    "/var/spool/mqueue", "{queue_id}"});
  CHECK(config.mta.remove == std::vector<std::string>{"rm", "--", "/var/spool/mqueue/hf{queue_id}",
                                                      "/var/spool/mqueue/df{queue_id}"});
}

TEST_CASE("[mta] preset = postfix is the default", "[config]") {
  Config config;
  REQUIRE(ParseConfig("[mta]\npreset = postfix\n", "test.conf", &config).ok());
  const MtaCommands defaults;
  CHECK(config.mta.release == defaults.release);
  CHECK(config.mta.remove == defaults.remove);
  CHECK(config.mta.show == defaults.show);
  CHECK(config.mta.flush == defaults.flush);
  CHECK(defaults.release == std::vector<std::string>{"postsuper", "-H", "{queue_id}"});
}

TEST_CASE("an explicit [mta] command wins over the preset, before or after it", "[config]") {
  for (const char* text : {"[mta]\nshow_command = cat /q/df{queue_id}\npreset = sendmail\n",
                           "[mta]\npreset = sendmail\nshow_command = cat /q/df{queue_id}\n"}) {
    INFO(text);
    Config config;
    REQUIRE(ParseConfig(text, "test.conf", &config).ok());
    CHECK(config.mta.show == std::vector<std::string>{"cat", "/q/df{queue_id}"});
    CHECK(config.mta.release == std::vector<std::string>{"sendmail", "-qQ", "-qI{queue_id}", "-Q"});
  }
}

TEST_CASE("a known signal weight is accepted", "[config]") {
  const std::vector<std::string> names = RegisteredSignalNames();
  REQUIRE_FALSE(names.empty());
  Config config;
  REQUIRE(Load("[weights]\n" + names.front() + " = 12.5\n", &config).ok());
  CHECK(config.scoring.weights.at(names.front()) == 12.5);
}

// Each bad input must fail with one line naming the file, the line and the problem.
TEST_CASE("bad config lines are refused with file, line and reason", "[config][cluster]") {
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
      {"local_domains = a.com\ntreshold = 3\n", ":2: treshold: unknown key", ""},
      {"[thresholds]\nhold = lots\n", ":2: thresholds.hold", "'lots' is not a number"},
      {"[thresholds]\n\ntag = 101\n", ":3: thresholds.tag", "out of range"},
      {"[thresholds]\ntag = 80\nhold = 70\n", ":3: thresholds.hold", "must not be below"},
      {"[weights]\nNO_SUCH_SIGNAL = 3\n", ":2: weights.NO_SUCH_SIGNAL",
       "unknown signal 'NO_SUCH_SIGNAL'; valid signals: "},
      {"internal_networks = 10.0.0.0/33\n", ":1: internal_networks", "not a network"},
      {"local_domains = not a_domain!\n", ":1: local_domains", "is not a domain name"},
      {"organisation_domains = localhost\n", ":1: organisation_domains", "is not a domain name"},
      {"on_error = maybe\n", ":1: on_error", "not one of: accept, tempfail"},
      {"socket = 8894\n", ":1: socket", "inet:PORT@HOST"},
      {"socket_mode = rw\n", ":1: socket_mode", "octal"},
      {"[policy]\ntrusted_senders = alice@vendor.test, vendor.test\n", ":2: policy.trusted_senders",
       "'vendor.test' is not an address (name@domain) or @domain"},
      {"[policy]\n\nblocked_domains = spam.test not_a_domain!\n", ":3: policy.blocked_domains",
       "'not_a_domain!' is not a domain"},
      {"[policy]\nblocked_action = bounce\n", ":2: policy.blocked_action",
       "not one of: hold, reject"},
      {"metrics_listen = localhost:9894\n", ":1: metrics_listen", "not ADDRESS:PORT"},
      {"metrics_listen = 127.0.0.1\n", ":1: metrics_listen", "not ADDRESS:PORT"},
      {"metrics_listen = 127.0.0.1:0\n", ":1: metrics_listen", "not ADDRESS:PORT"},
      {"metrics_listen = 127.0.0.1:65536\n", ":1: metrics_listen", "not ADDRESS:PORT"},
      {"metrics_listen = 127.0.0.1:http\n", ":1: metrics_listen", "not ADDRESS:PORT"},
      {"metrics_listen = ::1:9894\n", ":1: metrics_listen", "not ADDRESS:PORT"},
      {"metrics_listen = [127.0.0.1]:9894\n", ":1: metrics_listen", "not ADDRESS:PORT"},
      {"\nretention_days = -1\n", ":2: retention_days", "out of range"},
      {"retention_days = a year\n", ":1: retention_days", "not a number"},
      {"[limits]\nmax_message_size = 0\n", ":2: limits.max_message_size", "out of range"},
      {"[store]\nblock_cache = 512k\n", ":2: store.block_cache", "below the minimum 1m"},
      {"[store]\nmemtable_budget = 2m\n", ":2: store.memtable_budget", "below the minimum 4m"},
      {"[store]\nmemtable_budget = lots\n", ":2: store.memtable_budget", "not a number"},
      {"[store]\nmax_wal_size = 0\n", ":2: store.max_wal_size", "out of range"},
      {"[store]\nmax_wal_size = -32m\n", ":2: store.max_wal_size", "out of range"},
      {"[store]\nmax_wal_size = 2t\n", ":2: store.max_wal_size", "not a number"},
      {"[store]\nwal_size = 32m\n", ":2: store.wal_size: unknown key", ""},
      {"[store]\nopen_wait = 11\n", ":2: store.open_wait", "out of range"},
      {"[store]\nopen_wait = 2s\n", ":2: store.open_wait", "not a number"},
      {"[mta]\nrelease_command = postsuper -H\n", ":2: mta.release_command",
       "must contain {queue_id}"},
      {"[mta]\n\npreset = exim\n", ":3: mta.preset", "'exim' is not one of: postfix, sendmail"},
      {"state_dir = /a\nstate_dir = /b\n", ":2: 'state_dir' is set twice", "first on line 1"},
      {"[thresholds\n", ":1: malformed section header", ""},
      {"just words\n", ":1: expected 'key = value'", ""},
      {"[cluster]\nredis = localhost\nnode = a\n", ":2: cluster.redis",
       "is not HOST:PORT or unix:/path"},
      {"[cluster]\nredis = localhost:0\nnode = a\n", ":2: cluster.redis", "out of range 1..65535"},
      {"[cluster]\nredis = localhost:70000\nnode = a\n", ":2: cluster.redis", "out of range"},
      {"[cluster]\nredis = localhost:x\nnode = a\n", ":2: cluster.redis", "is not a number"},
      {"[cluster]\nredis = :6379\nnode = a\n", ":2: cluster.redis", "is not HOST:PORT"},
      {"[cluster]\nredis = ::1:6379\nnode = a\n", ":2: cluster.redis", "is not HOST:PORT"},
      {"[cluster]\nredis = unix:relative.sock\nnode = a\n", ":2: cluster.redis",
       "is not unix:/absolute/path"},
      {"[cluster]\nredis =\nnode = a\n", ":2: cluster.redis", "is not HOST:PORT"},
      {"[cluster]\nredis = h:1\nnode = mx 1\n", ":3: cluster.node", "is not a node name"},
      {"[cluster]\nredis = h:1\nnode =\n", ":3: cluster.node", "is not a node name"},
      {"[cluster]\nredis = h:1\nnode = " + std::string(65, 'n') + "\n", ":3: cluster.node",
       "at most 64"},
      {"[cluster]\nnode = a\n", ":2: cluster.node", "[cluster] needs redis ="},
      {"[cluster]\nredis = h:1\n", ":2: cluster.redis", "[cluster] needs node = NAME"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = relative\n", ":4: cluster.password_file",
       "is not an absolute path"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = /nonexistent/pw\n",
       ":4: cluster.password_file", "cannot read /nonexistent/pw: No such file"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = /tmp\n", ":4: cluster.password_file",
       "is not a regular file"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = " + world_readable.path() + "\n",
       ":4: cluster.password_file", "has mode 0644; make it 0600 or 0640"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = " + group_writable.path() + "\n",
       ":4: cluster.password_file", "has mode 0660"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = " + empty_line.path() + "\n",
       ":4: cluster.password_file", "holds an empty first line"},
      {"[cluster]\nredis = h:1\nnode = a\npassword_file = " + empty_file.path() + "\n",
       ":4: cluster.password_file", "it is empty"},
      {"[cluster]\nredis = h:1\nnode = a\nkey_prefix = a b\n", ":4: cluster.key_prefix",
       "is not a key prefix"},
      {"[cluster]\nredis = h:1\nnode = a\nreplicas = 2\n", ":4: cluster.replicas", "unknown key"},
      {"[digest]\nto = admin@example.test, security\n", ":2: digest.to",
       "'security' is not a mail address"},
      {"[digest]\nto = -oQ/tmp@example.test\n", ":2: digest.to", "is not a mail address"},
      {"[digest]\n\nto = \"a b\"@example.test\n", ":3: digest.to", "is not a mail address"},
      {"[digest]\nto = admin@localhost\n", ":2: digest.to", "is not a mail address"},
      {"[digest]\nto =\n", ":2: digest.to", "no address"},
      {"[digest]\nfrom = a@example.test b@example.test\n", ":2: digest.from", "one address only"},
      {"[digest]\nnotify_recipients = true\n", ":2: digest.notify_recipients",
       "'true' is not one of: no, yes"},
      {"[digest]\nmax_entries = 0\n", ":2: digest.max_entries", "out of range 1..10000"},
      {"[digest]\nsendmail = sendmail -t\n", ":2: digest.sendmail",
       "is not a command starting with an absolute path"},
      {"[digest]\nsubject = Held\n", ":2: digest.subject: unknown key", ""},
  };
  for (const Case& c : cases) {
    INFO(c.text);
    Config config;
    config.state_dir = "unchanged";
    const Status s = Load(c.text, &config);
    REQUIRE(s.IsInvalidArgument());
    CHECK_THAT(s.message(), Catch::Contains(c.line));
    CHECK_THAT(s.message(), Catch::Contains(c.reason));
    CHECK(s.message().find('\n') == std::string::npos);
    CHECK(config.state_dir == "unchanged");
  }
}

TEST_CASE("[digest] reads every key; its sender defaults to postmaster", "[config][digest]") {
  Config config;
  REQUIRE(ParseConfig("local_domains = Example.TEST, other.test\n", "t.conf", &config).ok());
  CHECK(config.digest == DigestConfig());
  CHECK(config.digest.to.empty());
  CHECK_FALSE(config.digest.notify_recipients);
  CHECK(config.digest.max_entries == 100);
  CHECK(config.digest.sendmail == std::vector<std::string>{"/usr/sbin/sendmail"});
  CHECK(DigestSender(config) == "postmaster@example.test");
  CHECK(DigestSender(Config()) == "postmaster");

  REQUIRE(ParseConfig("local_domains = example.test\n"
                      "[digest]\n"
                      "to = Admin@Example.TEST, <security@example.test>\n"
                      "from = rapport@example.test\n"
                      "notify_recipients = yes\n"
                      "max_entries = 25\n"
                      "sendmail = /usr/sbin/sendmail -C /etc/postfix-out\n",
                      "t.conf", &config)
              .ok());
  CHECK(config.digest.to ==
        std::vector<std::string>{"admin@example.test", "security@example.test"});
  CHECK(config.digest.from == "rapport@example.test");
  CHECK(DigestSender(config) == "rapport@example.test");
  CHECK(config.digest.notify_recipients);
  CHECK(config.digest.max_entries == 25);
  CHECK(config.digest.sendmail ==
        std::vector<std::string>{"/usr/sbin/sendmail", "-C", "/etc/postfix-out"});
}

TEST_CASE("metrics_listen takes a literal address and port, or nothing", "[config]") {
  Config config;
  CHECK(config.metrics_listen == "127.0.0.1:9894");
  REQUIRE(Load("metrics_listen = [::1]:19894\n", &config).ok());
  CHECK(config.metrics_listen == "[::1]:19894");
  REQUIRE(Load("metrics_listen = 10.1.2.3:65535\n", &config).ok());
  CHECK(config.metrics_listen == "10.1.2.3:65535");
  REQUIRE(Load("metrics_listen =\n", &config).ok());
  CHECK(config.metrics_listen.empty());

  ListenAddress address;
  REQUIRE(ParseListenAddress("[::1]:19894", &address));
  CHECK(address.ipv6);
  CHECK(address.port == 19894);
  CHECK(address.address[15] == 1);
  REQUIRE(ParseListenAddress("127.0.0.2:9894", &address));
  CHECK_FALSE(address.ipv6);
  CHECK(address.port == 9894);
  CHECK(address.address[0] == 127);
  CHECK(address.address[3] == 2);
}

TEST_CASE("[policy] lists are read with the file and line of each entry", "[config][policy]") {
  Config config;
  REQUIRE(ParseConfig("local_domains = example.com\n"
                      "[policy]\n"
                      "trusted_senders = CEO@Partner.test @bounces.partner.test\n"
                      "trusted_domains = vendor.test\n"
                      "blocked_senders = mallory@vendor.test\n"
                      "blocked_domains = @spam.test, scam.test\n"
                      "blocked_action = reject\n",
                      "/etc/rapport/rapport.conf", &config)
              .ok());
  const PolicyLists& policy = config.scoring.policy;
  CHECK(policy.blocked_action == BlockedAction::kReject);
  std::vector<std::string> entries;
  for (const PolicyEntry& entry : policy.entries) {
    entries.push_back(std::string(PolicyListName(entry.list)) + " " + PolicyEntryText(entry) + " " +
                      entry.origin);
  }
  CHECK(entries == std::vector<std::string>{
                       "trusted_senders ceo@partner.test /etc/rapport/rapport.conf:3",
                       "trusted_senders @bounces.partner.test /etc/rapport/rapport.conf:3",
                       "trusted_domains vendor.test /etc/rapport/rapport.conf:4",
                       "blocked_senders mallory@vendor.test /etc/rapport/rapport.conf:5",
                       "blocked_domains @spam.test /etc/rapport/rapport.conf:6",
                       "blocked_domains scam.test /etc/rapport/rapport.conf:6",
                   });
  Config defaults;
  CHECK(defaults.scoring.policy.entries.empty());
  CHECK(defaults.scoring.policy.blocked_action == BlockedAction::kHold);
}

TEST_CASE("config text is read without a file, errors naming the given path", "[config]") {
  Config config;
  REQUIRE(ParseConfig("[limits]\nmax_links = 7\n", "inline.conf", &config).ok());
  CHECK(config.parse.max_links == 7);
  CHECK(config.path == "inline.conf");
  const Status s = ParseConfig("[limits]\nmax_links = lots\n", "inline.conf", &config);
  REQUIRE_FALSE(s.ok());
  CHECK_THAT(s.message(), Catch::StartsWith("inline.conf:2: limits.max_links"));
  CHECK(config.parse.max_links == 7);  // unchanged on failure
}

TEST_CASE("';' comments are comments, even holding Boost's placeholder text", "[config]") {
  // Found by the config fuzz target: Boost read a ';' line as an option
  // line, refused it, and its error message never finished substituting
  // "%invalid_line%" into itself.
  Config config;
  const Status s = ParseConfig(
      "; read the %invalid_line% and %canonical_option% docs\n"
      "; key = value\n"
      "[limits]\n"
      "max_links = 3\n",
      "inline.conf", &config);
  REQUIRE(s.ok());
  CHECK(config.parse.max_links == 3);
}

TEST_CASE("without [cluster] the gateway shares nothing", "[config][cluster]") {
  Config config;
  REQUIRE(ParseConfig("local_domains = example.com\n[cluster]\n# redis = 127.0.0.1:6379\n",
                      "cluster.conf", &config)
              .ok());
  CHECK_FALSE(config.cluster.enabled());
  CHECK(config.cluster.key_prefix == "rapport:");
  CHECK(config.cluster.password.empty());
}

TEST_CASE("[cluster] reads every key", "[config][cluster]") {
  PasswordFile password("s3cret\nignored second line\n", 0640);
  Config config;
  const Status s = ParseConfig(
      "[cluster]\nredis = 10.0.0.5:6380\nnode = mx-1.example\npassword_file = " + password.path() +
          "\nkey_prefix = mail:rapport:\n",
      "cluster.conf", &config);
  REQUIRE(s.ok());
  CHECK(config.cluster.enabled());
  CHECK(config.cluster.redis == "10.0.0.5:6380");
  CHECK(config.cluster.node == "mx-1.example");
  CHECK(config.cluster.password_file == password.path());
  CHECK(config.cluster.password == "s3cret");
  CHECK(config.cluster.key_prefix == "mail:rapport:");

  Config unix_socket;
  REQUIRE(ParseConfig("[cluster]\nredis = unix:/run/redis/redis.sock\nnode = relay\n",
                      "cluster.conf", &unix_socket)
              .ok());
  CHECK(unix_socket.cluster.redis == "unix:/run/redis/redis.sock");
  Config ipv6;
  REQUIRE(ParseConfig("[cluster]\nredis = [::1]:6379\nnode = a\n", "cluster.conf", &ipv6).ok());
  CHECK(ipv6.cluster.redis == "[::1]:6379");
}

TEST_CASE("a password file of mode 0600 is accepted", "[config][cluster]") {
  PasswordFile password("pw\n", 0600);
  Config config;
  REQUIRE(ParseConfig("[cluster]\nredis = h:1\nnode = a\npassword_file = " + password.path() + "\n",
                      "cluster.conf", &config)
              .ok());
  CHECK(config.cluster.password == "pw");
}

TEST_CASE("redirectors_file replaces the shipped redirectors; a bad one names the key",
          "[config]") {
  Config config;
  // Without the key, loading the config reads the shipped list, so that a
  // missing one stops the start.
  REQUIRE(Load("[scoring]\n", &config).ok());
  REQUIRE(config.parse.redirectors != nullptr);
  CHECK(config.parse.redirectors->size() > 10);
  const ConfigFile list("example.net/go param to\n");
  REQUIRE(Load("[scoring]\nredirectors_file = " + list.path() + "\n", &config).ok());
  REQUIRE(config.parse.redirectors != nullptr);
  CHECK(config.parse.redirectors->size() == 1);

  const ConfigFile bad("example.net/go to\n");
  const Status s = Load("[scoring]\nredirectors_file = " + bad.path() + "\n", &config);
  REQUIRE(s.IsInvalidArgument());
  CHECK_THAT(s.message(), Catch::Contains("redirectors_file"));
  CHECK_THAT(s.message(), Catch::Contains(bad.path() + ":1"));
  CHECK_FALSE(Load("[scoring]\nredirectors_file = /nonexistent/r.txt\n", &config).ok());
}

TEST_CASE("a missing config file names the path", "[config]") {
  Config config;
  const Status s = LoadConfig("/nonexistent/rapport.conf", &config);
  REQUIRE(s.IsIoError());
  CHECK_THAT(s.message(), Catch::Contains("/nonexistent/rapport.conf"));
  CHECK_THAT(s.message(), Catch::Contains("No such file"));
}

}  // namespace
}  // namespace rapport
