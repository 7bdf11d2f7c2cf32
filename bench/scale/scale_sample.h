#pragma once

#include <istream>
#include <ostream>
#include <string>
#include <vector>

#include "base/status.h"

namespace rapport::bench {

// One learned inbound message as the generator wrote it, kept so that the
// scoring benchmark can send mail that history knows: the same sender, the
// same internal recipients, a reply into the same thread, the same links.
struct LearnedSample {
  std::string from;                     // normalised address
  std::string display_name;             // empty when the sender shows none
  std::vector<std::string> recipients;  // internal, normalised
  std::string message_id;
  std::string subject;
  // (ICANN registrable domain, private registrable domain) of each link.
  std::vector<std::pair<std::string, std::string>> link_domains;
  std::string mailer;
  std::string origin_ip;
};

// What the generator tells the benchmark about a synthetic history: the
// internal addresses and a traffic-weighted sample of learned messages.
struct SampleFile {
  std::vector<std::string> internal_users;
  std::vector<LearnedSample> samples;
};

// Writes `file` as tab-separated lines ("U" user, "S" sample); list fields
// are joined by ','. Synthetic values hold neither character.
void WriteSampleFile(const SampleFile& file, std::ostream* out);

// Reads what WriteSampleFile() wrote; InvalidArgument on a malformed line.
Status ReadSampleFile(std::istream* in, SampleFile* out);

}  // namespace rapport::bench
