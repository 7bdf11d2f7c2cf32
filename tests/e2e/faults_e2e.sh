#!/usr/bin/env bash
# Faults under a running rapport-milter with a real Postfix on loopback:
# the store directory deleted, the store read-only, the store's disk full,
# the configuration made invalid then SIGHUP, and an MTA that is slow,
# stalls or gives up in the middle of a body. Every fault must end in the
# configured safe answer (on_error: accept, or tempfail) with a log line
# naming the queue id, and the daemon must go on and recover once the fault
# is gone.
#
#   faults_e2e.sh RAPPORT_MILTER RAPPORTCTL
#
# Installs nothing; skips (exit 77) without root, postfix or swaks. The
# store-full part needs a tmpfs mount and the slow-MTA part miltertest;
# each says SKIP and the rest still runs when its tool is missing.
set -uo pipefail

MILTER=${1:?usage: faults_e2e.sh RAPPORT_MILTER RAPPORTCTL}
RAPPORTCTL=${2:?usage: faults_e2e.sh RAPPORT_MILTER RAPPORTCTL}
HERE=$(cd "$(dirname "$0")" && pwd)
FIXTURES="$HERE/../fixtures/e2e"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

e2e_begin
LOG="$E2E_DIR/milter.log"
STATE="$E2E_DIR/state"
# The store handle retries a store it cannot open every 5 seconds.
RETRY_WAIT=5.5
e2e_write_milter_config "$CONFIG" "$MILTER_PORT" "timeout = 2"
e2e_start_postfix "$SMTP_PORT" "$MILTER_PORT"
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"

send_invoice() {
  e2e_send "$SMTP_PORT" "$FIXTURES/inbound-invoice.eml" 127.0.0.2 billing@vendor.test \
    alice@example.test
}
logged() { e2e_wait_for "grep -q -- \"$1\" \"$LOG\"" 50; }
# These take a queue id, which is empty when Postfix refused the message.
scored() { [ -n "$1" ] && logged "$1: inbound score=[0-9]* action="; }
# accepted_unscored QUEUE_ID CAUSE: the safe answer for on_error = accept.
accepted_unscored() {
  [ -n "$1" ] && logged "$1: error: $2.*; accepting unscored (on_error=accept)"
}
delivered() { [ -n "$1" ] && e2e_delivered_file "$1" >/dev/null; }
alive() { kill -0 "$E2E_MILTER_PID" 2>/dev/null; }
restart_milter() {
  e2e_stop_milter || true
  e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"
}

id=$(send_invoice)
e2e_check "baseline: scored ($id)" scored "$id"

# --- 1. Configuration made invalid, then SIGHUP ----------------------------------
cp "$CONFIG" "$CONFIG.good"
sed -i 's/^timeout = 2$/timeout = soon/' "$CONFIG"
bad_line=$(grep -n '^timeout = soon$' "$CONFIG" | cut -d: -f1)
kill -HUP "$E2E_MILTER_PID"
e2e_check "invalid reload refused, naming file:line" \
  logged "reload refused, keeping the running configuration: $CONFIG:$bad_line: "
e2e_check "... in one log line" test "$(grep -c 'reload refused' "$LOG")" = 1
e2e_check "daemon still running" alive
id=$(send_invoice)
e2e_check "mail still scored with the running configuration ($id)" scored "$id"
sed 's/^log_level = info/log_level = debug/' "$CONFIG.good" >"$CONFIG"
kill -HUP "$E2E_MILTER_PID"
e2e_check "a valid change after it is applied" logged "configuration reloaded from $CONFIG"
id=$(send_invoice)
e2e_check "... and used: debug lines for the next message ($id)" logged "$id: from=<billing@vendor.test>"

# --- 2. Store directory deleted under the running daemon --------------------------
rm -rf "$STATE"
id=$(send_invoice)
e2e_check "store deleted: mail delivered ($id)" delivered "$id"
e2e_check "store deleted: error logged with the queue id, on_error=accept" \
  accepted_unscored "$id" "store unavailable: "
e2e_check "store deleted: daemon still running" alive
install -d -o nobody -m 700 "$STATE"
sleep "$RETRY_WAIT"
id=$(send_invoice)
e2e_check "store directory back: a new store is opened and mail scored ($id)" scored "$id"
e2e_check "... in the new directory" test -f "$STATE/CURRENT"

