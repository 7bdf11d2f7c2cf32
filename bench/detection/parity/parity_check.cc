// parity_check: the milter and an archive replay give the same verdicts on
// real mail. Learns a mailbox but for its last N messages, as replay does,
// then scores those N and the messages of further archives (re-addressed
// phishing) both ways against that one store state: fed to the milter's
// message processor as libmilter hands a message (tests/milter/mta_feed.h),
// and parsed whole as replay parses an archive, with the same envelope and
// the MTA's Received field on top for both. Prints how many differ and each
// difference; exits 3 when any does.
//
// --as-archived measures the facts instead: replay reads each message
// exactly as rapportctl replay does (no envelope, no Received, the direction
// by the From domain) and learns into its store; the milter gets the
// envelope an MTA would give (RCPT TO the mailbox's owner where no header
// names a local address) and learns what it delivers into a store of its
// own; route, action and signal names are compared.
//
// --replay-owner, with --as-archived, replays as `rapportctl replay
// --delivered-to OWNER` does: what the archive lacks but its owner.
//
// usage: parity_check [--last N] [--limit K] [--chunk BYTES] [--crlf-folds]
//                     [--as-archived [--replay-owner]] LOCAL_DOMAIN MAILBOX [ARCHIVE...]

#include <fmt/format.h>

#include <algorithm>
#include <chrono>
#include <cstdlib>
#include <filesystem>
#include <iostream>
#include <map>
#include <memory>
#include <set>
#include <sstream>
#include <string>
#include <vector>

#include "base/network.h"
#include "bench/detection/enron_owner.h"
#include "cli/archive_walk.h"
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
  // Replay exactly as rapportctl replay does (no envelope, no MTA Received
  // field, the direction by the From domain) into its store, and the milter
  // with the facts it has into a store of its own, learning what it
  // delivers: measures what users get against what the figures say, rather
  // than how the two paths build a message.
  bool as_archived = false;
  // With --as-archived, replay as `rapportctl replay --delivered-to OWNER`
  // does: the archive read as its owner's mailbox (DeliveredToMailbox).
  bool replay_owner = false;
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

// The envelope a border MTA gives an archived message of `owner`'s
// mailbox: MAIL FROM its From address, RCPT TO the recipients replay
// learns it for as `owner`'s mailbox (DeliveredToMailbox: the owner when no
// header names a local address), a client inside the organisation for its
// own mail (replay calls a local From outbound) and outside for any other.
Envelope EnvelopeOf(const Message& archived, const std::vector<std::string>& local_domains,
                    const std::string& owner, size_t sequence) {
  Envelope envelope;
  envelope.queue_id = "4ABC" + std::to_string(sequence);
  envelope.mail_from = archived.from.address;
  Message delivered = archived;
  DeliveredToMailbox(owner, local_domains, &delivered);
  envelope.rcpt_to = EffectiveRecipients(delivered, local_domains);
  envelope.client_ip = ArchiveDirection(archived, local_domains) == Direction::kOutbound
                           ? "10.1.2.3"
                           : "203.0.113.9";
  return envelope;
}

bool IsJudged(Route route) { return route == Route::kInbound || route == Route::kInternal; }

class ParityCheck {
 public:
  // `milter_store` is null when both paths read `replay_store`.
  ParityCheck(const Options& options, std::shared_ptr<const Runtime> runtime,
              std::unique_ptr<HistoryStore> replay_store,
              std::unique_ptr<HistoryStore> milter_store)
      : options_(options),
        runtime_(std::move(runtime)),
        replay_store_(std::move(replay_store)),
        milter_store_(std::move(milter_store)) {}

  void set_owner(std::string owner) { owner_ = std::move(owner); }

