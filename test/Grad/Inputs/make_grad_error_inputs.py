"""Writes the models and arrays of test/Grad/errors.test into DIR.

mlp.onnx: x[?,4] -> Gemm(3) -> Relu -> Gemm(2): 2 classes.
twoout.onnx: the same hidden layer returned next to the logits.
reflect.onnx: a reflect-mode Pad between the two Gemms (no gradient rule).
Arrays: x (2x4 float32) and labels in several dtypes, shapes and ranges.
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def init(name, array):
    return numpy_helper.from_array(np.asarray(array, dtype=np.float32), name)


def model(nodes, outputs, extra_inits=()):
    rng = np.random.default_rng(0)
    inits = [init("w1", rng.standard_normal((3, 4))), init("b1", np.zeros(3)),
             init("w2", rng.standard_normal((2, 3))), init("b2", np.zeros(2)),
             *extra_inits]
    x = helper.make_tensor_value_info("x", TensorProto.FLOAT, ["N", 4])
    g = helper.make_graph(nodes, "g", [x], outputs, inits)
    m = helper.make_model(g, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(m)
    return m


def gemm(a, w, b, out):
    return helper.make_node("Gemm", [a, w, b], [out], transB=1)


def main(out):
    os.makedirs(out, exist_ok=True)
    logits = helper.make_tensor_value_info("y", TensorProto.FLOAT, ["N", 2])
    hidden = helper.make_tensor_value_info("r", TensorProto.FLOAT, ["N", 3])
    mlp = [gemm("x", "w1", "b1", "h"), helper.make_node("Relu", ["h"], ["r"]),
           gemm("r", "w2", "b2", "y")]
    onnx.save(model(mlp, [logits]), os.path.join(out, "mlp.onnx"))
    onnx.save(model(mlp, [logits, hidden]), os.path.join(out, "twoout.onnx"))

    pads = numpy_helper.from_array(np.array([0, 1, 0, 1], dtype=np.int64), "pads")
    reflect = [gemm("x", "w1", "b1", "h"),
               helper.make_node("Pad", ["h", "pads"], ["p"], mode="reflect"),
               gemm("p", "w2p", "b2", "y")]
    rng = np.random.default_rng(1)
    m = model(reflect, [logits], [pads, init("w2p", rng.standard_normal((2, 5)))])
    onnx.save(m, os.path.join(out, "reflect.onnx"))

    np.save(os.path.join(out, "x.npy"), np.ones((2, 4), dtype=np.float32))
    arrays = {
        "labels": np.array([0, 1], dtype=np.int64),
        "labels_int32": np.array([0, 1], dtype=np.int32),
        "labels_uint8": np.array([0, 1], dtype=np.uint8),
        "labels_float": np.array([0.0, 1.0], dtype=np.float32),
        "labels_range": np.array([0, 2], dtype=np.int64),
        "labels_negative": np.array([-1, 0], dtype=np.int64),
        "labels_batch": np.array([0, 1, 1], dtype=np.int64),
        "labels_2d": np.array([[0], [1]], dtype=np.int64),
    }
    for name, a in arrays.items():
        np.save(os.path.join(out, name + ".npy"), a)
    with open(os.path.join(out, "notnpy.npy"), "w") as f:
        f.write("not an array\n")


if __name__ == "__main__":
    main(sys.argv[1])
