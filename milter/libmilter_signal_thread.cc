// libmilter starts a thread of its own that sigwait()s for SIGHUP, SIGTERM
// and SIGINT and stops the milter on any of them, so a SIGHUP meant as
// "reload" could stop the daemon instead. A thread in sigwait() takes a
// process-directed signal whenever the kernel does not pick another thread
// first, which no signal mask can prevent. rapport-milter therefore links
// libmilter statically with -Wl,--wrap=sigwait: libmilter's only call to
// sigwait() lands here and never returns, and the daemon's main thread, the
// one thread that leaves those signals unblocked, takes every one of them
// (milter/signal_loop.h). Nothing else in the daemon calls sigwait().

#include <signal.h>
#include <unistd.h>

extern "C" int __wrap_sigwait(const sigset_t*, int*) {
  // The calling thread blocks the daemon's signals (it inherits the mask of
  // the listener thread), so pause() returns only for a handler of some other
  // signal run on this thread; it then simply waits again.
  for (;;) pause();
}
