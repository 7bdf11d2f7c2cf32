-- An MTA that is slow, stalls or gives up in the middle of a body, run by
-- miltertest against rapport-milter (timeout = 2 in its configuration).
-- Globals from -D: socket, check_lib.

dofile(check_lib)

local function open()
  local conn = mt.connect(socket, 20, 0.25)
  check(conn ~= nil, "connect to " .. socket)
  check(mt.macro(conn, SMFIC_CONNECT, "{client_addr}", "192.0.2.9") == nil, "connect macros")
  check(mt.conninfo(conn, "client.vendor.test", "192.0.2.9") == nil, "conninfo")
  return conn
end

local function start_message(conn, queue_id)
  check(mt.macro(conn, SMFIC_MAIL, "i", queue_id) == nil, queue_id .. ": queue id macro")
  check(mt.mailfrom(conn, "<billing@vendor.test>") == nil, queue_id .. ": mail from")
  check(mt.rcptto(conn, "<alice@example.test>") == nil, queue_id .. ": rcpt to")
  check(mt.header(conn, "From", "Vendor Billing <billing@vendor.test>") == nil, queue_id .. ": From")
  check(mt.header(conn, "Subject", "Delivery note") == nil, queue_id .. ": Subject")
  check(mt.eoh(conn) == nil, queue_id .. ": end of headers")
end

local function finish_scored(conn, queue_id)
  check(mt.eom(conn) == nil, queue_id .. ": end of message")
  check(mt.getreply(conn) == SMFIR_ACCEPT, queue_id .. ": accepted")
  check(mt.eom_check(conn, MT_HDRADD, "X-Rapport-Score"), queue_id .. ": scored")
end

-- 1. A body arriving slower than the milter's own timeout: the budget is for
--    Rapport's work after the end of the message, so the message is scored.
local conn = open()
start_message(conn, "MT0101")
for part = 1, 3 do
  check(mt.bodystring(conn, "part " .. part .. " of a slow body\r\n") == nil, "slow body part " .. part)
  mt.sleep(1.5)
end
finish_scored(conn, "MT0101")

-- 2. A body that stalls past the timeout, then the MTA aborts the message
--    (its own timeout): nothing is answered for it, and the next message on
--    the same connection is scored.
start_message(conn, "MT0102")
check(mt.bodystring(conn, "a body that stalls\r\n") == nil, "stalled body")
mt.sleep(3)
check(mt.abort(conn) == nil, "MTA aborts the stalled message")
start_message(conn, "MT0103")
check(mt.bodystring(conn, "after the abort\r\n") == nil, "body after the abort")
finish_scored(conn, "MT0103")
mt.disconnect(conn)

-- 3. The MTA drops the connection in the middle of a body: the daemon
--    serves the next connection.
conn = open()
start_message(conn, "MT0104")
check(mt.bodystring(conn, "cut off\r\n") == nil, "body before the disconnect")
mt.disconnect(conn, false)
conn = open()
start_message(conn, "MT0105")
check(mt.bodystring(conn, "next connection\r\n") == nil, "body on a new connection")
finish_scored(conn, "MT0105")
mt.disconnect(conn)
