"""An ONNX graph executed with PyTorch ops: the reference for FramNN's
outputs and gradients on real networks.

Each node runs as the corresponding torch function, in float64 (or float32,
to measure how much a different summation order and rounding move the
result). The multiply-accumulate nodes -- Gemm, MatMul, Conv -- multiply
through `Products`:

* ``exact``: plain torch.
* ``framnn``: both operands truncated to m fraction bits (trunc_m, the bit
  mask of DESIGN.md section 1, as NumPy computes it), the result rounded to
  binary32 (FramNN's activations); the backward is exact on the untruncated
  operands (straight-through), as FramNN's framnn mode computes it.
* ``approx``: the same forward; the backward products multiply trunc_m of
  their operands too.

Gradients come from torch autograd through the graph, keyed by initializer
name -- the keys `framnn grad` uses. `run` also returns the updated running
statistics of training-mode BatchNormalization nodes.

Nothing here calls FramNN: it is an independent implementation of the ONNX
operator semantics on top of PyTorch's kernels.
"""

import math

import numpy as np
import torch
import torch.nn.functional as F
from onnx import numpy_helper, TensorProto, helper

FLOAT_TYPES = (torch.float32, torch.float64)


def trunc_np(x, m):
    """trunc_m of a float32 array; NaNs keep their bits."""
    x = np.ascontiguousarray(x, dtype=np.float32)
    mask = np.uint32((0xFFFFFFFF << (23 - m)) & 0xFFFFFFFF)
    masked = (x.view(np.uint32) & mask).view(np.float32)
    return np.where(np.isnan(x), x, masked)


def trunc(t, m):
    """trunc_m of a tensor's binary32 value, in the tensor's dtype."""
    if m >= 23:
        return t.detach().to(torch.float32).to(t.dtype)
    x = t.detach().to(torch.float32).cpu().numpy()
    return torch.from_numpy(trunc_np(x, m)).to(t.dtype)


def to32(t):
    """Rounds to binary32 and back: FramNN's activations are float32."""
    return t.to(torch.float32).to(t.dtype)


class Products:
    """How the MAC nodes multiply: mode exact|framnn|approx at width m."""

    def __init__(self, mode="exact", m=23):
        if mode not in ("exact", "framnn", "approx"):
            raise ValueError(f"unknown mode {mode}")
        self.mode, self.m = mode, m

    def __call__(self, fn, a, b):
        if self.mode == "exact":
            return fn(a, b)
        return _Masked.apply(a, b, fn, self)


class _Masked(torch.autograd.Function):
    """fn(trunc(a), trunc(b)) rounded to binary32; backward by autograd of
    fn on the untruncated operands (framnn) or on trunc_m of the operands
    and of the incoming gradient (approx)."""

    @staticmethod
    def forward(ctx, a, b, fn, products):
        ctx.save_for_backward(a, b)
        ctx.fn, ctx.products = fn, products
        m = products.m
        return to32(fn(trunc(a, m), trunc(b, m)))

    @staticmethod
    def backward(ctx, dy):
        a, b = ctx.saved_tensors
        p = ctx.products
        if p.mode == "approx":
            a, b, dy = trunc(a, p.m), trunc(b, p.m), trunc(dy, p.m)
        with torch.enable_grad():
            a_ = a.detach().requires_grad_(True)
            b_ = b.detach().requires_grad_(True)
            y = ctx.fn(a_, b_)
            ga, gb = torch.autograd.grad(y, (a_, b_), dy, allow_unused=True)
        if p.mode == "approx":
            ga = None if ga is None else to32(ga)
            gb = None if gb is None else to32(gb)
        return ga, gb, None, None


# --------------------------------------------------------------------------
# Operators
# --------------------------------------------------------------------------

def _attrs(node):
    return {a.name: helper.get_attribute_value(a) for a in node.attribute}


