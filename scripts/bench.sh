#!/usr/bin/env bash
# Runs FramNN's performance benchmarks and prints the tables of
# docs/performance.md.
#
#   scripts/bench.sh [BUILD_DIR] [THREADS]     (defaults: build, 2)
#
# Builds framnn-bench-gemm and framnn in BUILD_DIR, then:
#
# 1. GEMM and convolution kernels: every benchmark in one process (OpenBLAS
#    and the generated kernels side by side, shape by shape); writes
#    BUILD_DIR/bench/gemm.json (Google Benchmark's output) and
#    BUILD_DIR/bench/gemm.csv (one row per shape: GFLOP/s and ratios);
#    then PyTorch's bf16 (and f32) matmul at the same GEMM shapes, the peer
#    of the m7 rows (BUILD_DIR/bench/torch_matmul.json).
# 2. Training epochs (issue 6, deliverable 1c): scripts/bench_epochs.py
#    trains the paper MLP (exact and m = 8) and LeNet-5 one epoch on
#    Fashion-MNIST with the PyTorch peers in ../shared/peers/ and with
#    `framnn train` (batch 64, THREADS threads), one after the other;
#    writes BUILD_DIR/bench/epochs.json and epochs.csv. About 2-3 minutes.
#
# Environment knobs: FRAMNN_BENCH_GEMM=0 skips part 1, FRAMNN_BENCH_EPOCHS=0
# part 2.
set -euo pipefail
ROOT="$(cd "$(dirname "$0")/.." && pwd)"
BUILD="${1:-$ROOT/build}"
THREADS="${2:-2}"
OUT="$BUILD/bench"
mkdir -p "$OUT"

ninja -C "$BUILD" -j2 framnn-bench-gemm framnn >/dev/null

# The peers (OpenBLAS, and PyTorch through it) run the fastest kernel that is
# correct on this CPU: these machines set OPENBLAS_CORETYPE=Haswell, which is
# right for AVX2-only CPUs but leaves AVX-512 unused where it exists. Set
# here, for the benchmark commands only; each benchmark prints the kernel
# that ran. FRAMNN_BENCH_CORETYPE overrides the choice.
if [ -n "${FRAMNN_BENCH_CORETYPE:-}" ]; then
  export OPENBLAS_CORETYPE="$FRAMNN_BENCH_CORETYPE"
elif grep -qw avx512f /proc/cpuinfo; then
  export OPENBLAS_CORETYPE=SkylakeX
fi
echo "CPU: $(grep -m1 'model name' /proc/cpuinfo | cut -d: -f2 | sed 's/^ *//')," \
  "$(grep -m1 -o -w -E 'avx512_bf16|avx512f|avx2' /proc/cpuinfo | sort -u | tr '\n' ' ')"
echo "OPENBLAS_CORETYPE=${OPENBLAS_CORETYPE:-unset (autodetect)}"

if [ "${FRAMNN_BENCH_GEMM:-1}" != 0 ]; then
  echo "load average before: $(cut -d' ' -f1-3 /proc/loadavg)"
  "$BUILD/bin/framnn-bench-gemm" --threads="$THREADS" \
    --benchmark_min_time=0.5 \
    --benchmark_out="$OUT/gemm.json" --benchmark_out_format=json \
    --benchmark_format=console
  echo "load average after: $(cut -d' ' -f1-3 /proc/loadavg)"
  # PyTorch's bf16 matmul: the peer of the m7 rows (bench_torch_matmul.py).
  /usr/bin/python3 "$ROOT/scripts/bench_torch_matmul.py" "$OUT/gemm.json" \
    "$OUT/torch_matmul.json" --threads "$THREADS"
  /usr/bin/python3 "$ROOT/scripts/bench_table.py" "$OUT/gemm.json" \
    "$OUT/gemm.csv" "$OUT/torch_matmul.json"
fi

if [ "${FRAMNN_BENCH_EPOCHS:-1}" != 0 ]; then
  echo
  /usr/bin/python3 "$ROOT/scripts/bench_epochs.py" --build "$BUILD" \
    --threads "$THREADS" --out "$OUT"
fi
