#!/usr/bin/env bash
# kill -9 of rapport-milter in the middle of a stream of mail from a real
# Postfix on loopback.
#
#   kill9_e2e.sh RAPPORT_MILTER RAPPORTCTL [MESSAGES]
#
# Sends MESSAGES (default 300) inbound messages, four SMTP clients at a
# time, a third of them of a kind Rapport holds. When a third of the stream
# is accepted the daemon is killed with SIGKILL; it is started again on the
# same store (as systemd would restart it) once Postfix has accepted more
# mail with the milter down. Then every message Postfix accepted must be
# delivered or in the hold queue (lost = 0); every message in the hold queue
# must have a held-mail record, and every record must name a message in the
# hold queue, unless the milter was killed between writing the record and
# answering (the mail was then delivered by milter_default_action, and the
# record names mail that is gone, which "rapportctl held purge" forgets). Prints the counts. Installs nothing; skips (exit 77) without
# root, postfix or swaks.
set -uo pipefail

MILTER=${1:?usage: kill9_e2e.sh RAPPORT_MILTER RAPPORTCTL [MESSAGES]}
RAPPORTCTL=${2:?usage: kill9_e2e.sh RAPPORT_MILTER RAPPORTCTL [MESSAGES]}
MESSAGES=${3:-300}
CLIENTS=4
HERE=$(cd "$(dirname "$0")" && pwd)
FIXTURES="$HERE/../fixtures/e2e"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

e2e_begin
FIRST_LOG="$E2E_DIR/milter-killed.log"
SECOND_LOG="$E2E_DIR/milter-restarted.log"
SENT="$E2E_DIR/sent"
mkdir -p "$SENT"
e2e_write_milter_config "$CONFIG" "$MILTER_PORT"
e2e_start_postfix "$SMTP_PORT" "$MILTER_PORT"
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$FIRST_LOG"

# A little history first: Alice writes to the vendor, so its invoices are
# ordinary mail while the first-contact statements are held.
warm=$(e2e_send "$SMTP_PORT" "$FIXTURES/outbound-order.eml" 127.0.0.1 alice@example.test \
  billing@vendor.test)
e2e_check "history learned before the stream ($warm)" \
  e2e_wait_for "grep -q '$warm: outbound action=accept learned' '$FIRST_LOG'" 100

# send_stream CLIENT: this client's share of the stream, one SMTP session
# per message; Postfix's answer is kept in $SENT/N.txt.
send_stream() {
  local client=$1 n fixture from
  for ((n = client; n < MESSAGES; n += CLIENTS)); do
    if ((n % 3 == 0)); then
      fixture=inbound-statement from=accounts@statements-portal.test
    else
      fixture=inbound-invoice from=billing@vendor.test
    fi
    swaks --server "127.0.0.1:$SMTP_PORT" --local-interface 127.0.0.2 --from "$from" \
      --to alice@example.test --data "@$FIXTURES/$fixture.eml" --timeout 60 \
      >"$SENT/$n.tmp" 2>&1
    mv "$SENT/$n.tmp" "$SENT/$n.txt"
  done
}
answered() { find "$SENT" -name '*.txt' | wc -l; }

client_pids=()
for ((c = 0; c < CLIENTS; c++)); do
  send_stream "$c" &
  client_pids+=("$!")
  E2E_PIDS+=("$!")
done

e2e_check "a third of the stream answered before the kill" \
  e2e_wait_for "[ \$(answered) -ge $((MESSAGES / 3)) ]" 1200
kill -KILL "$E2E_MILTER_PID"
wait "$E2E_MILTER_PID" 2>/dev/null
killed_at=$(answered)
echo "rapport-milter killed with SIGKILL after $killed_at answered messages"
# Mail keeps flowing without the milter (milter_default_action = accept).
e2e_check "Postfix accepts mail while the milter is down" \
  e2e_wait_for "[ \$(answered) -ge $((killed_at + 10)) ]" 600
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$SECOND_LOG"
restarted_at=$(answered)
echo "rapport-milter restarted after $restarted_at answered messages"
for pid in "${client_pids[@]}"; do wait "$pid"; done

