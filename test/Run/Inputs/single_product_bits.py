"""`framnn run` on an outer product -- MatMul of [n,1] by [1,k], the same
as Gemm (no C), as a 1x1 Conv (no bias) and as a broadcast Mul, all with
--approx-ops matmul,gemm,conv,mul -- is amul_m bit for bit, for every m in
0..23.

Each output element is a single product, so the result must be exactly
amul_m(a_i, b_j) from runlib.amul (an independent bit-level NumPy model) --
no summation-order slack. Operands mix random values spanning the whole
exponent range with special values: signed zeros, infinities, quiet and
signalling NaNs whose payload lies in the bits the mask clears (0x7F800001
must not become an infinity), subnormals, the largest finite value, and
pairs whose product overflows to infinity or underflows to (signed) zero.
NaN against NaN is compared as NaN-ness; everything else (+0 vs -0 too) by
bits.

Also checks that `--multiplier-bits W` is `--mantissa-bits W-1` (same
bits) and that the default (no precision flag) is the exact product.
"""
import argparse
import concurrent.futures as cf
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper

sys.path.insert(0, os.path.dirname(__file__))
import runlib  # noqa: E402

SPECIAL_BITS = [
    0x00000000, 0x80000000,              # +0, -0
    0x7F800000, 0xFF800000,              # +inf, -inf
    0x7FC00000, 0xFFC00000,              # quiet NaNs
    0x7F800001, 0xFF800001,              # signalling NaNs, payload in the lsb
    0x7FC00001, 0x7FBFFFFF, 0x7F801000,  # payloads in dropped/kept bits
    0x00000001, 0x80000001,              # smallest subnormals
    0x007FFFFF, 0x807FFFFF,              # largest subnormals
    0x00400000, 0x00012345,              # other subnormals
    0x00800000, 0x80800000,              # smallest normals
    0x7F7FFFFF, 0xFF7FFFFF,              # largest finite
    0x3F800000, 0xBF800000,              # +-1
    0x3FFFFFFF, 0xBFFFFFFF,              # just below +-2: all fraction bits
    0x3F7FFFFF,                          # just below 1
    0x5F800000, 0x5F7FFFFF, 0xDF800001,  # ~2^64: squares overflow
    0x1F800000, 0x1FFFFFFF,              # ~2^-64: squares are subnormal
    0x0F800000, 0x8F812345,              # ~2^-96: squares underflow to 0
    0x7E800000, 0x7F000001,              # ~2^126, 2^127: overflow at *2, *4
    0x34000000, 0x4B000001,              # 2^-23, 2^23 + 2
    0x3EAAAAAB, 0x3DCCCCCD,              # 1/3, 1/10: long fractions
]


def random_values(rng, count):
    """float32 values with uniformly random sign, exponent field (all
    finite ones, subnormal included) and fraction."""
    sign = rng.integers(0, 2, count, dtype=np.uint32) << np.uint32(31)
    exp = rng.integers(0, 255, count, dtype=np.uint32) << np.uint32(23)
    frac = rng.integers(0, 1 << 23, count, dtype=np.uint32)
    return (sign | exp | frac).view(np.float32)


def moderate_values(rng, count):
    """Values whose products are mostly normal (exponents -40..40)."""
    sign = rng.integers(0, 2, count, dtype=np.uint32) << np.uint32(31)
    exp = (rng.integers(-40, 41, count) + 127).astype(np.uint32) << np.uint32(23)
    frac = rng.integers(0, 1 << 23, count, dtype=np.uint32)
    return (sign | exp | frac).view(np.float32)


