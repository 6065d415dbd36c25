"""FramNN from Python: ONNX models on approximate multipliers.

The verbs of the ``framnn`` command line as functions and methods, numpy in
and numpy out (docs/python.md)::

    import framnn
    model = framnn.load("mlp.onnx")
    net = model.compile(mantissa_bits=7)
    logits = net(x)                          # framnn run
    grads = net.grad(x, labels)              # framnn grad
    framnn.schedule("optimal:4,8,12,16,23", epochs=10)   # framnn schedule
    framnn.ir(model, stage="lowered")        # framnn compile --emit mlir

Every failure raises :class:`framnn.Error` with the one-line message the CLI
prints (without its ``error: `` prefix).
"""

from __future__ import annotations

import json as _json
import os as _os
import tempfile as _tempfile
import warnings as _warnings
import weakref as _weakref
from collections import namedtuple as _namedtuple
from typing import Any, Dict, List, Optional, Sequence, Union

import numpy as _np

from . import _framnn

__all__ = [
    "Error",
    "TensorInfo",
    "Model",
    "CompiledModel",
    "load",
    "schedule",
    "ir",
    "train",
]

#: Raised for every FramNN failure; ``str(e)`` is the CLI's one-line message.
Error = _framnn.Error
Error.__module__ = "framnn"

#: A model input or output: its name, shape (``None`` for a dynamic
#: dimension) and numpy dtype name.
TensorInfo = _namedtuple("TensorInfo", ["name", "shape", "dtype"])

_MODES = ("exact", "approx", "framnn")
_BF16_DOT = ("auto", "on", "emulate", "off")


def _threads(threads):
    """``threads=``: None for the CPUs this process may run on, as the CLI's
    ``--threads`` default."""
    if threads is None:
        return _framnn.available_threads()
    return _as_int("--threads", threads)


def _check_bits(mantissa_bits, multiplier_bits):
    """The mantissa width of mantissa_bits= or multiplier_bits= (W = M + 1),
    None when neither is given; the CLI's messages when out of range."""
    if mantissa_bits is not None and multiplier_bits is not None:
        raise Error("--mantissa-bits excludes --multiplier-bits")
    if multiplier_bits is not None:
        w = _as_int("--multiplier-bits", multiplier_bits)
        if not 1 <= w <= 24:
            raise Error(f"--multiplier-bits: Value {w} not in range 1 to 24")
        return w - 1
    if mantissa_bits is not None:
        m = _as_int("--mantissa-bits", mantissa_bits)
        if not 0 <= m <= 23:
            raise Error(f"--mantissa-bits: Value {m} not in range 0 to 23")
        return m
    return None



def _precision(mantissa_bits, multiplier_bits, multiplier):
    """``(m, family, level)`` of the precision options, as the CLI resolves
    them: ``m`` of a truncating multiplier (None: none), ``family`` the
    canonical spec of another family ("" for none) and its level (m for
    the rounding families). ``multiplier="trunc:M"`` is ``mantissa_bits=M``
    (the same compiled code), ``"exact"`` no multiplier."""
    m = _check_bits(mantissa_bits, multiplier_bits)
    if multiplier is None:
        return m, "", m
    if m is not None:
        raise Error("--multiplier excludes --mantissa-bits and --multiplier-bits")
    resolved = _framnn.resolve_multiplier(str(multiplier))
    if resolved["truncation_bits"] >= 0:
        return resolved["truncation_bits"], "", resolved["truncation_bits"]
    if not resolved["family"]:
        return None, "", None
    return None, resolved["family"], resolved["level"]

def _as_int(option, value):
    if isinstance(value, bool) or not isinstance(value, (int, _np.integer)):
        raise Error(f"{option}: expected an integer, got {value!r}")
    return int(value)


def _approx_ops(approx_ops):
    if approx_ops is None:
        return []
    if isinstance(approx_ops, str):
        approx_ops = approx_ops.split(",")
    return [str(k) for k in approx_ops]


def _warn_float64(arrays):
    """The CLI's warning for float64 arrays, which FramNN rounds to float32
    (Python shows it once per call site)."""
    if any(a is not None and a.dtype == _np.float64 for a in arrays):
        _warnings.warn("float64 values rounded to float32 (FramNN computes "
                       "in binary32; pass float32 to silence this)",
                       stacklevel=3)


