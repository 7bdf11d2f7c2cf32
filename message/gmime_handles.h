#pragma once

#include <glib-object.h>

#include <memory>

namespace rapport {

// RAII owners for the GMime (GObject) and GLib allocations the parser
// holds, so that no early return leaks one.
struct GObjectUnref {
  void operator()(void* object) const {
    if (object) g_object_unref(object);
  }
};
template <typename T>
using GObjectPtr = std::unique_ptr<T, GObjectUnref>;

struct GFree {
  void operator()(void* memory) const { g_free(memory); }
};
using GCharPtr = std::unique_ptr<char, GFree>;

// Calls g_mime_init() once per process, whichever thread gets here first.
void EnsureGMimeInitialised();

}  // namespace rapport
