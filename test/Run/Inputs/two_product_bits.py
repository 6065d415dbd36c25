"""`framnn run` on sums of two products -- MatMul of [n,2] by [2,k], the
same as Gemm (no C) and as a 1x1 Conv over two channels (no bias), all on
the multiplier -- against an independent NumPy model of DESIGN section 1.

exact: m <= 11. Every product of two operands truncated to m <= 11
fraction bits is exact in binary32 (two 12-bit significands), so the sum
of the two is rounded once whatever the order of the additions and whether
a product is fused with its addition (an FMA): the result must be
fl32(amul_m(a0, b0) + amul_m(a1, b1)) bit for bit. Run with --bf16-dot off
(m = 0..11) and emulate (m = 0..7, where the operands are exactly bfloat16
and the contraction takes the bf16 pair layout). Operands avoid products
that underflow or overflow (there an FMA and a rounded product differ even
at small m); zeros of both signs, infinities and NaNs (quiet and
signalling, payload in the dropped bits) are in. A NaN result must be a
quiet NaN.

fma: m >= 12 (docs/decisions.md, "Sums of products: order and FMA"). A
product is no longer exact and FramNN may fuse it with its addition, so
each result must be one of the evaluations the semantics allow: both
products rounded, fl32(P0 + P1); or one of them fused with the addition
of the other, fl32(P0 + a1*b1) or fl32(a0*b0 + P1) (the products here
are exact in float64, and so are these sums: the operands are in [1, 2)).
Anything else (a sum accumulated in higher precision, a product rounded
twice) fails. The operands are drawn so that the candidates differ for
many elements, which the script checks, so the test can fail; it also
prints which evaluation FramNN took.
"""
import argparse
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

sys.path.insert(0, os.path.dirname(__file__))
import runlib  # noqa: E402

# No subnormals and nothing near overflow: see the module comment.
SPECIAL_BITS = [
    0x00000000, 0x80000000,              # +0, -0
    0x7F800000, 0xFF800000,              # +inf, -inf
    0x7FC00000, 0xFFC00001,              # quiet NaNs
    0x7F800001, 0x7FBFFFFF,              # signalling NaNs
    0x3F800000, 0xBF800000,              # +-1
    0x3FFFFFFF, 0xBFFFFFFF,              # just below +-2: all fraction bits
    0x3EAAAAAB, 0x3DCCCCCD,              # 1/3, 1/10
]

OPS = ("matmul", "gemm", "conv")


def moderate_values(rng, count):
    """Values with exponents -30..30: products and their sums are normal."""
    sign = rng.integers(0, 2, count, dtype=np.uint32) << np.uint32(31)
    exp = (rng.integers(-30, 31, count) + 127).astype(np.uint32) << np.uint32(23)
    frac = rng.integers(0, 1 << 23, count, dtype=np.uint32)
    return (sign | exp | frac).view(np.float32)


def unit_values(rng, shape):
    """Values in +-[1, 2) with every fraction bit random."""
    count = int(np.prod(shape))
    sign = rng.integers(0, 2, count, dtype=np.uint32) << np.uint32(31)
    frac = rng.integers(0, 1 << 23, count, dtype=np.uint32)
    return (sign | np.uint32(0x3F800000) | frac).view(np.float32).reshape(shape)


def exact_operands(rng, rows):
    """[rows, 2]: specials spread over both columns, the rest moderate."""
    vals = moderate_values(rng, 2 * rows)
    special = runlib.f32_from_bits(SPECIAL_BITS)
    pos = rng.choice(2 * rows, size=len(special), replace=False)
    vals[pos] = special
    return vals.reshape(rows, 2)