def make_operands(rng, n):
    special = runlib.f32_from_bits(SPECIAL_BITS)
    rest = n - len(special)
    vals = np.concatenate([special, random_values(rng, rest // 2),
                           moderate_values(rng, rest - rest // 2)])
    return rng.permutation(vals).astype(np.float32)


# The outer product a_i * b_j four ways, one product per output element.
OPS = ("matmul", "gemm", "conv", "mul")


def make_model(path, n, k):
    """Inputs a [n,1], b [1,k], the same values again as a2, b2, and as a4
    [n,1,1,1] (an NCHW batch of 1x1 one-channel images) and w4 [k,1,1,1] (k
    1x1 filters); the row count n is symbolic (a dynamic batch). Outputs:
    MatMul(a, b), Gemm(a2, b2) without C, Conv(a4, w4) without bias,
    Mul(a, b) broadcast. (Gemm reads its own copies: on the same arguments
    it lowers to the same IR as MatMul, CSE merges the two and the function
    returns one value twice, which crashes the lowering -- see
    duplicate-outputs.test.)"""
    f = TensorProto.FLOAT
    vi = helper.make_tensor_value_info
    nodes = [helper.make_node("MatMul", ["a", "b"], ["matmul"]),
             helper.make_node("Gemm", ["a2", "b2"], ["gemm"]),
             helper.make_node("Conv", ["a4", "w4"], ["conv"], kernel_shape=[1, 1]),
             helper.make_node("Mul", ["a", "b"], ["mul"])]
    graph = helper.make_graph(
        nodes, "outer",
        [vi("a", f, ["n", 1]), vi("b", f, [1, k]), vi("a2", f, ["n", 1]),
         vi("b2", f, [1, k]), vi("a4", f, ["n", 1, 1, 1]),
         vi("w4", f, [k, 1, 1, 1])],
        [vi("matmul", f, ["n", k]), vi("gemm", f, ["n", k]),
         vi("conv", f, ["n", k, 1, 1]), vi("mul", f, ["n", k])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)


def compare(report, what, got, a, b, m):
    want = runlib.amul(a[:, None], b[None, :], m)
    if got.ndim == 4 and got.shape[2:] == (1, 1):
        got = got[:, :, 0, 0]  # Conv's NCHW result
    if got.shape != want.shape or got.dtype != np.float32:
        return report.check(False, f"{what}: got {got.dtype} {got.shape}, want "
                            f"float32 {want.shape}")
    ok = runlib.bits_equal(got, want)
    bad = np.argwhere(~ok)
    msg = f"{what}: {int(ok.sum())}/{ok.size} products bit-exact"
    for i, j in bad[:6]:
        msg += (f"\n    {runlib.describe(a[i])} * {runlib.describe(b[j])}: got "
                f"{runlib.describe(got[i, j])}, want {runlib.describe(want[i, j])}")
    if len(bad) > 6:
        msg += f"\n    ... {len(bad) - 6} more"
    return report.check(not len(bad), msg)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framnn", default="framnn")
    ap.add_argument("--tmp", required=True)
    ap.add_argument("-n", type=int, default=64)
    ap.add_argument("-k", type=int, default=64)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=7)
    args = ap.parse_args()
    os.makedirs(args.tmp, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    a = make_operands(rng, args.n)
    b = make_operands(rng, args.k)
    model = os.path.join(args.tmp, "outer.onnx")
    make_model(model, args.n, args.k)
    inputs = runlib.save_inputs(args.tmp, "outer", [
        a[:, None], b[None, :], a[:, None], b[None, :], a[:, None, None, None],
        b[:, None, None, None]])

    # The reference must itself be sensitive: at every m < 23 some products
    # differ from the exact ones (so a multiplier that ignores m fails).
    report = runlib.Report("single-product bit-exactness")
    exact = runlib.amul(a[:, None], b[None, :], 23)
    for m in range(23):
        differs = ~runlib.bits_equal(runlib.amul(a[:, None], b[None, :], m), exact)
        if not differs.any():
            report.check(False, f"reference at m={m} equals the exact product")

    jobs = [("mantissa", m) for m in range(24)] + \
           [("multiplier", w) for w in range(1, 25)] + [("default", None)]

    def run(job):
        kind, v = job
        out = os.path.join(args.tmp, f"outer.{kind}.{v}.npz")
        kw = {"framnn": args.framnn}
        if kind != "default":
            kw["approx_ops"] = list(OPS)
        if kind == "mantissa":
            kw["mantissa_bits"] = v
        elif kind == "multiplier":
            kw["multiplier_bits"] = v
        try:
            return job, runlib.run_or_raise(model, inputs, out, **kw), None
        except Exception as e:  # reported as a failed check
            return job, None, str(e)

    with cf.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(run, jobs))
    by_job = {}
    for (kind, v), got, err in results:
        what = {"mantissa": f"--mantissa-bits {v}",
                "multiplier": f"--multiplier-bits {v}",
                "default": "no precision flag (exact)"}[kind]
        if err:
            report.check(False, f"{what}: {err}")
            continue
        by_job[(kind, v)] = got
        m = {"mantissa": v, "multiplier": None if v is None else v - 1,
             "default": 23}[kind]
        for op in OPS:
            if op not in got:
                report.check(False, f"{what} {op}: missing (have {sorted(got)})")
            else:
                compare(report, f"{what} {op}", got[op], a, b, m)
    for w in range(1, 25):
        x, y = by_job.get(("multiplier", w)), by_job.get(("mantissa", w - 1))
        if x is not None and y is not None:
            report.check(all(x[o].tobytes() == y[o].tobytes() for o in OPS if o in x and o in y),
                         f"--multiplier-bits {w} == --mantissa-bits {w - 1} (bytes)")
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
