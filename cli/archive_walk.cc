#include "cli/archive_walk.h"

#include <fmt/format.h>
#include <unistd.h>

#include <chrono>
#include <cstdio>

#include "message/mail_archive.h"
#include "message/parser.h"
#include "scoring/direction.h"

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
    if (!enabled_ || (done % 500 != 0 && done != total_)) return;
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

}  // namespace

Status WalkArchives(const std::vector<std::string>& paths, const Config& config,
                    const std::function<Status(const ArchivedMessage&)>& visit,
                    WalkSummary* summary) {
  const auto start = std::chrono::steady_clock::now();
  ArchiveIndex index;
  Status s = IndexArchives(paths, &index);
  if (!s.ok()) return s;
  summary->dates_estimated = index.undated;
  if (index.skipped_files > 0) summary->skipped["files that are not mail"] += index.skipped_files;

  Progress progress(index.entries.size());
  std::string raw;
  for (const ArchiveEntry& entry : index.entries) {
    progress.Update(++summary->messages_read);
    if (!ReadMessage(index, entry, &raw).ok()) {
      ++summary->skipped["unreadable"];
      continue;
    }
    Message message;
    if (!ParseMessage(raw, Envelope{}, config.parse, &message).ok()) {
      ++summary->skipped["not a mail message"];
      continue;
    }
    if (message.from.address.empty()) {
      ++summary->skipped["no From address"];
      continue;
    }
    ArchivedMessage archived;
    archived.message = &message;
    archived.direction = ArchiveDirection(message, config.local_domains);
    archived.recipients = EffectiveRecipients(message);
    archived.clock = entry.order_date;
    s = visit(archived);
    if (!s.ok()) return s;
  }
  summary->seconds =
      std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
  return Status::Ok();
}

}  // namespace rapport
