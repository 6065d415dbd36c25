"""`--approx-ops mul` and `--approx-ops batch_norm`: which products run on
the multiplier, compared with NumPy (runlib.amul, independent of FramNN).

The model (opset 13, dynamic batch N = 64):
  prod   = Mul(a[N,1], b[1,64])           an outer product by broadcasting;
                                          a and b carry the special values of
                                          single_product_bits.py: compared bit
                                          for bit with amul_m (NaN as NaN-ness)
  scaled = Mul(x[N,4,5,5], s[4,1,1])      s an initializer: bit for bit
  bn     = BatchNormalization(scaled, scale, bias, mean, var)
  gemm   = Gemm(g[N,6], w[6,3])           must stay exact unless gemm is chosen

BatchNormalization is  (x - mean) / sqrt(var + eps) * scale + bias  as ONNX
writes it; its one product is `normalised * scale`, which --approx-ops
batch_norm puts on amul_m. The reference evaluates the same formula in
binary32 NumPy (each op correctly rounded) with that product through
amul_m; FramNN may fuse the product with the bias addition, so the
comparison allows 1 ulp of |product| + |bias| there. The test checks its own
power: at the m used, the exact and the masked results of every output
differ somewhere.
"""
import argparse
import concurrent.futures as cf
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(__file__))
import runlib  # noqa: E402
import single_product_bits as spb  # noqa: E402

N = 64
EPS = 1e-3


def build(rng, tmp):
    a = spb.make_operands(rng, N)[:, None]
    b = spb.make_operands(rng, 64)[None, :]
    x = (rng.standard_normal((N, 4, 5, 5)) * 3).astype(np.float32)
    g = rng.standard_normal((N, 6)).astype(np.float32)
    p = {
        "s": (rng.standard_normal((4, 1, 1)) * 2).astype(np.float32),
        "scale": (rng.standard_normal(4) * 2).astype(np.float32),
        "bias": rng.standard_normal(4).astype(np.float32),
        "mean": rng.standard_normal(4).astype(np.float32),
        "var": (rng.random(4) + 0.25).astype(np.float32),
        "w": rng.standard_normal((6, 3)).astype(np.float32),
    }
    vi = helper.make_tensor_value_info
    f = TensorProto.FLOAT
    nodes = [
        helper.make_node("Mul", ["a", "b"], ["prod"]),
        helper.make_node("Mul", ["x", "s"], ["scaled"]),
        helper.make_node("BatchNormalization",
                         ["scaled", "scale", "bias", "mean", "var"], ["bn"],
                         epsilon=EPS),
        helper.make_node("Gemm", ["g", "w"], ["gemm"]),
    ]
    graph = helper.make_graph(
        nodes, "mul_batchnorm",
        [vi("a", f, ["N", 1]), vi("b", f, [1, 64]), vi("x", f, ["N", 4, 5, 5]),
         vi("g", f, ["N", 6])],
        [vi("prod", f, ["N", 64]), vi("scaled", f, ["N", 4, 5, 5]),
         vi("bn", f, ["N", 4, 5, 5]), vi("gemm", f, ["N", 3])],
        [numpy_helper.from_array(v, k) for k, v in p.items()])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model, full_check=True)
    path = os.path.join(tmp, "mul_batchnorm.onnx")
    onnx.save(model, path)
    feeds = {"a": a, "b": b, "x": x, "g": g}
    inputs = runlib.save_inputs(tmp, "mul_batchnorm", [a, b, x, g])
    return path, inputs, feeds, p


