// Measures the hand-written HTML link scanner against libgumbo (a full
// HTML5 parser) on the HTML bodies of the shared corpus, in MB/s, and
// counts the links each finds. Reports on the way how fast the archives
// were indexed and their messages read and parsed (one thread).
//
//   html_links_bench [MBOX_OR_DIR...]   (default: the shared corpus)

#include <gumbo.h>

#include <chrono>
#include <cstdio>
#include <string>
#include <vector>

#include "message/html_links.h"
#include "message/mail_archive.h"
#include "message/parser.h"

namespace rapport {
namespace {

// Counts a/area href and form action the way ExtractHtmlLinks does, with
// gumbo building the tree.
size_t CountGumboLinks(const GumboNode* node) {
  if (node->type != GUMBO_NODE_ELEMENT) return 0;
  const GumboElement& element = node->v.element;
  size_t links = 0;
  const char* attribute = element.tag == GUMBO_TAG_A || element.tag == GUMBO_TAG_AREA ? "href"
                          : element.tag == GUMBO_TAG_FORM                             ? "action"
                                                                                      : nullptr;
  if (attribute) {
    const GumboAttribute* target = gumbo_get_attribute(&element.attributes, attribute);
    if (target && target->value[0] != '\0' && target->value[0] != '#') ++links;
  }
  for (unsigned i = 0; i < element.children.length; ++i) {
    links += CountGumboLinks(static_cast<const GumboNode*>(element.children.data[i]));
  }
  return links;
}

template <typename Fn>
double Seconds(Fn fn) {
  auto start = std::chrono::steady_clock::now();
  fn();
  return std::chrono::duration<double>(std::chrono::steady_clock::now() - start).count();
}

std::vector<std::string> CorpusHtml(const std::vector<std::string>& paths) {
  std::vector<std::string> bodies;
  ArchiveIndex index;
  Status status;
  double index_seconds = Seconds([&] { status = IndexArchives(paths, &index); });
  if (!status.ok()) {
    std::fprintf(stderr, "%s\n", status.ToString().c_str());
    return bodies;
  }
  ArchiveReader reader(index);
  std::string raw;
  double parse_seconds = Seconds([&] {
    for (const ArchiveEntry& entry : index.entries) {
      if (!reader.Read(entry, &raw).ok()) continue;
      Message message;
      if (ParseMessage(raw, Envelope(), ParseOptions(), &message).ok() &&
          !message.html_body.empty()) {
        bodies.push_back(std::move(message.html_body));
      }
    }
  });
  std::printf("%zu messages: indexed in %.2f s, read and parsed at %.0f messages/s\n",
              index.entries.size(), index_seconds, index.entries.size() / parse_seconds);
  return bodies;
}

int Run(int argc, char** argv) {
  std::vector<std::string> paths(argv + 1, argv + argc);
  if (paths.empty()) paths = {RAPPORT_CORPUS_DIR};
  std::vector<std::string> bodies = CorpusHtml(paths);
  size_t bytes = 0;
  for (const std::string& body : bodies) bytes += body.size();
  if (bytes == 0) {
    std::fprintf(stderr, "no HTML found\n");
    return 1;
  }

  size_t scanner_links = 0;
  double scanner = Seconds([&] {
    for (const std::string& body : bodies) {
      std::vector<Link> links;
      ExtractHtmlLinks(body, HtmlDocument::kMailBody, 100000, &links);
      scanner_links += links.size();
    }
  });
  size_t gumbo_links = 0;
  double gumbo = Seconds([&] {
    for (const std::string& body : bodies) {
      GumboOutput* output =
          gumbo_parse_with_options(&kGumboDefaultOptions, body.data(), body.size());
      gumbo_links += CountGumboLinks(output->root);
      gumbo_destroy_output(&kGumboDefaultOptions, output);
    }
  });

  double mb = bytes / 1e6;
  std::printf("%zu HTML bodies, %.1f MB\n", bodies.size(), mb);
  std::printf("scanner (with link description): %7.1f MB/s  %zu links\n", mb / scanner,
              scanner_links);
  std::printf("gumbo   (tree + walk only):      %7.1f MB/s  %zu links\n", mb / gumbo, gumbo_links);
  return 0;
}

}  // namespace
}  // namespace rapport

int main(int argc, char** argv) { return rapport::Run(argc, argv); }
