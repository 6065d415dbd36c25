#!/usr/bin/env bash
# Shared set-up for FramNN's entry scripts (demo.sh, test.sh): install the
# Debian packages, configure with CMake + Ninja and build.
#
# Sourced:   source scripts/build.sh; framnn_build
# Executed:  ./scripts/build.sh            (install + configure + build)
#
# Environment knobs (all optional):
#   FRAMNN_BUILD_DIR   build directory          (default: <repo>/build)
#   FRAMNN_JOBS        parallel build jobs      (default: 2)
#   FRAMNN_BUILD_TYPE  CMAKE_BUILD_TYPE         (default: Release)
#   FRAMNN_SKIP_DEPS=1 do not run install-deps.sh
#   FRAMNN_CMAKE_ARGS  extra arguments for cmake's configure step
#   FRAMNN_CC, FRAMNN_CXX  the C and C++ compilers (default: clang-22 and
#                      clang++-22, the LLVM that MLIR 22 comes from; see
#                      docs/decisions.md, "The C++ compiler")
#   FRAMNN_BUILD_TARGETS  ninja targets to build (default: all)
#   FRAMNN_SANITIZE    e.g. address,undefined: the sanitizer build
#                      (docs/robustness.md) with the fuzz targets, at -O0
#                      with assertions, only what its tests need, in
#   FRAMNN_SANITIZE_BUILD_DIR  (default: <repo>/build-sanitize), which then
#                      replaces FRAMNN_BUILD_DIR

FRAMNN_ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
FRAMNN_SANITIZE="${FRAMNN_SANITIZE:-}"
if [ -n "$FRAMNN_SANITIZE" ]; then
  FRAMNN_BUILD_DIR="${FRAMNN_SANITIZE_BUILD_DIR:-$FRAMNN_ROOT/build-sanitize}"
  # What scripts/test-sanitize.sh runs: the tools of the lit slice, the unit
  # tests and the fuzzers; not the plugin, benchmarks or Python extension.
  FRAMNN_BUILD_TARGETS="${FRAMNN_BUILD_TARGETS:-framnn framnn-translate \
framnn-opt FramNNDialectTests FramNNDriverTests FramNNRuntimeTests \
FramNNScheduleTests FramNNSupportTests FramNNSupportNumpyTests \
framnn-support-write-samples framnn-fuzzers}"
fi
FRAMNN_BUILD_DIR="${FRAMNN_BUILD_DIR:-$FRAMNN_ROOT/build}"
FRAMNN_JOBS="${FRAMNN_JOBS:-2}"
FRAMNN_BUILD_TYPE="${FRAMNN_BUILD_TYPE:-Release}"
FRAMNN_CC="${FRAMNN_CC:-clang-22}"
FRAMNN_CXX="${FRAMNN_CXX:-clang++-22}"
# Debian's Python has torch, onnx and numpy; the python3 first on PATH may not.
FRAMNN_PYTHON=/usr/bin/python3
export FRAMNN_ROOT FRAMNN_BUILD_DIR FRAMNN_JOBS FRAMNN_PYTHON FRAMNN_SANITIZE

framnn_log() { printf '\n==> %s\n' "$*"; }

framnn_install_deps() {
  if [ "${FRAMNN_SKIP_DEPS:-0}" = 1 ]; then
    framnn_log "Skipping Debian packages (FRAMNN_SKIP_DEPS=1)"
    return 0
  fi
  framnn_log "Debian packages (scripts/install-deps.sh)"
  "$FRAMNN_ROOT/scripts/install-deps.sh"
}

framnn_configure() {
  local sanitize=()
  if [ -n "$FRAMNN_SANITIZE" ]; then
    # -O0 without NDEBUG: assertions on; a quarter less compile time than
    # -O1 for a few seconds more of tests (docs/decisions.md).
    sanitize=(-DFRAMNN_SANITIZE="$FRAMNN_SANITIZE" -DFRAMNN_BUILD_FUZZERS=ON
      -DFRAMNN_BUILD_BENCHMARKS=OFF -DFRAMNN_BUILD_PYTHON=OFF
      "-DCMAKE_C_FLAGS_RELEASE=-O0" "-DCMAKE_CXX_FLAGS_RELEASE=-O0")
  fi
  framnn_log "Configure: $FRAMNN_BUILD_DIR ($FRAMNN_BUILD_TYPE${FRAMNN_SANITIZE:+, sanitize=$FRAMNN_SANITIZE})"
  # shellcheck disable=SC2086 # FRAMNN_CMAKE_ARGS is a word list on purpose
  cmake -G Ninja -S "$FRAMNN_ROOT" -B "$FRAMNN_BUILD_DIR" \
    -DCMAKE_BUILD_TYPE="$FRAMNN_BUILD_TYPE" \
    -DCMAKE_C_COMPILER="$FRAMNN_CC" -DCMAKE_CXX_COMPILER="$FRAMNN_CXX" \
    "${sanitize[@]}" ${FRAMNN_CMAKE_ARGS:-}
}

framnn_compile() {
  framnn_log "Build: ninja -j$FRAMNN_JOBS ${FRAMNN_BUILD_TARGETS:-}"
  # shellcheck disable=SC2086 # FRAMNN_BUILD_TARGETS is a word list
  ninja -C "$FRAMNN_BUILD_DIR" -j"$FRAMNN_JOBS" ${FRAMNN_BUILD_TARGETS:-}
}

# Everything the entry scripts need before their own job.
framnn_build() {
  framnn_install_deps
  framnn_configure
  framnn_compile
}

if [ "${BASH_SOURCE[0]}" = "$0" ]; then
  set -euo pipefail
  framnn_build
fi
