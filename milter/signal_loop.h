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
// thread exists (RocksDB's, libmilter's).
void BlockDaemonSignals();

// Makes the calling (main) thread take those signals, through a handler that
// queues them for WaitForDaemonEvent(), and delivers any already pending.
// Call once, from the main thread, before smfi_main() starts libmilter's own
// signal thread, which would stop the milter on SIGHUP: the kernel gives a
// process-directed signal to the main thread whenever that thread does not
// block it, so from here on libmilter's thread never sees one — not during a
// reload, not at start-up. Threads started afterwards should block them again
// (BlockDaemonSignals()). False if the handler could not be installed.
bool ListenForDaemonSignals();

// Waits for the next event queued by ListenForDaemonSignals(). Main thread
// only.
DaemonEvent WaitForDaemonEvent();

// Wakes `main_thread` from WaitForDaemonEvent() with kListenerEnded.
void NotifyListenerEnded(pthread_t main_thread);

}  // namespace rapport
