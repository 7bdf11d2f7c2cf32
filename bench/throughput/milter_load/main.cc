// milter_load: plays the MTA against a milter and measures it.
//
//   milter_load --socket inet:11332@127.0.0.1 --connections 4 CORPUS...
//
// Prints messages/second, latency percentiles and what the milter did.

#include <boost/program_options.hpp>
#include <cstdio>
#include <iostream>

#include "bench/throughput/milter_load/load_run.h"

namespace po = boost::program_options;
using namespace rapport::bench;

int main(int argc, char** argv) {
  std::string socket_spec;
  std::vector<std::string> corpus_paths;
  LoadOptions load;
  CorpusOptions corpus_options;
  bool json = false;
  bool quick_ack = false;
  po::options_description visible(
      "milter_load [options] CORPUS (mbox, Maildir, .eml, directories)");
  visible.add_options()("help,h", "this help")(
      "socket,s", po::value(&socket_spec)->required(),
      "milter socket: inet:PORT@HOST, inet6:PORT@HOST or unix:PATH (loopback only)")(
      "connections,c", po::value(&load.connections)->default_value(1), "concurrent connections")(
      "messages,n", po::value(&load.messages)->default_value(0),
      "messages to send in all (0: the corpus --repeat times)")(
      "repeat,r", po::value(&load.repeat)->default_value(1), "corpus passes")(
      "duration,d", po::value(&load.duration_seconds)->default_value(0),
      "stop starting messages after this many seconds (0: no limit); without --messages,\n"
      "cycle the corpus for the whole time")(
      "sample", po::value(&corpus_options.sample)->default_value(0),
      "use this many corpus messages, evenly spaced (0: all)")(
      "per-connection", po::value(&load.messages_per_session)->default_value(0),
      "reconnect after this many messages (0: never)")(
      "timeout-ms", po::value(&load.timeout_ms)->default_value(30000), "per read/write")(
      "auth-authen", po::value(&load.session.auth_authen),
      "send {auth_authen} with this login (an authenticated, outbound client)")(
      "client-addr", po::value(&load.session.client_addr)->default_value("192.0.2.10"),
      "the SMTP client address reported in CONNECT and {client_addr}")(
      "json", po::bool_switch(&json), "print one JSON object")(
      "quick-ack", po::bool_switch(&quick_ack),
      "acknowledge every milter reply at once (TCP_QUICKACK), unlike Postfix: shows a milter's "
      "latency without the Nagle/delayed-ACK stall of several small replies");
  po::options_description hidden;
  hidden.add_options()("corpus", po::value(&corpus_paths)->composing());
  po::options_description all;
  all.add(visible).add(hidden);
  po::positional_options_description positional;
  positional.add("corpus", -1);
  po::variables_map vm;
  try {
    po::store(po::command_line_parser(argc, argv).options(all).positional(positional).run(), vm);
    if (vm.count("help")) {
      std::cout << visible << "\n";
      return 0;
    }
    po::notify(vm);
  } catch (const po::error& e) {
    std::cerr << "milter_load: " << e.what() << "\n" << visible << "\n";
    return 2;
  }
  if (corpus_paths.empty()) {
    std::cerr << "milter_load: no corpus given\n";
    return 2;
  }
  load.ack_mode = quick_ack ? AckMode::kQuick : AckMode::kDelayed;
  SocketAddress address;
  rapport::Status s = ParseSocketAddress(socket_spec, &address);
  if (!s.ok()) {
    std::cerr << "milter_load: " << s.ToString() << "\n";
    return 2;
  }
  Corpus corpus;
  s = LoadCorpus(corpus_paths, corpus_options, &corpus);
  if (!s.ok()) {
    std::cerr << "milter_load: " << s.ToString() << "\n";
    return 1;
  }
  if (corpus.skipped > 0) {
    std::cerr << "milter_load: skipped " << corpus.skipped << " oversized messages\n";
  }
  LoadTally tally;
  RunDescription run{socket_spec, load.connections, 0};
  s = RunLoad(address, corpus, load, &tally, &run.seconds);
  if (!s.ok()) {
    std::cerr << "milter_load: " << s.ToString() << "\n";
    return 2;
  }
  std::fputs(FormatReport(run, &tally, json).c_str(), stdout);
  return tally.errors == 0 ? 0 : 1;
}
