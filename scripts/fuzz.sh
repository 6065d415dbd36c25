#!/usr/bin/env bash
# Runs a libFuzzer target of the sanitizer build (docs/robustness.md).
#
#   scripts/fuzz.sh TARGET SECONDS [libFuzzer options...]
#       fuzz TARGET (onnx-import, mlir-attr, npy, npz, idx, hw-model,
#       schedule-json, checkpoint) for SECONDS, starting from its seeds
#       (fuzz/corpus/TARGET) and regressions (fuzz/regressions/TARGET);
#       new inputs go to out/fuzz/TARGET/corpus, crashes to
#       out/fuzz/TARGET/crash-*. Exits non-zero on a finding.
#   scripts/fuzz.sh --replay-all
#       runs every seed and every committed reproducer once through its
#       target, without fuzzing: a regression test.
#   scripts/fuzz.sh --list
#
# Build first: FRAMNN_SANITIZE=address,undefined ./scripts/build.sh.
# FRAMNN_SANITIZE_BUILD_DIR (or FRAMNN_BUILD_DIR) names the build directory
# (default <repo>/build-sanitize).
set -euo pipefail
ROOT="$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)"
BUILD="${FRAMNN_SANITIZE_BUILD_DIR:-${FRAMNN_BUILD_DIR:-$ROOT/build-sanitize}}"
TARGETS=(onnx-import mlir-attr npy npz idx hw-model schedule-json checkpoint)
# shellcheck source=sanitizer-env.sh source-path=SCRIPTDIR
FRAMNN_ROOT="$ROOT" source "$ROOT/scripts/sanitizer-env.sh"

usage() {
  echo "usage: scripts/fuzz.sh TARGET SECONDS [libFuzzer options...] | --replay-all | --list" >&2
  echo "targets: ${TARGETS[*]}" >&2
  exit 2
}

binary() {
  local bin="$BUILD/bin/framnn-fuzz-$1"
  if [ ! -x "$bin" ]; then
    echo "error: $bin not found: build it with FRAMNN_SANITIZE=address,undefined ./scripts/build.sh" >&2
    exit 1
  fi
  echo "$bin"
}

# The committed inputs of a target: its seeds and its reproducers.
inputs() {
  local dir
  for dir in "$ROOT/fuzz/corpus/$1" "$ROOT/fuzz/regressions/$1"; do
    [ -d "$dir" ] && echo "$dir"
  done
  return 0
}

replay_all() {
  local target failed=0
  for target in "${TARGETS[@]}"; do
    local bin dirs
    bin="$(binary "$target")"
    mapfile -t dirs < <(inputs "$target")
    # -runs=0 on directories: execute every file once, no mutation.
    if "$bin" -runs=0 "${dirs[@]}" > "$BUILD/fuzz-replay-$target.log" 2>&1; then
      echo "replay $target: ok ($(find "${dirs[@]}" -type f | wc -l) inputs)"
    else
      echo "replay $target: FAILED (log: $BUILD/fuzz-replay-$target.log)"
      tail -n 30 "$BUILD/fuzz-replay-$target.log"
      failed=1
    fi
  done
  return "$failed"
}

case "${1:-}" in
  --replay-all) replay_all; exit ;;
  --list) printf '%s\n' "${TARGETS[@]}"; exit 0 ;;
  ""|-*) usage ;;
esac
[ $# -ge 2 ] || usage
target="$1" seconds="$2"
shift 2
[[ " ${TARGETS[*]} " == *" $target "* ]] || { echo "error: unknown fuzz target '$target'" >&2; usage; }
[[ "$seconds" =~ ^[0-9]+$ ]] || { echo "error: SECONDS must be a whole number, not '$seconds'" >&2; usage; }
bin="$(binary "$target")"
work="$ROOT/out/fuzz/$target"
mkdir -p "$work/corpus"
mapfile -t dirs < <(inputs "$target")
# -timeout: an input that takes 10 s is a hang; -rss_limit_mb: 2 GB is an
# out-of-memory finding (a header trusted for an allocation).
exec "$bin" -max_total_time="$seconds" -timeout=10 -rss_limit_mb=2048 \
  -print_final_stats=1 -artifact_prefix="$work/" "$@" \
  "$work/corpus" "${dirs[@]}"
