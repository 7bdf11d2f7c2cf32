#include <libmilter/mfapi.h>
#include <libmilter/mfdef.h>
#include <sys/socket.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <fstream>
#include <functional>
#include <thread>

using namespace std::string_literals;

#include "bench/throughput/milter_load/corpus.h"
#include "bench/throughput/milter_load/load_report.h"
#include "bench/throughput/milter_load/mta_session.h"
#include "bench/throughput/milter_load/wire.h"

namespace rapport::bench {
namespace {

// The replies a fake milter sends to one command.
using Responder = std::function<std::vector<MilterPacket>(const MilterPacket&)>;

std::string OptnegReply(uint32_t protocol, std::string_view macro_lists = {}) {
  std::string data;
  AppendUint32(6, &data);
  AppendUint32(SMFIF_ADDHDRS | SMFIF_QUARANTINE, &data);
  AppendUint32(protocol, &data);
  data.append(macro_lists);
  return data;
}

// A milter on the far end of a socket pair: records every command it
// receives and answers with `respond`, until QUIT or end of stream.
class FakeMilter {
 public:
  FakeMilter(uint32_t protocol, Responder respond, std::string macro_lists = {}) {
    int fds[2];
    REQUIRE(socketpair(AF_UNIX, SOCK_STREAM, 0, fds) == 0);
    // A receive timeout turns a session that waits for an unsent reply into
    // a failed read instead of a hung test.
    timeval tv{5, 0};
    setsockopt(fds[0], SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
    mta_end_ = std::make_unique<MilterSocket>(fds[0]);
    thread_ = std::thread([this, fd = fds[1], protocol, respond, macro_lists] {
      MilterSocket milter(fd);
      MilterPacket packet;
      while (milter.Read(&packet).ok()) {
        received_.push_back(packet);
        if (packet.code == SMFIC_QUIT) break;
        if (packet.code == SMFIC_OPTNEG) {
          milter.Queue(SMFIC_OPTNEG, OptnegReply(protocol, macro_lists));
        } else {
          for (const MilterPacket& reply : respond(packet)) milter.Queue(reply.code, reply.data);
        }
        if (!milter.Flush().ok()) break;
      }
    });
  }

  // The MTA side; valid until Session() moves it out.
  std::unique_ptr<MilterSocket> TakeMtaEnd() { return std::move(mta_end_); }

  // Waits for the milter thread, then returns every command it received.
  const std::vector<MilterPacket>& Finish() {
    thread_.join();
    return received_;
  }

 private:
  std::unique_ptr<MilterSocket> mta_end_;
  std::thread thread_;
  std::vector<MilterPacket> received_;
};

std::string Codes(const std::vector<MilterPacket>& packets) {
  std::string codes;
  for (const MilterPacket& p : packets) codes.push_back(p.code);
  return codes;
}

// Answers every command that expects a reply with CONTINUE, and end of
// message with `final_replies`.
Responder ContinueThen(std::vector<MilterPacket> final_replies) {
  return [final_replies](const MilterPacket& p) -> std::vector<MilterPacket> {
    if (p.code == SMFIC_MACRO || p.code == SMFIC_ABORT) return {};
    if (p.code == SMFIC_BODYEOB) return final_replies;
    return {{SMFIR_CONTINUE, ""}};
  };
}

CorpusMessage TwoRecipientMessage() {
  const std::string raw =
      "Return-Path: <alice@example.com>\n"
      "From: Alice <alice@example.com>\n"
      "To: bob@example.org, \"Doe, Carol\" <carol@example.org>\n"
      "Subject: a subject\n"
      "  folded\n"
      "\n"
      "line one\n"
      "line two\n";
  return PrepareMessage(raw, false, CorpusOptions());
}

TEST_CASE("ExtractAddresses takes addresses out of display names, comments and groups") {
  const auto addresses = ExtractAddresses(
      " \"Doe, John\" <john@x.com>, jane@y.org (Jane, at home), team: a@b.c, d@e.f;, nobody", 10);
  REQUIRE(addresses == std::vector<std::string>{"john@x.com", "jane@y.org", "a@b.c", "d@e.f"});
  REQUIRE(ExtractAddresses("a@b.c, d@e.f, g@h.i", 2).size() == 2);
  REQUIRE(ExtractAddresses("undisclosed-recipients:;", 10).empty());
}

TEST_CASE("SplitMbox splits at From_ lines and PrepareMessage undoes mboxrd quoting") {
  const std::string mbox =
      "From alice@example.com Mon Jan  1 00:00:00 2001\n"
      "From: alice@example.com\n"
      "X-Original-To: rcpt@example.org\n"
      "To: other@example.org\n"
      "\n"
      ">From the start\n"
      ">>From twice\n"
      "From bob@example.com Mon Jan  1 00:00:00 2001\n"
      "From: bob@example.com\n"
      "\n"
      "body\n";
  const auto raws = SplitMbox(mbox);
  REQUIRE(raws.size() == 2);
  const CorpusMessage first = PrepareMessage(raws[0], true, CorpusOptions());
  REQUIRE(first.body == "From the start\r\n>From twice\r\n");
  REQUIRE(first.mail_from == "alice@example.com");
  REQUIRE(first.recipients == std::vector<std::string>{"rcpt@example.org"});
  const CorpusMessage second = PrepareMessage(raws[1], true, CorpusOptions());
  REQUIRE(second.mail_from == "bob@example.com");
  REQUIRE(second.recipients == std::vector<std::string>{"postmaster@localhost"});
}

TEST_CASE("PrepareMessage keeps folds and ends the header section at a non-header line") {
  const CorpusMessage message = TwoRecipientMessage();
  REQUIRE(message.headers.size() == 4);
  REQUIRE(message.headers[3].name == "Subject");
  REQUIRE(message.headers[3].value == " a subject\n  folded");
  REQUIRE(message.body == "line one\r\nline two\r\n");
  REQUIRE(message.recipients == std::vector<std::string>{"bob@example.org", "carol@example.org"});

  const CorpusMessage broken =
      PrepareMessage("Subject: x\r\nnot a header\r\nmore\r\n", false, CorpusOptions());
  REQUIRE(broken.headers.size() == 1);
  REQUIRE(broken.body == "not a header\r\nmore\r\n");

  // Blanks before the colon still make a field, handed without them.
  const CorpusMessage spaced =
      PrepareMessage("X-Rapport-Score : 1\r\nSubject:x\r\n\r\nbody\r\n", false, CorpusOptions());
  REQUIRE(spaced.headers.size() == 2);
  CHECK(spaced.headers[0].name == "X-Rapport-Score");
  CHECK(spaced.headers[0].value == " 1");
  CHECK(spaced.body == "body\r\n");
}

// A directory tree removed when the test ends.
class TempTree {
 public:
  TempTree() {
    char pattern[] = "/tmp/milter_load_test.XXXXXX";
    REQUIRE(mkdtemp(pattern) != nullptr);
    root_ = pattern;
  }
  ~TempTree() { std::filesystem::remove_all(root_); }
  void Write(const std::string& relative, const std::string& contents) {
    const std::filesystem::path path = root_ / relative;
    std::filesystem::create_directories(path.parent_path());
    std::ofstream(path, std::ios::binary) << contents;
  }
  std::string path() const { return root_.string(); }

