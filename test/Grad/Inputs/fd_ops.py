"""Per-op gradient tier: `framnn grad` (exact mode) on one tiny ONNX model per
differentiable nn op and attribute variant, against float64 central
differences of the mean softmax cross-entropy.

Each model feeds the op under test from initializers (an input `x` plus a
broadcast initializer `p_in`, or initializers directly), so every
differentiable operand of the op has a parameter upstream, and ends in
logits [N, 5] (mostly Flatten + MatMul with `w_out`). The reference evaluates
the ONNX graph independently of FramNN (python/framnn_models/npref.py, NumPy
float64) and differentiates it with respect to every float initializer
(python/framnn_models/grad_reference.py); up to SAMPLE elements per
initializer.

Inputs avoid kinks: relu/leaky_relu/div operands are kept at least 0.1 away
from 0, and max-pool windows are checked to have a clear maximum. The
difference quotient is taken at two steps (1e-6 and 1e-5, relative) which
must agree to 1e-7 relative max-norm, so a kink inside the step would show.

Tolerance: relative max-norm error (max |g - ref| / max |ref| per tensor) <=
TOL = 1e-4. FramNN computes in binary32: each value carries a relative
rounding error of a few eps32 (1.2e-7) times the length of the sums it went
through (<= ~60 here), i.e. <= ~1e-5 in the max-norm; the float64 reference
is exact to ~1e-9. 1e-4 leaves a 10x margin while a rule that is off by 1%
(the sentinel: the reference scaled by 1.01, which every comparison must
reject) or drops a term fails by 100x. The loss must agree to 1e-5 relative.

Cases listed in KNOWN_BUGS are expected to fail (reported XFAIL) with the bug
named; if one passes it is reported as XPASS, which fails the test so the
entry gets removed.
"""
import argparse
import concurrent.futures as cf
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gradlib  # noqa: E402
import runlib  # noqa: E402
from framnn_models import grad_reference as gr  # noqa: E402

N = 3
CLASSES = 5
TOL = 1e-4
LOSS_TOL = 1e-5
SENTINEL = 1.01
SAMPLE = 48
STEPS = (1e-6, 1e-5)
FD_AGREE = 1e-7

# case name -> why it is expected to fail (a bug in FramNN, with the report).
KNOWN_BUGS = {}


class Graph:
    """A tiny ONNX graph under construction: one input `x`, float32
    initializers, Constant nodes for shape-like operands, output `logits`."""

    def __init__(self, name, rng, x_shape):
        self.name, self.rng = name, rng
        self.x = rng.standard_normal(x_shape).astype(np.float32)
        self.nodes, self.inits, self.count = [], [], 0
        self.no_grad = []      # initializers whose gradient is not compared
        self.opset = 13        # LayerNormalization needs 17

    def param(self, name, value):
        self.inits.append(numpy_helper.from_array(np.asarray(value, np.float32), name))
        return name

    def randn(self, name, *shape, scale=1.0):
        return self.param(name, self.rng.standard_normal(shape) * scale)

    def node(self, op, inputs, **attrs):
        self.count += 1
        out = f"t{self.count}"
        self.nodes.append(helper.make_node(op, inputs, [out], **attrs))
        return out

    def const(self, value, dtype=np.int64):
        self.count += 1
        out = f"c{self.count}"
        self.nodes.append(helper.make_node(
            "Constant", [], [out],
            value=numpy_helper.from_array(np.asarray(value, dtype))))
        return out

    def inject(self, away_from_zero=0.0):
        """u = x + p_in (p_in broadcast over dim 0); with `away_from_zero`
        x is nudged so that |u| >= away_from_zero everywhere."""
        p = self.rng.standard_normal((1,) + self.x.shape[1:]).astype(np.float32)
        if away_from_zero:
            u = self.x + p
            near = np.abs(u) < away_from_zero
            self.x = np.where(near, self.x + 2 * away_from_zero * np.where(u < 0, -1, 1),
                              self.x).astype(np.float32)
        return self.node("Add", ["x", self.param("p_in", p)])

    def head(self, t, features):
        """logits = Flatten(t) @ w_out."""
        flat = self.node("Flatten", [t], axis=1)
        return self.matmul_out(flat, features)

    def matmul_out(self, t, features):
        w = self.randn("w_out", features, CLASSES, scale=1 / np.sqrt(features))
        self.nodes.append(helper.make_node("MatMul", [t, w], ["logits"]))
        return "logits"

    def finish(self, last=None):
        if last is not None and last != "logits":
            self.nodes[-1].output[0] = "logits"
        g = helper.make_graph(
            self.nodes, self.name,
            [helper.make_tensor_value_info("x", TensorProto.FLOAT, self.x.shape)],
            [helper.make_tensor_value_info("logits", TensorProto.FLOAT, None)],
            self.inits)
        m = helper.make_model(g, opset_imports=[helper.make_opsetid("", self.opset)])
        m = onnx.shape_inference.infer_shapes(m, strict_mode=True)
        onnx.checker.check_model(m, full_check=True)
        return m


