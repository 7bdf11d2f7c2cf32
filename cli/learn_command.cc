// rapportctl learn PATH...: bootstrap history from existing archives.

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/archive_walk.h"
#include "cli/command.h"
#include "cli/store_access.h"
#include "scoring/delivery.h"

namespace rapport {
namespace {

struct LearnCounts {
  uint64_t inbound = 0;
  uint64_t outbound = 0;
};

nlohmann::json SummaryJson(const WalkSummary& walk, const LearnCounts& learned) {
  uint64_t skipped = 0;
  for (const auto& [reason, count] : walk.skipped) skipped += count;
  return {{"messages_read", walk.messages_read},
          {"learned_inbound", learned.inbound},
          {"learned_outbound", learned.outbound},
          {"skipped", skipped},
          {"skipped_reasons", walk.skipped},
          {"dates_estimated", walk.dates_estimated},
          {"seconds", walk.seconds},
          {"messages_per_second", walk.seconds > 0 ? walk.messages_read / walk.seconds : 0.0}};
}

void PrintSummary(std::ostream& out, const WalkSummary& walk, const LearnCounts& learned) {
  out << fmt::format("read {} messages in {:.1f} s ({:.0f}/s)\n", walk.messages_read, walk.seconds,
                     walk.seconds > 0 ? walk.messages_read / walk.seconds : 0.0);
  out << fmt::format("learned {} inbound, {} outbound\n", learned.inbound, learned.outbound);
  for (const auto& [reason, count] : walk.skipped) {
    out << fmt::format("skipped {}: {}\n", count, reason);
  }
  if (walk.dates_estimated > 0) {
    out << fmt::format("{} messages had no usable Date; their archive order was used\n",
                       walk.dates_estimated);
  }
}

}  // namespace

int RunLearn(const CliContext& context, const std::vector<std::string>& arguments) {
  if (arguments.empty() || arguments[0] == "--help") {
    *context.err << "usage: rapportctl learn PATH... [--delivered-to ADDRESS] [--json]\n"
                    "  PATH: mbox file, Maildir folder, .eml file, or a directory of them\n"
                    "  --delivered-to ADDRESS: the archives are ADDRESS's mailbox; a message\n"
                    "  from outside whose headers name no local recipient (a blind copy, a\n"
                    "  list's mail) is learned as delivered to ADDRESS, as a gateway's RCPT TO\n"
                    "  says\n";
    return kExitUsage;
  }
  std::vector<std::string> args = arguments;
  std::string delivered_to;
  Status taken = TakeDeliveredTo(context.config, &args, &delivered_to);
  if (!taken.ok()) return Fail(context, taken.message());
  std::unique_ptr<HistoryStore> store;
  Status s = OpenHistory(context.config, StoreUse::kBulkImport, &store);
  if (!s.ok()) return Fail(context, s.message());

  LearnCounts learned;
  WalkSummary walk;
  s = WalkArchives(
      args, context.config, delivered_to,
      [&](const ArchivedMessage& archived) {
        // Archives carry no verdict: nothing is counted as a delivered
        // anomaly, and nothing as a base-rate sample.
        const Status learn =
            store->Learn(LearnRequestFor(*archived.message, archived.direction, archived.clock,
                                         archived.recipients, Verdict{}, Disposition::kAccepted));
        if (learn.ok()) {
          ++(archived.direction == Direction::kInbound ? learned.inbound : learned.outbound);
        }
        return learn;
      },
      &walk);
  // What was learned before a failure is kept: flush it either way.
  const Status flushed = store->Flush();
  if (!s.ok()) return Fail(context, s.message());
  if (!flushed.ok()) return Fail(context, flushed.message());

  if (context.json) {
    *context.out << SummaryJson(walk, learned).dump(2) << "\n";
  } else {
    PrintSummary(*context.out, walk, learned);
  }
  return kExitOk;
}

}  // namespace rapport
