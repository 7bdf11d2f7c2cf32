#!/usr/bin/env bash
# End-to-end test of rapportctl held with a real Postfix, while
# rapport-milter runs and holds the store (so every rapportctl call goes
# through the daemon's admin socket).
#
#   held_e2e.sh RAPPORT_MILTER RAPPORTCTL
#
# Held mail is listed and shown; released mail is delivered and learned, so
# the same message from the same sender is not held again; deleted mail
# leaves the queue; reported mail makes a new message from another sender
# with the same link domain score higher. Every error rapportctl promises
# (unknown id, invalid id, already released, failing MTA command) is checked
# too. Then `rapportctl stats` beside the daemon counts what went through,
# and `store check|compact|backup` run beside it. Installs nothing; skips (exit 77) without root, postfix or swaks.
set -uo pipefail

MILTER=${1:?usage: held_e2e.sh RAPPORT_MILTER RAPPORTCTL}
RAPPORTCTL=${2:?usage: held_e2e.sh RAPPORT_MILTER RAPPORTCTL}
HERE=$(cd "$(dirname "$0")" && pwd)
E2E_FIXTURES="$HERE/../fixtures/e2e"
FIXTURES="$HERE/../fixtures/held"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

e2e_begin
LOG="$E2E_DIR/milter.log"
CONF="$E2E_DIR/conf"
mapfile -t mta < <(e2e_private_mta_lines)
e2e_write_milter_config "$CONFIG" "$MILTER_PORT" "${mta[@]}"
e2e_start_postfix "$SMTP_PORT" "$MILTER_PORT"
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"

INBOX="$E2E_DIR/mail/inbox/new"
# The flush after a release (postqueue -i, not configurable) finds the
# private Postfix through MAIL_CONFIG.
export MAIL_CONFIG="$CONF"
ctl() { "$RAPPORTCTL" --config "$CONFIG" "$@"; }

# send FILE CLIENT_IP FROM TO...: prints the queue id Postfix gave it.
send() { e2e_send "$SMTP_PORT" "$@"; }
delivered() { e2e_wait_for "grep -lq 'id $1' $INBOX/* 2>/dev/null" 100; }
logged() { e2e_wait_for "grep -q -- \"$1\" \"$LOG\"" 50; }
queued() { postqueue -c "$CONF" -j 2>/dev/null | grep -q "\"queue_id\": *\"$1\""; }
not_queued() { ! queued "$1"; }
not_held() { ! e2e_in_hold "$1"; }
score_of() { grep -- "$1: inbound" "$LOG" | tail -1 | sed -n 's/.* score=\([0-9]*\) .*/\1/p'; }
# fails CMD... : the command exits non-zero with exactly one line on stderr.
fails() {
  local err="$E2E_DIR/err.txt"
  if "$@" >/dev/null 2>"$err"; then return 1; fi
  [ "$(wc -l <"$err")" = 1 ] && grep -q '^rapportctl: ' "$err"
}

# --- 1. Held mail is listed and shown ------------------------------------------
statement=$(send "$E2E_FIXTURES/inbound-statement.eml" 127.0.0.2 \
  accounts@statements-portal.test alice@example.test)
e2e_check "statement held ($statement)" logged "$statement: inbound score=[0-9]* action=hold"
e2e_check "statement in the hold queue" e2e_wait_for "e2e_in_hold $statement" 50
e2e_check "the admin socket exists, mode 0660" \
  test "$(stat -c %a "$E2E_DIR/state/admin.sock" 2>/dev/null)" = 660
e2e_check "held list shows it" bash -c "'$RAPPORTCTL' --config '$CONFIG' held list | grep -q '^$statement .*accounts@statements-portal'"
e2e_check "held list --json shows it" \
  bash -c "'$RAPPORTCTL' --config '$CONFIG' held list --json | grep -q '\"queue_id\": \"$statement\"'"
e2e_check "held list --min-score 101 hides it" \
  bash -c "! '$RAPPORTCTL' --config '$CONFIG' held list --min-score 101 | grep -q '$statement'"
