"""`framnn run` on Gemm, MatMul and Conv at m in {23, 16, 12, 8, 4, 0}
against PyTorch on operands masked by an independent NumPy trunc_m (bias
exact).

One ONNX model holds every case as an independent subgraph (several inputs
and outputs, so one compilation per m): Gemm with/without transA/transB,
alpha/beta, a bias broadcast from [N] or [1,N] or a full [M,N] C, B as a
graph input or an initializer; MatMul N-D x 2-D, batched, broadcast batch
dimensions (a dynamic batch against a static 1 too) and 1-D operands; Conv with a bias, asymmetric pads, strides,
dilations, groups (grouped and depthwise). The batch dimension of the
activations is dynamic and specialised to 3 at run time.

Reference: PyTorch in float64 on the masked float32 operands (products of
binary32 values are exact in binary64, so the reference is the exact sum up
to a negligible binary64 rounding). FramNN sums binary32 products in an
unspecified order, so each element is compared within
    K * eps32 * sum_k |products_k|   (runlib.contraction_tolerance)
plus eps32 * (|alpha * sum| + |beta * C|) for the Gemm epilogue and a 1e-6
relative term. The test checks its own power: at every m < 23 the masked
reference differs from the exact one by more than that tolerance somewhere
(so ignoring the multiplier fails).
"""
import argparse
import concurrent.futures as cf
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(__file__))
import runlib  # noqa: E402

BATCH = 3
M_VALUES = (23, 16, 12, 8, 4, 0)
RTOL = 1e-6


def randn(rng, *shape):
    """Normal values scaled by random powers of two (2^-4..2^4), so operands
    span several binades and masking loses different absolute amounts."""
    x = rng.standard_normal(shape) * np.exp2(rng.integers(-4, 5, shape))
    return x.astype(np.float32)


