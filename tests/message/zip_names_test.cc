#include "message/zip_names.h"

#include <catch2/catch.hpp>
#include <string>

namespace rapport {
namespace {

// Python's zipfile, stored: readme.txt ("hi\n") then email-doc.scr ("MZ").
const std::string kArchive(
    "\x50\x4b\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x21\x32\x7a\x7a\x6f\xed\x03\x00"
    "\x00\x00\x03\x00\x00\x00\x0a\x00\x00\x00\x72\x65\x61\x64\x6d\x65\x2e\x74\x78\x74"
    "\x68\x69\x0a\x50\x4b\x03\x04\x14\x00\x00\x00\x00\x00\x00\x00\x21\x32\x5d\x9b\xb0"
    "\x8f\x02\x00\x00\x00\x02\x00\x00\x00\x0d\x00\x00\x00\x65\x6d\x61\x69\x6c\x2d\x64"
    "\x6f\x63\x2e\x73\x63\x72\x4d\x5a\x50\x4b\x01\x02\x14\x03\x14\x00\x00\x00\x00\x00"
    "\x00\x00\x21\x32\x7a\x7a\x6f\xed\x03\x00\x00\x00\x03\x00\x00\x00\x0a\x00\x00\x00"
    "\x00\x00\x00\x00\x00\x00\x00\x00\x80\x01\x00\x00\x00\x00\x72\x65\x61\x64\x6d\x65"
    "\x2e\x74\x78\x74\x50\x4b\x01\x02\x14\x03\x14\x00\x00\x00\x00\x00\x00\x00\x21\x32"
    "\x5d\x9b\xb0\x8f\x02\x00\x00\x00\x02\x00\x00\x00\x0d\x00\x00\x00\x00\x00\x00\x00"
    "\x00\x00\x00\x00\x80\x01\x2b\x00\x00\x00\x65\x6d\x61\x69\x6c\x2d\x64\x6f\x63\x2e"
    "\x73\x63\x72\x50\x4b\x05\x06\x00\x00\x00\x00\x02\x00\x02\x00\x73\x00\x00\x00\x58"
    "\x00\x00\x00\x00\x00",
    225);
// Where its central directory starts; an entry is 46 bytes before its name.
constexpr size_t kDirectory = 88;

TEST_CASE("ZipFileNames lists the directory's names in order") {
  CHECK(ZipFileNames(kArchive, kMaxZipFileNames) ==
        std::vector<std::string>{"readme.txt", "email-doc.scr"});
  CHECK(ZipFileNames(kArchive, 1) == std::vector<std::string>{"readme.txt"});
}

TEST_CASE("ZipFileNames finds the end record behind an archive comment") {
  std::string commented = kArchive;
  commented[commented.size() - 2] = 7;  // comment length
  commented += "comment";
  CHECK(ZipFileNames(commented, kMaxZipFileNames).size() == 2);
  // A comment length that does not reach the end is not the end record.
  commented += "x";
  CHECK(ZipFileNames(commented, kMaxZipFileNames).empty());
}

TEST_CASE("ZipFileNames reads any bytes: not an archive, cut, or pointing outside") {
  CHECK(ZipFileNames("", kMaxZipFileNames).empty());
  CHECK(ZipFileNames("PK\x05\x06 not really", kMaxZipFileNames).empty());
  CHECK(ZipFileNames(kArchive.substr(0, 200), kMaxZipFileNames).empty());
  std::string outside = kArchive;
  outside[outside.size() - 5] = '\x7f';  // directory offset far past the data
  CHECK(ZipFileNames(outside, kMaxZipFileNames).empty());
  // An end record claiming 65,535 entries: the directory's two are read.
  std::string many = kArchive;
  many.replace(many.size() - 14, 4, "\xff\xff\xff\xff");  // on this disk, in all
  CHECK(ZipFileNames(many, kMaxZipFileNames) ==
        std::vector<std::string>{"readme.txt", "email-doc.scr"});
  // A second entry whose name runs past the directory: the first is kept.
  std::string long_name = kArchive;
  long_name[kDirectory + 46 + 10 + 28] = '\x70';  // second name length
  CHECK(ZipFileNames(long_name, kMaxZipFileNames) == std::vector<std::string>{"readme.txt"});
}

TEST_CASE("ZipFileNames writes bytes outside printable ASCII as '?'") {
  std::string odd = kArchive;
  odd[kDirectory + 46] = '\xe9';  // the first name's first byte
  CHECK(ZipFileNames(odd, kMaxZipFileNames)[0] == "?eadme.txt");
}

}  // namespace
}  // namespace rapport
