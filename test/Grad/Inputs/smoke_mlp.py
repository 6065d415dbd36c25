"""Smoke check of `framnn grad` (test/Grad/smoke-mlp.test).

A tiny MLP (6-5-3, ReLU, trailing Softmax that the loss must skip) exported
from PyTorch; `framnn grad --mode exact` on a batch of 4 against PyTorch
autograd of F.cross_entropy on the logits in float64: every parameter and
the loss within 1e-4 relative max-norm, and a reference scaled by 1.01 must
be rejected (the comparison can fail). Then dropout: --dropout 0.5 with the
same seed twice gives identical files, another seed a different gradient.
Prints one line per check and a summary.
"""
import argparse
import os
import subprocess
import sys

import numpy as np
import torch
import torch.nn.functional as F

TOL = 1e-4


class MLP(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.fc1 = torch.nn.Linear(6, 5)
        self.fc2 = torch.nn.Linear(5, 3)

    def logits(self, x):
        return self.fc2(torch.relu(self.fc1(x)))

    def forward(self, x):
        return torch.softmax(self.logits(x), dim=1)


def rel(got, want):
    scale = float(np.max(np.abs(want)))
    return float(np.max(np.abs(got - want))) / (scale if scale > 0 else 1.0)


def grad(args, x_path, l_path, out, *extra):
    cmd = [args.framnn, "grad", args.model, "--input", x_path, "--labels",
           l_path, "-o", out, *extra]
    subprocess.run(cmd, check=True)
    with np.load(out) as z:
        return {k: z[k] for k in z.files}


def main():
    p = argparse.ArgumentParser()
    p.add_argument("--framnn", default="framnn")
    p.add_argument("--tmp", required=True)
    args = p.parse_args()
    torch.manual_seed(0)
    model = MLP().eval()
    args.model = os.path.join(args.tmp, "mlp.onnx")
    torch.onnx.export(model, torch.zeros(1, 6), args.model, opset_version=13,
                      input_names=["x"], output_names=["probs"],
                      dynamic_axes={"x": {0: "N"}, "probs": {0: "N"}})
    rng = np.random.default_rng(1)
    x = rng.standard_normal((4, 6)).astype(np.float32)
    labels = np.array([0, 2, 1, 2], dtype=np.int64)
    x_path, l_path = os.path.join(args.tmp, "x.npy"), os.path.join(args.tmp, "l.npy")
    np.save(x_path, x)
    np.save(l_path, labels)

    failed, checks = 0, 0

    def check(ok, what):
        nonlocal failed, checks
        checks += 1
        failed += not ok
        print(("PASS" if ok else "FAIL") + ": " + what)

    got = grad(args, x_path, l_path, os.path.join(args.tmp, "g.npz"))
    ref = MLP().double()
    ref.load_state_dict({k: v.double() for k, v in model.state_dict().items()})
    loss = F.cross_entropy(ref.logits(torch.from_numpy(x).double()),
                           torch.from_numpy(labels))
    loss.backward()
    want = {n: p.grad.numpy() for n, p in ref.named_parameters()}
    want["loss"] = loss.detach().numpy()
    check(sorted(got) == sorted(want), f"keys {sorted(got)}")
    for name, w in want.items():
        if name not in got:
            continue
        e = rel(got[name], w)
        check(e <= TOL, f"{name}: rel error {e:.2e} <= {TOL}")
        check(rel(got[name], 1.01 * w) > TOL, f"{name}: a 1% change is seen")

    drop = ["--dropout", "0.5"]
    a = grad(args, x_path, l_path, os.path.join(args.tmp, "a.npz"), *drop, "--seed", "7")
    b = grad(args, x_path, l_path, os.path.join(args.tmp, "b.npz"), *drop, "--seed", "7")
    c = grad(args, x_path, l_path, os.path.join(args.tmp, "c.npz"), *drop, "--seed", "8")
    check(all(np.array_equal(a[k], b[k]) for k in a), "same seed: identical gradients")
    check(not np.array_equal(a["fc1.weight"], c["fc1.weight"]),
          "another seed: different gradients")
    check(not np.array_equal(a["fc1.weight"], got["fc1.weight"]),
          "dropout changes the gradients")
    print(f"smoke: {checks} checks, {failed} failed")
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
