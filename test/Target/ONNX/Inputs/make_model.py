"""Writes binary ONNX models that the textual syntax cannot express (node
names, arbitrary tensor names, raw_data, external data, value_info).

Usage: make_model.py KIND OUTPUT.onnx
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper


def model(nodes, inputs, outputs, initializers=(), value_info=(), name="g",
          opset=13, ir_version=8):
    graph = helper.make_graph(nodes, name, inputs, outputs,
                              initializer=list(initializers),
                              value_info=list(value_info))
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", opset)],
                          producer_name="make_model.py")
    m.ir_version = ir_version
    return m


def f32(name, shape):
    return helper.make_tensor_value_info(name, TensorProto.FLOAT, shape)


def named():
    """Node names, names that are not identifiers, parameters listed as
    inputs (IR version 3 style), raw_data and typed data, unknown dims."""
    weight = numpy_helper.from_array(
        np.arange(8, dtype=np.float32).reshape(2, 1, 2, 2), "layer1/0.weight")
    bias = helper.make_tensor("fc.bias", TensorProto.FLOAT, [2], [0.5, -0.5])
    shape = numpy_helper.from_array(np.array([0, -1], dtype=np.int64), "shape")
    pads = helper.make_tensor("pads", TensorProto.INT64, [8],
                              [0, 0, 1, 1, 0, 0, 1, 1])
    nodes = [
        helper.make_node("Pad", ["x", "pads"], ["padded"], name="pad0"),
        helper.make_node("Conv", ["padded", "layer1/0.weight"], ["c"],
                         name="conv1"),
        helper.make_node("Reshape", ["c", "shape"], ["flat"], name="view"),
        helper.make_node("Add", ["flat", "k"], ["y"], name="fc/add"),
        helper.make_node("Constant", [], ["k"], name="const_k",
                         value=numpy_helper.from_array(
                             np.full([1], 2.0, dtype=np.float32))),
    ]
    # Topological order: the Constant first.
    nodes.insert(0, nodes.pop())
    inputs = [f32("x", ["batch", 1, 3, None]),
              f32("layer1/0.weight", [2, 1, 2, 2]), f32("fc.bias", [2]),
              helper.make_tensor_value_info("shape", TensorProto.INT64, [2]),
              helper.make_tensor_value_info("pads", TensorProto.INT64, [8])]
    m = model(nodes, inputs, [f32("y", ["batch", None])],
              [weight, bias, shape, pads], name="my-net.v2", ir_version=3)
    return m


def conv_same_dynamic():
    nodes = [helper.make_node("Conv", ["x", "w"], ["y"], name="conv1",
                              auto_pad="SAME_UPPER")]
    w = numpy_helper.from_array(np.ones([1, 1, 3, 3], np.float32), "w")
    return model(nodes, [f32("x", ["N", 1, "H", "W"])],
                 [f32("y", ["N", 1, "H", "W"])], [w])


def external():
    w = numpy_helper.from_array(np.ones([4], np.float32), "w")
    w.ClearField("raw_data")
    w.data_location = TensorProto.EXTERNAL
    entry = w.external_data.add()
    entry.key, entry.value = "location", "weights.bin"
    nodes = [helper.make_node("Add", ["x", "w"], ["y"], name="add")]
    return model(nodes, [f32("x", [4])], [f32("y", [4])], [w])


def value_info_inconsistent():
    nodes = [helper.make_node("Relu", ["x"], ["r"], name="relu"),
             helper.make_node("Identity", ["r"], ["y"], name="id")]
    return model(nodes, [f32("x", ["N", 3])], [f32("y", ["N", 3])],
                 value_info=[f32("r", ["N", 4])])


def raw_size_mismatch():
    w = TensorProto(name="w", data_type=TensorProto.FLOAT, dims=[3, 4],
                    raw_data=np.ones([2], np.float32).tobytes())
    nodes = [helper.make_node("MatMul", ["x", "w"], ["y"], name="mm")]
    return model(nodes, [f32("x", ["N", 3])], [f32("y", ["N", 4])], [w])


def lenet():
    """A LeNet-5-like classifier as PyTorch would export it (node names like
    "/conv1/Conv", dynamic batch), with seeded random parameters."""
    rng = np.random.default_rng(0)

    def param(name, *shape):
        return numpy_helper.from_array(
            rng.standard_normal(shape).astype(np.float32) * 0.1, name)

    params = [param("conv1.weight", 6, 1, 5, 5), param("conv1.bias", 6),
              param("bn1.weight", 6), param("bn1.bias", 6),
              param("bn1.running_mean", 6),
              numpy_helper.from_array(np.ones(6, np.float32), "bn1.running_var"),
              param("conv2.weight", 16, 6, 5, 5), param("conv2.bias", 16),
              param("fc1.weight", 32, 400), param("fc1.bias", 32),
              param("fc2.weight", 10, 32), param("fc2.bias", 10),
              numpy_helper.from_array(np.array([0, -1], np.int64), "flat_shape"),
              numpy_helper.from_array(np.array(0.3, np.float32), "drop_ratio")]
    n = helper.make_node
    nodes = [
        n("Conv", ["x", "conv1.weight", "conv1.bias"], ["c1"], name="/conv1/Conv",
          pads=[2, 2, 2, 2]),
        n("BatchNormalization", ["c1", "bn1.weight", "bn1.bias",
                                 "bn1.running_mean", "bn1.running_var"],
          ["b1"], name="/bn1/BatchNormalization", epsilon=1e-5, momentum=0.9),
        n("Relu", ["b1"], ["r1"], name="/Relu"),
        n("MaxPool", ["r1"], ["p1"], name="/pool1/MaxPool", kernel_shape=[2, 2],
          strides=[2, 2]),
        n("Conv", ["p1", "conv2.weight", "conv2.bias"], ["c2"], name="/conv2/Conv"),
        n("Tanh", ["c2"], ["t2"], name="/Tanh"),
        n("AveragePool", ["t2"], ["p2"], name="/pool2/AveragePool",
          kernel_shape=[2, 2], strides=[2, 2]),
        n("Reshape", ["p2", "flat_shape"], ["f"], name="/Reshape"),
        n("Gemm", ["f", "fc1.weight", "fc1.bias"], ["h"], name="/fc1/Gemm",
          transB=1),
        n("Relu", ["h"], ["hr"], name="/Relu_1"),
        n("Dropout", ["hr", "drop_ratio"], ["hd"], name="/dropout/Dropout"),
        n("Gemm", ["hd", "fc2.weight", "fc2.bias"], ["logits"], name="/fc2/Gemm",
          transB=1),
        n("LogSoftmax", ["logits"], ["log_probs"], name="/LogSoftmax", axis=1),
    ]
    return model(nodes, [f32("x", ["N", 1, 28, 28])],
                 [f32("log_probs", ["N", 10]), f32("logits", ["N", 10])],
                 params, name="main_graph")


def softmax_legacy(out_dir):
    """Opset-11 Softmax over a middle axis (the input is coerced to 2-D at
    the axis), written in the backend-test layout with NumPy's result."""
    x = np.random.default_rng(1).standard_normal([2, 3, 4]).astype(np.float32)
    rows = x.reshape(2, 12)
    e = np.exp(rows - rows.max(axis=1, keepdims=True))
    y = (e / e.sum(axis=1, keepdims=True)).reshape(2, 3, 4)
    nodes = [helper.make_node("Softmax", ["x"], ["y"], name="softmax", axis=1)]
    m = model(nodes, [f32("x", ["N", 3, 4])], [f32("y", ["N", 3, 4])],
              opset=11, ir_version=6)
    os.makedirs(os.path.join(out_dir, "test_data_set_0"), exist_ok=True)
    onnx.save(m, os.path.join(out_dir, "model.onnx"))
    for name, a in (("input_0", x), ("output_0", y)):
        onnx.save_tensor(numpy_helper.from_array(a),
                         os.path.join(out_dir, "test_data_set_0", name + ".pb"))


# Kinds that write a backend-test directory rather than one model file.
DIRECTORY_KINDS = {"softmax-legacy": softmax_legacy}

KINDS = {
    "lenet": lenet,
    "named": named,
    "conv-same-dynamic": conv_same_dynamic,
    "external": external,
    "value-info-inconsistent": value_info_inconsistent,
    "raw-size-mismatch": raw_size_mismatch,
}

if __name__ == "__main__":
    if sys.argv[1] in DIRECTORY_KINDS:
        DIRECTORY_KINDS[sys.argv[1]](sys.argv[2])
    else:
        onnx.save(KINDS[sys.argv[1]](), sys.argv[2])