ctl held list
ctl held show "$statement" 2>&1 | tee "$E2E_DIR/show.txt"
e2e_check "held show: signals with evidence" grep -q 'FIRST_CONTACT' "$E2E_DIR/show.txt"
e2e_check "held show: the link and its domain" \
  grep -q 'https://pub-5d1e0c7a9b3f.r2.dev/statement.html' "$E2E_DIR/show.txt"
e2e_check "held show: the link domain's history" \
  grep -q 'pub-5d1e0c7a9b3f.r2.dev: never received before' "$E2E_DIR/show.txt"
e2e_check "held show --json: links with history" \
  bash -c "'$RAPPORTCTL' --config '$CONFIG' --json held show '$statement' | grep -q '\"history\"'"
e2e_check "held show: a body excerpt from the queue" \
  grep -q 'your new approved statement is ready' "$E2E_DIR/show.txt"
e2e_check "held show leaves the mail in the hold queue" e2e_in_hold "$statement"

# --- 2. Errors: unknown, invalid, failing MTA command ---------------------------
e2e_check "unknown id: one-line error, non-zero exit" fails ctl held release ABCDEF12345
e2e_check "unsafe id refused" fails ctl held delete 'ABC;rm -rf /'
sed 's/^release_command = .*/release_command = postsuper -c \/nonexistent -H {queue_id}/' \
  "$CONFIG" >"$E2E_DIR/broken.conf"
e2e_check "failing MTA command: error" \
  fails "$RAPPORTCTL" --config "$E2E_DIR/broken.conf" held release "$statement"
e2e_check "failing MTA command: record and mail unchanged" \
  bash -c "'$RAPPORTCTL' --config '$CONFIG' held list | grep -q '^$statement '"
e2e_check "failing MTA command: still in the hold queue" e2e_in_hold "$statement"

# --- 3. Release delivers and learns ----------------------------------------------
e2e_check "held release" ctl held release "$statement"
e2e_check "released mail delivered to the Maildir" delivered "$statement"
e2e_check "already released: error" fails ctl held release "$statement"
e2e_check "released mail gone from held list" \
  bash -c "! '$RAPPORTCTL' --config '$CONFIG' held list | grep -q '^$statement '"
again=$(send "$E2E_FIXTURES/inbound-statement.eml" 127.0.0.2 \
  accounts@statements-portal.test alice@example.test)
e2e_check "the same message from the same sender is not held again ($again)" \
  logged "$again: inbound score=[0-9]* action=\(accept\|tag\)"
e2e_check "... and delivered" delivered "$again"

# --- 4. Delete removes the mail from the queue --------------------------------------
attack=$(send "$E2E_FIXTURES/inbound-attack.eml" 127.0.0.2 mallory@proposal-docs.test \
  alice@example.test bob@example.test carol@example.test)
e2e_check "attack held ($attack)" e2e_wait_for "e2e_in_hold $attack" 50
e2e_check "held delete" ctl held delete "$attack"
e2e_check "deleted mail gone from the queue (postqueue -j)" not_queued "$attack"
e2e_check "delete twice: error" fails ctl held delete "$attack"

# --- 5. Report makes the link domain score higher for another sender ------------------
before=$(send "$FIXTURES/probe.eml" 127.0.0.2 billing@first-probe.test alice@example.test)
e2e_check "probe before the report scored ($before)" logged "$before: inbound score="
reported=$(send "$FIXTURES/report-attack.eml" 127.0.0.2 team@proposal-share.test \
  alice@example.test bob@example.test carol@example.test)
e2e_check "attack to report held ($reported)" e2e_wait_for "e2e_in_hold $reported" 50
e2e_check "held report" ctl --json held report "$reported"
e2e_check "reported mail gone from the queue" not_queued "$reported"
after=$(send "$FIXTURES/probe.eml" 127.0.0.2 billing@second-probe.test alice@example.test)
e2e_check "probe after the report scored ($after)" logged "$after: inbound score="
score_before=$(score_of "$before")
score_after=$(score_of "$after")
e2e_check "another sender's message with the reported link domain scores higher ($score_before -> $score_after)" \
  test "${score_after:-0}" -gt "${score_before:-999}"
e2e_check "REPORTED_INDICATOR named" logged "$after: inbound .*REPORTED_INDICATOR"

