// rapportctl links PATH...: the links Rapport reads in each message, as the
// signals see them, without scoring or a store. For an admin asking why a
// link was or was not judged, and for bench/detection/real_mail/links.py,
// which compares them with an independent reading of the same mail.

#include <fmt/format.h>

#include <nlohmann/json.hpp>
#include <ostream>

#include "cli/command.h"
#include "cli/verdict_report.h"
#include "message/mail_archive.h"
#include "message/parser.h"

namespace rapport {

int RunLinks(const CliContext& context, const std::vector<std::string>& args) {
  if (args.empty() || args[0] == "--help") {
    *context.err << "usage: rapportctl links PATH... [--json]\n"
                    "  every link Rapport reads in each message (body, attached pages and\n"
                    "  PDFs, where open redirectors lead), in Date order; each message named\n"
                    "  by its file and the byte offset it starts at;\n"
                    "  --json: one line per message: file, offset, message_id, links\n";
    return kExitUsage;
  }
  ArchiveIndex index;
  Status s = IndexArchives(args, &index);
  if (!s.ok()) return Fail(context, s.message());
  ArchiveReader reader(index);
  std::string raw;
  for (const ArchiveEntry& entry : index.entries) {
    s = reader.Read(entry, &raw);
    if (!s.ok()) return Fail(context, s.message());
    Message message;
    const Status parsed = ParseMessage(raw, Envelope{}, context.config.parse, &message);
    const std::string& file = index.files[entry.file];
    if (context.json) {
      nlohmann::json line = {{"file", file}, {"offset", entry.offset}};
      if (parsed.ok()) {
        line["message_id"] = message.message_id;
        line["links"] = LinksJson(message);
      } else {
        line["error"] = parsed.message();
      }
      *context.out << line.dump() << "\n";
      continue;
    }
    *context.out << fmt::format("{}:{}  message-id {}\n", file, entry.offset,
                                parsed.ok() ? message.message_id : parsed.message());
    PrintLinks(*context.out, message);
  }
  return kExitOk;
}

}  // namespace rapport
