#!/usr/bin/env bash
# Installs the Debian packages, builds FramNN into build/ and runs the whole
# test suite with ctest (the `framnn-lit` test runs the lit suite under
# test/, including the model round trips and the ONNX test-data census).
# Exits non-zero if anything fails.
set -euo pipefail
# shellcheck source=build.sh source-path=SCRIPTDIR
source "$(dirname "${BASH_SOURCE[0]}")/build.sh"

framnn_build

framnn_log "Tests: ctest in $FRAMNN_BUILD_DIR"
cd "$FRAMNN_BUILD_DIR"
ctest --output-on-failure --timeout 1500 "$@"
