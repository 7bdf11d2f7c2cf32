#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "message/message.h"

namespace rapport {

// Appends the results of one Authentication-Results header value (RFC 8601)
// to *out: the authserv-id, then one AuthResult per "method=result" clause
// with the domain from header.d, else header.from, else smtp.mailfrom, else
// header.i. Comments are ignored; "authserv-id; none" appends nothing; a
// header without an authserv-id (as Microsoft 365 writes them) gives results
// with an empty authserv_id. Never
// fails: clauses that cannot be read are skipped.
void ParseAuthenticationResults(std::string_view value, std::vector<AuthResult>* out);

// The last IP address in brackets in the "from" clause of a Received header value
// ("from mx.example.com (mx.example.com [192.0.2.7]) by ..." -> "192.0.2.7",
// "[IPv6:2001:db8::1]" -> "2001:db8::1"); empty when there is none.
std::string ReceivedFromIp(std::string_view value);

}  // namespace rapport
