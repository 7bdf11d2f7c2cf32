#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "scoring/lookalike/lookalike_index.h"

namespace rapport {

// One "brand" line of the brand list: the name phishing imitates and the
// domains the brand really sends from and links to.
struct Brand {
  std::string name;                  // one token, lower-case ("paypal")
  std::vector<std::string> domains;  // lower-case registrable domains; may be empty
};

// The brand list as written: its brands, in file order, and its words.
struct BrandFile {
  std::vector<Brand> brands;
  std::vector<std::string> words;
};

// Reads the editable list of commonly imitated brands and words
// (data/brands.txt; its header describes the format) into *out. Returns
// IoError when the file cannot be read and InvalidArgument naming the line
// when a line is neither "brand <name> [domain ...]" nor "word <word> ...".
Status ReadBrandFile(const std::string& path, BrandFile* out);

// ReadBrandFile(), then appends one KnownName per brand, brand domain and
// word to *out (the look-alike index's view of the list). Same errors.
Status LoadBrandList(const std::string& path, std::vector<KnownName>* out);

// The brand list shipped with Rapport: the installed copy, or the source
// tree's when running from a build directory.
std::string DefaultBrandListPath();

}  // namespace rapport
