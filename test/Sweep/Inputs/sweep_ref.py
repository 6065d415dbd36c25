"""Independent side of the `framnn sweep` tests (PyTorch, NumPy, onnx).

Subcommands:

  known DIR
      A hand-built ONNX model with known weights and data for it:
      DIR/diag.onnx    Gemm y = x @ diag(c) (+0), input "x" [?,4], output
                       "scores" [?,4]: every score is ONE product x_j * c_j,
                       so masked-operand scores are exact in binary32 and the
                       NumPy reference must match bit for bit (no tolerance).
      DIR/diag5.onnx   the same with a static batch of 5 (input [5,4])
      DIR/known.npz    x [1000,2,2] float32 in [1,2.5), y = argmax of the
                       exact products (x/y arrays only: one split, "train")
      DIR/split.npz    the same as x_test/y_test plus a 10-sample train split
      DIR/badlabels.npz  labels up to 7 for the 4-class model
      DIR/wide.npz     x [8,28,28] (784 values per sample: shape mismatch)
      DIR/wide.onnx    Gemm [?,10] -> [?,3] (shape mismatch the other way)

  compare-known JSON NPZ
      Recomputes every row of a sweep JSON on the diag model with NumPy
      (trunc_m by bit masking, or round to nearest even for a row whose
      "multiplier" is rne:M; argmax first-index on ties) and requires
      equal correct counts.

  train DIR
      Trains two tiny classifiers with PyTorch for a few seconds on the first
      4000 Fashion-MNIST training images and exports them (opset 13, dynamic
      batch): DIR/mlp.onnx (input [?,784]) and DIR/cnn.onnx (input
      [?,1,28,28]), plus DIR/{mlp,cnn}.pt state dicts.

  compare KIND DIR JSON
      Evaluates KIND (mlp|cnn) independently in PyTorch with masked operands
      (every product of Linear/Conv2d on trunc_m(activation) and
      trunc_m(weight), additions in float32 in PyTorch's order) on the same
      samples as the sweep JSON and compares correct counts. The summation
      order differs from FramNN's, which can flip an argmax that is (nearly)
      a tie, or a truncation boundary of a later layer's input: we allow at
      most 2 differing counts per 1000 samples and print the difference.
"""

import gzip
import json
import math
import os
import struct
import sys

import numpy as np


# --------------------------------------------------------------------------
# trunc_m, independently of FramNN: field masking of the binary32 pattern.


def mask_of(m):
    return np.uint32((0xFFFFFFFF << (23 - m)) & 0xFFFFFFFF)


def trunc_np(x, m):
    x = np.ascontiguousarray(x, dtype=np.float32)
    return (x.view(np.uint32) & mask_of(m)).view(np.float32)


def trunc_torch(t, m):
    import torch
    mask = int(mask_of(m))
    if mask >= 2**31:
        mask -= 2**32  # as int32
    return (t.contiguous().view(torch.int32) & mask).view(torch.float32)


# --------------------------------------------------------------------------
# Fashion-MNIST straight from the IDX files (not through FramNN's loader).


def fashion_dir():
    return os.environ.get("FRAMNN_FASHION_MNIST_DIR",
                          "/usr/share/datasets/fashion-mnist")


def read_idx(path):
    opener = gzip.open if path.endswith(".gz") else open
    with opener(path, "rb") as f:
        data = f.read()
    zero, dtype, ndim = struct.unpack(">HBB", data[:4])
    assert zero == 0 and dtype == 0x08, path
    dims = struct.unpack(">" + "I" * ndim, data[4:4 + 4 * ndim])
    return np.frombuffer(data, np.uint8, offset=4 + 4 * ndim).reshape(dims)


def fashion(prefix):
    d = fashion_dir()
    def path(stem):
        p = os.path.join(d, f"{prefix}-{stem}")
        return p + ".gz" if os.path.exists(p + ".gz") else p
    images = read_idx(path("images-idx3-ubyte"))
    labels = read_idx(path("labels-idx1-ubyte")).astype(np.int64)
    # numpy's rounding: divide in double, round once to float32.
    return (images / 255.0).astype(np.float32), labels


# --------------------------------------------------------------------------
# known: a hand-built model with known weights.

# Weights that differ only in their last fraction bits: they matter at m >= 20.
C = np.array([1.0, 1.0 + 2.0**-21, 1.0 + 2.0**-22, 1.0 + 2.0**-20],
             dtype=np.float32)