def _arrays(inputs) -> List[_np.ndarray]:
    """Model inputs as a list of numpy arrays (one array, or a sequence)."""
    if isinstance(inputs, _np.ndarray):
        arrays = [inputs]
    elif isinstance(inputs, (list, tuple)):
        arrays = [_np.asarray(a) for a in inputs]
    else:
        arrays = [_np.asarray(inputs)]
    _warn_float64(arrays)
    return arrays


class Model:
    """An ONNX model: its inputs, outputs and parameters.

    Made by :func:`load` (or :func:`train`); immutable. ``save(path)``
    writes it back as ONNX.
    """

    def __init__(self, path: str, data: bytes, _owned: bool = False):
        self._path = path
        self._data = data
        if _owned:
            self._finalizer = _weakref.finalize(self, _remove, path)
        self._session = _framnn.Session(path)
        self.inputs = [TensorInfo(n, s, d) for n, s, d in self._session.inputs]
        self.outputs = [TensorInfo(n, s, d) for n, s, d in self._session.outputs]
        self._parameters = None

    @property
    def parameters(self) -> Dict[str, _np.ndarray]:
        """Every ONNX initializer by name, as numpy arrays (copies)."""
        if self._parameters is None:
            self._parameters = self._session.parameters()
        return {k: v.copy() for k, v in self._parameters.items()}

    @property
    def path(self) -> str:
        """The ONNX file the model was loaded from (a temporary file for a
        model loaded from bytes or returned by train)."""
        return self._path

    def to_bytes(self) -> bytes:
        """The model as serialized ONNX."""
        return self._data

    def save(self, path: Union[str, "_os.PathLike[str]"]) -> None:
        """Writes the model to ``path`` as ONNX (the bytes it was loaded
        from)."""
        try:
            with open(_os.fspath(path), "wb") as f:
                f.write(self._data)
        except OSError as e:
            raise Error(f"cannot write '{_os.fspath(path)}': {e.strerror}") from None

    def compile(
        self,
        mantissa_bits: Optional[int] = 23,
        approx_ops: Optional[Sequence[str]] = None,
        batch: Optional[int] = None,
        threads: Optional[int] = None,
        multiplier_bits: Optional[int] = None,
        bf16_dot: str = "auto",
        cache: bool = True,
        multiplier: Optional[str] = None,
    ) -> "CompiledModel":
        """The model compiled for a multiplier keeping ``mantissa_bits``
        fraction bits (0..23; 23 is exact; None: no multiplier attached, as
        ``framnn run`` without a precision), or ``multiplier_bits`` = m + 1.
        ``approx_ops`` as ``--approx-ops`` (default: gemm, matmul, conv);
        ``batch`` compiles for that batch now (else at the first call, once
        per batch size); ``threads`` for the compiled contractions (default:
        the CPUs this process may run on); ``cache=False`` compiles without
        the compile cache, as ``--no-cache``. ``multiplier`` is a spec as
        ``--multiplier`` takes it (``"rne:8"``, ``"stochastic:8:seed=1"``,
        ``"mitchell"``, ``"trunc:8"`` = ``mantissa_bits=8``;
        docs/multipliers.md), instead of ``mantissa_bits``."""
        if multiplier_bits is not None or multiplier is not None:
            mantissa_bits = None if mantissa_bits == 23 else mantissa_bits
        m, family, _ = _precision(mantissa_bits, multiplier_bits, multiplier)
        return CompiledModel(self, m, _approx_ops(approx_ops), batch, threads,
                             bf16_dot, bool(cache), family)

    def __repr__(self):
        ins = ", ".join(f"{i.name}{list(i.shape)}" for i in self.inputs)
        outs = ", ".join(f"{o.name}{list(o.shape)}" for o in self.outputs)
        return f"<framnn.Model {self._path!r} ({ins}) -> ({outs})>"


def _remove(path):
    try:
        _os.unlink(path)
    except OSError:
        pass


