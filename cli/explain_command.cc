// rapportctl explain FILE: the verdict for one message, with its reasons.

#include <fmt/format.h>

#include <ostream>

#include "cli/archive_walk.h"
#include "cli/command.h"
#include "cli/store_access.h"
#include "cli/verdict_report.h"

namespace rapport {

int RunExplain(const CliContext& context, const std::vector<std::string>& args) {
  if (args.size() != 1 || args[0] == "--help") {
    *context.err << "usage: rapportctl explain FILE [--json]\n"
                    "  FILE: one message (.eml, or an mbox holding one message)\n";
    return kExitUsage;
  }
  std::unique_ptr<HistoryStore> store;
  Status s = OpenHistory(context.config, StoreUse::kRead, &store);
  if (!s.ok()) return Fail(context, s.message());
  std::unique_ptr<Scorer> scorer;
  s = CreateScorer(context.config, *store, &scorer);
  if (!s.ok()) return Fail(context, s.message());
  s = scorer->RefreshKnownNames(*store);
  if (!s.ok()) return Fail(context, s.message());

  int messages = 0;
  WalkSummary walk;
  s = WalkArchives(
      args, context.config, /*delivered_to=*/"",
      [&](const ArchivedMessage& archived) {
        if (++messages > 1) {
          return Status::InvalidArgument(
              fmt::format("{} holds more than one message; explain scores one (use replay "
                          "for archives)",
                          args[0]));
        }
        Verdict verdict;
        Status scored =
            scorer->Score(*archived.message, archived.direction, *store, archived.clock, &verdict);
        if (!scored.ok()) return scored;
        if (context.json) {
          *context.out << VerdictDetailJson(*archived.message, verdict).dump(2) << "\n";
        } else {
          PrintVerdict(*context.out, *archived.message, verdict);
        }
        return Status::Ok();
      },
      &walk);
  if (!s.ok()) return Fail(context, s.message());
  if (messages == 0) {
    return Fail(context, fmt::format("{}: no message could be parsed", args[0]));
  }
  return kExitOk;
}

}  // namespace rapport
