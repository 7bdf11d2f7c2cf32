#!/usr/bin/env bash
# End-to-end test of the [policy] lists with a real Postfix.
#
#   policy_e2e.sh RAPPORT_MILTER RAPPORTCTL
#
# A trusted domain's mail that would be held is delivered untagged, still
# scored, with the deciding entry named in the log line, in
# X-Rapport-Signals and by `rapportctl explain`; the same From with another
# envelope sender earns no trust. A blocked sender's mail is held, then
# rejected once blocked_action = reject. SIGHUP applies changed lists and
# refuses a bad entry naming its file and line. Installs nothing; skips
# (exit 77) without root, postfix or swaks.
set -uo pipefail

MILTER=${1:?usage: policy_e2e.sh RAPPORT_MILTER RAPPORTCTL}
RAPPORTCTL=${2:?usage: policy_e2e.sh RAPPORT_MILTER RAPPORTCTL}
HERE=$(cd "$(dirname "$0")" && pwd)
FIXTURES="$HERE/../fixtures/e2e"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

e2e_begin
LOG="$E2E_DIR/milter.log"
INBOX="$E2E_DIR/mail/inbox/new"
write_config() {  # write_config [policy lines...]
  e2e_write_milter_config "$CONFIG" "$MILTER_PORT" "metrics_listen =" "[policy]" "$@"
}
write_config "trusted_domains = statements-portal.test" "blocked_senders = billing@vendor.test"
e2e_start_postfix "$SMTP_PORT" "$MILTER_PORT"
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"

send() { e2e_send "$SMTP_PORT" "$FIXTURES/$1.eml" "${@:2}"; }
logged() { e2e_wait_for "grep -q -- \"$1\" \"$LOG\"" 50; }
reloaded() {  # reloaded COUNT: COUNT reloads applied so far
  e2e_wait_for "test \"\$(grep -c 'configuration reloaded from' '$LOG')\" = $1" 50
}
trusted_line() { grep -n '^trusted_domains' "$CONFIG" | cut -d: -f1; }

# --- 1. A trusted From with an envelope sender nobody trusts ------------------------
# First: the trusted domain's mail below is delivered, so learned, and would
# no longer be out of character.
forged=$(send inbound-statement 127.0.0.2 attacker@elsewhere.test alice@example.test)
e2e_check "forged trusted From: held as usual, no policy ($forged)" \
  logged "$forged: inbound score=[0-9]* action=hold signals="
e2e_check "... in the hold queue" e2e_wait_for "e2e_in_hold $forged" 50

# --- 2. A trusted domain: scored, named, delivered untouched ------------------------
line=$(trusted_line)
trusted=$(send inbound-statement 127.0.0.2 accounts@statements-portal.test alice@example.test)
e2e_check "trusted: accepted, the entry named in the log ($trusted)" \
  logged "$trusted: inbound score=[0-9]* action=accept policy=trusted_domains:statements-portal.test signals=[A-Z]"
file=$(e2e_delivered_file "$trusted")
e2e_check "trusted: delivered" test -n "$file"
e2e_check "trusted: still scored (X-Rapport-Score)" grep -q '^X-Rapport-Score: [0-9]' "$file"
e2e_check "trusted: X-Rapport-Signals names the entry first" \
  grep -q '^X-Rapport-Signals: policy=trusted_domains:statements-portal.test, [A-Z]' "$file"
e2e_check "trusted: subject not tagged" grep -q '^Subject: New approved statement' "$file"
"$RAPPORTCTL" --config "$CONFIG" explain "$file" >"$E2E_DIR/explain.txt" 2>&1
cat "$E2E_DIR/explain.txt"
e2e_check "explain names the entry, its file and line" grep -q \
  "^decided by policy: trusted_domains entry 'statements-portal.test' ($CONFIG:$line): trusted" \
  "$E2E_DIR/explain.txt"
e2e_check "explain --json has the policy" bash -c \
  "'$RAPPORTCTL' --config '$CONFIG' --json explain '$file' | grep -q '\"list\": \"trusted_domains\"'"

# --- 3. A blocked sender is held ---------------------------------------------------------
blocked=$(send inbound-invoice 127.0.0.2 billing@vendor.test alice@example.test)
e2e_check "blocked: held, the entry named ($blocked)" \
  logged "$blocked: inbound score=[0-9]* action=hold policy=blocked_senders:billing@vendor.test"
e2e_check "blocked: in the hold queue" e2e_wait_for "e2e_in_hold $blocked" 50

# --- 4. SIGHUP: a bad entry is refused with file and line; the lists stay ----------------
write_config "trusted_domains = statements-portal.test" "blocked_senders = billing@vendor.test, nobody"
bad_line=$(grep -n '^blocked_senders' "$CONFIG" | cut -d: -f1)
kill -HUP "$E2E_MILTER_PID"
e2e_check "bad entry: reload refused naming file, line and entry" logged \
  "reload refused, keeping the running configuration: $CONFIG:$bad_line: policy.blocked_senders: 'nobody' is not an address"
refused_check() {
  local out
  if out=$("$MILTER" --config "$CONFIG" --check-config 2>&1); then return 1; fi
  [ "$(wc -l <<<"$out")" = 1 ] && grep -q "$CONFIG:$bad_line: policy.blocked_senders" <<<"$out"
}
e2e_check "bad entry: --check-config exits non-zero with one line" refused_check
again=$(send inbound-invoice 127.0.0.2 billing@vendor.test alice@example.test)
e2e_check "the running lists stay ($again)" \
  logged "$again: inbound score=[0-9]* action=hold policy=blocked_senders:billing@vendor.test"

# --- 5. SIGHUP: changed lists apply; blocked_action = reject --------------------------------
write_config "trusted_domains = proposal-docs.test" "blocked_senders = billing@vendor.test" \
  "blocked_action = reject"
kill -HUP "$E2E_MILTER_PID"
e2e_check "changed lists applied" reloaded 1
"$(command -v swaks)" --server "127.0.0.1:$SMTP_PORT" --local-interface 127.0.0.2 \
  --from billing@vendor.test --to alice@example.test --data "@$FIXTURES/inbound-invoice.eml" \
  --timeout 20 >"$E2E_DIR/reject.txt" 2>&1
e2e_check "blocked, blocked_action = reject: the client is told 550" \
  grep -q '<\*\* *550 5.7.1' "$E2E_DIR/reject.txt"
e2e_check "... and the log names the entry" \
  logged ": inbound score=[0-9]* action=reject policy=blocked_senders:billing@vendor.test"
# The attack that milter_e2e.sh shows held, from a domain trusted now.
newly=$(send inbound-attack 127.0.0.2 mallory@proposal-docs.test alice@example.test bob@example.test)
e2e_check "a domain trusted by the reload: accepted ($newly)" \
  logged "$newly: inbound score=[0-9]* action=accept policy=trusted_domains:proposal-docs.test"

status=0
e2e_stop_milter || status=$?
e2e_check "SIGTERM: exit status 0 (got $status)" test "$status" = 0

if [ "$E2E_FAILURES" -gt 0 ]; then
  echo "$E2E_FAILURES check(s) failed"
  exit 1
fi
echo "all policy checks passed"
