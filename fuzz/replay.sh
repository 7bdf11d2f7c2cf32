#!/bin/sh
# Runs a fuzz target once over every file in the given directories (the
# kept crashing inputs and the hand-written seeds): a smoke run for ctest.
# Usage: replay.sh FUZZER DIR...
set -eu
fuzzer=$1
shift
inputs=$(find "$@" -type f 2>/dev/null | sort)
if [ -z "$inputs" ]; then
  echo "no inputs under $*" >&2
  exit 1
fi
# File names are ours (no spaces): word splitting is intended.
# shellcheck disable=SC2086
exec "$fuzzer" $inputs
