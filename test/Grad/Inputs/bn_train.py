"""Training-mode BatchNormalization against PyTorch (issue 14).

A small conv + BatchNorm + ReLU + Linear net (BNNet below) exported by
`torch.onnx.export(..., training=TrainingMode.TRAINING)` at opset 13 (the
BatchNormalization node lists its four statistics outputs) or 15
(`training_mode=1`). Every reference is PyTorch, computed in float64 from the
float32 initializers of the ONNX file (never from FramNN's output).

    bn_train.py model OUT.onnx [--opset N] [--seed S]
        Writes the model (and prints its BatchNormalization form).
    bn_train.py data OUT.npz [--train N] [--test N] [--seed S]
        x_train/y_train/x_test/y_test: float32 samples of shape (2, 6, 6)
        (not MNIST-shaped: the .npz dataset path), 5 classes.
    bn_train.py grads --framnn F --tmp DIR MODEL.onnx...
        `framnn grad` tiers on a batch of 8 (see GRAD TIERS).
    bn_train.py sgd MODEL.onnx TRAINED.onnx DATA.npz --batch B --lr LR
                 --momentum MU --epochs E
        The same steps in torch (BNNet in float64, train(), SGD(lr,
        momentum), dataset order, floor(N/B) batches per epoch): every
        trained parameter AND the running mean/variance of TRAINED within
        SGD_TOL relative max-norm.
    bn_train.py eval TRAINED.onnx DATA.npz LOGITS.npy
        The exported model has an inference-form BatchNormalization (one
        output, no training_mode) and, evaluated by torch in eval() mode
        (running statistics) in float64, gives LOGITS (framnn run's) within
        1e-4 relative, and prints its test accuracy for `framnn eval`.

GRAD TIERS (loss = mean softmax cross-entropy, as `framnn grad`):
* exact: `--mode exact` vs torch autograd in train() mode (batch
  statistics, the gradient through mean and variance) in float64: every
  parameter gradient within EXACT_TOL relative max-norm, the loss within
  LOSS_TOL; the running statistics' gradients are all zeros. The spread of
  the float32 torch computation against the float64 one is measured and
  printed next to the tolerance (it was <= 2e-6 when written: EXACT_TOL =
  1e-4 leaves a 50x margin, while a frozen-statistics gradient is off by
  O(1), checked below as the sentinel).
* m23: `--mode framnn --mantissa-bits 23` equals `--mode exact` bit for bit.
* m8: `--mode framnn --mantissa-bits 8` vs torch whose Conv/Linear forward
  multiplies trunc_8 of both operands (runlib's bit-level mask) and whose
  backward is exact on the untruncated operands (straight-through), BN's
  statistics and normalization exact: within APPROX_TOL = 5e-4. At m = 8
  every product is exact in binary32, so only the summation order differs
  (measured <= 7e-6 when written, on conv.bias's noise floor; ~3e-7
  elsewhere); the margin is for a sum-order difference that moves an
  activation across a truncation boundary of the next layer (other CPUs
  block the sums differently). The exact reference must be farther than
  APPROX_TOL (it is 3.7e-3 away: the check has power).
  A reference whose Conv/Linear backward products take trunc_8 operands
  too (approx-mode semantics) must also be farther than APPROX_TOL, so a
  masked backward would fail (it is 5.1e-3 away on bn13).
* m8-bn: as m8 with `--approx-ops mac,batch_norm`: the reference also
  truncates BN's normalize-and-scale product (trunc_8(xhat) *
  trunc_8(scale)), straight-through; the m8 reference (BN product exact)
  must be farther than APPROX_TOL from FramNN's result (2.7e-3 away).
* frozen: `--batch-norm frozen` on the training export is the eval-mode
  gradient (torch F.batch_norm(training=False)), within EXACT_TOL; and it
  differs from the batch-statistics one by more than 10%.
"""
import argparse
import os
import sys

import numpy as np
import onnx
import torch
import torch.nn.functional as F
from onnx import numpy_helper

