// scale_score: per-message scoring cost against a synthetic history written
// by scale_generate (see bench/scale/scale_bench.sh).
//
//   scale_score --store DIR --samples FILE [--messages N] [--seed S] [--keep-cache]
//               [CORPUS_PATH...]
//
// Takes N messages (default 2,000) evenly from the corpus (default Enron and
// phishing from ../shared/corpus) and gives each an identity the history
// knows, in a fixed mix by message number modulo 20:
//   0-6    a sampled learned message's sender, recipients and link domains,
//          three in seven replying into its thread by Message-ID;
//   7-9    the same, replying by "RE:" subject only;
//   10-12  a known sender writing to an internal user drawn at random;
//   13-14  a new address at a known sender domain;
//   15-19  pure misses: the corpus sender as it is, to random internal users.
// Then opens the store as rapport-milter does (read-write, default block
// cache), refreshes the look-alike names from it as the milter does at
// start, and scores every message twice: cold (first pass after opening,
// the store's files dropped from the page cache unless --keep-cache) and
// warm. Each pass parses every message again (timed apart), so the figures
// are per message with and without parsing. Prints one table; peak RSS is
// the process's (corpus and look-alike index included; the RSS before
// opening the store is printed too).

#include <fcntl.h>
#include <sys/resource.h>
#include <time.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <fstream>
#include <map>
#include <memory>
#include <string>
#include <vector>

#include "bench/scale/scale_sample.h"
#include "bench/scale/synthetic_names.h"
#include "message/mail_archive.h"
#include "message/parser.h"
#include "scoring/scorer.h"
#include "store/history_store.h"

namespace rapport::bench {
namespace {

constexpr char kLocalDomain[] = "example.com";
// The clock of scoring: just after the synthetic history ends (2026-01-01).
constexpr int64_t kNow = 1767225600;

struct Args {
  std::string store;
  std::string samples;
  size_t messages = 2000;
  uint64_t seed = 20261129;
  bool keep_cache = false;
  std::vector<std::string> corpus;
};

[[noreturn]] void Usage() {
  std::fprintf(stderr,
               "usage: scale_score --store DIR --samples FILE [--messages N] [--seed S] "
               "[--keep-cache] [CORPUS_PATH...]\n");
  std::exit(2);
}

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const bool has_value = i + 1 < argc;
    if (flag == "--store" && has_value) {
      args.store = argv[++i];
    } else if (flag == "--samples" && has_value) {
      args.samples = argv[++i];
    } else if (flag == "--messages" && has_value) {
      args.messages = std::strtoull(argv[++i], nullptr, 10);
    } else if (flag == "--seed" && has_value) {
      args.seed = std::strtoull(argv[++i], nullptr, 10);
    } else if (flag == "--keep-cache") {
      args.keep_cache = true;
    } else if (!flag.starts_with("--")) {
      args.corpus.push_back(flag);
    } else {
      Usage();
    }
  }
  if (args.store.empty() || args.samples.empty() || args.messages == 0) Usage();
  if (args.corpus.empty()) {
    args.corpus = {RAPPORT_CORPUS_DIR "/enron", RAPPORT_CORPUS_DIR "/phishing"};
  }
  return args;
}

// Which part of history a benchmark message hits (see the file comment).
enum class Mix {
  kKnownThreadById,
  kKnownThreadBySubject,
  kKnownSenderNewRecipient,
  kKnownDomain,
  kMiss
};

Mix MixOf(size_t i) {
  const size_t slot = i % 20;
  if (slot < 7) return Mix::kKnownThreadById;
  if (slot < 10) return Mix::kKnownThreadBySubject;
  if (slot < 13) return Mix::kKnownSenderNewRecipient;
  if (slot < 15) return Mix::kKnownDomain;
  return Mix::kMiss;
}