def _ints(t):
    """An int64 tensor's values, or an attribute's list."""
    if isinstance(t, (list, tuple)):
        return [int(v) for v in t]
    return [int(v) for v in t.reshape(-1).tolist()]


def _conv_pads(pads, rank):
    if not pads:
        return [0] * rank, [0] * rank
    return list(pads[:rank]), list(pads[rank:])


def _pad_for(x, begin, end, value=0.0):
    # F.pad takes pairs from the last dimension backwards.
    spec = []
    for b, e in zip(reversed(begin), reversed(end)):
        spec += [b, e]
    return F.pad(x, spec, value=value) if any(spec) else x


def _conv(ctx, x, w, b=None, group=1, strides=None, pads=None,
          dilations=None, auto_pad="NOTSET", kernel_shape=None):
    if auto_pad not in ("NOTSET", b"NOTSET"):
        raise NotImplementedError("Conv auto_pad")
    rank = x.dim() - 2
    strides = strides or [1] * rank
    dilations = dilations or [1] * rank
    begin, end = _conv_pads(pads, rank)
    x = _pad_for(x, begin, end)
    conv = F.conv2d if rank == 2 else F.conv1d

    def fn(a, k):
        return conv(a, k, None, stride=strides, dilation=dilations,
                    groups=group)

    y = ctx.products(fn, x, w)
    return y if b is None else y + b.reshape([1, -1] + [1] * rank)


def _gemm(ctx, a, b, c=None, alpha=1.0, beta=1.0, transA=0, transB=0):
    a = a.t() if transA else a
    b = b.t() if transB else b
    y = ctx.products(torch.matmul, a, b)
    if alpha != 1.0:
        y = y * alpha
    if c is not None:
        y = y + (c * beta if beta != 1.0 else c)
    return y


def _matmul(ctx, a, b):
    return ctx.products(torch.matmul, a, b)


def _pool(kind):
    def run(ctx, x, kernel_shape, strides=None, pads=None, ceil_mode=0,
            dilations=None, count_include_pad=0, auto_pad="NOTSET",
            storage_order=0):
        rank = x.dim() - 2
        strides = strides or [1] * rank
        begin, end = _conv_pads(pads, rank)
        if kind == "max":
            x = _pad_for(x, begin, end, value=-math.inf)
            return F.max_pool2d(x, kernel_shape, strides, 0,
                                dilations or 1, ceil_mode=bool(ceil_mode))
        if begin != end:
            raise NotImplementedError("asymmetric AveragePool pads")
        return F.avg_pool2d(x, kernel_shape, strides, begin,
                            ceil_mode=bool(ceil_mode),
                            count_include_pad=bool(count_include_pad))
    return run


def _batch_norm(ctx, x, scale, bias, mean, var, epsilon=1e-5, momentum=0.9,
                training_mode=0, spatial=1):
    """Eval: the running statistics. Training (training_mode=1, or the
    pre-14 form whose node lists the statistics outputs): the batch's mean
    and biased variance; the running statistics become
    running * momentum + batch * (1 - momentum), with the unbiased batch
    variance, as PyTorch updates them."""
    shape = [1, -1] + [1] * (x.dim() - 2)
    if not ctx.batch_statistics or not (training_mode or
                                        ctx.node_outputs > 1):
        return (x - mean.reshape(shape)) / torch.sqrt(
            var.reshape(shape) + epsilon) * scale.reshape(shape) + \
            bias.reshape(shape)
    axes = [0] + list(range(2, x.dim()))
    bmean = x.mean(dim=axes)
    bvar = x.var(dim=axes, unbiased=False)
    y = (x - bmean.reshape(shape)) / torch.sqrt(
        bvar.reshape(shape) + epsilon) * scale.reshape(shape) + \
        bias.reshape(shape)
    count = x.numel() // x.shape[1]
    unbiased = bvar.detach() * count / max(count - 1, 1)
    new_mean = mean * momentum + bmean.detach() * (1 - momentum)
    new_var = var * momentum + unbiased * (1 - momentum)
    return (y, new_mean, new_var)


