#include "cli/held_mta.h"

#include <catch2/catch.hpp>
#include <filesystem>

#include "tests/store/test_support.h"

namespace rapport {
namespace {

TEST_CASE("Postfix short and long queue ids are valid", "[held][queue_id]") {
  CHECK(IsValidQueueId("3F2A81C2B4"));
  CHECK(IsValidQueueId("ABCDEF"));
  CHECK(IsValidQueueId("4Y9Bdq2XyVz1Kt"));  // long id alphabet
  CHECK(IsValidQueueId("4Y9Bdq2XyVz1KtzRcLm"));
}

TEST_CASE("Sendmail queue ids are valid", "[held][queue_id]") {
  CHECK(IsValidQueueId("6B2HFvue024229"));   // {i} as Sendmail 8.17 gave it
  CHECK(IsValidQueueId("6B2HFvue4194304"));  // a seven-digit process id
}

TEST_CASE("anything else is not a queue id", "[held][queue_id]") {
  CHECK_FALSE(IsValidQueueId(""));
  CHECK_FALSE(IsValidQueueId("ABC12"));               // too short
  CHECK_FALSE(IsValidQueueId("ABC;rm -rf /"));        // shell metacharacters
  CHECK_FALSE(IsValidQueueId("-d ALL"));              // an option
  CHECK_FALSE(IsValidQueueId("-"));                   // postsuper's "read stdin"
  CHECK_FALSE(IsValidQueueId("../../etc/passwd"));    // a path
  CHECK_FALSE(IsValidQueueId("3F2A81C2B4 "));         // trailing space
  CHECK_FALSE(IsValidQueueId("3f2a81c2b4"));          // lower-case hex has vowels
  CHECK_FALSE(IsValidQueueId("4Y9Bdq2XyVz1Kt\n"));    // newline
  CHECK_FALSE(IsValidQueueId(std::string(31, 'B')));  // too long for a long id
  CHECK_FALSE(IsValidQueueId("AEIOUAEIO"));           // vowels are not in the long alphabet
  CHECK_FALSE(IsValidQueueId("6B2HFvye024229"));      // 'y' is not in Sendmail's alphabet
  CHECK_FALSE(IsValidQueueId("6B2HFvue0242"));        // too short for a Sendmail id
}

TEST_CASE("Hostile text is never a queue id", "[held][queue_id]") {
  for (const char* hostile :
       {"-rf", "-rfABCDEF", "--help", ";rm", "ABCDEF;rm", "$(x)", "ABCDEF$(x)", "`id`ABCDEF",
        "ABC DEF123", " ABCDEF12", "ABCDEF\n12", "ABCDEF12\r", "ABCDEF|sh", "ABCDEF&", "*",
        "ABCDEF*", "ABCDEF/..", "ALL", "deferred"}) {
    INFO(hostile);
    CHECK_FALSE(IsValidQueueId(hostile));
  }
  CHECK_FALSE(IsValidQueueId(std::string_view("ABCDEF\0rm", 9)));  // NUL inside
}

TEST_CASE("Both Postfix queue id formats, as Postfix makes them, are valid", "[held][queue_id]") {
  CHECK(IsValidQueueId("4F1C92A0E1"));              // short: microseconds + inode, hex
  CHECK(IsValidQueueId("4Qyw5F1tBxzJ7kT"));         // long: seconds, microseconds, 'z', inode
  CHECK(IsValidQueueId("4Qyw5F1tBxz1"));            // long with a one-digit inode
  CHECK_FALSE(IsValidQueueId("4Qyw5F1tBxzJ7kTa"));  // 'a' is a vowel: not Postfix's
}

TEST_CASE("A hostile id never reaches a command's argv", "[held][argv]") {
  for (const char* hostile : {"-rf", ";rm -rf /", "$(touch x)", "A B", "ABCDEF\n-d ALL"}) {
    std::vector<std::string> argv;
    INFO(hostile);
    CHECK(BuildMtaArgv({"postcat", "-q", "--", "{queue_id}"}, hostile, &argv).IsInvalidArgument());
    CHECK(argv.empty());
  }
}

TEST_CASE("The default commands put \"--\" before the id where it is an argument", "[held][argv]") {
  // postcat takes queue ids as arguments, so "--" ends its options; the
  // postsuper and postqueue ids are option values (-H ID, -d ID, -i ID),
  // where "--" would itself be taken as the id.
  const MtaCommands defaults;
  std::vector<std::string> argv;
  REQUIRE(BuildMtaArgv(defaults.show, "4F1C92A0E1", &argv).ok());
  CHECK(argv == std::vector<std::string>{"postcat", "-q", "--", "4F1C92A0E1"});
  REQUIRE(BuildMtaArgv(defaults.remove, "4F1C92A0E1", &argv).ok());
  CHECK(argv == std::vector<std::string>{"postsuper", "-d", "4F1C92A0E1"});
}

TEST_CASE("{queue_id} is replaced in every argv word", "[held][argv]") {
  std::vector<std::string> argv;
  REQUIRE(BuildMtaArgv({"postsuper", "-c", "/etc/postfix", "-H", "{queue_id}"}, "3F2A81C2B4", &argv)
              .ok());
  CHECK(argv == std::vector<std::string>{"postsuper", "-c", "/etc/postfix", "-H", "3F2A81C2B4"});
  REQUIRE(BuildMtaArgv({"mta-tool", "--id={queue_id}/{queue_id}"}, "ABCDEF12", &argv).ok());
  CHECK(argv == std::vector<std::string>{"mta-tool", "--id=ABCDEF12/ABCDEF12"});
}

TEST_CASE("an unsafe queue id builds no command", "[held][argv]") {
  std::vector<std::string> argv = {"untouched"};
  const Status status = BuildMtaArgv({"postsuper", "-d", "{queue_id}"}, "ABC;rm -rf /", &argv);
  CHECK(status.IsInvalidArgument());
  CHECK(status.message() == "'ABC;rm -rf /' is not a Postfix or Sendmail queue id");
  CHECK(argv == std::vector<std::string>{"untouched"});
}

TEST_CASE("a command reads the input it is given on its standard input", "[held][run]") {
  std::string output;
  REQUIRE(RunCommandWithInput({"cat"}, "line one\nline two\n", &output).ok());
  CHECK(output == "line one\nline two\n");
  // More than a pipe holds, so the write must interleave with the reads.
  const std::string large(1 << 20, 'x');
  REQUIRE(RunCommandWithInput({"wc", "-c"}, large, &output).ok());
  CHECK(output.find(std::to_string(large.size())) != std::string::npos);
  // A command that exits without reading fails by its exit status, not by
  // a SIGPIPE of this process.
  const Status refused = RunCommandWithInput({"sh", "-c", "exit 75"}, large, &output);
  CHECK(refused.message() == "'sh -c exit 75' failed: exit status 75");
  REQUIRE(RunCommandWithInput({"true"}, large, &output).ok());
}

TEST_CASE("commands run without a shell and report failures", "[held][run]") {
  std::string output;
  // A shell would run "echo pwned" after the ';'.
  REQUIRE(RunCommand({"printf", "%s", "A;echo pwned"}, &output).ok());
  CHECK(output == "A;echo pwned");

  const Status failed = RunCommand(
      {"sh", "-c", "echo partial; echo 'postsuper: fatal: no such id' >&2; exit 3"}, &output);
  CHECK(failed.IsIoError());
  CHECK(failed.message().find("failed: exit status 3: postsuper: fatal: no such id") !=
        std::string::npos);

  const Status silent = RunCommand({"false"}, &output);
  CHECK(silent.message() == "'false' failed: exit status 1");

  const Status missing = RunCommand({"no-such-mta-command-xyz"}, &output);
  CHECK(missing.message().find("cannot run 'no-such-mta-command-xyz'") != std::string::npos);
}

TEST_CASE("the MTA queue refuses a bad id before running anything", "[held][run]") {
  test::TempDir dir;
  MtaCommands commands;
  commands.release = {"touch", dir.Sub("{queue_id}")};
  commands.remove = {"touch", dir.Sub("{queue_id}")};
  commands.show = {"echo", "queued", "{queue_id}"};
  commands.flush = {"touch", dir.Sub("flushed-{queue_id}")};
  CommandMtaQueue queue(commands);
  CHECK(queue.Release("ABC;touch x").IsInvalidArgument());
  CHECK(queue.Remove("../escape").IsInvalidArgument());
  CHECK(std::filesystem::is_empty(dir.path()));
  REQUIRE(queue.Release("ABCDEF12").ok());
  CHECK(std::filesystem::exists(dir.Sub("ABCDEF12")));
  CHECK(std::filesystem::exists(dir.Sub("flushed-ABCDEF12")));
  std::string output;
  REQUIRE(queue.Show("ABCDEF12", &output).ok());
  CHECK(output == "queued ABCDEF12\n");
}

TEST_CASE("a failed flush does not undo a release", "[held][run]") {
  MtaCommands commands;
  commands.release = {"true", "{queue_id}"};
  commands.flush = {"false", "{queue_id}"};
  CommandMtaQueue queue(commands);
  CHECK(queue.Release("ABCDEF12").ok());
  commands.release = {"false", "{queue_id}"};
  CHECK(CommandMtaQueue(commands).Release("ABCDEF12").IsIoError());
}

TEST_CASE("the message is cut out of postcat output", "[held][postcat]") {
  const std::string postcat =
      "*** ENVELOPE RECORDS hold/3F2A81C2B4 ***\n"
      "message_size:             120             250               1               0\n"
      "sender: mallory@attack.test\n"
      "*** MESSAGE CONTENTS hold/3F2A81C2B4 ***\n"
      "Received: from x\n"
      "Subject: Invoice\n"
      "\n"
      "Pay now.\n"
      "*** HEADER EXTRACTED hold/3F2A81C2B4 ***\n"
      "original_recipient: alice@example.test\n"
      "*** MESSAGE FILE END hold/3F2A81C2B4 ***\n";
  CHECK(ExtractQueuedMessage(postcat) == "Received: from x\nSubject: Invoice\n\nPay now.\n");
  // postcat -h -b: no contents marker, only the others to drop.
  CHECK(ExtractQueuedMessage("*** PRIMARY HEADER ***\nSubject: A\n\nbody\n") ==
        "Subject: A\n\nbody\n");
}

}  // namespace
}  // namespace rapport