const char* MixName(Mix mix) {
  switch (mix) {
    case Mix::kKnownThreadById:
    case Mix::kKnownThreadBySubject:
      return "known";
    case Mix::kKnownSenderNewRecipient:
    case Mix::kKnownDomain:
      return "partial";
    case Mix::kMiss:
      return "miss";
  }
  return "?";
}

// One benchmark message: the corpus bytes and the identity it is given.
struct Case {
  std::string raw;
  Mix mix = Mix::kMiss;
  const LearnedSample* sample = nullptr;  // null for pure misses
  std::string from;                       // empty: keep the corpus sender
  std::vector<std::string> recipients;
};

std::string DomainOf(const std::string& address) { return address.substr(address.find('@') + 1); }

Status LoadCases(const Args& args, const SampleFile& samples, std::vector<Case>* out) {
  ArchiveIndex index;
  Status status = IndexArchives(args.corpus, &index);
  if (!status.ok()) return status;
  if (index.entries.empty()) return Status::NotFound("the corpus holds no messages");
  ArchiveReader reader(index);
  Random random(args.seed);
  const std::vector<std::string>& users = samples.internal_users;
  for (size_t i = 0; i < args.messages; ++i) {
    Case c;
    const ArchiveEntry& entry = index.entries[i * index.entries.size() / args.messages];
    status = reader.Read(entry, &c.raw);
    if (!status.ok()) return status;
    c.mix = MixOf(i);
    if (c.mix != Mix::kMiss) c.sample = &samples.samples[random.Below(samples.samples.size())];
    switch (c.mix) {
      case Mix::kKnownThreadById:
      case Mix::kKnownThreadBySubject:
        c.from = c.sample->from;
        c.recipients = c.sample->recipients;
        break;
      case Mix::kKnownSenderNewRecipient:
        c.from = c.sample->from;
        c.recipients = {users[random.Below(users.size())]};
        break;
      case Mix::kKnownDomain:
        c.from = "newcomer" + std::to_string(i) + "@" + DomainOf(c.sample->from);
        c.recipients = c.sample->recipients;
        break;
      case Mix::kMiss:
        for (size_t n = 1 + random.Below(3); n > 0; --n) {
          c.recipients.push_back(users[random.Below(users.size())]);
        }
        break;
    }
    out->push_back(std::move(c));
  }
  return Status::Ok();
}

Envelope EnvelopeOf(const Case& c) {
  Envelope envelope;
  envelope.mail_from = c.from;
  envelope.rcpt_to = c.recipients;
  envelope.client_ip = "198.51.100.7";
  envelope.queue_id = "SCALE";
  return envelope;
}

// Gives a parsed corpus message the identity of its case.
void Remap(const Case& c, Message* m) {
  if (!c.from.empty()) {
    m->from = Address(c.from, c.sample->display_name);
    m->sender.reset();
    m->reply_to.clear();
  }
  m->to.clear();
  m->cc.clear();
  m->bcc.clear();
  m->delivered_to.clear();
  for (const std::string& r : c.recipients) m->to.push_back(Address(r, ""));
  if (c.sample == nullptr) return;
  if (c.mix == Mix::kKnownThreadById) {
    m->in_reply_to = c.sample->message_id;
    m->references = {c.sample->message_id};
    m->subject = "RE: " + c.sample->subject;
  } else if (c.mix == Mix::kKnownThreadBySubject) {
    m->in_reply_to.clear();
    m->references.clear();
    m->subject = "RE: " + c.sample->subject;
  }
  if (c.mix == Mix::kKnownDomain) return;
  m->mailer = c.sample->mailer;
  m->origin_ip = c.sample->origin_ip;
  if (c.mix == Mix::kKnownSenderNewRecipient) return;
  // The sender's usual link domains replace the first links (or are added).
  for (size_t i = 0; i < c.sample->link_domains.size(); ++i) {
    if (i == m->links.size()) {
      Link added;
      added.scheme = "https";
      added.source = LinkSource::kHtmlAnchor;
      m->links.push_back(std::move(added));
    }
    Link& link = m->links[i];
    link.icann_domain = c.sample->link_domains[i].first;
    link.private_domain = c.sample->link_domains[i].second;
    link.host = "www." + link.private_domain;
    link.host_unicode = link.host;
    link.url = (link.scheme.empty() ? "https" : link.scheme) + "://" + link.host + link.path;
    link.visible_text = link.host;
    link.text_host.clear();
    link.text_looks_like_url = false;
  }
}

