#!/bin/sh
# Regenerates the dialect reference pages from TableGen and copies them into
# docs/Dialects/ (commit the result; ctest's framnn-docs-up-to-date checks it).
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
cmake -DMODE=update -DGENERATED_DIR="$build/docs/Dialects" \
      -DSOURCE_DIR="$root/docs/Dialects" -P "$root/docs/Dialects/sync-docs.cmake"
