"""Independent side of the `framnn eval` tests (NumPy, onnx).

  data MODEL.onnx OUT.npz
      300 random 28x28 images in [0, 1) (fixed seed) and labels for them:
      the model's own prediction (NumPy reference interpreter, float64) for
      the first 200, random classes for the last 100 -- so the expected
      accuracy is about 0.7, neither 0 nor 1. Saved as x_test/y_test plus a
      20-sample x_train/y_train.

  compare MODEL.onnx NPZ JSON
      Recomputes the top-1 accuracy of the exact model on the split and
      samples that `framnn eval --json` reports (float64, python/
      framnn_models/npref.py) and compares correct counts. FramNN computes
      in float32 in its own summation order, which may flip a prediction
      whose top two scores are within 1e-4 of each other: only such samples
      may differ (their number is printed).
"""

import json
import os
import sys

import numpy as np
import onnx

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "python"))
from framnn_models import npref  # noqa: E402


def scores(model, x):
    inp = model.graph.input[0]
    dims = [d.dim_value for d in inp.type.tensor_type.shape.dim][1:]
    return npref.run(model, {inp.name: x.reshape([x.shape[0]] + dims)})[0]


def cmd_data(model_path, out):
    model = onnx.load(model_path)
    rng = np.random.default_rng(20251125)
    x = rng.random((320, 28, 28), dtype=np.float32)
    pred = np.argmax(scores(model, x), axis=1)
    y = pred.copy()
    y[200:] = rng.integers(0, 10, size=120)
    np.savez(out, x_test=x[:300], y_test=y[:300], x_train=x[300:],
             y_train=y[300:])
    print("expected test accuracy",
          float(np.mean(pred[:300] == y[:300])))


def cmd_compare(model_path, npz, json_path):
    result = json.load(open(json_path))
    data = np.load(npz)
    split = result["split"]
    n = result["samples"]
    x, y = data["x_" + split][:n], data["y_" + split][:n]
    s = scores(onnx.load(model_path), x)
    top2 = np.sort(s, axis=1)[:, -2:]
    close = (top2[:, 1] - top2[:, 0]) < 1e-4
    correct = np.argmax(s, axis=1) == y
    (row,) = result["results"]
    got = row["correct"]
    lo = int((correct & ~close).sum())
    hi = int((correct | close).sum())
    ok = lo <= got <= hi and abs(row["accuracy"] - got / n) < 1e-9
    print(f"numpy {int(correct.sum())} (ambiguous {int(close.sum())}), "
          f"framnn {got}: {'OK' if ok else 'MISMATCH'}")
    return 0 if ok else 1


if __name__ == "__main__":
    if sys.argv[1] == "data":
        sys.exit(cmd_data(*sys.argv[2:]))
    if sys.argv[1] == "compare":
        sys.exit(cmd_compare(*sys.argv[2:]))
    sys.exit("unknown command " + sys.argv[1])
