#!/usr/bin/env bash
# The README's five-minute quick start, step by step, against a private
# Postfix on loopback: run scripts/run-gateway.sh (config, store and socket
# in a scratch directory), set local_domains and run it again, stop it and
# learn sent mail, run it again with Postfix attached, send the README's
# test attack with swaks, see it held, then rapportctl held list, show and
# release it, and see it delivered.
#
#   quickstart_e2e.sh SOURCE_DIR BUILD_DIR
#
# Creates the account "rapport" when it is absent and removes it again.
# Skips (exit 77) without root, postfix or swaks.
set -uo pipefail

SOURCE=${1:?usage: quickstart_e2e.sh SOURCE_DIR BUILD_DIR}
BUILD=${2:?usage: quickstart_e2e.sh SOURCE_DIR BUILD_DIR}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

e2e_begin
e2e_keep_account rapport
ETC="$E2E_DIR/etc"
CONFIG="$ETC/rapport.conf"
CONF="$E2E_DIR/conf"
OUT="$E2E_DIR/milter-run-gateway.log"
RAPPORTCTL="$BUILD/cli/rapportctl"

# run: starts the run command in the background (RUN_PID) and waits until
# it says what to do next; stop: SIGTERM, as Ctrl-C would stop it.
runs=0
run() {
  RAPPORT_ETC=$ETC RAPPORT_STATE_DIR="$E2E_DIR/state" RAPPORT_SOCKET="inet:$MILTER_PORT@127.0.0.1" \
    BUILD_DIR=$BUILD RAPPORT_SKIP_BUILD=1 bash "$SOURCE/scripts/run-gateway.sh" >>"$OUT" 2>&1 &
  RUN_PID=$!
  E2E_PIDS+=("$RUN_PID")
  runs=$((runs + 1))
  e2e_wait_for "[ \$(grep -c '^Next:' '$OUT') = $runs ]" 150
}
stop() {
  kill -TERM "$RUN_PID"
  wait "$RUN_PID"
}

# Run it; put the organisation's domain in the config it wrote; run again.
e2e_check "first run starts" run
e2e_check "first run stops" stop
sed -i 's/^local_domains = .*/local_domains = example.test/' "$CONFIG"
# The private Postfix's own commands ("-c"): the defaults name the system's.
cat >>"$CONFIG" <<MTA
[mta]
release_command = postsuper -c $CONF -H {queue_id}
delete_command = postsuper -c $CONF -d {queue_id}
show_command = postcat -c $CONF -q -- {queue_id}
flush_command = postqueue -c $CONF -i {queue_id}
MTA
e2e_check "the edited config passes --check-config" \
  "$BUILD/milter/rapport-milter" --config "$CONFIG" --check-config

# Learn sent mail (the daemon stopped: learning needs the store).
e2e_check "rapportctl learn" "$RAPPORTCTL" --config "$CONFIG" learn \
  "$SOURCE/tests/fixtures/message/archive/sample.mbox"

# Run it again and attach Postfix.
e2e_check "second run starts" run
e2e_start_postfix "$SMTP_PORT" "$MILTER_PORT"

# The README's test attack.
transcript="$E2E_DIR/swaks-attack.txt"
swaks --server "127.0.0.1:$SMTP_PORT" --from accounts@statements-portal.test \
  --to alice@example.test --header 'Subject: New approved statement' \
  --body 'Your statement: https://pub-5d1e0c7a9b3f.r2.dev/statement.html' \
  --timeout 20 >"$transcript" 2>&1
id=$(grep -o 'queued as [A-Z0-9]*' "$transcript" | tail -1 | awk '{print $3}')
e2e_check "attack accepted by Postfix (${id:-no queue id})" test -n "$id"
e2e_check "logged: held" e2e_wait_for "grep -q '$id: inbound score=[0-9]* action=hold' '$OUT'" 50
e2e_check "in Postfix's hold queue" e2e_wait_for "e2e_in_hold $id" 50

# Review and release it.
e2e_check "held list shows it" \
  bash -c "'$RAPPORTCTL' --config '$CONFIG' held list | grep -q '^$id '"
"$RAPPORTCTL" --config "$CONFIG" held show "$id" >"$E2E_DIR/show.txt" 2>&1
e2e_check "held show: the link" grep -q 'pub-5d1e0c7a9b3f.r2.dev/statement.html' "$E2E_DIR/show.txt"
e2e_check "held release" "$RAPPORTCTL" --config "$CONFIG" held release "$id"
e2e_check "released mail delivered" e2e_delivered_file "$id"

e2e_check "stops cleanly" stop
[ "$E2E_FAILURES" = 0 ] || exit 1
echo "quick start checks passed"
