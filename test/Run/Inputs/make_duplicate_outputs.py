"""Writes DIR/identity.onnx (outputs r = Relu(x) and i = Identity(r)),
DIR/twice.onnx (outputs r1 = Relu(x) and r2 = Relu(x), two identical nodes
that CSE merges) and DIR/x.npy, an f32 [2,3] input."""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper


def save(nodes, outputs, path):
    vi = helper.make_tensor_value_info
    g = helper.make_graph(nodes, "dup", [vi("x", TensorProto.FLOAT, ["N", 3])],
                          [vi(o, TensorProto.FLOAT, ["N", 3]) for o in outputs])
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(m, full_check=True)
    onnx.save(m, path)


d = sys.argv[1]
os.makedirs(d, exist_ok=True)
save([helper.make_node("Relu", ["x"], ["r"]),
      helper.make_node("Identity", ["r"], ["i"])], ["r", "i"],
     os.path.join(d, "identity.onnx"))
save([helper.make_node("Relu", ["x"], ["r1"]),
      helper.make_node("Relu", ["x"], ["r2"])], ["r1", "r2"],
     os.path.join(d, "twice.onnx"))
np.save(os.path.join(d, "x.npy"), np.array([[-1, 2, -3], [4, -5, 6]], np.float32))
