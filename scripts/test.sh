#!/usr/bin/env bash
# Installs the Debian packages, builds FramNN into build/ and runs the whole
# test suite with ctest (the `framnn-lit` test runs the lit suite under
# test/, including the model round trips and the ONNX test-data census),
# then the sanitizer job (scripts/test-sanitize.sh: an ASan + UBSan build in
# build-sanitize/, its tests and short fuzz runs; FRAMNN_TEST_SANITIZE=0
# skips it). Exits non-zero if anything fails.
set -euo pipefail
# shellcheck source=build.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"

framnn_build

framnn_log "Tests: ctest in $FRAMNN_BUILD_DIR"
(cd "$FRAMNN_BUILD_DIR" && ctest --output-on-failure --timeout 1500 "$@")

if [ "${FRAMNN_TEST_SANITIZE:-1}" != 0 ]; then
  FRAMNN_SKIP_DEPS=1 "$FRAMNN_ROOT/scripts/test-sanitize.sh"
fi
