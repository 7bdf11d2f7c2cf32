#!/usr/bin/env bash
# Soak: rapport-milter under sustained load, then kill -9 and restart.
#
# For each store setting in SETTINGS: a fresh store warmed with all of Enron
# (`rapportctl learn`), the daemon started on it, then rounds of the real
# mix (Enron, SpamAssassin easy ham, phishing from ../shared/corpus) at
# CONNECTIONS connections through bench/throughput/milter_load until MESSAGES messages
# have been answered. After each round it prints msg/s, p99, the daemon's
# RSS, the write-ahead log and table bytes, and the most WAL and RSS seen
# by a sampler (every second) during the round. Then, with one more round
# running, the daemon gets SIGKILL at a random point and is started again
# on the same store (KILLS times): it prints the WAL left to replay, the
# time until the daemon answers a message again (any answer: on_error is
# tempfail here) and the recovery time it logs. A summary compares the settings against the issue 19
# targets (WAL <= 64 MB, state dir <= 2x tables, RSS <= 200 MB and flat
# within 10% over the last half, answering within 2 s).
#
# Usage: bench/soak/run.sh [BUILD_DIR]   (as root: the daemon runs as nobody)
# Environment: MESSAGES (300000), CONNECTIONS (16), CORPUS (../shared/corpus),
#   KILLS (3): kill -9 and restart cycles after the rounds,
#   SETTINGS ("default old"): "default" is the shipped [store] defaults;
#   "old" is what Rapport used before them: memtables up to 256 MB, RocksDB's
#   own WAL limit (about 4 GB for these 14 column families), 64 MB cache;
#   and "key=value+key=value" sets those [store] keys over the defaults.
# Everything listens on 127.0.0.1 only; daemons are stopped by PID on exit.
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
corpus=${CORPUS:-$here/../shared/corpus}
messages=${MESSAGES:-300000}
connections=${CONNECTIONS:-16}
settings=${SETTINGS:-"default old"}
kills=${KILLS:-3}
load=$build/bench/throughput/milter_load/milter_load
milter=$build/milter/rapport-milter
rapportctl=$build/cli/rapportctl
mix=("$corpus/enron" "$corpus/spamassassin" "$corpus/phishing")

command -v miltertest >/dev/null || { echo "soak: needs miltertest (scripts/install-deps.sh)" >&2; exit 1; }
for tool in "$load" "$milter" "$rapportctl"; do
  [[ -x $tool ]] || { echo "soak: $tool is not built (cmake --build $build)" >&2; exit 1; }
done
[[ $(id -u) == 0 ]] || { echo "soak: run as root (the daemon runs as nobody)" >&2; exit 1; }

scratch=$(mktemp -d /tmp/rapport-soak.XXXXXX)
chmod 755 "$scratch"
daemon_pid=
sampler_pid=
background_pid=

stop_pid() {
  local pid=$1
  [[ -n $pid ]] || return 0
  kill -TERM "$pid" 2>/dev/null || return 0
  for _ in $(seq 300); do
    kill -0 "$pid" 2>/dev/null || { wait "$pid" 2>/dev/null || true; return 0; }
    sleep 0.1
  done
  kill -KILL "$pid" 2>/dev/null || true
  wait "$pid" 2>/dev/null || true
}

cleanup() {
  stop_pid "$sampler_pid"
  stop_pid "$background_pid"
  stop_pid "$daemon_pid"
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

free_port() {
  python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])'
}

now() { date +%s.%N; }
since() { python3 -c "import sys; print('%.2f' % (float(sys.argv[2]) - float(sys.argv[1])))" "$1" "$(now)"; }

# Bytes of the files in $1 whose names end in $2.
bytes_of() { find "$1" -maxdepth 1 -name "*$2" -printf '%s\n' 2>/dev/null | awk '{s += $1} END {print s + 0}'; }
rss_kb() { awk '/^VmRSS:/ {print $2}' "/proc/$1/status" 2>/dev/null || echo 0; }

