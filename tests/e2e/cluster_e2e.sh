#!/usr/bin/env bash
# End-to-end test of [cluster]: two gateways (two private Postfix
# instances, each with its own config, queue, data directory and ports,
# filtered by its own rapport-milter with its own store) share history
# through a private redis-server on loopback.
#
#   cluster_e2e.sh RAPPORT_MILTER RAPPORTCTL
#
# 1. Outbound mail through B to a new partner: the partner's reply through A
#    2 s later is not FIRST_CONTACT, and `rapportctl sender` on A shows it.
# 2. `held report` on A: the same link domain from another sender through B
#    is held.
# 3. Redis stopped for 30 s while both learn: afterwards both stores hold
#    identical history (`rapportctl sender/domain --json`) for every touched
#    sender and domain, with exact counters.
# 4. kill -9 of each gateway while it publishes and applies: identical again.
# 5. A third gateway joins from A's backup and converges.
# Each gateway's /metrics (rapport_cluster_*) is scraped and checked by
# promtool: what one published the other applied, Redis down and back.
# Installs nothing; skips (exit 77) without root, postfix, swaks,
# redis-server, curl or promtool.
set -uo pipefail

MILTER=${1:?usage: cluster_e2e.sh RAPPORT_MILTER RAPPORTCTL}
RAPPORTCTL=${2:?usage: cluster_e2e.sh RAPPORT_MILTER RAPPORTCTL}
HERE=$(cd "$(dirname "$0")" && pwd)
E2E_FIXTURES="$HERE/../fixtures/e2e"
FIXTURES="$HERE/../fixtures"
# shellcheck source=lib.sh
source "$HERE/lib.sh"

for tool in redis-server curl promtool; do
  command -v "$tool" >/dev/null ||
    e2e_skip "$tool is not installed (scripts/install-deps.sh installs it)"
done
e2e_begin
SMTP_A=$SMTP_PORT
MILTER_A=$MILTER_PORT
SMTP_B=$(e2e_free_port "$SMTP_A" "$MILTER_A")
MILTER_B=$(e2e_free_port "$SMTP_A" "$MILTER_A" "$SMTP_B")
MILTER_C=$(e2e_free_port "$SMTP_A" "$MILTER_A" "$SMTP_B" "$MILTER_B")
REDIS_PORT=$(e2e_free_port "$SMTP_A" "$MILTER_A" "$SMTP_B" "$MILTER_B" "$MILTER_C")
METRICS_A=$(e2e_free_port "$SMTP_A" "$MILTER_A" "$SMTP_B" "$MILTER_B" "$MILTER_C" "$REDIS_PORT")
METRICS_B=$(e2e_free_port "$SMTP_A" "$MILTER_A" "$SMTP_B" "$MILTER_B" "$MILTER_C" "$REDIS_PORT" \
  "$METRICS_A")

# --- Redis, private: its own port, directory and password --------------------------
mkdir -p "$E2E_DIR/redis"
echo "e2e-$RANDOM-secret" >"$E2E_DIR/redis.password"
chmod 0640 "$E2E_DIR/redis.password"
REDIS_PID=
start_redis() {
  redis-server --bind 127.0.0.1 --port "$REDIS_PORT" --dir "$E2E_DIR/redis" --save "" \
    --appendonly yes --appendfsync always --daemonize no --loglevel warning \
    --logfile "$E2E_DIR/redis.log" --requirepass "$(cat "$E2E_DIR/redis.password")" &
  REDIS_PID=$!
  E2E_PIDS+=("$REDIS_PID")
  e2e_wait_for "(exec 3<>/dev/tcp/127.0.0.1/$REDIS_PORT) 2>/dev/null" 100 ||
    { e2e_fail "redis-server is not listening on $REDIS_PORT"; exit 1; }
}
stop_redis() {
  kill -TERM "$REDIS_PID"
  wait "$REDIS_PID" 2>/dev/null
}
start_redis

# --- Two private Postfix instances: A filtered by milter A, B by milter B -----------
e2e_start_postfix "$SMTP_A" "$MILTER_A"
mkdir -p "$E2E_DIR/postfix-b"
e2e_start_postfix "$SMTP_B" "$MILTER_B" "$E2E_DIR/postfix-b"
CONF_A="$E2E_DIR/conf"
CONF_B="$E2E_DIR/postfix-b/conf"
e2e_check "main.cf lists both instances' config directories" bash -c \
  "postconf -c /etc/postfix -h alternate_config_directories | tr ' ' '\n' | grep -qx '$CONF_A' &&
   postconf -c /etc/postfix -h alternate_config_directories | tr ' ' '\n' | grep -qx '$CONF_B'"
