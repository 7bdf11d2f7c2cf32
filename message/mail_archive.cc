#include "message/mail_archive.h"

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

#include <algorithm>
#include <cerrno>
#include <chrono>
#include <cstring>
#include <filesystem>

#include "base/clock.h"
#include "message/ascii.h"
#include "message/header_syntax.h"
#include "message/mail_date.h"

namespace rapport {

namespace fs = std::filesystem;

namespace {

constexpr int64_t kFutureTolerance = 2 * kSecondsPerDay;  // clocks run fast; two days is absurd
constexpr size_t kMaxHeaderScan = 256 * 1024;             // bytes searched for the Date header
constexpr size_t kSniffSize = 64 * 1024;                  // bytes read to recognise a file

std::string ErrnoText() { return std::strerror(errno); }

// A read-only view of a whole file, mapped when it is not empty.
class MappedFile {
 public:
  MappedFile() = default;
  MappedFile(const MappedFile&) = delete;
  MappedFile& operator=(const MappedFile&) = delete;
  ~MappedFile() {
    if (data_ != nullptr) munmap(data_, size_);
  }

  Status Open(const std::string& path) {
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::IoError(path + ": cannot open: " + ErrnoText());
    struct stat st;
    if (fstat(fd, &st) != 0) {
      Status status = Status::IoError(path + ": cannot stat: " + ErrnoText());
      close(fd);
      return status;
    }
    size_ = static_cast<size_t>(st.st_size);
    if (size_ > 0) {
      void* data = mmap(nullptr, size_, PROT_READ, MAP_PRIVATE, fd, 0);
      if (data == MAP_FAILED) {
        Status status = Status::IoError(path + ": cannot read: " + ErrnoText());
        close(fd);
        return status;
      }
      data_ = data;
      madvise(data_, size_, MADV_SEQUENTIAL);
    }
    close(fd);
    return Status::Ok();
  }

  std::string_view view() const {
    return data_ ? std::string_view(static_cast<const char*>(data_), size_) : std::string_view();
  }

 private:
  void* data_ = nullptr;
  size_t size_ = 0;
};

// The header section of a message: up to the first empty line.
std::string_view HeaderSection(std::string_view message) {
  message = message.substr(0, kMaxHeaderScan);
  size_t pos = 0;
  while (pos < message.size()) {
    size_t eol = message.find('\n', pos);
    if (eol == std::string_view::npos) return message;
    std::string_view line = message.substr(pos, eol - pos);
    if (line.empty() || line == "\r") return message.substr(0, pos);
    pos = eol + 1;
  }
  return message;
}

// True when `text` opens with header fields and names at least one field
// every mail message has, so that a stray text file is not taken for mail.
bool LooksLikeMessage(std::string_view text) {
  static constexpr std::string_view kFields[] = {
      "from:", "date:",        "subject:",      "received:",    "message-id:",
      "to:",   "return-path:", "delivered-to:", "mime-version:"};
  std::string_view headers = HeaderSection(text.substr(0, kSniffSize));
  if (!StartsWithHeaderField(headers)) return false;
  size_t pos = 0;
  while (pos < headers.size()) {
    std::string_view line = headers.substr(pos);
    for (std::string_view field : kFields) {
      if (StartsWithNoCase(line, field)) return true;
    }
    size_t eol = headers.find('\n', pos);
    if (eol == std::string_view::npos) break;
    pos = eol + 1;
  }
  return false;
}

// The Date header of a message, when present and sane.
std::optional<int64_t> HeaderDate(std::string_view message, int64_t latest_sane) {
  std::string_view headers = HeaderSection(message);
  size_t pos = 0;
  while (pos < headers.size()) {
    size_t eol = headers.find('\n', pos);
    if (eol == std::string_view::npos) eol = headers.size();
    if (StartsWithNoCase(headers.substr(pos, eol - pos), "date:")) {
      std::string value(headers.substr(pos + 5, eol - pos - 5));
      // Folded continuation lines belong to the value.
      while (eol + 1 < headers.size() && (headers[eol + 1] == ' ' || headers[eol + 1] == '\t')) {
        size_t next = headers.find('\n', eol + 1);
        if (next == std::string_view::npos) next = headers.size();
        value.append(headers.substr(eol + 1, next - eol - 1));
        eol = next;
      }
      std::optional<int64_t> date = ParseMailDate(value);
      if (date && *date > latest_sane) return std::nullopt;
      return date;
    }
    pos = eol + 1;
  }
  return std::nullopt;
}

class Indexer {
 public:
  explicit Indexer(ArchiveIndex* out) : out_(out) {
    auto now = std::chrono::system_clock::now().time_since_epoch();
    latest_sane_ = std::chrono::duration_cast<std::chrono::seconds>(now).count() + kFutureTolerance;
  }

