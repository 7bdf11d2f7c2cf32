#pragma once

#include <array>
#include <cstdint>
#include <memory>
#include <string>
#include <string_view>
#include <vector>

#include "base/status.h"
#include "bench/throughput/milter_load/corpus.h"
#include "bench/throughput/milter_load/wire.h"

namespace rapport::bench {

// How the MTA side of a milter conversation presents itself.
struct SessionOptions {
  std::string client_addr = "192.0.2.10";  // {client_addr} and the CONNECT address
  std::string client_name = "client.example.net";
  uint16_t client_port = 40000;
  std::string helo = "client.example.net";
  std::string daemon_name = "milter_load";  // {daemon_name}, as Postfix's smtpd
  std::string hostname = "mx.example.org";  // the j macro: the MTA's own name
  std::string auth_authen;                  // {auth_authen} at MAIL; empty: not sent
};

// The last word of a milter on one message.
enum class FinalAction {
  kAccept,     // SMFIR_ACCEPT
  kContinue,   // SMFIR_CONTINUE at end of message: deliver
  kReject,     // SMFIR_REJECT, or every recipient rejected
  kTempfail,   // SMFIR_TEMPFAIL
  kDiscard,    // SMFIR_DISCARD
  kReplyCode,  // SMFIR_REPLYCODE: a custom 4xx/5xx
  kShutdown,   // SMFIR_SHUTDOWN or SMFIR_CONN_FAIL: the connection is finished
};
inline constexpr size_t kFinalActionCount = 7;

// The name printed for `action` ("accept", "reply-code", …).
std::string_view FinalActionName(FinalAction action);

// What one message went through.
struct MessageOutcome {
  FinalAction action = FinalAction::kContinue;
  char stage = 0;           // the command the final reply answered, e.g. SMFIC_BODYEOB
  int added_headers = 0;    // SMFIR_ADDHEADER and SMFIR_INSHEADER
  int changed_headers = 0;  // SMFIR_CHGHEADER
  int quarantines = 0;      // SMFIR_QUARANTINE
  int other_changes = 0;    // recipients, sender or body changed
  int rejected_recipients = 0;
  int progress = 0;  // SMFIR_PROGRESS keep-alives
};

// The MTA's half of one milter connection, speaking protocol version 6 as
// Postfix does: option negotiation, then per message MAIL, RCPT, DATA,
// headers, EOH, body chunks and end of message, and an abort before the
// next message. Stages the milter asked to skip are not sent; replies it
// said it would not send are not awaited, so those commands are written
// together with the next one that is answered. Not thread-safe.
class MtaSession {
 public:
  MtaSession(std::unique_ptr<MilterSocket> socket, const SessionOptions& options);

  // Negotiates options, then sends CONNECT and HELO. Fails with an IoError
  // or Corruption on a broken conversation, and Unsupported when the
  // milter ends the session at CONNECT or HELO (it would filter no mail).
  Status Open();

  // Runs one message through the milter, with {i} set to `queue_id`, until
  // its final reply; an early final reply ends the message there. Stores
  // what happened in *outcome. A message after the first is preceded by an
  // abort, as Postfix resets the milter between transactions. After a
  // kShutdown outcome or an error the session is unusable.
  Status SendMessage(std::string_view queue_id, const CorpusMessage& message,
                     MessageOutcome* outcome);

  // Sends QUIT and flushes; the milter closes the connection.
  Status Quit();

  // The protocol flags (SMFIP_*) and actions (SMFIF_*) the milter asked for.
  uint32_t protocol() const { return protocol_; }
  uint32_t actions() const { return actions_; }

  // The protocol flags this MTA offers; everything of version 6 except the
  // larger data sizes (bodies are sent in chunks of at most 64 KB anyway).
  static uint32_t OfferedProtocol();

 private:
  // A reply the session acts on; modifications are tallied into an outcome.
  enum class Step { kContinue, kFinal, kSkip };

  // Queues macros for `stage` (an SMFIM_* index) when the milter wants any.
  void QueueMacros(int stage, char command,
                   std::initializer_list<std::pair<std::string_view, std::string_view>> macros);
  // Queues `command` and, unless `no_reply_flag` was negotiated, reads the
  // reply into *outcome. *step says whether the message goes on.
  Status Exchange(char command, std::string_view data, uint32_t no_reply_flag,
                  MessageOutcome* outcome, Step* step);
  // Reads replies until one that ends the stage; at end of message,
  // modification actions are counted on the way.
  Status ReadReply(char command, MessageOutcome* outcome, Step* step);
  Status ParseNegotiation(const MilterPacket& reply);
  bool Wants(uint32_t skip_flag) const { return (protocol_ & skip_flag) == 0; }

  std::unique_ptr<MilterSocket> socket_;
  SessionOptions options_;
  uint32_t protocol_ = 0;
  uint32_t actions_ = 0;
  // Per SMFIM_* stage, the macro names the milter asked for (SMFIR_SETSYMLIST),
  // space-separated; empty when it asked for nothing particular.
  std::array<std::string, 7> macro_lists_;
  bool in_transaction_ = false;
  std::string scratch_;
};

}  // namespace rapport::bench
