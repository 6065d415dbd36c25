"""`framnn grad` through Gather (an embedding with repeated and negative
ids: the scatter-add), Expand (sum back to the input shape) and Where
(gradient to both branches), against torch.autograd.

Model: logits = Where(mask, Gemm(Reshape(Gather(table, ids), [0, -1]), W)
+ Expand(b, [1, 5]), c), mask a constant bool [1, 5]; parameters table,
W, b, c. The loss is the mean softmax cross-entropy.

Tolerance: |framnn - torch64| <= 4 * |torch32 - torch64| + 1e-6 per
parameter (the measured float32 rounding spread of the same computation in
PyTorch; the sums are in a different order).

usage: shape_grads.py OUT_DIR   (prints "ok NAME" per parameter)
"""
import os
import subprocess
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
rng = np.random.default_rng(5)
table = rng.standard_normal((6, 4)).astype(np.float32)
W = rng.standard_normal((12, 5)).astype(np.float32)
b = rng.standard_normal((1, 1)).astype(np.float32)
c = rng.standard_normal((1, 5)).astype(np.float32)
mask = np.array([[True, False, True, True, False]])
ids = np.array([[0, 5, 0], [2, -1, 3], [1, 1, 4]], dtype=np.int64)
labels = np.array([1, 4, 0], dtype=np.int64)

nodes = [
    helper.make_node("Gather", ["table", "ids"], ["e"]),
    helper.make_node("Reshape", ["e", "flat"], ["f"]),
    helper.make_node("Gemm", ["f", "W"], ["h"]),
    helper.make_node("Expand", ["b", "shape"], ["bb"]),
    helper.make_node("Add", ["h", "bb"], ["h2"]),
    helper.make_node("Where", ["mask", "h2", "c"], ["logits"]),
]
inits = [numpy_helper.from_array(table, "table"), numpy_helper.from_array(W, "W"),
         numpy_helper.from_array(b, "b"), numpy_helper.from_array(c, "c"),
         numpy_helper.from_array(mask, "mask"),
         numpy_helper.from_array(np.array([0, -1], dtype=np.int64), "flat"),
         numpy_helper.from_array(np.array([1, 5], dtype=np.int64), "shape")]
graph = helper.make_graph(
    nodes, "shape_grads", [helper.make_tensor_value_info("ids", TensorProto.INT64, ["N", 3])],
    [helper.make_tensor_value_info("logits", TensorProto.FLOAT, ["N", 5])], inits)
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
onnx.checker.check_model(model, full_check=True)
path = os.path.join(out, "shape_grads.onnx")
onnx.save(model, path)
np.save(os.path.join(out, "ids.npy"), ids)
np.save(os.path.join(out, "labels.npy"), labels)
p = subprocess.run(["framnn", "grad", path, "--input", os.path.join(out, "ids.npy"),
                    "--labels", os.path.join(out, "labels.npy"), "-o",
                    os.path.join(out, "g.npz")], stderr=subprocess.PIPE, text=True)
assert p.returncode == 0, p.stderr
got = np.load(os.path.join(out, "g.npz"))


def torch_grads(dtype):
    params = {k: torch.tensor(v, dtype=dtype, requires_grad=True)
              for k, v in dict(table=table, W=W, b=b, c=c).items()}
    e = params["table"][torch.from_numpy(ids)]
    h = e.reshape(3, -1) @ params["W"] + params["b"].expand(1, 5)
    logits = torch.where(torch.from_numpy(mask), h, params["c"])
    loss = F.cross_entropy(logits, torch.from_numpy(labels))
    loss.backward()
    return {k: v.grad.numpy().astype(np.float64) for k, v in params.items()}, loss.item()


g32, _ = torch_grads(torch.float32)
g64, loss64 = torch_grads(torch.float64)
assert abs(float(got["loss"]) - loss64) <= 1e-5 * abs(loss64), (got["loss"], loss64)
for name in ["table", "W", "b", "c"]:
    spread = np.abs(g32[name] - g64[name]).max()
    err = np.abs(got[name].astype(np.float64) - g64[name]).max()
    assert got[name].shape == g64[name].shape, name
    assert err <= 4 * spread + 1e-6, (name, err, spread)
    print(f"ok {name}")
