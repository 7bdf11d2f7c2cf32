#pragma once

#include <string>
#include <string_view>
#include <vector>

namespace rapport {

// The names of the files a ZIP archive holds, as its central directory
// lists them (PKWARE APPNOTE 4.3.12, found through the end-of-central-
// directory record within the archive's last 64 KiB), in directory order,
// at most `max_names`. Nothing is decompressed: a name is stored in clear,
// which is what a mail client's unzip shows the reader. Bytes outside
// printable ASCII are written '?' (names are CP437 or UTF-8, and only the
// extension matters to a reader's double-click). Reads any byte sequence:
// data that is not a ZIP archive, a ZIP64 directory and a directory that
// runs past the data yield the names read before that point (often none).
// Bounds, whatever the directory claims (its entry count, name and field
// lengths are checked against the data, never trusted): at most
// `max_names` names, each at most 65,535 bytes (the format's field) and
// all together no longer than `archive`; the work is one search back over
// at most the last 64 KiB for the end record, then one pass over the
// directory.
std::vector<std::string> ZipFileNames(std::string_view archive, size_t max_names);

// Directory entries read per archive by the parser.
inline constexpr size_t kMaxZipFileNames = 256;

}  // namespace rapport
