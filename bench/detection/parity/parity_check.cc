// parity_check: the milter and an archive replay give the same verdicts on
// real mail. Learns a mailbox but for its last N messages, as replay does,
// then scores those N and the messages of further archives (re-addressed
// phishing) both ways against that one store state: fed to the milter's
// message processor as libmilter hands a message (tests/milter/mta_feed.h),
// and parsed whole as replay parses an archive, with the same envelope and
// the MTA's Received field on top for both. Prints how many differ and each
// difference.
//
// usage: parity_check [--last N] [--limit K] [--chunk BYTES] [--crlf-folds] [--as-archived]
// LOCAL_DOMAIN MAILBOX [ARCHIVE...]

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/network.h"
#include "message/mail_archive.h"
#include "message/organisation.h"
#include "message/parser.h"
#include "milter/message_processor.h"
#include "milter/route.h"
#include "scoring/delivery.h"
#include "store/history_store.h"
#include "tests/milter/mta_feed.h"

namespace rapport {
namespace {

struct Options {
  size_t last = 500;        // messages of the mailbox compared rather than learned
  size_t limit = 300;       // messages compared from each further archive
  size_t chunk = 65535;     // body bytes per xxfi_body call
  bool crlf_folds = false;  // folded values with CRLF inside (Postfix keeps LF)
  // Replay exactly as rapportctl replay does: no envelope and no MTA Received
  // field, the direction by the From domain. Measures the facts the milter
  // has and an archive lacks, rather than how the two build a message.
  bool as_archived = false;
  std::string local_domain;
  std::string mailbox;
  std::vector<std::string> archives;
};

// The lines of one description that the other lacks, each marked.
std::string Difference(const std::string& archive, const std::string& milter) {
  auto lines = [](const std::string& text) {
    std::set<std::string> out;
    std::istringstream in(text);
    std::string line;
    while (std::getline(in, line)) out.insert(line);
    return out;
  };
  const std::set<std::string> a = lines(archive), m = lines(milter);
  std::string out;
  for (const std::string& line : a) {
    if (!m.contains(line)) out += "    replay only: " + line + "\n";
  }
  for (const std::string& line : m) {
    if (!a.contains(line)) out += "    milter only: " + line + "\n";
  }
  return out;
}

class ParityCheck {
 public:
  ParityCheck(const Options& options, std::shared_ptr<const Runtime> runtime,
              std::unique_ptr<HistoryStore> store)
      : options_(options), runtime_(std::move(runtime)), store_(std::move(store)) {}