# --- Counting ----------------------------------------------------------------------
ids_of() { grep -ho 'queued as [0-9A-Za-z]*' "$@" 2>/dev/null | awk '{print $3}' | sort -u; }
ids_of "$SENT"/*.txt >"$E2E_DIR/accepted.ids"
sent=$(wc -l <"$E2E_DIR/accepted.ids")
e2e_check "Postfix accepted every message sent ($sent of $MESSAGES)" test "$sent" = "$MESSAGES"

# Delivery is asynchronous: wait until only held mail is left in the queue.
queue_settled() {
  ! postqueue -c "$E2E_DIR/conf" -j 2>/dev/null | grep -v '"queue_name": *"hold"' | grep -q .
}
e2e_check "the queue holds nothing but held mail" e2e_wait_for queue_settled 600

INBOX="$E2E_DIR/mail/inbox/new"
# Postfix names the queue id in the Received header it adds: "id QUEUEID".
grep -ho 'with E\?SMTP id [0-9A-Za-z]*' "$INBOX"/* 2>/dev/null | awk '{print $4}' |
  sort -u >"$E2E_DIR/delivered.ids"
e2e_hold_queue_ids >"$E2E_DIR/held.ids"
comm -23 "$E2E_DIR/accepted.ids" <(sort -u "$E2E_DIR/delivered.ids" "$E2E_DIR/held.ids") \
  >"$E2E_DIR/lost.ids"
delivered=$(comm -12 "$E2E_DIR/accepted.ids" "$E2E_DIR/delivered.ids" | wc -l)
held=$(comm -12 "$E2E_DIR/accepted.ids" "$E2E_DIR/held.ids" | wc -l)
lost=$(wc -l <"$E2E_DIR/lost.ids")
unscored=$(grep -L '^X-Rapport-Score:' "$INBOX"/* 2>/dev/null | wc -l)
echo "kill -9 count: sent=$sent delivered=$delivered held=$held lost=$lost" \
  "(delivered unscored while the milter was down: $unscored)"
e2e_check "lost = 0 (lost ids: $(tr '\n' ' ' <"$E2E_DIR/lost.ids"))" test "$lost" = 0
e2e_check "sent = delivered + held" test "$sent" = "$((delivered + held))"
e2e_check "mail accepted while the milter was down was delivered" test "$unscored" -gt 0

scored_after=$(grep -c ': inbound score=' "$SECOND_LOG")
held_after=$(grep -c ': inbound score=[0-9]* action=hold' "$SECOND_LOG")
# Until the store has replayed its write-ahead log, messages get on_error at
# once ("still opening"); any other store error is a failure.
recovering=$(grep -c 'store unavailable: .*still opening' "$SECOND_LOG")
e2e_check "the restarted daemon opened its store ($recovering answered on_error meanwhile)" \
  grep -q 'history store open after [0-9.]*s' "$SECOND_LOG"
e2e_check "no store error but the replay's own" \
  bash -c "! grep 'store unavailable' '$SECOND_LOG' | grep -qv 'still opening'"
e2e_check "the restarted daemon scored mail ($scored_after messages, $held_after held)" \
  test "$scored_after" -gt 0 -a "$held_after" -gt 0
e2e_check "the killed daemon held mail before it died" \
  grep -q ': inbound score=[0-9]* action=hold' "$FIRST_LOG"

# --- Held-mail records against the hold queue ------------------------------------------
"$RAPPORTCTL" --config "$CONFIG" --json held list --all >"$E2E_DIR/records.json"
/usr/bin/python3 -c '
import json, sys
for record in json.load(open(sys.argv[1])):
    print(record["queue_id"])' "$E2E_DIR/records.json" | sort -u >"$E2E_DIR/records.ids"
records=$(wc -l <"$E2E_DIR/records.ids")
comm -23 "$E2E_DIR/held.ids" "$E2E_DIR/records.ids" >"$E2E_DIR/unrecorded.ids"
missing=$(tr '\n' ' ' <"$E2E_DIR/unrecorded.ids")
e2e_check "every message in the hold queue has a held-mail record ($records records; missing: ${missing:-none})" \
  test ! -s "$E2E_DIR/unrecorded.ids"
orphans=0 in_flight=0
for id in $(comm -23 "$E2E_DIR/records.ids" "$E2E_DIR/held.ids"); do
  # Written, then killed before Postfix had the whole answer: the mail was
  # delivered by milter_default_action, and the killed daemon never logged
  # it or Postfix never saw its headers. Anything else is an orphan.
  file=$(grep -lE "with E?SMTP id $id([;[:space:]]|\$)" "$INBOX"/* 2>/dev/null | head -1)
  if [ -n "$file" ] && { ! grep -q "$id: inbound" "$FIRST_LOG" ||
    ! grep -q '^X-Rapport-Score:' "$file"; }; then
    in_flight=$((in_flight + 1))
  else
    orphans=$((orphans + 1))
    echo "orphaned held-mail record: $id"
  fi
done
echo "held-mail records: $records; in flight at the kill: $in_flight; orphaned: $orphans"
e2e_check "records of mail in flight at the kill: at most one per client ($in_flight)" \
  test "$in_flight" -le "$CLIENTS"
e2e_check "no held-mail record is orphaned" test "$orphans" = 0

status=0
e2e_stop_milter || status=$?
e2e_check "the restarted daemon exits 0 on SIGTERM (got $status)" test "$status" = 0

if [ "$E2E_FAILURES" -gt 0 ]; then
  echo "$E2E_FAILURES check(s) failed"
  exit 1
fi
echo "all kill -9 checks passed"
