"""`framnn run` on the ops with integer operands against NumPy (exact: these
ops move or compare values and do no arithmetic, so results must be equal
bit for bit), then an out-of-range Gather index.

usage: shape_ops.py OUT_DIR   (prints one "ok NAME" line per case)
"""
import os
import sys

import numpy as np
import onnx
from onnx import TensorProto, helper, numpy_helper

sys.path.insert(0, os.path.dirname(__file__))
from runlib import run_framnn, run_or_raise  # noqa: E402

out = sys.argv[1]
rng = np.random.default_rng(14)
F, I64, I32 = TensorProto.FLOAT, TensorProto.INT64, TensorProto.INT32


def model(name, nodes, inputs, outputs, inits=()):
    graph = helper.make_graph(
        nodes, name, [helper.make_tensor_value_info(*i) for i in inputs],
        [helper.make_tensor_value_info(*o) for o in outputs], list(inits))
    m = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(m, full_check=True)
    path = os.path.join(out, name + ".onnx")
    onnx.save(m, path)
    return path


def save(name, array):
    path = os.path.join(out, name + ".npy")
    np.save(path, array)
    return path


def check(name, got, want):
    got, want = np.asarray(got), np.asarray(want)
    assert got.shape == want.shape, (name, got.shape, want.shape)
    assert got.dtype == want.dtype, (name, got.dtype, want.dtype)
    assert np.array_equal(got, want), (name, got, want)


# Gather on axis 0 from a table (an initializer) with int64 ids in [-5, 5).
table = rng.standard_normal((5, 3)).astype(np.float32)
path = model("gather0", [helper.make_node("Gather", ["table", "ids"], ["y"])],
             [("ids", I64, ["N", 2])], [("y", F, ["N", 2, 3])],
             [numpy_helper.from_array(table, "table")])
ids = rng.integers(-5, 5, (4, 2)).astype(np.int64)
y = run_or_raise(path, [save("ids", ids)], os.path.join(out, "g0.npy"))
check("gather0", y, np.take(table, ids, axis=0))
# An int32 file for the int64 input is widened.
y = run_or_raise(path, [save("ids32", ids.astype(np.int32))],
                 os.path.join(out, "g0_32.npy"))
check("gather0-int32-file", y, np.take(table, ids, axis=0))
print("ok gather axis 0, negative indices, int32 file widened")

# Gather on axis 1 of a run-time tensor with int32 indices (also run time).
path = model("gather1", [helper.make_node("Gather", ["x", "i"], ["y"], axis=1)],
             [("x", F, ["N", 4, 3]), ("i", I32, [3])], [("y", F, ["N", 3, 3])])
x = rng.standard_normal((2, 4, 3)).astype(np.float32)
i = np.array([3, -4, 1], dtype=np.int32)
y = run_or_raise(path, [save("x1", x), save("i1", i)], os.path.join(out, "g1.npy"))
check("gather1", y, np.take(x, i, axis=1))
print("ok gather axis 1, int32 indices")

# Unsqueeze (axes as an input), Squeeze, Split into [1, 3] along axis 1.
path = model("squeeze_split", [
    helper.make_node("Unsqueeze", ["x", "axes"], ["u"]),
    helper.make_node("Squeeze", ["u", "axes"], ["s"]),
    helper.make_node("Split", ["s", "sizes"], ["a", "b"], axis=1)],
    [("x", F, ["N", 4, 3])],
    [("u", F, ["N", 1, 4, 3, 1]), ("a", F, ["N", 1, 3]), ("b", F, ["N", 3, 3])],
    [numpy_helper.from_array(np.array([1, -1], dtype=np.int64), "axes"),
     numpy_helper.from_array(np.array([1, 3], dtype=np.int64), "sizes")])
got = run_or_raise(path, [save("x2", x)], os.path.join(out, "ss.npz"))
check("unsqueeze", got["u"], x[:, None, :, :, None])
check("split-a", got["a"], x[:, :1])
check("split-b", got["b"], x[:, 1:])
print("ok unsqueeze, squeeze, split")

# Expand to a constant shape, Equal on int64 ids, Where, Cast both ways.
path = model("where_cast", [
    helper.make_node("Expand", ["v", "shape"], ["e"]),
    helper.make_node("Equal", ["ids", "zero"], ["m"]),
    helper.make_node("Where", ["m", "e", "fill"], ["w"]),
    helper.make_node("Cast", ["ids"], ["f"], to=F),
    helper.make_node("Cast", ["e"], ["t"], to=I32)],
    [("v", F, ["N", 1, 3]), ("ids", I64, ["N", 4, 1])],
    [("w", F, ["N", 4, 3]), ("f", F, ["N", 4, 1]), ("t", I32, ["N", 4, 3])],
    [numpy_helper.from_array(np.array([1, 4, 3], dtype=np.int64), "shape"),
     numpy_helper.from_array(np.array(0, dtype=np.int64), "zero"),
     numpy_helper.from_array(np.array([-7.5], dtype=np.float32), "fill")])
v = (rng.standard_normal((2, 1, 3)) * 10).astype(np.float32)
ids = rng.integers(0, 2, (2, 4, 1)).astype(np.int64)
got = run_or_raise(path, [save("v", v), save("ids3", ids)],
                   os.path.join(out, "wc.npz"))
e = np.broadcast_to(v, (2, 4, 3))
check("where", got["w"], np.where(ids == 0, e, np.float32(-7.5)))
check("cast-to-f32", got["f"], ids.astype(np.float32))
check("cast-to-i32", got["t"], e.astype(np.int32))  # truncation toward zero
print("ok expand, equal, where, cast")

# An id outside the table: one error line, non-zero exit, no output file.
bad = np.array([[0, 1], [5, 2]], dtype=np.int64)
target = os.path.join(out, "bad-out.npy")
rc, err = run_framnn(os.path.join(out, "gather0.onnx"), [save("bad", bad)],
                     target)
lines = err.strip().splitlines()
assert rc != 0 and len(lines) == 1 and not os.path.exists(target), (rc, err)
print(lines[0])
