#!/bin/sh
# Regenerates the dialect and pass reference pages from TableGen and copies
# them into docs/Dialects/ and docs/Passes/ (commit the result; ctest's
# framnn-docs-up-to-date and framnn-pass-docs-up-to-date check them).
#
# Usage: scripts/update-docs.sh [BUILD_DIR]
#   BUILD_DIR defaults to $FRAMNN_BUILD_DIR, then <repo>/build; it must be a
#   configured FramNN build directory.
set -eu
root=$(cd "$(dirname "$0")/.." && pwd)
build=${1:-${FRAMNN_BUILD_DIR:-$root/build}}
if [ ! -f "$build/CMakeCache.txt" ]; then
  echo "update-docs.sh: $build is not a configured build directory" >&2
  echo "  (configure first: cmake -G Ninja -S $root -B $build)" >&2
  exit 1
fi
build=$(cd "$build" && pwd)
cmake --build "$build" --target framnn-doc
for dir in Dialects Passes; do
  cmake -DMODE=update -DGENERATED_DIR="$build/docs/$dir" \
        -DSOURCE_DIR="$root/docs/$dir" -P "$root/docs/Dialects/sync-docs.cmake"
done
