#include "bench/throughput/milter_load/wire.h"

#include <arpa/inet.h>
#include <errno.h>
#include <netinet/in.h>
#include <netinet/tcp.h>
#include <sys/socket.h>
#include <sys/un.h>
#include <unistd.h>

#include <charconv>
#include <cstring>

namespace rapport::bench {
namespace {

Status Errno(std::string_view what) {
  return Status::IoError(std::string(what) + ": " + std::strerror(errno));
}

bool IsLoopback(const SocketAddress& address) {
  if (address.host == "localhost") return true;
  if (address.family == SocketAddress::Family::kInet6) return address.host == "::1";
  in_addr addr{};
  if (inet_pton(AF_INET, address.host.c_str(), &addr) != 1) return false;
  return (ntohl(addr.s_addr) >> 24) == 127;
}

}  // namespace

void AppendUint32(uint32_t value, std::string* out) {
  const char bytes[4] = {static_cast<char>(value >> 24), static_cast<char>(value >> 16),
                         static_cast<char>(value >> 8), static_cast<char>(value)};
  out->append(bytes, 4);
}

void AppendUint16(uint16_t value, std::string* out) {
  const char bytes[2] = {static_cast<char>(value >> 8), static_cast<char>(value)};
  out->append(bytes, 2);
}

void AppendCString(std::string_view text, std::string* out) {
  out->append(text);
  out->push_back('\0');
}

bool ReadUint32(std::string_view data, size_t offset, uint32_t* value) {
  if (offset > data.size() || data.size() - offset < 4) return false;
  const auto* p = reinterpret_cast<const unsigned char*>(data.data() + offset);
  *value = (uint32_t{p[0]} << 24) | (uint32_t{p[1]} << 16) | (uint32_t{p[2]} << 8) | p[3];
  return true;
}

Status ParseSocketAddress(std::string_view spec, SocketAddress* out) {
  const size_t colon = spec.find(':');
  if (colon == std::string_view::npos) {
    return Status::InvalidArgument("socket '" + std::string(spec) +
                                   "': expected inet:PORT@HOST, inet6:PORT@HOST or unix:PATH");
  }
  const std::string_view kind = spec.substr(0, colon);
  const std::string_view rest = spec.substr(colon + 1);
  *out = SocketAddress();
  if (kind == "unix" || kind == "local") {
    if (rest.empty() || rest.size() >= sizeof(sockaddr_un::sun_path)) {
      return Status::InvalidArgument("socket '" + std::string(spec) + "': bad unix path");
    }
    out->family = SocketAddress::Family::kUnix;
    out->path = std::string(rest);
    return Status::Ok();
  }
  if (kind != "inet" && kind != "inet6") {
    return Status::InvalidArgument("socket '" + std::string(spec) + "': unknown kind '" +
                                   std::string(kind) + "'");
  }
  out->family = kind == "inet" ? SocketAddress::Family::kInet : SocketAddress::Family::kInet6;
  const size_t at = rest.find('@');
  const std::string_view port = rest.substr(0, at);
  out->host = at == std::string_view::npos ? "localhost" : std::string(rest.substr(at + 1));
  unsigned value = 0;
  const auto [end, ec] = std::from_chars(port.data(), port.data() + port.size(), value);
  if (ec != std::errc() || end != port.data() + port.size() || value == 0 || value > 65535) {
    return Status::InvalidArgument("socket '" + std::string(spec) + "': bad port");
  }
  out->port = static_cast<uint16_t>(value);
  if (!IsLoopback(*out)) {
    return Status::InvalidArgument("socket '" + std::string(spec) +
                                   "': only loopback milters may be driven");
  }
  return Status::Ok();
}

MilterSocket::MilterSocket(int fd, AckMode ack_mode) : fd_(fd), ack_mode_(ack_mode) {}

MilterSocket::~MilterSocket() { close(fd_); }

Status MilterSocket::Connect(const SocketAddress& address, int timeout_ms, AckMode ack_mode,
                             std::unique_ptr<MilterSocket>* out) {
  sockaddr_storage storage{};
  socklen_t length = 0;
  int domain = AF_UNIX;
  if (address.family == SocketAddress::Family::kUnix) {
    auto* un = reinterpret_cast<sockaddr_un*>(&storage);
    un->sun_family = AF_UNIX;
    std::memcpy(un->sun_path, address.path.data(), address.path.size());
    length = sizeof(sockaddr_un);
  } else if (address.family == SocketAddress::Family::kInet) {
    auto* in = reinterpret_cast<sockaddr_in*>(&storage);
    in->sin_family = AF_INET;
    in->sin_port = htons(address.port);
    const char* host = address.host == "localhost" ? "127.0.0.1" : address.host.c_str();
    if (inet_pton(AF_INET, host, &in->sin_addr) != 1) {
      return Status::InvalidArgument("bad IPv4 address " + address.host);
    }
    domain = AF_INET;
    length = sizeof(sockaddr_in);
  } else {
    auto* in6 = reinterpret_cast<sockaddr_in6*>(&storage);
    in6->sin6_family = AF_INET6;
    in6->sin6_port = htons(address.port);
    in6->sin6_addr = in6addr_loopback;
    domain = AF_INET6;
    length = sizeof(sockaddr_in6);
  }
  const int fd = socket(domain, SOCK_STREAM | SOCK_CLOEXEC, 0);
  if (fd < 0) return Errno("socket");
  // Quick ACKs only mean something on TCP.
  auto socket =
      std::make_unique<MilterSocket>(fd, domain == AF_UNIX ? AckMode::kDelayed : ack_mode);
  timeval tv{timeout_ms / 1000, (timeout_ms % 1000) * 1000};
  setsockopt(fd, SOL_SOCKET, SO_RCVTIMEO, &tv, sizeof(tv));
  setsockopt(fd, SOL_SOCKET, SO_SNDTIMEO, &tv, sizeof(tv));
  if (domain != AF_UNIX) {
    const int one = 1;
    setsockopt(fd, IPPROTO_TCP, TCP_NODELAY, &one, sizeof(one));
  }
  if (connect(fd, reinterpret_cast<sockaddr*>(&storage), length) != 0) {
    return Errno("connect");
  }
  *out = std::move(socket);
  return Status::Ok();
}

void MilterSocket::Queue(char code, std::string_view data) {
  AppendUint32(static_cast<uint32_t>(data.size() + 1), &out_);
  out_.push_back(code);
  out_.append(data);
}

Status MilterSocket::Flush() {
  size_t sent = 0;
  while (sent < out_.size()) {
    const ssize_t n = send(fd_, out_.data() + sent, out_.size() - sent, MSG_NOSIGNAL);
    if (n < 0 && errno == EINTR) continue;
    if (n <= 0) return Errno("write to milter");
    sent += static_cast<size_t>(n);
  }
  out_.clear();
  return Status::Ok();
}

Status MilterSocket::Fill() {
  if (in_pos_ > 0) {
    in_.erase(0, in_pos_);
    in_pos_ = 0;
  }
  char buffer[16384];
  ssize_t n;
  do {
    n = recv(fd_, buffer, sizeof(buffer), 0);
  } while (n < 0 && errno == EINTR);
  if (n == 0) return Status::IoError("milter closed the connection");
  if (n < 0) {
    return errno == EAGAIN ? Status::IoError("milter reply timed out") : Errno("read from milter");
  }
  in_.append(buffer, static_cast<size_t>(n));
  if (ack_mode_ == AckMode::kQuick) {
    // The kernel clears quick-ACK mode by itself; set it again after each read.
    const int one = 1;
    setsockopt(fd_, IPPROTO_TCP, TCP_QUICKACK, &one, sizeof(one));
  }
  return Status::Ok();
}

Status MilterSocket::Read(MilterPacket* packet) {
  if (!out_.empty()) {
    Status s = Flush();
    if (!s.ok()) return s;
  }
  uint32_t length = 0;
  while (!ReadUint32(in_, in_pos_, &length)) {
    Status s = Fill();
    if (!s.ok()) return s;
  }
  if (length == 0 || length > kMaxMilterPacket) {
    return Status::Corruption("milter sent a packet of length " + std::to_string(length));
  }
  while (in_.size() - in_pos_ < 4 + size_t{length}) {
    Status s = Fill();
    if (!s.ok()) return s;
  }
  packet->code = in_[in_pos_ + 4];
  packet->data.assign(in_, in_pos_ + 5, length - 1);
  in_pos_ += 4 + length;
  return Status::Ok();
}

}  // namespace rapport::bench
