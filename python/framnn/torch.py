"""framnn.torch: PyTorch modules into FramNN and back (docs/python.md).

    import framnn, framnn.torch
    model = framnn.torch.from_module(net, torch.zeros(2, 784))
    trained, history = framnn.train(model, "fashion-mnist", mode="framnn", ...)
    framnn.torch.load_state_dict(net, trained)     # the trained weights
    with framnn.torch.approx_forward(net, 7):      # net on amul_7
        logits = net(x)

Parameters travel by name: FramNN's parameters are the ONNX initializers,
and ``from_module`` exports so that their names are the module's
``state_dict`` keys.
"""

from __future__ import annotations

import contextlib
import io
import warnings
from collections import namedtuple
from typing import Optional, Sequence, Union

import numpy as np
import torch
import torch.nn.functional as F
from torch.overrides import TorchFunctionMode

from . import CompiledModel, Error, Model, _check_bits, load
from ._multiplier import TruncatedProduct

__all__ = ["from_module", "load_state_dict", "approx_forward",
           "MappingWarning", "LoadResult"]

#: The ONNX opset of the export (FramNN imports 11..17).
OPSET = 13

#: What ``load_state_dict`` did not copy (strict=False), as torch's
#: ``load_state_dict`` reports it.
LoadResult = namedtuple("LoadResult", ["missing_keys", "unexpected_keys"])


class MappingWarning(UserWarning):
    """Some of the module's parameters have no ONNX initializer of the same
    name (the exporter renamed, merged or dropped them)."""


# ---------------------------------------------------------------------------
# Names
# ---------------------------------------------------------------------------

def _storage_key(t):
    """Tensors with the same key are one parameter under several names
    (tied weights)."""
    return (t.data_ptr(), t.dtype, tuple(t.shape), tuple(t.stride()))


def _float_state(module):
    """The module's floating-point state_dict entries (parameters and
    buffers such as BatchNorm's running statistics); integer buffers
    (num_batches_tracked) are not FramNN parameters."""
    return {k: v for k, v in module.state_dict().items()
            if v.is_floating_point()}


def _names_by_storage(state):
    """name -> the names sharing its storage (itself included)."""
    groups = {}
    for k, v in state.items():
        groups.setdefault(_storage_key(v), []).append(k)
    return {k: groups[_storage_key(v)] for k, v in state.items()}


def _match(state, initializers, aliases):
    """(mapped: state key -> initializer name, missing state keys,
    unexpected initializer names). A key maps to the initializer of its own
    name, or of an alias (a name sharing its storage, `_names_by_storage`:
    a tied weight the exporter wrote once)."""
    mapped, missing = {}, []
    for k in state:
        name = next((a for a in [k] + aliases[k] if a in initializers), None)
        if name is None:
            missing.append(k)
        else:
            mapped[k] = name
    used = set(mapped.values())
    unexpected = sorted(n for n in initializers if n not in used)
    return mapped, missing, unexpected


def _short_list(names, limit=8):
    names = list(names)
    more = f" and {len(names) - limit} more" if len(names) > limit else ""
    return ", ".join(names[:limit]) + more


# ---------------------------------------------------------------------------
# from_module
# ---------------------------------------------------------------------------

def _example_tuple(example_input):
    items = example_input if isinstance(example_input, (tuple, list)) \
        else (example_input,)
    out = []
    for x in items:
        if isinstance(x, np.ndarray):
            x = torch.from_numpy(x)
        if not torch.is_tensor(x):
            raise Error("example_input must be a tensor (or a tuple of "
                        f"tensors), got {type(x).__name__}")
        out.append(x)
    return tuple(out)


