-- Second miltertest script, after a reload turned rejection on (reject = 1):
-- the 550 reply names nothing internal, and SIGTERM lets a message in
-- progress finish. Globals from -D: socket, milter_pid.

dofile(check_lib)

local function start_message(conn, queue_id)
  check(mt.macro(conn, SMFIC_CONNECT, "{client_addr}", "192.0.2.9") == nil, "connect macros")
  check(mt.conninfo(conn, "client.vendor.test", "192.0.2.9") == nil, "conninfo")
  check(mt.macro(conn, SMFIC_MAIL, "i", queue_id) == nil, "queue id macro")
  check(mt.mailfrom(conn, "<stranger@unknown-sender.test>") == nil, "mail from")
  check(mt.rcptto(conn, "<alice@example.test>") == nil, "rcpt to")
  check(mt.header(conn, "From", "stranger@unknown-sender.test") == nil, "From")
  check(mt.header(conn, "Subject", "Hello") == nil, "Subject")
  check(mt.eoh(conn) == nil, "end of headers")
end

-- 1. Rejection: a plain 550 5.7.1 with a text that leaks nothing.
local conn = mt.connect(socket, 20, 0.25)
check(conn ~= nil, "connect")
start_message(conn, "MT0003")
check(mt.bodystring(conn, "Hello\r\n") == nil, "body")
check(mt.eom(conn) == nil, "end of message")
check(mt.getreply(conn) == SMFIR_REPLYCODE, "rejected with a reply code")
check(mt.eom_check(conn, MT_SMTPREPLY, "550", "5.7.1", "Message rejected by local policy"),
      "550 5.7.1 Message rejected by local policy")
check(not mt.eom_check(conn, MT_HDRADD), "no headers added to rejected mail")
mt.disconnect(conn)

-- 2. Drain: SIGTERM arrives in the middle of a message; the message still
--    gets its answer before the daemon exits.
conn = mt.connect(socket, 20, 0.25)
check(conn ~= nil, "connect for drain")
start_message(conn, "MT0004")
-- The MTA side sends without waiting (no-reply steps): give the milter a
-- moment to take MAIL FROM, which starts the message.
mt.sleep(0.5)
check(os.execute("kill -TERM " .. milter_pid), "SIGTERM sent")
mt.sleep(0.5)
check(mt.bodystring(conn, "Hello again\r\n") == nil, "body after SIGTERM")
check(mt.eom(conn) == nil, "end of message after SIGTERM")
check(mt.getreply(conn) == SMFIR_REPLYCODE, "message in progress answered after SIGTERM")
mt.disconnect(conn)
