-- Run by miltertest for bench/soak/run.sh: connects to -D socket=... (every
-- 10 ms until it is accepted, for up to a minute), sends one inbound
-- message and ends once the milter has answered it, whatever the answer.

local conn = mt.connect(socket, 6000, 0.01)
if conn == nil then error("no connection to " .. socket) end
local steps = {
  function() return mt.negotiate(conn, nil, nil, nil) end,
  function() return mt.macro(conn, SMFIC_CONNECT, "{client_addr}", "192.0.2.9") end,
  function() return mt.conninfo(conn, "client.vendor.test", "192.0.2.9") end,
  function() return mt.mailfrom(conn, "<billing@vendor.test>") end,
  function() return mt.rcptto(conn, "<kay.mann@enron.com>") end,
  function() return mt.header(conn, "From", "billing@vendor.test") end,
  function() return mt.header(conn, "Subject", "Statement") end,
  function() return mt.eoh(conn) end,
  function() return mt.bodystring(conn, "Please find the statement attached.\r\n") end,
  function() return mt.eom(conn) end,
}
for _, step in ipairs(steps) do
  if step() ~= nil then error("the milter did not take the message") end
end
mt.echo("answered " .. mt.getreply(conn))
mt.disconnect(conn)
