#pragma once

#include <string>
#include <vector>

#include "base/status.h"
#include "scoring/lookalike/lookalike_index.h"

namespace rapport {

// Reads the editable list of commonly imitated brands and words
// (data/brands.txt; its header describes the format) and appends one
// KnownName per brand, brand domain and word to *out. Returns IoError when
// the file cannot be read and InvalidArgument naming the line when a line is
// neither "brand <name> [domain ...]" nor "word <word> ...".
Status LoadBrandList(const std::string& path, std::vector<KnownName>* out);

// The brand list shipped with Rapport: the installed copy, or the source
// tree's when running from a build directory.
std::string DefaultBrandListPath();

}  // namespace rapport
