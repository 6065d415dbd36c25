"""A model with an int64 input: SoftmaxCrossEntropyLoss(Gemm(x), labels),
its inputs, and the PyTorch reference loss (F.cross_entropy)."""
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import TensorProto, helper, numpy_helper

out = sys.argv[1]
rng = np.random.default_rng(3)
w = rng.standard_normal((4, 5)).astype(np.float32)
graph = helper.make_graph(
    [helper.make_node("MatMul", ["x", "w"], ["logits"]),
     helper.make_node("SoftmaxCrossEntropyLoss", ["logits", "labels"], ["loss"])],
    "sce",
    [helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 4]),
     helper.make_tensor_value_info("labels", TensorProto.INT64, ["N"])],
    [helper.make_tensor_value_info("loss", TensorProto.FLOAT, [])],
    [numpy_helper.from_array(w, "w")])
model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
onnx.checker.check_model(model)
onnx.save(model, os.path.join(out, "sce.onnx"))
x = rng.standard_normal((6, 4)).astype(np.float32)
labels = rng.integers(0, 5, 6).astype(np.int64)
np.save(os.path.join(out, "x.npy"), x)
np.save(os.path.join(out, "labels.npy"), labels)
np.save(os.path.join(out, "labels_f32.npy"), labels.astype(np.float32))
ref = F.cross_entropy(torch.from_numpy(x) @ torch.from_numpy(w), torch.from_numpy(labels))
np.save(os.path.join(out, "ref.npy"), ref.numpy().astype(np.float32))