sys.path.insert(0, os.path.dirname(os.path.abspath(__file__)))
import gradlib  # noqa: E402
import runlib  # noqa: E402
from torch_grads import Products  # noqa: E402

BATCH = 8
CLASSES = 5
EPS = 1e-5
EXACT_TOL = 1e-4
LOSS_TOL = 1e-5
APPROX_TOL = 5e-4
SGD_TOL = 1e-4
FLOOR = 1e-2
PARAMS = ["conv.weight", "conv.bias", "bn.weight", "bn.bias", "fc.weight",
          "fc.bias"]
STATS = ["bn.running_mean", "bn.running_var"]


class BNNet(torch.nn.Module):
    def __init__(self):
        super().__init__()
        self.conv = torch.nn.Conv2d(2, 4, 3, padding=1)
        self.bn = torch.nn.BatchNorm2d(4)
        self.fc = torch.nn.Linear(4 * 6 * 6, CLASSES)

    def forward(self, x):
        return self.fc(torch.flatten(torch.relu(self.bn(self.conv(x))), 1))


def cmd_model(a):
    torch.manual_seed(a.seed)
    net = BNNet()
    with torch.no_grad():
        # Non-trivial affine parameters and running statistics.
        net.bn.weight.uniform_(0.5, 1.5)
        net.bn.bias.normal_(0, 0.2)
        net.bn.running_mean.normal_(0, 0.2)
        net.bn.running_var.uniform_(0.5, 2.0)
    net.train()
    torch.onnx.export(net, torch.randn(2, 2, 6, 6), a.out, opset_version=a.opset,
                      training=torch.onnx.TrainingMode.TRAINING,
                      do_constant_folding=False, input_names=["input"],
                      output_names=["logits"],
                      dynamic_axes={"input": {0: "batch"}, "logits": {0: "batch"}})
    model = onnx.load(a.out)
    onnx.checker.check_model(model, full_check=True)
    for node in model.graph.node:
        if node.op_type == "BatchNormalization":
            attrs = {x.name: onnx.helper.get_attribute_value(x) for x in node.attribute}
            print(f"opset {a.opset}: BatchNormalization with {len(node.output)} "
                  f"outputs, training_mode={attrs.get('training_mode', '-')}")


def cmd_data(a):
    rng = np.random.default_rng(a.seed)
    teacher = rng.standard_normal((2 * 6 * 6, CLASSES))

    def split(n):
        x = rng.standard_normal((n, 2, 6, 6)).astype(np.float32)
        y = np.argmax(x.reshape(n, -1) @ teacher, axis=1).astype(np.int64)
        return x, y

    xtr, ytr = split(a.train)
    xte, yte = split(a.test)
    np.savez(a.out, x_train=xtr, y_train=ytr, x_test=xte, y_test=yte)


def initializers(path):
    model = onnx.load(path)
    return {t.name: numpy_helper.to_array(t) for t in model.graph.initializer}


# ---- the functional reference --------------------------------------------

def trunc64(t, m):
    """trunc_m of a tensor's binary32 value, as float64 (exact)."""
    x = t.detach().to(torch.float32).numpy()
    return torch.from_numpy(runlib.trunc(x, m).astype(np.float64))


def to32(t):
    return t.to(torch.float32).to(torch.float64)


def straight_through(exact, approx):
    """`approx`'s value, `exact`'s gradient."""
    return exact + (approx - exact).detach()


