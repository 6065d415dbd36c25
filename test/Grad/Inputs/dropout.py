"""`framnn grad --dropout P --seed S` on the paper MLP (784-512-512-10,
exported in eval mode, so the dropout comes from the option: the paper
applies it to the hidden fully-connected layers).

* Reproducible: the same seed twice gives identical G.npz files (bit for
  bit); seed 2 gives different gradients; no dropout gives different ones
  again.
* Exact: the gradients equal PyTorch autograd (float64) of the MLP with the
  masks applied after each hidden ReLU, the masks computed here in NumPy from
  the counter-based hash documented for nn.dropout_mask (NNTrainingOps.td:
  SplitMix64 of seed, stream and the element's row-major index), within
  1e-4 relative max-norm, like the exact tier.
* Statistical (independent of the hash): with batch 1, the fraction of
  active first-layer units (pre-activation > 0 in a float64 forward) whose
  fc1.weight gradient row is all zero is near P = 0.5 (within 5 sigma of a
  binomial), while without dropout no such row is zero.
"""
import argparse
import os
import sys

import numpy as np
import torch
import torch.nn.functional as F

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gradlib  # noqa: E402
import runlib  # noqa: E402
from framnn_models.export import export_model  # noqa: E402

RATIO = 0.5
TOL = 1e-4
GOLDEN = np.uint64(0x9E3779B97F4A7C15)
# The stream of each hidden layer's dropout: nn-build-training-graph numbers
# the dropouts in program order from 0 (Passes.td, BuildTrainingGraph).
STREAMS = (0, 1)


def _mix(z):
    z = z ^ (z >> np.uint64(30))
    z = z * np.uint64(0xBF58476D1CE4E5B9)
    z = z ^ (z >> np.uint64(27))
    z = z * np.uint64(0x94D049BB133111EB)
    return z ^ (z >> np.uint64(31))


def dropout_mask(shape, seed, stream, ratio):
    """nn.dropout_mask's documented hash, in NumPy (uint64 arithmetic wraps
    modulo 2^64)."""
    with np.errstate(over="ignore"):
        seed64 = np.array([seed], dtype=np.int64).view(np.uint64)
        key = _mix(seed64 ^ (np.array([stream], dtype=np.uint64) * GOLDEN))
        i = np.arange(int(np.prod(shape)), dtype=np.uint64)
        bits = _mix(key + (i + np.uint64(1)) * GOLDEN)
    u = (bits >> np.uint64(40)).astype(np.float32) * np.float32(2.0 ** -24)
    scale = np.float32(1) / (np.float32(1) - np.float32(ratio))
    return np.where(u >= np.float32(ratio), scale, np.float32(0)).reshape(shape)


def torch_gradients(module, x, labels, masks):
    p = {k: v.detach().to(torch.float64).requires_grad_(True)
         for k, v in module.named_parameters()}
    h = torch.from_numpy(x.astype(np.float64))
    for layer, mask in zip(("fc1", "fc2"), masks):
        h = F.relu(F.linear(h, p[layer + ".weight"], p[layer + ".bias"]))
        h = h * torch.from_numpy(mask.astype(np.float64))
    loss = F.cross_entropy(F.linear(h, p["fc3.weight"], p["fc3.bias"]),
                           torch.from_numpy(labels))
    grads = torch.autograd.grad(loss, list(p.values()))
    return float(loss), {k: g.numpy() for k, g in zip(p, grads)}


def identical(a, b):
    return a is not None and b is not None and set(a) == set(b) and all(
        runlib.bits_equal(a[k], b[k]).all() for k in a)


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("--framnn", default="framnn")
    ap.add_argument("--tmp", required=True)
    args = ap.parse_args()
    os.makedirs(args.tmp, exist_ok=True)
    torch.set_num_threads(1)
    report = runlib.Report("dropout")
    path = os.path.join(args.tmp, "mlp.onnx")
    module = export_model("mlp", path)
    images, labels = gradlib.fashion_mnist(8, offset=200)
    x = images.reshape(8, -1)

    def grad(tag, xb, lb, **kw):
        g, err = gradlib.run_grad(path, xb, lb, os.path.join(args.tmp, tag + ".npz"),
                                  framnn=args.framnn, **kw)
        if err:
            report.check(False, f"{tag}: {err}")
        return g

    a = grad("seed1", x, labels, dropout=RATIO, seed=1)
    b = grad("seed1-again", x, labels, dropout=RATIO, seed=1)
    c = grad("seed2", x, labels, dropout=RATIO, seed=2)
    off = grad("no-dropout", x, labels)
    report.check(identical(a, b), "--dropout 0.5 --seed 1 twice: identical G.npz")
    report.check(a is not None and c is not None and not identical(a, c),
                 "--seed 2 gives different gradients")
    report.check(a is not None and off is not None and not identical(a, off),
                 "--dropout 0.5 differs from no dropout")

    # Exact: PyTorch with the documented masks.
    if a is not None:
        masks = [dropout_mask((8, 512), 1, s, RATIO) for s in STREAMS]
        want_loss, want = torch_gradients(module, x, labels, masks)
        for k, v in want.items():
            e = gradlib.rel_max_error(a.get(k, np.zeros(0)), v)
            report.check(e <= TOL, f"seed 1: {k} vs PyTorch with the documented "
                         f"masks: rel max-norm error {e:.3g}")
        le = abs(float(a["loss"]) - want_loss) / max(1.0, want_loss)
        report.check(le <= 1e-5, f"seed 1: loss {float(a['loss']):.7g} vs "
                     f"{want_loss:.7g}")
        # Power: the masks of the other seed do not fit.
        _, other = torch_gradients(module, x, labels,
                                   [dropout_mask((8, 512), 2, s, RATIO) for s in STREAMS])
        e = gradlib.rel_max_error(a["fc1.weight"], other["fc1.weight"])
        report.check(e > 100 * TOL, f"seed 1 vs the seed-2 masks' reference "
                     f"differs ({e:.3g})")

    # Statistical: batch 1, zero rows of the fc1.weight gradient.
    x1, l1 = x[:1], labels[:1]
    active = (x1.astype(np.float64) @ module.fc1.weight.detach().double().numpy().T
              + module.fc1.bias.detach().double().numpy())[0] > 0
    for tag, kw in (("b1-dropout", dict(dropout=RATIO, seed=3)), ("b1-plain", {})):
        g = grad(tag, x1, l1, **kw)
        if g is None:
            continue
        zero_rows = ~np.any(g["fc1.weight"] != 0, axis=1)
        n = int(active.sum())
        frac = float(zero_rows[active].mean())
        if kw:
            sigma = np.sqrt(RATIO * (1 - RATIO) / n)
            report.check(abs(frac - RATIO) <= 5 * sigma,
                         f"batch 1, dropout {RATIO}: {frac:.3f} of {n} active "
                         f"units have a zero fc1.weight gradient row "
                         f"(want {RATIO} +- {5 * sigma:.3f})")
        else:
            report.check(frac == 0.0, f"batch 1, no dropout: no active unit has a "
                         f"zero fc1.weight gradient row ({frac:.3f})")
        report.check(bool(np.all(zero_rows[~active])),
                     f"{tag}: every inactive unit has a zero gradient row")
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
