#include "message/mail_date.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

TEST_CASE("ParseMailDate reads RFC 5322 dates and common deviations") {
  CHECK(ParseMailDate("Tue, 01 May 2001 10:00:00 +0000") == 988711200);
  CHECK(ParseMailDate(" Tue, 1 May 2001 12:00:00 +0200 (CEST)") == 988711200);
  CHECK(ParseMailDate("01 May 2001 10:00:00 GMT") == 988711200);
}

TEST_CASE("ParseMailDate rejects garbage and dates outside the sane span") {
  CHECK_FALSE(ParseMailDate("not a date").has_value());
  CHECK_FALSE(ParseMailDate("").has_value());
  CHECK_FALSE(ParseMailDate("Thu, 01 Jan 1970 00:00:00 +0000").has_value());
  CHECK_FALSE(ParseMailDate("Fri, 01 Jan 2100 00:00:00 +0000").has_value());
  CHECK(IsSaneMailDate(kEarliestSaneMailDate));
  CHECK_FALSE(IsSaneMailDate(kLatestSaneMailDate));
}

}  // namespace
}  // namespace rapport
