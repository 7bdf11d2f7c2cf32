#include "bench/throughput/milter_load/mta_session.h"

#include <libmilter/mfapi.h>
#include <libmilter/mfdef.h>

#include <algorithm>
#include <utility>

namespace rapport::bench {
namespace {

// Replies read for one command beyond which the milter is taken to be
// looping (progress keep-alives and modifications included).
constexpr int kMaxRepliesPerCommand = 100000;

// Whether `name` is in the space-separated macro list `list`; names match
// with or without braces, as "{i}" and "i" are the same macro.
bool InMacroList(std::string_view list, std::string_view name) {
  auto bare = [](std::string_view n) {
    if (n.size() > 2 && n.front() == '{' && n.back() == '}') n = n.substr(1, n.size() - 2);
    return n;
  };
  const std::string_view wanted = bare(name);
  size_t pos = 0;
  while (pos < list.size()) {
    size_t end = list.find_first_of(" ,", pos);
    if (end == std::string_view::npos) end = list.size();
    if (bare(list.substr(pos, end - pos)) == wanted) return true;
    pos = end + 1;
  }
  return false;
}

std::string Bracketed(std::string_view address) {
  std::string out;
  out.reserve(address.size() + 2);
  out.push_back('<');
  out.append(address);
  out.push_back('>');
  return out;
}

}  // namespace

std::string_view FinalActionName(FinalAction action) {
  switch (action) {
    case FinalAction::kAccept:
      return "accept";
    case FinalAction::kContinue:
      return "continue";
    case FinalAction::kReject:
      return "reject";
    case FinalAction::kTempfail:
      return "tempfail";
    case FinalAction::kDiscard:
      return "discard";
    case FinalAction::kReplyCode:
      return "reply-code";
    case FinalAction::kShutdown:
      return "shutdown";
  }
  return "?";
}

MtaSession::MtaSession(std::unique_ptr<MilterSocket> socket, const SessionOptions& options)
    : socket_(std::move(socket)), options_(options) {}

uint32_t MtaSession::OfferedProtocol() { return SMFI_CURR_PROT; }

Status MtaSession::Open() {
  std::string data;
  AppendUint32(SMFI_PROT_VERSION, &data);
  AppendUint32(SMFI_CURR_ACTS, &data);
  AppendUint32(OfferedProtocol(), &data);
  socket_->Queue(SMFIC_OPTNEG, data);
  MilterPacket reply;
  Status s = socket_->Read(&reply);
  if (!s.ok()) return s;
  s = ParseNegotiation(reply);
  if (!s.ok()) return s;

  MessageOutcome outcome;
  Step step = Step::kContinue;
  const std::string port = std::to_string(options_.client_port);
  if (Wants(SMFIP_NOCONNECT)) {
    QueueMacros(SMFIM_CONNECT, SMFIC_CONNECT,
                {{"j", options_.hostname},
                 {"{daemon_name}", options_.daemon_name},
                 {"{client_addr}", options_.client_addr},
                 {"{client_name}", options_.client_name},
                 {"{client_port}", port}});
    data.clear();
    AppendCString(options_.client_name, &data);
    data.push_back(SMFIA_INET);
    AppendUint16(options_.client_port, &data);
    AppendCString(options_.client_addr, &data);
    s = Exchange(SMFIC_CONNECT, data, SMFIP_NR_CONN, &outcome, &step);
    if (!s.ok()) return s;
  }
  if (step == Step::kContinue && Wants(SMFIP_NOHELO)) {
    data.clear();
    AppendCString(options_.helo, &data);
    s = Exchange(SMFIC_HELO, data, SMFIP_NR_HELO, &outcome, &step);
    if (!s.ok()) return s;
  }
  if (step == Step::kFinal) {
    return Status::Unsupported(std::string("milter replied ") +
                               std::string(FinalActionName(outcome.action)) +
                               " before any mail; it would filter nothing");
  }
  return socket_->Flush();
}

Status MtaSession::ParseNegotiation(const MilterPacket& reply) {
  uint32_t version = 0;
  if (reply.code != SMFIC_OPTNEG || !ReadUint32(reply.data, 0, &version) ||
      !ReadUint32(reply.data, 4, &actions_) || !ReadUint32(reply.data, 8, &protocol_)) {
    return Status::Corruption("milter sent a malformed option negotiation reply");
  }
  if (version < 2 || version > SMFI_PROT_VERSION) {
    return Status::Unsupported("milter speaks protocol version " + std::to_string(version));
  }
  const uint32_t unknown = protocol_ & ~OfferedProtocol() & ~SMFI_INTERNAL;
  if (unknown != 0) {
    return Status::Unsupported("milter asked for protocol flags this MTA did not offer: " +
                               std::to_string(unknown));
  }
  // Version 6 replies may list, per stage, the macros the milter wants.
  size_t offset = MILTER_OPTLEN;
  uint32_t stage = 0;
  while (ReadUint32(reply.data, offset, &stage)) {
    offset += 4;
    const size_t end = reply.data.find('\0', offset);
    if (end == std::string::npos)
      return Status::Corruption("milter sent an unterminated macro list");
    if (stage < macro_lists_.size()) macro_lists_[stage] = reply.data.substr(offset, end - offset);
    offset = end + 1;
  }
  return Status::Ok();
}

void MtaSession::QueueMacros(
    int stage, char command,
    std::initializer_list<std::pair<std::string_view, std::string_view>> macros) {
  scratch_.clear();
  scratch_.push_back(command);
  const std::string& list = macro_lists_[stage];
  for (const auto& [name, value] : macros) {
    if (!list.empty() && !InMacroList(list, name)) continue;
    AppendCString(name, &scratch_);
    AppendCString(value, &scratch_);
  }
  if (scratch_.size() > 1) socket_->Queue(SMFIC_MACRO, scratch_);
}

Status MtaSession::Exchange(char command, std::string_view data, uint32_t no_reply_flag,
                            MessageOutcome* outcome, Step* step) {
  socket_->Queue(command, data);
  if (no_reply_flag != 0 && (protocol_ & no_reply_flag) != 0) {
    *step = Step::kContinue;
    return Status::Ok();
  }
  return ReadReply(command, outcome, step);
}

Status MtaSession::ReadReply(char command, MessageOutcome* outcome, Step* step) {
  const bool end_of_message = command == SMFIC_BODYEOB;
  MilterPacket reply;
  for (int replies = 0; replies < kMaxRepliesPerCommand; ++replies) {
    Status s = socket_->Read(&reply);
    if (!s.ok()) return s;
    auto final = [&](FinalAction action) {
      outcome->action = action;
      outcome->stage = command;
      *step = Step::kFinal;
      return Status::Ok();
    };
    switch (reply.code) {
      case SMFIR_CONTINUE:
        if (end_of_message) return final(FinalAction::kContinue);
        *step = Step::kContinue;
        return Status::Ok();
      case SMFIR_SKIP:
        *step = command == SMFIC_BODY ? Step::kSkip : Step::kContinue;
        return Status::Ok();
      case SMFIR_ACCEPT:
        return final(FinalAction::kAccept);
      case SMFIR_REJECT:
        return final(FinalAction::kReject);
      case SMFIR_TEMPFAIL:
        return final(FinalAction::kTempfail);
      case SMFIR_DISCARD:
        return final(FinalAction::kDiscard);
      case SMFIR_REPLYCODE:
        return final(FinalAction::kReplyCode);
      case SMFIR_SHUTDOWN:
      case SMFIR_CONN_FAIL:
        return final(FinalAction::kShutdown);
      case SMFIR_PROGRESS:
        ++outcome->progress;
        continue;
      default:
        break;
    }
    if (!end_of_message) {
      return Status::Corruption(std::string("milter sent reply '") + reply.code + "' to command '" +
                                command + "'");
    }
    switch (reply.code) {
      case SMFIR_ADDHEADER:
      case SMFIR_INSHEADER:
        ++outcome->added_headers;
        break;
      case SMFIR_CHGHEADER:
        ++outcome->changed_headers;
        break;
      case SMFIR_QUARANTINE:
        ++outcome->quarantines;
        break;
      case SMFIR_ADDRCPT:
      case SMFIR_DELRCPT:
      case SMFIR_ADDRCPT_PAR:
      case SMFIR_CHGFROM:
      case SMFIR_REPLBODY:
        ++outcome->other_changes;
        break;
      default:
        return Status::Corruption(std::string("milter sent unknown reply '") + reply.code +
                                  "' at end of message");
    }
  }
  return Status::Corruption("milter sent too many replies to one command");
}

Status MtaSession::SendMessage(std::string_view queue_id, const CorpusMessage& message,
                               MessageOutcome* outcome) {
  *outcome = MessageOutcome();
  if (in_transaction_) socket_->Queue(SMFIC_ABORT, {});
  in_transaction_ = true;
  Step step = Step::kContinue;
  Status s;

  if (Wants(SMFIP_NOMAIL)) {
    if (options_.auth_authen.empty()) {
      QueueMacros(SMFIM_ENVFROM, SMFIC_MAIL, {{"i", queue_id}, {"{mail_addr}", message.mail_from}});
    } else {
      QueueMacros(SMFIM_ENVFROM, SMFIC_MAIL,
                  {{"i", queue_id},
                   {"{mail_addr}", message.mail_from},
                   {"{auth_type}", "PLAIN"},
                   {"{auth_authen}", options_.auth_authen}});
    }
    std::string data;
    AppendCString(Bracketed(message.mail_from), &data);
    s = Exchange(SMFIC_MAIL, data, SMFIP_NR_MAIL, outcome, &step);
    if (!s.ok() || step == Step::kFinal) return s;
  }

  for (const std::string& recipient : message.recipients) {
    if (!Wants(SMFIP_NORCPT)) break;
    QueueMacros(SMFIM_ENVRCPT, SMFIC_RCPT, {{"{rcpt_addr}", recipient}});
    std::string data;
    AppendCString(Bracketed(recipient), &data);
    s = Exchange(SMFIC_RCPT, data, SMFIP_NR_RCPT, outcome, &step);
    if (!s.ok()) return s;
    if (step != Step::kFinal) continue;
    const FinalAction action = outcome->action;
    if (action != FinalAction::kReject && action != FinalAction::kTempfail &&
        action != FinalAction::kReplyCode) {
      return Status::Ok();  // accept, discard or shutdown decide the whole message
    }
    // A refused recipient leaves the others in the transaction.
    ++outcome->rejected_recipients;
    step = Step::kContinue;
  }
  if (outcome->rejected_recipients == static_cast<int>(message.recipients.size())) {
    return Status::Ok();  // the last refusal stands for the message
  }
  outcome->action = FinalAction::kContinue;

  if (Wants(SMFIP_NODATA)) {
    QueueMacros(SMFIM_DATA, SMFIC_DATA, {{"i", queue_id}});
    s = Exchange(SMFIC_DATA, {}, SMFIP_NR_DATA, outcome, &step);
    if (!s.ok() || step == Step::kFinal) return s;
  }

  if (Wants(SMFIP_NOHDRS)) {
    const bool lead_space = (protocol_ & SMFIP_HDR_LEADSPC) != 0;
    std::string data;
    for (const CorpusHeader& header : message.headers) {
      std::string_view value = header.value;
      if (!lead_space) value.remove_prefix(std::min(value.find_first_not_of(" \t"), value.size()));
      data.clear();
      AppendCString(header.name, &data);
      AppendCString(value, &data);
      s = Exchange(SMFIC_HEADER, data, SMFIP_NR_HDR, outcome, &step);
      if (!s.ok() || step == Step::kFinal) return s;
    }
  }

  if (Wants(SMFIP_NOEOH)) {
    QueueMacros(SMFIM_EOH, SMFIC_EOH, {{"i", queue_id}});
    s = Exchange(SMFIC_EOH, {}, SMFIP_NR_EOH, outcome, &step);
    if (!s.ok() || step == Step::kFinal) return s;
  }

  if (Wants(SMFIP_NOBODY)) {
    const std::string_view body = message.body;
    for (size_t offset = 0; offset < body.size(); offset += MILTER_CHUNK_SIZE) {
      s = Exchange(SMFIC_BODY, body.substr(offset, MILTER_CHUNK_SIZE), SMFIP_NR_BODY, outcome,
                   &step);
      if (!s.ok() || step == Step::kFinal) return s;
      if (step == Step::kSkip) break;
    }
  }

  QueueMacros(SMFIM_EOM, SMFIC_BODYEOB, {{"i", queue_id}});
  s = Exchange(SMFIC_BODYEOB, {}, 0, outcome, &step);
  if (s.ok() && step != Step::kFinal) {
    return Status::Corruption("milter ended the message without a final reply");
  }
  return s;
}

Status MtaSession::Quit() {
  socket_->Queue(SMFIC_QUIT, {});
  return socket_->Flush();
}

}  // namespace rapport::bench
