#!/usr/bin/env bash
# End-to-end test of rapport-milter with a real Postfix on loopback.
#
#   milter_e2e.sh RAPPORT_MILTER RAPPORTCTL
#
# Loopback has one client address per interface, so direction is made the
# way a real site makes it: internal_networks = 127.0.0.1/32, and swaks
# connects from 127.0.0.1 for outbound mail (a local sender, learned) and
# binds 127.0.0.2 (--local-interface) for inbound mail (scored). Postfix
# listens on 127.0.0.1 only; 127.0.0.0/8 is in its mynetworks.
#
# Installs nothing; skips (exit 77) without root, postfix or swaks.
set -uo pipefail

MILTER=${1:?usage: milter_e2e.sh RAPPORT_MILTER RAPPORTCTL}
RAPPORTCTL=${2:?usage: milter_e2e.sh RAPPORT_MILTER RAPPORTCTL}
HERE=$(cd "$(dirname "$0")" && pwd)
FIXTURES="$HERE/../fixtures/e2e"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

e2e_begin
LOG="$E2E_DIR/milter.log"
e2e_write_milter_config "$CONFIG" "$MILTER_PORT" "subject_tag = [SUSPICIOUS]"
e2e_start_postfix "$SMTP_PORT" "$MILTER_PORT"
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"

INBOX="$E2E_DIR/mail/inbox/new"

# send NAME CLIENT_IP FROM TO...: sends fixture NAME.eml and prints the
# queue id Postfix gave it.
send() { e2e_send "$SMTP_PORT" "$FIXTURES/$1.eml" "${@:2}"; }
delivered() { e2e_delivered_file "$1"; }

milter_logged() { e2e_wait_for "grep -q -- \"$1\" \"$LOG\"" 50; }

# --- 1. Outbound mail teaches a correspondent ---------------------------------
id=$(send outbound-order 127.0.0.1 alice@example.test billing@vendor.test)
e2e_check "outbound mail accepted by Postfix ($id)" test -n "$id"
e2e_check "outbound mail learned" milter_logged "$id: outbound action=accept learned"

# --- 2. Inbound mail from the correspondent is scored and delivered -----------
id=$(send inbound-invoice 127.0.0.2 billing@vendor.test alice@example.test)
file=$(delivered "$id")
e2e_check "inbound mail delivered ($id)" test -n "$file"
e2e_check "X-Rapport-Score on delivered mail" grep -q '^X-Rapport-Score: [0-9]' "$file"
e2e_check "X-Rapport-Signals on delivered mail" grep -q '^X-Rapport-Signals:' "$file"
e2e_check "one log line for it" milter_logged "$id: inbound score=[0-9]* action=accept"

# --- 3. Forged X-Rapport-* headers are removed ---------------------------------
id=$(send inbound-forged 127.0.0.2 billing@vendor.test alice@example.test)
file=$(delivered "$id")
e2e_check "forged mail delivered ($id)" test -n "$file"
e2e_check "exactly one X-Rapport-Score (ours)" \
  test "$(grep -ci '^x-rapport-score[[:blank:]]*:' "$file")" = 1
e2e_check "exactly one X-Rapport-Signals (ours)" \
  test "$(grep -ci '^x-rapport-signals[[:blank:]]*:' "$file")" = 1
e2e_check "forged 'X-Rapport-Score: 0' gone" bash -c "! grep -q 'forged-marker' '$file'"
e2e_check "forged 'X-Rapport-Score :' (blank before the colon) gone" \
  bash -c "! grep -q 'spaced-marker' '$file'"
e2e_check "third, upper-case X-RAPPORT-SCORE gone" bash -c "! grep -q 'repeated-marker' '$file'"
e2e_check "folded lower-case x-rapport-signals gone" bash -c "! grep -qi 'FORGED_SIGNAL' '$file'"
e2e_check "forged X-RAPPORT-Verdict gone" bash -c "! grep -qi '^x-rapport-verdict' '$file'"
e2e_check "removal logged" milter_logged "$id: inbound .*removed_forged_headers=6"

# --- 4. Out-of-character mail is tagged ------------------------------------------
id=$(send inbound-tag 127.0.0.2 billing@vendor.test alice@example.test)
file=$(delivered "$id")
e2e_check "tagged mail delivered ($id)" test -n "$file"
e2e_check "subject tagged" grep -q '^Subject: \[SUSPICIOUS\] Updated bank details' "$file"
e2e_check "tag logged" milter_logged "$id: inbound score=[0-9]* action=tag"

# --- 5. The attack is held in Postfix's hold queue --------------------------------
held_id=$(send inbound-attack 127.0.0.2 mallory@proposal-docs.test \
  alice@example.test bob@example.test carol@example.test)
