"""GELU and LayerNorm as PyTorch 1.13 exports them, through `framnn run`
and `framnn grad` against torch itself.

Models: Linear(6, 8) -> act -> Linear(8, 5) with act one of nn.GELU()
(exported as Div, Erf, Add, Mul, Mul), nn.GELU(approximate='tanh') (Mul,
Mul for x^3 -- torch 1.13 writes no Pow here -- then Mul, Add, Mul, Tanh,
Add, Mul, Mul; torch 1.13 has no ONNX Gelu, and Debian's ONNX 1.12 has no
Gelu operator either), nn.LayerNorm(8) exported
at opset 13 (ReduceMean, Sub, Pow, ReduceMean, Add, Sqrt, Div, Mul, Add)
and at opset 17 (one LayerNormalization node), and a LayerNorm over the
last two axes of a 3-D activation at opset 17. Each file is checked for
the expected node types, then

- `framnn run` on a batch of 7 against the torch module (float32 torch,
  rtol 1e-5, atol 1e-6; measured max abs differences 7.5e-8 .. 2.4e-7);
- `framnn grad` (exact mode) against torch autograd of
  F.cross_entropy(module(x), labels) in float64 (the module cast to
  double): relative max-norm error per parameter <= 1e-5 (measured 4e-8 ..
  2.2e-7, float32 rounding; a 45x margin), and the loss to 1e-5.
"""
import argparse
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn as nn
import torch.nn.functional as F

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gradlib  # noqa: E402
import runlib  # noqa: E402

N, IN, HID, OUT = 7, 6, 8, 5


class Net(nn.Module):
    def __init__(self, act, three_d=False):
        super().__init__()
        self.three_d = three_d
        self.fc1 = nn.Linear(IN, HID if not three_d else 2 * 4)
        self.act = act
        self.fc2 = nn.Linear(HID, OUT)

    def forward(self, x):
        h = self.fc1(x)
        if self.three_d:
            h = self.act(h.reshape(-1, 2, 4)).reshape(-1, 8)
        else:
            h = self.act(h)
        return self.fc2(h)


def make_ln():
    ln = nn.LayerNorm(HID)
    with torch.no_grad():
        ln.weight.uniform_(0.5, 1.5)
        ln.bias.normal_()
    return ln


def make_ln2d():
    ln = nn.LayerNorm((2, 4))
    with torch.no_grad():
        ln.weight.uniform_(0.5, 1.5)
        ln.bias.normal_()
    return ln


CASES = {
    "gelu_erf": (lambda: nn.GELU(), False, 13, {"Erf", "Div", "Mul", "Add"}),
    "gelu_tanh": (lambda: nn.GELU(approximate="tanh"), False, 13,
                  {"Tanh", "Mul", "Add"}),
    "layer_norm_opset13": (make_ln, False, 13,
                           {"ReduceMean", "Sub", "Pow", "Sqrt", "Div"}),
    "layer_norm_opset17": (make_ln, False, 17, {"LayerNormalization"}),
    "layer_norm_2d_opset17": (make_ln2d, True, 17, {"LayerNormalization"}),
}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tmp")
    ap.add_argument("--framnn", default="framnn")
    args = ap.parse_args()
    report = runlib.Report("torch exports through framnn run and grad")
    for i, (name, (act, three_d, opset, ops)) in enumerate(CASES.items()):
        torch.manual_seed(100 + i)
        net = Net(act(), three_d).eval()
        path = os.path.join(args.tmp, name + ".onnx")
        x = torch.randn(N, IN)
        torch.onnx.export(net, (x,), path, opset_version=opset,
                          input_names=["input"], output_names=["logits"],
                          dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}},
                          do_constant_folding=False,
                          training=torch.onnx.TrainingMode.PRESERVE)
        types = {n.op_type for n in onnx.load(path).graph.node}
        report.check(ops <= types, f"{name}: exported nodes {sorted(types)} include {sorted(ops)}")
        xs = torch.randn(N, IN)
        xin = os.path.join(args.tmp, name + ".x.npy")
        np.save(xin, xs.numpy())
        try:
            got = runlib.run_or_raise(path, [xin], os.path.join(args.tmp, name + ".y.npy"),
                                      framnn=args.framnn)
            with torch.no_grad():
                want = net(xs).numpy()
            err = float(np.max(np.abs(got - want)))
            report.check(bool(np.all(runlib.close(got, want, 1e-6, 1e-5))),
                         f"{name}: framnn run vs torch (max abs err {err:.2g})")
        except RuntimeError as e:
            report.check(False, f"{name}: {e}")
        labels = torch.randint(0, OUT, (N,))
        grads, err = gradlib.run_grad(path, xs.numpy(), labels.numpy(),
                                      os.path.join(args.tmp, name + ".npz"),
                                      framnn=args.framnn)
        if err:
            report.check(False, f"{name}: {err}")
            continue
        net64 = net.double()
        net64.zero_grad()
        loss = F.cross_entropy(net64(xs.double()), labels)
        loss.backward()
        lerr = abs(float(grads["loss"]) - loss.item()) / max(1.0, abs(loss.item()))
        report.check(lerr <= 1e-5, f"{name}: loss {float(grads['loss']):.7g} vs {loss.item():.7g}")
        for pname, p in net64.named_parameters():
            if pname not in grads:
                report.check(False, f"{name}: no gradient for {pname} (got {sorted(grads)})")
                continue
            e = gradlib.rel_max_error(grads[pname], p.grad.numpy())
            report.check(e <= 1e-5, f"{name}: d{pname} rel max-norm error {e:.2g}")
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