def load(path_or_bytes: Union[str, "_os.PathLike[str]", bytes, bytearray, memoryview]) -> Model:
    """Loads an ONNX model from a path or from its serialized bytes."""
    if isinstance(path_or_bytes, (bytes, bytearray, memoryview)):
        data = bytes(path_or_bytes)
        fd, path = _tempfile.mkstemp(prefix="framnn-", suffix=".onnx")
        with _os.fdopen(fd, "wb") as f:
            f.write(data)
        try:
            return Model(path, data, _owned=True)
        except BaseException:
            _remove(path)
            raise
    if not isinstance(path_or_bytes, (str, _os.PathLike)):
        raise Error("framnn.load takes a path or the bytes of an ONNX model, "
                    f"got {type(path_or_bytes).__name__}")
    path = _os.fspath(path_or_bytes)
    if not _os.path.isfile(path):
        raise Error(f"model: File does not exist: {path}")
    try:
        with open(path, "rb") as f:
            data = f.read()
    except OSError as e:
        raise Error(f"cannot read '{path}': {e.strerror}") from None
    return Model(path, data)


class CompiledModel:
    """A model compiled for one multiplier (``Model.compile``). Calling it
    runs inference, as ``framnn run``: one numpy array per model input
    (float32 is read in place when C-contiguous; other float arrays are
    converted, as the CLI converts float64 .npy files); the output as an
    array, or a dict by output name when the model has several."""

    def __init__(self, model, mantissa_bits, approx_ops, batch, threads, bf16_dot,
                 cache=True, multiplier=""):
        threads = _threads(threads)
        if threads < 1:
            raise Error(f"--threads: expected a positive integer, got '{threads}'")
        if bf16_dot not in _BF16_DOT:
            raise Error(f"--bf16-dot: {bf16_dot} not in {{auto,on,emulate,off}}")
        self.model = model
        self.mantissa_bits = mantissa_bits
        # The spec of a family other than truncation ("" for none).
        self.multiplier = multiplier
        self.approx_ops = list(approx_ops)
        self.threads = threads
        self.bf16_dot = bf16_dot
        self.batch = batch
        self.cache = cache
        self._session = _framnn.Session(
            model.path, -1 if mantissa_bits is None else mantissa_bits,
            self.approx_ops, bf16_dot, threads, cache, multiplier)
        self._trainers = {}
        if batch is not None:
            self._session.prepare(_as_int("--batch", batch))

    @property
    def inputs(self):
        return self.model.inputs

    @property
    def outputs(self):
        return self.model.outputs

    def __call__(self, *inputs):
        if (len(inputs) == 1 and len(self.inputs) != 1
                and isinstance(inputs[0], (list, tuple))):
            inputs = tuple(inputs[0])        # net([x1, x2]) == net(x1, x2)
        arrays = [_np.asarray(a) for a in inputs]
        _warn_float64(arrays)
        if self.batch is not None:
            for a, info in zip(arrays, self.inputs):
                if info.shape and info.shape[0] is None and a.ndim and a.shape[0] != self.batch:
                    raise Error(f"input '{info.name}': compiled for batch "
                                f"{self.batch}, got {a.shape[0]}")
        outputs = self._session.run(arrays)
        if len(outputs) == 1:
            return outputs[0]
        return {o.name: v for o, v in zip(self.outputs, outputs)}

    run = __call__

    def _trainer(self, mode, dropout, momentum=0.9, weight_decay=0.0):
        key = (mode, float(dropout), float(momentum), float(weight_decay))
        trainer = self._trainers.get(key)
        if trainer is None:
            trainer = _framnn.Trainer(
                self.model.path, mode,
                23 if self.mantissa_bits is None else self.mantissa_bits,
                self.approx_ops, self.bf16_dot, float(dropout),
                float(momentum), float(weight_decay), self.threads, self.cache,
                self.multiplier)
            self._trainers[key] = trainer
        return trainer

    def _mode(self, mode):
        approximate = self.mantissa_bits not in (None, 23) or bool(self.multiplier)
        if mode is None:
            mode = "framnn" if approximate else "exact"
        if mode not in _MODES:
            raise Error(f"--mode: {mode} not in {{exact,approx,framnn}}")
        if mode == "exact" and approximate:
            # The CLI's words (test_grad_errors compares the two).
            raise Error("--mode exact has no approximate multiplier: drop "
                        "--multiplier/--mantissa-bits/--multiplier-bits or "
                        "use --mode framnn or approx")
        return mode

    def grad(self, x, labels, mode: Optional[str] = "framnn", seed: int = 0,
             dropout: float = 0.0) -> Dict[str, _np.ndarray]:
        """One batch's mean softmax cross-entropy and its gradient with
        respect to every ONNX initializer, as ``framnn grad``: a dict keyed
        like its .npz (initializer names, plus ``"loss"``, a 0-d float32
        array). ``mode``: exact, approx or framnn (None: framnn below
        m = 23, else exact)."""
        mode = self._mode(mode)
        labels = _np.asarray(labels)
        return self._trainer(mode, dropout).gradients(_arrays(x), labels,
                                                      _as_int("--seed", seed))

    def __repr__(self):
        m = (self.multiplier or "exact" if self.mantissa_bits is None
             else f"m={self.mantissa_bits}")
        return f"<framnn.CompiledModel {self.model.path!r} {m}>"


