#include "message/domain_names.h"

#include <idn2.h>
#include <libpsl.h>
#include <unistd.h>

#include <cstdlib>
#include <memory>

#include "message/ascii.h"
#include "message/tenant_platforms.h"

namespace rapport {

namespace {

constexpr size_t kMaxHostLength = 253;
constexpr size_t kMaxLabelLength = 63;
constexpr const char* kSystemPublicSuffixList = "/usr/share/publicsuffix/public_suffix_list.dat";

// Amazon S3 names its endpoints with the first label "s3"
// ("s3.eu-north-1.amazonaws.com"), or, for its older regional and website
// endpoints, a first label beginning "s3-" ("s3-eu-west-1",
// "s3-website-us-east-1"); the stores that copied its naming say "s3".
bool IsS3EndpointLabel(std::string_view label) {
  return label == "s3" || (label.size() > 3 && label.starts_with("s3-"));
}

// Object stores that give each bucket its own host under an endpoint
// named as S3 names its own (IsS3EndpointLabel) and that lies under
// `parent`: Amazon S3 (every region, the website, dualstack and accelerate
// endpoints) and the S3-compatible stores, Backblaze B2, Wasabi, Scaleway,
// IBM Cloud Object Storage. The list Debian ships predates several regions
// and lacks most of these stores, and buckets are a favourite place to park
// a phishing page. Patterns, so they live here rather than in
// data/tenant_platforms.txt.
struct S3StyleStore {
  std::string_view parent;  // ".amazonaws.com"
  bool dashed_labels;       // whether "s3-..." endpoints exist besides "s3"
};
constexpr S3StyleStore kS3StyleStores[] = {
    {".amazonaws.com", true},
    {".backblazeb2.com", false},
    {".wasabisys.com", false},
    {".scw.cloud", false},
    {".cloud-object-storage.appdomain.cloud", false},
};
// Alibaba Cloud OSS gives each bucket its own host under a regional
// endpoint "oss-REGION.aliyuncs.com", and only there: it refuses a bucket
// named in the path.
constexpr std::string_view kOssEndpointStart = "oss-";
constexpr std::string_view kOssParent = ".aliyuncs.com";

// True when `suffix` is a bucket endpoint of kS3StyleStores or Alibaba's
// ("s3.us-west-004.backblazeb2.com", "oss-cn-hangzhou.aliyuncs.com", or the
// bare "s3.wasabisys.com"): a host under which each label is one bucket.
bool IsBucketEndpoint(std::string_view suffix) {
  const std::string_view first_label = suffix.substr(0, suffix.find('.'));
  for (const S3StyleStore& store : kS3StyleStores) {
    if (suffix.ends_with(store.parent) &&
        (store.dashed_labels ? IsS3EndpointLabel(first_label) : first_label == "s3")) {
      return true;
    }
  }
  return suffix.ends_with(kOssParent) &&
         suffix.size() > kOssEndpointStart.size() + kOssParent.size() &&
         suffix.starts_with(kOssEndpointStart);
}

struct FreeDeleter {
  void operator()(char* p) const { idn2_free(p); }
};
using IdnString = std::unique_ptr<char, FreeDeleter>;

bool IsAscii(std::string_view s) {
  for (unsigned char c : s) {
    if (c >= 0x80) return false;
  }
  return true;
}

// True when every label of an ASCII host is 1..63 bytes of letters, digits,
// '-' or '_' (underscores occur in real mail hosts, so they are tolerated).
bool IsValidAsciiHost(std::string_view host) {
  if (host.empty() || host.size() > kMaxHostLength) return false;
  size_t label_length = 0;
  for (char c : host) {
    if (c == '.') {
      if (label_length == 0) return false;
      label_length = 0;
      continue;
    }
    bool ok = (c >= 'a' && c <= 'z') || (c >= '0' && c <= '9') || c == '-' || c == '_';
    if (!ok || ++label_length > kMaxLabelLength) return false;
  }
  return label_length > 0;
}

// The A-label of a host holding non-ASCII characters: UTS #46 non-transitional
// first (so "ß" stays distinct), transitional as a fallback for hosts that
// only the older mapping accepts.
bool ToALabel(const std::string& host, std::string* out) {
  char* result = nullptr;
  int rc = idn2_to_ascii_8z(host.c_str(), &result, IDN2_NONTRANSITIONAL | IDN2_NFC_INPUT);
  if (rc != IDN2_OK) {
    result = nullptr;
    rc = idn2_to_ascii_8z(host.c_str(), &result, IDN2_TRANSITIONAL | IDN2_NFC_INPUT);
  }
  if (rc != IDN2_OK) return false;
  IdnString owned(result);
  out->clear();
  for (const char* p = owned.get(); *p; ++p) out->push_back(AsciiLower(*p));
  return true;
}

// The U-label for display; the A-label itself when it is not valid punycode.
std::string ToULabel(const std::string& a_label) {
  if (!HasPunycodeLabel(a_label)) return a_label;
  char* result = nullptr;
  if (idn2_to_unicode_8z8z(a_label.c_str(), &result, 0) != IDN2_OK) return a_label;
  IdnString owned(result);
  return std::string(owned.get());
}

// One libpsl context per process, loaded on first use; libpsl lookups on a
// loaded context are read-only and thread-safe.
class PublicSuffixList {
 public:
  static const PublicSuffixList& Get() {
    static const PublicSuffixList instance;
    return instance;
  }

