#!/usr/bin/env bash
# Where rapport-milter's CPU goes per message, in instructions rather than
# seconds, so that changes compare on a busy machine: learns a store on the
# Enron archives, starts rapport-milter under callgrind, counts the
# instructions (Ir) of MESSAGES messages sent over one connection by
# milter_load (same corpus and sampling as compare_milters.sh), and prints Ir
# per message and the top functions (inclusive and exclusive). Everything
# listens on 127.0.0.1 only and is stopped by PID on exit.
#
# Usage: bench/throughput/milter_profile.sh [BUILD_DIR]   (as root: the daemon runs as nobody)
# Environment: MESSAGES (400), RAPPORT_CORPUS (scripts/corpus.sh), TOP (25),
#              KEEP (empty: a directory to keep callgrind.out and the store in).
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
build=$(cd "${1:-$here/build}" && pwd)
source "$here/scripts/corpus.sh"
rapport_require_corpus enron phishing
corpus=$RAPPORT_CORPUS
messages=${MESSAGES:-400}
top=${TOP:-25}
load=$build/bench/throughput/milter_load/milter_load
rapport_milter=$build/milter/rapport-milter
rapportctl=$build/cli/rapportctl
corpus_paths=("$corpus/enron" "$corpus/phishing")
for tool in "$load" "$rapport_milter" "$rapportctl"; do
  [[ -x $tool ]] || { echo "not built: $tool" >&2; exit 1; }
done
command -v valgrind >/dev/null || { echo "valgrind is not installed" >&2; exit 1; }

scratch=$(mktemp -d /tmp/milter_profile.XXXXXX)
chmod 755 "$scratch"
milter_pid=
cleanup() {
  if [[ -n $milter_pid ]] && kill -0 "$milter_pid" 2>/dev/null; then
    kill -TERM "$milter_pid" 2>/dev/null || true
    for _ in $(seq 300); do kill -0 "$milter_pid" 2>/dev/null || break; sleep 0.1; done
    kill -KILL "$milter_pid" 2>/dev/null || true
  fi
  if [[ -n ${KEEP:-} ]]; then
    mkdir -p "$KEEP" && cp -r "$scratch"/. "$KEEP"/
  fi
  rm -rf "$scratch"
}
trap cleanup EXIT
trap 'exit 130' INT TERM

port=$(python3 -c 'import socket; s=socket.socket(); s.bind(("127.0.0.1", 0)); print(s.getsockname()[1])')
mkdir -p "$scratch/state"
cat >"$scratch/rapport.conf" <<CONF
local_domains = enron.com
socket = inet:$port@127.0.0.1
state_dir = $scratch/state
user = nobody
group = nogroup
CONF
chmod 644 "$scratch/rapport.conf"
echo "== rapportctl learn $corpus/enron"
"$rapportctl" --config "$scratch/rapport.conf" learn "$corpus/enron" >/dev/null
chown -R nobody:nogroup "$scratch/state" "$scratch"

# Counted: the libmilter session threads (mi_engine: every callback of a
# connection) and the background learner, from the first message (cold
# caches included) to the last learned; not start-up, RocksDB's own
# background threads or the final flush at shutdown.
valgrind --tool=callgrind --callgrind-out-file="$scratch/callgrind.out" \
  --toggle-collect=mi_engine --toggle-collect='rapport::BackgroundLearner::Run()' \
  "$rapport_milter" -c "$scratch/rapport.conf" -f 2>"$scratch/milter.log" &
milter_pid=$!
for _ in $(seq 1200); do
  kill -0 "$milter_pid" 2>/dev/null || { tail "$scratch/milter.log" >&2; exit 1; }
  (exec 3<>"/dev/tcp/127.0.0.1/$port") 2>/dev/null && break
  sleep 0.1
done
# The store opens beside the listener; until it is open every message gets
# on_error, which is not the answer path being measured.
for _ in $(seq 1200); do
  grep -q 'history store open after' "$scratch/milter.log" && break
  sleep 0.1
done
grep -q 'history store open after' "$scratch/milter.log" ||
  { tail "$scratch/milter.log" >&2; echo "milter_profile: the store never opened" >&2; exit 1; }
# valgrind created its output file as root; the daemon writes it at exit
# after dropping to nobody.
chown nobody "$scratch/callgrind.out"
echo "== measuring: $messages messages, one connection"
"$load" -s "inet:$port@127.0.0.1" -c 1 --sample "$messages" --messages "$messages" \
  "${corpus_paths[@]}" | tee "$scratch/load.txt"
kill -TERM "$milter_pid"
wait "$milter_pid" || true
milter_pid=
echo "== routes: $(awk '$4 ~ /:$/ {print $5}' "$scratch/milter.log" | sort | uniq -c | xargs)"
total=$(awk '/^totals:/ {print $2}' "$scratch/callgrind.out")
echo "== Ir per message: $((total / messages)) (total $total over $messages messages)"
echo "== top functions, inclusive"
callgrind_annotate --inclusive=yes "$scratch/callgrind.out" 2>/dev/null | sed -n '/^Ir/,$p' |
  sed -n "3,$((top + 2))p" | cut -c1-200
echo "== top functions, exclusive"
callgrind_annotate "$scratch/callgrind.out" 2>/dev/null | sed -n '/^Ir/,$p' |
  sed -n "3,$((top + 2))p" | cut -c1-200
