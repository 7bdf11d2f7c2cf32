#pragma once

#include <string>
#include <string_view>

#include "message/message.h"

namespace rapport {

// Fills the target fields of `link` (scheme, host, host_unicode, path,
// userinfo, registrable domains, has_credentials, host_is_ip_literal,
// host_has_punycode) from link->url, the way a browser would read the URL:
// tabs and newlines dropped, '\' taken as '/', the host percent-decoded.
// IP literals are written canonically ("http://0xC0A80101/" has host
// "192.168.1.1", "[2001:DB8:0::1]" becomes "[2001:db8::1]") and stand as
// their own registrable domains. A tenant that its platform names in the
// path (a bucket addressed path-style on S3 or a store that copied it, on
// GCS and its JSON API, Firebase Storage, DigitalOcean Spaces, Linode,
// Vultr, Backblaze B2's download hosts or Oracle Object Storage; a Google
// Site; a Workday tenant) is the private domain it would have as a
// subdomain:
// "https://s3.us-east-2.amazonaws.com/acme-files/x" has private_domain
// "acme-files.s3.us-east-2.amazonaws.com", as the same bucket host-style;
// an Oracle bucket, named within its namespace, is
// "BUCKET.NAMESPACE.objectstorage.REGION.oraclecloud.com".
// A URL without a usable host leaves host and domains empty.
void DescribeLinkTarget(Link* link);

// The name of a described link's tenant on a multi-tenant platform: the
// first label of its private domain when that is not its ICANN one
// ("acme-files" for "https://acme-files.s3.amazonaws.com/x" and for
// "https://s3.amazonaws.com/acme-files/x"); empty when the link has no
// tenant. A view into link.private_domain.
std::string_view TenantName(const Link& link);

// `name` as a platform that allows no hyphen in a tenant's name writes it
// (an Azure storage account is letters and digits): "duke-energy" becomes
// "dukeenergy". Empty when `name` has no hyphen, so there is no other
// spelling to compare.
std::string TenantNameWithoutHyphens(std::string_view name);

// `text` read as a link's target, as DescribeLinkTarget reads a URL, except
// that text with neither a scheme nor "//" is read as host[/path]
// ("s3cure0line.s3.amazonaws.com/login.html").
Link LinkNamedByText(std::string_view text);

// `s` with each "%XX" escape decoded; a '%' not followed by two hex digits
// stays as it is.
std::string PercentDecode(std::string_view s);

// Matching a link against a hand-written list of hosts (the file-share
// catalogue, the redirectors). True when `host` is lower-case letters,
// digits, '-', '_' and inner dots, as an admin writes a host in a list.
bool IsListedHostName(std::string_view host);

// True when normalised `host` is `entry_host` or one of its subdomains.
bool HostIsOrIsUnder(std::string_view host, std::string_view entry_host);

// True when `path` (a Link::path) starts with `prefix` in whole segments:
// "/forms" matches "/forms/d/x", "/forms?x" and "/forms;x" but not
// "/formsx". An empty prefix matches every path.
bool PathIsUnder(std::string_view path, std::string_view prefix);

// link.path without its query and fragment, percent-decoded.
std::string DecodedPath(const Link& link);

// The normalised host a piece of visible text names when the text is itself
// a URL ("https://paypal.com/x", "www.paypal.com") or a bare domain name
// ("paypal.com"); empty when the text is anything else.
std::string HostNamedByText(std::string_view text);

}  // namespace rapport