  // `host` cut to one label more than its longest public suffix of `type`;
  // the host itself when all of it is a public suffix. Suffixes are tried
  // longest first because a list may hold "s3.amazonaws.com" but not
  // "amazonaws.com".
  std::string RegistrableDomain(std::string_view host, int type) const {
    if (host.empty()) return std::string();
    if (type != PSL_TYPE_ICANN) {
      const std::string_view service = tenant_platforms_.ServiceSite(host);
      if (!service.empty()) return std::string(service);
    }
    std::string suffix(host);
    if (IsPublicSuffix(suffix, type)) return suffix;
    size_t label_start = 0;
    size_t dot = host.find('.');
    while (dot != std::string_view::npos) {
      suffix.assign(host.substr(dot + 1));
      if (IsPublicSuffix(suffix, type)) {
        // A listed platform's own site ("www.box.com") is no customer's tenant.
        if (host.substr(label_start, dot - label_start) == "www" && type != PSL_TYPE_ICANN &&
            tenant_platforms_.IsPlatform(suffix)) {
          return suffix;
        }
        return std::string(host.substr(label_start));
      }
      label_start = dot + 1;
      dot = host.find('.', label_start);
    }
    return std::string(host);
  }

  // True when `host` is itself a public suffix of the private kind (the
  // Public Suffix List's, data/tenant_platforms.txt's or a bucket
  // endpoint), under which each label has its own owner.
  bool IsPrivateSuffix(std::string_view host) const {
    return IsPublicSuffix(std::string(host), PSL_TYPE_ANY);
  }

  // True when the list itself names `suffix` (no default "*" rule).
  bool IsKnownSuffix(const std::string& suffix) const {
    if (psl_ == nullptr) return false;
    return psl_is_public_suffix2(psl_, suffix.c_str(), PSL_TYPE_ANY | PSL_TYPE_NO_STAR_RULE) != 0;
  }

 private:
  PublicSuffixList() : tenant_platforms_(ShippedTenantPlatforms()) {
    if (access(kSystemPublicSuffixList, R_OK) == 0) psl_ = psl_load_file(kSystemPublicSuffixList);
    if (psl_ == nullptr) psl_ = psl_builtin();
  }

  bool IsPublicSuffix(const std::string& suffix, int type) const {
    if (type != PSL_TYPE_ICANN &&
        (tenant_platforms_.IsPlatform(suffix) || IsBucketEndpoint(suffix))) {
      return true;
    }
    // Without a list at all, treat only the TLD as a suffix.
    if (psl_ == nullptr) return suffix.find('.') == std::string::npos;
    return psl_is_public_suffix2(psl_, suffix.c_str(), type) != 0;
  }

