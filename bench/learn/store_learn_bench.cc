// store_learn_bench: how fast the RocksDB history store learns and reads.
//
// Learns synthetic but typical messages (3 envelope recipients, one of them
// hidden, 2 links, a thread reference for some) as `rapportctl learn` does
// (bulk load, then Flush), then runs the point reads a scorer makes per
// message. Prints learns/s, reads/s and peak RSS.
//
//   store_learn_bench [--messages N] [--reads N] [--dir PATH] [--wal]

#include <sys/resource.h>

#include <chrono>
#include <cstdio>
#include <cstdlib>
#include <filesystem>
#include <random>
#include <string>
#include <vector>

#include "store/history_store.h"

namespace {

using rapport::Direction;
using rapport::Link;
using rapport::MailAddress;
using rapport::Message;
using rapport::Status;

constexpr int kExternalDomains = 2000;
constexpr int kSendersPerDomain = 10;
constexpr int kInternalUsers = 500;
constexpr int kLinkDomains = 3000;
constexpr int kMessagePool = 10000;

struct Args {
  long messages = 200000;
  long reads = 200000;
  std::string dir;
  bool wal = false;
};

Args ParseArgs(int argc, char** argv) {
  Args args;
  for (int i = 1; i < argc; ++i) {
    const std::string flag = argv[i];
    const bool has_value = i + 1 < argc;
    if (flag == "--messages" && has_value) {
      args.messages = std::atol(argv[++i]);
    } else if (flag == "--reads" && has_value) {
      args.reads = std::atol(argv[++i]);
    } else if (flag == "--dir" && has_value) {
      args.dir = argv[++i];
    } else if (flag == "--wal") {
      args.wal = true;
    } else {
      std::fprintf(stderr,
                   "usage: store_learn_bench [--messages N] [--reads N] [--dir PATH] [--wal]\n");
      std::exit(2);
    }
  }
  return args;
}

MailAddress Address(std::string address) {
  MailAddress out;
  out.domain = address.substr(address.find('@') + 1);
  out.address = std::move(address);
  return out;
}

std::string ExternalSender(int i) {
  return "person" + std::to_string(i % kSendersPerDomain) + "@vendor" +
         std::to_string(i / kSendersPerDomain) + ".example";
}

std::string InternalUser(int i) { return "user" + std::to_string(i) + "@acme.com"; }

Link LinkTo(int i) {
  Link link;
  const std::string icann = "links" + std::to_string(i) + ".example";
  // One link domain in ten is a tenant of a shared platform.
  link.icann_domain = i % 10 == 0 ? "r2.dev" : icann;
  link.private_domain = i % 10 == 0 ? "pub-" + std::to_string(i) + ".r2.dev" : icann;
  link.host = "www." + link.private_domain;
  link.url = "https://" + link.host + "/doc";
  return link;
}

struct Sample {
  Message message;
  Direction direction;
  std::vector<std::string> recipients;
};

std::vector<Sample> BuildPool(std::mt19937* random) {
  std::vector<Sample> pool(kMessagePool);
  const char* mailers[] = {"Microsoft Outlook 16.0.4266", "Apple Mail (2.3445)",
                           "Mozilla/5.0 Thunderbird/91.13.0", "Zimbra 8.8"};
  for (int i = 0; i < kMessagePool; ++i) {
    Sample& s = pool[i];
    Message& m = s.message;
    const int sender = static_cast<int>((*random)() % (kExternalDomains * kSendersPerDomain));
    const bool outbound = (*random)() % 5 == 0;
    s.direction = outbound ? Direction::kOutbound : Direction::kInbound;
    std::vector<std::string> internal;
    for (int r = 0; r < 3; ++r) {
      internal.push_back(InternalUser(static_cast<int>((*random)() % kInternalUsers)));
    }
    if (outbound) {
      m.from = Address(internal[0]);
      m.from.display_name = "User " + std::to_string(i % kInternalUsers);
      s.recipients = {ExternalSender(sender), ExternalSender(sender + 1), internal[1]};
    } else {
      m.from = Address(ExternalSender(sender));
      m.from.display_name = "Person " + std::to_string(sender);
      s.recipients = internal;
    }
    m.to = {Address(s.recipients[0]), Address(s.recipients[1])};  // the third is hidden
    m.subject = "Re: Order " + std::to_string(i % 5000);
    m.mailer = mailers[i % 4];
    m.origin_ip = "198.51." + std::to_string(sender % 250) + ".7";
    m.links = {LinkTo(static_cast<int>((*random)() % kLinkDomains)),
               LinkTo(static_cast<int>((*random)() % kLinkDomains))};
  }
  return pool;
}

long PeakRssKiB() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  return usage.ru_maxrss;
}

