"""Runs stochastic rounding (#approx.precision<m, stochastic, seed = S>)
through convert-approx-to-linalg and mlir-runner and compares the result
bits with an independent NumPy model of docs/multipliers.md:

  r     = splitmix64 at counter 2*i + k + 1 of the stream splitMix64Finalize(seed)
  u     = the top (23 - m) bits of r
  x     rounds its magnitude up to the next multiple of ulp = 2^(E - m)
        (E the exponent, at least -126) when u >= 2^(23 - m) - dropped,
        dropped = (|x| mod ulp) / ulp * 2^(23 - m); else down.

The rounding is modelled on values (frexp, floor), not on bit patterns, so
it checks the lowering's add-and-mask independently. Cases: approx.
reduce_precision on a 2-D tensor as operand 0 and 1, several m and seeds
(the row-major index i of each element); an elementwise approx.mulf (lhs
is operand 0, rhs operand 1, both at the product's index); an
approx.matmul of one product per output (lhs element i*1, rhs element j);
and approx.reduce_precision of a constant, which the folder evaluates with
the C++ scalar reference. It also checks in the model that the rounding is
unbiased: a value 0.3 ulp above a grid point rounds up about 30% of the
time."""
import sys

import numpy as np

from runner_args import parse_runner_args, printed_i32, run

M64 = (1 << 64) - 1
GOLDEN = 0x9E3779B97F4A7C15


def mix(z):
    """splitmix64's finaliser on Python integers (arbitrary precision)."""
    z = ((z ^ (z >> 30)) * 0xBF58476D1CE4E5B9) & M64
    z = ((z ^ (z >> 27)) * 0x94D049BB133111EB) & M64
    return z ^ (z >> 31)


def random_bits(seed, operand, n):
    start = mix(seed)
    return [mix((start + (2 * i + operand + 1) * GOLDEN) & M64) for i in range(n)]


def stochastic_ref(x, m, seed, operand):
    """x (float32 array, row-major positions) rounded stochastically."""
    flat = x.reshape(-1)
    d = 23 - m
    u = np.array([r >> (64 - d) for r in random_bits(seed, operand, flat.size)],
                 dtype=np.float64)
    with np.errstate(invalid="ignore"):
        mag = np.abs(flat.astype(np.float64))
        _, e = np.frexp(mag)
        exponent = np.maximum(e.astype(np.int64) - 1, -126)
        ulp = np.ldexp(1.0, exponent - m)
        lower = np.floor(mag / ulp) * ulp
        dropped = (mag - lower) / ulp * 2.0 ** d
        up = u >= 2.0 ** d - dropped
        rounded = np.where(up & (dropped > 0), lower + ulp, lower)
        with np.errstate(over="ignore"):
            out = (np.copysign(rounded, flat.astype(np.float64))).astype(np.float32)
    quiet = (flat.view(np.uint32) | np.uint32(0x00400000)).view(np.float32)
    out = np.where(np.isinf(flat), flat, out)
    out = np.where(np.isnan(flat), quiet, out)
    return out.reshape(x.shape)


SPECIALS = [0x00000000, 0x80000000, 0x7F800000, 0xFF800000, 0x7FC00000,
            0x7F800001, 0xFFC00001, 0x00000001, 0x007FFFFF, 0x80400000,
            0x00012345, 0x7F7FFFFF, 0xFF7FFFFF, 0x3F800000, 0x3F7FFFFF,
            0x3EAAAAAB, 0x3FC00000]


def values(rows, cols, seed):
    rng = np.random.default_rng(seed)
    n = rows * cols
    x = rng.standard_normal(n).astype(np.float32)
    x = x * np.float32(2.0) ** rng.integers(-30, 30, n).astype(np.float32)
    k = min(n, len(SPECIALS))
    x[:k] = np.array(SPECIALS[:k], dtype=np.uint32).view(np.float32)
    return x.reshape(rows, cols)


