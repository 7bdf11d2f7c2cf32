#!/usr/bin/env bash
# DETECTION.md's "known legitimate fires" column against a fresh
# measurement: runs attack_eval at both of its documented seeds and
# real_mail on the shared corpus with this build, then
# `model_fires.py --check`, which fails naming every signal whose figures in
# the model table are not what this build measures. A change to detection
# that moves a signal's legitimate fires must rewrite the column
# (`model_fires.py ... --write`, DETECTION.md "The signals").
# usage: model_fires_measured_test.sh SOURCE_DIR BUILD_DIR (PYTHON: the interpreter, default python3)
set -eu
src=$1
build=$2
# attack_eval/run.sh falls back to another build's binary when BUILD_DIR has
# none: this test measures the build under test or fails.
for binary in bench/detection/attack_eval/attack_eval cli/rapportctl; do
  if [ ! -x "$build/$binary" ]; then
    echo "model_fires_measured: no $build/$binary; build the $(basename "$binary") target" >&2
    exit 1
  fi
done
work=$(mktemp -d /tmp/model_fires_measured.XXXXXX)
trap 'rm -rf "$work"' EXIT

run() {  # run NAME COMMAND...: stdout to $work/NAME, stderr shown on failure
  local name=$1
  shift
  if ! "$@" > "$work/$name" 2> "$work/$name.err"; then
    echo "model_fires_measured: $name failed:" >&2
    tail -20 "$work/$name.err" >&2
    exit 1
  fi
}

run ae.txt env BUILD_DIR="$build" bash "$src/bench/detection/attack_eval/run.sh" --seed 20011203
run ae-7.txt env BUILD_DIR="$build" bash "$src/bench/detection/attack_eval/run.sh" --seed 7
run real_mail.md env REAL_MAIL_WORK="$work/real_mail" \
  bash "$src/bench/detection/real_mail/run.sh" "$build"
"${PYTHON:-python3}" "$src/bench/detection/model_fires.py" --attack-eval "$work/ae.txt" \
  --real-mail "$work/real_mail.md" --other-seed "$work/ae-7.txt" \
  --doc "$src/docs/DETECTION.md" --check