  // Scores `raw` both ways as of `now`; counts and prints a difference.
  void Compare(const std::string& label, const std::string& raw, int64_t now) {
    const Config& config = runtime_->config;
    Message archived;
    if (!ParseMessage(raw, Envelope{}, config.parse, &archived).ok() ||
        archived.from.address.empty()) {
      ++skipped_;
      return;
    }
    const Envelope envelope = EnvelopeOf(archived, config.local_domains, owner_, sequence_++);
    const std::string delivered = test::WithMtaReceived(raw, envelope);

    // Replay: the message parsed whole, with that envelope; or, as archived,
    // exactly as rapportctl replay reads it.
    Message message;
    Route archive_route = Route::kTransit;
    if (options_.as_archived) {
      message = std::move(archived);
      if (options_.replay_owner) DeliveredToMailbox(owner_, config.local_domains, &message);
      const Direction direction = ArchiveDirection(message, config.local_domains);
      archive_route =
          direction == Direction::kInbound ? Route::kInbound
          : IsInternalMail(direction, message.from.domain,
                           EffectiveRecipients(message, config.local_domains), config.local_domains)
              ? Route::kInternal
              : Route::kOutbound;
    } else {
      if (!ParseMessage(delivered, envelope, config.parse, &message).ok()) {
        ++skipped_;
        return;
      }
      archive_route = DecideRoute(message, config.local_domains, config.internal_networks);
    }
    Verdict archive_verdict;
    if (IsJudged(archive_route)) {
      const Direction direction =
          archive_route == Route::kInbound ? Direction::kInbound : Direction::kOutbound;
      if (!runtime_->scorer->Score(message, direction, *replay_store_, now, &archive_verdict)
               .ok()) {
        ++skipped_;
        return;
      }
    }
    const std::string by_archive = Describe(archive_route, archive_verdict);

    Evaluation evaluation;
    const Status status = ByMilter(delivered, envelope, now, &evaluation);
    const std::string by_milter = status.ok() ? Describe(evaluation.route, evaluation.verdict)
                                              : "milter failed: " + status.ToString() + "\n";

    ++compared_;
    if (IsJudged(archive_route)) ++judged_;
    if (by_archive == by_milter) return;
    ++differ_;
    std::cout << fmt::format("DIFFER {} Message-ID <{}>\n  replay: {}  milter: {}{}", label,
                             message.message_id, by_archive.substr(0, by_archive.find('\n') + 1),
                             by_milter.substr(0, by_milter.find('\n') + 1),
                             Difference(by_archive, by_milter));
  }

  // Learns `raw` as replay does, and with a store of its own as the milter
  // does (what it delivers, through its background learner's request).
  Status Learn(const std::string& raw, const Message& message, int64_t now) {
    const Config& config = runtime_->config;
    Message replayed = message;
    if (options_.replay_owner) DeliveredToMailbox(owner_, config.local_domains, &replayed);
    Verdict verdict;
    Status status = ScoreAndLearn(*runtime_->scorer, replay_store_.get(), replayed,
                                  ArchiveDirection(replayed, config.local_domains), now,
                                  EffectiveRecipients(replayed, config.local_domains), &verdict);
    if (!status.ok() || milter_store_ == nullptr) return status;
    const Envelope envelope = EnvelopeOf(message, config.local_domains, owner_, sequence_++);
    Evaluation evaluation;
    status = ByMilter(test::WithMtaReceived(raw, envelope), envelope, now, &evaluation);
    if (!status.ok() || !(evaluation.plan.learn || evaluation.plan.observe)) return status;
    return milter_store_->Learn(TakeDelivered(&evaluation, config.local_domains, now).request);
  }

  // Known names refreshed as the milter does every few minutes.
  Status RefreshKnownNames() {
    return runtime_->scorer->RefreshKnownNames(milter_store_ ? *milter_store_ : *replay_store_);
  }

  void PrintSummary(const std::string& set) {
    std::cout << fmt::format("{}: compared {} ({} judged), differ {}, skipped {}\n", set, compared_,
                             judged_, differ_, skipped_);
    total_differ_ += differ_;
    compared_ = judged_ = differ_ = skipped_ = 0;
  }