def reference(feeds, p, m_mul, m_bn, m_gemm):
    """Outputs and per-element tolerances (0: bit for bit) with the given
    precision per op kind (23 = exact)."""
    with np.errstate(all="ignore"):
        prod = runlib.amul(feeds["a"], feeds["b"], m_mul)
        scaled = runlib.amul(feeds["x"], p["s"][None], m_mul)
        c = lambda v: v[None, :, None, None]  # noqa: E731
        normed = ((scaled - c(p["mean"])) /
                  np.sqrt(c(p["var"]) + np.float32(EPS))).astype(np.float32)
        prod_bn = runlib.amul(normed, c(p["scale"]), m_bn)
        bn = (prod_bn + c(p["bias"])).astype(np.float32)
        bn_tol = runlib.EPS32 * (np.abs(prod_bn) + np.abs(c(p["bias"])))
        ga = runlib.trunc(feeds["g"], m_gemm).astype(np.float64)
        gw = runlib.trunc(p["w"], m_gemm).astype(np.float64)
        gemm = ga @ gw
        gemm_tol = runlib.contraction_tolerance(np.abs(ga) @ np.abs(gw), 6)
    return {"prod": (prod, None), "scaled": (scaled, None), "bn": (bn, bn_tol),
            "gemm": (gemm, gemm_tol)}


def compare(got, want, tol):
    if got.shape != want.shape:
        return np.zeros(want.shape, dtype=bool)
    if tol is None:
        return runlib.bits_equal(got, want)
    return runlib.close(got, want, atol=tol, rtol=0.0)


# (what, --mantissa-bits, --approx-ops, precision of mul, batch_norm, gemm)
CONFIGS = [
    ("mul,batch_norm m=0", 0, ["mul", "batch_norm"], 0, 0, 23),
    ("mul,batch_norm m=4", 4, ["mul", "batch_norm"], 4, 4, 23),
    ("mul,batch_norm m=7", 7, ["mul", "batch_norm"], 7, 7, 23),
    ("mul,batch_norm m=12", 12, ["mul", "batch_norm"], 12, 12, 23),
    ("mul,batch_norm m=18", 18, ["mul", "batch_norm"], 18, 18, 23),
    ("mul only m=5", 5, ["mul"], 5, 23, 23),
    ("batch_norm only m=5", 5, ["batch_norm"], 23, 5, 23),
    ("default op kinds m=5 (gemm,matmul,conv)", 5, None, 23, 23, 5),
    ("gemm,mul m=3", 3, ["gemm", "mul"], 3, 23, 3),
    ("exact (no flag)", None, None, 23, 23, 23),
]


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framnn", default="framnn")
    ap.add_argument("--tmp", required=True)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    args = ap.parse_args()
    os.makedirs(args.tmp, exist_ok=True)
    rng = np.random.default_rng(5)
    path, inputs, feeds, params = build(rng, args.tmp)
    exact = reference(feeds, params, 23, 23, 23)
    report = runlib.Report("mul/batch_norm on the multiplier")

    def run(i):
        what, m, ops = CONFIGS[i][:3]
        out = os.path.join(args.tmp, f"mul_batchnorm.{i}.npz")
        try:
            return runlib.run_or_raise(path, inputs, out, framnn=args.framnn,
                                       mantissa_bits=m, approx_ops=ops), None
        except Exception as e:
            return None, str(e)

    with cf.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(run, range(len(CONFIGS))))
    for (what, _, _, m_mul, m_bn, m_gemm), (outs, err) in zip(CONFIGS, results):
        if err:
            report.check(False, f"{what}: {err}")
            continue
        ref = reference(feeds, params, m_mul, m_bn, m_gemm)
        for name, (want, tol) in ref.items():
            got = outs.get(name)
            if got is None:
                report.check(False, f"{what} {name}: missing (have {sorted(outs)})")
                continue
            ok = compare(got, want, tol)
            msg = (f"{what} {name}: {int(ok.sum())}/{ok.size} "
                   f"{'bit-exact' if tol is None else 'within tolerance'}")
            bad = np.argwhere(~ok)
            for idx in bad[:4]:
                idx = tuple(idx)
                msg += (f"\n    at {idx}: got {runlib.describe(got[idx])}, want "
                        f"{runlib.describe(want[idx])}")
            report.check(not len(bad), msg)
            # Power: where this output is approximated, the exact result
            # must not pass.
            m_here = {"prod": m_mul, "scaled": m_mul, "bn": m_bn,
                      "gemm": m_gemm}[name]
            if m_here < 23:
                wrong = compare(exact[name][0].astype(np.float32), want, tol)
                report.check(not wrong.all(),
                             f"{what} {name}: the exact result would fail at "
                             f"{int((~wrong).sum())} elements")
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
