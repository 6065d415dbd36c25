"""Checks #approx.mantissa_table<k, T> bit for bit against an independent
NumPy model of docs/multipliers.md, written on values (frexp, floor,
ldexp):

  zero, infinite or NaN operand:  the IEEE product a * b
  otherwise |a| = 2^ea (1 + xa), |b| = 2^eb (1 + xb) (subnormals by value),
  i = floor(xa 2^k), j = floor(xb 2^k) and the product is
  2^(ea+eb-2k) T[i][j], rounded once to float32 (nearest even), with the
  sign the XOR of the signs.

For k = 4 and k = 8, each with the exact table (2^k + i)(2^k + j), a
perturbed one (entries moved by up to +-3, kept in range) and a random one
(every entry uniform in [2^(2k), 2^(2k+2))): every entry pair (i, j), with
random low fraction bits and exponents, every pair of special values, and
random bit patterns (every exponent, overflow and underflow). Both the
C++ scalar reference (approx.mulf of constants, folded by canonicalize)
and the lowering (run by mlir-runner) are compared. Then an approx.matmul
on a perturbed k = 4 table through the whole compiler
(framnn-lower-to-llvm) against NumPy, on operands whose sums are exact."""
import sys

import numpy as np

from check_mitchell import SPECIALS, compare, emit_i32, folded, hex_dense, lowered
from runner_args import parse_runner_args, run_printed


def model(a, b, k, table):
    with np.errstate(all="ignore"):
        ieee = a * b
        ma, ea = np.frexp(np.abs(a.astype(np.float64)))
        mb, eb = np.frexp(np.abs(b.astype(np.float64)))
        i = np.floor(np.ldexp(2.0 * ma - 1.0, k)).astype(np.int64)
        j = np.floor(np.ldexp(2.0 * mb - 1.0, k)).astype(np.int64)
        regular = np.isfinite(a) & np.isfinite(b) & (a != 0) & (b != 0)
        i, j = np.where(regular, i, 0), np.where(regular, j, 0)
        mag = np.ldexp(table[i, j].astype(np.float64), ea + eb - 2 - 2 * k)
        mag = mag.astype(np.float32)
        out = np.where(np.signbit(a) ^ np.signbit(b), -mag, mag)
    return np.where(regular, out, ieee)


def tables(k, rng):
    n = 1 << k
    idx = np.arange(n, dtype=np.int64)
    exact = (n + idx)[:, None] * (n + idx)[None, :]
    low, high = 1 << (2 * k), 1 << (2 * k + 2)
    perturbed = np.clip(exact + rng.integers(-3, 4, exact.shape), low, high - 1)
    random = rng.integers(low, high, exact.shape)
    return [("exact", exact), ("perturbed", perturbed), ("random", random)]


def pair_inputs(k, rng):
    """Every (i, j), random low bits and exponents; specials; random bits."""
    n = 1 << k
    i, j = np.repeat(np.arange(n), n), np.tile(np.arange(n), n)

    def with_top(top):
        low = rng.integers(0, 1 << (23 - k), top.size) if k < 23 else 0
        exp = rng.integers(127 - 30, 127 + 30, top.size)
        sign = rng.integers(0, 2, top.size)
        return ((sign << 31) | (exp << 23) | (top << (23 - k)) | low).astype(np.uint32)

    sp = np.array(SPECIALS, dtype=np.uint32)
    ra = rng.integers(0, 1 << 32, 1 << 14, dtype=np.uint64).astype(np.uint32)
    rb = rng.integers(0, 1 << 32, 1 << 14, dtype=np.uint64).astype(np.uint32)
    a = np.concatenate([with_top(i), np.repeat(sp, sp.size), ra])
    b = np.concatenate([with_top(j), np.tile(sp, sp.size), rb])
    return a.view(np.float32), b.view(np.float32)


def table_attr(k, table):
    n = 1 << k
    return (f'#approx.mantissa_table<{k}, {hex_dense(table.astype(np.int32))} '
            f': tensor<{n}x{n}xi32>>')


