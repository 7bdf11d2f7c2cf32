#!/usr/bin/env bash
# Milter-protocol test: runs milter_protocol.lua in miltertest (the MTA side)
# against rapport-milter on a free loopback port.
#
#   milter_protocol.sh RAPPORT_MILTER
#
# Installs nothing; skips (exit 77) without root or miltertest.
set -uo pipefail

MILTER=${1:?usage: milter_protocol.sh RAPPORT_MILTER}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

e2e_begin_miltertest
# No internal network: every client is outside, so mail to example.test is
# inbound. Thresholds at 1 make any signal enough for a tag, without hold.
e2e_write_milter_config "$CONFIG" "$PORT" "[thresholds]" "tag = 1" "hold = 0"
sed -i '/^internal_networks/d' "$CONFIG"
e2e_start_milter "$MILTER" "$CONFIG" "$PORT" "$LOG"

status=0
miltertest -D "socket=inet:$PORT@127.0.0.1" -D "check_lib=$HERE/milter_check.lua" \
  -s "$HERE/milter_protocol.lua" || status=$?
e2e_check "miltertest script passed" test "$status" = 0
e2e_check "forged headers removed and logged" \
  grep -q 'MT0001: inbound score=[0-9]* action=tag .*removed_forged_headers=3' "$LOG"
e2e_check "transit mail passed untouched and logged" grep -q 'MT0002: transit action=accept' "$LOG"

# SIGHUP turns rejection on; then a rejected message, and SIGTERM in the
# middle of another one, which must still be answered (drain).
sed -i 's/^hold = 0$/hold = 0\nreject = 1/' "$CONFIG"
kill -HUP "$E2E_MILTER_PID"
e2e_check "reload applied" e2e_wait_for "grep -q 'configuration reloaded' '$LOG'" 50
status=0
miltertest -D "socket=inet:$PORT@127.0.0.1" -D "milter_pid=$E2E_MILTER_PID" \
  -D "check_lib=$HERE/milter_check.lua" -s "$HERE/milter_reject.lua" || status=$?
e2e_check "miltertest reject/drain script passed" test "$status" = 0
e2e_check "rejection logged" grep -q 'MT0003: inbound score=[0-9]* action=reject' "$LOG"
e2e_check "message in progress at SIGTERM logged" grep -q 'MT0004: inbound .*action=reject' "$LOG"

status=0
wait "$E2E_MILTER_PID" || status=$?
e2e_check "SIGTERM: exit status 0 (got $status)" test "$status" = 0
e2e_check "SIGTERM: stopped cleanly" grep -q 'stopped$' "$LOG"
[ "$E2E_FAILURES" = 0 ] || { cat "$LOG"; exit 1; }
echo "milter protocol checks passed"
