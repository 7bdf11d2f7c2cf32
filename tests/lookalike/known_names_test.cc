#include "scoring/lookalike/known_names.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

TEST_CASE("correspondent strength grows with mail written to it", "[lookalike]") {
  SenderProfile profile;
  profile.active_days = 5;
  profile.messages_sent = 4;
  double received_only = CorrespondentStrength(profile);
  CHECK(received_only == Approx(0.2));
  profile.messages_received = 4;
  CHECK(CorrespondentStrength(profile) == Approx(0.8));
  profile.messages_received = 100;
  CHECK(CorrespondentStrength(profile) == 1.0);
}

TEST_CASE("a domain the organisation never wrote to is a source, not a relationship",
          "[lookalike]") {
  SenderProfile list;
  list.active_days = 4;
  list.messages_sent = 21;  // python.org's lists posting here
  CHECK(CorrespondentStrength(list) == Approx(0.25));
  std::unique_ptr<LookalikeIndex> index;
  REQUIRE(BuildLookalikeIndex(LookalikeOptions(), {"example.com"}, "", &index).ok());
  REQUIRE(index->Add(CorrespondentName("python.org", list)).ok());
  std::vector<LookalikeMatch> matches;
  index->Check("python.net", CandidateKind::kHost, 0, &matches);
  index->Check("pyhton.org", CandidateKind::kHost, 0, &matches);
  CHECK(matches.empty());
  // Disguised, its name is still an imitation.
  index->Check("pyth0n.org", CandidateKind::kHost, 0, &matches);
  CHECK(matches.size() == 1);
  // Once the organisation writes to it, it is a relationship.
  list.messages_received = 1;
  CHECK(CorrespondentStrength(list) == 1.0);
  REQUIRE(index->Add(CorrespondentName("python.org", list)).ok());
  matches.clear();
  index->Check("python.net", CandidateKind::kHost, 0, &matches);
  CHECK(matches.size() == 1);
}

TEST_CASE("a correspondent seen on one day counts half", "[lookalike]") {
  SenderProfile profile;
  profile.active_days = 1;
  profile.messages_received = 10;
  CHECK(CorrespondentStrength(profile) == Approx(0.5));
}

TEST_CASE("a correspondent name carries its first sighting", "[lookalike]") {
  SenderProfile profile;
  profile.first_seen = 1000;
  profile.active_days = 3;
  profile.messages_received = 20;
  KnownName name = CorrespondentName("txu.com", profile);
  CHECK(name.name == "txu.com");
  CHECK(name.kind == KnownNameKind::kCorrespondent);
  CHECK(name.strength == 1.0);
  CHECK(name.first_seen == 1000);
}

TEST_CASE("the index starts with local domains and brands", "[lookalike]") {
  std::unique_ptr<LookalikeIndex> index;
  REQUIRE(BuildLookalikeIndex(LookalikeOptions(), {"acme-corp.com"}, "", &index).ok());
  CHECK(index->IsKnownDomain("mail.acme-corp.com"));
  CHECK(index->IsKnownDomain("paypal.com"));
  std::vector<LookalikeMatch> matches;
  index->Check("acme-c0rp.com", CandidateKind::kHost, 0, &matches);
  REQUIRE(matches.size() == 1);
  CHECK(matches[0].imitated_kind == KnownNameKind::kLocalDomain);
}

TEST_CASE("a bad local domain or brand file fails the build", "[lookalike]") {
  std::unique_ptr<LookalikeIndex> index;
  CHECK(BuildLookalikeIndex(LookalikeOptions(), {"not a domain"}, "", &index).IsInvalidArgument());
  CHECK(BuildLookalikeIndex(LookalikeOptions(), {}, "/nonexistent/brands.txt", &index).IsIoError());
  CHECK(index == nullptr);
}

}  // namespace
}  // namespace rapport
