#pragma once

#include <string>
#include <string_view>
#include <vector>

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
  kFilenames,     // every part's file name as an RFC 2231 parameter (filename*=utf-8''...)
};

// Forms applied one after another, as a message passes through several
// programs: "qp,encoded-words,folded,crlf" is what a generator built on
// Python's email library hands an MTA, and the MTA hands the milter.
using RewriteForms = std::vector<RewriteForm>;

// "base64", "qp", "encoded-words", "crlf", "folded", "html", "filenames"
// (and "none"), or several joined by commas. Returns false for anything else.
bool ParseRewriteForms(std::string_view names, RewriteForms* forms);

// `raw` written in `forms`, in their order. A message a rewrite cannot read
// is passed on unchanged.
std::string RewriteMessage(std::string_view raw, const RewriteForms& forms);

// Writes the messages of the archive at `path` (an mbox, as the corpus
// keeps them), in their stored order and each rewritten in `forms`, to the
// mbox `out_path` (mboxrd-quoted; CRLF throughout when a form is kCrlf).
bool RewriteArchive(const std::string& path, const RewriteForms& forms,
                    const std::string& out_path);

}  // namespace rapport