e2e_check "two masters, each with its own queue" test \
  "$(cat "$E2E_DIR/queue/pid/master.pid")" != "$(cat "$E2E_DIR/postfix-b/queue/pid/master.pid")"

# write_config NODE MILTER_PORT POSTFIX_CONF [METRICS_PORT]: the gateway's
# config, state in state-NODE, held mail in that Postfix instance's queue.
write_config() {
  local node=$1 port=$2 conf=$3 metrics=${4:-} state="$E2E_DIR/state-$1"
  mkdir -p "$state" && chown nobody "$state" && chmod 700 "$state"
  cat >"$E2E_DIR/$node.conf" <<CONFIG
local_domains = example.test
internal_networks = 127.0.0.1/32
socket = inet:$port@127.0.0.1
user = nobody
state_dir = $state
on_error = accept
log_level = info
${metrics:+metrics_listen = 127.0.0.1:$metrics}
[mta]
release_command = postsuper -c $conf -H {queue_id}
delete_command = postsuper -c $conf -d {queue_id}
show_command = postcat -c $conf -q -- {queue_id}
[cluster]
redis = 127.0.0.1:$REDIS_PORT
node = $node
password_file = $E2E_DIR/redis.password
key_prefix = e2e:
CONFIG
}
declare -A PID
start() {  # start NODE PORT
  e2e_start_milter "$MILTER" "$E2E_DIR/$1.conf" "$2" "$E2E_DIR/milter-$1.log"
  PID[$1]=$E2E_MILTER_PID
}
write_config a "$MILTER_A" "$CONF_A" "$METRICS_A"
write_config b "$MILTER_B" "$CONF_B" "$METRICS_B"
start a "$MILTER_A"
start b "$MILTER_B"
export MAIL_CONFIG="$CONF_A"

# scrape NODE NAME: saves NODE's /metrics as $E2E_DIR/NAME.prom, checked
# by promtool.
scrape() {
  local port=$METRICS_A; [ "$1" = b ] && port=$METRICS_B
  curl -sS --fail --max-time 10 "http://127.0.0.1:$port/metrics" >"$E2E_DIR/$2.prom" &&
    promtool check metrics <"$E2E_DIR/$2.prom" >"$E2E_DIR/$2.lint" 2>&1
}
# value NAME SERIES: the value of the sample SERIES (name and labels, exactly).
value() { awk -v s="$2" '$1 == s {print $2}' "$E2E_DIR/$1.prom"; }

ctl() { local node=$1; shift; "$RAPPORTCTL" --config "$E2E_DIR/$node.conf" "$@"; }
send_a() { e2e_send "$SMTP_A" "$@"; }
send_b() { e2e_send "$SMTP_B" "$@"; }
logged() { e2e_wait_for "grep -q -- \"$2\" \"$E2E_DIR/milter-$1.log\"" 100; }
# caught_up NODE...: every node has applied the whole stream and published
# its whole outbox (rapportctl cluster status --json on each).
caught_up() {
  local node status
  for node in "$@"; do
    status=$(ctl "$node" --json cluster status 2>/dev/null) || return 1
    grep -q '"outbox_length": 0,' <<<"$status" || return 1
    [ "$(grep -c '"lag_ms":' <<<"$status")" = "$(grep -c '"lag_ms": 0' <<<"$status")" ] || return 1
    for peer in "$@"; do grep -q "\"node\": \"$peer\"" <<<"$status" || return 1; done
  done
}
# same_history WHAT NODE NODE KEY...: `sender`/`domain --json` agree on both.
same_history() {
  local what=$1 one=$2 other=$3 key; shift 3
  for key in "$@"; do
    if ! diff <(ctl "$one" --json "$what" "$key" 2>&1) <(ctl "$other" --json "$what" "$key" 2>&1) \
      >"$E2E_DIR/diff.txt"; then
      echo "$what $key differs between $one and $other:"; cat "$E2E_DIR/diff.txt"
      return 1
    fi
  done
}
# field NODE WHAT KEY NAME: a number from the first "NAME": N of its --json.
field() {
  ctl "$1" --json "$2" "$3" | grep -m1 "\"$4\":" | sed 's/[^0-9]//g'
}