# Every second: time, RSS kB, WAL bytes, table bytes of daemon $1 on store $2.
sample() {
  local pid=$1 state=$2
  while kill -0 "$pid" 2>/dev/null; do
    printf '%s %s %s %s\n' "$(date +%s)" "$(rss_kb "$pid")" "$(bytes_of "$state" .log)" \
      "$(bytes_of "$state" .sst)"
    sleep 1
  done
}

# Starts the daemon on config $1, logging to $2; sets daemon_pid.
start_daemon() {
  "$milter" -c "$1" -f 2>>"$2" &
  daemon_pid=$!
}

# Sends one message to port $1 with miltertest (answered.lua), retrying the
# connection every 10 ms: returns once the daemon answered it (any answer).
answered() {
  miltertest -D "socket=inet:$1@127.0.0.1" -s "$here/bench/soak/answered.lua" >/dev/null
}

store_section() {
  case $1 in
    default) echo "" ;;
    old) printf 'block_cache = 64m\nmemtable_budget = 256m\nmax_wal_size = 4g\n' ;;
    *=*) tr '+' '\n' <<<"$1" ;;
    *) echo "soak: unknown setting '$1'" >&2; exit 2 ;;
  esac
}

summary=$scratch/summary.tsv
echo "== soak: $messages messages at $connections connections per setting ($settings)"
echo "== mix: ${mix[*]}"
echo "== machine: $(nproc) cores, $(uname -r); load average at start: $(cut -d' ' -f1-3 /proc/loadavg)"

for setting in $settings; do
  run=$scratch/$setting
  mkdir -p "$run/state"
  port=$(free_port)
  cat >"$run/rapport.conf" <<CONF
local_domains = enron.com
socket = inet:$port@127.0.0.1
state_dir = $run/state
# The learned Enron history is from 2001: keep it through the daemon's compactions.
retention_days = 0
on_error = tempfail
user = nobody
group = nogroup
[store]
$(store_section "$setting")
CONF
  chmod 644 "$run/rapport.conf"
  echo
  echo "== setting: $setting"
  sed -n '/^\[store\]/,$p' "$run/rapport.conf" | sed 's/^/   /'
  started=$(now)
  "$rapportctl" --config "$run/rapport.conf" learn "$corpus/enron" >"$run/learn.out"
  echo "   learned Enron in $(since "$started") s; tables $(bytes_of "$run/state" .sst) bytes"
  chown -R nobody:nogroup "$run/state"
  start_daemon "$run/rapport.conf" "$run/milter.log"
  until grep -q "history store open after" "$run/milter.log" 2>/dev/null; do
    kill -0 "$daemon_pid" 2>/dev/null || { tail -5 "$run/milter.log" >&2; exit 1; }
    sleep 0.2
  done
  sample "$daemon_pid" "$run/state" >"$run/samples" &
  sampler_pid=$!

  printf '   %5s %8s %7s %8s %8s %9s %9s %9s %8s %5s\n' round sent "msg/s" "p99 ms" "RSS MB" \
    "maxRSS MB" "WAL MB" "maxWAL MB" "SST MB" errs
  total=0
  round=0
  while ((total < messages)); do
    round=$((round + 1))
    round_start=$(date +%s)
    "$load" -s "inet:$port@127.0.0.1" -c "$connections" --json "${mix[@]}" >"$run/round.json"
    sleep 1  # the sampler's last look at this round
    python3 - "$run/round.json" "$run/samples" "$round_start" "$round" "$(rss_kb "$daemon_pid")" \
      "$(bytes_of "$run/state" .log)" "$(bytes_of "$run/state" .sst)" "$(du -sb "$run/state" | cut -f1)" \
      "$setting" >>"$run/rounds.tsv" <<'PY'
import json, sys
path, samples, start, rnd, rss, wal, sst, state, setting = sys.argv[1:]
d = json.load(open(path))
rows = [l.split() for l in open(samples) if l.strip()]
rows = [r for r in rows if int(r[0]) >= int(start)]
max_rss = max([int(r[1]) for r in rows] + [int(rss)])
max_wal = max([int(r[2]) for r in rows] + [int(wal)])
print("\t".join(str(x) for x in (setting, rnd, d["messages"], d["msg_per_s"], d["p99_ms"],
      int(rss), max_rss, int(wal), max_wal, int(sst), int(state), d["errors"])))