  // Scores `raw` both ways as of `now`; counts and prints a difference.
  void Compare(const std::string& label, const std::string& raw, int64_t now) {
    const Config& config = runtime_->config;
    Message archived;
    if (!ParseMessage(raw, Envelope{}, config.parse, &archived).ok() ||
        archived.from.address.empty()) {
      ++skipped_;
      return;
    }
    // The facts an archive lacks and the milter has, given to both: the
    // envelope (MAIL FROM the From address, RCPT TO the recipients replay
    // learns it for), a client inside the organisation for its own mail
    // (replay calls a local From outbound) and outside for other mail.
    Envelope envelope;
    envelope.queue_id = "4ABC" + std::to_string(compared_);
    envelope.mail_from = archived.from.address;
    envelope.rcpt_to = EffectiveRecipients(archived, config.local_domains);
    // Mail the mailbox holds reached its owner even when no header names
    // them (a list, a Bcc): the MTA's RCPT TO did.
    if (!owner_.empty() && !AnyLocalAddress(envelope.rcpt_to, config.local_domains)) {
      envelope.rcpt_to.push_back(owner_);
    }
    envelope.client_ip = ArchiveDirection(archived, config.local_domains) == Direction::kOutbound
                             ? "10.1.2.3"
                             : "203.0.113.9";
    const std::string delivered = test::WithMtaReceived(raw, envelope);

    // Replay: the message parsed whole, with that envelope.
    Message message;
    if (!ParseMessage(options_.as_archived ? raw : delivered,
                      options_.as_archived ? Envelope{} : envelope, config.parse, &message)
             .ok()) {
      ++skipped_;
      return;
    }
    Route archive_route = DecideRoute(message, config.local_domains, config.internal_networks);
    if (options_.as_archived) {
      archive_route = ArchiveDirection(message, config.local_domains) == Direction::kInbound
                          ? Route::kInbound
                      : IsInternalMail(Direction::kOutbound, message.from.domain, envelope.rcpt_to,
                                       config.local_domains)
                          ? Route::kInternal
                          : Route::kOutbound;
    }
    Verdict archive_verdict;
    if (archive_route == Route::kInbound || archive_route == Route::kInternal) {
      const Direction direction =
          archive_route == Route::kInbound ? Direction::kInbound : Direction::kOutbound;
      if (!runtime_->scorer->Score(message, direction, *store_, now, &archive_verdict).ok()) {
        ++skipped_;
        return;
      }
    }
    const std::string by_archive = test::DescribeVerdict(archive_route, archive_verdict);

    // The milter: the same message as libmilter hands it.
    InFlightMessages in_flight;
    MessageState state(runtime_, &in_flight);
    state.envelope.queue_id = envelope.queue_id;
    state.envelope.mail_from = envelope.mail_from;
    state.envelope.client_ip = envelope.client_ip;
    for (const std::string& rcpt : envelope.rcpt_to) AddRecipient(rcpt, &state);
    test::FeedAsMta(delivered, test::MtaFeed{options_.chunk, options_.crlf_folds ? "\r\n" : "\n"},
                    &state);
    Evaluation evaluation;
    const Status status =
        EvaluateMessage(*runtime_, *store_, Collected(state), now,
                        std::chrono::steady_clock::now() + std::chrono::hours(1), &evaluation);
    const std::string by_milter = status.ok()
                                      ? test::DescribeVerdict(evaluation.route, evaluation.verdict)
                                      : "milter failed: " + status.ToString() + "\n";

    ++compared_;
    if (archive_route == Route::kInbound || archive_route == Route::kInternal) ++judged_;
    if (by_archive == by_milter) return;
    ++differ_;
    std::cout << fmt::format("DIFFER {} Message-ID <{}>\n  replay: {}  milter: {}{}", label,
                             message.message_id, by_archive.substr(0, by_archive.find('\n') + 1),
                             by_milter.substr(0, by_milter.find('\n') + 1),
                             Difference(by_archive, by_milter));
  }

  Status Learn(const Message& message, int64_t now) {
    const Config& config = runtime_->config;
    if (ArchiveDirection(message, config.local_domains) == Direction::kInbound) {
      for (const std::string& r : EffectiveRecipients(message, config.local_domains)) {
        if (IsLocalAddress(r, config.local_domains)) ++local_recipients_[r];
      }
    }
    Verdict verdict;
    return ScoreAndLearn(*runtime_->scorer, store_.get(), message,
                         ArchiveDirection(message, config.local_domains), now,
                         EffectiveRecipients(message, config.local_domains), &verdict);
  }

  // Ends learning: the mailbox's owner is the local address that received
  // the most inbound mail; known names are refreshed as the milter does.
  Status EndLearning() {
    size_t most = 0;
    for (const auto& [address, count] : local_recipients_) {
      if (count > most) most = count, owner_ = address;
    }
    std::cout << "mailbox owner (RCPT TO where no header names a local address): " << owner_
              << "\n";
    return runtime_->scorer->RefreshKnownNames(*store_);
  }

  void PrintSummary(const std::string& set) {
    std::cout << fmt::format("{}: compared {} ({} judged), differ {}, skipped {}\n", set, compared_,
                             judged_, differ_, skipped_);
    total_differ_ += differ_;
    compared_ = judged_ = differ_ = skipped_ = 0;
  }

  size_t total_differ() const { return total_differ_; }