# ---- the cases: name -> builder(rng) -> Graph with a finished model -------

def gemm(alpha=None, beta=None, trans_a=0, trans_b=0, c_shape=(CLASSES,)):
    def build(g_name, rng):
        k = 6
        g = Graph(g_name, rng, (N, k))
        a = g.inject()
        if trans_a:
            # `framnn grad` reads dim 0 of the input as the batch, so A^T
            # comes from a Transpose.
            a = g.node("Transpose", [a], perm=[1, 0])
        b = g.randn("b", *((CLASSES, k) if trans_b else (k, CLASSES)))
        c = g.randn("c", *c_shape)
        attrs = {"transA": trans_a, "transB": trans_b}
        if alpha is not None:
            attrs.update(alpha=alpha, beta=beta)
        g.nodes.append(helper.make_node("Gemm", [a, b, c], ["logits"], **attrs))
        return g
    return build


def matmul(a_shape, b_shape, param_left=False):
    """MatMul(x + p_in, w) or MatMul(w, x + p_in)."""
    def build(name, rng):
        g = Graph(name, rng, (N,) + a_shape)
        u = g.inject()
        w = g.randn("w", *b_shape)
        y = g.node("MatMul", [w, u] if param_left else [u, w])
        return g, y
    return build


def with_head(build_body):
    """Wraps a builder that returns (graph, tensor) with Flatten + MatMul."""
    def build(name, rng):
        g, t = build_body(name, rng)
        x_info = helper.make_tensor_value_info("x", TensorProto.FLOAT, g.x.shape)
        shape = gr.npref.run(partial_model(g.nodes, [x_info], g.inits, t),
                             {"x": g.x})[0].shape
        g.head(t, int(np.prod(shape[1:])))
        return g
    return build


def conv(x_shape, w_shape, bias=True, **attrs):
    def build(name, rng):
        g = Graph(name, rng, (N,) + x_shape)
        u = g.inject()
        ins = [u, g.randn("w", *w_shape, scale=0.5)]
        if bias:
            ins.append(g.randn("bias", w_shape[0]))
        return g, g.node("Conv", ins, **attrs)
    return build


def unary(op, away_from_zero=0.0, shape=(8,), **attrs):
    def build(name, rng):
        g = Graph(name, rng, (N,) + shape)
        return g, g.node(op, [g.inject(away_from_zero)], **attrs)
    return build


def pool(op, x_shape, **attrs):
    def build(name, rng):
        g = Graph(name, rng, (N,) + x_shape)
        return g, g.node(op, [g.inject()], **attrs)
    return build


