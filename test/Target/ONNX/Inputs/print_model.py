"""Prints an ONNX model one fact per line, for FileCheck.

Usage: print_model.py MODEL.onnx
"""
import sys

import onnx
from onnx import helper, numpy_helper


def dims(value_info):
    shape = value_info.type.tensor_type.shape.dim
    return "[" + ", ".join(d.dim_param or str(d.dim_value) for d in shape) + "]"


def main():
    m = onnx.load(sys.argv[1])
    print("ir_version", m.ir_version, "producer", m.producer_name)
    for opset in m.opset_import:
        print("opset", repr(opset.domain), opset.version)
    g = m.graph
    print("graph", g.name)
    for i in g.input:
        print("input", i.name, dims(i))
    for o in g.output:
        print("output", o.name, dims(o))
    for t in g.initializer:
        a = numpy_helper.to_array(t)
        values = a.tolist() if a.size <= 8 else "..."
        print("initializer", t.name,
              onnx.TensorProto.DataType.Name(t.data_type), list(t.dims),
              "=", values)
    for n in g.node:
        attrs = []
        for a in n.attribute:
            v = helper.get_attribute_value(a)
            if isinstance(v, onnx.TensorProto):
                v = numpy_helper.to_array(v).tolist()
            elif isinstance(v, bytes):
                v = v.decode()
            attrs.append(f"{a.name}={v}")
        print("node", repr(n.name), n.op_type, "(" + ", ".join(n.input) + ")",
              "->", "(" + ", ".join(n.output) + ")", " ".join(attrs))


if __name__ == "__main__":
    main()