  // Indexes a path given by the user: anything wrong with it is an error.
  Status AddPath(const std::string& path) {
    std::error_code ec;
    fs::file_status status = fs::status(path, ec);
    if (ec || !fs::exists(status)) return Status::NotFound(path + ": no such file or directory");
    if (fs::is_directory(status)) {
      size_t before = out_->entries.size();
      Status s = AddDirectory(path);
      if (!s.ok()) return s;
      if (out_->entries.size() == before) {
        return Status::InvalidArgument(path + ": directory holds no mail (mbox, Maildir or .eml)");
      }
      return Status::Ok();
    }
    MailFile result;
    Status s = AddFile(path, &result);
    if (!s.ok()) return s;
    if (result == MailFile::kNotMail) {
      return Status::InvalidArgument(path + ": not a mail file (neither mbox nor a message)");
    }
    return Status::Ok();
  }

  // Gives every message its order date and sorts by it.
  void Finish() {
    int64_t previous = 0;
    bool seen_date = false;
    for (ArchiveEntry& entry : out_->entries) {
      if (entry.date) {
        previous = *entry.date;
        if (!seen_date) BackfillLeadingUndated(previous);
        seen_date = true;
      } else {
        ++out_->undated;
      }
      entry.order_date = previous;
    }
    std::stable_sort(
        out_->entries.begin(), out_->entries.end(),
        [](const ArchiveEntry& a, const ArchiveEntry& b) { return a.order_date < b.order_date; });
  }

 private:
  enum class MailFile { kMail, kNotMail };

  // Undated messages before the first dated one go with the first date, so
  // that they stay at the front instead of sorting to the epoch.
  void BackfillLeadingUndated(int64_t date) {
    for (ArchiveEntry& entry : out_->entries) {
      if (entry.date) break;
      entry.order_date = date;
    }
  }

  static bool IsMaildir(const fs::path& dir) {
    std::error_code ec;
    return fs::is_directory(dir / "cur", ec) || fs::is_directory(dir / "new", ec);
  }

  Status AddDirectory(const fs::path& dir) {
    if (IsMaildir(dir)) {
      for (const char* sub : {"cur", "new"}) {
        std::error_code ec;
        if (!fs::is_directory(dir / sub, ec)) continue;
        Status s = AddDirectoryFiles(dir / sub, Recurse::kNo);
        if (!s.ok()) return s;
      }
      return Status::Ok();
    }
    return AddDirectoryFiles(dir, Recurse::kYes);
  }

  enum class Recurse { kNo, kYes };

  Status AddDirectoryFiles(const fs::path& dir, Recurse recurse) {
    std::error_code ec;
    fs::directory_iterator it(dir, ec);
    if (ec) return Status::IoError(dir.string() + ": cannot list: " + ec.message());
    std::vector<fs::directory_entry> children;
    for (; it != fs::directory_iterator(); it.increment(ec)) {
      if (ec) return Status::IoError(dir.string() + ": cannot list: " + ec.message());
      if (it->path().filename().string().front() == '.') continue;  // dot files, dovecot indexes
      children.push_back(*it);
    }
    std::sort(children.begin(), children.end());
    for (const fs::directory_entry& child : children) {
      std::error_code type_ec;
      if (child.is_directory(type_ec)) {
        if (recurse == Recurse::kNo) continue;
        Status s = AddDirectory(child.path());
        if (!s.ok()) return s;
      } else if (child.is_regular_file(type_ec)) {
        MailFile result;
        Status s = AddFile(child.path().string(), &result);
        if (!s.ok()) return s;
        if (result == MailFile::kNotMail) ++out_->skipped_files;
      }
    }
    return Status::Ok();
  }

  Status AddFile(const std::string& path, MailFile* result) {
    MappedFile file;
    Status s = file.Open(path);
    if (!s.ok()) return s;
    std::string_view data = file.view();
    *result = MailFile::kNotMail;
    if (data.substr(0, 5) == "From ") {
      size_t first_line_end = data.find('\n');
      if (first_line_end == std::string_view::npos ||
          !LooksLikeMessage(data.substr(first_line_end + 1))) {
        return Status::Ok();
      }
      *result = MailFile::kMail;
      IndexMbox(data, RegisterFile(path));
    } else if (LooksLikeMessage(data)) {
      *result = MailFile::kMail;
      ArchiveEntry entry;
      entry.file = RegisterFile(path);
      entry.length = data.size();
      entry.format = ArchiveFormat::kMessage;
      entry.date = HeaderDate(data, latest_sane_);
      out_->entries.push_back(entry);
    }
    return Status::Ok();
  }

