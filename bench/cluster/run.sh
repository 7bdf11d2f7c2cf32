#!/usr/bin/env bash
# Two gateways sharing history through Redis on loopback (docs/SCALE-OUT.md):
#   - cluster_bench: replication lag p50/p99 while 1,000 msg/s are learned,
#     events applied per second, Redis memory per million events, and the
#     outbox's cost to learning;
#   - the answer path: rapport-milter without and with [cluster] (its
#     outbox, publisher and applier running), milter_load at 4 connections
#     on the same sample of the Enron corpus, RUNS rounds of one run each,
#     the order within a round alternating; before every run each daemon
#     has gone idle (its background learning and replication done), and
#     after it the CPU time it and Redis took until idle again is read
#     from /proc. Prints msg/s and CPU ms per message: medians, spread
#     (min-max) and the ratio of medians. PEER=1 also runs a second
#     gateway applying its events on this machine, as another host would.
#   - PROFILE=1 instead runs both gateways under callgrind and counts
#     instructions per message over MESSAGES messages on one connection:
#     the answer path (libmilter's session threads), background learning
#     and the replicator's threads, each on its own; noise-free, unlike
#     msg/s on a shared machine.
# Everything listens on 127.0.0.1 only, in a scratch directory, and is
# stopped by PID on exit.
#
# Usage: bench/cluster/run.sh [BUILD_DIR]   (as root: the daemons run as nobody)
# Environment: RUNS (9), MESSAGES (2000; 400 with PROFILE=1), CORPUS
#              (../shared/corpus), PEER (0), PROFILE (0), SKIP_BENCH (0: 1
#              skips cluster_bench and measures the answer path alone), KEEP
#              (empty: a directory to keep the logs and callgrind outputs in)
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
corpus=${CORPUS:-$here/../shared/corpus}
runs=${RUNS:-9}
profile=${PROFILE:-0}
messages=${MESSAGES:-$([[ $profile == 1 ]] && echo 400 || echo 2000)}
load=$build/bench/throughput/milter_load/milter_load
milter=$build/milter/rapport-milter
bench=$build/bench/cluster/cluster_bench
for binary in "$load" "$milter" "$bench"; do
  [[ -x $binary ]] || { echo "not built: $binary (cmake --build $build --target milter_load rapport-milter cluster_bench)" >&2; exit 1; }
done

scratch=$(mktemp -d /tmp/cluster_bench_run.XXXXXX)
chmod 755 "$scratch"
started=()
cleanup() {
  local pid
  for pid in "${started[@]}"; do kill -TERM "$pid" 2>/dev/null && wait "$pid" 2>/dev/null || true; done
  [[ -z ${KEEP:-} ]] || { mkdir -p "$KEEP" && cp -r "$scratch"/. "$KEEP"/; }
  rm -rf "$scratch"
}
trap cleanup EXIT

free_port() {
  local port
  for ((;;)); do
    port=$((20000 + RANDOM % 40000))
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null || { echo "$port"; return; }
  done
}
wait_port() {
  for _ in $(seq 1200); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "nothing listens on $1" >&2; exit 1
}

redis_port=$(free_port)
redis_wrapper=()
if [[ $profile == 1 ]]; then
  redis_wrapper=(valgrind --tool=callgrind --callgrind-out-file="$scratch/callgrind.redis")
fi
"${redis_wrapper[@]}" redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
  --daemonize no --loglevel warning --logfile "$scratch/redis.log" &
redis_pid=$!
started+=("$redis_pid")
wait_port "$redis_port"

[[ ${SKIP_BENCH:-0} == 1 || $profile == 1 ]] || "$bench" --redis "127.0.0.1:$redis_port" --dir "$scratch"


# gateway NAME PORT [cluster lines]: writes NAME's config and state
# directory; launch NAME [wrapper...] starts it and waits for its store.
gateway() {
  local name=$1 port=$2; shift 2
  mkdir -p "$scratch/state-$name" && chown nobody "$scratch/state-$name"
  {
    echo "local_domains = enron.com"
    echo "socket = inet:$port@127.0.0.1"
    echo "user = nobody"
    echo "state_dir = $scratch/state-$name"
    for line in "$@"; do echo "$line"; done
  } >"$scratch/$name.conf"
}
declare -A pid_of port_of
launch() {
  local name=$1; shift
  "$@" "$milter" --config "$scratch/$name.conf" --foreground >>"$scratch/$name.log" 2>&1 &
  pid_of[$name]=$!
  started+=("$!")
  wait_port "${port_of[$name]}"
  # The store opens beside the listener; until it is open every message
  # gets on_error at once, which is not the answer path being measured.
  for _ in $(seq 3000); do
    grep -q 'history store open after' "$scratch/$name.log" && return 0
    sleep 0.1
  done
  tail "$scratch/$name.log" >&2; echo "$name: the store never opened" >&2; exit 1
}
port_of[off]=$(free_port)
port_of[on]=$(free_port)
port_of[peer]=$(free_port)
cluster=("[cluster]" "redis = 127.0.0.1:$redis_port" "key_prefix = answer:")
gateway off "${port_of[off]}"
gateway on "${port_of[on]}" "${cluster[@]}" "node = on"
gateway peer "${port_of[peer]}" "${cluster[@]}" "node = peer"
names=(off on)
[[ ${PEER:-0} == 1 ]] && names+=(peer)