double PeakRssMb() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return static_cast<double>(usage.ru_maxrss) / 1024.0;
}

using Clock = std::chrono::steady_clock;

// CPU time of this thread: unlike wall time, not stretched when other
// processes take the cores (the machine is shared), but blind to waiting
// for the disk.
double ThreadCpuMicros() {
  timespec now{};
  clock_gettime(CLOCK_THREAD_CPUTIME_ID, &now);
  return static_cast<double>(now.tv_sec) * 1e6 + static_cast<double>(now.tv_nsec) / 1e3;
}

double Micros(Clock::duration d) { return std::chrono::duration<double, std::micro>(d).count(); }

struct PassTimes {
  std::vector<double> parse_us;
  std::vector<double> score_us;
  std::vector<double> score_cpu_us;
  std::map<std::string, std::vector<double>> score_us_by_mix;
  // mix -> signal name -> messages it fired on
  std::map<std::string, std::map<std::string, size_t>> fired_by_mix;
};

// One pass over every case; not inlined, so that callgrind can count
// its instructions alone (--toggle-collect=*ScorePass*).
[[gnu::noinline]] Status ScorePass(const std::vector<Case>& cases, const Scorer& scorer,
                                   const HistoryReader& history, const ParseOptions& parse,
                                   PassTimes* out) {
  for (const Case& c : cases) {
    Message m;
    const Clock::time_point parse_start = Clock::now();
    Status status = ParseMessage(c.raw, EnvelopeOf(c), parse, &m);
    const Clock::time_point parsed = Clock::now();
    if (!status.ok()) return status;
    Remap(c, &m);
    Verdict verdict;
    const double cpu_start = ThreadCpuMicros();
    const Clock::time_point score_start = Clock::now();
    status = scorer.Score(m, Direction::kInbound, history, kNow, &verdict);
    const Clock::time_point scored = Clock::now();
    out->score_cpu_us.push_back(ThreadCpuMicros() - cpu_start);
    if (!status.ok()) return status;
    out->parse_us.push_back(Micros(parsed - parse_start));
    out->score_us.push_back(Micros(scored - score_start));
    out->score_us_by_mix[MixName(c.mix)].push_back(out->score_us.back());
    for (const SignalHit& hit : verdict.signals) ++out->fired_by_mix[MixName(c.mix)][hit.name];
  }
  return Status::Ok();
}

double Percentile(std::vector<double> values, double fraction) {
  std::sort(values.begin(), values.end());
  const size_t at = std::min(values.size() - 1, static_cast<size_t>(fraction * values.size()));
  return values[at];
}

double Sum(const std::vector<double>& values) {
  double total = 0;
  for (double v : values) total += v;
  return total;
}

void PrintPass(const char* name, const PassTimes& t) {
  std::vector<double> included(t.score_us.size());
  for (size_t i = 0; i < included.size(); ++i) included[i] = t.parse_us[i] + t.score_us[i];
  const double n = static_cast<double>(t.score_us.size());
  std::printf(
      "pass=%s messages=%.0f score_p50_us=%.1f score_p99_us=%.1f score_msg_per_s=%.0f "
      "parse_score_p50_us=%.1f parse_score_p99_us=%.1f parse_score_msg_per_s=%.0f "
      "score_cpu_p50_us=%.1f score_cpu_p99_us=%.1f score_cpu_msg_per_s=%.0f\n",
      name, n, Percentile(t.score_us, 0.5), Percentile(t.score_us, 0.99),
      n / (Sum(t.score_us) / 1e6), Percentile(included, 0.5), Percentile(included, 0.99),
      n / (Sum(included) / 1e6), Percentile(t.score_cpu_us, 0.5), Percentile(t.score_cpu_us, 0.99),
      n / (Sum(t.score_cpu_us) / 1e6));
  for (const auto& [mix, values] : t.score_us_by_mix) {
    std::printf("  pass=%s mix=%s messages=%zu score_p50_us=%.1f score_p99_us=%.1f\n", name,
                mix.c_str(), values.size(), Percentile(values, 0.5), Percentile(values, 0.99));
  }
}