def diag_scores(x, m, rounding="trunc"):
    """scores[n, j] = trunc_m(x[n, j]) * trunc_m(c_j), exact in binary32 for
    m <= 11 and rounded once otherwise, exactly what one product does; with
    rounding "rne" the operands are rounded to nearest even instead
    (test/Run/Inputs/runlib.py's value model)."""
    if rounding == "rne":
        sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..",
                                        "Run", "Inputs"))
        import runlib
        return runlib.rne(x, m) * runlib.rne(C, m)[None, :]
    return trunc_np(x, m) * trunc_np(C, m)[None, :]


def first_argmax(scores):
    return np.argmax(scores, axis=1)  # first index on ties, like FramNN


def cmd_known(out):
    import onnx
    from onnx import TensorProto, helper, numpy_helper
    os.makedirs(out, exist_ok=True)

    def gemm_model(path, n_in, n_out, weight, batch="N"):
        x = helper.make_tensor_value_info("x", TensorProto.FLOAT, [batch, n_in])
        y = helper.make_tensor_value_info("scores", TensorProto.FLOAT,
                                          [batch, n_out])
        inits = [numpy_helper.from_array(weight, "W"),
                 numpy_helper.from_array(np.zeros(n_out, np.float32), "b")]
        node = helper.make_node("Gemm", ["x", "W", "b"], ["scores"])
        graph = helper.make_graph([node], "known", [x], [y], inits)
        model = helper.make_model(
            graph, opset_imports=[helper.make_opsetid("", 13)])
        model.ir_version = 8
        onnx.checker.check_model(model, full_check=True)
        onnx.save(model, path)

    gemm_model(os.path.join(out, "diag.onnx"), 4, 4, np.diag(C))
    gemm_model(os.path.join(out, "diag5.onnx"), 4, 4, np.diag(C), batch=5)
    gemm_model(os.path.join(out, "wide.onnx"), 10, 3,
               np.ones((10, 3), np.float32))

    rng = np.random.default_rng(1234)
    # x_j = base + noise of scale 2^-e, e uniform in 1..22: the class is
    # decided by fraction bit ~e, so the accuracy rises steadily with m
    # (dropped bits make ties, which argmax breaks towards class 0).
    base = rng.uniform(1.0, 2.0, size=(1000, 1))
    e = rng.integers(1, 23, size=(1000, 1))
    x = (base + rng.uniform(0, 1, size=(1000, 4)) * 2.0**-e).astype(np.float32)
    exact = x.astype(np.float64) * C.astype(np.float64)[None, :]
    y = np.argmax(exact, axis=1).astype(np.int64)
    x4 = x.reshape(1000, 2, 2)
    np.savez(os.path.join(out, "known.npz"), x=x4, y=y)
    np.savez(os.path.join(out, "split.npz"), x_test=x4, y_test=y,
             x_train=x4[:10], y_train=y[:10])
    bad = y.copy()
    bad[17] = 7
    np.savez(os.path.join(out, "badlabels.npz"), x=x4, y=bad)
    np.savez(os.path.join(out, "wide.npz"),
             x=np.zeros((8, 28, 28), np.float32), y=np.zeros(8, np.int64))
    print("class histogram", np.bincount(y, minlength=4).tolist())


def cmd_compare_known(json_path, npz_path):
    result = json.load(open(json_path))
    data = np.load(npz_path)
    suffix = "_" + result["split"]
    if "x" + suffix not in data:
        suffix = ""  # an x/y file: its one split
    xs, ys = data["x" + suffix], data["y" + suffix]
    n = result["samples"]
    x = xs.reshape(xs.shape[0], -1)[:n]
    y = ys[:n]
    bad = 0
    for row in result["results"]:
        m = row["mantissa_bits"]
        assert row["multiplier_bits"] == m + 1
        spec = row.get("multiplier", f"trunc:{m}")
        family = spec.split(":")[0]
        assert family in ("trunc", "rne"), spec
        correct = int((first_argmax(diag_scores(x, m, family)) == y).sum())
        ok = correct == row["correct"] and \
            abs(row["accuracy"] - correct / n) < 1e-9
        bad += not ok
        print(f"{spec} m={m} w={m + 1} numpy={correct} framnn={row['correct']} "
              f"{'OK' if ok else 'MISMATCH'}")
    print("all equal" if bad == 0 else f"{bad} MISMATCHES")
    return 1 if bad else 0


# --------------------------------------------------------------------------
# train / compare: tiny trained models on Fashion-MNIST.


