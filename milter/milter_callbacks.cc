#include "milter/milter_callbacks.h"

#include <arpa/inet.h>
#include <libmilter/mfapi.h>
#include <netinet/in.h>
#include <sys/socket.h>

#include <algorithm>
#include <chrono>
#include <cstdint>
#include <exception>
#include <string>
#include <vector>

#include "base/clock.h"
#include "message/domain_names.h"
#include "milter/logger.h"
#include "milter/message_processor.h"
#include "milter/verdict_text.h"

namespace rapport {
namespace {

MilterService* service = nullptr;

// The actions Rapport takes; SETSYMLIST only to trim the macros sent.
constexpr unsigned long kNeededActions = SMFIF_ADDHDRS | SMFIF_CHGHDRS | SMFIF_QUARANTINE;
// Steps Rapport does not use, and replies it never needs to give before end
// of message (each saves a round trip per message).
constexpr unsigned long kWantedSteps =
    SMFIP_NOHELO | SMFIP_NODATA | SMFIP_NOUNKNOWN | SMFIP_NR_CONN | SMFIP_NR_HELO | SMFIP_NR_MAIL |
    SMFIP_NR_RCPT | SMFIP_NR_DATA | SMFIP_NR_UNKN | SMFIP_NR_HDR | SMFIP_NR_EOH | SMFIP_NR_BODY;

// Room in one packet beside a header's value: its name and the NULs.
constexpr size_t kPacketFraming = 64 * 1024;

constexpr std::string_view kTempfailCode = "451";
constexpr std::string_view kTempfailStatus = "4.3.0";
constexpr std::string_view kTempfailText = "Temporary local problem, please try again later";

Session* GetSession(SMFICTX* ctx) { return static_cast<Session*>(smfi_getpriv(ctx)); }

std::string Macro(SMFICTX* ctx, const char* name) {
  const char* value = smfi_getsymval(ctx, const_cast<char*>(name));
  return value == nullptr ? std::string() : std::string(value);
}

// The answer for a step whose reply the MTA may have agreed to skip.
sfsistat Proceed(const Session* session, unsigned long no_reply_step) {
  return session != nullptr && (session->protocol & no_reply_step) != 0 ? SMFIS_NOREPLY
                                                                        : SMFIS_CONTINUE;
}

// Records the first internal error of the message in progress; end of
// message answers it by policy.
void NoteFailure(Session* session, std::string_view cause) {
  if (session == nullptr || session->message == nullptr) return;
  if (session->message->failure.empty()) session->message->failure = std::string(cause);
}

// Runs `step`, the work of the callback for `stage` ("MAIL FROM", "body"...),
// so that nothing throws into libmilter: an exception becomes the message's
// failure, answered by policy at end of message. Then answers the step.
template <typename Step>
sfsistat Guarded(Session* session, std::string_view stage, unsigned long no_reply_step,
                 const Step& step) {
  try {
    step();
  } catch (const std::exception& e) {
    NoteFailure(session, std::string(stage) + ": " + e.what());
  } catch (...) {
    NoteFailure(session, std::string(stage) + ": unknown error");
  }
  return Proceed(session, no_reply_step);
}

std::string QueueId(SMFICTX* ctx, const MessageState& message) {
  std::string id = Macro(ctx, "{i}");
  return id.empty() ? message.envelope.queue_id : id;
}

std::string ClientAddress(SMFICTX* ctx, const _SOCK_ADDR* address) {
  std::string macro = Macro(ctx, "{client_addr}");
  if (!macro.empty() || address == nullptr) return macro;
  char text[INET6_ADDRSTRLEN] = {};
  if (address->sa_family == AF_INET) {
    inet_ntop(AF_INET, &reinterpret_cast<const sockaddr_in*>(address)->sin_addr, text, sizeof text);
  } else if (address->sa_family == AF_INET6) {
    inet_ntop(AF_INET6, &reinterpret_cast<const sockaddr_in6*>(address)->sin6_addr, text,
              sizeof text);
  }
  return text;
}

Status Apply(SMFICTX* ctx, const ActionPlan& plan) {
  auto fail = [](const std::string& what) { return Status::IoError("MTA refused " + what); };
  for (const HeaderRef& ref : plan.remove_headers) {
    std::string name = ref.name;
    if (smfi_chgheader(ctx, name.data(), ref.index, nullptr) != MI_SUCCESS) {
      return fail("removing " + ref.name + " #" + std::to_string(ref.index));
    }
  }
  for (const auto& [header, text] : plan.add_headers) {
    std::string name = header;
    std::string value = text;
    if (smfi_addheader(ctx, name.data(), value.data()) != MI_SUCCESS) {
      return fail("adding " + header);
    }
  }
  if (plan.subject.has_value()) {
    std::string name = "Subject";
    std::string value = *plan.subject;
    const int result = plan.subject_exists ? smfi_chgheader(ctx, name.data(), 1, value.data())
                                           : smfi_addheader(ctx, name.data(), value.data());
    if (result != MI_SUCCESS) return fail("tagging the subject");
  }
  if (plan.quarantine_reason.has_value()) {
    std::string reason = *plan.quarantine_reason;
    if (smfi_quarantine(ctx, reason.data()) != MI_SUCCESS) return fail("quarantine");
  }
  return Status::Ok();
}

// Adds what the milter answered to the store's operational counters (kept
// in memory while the store is not open). A failure to count is logged and
// never changes the answer.
void CountAnswer(const std::vector<StatsCount>& counts, int64_t now, const std::string& queue_id) {
  const Status status = service->store->AddStats(counts, now);
  if (!status.ok()) {
    service->logger->Warning(QueueLabel(queue_id) + ": not counted in stats: " + status.ToString());
  }
}

// Answers a failed message by policy: accept (removing forged headers) or
// tempfail. Logs the queue id and the cause either way, and counts it by
// `kind`.
sfsistat AnswerFailure(SMFICTX* ctx, const std::string& queue_id, const ErrorPolicy policy,
                       const RapportHeaderIndex* rapport_headers, FailureKind kind,
                       std::string_view cause) {
  const bool accept = policy == ErrorPolicy::kAccept;
  service->metrics->CountFailure(policy, kind);
  CountAnswer({{StatsKind::kAction, accept ? kErrorAcceptAction : kErrorTempfailAction}},
              WallClockNow(), queue_id);
  service->logger->Error(QueueLabel(queue_id) + ": error: " + std::string(cause) +
                         (accept ? "; accepting unscored (on_error=accept)"
                                 : "; answering tempfail (on_error=tempfail)"));
  if (!accept) {
    std::string code(kTempfailCode), status(kTempfailStatus), text(kTempfailText);
    smfi_setreply(ctx, code.data(), status.data(), text.data());
    return SMFIS_TEMPFAIL;
  }
  const Status removed = Apply(ctx, PlanForFailure(rapport_headers));
  if (!removed.ok()) {
    service->logger->Error(QueueLabel(queue_id) + ": error: " + removed.ToString());
  }
  return SMFIS_ACCEPT;
}

ErrorPolicy CurrentPolicy(const Session* session) {
  if (session != nullptr && session->message != nullptr) {
    return session->message->runtime->config.on_error;
  }
  return service->runtime->Load()->config.on_error;
}

sfsistat EndOfMessage(SMFICTX* ctx, Session* session) {
  MessageState& message = *session->message;
  const Config& config = message.runtime->config;
  message.envelope.queue_id = QueueId(ctx, message);
  const std::string& queue_id = message.envelope.queue_id;
  auto fail = [&](FailureKind kind, std::string_view cause) {
    return AnswerFailure(ctx, queue_id, config.on_error, &message.rapport_headers, kind, cause);
  };
  if (!message.failure.empty()) return fail(FailureKind::kCollect, message.failure);

  const auto started = std::chrono::steady_clock::now();
  const auto deadline = started + std::chrono::seconds(config.timeout_seconds);
  const int64_t now = WallClockNow();
  if (service->logger->Enabled(LogLevel::kDebug)) {
    const Envelope& envelope = message.envelope;
    service->logger->Debug(QueueLabel(queue_id) + ": from=<" + envelope.mail_from +
                           "> recipients=" + std::to_string(envelope.rcpt_to.size()) +
                           " client=" + envelope.client_ip + " daemon=" + session->daemon_name +
                           " authenticated=" + (envelope.sasl_user.empty() ? "no" : "yes") +
                           " kept_bytes=" + std::to_string(message.buffer.raw().size()));
  }
  std::shared_ptr<HistoryStore> store;
  Status status = service->store->Get(&store);
  if (!status.ok()) return fail(FailureKind::kStore, "store unavailable: " + status.ToString());

  Evaluation evaluation;
  status =
      EvaluateMessage(*message.runtime, *store, Collected(message), now, deadline, &evaluation);
  if (!status.ok()) return fail(evaluation.failure, status.ToString());
  service->metrics->ObserveScoring(std::chrono::steady_clock::now() - started);

  if (evaluation.plan.quarantine_reason.has_value()) {
    if (queue_id.empty()) {
      service->logger->Warning(QueueLabel(queue_id) +
                               ": held without a review record: the MTA sent no {i}");
    } else {
      status = store->PutHeld(BuildHeldMessage(evaluation, now));
      if (!status.ok())
        return fail(FailureKind::kStore, "recording held mail: " + status.ToString());
    }
  }
  if (evaluation.plan.reject) {
    std::string code(kRejectCode), reply_status(kRejectStatus), text(kRejectText);
    smfi_setreply(ctx, code.data(), reply_status.data(), text.data());
    CountAnswer(MessageStats(evaluation), now, queue_id);
    CountAnswered(evaluation, service->metrics);
    service->logger->Info(MessageLogLine(queue_id, evaluation));
    return SMFIS_REJECT;
  }
  status = Apply(ctx, evaluation.plan);
  if (!status.ok()) return fail(FailureKind::kMta, status.ToString());
  CountAnswer(MessageStats(evaluation), now, queue_id);
  CountAnswered(evaluation, service->metrics);
  // Learning is the background learner's: the MTA gets its answer first.
  if (evaluation.plan.learn || evaluation.plan.observe) {
    service->learner->Add(TakeDelivered(&evaluation, message.runtime->config.local_domains, now));
  }
  service->logger->Info(MessageLogLine(queue_id, evaluation));
  return SMFIS_ACCEPT;
}

// --- callbacks -------------------------------------------------------------

sfsistat OnNegotiate(SMFICTX* ctx, unsigned long actions, unsigned long steps, unsigned long,
                     unsigned long, unsigned long* actions_out, unsigned long* steps_out,
                     unsigned long* unused2, unsigned long* unused3) {
  try {
    auto session = std::make_unique<Session>();
    *actions_out = actions & (kNeededActions | SMFIF_SETSYMLIST);
    *steps_out = steps & kWantedSteps;
    *unused2 = 0;
    *unused3 = 0;
    session->protocol = *steps_out;
    if ((actions & kNeededActions) != kNeededActions) {
      service->logger->Warning(
          "the MTA does not offer every action Rapport needs (headers, "
          "quarantine); messages needing them will fail by policy");
    }
    if ((actions & SMFIF_SETSYMLIST) != 0) {
      smfi_setsymlist(ctx, SMFIM_CONNECT, const_cast<char*>("{client_addr} {daemon_name}"));
      smfi_setsymlist(ctx, SMFIM_ENVFROM, const_cast<char*>("i {auth_authen}"));
      smfi_setsymlist(ctx, SMFIM_EOM, const_cast<char*>("i"));
    }
    smfi_setpriv(ctx, session.release());
    return SMFIS_CONTINUE;
  } catch (...) {
    // Declining the connection makes the MTA apply its milter_default_action.
    return SMFIS_REJECT;
  }
}

sfsistat OnConnect(SMFICTX* ctx, char*, _SOCK_ADDR* address) {
  Session* session = GetSession(ctx);
  try {
    if (session == nullptr) {  // an MTA that skipped negotiation
      session = new Session;
      smfi_setpriv(ctx, session);
    }
    session->client_addr = ClientAddress(ctx, address);
    session->daemon_name = Macro(ctx, "{daemon_name}");
    return Proceed(session, SMFIP_NR_CONN);
  } catch (...) {
    return session == nullptr ? SMFIS_ACCEPT : Proceed(session, SMFIP_NR_CONN);
  }
}

sfsistat OnEnvelopeFrom(SMFICTX* ctx, char** argv) {
  Session* session = GetSession(ctx);
  if (session == nullptr) return SMFIS_ACCEPT;
  return Guarded(session, "MAIL FROM", SMFIP_NR_MAIL, [&] {
    session->message = std::make_unique<MessageState>(service->runtime->Load(), service->in_flight);
    Envelope& envelope = session->message->envelope;
    envelope.mail_from = argv != nullptr && argv[0] != nullptr ? NormaliseAddress(argv[0]) : "";
    envelope.client_ip = session->client_addr;
    envelope.sasl_user = Macro(ctx, "{auth_authen}");
    envelope.queue_id = Macro(ctx, "{i}");
  });
}

sfsistat OnEnvelopeRecipient(SMFICTX* ctx, char** argv) {
  Session* session = GetSession(ctx);
  return Guarded(session, "RCPT TO", SMFIP_NR_RCPT, [&] {
    if (session != nullptr && session->message != nullptr && argv != nullptr &&
        argv[0] != nullptr) {
      AddRecipient(argv[0], session->message.get());
    }
  });
}

sfsistat OnHeader(SMFICTX* ctx, char* name, char* value) {
  Session* session = GetSession(ctx);
  return Guarded(session, "header", SMFIP_NR_HDR, [&] {
    if (session != nullptr && session->message != nullptr && name != nullptr) {
      AddHeaderField(name, value == nullptr ? std::string_view() : value, session->message.get());
    }
  });
}

sfsistat OnEndOfHeaders(SMFICTX* ctx) {
  Session* session = GetSession(ctx);
  return Guarded(session, "end of headers", SMFIP_NR_EOH, [&] {
    if (session != nullptr && session->message != nullptr) session->message->buffer.EndHeaders();
  });
}

sfsistat OnBody(SMFICTX* ctx, unsigned char* chunk, size_t size) {
  Session* session = GetSession(ctx);
  return Guarded(session, "body", SMFIP_NR_BODY, [&] {
    if (session != nullptr && session->message != nullptr && chunk != nullptr) {
      session->message->buffer.AddBody(
          std::string_view(reinterpret_cast<const char*>(chunk), size));
    }
  });
}

sfsistat OnEndOfMessage(SMFICTX* ctx) {
  Session* session = GetSession(ctx);
  if (session == nullptr) return SMFIS_ACCEPT;
  sfsistat answer = SMFIS_ACCEPT;
  try {
    if (session->message == nullptr) {
      answer = AnswerFailure(ctx, Macro(ctx, "{i}"), CurrentPolicy(session), nullptr,
                             FailureKind::kCollect, "no message state (MAIL FROM failed)");
    } else {
      answer = EndOfMessage(ctx, session);
    }
  } catch (const std::exception& e) {
    try {
      answer = AnswerFailure(ctx, Macro(ctx, "{i}"), CurrentPolicy(session),
                             session->message ? &session->message->rapport_headers : nullptr,
                             FailureKind::kInternal, std::string("internal error: ") + e.what());
    } catch (...) {
      answer = SMFIS_ACCEPT;
    }
  } catch (...) {
    answer = SMFIS_ACCEPT;
  }
  session->message.reset();
  return answer;
}

sfsistat OnAbort(SMFICTX* ctx) {
  if (Session* session = GetSession(ctx)) session->message.reset();
  return SMFIS_CONTINUE;
}

sfsistat OnClose(SMFICTX* ctx) {
  Session* session = GetSession(ctx);
  if (session == nullptr) return SMFIS_CONTINUE;
  smfi_setpriv(ctx, nullptr);
  delete session;
  return SMFIS_CONTINUE;
}

// The largest packet libmilter is to read for messages kept up to
// `max_message_size` bytes. libmilter allocates a packet at its actual size,
// so this adds per connection no more than the message buffer may hold.
size_t MilterPacketLimit(size_t max_message_size) {
  // The protocol's length field is a signed 32-bit count.
  constexpr size_t kProtocolMax = INT32_MAX - 1;
  return std::min(max_message_size, kProtocolMax - kPacketFraming) + kPacketFraming;
}

}  // namespace

Status RegisterMilter(MilterService* milter_service) {
  service = milter_service;
  smfi_setmaxdatasize(MilterPacketLimit(service->runtime->Load()->config.parse.max_message_size));
  smfiDesc description = {};
  description.xxfi_name = const_cast<char*>("rapport");
  description.xxfi_version = SMFI_VERSION;
  description.xxfi_flags = kNeededActions | SMFIF_SETSYMLIST;
  description.xxfi_connect = OnConnect;
  description.xxfi_envfrom = OnEnvelopeFrom;
  description.xxfi_envrcpt = OnEnvelopeRecipient;
  description.xxfi_header = OnHeader;
  description.xxfi_eoh = OnEndOfHeaders;
  description.xxfi_body = OnBody;
  description.xxfi_eom = OnEndOfMessage;
  description.xxfi_abort = OnAbort;
  description.xxfi_close = OnClose;
  description.xxfi_negotiate = OnNegotiate;
  if (smfi_register(description) != MI_SUCCESS) {
    return Status::IoError("smfi_register failed (libmilter version mismatch?)");
  }
  return Status::Ok();
}

}  // namespace rapport
