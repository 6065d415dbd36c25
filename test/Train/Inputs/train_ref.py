#!/usr/bin/python3
"""Independent references for the framnn train tests.

    train_ref.py data OUT.npz [--train N] [--test N] [--seed S]
                  [--features F] [--bad-label L]
        A small random classification set (x_train/y_train/x_test/y_test,
        F = 784 features, 10 classes, labels from a random linear teacher);
        --bad-label sets the 6th training label to L (error tests).
    train_ref.py sgd MODEL.onnx TRAINED.onnx DATA.npz --batch B --lr LR
                 --momentum MU --weight-decay WD --epochs E
        Trains MODEL's Gemm/ReLU MLP with torch.optim.SGD(momentum,
        weight_decay) on DATA's train split in dataset order (framnn train
        --no-shuffle: floor(N/B) batches per epoch, the rest dropped), from
        MODEL's initializers, and compares every parameter with TRAINED's:
        max |a-b| / max |b| <= 1e-5 per parameter.
    train_ref.py onnx TRAINED.onnx DATA.npz LOGITS.npy
        onnx.checker (full check) accepts TRAINED; its metadata_props are
        printed; the NumPy ONNX interpreter's logits on DATA's test split
        equal LOGITS (framnn run's, exact) within 1e-4 relative.
    train_ref.py same A B
        Two ONNX (or checkpoint .npz) files hold bit-identical parameters
        (and momentum buffers).
    train_ref.py log RUN.jsonl
        Checks the log's shape: one record per epoch with the keys of
        docs/train.md (val_acc in all or none), then one summary line;
        prints the widths, whether val_acc is there, and the summary's
        schedule.
"""
import argparse
import json
import os
import sys

import numpy as np
import onnx
from onnx import numpy_helper

sys.path.insert(0, os.path.join(os.path.dirname(__file__), "..", "..", "..",
                                "python"))


def initializers(path):
    if path.endswith(".npz"):
        with np.load(path) as z:
            return {k: z[k] for k in z.files}
    model = onnx.load(path)
    return {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}


def cmd_data(a):
    rng = np.random.default_rng(a.seed)
    teacher = rng.standard_normal((a.features, 10)).astype(np.float32)
    def split(n):
        x = rng.random((n, a.features), dtype=np.float32)
        y = np.argmax((x - 0.5) @ teacher, axis=1).astype(np.int64)
        return x, y
    xtr, ytr = split(a.train)
    xte, yte = split(a.test)
    if a.bad_label is not None:
        ytr[5] = a.bad_label
    np.savez(a.out, x_train=xtr, y_train=ytr, x_test=xte, y_test=yte)
    return 0


def gemm_layers(model):
    """(weight name, bias name, transB) of each Gemm in order; the MLP is
    Gemm -> Relu -> ... -> Gemm."""
    layers = []
    for node in model.graph.node:
        if node.op_type == "Gemm":
            attrs = {x.name: onnx.helper.get_attribute_value(x)
                     for x in node.attribute}
            layers.append((node.input[1], node.input[2], attrs.get("transB", 0)))
        elif node.op_type not in ("Relu",):
            raise SystemExit(f"sgd: unexpected op {node.op_type}")
    return layers


def product_value_of(spec):
    """The value of x @ w on the multiplier of a spec, as a function of
    float64 torch tensors and the epoch (binary32 products, summed in
    float64), or None for exact products:
      rne:M, trunc:M -- the operands rounded (test/Run/Inputs/runlib.py's
        value models), M may be a list, one width per epoch (a schedule);
      mitchell[:N] -- every product by the value model of the Mitchell
        lowering tests (check_mitchell.model)."""
    if spec in (None, "exact"):
        return None
    here = os.path.dirname(__file__)
    sys.path.insert(0, os.path.join(here, "..", "..", "Run", "Inputs"))
    sys.path.insert(0, os.path.join(here, "..", "..", "Conversion",
                                    "ApproxToLinalg", "Inputs"))
    import runlib
    import torch
    family, _, widths = spec.partition(":")
    f32 = lambda t: t.detach().to(torch.float32).numpy()  # noqa: E731
    if family == "mitchell":
        from check_mitchell import model as mitchell
        n = int(widths or 0)

        def value(x, w, epoch):
            products = mitchell(f32(x)[:, :, None], f32(w)[None, :, :], n)
            return torch.from_numpy(products.astype(np.float64).sum(axis=1))
        return value
    widths = [int(m) for m in widths.split(",")]
    fn = {"rne": runlib.rne, "trunc": runlib.trunc}[family]

    def rounded(t, epoch):
        m = widths[min(epoch, len(widths) - 1)]
        return torch.from_numpy(fn(f32(t), m).astype(np.float64))

    def value(x, w, epoch):
        return rounded(x, epoch) @ rounded(w, epoch)
    return value