  size_t RegisterFile(const std::string& path) {
    out_->files.push_back(path);
    return out_->files.size() - 1;
  }

  // Splits an mboxrd file at its "From " lines; quoting guarantees that no
  // body line starts with "From ".
  void IndexMbox(std::string_view data, size_t file) {
    size_t start = 0;  // the current From_ line
    while (start < data.size()) {
      size_t line_end = data.find('\n', start);
      if (line_end == std::string_view::npos) return;
      size_t body = line_end + 1;
      size_t separator = data.find("\nFrom ", line_end);
      size_t next = separator == std::string_view::npos ? data.size() : separator + 1;
      size_t end = next;
      // The writer's blank line after each message is not part of it,
      // whichever line end the mbox was written with.
      if (end - body >= 2 && data[end - 2] == '\n') {
        --end;
      } else if (end - body >= 3 && data.substr(end - 3, 3) == "\n\r\n") {
        end -= 2;
      }
      if (end > body) {
        ArchiveEntry entry;
        entry.file = file;
        entry.offset = body;
        entry.length = end - body;
        entry.format = ArchiveFormat::kMboxrd;
        entry.date = HeaderDate(data.substr(body, end - body), latest_sane_);
        out_->entries.push_back(entry);
      }
      start = next;
    }
  }

  ArchiveIndex* out_;
  int64_t latest_sane_ = 0;
};

// Removes one '>' from every line matching ^>+From .
void UnquoteMboxrd(std::string* raw) {
  std::string& s = *raw;
  if (s.find(">From ") == std::string::npos) return;  // nearly every message
  size_t write = 0;
  size_t read = 0;
  bool line_start = true;
  while (read < s.size()) {
    if (line_start && s[read] == '>') {
      size_t gt = read;
      while (gt < s.size() && s[gt] == '>') ++gt;
      if (s.compare(gt, 5, "From ") == 0) ++read;  // drop one '>'
    }
    char c = s[read++];
    s[write++] = c;
    line_start = c == '\n';
  }
  s.resize(write);
}

Status PreadFully(int fd, const std::string& path, const ArchiveEntry& entry, std::string* raw) {
  raw->resize(entry.length);
  size_t done = 0;
  while (done < entry.length) {
    ssize_t n = pread(fd, raw->data() + done, entry.length - done, entry.offset + done);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) {
      return Status::IoError(path + ": cannot read message at byte " +
                             std::to_string(entry.offset) + ": " +
                             (n == 0 ? std::string("file shrank") : ErrnoText()));
    }
    done += static_cast<size_t>(n);
  }
  return Status::Ok();
}

}  // namespace

Status IndexArchives(const std::vector<std::string>& paths, ArchiveIndex* out) {
  *out = ArchiveIndex();
  if (paths.empty()) return Status::InvalidArgument("no archive paths given");
  Indexer indexer(out);
  for (const std::string& path : paths) {
    Status s = indexer.AddPath(path);
    if (!s.ok()) return s;
  }
  indexer.Finish();
  return Status::Ok();
}

ArchiveReader::ArchiveReader(const ArchiveIndex& index)
    : index_(index), fds_(index.files.size(), -1) {}

ArchiveReader::~ArchiveReader() {
  for (size_t file : open_files_) close(fds_[file]);
}

Status ArchiveReader::Read(const ArchiveEntry& entry, std::string* raw) {
  if (entry.file >= index_.files.size()) {
    return Status::InvalidArgument("archive entry out of range");
  }
  const std::string& path = index_.files[entry.file];
  if (fds_[entry.file] < 0) {
    if (open_files_.size() >= kMaxOpenFiles) {
      close(fds_[open_files_.front()]);
      fds_[open_files_.front()] = -1;
      open_files_.pop_front();
    }
    int fd = open(path.c_str(), O_RDONLY | O_CLOEXEC);
    if (fd < 0) return Status::IoError(path + ": cannot open: " + ErrnoText());
    fds_[entry.file] = fd;
    open_files_.push_back(entry.file);
  }
  Status status = PreadFully(fds_[entry.file], path, entry, raw);
  if (!status.ok()) return status;
  if (entry.format == ArchiveFormat::kMboxrd) UnquoteMboxrd(raw);
  return Status::Ok();
}

Status ReadMessage(const ArchiveIndex& index, const ArchiveEntry& entry, std::string* raw) {
  return ArchiveReader(index).Read(entry, raw);
}

}  // namespace rapport
