-- Milter protocol checks for rapport-milter, run by miltertest (the MTA side).
-- The globals come from -D socket=inet:PORT@127.0.0.1 and -D check_lib=PATH.

dofile(check_lib)

local function open()
  local conn = mt.connect(socket, 20, 0.25)
  check(conn ~= nil, "connect to " .. socket)
  check(mt.negotiate(conn, nil, nil, nil) == nil, "negotiate")
  return conn
end

-- 1. Negotiation: exactly the actions Rapport needs, and no-reply/skip
--    flags for the steps it does not use.
local conn = open()
check(mt.test_action(conn, SMFIF_ADDHDRS), "requests SMFIF_ADDHDRS")
check(mt.test_action(conn, SMFIF_CHGHDRS), "requests SMFIF_CHGHDRS")
check(mt.test_action(conn, SMFIF_QUARANTINE), "requests SMFIF_QUARANTINE")
check(not mt.test_action(conn, SMFIF_CHGBODY), "does not request SMFIF_CHGBODY")
check(not mt.test_action(conn, SMFIF_ADDRCPT), "does not request SMFIF_ADDRCPT")
check(not mt.test_action(conn, SMFIF_DELRCPT), "does not request SMFIF_DELRCPT")
check(not mt.test_action(conn, SMFIF_CHGFROM), "does not request SMFIF_CHGFROM")
check(mt.test_option(conn, SMFIP_NOHELO), "asks for no HELO")
check(mt.test_option(conn, SMFIP_NR_HDR), "asks for no reply to headers")
check(not mt.test_option(conn, SMFIP_NOHDRS), "still wants headers")
check(not mt.test_option(conn, SMFIP_NOBODY), "still wants the body")

-- 2. Inbound mail with forged X-Rapport-* headers (mixed case, repeated,
--    folded): all removed, ours added, subject tagged (tag threshold 1).
check(mt.macro(conn, SMFIC_CONNECT, "{client_addr}", "192.0.2.9",
               "{daemon_name}", "mx") == nil, "connect macros")
check(mt.conninfo(conn, "client.vendor.test", "192.0.2.9") == nil, "conninfo")
check(mt.macro(conn, SMFIC_MAIL, "i", "MT0001") == nil, "queue id macro")
check(mt.mailfrom(conn, "<billing@vendor.test>") == nil, "mail from")
check(mt.rcptto(conn, "<alice@example.test>") == nil, "rcpt to")
check(mt.header(conn, "From", "Vendor Billing <billing@vendor.test>") == nil, "From")
check(mt.header(conn, "To", "alice@example.test") == nil, "To")
check(mt.header(conn, "Subject", "Updated bank details") == nil, "Subject")
check(mt.header(conn, "X-Rapport-Score", "0") == nil, "forged score")
check(mt.header(conn, "x-rapport-signals", "NONE,\r\n\tFORGED") == nil, "forged signals")
check(mt.header(conn, "X-RAPPORT-SCORE", "1") == nil, "second forged score")
check(mt.eoh(conn) == nil, "end of headers")
check(mt.bodystring(conn, "Please confirm https://secure-payments.example.net/x\r\n") == nil,
      "body")
check(mt.eom(conn) == nil, "end of message")
check(mt.getreply(conn) == SMFIR_ACCEPT, "accepted")
check(mt.eom_check(conn, MT_HDRDELETE, "X-Rapport-Score"), "forged X-Rapport-Score removed")
check(mt.eom_check(conn, MT_HDRDELETE, "x-rapport-signals"), "forged x-rapport-signals removed")
check(mt.eom_check(conn, MT_HDRADD, "X-Rapport-Score"), "X-Rapport-Score added")
check(mt.eom_check(conn, MT_HDRADD, "X-Rapport-Signals"), "X-Rapport-Signals added")
check(mt.eom_check(conn, MT_HDRCHANGE, "Subject", "[SUSPICIOUS] Updated bank details"),
      "subject tagged")
check(not mt.eom_check(conn, MT_QUARANTINE), "not quarantined (hold off)")
local score = mt.getheader(conn, "X-Rapport-Score", 0)
check(score ~= nil and string.match(score, "^%d+$") ~= nil, "score header is a number")

-- 3. A second message on the same connection: mail between two outside
--    parties passes untouched but still loses forged headers.
check(mt.macro(conn, SMFIC_MAIL, "i", "MT0002") == nil, "queue id macro 2")
check(mt.mailfrom(conn, "<billing@vendor.test>") == nil, "mail from 2")
check(mt.rcptto(conn, "<someone@elsewhere.test>") == nil, "rcpt to 2")
check(mt.header(conn, "From", "billing@vendor.test") == nil, "From 2")
check(mt.header(conn, "X-Rapport-Score", "0") == nil, "forged score 2")
check(mt.eoh(conn) == nil, "end of headers 2")
check(mt.bodystring(conn, "hello\r\n") == nil, "body 2")
check(mt.eom(conn) == nil, "end of message 2")
check(mt.getreply(conn) == SMFIR_ACCEPT, "transit accepted")
check(mt.eom_check(conn, MT_HDRDELETE, "X-Rapport-Score"), "transit: forged header removed")
check(not mt.eom_check(conn, MT_HDRADD, "X-Rapport-Score"), "transit: no score added")
mt.disconnect(conn)
