#pragma once

#include <cstdint>
#include <functional>
#include <string>

#include "base/network.h"
#include "base/status.h"

struct MHD_Daemon;

namespace rapport {

// Serves GET /metrics over plain HTTP (libmicrohttpd, one thread of its
// own): each request calls `render` on that thread and answers its text
// with kMetricsContentType. Any other path is 404, any other method 405,
// and a `render` that throws answers 500. At most 16 connections at once,
// each closed after 10 s idle. Not on the answer path: a scrape never
// blocks a message. Start() and Stop() are for one thread; requests are
// served concurrently with everything else.
class MetricsServer {
 public:
  using Render = std::function<std::string()>;

  explicit MetricsServer(Render render);
  MetricsServer(const MetricsServer&) = delete;
  MetricsServer& operator=(const MetricsServer&) = delete;
  // Stops serving.
  ~MetricsServer();

  // Listens on `address` (port 0: any free port, see port()). IoError
  // naming the address when it cannot be bound (in use, or a port below
  // 1024 after privileges were dropped).
  Status Start(const ListenAddress& address);
  // The port listened on, or 0 when not started.
  uint16_t port() const;
  // Stops listening and waits for requests in progress; later calls do nothing.
  void Stop();

 private:
  const Render render_;
  MHD_Daemon* daemon_ = nullptr;
};

}  // namespace rapport
