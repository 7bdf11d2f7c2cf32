#!/usr/bin/env bash
# Recovery after a crash: a store left with a long write-ahead log (written
# by crashed_store and never flushed) makes the daemon's store open replay
# it. Meanwhile the milter socket must answer at once with the on_error
# answer (tempfail here), counted in stats, and the log must say the open
# started and how long it took; once open, mail is scored again.
#
#   recovery_e2e.sh RAPPORT_MILTER RAPPORTCTL CRASHED_STORE
#
# Installs nothing; skips (exit 77) without root or miltertest.
set -uo pipefail

MILTER=${1:?usage: recovery_e2e.sh RAPPORT_MILTER RAPPORTCTL CRASHED_STORE}
RAPPORTCTL=${2:?}
CRASHED_STORE=${3:?}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

e2e_begin_miltertest
e2e_write_milter_config "$CONFIG" "$PORT"
sed -i '/^internal_networks/d; s/^on_error = accept$/on_error = tempfail/' "$CONFIG"
# No start-up wait: a message during the replay gets the on_error answer at
# once, however quickly this machine replays the log.
printf '[store]\nopen_wait = 0\n' >>"$CONFIG"

# 200 MB of log to replay; the daemon's default sizes apply to the replay.
runuser -u nobody -- "$CRASHED_STORE" "$E2E_DIR/state" 200 ||
  { e2e_fail "crashed_store could not write the store"; exit 1; }
wal_mb=$(find "$E2E_DIR/state" -name '*.log' -printf '%s\n' | awk '{s += $1} END {print int(s / 1048576)}')
e2e_check "the store has a long write-ahead log (${wal_mb} MB)" test "$wal_mb" -ge 150

miltertest_message() {  # QUEUE_ID EXPECT
  miltertest -D "socket=inet:$PORT@127.0.0.1" -D "check_lib=$HERE/milter_check.lua" \
    -D "queue_id=$1" -D "expect=$2" -s "$HERE/milter_recovery.lua"
}

e2e_launch_milter "$MILTER" "$CONFIG" "$PORT" "$LOG"
e2e_check "the log says the store is opening" \
  e2e_wait_for "grep -q 'opening the history store' '$LOG'" 100
e2e_check "a message during recovery is answered 451 at once" miltertest_message MTR001 tempfail
e2e_check "the store opens, and the log says after how long" \
  e2e_wait_for "grep -q 'history store open after [0-9.]*s' '$LOG'" 1800
e2e_check "the message answered before the store opened was logged with its queue id" \
  grep -q 'MTR001: error: store unavailable: .*still opening.*answering tempfail (on_error=tempfail)' "$LOG"
first_answer=$(grep -n 'MTR001: error' "$LOG" | head -1 | cut -d: -f1)
opened=$(grep -n 'history store open after' "$LOG" | head -1 | cut -d: -f1)
e2e_check "the on_error answer came before the store was open" test "${first_answer:-0}" -lt "${opened:-0}"
e2e_check "once open, a message is scored" miltertest_message MTR002 accept
e2e_check "the scored message was logged" grep -q 'MTR002: inbound score=' "$LOG"

stats=$("$RAPPORTCTL" --config "$CONFIG" --json stats --since 1d 2>&1)
e2e_check "stats count the answer given during recovery" \
  python3 -c 'import json, sys
sys.exit(0 if json.loads(sys.argv[1])["actions"]["error_tempfail"] >= 1 else 1)' "$stats"

e2e_check "SIGTERM: exit status 0" e2e_stop_milter
[ "$E2E_FAILURES" = 0 ] || { echo "stats: $stats"; cat "$LOG"; exit 1; }
echo "recovery checks passed"
