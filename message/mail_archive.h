#pragma once

#include <cstdint>
#include <deque>
#include <optional>
#include <string>
#include <vector>

#include "base/status.h"

namespace rapport {

// How the bytes of one archived message are stored.
enum class ArchiveFormat {
  kMboxrd,   // inside an mbox: lines matching ^>+From carry one extra '>'
  kMessage,  // a whole file: a Maildir message or a single .eml
};

// Where one message of an archive lives, and when it was written.
struct ArchiveEntry {
  size_t file = 0;      // index into ArchiveIndex::files
  uint64_t offset = 0;  // first byte of the message (after an mbox From_ line)
  uint64_t length = 0;  // bytes of the message as stored
  ArchiveFormat format = ArchiveFormat::kMessage;
  std::optional<int64_t> date;  // the Date header, seconds since the epoch, when sane
  // The clock the message is learned at: its date, or when the Date is
  // missing or absurd, the date of the message before it in archive order.
  int64_t order_date = 0;
};

// Every message of a set of archives, in Date order.
struct ArchiveIndex {
  std::vector<std::string> files;  // every file holding indexed messages
  std::vector<ArchiveEntry> entries;
  int undated = 0;        // messages whose Date was missing or absurd
  int skipped_files = 0;  // files inside directories that were not mail
};

// Indexes `paths` — mbox files, Maildir folders (cur/ and new/), single
// message files, and directories holding any of these, searched
// recursively — and sorts the messages into Date order. A Date before 1980
// or more than two days after the moment of indexing is absurd; such a
// message keeps its place in archive order (files in the order given,
// directory entries by name, mbox messages as stored). Files that are not
// mail inside a directory are skipped and counted; a path given directly
// that is missing, unreadable, not mail, or a directory without mail is an
// error whose message names the path. On error *out is left partial.
Status IndexArchives(const std::vector<std::string>& paths, ArchiveIndex* out);

// Reads the messages of an ArchiveIndex, keeping up to kMaxOpenFiles of its
// files open between reads (an mbox is read many times, in Date order
// interleaved with other archives). The index must outlive the reader. Not
// safe for concurrent use: give each thread its own reader.
class ArchiveReader {
 public:
  static constexpr size_t kMaxOpenFiles = 64;

  explicit ArchiveReader(const ArchiveIndex& index);
  ArchiveReader(const ArchiveReader&) = delete;
  ArchiveReader& operator=(const ArchiveReader&) = delete;
  ~ArchiveReader();

  // Reads the raw message of `entry` into *raw, with mboxrd quoting undone.
  // Returns an IoError naming the file when it can no longer be read.
  Status Read(const ArchiveEntry& entry, std::string* raw);

 private:
  const ArchiveIndex& index_;
  std::vector<int> fds_;           // by ArchiveIndex::files position; -1 when closed
  std::deque<size_t> open_files_;  // open file positions, oldest first
};

// Reads one message as ArchiveReader::Read does, opening its file for this
// read alone.
Status ReadMessage(const ArchiveIndex& index, const ArchiveEntry& entry, std::string* raw);

}  // namespace rapport
