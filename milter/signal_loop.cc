#include "milter/signal_loop.h"

#include <signal.h>

namespace rapport {
namespace {

sigset_t DaemonSignals() {
  sigset_t set;
  sigemptyset(&set);
  sigaddset(&set, SIGHUP);
  sigaddset(&set, SIGTERM);
  sigaddset(&set, SIGINT);
  sigaddset(&set, SIGUSR2);
  return set;
}

}  // namespace

void BlockDaemonSignals() {
  const sigset_t set = DaemonSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

DaemonEvent WaitForDaemonEvent() {
  const sigset_t set = DaemonSignals();
  for (;;) {
    int signal_number = 0;
    if (sigwait(&set, &signal_number) != 0) continue;
    switch (signal_number) {
      case SIGHUP:
        return DaemonEvent::kReload;
      case SIGUSR2:
        return DaemonEvent::kListenerEnded;
      default:
        return DaemonEvent::kStop;
    }
  }
}

void NotifyListenerEnded(pthread_t main_thread) { pthread_kill(main_thread, SIGUSR2); }

}  // namespace rapport
