"""Checks of exported / round-tripped ONNX files against the torch modules."""

import sys

import numpy as np
import onnx
import torch
from onnx import numpy_helper

from .models import build_model, sample_input


def _fail(msg):
    print(f"FAIL: {msg}", file=sys.stderr)
    return 1


def torch_tensors(model):
    """name -> float32 array of every parameter and floating-point buffer
    (BatchNorm running statistics); the integer num_batches_tracked buffers
    are not part of an inference model."""
    out = {}
    for k, v in model.state_dict().items():
        if v.dtype.is_floating_point:
            out[k] = v.detach().cpu().numpy()
    return out


def check_params(name, path, seed, allow_extra=False):
    """Every torch parameter / float buffer is an ONNX initializer of the
    same name and equal to it bit for bit. Unless `allow_extra`, there is no
    other initializer either: a float initializer reads as a trainable
    parameter (FramNN's `grad` reports one gradient per initializer), and an
    int64 one is only tolerated as a shape-like operand."""
    model, _ = build_model(name, seed)
    ref = torch_tensors(model)
    m = onnx.load(path)
    inits = {i.name: numpy_helper.to_array(i) for i in m.graph.initializer}
    errors = 0
    for k, want in ref.items():
        if k not in inits:
            errors += _fail(f"{path}: torch parameter '{k}' is not an initializer")
            continue
        got = inits[k]
        if got.dtype != np.float32:
            errors += _fail(f"{k}: dtype {got.dtype}, want float32")
        elif got.shape != want.shape:
            errors += _fail(f"{k}: shape {got.shape}, want {want.shape}")
        elif not np.array_equal(got.view(np.uint32), want.view(np.uint32)):
            diff = np.count_nonzero(got.view(np.uint32) != want.view(np.uint32))
            errors += _fail(f"{k}: {diff} of {want.size} values differ")
    for k, v in inits.items():
        if k in ref:
            continue
        if v.dtype == np.int64 or allow_extra:
            print(f"note: initializer '{k}' ({v.dtype}, shape {v.shape}) is "
                  "not a torch parameter")
        else:
            errors += _fail(f"{path}: {v.dtype} initializer '{k}' has no "
                            "torch counterpart")
    if errors:
        return 1
    print(f"OK: {len(ref)} tensors of '{name}' equal torch's bit for bit")
    return 0


def check_run(name, path, seed, rtol=1e-4, atol=1e-5, batch=4):
    """Runs `path` with the NumPy interpreter and compares with torch."""
    from . import npref
    model, _ = build_model(name, seed)
    x = sample_input(name, batch=batch, seed=seed)
    with torch.no_grad():
        want = model(x).double().numpy()
    m = onnx.load(path)
    in_name = m.graph.input[0].name
    (got,) = npref.run(m, {in_name: x.numpy()})
    if got.shape != want.shape:
        return _fail(f"output shape {got.shape}, want {want.shape}")
    if not np.allclose(got, want, rtol=rtol, atol=atol):
        err = np.max(np.abs(got - want))
        return _fail(f"outputs differ from torch: max abs error {err:g}")
    err = np.max(np.abs(got - want))
    print(f"OK: '{name}' on {path} matches torch (batch {batch}, "
          f"max abs error {err:.2e})")
    return 0


def check_io(name, path):
    """The graph has one float32 input `input` of shape [batch, *in_shape]
    and one float32 output `logits` of shape [batch, 10], where batch is a
    dynamic dimension (dim_param or unknown, never a fixed size)."""
    from .models import MODELS
    from .export import INPUT_NAME, OUTPUT_NAME
    _, in_shape = MODELS[name]
    m = onnx.load(path)
    graph_inputs = [i for i in m.graph.input
                    if i.name not in {t.name for t in m.graph.initializer}]
    errors = 0
    for kind, vals, want_name, want_rest in (
            ("input", graph_inputs, INPUT_NAME, list(in_shape)),
            ("output", list(m.graph.output), OUTPUT_NAME, [10])):
        if len(vals) != 1:
            errors += _fail(f"{len(vals)} graph {kind}s, want 1")
            continue
        v = vals[0]
        t = v.type.tensor_type
        dims = list(t.shape.dim)
        if v.name != want_name:
            errors += _fail(f"{kind} is named '{v.name}', want '{want_name}'")
        if t.elem_type != onnx.TensorProto.FLOAT:
            errors += _fail(f"{kind} element type {t.elem_type}, want FLOAT")
        if len(dims) != 1 + len(want_rest):
            errors += _fail(f"{kind} has rank {len(dims)}, want {1 + len(want_rest)}")
            continue
        if dims[0].HasField("dim_value"):
            errors += _fail(f"{kind} batch dimension is fixed to {dims[0].dim_value}")
        rest = [d.dim_value if d.HasField("dim_value") else None for d in dims[1:]]
        if rest != want_rest:
            errors += _fail(f"{kind} dimensions {rest}, want {want_rest}")
    if errors:
        return 1
    print(f"OK: '{name}' in {path} has a dynamic batch input '{INPUT_NAME}' "
          f"and output '{OUTPUT_NAME}'")
    return 0
