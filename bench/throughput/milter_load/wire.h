#pragma once

#include <cstdint>
#include <memory>
#include <string>
#include <string_view>

#include "base/status.h"

namespace rapport::bench {

// One milter packet as it travels on the wire: a one-byte command (MTA to
// milter) or reply code (milter to MTA), and its payload.
struct MilterPacket {
  char code = 0;
  std::string data;
};

// The largest packet accepted from a milter: a replacement body chunk of a
// milter that negotiated SMFIP_MDS_1M, plus room for its code.
inline constexpr uint32_t kMaxMilterPacket = (1u << 20) + 16;

// Appends `value` in network byte order, as every milter integer is sent.
void AppendUint32(uint32_t value, std::string* out);
void AppendUint16(uint16_t value, std::string* out);
// Appends `text` followed by the NUL that ends every milter string.
void AppendCString(std::string_view text, std::string* out);
// Reads a network-order integer at `offset` of `data`; false when too short.
bool ReadUint32(std::string_view data, size_t offset, uint32_t* value);

// Where a milter listens, parsed from Postfix/libmilter notation:
// "inet:PORT@HOST", "inet6:PORT@HOST", "unix:PATH" or "local:PATH".
struct SocketAddress {
  enum class Family { kUnix, kInet, kInet6 };
  Family family = Family::kUnix;
  std::string path;  // unix socket path
  std::string host;  // numeric address or "localhost"
  uint16_t port = 0;
};

// Parses `spec` into *out. A host must be a loopback address ("localhost",
// 127.0.0.0/8, ::1): the load generator never drives a remote milter.
Status ParseSocketAddress(std::string_view spec, SocketAddress* out);

// When the MTA side acknowledges what the milter sends. Postfix leaves it to
// the kernel, whose delayed ACK stalls a milter that writes several small
// reply packets without TCP_NODELAY (Nagle waits for the first one's ACK,
// up to 40 ms); kQuick acknowledges every read at once (TCP_QUICKACK), which
// shows the milter's latency without that stall.
enum class AckMode { kDelayed, kQuick };

// A stream connection to a milter. Commands are queued in a write buffer and
// sent together on Flush (or before a Read), so that commands the milter
// will not answer cost no round trip. Reads are buffered and bounded by
// kMaxMilterPacket; a read that waits longer than the timeout fails.
// Not thread-safe: one connection belongs to one thread.
class MilterSocket {
 public:
  // Takes ownership of the connected stream socket `fd`.
  explicit MilterSocket(int fd, AckMode ack_mode = AckMode::kDelayed);
  ~MilterSocket();
  MilterSocket(const MilterSocket&) = delete;
  MilterSocket& operator=(const MilterSocket&) = delete;

  // Connects to `address`, with `timeout_ms` applied to the connect and to
  // every later read and write. Stores the connection in *out.
  static Status Connect(const SocketAddress& address, int timeout_ms, AckMode ack_mode,
                        std::unique_ptr<MilterSocket>* out);

  // Appends one packet to the write buffer.
  void Queue(char code, std::string_view data);
  // Writes the buffer out in full.
  Status Flush();
  // Flushes, then reads the next packet from the milter into *packet.
  // Fails on end of stream, timeout, or a length of 0 or beyond the bound.
  Status Read(MilterPacket* packet);

 private:
  // Reads more bytes into in_, keeping what is unparsed.
  Status Fill();

  int fd_;
  AckMode ack_mode_;
  std::string out_;
  std::string in_;
  size_t in_pos_ = 0;
};

}  // namespace rapport::bench
