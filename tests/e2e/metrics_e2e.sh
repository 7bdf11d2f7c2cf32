#!/usr/bin/env bash
# End-to-end test of rapport-milter's Prometheus metrics with a real Postfix.
#
#   metrics_e2e.sh RAPPORT_MILTER
#
# Scrapes GET /metrics with curl before and after mail of every kind went
# through (outbound, inbound accepted, forged headers, tagged, held), checks
# each scrape with `promtool check metrics`, and checks that the counters
# match what was sent and what the log says: messages by direction and
# action, signals by name, forged headers, held records, learn failures.
# SIGHUP: an applied and a refused reload are counted and the counters
# survive both. A daemon whose store cannot open answers on_error and counts
# it by kind. Also checks the packaged example Prometheus config and alert
# rules (promtool check config, promtool test rules). Installs nothing;
# skips (exit 77) without root, postfix, swaks, curl or promtool.
set -uo pipefail

MILTER=${1:?usage: metrics_e2e.sh RAPPORT_MILTER}
HERE=$(cd "$(dirname "$0")" && pwd)
FIXTURES="$HERE/../fixtures/e2e"
PACKAGING="$HERE/../../packaging/prometheus"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

for tool in curl promtool; do
  command -v "$tool" >/dev/null || e2e_skip "$tool is not installed (scripts/install-deps.sh installs it)"
done
e2e_begin
LOG="$E2E_DIR/milter.log"
METRICS_PORT=$(e2e_free_port "$SMTP_PORT" "$MILTER_PORT")
URL="http://127.0.0.1:$METRICS_PORT/metrics"
e2e_write_milter_config "$CONFIG" "$MILTER_PORT" "metrics_listen = 127.0.0.1:$METRICS_PORT"
e2e_start_postfix "$SMTP_PORT" "$MILTER_PORT"
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"

send() { e2e_send "$SMTP_PORT" "$FIXTURES/$1.eml" "${@:2}"; }
logged() { e2e_wait_for "grep -q -- \"$1\" \"$LOG\"" 50; }
# scrape NAME: saves one scrape as $E2E_DIR/NAME.prom.
scrape() { curl -sS --fail --max-time 10 "$URL" >"$E2E_DIR/$1.prom"; }
# value SCRAPE SERIES: the value of one series (name and labels as exposed).
value() { awk -v s="$2" '$1 == s { print $2 }' "$E2E_DIR/$1.prom"; }
# is SCRAPE SERIES EXPECTED: e2e_check that one series has that value.
is() {
  local got
  got=$(value "$1" "$2")
  e2e_check "$1: $2 = $3 (got ${got:-nothing})" test "$got" = "$3"
}
promtool_accepts() { promtool check metrics <"$E2E_DIR/$1.prom" >"$E2E_DIR/$1.lint" 2>&1; }
# logged_count ACTION: inbound log lines with that action.
logged_count() { grep -c ": inbound score=[0-9]* action=$1 " "$LOG"; }

# --- 1. Served from the start, valid, every counter at 0 -----------------------------
e2e_check "listening on 127.0.0.1:$METRICS_PORT" \
  logged "serving metrics on http://127.0.0.1:$METRICS_PORT/metrics"
e2e_check "first scrape" scrape start
e2e_check "promtool check metrics accepts it" promtool_accepts start
cat "$E2E_DIR/start.lint"
is start 'rapport_messages_total{direction="inbound",action="accept"}' 0
is start 'rapport_on_error_answers_total{answer="accept"}' 0
is start 'rapport_store_up' 1
is start 'rapport_held_messages{state="held"}' 0
is start 'rapport_scoring_duration_seconds_count' 0
e2e_check "the look-alike index has names" test "$(value start rapport_lookalike_known_names)" -gt 0
e2e_check "the store's families have keys and sizes" \
  grep -q '^rapport_store_keys{family="[a-z_]*"} [0-9]' "$E2E_DIR/start.prom"
e2e_check "Content-Type is the text exposition's" bash -c \
  "curl -sS -o /dev/null -w '%{content_type}' '$URL' | grep -qx 'text/plain; version=0.0.4; charset=utf-8'"
e2e_check "any other path: 404" test "$(curl -s -o /dev/null -w '%{http_code}' "${URL%/metrics}/")" = 404
e2e_check "POST: 405" test "$(curl -s -o /dev/null -w '%{http_code}' -d x "$URL")" = 405

# --- 2. Mail of every kind; the counters match what was sent ------------------------
ids=()
ids+=("$(send outbound-order 127.0.0.1 alice@example.test billing@vendor.test)")
e2e_check "outbound learned" logged "${ids[-1]}: outbound action=accept learned"
ids+=("$(send inbound-invoice 127.0.0.2 billing@vendor.test alice@example.test)")
ids+=("$(send inbound-forged 127.0.0.2 billing@vendor.test alice@example.test)")
ids+=("$(send inbound-tag 127.0.0.2 billing@vendor.test alice@example.test)")
ids+=("$(send inbound-statement 127.0.0.2 accounts@statements-portal.test alice@example.test)")
for id in "${ids[@]:1}"; do
  e2e_check "inbound $id answered" logged "$id: inbound score="
done
e2e_check "scrape after the mail" scrape sent
e2e_check "promtool check metrics accepts it" promtool_accepts sent
cat "$E2E_DIR/sent.lint"
grep -E '^rapport_(messages|signals|forged|held|learn|on_error)' "$E2E_DIR/sent.prom"

inbound=$(grep -c ': inbound score=' "$LOG")
e2e_check "four inbound messages sent and logged (got $inbound)" test "$inbound" = 4
for action in accept tag hold reject; do
  is sent "rapport_messages_total{direction=\"inbound\",action=\"$action\"}" "$(logged_count "$action")"
