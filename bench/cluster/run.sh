#!/usr/bin/env bash
# Two gateways sharing history through Redis on loopback (docs/SCALE-OUT.md):
#   - cluster_bench: replication lag p50/p99 while 1,000 msg/s are learned,
#     events applied per second, Redis memory per million events, and the
#     outbox's cost to learning;
#   - the answer path: rapport-milter without and with [cluster] (its
#     outbox, publisher and applier running), milter_load at 4 connections
#     on the same sample of the Enron corpus, alternated RUNS times; msg/s
#     medians and their ratio. PEER=1 also runs a second gateway applying
#     its events on this machine, as another host would.
# Everything listens on 127.0.0.1 only, in a scratch directory, and is
# stopped by PID on exit.
#
# Usage: bench/cluster/run.sh [BUILD_DIR]   (as root: the daemons run as nobody)
# Environment: RUNS (3), MESSAGES (2000), CORPUS (../shared/corpus), PEER (0)
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
corpus=${CORPUS:-$here/../shared/corpus}
runs=${RUNS:-3}
messages=${MESSAGES:-2000}
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
  for _ in $(seq 100); do (exec 3<>"/dev/tcp/127.0.0.1/$1") 2>/dev/null && return 0; sleep 0.1; done
  echo "nothing listens on $1" >&2; exit 1
}

redis_port=$(free_port)
redis-server --bind 127.0.0.1 --port "$redis_port" --save "" --appendonly no \
  --daemonize no --loglevel warning --logfile "$scratch/redis.log" &
started+=($!)
wait_port "$redis_port"

"$bench" --redis "127.0.0.1:$redis_port" --dir "$scratch"

# gateway NAME PORT [cluster lines]: starts rapport-milter, prints its PID.
gateway() {
  local name=$1 port=$2; shift 2
  mkdir -p "$scratch/state-$name" && chown nobody "$scratch/state-$name"
  {
    echo "local_domains = enron.com"
    echo "socket = inet:$port@127.0.0.1"
    echo "user = nobody"
    echo "state_dir = $scratch/state-$name"
    echo "log_level = warning"
    for line in "$@"; do echo "$line"; done
  } >"$scratch/$name.conf"
  "$milter" --config "$scratch/$name.conf" --foreground >>"$scratch/$name.log" 2>&1 &
  echo $!
}
off_port=$(free_port)
on_port=$(free_port)
peer_port=$(free_port)
cluster=("[cluster]" "redis = 127.0.0.1:$redis_port" "key_prefix = answer:")
started+=("$(gateway off "$off_port")")
started+=("$(gateway on "$on_port" "${cluster[@]}" "node = on")")
ports=("$off_port" "$on_port")
if [[ ${PEER:-0} == 1 ]]; then
  started+=("$(gateway peer "$peer_port" "${cluster[@]}" "node = peer")")
  ports+=("$peer_port")
fi
for port in "${ports[@]}"; do wait_port "$port"; done

rate() {  # rate PORT: msg/s of one milter_load run
  "$load" -s "inet:$1@127.0.0.1" -c 4 --sample "$messages" --messages "$messages" --json \
    "$corpus/enron" | sed -n 's/.*"msg_per_s":\([0-9.]*\).*/\1/p'
}
rate "$off_port" >/dev/null  # warm-up: page cache, first connections
rate "$on_port" >/dev/null
off=()
on=()
for _ in $(seq "$runs"); do
  off+=("$(rate "$off_port")")
  on+=("$(rate "$on_port")")
done
median() { printf '%s\n' "$@" | sort -n | sed -n "$((($# + 1) / 2))p"; }
off_median=$(median "${off[@]}")
on_median=$(median "${on[@]}")
echo "answer path (milter_load, 4 connections, $messages Enron messages, median of $runs, peer ${PEER:-0}):" \
  "$off_median msg/s without [cluster], $on_median msg/s with it" \
  "($(awk -v a="$on_median" -v b="$off_median" 'BEGIN { printf "%+.1f%%", 100 * (a - b) / b }'))" \
  "runs off: ${off[*]}; on: ${on[*]}"