  const psl_ctx_t* psl_ = nullptr;  // the builtin context must not be freed; never freed
  // The platforms the list lacks (data/tenant_platforms.txt), counted as
  // private suffixes.
  const TenantPlatforms& tenant_platforms_;
};

}  // namespace

bool NormaliseHost(std::string_view host, std::string* a_label, std::string* u_label) {
  if (a_label) a_label->clear();
  if (u_label) u_label->clear();
  if (!host.empty() && host.back() == '.') host.remove_suffix(1);
  if (host.empty() || host.size() > 4 * kMaxHostLength) return false;

  std::string lowered;
  lowered.reserve(host.size());
  for (char c : host) lowered.push_back(AsciiLower(c));

  std::string ascii;
  if (IsAscii(lowered)) {
    ascii = std::move(lowered);
  } else if (!ToALabel(lowered, &ascii)) {
    return false;
  }
  if (!IsValidAsciiHost(ascii)) return false;

  if (u_label) *u_label = ToULabel(ascii);
  if (a_label) *a_label = std::move(ascii);
  return true;
}

std::string IcannRegistrableDomain(std::string_view a_label_host) {
  return PublicSuffixList::Get().RegistrableDomain(a_label_host, PSL_TYPE_ICANN);
}

std::string PrivateRegistrableDomain(std::string_view a_label_host) {
  return PublicSuffixList::Get().RegistrableDomain(a_label_host, PSL_TYPE_ANY);
}

bool IsServiceSite(std::string_view private_domain) {
  return !private_domain.empty() &&
         ShippedTenantPlatforms().ServiceSite(private_domain) == private_domain;
}

bool IsS3BucketEndpoint(std::string_view a_label_host) {
  return IsS3EndpointLabel(a_label_host.substr(0, a_label_host.find('.'))) &&
         PublicSuffixList::Get().IsPrivateSuffix(a_label_host);
}

bool HasPunycodeLabel(std::string_view a_label_host) {
  size_t start = 0;
  while (start < a_label_host.size()) {
    if (a_label_host.substr(start, 4) == "xn--") return true;
    size_t dot = a_label_host.find('.', start);
    if (dot == std::string_view::npos) break;
    start = dot + 1;
  }
  return false;
}

bool HasKnownTopLevelDomain(std::string_view a_label_host) {
  size_t dot = a_label_host.rfind('.');
  if (dot == std::string_view::npos || dot + 1 == a_label_host.size()) return false;
  return PublicSuffixList::Get().IsKnownSuffix(std::string(a_label_host.substr(dot + 1)));
}

std::string NormaliseAddress(std::string_view address) {
  address = TrimAsciiSpace(address);
  if (address.size() >= 2 && address.front() == '<' && address.back() == '>') {
    address = address.substr(1, address.size() - 2);
  }
  size_t at = address.rfind('@');
  if (at == std::string_view::npos || at == 0) return std::string();

  std::string domain;
  if (!NormaliseHost(address.substr(at + 1), &domain, nullptr)) return std::string();
  std::string result;
  result.reserve(at + 1 + domain.size());
  for (char c : address.substr(0, at)) result.push_back(AsciiLower(c));
  result.push_back('@');
  result.append(domain);
  return result;
}

std::string PlainAddress(std::string_view address) {
  std::string normalised = NormaliseAddress(address);
  const size_t at = normalised.rfind('@');
  if (normalised.empty() || normalised.front() == '-' ||
      normalised.find('.', at) == std::string::npos) {
    return std::string();
  }
  constexpr std::string_view kUnsafe = " \"\\()<>[],;:@";
  for (size_t i = 0; i < at; ++i) {
    const auto c = static_cast<unsigned char>(normalised[i]);
    if (c <= 0x20 || c >= 0x7F || kUnsafe.find(static_cast<char>(c)) != std::string_view::npos) {
      return std::string();
    }
  }
  return normalised;
}

std::string_view AddressDomain(std::string_view normalised_address) {
  size_t at = normalised_address.rfind('@');
  if (at == std::string_view::npos) return std::string_view();
  return normalised_address.substr(at + 1);
}

std::string_view AddressLocalPart(std::string_view normalised_address) {
  const size_t at = normalised_address.rfind('@');
  return at == std::string_view::npos ? std::string_view() : normalised_address.substr(0, at);
}

}  // namespace rapport