def forward(P, x, m=23, approx_bn=False, frozen=False, dtype=torch.float64,
            masked_backward=False):
    """BNNet's logits from parameters P; at m < 23 the Conv/Linear (and with
    approx_bn BN's scale) products take trunc_m operands in the forward
    only, as FramNN's framnn mode; with masked_backward the Conv/Linear
    backward products take trunc_m operands too (approx-mode semantics,
    torch_grads.Products), the reference a framnn-mode result must be
    farther from."""
    w, b = P["conv.weight"], P["conv.bias"]
    masked = Products("approx", m) if masked_backward else None
    h = F.conv2d(x, w, b, padding=1)
    if masked:
        h = masked.conv(x, w, b, padding=1)
    elif m < 23:
        h = straight_through(h, to32(F.conv2d(trunc64(x, m), trunc64(w, m), None,
                                              padding=1) + b[None, :, None, None]))
    if frozen:
        h = F.batch_norm(h, P["bn.running_mean"], P["bn.running_var"],
                         P["bn.weight"], P["bn.bias"], training=False, eps=EPS)
    else:
        y = F.batch_norm(h, None, None, P["bn.weight"], P["bn.bias"],
                         training=True, eps=EPS)
        if approx_bn:
            mean = h.mean(dim=(0, 2, 3), keepdim=True)
            var = h.var(dim=(0, 2, 3), unbiased=False, keepdim=True)
            xhat = to32((h - mean) / torch.sqrt(var + EPS))
            ya = to32(to32(trunc64(xhat, m) * trunc64(P["bn.weight"], m)[None, :, None, None])
                      + P["bn.bias"][None, :, None, None])
            y = straight_through(y, ya)
        h = y
    h = torch.flatten(torch.relu(h), 1)
    fw, fb = P["fc.weight"], P["fc.bias"]
    out = F.linear(h, fw, fb)
    if masked:
        out = masked.linear(h, fw, fb)
    elif m < 23:
        out = straight_through(out, to32(F.linear(trunc64(h, m), trunc64(fw, m)) + fb))
    return out


def torch_grads(model, x, labels, dtype=torch.float64, **kw):
    init = initializers(model)
    P = {k: torch.tensor(v, dtype=dtype, requires_grad=k in PARAMS)
         for k, v in init.items()}
    logits = forward(P, torch.tensor(x, dtype=dtype), **kw)
    loss = F.cross_entropy(logits, torch.tensor(labels))
    loss.backward()
    return float(loss), {k: P[k].grad.numpy().astype(np.float64) for k in PARAMS}


def error(got, ref, k):
    """max |got - ref| of parameter k's gradient relative to max(max |ref|,
    FLOOR * the largest gradient of any parameter). The floor is for
    conv.bias: with batch statistics its gradient is exactly 0 in theory
    (BatchNorm removes the per-channel mean the bias adds), so the
    reference holds float64 rounding noise (~1e-17) and FramNN float32 noise
    (~1e-8); the check is then that it is 0 up to that noise."""
    scale = max(float(np.max(np.abs(ref[k]))),
                FLOOR * max(float(np.max(np.abs(ref[p]))) for p in PARAMS))
    diff = np.abs(np.asarray(got[k], np.float64) - ref[k])
    if np.shape(got[k]) != np.shape(ref[k]) or not np.all(np.isfinite(diff)):
        return float("inf")
    return float(np.max(diff)) / scale


def compare(report, what, got, ref_loss, ref, tol, loss_tol):
    ok = True
    for k in PARAMS:
        e = error(got, ref, k)
        ok &= report.check(e <= tol, f"{what}: {k} rel max-norm error {e:.2g} (tol {tol:g})")
    le = abs(float(got["loss"]) - ref_loss) / max(1.0, abs(ref_loss))
    ok &= report.check(le <= loss_tol, f"{what}: loss {float(got['loss']):.7g} vs "
                       f"{ref_loss:.7g} (rel {le:.2g})")
    for k in STATS:
        report.check(k in got and not np.any(got[k]),
                     f"{what}: {k} gets no gradient (all zeros)")
    return ok


def worst(got, ref):
    return max(error(got, ref, k) for k in PARAMS)


