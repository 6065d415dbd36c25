"""The conv and pooling gradient ops, lowered and run natively by the harness
of check_vs_torch.py, against PyTorch autograd on F.conv2d / F.max_pool2d /
F.avg_pool2d over a grid of attributes (strides 1/2/3, asymmetric pads,
dilations, groups, ceil_mode, count_include_pad, forward input rows no window
covers, windows in the padding, ties, a dynamic batch). With
`multiplier = #approx.precision<m>` the conv gradients are compared with
PyTorch on operands masked by check_vs_torch.trunc (NumPy bit masking).

ONNX pads are [top, left, bottom, right]; PyTorch's pooling pads are
symmetric, so asymmetric pads are applied with F.pad (zeros for conv, -inf
for max pooling, and for average pooling the divisor is a sum-pooled map of
the cells that count)."""
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(__file__))
import check_vs_torch as harness  # noqa: E402

rand, trunc, t = harness.rand, harness.trunc, harness.t


def arr(values):
    return "array<i64: " + ", ".join(str(v) for v in values) + ">"


def torch_pad(pads):
    """ONNX [top, left, bottom, right] as F.pad's (left, right, top, bottom)."""
    top, left, bottom, right = pads
    return (left, right, top, bottom)


def conv_attrs(strides, pads, dilations, group):
    return (f"strides = {arr(strides)}, pads = {arr(pads)}, "
            f"dilations = {arr(dilations)}, group = {group} : i64")


def conv_grads(x, w, dy, strides, pads, dilations, group):
    """(dx, dw) of F.conv2d by autograd."""
    xt = t(x).clone().requires_grad_()
    wt = t(w).clone().requires_grad_()
    y = F.conv2d(F.pad(xt, torch_pad(pads)), wt, None, strides, 0, dilations, group)
    assert tuple(y.shape) == dy.shape, (y.shape, dy.shape)
    y.backward(t(dy))
    return xt.grad, wt.grad


def conv_cases():
    # (name, x shape, w shape, strides, pads, dilations, group)
    grid = [
        ("s1 p0", (2, 3, 7, 7), (4, 3, 3, 3), (1, 1), (0, 0, 0, 0), (1, 1), 1),
        ("s2 uncovered last row/col", (2, 3, 8, 8), (4, 3, 3, 3), (2, 2), (0, 0, 0, 0), (1, 1), 1),
        ("s2x1 asym pads", (2, 3, 9, 7), (4, 3, 3, 2), (2, 1), (1, 0, 2, 1), (1, 1), 1),
        ("s3 d2 g2 asym", (2, 4, 10, 11), (6, 2, 3, 2), (3, 3), (2, 1, 0, 3), (2, 2), 2),
        ("s2x3 d1x2 g2 pads beyond reach", (3, 4, 7, 9), (4, 2, 2, 3), (2, 3), (3, 0, 1, 2), (1, 2), 2),
        ("windows in end padding", (2, 2, 5, 5), (3, 2, 2, 2), (1, 1), (0, 0, 3, 3), (1, 1), 1),
        ("1x1 s2", (2, 5, 6, 7), (3, 5, 1, 1), (2, 2), (0, 0, 0, 0), (1, 1), 1),
        ("s3 kernel larger than stride uncovered", (1, 2, 11, 10), (2, 2, 4, 4), (3, 3), (1, 1, 0, 0), (1, 1), 1),
        ("depthwise g3", (2, 3, 6, 6), (3, 1, 3, 3), (1, 2), (1, 1, 1, 1), (1, 1), 3),
        ("lenet conv1", (4, 1, 28, 28), (6, 1, 5, 5), (1, 1), (2, 2, 2, 2), (1, 1), 1),
    ]
    for name, xs, ws, strides, pads, dilations, group in grid:
        x, w = rand(*xs), rand(*ws)
        with torch.no_grad():
            y = F.conv2d(F.pad(t(x), torch_pad(pads)), t(w), None, strides, 0, dilations, group)
        dy = rand(*y.shape)
        dx, dw = conv_grads(x, w, dy, strides, pads, dilations, group)
        attrs = conv_attrs(strides, pads, dilations, group)
        yield (f"conv_input_grad {name}",
               f"%r = nn.conv_input_grad %a0, %a1 {{{attrs}, input_spatial = {arr(xs[2:])}}} : ($IN) -> $OUT",
               [dy, w], dx)
        yield (f"conv_weight_grad {name}",
               f"%r = nn.conv_weight_grad %a0, %a1 {{{attrs}, kernel_shape = {arr(ws[2:])}}} : ($IN) -> $OUT",
               [x, dy], dw)
    # Approximate multiplier: every product on trunc_m operands (exact in
    # binary32 for m <= 11, so only the summation order differs).
    x, w = rand(2, 4, 9, 8), rand(6, 2, 3, 3)
    strides, pads, dilations, group = (2, 1), (1, 0, 2, 1), (1, 2), 2
    with torch.no_grad():
        y = F.conv2d(F.pad(t(x), torch_pad(pads)), t(w), None, strides, 0, dilations, group)
    dy = rand(*y.shape)
    attrs = conv_attrs(strides, pads, dilations, group)
    for m in (8, 4, 0):
        mult = f"multiplier = #approx.precision<{m}>"
        dx, _ = conv_grads(x, trunc(w, m), trunc(dy, m), strides, pads, dilations, group)
        _, dw = conv_grads(trunc(x, m), w, trunc(dy, m), strides, pads, dilations, group)
        yield (f"conv_input_grad m={m}",
               f"%r = nn.conv_input_grad %a0, %a1 {{{attrs}, input_spatial = {arr(x.shape[2:])}, {mult}}} : ($IN) -> $OUT",
               [dy, w], dx)
        yield (f"conv_weight_grad m={m}",
               f"%r = nn.conv_weight_grad %a0, %a1 {{{attrs}, kernel_shape = {arr(w.shape[2:])}, {mult}}} : ($IN) -> $OUT",
               [x, dy], dw)


