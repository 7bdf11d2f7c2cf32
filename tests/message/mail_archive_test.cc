#include "message/mail_archive.h"

#include <catch2/catch.hpp>

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
