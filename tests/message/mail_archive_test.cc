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
