// What ReadLinkAsk (message/link_ask.h) reads beside the links of real
// mail: how often a phishing lure's words are read as the ask they are,
// and how often a legitimate message's words are read as one. The reading
// is INTERNAL_LURE_PAGE's and INTERNAL_ACCOUNT_ASK's; its word lists were
// written from lures, so real phishing (phishing_pot, Nazario), written by
// no one here, measures whether they name what attackers ask, and real
// internal mail (Enron) what else they name.
//
//   link_ask_survey [--context] MBOX...
//
// Prints one tab-separated line per message that has a web link: the file,
// the message's position in it (0-based, as stored), From, how many links
// were read (at most kMaxLinksRead, in message order), and what the first
// ask read says: "credential" (with "own-account" when it names the
// reader's own mail or network account), "signature", or "none", then the
// words read. With --context, a last column holds the text the reader sees
// before the first link (kLinkAskBefore bytes at most, one line), for
// reading the words of a lure the lists do not name. Ends with a summary
// line per file on stderr.

#include <algorithm>
#include <cstdio>
#include <string>
#include <string_view>
#include <vector>

#include "message/ascii.h"
#include "message/ask_words.h"
#include "message/link_ask.h"
#include "message/mail_archive.h"
#include "message/parser.h"

namespace rapport {
namespace {

// INTERNAL_LURE_PAGE's own bound (kMaxLinksAsked): a lure asks beside its
// first links.
constexpr size_t kMaxLinksRead = 8;

bool IsWebLink(const Link& link) {
  return !link.host.empty() &&
         (link.scheme.empty() || link.scheme == "http" || link.scheme == "https");
}

// The text before the first place `link` is written, one line, for
// --context: the plain body if it holds the URL, else the HTML body as
// the reader sees it (HtmlShownText).
std::string TextBeforeLink(const Message& message, const Link& link) {
  std::string shown;
  if (const size_t at = message.text_body.find(link.url); at != std::string::npos) {
    shown = message.text_body.substr(0, at);
  } else if (const size_t in_html = message.html_body.find(link.url);
             in_html != std::string::npos) {
    shown = HtmlShownText(std::string_view(message.html_body).substr(0, in_html));
  }
  if (shown.size() > kLinkAskBefore) shown = shown.substr(shown.size() - kLinkAskBefore);
  std::string line;
  for (char c : shown) {
    const bool space = IsAsciiSpace(c);
    if (space && (line.empty() || line.back() == ' ')) continue;
    line.push_back(space ? ' ' : c);
  }
  return line;
}

struct Tally {
  int with_links = 0;
  int credential = 0;
  int signature = 0;
};

int Survey(const std::vector<std::string>& paths, bool context) {
  for (const std::string& path : paths) {
    ArchiveIndex index;
    if (Status s = IndexArchives({path}, &index); !s.ok()) {
      std::fprintf(stderr, "link_ask_survey: %s\n", s.ToString().c_str());
      return 1;
    }
    // Stored order: IndexArchives sorts by date; the position printed is
    // the message's place in the file.
    std::vector<const ArchiveEntry*> stored;
    for (const ArchiveEntry& entry : index.entries) stored.push_back(&entry);
    std::sort(stored.begin(), stored.end(),
              [](const ArchiveEntry* a, const ArchiveEntry* b) { return a->offset < b->offset; });
    ArchiveReader reader(index);
    Tally tally;
    for (size_t position = 0; position < stored.size(); ++position) {
      std::string raw;
      if (Status s = reader.Read(*stored[position], &raw); !s.ok()) {
        std::fprintf(stderr, "link_ask_survey: %s\n", s.ToString().c_str());
        return 1;
      }
      Message message;
      if (!ParseMessage(raw, Envelope{}, ParseOptions{}, &message).ok()) continue;
      size_t read = 0;
      LinkAsk first;
      const Link* first_link = nullptr;
      for (const Link& link : message.links) {
        if (!link.attachment.empty() || !IsWebLink(link)) continue;
        if (first_link == nullptr) first_link = &link;
        if (read == kMaxLinksRead) break;
        ++read;
        LinkAsk ask = ReadLinkAsk(message, link);
        if (!ask.ask.empty() && first.ask.empty()) first = std::move(ask);
      }
      if (first_link == nullptr) continue;
      ++tally.with_links;
      std::string kind = "none";
      if (first.signature) {
        kind = "signature";
        ++tally.signature;
      } else if (!first.ask.empty()) {
        kind = first.own_account.empty() ? "credential" : "credential own-account";
        ++tally.credential;
      }
      std::printf("%s\t%zu\t%s\t%zu\t%s\t%s", path.c_str(), position, message.from.address.c_str(),
                  read, kind.c_str(), first.words.c_str());
      if (context) std::printf("\t%s", TextBeforeLink(message, *first_link).c_str());
      std::printf("\n");
    }
    std::fprintf(stderr, "%s: %d messages with web links, %d credential asks read, %d signature\n",
                 path.c_str(), tally.with_links, tally.credential, tally.signature);
  }
  return 0;
}

}  // namespace
}  // namespace rapport

int main(int argc, char** argv) {
  bool context = false;
  std::vector<std::string> paths;
  for (int i = 1; i < argc; ++i) {
    const std::string_view arg = argv[i];
    if (arg == "--context") {
      context = true;
    } else if (!arg.empty() && arg[0] == '-') {
      std::fprintf(stderr, "usage: link_ask_survey [--context] MBOX...\n");
      return 2;
    } else {
      paths.emplace_back(arg);
    }
  }
  if (paths.empty()) {
    std::fprintf(stderr, "usage: link_ask_survey [--context] MBOX...\n");
    return 2;
  }
  return rapport::Survey(paths, context);
}
