#pragma once

#include <string>
#include <string_view>

namespace rapport {

// Host and address normalisation shared by the parser, the store keys and
// the scorer, so that every layer names a domain the same way.

// Lower-cases `host`, strips a trailing dot, and converts it to an IDNA
// A-label (UTS #46 transitional=false) in *a_label and a U-label in
// *u_label (either may be null). Returns false, leaving outputs empty, when
// the host cannot be a DNS name (empty, bad characters, label > 63 bytes).
bool NormaliseHost(std::string_view host, std::string* a_label, std::string* u_label);

// The registrable domain of an already normalised host by the ICANN section
// of the Public Suffix List ("files.r2.dev" -> "r2.dev"). Returns the host
// itself when it is a public suffix or has a single label; empty for empty.
std::string IcannRegistrableDomain(std::string_view a_label_host);

// The registrable domain counting PSL private suffixes too
// ("pub-ac94.r2.dev" -> "pub-ac94.r2.dev", "vendor.sharepoint.com" ->
// "vendor.sharepoint.com", "mail.acme.com" -> "acme.com"), the platforms of
// data/tenant_platforms.txt and the bucket endpoints of S3, the stores
// that copied its naming and Alibaba OSS ("b.s3.us-west-004.backblazeb2.com"
// is its own). A service site that list names ("docs.google.com") is its
// own too, for any host at or under it.
std::string PrivateRegistrableDomain(std::string_view a_label_host);

// True when `private_domain` is a service site of data/tenant_platforms.txt
// (TenantPlatforms::ServiceSite): a company's service, not a customer's
// tenant, though it lies under the company's registrable domain.
bool IsServiceSite(std::string_view private_domain);

// True when normalised `a_label_host` is the endpoint of Amazon S3 or of a
// store that copied its naming, which names a bucket both as a label under
// it ("acme.s3.eu-north-1.amazonaws.com") and as the first segment of a path
// on it ("s3.eu-north-1.amazonaws.com/acme/"): its first label is "s3" or
// begins "s3-", and it is itself a private public suffix (the Public Suffix
// List's, such as "s3.cn-north-1.amazonaws.com.cn", or one of the bucket
// endpoints PrivateRegistrableDomain adds to it). The one home of which S3
// hosts carry buckets, host-style and path-style alike.
bool IsS3BucketEndpoint(std::string_view a_label_host);

// True when the last label of a normalised host is a top-level domain the
// Public Suffix List knows ("paypal.com" yes, "invoice.pdf" no). Used to tell
// a domain name written in text from a file name or a version number.
bool HasKnownTopLevelDomain(std::string_view a_label_host);

// True when any label of a normalised host is punycode ("xn--...").
bool HasPunycodeLabel(std::string_view a_label_host);

// Normalises an email address: trims, drops angle brackets, lower-cases,
// converts the domain to an A-label. Returns empty when there is no '@' or
// the domain is not a valid host.
std::string NormaliseAddress(std::string_view address);

// `address` normalised (NormaliseAddress) when it is a plain address that
// is safe as one argv word and in a header built by us: a local part of
// printable ASCII without spaces, quotes, brackets, commas, semicolons,
// colons or backslashes, not starting with '-', and a domain holding a
// dot. Empty otherwise. For the addresses an admin configures or types.
std::string PlainAddress(std::string_view address);

// The domain part of a normalised address ("a@b.com" -> "b.com").
std::string_view AddressDomain(std::string_view normalised_address);

// The local part of a normalised address ("a@b.com" -> "a"); empty when it
// has no '@'.
std::string_view AddressLocalPart(std::string_view normalised_address);

}  // namespace rapport
