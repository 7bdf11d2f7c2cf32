#!/bin/sh
# Runs attack_eval (built beforehand, e.g. `cmake --build BUILD --target
# attack_eval`) against ../shared/corpus and prints its table. Extra
# arguments go to attack_eval (--seed N, --show-missed N, --weight SIGNAL=N).
# BUILD_DIR overrides where the binary is looked for.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
corpus=$(cd "$root/../shared/corpus" 2>/dev/null && pwd) || {
  echo "run.sh: no corpus at $root/../shared/corpus" >&2
  exit 1
}
for dir in "${BUILD_DIR:-}" "$root/build" "$root"/build-*; do
  if [ -n "$dir" ] && [ -x "$dir/bench/detection/attack_eval/attack_eval" ]; then
    exec "$dir/bench/detection/attack_eval/attack_eval" --corpus "$corpus" "$@"
  fi
done
echo "run.sh: attack_eval is not built; build the attack_eval target first" >&2
exit 1
