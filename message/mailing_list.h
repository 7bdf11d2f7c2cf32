#pragma once

#include <string>
#include <string_view>

#include "message/message.h"

namespace rapport {

// Reading the list headers of RFC 2369 and RFC 2919 into Message::mailing_list.
// Every function is bounded and returns empty on anything it does not
// understand: a list header is a claim anyone can write, never proof.

// The identifier of a List-Id value, lower-case: "exmh-users.example.com"
// for "Discussion list for EXMH users <exmh-users.example.com>". Also
// accepts a bare identifier without angle brackets (older list servers).
// Empty when the value holds no dot-atom identifier of at most
// kMaxListIdBytes with at least one dot.
std::string ParseListId(std::string_view value);

// The posting address of a List-Post value, normalised like
// MailAddress::address: the first "<mailto:...>" address, its "?query"
// dropped. Empty when posting is not allowed ("NO") or no mailto address
// parses.
std::string ParseListPost(std::string_view value);

// Completes `list` from the message's addresses when List-Post gave no
// posting address: a To/Cc address whose "local-part.domain" spells the
// List-Id ("ilug@linux.ie" for "ilug.linux.ie") is the posting address,
// as list servers conventionally build the id from it.
void InferPostingAddress(const Message& message, MailingList* list);

// The list address of an ezmlm-style Mailing-List value, as Yahoo Groups
// writes it ("list zzzzteana@yahoogroups.com; contact
// zzzzteana-owner@yahoogroups.com"), normalised like MailAddress::address.
// Empty when no ';'-separated item is "list <address>" (ezmlm's own
// "contact x-help@...; run by ezmlm" names only where to ask for help).
std::string ParseMailingListHeader(std::string_view value);

// The list address of a qmail "Delivered-To: mailing list <address>"
// field, which ezmlm and Yahoo Groups write when they deliver for a list
// (NTK's ezmlm names its list nowhere else: its Mailing-List header says only
// "contact ntknow-help@…; run by ezmlm"), normalised like
// MailAddress::address. Empty for any other Delivered-To value, which names
// a recipient.
std::string ParseDeliveredToList(std::string_view value);

// The list address implied by an RFC 2369 command field (`value` of
// List-Subscribe or List-Unsubscribe) when the list names itself nowhere
// else: the message's To/Cc address whose local part, followed by '-' and
// a command, is the field's first mailto address on the same host
// ("dns-swap@lists.ironclad.net.au" for
// "<mailto:DNS-swap-off@lists.ironclad.net.au>": LetterRip's "-on" and
// "-off", Mailman's and Majordomo's "-request", ezmlm's and Yahoo Groups'
// "-unsubscribe"), normalised like MailAddress::address. A list server
// answers its commands beside the address it is posted to. Empty when the
// field holds no mailto address or no To/Cc address is that list's; the
// address is a header claim like List-Post and is judged as one.
std::string ParseListCommandAddress(const Message& message, std::string_view value);

// Completes a `list` the RFC 2369/2919 headers left empty from a list
// address found elsewhere (a Mailing-List header, qmail's "Delivered-To:
// mailing list", ParseListCommandAddress()): it is the posting address, and the id
// is spelled from it ("zzzzteana.yahoogroups.com") as list servers build
// List-Id, the reverse of InferPostingAddress(). Leaves `list` unchanged
// when it already presents a list or `address` spells no valid id.
void AdoptMailingListAddress(std::string_view address, MailingList* list);

// True when normalised `address` reaches the list posted to at normalised
// `posting`, as list servers answer to it: the same address, or its local
// part under another host of the same owner's registrable domain
// (PrivateRegistrableDomain: a list server takes its lists at the domain and
// at "lists." or "iiu." hosts alike, "iiu@taint.org" for
// "iiu@iiu.taint.org"; two tenants of a shared platform are two owners).
// False when either is empty.
bool SameListAddress(std::string_view address, std::string_view posting);

// True when normalised `address` is the list's own address, as list
// servers answer to it: its posting address or another host's spelling of
// it (SameListAddress()); or the address its List-Id spells
// ("fork@xent.com" for "fork.xent.com"). False when the list names no
// posting address.
bool IsListAddress(std::string_view address, const MailingList& list);

// True when the message is addressed to its list: it names a posting
// address and one of its list's addresses (IsListAddress) is in To or Cc.
// Only then does a reader missing from To/Cc have an ordinary reason (the
// list delivered to them).
bool AddressedToList(const Message& message);

// True when the list re-sent the message itself: the envelope sender
// (EnvelopeSender(), message/organisation.h) is one of the list's addresses
// (IsListAddress) or its bounce address, the posting address's local part
// with a '-' or '+' extension ("exmh-workers-admin", Mailman 2.1's
// "-bounces+reader=…", ezmlm's "-return-…") or "owner-" before it
// (Majordomo), on the posting address's registrable domain. A list server
// re-sends every post under its own envelope so that bounces come back to
// it; a person, or a bulk sender mailing its own customers, sends under
// their own. The envelope is the poster's claim unless SPF binds it, so
// this may explain a list reading (a reader missing from To/Cc) but never
// vouches for what the message links to. False when the list names no
// posting address.
bool ResentByList(const Message& message);

// True when the message's list delivered it: it is addressed to its list
// (AddressedToList()) or the list re-sent it under its own envelope
// (ResentByList()), as a post reaches a reader through a list whose address
// was renamed or aliased in To ("rpm-list@" for "rpm-zzzlist@"). Both are
// the sender's claims, and the second costs a forger no more than the
// first (writing the list's address into To): each says where the post
// went, never vouches for what it links to.
bool ListDelivered(const Message& message);

// True when normalised `address` is the alias a list was posted to: the
// list re-sent the message under its own envelope (ResentByList()), no
// To/Cc address is one of its own names (AddressedToList() is false), and
// `address` is in To or Cc on the posting address's own host. A list
// server takes posts at aliases beside its posting address (crackmice's
// Mailman took "mice@crackmice.com" for List-Post "crackmice@crackmice.com")
// and re-sends only what reached it, so the host's address in To is the
// one the post reached it through. Like IsListAddress() this only says
// which of the sender's own header addresses is the list's; a forger who
// writes the list headers could name that address in List-Post already.
bool IsListAlias(const Message& message, std::string_view address);

inline constexpr size_t kMaxListIdBytes = 255;

}  // namespace rapport