PY
    tail -1 "$run/rounds.tsv" | awk -F'\t' '{printf "   %5d %8d %7.0f %8.1f %8.1f %9.1f %9.1f %9.1f %8.1f %5d\n",
      $2, $3, $4, $5, $6/1024, $7/1024, $8/1048576, $9/1048576, $10/1048576, $12}'
    total=$((total + $(tail -1 "$run/rounds.tsv" | cut -f3)))
  done
  cat "$run/rounds.tsv" >>"$summary"

  stop_pid "$sampler_pid"
  sampler_pid=

  # KILLS times: kill -9 at a random point of one more round, then start
  # again on the same store and time how soon a message is answered.
  for kill in $(seq "$kills"); do
    "$load" -s "inet:$port@127.0.0.1" -c "$connections" --json --timeout-ms 2000 "${mix[@]}" \
      >/dev/null 2>&1 &
    background_pid=$!
    sleep $((3 + RANDOM % 10))
    wal_at_kill=$(bytes_of "$run/state" .log)
    kill -KILL "$daemon_pid"
    wait "$daemon_pid" 2>/dev/null || true
    restarted=$(now)
    : >"$run/restart.log"
    start_daemon "$run/rapport.conf" "$run/restart.log"
    answered "$port" || { tail -5 "$run/restart.log" >&2; exit 1; }
    answering=$(since "$restarted")
    until grep -q "history store open after\|history store unavailable" "$run/restart.log"; do
      sleep 0.1
    done
    recovered=$(sed -n 's/.*history store open after \([0-9.]*\)s.*/\1/p' "$run/restart.log" | head -1)
    wait "$background_pid" 2>/dev/null || true
    background_pid=
    printf '   kill -9 #%d with %.1f MB of WAL: answering again after %s s; store recovered in %s s\n' \
      "$kill" "$(python3 -c "print($wal_at_kill / 1048576)")" "$answering" "$recovered"
    printf '%s\tcrash\t%s\t%s\t%s\n' "$setting" "$wal_at_kill" "$answering" "$recovered" >>"$summary"
  done
  stop_pid "$daemon_pid"
  daemon_pid=
done

echo
echo "== load average at the end: $(cut -d' ' -f1-3 /proc/loadavg)"
python3 - "$summary" <<'PY'
import statistics, sys
rounds, crashes = {}, {}
for line in open(sys.argv[1]):
    f = line.rstrip("\n").split("\t")
    if f[1] == "crash":
        crashes.setdefault(f[0], []).append((int(f[2]), float(f[3]), float(f[4] or "nan")))
    else:
        rounds.setdefault(f[0], []).append([float(x) for x in f[2:]])
MB = 1048576
print("%-8s %8s %9s %9s %11s %13s %12s %10s %11s" % ("setting", "messages", "msg/s med", "p99 med",
      "max WAL MB", "state/tables", "RSS 2nd half", "RSS spread", "answer max s"))
for name, rs in rounds.items():
    sent = sum(r[0] for r in rs)
    half = rs[len(rs) // 2:]
    rss = [r[3] / 1024 for r in half]
    spread = (max(rss) - min(rss)) / statistics.mean(rss) * 100
    last = rs[-1]
    crash = crashes.get(name, [(0, float("nan"), float("nan"))])
    print("%-8s %8d %9.0f %9.1f %11.1f %13.2f %5.0f-%-6.0f %9.1f%% %11.2f" % (
        name, sent, statistics.median(r[1] for r in rs), statistics.median(r[2] for r in rs),
        max(r[6] for r in rs) / MB, last[8] / max(last[7], 1), min(rss), max(rss), spread,
        max(c[1] for c in crash)))
    print("%-8s max RSS %.0f MB; errors %d; kill -9: most WAL %.1f MB, store recovered in at most %.2f s" % (
        "", max(r[4] for r in rs) / 1024, sum(r[9] for r in rs), max(c[0] for c in crash) / MB,
        max(c[2] for c in crash)))
PY
