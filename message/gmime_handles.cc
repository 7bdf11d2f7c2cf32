#include "message/gmime_handles.h"

#include <gmime/gmime.h>

#include <mutex>

namespace rapport {

void EnsureGMimeInitialised() {
  static std::once_flag once;
  std::call_once(once, [] { g_mime_init(); });
}

}  // namespace rapport
