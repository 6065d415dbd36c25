"""Writes the model and arrays of test/Grad/helper-muls.test into DIR.

helpers.onnx: x[?,1,4,4] -> Conv(2, 3x3) -> Sigmoid -> GlobalAveragePool ->
Flatten -> Gemm(4) -> Tanh -> Softmax(axis 1) -> Gemm(3): every gradient
rule with helper multiplies the issue names (sigmoid, tanh and softmax
derivative algebra, the 1/HW of global average pooling; the dropout mask
comes from `framnn grad --dropout`), and no ONNX Mul, so `--approx-ops mul`
has no product of the model to approximate.
Arrays: x (4x1x4x4 float32, seeded) and labels.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def init(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)


def main(out):
    os.makedirs(out, exist_ok=True)
    rng = np.random.default_rng(5)
    inits = [init("cw", rng.standard_normal((2, 1, 3, 3))), init("cb", np.zeros(2)),
             init("w1", rng.standard_normal((4, 2))), init("b1", np.zeros(4)),
             init("w2", rng.standard_normal((3, 4))), init("b2", np.zeros(3))]
    nodes = [helper.make_node("Conv", ["x", "cw", "cb"], ["c"]),
             helper.make_node("Sigmoid", ["c"], ["s"]),
             helper.make_node("GlobalAveragePool", ["s"], ["p"]),
             helper.make_node("Flatten", ["p"], ["f"]),
             helper.make_node("Gemm", ["f", "w1", "b1"], ["h"], transB=1),
             helper.make_node("Tanh", ["h"], ["t"]),
             helper.make_node("Softmax", ["t"], ["sm"], axis=1),
             helper.make_node("Gemm", ["sm", "w2", "b2"], ["y"], transB=1)]
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 1, 4, 4])
    y = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 3])
    g = helper.make_graph(nodes, "helpers", [x], [y], inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(m)
    onnx.save(m, os.path.join(out, "helpers.onnx"))
    np.save(os.path.join(out, "x.npy"),
            rng.standard_normal((4, 1, 4, 4)).astype(np.float32))
    np.save(os.path.join(out, "labels.npy"), np.array([0, 1, 2, 1], dtype=np.int64))


if __name__ == "__main__":
    main(sys.argv[1])