// CPU seconds this process has used: on a shared machine a fairer clock
// than wall time.
double CpuSeconds() {
  rusage usage{};
  getrusage(RUSAGE_SELF, &usage);
  const auto seconds = [](const timeval& t) { return t.tv_sec + t.tv_usec / 1e6; };
  return seconds(usage.ru_utime) + seconds(usage.ru_stime);
}

double SecondsSince(std::chrono::steady_clock::time_point start) {
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

void Check(const Status& status, const char* what) {
  if (status.ok() || status.IsNotFound()) return;
  std::fprintf(stderr, "%s: %s\n", what, status.ToString().c_str());
  std::exit(1);
}

}  // namespace

int main(int argc, char** argv) {
  const Args args = ParseArgs(argc, argv);
  const bool temporary = args.dir.empty();
  const std::string dir =
      temporary ? (std::filesystem::temp_directory_path() / "rapport-store-bench").string()
                : args.dir;
  std::filesystem::remove_all(dir);

  std::mt19937 random(7);
  std::vector<Sample> pool = BuildPool(&random);

  rapport::StoreOptions options;
  options.path = dir;
  options.local_domains = {"acme.com"};
  options.bulk_load = !args.wal;
  std::unique_ptr<rapport::HistoryStore> store;
  Check(rapport::OpenRocksDbStore(options, &store), "open");

  const int64_t start_time = 1700000000;
  auto start = std::chrono::steady_clock::now();
  double cpu_start = CpuSeconds();
  for (long i = 0; i < args.messages; ++i) {
    Sample& s = pool[i % kMessagePool];
    Message& m = s.message;
    m.message_id = std::to_string(i) + "@bench.example";
    m.references.clear();
    m.in_reply_to.clear();
    // Every third message answers one that started a thread of its own.
    if (i > 10 && i % 3 == 0) {
      m.in_reply_to = std::to_string(i - 7) + "@bench.example";
      m.references = {m.in_reply_to};
    }
    rapport::LearnRequest request;
    request.message = &m;
    request.direction = s.direction;
    request.now = start_time + i * 30;  // a message every 30 s of Date
    request.recipients = s.recipients;
    Check(store->Learn(request), "learn");
  }
  const double learn_seconds = SecondsSince(start);
  const double learn_cpu = CpuSeconds() - cpu_start;
  const auto flush_start = std::chrono::steady_clock::now();
  Check(store->Flush(), "flush");
  const double flush_seconds = SecondsSince(flush_start);

  start = std::chrono::steady_clock::now();
  cpu_start = CpuSeconds();
  long reads = 0;
  long found = 0;
  for (long i = 0; reads < args.reads; ++i) {
    const Sample& s = pool[random() % kMessagePool];
    const Message& m = s.message;
    rapport::SenderProfile profile;
    rapport::Relationship relationship;
    rapport::LinkDomainStats link;
    rapport::SenderAttributeStats attribute;
    rapport::ThreadRecord thread;
    const Status results[] = {
        store->GetSenderProfile(m.from.address, &profile),
        store->GetSenderProfile(m.from.domain, &profile),
        store->GetRelationship(m.from.address, s.recipients[0], &relationship),
        store->GetLinkDomain(m.links[0].icann_domain, &link),
        store->GetLinkDomain(m.links[0].private_domain, &link),
        store->GetSenderAttribute(m.from.address, rapport::SenderAttributeKind::kLinkDomain,
                                  m.links[1].private_domain, &attribute),
        store->FindThreadByMessageId(std::to_string(random() % args.messages) + "@bench.example",
                                     &thread),
    };
    for (const Status& status : results) {
      Check(status, "read");
      found += status.ok() ? 1 : 0;
      ++reads;
    }
  }
  const double read_seconds = SecondsSince(start);
  const double read_cpu = CpuSeconds() - cpu_start;

  std::printf("messages learned   %ld (%s)\n", args.messages,
              args.wal ? "with WAL" : "bulk load, no WAL");
  std::printf("learns/s           %.0f (Learn calls only, %.2f s)\n", args.messages / learn_seconds,
              learn_seconds);
  std::printf("learns/CPU-s       %.0f (%.2f CPU s, background flushes included)\n",
              args.messages / learn_cpu, learn_cpu);
  std::printf("learns/s w/ flush  %.0f (final Flush %.2f s)\n",
              args.messages / (learn_seconds + flush_seconds), flush_seconds);
  std::printf("reads/s            %.0f (%ld point reads, %.0f%% found)\n", reads / read_seconds,
              reads, 100.0 * found / reads);
  std::printf("reads/CPU-s        %.0f\n", reads / read_cpu);
  std::printf("peak RSS           %.1f MiB\n", PeakRssKiB() / 1024.0);
  store.reset();
  if (temporary) std::filesystem::remove_all(dir);
  return 0;
}