# --- 1. What the relay learns reaches the MX within 2 s ----------------------------
order=$(send_b "$E2E_FIXTURES/outbound-order.eml" 127.0.0.1 alice@example.test billing@vendor.test)
e2e_check "outbound order through B ($order)" logged b "$order: outbound"
sleep 2
reply=$(send_a "$E2E_FIXTURES/inbound-invoice.eml" 127.0.0.2 billing@vendor.test alice@example.test)
e2e_check "the partner's reply through A 2 s later was scored ($reply)" logged a "$reply: inbound score="
e2e_check "... and is not FIRST_CONTACT" bash -c "! grep -- '$reply: inbound' '$E2E_DIR/milter-a.log' | grep -q FIRST_CONTACT"
ctl a --json sender billing@vendor.test >"$E2E_DIR/sender-a.json"
e2e_check "rapportctl sender on A shows the relationship learned on B" \
  grep -q '"outbound_messages": 1' "$E2E_DIR/sender-a.json"

# --- 2. A report on A holds the same link domain through B ----------------------------
reported=$(send_a "$FIXTURES/held/report-attack.eml" 127.0.0.2 team@proposal-share.test \
  alice@example.test bob@example.test carol@example.test)
e2e_check "attack held on A ($reported)" e2e_wait_for "e2e_in_hold $reported" 50
e2e_check "held list on A names node a" \
  bash -c "'$RAPPORTCTL' --config '$E2E_DIR/a.conf' --json held list | grep -q '\"node\": \"a\"'"
e2e_check "held report on A" ctl a held report "$reported"
e2e_check "both gateways caught up" e2e_wait_for "caught_up a b" 100
probe=$(send_b "$FIXTURES/held/probe.eml" 127.0.0.2 billing@another-sender.test alice@example.test)
e2e_check "the same link domain from another sender through B is held ($probe)" \
  logged b "$probe: inbound score=[0-9]* action=hold .*REPORTED_INDICATOR"
# held_in CONF QUEUE_ID: the message is in the hold queue of that instance.
held_in() {
  postqueue -c "$1" -j 2>/dev/null | grep '"queue_name": *"hold"' | grep -q "\"queue_id\": *\"$2\""
}
e2e_check "... in B's own hold queue, not A's" \
  e2e_wait_for "held_in '$CONF_B' $probe && ! held_in '$CONF_A' $probe" 50

# --- Metrics: what one gateway published, the other applied ------------------------
e2e_check "both caught up" e2e_wait_for "caught_up a b" 100
e2e_check "scrape A, promtool accepts it" scrape a a-synced
e2e_check "scrape B, promtool accepts it" scrape b b-synced
published_a=$(value a-synced rapport_cluster_events_published_total)
published_b=$(value b-synced rapport_cluster_events_published_total)
e2e_check "B published ${published_b:-nothing}" test "${published_b:-0}" -gt 0
e2e_check "A applied what B published ($(value a-synced rapport_cluster_events_applied_total))" \
  test "$(value a-synced rapport_cluster_events_applied_total)" = "$published_b"
e2e_check "B applied what A published (${published_a:-none})" \
  test "$(value b-synced rapport_cluster_events_applied_total)" = "$published_a"
for node in a b; do
  e2e_check "$node: Redis up, empty outbox, no outage, nothing undecodable" test \
    "$(value $node-synced rapport_cluster_redis_up) $(value $node-synced rapport_cluster_outbox_events) $(value $node-synced rapport_cluster_undecodable_events_total) $(grep -c '^rapport_cluster_failures_total{.*} 0$' "$E2E_DIR/$node-synced.prom")" = "1 0 0 8"
done
e2e_check "A's store holds B's sequence as B published it" test \
  "$(value a-synced 'rapport_cluster_node_sequence{node="b"}')" = "$published_b"

# --- 3. Redis away for 30 s while both learn -------------------------------------------
stop_redis
outage_start=$SECONDS
linked=()
plain=()
for i in 1 2 3; do
  linked+=("$(send_a "$FIXTURES/cluster/linked.eml" 127.0.0.2 "a$i@outage.test" alice@example.test)")
  linked+=("$(send_b "$FIXTURES/cluster/linked.eml" 127.0.0.2 "b$i@outage.test" alice@example.test)")
  plain+=("$(send_a "$FIXTURES/cluster/plain.eml" 127.0.0.2 shared@outage.test alice@example.test)")
  plain+=("$(send_b "$FIXTURES/cluster/plain.eml" 127.0.0.2 shared@outage.test alice@example.test)")
