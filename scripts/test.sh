#!/usr/bin/env bash
# Installs what is needed, builds, and runs every test (unit and end-to-end).
set -euo pipefail
cd "$(dirname "$0")/.."
bash scripts/install-deps.sh
bash scripts/build.sh
cd "${BUILD_DIR:-build}"
# Every end-to-end test must really run here: a missing tool fails, not skips.
export RAPPORT_E2E_STRICT=1
ctest --output-on-failure --timeout 900 -j2