// Asks the kernel to drop the store's files from the page cache, so that
// the first pass reads them from disk as after a reboot.
void DropFromPageCache(const std::string& dir) {
  std::error_code ec;
  for (const auto& entry : std::filesystem::directory_iterator(dir, ec)) {
    if (!entry.is_regular_file()) continue;
    const int fd = open(entry.path().c_str(), O_RDONLY);
    if (fd < 0) continue;
    posix_fadvise(fd, 0, 0, POSIX_FADV_DONTNEED);
    close(fd);
  }
}

int Fail(const char* what, const Status& status) {
  std::fprintf(stderr, "scale_score: %s: %s\n", what, status.ToString().c_str());
  return 1;
}

int Run(const Args& args) {
  SampleFile samples;
  std::ifstream in(args.samples);
  Status status = ReadSampleFile(&in, &samples);
  if (!status.ok()) return Fail(args.samples.c_str(), status);
  std::vector<Case> cases;
  status = LoadCases(args, samples, &cases);
  if (!status.ok()) return Fail("corpus", status);

  ScoringOptions scoring;
  scoring.local_domains = {kLocalDomain};
  std::unique_ptr<Scorer> scorer;
  status = Scorer::Create(scoring, &scorer);
  if (!status.ok()) return Fail("scorer", status);
  const ParseOptions parse;
  const double rss_before_store = PeakRssMb();

  if (!args.keep_cache) DropFromPageCache(args.store);
  StoreOptions options;
  options.path = args.store;
  options.local_domains = {kLocalDomain};
  std::unique_ptr<HistoryStore> store;
  const Clock::time_point open_start = Clock::now();
  status = OpenRocksDbStore(options, &store);
  if (!status.ok()) return Fail("store", status);
  const Clock::time_point opened = Clock::now();
  status = scorer->RefreshKnownNames(*store);
  if (!status.ok()) return Fail("refresh", status);
  const Clock::time_point refreshed = Clock::now();
  const double rss_after_refresh = PeakRssMb();

  PassTimes cold;
  status = ScorePass(cases, *scorer, *store, parse, &cold);
  if (!status.ok()) return Fail("cold pass", status);
  const double rss_after_cold = PeakRssMb();
  PassTimes warm;
  status = ScorePass(cases, *scorer, *store, parse, &warm);
  if (!status.ok()) return Fail("warm pass", status);

  std::printf("store=%s open_ms=%.1f refresh_known_names_ms=%.1f\n", args.store.c_str(),
              Micros(opened - open_start) / 1000, Micros(refreshed - opened) / 1000);
  PrintPass("cold", cold);
  PrintPass("warm", warm);
  std::printf(
      "peak_rss_mb=%.1f rss_before_store_mb=%.1f after_refresh_mb=%.1f after_cold_mb=%.1f\n",
      PeakRssMb(), rss_before_store, rss_after_refresh, rss_after_cold);
  for (const auto& [mix, fired] : warm.fired_by_mix) {
    std::printf("signals mix=%s:", mix.c_str());
    for (const auto& [name, count] : fired) std::printf(" %s=%zu", name.c_str(), count);
    std::printf("\n");
  }
  return 0;
}

}  // namespace
}  // namespace rapport::bench

int main(int argc, char** argv) {
  return rapport::bench::Run(rapport::bench::ParseArgs(argc, argv));
}
