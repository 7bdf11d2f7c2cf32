#pragma once

#include <functional>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rapport {

// The editable lists Rapport ships in data/ (file-share platforms, brands,
// consumer mailbox providers) and that an admin may replace: hand-written
// text, one entry a line, "#" starting a comment.

// Where the shipped copy of data file `name` ("brands.txt") is: the
// installed data directory when it holds one, else the source tree's data/
// (tests and uninstalled builds).
std::string DataFilePath(std::string_view name);

// Reads the data file at `path` into *text. Returns IoError naming `what`
// ("file-share catalogue") and the path when it cannot be read, and
// InvalidArgument when it is larger than kMaxDataFileBytes: a list is
// short, and this bounds a mistaken path (a log, a mailbox).
Status ReadDataFile(const std::string& path, std::string_view what, std::string* text);

// Calls `entry` with the words of each line of `text` that has any, after
// its comment is cut, in order, and with the line's number. When `entry`
// returns a non-empty complaint ("expected one host, got 'a b'"), stops
// and returns InvalidArgument "ORIGIN:LINE: complaint", which is what an
// admin needs to mend the file.
Status ForEachDataLine(
    std::string_view text, std::string_view origin,
    const std::function<std::string(std::string_view line, int line_number)>& entry);

// Reads the data file at `path` (ReadDataFile, naming `what` in its error)
// and returns what `parse` makes of its text, with the path as the origin
// its complaints name: the Load of every list in data/.
Status LoadDataFile(
    const std::string& path, std::string_view what,
    const std::function<Status(std::string_view text, std::string_view origin)>& parse);

inline constexpr size_t kMaxDataFileBytes = 1 << 20;

}  // namespace rapport
