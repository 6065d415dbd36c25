"""A small NumPy interpreter for the ONNX ops the model zoo exports.

It is an independent reference: it reads the ONNX graph (attributes,
initializers) and evaluates it with NumPy in float64, so comparing its
output with PyTorch's checks that a file (for instance one that went through
FramNN's import and export) still computes what the torch module computes.
onnx 1.12 (Debian bookworm) has no onnx.reference evaluator; this covers only
the ops listed in OPS.
"""

import math

import numpy as np
from onnx import numpy_helper, helper


def _attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _pads2d(a, x):
    if a.get("auto_pad", b"NOTSET") not in (b"NOTSET", "NOTSET"):
        raise NotImplementedError("auto_pad")
    return list(a.get("pads", [0, 0, 0, 0]))


def _windows(x, kh, kw, sh, sw, dh, dw):
    """x: N,C,H,W (already padded) -> N,C,OH,OW,KH,KW view."""
    n, c, h, w = x.shape
    oh = (h - dh * (kh - 1) - 1) // sh + 1
    ow = (w - dw * (kw - 1) - 1) // sw + 1
    s = x.strides
    return np.lib.stride_tricks.as_strided(
        x, (n, c, oh, ow, kh, kw),
        (s[0], s[1], s[2] * sh, s[3] * sw, s[2] * dh, s[3] * dw),
        writeable=False)


def _conv(x, w, b=None, **a):
    strides = a.get("strides", [1, 1])
    dil = a.get("dilations", [1, 1])
    group = a.get("group", 1)
    p = _pads2d(a, x)
    x = np.pad(x, ((0, 0), (0, 0), (p[0], p[2]), (p[1], p[3])))
    f, cg, kh, kw = w.shape
    win = _windows(x, kh, kw, strides[0], strides[1], dil[0], dil[1])
    fg = f // group
    outs = []
    for g in range(group):
        xs = win[:, g * cg:(g + 1) * cg]
        ws = w[g * fg:(g + 1) * fg]
        outs.append(np.einsum("nchwij,fcij->nfhw", xs, ws))
    y = np.concatenate(outs, axis=1)
    if b is not None:
        y = y + b.reshape(1, -1, 1, 1)
    return y


