#!/usr/bin/env bash
# Runs FramNN's performance benchmarks and prints the table of
# docs/performance.md.
#
#   scripts/bench.sh [BUILD_DIR] [THREADS]     (defaults: build, 2)
#
# Builds framnn-bench-gemm in BUILD_DIR, runs every benchmark in one process
# (OpenBLAS and the generated kernels side by side, shape by shape) and
# writes BUILD_DIR/bench/gemm.json (Google Benchmark's output) and
# BUILD_DIR/bench/gemm.csv (one row per shape: GFLOP/s and ratios).
#
# Not measured yet: the training epoch against ../shared/peers/torch_fmnist_*.py
# (issue 6, deliverable 1c). `framnn train` landed while this script was
# written, but it does not take a thread count yet (TrainingSession compiles
# with CompiledFunction::compile's default of 1 thread), so the comparison
# is not wired up here.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
THREADS="${2:-2}"
OUT="$BUILD/bench"
mkdir -p "$OUT"

ninja -C "$BUILD" -j2 framnn-bench-gemm >/dev/null
echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
"$BUILD/bin/framnn-bench-gemm" --threads="$THREADS" \
  --benchmark_min_time=0.5 \
  --benchmark_out="$OUT/gemm.json" --benchmark_out_format=json \
  --benchmark_format=console
echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
/usr/bin/python3 "$ROOT/scripts/bench_table.py" "$OUT/gemm.json" "$OUT/gemm.csv"
