"""Runs approx.reduce_precision and approx.mulf through the lowering and
mlir-runner for every m in 0..23 and compares the result bits with an
independent NumPy model of DESIGN.md section 1 (trunc_m as a bit mask,
round-to-nearest-even via frexp/rint, NaN never becoming infinity and
coming out quiet: the signalling NaNs among the values must get bit 22).
#approx.runtime_precision is compiled once and run with every m (and with
out-of-range widths, which clamp)."""
import subprocess
import sys

import numpy as np

from runner_args import parse_runner_args

SPECIALS = [0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000,
            0x7F800001, 0xFFC00001, 0x7FBFFFFF, 0x00000001, 0x007FFFFF,
            0x80400000, 0x00012345, 0x00800000, 0x7F7FFFFF, 0xFF7FFFFF,
            0x3F800000, 0xBFC00000, 0x3F7FFFFF, 0x3EAAAAAB, 0x3F8FFFFF,
            0x3FC00000, 0x3FA00000, 0x3F900000, 0x3F880000]


def values():
    rng = np.random.default_rng(7)
    rand = rng.standard_normal(40).astype(np.float32)
    rand = rand * np.float32(2.0) ** rng.integers(-40, 40, 40).astype(np.float32)
    return np.concatenate([np.array(SPECIALS, dtype=np.uint32).view(np.float32),
                           rand.astype(np.float32)])


QUIET = np.uint32(0x00400000)


def trunc_ref(x, m, quiet_exact=False):
    """A NaN keeps sign and payload and comes out quiet; m = 23 (the exact
    #approx.precision) is the identity, except that the run-time width
    (quiet_exact) quiets NaNs at every m."""
    bits = x.view(np.uint32) & np.uint32((0xFFFFFFFF << (23 - m)) & 0xFFFFFFFF)
    out = bits.view(np.float32)
    quiet = QUIET if m < 23 or quiet_exact else np.uint32(0)
    nan = (x.view(np.uint32) | quiet).view(np.float32)
    return np.where(np.isnan(x), nan, out)


def rne_ref(x, m):
    with np.errstate(invalid="ignore"):
        x64 = x.astype(np.float64)
    mant, exp = np.frexp(x64)
    r = np.ldexp(np.rint(np.ldexp(mant, m + 1)), exp - (m + 1))
    with np.errstate(over="ignore"):
        out = r.astype(np.float32)
    nan = (x.view(np.uint32) | QUIET).view(np.float32)
    return np.where(np.isnan(x), nan, np.where(np.isinf(x), x, out))


def mlir_i32_tensor(arr):
    return "dense<[" + ", ".join(str(int(v)) for v in arr.view(np.int32)) + "]>"


def build_module(a, b):
    n = a.size
    t = f"tensor<{n}xf32>"
    ti = f"tensor<{n}xi32>"
    lines = ["func.func private @printMemrefI32(memref<*xi32>)",
             "func.func @emit(%r: " + t + ") {",
             f"  %i = arith.bitcast %r : {t} to {ti}",
             f"  %m = bufferization.to_buffer %i : {ti} to memref<{n}xi32>",
             f"  %u = memref.cast %m : memref<{n}xi32> to memref<*xi32>",
             "  call @printMemrefI32(%u) : (memref<*xi32>) -> ()",
             "  return", "}",
             "func.func @main() {",
             f"  %ai = arith.constant {mlir_i32_tensor(a)} : {ti}",
             f"  %bi = arith.constant {mlir_i32_tensor(b)} : {ti}",
             f"  %a = arith.bitcast %ai : {ti} to {t}",
             f"  %b = arith.bitcast %bi : {ti} to {t}"]
    for m in range(24):
        lines += [f"  %t{m} = approx.reduce_precision #approx.precision<{m}> %a : {t}",
                  f"  call @emit(%t{m}) : ({t}) -> ()"]
    for m in range(23):
        lines += [f"  %n{m} = approx.reduce_precision #approx.precision<{m}, nearest_even> %a : {t}",
                  f"  call @emit(%n{m}) : ({t}) -> ()"]
    for m in range(24):
        lines += [f"  %p{m} = approx.mulf #approx.precision<{m}> %a, %b : {t}",
                  f"  call @emit(%p{m}) : ({t}) -> ()"]
    for m in RUNTIME_WIDTHS:
        lines += [f"  %w{m + 10} = arith.constant dense<{m}> : tensor<i64>",
                  f"  call @runtime(%a, %b, %w{m + 10}) : ({t}, {t}, tensor<i64>) -> ()"]
    lines += ["  return", "}"]
    # One function for every width: m is its argument.
    lines += ["func.func @runtime(%a: " + t + ", %b: " + t + ", "
              "%m: tensor<i64> {approx.mantissa_bits}) {",
              f"  %r = approx.reduce_precision #approx.runtime_precision %a : {t}",
              f"  call @emit(%r) : ({t}) -> ()",
              f"  %p = approx.mulf #approx.runtime_precision %a, %b : {t}",
              f"  call @emit(%p) : ({t}) -> ()",
              "  return", "}"]
    return "\n".join(lines) + "\n"


