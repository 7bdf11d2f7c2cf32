#!/usr/bin/env bash
# First-run test: scripts/run-gateway.sh, the README's run command, from a
# state with no config. Its config directory, state directory and socket are
# pointed into a scratch directory (RAPPORT_ETC, RAPPORT_STATE_DIR,
# RAPPORT_SOCKET); the build is the one under test (RAPPORT_SKIP_BUILD).
# The config it writes must pass --check-config, the daemon must run as the
# unprivileged user "rapport" and score a message over the milter protocol
# (miltertest), and the script must print the next steps.
#
#   first_run_e2e.sh SOURCE_DIR BUILD_DIR
#
# Creates the account "rapport" when it is absent and removes it again.
# Skips (exit 77) without root or miltertest.
set -uo pipefail

SOURCE=${1:?usage: first_run_e2e.sh SOURCE_DIR BUILD_DIR}
BUILD=${2:?usage: first_run_e2e.sh SOURCE_DIR BUILD_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

command -v miltertest >/dev/null ||
  e2e_skip "miltertest is not installed (scripts/install-deps.sh installs it)"
e2e_setup_scratch

# The account is the machine's: put it back as it was.
e2e_keep_account rapport

PORT=$(e2e_free_port)
ETC="$E2E_DIR/etc"
STATE="$E2E_DIR/state"
OUT="$E2E_DIR/milter-run-gateway.log"
RAPPORT_ETC=$ETC RAPPORT_STATE_DIR=$STATE RAPPORT_SOCKET="inet:$PORT@127.0.0.1" \
  BUILD_DIR=$BUILD RAPPORT_SKIP_BUILD=1 bash "$SOURCE/scripts/run-gateway.sh" >"$OUT" 2>&1 &
RUN_PID=$!
E2E_PIDS+=("$RUN_PID")
e2e_wait_for "grep -q '^Next:' '$OUT' || ! kill -0 $RUN_PID 2>/dev/null" 150
if ! grep -q '^Next:' "$OUT"; then
  e2e_fail "run-gateway.sh did not report a listening daemon"
  exit 1
fi

CONFIG="$ETC/rapport.conf"
e2e_check "config written" test -f "$CONFIG"
e2e_check "config names the unprivileged user" grep -qx 'user = rapport' "$CONFIG"
e2e_check "config names the state directory" grep -qx "state_dir = $STATE" "$CONFIG"
e2e_check "config is 0640 root:rapport" test "$(stat -c '%a %U:%G' "$CONFIG")" = "640 root:rapport"
e2e_check "config passes --check-config" \
  "$BUILD/milter/rapport-milter" --config "$CONFIG" --check-config
e2e_check "state directory is 0700 rapport:rapport" \
  test "$(stat -c '%a %U:%G' "$STATE")" = "700 rapport:rapport"
MILTER_PID=$(pgrep -P "$RUN_PID" -x rapport-milter)
e2e_check "daemon runs as the rapport user" \
  test "$(ps -o user= -p "${MILTER_PID:-0}" | tr -d ' ')" = rapport

status=0
miltertest -D "socket=inet:$PORT@127.0.0.1" -D "check_lib=$HERE/milter_check.lua" \
  -s "$SOURCE/tests/packaging/score_one.lua" || status=$?
e2e_check "miltertest: one message scored" test "$status" = 0
e2e_check "scored message logged with its queue id" grep -q 'PKG0001: inbound score=[0-9]*' "$OUT"

e2e_check "prints the Postfix lines" grep -qx "      smtpd_milters = inet:127.0.0.1:$PORT" "$OUT"
e2e_check "prints the Sendmail line" grep -qF "S=inet:$PORT@127.0.0.1" "$OUT"
e2e_check "prints how to learn the sent mail" \
  grep -q "rapportctl --config $CONFIG learn " "$OUT"

kill -TERM "$RUN_PID"
status=0
wait "$RUN_PID" || status=$?
e2e_check "SIGTERM stops it cleanly (status $status)" test "$status" = 0
e2e_check "daemon gone" e2e_wait_for "! kill -0 ${MILTER_PID:-0} 2>/dev/null" 50

# A second run keeps the config the operator may have edited.
echo "# edited" >>"$CONFIG"
RAPPORT_ETC=$ETC RAPPORT_STATE_DIR=$STATE RAPPORT_SOCKET="inet:$PORT@127.0.0.1" \
  BUILD_DIR=$BUILD RAPPORT_SKIP_BUILD=1 bash "$SOURCE/scripts/run-gateway.sh" >"$OUT.2" 2>&1 &
RUN_PID=$!
E2E_PIDS+=("$RUN_PID")
e2e_check "second run starts" e2e_wait_for "grep -q '^Next:' '$OUT.2'" 150
e2e_check "second run keeps the existing config" grep -qx '# edited' "$CONFIG"
kill -TERM "$RUN_PID"
wait "$RUN_PID" || true

[ "$E2E_FAILURES" = 0 ] || { cat "$OUT"; exit 1; }
echo "first-run checks passed"