 private:
  const Options& options_;
  std::shared_ptr<const Runtime> runtime_;
  std::unique_ptr<HistoryStore> store_;
  std::map<std::string, size_t> local_recipients_;  // inbound mail learned, by local address
  std::string owner_;
  size_t compared_ = 0, judged_ = 0, differ_ = 0, skipped_ = 0, total_differ_ = 0;
};

int Usage() {
  std::cerr << "usage: parity_check [--last N] [--limit K] [--chunk BYTES] [--crlf-folds] "
               "[--as-archived] LOCAL_DOMAIN MAILBOX "
               "[ARCHIVE...]\n";
  return 2;
}

int Run(int argc, char** argv) {
  Options options;
  std::vector<std::string> positional;
  for (int i = 1; i < argc; ++i) {
    const std::string arg = argv[i];
    if ((arg == "--last" || arg == "--limit" || arg == "--chunk") && i + 1 < argc) {
      const size_t value = std::strtoul(argv[++i], nullptr, 10);
      (arg == "--last" ? options.last : arg == "--limit" ? options.limit : options.chunk) = value;
    } else if (arg == "--crlf-folds") {
      options.crlf_folds = true;
    } else if (arg == "--as-archived") {
      options.as_archived = true;
    } else if (arg.starts_with("--")) {
      return Usage();
    } else {
      positional.push_back(arg);
    }
  }
  if (positional.size() < 2 || options.chunk == 0) return Usage();
  options.local_domain = positional[0];
  options.mailbox = positional[1];
  options.archives.assign(positional.begin() + 2, positional.end());

  Config config;
  config.local_domains = {options.local_domain};
  config.scoring.local_domains = config.local_domains;
  Network internal;
  ParseNetwork("10.0.0.0/8", &internal);
  config.internal_networks = {internal};
  std::shared_ptr<const Runtime> runtime;
  Status status = BuildRuntime(config, &runtime);
  if (!status.ok()) return std::cerr << status.ToString() << "\n", 1;
  char dir_template[] = "/tmp/parity_check.XXXXXX";
  if (mkdtemp(dir_template) == nullptr) return std::cerr << "mkdtemp failed\n", 1;
  const std::string dir = dir_template;
  StoreOptions store_options;
  store_options.path = dir + "/store";
  store_options.local_domains = config.local_domains;
  std::unique_ptr<HistoryStore> store;
  status = OpenRocksDbStore(store_options, &store);
  if (!status.ok()) return std::cerr << status.ToString() << "\n", 1;
  ParityCheck check(options, runtime, std::move(store));

  ArchiveIndex index;
  status = IndexArchives({options.mailbox}, &index);
  if (!status.ok()) return std::cerr << status.ToString() << "\n", 1;
  ArchiveReader reader(index);
  const size_t learned = index.entries.size() - std::min(options.last, index.entries.size());
  std::string raw;
  int64_t clock = 0;
  for (size_t i = 0; i < index.entries.size(); ++i) {
    const ArchiveEntry& entry = index.entries[i];
    if (!reader.Read(entry, &raw).ok()) continue;
    clock = std::max(clock, entry.order_date);
    if (i == learned) {
      status = check.EndLearning();
      if (!status.ok()) return std::cerr << status.ToString() << "\n", 1;
    }
    if (i >= learned) {
      check.Compare(options.mailbox, raw, entry.order_date);
      continue;
    }
    Message message;
    if (!ParseMessage(raw, Envelope{}, config.parse, &message).ok() ||
        message.from.address.empty()) {
      continue;
    }
    status = check.Learn(message, entry.order_date);
    if (!status.ok()) return std::cerr << status.ToString() << "\n", 1;
  }
  check.PrintSummary(
      fmt::format("{} (last {} of {})", options.mailbox, options.last, index.entries.size()));
  for (const std::string& path : options.archives) {
    ArchiveIndex more;
    status = IndexArchives({path}, &more);
    if (!status.ok()) return std::cerr << status.ToString() << "\n", 1;
    ArchiveReader more_reader(more);
    for (size_t i = 0; i < more.entries.size() && i < options.limit; ++i) {
      if (!more_reader.Read(more.entries[i], &raw).ok()) continue;
      check.Compare(path, raw, more.entries[i].order_date);
    }
    check.PrintSummary(fmt::format("{} (first {})", path, options.limit));
  }
  std::cout << fmt::format("differences: {}\n", check.total_differ());
  std::string remove = "rm -rf '" + dir + "'";
  if (std::system(remove.c_str()) != 0) std::cerr << "could not remove " << dir << "\n";
  return check.total_differ() == 0 ? 0 : 3;
}

}  // namespace
}  // namespace rapport

int main(int argc, char** argv) { return rapport::Run(argc, argv); }
