#pragma once

#include <atomic>
#include <mutex>
#include <string>
#include <string_view>

namespace rapport {

enum class LogLevel { kError = 0, kWarning = 1, kInfo = 2, kDebug = 3 };

// Reads "error", "warning", "info" or "debug" (the config's log_level) into
// *out; false for anything else.
bool ParseLogLevel(std::string_view text, LogLevel* out);

// The label that starts every log line about one message, as in Postfix's
// logs: its queue id, or "NOQUEUE" while the MTA has given none (before the
// queue file exists, or an MTA that sends no {i} macro).
std::string QueueLabel(std::string_view queue_id);

// Where log lines go: syslog's mail facility (daemon mode), or stderr with
// a timestamp (--foreground, tests).
enum class LogSink { kSyslog, kStderr };

// The daemon's log. One call writes one whole line. Safe for concurrent use
// by many threads; the level may change at any time (SIGHUP).
class Logger {
 public:
  // `ident` names the program in every line ("rapport-milter").
  Logger(LogSink sink, std::string ident);
  ~Logger();
  Logger(const Logger&) = delete;
  Logger& operator=(const Logger&) = delete;

  LogSink sink() const { return sink_; }
  void SetLevel(LogLevel level) { level_.store(level, std::memory_order_relaxed); }
  bool Enabled(LogLevel level) const { return level <= level_.load(std::memory_order_relaxed); }

  // Writes `line` when `level` is enabled. Control characters in `line` are
  // replaced so that one call can never forge a second log line.
  void Log(LogLevel level, std::string_view line);

  void Error(std::string_view line) { Log(LogLevel::kError, line); }
  void Warning(std::string_view line) { Log(LogLevel::kWarning, line); }
  void Info(std::string_view line) { Log(LogLevel::kInfo, line); }
  void Debug(std::string_view line) { Log(LogLevel::kDebug, line); }

 private:
  const LogSink sink_;
  const std::string ident_;
  std::atomic<LogLevel> level_{LogLevel::kInfo};
  std::mutex stderr_mutex_;
};

}  // namespace rapport
