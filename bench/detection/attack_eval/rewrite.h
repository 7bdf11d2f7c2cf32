#pragma once

#include <string>
#include <string_view>

// A test instrument, not the product: rewrites a message into another form
// that says the same thing, as other mail software writes it, so that an
// evaluation can check that verdicts depend on what a message says and not
// on how it is written (attack_eval --rewrite FORM).

namespace rapport {

enum class RewriteForm {
  kNone,
  kBase64,        // every text/* part base64, 76-column lines
  kQp,            // every text/* part quoted-printable, charset=utf-8
  kEncodedWords,  // display names and Subject as RFC 2047 encoded words, B and Q alternately
  kCrlf,          // CRLF line ends throughout
  kFolded,        // headers longer than 78 columns folded; To and Cc one address a line
  kHtml,          // a text/plain-only message becomes multipart/alternative with HTML
};

// "base64", "qp", "encoded-words", "crlf", "folded", "html" (and "none").
// Returns false for anything else.
bool ParseRewriteForm(std::string_view name, RewriteForm* form);

// `raw` written in `form`. A message the rewrite cannot read is returned
// unchanged.
std::string RewriteMessage(std::string_view raw, RewriteForm form);

// Writes the messages of the archive at `path` (an mbox, as the corpus
// keeps them), in their stored order and each rewritten in `form`, to the
// mbox `out_path` (mboxrd-quoted; CRLF throughout for kCrlf).
bool RewriteArchive(const std::string& path, RewriteForm form, const std::string& out_path);

}  // namespace rapport