def schedule(policy: str, epochs: int, hw_model: Optional[str] = None,
             validation_errors: Optional[Sequence[float]] = None,
             patience: int = 1, min_improvement: float = 0.001) -> Dict[str, Any]:
    """A precision schedule, as ``framnn schedule``: a dict with the schedule
    JSON's ``policy``, ``epochs`` and ``mantissa_bits`` (``--json``), the
    modelled ``energy``, ``delay`` and ``edp`` of the whole schedule relative
    to exact training (with ``energy_gain``, ``delay_gain``, ``edp_gain``),
    each epoch's modelled energy (``epoch_energy``) and the hardware model's
    name (``hw_model``). The figures are modelled, not measured."""
    errors = None if validation_errors is None else [float(e) for e in validation_errors]
    native = _framnn.schedule(
        str(policy), _as_int("--epochs", epochs),
        "" if hw_model is None else _os.fspath(hw_model), errors,
        _as_int("--patience", patience), float(min_improvement))
    result = _json.loads(native["json"])
    result.update(
        energy=native["energy"], delay=native["delay"], edp=native["edp"],
        energy_gain=1.0 / native["energy"], delay_gain=1.0 / native["delay"],
        edp_gain=1.0 / native["edp"], epoch_energy=list(native["epoch_energy"]),
        hw_model=native["hw_model"])
    return result


def ir(model: Union[Model, CompiledModel], stage: str = "imported",
       batch: int = 1, mode: Optional[str] = None) -> str:
    """The MLIR of ``model`` at a stage:

    - ``"imported"``: the nn dialect as imported (``framnn-translate
      --import-onnx``);
    - ``"training"``: the training program (forward/backward phases,
      optimizer step) for ``mode`` (default: framnn below m = 23, else
      exact), m a run-time argument as ``framnn grad``/``train`` build it;
    - ``"lowered"``: the module prepared for compilation with the multiplier
      attached and the batch fixed to ``batch`` (``framnn compile --emit
      mlir --batch N``).

    A :class:`Model` is taken as compiled with the defaults of
    ``Model.compile``; a :class:`CompiledModel` brings its multiplier."""
    if isinstance(model, Model):
        model = model.compile()
    if not isinstance(model, CompiledModel):
        raise Error(f"framnn.ir takes a Model or a CompiledModel, got {type(model).__name__}")
    if stage == "imported":
        return model._session.imported_ir()
    if stage == "training":
        return model._trainer(model._mode(mode), 0.0).training_ir()
    if stage == "lowered":
        b = _as_int("--batch", batch)
        if b < 1:
            raise Error(f"--batch: expected a positive integer, got '{b}'")
        return model._session.lowered_ir(b)
    raise Error(f"stage '{stage}' is not one of imported, training, lowered")


