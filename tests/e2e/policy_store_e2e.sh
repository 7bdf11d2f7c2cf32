#!/usr/bin/env bash
# End-to-end test of the policy entries kept in the store and of the audit
# trail, with a real Postfix while rapport-milter runs (so rapportctl goes
# through its admin socket), then with the daemon stopped.
#
#   policy_store_e2e.sh RAPPORT_MILTER RAPPORTCTL
#
# `policy add blocked_senders` holds the sender's next message without a
# restart, `policy remove` lets the one after through; a bad entry and the
# removal of an entry of rapport.conf fail with one line. `held release
# --trust-sender` makes the sender's next out-of-character message delivered,
# logged with the store entry that trusted it (and explain names it); a
# SIGHUP keeps it. `held
# report --block-sender` holds the sender's next message. `audit --json`
# lists every action with the uid the socket saw and the SUDO_USER the
# client reported; `held show` lists a message's history. Without the
# daemon, rapportctl works on the store itself. Installs nothing; skips
# (exit 77) without root, postfix or swaks.
set -uo pipefail

MILTER=${1:?usage: policy_store_e2e.sh RAPPORT_MILTER RAPPORTCTL}
RAPPORTCTL=${2:?usage: policy_store_e2e.sh RAPPORT_MILTER RAPPORTCTL}
HERE=$(cd "$(dirname "$0")" && pwd)
FIXTURES="$HERE/../fixtures/e2e"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

e2e_begin
LOG="$E2E_DIR/milter.log"
CONF="$E2E_DIR/conf"
mapfile -t mta < <(e2e_private_mta_lines)
e2e_write_milter_config "$CONFIG" "$MILTER_PORT" "metrics_listen =" \
  "[policy]" "blocked_senders = billing@vendor.test" "${mta[@]}"
e2e_start_postfix "$SMTP_PORT" "$MILTER_PORT"
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"
# The flush after a release (postqueue -i) finds the private Postfix here.
export MAIL_CONFIG="$CONF"
# As root, claiming to be run through sudo by e2e-admin.
ctl() { SUDO_USER=e2e-admin "$RAPPORTCTL" --config "$CONFIG" "$@"; }
send() { e2e_send "$SMTP_PORT" "$@"; }
logged() { e2e_wait_for "grep -q -- '$1' '$LOG'" 50; }
line_of() { grep -- "$1: inbound" "$LOG" | tail -1; }
# fails CMD...: exits non-zero with exactly one line on stderr.
fails() {
  local err="$E2E_DIR/err.txt"
  if "$@" >/dev/null 2>"$err"; then return 1; fi
  cat "$err"
  [ "$(wc -l <"$err")" = 1 ] && grep -q '^rapportctl: ' "$err"
}
# from_file FIXTURE ADDRESS: the fixture with its From header set to ADDRESS.
from_file() {
  local out="$E2E_DIR/$1-$2.eml"
  sed "s/^From: .*/From: Sender <$2>/" "$FIXTURES/$1.eml" >"$out"
  echo "$out"
}
PARTNER_INVOICE=$(from_file inbound-invoice x@partner.test)

# --- 1. policy add blocked_senders: the next message is held, no restart -----------
first=$(send "$PARTNER_INVOICE" 127.0.0.2 x@partner.test alice@example.test)
e2e_check "before any entry: not held ($first)" \
  logged "$first: inbound score=[0-9]* action=\(accept\|tag\) signals="
ctl policy add blocked_senders X@Partner.test --comment "fraud reported by phone"
e2e_check "policy add through the daemon: applied at once" \
  logged "policy: 1 entries kept in the store applied"
ctl policy list | tee "$E2E_DIR/list.txt"
e2e_check "policy list: the file's entry with its line" \
  grep -q "^blocked_senders  *billing@vendor.test  *$CONFIG:[0-9]" "$E2E_DIR/list.txt"
e2e_check "policy list: the store's entry, who added it and the comment" grep -q \
  "^blocked_senders  *x@partner.test  *added by 0/root (sudo e2e-admin) at .* (fraud reported by phone)" \
  "$E2E_DIR/list.txt"
e2e_check "policy list --json: its source" \
  bash -c "'$RAPPORTCTL' --config '$CONFIG' --json policy list | grep -q '\"source\": \"store\"'"
blocked=$(send "$PARTNER_INVOICE" 127.0.0.2 x@partner.test alice@example.test)
e2e_check "blocked by the store entry: held, entry and origin logged ($blocked)" logged \
  "$blocked: inbound score=[0-9]* action=hold policy=blocked_senders:x@partner.test signals=.* policy_origin=\"added by 0/root (sudo e2e-admin) at "
