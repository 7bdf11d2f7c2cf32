#include "milter/message_processor.h"

#include <algorithm>
#include <memory>
#include <utility>

#include "message/organisation.h"
#include "message/parser.h"
#include "milter/logger.h"
#include "milter/route.h"
#include "milter/verdict_text.h"
#include "scoring/delivery.h"

namespace rapport {
namespace {

Status CheckDeadline(std::chrono::steady_clock::time_point deadline, const Config& config,
                     std::string_view stage) {
  if (std::chrono::steady_clock::now() <= deadline) return Status::Ok();
  return Status::IoError("timeout: processing exceeded " + std::to_string(config.timeout_seconds) +
                         "s (after " + std::string(stage) + ")");
}

Direction ToDirection(Route route) {
  return route == Route::kOutbound || route == Route::kInternal ? Direction::kOutbound
                                                                : Direction::kInbound;
}

// Routes whose mail is scored and acted on.
bool IsJudged(Route route) { return route == Route::kInbound || route == Route::kInternal; }

}  // namespace

Status EvaluateMessage(const Runtime& runtime, const HistoryReader& history,
                       const CollectedMessage& collected, int64_t now,
                       std::chrono::steady_clock::time_point deadline, Evaluation* out) {
  const Config& config = runtime.config;
  out->dropped_bytes = collected.dropped_bytes;
  Status status = ParseMessage(collected.raw, collected.envelope, config.parse, &out->message);
  if (!status.ok()) {
    out->failure = FailureKind::kParse;
    return Status::InvalidArgument("parse: " + status.ToString());
  }
  if (collected.dropped_bytes > 0) out->message.truncated.message_size = true;
  out->dropped_recipients = collected.dropped_recipients;
  if (collected.dropped_recipients > 0) out->message.truncated.recipients = true;
  status = CheckDeadline(deadline, config, "parsing");
  if (!status.ok()) {
    out->failure = FailureKind::kTimeout;
    return status;
  }

  out->route = DecideRoute(out->message, config.local_domains, config.internal_networks);
  if (IsJudged(out->route)) {
    status =
        runtime.scorer->Score(out->message, ToDirection(out->route), history, now, &out->verdict);
    if (!status.ok()) {
      out->failure = FailureKind::kScore;
      return Status::IoError("score: " + status.ToString());
    }
    status = CheckDeadline(deadline, config, "scoring");
    if (!status.ok()) {
      out->failure = FailureKind::kTimeout;
      return status;
    }
  }

  PlanInput plan;
  plan.route = out->route;
  plan.verdict = out->verdict;
  plan.rapport_headers = collected.rapport_headers;
  plan.subject = collected.subject;
  plan.subject_tag = config.subject_tag;
  out->plan = PlanActions(plan);
  return Status::Ok();
}

HeldMessage BuildHeldMessage(const Evaluation& evaluation, int64_t now) {
  const Message& message = evaluation.message;
  HeldMessage held;
  held.queue_id = message.envelope.queue_id;
  held.received_at = now;
  held.mail_from = message.envelope.mail_from;
  held.rcpt_to = message.envelope.rcpt_to;
  held.from = message.from.address;
  held.subject = message.subject;
  held.message_id = message.message_id;
  held.score = evaluation.verdict.score;
  for (const SignalHit& hit : evaluation.verdict.signals) {
    held.signals.push_back(
        HeldSignal{hit.name, hit.weight, hit.contribution, hit.evidence, hit.context});
  }
  const size_t links = std::min(kMaxHeldLinks, message.links.size());
  for (size_t i = 0; i < links; ++i) {
    const Link& link = message.links[i];
    held.links.push_back(HeldLink{link.visible_text, link.url, link.private_domain});
  }
  held.status = HeldStatus::kHeld;
  held.status_changed_at = now;
  return held;
}

DeliveredMessage TakeDelivered(Evaluation* evaluation,
                               const std::vector<std::string>& local_domains, int64_t now) {
  DeliveredMessage delivered;
  delivered.queue_id = evaluation->message.envelope.queue_id;
  auto message = std::make_unique<Message>(std::move(evaluation->message));
  // Learning reads the envelope, header fields and links, never the decoded
  // bodies (up to max_body_text each): a queued message holds no more than
  // it needs.
  message->text_body = std::string();
  message->html_body = std::string();
  const Direction direction = ToDirection(evaluation->route);
  delivered.request =
      LearnRequestFor(*message, direction, now, EffectiveRecipients(*message, local_domains),
                      evaluation->verdict, DispositionOf(evaluation->verdict.action));
  delivered.message = std::move(message);
  return delivered;
}

std::vector<StatsCount> MessageStats(const Evaluation& evaluation) {
  std::vector<StatsCount> counts;
  counts.push_back({StatsKind::kRoute, RouteName(evaluation.route)});
  if (!IsJudged(evaluation.route)) return counts;
  const Verdict& verdict = evaluation.verdict;
  counts.push_back({StatsKind::kAction, ActionName(verdict.action)});
  counts.push_back(ScoreCount(verdict.score));
  for (const SignalHit& hit : verdict.signals) counts.push_back({StatsKind::kSignal, hit.name});
  if (evaluation.plan.quarantine_reason.has_value()) {
    counts.push_back({StatsKind::kHeld, HeldStatusName(HeldStatus::kHeld)});
  }
  return counts;
}

void CountAnswered(const Evaluation& evaluation, MilterMetrics* metrics) {
  const bool judged = IsJudged(evaluation.route);
  metrics->CountMessage(evaluation.route, judged ? evaluation.verdict.action : Action::kAccept);
  if (judged) {
    for (const SignalHit& hit : evaluation.verdict.signals) metrics->CountSignal(hit.name);
  }
  metrics->CountForgedHeadersRemoved(evaluation.plan.remove_headers.size());
}

std::string MessageLogLine(std::string_view queue_id, const Evaluation& evaluation) {
  std::string line = QueueLabel(queue_id);
  line.append(": ").append(RouteName(evaluation.route));
  if (IsJudged(evaluation.route)) {
    line.append(" score=").append(std::to_string(evaluation.verdict.score));
    line.append(" action=").append(ActionName(evaluation.verdict.action));
    if (evaluation.verdict.policy.has_value()) {
      line.append(" ").append(PolicyLabel(*evaluation.verdict.policy));
    }
    line.append(" signals=").append(SignalList(evaluation.verdict, ","));
  } else {
    line.append(" action=accept");
  }
  if (evaluation.plan.learn) line.append(" learned");
  if (evaluation.plan.observe) line.append(" observed");
  if (!evaluation.plan.remove_headers.empty()) {
    line.append(" removed_forged_headers=")
        .append(std::to_string(evaluation.plan.remove_headers.size()));
  }
  if (evaluation.dropped_bytes > 0) {
    line.append(" truncated_bytes=").append(std::to_string(evaluation.dropped_bytes));
  }
  if (evaluation.dropped_recipients > 0) {
    line.append(" truncated_recipients=").append(std::to_string(evaluation.dropped_recipients));
  }
  // Last, as it holds spaces: where the deciding entry was written, the
  // file and line or who added it to the store.
  if (IsJudged(evaluation.route) && evaluation.verdict.policy.has_value()) {
    line.append(" ").append(PolicyOriginLabel(*evaluation.verdict.policy));
  }
  return line;
}

}  // namespace rapport
