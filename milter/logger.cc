#include "milter/logger.h"

#include <syslog.h>

#include <chrono>
#include <cstdio>
#include <ctime>

namespace rapport {
namespace {

int SyslogPriority(LogLevel level) {
  switch (level) {
    case LogLevel::kError:
      return LOG_ERR;
    case LogLevel::kWarning:
      return LOG_WARNING;
    case LogLevel::kInfo:
      return LOG_INFO;
    case LogLevel::kDebug:
      return LOG_DEBUG;
  }
  return LOG_INFO;
}

const char* LevelName(LogLevel level) {
  switch (level) {
    case LogLevel::kError:
      return "error";
    case LogLevel::kWarning:
      return "warning";
    case LogLevel::kInfo:
      return "info";
    case LogLevel::kDebug:
      return "debug";
  }
  return "info";
}

std::string OneLine(std::string_view text) {
  std::string out(text);
  for (char& c : out) {
    if (static_cast<unsigned char>(c) < 0x20 || c == 0x7f) c = ' ';
  }
  return out;
}

}  // namespace

std::string QueueLabel(std::string_view queue_id) {
  return queue_id.empty() ? std::string("NOQUEUE") : std::string(queue_id);
}

bool ParseLogLevel(std::string_view text, LogLevel* out) {
  for (LogLevel level : {LogLevel::kError, LogLevel::kWarning, LogLevel::kInfo, LogLevel::kDebug}) {
    if (text == LevelName(level)) {
      *out = level;
      return true;
    }
  }
  return false;
}

Logger::Logger(LogSink sink, std::string ident) : sink_(sink), ident_(std::move(ident)) {
  if (sink_ == LogSink::kSyslog) openlog(ident_.c_str(), LOG_PID | LOG_NDELAY, LOG_MAIL);
}

Logger::~Logger() {
  if (sink_ == LogSink::kSyslog) closelog();
}

void Logger::Log(LogLevel level, std::string_view line) {
  if (!Enabled(level)) return;
  const std::string text = OneLine(line);
  if (sink_ == LogSink::kSyslog) {
    syslog(SyslogPriority(level), "%s", text.c_str());
    return;
  }
  const std::time_t now = std::chrono::system_clock::to_time_t(std::chrono::system_clock::now());
  std::tm utc{};
  gmtime_r(&now, &utc);
  char stamp[32];
  std::strftime(stamp, sizeof stamp, "%Y-%m-%dT%H:%M:%SZ", &utc);
  std::lock_guard<std::mutex> lock(stderr_mutex_);
  std::fprintf(stderr, "%s %s: %s: %s\n", stamp, ident_.c_str(), LevelName(level), text.c_str());
  std::fflush(stderr);
}

}  // namespace rapport
