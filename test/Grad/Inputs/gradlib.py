"""Helpers shared by the `framnn grad` tests (test/Grad/*.test).

Only `run_grad` touches FramNN (it runs the tool); everything else is an
independent reference or bookkeeping. The bit-level multiplier model
(`trunc`) and the Report class come from test/Run/Inputs/runlib.py.
"""
import gzip
import os
import subprocess
import sys

import numpy as np

HERE = os.path.dirname(os.path.abspath(__file__))
SRC_ROOT = os.path.abspath(os.path.join(HERE, "..", "..", ".."))
sys.path.insert(0, os.path.join(SRC_ROOT, "test", "Run", "Inputs"))
sys.path.insert(0, os.path.join(SRC_ROOT, "python"))
import runlib  # noqa: E402,F401  (re-exported: trunc, Report)

FASHION_MNIST = "/usr/share/datasets/fashion-mnist"


def run_grad(model, x, labels, out, *, framnn="framnn", mode=None,
             mantissa_bits=None, seed=None, dropout=None, extra=(),
             timeout=600):
    """Runs `framnn grad` on arrays `x` (float32) and `labels` (int64), with
    `extra` options appended; returns (dict name -> array, None) or (None,
    error text)."""
    stem = os.path.splitext(out)[0]
    xin, lin = stem + ".input.npy", stem + ".labels.npy"
    np.save(xin, np.ascontiguousarray(x, dtype=np.float32))
    np.save(lin, np.ascontiguousarray(labels, dtype=np.int64))
    cmd = [framnn, "grad", model, "--input", xin, "--labels", lin]
    for flag, value in (("--mode", mode), ("--mantissa-bits", mantissa_bits),
                        ("--seed", seed), ("--dropout", dropout)):
        if value is not None:
            cmd += [flag, str(value)]
    cmd += list(extra) + ["-o", out]
    try:
        p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                           timeout=timeout)
    except subprocess.TimeoutExpired:
        return None, f"timeout after {timeout}s: {' '.join(cmd)}"
    if p.returncode != 0:
        err = p.stderr.decode("utf-8", "replace").strip()
        return None, f"framnn grad exited {p.returncode}: {err[-600:]}"
    with np.load(out) as z:
        return {k: z[k] for k in z.files}, None


def rel_max_error(got, want):
    """max |got - want| / max |want| (max-norm relative error of a tensor);
    absolute when `want` is all zeros. Shape mismatch -> inf."""
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        return float("inf")
    if got.size == 0:
        return 0.0
    scale = float(np.max(np.abs(want)))
    err = float(np.max(np.abs(got - want)))
    if not np.isfinite(err):
        return float("inf")
    return err / scale if scale > 0 else err


def check_keys(report, what, grads, expected):
    """G.npz holds `loss` and exactly the expected parameter names."""
    keys = set(grads)
    want = set(expected) | {"loss"}
    return report.check(keys == want,
                        f"{what}: G.npz keys (missing {sorted(want - keys)}, "
                        f"unexpected {sorted(keys - want)})")


def _read_idx(path):
    with gzip.open(path, "rb") as f:
        data = f.read()
    ndim = data[3]
    dims = [int.from_bytes(data[4 + 4 * i:8 + 4 * i], "big") for i in range(ndim)]
    return np.frombuffer(data, dtype=np.uint8, offset=4 + 4 * ndim).reshape(dims)


def fashion_mnist(count, offset=0):
    """The first `count` Fashion-MNIST test images (from `offset`) as float32
    N x 1 x 28 x 28 in [0, 1] and their int64 labels."""
    x = _read_idx(os.path.join(FASHION_MNIST, "t10k-images-idx3-ubyte.gz"))
    y = _read_idx(os.path.join(FASHION_MNIST, "t10k-labels-idx1-ubyte.gz"))
    x = x[offset:offset + count].astype(np.float32) / 255.0
    return x.reshape(count, 1, 28, 28), y[offset:offset + count].astype(np.int64)