def cmd_grads(a):
    os.makedirs(a.tmp, exist_ok=True)
    report = runlib.Report("BatchNorm training gradients vs PyTorch")
    rng = np.random.default_rng(3)
    x = rng.standard_normal((BATCH, 2, 6, 6)).astype(np.float32)
    labels = rng.integers(0, CLASSES, BATCH).astype(np.int64)
    for model in a.models:
        name = os.path.splitext(os.path.basename(model))[0]

        def grad(tag, **kw):
            got, err = gradlib.run_grad(model, x, labels,
                                        os.path.join(a.tmp, f"{name}-{tag}.npz"),
                                        framnn=a.framnn, **kw)
            if err:
                report.check(False, f"{name} {tag}: {err}")
            return got

        # exact, and the float32-vs-float64 spread of the reference itself.
        ref_loss, ref = torch_grads(model, x, labels)
        _, ref32 = torch_grads(model, x, labels, dtype=torch.float32)
        print(f"{name}: torch float32 vs float64 spread {worst(ref32, ref):.2g} "
              f"(EXACT_TOL {EXACT_TOL:g})")
        exact = grad("exact", mode="exact")
        if exact:
            compare(report, f"{name} exact", exact, ref_loss, ref, EXACT_TOL, LOSS_TOL)
        m23 = grad("m23", mode="framnn", mantissa_bits=23)
        if exact and m23:
            report.check(all(np.array_equal(exact[k], m23[k]) for k in exact),
                         f"{name} m23: framnn mode at m = 23 == exact, bit for bit")

        # frozen statistics: the eval-mode gradient.
        fl, fref = torch_grads(model, x, labels, frozen=True)
        frozen = grad("frozen", mode="exact", extra=["--batch-norm", "frozen"])
        if frozen:
            compare(report, f"{name} frozen", frozen, fl, fref, EXACT_TOL, LOSS_TOL)
            d = worst(frozen, ref)
            report.check(d > 0.1, f"{name}: frozen and batch statistics give "
                         f"different gradients ({d:.2g})")

        # m = 8, framnn mode.
        l8, r8 = torch_grads(model, x, labels, m=8)
        m8 = grad("m8", mode="framnn", mantissa_bits=8)
        if m8:
            compare(report, f"{name} m8", m8, l8, r8, APPROX_TOL, 1e-3)
            d = worst(m8, ref)
            report.check(d > APPROX_TOL, f"{name} m8: the exact reference is "
                         f"farther ({d:.2g} > {APPROX_TOL:g})")
            # A masked backward (approx-mode semantics) would be seen too.
            _, r8m = torch_grads(model, x, labels, m=8, masked_backward=True)
            d = worst(m8, r8m)
            report.check(d > APPROX_TOL, f"{name} m8: the masked-backward "
                         f"reference is farther ({d:.2g} > {APPROX_TOL:g})")
        l8b, r8b = torch_grads(model, x, labels, m=8, approx_bn=True)
        m8b = grad("m8bn", mode="framnn", mantissa_bits=8,
                   extra=["--approx-ops", "mac,batch_norm"])
        if m8b:
            compare(report, f"{name} m8-bn", m8b, l8b, r8b, APPROX_TOL, 1e-3)
            d = worst(m8b, r8)
            report.check(d > APPROX_TOL, f"{name} m8-bn: the reference without "
                         f"the BN product truncated is farther ({d:.2g})")
    return report.finish()


# ---- training steps -------------------------------------------------------

def load_net(path):
    net = BNNet().double()
    init = initializers(path)
    state = net.state_dict()
    for k in state:
        if k in init:
            state[k] = torch.tensor(init[k], dtype=torch.float64)
    net.load_state_dict(state)
    return net


