"""Writes the models and arrays of test/Run/errors.test into DIR:

  gemm.onnx        Gemm(x[N,4], w[3,4]^T) + b: one f32 input 'x' [N,4]
  two.onnx         Add(x[N,4], y[N,4]): two inputs
  twoout.onnx      Relu(x) and Sigmoid(x): two outputs
  unsupported.onnx Cos(x[N,4]) (an op the nn dialect does not model)
  nolowering.onnx  MaxPool of x[1,1,H,W] (imports; pooling over dynamic
                   spatial dimensions has no lowering), input img.npy
  reshape0.onnx    Reshape of x[1] to rank 0 and back to [1,1] (two
                   outputs), input one.npy [1]
  good.npy         f32 [2,4]
  wrongshape.npy   f32 [2,5]
  wrongrank.npy    f32 [2,4,1]
  int64.npy        int64 [2,4]
  notnpy.npy       a text file
  notonnx.onnx     bytes that are not an ONNX protobuf
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def save(graph, path, opset=13):
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)])
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, path)


def main():
    d = sys.argv[1]
    os.makedirs(d, exist_ok=True)
    f = TensorProto.FLOAT
    vi = helper.make_tensor_value_info
    rng = np.random.default_rng(0)
    w = numpy_helper.from_array(rng.standard_normal((3, 4)).astype(np.float32), "w")
    b = numpy_helper.from_array(rng.standard_normal(3).astype(np.float32), "b")
    save(helper.make_graph([helper.make_node("Gemm", ["x", "w", "b"], ["y"], transB=1)],
                           "gemm", [vi("x", f, ["N", 4])], [vi("y", f, ["N", 3])], [w, b]),
         os.path.join(d, "gemm.onnx"))
    save(helper.make_graph([helper.make_node("Add", ["x", "y"], ["z"])], "two",
                           [vi("x", f, ["N", 4]), vi("y", f, ["N", 4])],
                           [vi("z", f, ["N", 4])]),
         os.path.join(d, "two.onnx"))
    save(helper.make_graph([helper.make_node("Cos", ["x"], ["y"])], "cos",
                           [vi("x", f, ["N", 4])], [vi("y", f, ["N", 4])]),
         os.path.join(d, "unsupported.onnx"))
    save(helper.make_graph([helper.make_node("Relu", ["x"], ["r"]),
                            helper.make_node("Sigmoid", ["x"], ["s"])], "twoout",
                           [vi("x", f, ["N", 4])], [vi("r", f, ["N", 4]), vi("s", f, ["N", 4])]),
         os.path.join(d, "twoout.onnx"))
    # Imports (MaxPool is modelled) but has no lowering: H and W are dynamic.
    save(helper.make_graph([helper.make_node("MaxPool", ["x"], ["y"], kernel_shape=[2, 2])],
                           "pool", [vi("x", f, [1, 1, "H", "W"])],
                           [vi("y", f, [1, 1, "OH", "OW"])]),
         os.path.join(d, "nolowering.onnx"))
    np.save(os.path.join(d, "img.npy"), np.zeros((1, 1, 4, 4), np.float32))
    save(helper.make_graph([helper.make_node("Reshape", ["x", "shape0"], ["s"]),
                            helper.make_node("Reshape", ["s", "shape11"], ["y"])],
                           "reshape0", [vi("x", f, [1])], [vi("s", f, []), vi("y", f, [1, 1])],
                           [numpy_helper.from_array(np.array([], np.int64), "shape0"),
                            numpy_helper.from_array(np.array([1, 1], np.int64), "shape11")]),
         os.path.join(d, "reshape0.onnx"))
    np.save(os.path.join(d, "one.npy"), np.array([2.5], np.float32))
    np.save(os.path.join(d, "good.npy"), rng.standard_normal((2, 4)).astype(np.float32))
    np.save(os.path.join(d, "wrongshape.npy"), np.zeros((2, 5), np.float32))
    np.save(os.path.join(d, "wrongrank.npy"), np.zeros((2, 4, 1), np.float32))
    np.save(os.path.join(d, "int64.npy"), np.zeros((2, 4), np.int64))
    with open(os.path.join(d, "notnpy.npy"), "w") as fh:
        fh.write("this is not an npy file\n")
    with open(os.path.join(d, "notonnx.onnx"), "wb") as fh:
        fh.write(b"\x00\x01garbage that is not a protobuf\xff\xff\xff")


if __name__ == "__main__":
    main()
