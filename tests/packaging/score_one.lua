-- One inbound message through the installed rapport-milter, run by
-- miltertest (the MTA side). The globals come from
-- -D socket=inet:PORT@127.0.0.1 and -D check_lib=PATH; the milter's local
-- domain is example.com.

dofile(check_lib)

local conn = mt.connect(socket, 20, 0.25)
check(conn ~= nil, "connect to " .. socket)
check(mt.negotiate(conn, nil, nil, nil) == nil, "negotiate")
check(mt.conninfo(conn, "mail.vendor.test", "192.0.2.7") == nil, "conninfo")
check(mt.macro(conn, SMFIC_MAIL, "i", "PKG0001") == nil, "queue id macro")
check(mt.mailfrom(conn, "<accounts@vendor.test>") == nil, "mail from")
check(mt.rcptto(conn, "<alice@example.com>") == nil, "rcpt to")
check(mt.header(conn, "From", "Vendor Accounts <accounts@vendor.test>") == nil, "From")
check(mt.header(conn, "To", "alice@example.com") == nil, "To")
check(mt.header(conn, "Subject", "Invoice 4471") == nil, "Subject")
check(mt.header(conn, "Message-ID", "<pkg-0001@vendor.test>") == nil, "Message-ID")
check(mt.eoh(conn) == nil, "end of headers")
check(mt.bodystring(conn, "The invoice is at https://files.vendor.test/4471\r\n") == nil, "body")
check(mt.eom(conn) == nil, "end of message")
check(mt.getreply(conn) == SMFIR_ACCEPT, "accepted")
check(mt.eom_check(conn, MT_HDRADD, "X-Rapport-Score"), "X-Rapport-Score added")
local score = mt.getheader(conn, "X-Rapport-Score", 0)
check(score ~= nil and string.match(score, "^%d+$") ~= nil, "score header is a number")
mt.echo("X-Rapport-Score: " .. score)
mt.disconnect(conn)
