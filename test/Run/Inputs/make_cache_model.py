"""A small classifier (Gemm, Relu, Gemm: 16 -> 32 -> 4, dynamic batch), an
input batch x.npy with labels.npy and a labelled set data.npz (train and test splits) for the compile-cache
tests. onnx and numpy only, so it is quick."""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
rng = np.random.default_rng(17)
params = {
    "w1": rng.standard_normal((16, 32)).astype(np.float32),
    "b1": rng.standard_normal(32).astype(np.float32),
    "w2": rng.standard_normal((32, 4)).astype(np.float32),
    "b2": rng.standard_normal(4).astype(np.float32),
}
graph = helper.make_graph(
    [helper.make_node("Gemm", ["x", "w1", "b1"], ["h"]),
     helper.make_node("Relu", ["h"], ["r"]),
     helper.make_node("Gemm", ["r", "w2", "b2"], ["y"])],
    "cache_mlp",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 16])],
    [helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 4])],
    [numpy_helper.from_array(v, k) for k, v in params.items()])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
onnx.checker.check_model(model)
onnx.save(model, os.path.join(out, "mlp.onnx"))
np.save(os.path.join(out, "x.npy"), rng.standard_normal((8, 16)).astype(np.float32))
np.save(os.path.join(out, "labels.npy"), rng.integers(0, 4, 8).astype(np.int64))
np.savez(os.path.join(out, "data.npz"),
         x_train=rng.standard_normal((20, 16)).astype(np.float32),
         y_train=rng.integers(0, 4, 20).astype(np.int64),
         x_test=rng.standard_normal((12, 16)).astype(np.float32),
         y_test=rng.integers(0, 4, 12).astype(np.int64))
