// rapport-milter: the gateway daemon. Reads the configuration, binds the
// milter socket, drops privileges, opens the history store and serves the
// MTA until SIGTERM; SIGHUP re-reads the configuration.

#include <libmilter/mfapi.h>
#include <malloc.h>
#include <pthread.h>
#include <sys/stat.h>
#include <sysexits.h>
#include <unistd.h>

#include <atomic>
#include <boost/program_options.hpp>
#include <chrono>
#include <cstdio>
#include <filesystem>
#include <functional>
#include <iostream>
#include <thread>

#include "admin/admin_server.h"
#include "base/privileges.h"
#include "cluster/replicator.h"
#include "config/config.h"
#include "milter/background_learner.h"
#include "milter/known_names_refresher.h"
#include "milter/logger.h"
#include "milter/metrics_exposition.h"
#include "milter/metrics_gauges.h"
#include "milter/metrics_server.h"
#include "milter/milter_callbacks.h"
#include "milter/milter_metrics.h"
#include "milter/reloader.h"
#include "milter/runtime.h"
#include "milter/session.h"
#include "milter/signal_loop.h"
#include "milter/socket_spec.h"
#include "milter/store_handle.h"

namespace rapport {
namespace {

namespace po = boost::program_options;

constexpr const char* kProgram = "rapport-milter";

struct CommandLine {
  std::string config_path = kDefaultConfigPath;
  bool foreground = false;
  bool check_config = false;
};

// Returns -1 to go on, or the exit code.
int ParseCommandLine(int argc, char** argv, CommandLine* out) {
  po::options_description options("Usage: rapport-milter [options]");
  options.add_options()("help,h", "show this help and exit")(
      "config,c", po::value<std::string>(&out->config_path),
      "configuration file (default /etc/rapport/rapport.conf)")(
      "foreground,f", po::bool_switch(&out->foreground),
      "stay in the foreground and log to stderr instead of syslog")(
      "check-config", po::bool_switch(&out->check_config),
      "validate the configuration (and signal weights, data files) and exit");
  po::variables_map values;
  try {
    po::store(po::command_line_parser(argc, argv).options(options).run(), values);
    po::notify(values);
  } catch (const po::error& e) {
    std::cerr << kProgram << ": " << e.what() << "\n" << options;
    return EX_USAGE;
  }
  if (values.count("help") != 0) {
    std::cout << options;
    return EX_OK;
  }
  return -1;
}

// Logs a start-up failure; in daemon mode also on the terminal that started
// it, since syslog may be where nobody is looking yet.
int Fatal(Logger& logger, const std::string& what, int code) {
  logger.Error(what);
  if (logger.sink() == LogSink::kSyslog) std::cerr << kProgram << ": " << what << "\n";
  return code;
}

// Binds the configured socket while still privileged.
Status OpenMilterSocket(const Config& config) {
  SocketSpec spec;
  Status status = ParseSocketSpec(config.socket, &spec);
  if (!status.ok()) return status;
  if (smfi_setconn(const_cast<char*>(config.socket.c_str())) != MI_SUCCESS) {
    return Status::InvalidArgument("libmilter refused socket '" + config.socket + "'");
  }
  // Removes a stale unix socket left by a crash.
  if (smfi_opensocket(true) != MI_SUCCESS) {
    return Status::IoError("cannot bind " + config.socket +
                           " (in use, or no permission on its directory)");
  }
  if (spec.kind != SocketSpec::Kind::kUnix && DisableNagleOnListeners() == 0) {
    return Status::IoError("no listening socket found to set TCP_NODELAY on");
  }
  if (spec.kind == SocketSpec::Kind::kUnix) {
    return SetSocketAccess(spec.path, config.socket_mode, config.socket_group);
  }
  return Status::Ok();
}

int Run(const CommandLine& command_line) {
  Logger logger(
      command_line.foreground || command_line.check_config ? LogSink::kStderr : LogSink::kSyslog,
      kProgram);
  const std::string config_path = std::filesystem::absolute(command_line.config_path).string();
  Config config;
  Status status = LoadConfig(config_path, &config);
  if (!status.ok()) return Fatal(logger, status.ToString(), EX_CONFIG);
  LogLevel level = LogLevel::kInfo;
  if (!ParseLogLevel(config.log_level, &level)) {
    return Fatal(logger, config_path + ": log_level '" + config.log_level + "' is not valid",
                 EX_CONFIG);
  }
  logger.SetLevel(level);
  SocketSpec spec;
  status = ParseSocketSpec(config.socket, &spec);
  if (!status.ok()) return Fatal(logger, config_path + ": " + status.ToString(), EX_CONFIG);
  std::shared_ptr<const Runtime> runtime;
  status = BuildRuntime(config, &runtime);
  if (!status.ok()) return Fatal(logger, config_path + ": " + status.ToString(), EX_CONFIG);
  if (command_line.check_config) {
    std::cout << config_path << ": configuration OK\n";
    return EX_OK;
  }

  status = CheckRunAsPolicy(config.user);
  if (!status.ok()) return Fatal(logger, status.ToString(), EX_CONFIG);

  RuntimeSlot slot(runtime);
  StoreOptions store_options;
  store_options.path = config.state_dir;
  store_options.local_domains = config.local_domains;
  store_options.retention_days = static_cast<uint32_t>(config.retention_days);
  store_options.audit_retention_days = static_cast<uint32_t>(config.audit_retention_days);
  store_options.cluster_node = config.cluster.node;
  store_options.sizing = config.store;
  // The policy entries kept in the store join the file's each time the store
  // opens, before any message is scored with it, and again after each change
  // through the admin socket.
  auto apply_stored_policy = [&logger, &slot](const HistoryStore& open) {
    const Status applied = ApplyStoredPolicy(open, &slot);
    if (applied.ok()) {
      logger.Info("policy: " + std::to_string(slot.Load()->stored_policy.size()) +
                  " entries kept in the store applied");
    } else {
      logger.Error("policy entries kept in the store not applied: " + applied.ToString());
    }
  };
  auto open_store = [&apply_stored_policy](const StoreOptions& options,
                                           std::unique_ptr<HistoryStore>* out) {
    const Status opened = OpenRocksDbStore(options, out);
    if (opened.ok()) apply_stored_policy(**out);
    return opened;
  };
  // At most 10 s: inside the per-message budget and far below the MTAs' milter timeouts (Postfix
  // and Sendmail allow minutes for a reply).
  const std::chrono::seconds open_wait(config.store_open_wait_seconds);
  StoreHandle store(store_options, std::chrono::seconds(5), open_store, open_wait);
  InFlightMessages in_flight;
  MilterMetrics metrics(RegisteredSignalNames());
  BackgroundLearner learner(
      [&store](const LearnRequest& request) {
        std::shared_ptr<HistoryStore> open;
        const Status opened = store.Get(&open);
        return opened.ok() ? open->Learn(request) : opened;
      },
      [&logger, &metrics](std::string_view queue_id, const Status& failed) {
        metrics.CountLearnFailure();
        logger.Error(QueueLabel(queue_id) + ": error: learn: " + failed.ToString() +
                     "; delivered but not learned");
      });
  MilterService service{&slot, &store, &logger, &in_flight, &learner, &metrics};
  status = RegisterMilter(&service);
  if (!status.ok()) return Fatal(logger, status.ToString(), EX_SOFTWARE);
  status = OpenMilterSocket(config);
  if (!status.ok()) return Fatal(logger, status.ToString(), EX_UNAVAILABLE);
  status = DropPrivileges(config.user, config.group);
  if (!status.ok()) return Fatal(logger, "dropping privileges: " + status.ToString(), EX_NOPERM);
  if (!command_line.foreground && daemon(0, 0) != 0) {
    return Fatal(logger, "cannot detach into the background", EX_OSERR);
  }

  // Opened beside the listener, so that a broken store is reported at
  // start and the MTA gets the on_error answer at once while a store left
  // by a crash replays its write-ahead log, however long that takes.
  logger.Info("opening the history store in " + config.state_dir +
              " (after an unclean stop it replays its write-ahead log first); messages wait for it "
              "up to " +
              std::to_string(open_wait.count()) +
              " s after the start, then answer on_error until it is open");
  store.OpenInBackground([&](const Status& opened, std::chrono::steady_clock::duration took) {
    char seconds[32];
    std::snprintf(seconds, sizeof seconds, "%.2fs", std::chrono::duration<double>(took).count());
    if (opened.ok()) {
      logger.Info(std::string("history store open after ") + seconds);
    } else {
      logger.Error(std::string("history store unavailable after ") + seconds +
                   ", messages answer on_error until it opens: " + opened.ToString());
    }
  });
  // rapportctl held reaches the store through the daemon while it runs.
  AdminServer admin_server([&](const std::function<void(AdminOperations*)>& operation) {
    std::shared_ptr<HistoryStore> open;
    const Status opened_now = store.Get(&open);
    if (!opened_now.ok())
      return Status::IoError("history store unavailable: " + opened_now.message());
    StoreAdminOperations admin(open.get(), slot.Load()->config.parse,
                               [&] { apply_stored_policy(*open); });
    operation(&admin);
    return Status::Ok();
  });
  const std::string admin_path = AdminSocketPath(config.admin_socket, config.state_dir);
  status = admin_server.Start(admin_path);
  if (!status.ok()) {
    logger.Warning(status.ToString() + "; rapportctl held cannot reach the store meanwhile");
  }
  // With [cluster], history is shared beside the answer path, never on it
  // (started below).
  std::unique_ptr<Replicator> replicator;
  if (config.cluster.enabled()) {
    replicator = std::make_unique<Replicator>(
        ClusterOptionsFromConfig(config),
        [&store](std::shared_ptr<HistoryStore>* out) { return store.Get(out); },
        [&logger](const std::string& line) { logger.Error(line); },
        [&logger](const std::string& line) { logger.Info(line); });
  }
  MetricsServer metrics_server([&] {
    MetricsGauges gauges = ReadMetricsGauges(&store, learner, *slot.Load());
    if (replicator != nullptr) ReadClusterGauges(replicator->Counters(), &store, &gauges);
    return RenderMetrics(metrics.Snapshot(), gauges);
  });
  if (!config.metrics_listen.empty()) {
    ListenAddress metrics_address;
    status = ParseListenAddress(config.metrics_listen, &metrics_address)
                 ? metrics_server.Start(metrics_address)
                 : Status::InvalidArgument("metrics_listen '" + config.metrics_listen +
                                           "' is not ADDRESS:PORT");
    if (status.ok()) {
      logger.Info("serving metrics on http://" + config.metrics_listen + "/metrics");
    } else {
      logger.Warning(status.ToString() + "; no metrics meanwhile");
    }
  }
  KnownNamesRefresher known_names(&slot, &store, &logger);
  if (replicator != nullptr) {
    replicator->Start();
    logger.Info("sharing history as cluster node " + config.cluster.node + " through redis " +
                config.cluster.redis);
  }
  logger.Info("listening on " + config.socket + " as uid " + std::to_string(geteuid()) +
              ", config " + config_path);

  if (!ListenForDaemonSignals()) {
    return Fatal(logger, "cannot install the handlers for SIGHUP and SIGTERM", EX_OSERR);
  }
  const pthread_t main_thread = pthread_self();
  std::atomic<bool> listener_ended{false};
  std::atomic<bool> listener_failed{false};
  std::thread listener([&] {
    BlockDaemonSignals();  // libmilter's threads start from here and inherit it
    if (smfi_main() != MI_SUCCESS) {
      logger.Error("the milter listener failed");
      listener_failed = true;
    }
    listener_ended = true;
    NotifyListenerEnded(main_thread);
  });
  {
    ConfigReloader reloader(config_path, &slot, &logger, &metrics);
    for (;;) {
      const DaemonEvent event = WaitForDaemonEvent();
      if (event == DaemonEvent::kReload) {
        reloader.Request();
        continue;
      }
      if (event == DaemonEvent::kListenerEnded && !listener_ended) continue;  // a stray SIGUSR2
      break;
    }
  }
  // libmilter stops serving open connections too once stopped, so messages
  // in progress are let finish first; connections stay open meanwhile.
  const auto drain = std::chrono::seconds(slot.Load()->config.timeout_seconds + 5);
  logger.Info("stopping: letting messages in progress finish (at most " +
              std::to_string(drain.count()) + "s)");
  if (!listener_ended && !in_flight.WaitIdle(drain)) {
    logger.Warning(std::to_string(in_flight.count()) + " message(s) still in progress after " +
                   std::to_string(drain.count()) + "s; stopping anyway");
  }
  smfi_stop();
  listener.join();
  learner.Stop();  // learns what delivered mail is still queued
  metrics_server.Stop();
  admin_server.Stop();
  if (replicator != nullptr) replicator->Stop();  // publishes what is queued, if it can
  status = store.Flush();
  if (!status.ok()) logger.Error("flushing the history store: " + status.ToString());
  logger.Info("stopped");
  return listener_failed ? EX_SOFTWARE : EX_OK;
}

}  // namespace
}  // namespace rapport

int main(int argc, char** argv) {
  // glibc gives threads that allocate at once arenas of their own, up to
  // eight per core, and memory freed in one arena serves only that one:
  // with a libmilter thread per connection the daemon settled near 210 MB
  // resident in bench/soak, against 160 MB with two arenas, at the same
  // throughput (docs/RELIABILITY.md).
  mallopt(M_ARENA_MAX, 2);
  // Before any thread exists, so that every thread inherits the mask.
  rapport::BlockDaemonSignals();
  // The history store's files are the service user's alone, whoever starts
  // the daemon; sockets get their modes explicitly.
  umask(0077);
  rapport::CommandLine command_line;
  const int code = rapport::ParseCommandLine(argc, argv, &command_line);
  if (code >= 0) return code;
  try {
    return rapport::Run(command_line);
  } catch (const std::exception& e) {
    std::cerr << "rapport-milter: fatal: " << e.what() << "\n";
    return EX_SOFTWARE;
  }
}