def sgd_reference(a, init, layers, spec):
    """The parameters after torch.optim.SGD on the MLP whose Gemm products
    multiply on the multiplier of `spec` (framnn mode: straight-through, the
    backward exact on the unrounded operands)."""
    import torch
    approximate = product_value_of(spec)

    def product(x, w, epoch):
        """x @ w; approximate: the value of the multiplier's products (in
        binary32), the gradient of the exact ones on the unrounded operands
        (dW = x^T dy, dx = dy w^T)."""
        exact = x @ w
        if approximate is None:
            return exact
        value = approximate(x, w, epoch).to(torch.float32).to(torch.float64)
        return exact + (value - exact).detach()
    params = {k: torch.tensor(v.astype(np.float64), requires_grad=True)
              for k, v in init.items()}
    opt = torch.optim.SGD(list(params.values()), lr=a.lr,
                          momentum=a.momentum, weight_decay=a.weight_decay)
    with np.load(a.data) as z:
        x = torch.tensor(z["x_train"].reshape(len(z["x_train"]), -1),
                         dtype=torch.float64)
        y = torch.tensor(z["y_train"], dtype=torch.int64)
    batches = len(x) // a.batch
    for epoch in range(a.epochs):
        for b in range(batches):
            h = x[b * a.batch:(b + 1) * a.batch]
            for i, (w, bias, trans_b) in enumerate(layers):
                weight = params[w].t() if trans_b else params[w]
                h = product(h, weight, epoch) + params[bias]
                if i + 1 < len(layers):
                    h = torch.relu(h)
            loss = torch.nn.functional.cross_entropy(
                h, y[b * a.batch:(b + 1) * a.batch])
            opt.zero_grad()
            loss.backward()
            opt.step()
    return {k: p.detach().numpy() for k, p in params.items()}


def worst_error(trained, ref, tol=None):
    """The largest relative max-norm error of a trained parameter; with
    `tol`, one ok/FAIL line per parameter."""
    worst = 0.0
    for name, want in ref.items():
        got = trained[name].astype(np.float64)
        err = np.abs(got - want).max() / max(np.abs(want).max(), 1e-30)
        worst = max(worst, err)
        if tol is not None:
            print(f"{'ok' if err <= tol else 'FAIL'} {name}: max rel error "
                  f"{err:.2e}")
    return worst


def cmd_sgd(a):
    import torch
    torch.set_num_threads(1)
    model = onnx.load(a.model)
    init = initializers(a.model)
    layers = gemm_layers(model)
    with np.load(a.data) as z:
        batches = len(z["x_train"]) // a.batch
    params = sgd_reference(a, init, layers, a.multiplier)
    trained = initializers(a.trained)
    worst = worst_error(trained, params, a.tol)
    moved = max(np.abs(trained[k] - init[k]).max() for k in init)
    print(f"parameters moved by up to {moved:.3g}")
    # Power: the reference of another multiplier is farther.
    for other in a.power_against or []:
        other_err = worst_error(trained, sgd_reference(a, init, layers, other))
        ok = other_err > worst
        print(f"{'ok' if ok else 'FAIL'} power: the {other} reference is "
              f"{other_err:.3g} away (own {worst:.3g})")
        worst = worst if ok else float("inf")
    if worst > a.tol or moved == 0:
        print("FAIL: framnn train differs from torch.optim.SGD")
        return 1
    print(f"framnn train == torch.optim.SGD ({batches * a.epochs} steps, "
          f"{len(params)} parameters)")
    return 0


def cmd_onnx(a):
    from framnn_models import npref
    model = onnx.load(a.trained)
    onnx.checker.check_model(model, full_check=True)
    print("onnx.checker: ok")
    for prop in model.metadata_props:
        print(f"metadata {prop.key} = {prop.value}")
    with np.load(a.data) as z:
        x = z["x_test"].reshape(len(z["x_test"]), -1).astype(np.float32)
    ref = npref.run(model, {model.graph.input[0].name: x})
    ref = ref[0] if isinstance(ref, (list, tuple)) else ref
    got = np.load(a.logits).astype(np.float64)
    err = np.abs(got - ref).max() / max(np.abs(ref).max(), 1e-30)
    print(f"{'ok' if err <= 1e-4 else 'FAIL'}: framnn run vs NumPy ONNX "
          f"interpreter, max rel error {err:.2e}")
    return 0 if err <= 1e-4 else 1