e2e_check "... in the hold queue" e2e_wait_for "e2e_in_hold $blocked" 50

# --- 2. Bad input: one line, non-zero, nothing changed ------------------------------
e2e_check "a bad entry is one line" fails ctl policy add blocked_senders nobody
e2e_check "... naming what an entry must be" \
  grep -q "'nobody' is not an address (name@domain) or @domain" "$E2E_DIR/err.txt"
e2e_check "an unknown list is one line" fails ctl policy add blocklist x@partner.test
e2e_check "an entry of rapport.conf cannot be removed here" \
  fails ctl policy remove blocked_senders billing@vendor.test
e2e_check "... edit the file" grep -q "is in $CONFIG:[0-9]*, not in the store: edit the file" \
  "$E2E_DIR/err.txt"
e2e_check "removing an entry nobody kept fails" fails ctl policy remove trusted_senders a@b.test

# --- 3. policy remove: the next message is not held ---------------------------------
ctl policy remove blocked_senders x@partner.test
e2e_check "policy remove: applied at once" logged "policy: 0 entries kept in the store applied"
after=$(send "$PARTNER_INVOICE" 127.0.0.2 x@partner.test alice@example.test)
e2e_check "after the removal: not held, no policy ($after)" \
  logged "$after: inbound score=[0-9]* action=\(accept\|tag\) signals="

# --- 4. held report --block-sender ----------------------------------------------------
reported=$(send "$FIXTURES/inbound-attack.eml" 127.0.0.2 mallory@proposal-docs.test \
  alice@example.test bob@example.test)
e2e_check "the attack held ($reported)" e2e_wait_for "e2e_in_hold $reported" 50
ctl held report --block-sender "$reported" | tee "$E2E_DIR/report.txt"
e2e_check "report --block-sender says what it added" grep -q \
  "^$reported: reported and deleted, blocked_senders:mallory@proposal-docs.test added" \
  "$E2E_DIR/report.txt"
INVOICE=$(from_file inbound-invoice mallory@proposal-docs.test)
next=$(send "$INVOICE" 127.0.0.2 mallory@proposal-docs.test alice@example.test)
e2e_check "the reported sender's next mail is held by the entry ($next)" \
  logged "$next: inbound score=[0-9]* action=hold policy=blocked_senders:mallory@proposal-docs.test"

# --- 5. held release --trust-sender -------------------------------------------------
statement=$(send "$FIXTURES/inbound-statement.eml" 127.0.0.2 \
  accounts@statements-portal.test alice@example.test)
e2e_check "statement held ($statement)" logged "$statement: inbound score=[0-9]* action=hold signals="
e2e_check "... in the hold queue" e2e_wait_for "e2e_in_hold $statement" 50
ctl held release --trust-sender "$statement" | tee "$E2E_DIR/release.txt"
e2e_check "release --trust-sender says what it added" grep -q \
  "^$statement: released and learned, trusted_senders:accounts@statements-portal.test added" \
  "$E2E_DIR/release.txt"
e2e_check "... released" e2e_delivered_file "$statement"
# The attack milter_e2e.sh shows held, now from the trusted sender.
ATTACK=$(from_file inbound-attack accounts@statements-portal.test)
trusted=$(send "$ATTACK" 127.0.0.2 accounts@statements-portal.test alice@example.test bob@example.test)
e2e_check "the trusted sender's out-of-character mail: accepted, store entry logged ($trusted)" \
  logged "$trusted: inbound score=[0-9]* action=accept policy=trusted_senders:accounts@statements-portal.test signals=[A-Z].* policy_origin=\"added by 0/root (sudo e2e-admin) at "
score=$(line_of "$trusted" | sed -n 's/.* score=\([0-9]*\) .*/\1/p')
e2e_check "... it would have been held (score $score >= 70)" test "${score:-0}" -ge 70
file=$(e2e_delivered_file "$trusted")
e2e_check "... delivered, X-Rapport-Signals names the entry" \
  grep -q '^X-Rapport-Signals: policy=trusted_senders:accounts@statements-portal.test' "$file"
"$RAPPORTCTL" --config "$CONFIG" explain "$file" >"$E2E_DIR/explain.txt" 2>&1
e2e_check "explain, beside the daemon, applies and names the store entry" grep -q \
  "^decided by policy: trusted_senders entry 'accounts@statements-portal.test' (added by 0/root (sudo e2e-admin) at .*): trusted" \
  "$E2E_DIR/explain.txt"

