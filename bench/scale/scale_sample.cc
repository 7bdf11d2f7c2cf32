#include "bench/scale/scale_sample.h"

#include <string_view>

namespace rapport::bench {
namespace {

std::vector<std::string> Split(std::string_view text, char separator) {
  std::vector<std::string> parts;
  size_t start = 0;
  while (true) {
    const size_t end = text.find(separator, start);
    parts.emplace_back(text.substr(start, end - start));
    if (end == std::string_view::npos) return parts;
    start = end + 1;
  }
}

std::string Join(const std::vector<std::string>& values, char separator) {
  std::string out;
  for (const std::string& value : values) {
    if (!out.empty()) out.push_back(separator);
    out += value;
  }
  return out;
}

constexpr size_t kSampleFields = 9;

}  // namespace

void WriteSampleFile(const SampleFile& file, std::ostream* out) {
  for (const std::string& user : file.internal_users) *out << "U\t" << user << '\n';
  for (const LearnedSample& s : file.samples) {
    std::vector<std::string> links;
    for (const auto& [icann, private_domain] : s.link_domains) {
      links.push_back(icann + ' ' + private_domain);
    }
    *out << "S\t" << s.from << '\t' << s.display_name << '\t' << Join(s.recipients, ',') << '\t'
         << s.message_id << '\t' << s.subject << '\t' << Join(links, ',') << '\t' << s.mailer
         << '\t' << s.origin_ip << '\n';
  }
}

Status ReadSampleFile(std::istream* in, SampleFile* out) {
  std::string line;
  size_t number = 0;
  while (std::getline(*in, line)) {
    ++number;
    const std::vector<std::string> fields = Split(line, '\t');
    if (fields.size() == 2 && fields[0] == "U") {
      out->internal_users.push_back(fields[1]);
      continue;
    }
    if (fields.size() != kSampleFields || fields[0] != "S") {
      return Status::InvalidArgument("sample file line " + std::to_string(number) +
                                     " is malformed");
    }
    LearnedSample s;
    s.from = fields[1];
    s.display_name = fields[2];
    s.recipients = Split(fields[3], ',');
    s.message_id = fields[4];
    s.subject = fields[5];
    if (!fields[6].empty()) {
      for (const std::string& pair : Split(fields[6], ',')) {
        const size_t space = pair.find(' ');
        if (space == std::string::npos) {
          return Status::InvalidArgument("sample file line " + std::to_string(number) +
                                         " has a malformed link");
        }
        s.link_domains.emplace_back(pair.substr(0, space), pair.substr(space + 1));
      }
    }
    s.mailer = fields[7];
    s.origin_ip = fields[8];
    out->samples.push_back(std::move(s));
  }
  if (out->internal_users.empty() || out->samples.empty()) {
    return Status::InvalidArgument("sample file holds no users or no samples");
  }
  return Status::Ok();
}

}  // namespace rapport::bench
