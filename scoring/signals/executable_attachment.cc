#include <array>
#include <string>
#include <string_view>

#include "base/status.h"
#include "message/ascii.h"
#include "scoring/signal_registry.h"
#include "scoring/signal_support.h"

namespace rapport {

namespace {

// The file types Windows runs, rather than opens in a viewer, when the
// reader double-clicks them: programs, screen savers, shortcuts to
// programs, installers, scripts and HTML applications. They are the types
// mail clients themselves refuse to open (Outlook's "Level 1" attachment
// list), which is why malware comes zipped: the archive passes, and
// Windows' own unzip shows the program inside.
constexpr std::array<std::string_view, 24> kRunnableExtensions = {
    "exe", "scr", "pif", "com", "bat", "cmd", "cpl", "msi", "msp", "hta", "js",  "jse",
    "vbs", "vbe", "wsf", "wsh", "wsc", "ps1", "lnk", "jar", "reg", "scf", "inf", "msc",
};

// The lower-case extension of a file name when it is one Windows runs;
// empty otherwise.
std::string RunnableExtension(std::string_view filename) {
  const size_t dot = filename.rfind('.');
  if (dot == std::string_view::npos) return std::string();
  const std::string extension = AsciiLowered(filename.substr(dot + 1));
  for (std::string_view runnable : kRunnableExtensions) {
    if (extension == runnable) return extension;
  }
  return std::string();
}

// Organisations exchange documents, not programs: a contract, a statement
// or a spreadsheet opens in a viewer, while a file that runs when opened
// is how a message takes over the reader's machine. Mail clients block
// such files outright, so a program comes inside a ZIP archive, whose
// directory the parser reads (Attachment::archive_files). Full strength
// whoever sends it: mail worms send from the addresses of the people whose
// machines they hold, so a known correspondent's program is no safer.
Status DetectExecutableAttachment(const ScoringContext& context, std::vector<Detection>* out) {
  for (const Attachment& attachment : context.message().attachments) {
    const std::string extension = RunnableExtension(attachment.filename);
    if (!extension.empty()) {
      out->push_back({1.0,
                      "attachment " + Quoted(attachment.filename) + " is a program (." + extension +
                          ") that runs when opened",
                      "*." + extension});
      continue;
    }
    for (const std::string& file : attachment.archive_files) {
      const std::string inner = RunnableExtension(file);
      if (inner.empty()) continue;
      out->push_back({1.0,
                      "attached archive " + Quoted(attachment.filename) + " holds " + Quoted(file) +
                          ", a program (." + inner + ") that runs when opened",
                      "*." + inner});
      break;
    }
  }
  return Status::Ok();
}

}  // namespace

Status RegisterExecutableAttachment(SignalRegistry* registry) {
  return registry->Add({"EXECUTABLE_ATTACHMENT", SignalGroup::kLink, 60,
                        "an attachment, or a file in an attached archive, is a program",
                        SignalScope::kInboundAndInternal, DetectExecutableAttachment});
}

}  // namespace rapport
