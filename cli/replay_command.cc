// rapportctl replay PATH...: back-test the configuration on archives.

#include <fmt/format.h>

#include <array>
#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/archive_walk.h"
#include "cli/command.h"
#include "cli/store_access.h"
#include "cli/verdict_report.h"
#include "message/organisation.h"
#include "scoring/delivery.h"

namespace rapport {
namespace {

// Replay's tallies for the summary table.
struct ReplayTally {
  std::array<uint64_t, 4> inbound_actions{};   // by Action
  std::array<uint64_t, 4> internal_actions{};  // by Action; internal mail is outbound too
  uint64_t outbound = 0;
  std::array<uint64_t, 10> inbound_scores{};  // histogram in deciles 0-9, 10-19, ...
  // Inbound mail whose headers name no local recipient (a blind copy, a
  // list's post): without --delivered-to it reached no one inside.
  uint64_t reached_no_one = 0;
};

// What a back-test without --delivered-to misses, when it does: a gateway
// gives such mail its reader in RCPT TO, and judges it as delivered to them
// (HIDDEN_RECIPIENTS reads exactly that); replay cannot know who it was.
void PrintUnnamedReaders(std::ostream& out, uint64_t reached_no_one) {
  if (reached_no_one == 0) return;
  out << fmt::format(
      "{} inbound {} no local recipient (a blind copy, a list's mail): judged as "
      "reaching no one inside, where the gateway's RCPT TO names the reader; if these archives "
      "are one person's mailbox, replay them with --delivered-to ADDRESS\n",
      reached_no_one, reached_no_one == 1 ? "message names" : "messages name");
}

void PrintTally(std::ostream& out, const WalkSummary& walk, const ReplayTally& tally) {
  uint64_t inbound = 0;
  for (uint64_t n : tally.inbound_actions) inbound += n;
  out << fmt::format("replayed {} messages: {} inbound, {} outbound\n", walk.messages_read, inbound,
                     tally.outbound);
  out << "inbound actions:\n";
  for (Action action : {Action::kAccept, Action::kTag, Action::kHold, Action::kReject}) {
    const uint64_t n = tally.inbound_actions[static_cast<size_t>(action)];
    out << fmt::format("  {:<7} {:>8}  {:5.1f}%\n", ActionName(action), n,
                       inbound == 0 ? 0.0 : 100.0 * n / inbound);
  }
  uint64_t internal = 0;
  for (uint64_t n : tally.internal_actions) internal += n;
  out << fmt::format("internal mail (colleague to colleague, judged against the account): {}\n",
                     internal);
  for (Action action : {Action::kAccept, Action::kTag, Action::kHold, Action::kReject}) {
    const uint64_t n = tally.internal_actions[static_cast<size_t>(action)];
    out << fmt::format("  {:<7} {:>8}  {:5.1f}%\n", ActionName(action), n,
                       internal == 0 ? 0.0 : 100.0 * n / internal);
  }
  out << "inbound score histogram:\n";
  uint64_t widest = 1;
  for (uint64_t n : tally.inbound_scores) widest = std::max(widest, n);
  for (size_t i = 0; i < tally.inbound_scores.size(); ++i) {
    const uint64_t n = tally.inbound_scores[i];
    const size_t bar = n == 0 ? 0 : std::max<size_t>(1, 50 * n / widest);
    out << fmt::format("  {:>3}-{:<3} {:>8} {}\n", i * 10, i == 9 ? 100 : i * 10 + 9, n,
                       std::string(bar, '#'));
  }
  for (const auto& [reason, count] : walk.skipped) {
    out << fmt::format("skipped {}: {}\n", count, reason);
  }
}

}  // namespace

int RunReplay(const CliContext& context, const std::vector<std::string>& arguments) {
  if (arguments.empty() || arguments[0] == "--help") {
    *context.err << "usage: rapportctl replay PATH... [--delivered-to ADDRESS] [--json]\n"
                    "  scores each message as of its Date, then learns it as the gateway would;\n"
                    "  --delivered-to ADDRESS: the archives are ADDRESS's mailbox; a message\n"
                    "  from outside whose headers name no local recipient (a blind copy, a\n"
                    "  list's mail) reached ADDRESS, as a Delivered-To field would say, and is\n"
                    "  judged and learned as delivered to ADDRESS, as the gateway's RCPT TO\n"
                    "  gave it; without it such mail reached no one inside;\n"
                    "  --json: one line per message with its direction (inbound, internal,\n"
                    "  outbound); held and rejected ones with each signal's evidence;\n"
                    "  writes to the configured state_dir: point it at a scratch directory\n";
    return kExitUsage;
  }
  std::vector<std::string> args = arguments;
  std::string delivered_to;
  Status s = TakeDeliveredTo(context.config, &args, &delivered_to);
  if (!s.ok()) return Fail(context, s.message());
  std::unique_ptr<HistoryStore> store;
  s = OpenHistory(context.config, StoreUse::kWrite, &store);
  if (!s.ok()) return Fail(context, s.message());
  std::unique_ptr<Scorer> scorer;
  s = CreateScorer(context.config, *store, &scorer);
  if (!s.ok()) return Fail(context, s.message());

  ReplayTally tally;
  WalkSummary walk;
  KnownNamesSchedule known_names;
  s = WalkArchives(
      args, context.config, delivered_to,
      [&](const ArchivedMessage& archived) {
        // As the milter does every few minutes: correspondents learned so
        // far become names that look-alikes are judged against.
        Status refreshed = known_names.Advance(*scorer, *store, archived.clock);
        if (!refreshed.ok()) return refreshed;
        Verdict verdict;
        Status scored = ScoreAndLearn(*scorer, store.get(), *archived.message, archived.direction,
                                      archived.clock, archived.recipients, &verdict);
        if (!scored.ok()) return scored;
        const bool internal = IsInternalMail(archived.direction, archived.message->from.domain,
                                             archived.recipients, context.config.local_domains);
        if (context.json) {
          nlohmann::json line = VerdictSummaryJson(*archived.message, verdict);
          // How the gateway judged it, so a back-test can count inbound and
          // internal mail as the evaluations do without re-deriving it.
          line["direction"] = archived.direction == Direction::kInbound ? "inbound"
                              : internal                                ? "internal"
                                                                        : "outbound";
          // A back-test's holds are what an admin reviews: say why each
          // signal fired without a second `explain`, which would judge the
          // message against the end of the replay, not the moment it came.
          if (verdict.action == Action::kHold || verdict.action == Action::kReject) {
            line["evidence"] = SignalEvidenceJson(verdict);
          }
          *context.out << line.dump() << "\n";
        }
        if (archived.direction == Direction::kOutbound) {
          ++tally.outbound;
          if (internal) ++tally.internal_actions[static_cast<size_t>(verdict.action)];
        } else {
          ++tally.inbound_actions[static_cast<size_t>(verdict.action)];
          ++tally.inbound_scores[std::min(verdict.score, 99) / 10];
          if (!AnyLocalAddress(archived.recipients, context.config.local_domains)) {
            ++tally.reached_no_one;
          }
        }
        return Status::Ok();
      },
      &walk);
  if (!s.ok()) return Fail(context, s.message());
  if (!context.json) PrintTally(*context.out, walk, tally);
  // On stderr with --json, so that stdout stays one JSON line per message.
  PrintUnnamedReaders(context.json ? *context.err : *context.out, tally.reached_no_one);
  return kExitOk;
}

}  // namespace rapport