def cmd_sgd(a):
    net = load_net(a.model)
    net.train()
    with np.load(a.data) as z:
        x, y = z["x_train"], z["y_train"]
    opt = torch.optim.SGD(net.parameters(), lr=a.lr, momentum=a.momentum)
    steps = 0
    for _ in range(a.epochs):
        for i in range(len(y) // a.batch):
            xb = torch.tensor(x[i * a.batch:(i + 1) * a.batch], dtype=torch.float64)
            yb = torch.tensor(y[i * a.batch:(i + 1) * a.batch])
            opt.zero_grad()
            F.cross_entropy(net(xb), yb).backward()
            opt.step()
            steps += 1
    trained = initializers(a.trained)
    state = net.state_dict()
    initial = initializers(a.model)
    ok = True
    for k in PARAMS + STATS:
        want = state[k].numpy()
        e = gradlib.rel_max_error(trained[k], want)
        moved = gradlib.rel_max_error(initial[k], want)
        # conv.bias feeds the BatchNorm, which removes it: its gradient
        # is 0 and it stays put; everything else must have moved (or the
        # comparison would not test the steps).
        good = e <= SGD_TOL and (moved < SGD_TOL if k == "conv.bias"
                                 else moved > 10 * SGD_TOL)
        ok &= good
        print(f"{'ok' if good else 'FAIL'} {k}: rel max-norm error {e:.2g} "
              f"(tol {SGD_TOL:g}; moved {moved:.2g} from the initial value)")
    if ok:
        print(f"framnn train == torch train() + SGD ({steps} steps, "
              f"{len(PARAMS)} parameters, {len(STATS)} running statistics)")
        return 0
    print("FAIL: framnn train differs from torch")
    return 1


def cmd_eval(a):
    model = onnx.load(a.trained)
    onnx.checker.check_model(model, full_check=True)
    print("onnx.checker: ok")
    for node in model.graph.node:
        if node.op_type == "BatchNormalization":
            attrs = {x.name: onnx.helper.get_attribute_value(x) for x in node.attribute}
            print(f"BatchNormalization outputs {len(node.output)}, "
                  f"training_mode {attrs.get('training_mode', 0)}")
    net = load_net(a.trained)
    net.eval()
    with np.load(a.data) as z:
        x, y = z["x_test"], z["y_test"]
    with torch.no_grad():
        want = net(torch.tensor(x, dtype=torch.float64)).numpy()
    got = np.load(a.logits)
    e = gradlib.rel_max_error(got, want)
    print(f"{'ok' if e <= 1e-4 else 'FAIL'}: framnn run vs torch eval() "
          f"(running statistics): rel max-norm error {e:.2g}")
    # The batch statistics would give other logits (the check has power).
    net.train()
    with torch.no_grad():
        other = net(torch.tensor(x, dtype=torch.float64)).numpy()
    print(f"{'ok' if gradlib.rel_max_error(got, other) > 1e-2 else 'FAIL'}: "
          "batch statistics would differ")
    correct = int(np.sum(np.argmax(want, axis=1) == y))
    print(f"torch accuracy {correct}/{len(y)}")
    return 0 if e <= 1e-4 else 1


def main():
    ap = argparse.ArgumentParser()
    sub = ap.add_subparsers(dest="cmd", required=True)
    p = sub.add_parser("model")
    p.add_argument("out")
    p.add_argument("--opset", type=int, default=13)
    p.add_argument("--seed", type=int, default=0)
    p = sub.add_parser("data")
    p.add_argument("out")
    p.add_argument("--train", type=int, default=96)
    p.add_argument("--test", type=int, default=40)
    p.add_argument("--seed", type=int, default=1)
    p = sub.add_parser("grads")
    p.add_argument("--framnn", default="framnn")
    p.add_argument("--tmp", required=True)
    p.add_argument("models", nargs="+")
    p = sub.add_parser("sgd")
    for n in ("model", "trained", "data"):
        p.add_argument(n)
    p.add_argument("--batch", type=int, required=True)
    p.add_argument("--lr", type=float, required=True)
    p.add_argument("--momentum", type=float, required=True)
    p.add_argument("--epochs", type=int, default=1)
    p = sub.add_parser("eval")
    for n in ("trained", "data", "logits"):
        p.add_argument(n)
    a = ap.parse_args()
    torch.set_num_threads(1)
    return {"model": cmd_model, "data": cmd_data, "grads": cmd_grads,
            "sgd": cmd_sgd, "eval": cmd_eval}[a.cmd](a) or 0


if __name__ == "__main__":
    sys.exit(main())