def binary(op, lhs_param_shape=None, rhs_param_shape=None, shape=(3, 4)):
    """op(x + p_in, q) or op(q, x + p_in) with a broadcast initializer q;
    divisors are kept in +-[0.5, 1.5]."""
    def build(name, rng):
        g = Graph(name, rng, (N,) + shape)
        divisor_is_u = op == "Div" and lhs_param_shape is not None
        u = g.inject(away_from_zero=0.5 if divisor_is_u else 0.0)
        q_shape = lhs_param_shape or rhs_param_shape
        if op == "Div" and rhs_param_shape is not None:
            q = rng.uniform(0.5, 1.5, q_shape) * rng.choice([-1, 1], q_shape)
            q = g.param("q", q)
        else:
            q = g.randn("q", *q_shape)
        return g, g.node(op, [q, u] if lhs_param_shape else [u, q])
    return build


def batch_norm(name, rng):
    g = Graph(name, rng, (N, 3, 4, 4))
    u = g.inject()
    scale = g.param("scale", rng.uniform(0.5, 1.5, 3))
    bias = g.randn("bias", 3)
    mean = g.randn("mean", 3, scale=0.3)
    var = g.param("var", rng.uniform(0.5, 2.0, 3))
    # Eval-mode BN: the running statistics are held fixed (not trained);
    # `framnn grad` reports zeros for them.
    g.no_grad += [mean, var]
    return g, g.node("BatchNormalization", [u, scale, bias, mean, var], epsilon=1e-3)


def batch_norm_train(name, rng):
    """Training-form BatchNormalization (opset 13: the four statistics
    outputs listed, as torch.onnx.export(training=TRAINING) writes it):
    batch statistics, so the gradient goes through the batch mean and
    variance. The running statistics get no gradient."""
    g = Graph(name, rng, (N, 3, 4, 4))
    u = g.inject()
    scale = g.param("scale", rng.uniform(0.5, 1.5, 3))
    bias = g.randn("bias", 3)
    mean = g.randn("mean", 3, scale=0.3)
    var = g.param("var", rng.uniform(0.5, 2.0, 3))
    g.no_grad += [mean, var]
    g.count += 1
    out = f"t{g.count}"
    g.nodes.append(helper.make_node(
        "BatchNormalization", [u, scale, bias, mean, var],
        [out, out + "_rm", out + "_rv", out + "_sm", out + "_sv"],
        epsilon=1e-3, momentum=0.9))
    return g, out


def flatten_axis2(name, rng):
    g = Graph(name, rng, (N, 2, 3, 4))
    f = g.node("Flatten", [g.inject()], axis=2)          # [2N, 12]
    r = g.node("Reshape", [f, g.const([-1, 24])])        # [N, 24]
    g.matmul_out(r, 24)
    return g


def reshape(name, rng):
    g = Graph(name, rng, (N, 12))
    return g, g.node("Reshape", [g.inject(), g.const([0, 3, 4])])


def transpose(perm, x_shape):
    def build(name, rng):
        g = Graph(name, rng, x_shape)
        return g, g.node("Transpose", [g.inject()], perm=perm)
    return build


def pad(name, rng):
    g = Graph(name, rng, (N, 2, 3, 4))
    pads = g.const([0, 0, 1, 2, 0, 0, 2, 1])
    value = g.const(0.5, np.float32)
    return g, g.node("Pad", [g.inject(), pads, value], mode="constant")


def concat(name, rng):
    g = Graph(name, rng, (N, 2, 3))
    u = g.inject()
    v = g.node("Mul", ["x", g.randn("p_mul", 1, 2, 3)])
    return g, g.node("Concat", [u, g.randn("q", N, 1, 3), v], axis=1)


def fanout(name, rng):
    """One value used twice (relu and a product with itself): the gradient
    contributions must accumulate."""
    g = Graph(name, rng, (N, 6))
    u = g.inject(away_from_zero=0.1)
    r = g.node("Relu", [u])
    sq = g.node("Mul", [u, u])
    return g, g.node("Add", [r, sq])