def train(model: Union[Model, str, bytes], data, mode: Optional[str] = None,
          schedule: Optional[str] = None, epochs: int = 1, batch: int = 64,
          lr: float = 0.01, momentum: float = 0.9, weight_decay: float = 0.0,
          dropout: float = 0.0, seed: int = 0, threads: Optional[int] = None,
          callback=None, *, test=None, mantissa_bits: Optional[int] = None,
          multiplier_bits: Optional[int] = None,
          multiplier: Optional[str] = None,
          approx_ops: Optional[Sequence[str]] = None, bf16_dot: str = "auto",
          hw_model: Optional[str] = None, shuffle: bool = True,
          train_samples: Optional[int] = None,
          test_samples: Optional[int] = None,
          train_eval_samples: int = 10000, eval_batch: int = 1000,
          patience: int = 1, min_improvement: float = 0.001,
          validation_fraction: float = 0.1, log: Optional[str] = None):
    """Trains ``model`` with SGD on a precision schedule, as ``framnn
    train``; returns ``(trained Model, history)``.

    ``data`` is a dataset spec as ``--dataset`` takes it (``"fashion-mnist"``,
    a directory of IDX files, an .npz) or arrays: ``(x, y)`` (also the test
    set unless ``test=(x_test, y_test)``) or ``(x, y, x_test, y_test)``;
    images are float (or uint8 pixels, divided by 255) and reshaped to the
    model input as ``framnn eval`` does, labels integers. ``history`` has one
    dict per epoch, the record ``framnn train --log`` writes (``epoch``,
    ``m``, ``loss``, ``train_acc``, ``val_acc``, ``test_acc``, ``seconds``,
    ``train_seconds``, ``modelled_energy``); ``validation_fraction`` of the
    training samples (seeded by ``seed``) are held out as the validation
    split an adaptive schedule decides on (``--validation-fraction``;
    ``val_acc`` is absent at 0); ``callback(record)`` is called
    after each epoch and stops the run by returning False. The trained model
    carries the run in its ``metadata_props``; ``history.summary`` is the
    log's end-of-run summary. ``multiplier`` (a ``--multiplier`` spec) trains
    on another family; a schedule then steps through that family's levels,
    and without one the run stays at the spec's level."""
    if not isinstance(model, Model):
        model = load(model)
    m, family, level = _precision(mantissa_bits, multiplier_bits, multiplier)
    if schedule is not None and m is not None:
        raise Error("give either --schedule or --mantissa-bits/--multiplier-bits "
                    "(uniform:M), not both")
    spec = schedule if schedule is not None else (
        f"uniform:{level}" if level is not None else "uniform:23")
    if mode is not None and mode not in _MODES:
        raise Error(f"--mode: {mode} not in {{exact,approx,framnn}}")
    if callback is not None and not callable(callback):
        raise Error("callback must be callable")
    dataset, arrays = "", [None] * 4
    if isinstance(data, (str, _os.PathLike)):
        dataset = _os.fspath(data)
        if test is not None:
            raise Error("test= goes with arrays, not with a dataset spec")
    elif isinstance(data, (tuple, list)) and len(data) in (2, 4):
        arrays = [_np.asarray(a) for a in data]
        if len(arrays) == 2:
            xt, yt = (arrays if test is None else [_np.asarray(a) for a in test])
            arrays += [xt, yt]
        _warn_float64(arrays[0::2])
    else:
        raise Error("data must be a dataset spec or a tuple (x, y) or "
                    "(x, y, x_test, y_test) of arrays")
    native_callback = None
    if callback is not None:
        def native_callback(line):
            return callback(_json.loads(line))
    fd, out = _tempfile.mkstemp(prefix="framnn-trained-", suffix=".onnx")
    _os.close(fd)
    try:
        records, summary = _framnn.train(
            model.path, dataset, *arrays, mode or "", spec,
            _as_int("--epochs", epochs), _as_int("--batch", batch), float(lr),
            float(momentum), float(weight_decay), float(dropout),
            _as_int("--seed", seed), _threads(threads),
            _approx_ops(approx_ops), bf16_dot,
            "" if hw_model is None else _os.fspath(hw_model), bool(shuffle),
            -1 if train_samples is None else _as_int("--train-samples", train_samples),
            -1 if test_samples is None else _as_int("--test-samples", test_samples),
            _as_int("--train-eval-samples", train_eval_samples),
            _as_int("--eval-batch", eval_batch), _as_int("--patience", patience),
            float(min_improvement), float(validation_fraction),
            "" if log is None else _os.fspath(log),
            native_callback, out, family)
        with open(out, "rb") as f:
            data_bytes = f.read()
        trained = Model(out, data_bytes, _owned=True)
    except BaseException:
        _remove(out)
        raise
    history = History(_json.loads(r) for r in records)
    history.summary = _json.loads(summary)["summary"]
    return trained, history


class History(list):
    """The per-epoch records of :func:`train` (a list of dicts) with the
    run's ``summary`` dict."""
    summary: Dict[str, Any] = {}
