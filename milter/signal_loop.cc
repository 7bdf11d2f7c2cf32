#include "milter/signal_loop.h"

#include <errno.h>
#include <fcntl.h>
#include <signal.h>
#include <unistd.h>

namespace rapport {
namespace {

constexpr int kDaemonSignals[] = {SIGHUP, SIGTERM, SIGINT, SIGUSR2};

// Written by the handler, read by WaitForDaemonEvent(): one byte per signal.
int event_pipe[2] = {-1, -1};

sigset_t DaemonSignals() {
  sigset_t set;
  sigemptyset(&set);
  for (int signal_number : kDaemonSignals) sigaddset(&set, signal_number);
  return set;
}

void OnDaemonSignal(int signal_number) {
  const int saved_errno = errno;
  const unsigned char byte = static_cast<unsigned char>(signal_number);
  // A full pipe already holds events enough to wake the main thread.
  [[maybe_unused]] ssize_t written = write(event_pipe[1], &byte, 1);
  errno = saved_errno;
}

}  // namespace

void BlockDaemonSignals() {
  const sigset_t set = DaemonSignals();
  pthread_sigmask(SIG_BLOCK, &set, nullptr);
}

bool ListenForDaemonSignals() {
  if (pipe2(event_pipe, O_CLOEXEC | O_NONBLOCK) != 0) return false;
  // Blocking reads on the read end; the write end stays non-blocking so the
  // handler never waits.
  fcntl(event_pipe[0], F_SETFL, 0);
  struct sigaction action = {};
  action.sa_handler = OnDaemonSignal;
  sigemptyset(&action.sa_mask);
  action.sa_flags = SA_RESTART;
  for (int signal_number : kDaemonSignals) {
    if (sigaction(signal_number, &action, nullptr) != 0) return false;
  }
  const sigset_t set = DaemonSignals();
  return pthread_sigmask(SIG_UNBLOCK, &set, nullptr) == 0;
}

DaemonEvent WaitForDaemonEvent() {
  for (;;) {
    unsigned char byte = 0;
    if (read(event_pipe[0], &byte, 1) != 1) continue;
    switch (byte) {
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