def _export(module, inputs, training, input_names, output_names):
    """torch.onnx.export to bytes; the module's state, training flag and
    the global RNG are left as they were."""
    saved = {k: v.detach().clone() for k, v in module.state_dict().items()}
    was_training = module.training
    mode = torch.onnx.TrainingMode.TRAINING if training else \
        torch.onnx.TrainingMode.PRESERVE
    dynamic = {n: {0: "batch"} for n in list(input_names) + list(output_names)}
    buffer = io.BytesIO()
    try:
        if not training:
            module.eval()
        # A training export runs the module in train() once (BatchNorm
        # updates its running statistics, Dropout draws masks).
        with torch.random.fork_rng(devices=[]), torch.no_grad(), \
                warnings.catch_warnings():
            warnings.simplefilter("ignore")
            torch.onnx.export(
                module, inputs, buffer, export_params=True,
                do_constant_folding=False, opset_version=OPSET,
                training=mode, input_names=list(input_names),
                output_names=list(output_names), dynamic_axes=dynamic)
    except Exception as e:   # noqa: BLE001 -- any exporter failure
        first = str(e).strip().splitlines()[0] if str(e).strip() else ""
        raise Error(f"torch.onnx.export failed: {type(e).__name__}: {first}") \
            from e
    finally:
        module.train(was_training)
        with torch.no_grad():
            for k, v in module.state_dict().items():
                v.copy_(saved[k])
    return buffer.getvalue(), saved


def from_module(module: torch.nn.Module, example_input, *,
                training: bool = True,
                input_names: Optional[Sequence[str]] = None,
                output_names: Sequence[str] = ("logits",)) -> Model:
    """Exports ``module`` with ``torch.onnx.export`` (opset 13) and loads it
    as a :class:`framnn.Model` whose parameters are named by the module's
    ``state_dict`` keys.

    ``training=True`` (the default) exports in training mode, without
    constant folding: every parameter and BatchNorm running statistic stays
    an initializer under its state_dict key (an eval export folds BatchNorm
    into Conv weights and merges initializers of equal value), BatchNorm
    trains on batch statistics (``--batch-norm auto``) and the module's own
    Dropout layers apply in ``framnn.train``. ``training=False`` exports the
    module in eval mode (no Dropout; BatchNorm with its running statistics).
    The exported parameters are the module's state when called: the
    statistics that the export's one training-mode forward pass updates are
    written back, and the module itself is left unchanged.

    ``example_input`` is a tensor (or a tuple, one per input) whose first
    dimension is the batch; it is dynamic in the model. Parameters that do
    not end up as an initializer of their own name are listed in a
    :class:`MappingWarning`; :func:`load_state_dict` cannot fill them."""
    import onnx
    from onnx import numpy_helper

    if not isinstance(module, torch.nn.Module):
        raise Error(f"from_module takes a torch.nn.Module, got "
                    f"{type(module).__name__}")
    inputs = _example_tuple(example_input)
    aliases = _names_by_storage(_float_state(module))
    if input_names is None:
        input_names = ["input"] if len(inputs) == 1 else \
            [f"input{i}" for i in range(len(inputs))]
    if len(input_names) != len(inputs):
        raise Error(f"{len(input_names)} input_names for {len(inputs)} "
                    "example inputs")
    data, saved = _export(module, inputs, training, input_names, output_names)

    proto = onnx.load_from_string(data)
    initializers = {i.name: i for i in proto.graph.initializer}
    state = {k: v for k, v in saved.items() if v.is_floating_point()}
    dtypes = {n: np.dtype(onnx.mapping.TENSOR_TYPE_TO_NP_TYPE[i.data_type])
              for n, i in initializers.items()}
    float_inits = {n for n, d in dtypes.items() if d.kind == "f"}
    mapped, missing, unexpected = _match(state, float_inits, aliases)
    # The state at the call, not the statistics the export's forward moved.
    for key, name in mapped.items():
        if key == name:
            value = state[key].cpu().numpy().astype(dtypes[name])
            initializers[name].CopyFrom(numpy_helper.from_array(value, name))
    if missing or unexpected:
        detail = []
        if missing:
            detail.append(f"no initializer named {_short_list(missing)}")
        if unexpected:
            detail.append(f"initializers that are no state_dict key: "
                          f"{_short_list(unexpected)}")
        warnings.warn(
            "framnn.torch.from_module: the export renamed, merged or "
            f"dropped parameters ({'; '.join(detail)}); load_state_dict "
            "cannot copy them back", MappingWarning, stacklevel=2)
    return load(proto.SerializeToString())