# --- 3. Store read-only ------------------------------------------------------------
# The daemon runs as nobody, so modes bind it (root would bypass them). A
# store made read-only under a running daemon still writes to the files it
# has open, so the daemon is restarted on it, as after a reboot.
chmod 500 "$STATE"
find "$STATE" -type f -exec chmod 400 {} +
restart_milter
e2e_check "read-only store: reported at start" logged "history store unavailable"
id=$(send_invoice)
e2e_check "read-only store: mail delivered ($id)" delivered "$id"
e2e_check "read-only store: error logged with the queue id, on_error=accept" \
  accepted_unscored "$id" "store unavailable: "
chmod 700 "$STATE"
find "$STATE" -type f -exec chmod 600 {} +
sleep "$RETRY_WAIT"
id=$(send_invoice)
e2e_check "store writable again: picked up without a restart ($id)" scored "$id"

# --- 4. Store full ------------------------------------------------------------------
SMALL="$E2E_DIR/small"
mkdir -p "$SMALL"
if mount -t tmpfs -o size=24m,mode=0700 tmpfs "$SMALL" 2>/dev/null; then
  E2E_MOUNTS+=("$SMALL")
  chown nobody "$SMALL"
  sed -i "s|^state_dir = .*|state_dir = $SMALL|" "$CONFIG"
  # RocksDB preallocates each write-ahead log file: the smallest of a
  # memtable (32 MB) + 10%, the memtable budget and max_wal_size; by default
  # 8 MB, which would take this file system's writes long after it is full.
  # Larger than the file system, the preallocation fails and every write
  # needs new space, as the test means.
  printf '[store]\nmax_wal_size = 64m\n' >>"$CONFIG"
  restart_milter
  id=$(send_invoice)
  e2e_check "store on a small file system: scored ($id)" scored "$id"
  # Takes every free page. The write-ahead log's last page is already
  # allocated, so a few more messages fit; and a store reopened after a
  # failed write gets back what its old log had reserved: fill again
  # before each message.
  fill_disk() { dd if=/dev/zero of="$SMALL/fill.$RANDOM" bs=4k >/dev/null 2>&1; }
  # Delivered mail is learned after the answer, so a failed learn is
  # logged, not answered.
  not_learned() { [ -n "$1" ] && grep -q "$1: error: learn: .*No space left.*delivered but not learned" "$LOG"; }
  for ((n = 0; n < 20; n++)); do
    fill_disk
    id=$(send_invoice)
    e2e_wait_for "grep -q '$id: error: ' '$LOG'" 10 && break
  done
  e2e_check "store full: mail delivered ($id)" delivered "$id"
  e2e_check "store full: the failed learn logged with the queue id" not_learned "$id"
  e2e_check "store full: daemon still running" alive
  rm -f "$SMALL"/fill.*
  sleep "$RETRY_WAIT"
  id=$(send_invoice)
  e2e_check "space freed: mail scored again without a restart ($id)" \
    bash -c "[ -n '$id' ] && grep -q '$id: inbound score=[0-9]* action=[a-z]* .*learned' '$LOG'"
  sleep 1
  e2e_check "... and learned (no error logged for it)" bash -c "! grep -q '$id: error' '$LOG'"
  e2e_stop_milter || true
  umount "$SMALL" && E2E_MOUNTS=()
  sed -i "s|^state_dir = .*|state_dir = $STATE|; /^\[store\]$/,\$d" "$CONFIG"
  e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"
else
  e2e_skip_part "store full: cannot mount a tmpfs here"
fi

# --- 5. The other safe answer: on_error = tempfail -------------------------------------
sed -i 's/^on_error = accept/on_error = tempfail/' "$CONFIG"
kill -HUP "$E2E_MILTER_PID"
e2e_check "on_error = tempfail reloaded" \
  e2e_wait_for "[ \$(grep -c 'configuration reloaded' '$LOG') -ge 2 ]" 50
rm -rf "$STATE"
swaks --server "127.0.0.1:$SMTP_PORT" --local-interface 127.0.0.2 --from billing@vendor.test \
  --to alice@example.test --data "@$FIXTURES/inbound-invoice.eml" --timeout 20 \
  >"$E2E_DIR/tempfail.txt" 2>&1
