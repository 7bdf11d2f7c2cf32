#!/usr/bin/env bash
# Configures and builds Rapport into ./build (or $BUILD_DIR).
set -euo pipefail
cd "$(dirname "$0")/.."
build_dir=${BUILD_DIR:-build}
# /usr: the data-file path is compiled in, and the package test installs there.
cmake -S . -B "$build_dir" -DCMAKE_BUILD_TYPE=RelWithDebInfo -DCMAKE_INSTALL_PREFIX=/usr "$@" >/dev/null
cmake --build "$build_dir" -j"$(nproc)"