def compiled_matmul(args, rng):
    """A perturbed k = 4 table under approx.matmul, through
    framnn-lower-to-llvm. Operands with 4 fraction bits (all read by the
    table) and exponents in -2..2: every product has at most 10
    significant bits, so every sum is exact and its order does not
    matter."""
    k = 4
    table = tables(k, rng)[1][1]

    def operand(shape):
        x = np.ldexp(1.0 + rng.integers(0, 16, shape) / 16.0, rng.integers(-2, 3, shape))
        x *= rng.choice([-1.0, 1.0], shape)
        x[rng.random(shape) < 0.1] = 0.0
        return x.astype(np.float32)

    a, b, c = operand((6, 16)), operand((16, 5)), operand((6, 5))
    products = model(*np.broadcast_arrays(a[:, :, None], b[None]), k, table)
    expected = (c.astype(np.float64) + products.astype(np.float64).sum(axis=1)).astype(np.float32)
    ta, tb, tc = "tensor<6x16xf32>", "tensor<16x5xf32>", "tensor<6x5xf32>"
    tai, tbi, tci = (t.replace("f32>", "i32>") for t in (ta, tb, tc))
    lines = (["func.func private @printMemrefI32(memref<*xi32>)",
              f"func.func @mm(%a: {ta}, %b: {tb}, %c: {tc}) -> {tc} {{",
              f"  %r = approx.matmul {table_attr(k, table)} %a, %b, %c : {ta}, {tb} -> {tc}",
              f"  return %r : {tc}", "}"] + emit_i32("emit", (6, 5)) +
             ["func.func @main() {",
              f"  %ai = arith.constant {hex_dense(a)} : {tai}",
              f"  %bi = arith.constant {hex_dense(b)} : {tbi}",
              f"  %ci = arith.constant {hex_dense(c)} : {tci}",
              f"  %a = arith.bitcast %ai : {tai} to {ta}",
              f"  %b = arith.bitcast %bi : {tbi} to {tb}",
              f"  %c = arith.bitcast %ci : {tci} to {tc}",
              f"  %r = call @mm(%a, %b, %c) : ({ta}, {tb}, {tc}) -> {tc}",
              f"  call @emit(%r) : ({tc}) -> ()",
              "  return", "}"])
    got = run_printed(args, "\n".join(lines), 1, ["--framnn-lower-to-llvm"])
    exact = (c.astype(np.float64) + a.astype(np.float64) @ b.astype(np.float64)).astype(np.float32)
    differs = int(np.sum(expected != exact))
    print(f"table matmul differs from the exact one in {differs} of {c.size} outputs")
    return compare("compiled matmul", got[0], expected.reshape(-1)), got[0].size


def main():
    args = parse_runner_args()
    rng = np.random.default_rng(8)
    bad = compared = 0
    for k in [4, 8]:
        a, b = pair_inputs(k, rng)
        named = tables(k, rng)
        # The exact table is the product of the k-bit truncated operands.
        with np.errstate(all="ignore"):
            cut = lambda x: (x.view(np.uint32) & np.uint32((0xFFFFFFFF << (23 - k)) & 0xFFFFFFFF)).view(np.float32)
            normal = (np.abs(a) >= 2.0 ** -126) & (np.abs(b) >= 2.0 ** -126) & np.isfinite(a) & np.isfinite(b)
            bad += compare(f"k={k} exact table vs truncated operands",
                           model(a, b, k, named[0][1])[normal], (cut(a) * cut(b))[normal])
        for name, table in named:
            got = folded(args, a, b, table_attr(k, table))
            bad += compare(f"folded k={k} {name}", got, model(a, b, k, table))
            compared += got.size
        results = lowered(args, a, b, [table_attr(k, t) for _, t in named])
        for (name, table), got in zip(named, results):
            bad += compare(f"lowered k={k} {name}", got, model(a, b, k, table))
            compared += got.size
    mm_bad, mm_size = compiled_matmul(args, rng)
    bad += mm_bad
    compared += mm_size
    print(f"compared {compared} products, {bad} mismatches")
    return 1 if bad else 0


if __name__ == "__main__":
    sys.exit(main())
