#!/usr/bin/env bash
# ctest framnn-install: installs the current build into a scratch prefix,
# builds examples/ against that prefix only (find_package(FramNN CONFIG)),
# runs the example and the installed tools, plugin and Python package.
#
#   check-installed-tree.sh SOURCE_DIR BUILD_DIR CXX_COMPILER FILECHECK
#                           [PYTHON_PACKAGE_DIR]
#
# PYTHON_PACKAGE_DIR is the framnn package's directory relative to the
# prefix (empty when the build has no Python package). The scratch
# directory is BUILD_DIR/test/Install/scratch, a fixed path so that ccache
# can reuse the example's objects between runs.
set -euo pipefail
src=$1 build=$2 cxx=$3 filecheck=$4 pythondir=${5:-}
scratch=$build/test/Install/scratch
prefix=$scratch/prefix
example=$scratch/example
rm -rf "$scratch"
mkdir -p "$scratch"

echo "== cmake --install $build --prefix $prefix"
cmake --install "$build" --prefix "$prefix" > "$scratch/install.log"

echo "== configure and build examples/ against $prefix"
launcher=()
if command -v ccache > /dev/null; then
  launcher=(-DCMAKE_CXX_COMPILER_LAUNCHER=ccache)
fi
cmake -G Ninja -S "$src/examples" -B "$example" \
  -DCMAKE_BUILD_TYPE=Release -DCMAKE_CXX_COMPILER="$cxx" "${launcher[@]}" \
  -DCMAKE_PREFIX_PATH="$prefix" -DCMAKE_FIND_USE_PACKAGE_REGISTRY=OFF \
  > "$scratch/configure.log"
grep -qx "FramNN_DIR:PATH=$prefix/lib/cmake/framnn" "$example/CMakeCache.txt" ||
  { echo "error: examples/ did not find FramNN in $prefix"; exit 1; }
# Nothing of FramNN's source or build tree may reach the example's build.
if grep -F -e "$src/include" -e "$build/include" -e "$build/lib/" \
     "$example/build.ninja"; then
  echo "error: the example's build uses FramNN's source or build tree"
  exit 1
fi
ninja -C "$example" > "$scratch/build.log" ||
  { cat "$scratch/build.log"; exit 1; }

echo "== run the example"
"$example/approx-matmul" | "$filecheck" "$src/test/Install/approx-matmul.check"

echo "== installed tools and plugin"
"$prefix/bin/framnn-opt" --version | grep -q "LLVM"
"$prefix/bin/framnn-translate" --help > /dev/null
"$prefix/bin/framnn" schedule --epochs 2 --policy uniform:8 > /dev/null
mlir_opt=$(dirname "$filecheck")/mlir-opt
plugin_input=$src/test/Plugin/mlir-opt-plugin.mlir
"$mlir_opt" --load-dialect-plugin="$prefix/lib/FramNNPlugin.so" \
  "$plugin_input" | "$filecheck" "$plugin_input"

if [ -n "$pythondir" ]; then
  echo "== installed Python package"
  PYTHONPATH="$prefix/$pythondir" /usr/bin/python3 -c '
import sys, framnn, framnn.torch
assert framnn.__file__.startswith(sys.argv[1]), framnn.__file__
assert framnn.torch.__file__.startswith(sys.argv[1]), framnn.torch.__file__
print(framnn.schedule("uniform:8", 2)["mantissa_bits"])' "$prefix" |
    grep -qx "\[8, 8\]"
fi
echo "installed tree: OK"
