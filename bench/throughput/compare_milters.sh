#!/usr/bin/env bash
# Rapport against rspamd through the milter protocol, side by side: the same
# client (milter_load, which plays Postfix) sends the same corpus (Enron and
# phishing from the shared corpus, MESSAGES messages evenly sampled) to
#   - accept_milter, plain and negotiating no-reply flags: the floor, and the
#     client's own ceiling;
#   - rspamd 3.x, proxy worker in milter mode scanning by itself, network
#     lookups off (bench/throughput/rspamd/), on loopback;
#   - rapport-milter, its store warmed by `rapportctl learn` on the Enron
#     archives (skipped, and said so, while it is not built);
# at 1, 4 and 16 connections, and prints one table: msg/s, p99 latency and
# the milter's CPU time per message (from /proc/PID/stat, its worker
# processes included), medians of RUNS runs, with the ratios Rapport/rspamd.
# Everything it starts listens on 127.0.0.1 only and is stopped by PID on exit.
#
# Usage: bench/throughput/compare_milters.sh [BUILD_DIR]      (run as root: it may
#        apt-get install rspamd, and runs the daemons as _rspamd and nobody)
# Environment: RUNS (3), MESSAGES (2000), CONNECTIONS ("1 4 16"),
#              RSPAMD_WORKERS (nproc), RAPPORT_CORPUS (scripts/corpus.sh),
#              RAPPORT_BUILD (BUILD_DIR): where rapport-milter and rapportctl are,
#              QUICK_ACK (0): 1 passes --quick-ack to milter_load (see its --help).
# rspamd's compiled hyperscan cache is kept in BUILD_DIR/bench/rspamd_db so
# that later runs start in seconds.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
source "$here/scripts/corpus.sh"
rapport_require_corpus enron phishing
corpus=$RAPPORT_CORPUS
runs=${RUNS:-3}
messages=${MESSAGES:-2000}
connections=${CONNECTIONS:-"1 4 16"}
rspamd_workers=${RSPAMD_WORKERS:-$(nproc)}
load=$build/bench/throughput/milter_load/milter_load
accept=$build/bench/throughput/milter_load/accept_milter
rapport_build=$(cd "${RAPPORT_BUILD:-$build}" && pwd)
rapport_milter=$rapport_build/milter/rapport-milter
rapportctl=$rapport_build/cli/rapportctl
corpus_paths=("$corpus/enron" "$corpus/phishing")
clk_tck=$(getconf CLK_TCK)
ack=()
[[ ${QUICK_ACK:-0} == 1 ]] && ack=(--quick-ack)

if [[ ! -x $load || ! -x $accept ]]; then
  echo "milter_load or accept_milter not built in $build:" >&2
  echo "  cmake --build $build --target milter_load accept_milter" >&2
  exit 1
fi

scratch=$(mktemp -d /tmp/compare_milters.XXXXXX)
chmod 755 "$scratch"
results=$scratch/results.tsv
started=()  # PIDs of every daemon this script started

# Stops `pid` with SIGTERM, then SIGKILL after 10 s; the PID is ours.
stop_pid() {
  local pid=$1
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 100); do
    kill -0 "$pid" 2>/dev/null || return 0
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
}

