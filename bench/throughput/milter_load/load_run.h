#pragma once

#include <cstdint>

#include "base/status.h"
#include "bench/throughput/milter_load/corpus.h"
#include "bench/throughput/milter_load/load_report.h"
#include "bench/throughput/milter_load/mta_session.h"
#include "bench/throughput/milter_load/wire.h"

namespace rapport::bench {

struct LoadOptions {
  int connections = 1;                   // concurrent milter connections, one thread each
  uint64_t messages = 0;                 // messages to send in all; 0: the corpus `repeat` times
  int repeat = 1;                        // corpus passes when `messages` is 0
  double duration_seconds = 0;           // when > 0, stop starting messages after this long
  uint64_t messages_per_session = 0;     // reconnect after this many; 0: keep the connection
  int timeout_ms = 30000;                // per connect, read and write
  int max_failed_connects = 3;           // a thread gives up after this many in a row
  AckMode ack_mode = AckMode::kDelayed;  // kDelayed: as Postfix does
  SessionOptions session;
};

// Drives the milter at `address` with the messages of `corpus` from
// `options.connections` threads, each holding one connection that carries
// message after message as Postfix reuses milter connections. Messages are
// handed out in corpus order, cycling. A broken conversation counts an
// error and the thread reconnects. Fills *tally and *seconds (wall time).
// Returns InvalidArgument on options out of bounds; run errors are only
// counted in the tally.
Status RunLoad(const SocketAddress& address, const Corpus& corpus, const LoadOptions& options,
               LoadTally* tally, double* seconds);

}  // namespace rapport::bench