def make_model(path, n, k):
    """a [n,2], b [2,k], copies a2/b2 for Gemm (see single_product_bits.py:
    CSE would merge it with MatMul), a4 [n,2,1,1] and w4 [k,2,1,1]."""
    f = TensorProto.FLOAT
    vi = helper.make_tensor_value_info
    nodes = [helper.make_node("MatMul", ["a", "b"], ["matmul"]),
             helper.make_node("Gemm", ["a2", "b2"], ["gemm"]),
             helper.make_node("Conv", ["a4", "w4"], ["conv"], kernel_shape=[1, 1])]
    graph = helper.make_graph(
        nodes, "two_products",
        [vi("a", f, ["n", 2]), vi("b", f, [2, k]), vi("a2", f, ["n", 2]),
         vi("b2", f, [2, k]), vi("a4", f, ["n", 2, 1, 1]), vi("w4", f, [k, 2, 1, 1])],
        [vi("matmul", f, ["n", k]), vi("gemm", f, ["n", k]),
         vi("conv", f, ["n", k, 1, 1])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)


def operands(a, b):
    return [a, b, a, b, a[:, :, None, None], b.T[:, :, None, None]]


def results(got):
    return {op: (got[op][:, :, 0, 0] if op == "conv" else got[op]) for op in OPS}


def products(a, b, m):
    """P_t[i, j] = amul_m(a[i, t], b[t, j]) for t = 0, 1."""
    return [runlib.amul(a[:, t, None], b[None, t, :], m) for t in (0, 1)]


def is_quiet_nan(x):
    bits = np.asarray(x, dtype=np.float32).view(np.uint32)
    return (bits & np.uint32(0x7FC00000)) == np.uint32(0x7FC00000)


def check_exact(report, what, got, a, b, m):
    p0, p1 = products(a, b, m)
    with np.errstate(all="ignore"):
        want = (p0 + p1).astype(np.float32)
    for op, out in results(got).items():
        ok = runlib.bits_equal(out, want) & (~np.isnan(out) | is_quiet_nan(out))
        runlib.check_elements(
            report, f"{what} {op}: {{}}/{{}} sums bit-exact", ok, out, want,
            lambda i, j: (f"a=({runlib.describe(a[i, 0])}, {runlib.describe(a[i, 1])}) "
                          f"b=({runlib.describe(b[0, j])}, {runlib.describe(b[1, j])})"))


def candidates(a, b, m):
    """The allowed evaluations at m >= 12, as float32 arrays: both products
    rounded, the second fused, the first fused."""
    ta = runlib.trunc(a, m).astype(np.float64)
    tb = runlib.trunc(b, m).astype(np.float64)
    e0 = ta[:, 0, None] * tb[None, 0, :]  # exact: 24 x 24 bits < 53
    e1 = ta[:, 1, None] * tb[None, 1, :]
    p0, p1 = e0.astype(np.float32), e1.astype(np.float32)
    # Operands in [1, 2): each sum below is exact in float64, so one
    # conversion is the single rounding of the evaluation.
    rounded = (p0.astype(np.float64) + p1).astype(np.float32)
    second_fused = (p0.astype(np.float64) + e1).astype(np.float32)
    first_fused = (e0 + p1.astype(np.float64)).astype(np.float32)
    exact_sum = (e0 + e1).astype(np.float32)  # not an allowed evaluation
    return rounded, second_fused, first_fused, exact_sum


def check_fma(report, what, got, a, b, m):
    rounded, second, first, exact_sum = candidates(a, b, m)
    allowed = [rounded, second, first]
    # The test can fail: the candidates differ, and the once-rounded exact
    # sum is outside the set for some elements.
    differ = (rounded != second) | (rounded != first)
    outside = (exact_sum != rounded) & (exact_sum != second) & (exact_sum != first)
    report.check(int(differ.sum()) >= 10 and int(outside.sum()) >= 1,
                 f"{what}: the evaluations differ for {int(differ.sum())} "
                 f"elements; the exact sum is outside them for {int(outside.sum())}")
    for op, out in results(got).items():
        ok = np.zeros(out.shape, dtype=bool)
        for c in allowed:
            ok |= out.view(np.uint32) == c.view(np.uint32)
        taken = [int((out.view(np.uint32) == c.view(np.uint32))[differ].sum())
                 for c in allowed]
        report.check(bool(ok.all()),
                     f"{what} {op}: {int(ok.sum())}/{ok.size} sums are an allowed "
                     f"evaluation (where they differ: rounded {taken[0]}, second "
                     f"fused {taken[1]}, first fused {taken[2]})")


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framnn", default="framnn")
    ap.add_argument("--tmp", required=True)
    ap.add_argument("-n", type=int, default=48)
    ap.add_argument("-k", type=int, default=48)
    ap.add_argument("--seed", type=int, default=11)
    args = ap.parse_args()
    os.makedirs(args.tmp, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    model = os.path.join(args.tmp, "two.onnx")
    make_model(model, args.n, args.k)

    report = runlib.Report("two-product sums")
    a = exact_operands(rng, args.n)
    b = np.ascontiguousarray(exact_operands(rng, args.k).T)
    inputs = runlib.save_inputs(args.tmp, "exact", operands(a, b))
    # Sensitivity: at every m < 23 some sums differ from the exact ones.
    for m in range(12):
        p0, p1 = products(a, b, m)
        q0, q1 = products(a, b, 23)
        with np.errstate(all="ignore"):
            same = runlib.bits_equal(p0 + p1, q0 + q1)
        if same.all():
            report.check(False, f"reference at m={m} equals the exact sums")
    runs = [(m, "off") for m in range(12)] + [(m, "emulate") for m in range(8)]
    for m, dot in runs:
        what = f"m={m} --bf16-dot {dot}"
        out = os.path.join(args.tmp, f"exact.{m}.{dot}.npz")
        try:
            got = runlib.run_or_raise(model, inputs, out, framnn=args.framnn,
                                      mantissa_bits=m, approx_ops=list(OPS),
                                      extra=["--bf16-dot", dot])
        except Exception as e:  # reported as a failed check
            report.check(False, f"{what}: {e}")
            continue
        check_exact(report, what, got, a, b, m)

    a = unit_values(rng, (args.n, 2))
    b = unit_values(rng, (2, args.k))
    inputs = runlib.save_inputs(args.tmp, "fma", operands(a, b))
    for m in (12, 16, 23):
        what = f"m={m} --bf16-dot off"
        out = os.path.join(args.tmp, f"fma.{m}.npz")
        try:
            got = runlib.run_or_raise(model, inputs, out, framnn=args.framnn,
                                      mantissa_bits=m, approx_ops=list(OPS),
                                      extra=["--bf16-dot", "off"])
        except Exception as e:
            report.check(False, f"{what}: {e}")
            continue
        check_fma(report, what, got, a, b, m)
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