# ---------------------------------------------------------------------------
# load_state_dict
# ---------------------------------------------------------------------------

def _as_model(model):
    if isinstance(model, CompiledModel):
        return model.model
    if isinstance(model, Model):
        return model
    if isinstance(model, (str, bytes, bytearray, memoryview)) or \
            hasattr(model, "__fspath__"):
        return load(model)
    raise Error("load_state_dict takes a framnn.Model (or a path or ONNX "
                f"bytes), got {type(model).__name__}")


def load_state_dict(module: torch.nn.Module,
                    model: Union[Model, CompiledModel, str, bytes],
                    strict: bool = True) -> LoadResult:
    """Copies ``model``'s parameters (a :class:`framnn.Model`, e.g. the one
    :func:`framnn.train` returns) into ``module``, by name: each
    floating-point ``state_dict`` entry (parameters and buffers, BatchNorm's
    running statistics included) from the initializer of the same name.

    With ``strict`` (the default) every such entry needs an initializer of
    its name and shape, and every float initializer a module entry;
    otherwise :class:`framnn.Error` says which, and nothing is copied.
    ``strict=False`` copies what matches and returns the rest as
    ``LoadResult(missing_keys, unexpected_keys)``; a shape mismatch is an
    error either way."""
    if not isinstance(module, torch.nn.Module):
        raise Error(f"load_state_dict takes a torch.nn.Module, got "
                    f"{type(module).__name__}")
    params = {k: v for k, v in _as_model(model).parameters.items()
              if v.dtype.kind == "f"}
    state = _float_state(module)
    mapped, missing, unexpected = _match(state, params,
                                         _names_by_storage(state))
    problems = []
    mismatched = [f"{k} (module {tuple(state[k].shape)}, model "
                  f"{tuple(params[n].shape)})" for k, n in mapped.items()
                  if tuple(state[k].shape) != tuple(params[n].shape)]
    if mismatched:
        problems.append(f"shape mismatch for {_short_list(mismatched, 4)}")
    if strict and missing:
        problems.append(f"the model has no parameter {_short_list(missing)}")
    if strict and unexpected:
        problems.append(f"the module has no entry for the model's "
                        f"{_short_list(unexpected)}")
    if problems:
        raise Error("framnn.torch.load_state_dict: " + "; ".join(problems))
    with torch.no_grad():
        for key, name in mapped.items():
            state[key].copy_(torch.from_numpy(params[name]))
    return LoadResult(missing, unexpected)


# ---------------------------------------------------------------------------
# approx_forward
# ---------------------------------------------------------------------------

def _floats(a, b):
    return all(torch.is_tensor(t) and t.is_floating_point() for t in (a, b))


def _with_bias(y, bias, dims):
    """Bias added after the products, exact in binary32 (DESIGN.md 1)."""
    return y if bias is None else y + bias.reshape([1, -1] + [1] * dims)


class _Multiplier(TorchFunctionMode):
    """Runs the products of linear, conv1d/conv2d and matmul/mm/bmm/@ as
    ``TruncatedProduct``: both operands truncated to m fraction bits; any
    other function as it is."""

    def __init__(self, m, mode):
        super().__init__()
        self.m, self.mode = m, mode

    def product(self, fn, a, b):
        return TruncatedProduct.apply(a, b, fn, self.m, self.mode)

    def linear(self, x, weight, bias=None):
        y = self.product(F.linear, x, weight)
        return y if bias is None else y + bias

    def conv(self, conv, dims):
        def run(x, weight, bias=None, stride=1, padding=0, dilation=1,
                groups=1):
            def fn(a, w):
                return conv(a, w, None, stride, padding, dilation, groups)
            return _with_bias(self.product(fn, x, weight), bias, dims)
        return run

    def matmul(self, fn):
        return lambda a, b: self.product(fn, a, b)

    def __torch_function__(self, func, types, args=(), kwargs=None):
        kwargs = kwargs or {}
        if func in _UNCOVERED:
            raise Error(f"framnn.torch.approx_forward: {_UNCOVERED[func]} "
                        "has products that approx_forward does not truncate "
                        f"(it covers {_COVERED})")
        impl = _IMPLEMENTATIONS.get(func)
        if impl is None or "out" in kwargs or len(args) < 2 or \
                not _floats(args[0], args[1]):
            return func(*args, **kwargs)
        return impl(self)(*args, **kwargs)