  size_t total_differ() const { return total_differ_; }

 private:
  // What is compared: everything a verdict says; as archived, where each
  // path has its own store and so its own base rates in the evidence, the
  // route, the action and the signals that fired.
  std::string Describe(Route route, const Verdict& verdict) const {
    if (!options_.as_archived) return test::DescribeVerdict(route, verdict);
    std::set<std::string> names;
    for (const SignalHit& hit : verdict.signals) names.insert(hit.name);
    std::string out = fmt::format("{} action={}\n", RouteName(route), ActionName(verdict.action));
    for (const std::string& name : names) out += "  " + name + "\n";
    return out;
  }

  // The milter's evaluation of `delivered` fed as libmilter hands it.
  Status ByMilter(const std::string& delivered, const Envelope& envelope, int64_t now,
                  Evaluation* evaluation) {
    InFlightMessages in_flight;
    MessageState state(runtime_, &in_flight);
    state.envelope.queue_id = envelope.queue_id;
    state.envelope.mail_from = envelope.mail_from;
    state.envelope.client_ip = envelope.client_ip;
    for (const std::string& rcpt : envelope.rcpt_to) AddRecipient(rcpt, &state);
    test::FeedAsMta(delivered, test::MtaFeed{options_.chunk, options_.crlf_folds ? "\r\n" : "\n"},
                    &state);
    return EvaluateMessage(*runtime_, milter_store_ ? *milter_store_ : *replay_store_,
                           Collected(state), now,
                           std::chrono::steady_clock::now() + std::chrono::hours(1), evaluation);
  }

  const Options& options_;
  std::shared_ptr<const Runtime> runtime_;
  std::unique_ptr<HistoryStore> replay_store_;
  std::unique_ptr<HistoryStore> milter_store_;
  std::string owner_;
  size_t sequence_ = 0;
  size_t compared_ = 0, judged_ = 0, differ_ = 0, skipped_ = 0, total_differ_ = 0;
};

int Usage() {
  std::cerr << "usage: parity_check [--last N] [--limit K] [--chunk BYTES] [--crlf-folds] "
               "[--as-archived [--replay-owner]] LOCAL_DOMAIN MAILBOX "
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
    } else if (arg == "--replay-owner") {
      options.replay_owner = true;
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
  auto open = [&](const std::string& name, std::unique_ptr<HistoryStore>* store) {
    StoreOptions store_options;
    store_options.path = dir + "/" + name;
    store_options.local_domains = config.local_domains;
    return OpenRocksDbStore(store_options, store);
  };
  std::unique_ptr<HistoryStore> replay_store, milter_store;
  status = open("replay", &replay_store);
  if (status.ok() && options.as_archived) status = open("milter", &milter_store);
  if (!status.ok()) return std::cerr << status.ToString() << "\n", 1;
  ParityCheck check(options, runtime, std::move(replay_store), std::move(milter_store));

  ArchiveIndex index;
  status = IndexArchives({options.mailbox}, &index);
  if (!status.ok()) return std::cerr << status.ToString() << "\n", 1;
  const std::string file = std::filesystem::path(options.mailbox).stem().string();
  const std::string owner = EnronMailboxOwner(file, options.mailbox, config);
  std::cout << "mailbox owner (RCPT TO where no header names a local address): " << owner << "\n";
  check.set_owner(owner);
  ArchiveReader reader(index);
  const size_t learned = index.entries.size() - std::min(options.last, index.entries.size());
  std::string raw;
  for (size_t i = 0; i < index.entries.size(); ++i) {
    const ArchiveEntry& entry = index.entries[i];
    if (!reader.Read(entry, &raw).ok()) continue;
    if (i == learned) {
      status = check.RefreshKnownNames();
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
    status = check.Learn(raw, message, entry.order_date);
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