e2e_check "store deleted, on_error = tempfail: the client is told 451 4.3.0" \
  grep -q '<\*\* *451 4.3.0' "$E2E_DIR/tempfail.txt"
e2e_check "... and the error logged with the queue id" \
  logged "^.*: [0-9A-F]*: error: store unavailable: .*answering tempfail (on_error=tempfail)"
install -d -o nobody -m 700 "$STATE"
sed -i 's/^on_error = tempfail/on_error = accept/' "$CONFIG"
kill -HUP "$E2E_MILTER_PID"
e2e_check "on_error = accept reloaded" \
  e2e_wait_for "[ \$(grep -c 'configuration reloaded' '$LOG') -ge 3 ]" 50
sleep "$RETRY_WAIT"
id=$(send_invoice)
e2e_check "store back: scored ($id)" scored "$id"

# --- 6. An MTA that is slow, stalls or gives up mid-body ---------------------------
if command -v miltertest >/dev/null; then
  status=0
  miltertest -D "socket=inet:$MILTER_PORT@127.0.0.1" -D "check_lib=$HERE/milter_check.lua" \
    -s "$HERE/milter_slow.lua" || status=$?
  e2e_check "miltertest slow-MTA script passed" test "$status" = 0
  e2e_check "a body slower than the timeout is scored" scored MT0101
  e2e_check "a stalled, aborted message is not answered" bash -c "! grep -q 'MT0102: ' '$LOG'"
  e2e_check "the next message on that connection is scored" scored MT0103
  e2e_check "a new connection after a dropped one is scored" scored MT0105
  e2e_check "daemon still running" alive
else
  e2e_skip_part "slow MTA: miltertest is not installed"
fi

# --- 6b. A storm of SIGHUPs right after start ----------------------------------------
# libmilter's own signal thread stops the milter on SIGHUP; the daemon's main
# thread must take every one, even those that arrive while it is starting or
# still busy with the previous one. Two seconds of back-to-back kill -HUP.
restart_milter
storm_end=$((SECONDS + 2)) sent=0
while ((SECONDS < storm_end)); do kill -HUP "$E2E_MILTER_PID" 2>/dev/null && sent=$((sent + 1)); done
e2e_check "$sent SIGHUPs in two seconds right after start: daemon still running" alive
id=$(send_invoice)
e2e_check "... and still scoring ($id)" scored "$id"

# --- 7. Modes of the state directory, its files and the sockets ---------------------
# The admin socket went with the deleted state directory; the daemon makes
# it only when it starts.
restart_milter
e2e_check "state directory 0700, the service user's" \
  test "$(stat -c '%a %U' "$STATE")" = "700 nobody"
e2e_check "store files have no group or other bits (daemon umask)" \
  test -z "$(find "$STATE" -type f \( -perm /077 -o ! -user nobody \) -print)"
e2e_check "admin socket made" e2e_wait_for "test -S '$STATE/admin.sock'" 100
e2e_check "admin socket 0660" test "$(stat -c '%a' "$STATE/admin.sock")" = 660
status=0
e2e_stop_milter || status=$?
e2e_check "SIGTERM after every fault: exit status 0 (got $status)" test "$status" = 0

RUN="$E2E_DIR/run"
install -d -m 750 -o nobody "$RUN"  # as systemd's RuntimeDirectory
sed -i "s|^socket = .*|socket = unix:$RUN/milter.sock|" "$CONFIG"
"$MILTER" --config "$CONFIG" --foreground >>"$LOG" 2>&1 &
E2E_MILTER_PID=$!
E2E_PIDS+=("$E2E_MILTER_PID")
e2e_check "unix milter socket created" e2e_wait_for "test -S '$RUN/milter.sock'" 100
e2e_check "unix milter socket 0660" test "$(stat -c '%a' "$RUN/milter.sock")" = 660
status=0
e2e_stop_milter || status=$?
e2e_check "unix socket daemon: exit status 0 (got $status)" test "$status" = 0

if [ "$E2E_FAILURES" -gt 0 ]; then
  echo "$E2E_FAILURES check(s) failed"
  exit 1
fi
echo "all fault checks passed"