# --- 6. SIGHUP keeps the store's entries ----------------------------------------------
kill -HUP "$E2E_MILTER_PID"
e2e_check "reloaded" logged "configuration reloaded from"
again=$(send "$ATTACK" 127.0.0.2 accounts@statements-portal.test alice@example.test bob@example.test)
e2e_check "after SIGHUP the store entry still trusts ($again)" \
  logged "$again: inbound score=[0-9]* action=accept policy=trusted_senders:accounts@statements-portal.test"

e2e_check "a failed action is audited too" fails ctl held delete "$statement"

# --- 7. The audit trail --------------------------------------------------------------
ctl audit | tee "$E2E_DIR/audit.txt"
ctl --json audit >"$E2E_DIR/audit.json"
audited() {  # audited ACTION TARGET OUTCOME_PREFIX: one such record, by uid 0 (sudo e2e-admin)
  python3 - "$E2E_DIR/audit.json" "$@" <<'PY'
import json, sys
records = json.load(open(sys.argv[1]))
action, target, outcome = sys.argv[2:5]
sys.exit(0 if any(r["action"] == action and r["target"] == target and
                  r["outcome"].startswith(outcome) and r["actor"]["uid"] == 0 and
                  r["actor"]["user"] == "root" and r["actor"]["sudo_user"] == "e2e-admin"
                  for r in records) else 1)
PY
}
e2e_check "audit: policy add" audited "policy add" blocked_senders:x@partner.test ok
e2e_check "audit: the bad entry, with its error" audited "policy add" blocked_senders:nobody error
e2e_check "audit: policy remove" audited "policy remove" blocked_senders:x@partner.test ok
e2e_check "audit: release" audited release "$statement" ok
e2e_check "audit: the trust it added" audited "policy add" \
  trusted_senders:accounts@statements-portal.test ok
e2e_check "audit: report" audited report "$reported" ok
e2e_check "audit: the block it added" audited "policy add" \
  blocked_senders:mallory@proposal-docs.test ok
e2e_check "audit: the failed delete" audited delete "$statement" "error: $statement: already released"
e2e_check "audit: newest first" python3 -c "
import json, sys; r = json.load(open('$E2E_DIR/audit.json'))
sys.exit(0 if [x['at'] for x in r] == sorted((x['at'] for x in r), reverse=True) and r[0]['action'] == 'delete' else 1)"
e2e_check "audit --since 1h lists them" bash -c "'$RAPPORTCTL' --config '$CONFIG' audit --since 1h | grep -q ' release  $statement '"
e2e_check "audit --since bad is one line" fails ctl audit --since yesterday
ctl held show "$statement" | tee "$E2E_DIR/show.txt"
e2e_check "held show: the history, newest first" bash -c \
  "sed -n '/^history:/,\$p' '$E2E_DIR/show.txt' | sed -n 2p | grep -q ' delete  $statement  by 0/root (sudo e2e-admin): error: '"
e2e_check "held show: the release" grep -q " release  $statement  by 0/root (sudo e2e-admin): ok" \
  "$E2E_DIR/show.txt"
e2e_check "held show --json: its audit records" bash -c \
  "'$RAPPORTCTL' --config '$CONFIG' --json held show '$statement' | python3 -c 'import json,sys; a=json.load(sys.stdin)[\"audit\"]; sys.exit(0 if [x[\"action\"] for x in a] == [\"delete\", \"release\"] else 1)'"

# --- 8. Without the daemon: on the store itself -------------------------------------
status=0
e2e_stop_milter || status=$?
e2e_check "SIGTERM: exit status 0 (got $status)" test "$status" = 0
e2e_check "no admin socket left" test ! -e "$E2E_DIR/state/admin.sock"
e2e_check "policy list reads the store" bash -c \
  "'$RAPPORTCTL' --config '$CONFIG' policy list | grep -q '^trusted_senders  *accounts@statements-portal.test  *added by 0/root'"
ctl policy remove trusted_senders accounts@statements-portal.test
e2e_check "policy remove on the store" bash -c \
  "! '$RAPPORTCTL' --config '$CONFIG' policy list | grep -q accounts@statements-portal.test"
e2e_check "... audited there too" bash -c \
  "'$RAPPORTCTL' --config '$CONFIG' audit | head -1 | grep -q ' policy remove  trusted_senders:accounts@statements-portal.test  by 0/root (sudo e2e-admin): ok'"
e2e_check "the store stays the service user's" test "$(stat -c %U "$E2E_DIR/state/CURRENT")" = nobody

if [ "$E2E_FAILURES" -gt 0 ]; then
  echo "$E2E_FAILURES check(s) failed"
  exit 1
fi
echo "all policy store checks passed"