def _layer_norm(ctx, x, scale, bias=None, axis=-1, epsilon=1e-5,
                stash_type=1):
    axis = axis % x.dim()
    shape = list(x.shape[axis:])
    y = F.layer_norm(x, shape, None, None, epsilon) * scale
    return y if bias is None else y + bias


def _reshape(ctx, x, shape, allowzero=0):
    dims = _ints(shape)
    if not allowzero:
        dims = [x.shape[i] if d == 0 else d for i, d in enumerate(dims)]
    return x.reshape(dims)


def _axes_input_or_attr(ctx, axes_input, attrs):
    if axes_input is not None:
        return _ints(axes_input)
    return list(attrs.get("axes", []))


def _unsqueeze(ctx, x, axes=None, **attrs):
    axes = _axes_input_or_attr(ctx, axes, attrs)
    rank = x.dim() + len(axes)
    for a in sorted(a % rank for a in axes):
        x = x.unsqueeze(a)
    return x


def _squeeze(ctx, x, axes=None, **attrs):
    axes = _axes_input_or_attr(ctx, axes, attrs)
    if not axes:
        return x.squeeze()
    for a in sorted((a % x.dim() for a in axes), reverse=True):
        x = x.squeeze(a)
    return x


def _reduce(fn):
    def run(ctx, x, axes=None, keepdims=1, noop_with_empty_axes=0, **attrs):
        axes = _axes_input_or_attr(ctx, axes, attrs)
        if not axes:
            if noop_with_empty_axes:
                return x
            axes = list(range(x.dim()))
        return fn(x, [a % x.dim() for a in axes], bool(keepdims))
    return run


def _reduce_max(x, axes, keep):
    for a in sorted(axes, reverse=True):
        x = x.amax(dim=a, keepdim=keep)
    return x


def _slice(ctx, x, starts, ends, axes=None, steps=None):
    starts, ends = _ints(starts), _ints(ends)
    axes = _ints(axes) if axes is not None else list(range(len(starts)))
    steps = _ints(steps) if steps is not None else [1] * len(starts)
    for s, e, a, st in zip(starts, ends, axes, steps):
        a %= x.dim()
        n = x.shape[a]
        if st < 0:
            raise NotImplementedError("negative Slice steps")
        s = max(0, min(n, s + n if s < 0 else s))
        e = max(0, min(n, e + n if e < 0 else e))
        x = x.narrow(a, s, max(0, e - s))[
            (slice(None),) * a + (slice(None, None, st),)]
    return x


