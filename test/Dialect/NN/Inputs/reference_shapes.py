"""Writes nn ops whose result types are the shapes PyTorch and NumPy compute.

framnn-opt then verifies the file: every written (fully static) result type
must equal what FramNN's shape inference derives, so any disagreement with
the reference frameworks is a verifier error. Only static shapes are used
here; `?` handling is tested in infer-shapes.mlir.
"""
import itertools
import sys

import numpy as np
import torch
import torch.nn.functional as F


def ty(shape):
    return "tensor<" + "".join(f"{d}x" for d in shape) + "f32>"


def arr(values):
    return "array<i64: " + ", ".join(str(v) for v in values) + ">"


funcs = []


def emit(args, op, operands, result):
    """One function per case, so an error names the case."""
    params = ", ".join(f"%a{i}: {ty(s)}" for i, s in enumerate(operands))
    names = ", ".join(f"%a{i}" for i in range(len(operands)))
    types = ", ".join(ty(s) for s in operands)
    funcs.append(
        f"func.func @case{len(funcs)}({params}) {{\n"
        f"  %0 = nn.{op} {names} {args} : ({types}) -> {ty(result)}\n"
        f"  return\n}}\n")


def pool_cases():
    for h, w, k, s, p, d, ceil in itertools.product(
            [1, 4, 5, 7, 13], [6, 28], [1, 2, 3, 5], [1, 2, 3], [0, 1, 2],
            [1, 2], [False, True]):
        if p > k // 2:  # PyTorch's limit on pooling pads
            continue
        x = torch.zeros(1, 2, h, w)
        try:
            y = F.max_pool2d(x, k, s, p, d, ceil_mode=ceil)
        except RuntimeError:  # output would be empty
            continue
        pads = [p] * 4
        emit("{" + f"kernel_shape = {arr([k, k])}, strides = {arr([s, s])}, "
             f"pads = {arr(pads)}, dilations = {arr([d, d])}, "
             f"ceil_mode = {str(ceil).lower()}" + "}",
             "max_pool", [x.shape], y.shape)
        if d == 1:
            y = F.avg_pool2d(x, k, s, p, ceil_mode=ceil)
            emit("{" + f"kernel_shape = {arr([k, k])}, strides = {arr([s, s])}, "
                 f"pads = {arr(pads)}, ceil_mode = {str(ceil).lower()}, "
                 "count_include_pad = true}",
                 "average_pool", [x.shape], y.shape)


def conv_cases():
    for h, k, s, pads, d, (c, f, g) in itertools.product(
            [5, 8, 11], [1, 3, 4], [1, 2, 3],
            [(0, 0, 0, 0), (1, 1, 1, 1), (2, 0, 1, 3)], [1, 2],
            [(1, 4, 1), (4, 6, 2), (6, 6, 6)]):
        x = torch.zeros(2, c, h, h + 3)
        wt = torch.zeros(f, c // g, k, k)
        # ONNX pads are [top, left, bottom, right]; F.pad takes
        # (left, right, top, bottom).
        xp = F.pad(x, (pads[1], pads[3], pads[0], pads[2]))
        try:
            y = torch.nn.functional.conv2d(xp, wt, stride=s, dilation=d, groups=g)
        except RuntimeError:  # kernel larger than the padded input
            continue
        emit("{" + f"strides = {arr([s, s])}, pads = {arr(pads)}, "
             f"dilations = {arr([d, d])}, group = {g} : i64" + "}",
             "conv", [x.shape, wt.shape], y.shape)


def matmul_cases():
    shapes = [(3,), (1, 3), (2, 3), (4, 1, 2, 3), (1, 2, 3), (5, 2, 3)]
    rhs = [(3,), (3, 2), (1, 3, 2), (5, 3, 2), (4, 5, 3, 1), (2, 3, 2)]
    for a, b in itertools.product(shapes, rhs):
        try:
            y = np.matmul(np.empty(a), np.empty(b))
        except ValueError:
            continue
        emit("", "matmul", [a, b], y.shape)


def broadcast_cases():
    dims = [(), (1,), (3,), (2, 1), (1, 3), (2, 3), (4, 1, 3), (4, 2, 1)]
    for a, b in itertools.product(dims, dims):
        try:
            y = np.broadcast_shapes(a, b)
        except ValueError:
            continue
        emit("", "add", [a, b], y)


pool_cases()
conv_cases()
matmul_cases()
broadcast_cases()
if len(funcs) < 100:
    sys.exit(f"only {len(funcs)} cases generated")
print("\n".join(funcs))