cleanup() {
  for pid in "${started[@]}"; do stop_pid "$pid"; done
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

# Waits up to $2 seconds for 127.0.0.1:$1 to accept connections, while the
# daemon $3 is alive.
wait_port() {
  local port=$1 seconds=$2 pid=$3
  for _ in $(seq $((seconds * 10))); do
    kill -0 "$pid" 2>/dev/null || return 1
    (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && return 0
    sleep 0.1
  done
  return 1
}

# CPU clock ticks used so far by $1 and its child processes (rspamd's workers).
cpu_ticks() {
  local total=0 pid
  for pid in "$1" $(pgrep -P "$1" || true); do
    [[ -r /proc/$pid/stat ]] || continue
    # Fields after the command name, which may hold spaces: utime and stime
    # are the 12th and 13th after the closing parenthesis.
    total=$((total + $(sed 's/.*) //' "/proc/$pid/stat" | awk '{print $12 + $13}')))
  done
  echo "$total"
}

# Drives the milter $2 on port $3 (daemon PID $4) and records runs as $1.
measure() {
  local name=$1 port=$2 pid=$3 c r before after
  "$load" -s "inet:$port@127.0.0.1" -c 4 --sample 200 --messages 200 --duration 60 \
    "${corpus_paths[@]}" \
    >/dev/null || true  # warm-up: caches, JIT, first connections
  for c in $connections; do
    for r in $(seq "$runs"); do
      before=$(cpu_ticks "$pid")
      "$load" "${ack[@]}" -s "inet:$port@127.0.0.1" -c "$c" --sample "$messages" --messages "$messages" \
        --duration 120 --json \
        "${corpus_paths[@]}" >"$scratch/run.json" || true
      after=$(cpu_ticks "$pid")
      printf '%s\t%s\t%s\t%s\n' "$name" "$c" "$((after - before))" "$(cat "$scratch/run.json")" \
        >>"$results"
      printf '  %-16s c=%-3s run %s: %s\n' "$name" "$c" "$r" \
        "$(python3 -c 'import json,sys; d=json.load(open(sys.argv[1])); print("%.0f msg/s, p99 %.1f ms, errors %d" % (d["msg_per_s"], d["p99_ms"], d["errors"]))' "$scratch/run.json")"
    done
  done
}

echo "== corpus: ${corpus_paths[*]} ($messages messages evenly sampled); runs: $runs ${ack[*]}"
echo "== machine: $(nproc) cores, $(uname -r); load average: $(cut -d' ' -f1-3 /proc/loadavg)"

# --- accept_milter: plain, then no-reply ------------------------------------
for variant in plain no-reply; do
  port=$(free_port)
  flag=()
  [[ $variant == no-reply ]] && flag=(-n)
  "$accept" -p "inet:$port@127.0.0.1" "${flag[@]}" &
  pid=$!
  started+=("$pid")
  wait_port "$port" 10 "$pid" || { echo "accept_milter ($variant) did not start" >&2; exit 1; }
  echo "== accept-all ($variant), pid $pid"
  measure "accept-$variant" "$port" "$pid"
  stop_pid "$pid"
done

# --- rspamd ---------------------------------------------------------------
if ! command -v rspamd >/dev/null; then
  echo "== installing rspamd (Debian package)"
  DEBIAN_FRONTEND=noninteractive apt-get install -y --no-install-recommends rspamd >/dev/null
fi
rs=$scratch/rspamd
rspamd_db=$build/bench/rspamd_db
mkdir -p "$rspamd_db" "$rs/run" "$rs/log"
echo "count = $rspamd_workers;" >"$rs/run/worker-proxy.inc"
chown -R _rspamd:_rspamd "$rs" "$rspamd_db"
port=$(free_port)
rspamd -f -c "$here/bench/throughput/rspamd/rspamd.conf" -u _rspamd -g _rspamd \
  --var LOCAL_CONFDIR="$here/bench/throughput/rspamd" --var DBDIR="$rspamd_db" --var RUNDIR="$rs/run" \
  --var LOGDIR="$rs/log" --var PROXY_PORT="$port" >"$rs/stdout" 2>&1 &
rspamd_pid=$!
started+=("$rspamd_pid")
echo "== rspamd $(rspamd --version | grep -o '[0-9][0-9.]*' | head -1), proxy milter, $rspamd_workers workers, pid $rspamd_pid"
if ! wait_port "$port" 180 "$rspamd_pid"; then
  echo "rspamd did not start; its log:" >&2
  tail -20 "$rs/log/rspamd.log" "$rs/stdout" >&2 || true
  exit 1
fi
# Regular expressions are compiled to hyperscan in the background; measure after.
for _ in $(seq 120); do
  grep -q "hyperscan database.*has been loaded" "$rs/log/rspamd.log" 2>/dev/null && break
  sleep 1
done
measure rspamd "$port" "$rspamd_pid"
dns=$(grep -o 'dns req: [1-9][0-9]*' "$rs/log/rspamd.log" | wc -l || true)
echo "  rspamd messages that made DNS requests: $dns"
stop_pid "$rspamd_pid"

# --- rapport-milter ----------------------------------------------------------
if [[ -x $rapport_milter && -x $rapportctl ]]; then
  rp=$scratch/rapport
  mkdir -p "$rp/state"
  port=$(free_port)
  cat >"$rp/rapport.conf" <<CONF
local_domains = enron.com
socket = inet:$port@127.0.0.1
state_dir = $rp/state
# The learned Enron history is from 2001: keep it through the daemon's compactions.
retention_days = 0
user = nobody
group = nogroup
CONF
  chmod 644 "$rp/rapport.conf"
  echo "== rapportctl learn $corpus/enron"
  learn_start=$(date +%s.%N)
  "$rapportctl" --config "$rp/rapport.conf" learn "$corpus/enron" >"$rp/learn.out"
  echo "  learnt in $(python3 -c "import sys; print('%.1f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$learn_start" "$(date +%s.%N)") s"
  chown -R nobody:nogroup "$rp/state"
  "$rapport_milter" -c "$rp/rapport.conf" -f 2>"$rp/milter.log" &
  rapport_pid=$!
  started+=("$rapport_pid")
  if ! wait_port "$port" 60 "$rapport_pid"; then
    echo "rapport-milter did not start; its log:" >&2
    tail -20 "$rp/milter.log" >&2
    exit 1
  fi
  # The store opens beside the listener; until it is open every message
  # gets on_error at once, which is not the answer path being measured.
  for _ in $(seq 1200); do
    grep -q 'history store open after' "$rp/milter.log" && break
    sleep 0.1
  done
  grep -q 'history store open after' "$rp/milter.log" ||
    { tail -20 "$rp/milter.log" >&2; echo "rapport-milter's store never opened" >&2; exit 1; }
  echo "== rapport-milter, pid $rapport_pid"
  measure rapport "$port" "$rapport_pid"
  stop_pid "$rapport_pid"
else
  echo "== rapport-milter: NOT BUILT ($rapport_milter, $rapportctl missing);"
  echo "   build with: cmake --build $rapport_build --target rapport-milter rapportctl"
fi

# --- the table ---------------------------------------------------------------
python3 - "$results" "$clk_tck" "$connections" <<'PY'
import json, statistics, sys
path, tck, conns = sys.argv[1], int(sys.argv[2]), [int(c) for c in sys.argv[3].split()]
runs = {}
for line in open(path):
    name, c, ticks, js = line.rstrip("\n").split("\t", 3)
    d = json.loads(js)
    cpu = int(ticks) * 1000.0 / tck / d["messages"] if d["messages"] else float("nan")
    runs.setdefault((name, int(c)), []).append((d["msg_per_s"], d["p99_ms"], cpu, d["errors"]))
names = []
for name, _ in runs:
    if name not in names:
        names.append(name)
med = {}
print()
print("%-16s %5s %10s %9s %12s %7s" % ("milter", "conns", "msg/s", "p99 ms", "CPU ms/msg", "errors"))
for name in names:
    for c in conns:
        r = runs.get((name, c))
        if not r:
            continue
        m = tuple(statistics.median(x[i] for x in r) for i in range(3))
        med[(name, c)] = m
        print("%-16s %5d %10.0f %9.1f %12.3f %7d" % (name, c, m[0], m[1], m[2], sum(x[3] for x in r)))
if "rapport" in names and "rspamd" in names:
    print()
    print("Rapport / rspamd   %s" % "  ".join("c=%-2d" % c + " " * 14 for c in conns))
    for label, i, better in (("msg/s", 0, "higher"), ("p99", 1, "lower"), ("CPU/msg", 2, "lower")):
        cells = []
        for c in conns:
            a, b = med.get(("rapport", c)), med.get(("rspamd", c))
            cells.append("%-20s" % ("%.2fx" % (a[i] / b[i]) if a and b and b[i] else "n/a"))
        print("%-18s %s (%s is better)" % (label, "".join(cells), better))
else:
    print("\n(no Rapport / rspamd ratio: rapport-milter was not measured)")
PY
