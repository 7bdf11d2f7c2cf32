#!/usr/bin/env bash
# Measures `rapportctl learn` over the Enron archives: messages/second and
# peak RSS, into a fresh state directory. Usage: bench/learn/learn_bench.sh [BUILD_DIR]
set -euo pipefail
here=$(cd "$(dirname "$0")/../.." && pwd)
build=${1:-$here/build}
corpus=$here/../shared/corpus/enron
scratch=$(mktemp -d)
trap 'rm -rf "$scratch"' EXIT

cat >"$scratch/rapport.conf" <<CONF
local_domains = enron.com
state_dir = $scratch/state
CONF

/usr/bin/time -v -o "$scratch/time" \
  "$build/cli/rapportctl" --config "$scratch/rapport.conf" --json learn "$corpus" >"$scratch/summary.json"

messages=$(python3 -c "import json,sys; print(json.load(open(sys.argv[1]))['messages_read'])" "$scratch/summary.json")
wall=$(awk -F': ' '/Elapsed \(wall clock\)/ {print $2}' "$scratch/time")
seconds=$(python3 -c "import sys; p=sys.argv[1].split(':'); print(sum(float(x)*60**i for i,x in enumerate(reversed(p))))" "$wall")
rss_kb=$(awk -F': ' '/Maximum resident set size/ {print $2}' "$scratch/time")
cpu=$(awk -F': ' '/Percent of CPU/ {print $2}' "$scratch/time")
echo "learn over $corpus"
cat "$scratch/summary.json"
printf 'messages: %s  wall: %.2f s  throughput: %.0f msg/s  peak RSS: %.1f MB  CPU: %s\n' \
  "$messages" "$seconds" "$(python3 -c "print($messages/$seconds)")" "$(python3 -c "print($rss_kb/1024)")" "$cpu"
