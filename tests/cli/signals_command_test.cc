// rapportctl signals: the report of every registered signal, built on a real
// store, and the built rapportctl run as an admin runs it (its text, its
// --json and its failures).

#include <sys/wait.h>

#include <catch2/catch.hpp>
#include <cstdio>
#include <fstream>
#include <string>

#include "cli/signal_report.h"
#include "config/config.h"
#include "scoring/base_rate.h"
#include "scoring/signal_registry.h"
#include "store/history.h"
#include "store/rocksdb_history_store.h"
#include "tests/store/test_support.h"

namespace rapport {
namespace {

// Learns `messages` scored inbound messages from a known sender into the
// store at `path`, FIRST_CONTACT firing on `fired` of them, and one
// internal message on which INTERNAL_NEW_LINK_DOMAIN fired.
void LearnBaseRates(const std::string& path, int messages, int fired) {
  auto store = test::OpenOrFail(test::AcmeOptions(path));
  Message invoice;
  invoice.from = test::Address("billing@vendor.example");
  invoice.to = {test::Address("ann@acme.com")};
  invoice.subject = "Invoice";
  LearnRequest request;
  request.message = &invoice;
  request.recipients = {"ann@acme.com"};
  request.sender.scored = true;
  request.sender.known = true;
  for (int i = 0; i < messages; ++i) {
    invoice.message_id = "inv" + std::to_string(i) + "@vendor.example";
    request.now = test::March2024(2 + i % 20);
    request.signal_contexts.clear();
    if (i < fired) request.signal_contexts = {{"FIRST_CONTACT", "billing@vendor.example"}};
    REQUIRE(store->Learn(request).ok());
  }
  Message note;
  note.from = test::Address("bob@acme.com");
  note.to = {test::Address("carol@acme.com")};
  note.message_id = "note@acme.com";
  request.message = &note;
  request.direction = Direction::kOutbound;
  request.recipients = {"carol@acme.com"};
  request.sender.route = BaseRateRoute::kInternal;
  request.signal_contexts = {{"INTERNAL_NEW_LINK_DOMAIN", "bob@acme.com>wiki.example"}};
  REQUIRE(store->Learn(request).ok());
}

const SignalsReport::Row& RowOf(const SignalsReport& report, std::string_view name) {
  for (const SignalsReport::Row& row : report.rows) {
    if (row.signal->name == name) return row;
  }
  FAIL("no row for " << name);
  return report.rows.front();
}

TEST_CASE("the signals report weighs each signal as the config does and reads its base rates",
          "[signals]") {
  test::TempDir dir;
  LearnBaseRates(dir.path(), 40, 10);
  auto store = test::OpenOrFail(test::AcmeOptions(dir.path()));
  ScoringOptions options;
  options.weights["FIRST_CONTACT"] = 25;
  SignalsReport report;
  REQUIRE(BuildSignalsReport(BuiltInSignals(), options, store.get(), &report).ok());
  REQUIRE(report.rows.size() == BuiltInSignals().signals().size());
  CHECK(report.rows.front().signal == &BuiltInSignals().signals().front());

  const SignalsReport::Row& first_contact = RowOf(report, "FIRST_CONTACT");
  CHECK(first_contact.weight == 25);
  REQUIRE(first_contact.base_rates.size() == 1);  // inbound only
  CHECK(first_contact.base_rates[0].rate.events == 10);
  CHECK(first_contact.base_rates[0].rate.messages == 40);
  // The evidence's own sentence, as explain states it.
  CHECK(first_contact.base_rates[0].description ==
        DescribeBaseRate({10, 40}, BaseRatePopulation::kInbound, options.base_rates));
  CHECK(RowOf(report, "NEW_SENDER_DOMAIN").weight ==
        BuiltInSignals().Find("NEW_SENDER_DOMAIN")->default_weight);

  // A signal judging both routes has a rate on each; the internal one is
  // counted over internal mail whatever population the signal declares.
  const SignalsReport::Row& mailer = RowOf(report, "MAILER_CHANGED");
  REQUIRE(mailer.base_rates.size() == 2);
  CHECK(mailer.base_rates[0].population == BaseRatePopulation::kInbound);
  CHECK(mailer.base_rates[1].population == BaseRatePopulation::kInternal);
  CHECK(mailer.base_rates[1].rate.messages == 1);
  const SignalsReport::Row& internal = RowOf(report, "INTERNAL_NEW_LINK_DOMAIN");
  REQUIRE(internal.base_rates.size() == 1);
  CHECK(internal.base_rates[0].rate.events == 1);
  CHECK(internal.base_rates[0].rate.messages == 1);
  // A signal calibrated over known senders' mail reads that population.
  const SignalsReport::Row& new_link = RowOf(report, "NEW_LINK_DOMAIN_FOR_SENDER");
  REQUIRE(new_link.base_rates.size() == 1);
  CHECK(new_link.base_rates[0].population == BaseRatePopulation::kKnownSenders);
  CHECK(new_link.base_rates[0].rate.messages == 40);
  CHECK(new_link.base_rates[0].rate.events == 0);

  // The JSON names each rate's route, the one whose counts the rate was
  // read from (BaseRateRouteOf()): known senders' mail is inbound mail.
  CHECK(BaseRateRouteOf(BaseRatePopulation::kInbound) == BaseRateRoute::kInbound);
  CHECK(BaseRateRouteOf(BaseRatePopulation::kKnownSenders) == BaseRateRoute::kInbound);
  CHECK(BaseRateRouteOf(BaseRatePopulation::kInternal) == BaseRateRoute::kInternal);
  const nlohmann::json json = SignalsReportToJson(report);
  int judged = 0;
  for (const nlohmann::json& signal : json["signals"]) {
    if (signal["name"] == "MAILER_CHANGED") {
      ++judged;
      REQUIRE(signal["base_rates"].size() == 2);
      CHECK(signal["base_rates"][0]["route"] == "inbound");
      CHECK(signal["base_rates"][0]["population"] == "inbound");
      CHECK(signal["base_rates"][1]["route"] == "internal");
      CHECK(signal["base_rates"][1]["population"] == "internal");
    } else if (signal["name"] == "NEW_LINK_DOMAIN_FOR_SENDER") {
      ++judged;
      REQUIRE(signal["base_rates"].size() == 1);
      CHECK(signal["base_rates"][0]["route"] == "inbound");
      CHECK(signal["base_rates"][0]["population"] == "known_senders");
      CHECK(signal["base_rates"][0]["messages"] == 40);
    }
  }
  CHECK(judged == 2);

  const std::string text = FormatSignalsReport(report);
  CHECK(text.find("weight 25 (default 15)") != std::string::npos);
  CHECK(text.find("(10 of 40)") != std::string::npos);
  CHECK(text.find("tag at 40, hold at 70, reject at off") != std::string::npos);
}

TEST_CASE("the signals report without a store lists weights and no base rate", "[signals]") {
  SignalsReport report;
  REQUIRE(BuildSignalsReport(BuiltInSignals(), ScoringOptions(), nullptr, &report).ok());
  for (const SignalsReport::Row& row : report.rows) {
    INFO(row.signal->name);
    CHECK(row.base_rates.empty());
    CHECK(row.weight == row.signal->default_weight);
  }
  const std::string text = FormatSignalsReport(report);
  CHECK(text.find("(default ") == std::string::npos);
  CHECK(text.find("base rates: not read") != std::string::npos);
  const nlohmann::json json = SignalsReportToJson(report);
  CHECK(json["history_read"] == false);
  CHECK(json["signals"].size() == BuiltInSignals().signals().size());
}

// What the built rapportctl printed on stdout and stderr, and its exit code.
struct Ran {
  std::string output;
  int exit_code = -1;
};

Ran RunRapportctl(const std::string& arguments, bool with_stderr) {
  const std::string command =
      std::string(RAPPORTCTL_PATH) + " " + arguments + (with_stderr ? " 2>&1" : " 2>/dev/null");
  Ran ran;
  FILE* pipe = popen(command.c_str(), "r");
  REQUIRE(pipe != nullptr);
  char buffer[4096];
  size_t read = 0;
  while ((read = fread(buffer, 1, sizeof buffer, pipe)) > 0) ran.output.append(buffer, read);
  const int status = pclose(pipe);
  ran.exit_code = WIFEXITED(status) ? WEXITSTATUS(status) : -1;
  return ran;
}

std::string WriteConfig(const test::TempDir& dir, const std::string& state_dir,
                        const std::string& extra) {
  const std::string path = dir.Sub("rapport.conf");
  std::ofstream(path) << "local_domains = acme.com\nstate_dir = " << state_dir << "\n" << extra;
  return path;
}

TEST_CASE("rapportctl signals prints each signal's configured and default weight and base rate",
          "[signals][rapportctl]") {
  test::TempDir dir;
  LearnBaseRates(dir.Sub("state"), 40, 10);
  const std::string config = WriteConfig(dir, dir.Sub("state"), "[weights]\nFIRST_CONTACT = 25\n");

  const Ran text = RunRapportctl("--config " + config + " signals", false);
  REQUIRE(text.exit_code == 0);
  const size_t line = text.output.find("\nFIRST_CONTACT ");
  REQUIRE(line != std::string::npos);
  const std::string first_contact = text.output.substr(line + 1, 400);
  CHECK(first_contact.find("weight 25 (default 15)\n") != std::string::npos);
  CHECK(first_contact.find("(10 of 40)") != std::string::npos);

  const Ran json = RunRapportctl("--config " + config + " signals --json", false);
  REQUIRE(json.exit_code == 0);
  const nlohmann::json parsed = nlohmann::json::parse(json.output);
  REQUIRE(parsed["signals"].size() == BuiltInSignals().signals().size());
  for (size_t i = 0; i < parsed["signals"].size(); ++i) {
    CHECK(parsed["signals"][i]["name"] == BuiltInSignals().signals()[i].name);
  }
  for (const nlohmann::json& signal : parsed["signals"]) {
    if (signal["name"] != "FIRST_CONTACT") continue;
    CHECK(signal["weight"] == 25);
    CHECK(signal["default_weight"] == 15);
    CHECK(signal["base_rates"][0]["events"] == 10);
    CHECK(signal["base_rates"][0]["messages"] == 40);
  }
}

TEST_CASE("rapportctl signals fails in one line on an unreadable store or config",
          "[signals][rapportctl]") {
  test::TempDir dir;
  const std::string no_store = WriteConfig(dir, dir.Sub("never-learned"), "");

  const Ran missing_store = RunRapportctl("--config " + no_store + " signals", true);
  CHECK(missing_store.exit_code == 1);
  CHECK(missing_store.output.rfind("rapportctl: ", 0) == 0);
  CHECK(missing_store.output.find('\n') == missing_store.output.size() - 1);
  // Without the store it still lists the model, without base rates.
  const Ran without = RunRapportctl("--config " + no_store + " signals --no-store", true);
  CHECK(without.exit_code == 0);
  CHECK(without.output.find("base rates: not read") != std::string::npos);

  const Ran missing_config = RunRapportctl("--config " + dir.Sub("absent.conf") + " signals", true);
  CHECK(missing_config.exit_code == 1);
  CHECK(missing_config.output.rfind("rapportctl: ", 0) == 0);
  CHECK(missing_config.output.find('\n') == missing_config.output.size() - 1);

  const std::string bad_weight = dir.Sub("bad.conf");
  std::ofstream(bad_weight) << "local_domains = acme.com\nstate_dir = " << dir.Sub("state")
                            << "\n[weights]\nNO_SUCH_SIGNAL = 5\n";
  const Ran unknown = RunRapportctl("--config " + bad_weight + " signals --no-store", true);
  CHECK(unknown.exit_code == 1);
  CHECK(unknown.output.find("NO_SUCH_SIGNAL") != std::string::npos);

  const Ran usage = RunRapportctl("--config " + no_store + " signals --bogus", true);
  CHECK(usage.exit_code == 2);
  const Ran help = RunRapportctl("--config " + no_store + " signals --help", false);
  CHECK(help.exit_code == 0);
  CHECK(help.output.find("usage: rapportctl signals") == 0);
}

}  // namespace
}  // namespace rapport