def softmax_tail(op):
    """A trailing Softmax/LogSoftmax: the loss folds it (the logits are its
    input), so the reference drops it too."""
    def build(name, rng):
        g = Graph(name, rng, (N, 6))
        w = g.randn("w_out", 6, CLASSES)
        z = g.node("MatMul", [g.inject(), w])
        g.nodes.append(helper.make_node(op, [z], ["logits"], axis=1))
        return g
    return build


CASES = {
    "gemm": gemm(),
    "gemm_alpha_beta_transB": gemm(alpha=0.7, beta=1.3, trans_b=1, c_shape=(1, CLASSES)),
    "gemm_transA_transB_fullC": gemm(alpha=0.5, beta=2.0, trans_a=1, trans_b=1,
                                     c_shape=(N, CLASSES)),
    "matmul_2d": with_head(matmul((6,), (6, 4))),
    "matmul_batch_broadcast": with_head(matmul((1, 3, 4), (2, 4, 5))),
    "matmul_param_left": with_head(matmul((4, 5), (3, 4), param_left=True)),
    "matmul_1d_rhs": with_head(matmul((4, 6), (6,))),
    "conv_strides_asym_pads": with_head(conv((2, 7, 6), (4, 2, 3, 3), strides=[2, 2],
                                             pads=[1, 0, 0, 1])),
    "conv_dilated_grouped": with_head(conv((4, 7, 7), (6, 2, 3, 3), group=2,
                                           dilations=[2, 1], pads=[2, 1, 2, 1])),
    "conv_uncovered_rows_nobias": with_head(conv((2, 6, 6), (3, 2, 3, 3), bias=False,
                                                 strides=[2, 2])),
    "conv_stride_dilation_mixed": with_head(conv((2, 8, 7), (3, 2, 2, 3), strides=[2, 1],
                                                 dilations=[1, 2], pads=[0, 2, 1, 0])),
    "conv_depthwise": with_head(conv((3, 5, 5), (3, 1, 3, 3), group=3, pads=[1, 1, 1, 1])),
    "relu": with_head(unary("Relu", away_from_zero=0.1)),
    "leaky_relu": with_head(unary("LeakyRelu", away_from_zero=0.1, alpha=0.2)),
    "sigmoid": with_head(unary("Sigmoid")),
    "tanh": with_head(unary("Tanh")),
    "softmax_inner_axis1": with_head(unary("Softmax", shape=(3, 4), axis=1)),
    "log_softmax_inner": with_head(unary("LogSoftmax", shape=(6,), axis=-1)),
    "softmax_trailing": softmax_tail("Softmax"),
    "log_softmax_trailing": softmax_tail("LogSoftmax"),
    "max_pool_overlap_pads": with_head(pool("MaxPool", (2, 7, 7), kernel_shape=[3, 3],
                                            strides=[2, 2], pads=[1, 1, 1, 1])),
    "max_pool_ceil_mode": with_head(pool("MaxPool", (2, 6, 7), kernel_shape=[3, 3],
                                         strides=[2, 2], ceil_mode=1)),
    "max_pool_dilated": with_head(pool("MaxPool", (2, 6, 6), kernel_shape=[2, 2],
                                       dilations=[2, 2])),
    "average_pool_include_pad": with_head(pool(
        "AveragePool", (2, 6, 6), kernel_shape=[3, 3], strides=[2, 2],
        pads=[1, 1, 1, 1], count_include_pad=1)),
    "average_pool_exclude_pad": with_head(pool(
        "AveragePool", (2, 6, 6), kernel_shape=[3, 3], strides=[2, 2],
        pads=[1, 1, 1, 1], count_include_pad=0)),
    "global_average_pool": with_head(pool("GlobalAveragePool", (3, 4, 5))),
    "batch_norm_eval": with_head(batch_norm),
    "flatten_axis2_reshape": flatten_axis2,
    "reshape": with_head(reshape),
    "transpose": with_head(transpose([0, 3, 1, 2], (N, 2, 3, 4))),
    "transpose_batch_moves": with_head(transpose([1, 2, 0], (3, N, 4))),
    "pad_constant": with_head(pad),
    "concat": with_head(concat),
    "identity": with_head(unary("Identity")),
    "fanout_accumulates": with_head(fanout),
}
for _op in ("Add", "Sub", "Mul", "Div"):
    CASES[f"{_op.lower()}_bcast_rhs"] = with_head(binary(_op, rhs_param_shape=(3, 1)))
    CASES[f"{_op.lower()}_bcast_lhs"] = with_head(binary(_op, lhs_param_shape=(4,)))
