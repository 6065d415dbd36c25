"""Helpers shared by the `framnn run` tests (test/Run/*.test).

Everything here is independent of FramNN except `run_framnn`, which only
invokes the tool: the multiplier model (`trunc`, `amul`) is a bit-level NumPy
transcription of docs DESIGN section 1, written without looking at the
compiler's lowering:

    trunc_m(x) = bits(x) & (0xFFFFFFFF << (23 - m)), a NaN stays the NaN
    amul_m(a, b) = fl32(trunc_m(a) * trunc_m(b))
"""
import os
import subprocess
import sys

import numpy as np

SRC_ROOT = os.path.abspath(os.path.join(os.path.dirname(__file__), "..", "..", ".."))
EPS32 = float(np.finfo(np.float32).eps)


def mask(m):
    """The bit mask that keeps sign, exponent and the top m fraction bits."""
    if not 0 <= m <= 23:
        raise ValueError(m)
    return np.uint32((0xFFFFFFFF << (23 - m)) & 0xFFFFFFFF)


def trunc(x, m):
    """trunc_m on a float32 array, field masking (subnormals too); NaNs keep
    their bits (masking a NaN's payload could make it an infinity)."""
    x = np.ascontiguousarray(x, dtype=np.float32)
    masked = (x.view(np.uint32) & mask(m)).view(np.float32)
    return np.where(np.isnan(x), x, masked)


def rne(x, m):
    """x (float32 array) rounded to m fraction bits, ties to even
    (#approx.precision<m, nearest_even>), modelled on values (frexp and
    numpy's round-half-even), not on bit patterns; NaNs come out quiet."""
    x = np.ascontiguousarray(x, dtype=np.float32)
    flat = x.astype(np.float64)
    with np.errstate(invalid="ignore", over="ignore"):
        mag = np.abs(flat)
        _, e = np.frexp(mag)
        exponent = np.maximum(e.astype(np.int64) - 1, -126)
        ulp = np.ldexp(1.0, exponent - m)
        rounded = np.round(mag / ulp) * ulp  # numpy rounds halves to even
        out = np.copysign(rounded, flat).astype(np.float32)
    out = np.where(np.isinf(x), x, out)
    quiet = (x.view(np.uint32) | np.uint32(0x00400000)).view(np.float32)
    return np.where(np.isnan(x), quiet, out)


def amul(a, b, m):
    """amul_m with NumPy broadcasting: IEEE binary32 multiply (round to
    nearest even, gradual underflow) of the truncated operands."""
    with np.errstate(all="ignore"):
        return (trunc(a, m) * trunc(b, m)).astype(np.float32)


def f32_from_bits(bits):
    return np.array(bits, dtype=np.uint32).view(np.float32)


def bits_equal(got, want):
    """Elementwise: identical bits, except that any NaN matches any NaN
    (payloads and quietness after a multiply are not specified)."""
    got = np.asarray(got, dtype=np.float32)
    want = np.asarray(want, dtype=np.float32)
    same = got.view(np.uint32) == want.view(np.uint32)
    return same | (np.isnan(got) & np.isnan(want))


def describe(x):
    x = np.float32(x)
    return f"{float(x)!r} (0x{int(np.array(x).view(np.uint32)):08X})"


def run_framnn(model, inputs, out, *, framnn="framnn", mantissa_bits=None,
               multiplier_bits=None, approx_ops=None, extra=(), timeout=600):
    """Runs `framnn run`; returns (exit code, stderr). `inputs` are .npy paths."""
    cmd = [framnn, "run", model]
    for path in inputs:
        cmd += ["--input", path]
    if mantissa_bits is not None:
        cmd += ["--mantissa-bits", str(mantissa_bits)]
    if multiplier_bits is not None:
        cmd += ["--multiplier-bits", str(multiplier_bits)]
    if approx_ops:
        cmd += ["--approx-ops", ",".join(approx_ops)]
    cmd += list(extra) + ["-o", out]
    p = subprocess.run(cmd, stdout=subprocess.PIPE, stderr=subprocess.PIPE,
                       timeout=timeout)
    return p.returncode, p.stderr.decode("utf-8", "replace")


def run_or_raise(model, inputs, out, **kw):
    """`run_framnn` that loads and returns the output array (or dict of
    arrays for .npz), raising with the tool's message on failure."""
    rc, err = run_framnn(model, inputs, out, **kw)
    if rc != 0:
        raise RuntimeError(f"framnn run exited {rc}: {err.strip()[:500]}")
    if out.endswith(".npz"):
        with np.load(out) as z:
            return {k: z[k] for k in z.files}
    return np.load(out)


def save_inputs(tmp, prefix, arrays):
    """Writes arrays as tmp/prefix.<i>.npy; returns the paths."""
    paths = []
    for i, a in enumerate(arrays):
        p = os.path.join(tmp, f"{prefix}.{i}.npy")
        np.save(p, np.ascontiguousarray(a, dtype=np.float32))
        paths.append(p)
    return paths


def contraction_tolerance(abs_sum, terms):
    """Absolute bound for |got - exact| where `got` is a binary32 sum of
    `terms` binary32-rounded products (in any order, multiplies possibly
    fused with their adds) whose magnitudes sum to `abs_sum`: recursive
    summation errs by at most (terms - 1) * u * abs_sum and the product
    roundings by u * abs_sum (u = eps / 2). Twice that, plus the smallest
    normal to cover underflow."""
    return terms * EPS32 * np.asarray(abs_sum, dtype=np.float64) + \
        float(np.finfo(np.float32).tiny)


def close(got, want, atol, rtol=1e-5):
    """got ~= want elementwise within atol (array) + rtol*|want|; NaNs and
    infinities must match exactly."""
    got = np.asarray(got, dtype=np.float64)
    want = np.asarray(want, dtype=np.float64)
    if got.shape != want.shape:
        return np.zeros(want.shape, dtype=bool)
    finite = np.isfinite(want)
    ok = np.where(finite,
                  np.abs(got - want) <= atol + rtol * np.abs(want),
                  (got == want) | (np.isnan(got) & np.isnan(want)))
    return ok & ~(finite & ~np.isfinite(got))


def check_elements(report, what, ok, got, want, operands, shown=4):
    """One check that every element of the 2-D mask `ok` holds; the message
    counts them (`what` names them, e.g. "x: 5/6 sums bit-exact") and shows
    the first `shown` failures with `operands(i, j)`, their operand text."""
    msg = f"{what.format(int(ok.sum()), ok.size)}"
    for i, j in np.argwhere(~ok)[:shown]:
        msg += (f"\n    {operands(i, j)}: got {describe(got[i, j])}, want "
                f"{describe(want[i, j])}")
    return report.check(bool(ok.all()), msg)


class Report:
    """Counts checks and prints one line per failure plus a final summary
    line (`N checks, F failed`) that the lit tests FileCheck."""

    def __init__(self, name):
        self.name = name
        self.checks = 0
        self.failures = 0

    def check(self, ok, what):
        self.checks += 1
        if ok:
            print(f"ok {what}")
        else:
            self.failures += 1
            print(f"FAIL {what}")
        sys.stdout.flush()
        return ok

    def finish(self):
        print(f"{self.name}: {self.checks} checks, {self.failures} failed")
        return 1 if self.failures or not self.checks else 0