def _split(ctx, x, split=None, axis=0, num_outputs=None, **attrs):
    sizes = _ints(split) if split is not None else attrs.get("split")
    if sizes is None:
        n = ctx.node_outputs
        sizes = [x.shape[axis] // n] * n
    return tuple(torch.split(x, list(sizes), dim=axis))


def _gather(ctx, x, idx, axis=0):
    axis %= x.dim()
    idx = idx.long()
    idx = torch.where(idx < 0, idx + x.shape[axis], idx)
    flat = x.index_select(axis, idx.reshape(-1))
    shape = list(x.shape[:axis]) + list(idx.shape) + list(x.shape[axis + 1:])
    return flat.reshape(shape)


_ONNX_TO_TORCH = {
    TensorProto.FLOAT: torch.float32, TensorProto.DOUBLE: torch.float64,
    TensorProto.INT64: torch.int64, TensorProto.INT32: torch.int32,
    TensorProto.BOOL: torch.bool,
}


def _cast(ctx, x, to):
    dtype = _ONNX_TO_TORCH[to]
    # Float tensors stay in the reference's precision.
    if dtype in FLOAT_TYPES:
        return x.to(ctx.dtype)
    return x.to(dtype)


def _constant(ctx, value=None, value_float=None, value_int=None,
              value_ints=None, value_floats=None):
    if value is not None:
        return ctx.tensor(numpy_helper.to_array(value))
    if value_float is not None:
        return torch.tensor(value_float, dtype=ctx.dtype)
    if value_int is not None:
        return torch.tensor(value_int, dtype=torch.int64)
    if value_ints is not None:
        return torch.tensor(list(value_ints), dtype=torch.int64)
    return torch.tensor(list(value_floats), dtype=ctx.dtype)


def _constant_of_shape(ctx, shape, value=None):
    v = numpy_helper.to_array(value) if value is not None else \
        np.zeros(1, np.float32)
    fill = ctx.tensor(v).reshape(())
    return torch.full(_ints(shape), fill.item(), dtype=fill.dtype)


def _softmax(fn):
    def run(ctx, x, axis=-1):
        if ctx.opset < 13:
            raise NotImplementedError("Softmax before opset 13")
        return fn(x, dim=axis)
    return run


def _clip_bounds(lo, hi, min, max):
    """Opset 11+ passes the bounds as inputs, opset 6 as attributes."""
    return (min if lo is None else lo), (max if hi is None else hi)


def _clip(ctx, x, lo=None, hi=None, min=None, max=None):
    lo, hi = _clip_bounds(lo, hi, min, max)
    y = x
    if lo is not None:
        y = torch.maximum(y, torch.as_tensor(lo, dtype=x.dtype))
    if hi is not None:
        y = torch.minimum(y, torch.as_tensor(hi, dtype=x.dtype))
    return _flipped(ctx, x, y, (x > y) | (x < y))


def _relu(ctx, x):
    return _flipped(ctx, x, F.relu(x), x <= 0)


def _flipped(ctx, x, y, clamped):
    """y = f(x) for a kinked f (Relu, Clip), except where ctx.flips marks
    an element of this node's output: there the other side of the kink
    (the identity where f clamps, the clamped constant where it passes x)
    is taken. A reference whose pre-activation sits within rounding of a
    kink cannot say which side the code under test is on; flipping
    measures what that choice does to the gradients (near_kinks)."""
    flip = ctx.flips.get(ctx.node_output)
    if flip is None:
        return y
    return torch.where(clamped ^ flip, y.detach(), x)


def _pow(ctx, x, y):
    if y.dim() == 0 and float(y) == 2.0:
        return x * x
    return torch.pow(x, y.to(x.dtype) if y.is_floating_point() else y)


def _dropout(ctx, x, ratio=None, training_mode=None, seed=None):
    if training_mode is not None and bool(training_mode) and \
            ratio is not None and float(ratio) > 0:
        raise NotImplementedError("Dropout in training mode")
    return x


OPS = {
    "Add": lambda c, a, b: a + b,
    "Sub": lambda c, a, b: a - b,
    "Mul": lambda c, a, b: a * b,
    "Div": lambda c, a, b: a / b if a.is_floating_point() else
    torch.div(a, b, rounding_mode="trunc"),
    "Pow": _pow,
    "Equal": lambda c, a, b: a == b,
    "Where": lambda c, cond, a, b: torch.where(cond, a, b),
    "Relu": _relu,
    "LeakyRelu": lambda c, x, alpha=0.01: F.leaky_relu(x, alpha),
    "Sigmoid": lambda c, x: torch.sigmoid(x),
    "Tanh": lambda c, x: torch.tanh(x),
    "Erf": lambda c, x: torch.erf(x),
    "Sqrt": lambda c, x: torch.sqrt(x),
    "Exp": lambda c, x: torch.exp(x),
    "Neg": lambda c, x: -x,
    "Reciprocal": lambda c, x: 1.0 / x,
    "Clip": _clip,
    "Identity": lambda c, x: x,
    "Dropout": _dropout,
    "Conv": _conv,
    "Gemm": _gemm,
    "MatMul": _matmul,
    "MaxPool": _pool("max"),
    "AveragePool": _pool("avg"),
    "GlobalAveragePool": lambda c, x: x.mean(
        dim=list(range(2, x.dim())), keepdim=True),
    "BatchNormalization": _batch_norm,
    "LayerNormalization": _layer_norm,
    "Flatten": lambda c, x, axis=1: x.reshape(
        (int(np.prod(x.shape[:axis])), -1)),
    "Reshape": _reshape,
    "Transpose": lambda c, x, perm=None: x.permute(
        perm if perm is not None else list(reversed(range(x.dim())))),
    "Concat": lambda c, *xs, axis: torch.cat(xs, dim=axis),
    "Split": _split,
    "Slice": _slice,
    "Gather": _gather,
    "Shape": lambda c, x, start=0, end=None: torch.tensor(
        list(x.shape)[start:end], dtype=torch.int64),
    "Unsqueeze": _unsqueeze,
    "Squeeze": _squeeze,
    "Expand": lambda c, x, shape: x * torch.ones(
        _ints(shape), dtype=x.dtype) if x.is_floating_point() else
    x.expand(torch.broadcast_shapes(x.shape, tuple(_ints(shape)))),
    "Cast": _cast,
    "Constant": _constant,
    "ConstantOfShape": _constant_of_shape,
    "Range": lambda c, s, e, d: torch.arange(s.item(), e.item(), d.item(),
                                             dtype=s.dtype),
    "ReduceMean": _reduce(lambda x, a, k: x.mean(dim=a, keepdim=k)),
    "ReduceSum": _reduce(lambda x, a, k: x.sum(dim=a, keepdim=k)),
    "ReduceMax": _reduce(_reduce_max),
    "Softmax": _softmax(torch.softmax),
    "LogSoftmax": _softmax(torch.log_softmax),
}


class _Context:
    def __init__(self, products, dtype, opset, batch_statistics, flips):
        self.products, self.dtype, self.opset = products, dtype, opset
        self.batch_statistics = batch_statistics
        self.flips = flips or {}
        self.node_outputs = 1
        self.node_output = None

    def tensor(self, array):
        t = torch.from_numpy(np.array(array))
        return t.to(self.dtype) if t.is_floating_point() else t


def opset_of(model):
    for o in model.opset_import:
        if o.domain in ("", "ai.onnx"):
            return o.version
    return 0


def run(model, feeds, params=None, products=None, dtype=torch.float64,
        outputs=None, batch_statistics=True, flips=None):
    """Runs `model` on `feeds` (name -> array or tensor). `params` overrides
    initializers (name -> tensor, e.g. leaves that require grad). Returns
    (list of output tensors, {name: updated running statistic}), the second
    for training-mode BatchNormalization nodes (keyed by the initializer
    names of their running mean and variance). With `batch_statistics`
    false every BatchNormalization normalizes with its running statistics
    (PyTorch's eval(), what FramNN's inference does with a train export).
    `flips` (output name -> bool mask) takes the other side of a Relu's or
    Clip's kink at the marked elements (near_kinks)."""
    ctx = _Context(products or Products(), dtype, opset_of(model),
                   batch_statistics, flips)
    env = {}
    for init in model.graph.initializer:
        env[init.name] = ctx.tensor(numpy_helper.to_array(init))
    for name, value in (params or {}).items():
        env[name] = value
    for name, value in feeds.items():
        if not torch.is_tensor(value):
            value = ctx.tensor(value)
        env[name] = value.to(dtype) if value.is_floating_point() else value
    updates = {}
    for node in model.graph.node:
        if node.op_type not in OPS:
            raise NotImplementedError(f"torchref: no {node.op_type}")
        args = [env[i] if i else None for i in node.input]
        while args and args[-1] is None:
            args.pop()
        ctx.node_outputs = len([o for o in node.output if o])
        ctx.node_output = node.output[0]
        result = OPS[node.op_type](ctx, *args, **_attrs(node))
        if node.op_type == "BatchNormalization" and isinstance(result, tuple):
            y, new_mean, new_var = result
            updates[node.input[3]] = new_mean
            updates[node.input[4]] = new_var
            result = (y, new_mean, new_var)
        if not isinstance(result, tuple):
            result = (result,)
        for name, value in zip(node.output, result):
            if name:
                env[name] = value
    names = outputs or [o.name for o in model.graph.output]
    return [env[n] for n in names], updates


def float_initializers(model):
    """name -> float64 numpy array of every floating-point initializer."""
    out = {}
    for init in model.graph.initializer:
        arr = numpy_helper.to_array(init)
        if arr.dtype.kind == "f":
            out[init.name] = arr
    return out


def running_statistics(model):
    """Names of the BatchNormalization running-statistics initializers:
    training state, not trainable parameters."""
    return {name for n in model.graph.node
            if n.op_type == "BatchNormalization" for name in n.input[3:5]}


def trainable_initializers(model):
    """name -> numpy array of the floating-point initializers that are
    trained: every one but the BatchNorm running statistics."""
    stats = running_statistics(model)
    return {k: v for k, v in float_initializers(model).items()
            if k not in stats}


def loss_and_grads(model, feeds, labels, products, trainable,
                   dtype=torch.float64, flips=None):
    """Mean softmax cross-entropy of output 0 (`framnn grad`'s loss) and its
    gradient with respect to the initializers named in `trainable`
    (`flips` as for run). Returns (loss, {name: gradient as numpy},
    running-statistic updates)."""
    params = {}
    for init in model.graph.initializer:
        if init.name in trainable:
            t = torch.from_numpy(numpy_helper.to_array(init).copy()).to(dtype)
            params[init.name] = t.requires_grad_(True)
    (logits, *_), updates = run(model, feeds, params, products, dtype,
                                flips=flips)
    loss = F.cross_entropy(logits, torch.as_tensor(labels, dtype=torch.long))
    grads = torch.autograd.grad(loss, list(params.values()),
                                allow_unused=True)
    out = {}
    for (name, p), g in zip(params.items(), grads):
        out[name] = (torch.zeros_like(p) if g is None else g).detach().numpy()
    return float(loss), out, {k: v.detach().numpy() for k, v in
                              updates.items()}


KINKED = ("Relu", "Clip")


def near_kinks(model, feeds, products, factor):
    """{output name: bool mask} of the Relu/Clip elements whose input, in
    float64, lies within `factor` times its own float32-vs-float64
    difference of a kink (0 for Relu, the bounds for Clip). Which side of
    the kink such an element falls on is decided by rounding, so a float32
    implementation may take either; run(..., flips=...) takes the other."""
    nodes = [n for n in model.graph.node if n.op_type in KINKED]
    if not nodes:
        return {}
    names = [n.input[0] for n in nodes]
    x64, _ = run(model, feeds, None, products, torch.float64, names)
    x32, _ = run(model, feeds, None, products, torch.float32, names)
    consts = {i.name: numpy_helper.to_array(i) for i in model.graph.initializer}
    consts.update({n.output[0]: numpy_helper.to_array(n.attribute[0].t)
                   for n in model.graph.node if n.op_type == "Constant"
                   and n.attribute and n.attribute[0].name == "value"})
    flips = {}
    for node, a, b in zip(nodes, x64, x32):
        a = a.detach().double()
        margin = factor * (b.detach().double() - a).abs()
        if node.op_type == "Relu":
            kinks = [0.0]
        else:
            attrs = _attrs(node)
            lo, hi = _clip_bounds(
                *(consts.get(i) if i else None for i in
                  list(node.input[1:3]) + [None] * (3 - len(node.input))),
                attrs.get("min"), attrs.get("max"))
            kinks = [float(v) for v in (lo, hi) if v is not None]
        near = torch.zeros_like(a, dtype=torch.bool)
        for k in kinks:
            near |= (a - k).abs() <= margin
        if near.any():
            flips[node.output[0]] = near
    return flips