# Last: a case's inputs come from its position (seed 1000 + i).
CASES["matmul_1d_lhs"] = with_head(matmul((6, 4), (6,), param_left=True))
CASES["batch_norm_train"] = with_head(batch_norm_train)


# ---- issue 14: math, clip, reductions, layer norm, slice (appended, so the
# seeds of the cases above stay as they were) ---------------------------------

def fconst(g, value):
    return g.const(value, np.float32)


def _bound_between(u, target):
    """A bound near `target` at least 0.05 away from every value of u (the
    clip kink must not lie inside a difference step)."""
    vals = np.sort(u.reshape(-1))
    cands = np.concatenate([[vals[0] - 1], (vals[1:] + vals[:-1]) / 2, [vals[-1] + 1]])
    gaps = np.concatenate([[2], np.diff(vals), [2]])
    ok = [(abs(c - target), c) for c, lo, hi in zip(cands, gaps[:-1], gaps[1:])
          if min(abs(vals - c)) > 0.05]
    return float(min(ok)[1])


def clip(lo=None, hi=None):
    def build(name, rng):
        g = Graph(name, rng, (N, 8))
        u = g.inject()
        val = gr.npref.run(partial_model(g.nodes, [helper.make_tensor_value_info(
            "x", TensorProto.FLOAT, g.x.shape)], g.inits, u), {"x": g.x})[0]
        ins = [u, "", ""]
        if lo is not None:
            ins[1] = fconst(g, _bound_between(val, lo))
        if hi is not None:
            ins[2] = fconst(g, _bound_between(val, hi))
        while ins[-1] == "":
            ins.pop()
        return g, g.node("Clip", ins)
    return build


def chain(*ops, away_from_zero=0.0, shape=(8,)):
    """ops applied in turn to u = x + p_in; an op is a name or (name, attrs)
    or (name, attrs, extra-input builder)."""
    def build(name, rng):
        g = Graph(name, rng, (N,) + shape)
        t = g.inject(away_from_zero)
        for op in ops:
            op_name, attrs, extra = (op, {}, None) if isinstance(op, str) else (op + (None,))[:3]
            ins = [t] + (extra(g) if extra else [])
            t = g.node(op_name, ins, **attrs)
        return g, t
    return build


def pow_tensor_exponent(name, rng):
    """Pow(exp(u), q): a positive base from x, an exponent parameter
    broadcast along the last axis; gradients for both."""
    g = Graph(name, rng, (N, 3, 4))
    base = g.node("Exp", [g.inject()])
    q = g.param("q", rng.uniform(0.5, 2.5, (4,)))
    return g, g.node("Pow", [base, q])


def pow_param_base(name, rng):
    """Pow(b, u): a positive base parameter broadcast from (3, 1), the
    exponent from x."""
    g = Graph(name, rng, (N, 3, 4))
    b = g.param("b", rng.uniform(0.5, 2.0, (3, 1)))
    return g, g.node("Pow", [b, g.inject()])


def reduce(op, axes=None, keepdims=1, shape=(3, 4)):
    def build(name, rng):
        g = Graph(name, rng, (N,) + shape)
        u = g.inject()
        if op == "ReduceSum":
            ins = [u] + ([g.const(axes)] if axes is not None else [])
            return g, g.node(op, ins, keepdims=keepdims)
        attrs = {"keepdims": keepdims}
        if axes is not None:
            attrs["axes"] = axes
        return g, g.node(op, [u], **attrs)
    return build


