#!/usr/bin/env bash
# Runs attack_eval (built beforehand, e.g. `cmake --build BUILD --target
# attack_eval`) against the shared corpus (RAPPORT_CORPUS, see
# scripts/corpus.sh) and prints its table. Extra arguments go to attack_eval
# (--seed N, --show-missed N, --show-internal SIGNAL, --show-inbound SIGNAL,
# --weight SIGNAL=N, --attack-delay DAYS).
# BUILD_DIR overrides where the binary is looked for.
set -eu
here=$(cd "$(dirname "$0")" && pwd)
root=$(cd "$here/../../.." && pwd)
source "$root/scripts/corpus.sh"
rapport_require_corpus enron
corpus=$RAPPORT_CORPUS
for dir in "${BUILD_DIR:-}" "$root/build" "$root"/build-*; do
  if [ -n "$dir" ] && [ -x "$dir/bench/detection/attack_eval/attack_eval" ]; then
    exec "$dir/bench/detection/attack_eval/attack_eval" --corpus "$corpus" "$@"
  fi
done
echo "run.sh: attack_eval is not built; build the attack_eval target first" >&2
exit 1