done
is sent 'rapport_messages_total{direction="inbound",action="hold"}' 1
is sent 'rapport_messages_total{direction="inbound",action="tag"}' 1
is sent 'rapport_messages_total{direction="outbound",action="accept"}' 1
is sent 'rapport_messages_total{direction="transit",action="accept"}' 0
# inbound-forged carries six forged X-Rapport-* headers (see milter_e2e.sh).
is sent 'rapport_forged_headers_removed_total' 6
is sent 'rapport_held_messages{state="held"}' 1
is sent 'rapport_scoring_duration_seconds_count' 5
is sent 'rapport_scoring_duration_seconds_bucket{le="+Inf"}' 5
is sent 'rapport_learn_failures_total' 0
is sent 'rapport_on_error_answers_total{answer="accept"}' 0
# Every signal the log names, as often as the log names it.
signals=$(grep -o ': inbound .* signals=[A-Z0-9_,]*' "$LOG" | sed 's/.*signals=//' | tr ',' '\n' |
  grep . | sort | uniq -c)
e2e_check "some signals fired" test -n "$signals"
while read -r count name; do
  is sent "rapport_signals_total{signal=\"$name\"}" "$count"
done <<<"$signals"
fired=$(awk '$1 ~ /^rapport_signals_total/ { sum += $2 } END { print sum + 0 }' "$E2E_DIR/sent.prom")
logged_signals=$(awk '{ sum += $1 } END { print sum + 0 }' <<<"$signals")
e2e_check "no signal counted that the log does not name ($fired vs $logged_signals)" \
  test "$fired" = "$logged_signals"
e2e_check "the learn queue drains to 0" \
  e2e_wait_for "scrape drained && test \"\$(value drained rapport_learn_queue_depth)\" = 0" 100

# --- 3. Reloads are counted; the counters survive them ---------------------------------
cp "$CONFIG" "$CONFIG.good"
echo "no_such_key = 1" >>"$CONFIG"
kill -HUP "$E2E_MILTER_PID"
e2e_check "invalid reload refused" logged "reload refused, keeping the running configuration"
cp "$CONFIG.good" "$CONFIG"
kill -HUP "$E2E_MILTER_PID"
e2e_check "valid reload applied" logged "configuration reloaded from"
e2e_check "scrape after the reloads" scrape reloaded
is reloaded 'rapport_reloads_total{result="applied"}' 1
is reloaded 'rapport_reloads_total{result="refused"}' 1
is reloaded 'rapport_messages_total{direction="inbound",action="hold"}' 1
is reloaded 'rapport_forged_headers_removed_total' 6
is reloaded 'rapport_scoring_duration_seconds_count' 5

status=0
e2e_stop_milter || status=$?
e2e_check "SIGTERM: exit status 0 (got $status)" test "$status" = 0
e2e_check "nothing listens on the metrics port after exit" \
  bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$METRICS_PORT) 2>/dev/null"

# --- 4. A store that cannot open: on_error answers counted by kind ---------------------
chmod 000 "$E2E_DIR/state"
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"
id=$(send inbound-invoice 127.0.0.2 billing@vendor.test alice@example.test)
e2e_check "broken store: answered on_error ($id)" logged "$id: error: store unavailable: .*on_error=accept"
e2e_check "scrape with the store down" scrape broken
e2e_check "promtool check metrics accepts it" promtool_accepts broken
is broken 'rapport_store_up' 0
is broken 'rapport_on_error_answers_total{answer="accept"}' 1
is broken 'rapport_on_error_answers_total{answer="tempfail"}' 0
is broken 'rapport_internal_errors_total{kind="store"}' 1
is broken 'rapport_internal_errors_total{kind="parse"}' 0
e2e_check "no held-mail gauge while the store is down" \
  bash -c "! grep -q '^rapport_held_messages' '$E2E_DIR/broken.prom'"
chmod 700 "$E2E_DIR/state"
e2e_stop_milter || true

# --- 5. Metrics off: metrics_listen empty ---------------------------------------------------
e2e_write_milter_config "$CONFIG" "$MILTER_PORT" "metrics_listen ="
e2e_start_milter "$MILTER" "$CONFIG" "$MILTER_PORT" "$LOG"
e2e_check "metrics_listen empty: nothing listens on $METRICS_PORT" \
  bash -c "! (exec 3<>/dev/tcp/127.0.0.1/$METRICS_PORT) 2>/dev/null"
e2e_stop_milter || true
e2e_write_milter_config "$CONFIG" "$MILTER_PORT" "metrics_listen = localhost:9894"
config_refused() {
  local out
  if out=$("$MILTER" --config "$CONFIG" --check-config 2>&1); then return 1; fi
  echo "$out"
  grep -q "$CONFIG:[0-9]*: metrics_listen: 'localhost:9894' is not ADDRESS:PORT" <<<"$out"
}
e2e_check "metrics_listen with a host name: a config error naming the line, non-zero exit" \
  config_refused

# --- 6. The packaged Prometheus example and alert rules ------------------------------------
e2e_check "promtool check config: the example scrape config and its rules" \
  promtool check config "$PACKAGING/prometheus.yml"
e2e_check "promtool check rules: the alert rules" promtool check rules "$PACKAGING/rapport-alerts.yml"
e2e_check "promtool test rules: the alerts fire when their counters rise, not before" \
  promtool test rules "$HERE/metrics_alerts_test.yml"

if [ "$E2E_FAILURES" -gt 0 ]; then
  echo "$E2E_FAILURES check(s) failed"
  exit 1
fi
echo "all metrics checks passed"