def slice_case(starts, ends, axes, steps, shape=(4, 5)):
    def build(name, rng):
        g = Graph(name, rng, (N,) + shape)
        ins = [g.inject(), g.const(starts), g.const(ends), g.const(axes), g.const(steps)]
        return g, g.node("Slice", ins)
    return build


def layer_norm(axis=-1, bias=True, shape=(3, 4)):
    def build(name, rng):
        g = Graph(name, rng, (N,) + shape)
        g.opset = 17
        norm_shape = ((N,) + shape)[axis:] if axis < 0 else ((N,) + shape)[axis:]
        ins = [g.inject(), g.param("scale", rng.uniform(0.5, 1.5, norm_shape))]
        if bias:
            ins.append(g.randn("bias", *norm_shape))
        return g, g.node("LayerNormalization", ins, axis=axis, epsilon=1e-3)
    return build


def layer_norm_decomposed(name, rng):
    """The form older exporters (torch with opset < 17) emit for LayerNorm
    over the last axis: ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div,
    Mul, Add."""
    g = Graph(name, rng, (N, 3, 6))
    u = g.inject()
    mean = g.node("ReduceMean", [u], axes=[-1])
    d = g.node("Sub", [u, mean])
    sq = g.node("Pow", [d, fconst(g, 2.0)])
    var = g.node("ReduceMean", [sq], axes=[-1])
    ve = g.node("Add", [var, fconst(g, 1e-5)])
    sd = g.node("Sqrt", [ve])
    n = g.node("Div", [d, sd])
    s = g.node("Mul", [n, g.param("scale", rng.uniform(0.5, 1.5, (6,)))])
    return g, g.node("Add", [s, g.randn("bias", 6)])


def gelu_decomposed(tanh):
    """The nodes torch 1.13 exports for nn.GELU() (Div, Erf, Add, Mul, Mul)
    and, for nn.GELU(approximate='tanh'), the form with Pow(x, 3) other
    exporters write (torch 1.13 itself writes x^3 as Mul, Mul);
    test/Grad/torch-exports.test exports both from torch itself."""
    def build(name, rng):
        g = Graph(name, rng, (N, 8))
        u = g.inject()
        if tanh:
            cube = g.node("Pow", [u, fconst(g, 3.0)])
            inner = g.node("Add", [u, g.node("Mul", [cube, fconst(g, 0.044715)])])
            t = g.node("Tanh", [g.node("Mul", [inner, fconst(g, 0.7978845608)])])
            one_plus = g.node("Add", [t, fconst(g, 1.0)])
        else:
            e = g.node("Erf", [g.node("Div", [u, fconst(g, 1.4142135)])])
            one_plus = g.node("Add", [e, fconst(g, 1.0)])
        return g, g.node("Mul", [g.node("Mul", [u, one_plus]), fconst(g, 0.5)])
    return build


