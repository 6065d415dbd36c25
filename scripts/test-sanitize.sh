#!/usr/bin/env bash
# The sanitizer job of CI (scripts/test.sh runs it after the main suite;
# docs/robustness.md): an ASan + UBSan build in build-sanitize/ of what the
# job needs, then under the sanitizers
#   - the unit tests and the replay of every fuzz seed and reproducer (ctest),
#   - a slice of the lit suite: ONNX import, run, grad, and a short train
#     with a checkpoint, a kill and a resume,
#   - a short run of every fuzz target: FRAMNN_FUZZ_RUNS inputs each (default
#     2000), at most FRAMNN_FUZZ_SECONDS seconds (default 60).
# Exits non-zero if anything fails or a sanitizer reports.
set -euo pipefail
export FRAMNN_SANITIZE="${FRAMNN_SANITIZE:-address,undefined}"
# shellcheck source=build.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"

framnn_build

# shellcheck source=sanitizer-env.sh source-path=SCRIPTDIR
source "$FRAMNN_ROOT/scripts/sanitizer-env.sh"

framnn_log "Sanitizer tests: unit tests and fuzz replays (ctest)"
(cd "$FRAMNN_BUILD_DIR" &&
  ctest --output-on-failure --timeout 600 \
    -R '^(Dialect|Driver|Runtime|Schedule|Support)\.|^fuzz-regressions$' \
    -E 'BuiltByGCCAtO2')

framnn_log "Sanitizer tests: lit slice"
/usr/lib/llvm-22/bin/lit -sv "$FRAMNN_BUILD_DIR/test" \
  --filter '^FRAMNN :: (Target/ONNX/|Run/(models|errors)\.test|Grad/(smoke-mlp|errors)\.test|Train/(resume|errors)\.test)'

framnn_log "Sanitizer tests: short fuzz runs"
for target in $("$FRAMNN_ROOT/scripts/fuzz.sh" --list); do
  # A fixed seed and a fixed number of inputs: CI tries the same inputs on
  # every machine, however fast (a time limit alone let a faster machine
  # reach inputs no run here had tried). The time cap only shortens the
  # same sequence on a slow machine. out/fuzz/ must not hold an old corpus
  # for that: CI starts from a clean clone.
  "$FRAMNN_ROOT/scripts/fuzz.sh" "$target" "${FRAMNN_FUZZ_SECONDS:-60}" -seed=1 \
    -runs="${FRAMNN_FUZZ_RUNS:-2000}" \
    > "$FRAMNN_BUILD_DIR/fuzz-$target.log" 2>&1 ||
    { tail -n 40 "$FRAMNN_BUILD_DIR/fuzz-$target.log"; exit 1; }
  echo "fuzz $target: $(grep -m1 -o 'stat::number_of_executed_units: [0-9]*' \
    "$FRAMNN_BUILD_DIR/fuzz-$target.log" | grep -o '[0-9]*$') inputs, no finding"
done
