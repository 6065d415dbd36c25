"""Runs each exported network (real_networks.py) through `framnn run` (exact,
m = 23) and compares with PyTorch.

Tolerance: max |framnn - torch64| <= 4 * max |torch32 - torch64| + 1e-6,
i.e. FramNN's float32 result may be at most four times as far from the
float64 result as PyTorch's own float32 result is (the measured spread is
~1e-7..1e-6 for these nets; summation orders differ between the two float32
implementations, so a factor of a few is needed).

A network that does not import yet must fail on an elementwise math op
(ReduceMean, Pow, Sqrt, Erf, ...: the other half of issue 14), never on a
shape op: the line then names the op it waits for.

usage: check_real_networks.py DIR NAME...
"""
import os
import re
import subprocess
import sys

import numpy as np

SHAPE_OPS = {"Shape", "Gather", "Unsqueeze", "Squeeze", "Concat", "Reshape",
             "ConstantOfShape", "Expand", "Where", "Equal", "Range", "Cast",
             "Split", "Slice"}

d = sys.argv[1]
for name in sys.argv[2:]:
    model = os.path.join(d, name + ".onnx")
    p = subprocess.run(["framnn-translate", "--import-onnx", model, "-o",
                        os.path.join(d, name + ".mlir")],
                       stderr=subprocess.PIPE, text=True)
    if p.returncode != 0:
        m = re.search(r"\((\w+)\): unsupported operator '(\w+)'", p.stderr)
        assert m and m.group(2) not in SHAPE_OPS, (name, p.stderr)
        print(f"{name}: shape subgraphs fold; waits for {m.group(2)}")
        continue
    out = os.path.join(d, name + "-y.npy")
    p = subprocess.run(["framnn", "run", model, "--input",
                        os.path.join(d, name + "-x.npy"), "-o", out],
                       stderr=subprocess.PIPE, text=True)
    assert p.returncode == 0, (name, p.stderr)
    y = np.load(out).astype(np.float64)
    ref = np.load(os.path.join(d, name + "-ref.npy")).astype(np.float64)
    ref64 = np.load(os.path.join(d, name + "-ref64.npy"))
    spread = np.abs(ref - ref64).max()
    err = np.abs(y - ref64).max()
    assert y.shape == ref.shape, (name, y.shape, ref.shape)
    assert err <= 4 * spread + 1e-6, (name, err, spread)
    print(f"{name}: shape subgraphs fold; run matches PyTorch "
          f"(max error {err:.1e}, float32 spread {spread:.1e})")