if [[ $profile == 1 ]]; then
  command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }
  # The answer path, learning, and the replicator's two threads (from their
  # entry: Worker::Run() is inlined there); callgrind_annotate's line of each.
  threads=(mi_engine 'rapport::BackgroundLearner::Run()' '*Replicator::Worker::Start()*_M_run()')
  patterns=(':mi_engine ' ':rapport::BackgroundLearner::Run() ' 'Replicator::Worker::Start().*_M_run() ')
  labels=(answer learning replicator)
  for name in "${names[@]}"; do
    out=$scratch/callgrind.$name
    touch "$out" && chown nobody "$out"
    launch "$name" valgrind --tool=callgrind --callgrind-out-file="$out" \
      "${threads[@]/#/--toggle-collect=}"
  done
  for name in off on; do
    "$load" -s "inet:${port_of[$name]}@127.0.0.1" -c 1 --sample "$messages" --messages "$messages" \
      "$corpus/enron" >/dev/null
  done
  sleep 5  # learning and replication catch up
  for name in "${names[@]}"; do kill -TERM "${pid_of[$name]}"; done
  kill -TERM "$redis_pid"
  for pid in "${pid_of[@]}" "$redis_pid"; do
    for _ in $(seq 600); do kill -0 "$pid" 2>/dev/null || break; sleep 0.1; done
  done
  echo "instructions (callgrind Ir) per message, $messages Enron messages on one connection:"
  for name in "${names[@]}"; do
    annotated=$(callgrind_annotate --inclusive=yes "$scratch/callgrind.$name" 2>/dev/null)
    line="  $name:"
    for i in "${!threads[@]}"; do
      ir=$(grep -E -m1 "${patterns[i]//[()]/\\&}" <<<"$annotated" | awk '{gsub(",", "", $1); print $1}') || true
      line+=" ${labels[i]} $((${ir:-0} / messages))"
    done
    echo "$line"
  done
  total=$(awk '/^totals:/ {print $2}' "$scratch/callgrind.redis")
  echo "  redis-server, everything it ran (start-up and idle included): $((total / messages))"
  exit 0
fi

for name in "${names[@]}"; do launch "$name"; done

# CPU clock ticks used so far by the PIDs given.
ticks() {
  local total=0 pid
  for pid in "$@"; do
    total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}
# settle: waits (up to 60 s) until no daemon has used CPU for half a second,
# so that one run's background learning and replication never land in the next.
settle() {
  local before after
  before=$(ticks "${started[@]}")
  for _ in $(seq 120); do
    sleep 0.5
    after=$(ticks "${started[@]}")
    ((after - before <= 1)) && return 0  # an idle poll may cross one tick
    before=$after
  done
}
clk_tck=$(getconf CLK_TCK)
results=$scratch/results.tsv
# run NAME ROUND: one milter_load run; records msg/s and the CPU ms per
# message the gateways and Redis took for it until idle.
run() {
  local name=$1 round=$2 rate before_milter before_redis
  settle
  before_milter=$(ticks "${pid_of[@]}")
  before_redis=$(ticks "$redis_pid")
  rate=$("$load" -s "inet:${port_of[$name]}@127.0.0.1" -c 4 --sample "$messages" --messages "$messages" \
    --json "$corpus/enron" | sed -n 's/.*"msg_per_s":\([0-9.]*\).*/\1/p')
  settle
  printf '%s\t%s\t%s\t%s\t%s\n' "$name" "$round" "$rate" \
    "$(($(ticks "${pid_of[@]}") - before_milter))" "$(($(ticks "$redis_pid") - before_redis))" >>"$results"
}
run off 0 && run on 0  # warm-up: page cache, first connections; not counted
: >"$results"
for round in $(seq "$runs"); do
  if ((round % 2)); then run off "$round"; run on "$round"; else run on "$round"; run off "$round"; fi
done
echo "answer path: milter_load, 4 connections, $messages Enron messages, $runs rounds, peer ${PEER:-0}," \
  "load average $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$results" "$clk_tck" "$messages" <<'PY'
import statistics, sys
path, tck, messages = sys.argv[1], int(sys.argv[2]), int(sys.argv[3])
rows = [line.split("\t") for line in open(path).read().split("\n") if line]
by = {}
for name, _, rate, milter, redis in rows:
    by.setdefault(name, []).append(
        (float(rate), int(milter) * 1000 / tck / messages, int(redis) * 1000 / tck / messages))
def show(label, index, unit):
    med = {}
    for name in ("off", "on"):
        values = [r[index] for r in by[name]]
        med[name] = statistics.median(values)
        print("  %-34s %-3s median %8.3f  min %8.3f  max %8.3f  (%s)" % (
            label, name, med[name], min(values), max(values),
            " ".join("%.3f" % v for v in values)))
    if med["off"]:
        print("  %-34s on/off %+.1f%%" % (label, 100 * (med["on"] - med["off"]) / med["off"]))
show("msg/s", 0, "")
show("gateways' CPU ms/msg, until idle", 1, "")
show("redis-server CPU ms/msg", 2, "")
PY
