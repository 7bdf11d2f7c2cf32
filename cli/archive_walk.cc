#include "cli/archive_walk.h"

#include <fmt/format.h>
#include <unistd.h>

#include <algorithm>
#include <chrono>
#include <cstdio>
#include <deque>
#include <future>
#include <thread>

#include "message/domain_names.h"
#include "message/mail_archive.h"
#include "message/organisation.h"
#include "message/parser.h"

namespace rapport {
namespace {

// A progress line on stderr, redrawn in place; silent when stderr is not a
// terminal so that scripts and logs stay clean.
class Progress {
 public:
  explicit Progress(size_t total) : total_(total), enabled_(isatty(STDERR_FILENO) == 1) {}
  ~Progress() {
    if (enabled_ && drawn_) std::fputs("\n", stderr);
  }

  void Update(size_t done) {
    if (!enabled_) return;
    std::fputs(fmt::format("\r{}/{} messages ({:.0f}%)", done, total_,
                           total_ == 0 ? 100.0 : 100.0 * done / total_)
                   .c_str(),
               stderr);
    drawn_ = true;
  }

 private:
  size_t total_;
  bool enabled_;
  bool drawn_ = false;
};

// Messages of consecutive archive entries, read and parsed together.
struct ParsedBatch {
  std::vector<std::pair<const ArchiveEntry*, Message>> messages;
  std::map<std::string, uint64_t> skipped;
};

// Reads and parses entries [begin, end) of the index into *batch, counting
// what cannot be used.
void ParseBatch(ArchiveReader* reader, const Config& config, std::string_view delivered_to,
                std::vector<ArchiveEntry>::const_iterator begin,
                std::vector<ArchiveEntry>::const_iterator end, ParsedBatch* batch) {
  std::string raw;
  for (auto entry = begin; entry != end; ++entry) {
    if (!reader->Read(*entry, &raw).ok()) {
      ++batch->skipped["unreadable"];
      continue;
    }
    Message message;
    if (!ParseMessage(raw, Envelope{}, config.parse, &message).ok()) {
      ++batch->skipped["not a mail message"];
      continue;
    }
    if (message.from.address.empty()) {
      ++batch->skipped["no From address"];
      continue;
    }
    DeliveredToMailbox(delivered_to, config.local_domains, &message);
    batch->messages.emplace_back(&*entry, std::move(message));
  }
}

constexpr size_t kBatchSize = 256;

}  // namespace

Status WalkArchives(const std::vector<std::string>& paths, const Config& config,
                    std::string_view delivered_to,
                    const std::function<Status(const ArchivedMessage&)>& visit,
                    WalkSummary* summary) {
  const auto start = std::chrono::steady_clock::now();
  ArchiveIndex index;
  Status s = IndexArchives(paths, &index);
  if (!s.ok()) return s;
  summary->dates_estimated = index.undated;
  if (index.skipped_files > 0) summary->skipped["files that are not mail"] += index.skipped_files;

  // Parsing runs ahead of visiting (learning, scoring) on every core, one
  // batch per task: parsing costs several times what a visit does, and the
  // visits must stay in Date order on this one thread. Each task reads with
  // its own ArchiveReader, which is not thread-safe.
  const auto& entries = index.entries;
  auto parse_from = [&](size_t first) {
    return std::async(std::launch::async, [&, first] {
      ParsedBatch batch;
      ArchiveReader reader(index);
      const size_t last = std::min(entries.size(), first + kBatchSize);
      ParseBatch(&reader, config, delivered_to, entries.begin() + first, entries.begin() + last,
                 &batch);
      return batch;
    });
  };
  const size_t parse_tasks = std::max(1U, std::thread::hardware_concurrency());
  Progress progress(entries.size());
  // Returning destroys the tasks still running, each waiting for its batch.
  std::deque<std::future<ParsedBatch>> ahead;
  size_t next_first = 0;
  const auto launch_parses = [&] {
    while (ahead.size() < parse_tasks && next_first < entries.size()) {
      ahead.push_back(parse_from(next_first));
      next_first += kBatchSize;
    }
  };
  launch_parses();
  for (size_t first = 0; first < entries.size(); first += kBatchSize) {
    ParsedBatch batch = ahead.front().get();
    ahead.pop_front();
    launch_parses();
    for (const auto& [reason, count] : batch.skipped) summary->skipped[reason] += count;
    summary->messages_read = std::min(entries.size(), first + kBatchSize);
    for (const auto& [entry, message] : batch.messages) {
      ArchivedMessage archived;
      archived.message = &message;
      archived.direction = ArchiveDirection(message, config.local_domains);
      archived.recipients = EffectiveRecipients(message, config.local_domains);
      archived.clock = entry->order_date;
      s = visit(archived);
      if (!s.ok()) return s;
    }
    progress.Update(summary->messages_read);
  }
  summary->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

Status TakeDeliveredTo(const Config& config, std::vector<std::string>* args,
                       std::string* delivered_to) {
  delivered_to->clear();
  const auto option = std::find(args->begin(), args->end(), "--delivered-to");
  if (option == args->end()) return Status::Ok();
  if (option + 1 == args->end()) return Status::InvalidArgument("--delivered-to needs an ADDRESS");
  const std::string& text = *(option + 1);
  std::string address = PlainAddress(text);
  if (address.empty()) {
    return Status::InvalidArgument("--delivered-to " + text + ": not a plain email address");
  }
  if (!IsLocalAddress(address, config.local_domains)) {
    return Status::InvalidArgument("--delivered-to " + text +
                                   ": not in a local domain (local_domains); the mailbox a "
                                   "gateway delivers to is the organisation's");
  }
  args->erase(option, option + 2);
  *delivered_to = std::move(address);
  return Status::Ok();
}

}  // namespace rapport