def dense(arr):
    ints = arr.reshape(-1).view(np.int32)
    rows, cols = arr.shape
    body = ", ".join("[" + ", ".join(str(int(v)) for v in ints[r * cols:(r + 1) * cols]) + "]"
                     for r in range(rows))
    return f"dense<[{body}]>"


def main():
    args = parse_runner_args()

    R, C = 3, 40
    a, b = values(R, C, 11), values(R, C, 12)
    b = b[:, ::-1].copy()
    col = values(3, 1, 13)   # matmul lhs, 3x1
    row = values(1, 4, 14)   # matmul rhs, 1x4
    const = values(2, 5, 15)  # folded by the C++ reference
    t, ti = f"tensor<{R}x{C}xf32>", f"tensor<{R}x{C}xi32>"
    cases = []  # (kind, expected values), in the order they are printed
    lines = ["func.func private @printMemrefI32(memref<*xi32>)"]
    emitted = {}

    def emit_fn(shape):
        key = "x".join(map(str, shape))
        if key not in emitted:
            emitted[key] = f"@emit_{key}"
            tt, tti = f"tensor<{key}xf32>", f"tensor<{key}xi32>"
            lines.extend([f"func.func @emit_{key}(%r: {tt}) {{",
                          f"  %i = arith.bitcast %r : {tt} to {tti}",
                          f"  %m = bufferization.to_buffer %i : {tti} to memref<{key}xi32>",
                          f"  %u = memref.cast %m : memref<{key}xi32> to memref<*xi32>",
                          "  call @printMemrefI32(%u) : (memref<*xi32>) -> ()",
                          "  return", "}"])
        return emitted[key]

    # The lowered cases take their operands as arguments of @body, so that
    # canonicalize cannot fold them; the @folded_N functions are folded.
    signature = f"%a: {t}, %b: {t}, %c: tensor<3x1xf32>, %w: tensor<1x4xf32>"
    main = [f"  %ai = arith.constant {dense(a)} : {ti}",
            f"  %bi = arith.constant {dense(b)} : {ti}",
            f"  %a = arith.bitcast %ai : {ti} to {t}",
            f"  %b = arith.bitcast %bi : {ti} to {t}",
            f"  %ci = arith.constant {dense(col)} : tensor<3x1xi32>",
            "  %c = arith.bitcast %ci : tensor<3x1xi32> to tensor<3x1xf32>",
            f"  %wi = arith.constant {dense(row)} : tensor<1x4xi32>",
            "  %w = arith.bitcast %wi : tensor<1x4xi32> to tensor<1x4xf32>",
            f"  call @body(%a, %b, %c, %w) : ({t}, {t}, tensor<3x1xf32>, "
            "tensor<1x4xf32>) -> ()"]
    body = ["  %zero = arith.constant dense<0.0> : tensor<3x4xf32>"]
    n = 0
    for m in [0, 1, 4, 10, 22]:
        for seed in [0, 1, M64]:
            for operand in [0, 1]:
                mult = f"#approx.precision<{m}, stochastic, seed = {seed}>"
                body.append(f"  %r{n} = approx.reduce_precision {mult} %a "
                            f"{{operand_number = {operand} : i32}} : {t}")
                body.append(f"  call {emit_fn((R, C))}(%r{n}) : ({t}) -> ()")
                cases.append(("reduce", stochastic_ref(a, m, seed, operand)))
                n += 1
    for m, seed in [(2, 5), (9, 0), (20, M64)]:
        mult = f"#approx.precision<{m}, stochastic, seed = {seed}>"
        body.append(f"  %r{n} = approx.mulf {mult} %a, %b : {t}")
        body.append(f"  call {emit_fn((R, C))}(%r{n}) : ({t}) -> ()")
        with np.errstate(all="ignore"):
            cases.append(("mulf", stochastic_ref(a, m, seed, 0) *
                          stochastic_ref(b, m, seed, 1)))
        n += 1
        body.append(f"  %r{n} = approx.matmul {mult} %c, %w, %zero : "
                    "tensor<3x1xf32>, tensor<1x4xf32> -> tensor<3x4xf32>")
        body.append(f"  call {emit_fn((3, 4))}(%r{n}) : (tensor<3x4xf32>) -> ()")
        with np.errstate(all="ignore"):
            cases.append(("matmul", np.float32(0.0) + stochastic_ref(col, m, seed, 0) @
                          stochastic_ref(row, m, seed, 1)))
        n += 1
        body.append(f"  %r{n} = call @folded_{n}() : () -> tensor<2x5xf32>")
        body.append(f"  call {emit_fn((2, 5))}(%r{n}) : (tensor<2x5xf32>) -> ()")
        lines += [f"func.func @folded_{n}() -> tensor<2x5xf32> {{",
                  f"  %ki = arith.constant {dense(const)} : tensor<2x5xi32>",
                  "  %k = arith.bitcast %ki : tensor<2x5xi32> to tensor<2x5xf32>",
                  f"  %r = approx.reduce_precision {mult} %k "
                  "{operand_number = 1 : i32} : tensor<2x5xf32>",
                  "  return %r : tensor<2x5xf32>", "}"]
        cases.append(("folded", stochastic_ref(const, m, seed, 1)))
        n += 1
    lines += ["func.func @main() {"] + main + ["  return", "}"]
    lines += [f"func.func @body({signature}) {{"] + body + ["  return", "}"]
    module = "\n".join(lines) + "\n"

    pipeline = ("builtin.module(canonicalize,convert-approx-to-linalg,"
                "convert-elementwise-to-linalg,"
                "one-shot-bufferize{bufferize-function-boundaries},"
                "convert-linalg-to-loops,convert-scf-to-cf,expand-strided-metadata,"
                "finalize-memref-to-llvm,convert-arith-to-llvm,convert-index-to-llvm,"
                "convert-cf-to-llvm,convert-func-to-llvm,reconcile-unrealized-casts)")
    # The constant cases must be folded (by the C++ scalar reference), the
    # others not.
    folded = run([args.framnn_opt, "--canonicalize"], module)
    kept = folded.count("approx.reduce_precision")
    want = sum(kind == "reduce" for kind, _ in cases)
    if kept != want:
        print(f"canonicalize kept {kept} approx.reduce_precision, expected {want}")
        return 1
    lowered = run([args.framnn_opt, f"--pass-pipeline={pipeline}"], module)
    printed = run([args.runner, "-e", "main", "-entry-point-result=void",
                   f"-shared-libs={args.runner_utils}"], lowered)
    blocks = printed_i32(printed)
    if len(blocks) != len(cases):
        print(f"expected {len(cases)} results, got {len(blocks)}")
        return 1
    bad = compared = 0
    for k, (got, (kind, exp)) in enumerate(zip(blocks, cases)):
        g = np.array(got, dtype=np.int64).astype(np.uint32)
        e = exp.astype(np.float32).reshape(-1).view(np.uint32)
        compared += g.size
        # NaN payloads may differ after a multiply; NaN-ness may not.
        both_nan = np.isnan(g.view(np.float32)) & np.isnan(e.view(np.float32)) & (kind != "reduce")
        for i in np.nonzero((g != e) & ~both_nan)[0]:
            bad += 1
            if bad <= 10:
                print(f"case {k} ({kind}) element {i}: got 0x{g[i]:08x} expected 0x{e[i]:08x}")
    print(f"compared {compared} results, {bad} mismatches")

    # Unbiased: 1 + 0.3 ulp at m = 4 rounds up with probability 0.3.
    x = np.float32(1.0) + np.float32(0.3 * 2.0 ** -4)
    xs = np.full(20000, x, dtype=np.float32)
    frac_dropped = (float(x) - 1.0) / 2.0 ** -4
    ups = float(np.mean(stochastic_ref(xs, 4, 9, 0) > x))
    ok = abs(ups - frac_dropped) < 0.02
    print(f"round-up rate {ups:.4f} for a dropped fraction {frac_dropped:.4f}: "
          f"{'unbiased' if ok else 'BIASED'}")
    return 1 if bad or not ok else 0


if __name__ == "__main__":
    sys.exit(main())
