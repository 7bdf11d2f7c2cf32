#include "message/mailing_list.h"

#include <algorithm>
#include <catch2/catch.hpp>
#include <fstream>
#include <sstream>

#include "message/domain_names.h"
#include "message/parser.h"

namespace rapport {
namespace {

Message ParseFixture(const std::string& name) {
  std::ifstream in(std::string(RAPPORT_MESSAGE_FIXTURES) + "/" + name, std::ios::binary);
  REQUIRE(in.good());
  std::stringstream buffer;
  buffer << in.rdbuf();
  Message message;
  REQUIRE(ParseMessage(buffer.str(), Envelope(), ParseOptions(), &message).ok());
  return message;
}

Message ParseRaw(const std::string& raw) {
  Message message;
  REQUIRE(ParseMessage(raw, Envelope(), ParseOptions(), &message).ok());
  return message;
}

MailAddress At(std::string_view address) {
  MailAddress a;
  a.address = std::string(address);
  a.domain = std::string(AddressDomain(address));
  return a;
}

TEST_CASE("ParseListId reads the identifier between angle brackets, lower-cased") {
  CHECK(ParseListId("Discussion list for EXMH users <Exmh-Users.Example.com>") ==
        "exmh-users.example.com");
  CHECK(ParseListId("<razor-users.example.sourceforge.net>") ==
        "razor-users.example.sourceforge.net");
  CHECK(ParseListId("  ilug.linux.ie  ") == "ilug.linux.ie");  // bare, as old servers write it
  CHECK(ParseListId("a phrase with <angle> <list.example.org>") == "list.example.org");
}

TEST_CASE("ParseListId refuses what is not a dot-atom identifier") {
  CHECK(ParseListId("").empty());
  CHECK(ParseListId("Discussion of sitescooper - see http://sitescooper.org/").empty());
  CHECK(ParseListId("<nodot>").empty());
  CHECK(ParseListId("<unterminated.example.org").empty());
  CHECK(ParseListId("<two..dots.example>").empty());
  CHECK(ParseListId("<space inside.example>").empty());
  CHECK(ParseListId("<" + std::string(kMaxListIdBytes, 'a') + ".example>").empty());
}

TEST_CASE("ParseListPost takes the first mailto address, without its query") {
  CHECK(ParseListPost("<mailto:Fork@Example.COM>") == "fork@example.com");
  CHECK(ParseListPost("<https://lists.example.org/post>, <mailto:list@example.org?subject=x>") ==
        "list@example.org");
  CHECK(ParseListPost("NO (posting not allowed on this list)").empty());
  CHECK(ParseListPost("<mailto:not-an-address>").empty());
  CHECK(ParseListPost("<mailto:list@example.org").empty());
}

TEST_CASE("A Mailman message yields its list id and posting address") {
  Message m = ParseFixture("list_mailman.eml");
  CHECK(m.mailing_list.id == "exmh-users.lists.example.org");  // folded value
  CHECK(m.mailing_list.posting_address == "exmh-users@lists.example.org");
  CHECK(m.mailing_list.present());
  CHECK(AddressedToList(m));  // the list is in Cc
}

TEST_CASE("Without List-Post the posting address is the To/Cc address that spells the List-Id") {
  Message m = ParseFixture("list_id_only.eml");
  CHECK(m.mailing_list.id == "ilug.linux.example");
  CHECK(m.mailing_list.posting_address == "ilug@linux.example");
  CHECK(AddressedToList(m));
}

TEST_CASE("Mail without list headers presents no list") {
  Message m = ParseFixture("alternative_links.eml");
  CHECK_FALSE(m.mailing_list.present());
  CHECK_FALSE(AddressedToList(m));
}

TEST_CASE("A list that is not in To/Cc does not explain hidden readers") {
  Message m;
  m.mailing_list.id = "staff.example.org";
  m.mailing_list.posting_address = "staff@example.org";
  m.to.push_back(At("victim@corp.example"));
  CHECK_FALSE(AddressedToList(m));  // e.g. a forged List-Post on a blind copy
  m.cc.push_back(At("staff@example.org"));
  CHECK(AddressedToList(m));
}

TEST_CASE("A Yahoo Groups Mailing-List header names the list address") {
  CHECK(ParseMailingListHeader("list zzzzteana@yahoogroups.com; contact "
                               "zzzzteana-owner@yahoogroups.com") == "zzzzteana@yahoogroups.com");
  CHECK(ParseMailingListHeader("contact secprog-help@securityfocus.com; run by ezmlm").empty());
  CHECK(ParseMailingListHeader("listing x@y.example").empty());
  MailingList list;
  AdoptMailingListAddress("zzzzteana@yahoogroups.com", &list);
  CHECK(list.id == "zzzzteana.yahoogroups.com");
  CHECK(list.posting_address == "zzzzteana@yahoogroups.com");
  // List-Id or List-Post, when present, are the list.
  MailingList rfc;
  rfc.id = "ilug.linux.example";
  AdoptMailingListAddress("zzzzteana@yahoogroups.com", &rfc);
  CHECK(rfc.id == "ilug.linux.example");
  CHECK(rfc.posting_address.empty());

  Message m = ParseRaw(
      "From: poster@isp.example\r\nTo: zzzzteana@yahoogroups.com\r\n"
      "Mailing-List: list zzzzteana@yahoogroups.com; contact\r\n"
      " zzzzteana-owner@yahoogroups.com\r\nSubject: hi\r\n\r\nbody\r\n");
  CHECK(m.mailing_list.id == "zzzzteana.yahoogroups.com");
  CHECK(AddressedToList(m));
}

TEST_CASE("qmail's Delivered-To: mailing list names the list, not a recipient") {
  CHECK(ParseDeliveredToList("mailing list ntknow@lists.ntk.example") ==
        "ntknow@lists.ntk.example");
  CHECK(ParseDeliveredToList("Mailing List  NTKnow@Lists.NTK.example ") ==
        "ntknow@lists.ntk.example");
  CHECK(ParseDeliveredToList("moderator for ntknow@lists.ntk.example").empty());
  CHECK(ParseDeliveredToList("mailing listx@y.example").empty());
  CHECK(ParseDeliveredToList("reader@corp.example").empty());

  const std::string ezmlm =
      "Delivered-To: reader@corp.example\r\nFrom: tips@spesh.example\r\n"
      "To: NTK recipient list <ntknow@lists.ntk.example>\r\n"
      "Mailing-List: contact ntknow-help@lists.ntk.example; run by ezmlm\r\n"
      "Delivered-To: mailing list ntknow@lists.ntk.example\r\n"
      "Delivered-To: moderator for ntknow@lists.ntk.example\r\nSubject: hi\r\n";
  Message m = ParseRaw(ezmlm + "\r\nbody\r\n");
  CHECK(m.mailing_list.id == "ntknow.lists.ntk.example");
  CHECK(m.mailing_list.posting_address == "ntknow@lists.ntk.example");
  CHECK(AddressedToList(m));
  CHECK(std::find(m.delivered_to.begin(), m.delivered_to.end(), "ntknow@lists.ntk.example") ==
        m.delivered_to.end());
  // List-Id, when present, is the list.
  Message rfc = ParseRaw("List-Id: <ilug.linux.example>\r\n" + ezmlm + "\r\nbody\r\n");
  CHECK(rfc.mailing_list.id == "ilug.linux.example");
}

TEST_CASE("InferPostingAddress needs the whole address to spell the id") {
  Message m;
  m.to.push_back(At("ilug@linux.example.evil"));
  m.to.push_back(At("ilu@g.linux.example"));
  MailingList list;
  list.id = "ilug.linux.example";
  InferPostingAddress(m, &list);
  CHECK(list.posting_address.empty());
  list.posting_address = "given@list.example";  // List-Post wins
  m.to.push_back(At("ilug@linux.example"));
  InferPostingAddress(m, &list);
  CHECK(list.posting_address == "given@list.example");
}

TEST_CASE("A list's address is its posting address under any host of its domain, or its id") {
  MailingList list;
  list.id = "iiu.iiu.taint.example";
  list.posting_address = "iiu@iiu.taint.example";
  CHECK(IsListAddress("iiu@iiu.taint.example", list));
  CHECK(IsListAddress("iiu@taint.example", list));  // Mailman's host name, the domain's MX
  CHECK(IsListAddress("iiu@lists.taint.example", list));
  CHECK_FALSE(IsListAddress("iiu@taint.example.evil", list));   // another registrable domain
  CHECK_FALSE(IsListAddress("iiu-admin@taint.example", list));  // another local part
  CHECK_FALSE(IsListAddress("", list));
  // Hosts of one owner: two tenants of a shared platform are two owners.
  CHECK(SameListAddress("news@lists.acme-news.pages.dev", "news@acme-news.pages.dev"));
  CHECK_FALSE(SameListAddress("news@rival.pages.dev", "news@acme-news.pages.dev"));
  CHECK_FALSE(SameListAddress("", "news@acme-news.pages.dev"));
  // The address its List-Id spells, when List-Post names another.
  list.id = "fork.xent.example";
  list.posting_address = "fork@example.com";
  CHECK(IsListAddress("fork@xent.example", list));
  CHECK_FALSE(IsListAddress("fork@xent.example.evil", list));
  // Without a posting address there is no list to be addressed to.
  list.posting_address.clear();
  CHECK_FALSE(IsListAddress("fork@xent.example", list));
}

TEST_CASE("Mail to the list under another host of its domain is addressed to its list") {
  Message m = ParseRaw(
      "From: poster@dcu.example\r\nTo: iiu <iiu@taint.example>\r\n"
      "List-Id: Irish Internet Users <iiu.iiu.taint.example>\r\n"
      "List-Post: <mailto:iiu@iiu.taint.example>\r\nSubject: hi\r\n\r\nbody\r\n");
  CHECK(m.mailing_list.posting_address == "iiu@iiu.taint.example");
  CHECK(AddressedToList(m));
  // A blind copy whose To names someone else at the list's domain is not.
  Message blind = ParseRaw(
      "From: poster@dcu.example\r\nTo: ceo@taint.example\r\n"
      "List-Id: <iiu.iiu.taint.example>\r\n"
      "List-Post: <mailto:iiu@iiu.taint.example>\r\nSubject: hi\r\n\r\nbody\r\n");
  CHECK_FALSE(AddressedToList(blind));
}

TEST_CASE("A list re-sends under its own envelope, a person under theirs") {
  const std::string headers =
      "From: Justin Mason <jm@users.sf.example>\r\nTo: undisclosed-recipients:;\r\n"
      "List-Id: <commits.lists.sf.example>\r\n"
      "List-Post: <mailto:commits@lists.sf.example>\r\nSubject: hi\r\n";
  auto with_return_path = [&](std::string_view return_path) {
    return ParseRaw("Return-Path: " + std::string(return_path) + "\r\n" + headers + "\r\nbody\r\n");
  };
  Message mailman = with_return_path("<commits-admin@lists.sf.example>");
  CHECK(mailman.return_path == "commits-admin@lists.sf.example");
  CHECK(ResentByList(mailman));
  CHECK(ResentByList(with_return_path("<commits-bounces+reader=enron.example@sf.example>")));
  CHECK(ResentByList(with_return_path("<owner-commits@lists.sf.example>")));
  CHECK(ResentByList(with_return_path("<commits@lists.sf.example>")));  // the list itself
  // The poster's own envelope, another domain's "bounce" address, or a
  // local part that merely begins with the list's name.
  CHECK_FALSE(ResentByList(with_return_path("<jm@users.sf.example>")));
  CHECK_FALSE(ResentByList(with_return_path("<commits-admin@sf.example.evil>")));
  CHECK_FALSE(ResentByList(with_return_path("<commitsx@lists.sf.example>")));
  CHECK_FALSE(ResentByList(with_return_path("<commits-@lists.sf.example>")));
  CHECK_FALSE(ResentByList(with_return_path("<>")));
  CHECK_FALSE(ResentByList(ParseRaw(headers + "\r\nbody\r\n")));

  // Through an MTA the envelope is MAIL FROM; a Return-Path field the
  // sender wrote is not read.
  Envelope smtp;
  smtp.mail_from = "jm@users.sf.example";
  smtp.rcpt_to = {"reader@enron.example"};
  Message forged;
  REQUIRE(
      ParseMessage("Return-Path: <commits-admin@lists.sf.example>\r\n" + headers + "\r\nbody\r\n",
                   smtp, ParseOptions(), &forged)
          .ok());
  CHECK_FALSE(ResentByList(forged));
  smtp.mail_from = "commits-bounces@lists.sf.example";
  Message resent;
  REQUIRE(ParseMessage(headers + "\r\nbody\r\n", smtp, ParseOptions(), &resent).ok());
  CHECK(ResentByList(resent));
}

TEST_CASE("The alias a list was posted to is the list's only when the list re-sent it") {
  const std::string headers =
      "From: Gerry <gerry@eware.example>\r\nTo: <mice@crackmice.example>\r\n"
      "Reply-To: mice@crackmice.example\r\n"
      "List-Id: <crackmice.crackmice.example>\r\n"
      "List-Post: <mailto:crackmice@crackmice.example>\r\nSubject: hi\r\n";
  Message resent =
      ParseRaw("Return-Path: <crackmice-admin@crackmice.example>\r\n" + headers + "\r\nbody\r\n");
  CHECK_FALSE(AddressedToList(resent));
  CHECK(IsListAlias(resent, "mice@crackmice.example"));
  CHECK_FALSE(IsListAlias(resent, "rats@crackmice.example"));  // not in To or Cc
  CHECK_FALSE(IsListAlias(resent, ""));
  // The poster's own envelope: nothing says the list took the post there.
  Message own = ParseRaw("Return-Path: <gerry@eware.example>\r\n" + headers + "\r\nbody\r\n");
  CHECK_FALSE(IsListAlias(own, "mice@crackmice.example"));
  // Another host of the domain, or a message already addressed to its list.
  Message other_host = ParseRaw(
      "Return-Path: <crackmice-admin@lists.crackmice.example>\r\n"
      "From: gerry@eware.example\r\nTo: mice@crackmice.example\r\n"
      "List-Post: <mailto:crackmice@lists.crackmice.example>\r\nSubject: hi\r\n\r\nbody\r\n");
  CHECK(ResentByList(other_host));
  CHECK_FALSE(IsListAlias(other_host, "mice@crackmice.example"));
  Message addressed = ParseRaw(
      "Return-Path: <crackmice-admin@crackmice.example>\r\n"
      "From: gerry@eware.example\r\nTo: crackmice@crackmice.example, mice@crackmice.example\r\n"
      "List-Post: <mailto:crackmice@crackmice.example>\r\nSubject: hi\r\n\r\nbody\r\n");
  CHECK_FALSE(IsListAlias(addressed, "mice@crackmice.example"));
}

TEST_CASE("A list delivered a post addressed to it or re-sent under its envelope") {
  const std::string headers =
      "From: poster@dcu.example\r\nTo: rpm-list@freshrpms.example\r\n"
      "List-Id: <rpm-zzzlist.freshrpms.example>\r\n"
      "List-Post: <mailto:rpm-zzzlist@freshrpms.example>\r\nSubject: hi\r\n";
  // To names the list by another name and the envelope is the poster's.
  Message renamed = ParseRaw("Return-Path: <poster@dcu.example>\r\n" + headers + "\r\nbody\r\n");
  CHECK_FALSE(AddressedToList(renamed));
  CHECK_FALSE(ListDelivered(renamed));
  Message resent =
      ParseRaw("Return-Path: <rpm-zzzlist-admin@freshrpms.example>\r\n" + headers + "\r\nbody\r\n");
  CHECK(ListDelivered(resent));
  Message addressed = ParseRaw(
      "From: poster@dcu.example\r\nTo: rpm-zzzlist@freshrpms.example\r\n"
      "List-Post: <mailto:rpm-zzzlist@freshrpms.example>\r\nSubject: hi\r\n\r\nbody\r\n");
  CHECK(ListDelivered(addressed));
}

TEST_CASE("A list that names itself only in its command fields is read from them") {
  // LetterRip: no List-Id or List-Post, commands beside the posting address.
  const std::string letterrip =
      "From: bobm@dbsinfo.example\r\nTo: <DNS-swap@lists.ironclad.example>\r\n"
      "Reply-To: \"DNS-swap\" <DNS-swap@lists.ironclad.example>\r\n"
      "List-Subscribe: <mailto:DNS-swap-on@lists.ironclad.example>\r\n"
      "List-Unsubscribe: <mailto:DNS-swap-off@lists.ironclad.example>\r\n"
      "Subject: Tiny DNS Swap\r\n\r\nbody\r\n";
  Message m = ParseRaw(letterrip);
  CHECK(m.mailing_list.posting_address == "dns-swap@lists.ironclad.example");
  CHECK(m.mailing_list.id == "dns-swap.lists.ironclad.example");
  CHECK(AddressedToList(m));
  CHECK(ParseListCommandAddress(m,
                                "<http://lists.example/x>, <mailto:dns-swap-request@"
                                "lists.ironclad.example?subject=subscribe>") ==
        "dns-swap@lists.ironclad.example");
  // A command on another host, or for another name, implies no list; nor
  // does a bare prefix without a command, or a command before the name
  // (a bulk sender's "leave-customers-949326K").
  CHECK(ParseListCommandAddress(m, "<mailto:dns-swap-off@ironclad.example>").empty());
  CHECK(ParseListCommandAddress(m, "<mailto:dns-swapx-off@lists.ironclad.example>").empty());
  CHECK(ParseListCommandAddress(m, "<mailto:dns-swap-@lists.ironclad.example>").empty());
  CHECK(ParseListCommandAddress(m, "<mailto:leave-dns-swap-1@lists.ironclad.example>").empty());
  CHECK(ParseListCommandAddress(m, "<http://lists.ironclad.example/off>").empty());
  // A victim's own address beside a sender's unsubscribe address: no list.
  Message newsletter = ParseRaw(
      "From: news@shop.example\r\nTo: reader@enron.example\r\n"
      "List-Unsubscribe: <mailto:unsubscribe-4711@shop.example>\r\nSubject: hi\r\n\r\nbody\r\n");
  CHECK_FALSE(newsletter.mailing_list.present());
  // List-Id and List-Post name the list first, wherever they stand.
  Message mailman = ParseRaw(
      "From: poster@dcu.example\r\nTo: iiu@taint.example\r\n"
      "List-Unsubscribe: <mailto:iiu-request@taint.example?subject=unsubscribe>\r\n"
      "List-Id: <iiu.iiu.taint.example>\r\n"
      "List-Post: <mailto:iiu@iiu.taint.example>\r\nSubject: hi\r\n\r\nbody\r\n");
  CHECK(mailman.mailing_list.id == "iiu.iiu.taint.example");
  CHECK(mailman.mailing_list.posting_address == "iiu@iiu.taint.example");
}

}  // namespace
}  // namespace rapport
