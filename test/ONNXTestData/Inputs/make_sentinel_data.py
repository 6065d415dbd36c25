"""Builds a small fake test-data root in DIR (same layout as
/usr/share/libonnx-testdata/data) on which conformance.py must report
failures: it proves that the conformance check can fail.

  node/test_relu            unchanged copy                    -> passed
  node/test_relu_off        one expected value moved by 2e-3
                            relative (beyond rtol 1e-3)       -> failed
  node/test_relu_nan        one expected value made NaN       -> failed
  node/test_relu_shape      expected output reshaped          -> failed
  node/test_matmul_4d       unchanged copy                    -> passed
  node/test_maxpool_dynamic MaxPool over dynamic H and W,
                            made here (imports; framnn run
                            refuses dynamic H/W inputs)       -> failed
  node/test_cos             unchanged copy (refused import)   -> not imported
"""
import os
import shutil
import sys

import numpy as np
import onnx
from onnx import numpy_helper

SRC = "/usr/share/libonnx-testdata/data/node"


def copy(case, name, out):
    dst = os.path.join(out, "node", name)
    shutil.copytree(os.path.join(SRC, case), dst)
    return dst


def rewrite_output(case_dir, fn):
    p = os.path.join(case_dir, "test_data_set_0", "output_0.pb")
    t = onnx.load_tensor(p)
    a = fn(numpy_helper.to_array(t).copy())
    with open(p, "wb") as f:
        f.write(numpy_helper.from_array(a, t.name).SerializeToString())


def bump(a):
    i = np.unravel_index(np.argmax(np.abs(a)), a.shape)
    a[i] = a[i] * np.float32(1.002) + np.float32(1e-6)
    return a


def nan(a):
    a.reshape(-1)[0] = np.nan
    return a


def maxpool_dynamic(out):
    """A case whose model imports but that convert-nn-to-linalg refuses."""
    from onnx import TensorProto, helper
    d = os.path.join(out, "node", "test_maxpool_dynamic")
    os.makedirs(os.path.join(d, "test_data_set_0"))
    graph = helper.make_graph(
        [helper.make_node("MaxPool", ["x"], ["y"], kernel_shape=[2, 2])], "maxpool_dynamic",
        [helper.make_tensor_value_info("x", TensorProto.FLOAT, [1, 1, "H", "W"])],
        [helper.make_tensor_value_info("y", TensorProto.FLOAT, [1, 1, "OH", "OW"])])
    model = helper.make_model(graph, opset_imports=[helper.make_opsetid("", 13)])
    onnx.checker.check_model(model, full_check=True)
    onnx.save(model, os.path.join(d, "model.onnx"))
    x = np.arange(16, dtype=np.float32).reshape(1, 1, 4, 4)
    y = x.reshape(1, 1, 2, 2, 2, 2).max(axis=(3, 5))
    for name, value in (("input_0", x), ("output_0", y)):
        with open(os.path.join(d, "test_data_set_0", name + ".pb"), "wb") as f:
            f.write(numpy_helper.from_array(value, name[:-2]).SerializeToString())


def main():
    out = sys.argv[1]
    copy("test_relu", "test_relu", out)
    rewrite_output(copy("test_relu", "test_relu_off", out), bump)
    rewrite_output(copy("test_relu", "test_relu_nan", out), nan)
    rewrite_output(copy("test_relu", "test_relu_shape", out),
                   lambda a: a.reshape(a.shape[0], -1))
    copy("test_matmul_4d", "test_matmul_4d", out)
    maxpool_dynamic(out)
    copy("test_cos", "test_cos", out)


if __name__ == "__main__":
    main()
