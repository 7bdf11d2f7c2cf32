#pragma once

#include <pthread.h>

namespace rapport {

// What the daemon's main thread is woken for.
enum class DaemonEvent {
  kReload,         // SIGHUP: re-read the configuration
  kStop,           // SIGTERM or SIGINT: stop accepting, drain, exit
  kListenerEnded,  // smfi_main() returned by itself
};

// Blocks SIGHUP, SIGTERM, SIGINT and SIGUSR2 in the calling thread and so in
// every thread started after it. Call first thing in main(), before any
// thread exists (RocksDB's, libmilter's): then no thread but the one in
// WaitForDaemonEvent() takes them by default action.
void BlockDaemonSignals();

// Waits (sigwait) for the next event. Call from the main thread only: Linux
// hands a process-directed signal to the main thread when it is waiting for
// it, so libmilter's own signal thread, which would stop the milter on
// SIGHUP, never sees it.
DaemonEvent WaitForDaemonEvent();

// Wakes `main_thread` from WaitForDaemonEvent() with kListenerEnded.
void NotifyListenerEnded(pthread_t main_thread);

}  // namespace rapport