def max_pool_cases():
    # (name, x shape, kernel, strides, pads, dilations, ceil_mode, ties)
    grid = [
        ("lenet 2x2 s2", (2, 3, 8, 8), (2, 2), (2, 2), (0, 0, 0, 0), (1, 1), False, False),
        ("3x3 s1 p1 overlapping", (2, 2, 6, 7), (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), False, False),
        ("3x3 s2 p1 ceil", (2, 3, 7, 7), (3, 3), (2, 2), (1, 1, 1, 1), (1, 1), True, False),
        ("2x2 s2 ceil odd", (1, 2, 5, 7), (2, 2), (2, 2), (0, 0, 0, 0), (1, 1), True, False),
        ("3x2 s3x2 uncovered", (2, 2, 10, 9), (3, 2), (3, 2), (0, 0, 0, 0), (1, 1), False, False),
        ("dilation 2", (2, 2, 9, 9), (3, 3), (1, 2), (1, 1, 1, 1), (2, 2), False, False),
        ("asym pads", (2, 2, 7, 8), (3, 2), (2, 2), (1, 0, 2, 1), (1, 1), False, False),
        ("ties 3x3 s1", (2, 3, 6, 6), (3, 3), (1, 1), (1, 1, 1, 1), (1, 1), False, True),
        ("ties 2x2 s2 ceil", (2, 3, 5, 5), (2, 2), (2, 2), (1, 1, 1, 1), (1, 1), True, True),
    ]
    for name, xs, kernel, strides, pads, dilations, ceil, ties in grid:
        x = (rng_ties(xs) if ties else rand(*xs))
        xt = t(x).clone().requires_grad_()
        top, left, bottom, right = pads
        if top == bottom and left == right:
            y = F.max_pool2d(xt, kernel, strides, (top, left), dilations, ceil_mode=ceil)
        else:
            assert not ceil
            y = F.max_pool2d(F.pad(xt, torch_pad(pads), value=-float("inf")), kernel, strides, 0, dilations)
        dy = rand(*y.shape)
        y.backward(t(dy))
        attrs = (f"kernel_shape = {arr(kernel)}, strides = {arr(strides)}, pads = {arr(pads)}, "
                 f"dilations = {arr(dilations)}, ceil_mode = {'true' if ceil else 'false'}")
        yield (f"max_pool_grad {name}",
               f"%r = nn.max_pool_grad %a0, %a1 {{{attrs}}} : ($IN) -> $OUT", [x, dy], xt.grad)


def rng_ties(shape):
    """Few distinct values, so most windows hold several maxima."""
    return harness.rng.integers(-1, 2, size=shape).astype(np.float32)


def avg_pool_cases():
    # (name, x shape, kernel, strides, pads, ceil_mode, count_include_pad)
    grid = [
        ("lenet 2x2 s2", (2, 3, 8, 8), (2, 2), (2, 2), (0, 0, 0, 0), False, False),
        ("3x3 s2 p1 include pad", (2, 3, 7, 7), (3, 3), (2, 2), (1, 1, 1, 1), False, True),
        ("3x3 s2 p1 exclude pad", (2, 3, 7, 7), (3, 3), (2, 2), (1, 1, 1, 1), False, False),
        ("2x2 s2 p1 ceil exclude", (2, 3, 7, 7), (2, 2), (2, 2), (1, 1, 1, 1), True, False),
        ("3x3 s2 p1 ceil include", (1, 2, 6, 8), (3, 3), (2, 2), (1, 1, 1, 1), True, True),
        ("3x3 s1 overlapping", (2, 2, 6, 5), (3, 3), (1, 1), (0, 0, 0, 0), False, False),
        ("3x2 s3 uncovered", (2, 2, 10, 7), (3, 2), (3, 3), (0, 0, 0, 0), False, True),
        ("asym pads include", (2, 2, 7, 8), (3, 2), (2, 1), (1, 0, 2, 1), False, True),
        ("asym pads exclude", (2, 2, 7, 8), (3, 2), (2, 1), (1, 0, 2, 1), False, False),
    ]
    for name, xs, kernel, strides, pads, ceil, include in grid:
        xt = t(rand(*xs)).requires_grad_()
        top, left, bottom, right = pads
        if top == bottom and left == right:
            y = F.avg_pool2d(xt, kernel, strides, (top, left), ceil_mode=ceil,
                             count_include_pad=include)
        else:
            # Window sums over the zero-padded input divided by the number
            # of cells that count (sum-pooled ones).
            assert not ceil
            counted = torch.ones(1, 1, *xs[2:])
            counted = F.pad(counted, torch_pad(pads), value=1.0 if include else 0.0)
            sums = F.avg_pool2d(F.pad(xt, torch_pad(pads)), kernel, strides, divisor_override=1)
            y = sums / F.avg_pool2d(counted, kernel, strides, divisor_override=1)
        dy = rand(*y.shape)
        y.backward(t(dy))
        attrs = (f"kernel_shape = {arr(kernel)}, strides = {arr(strides)}, pads = {arr(pads)}, "
                 f"ceil_mode = {'true' if ceil else 'false'}, "
                 f"count_include_pad = {'true' if include else 'false'}, input_spatial = {arr(xs[2:])}")
        yield (f"average_pool_grad {name}",
               f"%r = nn.average_pool_grad %a0 {{{attrs}}} : ($IN) -> $OUT", [dy], xt.grad)


