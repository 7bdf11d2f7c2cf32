#pragma once

#include <string_view>

namespace rapport {

// A message rich in what signals read: display names (one accented, one
// "Last, First"), Sender, Reply-To, a Cc list, a References chain, links in
// text and HTML (one long, with '=' in its query), a bank account and a
// payment ask, and named attachments.
inline constexpr std::string_view kRich =
    "Return-Path: <billing@vendor.example>\n"
    "Received: from mail.vendor.example (mail.vendor.example [203.0.113.7])\n"
    "\tby mx.corp.example with ESMTPS id 4F3A; Tue, 1 May 2001 10:00:00 +0000\n"
    "From: =?iso-8859-1?q?Bob_M=FCller?= <bob@vendor.example>\n"
    "Sender: \"Accounts Assistant\" <assistant@vendor.example>\n"
    "Reply-To: \"Vendor Billing\" <billing@vendor-payments.example>\n"
    "To: \"Smith, Alice\" <alice@corp.example>, carol@corp.example, \"Dave Jones\" "
    "<dave@corp.example>\n"
    "Cc: \"Erin (Finance)\" <erin@corp.example>, frank@corp.example\n"
    "Subject: Updated remittance details for invoice INV-20931 - please action before Friday\n"
    "Date: Tue, 1 May 2001 10:00:00 +0000\n"
    "Message-ID: <abc123@vendor.example>\n"
    "In-Reply-To: <prev2@corp.example>\n"
    "References: <root-thread-0001@vendor.example> <prev1-long-identifier@vendor.example> "
    "<prev2@corp.example>\n"
    "X-Mailer: Microsoft Outlook 16.0\n"
    "MIME-Version: 1.0\n"
    "Content-Type: multipart/mixed; boundary=\"outer\"\n"
    "\n"
    "--outer\n"
    "Content-Type: multipart/alternative; boundary=\"inner\"\n"
    "\n"
    "--inner\n"
    "Content-Type: text/plain; charset=us-ascii\n"
    "\n"
    "Hi Alice,\n"
    "\n"
    "Our bank details have changed. Please pay invoice INV-20931 to our new account:\n"
    "IBAN DE89 3704 0044 0532 0130 00, BIC COBADEFFXXX.\n"
    "The statement is at "
    "https://portal.vendor-payments.example/statements/view?account=88213&invoice=INV-20931&"
    "token=Zm9vYmFyYmF6cXV4\n"
    "or www.vendor.example/remit.\n"
    "\n"
    "> On Monday Alice wrote:\n"
    "> see http://old.example/quoted\n"
    "\n"
    "Regards,\n"
    "Bob\n"
    "--inner\n"
    "Content-Type: text/html; charset=us-ascii\n"
    "\n"
    "<html><body><p>Hi Alice,</p><p>Our bank details have changed. Please pay invoice "
    "INV-20931 to our new account: IBAN DE89 3704 0044 0532 0130 00.</p>\n"
    "<p><a href=\"https://portal.vendor-payments.example/statements/view?account=88213&amp;"
    "invoice=INV-20931\">View your statement</a> or <a href=\"https://www.vendor.example/\">"
    "www.vendor.example</a></p></body></html>\n"
    "--inner--\n"
    "--outer\n"
    "Content-Type: application/pdf; name=\"INV-20931.pdf\"\n"
    "Content-Disposition: attachment; filename=\"INV-20931.pdf\"\n"
    "Content-Transfer-Encoding: base64\n"
    "\n"
    "JVBERi0xLjQKJcfsj6IKMSAwIG9iago8PC9UeXBlL0NhdGFsb2c+PgplbmRvYmoKdHJhaWxlcgo8PC9S\n"
    "b290IDEgMCBSPj4KJSVFT0YK\n"
    "--outer\n"
    "Content-Type: text/plain; charset=us-ascii; name=\"remittance.txt\"\n"
    "Content-Disposition: attachment; filename=\"remittance.txt\"\n"
    "\n"
    "Account holder: Vendor Ltd\n"
    "--outer--\n";

}  // namespace rapport
