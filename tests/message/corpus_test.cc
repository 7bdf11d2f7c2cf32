#include "tests/corpus.h"

#include <catch2/catch.hpp>

#include "message/mail_archive.h"
#include "message/parser.h"

namespace rapport {
namespace {

// Every message of a real phishing sample parses, and the links the corpus
// README promises ("all with links") are found in nearly all of them.
TEST_CASE("Every Phishing Pot message parses and nearly all have links") {
  ArchiveIndex index;
  REQUIRE(IndexArchives({testing::CorpusFile("phishing/phishing_pot-sample.mbox")}, &index).ok());
  REQUIRE(index.entries.size() == 907);
  size_t with_links = 0;
  size_t with_sender = 0;
  ArchiveReader reader(index);
  std::string raw;
  for (const ArchiveEntry& entry : index.entries) {
    REQUIRE(reader.Read(entry, &raw).ok());
    Message message;
    REQUIRE(ParseMessage(raw, Envelope(), ParseOptions(), &message).ok());
    with_links += !message.links.empty();
    with_sender += !message.from.address.empty();
  }
  CHECK(with_links * 100 >= index.entries.size() * 97);
  CHECK(with_sender * 100 >= index.entries.size() * 95);
}

}  // namespace
}  // namespace rapport