def cases():
    yield from conv_cases()
    yield from max_pool_cases()
    yield from avg_pool_cases()


def sentinel_cases():
    """Plausible mistakes the comparison must catch; every case must fail."""
    x, w = rand(2, 4, 9, 8), rand(6, 2, 3, 3)
    strides, pads, dilations, group = (2, 1), (1, 0, 2, 1), (1, 2), 2
    with torch.no_grad():
        y = F.conv2d(F.pad(t(x), torch_pad(pads)), t(w), None, strides, 0, dilations, group)
    dy = rand(*y.shape)
    attrs = conv_attrs(strides, pads, dilations, group)
    # The exact product where the multiplier keeps 8 bits.
    dx, _ = conv_grads(x, trunc(w, 8), trunc(dy, 8), strides, pads, dilations, group)
    yield ("exact conv_input_grad vs m=8",
           f"%r = nn.conv_input_grad %a0, %a1 {{{attrs}, input_spatial = {arr(x.shape[2:])}}} : ($IN) -> $OUT",
           [dy, w], dx)
    _, dw = conv_grads(trunc(x, 8), w, trunc(dy, 8), strides, pads, dilations, group)
    yield ("exact conv_weight_grad vs m=8",
           f"%r = nn.conv_weight_grad %a0, %a1 {{{attrs}, kernel_shape = {arr(w.shape[2:])}}} : ($IN) -> $OUT",
           [x, dy], dw)
    # Swapped bottom/top pads.
    dx, _ = conv_grads(x, w, dy, strides, pads, dilations, group)
    swapped = conv_attrs(strides, (2, 0, 1, 1), dilations, group)
    yield ("conv_input_grad with swapped pads",
           f"%r = nn.conv_input_grad %a0, %a1 {{{swapped}, input_spatial = {arr(x.shape[2:])}}} : ($IN) -> $OUT",
           [dy, w], dx)
    # The last maximum of a window winning ties: the reference breaks each
    # tie toward the later position.
    xs = (2, 3, 6, 6)
    xv = rng_ties(xs)
    later = xv + 1e-3 * np.arange(xv.size, dtype=np.float32).reshape(xs) / xv.size
    xt = t(later).requires_grad_()
    y = F.max_pool2d(xt, 3, 1, 1)
    dy = rand(*y.shape)
    y.backward(t(dy))
    yield ("max_pool_grad last maximum on ties",
           "%r = nn.max_pool_grad %a0, %a1 {kernel_shape = array<i64: 3, 3>, strides = array<i64: 1, 1>, "
           "pads = array<i64: 1, 1, 1, 1>, dilations = array<i64: 1, 1>, ceil_mode = false} : ($IN) -> $OUT",
           [xv, dy], xt.grad)
    # count_include_pad the wrong way round.
    xt = t(rand(2, 3, 7, 7)).requires_grad_()
    y = F.avg_pool2d(xt, 3, 2, 1, count_include_pad=True)
    dy = rand(*y.shape)
    y.backward(t(dy))
    yield ("average_pool_grad excluding the pads PyTorch counts",
           "%r = nn.average_pool_grad %a0 {kernel_shape = array<i64: 3, 3>, strides = array<i64: 2, 2>, "
           "pads = array<i64: 1, 1, 1, 1>, ceil_mode = false, count_include_pad = false, "
           "input_spatial = array<i64: 7, 7>} : ($IN) -> $OUT", [dy], xt.grad)


if __name__ == "__main__":
    sentinel = "--sentinel" in sys.argv
    if sentinel:
        sys.argv.remove("--sentinel")
    status = harness.main(sentinel_cases if sentinel else cases)
    sys.exit(0 if sentinel else status)
