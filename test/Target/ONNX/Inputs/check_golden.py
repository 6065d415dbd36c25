"""Checks FramNN's import semantics against golden outputs.

For each directory holding model.onnx and test_data_set_0/{input,output}_*.pb
(the layout of the ONNX backend test data), the model goes through
`framnn-translate --import-onnx | framnn-translate --export-onnx`; the
exported model (opset 13, every attribute explicit, auto_pad resolved) is
evaluated by the independent NumPy interpreter python/framnn_models/npref.py
on the test inputs and compared with the golden outputs.

Usage: check_golden.py FRAMNN_TRANSLATE FRAMNN_SRC DIR...
Prints one line per model and exits non-zero on any mismatch.
"""
import glob
import os
import subprocess
import sys
import tempfile

import numpy as np
import onnx
from onnx import numpy_helper


def tensors(pattern):
    return [numpy_helper.to_array(onnx.load_tensor(p))
            for p in sorted(glob.glob(pattern))]


def main():
    translate, src, dirs = sys.argv[1], sys.argv[2], sys.argv[3:]
    sys.path.insert(0, os.path.join(src, "python"))
    from framnn_models import npref

    failures = 0
    with tempfile.TemporaryDirectory() as tmp:
        exported = os.path.join(tmp, "exported.onnx")
        for d in dirs:
            imported = subprocess.run(
                [translate, "--import-onnx", os.path.join(d, "model.onnx")],
                check=True, capture_output=True).stdout
            subprocess.run([translate, "--export-onnx", "-o", exported],
                           input=imported, check=True)
            model = onnx.load(exported)
            data = os.path.join(d, "test_data_set_0")
            inputs = dict(zip([i.name for i in model.graph.input],
                              tensors(data + "/input_*.pb")))
            expected = tensors(data + "/output_*.pb")
            got = npref.run(model, inputs)
            ok = len(got) == len(expected) and all(
                g.shape == e.shape and np.allclose(g, e, rtol=1e-4, atol=1e-5)
                for g, e in zip(got, expected))
            failures += not ok
            print("match" if ok else "MISMATCH", os.path.basename(d))
    sys.exit(1 if failures else 0)


if __name__ == "__main__":
    main()
