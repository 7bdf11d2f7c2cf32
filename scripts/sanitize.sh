#!/usr/bin/env bash
# Builds Rapport with AddressSanitizer and UndefinedBehaviorSanitizer into
# ./build-asan (or $BUILD_DIR) and runs the whole ctest suite under them,
# end-to-end tests included: any leak, memory error or undefined behaviour
# fails the test that hit it. Prints the wall time of the build and the run.
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
export BUILD_DIR=${BUILD_DIR:-build-asan}

start=$(date +%s)
bash scripts/build.sh -DRAPPORT_SANITIZE=ON "$@"
built=$(date +%s)

export ASAN_OPTIONS=detect_leaks=1:abort_on_error=1
export UBSAN_OPTIONS=print_stacktrace=1:halt_on_error=1
status=0
ctest --test-dir "$BUILD_DIR" --output-on-failure --timeout 1800 -j2 || status=$?
done_at=$(date +%s)
echo "sanitize: build $((built - start)) s, tests $((done_at - built)) s, exit $status"
exit "$status"
