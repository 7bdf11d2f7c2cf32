#include "tests/store/test_support.h"

#include <stdlib.h>

#include <catch2/catch.hpp>
#include <filesystem>
#include <stdexcept>

namespace rapport::test {

TempDir::TempDir() {
  std::string pattern = "/tmp/rapport-store-test-XXXXXX";
  if (mkdtemp(pattern.data()) == nullptr) throw std::runtime_error("mkdtemp failed");
  path_ = pattern;
}

TempDir::~TempDir() {
  std::error_code ec;
  std::filesystem::permissions(path_, std::filesystem::perms::owner_all,
                               std::filesystem::perm_options::add, ec);
  std::filesystem::remove_all(path_, ec);
}

MailAddress Address(const std::string& address, const std::string& display_name) {
  MailAddress out;
  out.address = address;
  out.display_name = display_name;
  out.domain = address.substr(address.rfind('@') + 1);
  return out;
}

Link LinkTo(const std::string& icann_domain, const std::string& private_domain) {
  Link link;
  link.scheme = "https";
  link.host = private_domain;
  link.url = "https://" + private_domain + "/doc";
  link.icann_domain = icann_domain;
  link.private_domain = private_domain;
  return link;
}

StoreOptions AcmeOptions(const std::string& path) {
  StoreOptions options;
  options.path = path;
  options.local_domains = {"acme.com"};
  options.block_cache_bytes = 8 << 20;
  return options;
}

std::unique_ptr<HistoryStore> OpenOrFail(const StoreOptions& options) {
  std::unique_ptr<HistoryStore> store;
  const Status status = OpenRocksDbStore(options, &store);
  INFO(status.ToString());
  REQUIRE(status.ok());
  return store;
}

void LearnOrFail(HistoryStore* store, const Message& message, Direction direction, int64_t now,
                 const std::vector<std::string>& recipients) {
  LearnRequest request;
  request.message = &message;
  request.direction = direction;
  request.now = now;
  request.recipients = recipients;
  const Status status = store->Learn(request);
  INFO(status.ToString());
  REQUIRE(status.ok());
}

int64_t March2024(int day, int hour) {
  constexpr int64_t kMarch1 = 1709251200;  // 2024-03-01T00:00:00Z
  return kMarch1 + (day - 1) * 86400 + hour * 3600;
}

}  // namespace rapport::test
