// Lookups per second of the look-alike engine against 100,000 known
// domains. The known domains are generated pronounceable names under
// common suffixes, plus the shipped brand list; the lookups are a mix of
// known domains, look-alikes of them and unrelated names, checked as hosts
// and as URLs with path tokens.
//
//   lookalike_bench [known domains, default 100000] [lookups, default 200000]

#include <time.h>

#include <chrono>
#include <cstdio>
#include <fstream>
#include <random>
#include <string>
#include <vector>

#include "scoring/lookalike/brand_list.h"
#include "scoring/lookalike/lookalike_index.h"

namespace rapport {
namespace {

const char* const kSuffixes[] = {"com", "net", "org", "co.uk", "de", "io", "com.au", "fr"};
const char kConsonants[] = "bcdfghjklmnprstvwz";
const char kVowels[] = "aeiouy";

// A pronounceable name of 4 to 14 letters, as real domain stems are.
std::string RandomName(std::mt19937* random) {
  std::uniform_int_distribution<int> length(4, 14);
  std::uniform_int_distribution<size_t> consonant(0, std::size(kConsonants) - 2);
  std::uniform_int_distribution<size_t> vowel(0, std::size(kVowels) - 2);
  std::string name;
  for (int i = length(*random); i > 0; --i) {
    name += name.size() % 2 == 0 ? kConsonants[consonant(*random)] : kVowels[vowel(*random)];
  }
  return name;
}

std::string RandomSuffix(std::mt19937* random) {
  return kSuffixes[std::uniform_int_distribution<size_t>(0, std::size(kSuffixes) - 1)(*random)];
}

// One look-alike of `name`: a digit swap or a one-letter typo.
std::string Disguise(std::string name, std::mt19937* random) {
  size_t at = std::uniform_int_distribution<size_t>(0, name.size() - 1)(*random);
  if (name[at] == 'o') {
    name[at] = '0';
  } else if (name[at] == 'e') {
    name[at] = '3';
  } else {
    name.insert(at, 1, name[at]);
  }
  return name;
}

double CpuSeconds() {
  timespec now;
  clock_gettime(CLOCK_PROCESS_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) + static_cast<double>(now.tv_nsec) / 1e9;
}

long ResidentKilobytes() {
  std::ifstream status("/proc/self/status");
  std::string line;
  while (std::getline(status, line)) {
    if (line.rfind("VmRSS:", 0) == 0) return std::stol(line.substr(6));
  }
  return 0;
}

int Run(int argc, char** argv) {
  size_t known_count = argc > 1 ? std::stoul(argv[1]) : 100000;
  size_t lookup_count = argc > 2 ? std::stoul(argv[2]) : 200000;
  std::mt19937 random(9);

  std::unique_ptr<LookalikeIndex> index;
  Status status = LookalikeIndex::Create(LookalikeOptions(), &index);
  std::vector<KnownName> brands;
  if (status.ok()) status = LoadBrandList(DefaultBrandListPath(), &brands);
  if (!status.ok()) return std::fprintf(stderr, "%s\n", status.ToString().c_str()), 1;

  std::vector<std::pair<std::string, std::string>> known;  // stem, suffix
  long rss_before = ResidentKilobytes();
  auto build_start = std::chrono::steady_clock::now();
  for (const KnownName& name : brands) index->Add(name);
  while (index->size() < known_count + brands.size()) {
    known.push_back({RandomName(&random), RandomSuffix(&random)});
    index->Add(
        {known.back().first + "." + known.back().second, KnownNameKind::kCorrespondent, 1, 0});
  }
  double build_seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - build_start).count();
  long rss_after = ResidentKilobytes();

  std::vector<std::string> hosts;
  std::vector<std::string> urls;
  std::uniform_int_distribution<size_t> pick(0, known.size() - 1);
  for (size_t i = 0; i < lookup_count; ++i) {
    const auto& [stem, suffix] = known[pick(random)];
    std::string host;
    switch (i % 3) {
      case 0:
        host = stem + "." + suffix;
        break;
      case 1:
        host = Disguise(stem, &random) + "." + suffix;
        break;
      default:
        host = RandomName(&random) + "x." + RandomSuffix(&random);
        break;
    }
    hosts.push_back(host);
    urls.push_back("https://files." + host + "/" + RandomName(&random) + "/s3cure-l0gin.html");
  }

  // CPU time of this process, so that other work on a shared machine does
  // not count against the engine; wall time is printed beside it.
  size_t flagged = 0;
  auto time_lookups = [&](const std::vector<std::string>& candidates, CandidateKind kind,
                          double* wall_seconds) {
    std::vector<LookalikeMatch> matches;
    auto start = std::chrono::steady_clock::now();
    double cpu_start = CpuSeconds();
    for (const std::string& candidate : candidates) {
      matches.clear();
      index->Check(candidate, kind, 0, &matches);
      flagged += matches.empty() ? 0 : 1;
    }
    *wall_seconds = std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
    return CpuSeconds() - cpu_start;
  };
  double host_wall = 0;
  double url_wall = 0;
  double host_seconds = time_lookups(hosts, CandidateKind::kHost, &host_wall);
  double url_seconds = time_lookups(urls, CandidateKind::kUrl, &url_wall);

  std::printf("index: %zu names built in %.2f s, about %ld MB resident\n", index->size(),
              build_seconds, (rss_after - rss_before) / 1024);
  std::printf("hosts: %zu lookups in %.2f s CPU (%.2f s wall) = %.0f lookups/s per core\n",
              hosts.size(), host_seconds, host_wall, hosts.size() / host_seconds);
  std::printf(
      "urls:  %zu lookups in %.2f s CPU (%.2f s wall) = %.0f lookups/s per core "
      "(host, subdomain and 4 path tokens each)\n",
      urls.size(), url_seconds, url_wall, urls.size() / url_seconds);
  std::printf("flagged: %zu of %zu\n", flagged, hosts.size() + urls.size());
  return 0;
}

}  // namespace
}  // namespace rapport

int main(int argc, char** argv) { return rapport::Run(argc, argv); }
