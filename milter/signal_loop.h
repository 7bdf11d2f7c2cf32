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
// Call once, from the main thread; threads started afterwards should block
// them again (BlockDaemonSignals()), so that this thread is the only one to
// take them. libmilter's signal thread, which would stop the milter on
// SIGHUP, never waits for them (libmilter_signal_thread.cc). False if the
// handler could not be installed.
bool ListenForDaemonSignals();

// Waits for the next event queued by ListenForDaemonSignals(). Main thread
// only.
DaemonEvent WaitForDaemonEvent();

// Wakes `main_thread` from WaitForDaemonEvent() with kListenerEnded.
void NotifyListenerEnded(pthread_t main_thread);

}  // namespace rapport