CASES.update({
    "clip_both": with_head(clip(-0.5, 0.7)),
    "clip_max_only": with_head(clip(hi=0.3)),
    "clip_min_only": with_head(clip(lo=-0.2)),
    "erf": with_head(unary("Erf")),
    "sqrt": with_head(chain("Exp", "Sqrt")),
    "neg": with_head(unary("Neg")),
    "reciprocal": with_head(unary("Reciprocal", away_from_zero=0.5)),
    "log": with_head(chain("Exp", ("Add", {}, lambda g: [fconst(g, 0.5)]), "Log")),
    "pow_const_2": with_head(chain(("Pow", {}, lambda g: [fconst(g, 2.0)]))),
    "pow_const_3": with_head(chain(("Pow", {}, lambda g: [fconst(g, 3.0)]))),
    "pow_tensor_exponent": with_head(pow_tensor_exponent),
    "pow_param_base": with_head(pow_param_base),
    "reduce_mean_last_keep": with_head(reduce("ReduceMean", [-1])),
    "reduce_mean_axis1_nokeep": with_head(reduce("ReduceMean", [1], keepdims=0, shape=(3, 4, 2))),
    "reduce_max_axis1_keep": with_head(reduce("ReduceMax", [1])),
    "reduce_max_two_axes_nokeep": with_head(reduce("ReduceMax", [1, 3], keepdims=0, shape=(3, 2, 4))),
    "reduce_sum_keep": with_head(reduce("ReduceSum", [2])),
    "reduce_sum_nokeep": with_head(reduce("ReduceSum", [1], keepdims=0, shape=(3, 4, 2))),
    "slice_step1": with_head(slice_case([1, 0], [3, 4], [1, 2], [1, 1])),
    "slice_neg_step": with_head(slice_case([-1], [-9223372036854775807], [2], [-2])),
    "slice_step2_two_axes": with_head(slice_case([0, 1], [4, 5], [1, -1], [2, 2])),
    "layer_norm_last": with_head(layer_norm()),
    "layer_norm_axis1_nobias": with_head(layer_norm(axis=1, bias=False)),
    "layer_norm_decomposed": with_head(layer_norm_decomposed),
    "gelu_erf_decomposed": with_head(gelu_decomposed(False)),
    "gelu_tanh_decomposed": with_head(gelu_decomposed(True)),
})


def partial_model(nodes, inputs, inits, t):
    """A graph of `nodes` whose output is the intermediate value `t`."""
    graph = helper.make_graph(nodes, "partial", inputs,
                              [helper.make_tensor_value_info(t, TensorProto.FLOAT, None)],
                              inits)
    return helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])


def _window_gap(x, a):
    """min over windows of (max - second max) of the real (unpadded) values."""
    kh, kw = a["kernel_shape"]
    sh, sw = a.get("strides", [1, 1])
    dh, dw = a.get("dilations", [1, 1])
    p = list(a.get("pads", [0, 0, 0, 0]))
    xp = np.pad(x, ((0, 0), (0, 0), (p[0], p[2] + kh * dh), (p[1], p[3] + kw * dw)),
                constant_values=np.nan)
    oh = gr.npref._pool(x, "max", **a).shape[2]
    ow = gr.npref._pool(x, "max", **a).shape[3]
    gap = np.inf
    for r in range(oh):
        for c in range(ow):
            win = xp[:, :, r * sh:r * sh + dh * kh:dh, c * sw:c * sw + dw * kw:dw]
            win = np.sort(win.reshape(win.shape[0], win.shape[1], -1), axis=2)
            for row in win.reshape(-1, win.shape[2]):
                vals = row[~np.isnan(row)]
                if len(vals) > 1:
                    gap = min(gap, vals[-1] - vals[-2])
    return gap