_IMPLEMENTATIONS = {
    F.linear: lambda mult: mult.linear,
    torch.conv1d: lambda mult: mult.conv(F.conv1d, 1),
    torch.conv2d: lambda mult: mult.conv(F.conv2d, 2),
}
for _name in ("matmul", "mm", "bmm", "mv", "dot"):
    for _func in (getattr(torch, _name), getattr(torch.Tensor, _name)):
        _IMPLEMENTATIONS[_func] = \
            lambda mult, fn=getattr(torch, _name): mult.matmul(fn)
_IMPLEMENTATIONS[torch.Tensor.__matmul__] = \
    lambda mult: mult.matmul(torch.matmul)
_COVERED = "linear, conv1d, conv2d, matmul, @, mm, bmm, mv, dot"

# Functions with products inside that the mode cannot reach (PyTorch
# dispatches them whole, or they are contractions not covered above):
# refused rather than computed exactly without a word.
_UNCOVERED = {}
for _owner, _names in (
        (torch, ("addmm", "baddbmm", "addbmm", "addmv", "einsum", "tensordot",
                 "inner", "outer", "bilinear", "chain_matmul", "conv3d",
                 "conv_transpose1d", "conv_transpose2d", "conv_transpose3d",
                 "_transformer_encoder_layer_fwd",
                 "_native_multi_head_attention")),
        (torch.Tensor, ("addmm", "baddbmm", "addbmm", "addmv", "inner",
                        "outer")),
        (F, ("multi_head_attention_forward",)),
        (torch.linalg, ("multi_dot",))):
    for _name in _names:
        _func = getattr(_owner, _name, None)
        if _func is not None:
            _UNCOVERED[_func] = f"{_owner.__name__}.{_name}"


@contextlib.contextmanager
def approx_forward(module: torch.nn.Module,
                   mantissa_bits: Optional[int] = None,
                   *, multiplier_bits: Optional[int] = None,
                   mode: str = "framnn"):
    """Within the ``with`` block, ``module``'s forward multiplies on FramNN's
    approximate multiplier ``amul_m`` (DESIGN.md section 1): the products of
    ``F.linear`` (nn.Linear), ``F.conv1d``/``F.conv2d`` (nn.Conv1d/2d) and
    ``torch.matmul``/``mm``/``bmm``/``mv``/``dot``/``@`` take both operands
    truncated to ``mantissa_bits`` fraction bits (0..23, or
    ``multiplier_bits`` = m + 1), NaNs kept; sums and bias additions stay
    binary32. Contractions it does not cover (``einsum``, ``addmm``,
    transposed convolutions, ``nn.MultiheadAttention``, ...) raise
    :class:`framnn.Error`; other ops, and code outside ``module``'s
    forward, are unchanged.

    The backward is FramNN's ``mode``: ``"framnn"`` (exact, on the
    untruncated operands) or ``"approx"`` (operands and incoming gradient
    truncated too). A reference for users and tests: single products equal
    FramNN's bit for bit (up to the sign of a zero sum); longer sums differ
    by summation order (docs/python.md)."""
    if not isinstance(module, torch.nn.Module):
        raise Error(f"approx_forward takes a torch.nn.Module, got "
                    f"{type(module).__name__}")
    m = _check_bits(mantissa_bits, multiplier_bits)
    if m is None:
        raise Error("approx_forward needs mantissa_bits (0..23) or "
                    "multiplier_bits (1..24)")
    if mode not in ("framnn", "approx"):
        raise Error(f"mode: {mode} not in {{framnn,approx}}")
    multiplier = _Multiplier(m, mode)
    own = module.__dict__.get("forward")
    inner = module.forward

    def forward(*args, **kwargs):
        with multiplier:
            return inner(*args, **kwargs)

    module.forward = forward
    try:
        yield module
    finally:
        if own is None:
            del module.forward
        else:
            module.forward = own
