#include "message/mail_archive.h"

#include <unistd.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>

namespace rapport {
namespace {

const std::string kArchives = std::string(RAPPORT_MESSAGE_FIXTURES) + "/archive";

std::vector<std::string> Subjects(const ArchiveIndex& index) {
  std::vector<std::string> subjects;
  for (const ArchiveEntry& entry : index.entries) {
    std::string raw;
    REQUIRE(ReadMessage(index, entry, &raw).ok());
    size_t at = raw.find("Subject: ");
    REQUIRE(at != std::string::npos);
    subjects.push_back(raw.substr(at + 9, raw.find('\n', at) - at - 9));
  }
  return subjects;
}

TEST_CASE("An mbox is split at From_ lines and sorted by Date") {
  ArchiveIndex index;
  REQUIRE(IndexArchives({kArchives + "/sample.mbox"}, &index).ok());
  REQUIRE(index.entries.size() == 4);
  // m2 has no Date and m4's 1972 Date is absurd: each keeps its place after
  // the message before it in the mbox (m1 and m3).
  CHECK(Subjects(index) ==
        std::vector<std::string>{"first by date", "absurd date", "third by date", "no date here"});
  CHECK(index.undated == 2);
  CHECK_FALSE(index.entries[1].date.has_value());
  CHECK(index.entries[1].order_date == *index.entries[0].date);
  CHECK_FALSE(index.entries[3].date.has_value());
  CHECK(index.entries[3].order_date == *index.entries[2].date);
}

TEST_CASE("mboxrd quoting is undone and the separator blank line dropped") {
  ArchiveIndex index;
  REQUIRE(IndexArchives({kArchives + "/sample.mbox"}, &index).ok());
  std::string raw;
  REQUIRE(ReadMessage(index, index.entries[2], &raw).ok());
  CHECK(raw.rfind("From: alice@corp.example\n", 0) == 0);
  CHECK(raw.find("\nFrom the quoted line, one '>' goes.\n") != std::string::npos);
  CHECK(raw.find("\n>From keeps one.\n") != std::string::npos);
  CHECK(raw.substr(raw.size() - 2) == ".\n");
}

TEST_CASE("A Maildir contributes its cur and new messages") {
  ArchiveIndex index;
  REQUIRE(IndexArchives({kArchives + "/maildir"}, &index).ok());
  CHECK(Subjects(index) == std::vector<std::string>{"maildir cur", "maildir new"});
  CHECK(index.undated == 0);
}

TEST_CASE("Several paths merge into one Date order; directories are searched") {
  ArchiveIndex index;
  REQUIRE(IndexArchives({kArchives + "/single.eml", kArchives}, &index).ok());
  // single.eml is found twice: once given, once inside the directory.
  CHECK(index.entries.size() == 1 + 1 + 2 + 4);
  CHECK(index.skipped_files == 1);  // notes.txt
  std::vector<std::string> subjects = Subjects(index);
  CHECK(subjects.front() == "first by date");
  CHECK(subjects[2] == "maildir cur");
  CHECK(subjects.back() == "maildir new");
}

TEST_CASE("An ArchiveReader reads what ReadMessage reads, file after file") {
  ArchiveIndex index;
  REQUIRE(IndexArchives({kArchives}, &index).ok());
  REQUIRE(index.files.size() >= 4);
  ArchiveReader reader(index);
  std::string kept_open, one_shot;
  for (int pass = 0; pass < 2; ++pass) {
    for (const ArchiveEntry& entry : index.entries) {
      REQUIRE(reader.Read(entry, &kept_open).ok());
      REQUIRE(ReadMessage(index, entry, &one_shot).ok());
      CHECK(kept_open == one_shot);
    }
  }
  ArchiveEntry bogus;
  bogus.file = index.files.size();
  CHECK(reader.Read(bogus, &kept_open).IsInvalidArgument());
}

TEST_CASE("An ArchiveReader closes old files to stay within its limit") {
  std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("rapport-reader-" + std::to_string(getpid()));
  std::filesystem::create_directories(dir);
  const size_t count = ArchiveReader::kMaxOpenFiles + 6;
  for (size_t i = 0; i < count; ++i) {
    std::ofstream(dir / ("m" + std::to_string(1000 + i) + ".eml"))
        << "From: a@example.com\nSubject: n" << i
        << "\nDate: Tue, 01 May 2001 10:00:" << (10 + i % 50) << " +0000\n\nbody\n";
  }
  ArchiveIndex index;
  REQUIRE(IndexArchives({dir.string()}, &index).ok());
  REQUIRE(index.entries.size() == count);
  auto open_fds = [] {
    return std::distance(std::filesystem::directory_iterator("/proc/self/fd"),
                         std::filesystem::directory_iterator());
  };
  const auto fds_before = open_fds();
  ArchiveReader reader(index);
  std::string raw;
  size_t read = 0;
  for (int pass = 0; pass < 2; ++pass) {
    for (const ArchiveEntry& entry : index.entries) {
      REQUIRE(reader.Read(entry, &raw).ok());
      read += raw.find("Subject: n") != std::string::npos;
    }
  }
  CHECK(read == 2 * count);
  CHECK(open_fds() - fds_before == static_cast<long>(ArchiveReader::kMaxOpenFiles));
  std::filesystem::remove_all(dir);
}

// `text` with CRLF line ends.
std::string Crlf(std::string_view text) {
  std::string out;
  for (char c : text) {
    if (c == '\n') out.push_back('\r');
    out.push_back(c);
  }
  return out;
}

// The raw messages of the archives at `paths`, in index order.
std::vector<std::string> RawMessages(const std::vector<std::string>& paths) {
  ArchiveIndex index;
  REQUIRE(IndexArchives(paths, &index).ok());
  std::vector<std::string> messages;
  for (const ArchiveEntry& entry : index.entries) {
    std::string raw;
    REQUIRE(ReadMessage(index, entry, &raw).ok());
    messages.push_back(raw);
  }
  return messages;
}

TEST_CASE("An mbox and a Maildir written with CRLF read the same messages, CRLF kept") {
  const std::filesystem::path dir =
      std::filesystem::temp_directory_path() / ("rapport-crlf-" + std::to_string(getpid()));
  std::filesystem::remove_all(dir);
  std::filesystem::create_directories(dir / "maildir" / "cur");
  // Two messages as they are, the second with lines mboxrd quotes.
  const std::vector<std::string> messages = {
      "From: a@example.com\nSubject: one\nDate: Tue, 01 May 2001 10:00:00 +0000\n\nbody one\n",
      "From: b@example.com\nSubject: two\nDate: Tue, 01 May 2001 09:00:00 +0000\n\n"
      "From the start.\n>From quoted.\nlast\n"};
  std::string mbox;
  for (const std::string& message : messages) {
    std::string quoted;
    for (size_t at = 0; at < message.size();) {
      const size_t end = message.find('\n', at) + 1;
      const std::string line = message.substr(at, end - at);
      quoted += (line.find_first_not_of('>') == line.find("From ") ? ">" : "") + line;
      at = end;
    }
    mbox += "From x@example.com Tue May  1 10:00:00 2001\n" + quoted + "\n";
  }
  std::ofstream(dir / "lf.mbox", std::ios::binary) << mbox;
  std::ofstream(dir / "crlf.mbox", std::ios::binary) << Crlf(mbox);
  for (size_t i = 0; i < messages.size(); ++i) {
    std::ofstream(dir / "maildir" / "cur" / ("m" + std::to_string(i)), std::ios::binary)
        << Crlf(messages[i]);
  }
  // Date order: the second message first.
  const std::vector<std::string> expected = {messages[1], messages[0]};
  CHECK(RawMessages({(dir / "lf.mbox").string()}) == expected);
  const std::vector<std::string> expected_crlf = {Crlf(messages[1]), Crlf(messages[0])};
  CHECK(RawMessages({(dir / "crlf.mbox").string()}) == expected_crlf);
  CHECK(RawMessages({(dir / "maildir").string()}) == expected_crlf);
  std::filesystem::remove_all(dir);
}

TEST_CASE("Archive errors name the path") {
  ArchiveIndex index;
  Status missing = IndexArchives({kArchives + "/does-not-exist.mbox"}, &index);
  CHECK(missing.IsNotFound());
  CHECK(missing.message().find("does-not-exist.mbox") != std::string::npos);

  Status not_mail = IndexArchives({kArchives + "/notes.txt"}, &index);
  CHECK(not_mail.IsInvalidArgument());
  CHECK(not_mail.message().find("notes.txt") != std::string::npos);

  Status empty = IndexArchives({kArchives + "/empty_dir"}, &index);
  CHECK(empty.IsInvalidArgument());
  CHECK(empty.message().find("empty_dir") != std::string::npos);

  CHECK_FALSE(IndexArchives({}, &index).ok());
}

}  // namespace
}  // namespace rapport