def cmd_same(a):
    x, y = initializers(a.a), initializers(a.b)
    names = sorted(k for k in x if not k.startswith("__"))
    for k in names:
        if k not in y or x[k].tobytes() != y[k].tobytes():
            print(f"DIFFERENT: {k}")
            return 1
    print(f"identical: {len(names)} parameters")
    return 0


def cmd_close(a):
    x, y = initializers(a.a), initializers(a.b)
    names = sorted(k for k in x if not k.startswith("__"))
    worst = 0.0
    for k in names:
        ref = x[k].astype(np.float64)
        got = y[k].astype(np.float64)
        err = np.abs(got - ref).max() / max(np.abs(ref).max(), 1e-30)
        worst = max(worst, err)
    verdict = "close" if worst <= a.rtol else "FAR"
    print(f"{verdict}: {len(names)} parameters, max rel error {worst:.1e} "
          f"(tolerance {a.rtol:g})")
    return 0 if worst <= a.rtol else 1


def cmd_log(a):
    keys = {"epoch", "m", "loss", "train_acc", "test_acc", "seconds",
            "train_seconds", "modelled_energy"}
    lines = [json.loads(line) for line in open(a.log)]
    records, summary = lines[:-1], lines[-1]
    # val_acc: in every record of a run with a validation split, in none
    # without.
    if records and "val_acc" in records[0]:
        keys.add("val_acc")
    for i, r in enumerate(records):
        if set(r) != keys or r["epoch"] != i:
            print(f"FAIL: record {i}: {r}")
            return 1
        # The training steps are part of the epoch, the evaluation follows.
        if not 0 < r["train_seconds"] <= r["seconds"]:
            print(f"FAIL: record {i}: train_seconds not in (0, seconds]: {r}")
            return 1
    if "summary" not in summary:
        print("FAIL: no summary line")
        return 1
    s = summary["summary"]
    print("widths", [r["m"] for r in records])
    print("val_acc", "yes" if "val_acc" in keys else "no")
    print("schedule", json.dumps(s["schedule"]))
    if s["schedule"]["mantissa_bits"] != [r["m"] for r in records]:
        print("FAIL: the summary's schedule is not the widths trained")
        return 1
    print("log ok")
    return 0


def main():
    p = argparse.ArgumentParser()
    sub = p.add_subparsers(dest="cmd", required=True)
    d = sub.add_parser("data")
    d.add_argument("out")
    d.add_argument("--train", type=int, default=256)
    d.add_argument("--test", type=int, default=64)
    d.add_argument("--seed", type=int, default=0)
    d.add_argument("--features", type=int, default=784)
    d.add_argument("--bad-label", type=int)
    s = sub.add_parser("sgd")
    s.add_argument("model")
    s.add_argument("trained")
    s.add_argument("data")
    s.add_argument("--batch", type=int, required=True)
    s.add_argument("--lr", type=float, required=True)
    s.add_argument("--momentum", type=float, required=True)
    s.add_argument("--weight-decay", type=float, required=True)
    s.add_argument("--epochs", type=int, default=1)
    s.add_argument("--multiplier", help="the products' multiplier "
                   "(rne:M or trunc:M, M may be a list, one width per "
                   "epoch; or mitchell[:N]; framnn mode); default exact")
    s.add_argument("--tol", type=float, default=1e-5,
                   help="max relative error of every parameter")
    s.add_argument("--power-against", action="append",
                   help="a multiplier whose reference must be farther")
    o = sub.add_parser("onnx")
    o.add_argument("trained")
    o.add_argument("data")
    o.add_argument("logits")
    m = sub.add_parser("same")
    m.add_argument("a")
    m.add_argument("b")
    c = sub.add_parser("close")
    c.add_argument("a")
    c.add_argument("b")
    c.add_argument("--rtol", type=float, required=True)
    g = sub.add_parser("log")
    g.add_argument("log")
    a = p.parse_args()
    return {"data": cmd_data, "sgd": cmd_sgd, "onnx": cmd_onnx,
            "same": cmd_same, "close": cmd_close, "log": cmd_log}[a.cmd](a)


if __name__ == "__main__":
    sys.exit(main())