# --- 6. Purge -------------------------------------------------------------------------
e2e_check "held purge --older-than" ctl held purge --older-than 1d
e2e_check "purge with a bad age: usage error" bash -c "! '$RAPPORTCTL' --config '$CONFIG' held purge --older-than soon 2>/dev/null"

# --- 7. Stats and store maintenance beside the running daemon --------------------------
inbound=$(grep -c ': inbound score=' "$LOG")
holds=$(grep -c ': inbound score=[0-9]* action=hold' "$LOG")
ctl --json stats --since 1d >"$E2E_DIR/stats.json" 2>&1
cat "$E2E_DIR/stats.json"
has() { grep -q -- "$1" "$E2E_DIR/stats.json"; }
e2e_check "stats --json: $inbound inbound messages" has "\"inbound\": $inbound,"
e2e_check "stats --json: $holds holds" has "\"hold\": $holds,"
e2e_check "stats --json: $holds held, 1 released, 1 deleted, 1 reported" \
  bash -c "grep -q '\"held\": $holds,' '$E2E_DIR/stats.json' && grep -q '\"released\": 1,' '$E2E_DIR/stats.json' && grep -q '\"deleted\": 1,' '$E2E_DIR/stats.json' && grep -q '\"reported\": 1$' '$E2E_DIR/stats.json'"
e2e_check "stats --json: FIRST_CONTACT among the signals" has '"name": "FIRST_CONTACT"'
ctl stats | tee "$E2E_DIR/stats.txt"
e2e_check "stats: a histogram drawn with #" grep -q ' |#' "$E2E_DIR/stats.txt"
e2e_check "store check beside the daemon" ctl store check
e2e_check "store compact beside the daemon" ctl --json store compact
mkdir -p "$E2E_DIR/backups" && chown nobody "$E2E_DIR/backups"
e2e_check "store backup beside the daemon" ctl store backup "$E2E_DIR/backups/one"
e2e_check "backup directory is 0700" test "$(stat -c %a "$E2E_DIR/backups/one")" = 700
e2e_check "backup into a non-empty directory: error" fails ctl store backup "$E2E_DIR/backups/one"

late=$(send "$E2E_FIXTURES/inbound-attack.eml" 127.0.0.2 eve@proposal-docs.test alice@example.test)
e2e_check "another attack held ($late)" e2e_wait_for "e2e_in_hold $late" 50

status=0
e2e_stop_milter || status=$?
e2e_check "milter exits 0 (got $status)" test "$status" = 0
e2e_check "admin socket removed at exit" test ! -e "$E2E_DIR/state/admin.sock"
# Without the daemon, rapportctl opens the store itself.
e2e_check "held list --all without the daemon" \
  bash -c "'$RAPPORTCTL' --config '$CONFIG' held list --all | grep -q '$attack .*(deleted)'"

# --- 8. Held mail released by root while the daemon is stopped ---------------------------
# postsuper needs root; the store's files must stay the service user's.
e2e_check "held release without the daemon, as root" ctl held release "$late"
e2e_check "... out of the hold queue" not_held "$late"
e2e_check "no file in the state directory is root's" \
  test -z "$(find "$E2E_DIR/state" -user root -print)"
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"
restarted=$(send "$FIXTURES/probe.eml" 127.0.0.2 billing@third-probe.test alice@example.test)
e2e_check "the restarted daemon opens the store and scores ($restarted)" \
  logged "$restarted: inbound score="
e2e_stop_milter || true

sed "s|^state_dir = .*|state_dir = $E2E_DIR/backups/one|" "$CONFIG" >"$E2E_DIR/backup.conf"
e2e_check "store check on the backup, without a daemon" \
  "$RAPPORTCTL" --config "$E2E_DIR/backup.conf" store check
e2e_check "the backup counts the same holds" bash -c \
  "'$RAPPORTCTL' --config '$E2E_DIR/backup.conf' --json stats | grep -q '\"hold\": $holds,'"

if [ "$E2E_FAILURES" -gt 0 ]; then
  echo "$E2E_FAILURES check(s) failed"
  exit 1
fi
echo "all held-mail checks passed"