def build(kind):
    import torch.nn as nn
    if kind == "mlp":
        return nn.Sequential(nn.Linear(784, 48), nn.ReLU(), nn.Linear(48, 10))
    return nn.Sequential(nn.Conv2d(1, 4, 5), nn.ReLU(), nn.MaxPool2d(2),
                         nn.Flatten(), nn.Linear(4 * 12 * 12, 10))


def feed_shape(kind, x):
    return x.reshape(-1, 784) if kind == "mlp" else x.reshape(-1, 1, 28, 28)


def cmd_train(out):
    import torch
    import torch.nn.functional as F
    torch.manual_seed(0)
    torch.set_num_threads(1)
    os.makedirs(out, exist_ok=True)
    images, labels = fashion("train")
    x = torch.from_numpy(images[:4000].copy())
    y = torch.from_numpy(labels[:4000].copy())
    for kind in ("mlp", "cnn"):
        model = build(kind)
        opt = torch.optim.Adam(model.parameters(), lr=3e-3)
        for epoch in range(3):
            perm = torch.randperm(x.shape[0])
            for i in range(0, x.shape[0], 64):
                idx = perm[i:i + 64]
                loss = F.cross_entropy(model(feed_shape(kind, x[idx])), y[idx])
                opt.zero_grad()
                loss.backward()
                opt.step()
        model.eval()
        torch.save(model.state_dict(), os.path.join(out, f"{kind}.pt"))
        path = os.path.join(out, f"{kind}.onnx")
        dummy = feed_shape(kind, torch.zeros(1, 784))
        with torch.no_grad():
            torch.onnx.export(
                model, (dummy,), path, export_params=True,
                do_constant_folding=False, opset_version=13,
                input_names=["input"], output_names=["logits"],
                dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
        import onnx
        onnx.checker.check_model(onnx.load(path), full_check=True)
        print(f"trained {kind}")


def masked_forward(model, x, m):
    """The model's forward with every Linear/Conv2d product on trunc_m of
    both operands; the bias is added exactly."""
    import torch
    import torch.nn as nn
    import torch.nn.functional as F
    for layer in model:
        if isinstance(layer, nn.Linear):
            x = F.linear(trunc_torch(x, m), trunc_torch(layer.weight, m),
                         layer.bias)
        elif isinstance(layer, nn.Conv2d):
            x = F.conv2d(trunc_torch(x, m), trunc_torch(layer.weight, m),
                         layer.bias, layer.stride, layer.padding,
                         layer.dilation, layer.groups)
        else:
            x = layer(x)
    return x


def cmd_compare(kind, out, json_path):
    import torch
    torch.set_num_threads(1)
    result = json.load(open(json_path))
    n = result["samples"]
    assert result["split"] in ("test", "train"), result
    images, labels = fashion("t10k" if result["split"] == "test" else "train")
    x = feed_shape(kind, torch.from_numpy(images[:n].copy()))
    y = torch.from_numpy(labels[:n].copy())
    model = build(kind)
    model.load_state_dict(torch.load(os.path.join(out, f"{kind}.pt")))
    model.eval()
    allowed = max(1, math.ceil(2 * n / 1000))
    bad = 0
    for row in result["results"]:
        m = row["mantissa_bits"]
        with torch.no_grad():
            pred = masked_forward(model, x, m).argmax(dim=1)
        correct = int((pred == y).sum())
        diff = abs(correct - row["correct"])
        ok = diff <= allowed
        bad += not ok
        print(f"{kind} m={m} w={m + 1} torch={correct} "
              f"framnn={row['correct']} diff={diff} "
              f"{'OK' if ok else 'TOO-DIFFERENT'}")
    # Plain accuracy of the model without any masking, for the report.
    with torch.no_grad():
        plain = int((model(x).argmax(dim=1) == y).sum())
    print(f"{kind} unmasked torch accuracy {plain}/{n}")
    print(f"{kind}: all within {allowed} of torch" if bad == 0 else
          f"{kind}: {bad} rows differ by more than {allowed}")
    return 1 if bad else 0


def main(argv):
    cmd = argv[1]
    if cmd == "known":
        cmd_known(argv[2])
    elif cmd == "compare-known":
        return cmd_compare_known(*argv[2:])
    elif cmd == "train":
        cmd_train(argv[2])
    elif cmd == "compare":
        return cmd_compare(*argv[2:])
    else:
        raise SystemExit(f"unknown command {cmd}")
    return 0


if __name__ == "__main__":
    sys.exit(main(sys.argv))
