#include "milter/metrics_server.h"

#include <arpa/inet.h>
#include <microhttpd.h>
#include <netinet/in.h>

#include <cstring>
#include <exception>

#include "milter/metrics_exposition.h"

namespace rapport {
namespace {

constexpr unsigned kMaxConnections = 16;
constexpr unsigned kIdleSeconds = 10;

MHD_Result Answer(MHD_Connection* connection, unsigned code, const std::string& body,
                  const char* content_type) {
  MHD_Response* response = MHD_create_response_from_buffer(
      body.size(), const_cast<char*>(body.data()), MHD_RESPMEM_MUST_COPY);
  if (response == nullptr) return MHD_NO;
  MHD_add_response_header(response, MHD_HTTP_HEADER_CONTENT_TYPE, content_type);
  const MHD_Result queued = MHD_queue_response(connection, code, response);
  MHD_destroy_response(response);
  return queued;
}

MHD_Result OnRequest(void* cls, MHD_Connection* connection, const char* url, const char* method,
                     const char*, const char*, size_t* upload_size, void**) {
  const auto* render = static_cast<const MetricsServer::Render*>(cls);
  constexpr const char* kText = "text/plain; charset=utf-8";
  if (std::strcmp(method, MHD_HTTP_METHOD_GET) != 0 &&
      std::strcmp(method, MHD_HTTP_METHOD_HEAD) != 0) {
    *upload_size = 0;  // a body, if any, is not read
    return Answer(connection, MHD_HTTP_METHOD_NOT_ALLOWED, "only GET /metrics is served\n", kText);
  }
  if (std::strcmp(url, "/metrics") != 0) {
    return Answer(connection, MHD_HTTP_NOT_FOUND, "not found: GET /metrics\n", kText);
  }
  try {
    return Answer(connection, MHD_HTTP_OK, (*render)(), kMetricsContentType);
  } catch (const std::exception& e) {
    return Answer(connection, MHD_HTTP_INTERNAL_SERVER_ERROR,
                  std::string("metrics unavailable: ") + e.what() + "\n", kText);
  }
}

std::string Describe(const ListenAddress& address) {
  char text[INET6_ADDRSTRLEN] = {};
  inet_ntop(address.ipv6 ? AF_INET6 : AF_INET, address.address, text, sizeof text);
  return address.ipv6 ? "[" + std::string(text) + "]:" + std::to_string(address.port)
                      : std::string(text) + ":" + std::to_string(address.port);
}

}  // namespace

MetricsServer::MetricsServer(Render render) : render_(std::move(render)) {}

MetricsServer::~MetricsServer() { Stop(); }

Status MetricsServer::Start(const ListenAddress& address) {
  sockaddr_in v4 = {};
  sockaddr_in6 v6 = {};
  const sockaddr* bind_to = nullptr;
  unsigned flags = MHD_USE_INTERNAL_POLLING_THREAD;
  if (address.ipv6) {
    v6.sin6_family = AF_INET6;
    v6.sin6_port = htons(address.port);
    std::memcpy(&v6.sin6_addr, address.address, 16);
    bind_to = reinterpret_cast<const sockaddr*>(&v6);
    flags |= MHD_USE_IPv6;
  } else {
    v4.sin_family = AF_INET;
    v4.sin_port = htons(address.port);
    std::memcpy(&v4.sin_addr, address.address, 4);
    bind_to = reinterpret_cast<const sockaddr*>(&v4);
  }
  daemon_ = MHD_start_daemon(flags, address.port, nullptr, nullptr, &OnRequest,
                             const_cast<Render*>(&render_), MHD_OPTION_SOCK_ADDR, bind_to,
                             MHD_OPTION_CONNECTION_LIMIT, kMaxConnections,
                             MHD_OPTION_CONNECTION_TIMEOUT, kIdleSeconds, MHD_OPTION_END);
  if (daemon_ == nullptr) {
    return Status::IoError("cannot serve metrics on " + Describe(address) +
                           " (in use, or a port below 1024); set metrics_listen");
  }
  return Status::Ok();
}

uint16_t MetricsServer::port() const {
  if (daemon_ == nullptr) return 0;
  const MHD_DaemonInfo* info = MHD_get_daemon_info(daemon_, MHD_DAEMON_INFO_BIND_PORT);
  return info == nullptr ? 0 : info->port;
}

void MetricsServer::Stop() {
  if (daemon_ == nullptr) return;
  MHD_stop_daemon(daemon_);
  daemon_ = nullptr;
}

}  // namespace rapport
