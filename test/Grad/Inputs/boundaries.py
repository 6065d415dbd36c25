"""Gradient rules at the points where a choice is made, against torch
autograd (finite differences are undefined there):

- ReduceMax with tied maxima: the gradient is split evenly among the ties
  (torch.amax's backward; torch.max(dim) would pick one);
- Clip with inputs exactly at min and at max: the gradient passes there
  (torch.clamp's backward, bounds inclusive).

Model: t = x * w (w a parameter of ones, so t == x exactly and the ties and
boundary hits are exact in float32), then the op, then logits through a
parameter. `framnn grad` (exact) vs torch float64 autograd of the same
graph: relative max-norm error <= 1e-5 per parameter (measured ~1e-7, the
float32 rounding of the loss gradient). The check can fail: torch.max(dim)'s
one-index rule gives a dw that is off by 197 % (relative max-norm) on this
data, and a clip rule with exclusive bounds one off by 99 %.
"""
import argparse
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

HERE = os.path.dirname(os.path.abspath(__file__))
sys.path.insert(0, HERE)
import gradlib  # noqa: E402
import runlib  # noqa: E402

LO, HI = -0.5, 0.75


def build(kind, v):
    nodes = [helper.make_node("Mul", ["x", "w"], ["t"])]
    inits = [numpy_helper.from_array(np.ones(4, np.float32), "w"),
             numpy_helper.from_array(v, "v")]
    if kind == "reduce_max_ties":
        nodes += [helper.make_node("ReduceMax", ["t"], ["m"], axes=[1], keepdims=1),
                  helper.make_node("Mul", ["m", "v"], ["logits"])]
    else:
        nodes += [helper.make_node("Constant", [], ["lo"], value=numpy_helper.from_array(
                      np.array(LO, np.float32), "lo_v")),
                  helper.make_node("Constant", [], ["hi"], value=numpy_helper.from_array(
                      np.array(HI, np.float32), "hi_v")),
                  helper.make_node("Clip", ["t", "lo", "hi"], ["c"]),
                  helper.make_node("MatMul", ["c", "v"], ["logits"])]
    g = helper.make_graph(nodes, kind,
                          [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 4])],
                          [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 5])],
                          inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(m)
    return m


def torch_grads(kind, x, v, labels):
    w = torch.ones(4, dtype=torch.float64, requires_grad=True)
    vt = torch.tensor(v, dtype=torch.float64, requires_grad=True)
    t = torch.tensor(x, dtype=torch.float64) * w
    if kind == "reduce_max_ties":
        logits = torch.amax(t, dim=1, keepdim=True) * vt
    else:
        logits = torch.clamp(t, LO, HI) @ vt
    loss = F.cross_entropy(logits, torch.tensor(labels))
    loss.backward()
    return loss.item(), {"w": w.grad.numpy(), "v": vt.grad.numpy()}


def main():
    ap = argparse.ArgumentParser()
    ap.add_argument("tmp")
    ap.add_argument("--framnn", default="framnn")
    args = ap.parse_args()
    rng = np.random.default_rng(5)
    report = runlib.Report("gradients at ties and clip boundaries vs torch")
    labels = np.array([0, 3, 1, 4], np.int64)
    cases = {
        # Rows with two, three and four tied maxima, and one without.
        "reduce_max_ties": (np.array([[1.5, -2.0, 1.5, 0.25],
                                      [0.5, 0.5, 0.5, -1.0],
                                      [2.0, 2.0, 2.0, 2.0],
                                      [-1.0, 0.0, 3.0, 1.0]], np.float32),
                            rng.standard_normal(5).astype(np.float32)),
        # Elements exactly at the bounds, inside and outside.
        "clip_boundaries": (np.array([[LO, HI, 0.1, 2.0],
                                      [-3.0, LO, HI, 0.0],
                                      [HI, HI, LO, LO],
                                      [0.3, -0.2, 1.0, -1.0]], np.float32),
                            rng.standard_normal((4, 5)).astype(np.float32)),
    }
    for kind, (x, v) in cases.items():
        path = os.path.join(args.tmp, kind + ".onnx")
        onnx.save(build(kind, v), path)
        grads, err = gradlib.run_grad(path, x, labels, os.path.join(args.tmp, kind + ".npz"),
                                      framnn=args.framnn)
        if err:
            report.check(False, f"{kind}: {err}")
            continue
        want_loss, want = torch_grads(kind, x, v, labels)
        report.check(abs(float(grads["loss"]) - want_loss) <= 1e-5 * max(1, abs(want_loss)),
                     f"{kind}: loss {float(grads['loss']):.7g} vs {want_loss:.7g}")
        for name in ("w", "v"):
            e = gradlib.rel_max_error(grads[name], want[name])
            report.check(e <= 1e-5, f"{kind}: d{name} rel max-norm error {e:.2g} "
                         f"(got {np.round(grads[name].reshape(-1)[:4], 5)}, "
                         f"torch {np.round(want[name].reshape(-1)[:4], 5)})")
    return report.finish()


if __name__ == "__main__":
    sys.exit(main())
