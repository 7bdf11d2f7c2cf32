#include "message/trace_headers.h"

#include <catch2/catch.hpp>

namespace rapport {
namespace {

std::vector<AuthResult> Parse(std::string_view value) {
  std::vector<AuthResult> results;
  ParseAuthenticationResults(value, &results);
  return results;
}

TEST_CASE("Authentication-Results: authserv-id, methods, results and domains") {
  auto results = Parse(
      "MX.Corp.Example 1; spf = pass (comment; with semicolon) "
      "smtp.mailfrom=\"bob@Vendor.Example\";"
      " dkim/1=FAIL header.i=@signer.example header.d=vendor.example; arc=none");
  REQUIRE(results.size() == 3);
  CHECK(results[0].authserv_id == "mx.corp.example");
  CHECK(results[0].method == "spf");
  CHECK(results[0].result == "pass");
  CHECK(results[0].domain == "vendor.example");
  CHECK(results[1].method == "dkim");
  CHECK(results[1].result == "fail");
  CHECK(results[1].domain == "vendor.example");  // header.d outranks header.i
  CHECK(results[2].method == "arc");
  CHECK(results[2].domain.empty());
}

TEST_CASE("Authentication-Results without an authserv-id, as Microsoft 365 writes it") {
  auto results = Parse(
      "spf=pass (sender IP is 192.0.2.1) smtp.mailfrom=vendor.example; dkim=pass (signature "
      "was verified) header.d=vendor.example;dmarc=pass action=none header.from=vendor.example;"
      "compauth=pass reason=100");
  REQUIRE(results.size() == 4);
  CHECK(results[0].authserv_id.empty());
  CHECK(results[0].method == "spf");
  CHECK(results[2].method == "dmarc");
  CHECK(results[2].domain == "vendor.example");
  CHECK(results[3].method == "compauth");
}

TEST_CASE("Authentication-Results with no results or garbage gives nothing") {
  CHECK(Parse("mx.example.com; none").empty());
  CHECK(Parse("").empty());
  CHECK(Parse(";;; (unclosed comment").empty());
}

TEST_CASE("Received: the bracketed IP of the from clause") {
  CHECK(ReceivedFromIp("from mx.example.com (mx.example.com [192.0.2.7])\n\tby mx.corp.example") ==
        "192.0.2.7");
  // A HELO in brackets is chosen by the sender; the TCP address comes last.
  CHECK(ReceivedFromIp("from [10.9.9.9] (unknown [IPv6:2001:DB8::1]) by x") == "2001:db8::1");
  CHECK(ReceivedFromIp("from [192.0.2.5] (helo=mail.example.com) by x") == "192.0.2.5");
  CHECK(ReceivedFromIp("by mx.corp.example with LMTP [192.0.2.8]").empty());
  // Folded before "by": the receiving side's brackets are not the origin.
  CHECK(ReceivedFromIp("from a.example (a.example [192.0.2.7])\r\n\tby\tmx.example ([10.0.0.1])") ==
        "192.0.2.7");
  CHECK(ReceivedFromIp("from host by relay ([192.0.2.9])").empty());
  CHECK(ReceivedFromIp("from [not-an-ip] by x").empty());
}

}  // namespace
}  // namespace rapport
