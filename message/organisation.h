#pragma once

#include <string>
#include <string_view>
#include <vector>

#include "base/network.h"
#include "message/message.h"

namespace rapport {

// The organisation's own rules: which domains and addresses are ours, which
// way a message travels, and whom it was delivered to. The store (what it
// learns as internal), the scorer (what it judges) and the milter (what it
// acts on) all decide these here, so that they agree on every address.
// Every function is pure and safe on any bytes. `local_domains` are the
// configured domains; they are compared case-insensitively, with or without
// a trailing dot.

// Which way a message crossed the gateway, from the organisation's side.
enum class Direction { kInbound, kOutbound };

// True when `domain` is one of `local_domains` or a subdomain of one
// ("ECT.Enron.com" for "enron.com"), ignoring ASCII case and a trailing dot;
// never for a domain that merely ends with the same letters
// ("notenron.com") or is empty.
bool IsLocalDomain(std::string_view domain, const std::vector<std::string>& local_domains);

// True when `address` ("Jeff.Skilling@ENRON.com") has a local domain.
bool IsLocalAddress(std::string_view address, const std::vector<std::string>& local_domains);

// True when at least one of `addresses` is local.
bool AnyLocalAddress(const std::vector<std::string>& addresses,
                     const std::vector<std::string>& local_domains);

// Direction at the gateway (docs/ARCHITECTURE.md): outbound when the client
// authenticated (SASL) or connected from `internal_networks` with a From in a
// local domain; inbound otherwise.
Direction GatewayDirection(const Message& message, const std::vector<std::string>& local_domains,
                           const std::vector<Network>& internal_networks);

// Direction in learn/replay, where there is no SMTP session: outbound when
// the From domain is local.
Direction ArchiveDirection(const Message& message, const std::vector<std::string>& local_domains);

// True for mail one of the organisation's own accounts sends to colleagues:
// outbound, From in a local domain, and at least one of `recipients` local.
// It is judged against the sending account's own history (lateral
// phishing) and acted on like inbound mail.
bool IsInternalMail(Direction direction, std::string_view from_domain,
                    const std::vector<std::string>& recipients,
                    const std::vector<std::string>& local_domains);

// The recipients a message was delivered to, normalised and de-duplicated:
// the envelope's RCPT TO when known, else X-Original-To/Delivered-To (they
// reveal BCC in archives), else To, Cc and Bcc.
//
// An archive's Delivered-To names the mailbox the message finally landed
// in, after the owner's aliases, forwarding and fetching: a list that
// writes to "ann-perl@example.com" or "ann+news@example.com" lands in
// "ann@localhost.mail.example.com". The border gateway saw the address in
// To/Cc, so a Delivered-To address that is the mailbox of a local To/Cc
// address (SameLocalMailbox) stands for that To/Cc address. An address
// that names someone else (To "info@", the sender itself) is never taken
// for the mailbox, so a blind copy stays a blind copy.
std::vector<std::string> EffectiveRecipients(const Message& message,
                                             const std::vector<std::string>& local_domains);

// An archive of one person's mailbox: every message in it reached
// `mailbox` (normalised, local), as a Delivered-To field would say, though
// no header may name it (a blind copy, a list's mail). Where
// EffectiveRecipients() names no local address, adds `mailbox` to
// message->delivered_to: the RCPT TO a border gateway gave the message.
// Only for mail from outside: mail from a local address is the mailbox's
// own sent mail (under whichever of its addresses: Enron's Kaminski sends
// as vince.kaminski@ and receives as vince.j.kaminski@) or a colleague's
// copy, and the gateway saw it leave with its outside recipients in RCPT
// TO, as its headers name them. No-op for an empty `mailbox`.
// The one home of this reading, for replay, learn and the benches.
void DeliveredToMailbox(std::string_view mailbox, const std::vector<std::string>& local_domains,
                        Message* message);

// The envelope sender (MAIL FROM), normalised: the SMTP envelope's when the
// message came through an MTA (its RCPT TO is known), else an archive's
// Return-Path, which final delivery wrote from MAIL FROM. Empty for the
// null sender (<>) or when neither is known. A Return-Path field that
// reaches the gateway is the sender's own claim and is never read there.
std::string_view EnvelopeSender(const Message& message);

// True when normalised `address` and `mailbox` are both local and name one
// mailbox: the same local part, or `address`'s local part is `mailbox`'s
// followed by a sub-address extension ("ann+news", "ann-perl": the
// recipient delimiters of Sendmail/Postfix and of qmail/Postfix). The
// organisation's local domains deliver one local part to one person.
bool SameLocalMailbox(std::string_view address, std::string_view mailbox,
                      const std::vector<std::string>& local_domains);

}  // namespace rapport