e2e_check "attack accepted by Postfix ($held_id)" test -n "$held_id"
e2e_check "attack held (logged)" milter_logged "$held_id: inbound score=[0-9]* action=hold"
e2e_check "attack in the hold queue (postqueue -j)" e2e_wait_for "e2e_in_hold $held_id" 50
e2e_check "attack not delivered" bash -c "! grep -lq 'id $held_id' $INBOX/* 2>/dev/null"
# A first-contact sender linking a first-seen r2.dev page, no BCC: held
# below the score cap (the explain check below wants an unsaturated score).
statement_id=$(send inbound-statement 127.0.0.2 accounts@statements-portal.test alice@example.test)
e2e_check "statement held (logged)" milter_logged "$statement_id: inbound score=[0-9]* action=hold"
e2e_check "statement in the hold queue" e2e_wait_for "e2e_in_hold $statement_id" 50

# --- 6. SIGHUP: an invalid file is refused, a valid one is applied ------------------
cp "$CONFIG" "$CONFIG.good"
echo "no_such_key = 1" >>"$CONFIG"
kill -HUP "$E2E_MILTER_PID"
e2e_check "invalid reload refused" milter_logged "reload refused, keeping the running configuration"
e2e_check "daemon still running after invalid reload" kill -0 "$E2E_MILTER_PID"
sed 's/^log_level = info/log_level = debug/' "$CONFIG.good" >"$CONFIG"
kill -HUP "$E2E_MILTER_PID"
e2e_check "valid reload applied" milter_logged "configuration reloaded from"

# --- 7. SIGTERM drains and exits 0 ----------------------------------------------------
status=0
e2e_stop_milter || status=$?
e2e_check "SIGTERM: exit status 0 (got $status)" test "$status" = 0
e2e_check "SIGTERM: stopped cleanly" grep -q 'stopped$' "$LOG"

# --- 8. The milter and rapportctl explain agree -----------------------------------------
# Held mail is not learned as history (only observed, which counts in no
# base rate and corroborates nothing for a sender that is not established),
# so the store scores as it did when the milter scored the held messages:
# explain must give the same score and signals.
# agree_with_explain QUEUE_ID RCPT...
agree_with_explain() {
  local id=$1; shift
  local queued="$E2E_DIR/$id.eml" line milter_score milter_signals explained cli_score cli_signals
  # The message as the milter saw it: as queued (with Postfix's Received
  # header), without the headers the milter added or the tag it put on the
  # subject, and with its envelope recipients as X-Original-To so that
  # explain sees a BCC as the milter did.
  {
    for rcpt in "$@"; do echo "X-Original-To: $rcpt"; done
    postcat -c "$E2E_DIR/conf" -h -b -q "$id" 2>/dev/null |
      grep -v '^\*\*\*' | grep -vi '^x-rapport-' | sed 's/^Subject: \[SUSPICIOUS\] /Subject: /'
  } >"$queued"
  explained=$("$RAPPORTCTL" --config "$CONFIG" --json explain "$queued" 2>"$E2E_DIR/explain.err")
  line=$(grep -- "$id: inbound" "$LOG" | tail -1)
  milter_score=$(sed -n 's/.* score=\([0-9]*\) .*/\1/p' <<<"$line")
  milter_signals=$(sed -n 's/.* signals=\([A-Z0-9_,]*\).*/\1/p' <<<"$line")
  read -r cli_score cli_signals < <(/usr/bin/python3 -c '
import json, sys
v = json.loads(sys.stdin.read())
print(v["score"], ",".join(v["signals"]))' <<<"$explained")
  e2e_check "$id: explain gives the milter's score ($milter_score vs $cli_score)" \
    test "$milter_score" = "$cli_score"
  e2e_check "$id: explain gives the milter's signals ($milter_signals vs $cli_signals)" \
    test "$milter_signals" = "$cli_signals"
}
agree_with_explain "$held_id" alice@example.test bob@example.test carol@example.test
agree_with_explain "$statement_id" alice@example.test
e2e_check "held-mail record for $held_id (rapportctl held list)" \
  bash -c "'$RAPPORTCTL' --config '$CONFIG' held list | grep -q '$held_id'"

# --- 9. A broken store: mail still delivered, error logged with the queue id --------------
chmod 000 "$E2E_DIR/state"
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"
id=$(send inbound-forged 127.0.0.2 billing@vendor.test alice@example.test)
file=$(delivered "$id")
e2e_check "broken store: mail still delivered ($id)" test -n "$file"
e2e_check "broken store: error logged with the queue id" \
  milter_logged "$id: error: store unavailable: .*on_error=accept"
e2e_check "broken store: forged headers still removed" bash -c "! grep -q 'forged-marker' '$file'"
chmod 700 "$E2E_DIR/state"
status=0
e2e_stop_milter || status=$?
e2e_check "second SIGTERM: exit status 0 (got $status)" test "$status" = 0

if [ "$E2E_FAILURES" -gt 0 ]; then
  echo "$E2E_FAILURES check(s) failed"
  exit 1
fi
echo "all end-to-end checks passed"
