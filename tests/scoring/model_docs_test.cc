// The pages that describe the detection model stay true to the registry:
// docs/DETECTION.md's "The model" table and docs/ARCHITECTURE.md's "The
// signals" table each name every registered signal once, nothing else,
// with the group, scope (and, on DETECTION.md, default weight) it was
// registered with; ARCHITECTURE.md names the file that registers it.

#include <catch2/catch.hpp>
#include <fstream>
#include <map>
#include <regex>
#include <sstream>
#include <string>
#include <vector>

#include "scoring/signal_registry.h"

namespace rapport::testing {
namespace {

std::string ReadSource(const std::string& relative) {
  std::ifstream in(std::string(RAPPORT_SOURCE_DIR) + "/" + relative);
  INFO(relative);
  REQUIRE(in.good());
  std::ostringstream text;
  text << in.rdbuf();
  return text.str();
}

// The level of a Markdown heading ("## X" is 2); 0 for any other line.
size_t HeadingLevel(const std::string& line) {
  const size_t hashes = line.find_first_not_of('#');
  return hashes != std::string::npos && hashes > 0 && line[hashes] == ' ' ? hashes : 0;
}

// The lines of `page` after the line `heading` up to the next heading of
// the same or a higher level.
std::vector<std::string> Section(const std::string& page, const std::string& heading) {
  const size_t level = HeadingLevel(heading);
  std::istringstream in(page);
  std::vector<std::string> lines;
  bool inside = false;
  bool found = false;
  for (std::string line; std::getline(in, line);) {
    if (line == heading) {
      inside = found = true;
      continue;
    }
    const size_t line_level = HeadingLevel(line);
    if (inside && line_level > 0 && line_level <= level) break;
    if (inside) lines.push_back(line);
  }
  INFO(heading);
  REQUIRE(found);
  return lines;
}

// A table row's cells, trimmed ("| a | b |" -> {"a", "b"}); empty for a
// line that is no row.
std::vector<std::string> Cells(const std::string& line) {
  std::vector<std::string> cells;
  if (line.empty() || line.front() != '|') return cells;
  std::string cell;
  for (size_t i = 1; i < line.size(); ++i) {
    if (line[i] != '|') {
      cell += line[i];
      continue;
    }
    const size_t first = cell.find_first_not_of(' ');
    const size_t last = cell.find_last_not_of(' ');
    cells.push_back(first == std::string::npos ? "" : cell.substr(first, last - first + 1));
    cell.clear();
  }
  return cells;
}

// "correspondent; inbound and internal" for a signal, as the tables write it.
std::string GroupAndScope(const SignalDefinition& signal, const char* separator) {
  return std::string(SignalGroupName(signal.group)) + separator + SignalScopeName(signal.scope);
}

std::string DefaultWeight(double weight) {
  std::ostringstream text;
  text << weight;
  return text.str();
}

TEST_CASE("DETECTION.md's model table lists every registered signal as it is registered",
          "[registry][docs]") {
  const SignalRegistry& registry = BuiltInSignals();
  std::map<std::string, int> listed;
  for (const std::string& line : Section(ReadSource("docs/DETECTION.md"), "## The model")) {
    const std::vector<std::string> cells = Cells(line);
    if (cells.size() < 3 || cells[0].size() < 3 || cells[0].front() != '`') continue;
    const std::string name = cells[0].substr(1, cells[0].size() - 2);
    INFO(line);
    ++listed[name];
    const SignalDefinition* signal = registry.Find(name);
    REQUIRE(signal != nullptr);  // the table names a signal the registry does not hold
    CHECK(cells[1] == GroupAndScope(*signal, "; "));
    CHECK(cells[2] == DefaultWeight(signal->default_weight));
    CHECK(cells.size() == 7);
  }
  for (const SignalDefinition& signal : registry.signals()) {
    INFO(signal.name);
    CHECK(listed[signal.name] == 1);  // missing from the table, or listed twice
  }
  CHECK(listed.size() == registry.signals().size());
}

TEST_CASE("ARCHITECTURE.md's signal table names every registered signal with its file",
          "[registry][docs]") {
  const SignalRegistry& registry = BuiltInSignals();
  const std::regex entry("`([A-Z0-9_]+)` \\(([^)]*)\\)");
  std::map<std::string, int> listed;
  for (const std::string& line : Section(ReadSource("docs/ARCHITECTURE.md"), "## The signals")) {
    const std::vector<std::string> cells = Cells(line);
    if (cells.size() != 2 || cells[0].size() < 3 || cells[0].front() != '`') continue;
    const std::string file = "scoring/signals/" + cells[0].substr(1, cells[0].size() - 2);
    const std::string source = ReadSource(file);
    for (std::sregex_iterator it(cells[1].begin(), cells[1].end(), entry), end; it != end; ++it) {
      const std::string name = (*it)[1];
      INFO(file << ": " << name);
      ++listed[name];
      const SignalDefinition* signal = registry.Find(name);
      REQUIRE(signal != nullptr);
      CHECK((*it)[2] == GroupAndScope(*signal, ", "));
      CHECK(source.find("\"" + name + "\"") != std::string::npos);  // registered there
    }
  }
  for (const SignalDefinition& signal : registry.signals()) {
    INFO(signal.name);
    CHECK(listed[signal.name] == 1);
  }
  CHECK(listed.size() == registry.signals().size());
}

TEST_CASE("the model pages' section reader stops at the next heading of its level",
          "[registry][docs]") {
  const std::string page =
      "# Title\n## The model\n| `A` | x |\n### Sub\n| `B` | y |\n## Next\n| `C` | z |\n"
      "## The signals\n| `D` | w |\n# Top\n| `E` | v |\n";
  const std::vector<std::string> lines = Section(page, "## The model");
  REQUIRE(lines.size() == 3);
  CHECK(lines[0] == "| `A` | x |");
  CHECK(lines[2] == "| `B` | y |");
  CHECK(Cells(lines[0]) == std::vector<std::string>{"`A`", "x"});
  CHECK(Cells("not a row").empty());
  CHECK(Section(page, "## The signals") == std::vector<std::string>{"| `D` | w |"});
}

}  // namespace
}  // namespace rapport::testing
