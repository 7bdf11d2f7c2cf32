-- One inbound message for recovery_e2e.sh, run by miltertest. Globals from
-- -D: socket, check_lib, queue_id, and expect: "tempfail" (the on_error
-- answer while the store replays its write-ahead log) or "accept" (scored).

dofile(check_lib)

local conn = mt.connect(socket, 20, 0.25)
check(conn ~= nil, "connect to " .. socket)
check(mt.negotiate(conn, nil, nil, nil) == nil, "negotiate")
check(mt.macro(conn, SMFIC_CONNECT, "{client_addr}", "192.0.2.9") == nil, "connect macros")
check(mt.conninfo(conn, "client.vendor.test", "192.0.2.9") == nil, "conninfo")
check(mt.macro(conn, SMFIC_MAIL, "i", queue_id) == nil, "queue id macro")
check(mt.mailfrom(conn, "<billing@vendor.test>") == nil, "mail from")
check(mt.rcptto(conn, "<alice@example.test>") == nil, "rcpt to")
check(mt.header(conn, "From", "billing@vendor.test") == nil, "From")
check(mt.header(conn, "Subject", "Statement") == nil, "Subject")
check(mt.eoh(conn) == nil, "end of headers")
check(mt.bodystring(conn, "Please find the statement attached.\r\n") == nil, "body")
check(mt.eom(conn) == nil, "end of message")
if expect == "tempfail" then
  check(mt.getreply(conn) == SMFIR_REPLYCODE, queue_id .. " answered with a reply code")
  check(mt.eom_check(conn, MT_SMTPREPLY, "451", "4.3.0",
                     "Temporary local problem, please try again later"),
        queue_id .. " answered 451 4.3.0")
else
  check(mt.getreply(conn) == SMFIR_ACCEPT, queue_id .. " accepted")
  check(mt.eom_check(conn, MT_HDRADD, "X-Rapport-Score"), queue_id .. " scored")
end
mt.disconnect(conn)
