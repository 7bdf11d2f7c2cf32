#include "message/mail_date.h"

#include <gmime/gmime.h>

#include <string>

#include "message/gmime_handles.h"

namespace rapport {

std::optional<int64_t> ParseMailDate(std::string_view value) {
  EnsureGMimeInitialised();
  const std::string text(value);
  GDateTime* parsed = g_mime_utils_header_decode_date(text.c_str());
  if (parsed == nullptr) return std::nullopt;
  int64_t seconds = g_date_time_to_unix(parsed);
  g_date_time_unref(parsed);
  if (!IsSaneMailDate(seconds)) return std::nullopt;
  return seconds;
}

}  // namespace rapport
