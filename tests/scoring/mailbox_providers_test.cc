#include "scoring/mailbox_providers.h"

#include <catch2/catch.hpp>

#include "scoring_test_support.h"

namespace rapport {
namespace {

TEST_CASE(
    "a correspondent's organisation is its registrable domain, or its own address at a "
    "consumer mailbox provider",
    "[mailbox_providers]") {
  const MailboxProviders& providers = testing::ShippedMailboxProviders();
  CHECK(providers.CorrespondentOrganisation("ann@mail.acme.com") == "acme.com");
  CHECK(providers.CorrespondentOrganisation("bob@acme.com") == "acme.com");
  CHECK(providers.CorrespondentOrganisation("qkerr@maths.uq.edu.au") == "uq.edu.au");
  CHECK(providers.CorrespondentOrganisation("jlpnymex@aol.com") == "jlpnymex@aol.com");
  CHECK(providers.CorrespondentOrganisation("shanecgreen@earthlink.net") ==
        "shanecgreen@earthlink.net");
  CHECK(providers.CorrespondentOrganisation("someone@yahoo.co.uk") == "someone@yahoo.co.uk");
  CHECK(providers.CorrespondentOrganisation("no-domain") == "");
  CHECK(providers.IsConsumer("hotmail.com"));
  CHECK(providers.IsConsumer("t-online.de"));
  CHECK_FALSE(providers.IsConsumer("mail.hotmail.com"));  // registrable domains only
  CHECK_FALSE(providers.IsConsumer("acme.com"));
}

TEST_CASE("an admin's provider list replaces the shipped one", "[mailbox_providers]") {
  MailboxProviders providers;
  REQUIRE(
      providers.Parse("# our region\nexample-mail.fr  # a local ISP\n\n  kpn.nl\n", "p.txt").ok());
  CHECK(providers.size() == 2);
  CHECK(providers.IsConsumer("example-mail.fr"));
  CHECK(providers.IsConsumer("kpn.nl"));
  CHECK_FALSE(providers.IsConsumer("gmail.com"));
  CHECK(providers.CorrespondentOrganisation("jan@kpn.nl") == "jan@kpn.nl");
  CHECK(providers.CorrespondentOrganisation("ann@gmail.com") == "gmail.com");
}

TEST_CASE("a bad provider line names the file and the line", "[mailbox_providers]") {
  MailboxProviders providers;
  REQUIRE(providers.Parse("gmail.com\n", "p.txt").ok());
  for (const char* bad : {"Gmail.com", "mail.gmail.com", "gmail.com yahoo.com", "co.uk",
                          "localhost", "bad_host!.com"}) {
    Status status = providers.Parse(std::string("aol.com\n") + bad + "\n", "p.txt");
    INFO(bad);
    CHECK(status.IsInvalidArgument());
    CHECK(status.message().find("p.txt:2") != std::string::npos);
    CHECK(status.message().find(bad) != std::string::npos);
  }
  CHECK(providers.IsConsumer("gmail.com"));  // a failed parse leaves the list as it was
  Status missing = providers.Load("/nonexistent/providers.txt");
  CHECK(missing.IsIoError());
  CHECK(missing.message().find("/nonexistent/providers.txt") != std::string::npos);
}

}  // namespace
}  // namespace rapport