 private:
  std::filesystem::path root_;
};

TEST_CASE("LoadCorpus reads mbox files, Maildir folders and single messages") {
  TempTree tree;
  tree.Write("a.mbox", "From x\nFrom: one@example.com\n\n1\nFrom y\nFrom: two@example.com\n\n2\n");
  tree.Write("box/cur/1:2,S", "From: three@example.com\n\n3\n");
  tree.Write("box/new/2", "From: four@example.com\n\n4\n");
  tree.Write("box/tmp/3", "From: partial@example.com\n\n");
  tree.Write("z.eml", "From: five@example.com\n\n5\n");
  Corpus corpus;
  REQUIRE(LoadCorpus({tree.path()}, CorpusOptions(), &corpus).ok());
  std::vector<std::string> senders;
  for (const CorpusMessage& m : corpus.messages) senders.push_back(m.mail_from);
  REQUIRE(senders == std::vector<std::string>{"one@example.com", "two@example.com",
                                              "three@example.com", "four@example.com",
                                              "five@example.com"});

  CorpusOptions sample;
  sample.sample = 2;
  Corpus sampled;
  REQUIRE(LoadCorpus({tree.path()}, sample, &sampled).ok());
  REQUIRE(sampled.messages.size() == 2);
  REQUIRE(sampled.messages[1].mail_from == "three@example.com");

  Corpus missing;
  REQUIRE(LoadCorpus({tree.path() + "/nothing"}, CorpusOptions(), &missing).IsIoError());
}

TEST_CASE("ParseSocketAddress accepts loopback milters only") {
  SocketAddress address;
  REQUIRE(ParseSocketAddress("inet:11332@127.0.0.1", &address).ok());
  REQUIRE(address.port == 11332);
  REQUIRE(ParseSocketAddress("unix:/run/milter.sock", &address).ok());
  REQUIRE(address.path == "/run/milter.sock");
  REQUIRE(ParseSocketAddress("inet:25@192.0.2.1", &address).IsInvalidArgument());
  REQUIRE(ParseSocketAddress("inet:0@127.0.0.1", &address).IsInvalidArgument());
  REQUIRE(ParseSocketAddress("tcp:25", &address).IsInvalidArgument());
}

TEST_CASE("A plain milter is asked every stage and its end-of-message actions are counted") {
  FakeMilter milter(0, ContinueThen({{SMFIR_ADDHEADER, "X-A\0v\0"s},
                                     {SMFIR_QUARANTINE, "held\0"s},
                                     {SMFIR_PROGRESS, ""},
                                     {SMFIR_ACCEPT, ""}}));
  MtaSession session(milter.TakeMtaEnd(), SessionOptions());
  REQUIRE(session.Open().ok());
  MessageOutcome outcome;
  REQUIRE(session.SendMessage("Q1", TwoRecipientMessage(), &outcome).ok());
  REQUIRE(outcome.action == FinalAction::kAccept);
  REQUIRE(outcome.stage == SMFIC_BODYEOB);
  REQUIRE(outcome.added_headers == 1);
  REQUIRE(outcome.quarantines == 1);
  REQUIRE(outcome.progress == 1);
  REQUIRE(session.SendMessage("Q2", TwoRecipientMessage(), &outcome).ok());
  REQUIRE(session.Quit().ok());
  const auto& received = milter.Finish();
  // Macros (D) precede connect, MAIL, each RCPT, DATA, EOH and end of message.
  const std::string one_message = "DMDRDRDTLLLLDNBDE";
  REQUIRE(Codes(received) == "ODCH" + one_message + "A" + one_message + "Q");
  // {i} travels with MAIL.
  REQUIRE(received[4].data == "Mi\0Q1\0{mail_addr}\0alice@example.com\0"s);
  REQUIRE(received[5].data == "<alice@example.com>\0"s);
  // Without SMFIP_HDR_LEADSPC the space after the colon is not sent.
  REQUIRE(received[15].data == "Subject\0a subject\n  folded\0"s);
}

TEST_CASE("Skipped stages are not sent and no-reply stages are not awaited") {
  const uint32_t protocol = SMFIP_NOHELO | SMFIP_NOHDRS | SMFIP_NR_CONN | SMFIP_NR_MAIL |
                            SMFIP_NR_RCPT | SMFIP_NR_DATA | SMFIP_NR_EOH | SMFIP_NR_BODY;
  // This milter answers nothing before end of message: a session that
  // waited for a reply would time out and fail.
  FakeMilter milter(protocol, [](const MilterPacket& p) -> std::vector<MilterPacket> {
    if (p.code == SMFIC_BODYEOB) return {{SMFIR_CONTINUE, ""}};
    return {};
  });
  MtaSession session(milter.TakeMtaEnd(), SessionOptions());
  REQUIRE(session.Open().ok());
  MessageOutcome outcome;
  REQUIRE(session.SendMessage("Q1", TwoRecipientMessage(), &outcome).ok());
  REQUIRE(outcome.action == FinalAction::kContinue);
  REQUIRE(session.Quit().ok());
  REQUIRE(Codes(milter.Finish()) == "ODCDMDRDRDTDNBDEQ");
}

TEST_CASE("An early reject ends the message and a refused recipient leaves the others") {
  int mails = 0;
  FakeMilter milter(0, [&mails](const MilterPacket& p) -> std::vector<MilterPacket> {
    if (p.code == SMFIC_MACRO || p.code == SMFIC_ABORT) return {};
    if (p.code == SMFIC_MAIL && ++mails == 1) return {{SMFIR_REJECT, ""}};
    if (p.code == SMFIC_RCPT && p.data.starts_with("<bob@")) {
      return {{SMFIR_REPLYCODE, "550 5.1.1 no\0"s}};
    }
    if (p.code == SMFIC_BODYEOB) return {{SMFIR_DISCARD, ""}};
    return {{SMFIR_CONTINUE, ""}};
  });
  MtaSession session(milter.TakeMtaEnd(), SessionOptions());
  REQUIRE(session.Open().ok());
  MessageOutcome outcome;
  REQUIRE(session.SendMessage("Q1", TwoRecipientMessage(), &outcome).ok());
  REQUIRE(outcome.action == FinalAction::kReject);
  REQUIRE(outcome.stage == SMFIC_MAIL);
  REQUIRE(session.SendMessage("Q2", TwoRecipientMessage(), &outcome).ok());
  REQUIRE(outcome.action == FinalAction::kDiscard);
  REQUIRE(outcome.rejected_recipients == 1);
  REQUIRE(session.Quit().ok());
  REQUIRE(Codes(milter.Finish()) == "ODCHDMADMDRDRDTLLLLDNBDEQ");
}

TEST_CASE("Bodies go in chunks of at most 64 KB and SMFIR_SKIP stops them") {
  CorpusMessage message = TwoRecipientMessage();
  message.body = std::string(200000, 'x');
  size_t largest_chunk = 0;
  int chunks = 0;
  FakeMilter milter(SMFIP_NR_CONN | SMFIP_NR_HELO | SMFIP_NR_MAIL | SMFIP_NR_RCPT | SMFIP_NR_DATA |
                        SMFIP_NR_HDR | SMFIP_NR_EOH,
                    [&](const MilterPacket& p) -> std::vector<MilterPacket> {
                      if (p.code == SMFIC_BODY) {
                        largest_chunk = std::max(largest_chunk, p.data.size());
                        return {{++chunks == 2 ? SMFIR_SKIP : SMFIR_CONTINUE, ""}};
                      }
                      if (p.code == SMFIC_BODYEOB) return {{SMFIR_ACCEPT, ""}};
                      return {};
                    });
  MtaSession session(milter.TakeMtaEnd(), SessionOptions());
  REQUIRE(session.Open().ok());
  MessageOutcome outcome;
  REQUIRE(session.SendMessage("Q1", message, &outcome).ok());
  REQUIRE(session.Quit().ok());
  milter.Finish();
  REQUIRE(largest_chunk == MILTER_CHUNK_SIZE);
  REQUIRE(chunks == 2);
  REQUIRE(outcome.action == FinalAction::kAccept);
}

TEST_CASE("Macro lists from negotiation restrict the macros sent") {
  std::string lists;
  AppendUint32(SMFIM_ENVFROM, &lists);
  AppendCString("{i} {auth_authen}", &lists);
  SessionOptions options;
  options.auth_authen = "alice";
  FakeMilter milter(SMFIP_NOCONNECT | SMFIP_NOHELO | SMFIP_NORCPT | SMFIP_NOHDRS | SMFIP_NOBODY |
                        SMFIP_NOEOH | SMFIP_NODATA,
                    ContinueThen({{SMFIR_CONTINUE, ""}}), lists);
  MtaSession session(milter.TakeMtaEnd(), options);
  REQUIRE(session.Open().ok());
  MessageOutcome outcome;
  REQUIRE(session.SendMessage("Q7", TwoRecipientMessage(), &outcome).ok());
  REQUIRE(session.Quit().ok());
  const auto& received = milter.Finish();
  // Macros go only with the commands that are sent.
  REQUIRE(Codes(received) == "ODMDEQ");
  REQUIRE(received[1].data == "Mi\0Q7\0{auth_authen}\0alice\0"s);
}

TEST_CASE("A milter that refuses the connection fails Open") {
  FakeMilter milter(0, [](const MilterPacket& p) -> std::vector<MilterPacket> {
    if (p.code == SMFIC_CONNECT) return {{SMFIR_TEMPFAIL, ""}};
    return {};
  });
  MtaSession session(milter.TakeMtaEnd(), SessionOptions());
  REQUIRE(session.Open().code() == Status::Code::kUnsupported);
  REQUIRE(session.Quit().ok());
  milter.Finish();
}

TEST_CASE("PercentileMs takes the nearest rank") {
  const std::vector<uint32_t> sorted = {1000, 2000, 3000, 4000};
  REQUIRE(PercentileMs(sorted, 0.5) == 2.0);
  REQUIRE(PercentileMs(sorted, 0.99) == 4.0);
  REQUIRE(PercentileMs(sorted, 1.0) == 4.0);
  REQUIRE(PercentileMs({}, 0.5) == 0.0);
}

}  // namespace
}  // namespace rapport::bench