def _pool(x, kind, **a):
    kh, kw = a["kernel_shape"]
    sh, sw = a.get("strides", [1, 1])
    dh, dw = a.get("dilations", [1, 1])
    p = _pads2d(a, x)
    # ceil_mode: extra rows/cols past the end padding so that the last,
    # partial window exists; like PyTorch, a window must start inside the
    # input or the begin padding. The extra cells never count as elements.
    extra = [0, 0]
    if a.get("ceil_mode", 0):
        for i, (k, s, d) in enumerate(((kh, sh, dh), (kw, sw, dw))):
            span = x.shape[2 + i] + p[i] + p[i + 2]
            out = -(-(span - d * (k - 1) - 1) // s) + 1
            if (out - 1) * s >= x.shape[2 + i] + p[i]:
                out -= 1
            extra[i] = max(0, (out - 1) * s + d * (k - 1) + 1 - span)
    widths = ((0, 0), (0, 0), (p[0], p[2] + extra[0]), (p[1], p[3] + extra[1]))
    padval = -np.inf if kind == "max" else 0.0
    xp = np.pad(x, widths, constant_values=padval)
    win = _windows(xp, kh, kw, sh, sw, dh, dw)
    if kind == "max":
        return win.max(axis=(4, 5))
    s = win.sum(axis=(4, 5))
    counted = np.pad(np.ones_like(x), ((0, 0), (0, 0), (p[0], p[2]), (p[1], p[3])),
                     constant_values=1.0 if a.get("count_include_pad", 0) else 0.0)
    counted = np.pad(counted, ((0, 0), (0, 0), (0, extra[0]), (0, extra[1])))
    cnt = _windows(counted, kh, kw, sh, sw, dh, dw).sum(axis=(4, 5))
    return s / cnt


def _gemm(a_, b_, c=None, **a):
    if a.get("transA", 0):
        a_ = a_.T
    if a.get("transB", 0):
        b_ = b_.T
    y = a.get("alpha", 1.0) * (a_ @ b_)
    if c is not None:
        y = y + a.get("beta", 1.0) * c
    return y


def _softmax(x, axis=-1, log=False):
    m = x - x.max(axis=axis, keepdims=True)
    e = np.exp(m)
    s = e.sum(axis=axis, keepdims=True)
    return m - np.log(s) if log else e / s


def _pad(x, pads, value=None, **a):
    mode = a.get("mode", b"constant")
    mode = mode.decode() if isinstance(mode, bytes) else mode
    r = x.ndim
    pads = [int(p) for p in pads]
    width = [(pads[i], pads[i + r]) for i in range(r)]
    if any(p < 0 for p in pads):
        raise NotImplementedError("negative pads")
    if mode == "constant":
        v = 0.0 if value is None else float(np.asarray(value).reshape(()))
        return np.pad(x, width, mode="constant", constant_values=v)
    return np.pad(x, width, mode={"reflect": "reflect", "edge": "edge"}[mode])


_erf = np.vectorize(math.erf, otypes=[np.float64])


def _clip(x, lo=None, hi=None, **a):
    if lo is None and "min" in a:
        lo = a["min"]
    if hi is None and "max" in a:
        hi = a["max"]
    y = x
    if lo is not None:
        y = np.maximum(y, lo)
    if hi is not None:
        y = np.minimum(y, hi)
    return y


def _reduce(fn):
    """ReduceSum/Mean/Max: axes as an attribute or (ReduceSum-13) input."""
    def f(x, axes=None, **a):
        if axes is None:
            axes = a.get("axes")
        if axes is None or len(axes) == 0:
            if a.get("noop_with_empty_axes", 0) and axes is not None:
                return x
            axes = tuple(range(x.ndim))
        return fn(x, axis=tuple(int(v) for v in axes),
                  keepdims=bool(a.get("keepdims", 1)))
    return f


def _slice(x, starts, ends, axes=None, steps=None, **a):
    axes = range(len(starts)) if axes is None else axes
    steps = [1] * len(starts) if steps is None else steps
    index = [slice(None)] * x.ndim
    for s, e, ax, st in zip(starts, ends, axes, steps):
        # Python slicing clamps the way ONNX does (INT64 ends included).
        index[int(ax)] = slice(int(s), int(e), int(st))
    return x[tuple(index)]


def _layer_norm(x, scale, bias=None, **a):
    axis = a.get("axis", -1)
    axis = axis + x.ndim if axis < 0 else axis
    axes = tuple(range(axis, x.ndim))
    mean = x.mean(axis=axes, keepdims=True)
    d = x - mean
    var = (d * d).mean(axis=axes, keepdims=True)
    y = d / np.sqrt(var + a.get("epsilon", 1e-5)) * scale
    return y if bias is None else y + bias


OPS = {
    "Pad": _pad,
    "Clip": _clip,
    "Erf": lambda x, **a: _erf(x),
    "Pow": lambda x, y, **a: np.power(x, y),
    "Sqrt": lambda x, **a: np.sqrt(x),
    "Neg": lambda x, **a: -x,
    "Reciprocal": lambda x, **a: 1 / x,
    "Log": lambda x, **a: np.log(x),
    "Exp": lambda x, **a: np.exp(x),
    "ReduceSum": _reduce(np.sum),
    "ReduceMean": _reduce(np.mean),
    "ReduceMax": _reduce(np.max),
    "Slice": _slice,
    "LayerNormalization": _layer_norm,
    "Gemm": _gemm,
    "MatMul": lambda a_, b_, **a: np.matmul(a_, b_),
    "Add": lambda x, y, **a: x + y,
    "Sub": lambda x, y, **a: x - y,
    "Mul": lambda x, y, **a: x * y,
    "Div": lambda x, y, **a: x / y,
    "Relu": lambda x, **a: np.maximum(x, 0),
    "LeakyRelu": lambda x, **a: np.where(x >= 0, x, a.get("alpha", 0.01) * x),
    "Sigmoid": lambda x, **a: 1 / (1 + np.exp(-x)),
    "Tanh": lambda x, **a: np.tanh(x),
    "Identity": lambda x, **a: x,
    "Dropout": lambda x, *rest, **a: x,
    "Conv": _conv,
    "MaxPool": lambda x, **a: _pool(x, "max", **a),
    "AveragePool": lambda x, **a: _pool(x, "avg", **a),
    "GlobalAveragePool": lambda x, **a: x.mean(axis=(2, 3), keepdims=True),
    "Flatten": lambda x, **a: x.reshape(
        int(np.prod(x.shape[:a.get("axis", 1)])), -1),
    "Reshape": lambda x, s, **a: x.reshape(
        [x.shape[i] if (d == 0 and not a.get("allowzero", 0)) else int(d)
         for i, d in enumerate(s)]),
    "Transpose": lambda x, **a: np.transpose(x, a.get("perm")),
    "BatchNormalization": lambda x, sc, b, m, v, **a: _batch_norm(x, sc, b, m, v, **a),
    "Softmax": lambda x, **a: _softmax(x, a.get("axis", -1)),
    "LogSoftmax": lambda x, **a: _softmax(x, a.get("axis", -1), log=True),
    "Concat": lambda *xs, **a: np.concatenate(xs, axis=a["axis"]),
}


def _bn_training(node, a):
    """ONNX training form: training_mode=1 (opset 14+) or, before, any of
    the statistics outputs listed."""
    return a.get("training_mode", 0) == 1 or any(o for o in node.output[1:])


def _batch_norm(x, sc, b, m, v, epsilon=1e-5, _training=False, **_):
    """BatchNormalization over dimension 1; with `_training` the batch mean
    and biased variance over every other dimension replace m and v (the
    statistics outputs are not produced: FramNN's models never read them)."""
    shape = [1, -1] + [1] * (x.ndim - 2)
    if _training:
        axes = tuple(i for i in range(x.ndim) if i != 1)
        m, v = x.mean(axis=axes), x.var(axis=axes)
    return ((x - m.reshape(shape)) / np.sqrt(v.reshape(shape) + epsilon)
            * sc.reshape(shape) + b.reshape(shape))


def run(model, inputs):
    """Evaluates `model` (an onnx.ModelProto) on `inputs` (dict name ->
    array) in float64; returns the graph outputs as a list."""
    env = {}
    for init in model.graph.initializer:
        arr = numpy_helper.to_array(init)
        env[init.name] = arr.astype(np.float64) if arr.dtype.kind == "f" else arr
    for k, v in inputs.items():
        env[k] = np.asarray(v, dtype=np.float64)
    for node in model.graph.node:
        a = _attrs(node)
        if node.op_type == "Constant":
            arr = numpy_helper.to_array(a["value"])
            env[node.output[0]] = arr.astype(np.float64) if arr.dtype.kind == "f" else arr
            continue
        if node.op_type not in OPS:
            raise NotImplementedError(f"npref: op {node.op_type} is not implemented")
        args = [env[i] if i else None for i in node.input]
        while args and args[-1] is None:
            args.pop()
        if node.op_type == "BatchNormalization" and _bn_training(node, a):
            a = dict(a, _training=True)
        y = OPS[node.op_type](*args, **a)
        env[node.output[0]] = y
    return [env[o.name] for o in model.graph.output]