done
e2e_check "A logged the outage once" logged a "cluster publisher: redis 127.0.0.1:$REDIS_PORT"
e2e_check "cluster status says Redis is unreachable, exit 1" \
  bash -c "! '$RAPPORTCTL' --config '$E2E_DIR/a.conf' cluster status >'$E2E_DIR/status.txt' && grep -q 'UNREACHABLE' '$E2E_DIR/status.txt' && grep -q 'outbox' '$E2E_DIR/status.txt'"
e2e_check "... and scored on meanwhile" logged a "${linked[4]}: inbound score="
e2e_check "A's metrics during the outage" scrape a a-outage
e2e_check "... Redis down, one outage of each thread" test \
  "$(value a-outage rapport_cluster_redis_up) $(awk '/^rapport_cluster_failures_total/ {n += $2} END {print n}' "$E2E_DIR/a-outage.prom")" = "0 2"
e2e_check "... events waiting in the outbox ($(value a-outage rapport_cluster_outbox_events))" \
  test "$(value a-outage rapport_cluster_outbox_events)" -gt 0
sleep $((30 - (SECONDS - outage_start)))
start_redis
e2e_check "both caught up after Redis came back" e2e_wait_for "caught_up a b" 200
e2e_check "A's metrics after the outage" scrape a a-after
e2e_check "... Redis up, outbox empty, A applied all B published" test \
  "$(value a-after rapport_cluster_redis_up) $(value a-after rapport_cluster_outbox_events)" = "1 0"
scrape b b-after
e2e_check "... and B applied all A published" test \
  "$(value b-after rapport_cluster_events_applied_total)" = "$(value a-after rapport_cluster_events_published_total)"
e2e_check "one line per thread for the whole outage" \
  test "$(grep -c 'cluster .*retrying every' "$E2E_DIR/milter-a.log")" = 2
e2e_check "identical senders" same_history sender a b shared@outage.test a1@outage.test \
  b3@outage.test billing@vendor.test billing@another-sender.test
e2e_check "identical domains" same_history domain a b outage.test shipment-portal.test \
  track.shipment-portal.test docs.invoice-check.test vendor.test
# delivered QUEUE_ID...: how many were delivered (and so learned) by either gateway.
delivered() {
  local id count=0
  for id in "$@"; do
    grep -hq -- "$id: inbound score=[0-9]* action=\(accept\|tag\)" "$E2E_DIR"/milter-[ab].log &&
      count=$((count + 1))
  done
  echo "$count"
}
# linked_learned QUEUE_ID...: how many taught the link's domain: accepted
# mail, and tagged mail none of whose link signals was about it (tagged mail
# is learned without the link domains its anomalies name, scoring/delivery.h).
linked_learned() {
  local id line count=0
  for id in "$@"; do
    line=$(grep -h -- "$id: inbound score=" "$E2E_DIR"/milter-[ab].log) || continue
    case "$line" in
      *action=accept*) count=$((count + 1)) ;;
      *action=tag*RARE_LINK_DOMAIN* | *action=tag*NEW_LINK_DOMAIN_FOR_SENDER* | \
        *action=tag*FIRST_FILESHARE_DOMAIN*) ;;
      *action=tag*) count=$((count + 1)) ;;
    esac
  done
  echo "$count"
}
want_plain=$(delivered "${plain[@]}")
delivered_linked=$(delivered "${linked[@]}")
want_linked=$(linked_learned "${linked[@]}")
got=$(field a sender shared@outage.test messages_sent)
e2e_check "exact: shared@ sent $want_plain delivered of 6 (got $got)" test "$got" = "$want_plain"
got=$(field b domain outage.test messages_sent)
e2e_check "exact: outage.test sent $((want_plain + delivered_linked)) (got $got)" \
  test "$got" = $((want_plain + delivered_linked))
got=$(field b domain shipment-portal.test messages)
e2e_check "exact: shipment-portal.test linked $want_linked times (got $got)" test "$got" = "$want_linked"
# Both gateways saw alice@ first for the link's domain while Redis was away:
# distinct counts must still count her once, and each sender once.
for node in a b; do
  got="$(field $node domain shipment-portal.test distinct_senders) $(field $node domain shipment-portal.test distinct_recipients)"
  e2e_check "exact on $node: shipment-portal.test from $want_linked distinct senders to $((want_linked > 0)) recipient (got $got)" \
    test "$got" = "$want_linked $((want_linked > 0))"
done