class Builder:
    def __init__(self):
        self.nodes, self.inputs, self.outputs, self.inits = [], [], [], []
        self.feeds = {}      # graph input name -> array
        self.cases = []      # (output name, fn(m) -> (reference, tolerance))

    def input(self, name, value, dyn_batch=True):
        shape = list(value.shape)
        if dyn_batch:
            shape[0] = "N"
        self.inputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, shape))
        self.feeds[name] = value

    def init(self, name, value):
        self.inits.append(numpy_helper.from_array(value, name))

    def output(self, name):
        self.outputs.append(helper.make_tensor_value_info(name, TensorProto.FLOAT, None))

    def model(self):
        g = helper.make_graph(self.nodes, "contractions", self.inputs,
                              self.outputs, self.inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
        m = onnx.shape_inference.infer_shapes(m, strict_mode=True)
        onnx.checker.check_model(m, full_check=True)
        return m


def t64(x):
    return torch.from_numpy(np.asarray(x, dtype=np.float64))


def add_gemm(bld, rng, name, M, K, N, transA=0, transB=0, alpha=1.0, beta=1.0,
             c_shape=("N",), b_is_input=False):
    a = randn(rng, *((K, M) if transA else (M, K)))
    b = randn(rng, *((N, K) if transB else (K, N)))
    c = None if c_shape is None else randn(rng, *[{"M": M, "N": N}.get(d, d) for d in c_shape])
    # With transA the rows of the result are A's dim 1: keep A static then.
    bld.input(f"{name}.a", a, dyn_batch=not transA)
    if b_is_input:
        bld.input(f"{name}.b", b, dyn_batch=False)
    else:
        bld.init(f"{name}.b", b)
    ins = [f"{name}.a", f"{name}.b"]
    if c is not None:
        bld.init(f"{name}.c", c)
        ins.append(f"{name}.c")
    attrs = {}
    if transA:
        attrs["transA"] = 1
    if transB:
        attrs["transB"] = 1
    if alpha != 1.0:
        attrs["alpha"] = alpha
    if beta != 1.0:
        attrs["beta"] = beta
    bld.nodes.append(helper.make_node("Gemm", ins, [name], name=name, **attrs))
    bld.output(name)

    def ref(m):
        A = t64(runlib.trunc(a, m))
        B = t64(runlib.trunc(b, m))
        if transA:
            A = A.T
        if transB:
            B = B.T
        s = A @ B
        abs_sum = A.abs() @ B.abs()
        r = alpha * s
        extra = runlib.EPS32 * abs(alpha) * s.abs()
        if c is not None:
            bc = beta * t64(c)
            r = r + bc
            extra = extra + runlib.EPS32 * bc.abs()
        tol = abs(alpha) * runlib.contraction_tolerance(abs_sum.numpy(), K) + \
            extra.numpy() + RTOL * r.abs().numpy()
        return r.numpy(), tol
    bld.cases.append((name, ref))


def add_conv(bld, rng, name, C, H, W, F_, kh, kw, pads=(0, 0, 0, 0),
             strides=(1, 1), dilations=(1, 1), group=1, bias=True):
    x = randn(rng, BATCH, C, H, W)
    w = randn(rng, F_, C // group, kh, kw)
    b = randn(rng, F_) if bias else None
    bld.input(f"{name}.x", x)
    bld.init(f"{name}.w", w)
    ins = [f"{name}.x", f"{name}.w"]
    if bias:
        bld.init(f"{name}.b", b)
        ins.append(f"{name}.b")
    bld.nodes.append(helper.make_node(
        "Conv", ins, [name], name=name, kernel_shape=[kh, kw], pads=list(pads),
        strides=list(strides), dilations=list(dilations), group=group))
    bld.output(name)

    def ref(m):
        X = F.pad(t64(runlib.trunc(x, m)), (pads[1], pads[3], pads[0], pads[2]))
        Wt = t64(runlib.trunc(w, m))
        kw_ = dict(stride=strides, dilation=dilations, groups=group)
        s = F.conv2d(X, Wt, None, **kw_)
        abs_sum = F.conv2d(X.abs(), Wt.abs(), None, **kw_)
        r = s + (t64(b)[None, :, None, None] if bias else 0.0)
        terms = (C // group) * kh * kw + (1 if bias else 0)
        tol = runlib.contraction_tolerance(
            abs_sum.numpy() + (np.abs(b)[None, :, None, None] if bias else 0.0),
            terms) + RTOL * r.abs().numpy()
        return r.numpy(), tol
    bld.cases.append((name, ref))


def add_matmul(bld, rng, name, lhs_shape, rhs_shape, rhs_init=False):
    """MatMul with NumPy semantics (1-D promotion, broadcast batch dims).
    "N" in a shape is the dynamic batch (BATCH at run time); `rhs_init`
    makes the rhs an initializer instead of a graph input."""
    def concrete(shape):
        return tuple(BATCH if d == "N" else d for d in shape)
    a = randn(rng, *concrete(lhs_shape))
    b = randn(rng, *concrete(rhs_shape))

    def declare(suffix, value, shape):
        bld.inputs.append(helper.make_tensor_value_info(
            f"{name}.{suffix}", TensorProto.FLOAT, list(shape)))
        bld.feeds[f"{name}.{suffix}"] = value
    declare("a", a, lhs_shape)
    if rhs_init:
        bld.init(f"{name}.b", b)
    else:
        declare("b", b, rhs_shape)
    bld.nodes.append(helper.make_node("MatMul", [f"{name}.a", f"{name}.b"],
                                      [name], name=name))
    bld.output(name)

    def ref(m):
        A = runlib.trunc(a, m).astype(np.float64)
        B = runlib.trunc(b, m).astype(np.float64)
        r = np.asarray(np.matmul(A, B))
        tol = runlib.contraction_tolerance(np.asarray(np.matmul(np.abs(A), np.abs(B))),
                                           a.shape[-1]) + RTOL * np.abs(r)
        return r, tol
    bld.cases.append((name, ref))


def build(rng):
    bld = Builder()
    add_gemm(bld, rng, "gemm_bias", BATCH, 40, 7)
    add_gemm(bld, rng, "gemm_transB", BATCH, 50, 9, transB=1)
    add_gemm(bld, rng, "gemm_transA_alpha_beta", 6, 33, 5, transA=1,
             alpha=0.5, beta=2.0, c_shape=("M", "N"))
    add_gemm(bld, rng, "gemm_transAB_rowbias", 4, 21, 8, transA=1, transB=1,
             alpha=-1.5, c_shape=(1, "N"))
    add_gemm(bld, rng, "gemm_b_input_nobias", BATCH, 64, 6, b_is_input=True,
             c_shape=None)
    add_gemm(bld, rng, "gemm_beta0", BATCH, 17, 5, transB=1, beta=0.0)
    add_matmul(bld, rng, "matmul_3d_2d", ("N", 4, 30), (30, 6), rhs_init=True)
    add_matmul(bld, rng, "matmul_batched", ("N", 5, 24), ("N", 24, 7))
    # Broadcasting and 1-D operands (numpy.matmul).
    add_matmul(bld, rng, "matmul_bcast_dyn_vs_1", ("N", 3, 20), (1, 20, 5),
               rhs_init=True)
    add_matmul(bld, rng, "matmul_4d", ("N", 2, 4, 9), ("N", 2, 9, 6))
    add_matmul(bld, rng, "matmul_4d_vs_3d_bcast", ("N", 1, 4, 11), (3, 11, 2))
    add_matmul(bld, rng, "matmul_2d_vs_3d", (5, 12), ("N", 12, 3))
    add_matmul(bld, rng, "matmul_vec_lhs", (13,), ("N", 13, 4))
    add_matmul(bld, rng, "matmul_vec_rhs", ("N", 3, 14), (14,), rhs_init=True)
    add_matmul(bld, rng, "matmul_vec_vec", (15,), (15,))
    add_matmul(bld, rng, "matmul_vec_2d", (16,), (16, 3), rhs_init=True)
    add_conv(bld, rng, "conv_pad1_bias", 4, 9, 9, 6, 3, 3, pads=(1, 1, 1, 1))
    add_conv(bld, rng, "conv_stride_asym", 3, 11, 10, 5, 3, 2,
             pads=(2, 0, 1, 1), strides=(2, 3), bias=False)
    add_conv(bld, rng, "conv_group_dilation", 6, 10, 10, 4, 3, 3,
             pads=(2, 2, 2, 2), dilations=(2, 1), group=2)
    add_conv(bld, rng, "conv_depthwise", 5, 8, 8, 5, 3, 3, pads=(1, 1, 1, 1),
             strides=(2, 2), group=5)
    add_conv(bld, rng, "conv_5x5_deep", 16, 7, 7, 3, 5, 5)
    return bld


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framnn", default="framnn")
    ap.add_argument("--tmp", required=True)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--seed", type=int, default=3)
    args = ap.parse_args()
    os.makedirs(args.tmp, exist_ok=True)
    rng = np.random.default_rng(args.seed)
    bld = build(rng)
    model = bld.model()
    path = os.path.join(args.tmp, "contractions.onnx")
    onnx.save(model, path)
    names = [i.name for i in model.graph.input]
    inputs = runlib.save_inputs(args.tmp, "contractions",
                                [bld.feeds[n] for n in names])

    def run(m):
        out = os.path.join(args.tmp, f"contractions.m{m}.npz")
        try:
            return m, runlib.run_or_raise(path, inputs, out, framnn=args.framnn,
                                          mantissa_bits=m), None
        except Exception as e:
            return m, None, str(e)

    report = runlib.Report("gemm/conv vs masked PyTorch")
    with cf.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = list(ex.map(run, M_VALUES))
    exact_refs = {name: ref(23)[0] for name, ref in bld.cases}
    discriminating = {}
    for m, outs, err in results:
        if err:
            report.check(False, f"m={m}: {err}")
            continue
        for name, ref in bld.cases:
            want, tol = ref(m)
            got = outs.get(name)
            if got is None:
                report.check(False, f"m={m} {name}: missing from the output "
                             f"(have {sorted(outs)})")
                continue
            ok = runlib.close(got, want, atol=tol, rtol=0.0)
            err_max = float(np.max(np.abs(got.astype(np.float64) - want) / tol)) \
                if got.shape == want.shape else float("inf")
            report.check(bool(ok.all()) and got.shape == want.shape,
                         f"m={m} {name}: {int(ok.sum())}/{ok.size} within "
                         f"tolerance, max |err|/tol {err_max:.3g}")
            if m < 23:
                # Power of the test: would the exact result be rejected?
                power = ~runlib.close(exact_refs[name], want, atol=tol, rtol=0.0)
                discriminating.setdefault(m, []).append(bool(power.any()))
                print(f"   (m={m} {name}: the exact result would fail at "
                      f"{int(power.sum())}/{power.size} elements)")
    # At m <= 12 every case must tell the multiplier from the exact one. At
    # m = 16 the K*eps bound of the deep (400-term) conv is wider than the
    # effect of dropping 7 fraction bits, so only most cases must.
    for m, flags in sorted(discriminating.items()):
        need = len(flags) if m <= 12 else len(flags) - 1
        report.check(sum(flags) >= need,
                     f"m={m}: the exact result is rejected in {sum(flags)}/"
                     f"{len(flags)} cases (need {need})")
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