RUNTIME_WIDTHS = list(range(24)) + [-3, 40]


PIPELINE = ("builtin.module(convert-approx-to-linalg,convert-elementwise-to-linalg,"
            "one-shot-bufferize{bufferize-function-boundaries},"
            "convert-linalg-to-loops,convert-scf-to-cf,expand-strided-metadata,"
            "finalize-memref-to-llvm,convert-arith-to-llvm,convert-cf-to-llvm,"
            "convert-func-to-llvm,reconcile-unrealized-casts)")


def main():
    args = parse_runner_args()

    a = values()
    b = np.roll(a, 7)[::-1].copy()
    # Pairs that stress the product: overflow, signed zero, underflow.
    b[:6] = np.array([3e38, -1e30, 0.0, -0.0, 1e-30, 5e-39], dtype=np.float32)
    module = build_module(a, b)
    lowered = subprocess.run([args.framnn_opt, f"--pass-pipeline={PIPELINE}"],
                             input=module, capture_output=True, text=True, check=True).stdout
    run = subprocess.run([args.runner, "-e", "main", "-entry-point-result=void",
                          f"-shared-libs={args.runner_utils}"],
                         input=lowered, capture_output=True, text=True, check=True).stdout
    rows = [line[line.index("[") + 1:line.rindex("]")] for line in run.splitlines()
            if line.startswith("[")]
    got = [np.array([int(v) for v in r.split(",")], dtype=np.int64).astype(np.uint32)
           for r in rows]

    # Rows: (expected, values compared, NaN payload free).
    everything = np.ones(a.size, dtype=bool)
    normal = ~((a.view(np.uint32) & 0x7F800000) == 0)  # RNE reference: normals

    def product(m):
        with np.errstate(all="ignore"):
            return trunc_ref(a, m) * trunc_ref(b, m)
    expected = [(trunc_ref(a, m), everything, False) for m in range(24)]
    expected += [(rne_ref(a, m), normal, False) for m in range(23)]
    expected += [(product(m), everything, True) for m in range(24)]
    for m in RUNTIME_WIDTHS:
        kept = min(max(m, 0), 23)
        expected += [(trunc_ref(a, kept, quiet_exact=True), everything, False),
                     (product(kept), everything, True)]
    if len(got) != len(expected):
        print(f"expected {len(expected)} result rows, got {len(got)}")
        return 1
    bad = 0
    for k, (g, (e, mask, nan_free)) in enumerate(zip(got, expected)):
        e_bits = e.astype(np.float32).view(np.uint32)
        # NaN payloads may differ after arithmetic; NaN-ness may not.
        nan_ok = np.isnan(g.view(np.float32)) & np.isnan(e) & nan_free
        diff = mask & (g != e_bits) & ~nan_ok
        for i in np.nonzero(diff)[0]:
            bad += 1
            if bad <= 10:
                print(f"row {k} value {i}: a=0x{a.view(np.uint32)[i]:08x} "
                      f"b=0x{b.view(np.uint32)[i]:08x} got 0x{g[i]:08x} "
                      f"expected 0x{e_bits[i]:08x}")
    print(f"compared {sum(int(x.size) for x in got)} results, {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