# --- 4. kill -9 while publishing and applying --------------------------------------------
for victim in a b; do
  sends=()
  for i in 1 2 3 4; do
    send_a "$FIXTURES/cluster/plain.eml" 127.0.0.2 "k$victim$i@kill.test" alice@example.test >/dev/null &
    sends+=($!)
    send_b "$FIXTURES/cluster/plain.eml" 127.0.0.2 "k$victim$i@kill.test" alice@example.test >/dev/null &
    sends+=($!)
    [ "$i" = 2 ] && kill -KILL "${PID[$victim]}"
  done
  for job in "${sends[@]}"; do wait "$job" 2>/dev/null; done
  port=$MILTER_A; [ "$victim" = b ] && port=$MILTER_B
  start "$victim" "$port"
  e2e_check "after kill -9 of $victim: both caught up" e2e_wait_for "caught_up a b" 200
  e2e_check "after kill -9 of $victim: identical history" same_history sender a b \
    "k${victim}1@kill.test" "k${victim}3@kill.test" shared@outage.test
  e2e_check "after kill -9 of $victim: identical domain" same_history domain a b kill.test
done

# --- 5. A third gateway joins from A's backup ----------------------------------------------
mkdir -p "$E2E_DIR/backups" && chown nobody "$E2E_DIR/backups"
e2e_check "store backup on A" ctl a store backup "$E2E_DIR/backups/a"
write_config c "$MILTER_C" "$CONF_A"
rmdir "$E2E_DIR/state-c"
sed '/^\[cluster\]/,$d' "$E2E_DIR/c.conf" >"$E2E_DIR/plain.conf"
# fails CMD...: non-zero exit with exactly one line on stderr.
fails() {
  if "$@" >/dev/null 2>"$E2E_DIR/err.txt"; then return 1; fi
  [ "$(wc -l <"$E2E_DIR/err.txt")" = 1 ] && grep -q '^rapportctl: ' "$E2E_DIR/err.txt"
}
e2e_check "join into a store in use: one line" fails ctl a cluster join "$E2E_DIR/backups/a"
e2e_check "join from a directory that is no backup: one line" fails ctl c cluster join "$E2E_DIR/redis"
e2e_check "cluster without [cluster]: one line" fails "$RAPPORTCTL" --config "$E2E_DIR/plain.conf" cluster status
e2e_check "cluster join from A's backup" ctl c cluster join "$E2E_DIR/backups/a"
late=$(send_b "$FIXTURES/cluster/plain.eml" 127.0.0.2 late@join.test alice@example.test)
e2e_check "mail after the backup through B ($late)" logged b "$late: inbound"
start c "$MILTER_C"
e2e_check "all three caught up" e2e_wait_for "caught_up a b c" 200
e2e_check "C holds what A and B hold" same_history sender a c late@join.test shared@outage.test \
  billing@vendor.test ka1@kill.test
e2e_check "C counted nothing twice" same_history domain b c outage.test kill.test join.test
# payment_keys NODE: "SELF A B C", the payment key ids `cluster status --json`
# on NODE reports for itself and for nodes a, b and c ("-" for none).
payment_keys() {
  ctl "$1" --json cluster status | python3 -c '
import json, sys
s = json.load(sys.stdin)
ids = {n["node"]: n.get("payment_key_id") or "-" for n in s["nodes"]}
print(s["payment_key_id"], *(ids.get(n, "-") for n in "abc"))'
}
# refused NODE PEER yes|no: whether status on NODE says it refuses PEER's
# fingerprints (and, when it does, names the fix).
refused() {
  ctl "$1" --json cluster status | python3 -c '
import json, sys
peer, expected = sys.argv[1], sys.argv[2] == "yes"
node = [n for n in json.load(sys.stdin)["nodes"] if n["node"] == peer][0]
says = node["payment_fingerprints_refused_here"] and "cluster join" in node.get("fix", "")
sys.exit(0 if says == expected else 1)' "$2" "$3"
}
read -r self_c key_a key_b _ <<<"$(payment_keys c)"
e2e_check "C joined from A's backup fingerprints with A's key" test "$self_c" = "$key_a"
# A and B were created apart, so each made its own key: C refuses B's
# fingerprints, names the fix, and does not refuse A's.
e2e_check "B's own key differs from A's" test "$key_b" != "$key_a"
e2e_check "C's status refuses B's fingerprints and names the fix" refused c b yes
e2e_check "C's status does not refuse A's" refused c a no
ctl c cluster status

for node in a b c; do
  kill -TERM "${PID[$node]}"; wait "${PID[$node]}" 2>/dev/null
done
if [ "$E2E_FAILURES" -gt 0 ]; then
  echo "$E2E_FAILURES check(s) failed"
  exit 1
fi
echo "all cluster checks passed"