def reference(model, x, labels, no_grad, rng):
    """(loss, {name: (flat indices, gradient at STEPS[0], at STEPS[1])})."""
    loss = gr.LossFunction(model, {"x": x}, labels)
    params = gr.trainable(model)
    out = {}
    for name, value in params.items():
        if name in no_grad:
            continue
        idx = gr.sample_indices(value.size, SAMPLE, rng)
        out[name] = (idx,) + tuple(gr.central_difference(loss, params, name, idx, s)
                                   for s in STEPS)
    return loss(), out


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framnn", default="framnn")
    ap.add_argument("--tmp", required=True)
    ap.add_argument("-j", "--jobs", type=int, default=2)
    ap.add_argument("--only", default="", help="comma-separated case names")
    args = ap.parse_args()
    os.makedirs(args.tmp, exist_ok=True)
    names = args.only.split(",") if args.only else list(CASES)

    built = {}
    for i, name in enumerate(names):
        rng = np.random.default_rng(1000 + i)
        g = CASES[name](name, rng)
        model = g.finish()
        path = os.path.join(args.tmp, f"{name}.onnx")
        onnx.save(model, path)
        labels = rng.integers(0, CLASSES, N).astype(np.int64)
        built[name] = (g, model, path, labels)

    def run(name):
        g, _, path, labels = built[name]
        return gradlib.run_grad(path, g.x, labels, os.path.join(args.tmp, f"{name}.npz"),
                                framnn=args.framnn)

    with cf.ThreadPoolExecutor(max_workers=args.jobs) as ex:
        results = dict(zip(names, ex.map(run, names)))

    report = runlib.Report("per-op gradients vs float64 central differences")
    xfails = xpasses = 0
    for name in names:
        g, model, _, labels = built[name]
        rng = np.random.default_rng(7)
        lines, ok = [], True

        def check(cond, what):
            nonlocal ok
            ok &= bool(cond)
            lines.append(("ok " if cond else "bad ") + what)

        gap = _pool_gap(model, g.x)
        check(gap > 1e-3, f"max-pool windows have a clear maximum (gap {gap:.3g})")
        want_loss, ref = reference(model, g.x, labels, g.no_grad, rng)
        for pname, (_, fd1, fd2) in ref.items():
            agree = gradlib.rel_max_error(fd1, fd2)
            check(agree <= FD_AGREE, f"{pname}: differences at two steps agree "
                  f"({agree:.2g}; no kink inside the step)")
        grads, err = results[name]
        if err:
            check(False, err)
        else:
            expected = [n for n in gr.trainable(model) if n not in g.no_grad]
            keys_ok = set(expected) | {"loss"} <= set(grads)
            check(keys_ok, f"G.npz has loss and {sorted(expected)} "
                  f"(got {sorted(grads)})")
            if keys_ok:
                got_loss = float(np.asarray(grads["loss"]).reshape(()))
                lerr = abs(got_loss - want_loss) / max(1.0, abs(want_loss))
                check(lerr <= LOSS_TOL, f"loss {got_loss:.7g} vs {want_loss:.7g} "
                      f"(rel {lerr:.2g})")
                for pname in g.no_grad:
                    # Documented (nn-build-training-graph): a global no
                    # gradient reaches, like BN's running statistics, gets 0.
                    zero = pname in grads and not np.any(grads[pname])
                    check(zero, f"{pname}: held fixed, gradient all zeros")
                for pname, (idx, fd, _) in ref.items():
                    got = np.asarray(grads[pname])
                    shape_ok = got.shape == tuple(model_shape(model, pname))
                    check(shape_ok, f"{pname}: shape {got.shape}")
                    if not shape_ok:
                        continue
                    e = gradlib.rel_max_error(got.reshape(-1)[idx], fd)
                    s = gradlib.rel_max_error(got.reshape(-1)[idx], fd * SENTINEL)
                    check(e <= TOL, f"{pname}: rel max-norm error {e:.2g} "
                          f"(tol {TOL:g}, {len(idx)} elements)")
                    check(s > TOL, f"{pname}: sentinel (reference x{SENTINEL}) "
                          f"rejected (error {s:.2g})")
        for line in lines:
            print(f"  {name}: {line}")
        if name in KNOWN_BUGS:
            if ok:
                xpasses += 1
                report.check(False, f"XPASS {name} (remove it from KNOWN_BUGS: "
                             f"{KNOWN_BUGS[name]})")
            else:
                xfails += 1
                print(f"XFAIL {name}: {KNOWN_BUGS[name]}")
            continue
        report.check(ok, name)
    print(f"expected failures: {xfails}")
    return report.finish()


def model_shape(model, name):
    for init in model.graph.initializer:
        if init.name == name:
            return list(init.dims)
    raise KeyError(name)


def _pool_gap(model, x):
    gap = np.inf
    for node in model.graph.node:
        if node.op_type == "MaxPool":
            part = partial_model(model.graph.node, model.graph.input,
                                 model.graph.initializer, node.input[0])
            inp = gr.npref.run(part, {"x": x})[0]
            a = {at.name: helper.get_attribute_value(at) for at in node.attribute}
            gap = min(gap, _window_gap(inp, a))
    return gap


if __name__ == "__main__":
    sys.exit(main())
