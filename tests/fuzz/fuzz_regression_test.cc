#include <algorithm>
#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <sstream>
#include <string>
#include <vector>

#include "fuzz/drivers.h"

namespace rapport::fuzz {
namespace {

// Every file kept for `target`: its crash fixtures, then its seeds.
std::vector<std::filesystem::path> Inputs(const std::string& target) {
  std::vector<std::filesystem::path> inputs;
  for (const char* root : {RAPPORT_FUZZ_FIXTURES, RAPPORT_FUZZ_SEEDS}) {
    const std::filesystem::path dir = std::filesystem::path(root) / target;
    if (!std::filesystem::is_directory(dir)) continue;
    for (const auto& entry : std::filesystem::directory_iterator(dir)) {
      if (entry.is_regular_file()) inputs.push_back(entry.path());
    }
  }
  std::sort(inputs.begin(), inputs.end());
  return inputs;
}

std::string ReadFile(const std::filesystem::path& path) {
  std::ifstream in(path, std::ios::binary);
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

void Replay(const std::string& target, Status (*drive)(std::string_view)) {
  const std::vector<std::filesystem::path> inputs = Inputs(target);
  REQUIRE_FALSE(inputs.empty());
  for (const auto& path : inputs) {
    INFO(path.string());
    const Status status = drive(ReadFile(path));
    CHECK(status.ok());
    if (!status.ok()) WARN(status.ToString());
  }
}

TEST_CASE("Kept parser inputs parse within the caps", "[fuzz]") { Replay("parser", DriveParser); }

TEST_CASE("The parser driver cuts long headers of four-byte characters whole", "[fuzz]") {
  // A subject past the thread key's 256 bytes and a sender name past the
  // display name key's 128, both of U+10FFFF (the last code point) after
  // one ASCII byte, so that every byte bound falls inside a character: the
  // driver's Utf8Prefix cuts and history keys must keep characters whole.
  std::string wide;
  for (int i = 0; i < 80; ++i) wide += "\xF4\x8F\xBF\xBF";
  const std::string message = "From: \"a" + wide + "\" <a@example.com>\r\n" + "Subject: a" + wide +
                              "\r\nTo: b@example.org\r\nContent-Type: text/plain; "
                              "charset=utf-8\r\n\r\na" +
                              wide + "\r\n";
  CHECK(DriveParser(message).ok());
}

TEST_CASE("Kept URL and host inputs normalise consistently", "[fuzz]") {
  Replay("link_target", DriveLinkTarget);
}

TEST_CASE("Kept HTML inputs yield at most the cap of described links", "[fuzz]") {
  Replay("html_links", DriveHtmlLinks);
}

TEST_CASE("Kept PDF inputs yield at most the cap of described links", "[fuzz]") {
  Replay("pdf_links", DrivePdfLinks);
}

TEST_CASE("Kept text inputs yield at most the cap of described links", "[fuzz]") {
  Replay("text_links", DriveTextLinks);
}

TEST_CASE("Kept config inputs load or fail naming the file", "[fuzz]") {
  Replay("config", DriveConfig);
}

TEST_CASE("Kept milter streams stay within the buffer bound", "[fuzz]") {
  Replay("milter_buffer", DriveMilterBuffer);
}

}  // namespace
}  // namespace rapport::fuzz
