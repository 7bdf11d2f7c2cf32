#!/usr/bin/env bash
# The milter protocol's edges: milter_load (an independent MTA side, no
# libmilter) sends rapport-milter three messages whose headers exceed
# libmilter's default 64 KB packet, one connection each: a 1 MB header line,
# a 1.3 MB RFC 2047 encoded Subject, and a message to 10,000 recipients
# (RCPT TO, and a To: header of about 190 KB). Each must get Rapport's
# answer (accepted, scored, its limits applied) logged with the queue id,
# instead of a dropped connection.
#
#   milter_edges.sh RAPPORT_MILTER MILTER_LOAD
#
# Installs nothing; skips (exit 77) without root.
set -uo pipefail

MILTER=${1:?usage: milter_edges.sh RAPPORT_MILTER MILTER_LOAD}
LOAD=${2:?usage: milter_edges.sh RAPPORT_MILTER MILTER_LOAD}
HERE=$(cd "$(dirname "$0")" && pwd)
# shellcheck source=lib.sh
source "$HERE/lib.sh"

e2e_setup_scratch

PORT=$(e2e_free_port)
CONFIG="$E2E_DIR/rapport.conf"
LOG="$E2E_DIR/milter.log"
# No internal network: every client is outside, so mail to example.test is
# inbound. 5,000 recipients kept of 10,000: the limit shows in the log.
e2e_write_milter_config "$CONFIG" "$PORT" "[limits]" "max_recipients = 5000"
sed -i '/^internal_networks/d' "$CONFIG"
e2e_start_milter "$MILTER" "$CONFIG" "$PORT" "$LOG"

# The messages, in the order milter_load sends them (file names), which
# gives them the queue ids 0000000001 to 0000000003.
MAIL="$E2E_DIR/mail"
mkdir -p "$MAIL"
# message FILE SUBJECT TO [EXTRA_HEADER_LINE]
message() {
  {
    echo "From: News <news@sender.test>"
    echo "To: $3"
    echo "Subject: $2"
    echo "Message-ID: <$(basename "$1" .eml)@sender.test>"
    [ -z "${4:-}" ] || echo "$4"
    echo
    echo "See https://files.sender.test/report"
  } >"$1"
}
message "$MAIL/1-long-line.eml" "long line" alice@example.test \
  "X-Long: $(head -c $((1024 * 1024)) /dev/zero | tr '\0' a)"
word='=?UTF-8?B?QUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJDQUJD?='
message "$MAIL/2-encoded-subject.eml" \
  "$(yes "$word" | head -n $((13 * 1024 * 1024 / 10 / (${#word} + 1))) | paste -sd' ')" \
  alice@example.test
message "$MAIL/3-recipients.eml" "to everyone" \
  "$(seq -f 'user%g@example.test' 10000 | paste -sd, | sed 's/,/, /g')"
for file in "$MAIL"/*.eml; do echo "$(basename "$file"): $(wc -c <"$file") bytes"; done

status=0
"$LOAD" --socket "inet:$PORT@127.0.0.1" --per-connection 1 --max-recipients 10000 --json \
  "$MAIL" >"$E2E_DIR/load.json" 2>&1 || status=$?
cat "$E2E_DIR/load.json"
e2e_check "milter_load: no protocol error (status $status)" test "$status" = 0
e2e_check "all three accepted" grep -q '"accept":3,' "$E2E_DIR/load.json"
e2e_check "X-Rapport headers added to all three (at least 3)" \
  grep -Eq '"added_headers":([3-9]|[1-9][0-9]+),' "$E2E_DIR/load.json"
for id in 0000000001 0000000002 0000000003; do
  e2e_check "$id scored and logged with its queue id" grep -q "$id: inbound score=[0-9]*" "$LOG"
done
e2e_check "10,000 recipients: max_recipients applied and logged" \
  grep -q '0000000003: inbound .*truncated_recipients=5000' "$LOG"

e2e_stop_milter || e2e_fail "SIGTERM: rapport-milter did not stop cleanly"
[ "$E2E_FAILURES" = 0 ] || { cat "$LOG"; exit 1; }
echo "milter protocol edge checks passed"
