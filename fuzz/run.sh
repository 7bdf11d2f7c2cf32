#!/usr/bin/env bash
# Runs one fuzz target for a while (default 600 s) from its seeds, in one
# process, and prints libFuzzer's last status line (executions, exec/s, cov,
# ft, corpus). Build first (fuzz/README.md) and generate seeds with
# fuzz/seed.sh. New corpus entries go to build-fuzz/corpus/TARGET, crashing
# inputs to build-fuzz/artifacts/TARGET/, the log to build-fuzz/logs/TARGET.log.
# Usage: fuzz/run.sh TARGET [SECONDS]
set -euo pipefail

repo=$(cd "$(dirname "$0")/.." && pwd)
target=$1
seconds=${2:-600}
build=${BUILD_DIR:-$repo/build-fuzz}
fuzzer=$build/fuzz/${target}_fuzzer
[ -x "$fuzzer" ] || { echo "no $fuzzer: build with -DRAPPORT_FUZZ=ON first" >&2; exit 1; }

mkdir -p "$build/corpus/$target" "$build/artifacts/$target" "$build/logs" "$build/seeds/$target"
dict=()
[ -f "$repo/fuzz/$target.dict" ] && dict=(-dict="$repo/fuzz/$target.dict")
# Crash fixtures seed the run too, so a fixed crash stays covered.
fixtures=()
[ -d "$repo/tests/fixtures/fuzz/$target" ] && fixtures=("$repo/tests/fixtures/fuzz/$target")

status=0
"$fuzzer" -max_total_time="$seconds" -rss_limit_mb=2048 -timeout=10 -max_len=65536 \
  -print_final_stats=1 -artifact_prefix="$build/artifacts/$target/" "${dict[@]}" \
  "$build/corpus/$target" "$build/seeds/$target" "${fixtures[@]}" \
  >"$build/logs/$target.log" 2>&1 || status=$?
grep -E '^#[0-9]+' "$build/logs/$target.log" | tail -1
grep -E '^(stat::|SUMMARY|==[0-9]+==ERROR|broken promise)' "$build/logs/$target.log" || true
echo "corpus: $(find "$build/corpus/$target" -type f | wc -l) new inputs; exit $status"
exit "$status"
