#pragma once

#include <string>
#include <string_view>

namespace rapport {

// How history names the values of a message: Learn() (store/) records them
// under these keys and the scorer looks them up with the same functions, so
// that both sides agree byte for byte.
// Every function is pure, bounded in output size, and safe on any bytes.

// A subject as threads are indexed by it: NormaliseSubject() of
// message/subject.h (reply/forward markers and gateway tags removed, white
// space collapsed, lower-cased), cut to at most 256 bytes on a UTF-8
// boundary. Pass the result to FindThreadBySubject().
std::string NormaliseThreadSubject(std::string_view subject);

// A display name as history keys it: quotes removed, ASCII lower-cased,
// white space collapsed and trimmed, at most 128 bytes. "Smith, John" and
// "\"smith,  john\"" give the same key. Pass the result to FindDisplayName().
std::string NormaliseDisplayName(std::string_view display_name);

// The family of an X-Mailer or User-Agent value: lower-cased, parenthesised
// comments and every token carrying a digit (versions, build numbers)
// dropped. "Microsoft Outlook 16.0.4266" -> "microsoft outlook". Empty when
// nothing is left.
std::string MailerFamily(std::string_view mailer);

// The sending infrastructure of an origin IP: its IPv4 /24
// ("192.0.2.0/24") or IPv6 /48 ("2001:db8:1::/48"). Accepts "[...]" and an
// "IPv6:" prefix. Empty when `ip` is not an address.
std::string InfrastructureOf(std::string_view ip);

// What a signal's context (SignalHit::context) is about: after the last
// '>' of a party's use of a value ("a@acme.com>pub-ac94.r2.dev" ->
// "pub-ac94.r2.dev"), else the whole context ("pub-ac94.r2.dev"). A view
// into `context`.
std::string_view SignalContextSubject(std::string_view context);

}  // namespace rapport
