#!/usr/bin/env bash
# scale_bench.sh: per-message scoring cost and peak RSS against synthetic
# history of 10k, 100k and 1M relationships.
#
#   bash bench/scale/scale_bench.sh [BUILD_DIR]        (default: build)
#
# For each size, bench/scale/scale_generate writes a store through
# HistoryStore::Learn (bulk load, as `rapportctl learn`), then
# bench/scale/scale_score opens it as rapport-milter does and scores 2,000
# corpus messages given known and unknown identities, cold then warm (see
# the comments at the top of both programs). Prints one table.
#
# Environment:
#   SIZES       relationships per store (default "10000 100000 1000000")
#   WORK        where stores are kept (default /tmp/rapport-scale); a store
#               already there is reused, REGENERATE=1 writes it again
#   MESSAGES    messages scored per pass (default 2000)
#   CALLGRIND=1 also counts instructions per message under valgrind
#               (load-independent): scoring and parsing, averaged over the
#               cold and warm passes of CALLGRIND_MESSAGES (default 500)
#               messages; a few minutes per size
# Timings are wall and thread-CPU times on this machine: note its load
# (uptime is printed before and after).
set -euo pipefail

here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
sizes=${SIZES:-10000 100000 1000000}
work=${WORK:-/tmp/rapport-scale}
messages=${MESSAGES:-2000}
generate=$build/bench/scale/scale_generate
score=$build/bench/scale/scale_score
for tool in "$generate" "$score"; do
  [[ -x $tool ]] || { echo "scale_bench: $tool is not built (cmake --build $build)" >&2; exit 1; }
done
[[ ${CALLGRIND:-0} != 1 ]] || command -v valgrind >/dev/null ||
  { echo "scale_bench: CALLGRIND=1 needs valgrind (apt-get install valgrind)" >&2; exit 1; }
mkdir -p "$work"

# field NAME LINE: the value of NAME=value in LINE.
field() { sed -n "s/.*\b$1=\([^ ]*\).*/\1/p" <<<"$2"; }

# Instructions per scored message (both passes) of FUNCTION, inclusive, in
# the callgrind profile FILE of a run over N messages.
instructions_per_message() {
  local total
  total=$(callgrind_annotate --inclusive=yes "$1" 2>/dev/null |
    sed -n "s/^ *\([0-9,]*\) .*$2.*/\1/p" | head -1 | tr -d ,)
  echo $((total / (2 * $3)))
}

echo "== uptime before: $(uptime)"
echo "== nproc $(nproc), $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ //')"
rows=()
for n in $sizes; do
  store=$work/s$n
  if [[ ${REGENERATE:-0} == 1 || ! -f $store/CURRENT || ! -f $store.gen ]]; then
    rm -rf "$store"
    echo "== generating $n relationships in $store" >&2
    "$generate" --relationships "$n" --dir "$store" --samples "$store.samples" >"$store.gen"
  fi
  gen=$(cat "$store.gen")
  echo "== generated: $gen"
  store_mb=$(du -sm "$store" | cut -f1)

  /usr/bin/time -v "$score" --store "$store" --samples "$store.samples" --messages "$messages" \
    >"$store.score" 2>"$store.time"
  cat "$store.score"
  cold=$(grep '^pass=cold' "$store.score")
  warm=$(grep '^pass=warm' "$store.score")
  rss_kb=$(sed -n 's/.*Maximum resident set size (kbytes): //p' "$store.time")

  ir="-"
  if [[ ${CALLGRIND:-0} == 1 ]]; then
    cg_messages=${CALLGRIND_MESSAGES:-500}
    rm -f "$store.cg"
    valgrind --tool=callgrind --callgrind-out-file="$store.cg" --toggle-collect='*ScorePass*' \
      "$score" --store "$store" --samples "$store.samples" --messages "$cg_messages" \
      >"$store.cg.out" 2>&1
    ir="$(instructions_per_message "$store.cg" 'RegistryScorer::Score(' "$cg_messages")"
    ir="$ir/$(instructions_per_message "$store.cg" 'rapport::ParseMessage(' "$cg_messages")"
  fi

  rows+=("$(printf '%9s %8s %7s %7s %9s/%-9s %9s/%-9s %8s %9s %9s %8s %s' \
    "$n" "$store_mb" "$(field generate_s "$gen")" "$(field messages "$gen")" \
    "$(field score_p50_us "$cold")" "$(field score_p99_us "$cold")" \
    "$(field score_p50_us "$warm")" "$(field score_p99_us "$warm")" \
    "$(field score_cpu_p50_us "$warm")" "$(field score_msg_per_s "$warm")" \
    "$(field parse_score_p50_us "$warm")" "$((rss_kb / 1024))" "$ir")")
done
echo "== uptime after: $(uptime)"
echo
printf '%9s %8s %7s %7s %19s %19s %8s %9s %9s %8s %s\n' relations store_MB gen_s gen_msgs \
  "cold_p50/p99_us" "warm_p50/p99_us" cpu_p50 warm_msg/s +parse_p50 rss_MB "Ir/msg score/parse"
printf '%s\n' "${rows[@]}"
