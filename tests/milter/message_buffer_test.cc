#include "milter/message_buffer.h"

#include <catch2/catch.hpp>
#include <string>

namespace rapport {
namespace {

TEST_CASE("Headers and body are rebuilt into raw mail", "[milter][buffer]") {
  MessageBuffer buffer(1024);
  buffer.AddHeader("From", "a@vendor.test");
  buffer.AddHeader("Subject", "Invoice");
  buffer.EndHeaders();
  buffer.AddBody("line one\r\n");
  buffer.AddBody("line two\r\n");
  CHECK(buffer.raw() == "From: a@vendor.test\r\nSubject: Invoice\r\n\r\nline one\r\nline two\r\n");
  CHECK_FALSE(buffer.truncated());
}

TEST_CASE("The body is cut at the bound and headers are kept", "[milter][buffer]") {
  const std::string headers = "From: a@vendor.test\r\n\r\n";
  MessageBuffer buffer(headers.size() + 10);
  buffer.AddHeader("From", "a@vendor.test");
  buffer.EndHeaders();
  buffer.AddBody("0123456789abcdef");
  buffer.AddBody("more");
  CHECK(buffer.raw() == headers + "0123456789");
  CHECK(buffer.truncated());
  CHECK(buffer.dropped_bytes() == 10);
}

TEST_CASE("Headers past the bound are dropped whole and the section still ends",
          "[milter][buffer]") {
  MessageBuffer buffer(40);
  buffer.AddHeader("From", "a@vendor.test");                   // 21 bytes
  buffer.AddHeader("Subject", "a subject that does not fit");  // 38 bytes
  buffer.AddHeader("To", "b@x");                               // would fit, but comes later
  buffer.EndHeaders();
  buffer.AddBody("body");
  CHECK(buffer.raw() == "From: a@vendor.test\r\n\r\nbody");
  CHECK(buffer.truncated());
}

TEST_CASE("A body without end of headers still gets a header section", "[milter][buffer]") {
  MessageBuffer buffer(100);
  buffer.AddHeader("From", "a@b");
  buffer.AddBody("text");
  buffer.EndHeaders();
  CHECK(buffer.raw() == "From: a@b\r\n\r\ntext");
}

TEST_CASE("A zero bound keeps only the blank line", "[milter][buffer]") {
  MessageBuffer buffer(0);
  buffer.AddHeader("From", "a@b");
  buffer.EndHeaders();
  buffer.AddBody("text");
  CHECK(buffer.raw() == "\r\n");
  CHECK(buffer.truncated());
}

}  // namespace
}  // namespace rapport
